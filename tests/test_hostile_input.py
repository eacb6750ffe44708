"""Hostile and unbounded input (issue 14), each through the installed command on a generated
fixture: an article over its time budget, lone surrogates, symlinks out of the inputs, special
files, control characters, huge metadata and long file names."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SCRIPT = str(Path(sys.executable).parent / "clusterkb")
GOOD = "В Томской области создан новый промышленный кластер. В него вошли 12 компаний региона.\n"
PARAGRAPH = ("Губернатор Омской области Виталий Хоценко открыл индустриальный парк «Омский». "
             "Резидентами стали {n} компаний, инвестиции составят {n} млрд рублей. "
             "Директор АО «Сибирский завод» Иван Петров сообщил, что до 2026 года будет создано {n} рабочих мест.\n")


def run(*args: str, stdin: str | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([SCRIPT, *args], capture_output=True, text=True, input=stdin, timeout=timeout)


def errors(out: subprocess.CompletedProcess) -> list[str]:
    assert "Traceback" not in out.stderr, out.stderr
    return [line for line in out.stderr.splitlines() if line.startswith("clusterkb: ")]


def long_article(chars: int) -> str:
    parts, size, n = [], 0, 2
    while size < chars:
        parts.append(PARAGRAPH.format(n=n))
        size, n = size + len(parts[-1]), n + 1
    return "".join(parts)


def test_an_article_past_its_time_budget_fails_alone_and_the_batch_goes_on(tmp_path):
    slow, good = tmp_path / "slow.txt", tmp_path / "good.txt"
    slow.write_text(long_article(2_000_000), encoding="utf-8")
    good.write_text(GOOD, encoding="utf-8")
    out = run("extract", str(slow), str(good), "--article-timeout", "5", "--format", "jsonl")
    assert out.returncode == 1
    assert [json.loads(line)["article"]["path"] for line in out.stdout.splitlines()] == [str(good)]
    [line] = errors(out)
    assert "slow.txt" in line and "--article-timeout" in line
    data = tmp_path / "data"
    out = run("--data-dir", str(data), "ingest", str(slow), str(good), "--article-timeout", "5", "--workers", "2")
    assert out.returncode == 1
    assert [line for line in errors(out) if "slow.txt" in line and "--article-timeout" in line]
    stats = json.loads(run("--data-dir", str(data), "stats", "--format", "json").stdout)
    assert stats["articles"] == 1


def test_lone_surrogates_in_a_feed_a_sidecar_and_a_file_name_are_made_safe(tmp_path):
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "feed.jsonl").write_text(json.dumps({"text": GOOD, "title": "Кластер \ud800 «Омск»"}) + "\n", encoding="utf-8")
    (inbox / "side.txt").write_text("Технопарк открыт. " + GOOD, encoding="utf-8")
    (inbox / "side.meta.json").write_text(json.dumps({"title": "Заголовок \udc80", "source": "Агентство \udfff"}),
                                          encoding="utf-8")
    with open(bytes(inbox) + b"/\xff\xfe-name.txt", "w", encoding="utf-8") as f:  # a name that is not UTF-8
        f.write("Индустриальный парк открыт. " + GOOD)
    data = tmp_path / "data"
    out = run("--data-dir", str(data), "ingest", str(inbox))
    assert out.returncode == 0, out.stderr
    assert not errors(out)
    articles = {a["path"]: a for a in (json.loads(line)["article"]
                                      for line in run("extract", str(inbox), "--format", "jsonl").stdout.splitlines())}
    assert articles[f"{inbox}/feed.jsonl:1"]["title"] == "Кластер \ufffd «Омск»"
    assert articles[f"{inbox}/side.txt"]["title"] == "Заголовок \ufffd"
    assert f"{inbox}/\ufffd\ufffd-name.txt" in articles
    stats = json.loads(run("--data-dir", str(data), "stats", "--format", "json").stdout)
    assert stats["articles"] == 3


def test_links_to_folders_out_of_the_inputs_and_special_files_are_not_read(tmp_path):
    """A link to a folder elsewhere is not walked and a sidecar must sit beside its article; a
    link to a file is read as that file (a folder of links is a way to name articles)."""
    inbox, outside = tmp_path / "in", tmp_path / "outside"
    inbox.mkdir(), (outside / "deep").mkdir(parents=True)
    (outside / "deep" / "secret.txt").write_text("Секретный технопарк открыт в Омске. " + GOOD, encoding="utf-8")
    (outside / "named.txt").write_text("Названный технопарк открыт в Томске. " + GOOD, encoding="utf-8")
    (inbox / "good.txt").write_text(GOOD, encoding="utf-8")
    (inbox / "away").symlink_to(outside / "deep", target_is_directory=True)
    (inbox / "named.txt").symlink_to(outside / "named.txt")
    (inbox / "side.txt").write_text("Технопарк открыт. " + GOOD, encoding="utf-8")
    (inbox / "side.meta.json").symlink_to(outside / "deep" / "secret.txt")
    (inbox / "here").symlink_to(inbox / "good.txt")  # a link within the inputs is fine (but not an article name)
    os.mkfifo(inbox / "pipe.txt")
    data = tmp_path / "data"
    out = run("--data-dir", str(data), "ingest", str(inbox), timeout=120)
    assert out.returncode == 1
    lines = errors(out)
    for name in ("away:", "side.meta.json:"):
        [line] = [x for x in lines if f"/{name}" in x]
        assert "--follow-symlinks" in line and "outside" in line
    [fifo] = [x for x in lines if "pipe.txt" in x]
    assert "not a regular file" in fifo
    facts = run("--data-dir", str(data), "export", "--format", "jsonl").stdout
    assert "Секретный" not in facts and "secret.txt" not in facts
    assert "Названный" in facts
    run("--data-dir", str(data), "ingest", str(inbox), "--follow-symlinks", timeout=120)
    assert "secret.txt" in run("--data-dir", str(data), "export", "--format", "jsonl").stdout


def test_control_characters_and_markup_never_reach_the_terminal_raw(tmp_path):
    inbox = tmp_path / "in"
    inbox.mkdir()
    evil = "В Омске\x1b[31m открыт\u202e технопарк\n«Север»"
    (inbox / "feed.jsonl").write_text(json.dumps({"text": GOOD, "title": evil, "source": "ТАСС\x07\x1b]0;x\x07"}) + "\n",
                                      encoding="utf-8")
    (inbox / "markup.txt").write_text("Директор технопарка Иван Петров открыл [link=https://evil.example]сайт[/link] "
                                      "и сказал [bold red]важное[/].\n", encoding="utf-8")
    bad_name = inbox / "evil\n\x1b[31mname.txt"
    bad_name.write_bytes(b"")
    data = tmp_path / "data"
    out = run("--data-dir", str(data), "ingest", str(inbox))
    [line] = [x for x in errors(out) if "empty" in x]
    assert "\x1b" not in out.stderr and "'" in line and "\\n" in line and "\\x1b" in line
    [record] = [json.loads(x) for x in run("extract", str(inbox / "feed.jsonl"), "--format", "jsonl").stdout.splitlines()]
    assert record["article"]["title"] == "В Омске [31m открыт технопарк «Север»"
    assert record["article"]["source"] == "ТАСС ]0;x"
    card = run("--data-dir", str(data), "show", "Петров", "--format", "table").stdout
    assert "[link=https://evil.example]сайт[/link]" in card and "[bold red]важное[/]" in card
    assert "\x1b]8;" not in card  # no OSC 8 hyperlink


def test_huge_metadata_is_cut_with_a_warning_and_sidecars_are_bounded(tmp_path):
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "feed.jsonl").write_text(json.dumps({"text": GOOD, "title": "Т" * 60_000}, ensure_ascii=False) + "\n"
                                      + json.dumps({"text": GOOD + "Ещё.", "published": "2024" * 25_000}) + "\n",
                                      encoding="utf-8")
    (inbox / "side.txt").write_text(GOOD, encoding="utf-8")
    (inbox / "side.meta.json").write_text(json.dumps({"title": "Заголовок", "notes": "x" * 300_000}), encoding="utf-8")
    out = run("extract", str(inbox), "--format", "jsonl", "--max-size", "200KB")
    lines = errors(out)
    assert all(len(x) < 400 for x in lines), lines
    [cut] = [x for x in lines if "feed.jsonl:1" in x]
    assert "title" in cut and "60,000" in cut and "cut to 1,000" in cut
    assert [x for x in lines if "feed.jsonl:2" in x and "published" in x]
    [big] = [x for x in lines if "side.meta.json" in x]
    assert "--max-size" in big
    titles = [json.loads(x)["article"]["title"] for x in out.stdout.splitlines()]
    assert titles == ["Т" * 1000]


def test_a_file_name_of_254_bytes_is_read(tmp_path):
    name = "д" * 124 + "xy.txt"
    assert len(name.encode()) == 254
    (tmp_path / name).write_text(GOOD, encoding="utf-8")
    out = run("extract", str(tmp_path / name), "--format", "jsonl")
    assert out.returncode == 0 and not errors(out)
    assert json.loads(out.stdout)["article"]["path"].endswith(name)


def test_a_tag_with_200000_attributes_is_tamed_before_parsing(tmp_path):
    attributes = " ".join(f'data-a{i}="v>{i}"' for i in range(200_000))
    page = tmp_path / "page.html"
    page.write_text(f"<html><head><title>Технопарк в Омске</title></head><body><div {attributes}>"
                    f"<p>{GOOD}</p></div></body></html>", encoding="utf-8")
    out = run("extract", str(page), "--format", "jsonl", timeout=60)
    assert out.returncode == 0
    [line] = errors(out)
    assert "page.html" in line and "attributes" in line and len(line) < 300
    record = json.loads(out.stdout)
    assert {"Томская область", "12"} <= {str(f.get("name", f.get("value"))) for f in record["facts"]}
