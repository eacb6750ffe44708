"""The knowledge base's tables, their version, and opening a store safely.

One SQLite file, `DATA_DIR/extracted/kb.sqlite`, is the knowledge base: articles and the files
they came from, every article's facts as extracted (`items`), the entities they resolve to, the
keys that find an entity, the stems queries look names up by, and the sentences for full-text
search. Written in WAL mode, so readers never wait for the one writer and never see half a
transaction; every ingest step is one transaction, so a killed run leaves the store as it was
before that step or after it.
"""
from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from ..kinds import NAMED_KINDS

VERSION = 5  # 1 was kb.json + index.sqlite + catalog.json beside per-article JSON files; 2 had no judgements;
             # 3 had no `beside`, no article counts by language and articles_by_published on the date alone;
             # 4 kept `beside` by triggers that read each partner's sentences twice and the row's once per partner

_NEWEST = "CREATE INDEX articles_newest ON articles (published DESC, path DESC, id)"  # `articles`, newest first
_BY_KIND = "CREATE INDEX entities_by_kind ON entities (kind, id)"  # a kind's facts in order, a walk that stops
_CONTEXT = ("CREATE TABLE context (kind TEXT NOT NULL, stem TEXT NOT NULL, entity INTEGER NOT NULL, "
            "PRIMARY KEY (kind, stem, entity)) WITHOUT ROWID")  # by kind: persons by a role's word, not every number's
_BESIDE = ("CREATE TABLE beside (entity INTEGER NOT NULL, kind TEXT NOT NULL, other INTEGER NOT NULL, "
           "pairs INTEGER NOT NULL, PRIMARY KEY (entity, kind, other)) WITHOUT ROWID")

DDL = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE articles (id TEXT PRIMARY KEY, path TEXT, published TEXT, lang TEXT, record TEXT NOT NULL,
                       facts INTEGER NOT NULL);
{_NEWEST};
CREATE INDEX articles_by_lang ON articles (lang);
CREATE TABLE files (path TEXT PRIMARY KEY, size INTEGER, mtime INTEGER, complete INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE file_articles (path TEXT NOT NULL, article TEXT NOT NULL, PRIMARY KEY (path, article)) WITHOUT ROWID;
CREATE INDEX file_articles_by_article ON file_articles (article);
CREATE TABLE forgotten (path TEXT PRIMARY KEY, at TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE items (n INTEGER PRIMARY KEY, article TEXT NOT NULL, pos INTEGER NOT NULL, kind TEXT NOT NULL,
                    fact TEXT NOT NULL, entity INTEGER, vkey TEXT, places TEXT, context TEXT);
CREATE INDEX items_by_article ON items (article, pos);
CREATE INDEX items_by_entity ON items (entity, article, pos);
CREATE INDEX items_by_value ON items (vkey, places) WHERE vkey IS NOT NULL;
CREATE TABLE entities (n INTEGER PRIMARY KEY, id TEXT NOT NULL, base TEXT NOT NULL, kind TEXT NOT NULL,
                       name TEXT NOT NULL, attrs TEXT NOT NULL, summary TEXT NOT NULL, first TEXT NOT NULL,
                       articles INTEGER NOT NULL, mentions INTEGER NOT NULL, vkey TEXT, places TEXT);
CREATE INDEX entities_by_id ON entities (id);
CREATE INDEX entities_by_base ON entities (base);
{_BY_KIND};
CREATE INDEX entities_top ON entities (articles DESC, mentions DESC, n);
CREATE INDEX entities_by_value ON entities (vkey, places) WHERE vkey IS NOT NULL;
CREATE TABLE entity_keys (key TEXT NOT NULL, entity INTEGER NOT NULL, PRIMARY KEY (key, entity)) WITHOUT ROWID;
CREATE INDEX entity_keys_by_entity ON entity_keys (entity);
CREATE TABLE names (stem TEXT NOT NULL, entity INTEGER NOT NULL, PRIMARY KEY (stem, entity)) WITHOUT ROWID;
CREATE INDEX names_by_entity ON names (entity);
{_CONTEXT};
CREATE INDEX context_by_entity ON context (entity);
CREATE TABLE dirty (entity INTEGER PRIMARY KEY);
CREATE TABLE runs (n INTEGER PRIMARY KEY, started TEXT NOT NULL, record TEXT NOT NULL);
CREATE TABLE judgements (id INTEGER PRIMARY KEY AUTOINCREMENT, record TEXT NOT NULL);
CREATE VIRTUAL TABLE sentences USING fts5(text, tokenize = 'unicode61 remove_diacritics 2');
{_BESIDE};
"""

_NAMED = ", ".join(f"'{k}'" for k in NAMED_KINDS)

SHARE_A_SENTENCE = ("EXISTS (SELECT 1 FROM json_each({a}.fact, '$.mentions') x JOIN json_each({b}.fact, '$.mentions') y "
                    "ON json_extract(x.value, '$[3]') = json_extract(y.value, '$[3]'))")
"""Two items of one article say their facts in one sentence (a mention is [start, end, text, sentence])."""

_SAID_WITH = ("EXISTS (SELECT 1 FROM json_each(p.fact, '$.mentions') y WHERE json_extract(y.value, '$[3]') "
              "IN (SELECT json_extract(x.value, '$[3]') FROM json_each({x}.fact, '$.mentions') x))")
"""SHARE_A_SENTENCE of a partner `p` and the row `{x}` a trigger writes, with the row's sentences
as a list of their own: SQLite reads them once for all the partners, not once for each (where
both sides vary, as in BESIDE_PAIRS, the join above is the faster)."""

_PARTNERS = (f"SELECT p.entity AS e, p.kind AS k FROM items p WHERE p.article = {{x}}.article AND p.n != {{x}}.n "
             f"AND p.entity IS NOT NULL AND p.kind IN ({_NAMED}) AND {_SAID_WITH}")

_JOIN = f"""
INSERT INTO beside SELECT iif(back, e, {{x}}.entity), iif(back, {{x}}.kind, k), iif(back, {{x}}.entity, e), 1
    FROM ({_PARTNERS}) CROSS JOIN (SELECT 0 AS back UNION ALL SELECT 1) WHERE e != {{x}}.entity
    ON CONFLICT DO UPDATE SET pairs = pairs + 1;"""  # both rows of each pair from one walk of the partners

_LEAVE = f"""
UPDATE beside SET pairs = pairs - (SELECT count(*) FROM ({_PARTNERS}) WHERE e = beside.other AND k = beside.kind)
    WHERE entity = {{x}}.entity AND (kind, other) IN (SELECT k, e FROM ({_PARTNERS}));
UPDATE beside SET pairs = pairs - (SELECT count(*) FROM ({_PARTNERS}) WHERE e = beside.entity)
    WHERE kind = {{x}}.kind AND other = {{x}}.entity AND entity IN (SELECT e FROM ({_PARTNERS}));
DELETE FROM beside WHERE pairs <= 0 AND entity = {{x}}.entity AND (kind, other) IN (SELECT k, e FROM ({_PARTNERS}));
DELETE FROM beside WHERE pairs <= 0 AND kind = {{x}}.kind AND other = {{x}}.entity
    AND entity IN (SELECT e FROM ({_PARTNERS}));"""

_MOVED = "AFTER UPDATE OF entity ON items WHEN OLD.entity IS NOT NEW.entity AND"
TRIGGERS = [
    "CREATE TRIGGER articles_counted AFTER INSERT ON articles BEGIN "
    "INSERT INTO meta VALUES ('articles:' || coalesce(NEW.lang, ''), '1') "
    "ON CONFLICT DO UPDATE SET value = CAST(value AS INTEGER) + 1; END",
    "CREATE TRIGGER articles_uncounted AFTER DELETE ON articles BEGIN "
    "UPDATE meta SET value = CAST(value AS INTEGER) - 1 WHERE key = 'articles:' || coalesce(OLD.lang, ''); END",
    *(f"CREATE TRIGGER {name} {when} {x}.entity IS NOT NULL AND {x}.kind IN ({_NAMED}) BEGIN {body.format(x=x)} END"
      for name, when, x, body in (("beside_joined", "AFTER INSERT ON items WHEN", "NEW", _JOIN),
                                  ("beside_joined_again", _MOVED, "NEW", _JOIN),
                                  ("beside_left", "AFTER DELETE ON items WHEN", "OLD", _LEAVE),
                                  ("beside_left_for", _MOVED, "OLD", _LEAVE)))]
"""What the store keeps up by itself, whoever writes: the articles in each language (`stats`
reads them instead of counting a million rows) and `beside`, the named entities said in one
sentence with each named entity, with how many pairs of their items are (what `query --location
/--org` finds people, organisations and places by: an index, where a scan of every fact of a kind
was needed). Example: «Минпромторг» and «Омская область» in one sentence of two articles give
beside rows (org, location, place, 2) and (place, organization, org, 2)."""

BESIDE_PAIRS = (f"SELECT a.entity, b.kind, b.entity, count(*) FROM items a "
                f"JOIN items b ON b.article = a.article AND b.n != a.n AND b.entity IS NOT NULL AND b.entity != a.entity "
                f"AND b.kind IN ({_NAMED}) WHERE {{where}} AND a.kind IN ({_NAMED}) "
                f"AND {SHARE_A_SENTENCE.format(a='a', b='b')} GROUP BY a.entity, b.kind, b.entity")
"""`beside`'s rows computed from the items, for the items `where` picks (as `a`)."""

FILL_BESIDE = "INSERT INTO beside " + BESIDE_PAIRS.format(where="a.entity IS NOT NULL")
"""`beside` made from the items at once (a store migrated or built in bulk), as the triggers keep it."""

COUNT_LANGUAGES = ("INSERT INTO meta SELECT 'articles:' || coalesce(lang, ''), count(*) FROM articles GROUP BY lang "
                   "ON CONFLICT DO UPDATE SET value = excluded.value")



_ITEM_TRIGGERS = [t for t in TRIGGERS if " ON items " in t]  # `beside`'s
_DROP_ITEM_TRIGGERS = [f"DROP TRIGGER {t.split()[2]}" for t in _ITEM_TRIGGERS]


@contextlib.contextmanager
def bulk(db: sqlite3.Connection) -> Iterator[None]:
    """A change to many items at once (every entity forgotten, a store built in bulk): `beside`'s
    triggers are set aside while it runs, then the table is made again from the items, inside
    the caller's transaction — a row at a time would cost a partner lookup for each of millions.
    """
    for statement in _DROP_ITEM_TRIGGERS:
        db.execute(statement)
    yield
    db.execute("DELETE FROM beside")
    db.execute(FILL_BESIDE)
    for trigger in _ITEM_TRIGGERS:
        db.execute(trigger)


KEY_PREFIX = "judgement:"  # the entity key tying together the entities one judgement touches (resolve/incremental.py)

SENTENCE_BITS = 20  # a sentence's rowid is the article's rowid << 20 | its number in the article


class StoreError(Exception):
    """The knowledge base cannot be used as it is; the message says why and what to do."""


def create(db: sqlite3.Connection) -> None:
    db.executescript(DDL)
    for trigger in TRIGGERS:
        db.execute(trigger)
    db.execute("INSERT INTO meta VALUES ('schema', ?)", (str(VERSION),))


_TO_4 = ["DROP INDEX articles_by_published", _NEWEST, "DROP INDEX entities_by_kind", _BY_KIND,
         "ALTER TABLE context RENAME TO context_3", _CONTEXT,
         "INSERT INTO context SELECT e.kind, c.stem, c.entity FROM context_3 c JOIN entities e ON e.n = c.entity",
         "DROP TABLE context_3", "CREATE INDEX context_by_entity ON context (entity)",
         _BESIDE, FILL_BESIDE, COUNT_LANGUAGES, *TRIGGERS]
_TO_5 = [*_DROP_ITEM_TRIGGERS, *_ITEM_TRIGGERS]  # the same rows kept, by cheaper triggers
MIGRATIONS = {"2": ["CREATE TABLE judgements (id INTEGER PRIMARY KEY AUTOINCREMENT, record TEXT NOT NULL)", *_TO_4],
              "3": _TO_4, "4": _TO_5}
"""What brings a store of an older version to this one: the statements, by the old version.
A reader reads an older store as it is (what it lacks is empty); the first writer migrates it."""


def check(db: sqlite3.Connection, path: Path, writable: bool = False) -> None:
    """Refuse a store of another version, or a file that is not a store, with a message; a
    store of the version before is migrated when opened for writing, read as it is otherwise."""
    try:
        row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    except sqlite3.DatabaseError as e:
        raise StoreError(f"{path}: cannot read the knowledge base ({e}); repair it with `clusterkb rebuild`, "
                         f"or build a new one from the articles with `clusterkb ingest --force` (the old one is kept aside)") from None
    version = row[0] if row else None
    if version in MIGRATIONS:
        if writable:
            _migrate(db, version)
        return
    if version != str(VERSION):
        raise StoreError(f"{path}: written with schema version {version!r}, this clusterkb reads version "
                         f"{VERSION}; build a new one from the articles with `clusterkb ingest --force` (the old one is kept aside)")


def _migrate(db: sqlite3.Connection, version: str) -> None:
    """Bring a store of `version` to this one, in one transaction (a kill leaves the old one)."""
    db.execute("BEGIN IMMEDIATE")
    try:
        if db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()[0] == version:
            for statement in MIGRATIONS[version]:
                db.execute(statement)
            db.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (str(VERSION),))
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
