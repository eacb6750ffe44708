"""The benchmark's synthetic store (benchmarks/synthetic.py) is the store the tool builds: the
same articles stored by the writer and resolved give the same tables, and the installed
command reads it, grows it and migrates nothing."""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from clusterkb.resolve.incremental import resolve
from clusterkb.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import synthetic  # noqa: E402

SCRIPT = str(Path(sys.executable).parent / "clusterkb")
N = 2100  # more than one resolution batch, so the resolved store also grows entities it made before


def tables(data: Path) -> dict[str, list]:
    """Every table's rows, entities named by id (row numbers differ with the order they were made)."""
    db = sqlite3.connect(data / "extracted" / "kb.sqlite")
    ids = dict(db.execute("SELECT n, id FROM entities"))
    out = {"entities": sorted(db.execute("SELECT id, base, kind, name, attrs, summary, first, articles, mentions, "
                                         "vkey, places FROM entities")),
           "items": sorted((*r[:4], ids[r[4]], *r[5:]) for r in db.execute(
               "SELECT article, pos, kind, fact, entity, vkey, places, context FROM items")),
           "articles": sorted(db.execute("SELECT rowid, id, path, published, lang, record, facts FROM articles")),
           "sentences": sorted(db.execute("SELECT rowid, text FROM sentences")),
           "meta": sorted(db.execute("SELECT key, value FROM meta")),
           "dirty": sorted(db.execute("SELECT entity FROM dirty"))}
    for table, column in (("entity_keys", "key"), ("names", "stem"), ("context", "kind || ' ' || stem")):
        out[table] = sorted((k, ids[n]) for k, n in db.execute(f"SELECT {column}, entity FROM {table}"))
    out["beside"] = sorted((ids[a], kind, ids[b], pairs) for a, kind, b, pairs in db.execute("SELECT * FROM beside"))
    db.close()
    return out


@pytest.fixture(scope="module")
def synthetic_kb(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("synthetic") / "data"
    synthetic.build(data, N)
    return data


def test_the_direct_build_equals_storing_and_resolving_the_same_articles(synthetic_kb, tmp_path):
    writer = Store(tmp_path).writer()
    for record, facts in synthetic.articles(N):
        writer.add_article(record, facts, None)
    resolve(writer)
    writer.close()
    direct, resolved = tables(synthetic_kb), tables(tmp_path)
    assert len(direct["entities"]) > 5000 and len(direct["items"]) >= 9 * N
    for table in resolved:
        assert direct[table] == resolved[table], table


def test_popularity_is_skewed_and_one_region_is_in_every_article(synthetic_kb):
    db = sqlite3.connect(synthetic_kb / "extracted" / "kb.sqlite")
    home = db.execute("SELECT articles FROM entities WHERE kind = 'location' AND name = ?", (synthetic.HOME,)).fetchone()
    people = [a for (a,) in db.execute("SELECT articles FROM entities WHERE kind = 'person' ORDER BY articles DESC")]
    assert home == (N,)
    assert people[0] > 20 * people[len(people) // 2]


def test_the_tool_reads_and_grows_the_synthetic_store(synthetic_kb, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(synthetic_kb, data)
    base = [SCRIPT, "--data-dir", str(data)]
    stats = json.loads(subprocess.run(base + ["stats", "--format", "json"], capture_output=True, text=True,
                                      check=True).stdout)
    assert stats["articles"] == N and stats["top"][0]["name"] == synthetic.HOME
    shown = subprocess.run(base + ["show", synthetic.HOME], capture_output=True, text=True, check=True).stdout
    assert f"{N} article" in shown
    found = subprocess.run(base + ["query", "--text", "промышленный кластер", "--limit", "3", "--format", "jsonl"],
                           capture_output=True, text=True, check=True).stdout.splitlines()
    assert len(found) == 3
    raw = tmp_path / "new"
    raw.mkdir()
    (raw / "n.txt").write_text(f"Инвестиции в {synthetic.HOME} составят 5 млрд рублей, сообщил губернатор.\n",
                               encoding="utf-8")
    subprocess.run(base + ["ingest", str(raw), "-q"], check=True)
    after = subprocess.run(base + ["show", synthetic.HOME], capture_output=True, text=True, check=True).stdout
    assert f"{N + 1} article" in after


def test_the_whole_report_reads_the_latest_articles_numbers_not_every_fact(synthetic_kb):
    from clusterkb.report import build_report

    index = Store(synthetic_kb).index()
    latest = [p for (p,) in index.db.execute("SELECT published FROM articles ORDER BY published DESC, id LIMIT 30")]
    page = build_report(index, limit=30)
    index.close()
    table = page[page.index("<details><summary>Timeline as a table"):page.index("</details>")]
    rows = [row.split("</td>") for row in table.split("<td class=when>")[1:]]
    numbers = [when for when, lane, *_ in rows if ">count<" in lane or ">money<" in lane]
    assert numbers and min(numbers) >= latest[-1]
    seen = int(page.split("the latest 30 of ")[1].split()[0])
    assert seen < N  # every fact of the store would give more than three items an article
    assert synthetic.HOME in page


def test_numbers_by_place_are_the_first_of_all_those_the_place_is_in_the_context_of(synthetic_kb):
    from clusterkb.query import Filters, query

    place = synthetic.Vocabulary.sized(N, 7).regions[3]
    index = Store(synthetic_kb).index()
    everything = [f["id"] for f in index.facts("count") if place in f["context"]["locations"]]
    found = [f["id"] for f in query(index, Filters(kind="count", location=place))]
    first = query(index, Filters(kind="count", location=place, limit=5, sources=1))
    index.close()
    assert len(everything) > 20 and found == everything
    assert [f["id"] for f in first] == everything[:5] and all(len(f["sources"]) == 1 for f in first)


def test_the_card_of_a_person_given_a_role_in_hundreds_of_articles_says_its_span(synthetic_kb):
    index = Store(synthetic_kb).index()
    name, attrs = index.db.execute("SELECT name, attrs FROM entities WHERE kind = 'person' "
                                   "ORDER BY articles DESC LIMIT 1").fetchone()
    index.close()
    role = json.loads(attrs)["roles"][0]
    dates = sorted({s["published"] for s in role["sources"]})
    card = subprocess.run([SCRIPT, "--data-dir", str(synthetic_kb), "show", name], capture_output=True, text=True,
                          check=True, env={**os.environ, "COLUMNS": "300"}).stdout
    line = next(line for line in card.splitlines() if line.startswith("Role:"))
    assert len(dates) > 100 and f"({dates[0]} … {dates[-1]}, {len(role['sources'])} articles)" in line
