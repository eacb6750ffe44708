"""The knowledge base over time: changed, swapped, deleted and forgotten articles, feeds,
workers, other working directories, and recovery with --force."""
from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clusterkb import ingest as ingest_module
from clusterkb.cli import app
from clusterkb.resolve.incremental import Outcome

runner = CliRunner()
SCRIPT = str(Path(sys.executable).parent / "clusterkb")
ONE = "В Калужской области открыли индустриальный парк «Ворсино-2». Резидентами стали 7 компаний."
TWO = "В Липецкой области создан промышленный кластер. В него вошли 14 предприятий региона."
THREE = "Губернатор Курской области Роман Старовойт открыл технопарк «Курск-Тех»."


def run(data: Path, *args: str, input: str | None = None):
    return runner.invoke(app, ["--data-dir", str(data), *args], input=input)


def articles(data: Path) -> list[str]:
    """The ids of the articles in the knowledge base."""
    with sqlite3.connect(data / "extracted" / "kb.sqlite") as db:
        return [i for (i,) in db.execute("SELECT id FROM articles ORDER BY id")]


def stats(data: Path) -> dict:
    return json.loads(run(data, "stats", "--format", "json").stdout)


def two_articles_ingested(tmp_path: Path) -> tuple[Path, Path]:
    """A data dir and a folder raw/ of two articles (a.txt, b.txt), ingested."""
    data, raw = tmp_path / "data", tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(ONE, encoding="utf-8")
    (raw / "b.txt").write_text(TWO, encoding="utf-8")
    assert run(data, "ingest", str(raw), "-q").exit_code == 0
    return data, raw


def feed(path: Path, *texts: str) -> None:
    path.write_text("".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in texts), encoding="utf-8")


def test_a_rewritten_feed_keeps_only_its_new_articles(tmp_path):
    data, src = tmp_path / "data", tmp_path / "feed.jsonl"
    feed(src, ONE, TWO)
    assert run(data, "ingest", str(src), "-q").exit_code == 0
    assert stats(data)["articles"] == 2
    feed(src, THREE)
    assert run(data, "ingest", str(src), "-q").exit_code == 0
    for _ in range(2):  # the replaced articles never come back
        assert run(data, "ingest", str(src), "-q").exit_code == 0
        assert stats(data)["articles"] == 1
    assert len(articles(data)) == 1


def test_a_file_overwritten_with_another_files_content_is_one_article(tmp_path):
    data, raw = two_articles_ingested(tmp_path)
    shutil.copy(raw / "b.txt", raw / "a.txt")
    for _ in range(2):
        assert run(data, "ingest", str(raw), "-q").exit_code == 0
        assert stats(data)["articles"] == 1


def test_a_file_deleted_from_an_ingested_folder_leaves(tmp_path):
    data, raw = two_articles_ingested(tmp_path)
    (raw / "a.txt").unlink()
    result = run(data, "ingest", str(raw))
    assert "1 removed" in result.stderr
    assert stats(data)["articles"] == 1
    names = [json.loads(x)["name"] for x in run(data, "query", "--kind", "organization", "--format", "jsonl").stdout.splitlines()]
    assert not any("Ворсино" in n for n in names)


def test_the_same_folder_from_another_directory_is_the_same_files(tmp_path):
    data, raw = tmp_path / "data", tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(ONE, encoding="utf-8")
    env = {**os.environ, "CLUSTERKB_DATA_DIR": str(data)}
    assert subprocess.run([SCRIPT, "ingest", "raw", "-q"], cwd=tmp_path, env=env).returncode == 0
    again = subprocess.run([SCRIPT, "ingest", str(raw)], cwd="/", env=env, capture_output=True, text=True)
    assert "0 new, 0 changed, 1 unchanged" in again.stderr
    gone = subprocess.run([SCRIPT, "forget", str(raw / "a.txt")], env=env, capture_output=True, text=True)
    assert gone.returncode == 0 and "forgot 1 article" in gone.stderr


def test_forget_by_id_and_path_and_names_that_match_nothing(tmp_path):
    data, raw = two_articles_ingested(tmp_path)
    ids = articles(data)
    result = run(data, "forget", ids[0][:8], "no-such-article")
    assert result.exit_code == 1
    assert "no-such-article" in result.stderr and "forgot 1 article" in result.stderr
    assert stats(data)["articles"] == 1
    assert run(data, "forget", str(raw / "b.txt")).exit_code == 0
    assert stats(data)["articles"] == 0


def test_forget_without_a_knowledge_base_creates_nothing(tmp_path):
    result = run(tmp_path / "typo", "forget", "abcdef")
    assert result.exit_code == 3 and "no knowledge base" in result.stderr
    assert not (tmp_path / "typo").exists()


def test_two_workers_give_the_one_worker_result_and_count_duplicates_once(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for i, text in enumerate([ONE, TWO, THREE, ONE, ONE]):
        (raw / f"{i}.txt").write_text(text, encoding="utf-8")
    out = {}
    for workers in ("1", "2"):
        data = tmp_path / f"data{workers}"
        result = run(data, "ingest", str(raw), "--workers", workers)
        assert "3 new, 0 changed, 2 unchanged" in result.stderr
        out[workers] = [json.loads(x) for x in run(data, "export").stdout.splitlines()]
    assert out["1"] == out["2"]


REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "real"


@pytest.mark.skipif(not REAL.exists(), reason="the shared real pages are not beside the repo")
def test_a_runs_counts_of_facts_are_the_knowledge_bases_however_often_it_resolved(tmp_path, monkeypatch):
    """Resolving after every article (a two-worker run resolves at moments of its own): on an
    empty store every fact is added, none merged. Entities made early in the run and renamed or
    regrouped away by a later resolution used to be counted as well, and those renamed as merged."""
    monkeypatch.setattr(ingest_module, "RESOLVE_EVERY", 1)
    report = ingest_module.ingest(sorted(str(p) for p in REAL.glob("*.txt")), tmp_path / "data")
    assert (report.facts_added, report.facts_merged) == (report.facts_total, 0) and report.facts_total > 300


def test_run_outcomes_count_an_entity_made_and_renamed_later_as_made():
    run_so_far = Outcome(added={"org-aaa"})
    run_so_far.absorb(Outcome(merged={"org-bbb"}, renamed={"org-aaa": "org-bbb"}))
    assert run_so_far.added == {"org-aaa", "org-bbb"} and run_so_far.merged == {"org-bbb"}


def test_ingest_from_stdin_and_the_runs_it_leaves(tmp_path):
    data = tmp_path / "data"
    lines = "".join(json.dumps({"text": t, "url": f"http://example.ru/{i}"}, ensure_ascii=False) + "\n"
                    for i, t in enumerate([ONE, TWO]))
    result = run(data, "ingest", "-", input=lines)
    assert result.exit_code == 0 and "2 new" in result.stderr
    runs = [json.loads(x) for x in run(data, "runs", "--format", "jsonl").stdout.splitlines()]
    assert runs[-1]["articles"]["new"] == 2 and runs[-1]["failures"] == []


def test_rebuild_resolves_the_stored_facts_again_without_the_nlp(tmp_path):
    data, raw = two_articles_ingested(tmp_path)
    facts = run(data, "export").stdout
    with sqlite3.connect(data / "extracted" / "kb.sqlite") as db:  # entities in doubt: some lost
        db.execute("DELETE FROM entities WHERE kind = 'location'")
    assert run(data, "export").stdout != facts
    result = run(data, "rebuild")
    assert result.exit_code == 0 and "facts in the knowledge base" in result.stderr
    assert run(data, "export").stdout == facts


def test_until_and_since_bound_dates_and_bad_dates_are_usage_errors(tmp_path):
    data = tmp_path / "data"
    text = "Парк открыли 5 марта 2023 года. Второй парк откроют в 2025 году, а третий — в мае 2024 года."
    assert run(data, "ingest", "-", "-q", input=json.dumps({"text": text, "published": "2023-03-06"}, ensure_ascii=False)).exit_code == 0

    def dates(*args: str) -> list[str]:
        out = run(data, "query", "--kind", "date", *args, "--format", "jsonl").stdout
        return sorted(json.loads(x)["value"] for x in out.splitlines())

    assert dates() == ["2023-03-05", "2024-05", "2025"]
    assert dates("--until", "2024") == ["2023-03-05", "2024-05"]
    assert dates("--until", "2023-03") == ["2023-03-05"]
    assert dates("--since", "2024-06") == ["2025"]
    for bad in ("foo", "2024-13-45"):
        assert run(data, "query", "--since", bad).exit_code == 2


def test_run_records_say_what_happened_also_when_interrupted(tmp_path):
    """--force re-extracts (not «new»); a Ctrl-C'd run leaves a record marked interrupted, and the
    next run counts the facts the interrupted one stored but had not resolved."""
    data, raw = two_articles_ingested(tmp_path)
    forced = run(data, "ingest", str(raw), "--force")
    assert "0 new" in forced.stderr and "2 reextracted" in forced.stderr
    for i in range(200):
        (raw / f"more{i}.txt").write_text(f"{THREE} В парке работают {i + 3} компаний.", encoding="utf-8")
    proc = subprocess.Popen([SCRIPT, "--data-dir", str(data), "ingest", str(raw), "-q"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while len(articles(data)) < 5 and time.monotonic() < deadline:  # interrupted once it has stored some
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=60) == 130
    records = [json.loads(x) for x in run(data, "runs", "--format", "jsonl").stdout.splitlines()]
    assert records[-1]["interrupted"] is True
    again = run(data, "ingest", str(raw))
    assert again.exit_code == 0
    assert stats(data)["articles"] == 202


def test_an_interrupted_run_keeps_the_files_it_finished(tmp_path):
    """A file is recorded as soon as its articles are in, not at the end of the run: after a
    Ctrl-C the next run skips the finished files by size and mtime instead of reading them."""
    from clusterkb.ingest import ingest

    data, raw = tmp_path / "data", tmp_path / "raw"
    raw.mkdir()
    for i in range(6):
        (raw / f"a{i}.txt").write_text(f"{THREE} В парке работают {i + 3} компаний.", encoding="utf-8")
    stored: list[str] = []

    def stop_after_three(path: str, status: str) -> None:
        stored.append(path)
        if len(stored) == 3:
            raise KeyboardInterrupt

    try:
        ingest([str(raw)], data, progress=stop_after_three)
    except KeyboardInterrupt:
        pass
    for i in range(3):  # same size and time, other words: only a file read again would show it
        path = raw / f"a{i}.txt"
        before = path.stat()
        path.write_text(path.read_text(encoding="utf-8").replace("открыл", "закрыл"), encoding="utf-8")
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    seen: dict[str, str] = {}
    report = ingest([str(raw)], data, progress=lambda path, status: seen.setdefault(Path(path).name, status))
    assert (report.new, report.changed, report.unchanged) == (3, 0, 3)
    assert sorted(name for name, status in seen.items() if status == "unchanged") == ["a0.txt", "a1.txt", "a2.txt"]
