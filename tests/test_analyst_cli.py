"""What an analyst meets at the terminal, through the installed `clusterkb` command: the best
entity for a name, article text printed as written, a clear word for a missing knowledge base,
formats each command takes, undated facts counted, readable numbers, typed CSV, `articles`."""
from __future__ import annotations

import csv
import io
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLES

SCRIPT = str(Path(sys.executable).parent / "clusterkb")
READ_ONLY = ("extract", "query", "show", "stats", "articles", "export", "runs")
# Our own article: a surname in capitals the model also reads as an organisation, and text
# with square brackets that Rich would take for markup.
OWN_ARTICLE = """Технопарк [bold]«Сфера»[/bold] открыт в Томске [ru, 2024-02-29]
15 марта 2024

Вчера под руководством заместителя губернатора Томской области Игоря КРАСНОПЕВЦЕВА состоялось совещание.
Игорь Краснопевцев также встретился с директором технопарка Ольгой ЗАБЕЛИНОЙ.
ЗАБЕЛИНА рассказала о планах.
Ольга Забелина назвала проект [link]«Сфера»[/link] главным для региона.
Инвестиции в технопарк составят 2,5 млрд рублей, в нём появятся 1500 рабочих мест.
"""


def cli(*args: str, cwd: Path | None = None, columns: int = 80) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": str(columns)}
    env.pop("CLUSTERKB_DATA_DIR", None)
    return subprocess.run([SCRIPT, *args], capture_output=True, text=True, cwd=cwd, env=env)


def jsonl(result: subprocess.CompletedProcess) -> list[dict]:
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def csv_rows(result: subprocess.CompletedProcess) -> list[dict]:
    assert result.returncode == 0, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout)))


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A folder with data/raw holding the sample articles, ingested into ./data as the README does."""
    root = tmp_path_factory.mktemp("project")
    shutil.copytree(SAMPLES, root / "data" / "raw")
    assert cli("ingest", "-q", cwd=root).returncode == 0
    return root


@pytest.fixture(scope="module")
def own(tmp_path_factory) -> Path:
    """A knowledge base of our own article."""
    data = tmp_path_factory.mktemp("own") / "data"
    (data / "raw").mkdir(parents=True)
    (data / "raw" / "tomsk.txt").write_text(OWN_ARTICLE, encoding="utf-8")
    assert cli("--data-dir", str(data), "ingest", "-q").returncode == 0
    return data


def test_show_picks_the_person_over_her_surname_read_as_an_organisation(own):
    picked = jsonl(cli("--data-dir", str(own), "show", "Забелина", "--format", "jsonl"))
    assert [(f["kind"], f["name"]) for f in picked] == [("person", "Ольга Забелина")]
    card = cli("--data-dir", str(own), "show", "ЗАБЕЛИНА")
    assert card.stdout.splitlines()[0].count("Ольга Забелина") == 1
    orgs = [f["name"] for f in jsonl(cli("--data-dir", str(own), "query", "--kind", "organization"))]
    if "ЗАБЕЛИНА" in orgs:
        assert "Also matching: ЗАБЕЛИНА (organization)" in card.stdout


def test_article_text_is_printed_as_written(own):
    table = cli("extract", str(own / "raw" / "tomsk.txt"), "--format", "table", columns=200)
    assert table.returncode == 0, table.stderr
    title_line = " ".join(table.stdout.split())
    assert "Технопарк [bold]«Сфера»[/bold] открыт в Томске [ru, 2024-02-29] [ru, 2024-03-15]" in title_line
    card = " ".join(cli("--data-dir", str(own), "show", "Забелина", columns=200).stdout.split())
    assert "[link]«Сфера»[/link]" in card and "[bold]«Сфера»[/bold]" in card


@pytest.mark.parametrize("command", [["stats"], ["query"], ["show", "Лабудин"], ["export"], ["runs"], ["articles"]])
def test_a_missing_knowledge_base_is_a_usage_error(tmp_path, command):
    missing = tmp_path / "nonexistent"
    result = cli("--data-dir", str(missing), *command)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and f"{missing}: no such directory" in result.stderr
    empty = cli("--data-dir", str(tmp_path), *command)
    assert empty.returncode == 2 and "no knowledge base in this directory" in empty.stderr
    (tmp_path / "file").write_text("not a folder")
    assert "not a directory" in cli("--data-dir", str(tmp_path / "file"), *command).stderr


@pytest.mark.parametrize("command", [["stats"], ["query"], ["show", "Лабудин"], ["export"], ["runs"], ["articles"]])
def test_data_dir_is_taken_after_the_command_too(project, tmp_path, command):
    before = cli("--data-dir", str(project / "data"), *command, "--format", "json", cwd=tmp_path)
    after = cli(*command, "--data-dir", str(project / "data"), "--format", "json", cwd=tmp_path)
    assert after.returncode == 0, after.stderr
    assert after.stdout == before.stdout and json.loads(after.stdout)


def test_ingest_takes_data_dir_after_the_command_too(tmp_path):
    kb = tmp_path / "kb"
    result = cli("ingest", str(SAMPLES / "001_e7b637a670ab6d82.txt"), "--data-dir", str(kb), "-q", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(cli("stats", "--data-dir", str(kb), "--format", "json").stdout)["articles"] == 1
    assert not (tmp_path / "data").exists()


def _formats_in_help(command: str) -> list[str]:
    """The formats a command's --help names for --format."""
    text = re.sub(r"[│╭╮╰╯─]+", " ", cli(command, "--help", columns=300).stdout)
    found = re.search(r"--format\s+-f\s+\S+\s+([a-z]+(?:\s*\|\s*[a-z]+)*)", text)
    assert found, text
    return [f.strip() for f in found.group(1).split("|")]


@pytest.mark.parametrize("command", [["extract", "data/raw/001_e7b637a670ab6d82.txt"], ["query"], ["show", "Лабудин"],
                                     ["stats"], ["articles"], ["export"], ["runs"]])
def test_each_command_takes_exactly_the_formats_its_help_lists(project, command):
    listed = _formats_in_help(command[0])
    assert set(listed) <= {"table", "json", "jsonl", "csv"} and "json" in listed
    for fmt in ("table", "json", "jsonl", "csv"):
        result = cli(*command, "--format", fmt, cwd=project)
        if fmt in listed:
            assert result.returncode == 0 and result.stdout.strip(), (fmt, result.stderr)
        else:
            assert result.returncode == 2 and "--format must be one of" in result.stderr


def test_a_period_says_how_many_undated_facts_it_left_out(project):
    excluded = cli("query", "--since", "1900", cwd=project)
    included = jsonl(cli("query", "--since", "1900", "--undated", "include", cwd=project))
    only = jsonl(cli("query", "--since", "1900", "--undated", "only", cwd=project))
    left_out = re.search(r"(\d+) fact\(s\) with no date left out", excluded.stderr)
    assert left_out and int(left_out.group(1)) == len(only) > 0
    assert len(jsonl(excluded)) + len(only) == len(included)
    assert "left out" not in cli("query", "--since", "1900", "--undated", "include", cwd=project).stderr
    assert cli("query", "--since", "1900", "--undated", "maybe", cwd=project).returncode == 2


def _readme_examples() -> list[list[str]]:
    """The read-only commands of the README's «Using it» block, without comments and redirections."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Using it\s+```sh\n(.*?)```", text, re.S)
    assert block, "README.md has no «## Using it» sh block"
    examples = []
    for line in block.group(1).splitlines():
        words = shlex.split(line, comments=True)
        if ">" in words:
            words = words[:words.index(">")]
        if len(words) > 1 and words[0] == "clusterkb" and words[1] in READ_ONLY:
            examples.append(words[1:])
    return examples


def test_every_readme_example_returns_something_on_the_samples(project):
    examples = _readme_examples()
    assert {e[0] for e in examples} >= {"query", "show", "stats", "articles", "export", "runs"}
    for example in examples:
        result = cli(*example, cwd=project)
        assert result.returncode == 0, (example, result.stderr)
        assert result.stdout.strip() and not re.search(r"^\s*0 (fact|article)\(s\)", result.stdout, re.M), example


def test_show_keeps_the_card_in_a_pipe_unless_asked(project):
    card = cli("show", "Лабудин", cwd=project)
    assert card.returncode == 0 and "Mentions in" in card.stdout
    assert not card.stdout.lstrip().startswith("{")
    fact = jsonl(cli("show", "Лабудин", "--format", "jsonl", cwd=project))[0]
    assert fact["kind"] == "person"
    rows = csv_rows(cli("show", "Лабудин", "--format", "csv", cwd=project))
    assert [(r["article_id"], r["text"]) for r in rows] == [(s["article"], m["text"]) for s in fact["sources"]
                                                           for m in s["mentions"]]
    titles = {a["id"]: a["title"] for a in jsonl(cli("articles", cwd=project))}
    assert all(r["article_title"] == titles[r["article_id"]] and r["sentence"] for r in rows)


def test_runs_fit_80_columns(project):
    table = cli("runs", "--format", "table", cwd=project)
    assert table.returncode == 0
    lines = table.stdout.splitlines()
    assert lines and max(map(len, lines)) <= 80 and "…" not in table.stdout
    assert re.search(r"^\s*started \(UTC\)\s+secs\s+new\s+chg\s+same\s+gone\s+fail\s+\+facts\s+merged\s+total", table.stdout, re.M)
    rows = csv_rows(cli("runs", "--format", "csv", cwd=project))
    assert rows and int(rows[0]["new"]) == len(list(SAMPLES.glob("*.txt"))) and int(rows[0]["facts_total"]) > 0


def test_shell_completion_is_on(monkeypatch):
    # Typer guesses the shell from the parent processes unless told; a test run has none to find.
    monkeypatch.setenv("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION", "1")
    script = cli("--show-completion", "bash")
    assert script.returncode == 0 and "_CLUSTERKB_COMPLETE" in script.stdout
    env = {**os.environ, "_CLUSTERKB_COMPLETE": "complete_bash", "COMP_WORDS": "clusterkb ar", "COMP_CWORD": "1"}
    completed = subprocess.run([SCRIPT], capture_output=True, text=True, env=env)
    assert completed.stdout.split() == ["articles"]


def test_amounts_are_readable_in_tables_and_exact_in_json(project):
    money = jsonl(cli("query", "--kind", "money", cwd=project))
    assert money and all(isinstance(f["amount"], (int, float)) for f in money)
    table = cli("query", "--kind", "money", "--format", "table", cwd=project, columns=250).stdout
    assert len(re.findall(r"\d+(?:,\d+)?\s(?:тыс\.|млн|млрд|трлн)\s₽", table)) == len(money)
    assert not any(str(int(f["amount"])) in table for f in money if f["amount"] >= 1000)
    titles = {a["id"]: a["title"] for a in jsonl(cli("articles", "--format", "jsonl", cwd=project))}
    for f in money:
        first_sentence = f["sources"][0]["mentions"][0]["sentence"]
        assert first_sentence[:40] in table or any(titles[s["article"]][:30] in table for s in f["sources"])


def test_numbers_on_a_card_name_their_article(project):
    card = cli("show", "Омская область", cwd=project, columns=250).stdout
    numbers = card.split("Numbers:")[1]
    titles = [a["title"] for a in jsonl(cli("articles", "--format", "jsonl", cwd=project))]
    assert any(t in numbers for t in titles)
    assert not re.search(r"\b[0-9a-f]{16}\b", numbers)


def test_csv_has_one_typed_column_per_kind_of_value(project):
    facts = jsonl(cli("export", cwd=project))
    rows = csv_rows(cli("export", "--format", "csv", cwd=project))
    articles = {a["id"]: a for a in csv_rows(cli("export", "--what", "articles", "--format", "csv", cwd=project))}
    assert [r["id"] for r in rows] == [f["id"] for f in facts]
    for row, fact in zip(rows, facts):
        assert bool(row["date"]) == (fact["kind"] == "date")
        assert bool(row["count"]) == (fact["kind"] == "count")
        assert bool(row["amount"]) == (fact["kind"] == "money")
        if row["date"]:
            assert re.fullmatch(r"[\dX]{4}(-[\dX]{2}){0,2}(/[\dX]{4}(-[\dX]{2}){0,2})?", row["date"]), row["date"]
        if row["count"] or row["amount"]:
            float(row["count"] or row["amount"])
            assert row["approximate"] in ("true", "false")
        article = articles[row["article_id"]]
        assert row["article_title"] == article["title"] and row["published"] == article["published"]
        assert row["article_path"] == article["path"] and row["sentence"]


def test_articles_lists_what_was_ingested_with_filters(project):
    facts = jsonl(cli("export", cwd=project))
    listed = json.loads(cli("articles", "--format", "json", cwd=project).stdout)
    assert len(listed) == len(list(SAMPLES.glob("*.txt"))) and all(a["title"] for a in listed)
    for a in listed:
        assert a["facts"] == sum(any(s["article"] == a["id"] for s in f["sources"]) for f in facts)
    dated = [a["published"] for a in listed if a["published"]]
    assert dated == sorted(dated, reverse=True)
    since = jsonl(cli("articles", "--since", "2024", cwd=project))
    assert since and len(since) < len(listed) and all(a["published"] >= "2024" for a in since)
    english = jsonl(cli("articles", "--lang", "en", cwd=project))
    assert english and all(a["lang"] == "en" for a in english)
    site = next(a["source"] for a in listed if a["source"])
    assert {a["source"] for a in jsonl(cli("articles", "--source", site.split(".")[0].upper(), cwd=project))} == {site}
    assert len(jsonl(cli("articles", "--limit", "2", cwd=project))) == 2
    table = cli("articles", "--format", "table", cwd=project, columns=250).stdout
    assert all(a["title"] in table for a in listed)
    assert cli("articles", "--since", "last week", cwd=project).returncode == 2


def test_extract_csv_is_one_row_per_fact_with_its_article(project):
    path = "data/raw/001_e7b637a670ab6d82.txt"
    record = jsonl(cli("extract", path, "--format", "jsonl", cwd=project))[0]
    rows = csv_rows(cli("extract", path, "--format", "csv", cwd=project))
    assert [r["kind"] for r in rows] == [f["kind"] for f in record["facts"]]
    assert {r["article_title"] for r in rows} == {record["article"]["title"]}
    assert all(r["sentence"] and r["published"] == record["article"]["published"] for r in rows)


def test_a_card_is_made_of_plain_data_the_query_layer_returns(own):
    """`show` formats `query.entity_profile`; `stats` formats `query.kb_stats`: both plain data."""
    from clusterkb.query import entity_profile, find_entity, kb_stats
    from clusterkb.store import Store

    index = Store(own).index()
    person = find_entity(index, "Забелина")[0]
    profile = entity_profile(index, person)
    assert profile.fact["name"] == "Ольга Забелина" and profile.article_total == 1
    assert set(profile.articles) == {s["article"] for s in person["sources"]}
    assert {o["name"] for o, _ in profile.together} == {"Игорь Краснопевцев", "Сфера"}
    assert len(entity_profile(index, person, neighbours=1).together) == 1
    region = entity_profile(index, find_entity(index, "Томская область")[0])
    assert [x["value"] for x in region.numbers] == ["2024-03-14"]  # «Вчера», said beside the region
    stats = kb_stats(index, top=2)
    assert stats["articles"] == 1 and len(stats["top"]) == 2
    assert json.loads(json.dumps(stats)) == stats
    assert json.loads(cli("--data-dir", str(own), "stats", "--top", "2", "--format", "json").stdout) == stats
