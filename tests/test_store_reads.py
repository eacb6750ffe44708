"""What the store keeps so that reads cost their answer (schema version 4): the articles in each
language, `beside` (named entities said in one sentence), the context stems by kind — kept right
through ingest, forget, rebuild and the migration of a version-3 store, which is read as it is
until then — and the answers built on them: facts tied to a place or organisation, periods read
in SQL, articles newest first."""
from __future__ import annotations

import json
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clusterkb.cli import app
from clusterkb.kinds import NAMED_KINDS
from clusterkb.lang.stems import name_matches
from clusterkb.query import ArticleFilters, Filters, list_articles, query, search
from clusterkb.store import Store
from clusterkb.store.schema import BESIDE_PAIRS, TRIGGERS, VERSION

from conftest import SAMPLES, as_version_3, as_version_4

runner = CliRunner()
SCRIPT = str(Path(sys.executable).parent / "clusterkb")
ENGLISH = ("The Omsk Region opened an industrial park. Governor Vitaly Khotsenko said the park will host twelve "
           "companies and create 500 jobs in the region.")


def run(data: Path, *args: str) -> str:
    result = runner.invoke(app, ["--data-dir", str(data), *args])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def kept(data: Path) -> dict:
    """What the store keeps, against what its rows give when counted afresh."""
    with sqlite3.connect(data / "extracted" / "kb.sqlite") as db:
        return {"languages": (sorted(db.execute("SELECT substr(key, 10), CAST(value AS INTEGER) FROM meta "
                                                "WHERE key LIKE 'articles:%' AND value != '0'")),
                              sorted(db.execute("SELECT coalesce(lang, ''), count(*) FROM articles GROUP BY lang"))),
                "beside": (sorted(db.execute("SELECT * FROM beside")),
                           sorted(db.execute(BESIDE_PAIRS.format(where="a.entity IS NOT NULL")))),
                "context": (sorted(db.execute("SELECT kind, stem, entity FROM context")),
                            sorted(db.execute("SELECT e.kind, c.stem, c.entity FROM context c "
                                              "JOIN entities e ON e.n = c.entity")))}


def assert_kept_right(data: Path) -> None:
    for what, (store, afresh) in kept(data).items():
        assert store == afresh, what


@pytest.fixture
def samples(tmp_path) -> tuple[Path, Path]:
    """The sample articles and an English one, ingested: (data dir, raw folder)."""
    raw = tmp_path / "raw"
    shutil.copytree(SAMPLES, raw)
    (raw / "english.txt").write_text(ENGLISH, encoding="utf-8")
    data = tmp_path / "data"
    run(data, "ingest", str(raw), "-q")
    return data, raw


def test_what_the_store_keeps_stays_right_through_ingest_forget_and_rebuild(samples):
    data, raw = samples
    store = kept(data)
    assert dict(store["languages"][0]) == {"en": 2, "ru": 4} and store["beside"][0]
    assert_kept_right(data)
    assert json.loads(run(data, "stats", "--format", "json"))["languages"] == {"en": 2, "ru": 4}
    run(data, "forget", str(raw / "english.txt"), str(raw / "001_e7b637a670ab6d82.txt"))
    assert_kept_right(data)
    assert json.loads(run(data, "stats", "--format", "json"))["languages"] == {"en": 1, "ru": 3}
    (raw / "000_759100976ea7f0da.txt").write_text(ENGLISH + " It is the second park.", encoding="utf-8")
    run(data, "ingest", str(raw), "-q")  # a changed article is another article
    assert_kept_right(data)
    run(data, "rebuild", "-q")
    assert_kept_right(data)
    assert json.loads(run(data, "stats", "--format", "json"))["languages"] == {"en": 2, "ru": 2}


READS = [["stats", "--format", "json"], ["articles", "--since", "2024", "--format", "jsonl"],
         ["query", "--location", "Омская область", "--format", "jsonl"],
         ["query", "--kind", "person", "--location", "Омская область", "--format", "jsonl"],
         ["query", "--kind", "organization", "--location", "Россия", "--format", "jsonl"],
         ["query", "--kind", "person", "--org", "Минпромторг", "--format", "jsonl"],
         ["query", "--kind", "count", "--location", "Омская область", "--format", "jsonl"],
         ["query", "--org", "АКИТ", "--since", "2024", "--format", "jsonl"],
         ["show", "Омская область", "--format", "json"], ["show", "Лабудин"]]


def test_a_version_3_store_is_read_as_it_is_and_migrated_by_the_first_writer_to_the_same_answers(samples, tmp_path):
    data, _ = samples
    fresh = [run(data, *args) for args in READS]
    path = data / "extracted" / "kb.sqlite"
    as_version_3(path)
    assert [run(data, *args) for args in READS] == fresh
    (tmp_path / "nothing-new").mkdir()
    run(data, "ingest", str(tmp_path / "nothing-new"), "-q")
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone() == (str(VERSION),)
    assert_kept_right(data)
    assert [run(data, *args) for args in READS] == fresh


def test_a_version_4_store_gets_the_cheaper_triggers_from_its_first_writer_and_stays_right(samples):
    data, raw = samples
    fresh = [run(data, *args) for args in READS]
    path = data / "extracted" / "kb.sqlite"
    as_version_4(path)
    assert [run(data, *args) for args in READS] == fresh
    (raw / "000_759100976ea7f0da.txt").write_text(ENGLISH + " It is the third park.", encoding="utf-8")
    run(data, "ingest", str(raw), "-q")
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone() == (str(VERSION),)
        assert sorted(sql for (sql,) in db.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger'")) == sorted(TRIGGERS)
    assert_kept_right(data)


def shares_a_sentence(fact: dict, targets: list[dict]) -> bool:
    said = {(s["article"], m["sentence"]) for t in targets for s in t["sources"] for m in s["mentions"]}
    return any((s["article"], m["sentence"]) in said for s in fact["sources"] for m in s["mentions"])


@pytest.mark.parametrize("kind, name", [("location", "Омская область"), ("location", "Россия"),
                                        ("organization", "Минпромторг"), ("organization", "АКИТ")])
def test_named_facts_tied_to_a_place_or_organisation_are_those_said_in_one_sentence_with_it(kb, kind, name):
    index = Store(kb).index()
    everything = list(index.facts())
    targets = [x for x in everything if x["kind"] == kind and name_matches(name, x)]
    option = "location" if kind == "location" else "org"
    for wanted in NAMED_KINDS:
        expected = [x["id"] for x in everything if x["kind"] == wanted and (
            x in targets or shares_a_sentence(x, targets) or (kind == "organization" and x.get("organization")
                                                              and name_matches(name, {"name": x["organization"]})))]
        found = [x["id"] for x in query(index, Filters(kind=wanted, **{option: name}))]
        assert found == expected, wanted
    index.close()
    assert targets


def test_a_period_keeps_the_facts_said_in_a_dated_article_in_it_read_in_sql(kb):
    index = Store(kb).index()
    articles = {a["id"]: a for a in list_articles(index, ArticleFilters())}
    for since, until in (("2024", None), (None, "2023-12"), ("2024-02", "2024-02")):
        expected = [x["id"] for x in index.facts() if x["kind"] != "date" and any(
            (p := articles[s["article"]].get("published")) and (not since or p >= since)
            and (not until or p[:len(until)] <= until) for s in x["sources"])]
        found = [x["id"] for x in query(index, Filters(since=since, until=until)) if x["kind"] != "date"]
        assert found == expected
    index.close()


def test_a_limited_period_counts_the_undated_facts_it_read_and_says_there_may_be_more(kb, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(kb, data)
    with sqlite3.connect(data / "extracted" / "kb.sqlite") as db:  # half the articles lose their date
        db.execute("UPDATE articles SET published = NULL WHERE rowid % 2 = 0")
    index = Store(data).index()
    whole = search(index, Filters(since="1900"))
    undated = query(index, Filters(since="1900", undated="only"))
    first = search(index, Filters(since="1900", limit=2))
    index.close()
    assert whole.undated == len(undated) > 2 and not whole.partly
    assert first.partly and first.facts == whole.facts[:2] and 0 < first.undated <= whole.undated
    result = runner.invoke(app, ["--data-dir", str(data), "query", "--since", "1900", "--limit", "2"])
    assert "at least" in result.stderr and "with no date left out" in result.stderr


def test_articles_come_newest_first_filtered_in_sql_as_the_sorted_records_are(samples):
    data, _ = samples
    index = Store(data).index()
    records = sorted(index.articles().values(), key=lambda a: (a.get("published") or "", a.get("path") or ""),
                     reverse=True)
    for f in (ArticleFilters(), ArticleFilters(since="2024"), ArticleFilters(until="2023"), ArticleFilters(lang="en"),
              ArticleFilters(since="2023", until="2024-06", limit=2)):
        expected = [a["id"] for a in records if (not f.lang or a.get("lang") == f.lang) and (
            not (f.since or f.until) or ((p := a.get("published")) and (not f.since or p >= f.since)
                                         and (not f.until or p[:len(f.until)] <= f.until)))][:f.limit]
        assert [a["id"] for a in list_articles(index, f)] == expected
    assert {a["id"]: a["facts"] for a in list_articles(index, ArticleFilters())} == {
        article: len({x["id"] for x in index.facts() for s in x["sources"] if s["article"] == article})
        for article in index.articles()}
    index.close()


def test_a_card_in_json_lists_the_first_articles_with_the_totals_and_all_of_them_streamed_on_request(kb):
    top = json.loads(run(kb, "stats", "--format", "json"))["top"][0]
    (first,) = json.loads(run(kb, "show", top["name"], "--format", "json", "--sources", "1"))
    assert len(first["sources"]) == 1 and first["total"] == {"articles": top["articles"], "mentions": top["mentions"]}
    (every,) = json.loads(run(kb, "show", top["name"], "--format", "json", "--sources", "0"))
    exported = next(x for x in map(json.loads, run(kb, "export").splitlines()) if x["id"] == top["id"])
    assert every == exported and len(every["sources"]) == top["articles"] > 1
    assert json.loads(run(kb, "show", top["name"], "--format", "jsonl", "--sources", "0")) == exported
    rows = run(kb, "show", top["name"], "--format", "csv", "--sources", "0").splitlines()[1:]
    assert len(rows) == top["mentions"] > len(run(kb, "show", top["name"], "--format", "csv",
                                                      "--sources", "1").splitlines()[1:])
