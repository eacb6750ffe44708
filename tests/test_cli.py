"""Every command, through Typer's CliRunner and through the installed `clusterkb` script,
on the bundled sample articles."""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clusterkb.cli import app

runner = CliRunner()
SCRIPT = Path(sys.executable).parent / "clusterkb"


def run(data_dir: Path, *args: str, input: str | None = None):
    return runner.invoke(app, ["--data-dir", str(data_dir), *args], input=input)


def export(data_dir: Path) -> list[dict]:
    result = run(data_dir, "export", "--format", "jsonl")
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture(scope="module")
def ingested(tmp_path_factory) -> Path:
    """The sample articles ingested once for the read-only tests of this module."""
    from conftest import SAMPLES

    data = tmp_path_factory.mktemp("kb") / "data"
    shutil.copytree(SAMPLES, data / "raw")
    result = run(data, "ingest", "-q")
    assert result.exit_code == 0, result.output
    return data


def test_ingest_twice_changes_nothing(data_dir):
    first = run(data_dir, "ingest")
    assert first.exit_code == 0, first.output
    assert "5 new" in first.stderr
    facts = export(data_dir)
    second = run(data_dir, "ingest")
    assert second.exit_code == 0
    assert "0 new, 0 changed, 5 unchanged, 0 failed" in second.stderr
    assert export(data_dir) == facts


def test_force_re_extracts_to_the_same_facts(data_dir):
    assert run(data_dir, "ingest", "-q").exit_code == 0
    facts = export(data_dir)
    forced = run(data_dir, "ingest", "--force")
    assert forced.exit_code == 0 and "0 failed" in forced.stderr
    assert export(data_dir) == facts


def test_a_bad_file_fails_alone_with_a_clear_message(data_dir):
    (data_dir / "raw" / "broken.txt").write_bytes(b"%PDF-1.7\n\x00\x01\x02binary\xff\xfe" * 50)
    result = run(data_dir, "ingest")
    assert result.exit_code == 1
    assert "broken.txt" in result.stderr
    assert "Traceback" not in result.stderr
    assert "5 new" in result.stderr
    assert len({s["article"] for f in export(data_dir) for s in f["sources"]}) == 5


def test_a_missing_path_is_a_usage_error(data_dir):
    result = run(data_dir, "ingest", str(data_dir / "nowhere"))
    assert result.exit_code == 2
    assert "nowhere" in result.stderr


def test_changed_file_replaces_its_old_article(data_dir):
    assert run(data_dir, "ingest", "-q").exit_code == 0
    path = sorted((data_dir / "raw").glob("*.txt"))[0]
    path.write_text(path.read_text(encoding="utf-8") + "\nДобавлен новый абзац.\n", encoding="utf-8")
    result = run(data_dir, "ingest")
    assert "1 changed, 4 unchanged" in result.stderr
    assert len({s["article"] for f in export(data_dir) for s in f["sources"]}) == 5


def test_every_fact_has_provenance(ingested):
    facts = export(ingested)
    kinds = {f["kind"] for f in facts}
    assert kinds == {"person", "organization", "location", "date", "count", "money"}
    raw = {p.name: p.read_text(encoding="utf-8") for p in (ingested / "raw").glob("*.txt")}
    for f in facts:
        assert f["id"] and f["sources"]
        for s in f["sources"]:
            text = raw[Path(s["path"]).name]
            for m in s["mentions"]:
                assert text[m["start"]:m["end"]] == m["text"]
                assert m["text"] in m["sentence"]


def test_query_by_inflected_name(ingested):
    result = run(ingested, "query", "--name", "Лабудина", "--format", "jsonl")
    names = [json.loads(line)["name"] for line in result.stdout.splitlines()]
    assert "Михаил Лабудин" in names


def test_query_is_case_and_yo_insensitive(ingested):
    a = run(ingested, "query", "--name", "СЕРЕГИН", "--format", "jsonl").stdout
    b = run(ingested, "query", "--name", "Серёгина", "--format", "jsonl").stdout
    assert a and a == b


def test_query_counts_by_location(ingested):
    result = run(ingested, "query", "--kind", "count", "--location", "Омская область", "--format", "jsonl")
    facts = [json.loads(line) for line in result.stdout.splitlines()]
    assert facts and all(f["kind"] == "count" for f in facts)
    assert all("Омская область" in f["context"]["locations"] for f in facts)


def test_query_kind_limit_and_formats(ingested):
    jl = run(ingested, "query", "--kind", "money", "--format", "jsonl").stdout.splitlines()
    assert jl and all(json.loads(x)["currency"] == "RUB" for x in jl)
    two = json.loads(run(ingested, "query", "--kind", "person", "--limit", "2", "--format", "json").stdout)
    assert len(two) == 2
    rows = list(csv.DictReader(io.StringIO(run(ingested, "query", "--kind", "location", "--format", "csv").stdout)))
    assert rows and all(r["kind"] == "location" for r in rows)


def test_query_by_article_and_period(ingested):
    facts = export(ingested)
    some = facts[0]["sources"][0]["article"]
    by_article = run(ingested, "query", "--article", some[:8], "--format", "jsonl").stdout.splitlines()
    assert by_article and all(any(s["article"] == some for s in json.loads(x)["sources"]) for x in by_article)
    dates = [json.loads(x)["value"] for x in
             run(ingested, "query", "--kind", "date", "--since", "2024", "--format", "jsonl").stdout.splitlines()]
    assert dates and all(d >= "2024" for d in dates)


def test_query_rejects_an_unknown_kind(ingested):
    result = run(ingested, "query", "--kind", "planet")
    assert result.exit_code == 2
    assert "--kind" in result.stderr


def test_show_card(ingested):
    result = run(ingested, "show", "Лабудин", "--format", "table")
    assert result.exit_code == 0
    assert "Михаил Лабудин" in result.stdout
    assert "директор" in result.stdout
    assert "Appears with" in result.stdout
    missing = run(ingested, "show", "Несуществующий Человек")
    assert missing.exit_code == 1


def test_stats(ingested):
    result = run(ingested, "stats", "--format", "json")
    stats = json.loads(result.stdout)
    assert stats["articles"] == 5
    assert all(stats["facts"][k] > 0 for k in stats["facts"])


def test_export_formats_agree(ingested):
    jl = export(ingested)
    js = json.loads(run(ingested, "export", "--format", "json").stdout)
    rows = list(csv.DictReader(io.StringIO(run(ingested, "export", "--format", "csv").stdout)))
    assert jl == js
    assert [r["id"] for r in rows] == [f["id"] for f in jl]


def test_extract_prints_the_machine_contract():
    from conftest import SAMPLES

    path = sorted(SAMPLES.glob("*.txt"))[0]
    result = runner.invoke(app, ["extract", str(path), "--format", "jsonl"])
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert set(record["article"]) >= {"id", "path", "title", "published", "lang"}
    for fact in record["facts"]:
        assert fact["kind"] in {"person", "organization", "location", "date", "count", "money"}
        assert all(set(m) == {"start", "end", "text", "sentence"} for m in fact["mentions"])


def test_installed_script(tmp_path):
    env = {**os.environ, "CLUSTERKB_DATA_DIR": str(tmp_path / "data")}
    version = subprocess.run([str(SCRIPT), "--version"], capture_output=True, text=True, env=env)
    assert version.returncode == 0 and version.stdout.startswith("clusterkb ")
    from conftest import SAMPLES

    path = sorted(SAMPLES.glob("*.txt"))[1]
    out = subprocess.run([str(SCRIPT), "ingest", str(path), "-q"], capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    q = subprocess.run([str(SCRIPT), "query", "--kind", "organization"], capture_output=True, text=True, env=env)
    assert q.returncode == 0 and q.stdout.strip()
    assert all(json.loads(line)["kind"] == "organization" for line in q.stdout.splitlines())  # jsonl when piped


def test_help_explains_every_command():
    for command in ("ingest", "extract", "query", "show", "stats", "export", "forget", "runs"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0
        assert "Example" in result.stdout


def test_a_data_dir_with_spaces_and_uri_characters_works(tmp_path):
    from conftest import SAMPLES

    data = tmp_path / "my data #1 ?x"
    assert runner.invoke(app, ["--data-dir", str(data), "ingest", str(SAMPLES), "-q"]).exit_code == 0
    result = runner.invoke(app, ["--data-dir", str(data), "stats", "--format", "json"])
    assert result.exit_code == 0 and json.loads(result.stdout)["articles"] == 5
