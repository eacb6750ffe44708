"""Shared test helpers: real articles in memory, real models, a data dir per test."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from clusterkb.model import Article
from clusterkb.extract import extract_article
from clusterkb.model import Fact

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "raw"
EVAL = ROOT.parent / "shared" / "eval" / "seeds"


def article(text: str, lang: str = "ru", published: str | None = "2024-03-15", path: str = "t.txt") -> Article:
    return Article(id="test", path=path, text=text, title=text.splitlines()[0], published=published, lang=lang)


def facts_of(text: str, kind: str | None = None, **kw) -> list[Fact]:
    facts = extract_article(article(text, **kw)).facts
    return [f for f in facts if kind is None or f.kind == kind]


def by_name(facts: list[Fact]) -> dict[str, Fact]:
    return {f.attrs["name"]: f for f in facts}


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data dir whose raw/ holds the bundled sample articles."""
    raw = tmp_path / "data" / "raw"
    raw.mkdir(parents=True)
    for p in sorted(SAMPLES.glob("*.txt")):
        shutil.copy(p, raw / p.name)
    return tmp_path / "data"


@pytest.fixture(scope="module")
def kb(tmp_path_factory) -> Path:
    """A data dir whose raw/ holds the sample articles, ingested by the installed command
    (once per test module)."""
    data = tmp_path_factory.mktemp("kb") / "data"
    shutil.copytree(SAMPLES, data / "raw")
    subprocess.run([str(Path(sys.executable).parent / "clusterkb"), "--data-dir", str(data), "ingest", "-q"], check=True)
    return data


def as_version_3(path: Path) -> None:
    """Turn a store into what version 3 wrote, as a store of the version before this one is: no
    `beside` table, no counts of articles by language, no triggers, the context stems without
    their kind, articles indexed by date alone and entities by kind and row."""
    import sqlite3

    with sqlite3.connect(path) as db:
        for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
            db.execute(f"DROP TRIGGER {name}")
        for statement in ("DROP TABLE beside", "DELETE FROM meta WHERE key LIKE 'articles:%'",
                          "DROP INDEX articles_newest", "CREATE INDEX articles_by_published ON articles (published)",
                          "DROP INDEX entities_by_kind", "CREATE INDEX entities_by_kind ON entities (kind, n)",
                          "ALTER TABLE context RENAME TO context_4",
                          "CREATE TABLE context (stem TEXT NOT NULL, entity INTEGER NOT NULL, "
                          "PRIMARY KEY (stem, entity)) WITHOUT ROWID",
                          "INSERT INTO context SELECT stem, entity FROM context_4", "DROP TABLE context_4",
                          "CREATE INDEX context_by_entity ON context (entity)",
                          "UPDATE meta SET value = '3' WHERE key = 'schema'"):
            db.execute(statement)


_V4_PARTNERS = ("SELECT p.entity AS e, p.kind AS k FROM items p WHERE p.article = {x}.article AND p.n != {x}.n "
                "AND p.entity IS NOT NULL AND p.kind IN ('person', 'organization', 'location') AND EXISTS "
                "(SELECT 1 FROM json_each(p.fact, '$.mentions') x JOIN json_each({x}.fact, '$.mentions') y "
                "ON json_extract(x.value, '$[3]') = json_extract(y.value, '$[3]'))")
_V4_JOIN = ("INSERT INTO beside SELECT {x}.entity, k, e, 1 FROM (" + _V4_PARTNERS + ") WHERE e != {x}.entity "
            "ON CONFLICT DO UPDATE SET pairs = pairs + 1; "
            "INSERT INTO beside SELECT e, {x}.kind, {x}.entity, 1 FROM (" + _V4_PARTNERS + ") WHERE e != {x}.entity "
            "ON CONFLICT DO UPDATE SET pairs = pairs + 1;")


def as_version_4(path: Path) -> None:
    """Turn a store into what version 4 wrote: its triggers joining items to `beside` read each
    partner's sentences twice and the item's own once per partner (the rows kept are the same)."""
    import sqlite3

    with sqlite3.connect(path) as db:
        for name in ("beside_joined", "beside_joined_again"):
            db.execute(f"DROP TRIGGER {name}")
        db.execute("CREATE TRIGGER beside_joined AFTER INSERT ON items WHEN NEW.entity IS NOT NULL AND NEW.kind IN "
                   f"('person', 'organization', 'location') BEGIN {_V4_JOIN.format(x='NEW')} END")
        db.execute("CREATE TRIGGER beside_joined_again AFTER UPDATE OF entity ON items WHEN OLD.entity IS NOT NEW.entity "
                   f"AND NEW.entity IS NOT NULL AND NEW.kind IN ('person', 'organization', 'location') BEGIN "
                   f"{_V4_JOIN.format(x='NEW')} END")
        db.execute("UPDATE meta SET value = '4' WHERE key = 'schema'")

