"""`export --format sqlite|parquet`: the tables open in sqlite-utils, Datasette and DuckDB, hold
every fact of the knowledge base, and are written in batches (memory flat in its size)."""
from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clusterkb.cli import app
from clusterkb.exports import TABLES, write_sqlite

runner = CliRunner()
SCRIPT = Path(sys.executable).parent / "clusterkb"


def run(data_dir: Path, *args: str):
    return runner.invoke(app, ["--data-dir", str(data_dir), *args])


@pytest.fixture(scope="module")
def facts(kb: Path) -> list[dict]:
    result = run(kb, "export", "--format", "jsonl")
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture(scope="module")
def sqlite_file(kb: Path, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out") / "kb.sqlite"
    done = subprocess.run([str(SCRIPT), "--data-dir", str(kb), "export", "--format", "sqlite", str(out)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def parquet_dir(kb: Path, tmp_path_factory) -> Path:
    """Written by the installed command: pyarrow's threads stay in that process, not in the one
    where other tests fork ingest workers."""
    out = tmp_path_factory.mktemp("out") / "parquet"
    done = subprocess.run([str(SCRIPT), "--data-dir", str(kb), "export", "--format", "parquet", str(out)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return out


_DATASETTE = """
import asyncio, json, sys
from datasette.app import Datasette

async def answers():
    ds = Datasette([sys.argv[1]])
    return [(r.status_code, r.json()) for r in [await ds.client.get(path) for path in sys.argv[2:]]]

print(json.dumps(asyncio.run(answers())))
"""


def datasette_get(db: Path, *paths: str) -> list:
    """Datasette's JSON answers to `paths`, from Datasette in its own process (its threads would
    stay in ours, where other tests fork ingest workers)."""
    done = subprocess.run([sys.executable, "-c", _DATASETTE, str(db), *paths], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    answers = json.loads(done.stdout)
    assert all(status == 200 for status, _ in answers), answers
    return [body for _, body in answers]


def test_sqlite_opens_in_sqlite_utils_with_every_fact_and_mention(sqlite_file, facts):
    import sqlite_utils

    db = sqlite_utils.Database(sqlite_file)
    assert set(TABLES) <= set(db.table_names())
    assert db["facts"].count == len(facts)
    assert db["mentions"].count == sum(len(s["mentions"]) for f in facts for s in f["sources"])
    person = next(f for f in facts if f["kind"] == "person")
    row = db["facts"].get(person["id"])
    assert (row["kind"], row["name"], row["last"]) == ("person", person["name"], person["last"])
    money = next(f for f in facts if f["kind"] == "money")
    assert db["facts"].get(money["id"])["amount"] == money["amount"]
    assert db["facts"].get(money["id"])["approximate"] == int(money["approximate"])


def test_sqlite_full_text_search_finds_sentences_of_the_facts(sqlite_file, facts):
    import sqlite_utils

    db = sqlite_utils.Database(sqlite_file)
    assert db["sentences"].detect_fts() == "sentences_fts"
    sentence = facts[0]["sources"][0]["mentions"][0]["sentence"]
    word = max(sentence.replace("«", " ").replace("»", " ").split(), key=len).strip(".,:;!?\"()")
    found = [r["text"] for r in db["sentences"].search(f'"{word}"')]
    assert sentence in found


def test_sqlite_views_show_each_kind_with_its_own_columns(sqlite_file, facts):
    import sqlite_utils

    db = sqlite_utils.Database(sqlite_file)
    money = {r["id"]: r for r in db["money"].rows}
    assert money.keys() == {f["id"] for f in facts if f["kind"] == "money"}
    assert all(set(r) == {"id", "amount", "currency", "approximate", "articles", "mentions"} for r in money.values())
    people = {r["name"] for r in db["people"].rows}
    assert people == {f["name"] for f in facts if f["kind"] == "person"}
    evidence = list(db.query("SELECT * FROM evidence WHERE fact = ?", [facts[0]["id"]]))
    source = facts[0]["sources"][0]
    assert {(e["said"], e["sentence"]) for e in evidence} >= {(m["text"], m["sentence"]) for m in source["mentions"]}
    assert all(e["path"] for e in evidence)


def test_datasette_serves_tables_search_views_and_links(sqlite_file, facts):
    people, hits, mentions, money = datasette_get(
        sqlite_file, "/kb/facts.json?kind=person&_shape=array", "/kb/sentences.json?_search=кластер*&_shape=array",
        "/kb/mentions.json?_shape=array&_labels=on&_size=1", "/kb/money.json?_shape=array")
    assert {p["name"] for p in people} == {f["name"] for f in facts if f["kind"] == "person"}
    assert hits and all("кластер" in h["text"].lower() for h in hits)
    assert mentions[0]["article"]["label"]  # the article's title, through the foreign key
    assert sorted(m["amount"] for m in money) == sorted(f["amount"] for f in facts if f["kind"] == "money")


def test_parquet_reads_in_duckdb_with_typed_columns(parquet_dir, facts, request):
    import duckdb

    assert sorted(p.stem for p in parquet_dir.glob("*.parquet")) == sorted(TABLES)
    assert not list(parquet_dir.glob(".*")), "the staging file is left behind"
    con = duckdb.connect()
    request.addfinalizer(con.close)  # its worker threads go with it
    table = f"read_parquet('{parquet_dir / 'facts.parquet'}')"
    assert con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == len(facts)
    types = dict(con.execute(f"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM {table})").fetchall())
    assert (types["amount"], types["approximate"], types["articles"]) == ("DOUBLE", "BOOLEAN", "BIGINT")
    dated = [f for f in facts if f["kind"] == "date" and not f["value"].startswith("X")]
    starts = dict(con.execute(f"SELECT id, CAST(date_start AS DATE) FROM {table} WHERE kind = 'date'").fetchall())
    assert all(str(starts[f["id"]]).startswith(f["value"][:4]) for f in dated)
    orphans = con.execute(
        f"SELECT count(*) FROM read_parquet('{parquet_dir / 'mentions.parquet'}') m "
        f"LEFT JOIN read_parquet('{parquet_dir / 'sentences.parquet'}') s ON s.id = m.sentence "
        "WHERE s.id IS NULL").fetchone()[0]
    assert orphans == 0


def test_export_tables_need_a_target_and_say_what_is_wrong(kb, tmp_path):
    missing = run(kb, "export", "--format", "sqlite")
    assert missing.exit_code == 2 and "needs OUT" in missing.output
    nowhere = run(kb, "export", "--format", "sqlite", str(tmp_path / "no" / "kb.sqlite"))
    assert nowhere.exit_code == 2 and "does not exist" in nowhere.output
    (tmp_path / "file").write_text("x")
    not_a_folder = run(kb, "export", "--format", "parquet", str(tmp_path / "file"))
    assert not_a_folder.exit_code == 2 and "not a folder" in not_a_folder.output
    stray = run(kb, "export", "--format", "csv", str(tmp_path / "x.csv"))
    assert stray.exit_code == 2 and "stdout" in stray.output
    for result in (missing, nowhere, not_a_folder, stray):
        assert "Traceback" not in result.output


class _Generated:
    """An index-shaped stream of `n` made-up facts, each in its own sentence, or (hub) one fact
    said in `n` articles, its sources an iterator as `Index.streamed` gives them: enough to see
    whether writing holds them all at once."""

    def __init__(self, n: int, hub: bool = False):
        self.n, self.hub = n, hub

    def article_records(self):
        for i in range(self.n if self.hub else 1):
            yield {"id": f"a{i}", "path": f"a{i}.txt", "title": "Made up"}

    def judgements(self) -> list:
        return []

    def streamed(self):
        if self.hub:
            yield {"id": "loc-hub", "kind": "location", "name": "Омская область", "aliases": [],
                   "sources": (self._source(f"a{i}", i) for i in range(self.n))}
            return
        for i in range(self.n):
            yield {"id": f"mon-{i}", "kind": "money", "amount": i, "currency": "RUB", "approximate": False,
                   "context": {"organizations": ["фонд"], "locations": []}, "sources": iter([self._source("a0", i)])}

    @staticmethod
    def _source(article: str, i: int) -> dict:
        sentence = f"Кластер номер {i} получил {i} рублей от фонда развития промышленности региона."
        return {"article": article, "path": f"{article}.txt",
                "mentions": [{"start": 0, "end": 5, "text": str(i), "sentence": sentence}]}


def _peak_bytes(n: int, path: Path, hub: bool = False) -> int:
    tracemalloc.start()
    write_sqlite(_Generated(n, hub), path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def test_sqlite_export_memory_stays_flat_in_knowledge_base_size(tmp_path):
    small = _peak_bytes(5_000, tmp_path / "small.sqlite")
    large = _peak_bytes(50_000, tmp_path / "large.sqlite")
    assert large < small * 1.5, (small, large)


def test_sqlite_export_memory_stays_flat_in_the_articles_of_one_fact(tmp_path):
    small = _peak_bytes(5_000, tmp_path / "small.sqlite", hub=True)
    large = _peak_bytes(50_000, tmp_path / "large.sqlite", hub=True)
    assert large < small * 1.5, (small, large)
    db = sqlite3.connect(tmp_path / "large.sqlite")
    assert db.execute("SELECT articles, mentions FROM facts WHERE id = 'loc-hub'").fetchone() == (50_000, 50_000)
    assert db.execute("SELECT count(*) FROM articles").fetchone() == (50_000,)


def test_sqlite_export_replaces_an_old_file_whole(kb, tmp_path):
    out = tmp_path / "kb.sqlite"
    out.write_text("not a database")
    for _ in range(2):
        result = run(kb, "export", "--format", "sqlite", str(out))
        assert result.exit_code == 0, result.output
    import sqlite_utils

    assert sqlite_utils.Database(out)["facts"].count > 0
    assert [p.name for p in tmp_path.iterdir()] == ["kb.sqlite"]
