"""The knowledge base's tables, their version, and opening a store safely.

One SQLite file, `DATA_DIR/extracted/kb.sqlite`, is the knowledge base: articles and the files
they came from, every article's facts as extracted (`items`), the entities they resolve to, the
keys that find an entity, the stems queries look names up by, and the sentences for full-text
search. Written in WAL mode, so readers never wait for the one writer and never see half a
transaction; every ingest step is one transaction, so a killed run leaves the store as it was
before that step or after it.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

VERSION = 3  # 1 was kb.json + index.sqlite + catalog.json beside per-article JSON files; 2 had no judgements

DDL = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE articles (id TEXT PRIMARY KEY, path TEXT, published TEXT, lang TEXT, record TEXT NOT NULL,
                       facts INTEGER NOT NULL);
CREATE INDEX articles_by_published ON articles (published);
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
CREATE INDEX entities_by_kind ON entities (kind, n);
CREATE INDEX entities_top ON entities (articles DESC, mentions DESC, n);
CREATE INDEX entities_by_value ON entities (vkey, places) WHERE vkey IS NOT NULL;
CREATE TABLE entity_keys (key TEXT NOT NULL, entity INTEGER NOT NULL, PRIMARY KEY (key, entity)) WITHOUT ROWID;
CREATE INDEX entity_keys_by_entity ON entity_keys (entity);
CREATE TABLE names (stem TEXT NOT NULL, entity INTEGER NOT NULL, PRIMARY KEY (stem, entity)) WITHOUT ROWID;
CREATE INDEX names_by_entity ON names (entity);
CREATE TABLE context (stem TEXT NOT NULL, entity INTEGER NOT NULL, PRIMARY KEY (stem, entity)) WITHOUT ROWID;
CREATE INDEX context_by_entity ON context (entity);
CREATE TABLE dirty (entity INTEGER PRIMARY KEY);
CREATE TABLE runs (n INTEGER PRIMARY KEY, started TEXT NOT NULL, record TEXT NOT NULL);
CREATE TABLE judgements (id INTEGER PRIMARY KEY AUTOINCREMENT, record TEXT NOT NULL);
CREATE VIRTUAL TABLE sentences USING fts5(text, tokenize = 'unicode61 remove_diacritics 2');
"""

SENTENCE_BITS = 20  # a sentence's rowid is the article's rowid << 20 | its number in the article


class StoreError(Exception):
    """The knowledge base cannot be used as it is; the message says why and what to do."""


def create(db: sqlite3.Connection) -> None:
    db.executescript(DDL)
    db.execute("INSERT INTO meta VALUES ('schema', ?)", (str(VERSION),))


MIGRATIONS = {"2": ["CREATE TABLE judgements (id INTEGER PRIMARY KEY AUTOINCREMENT, record TEXT NOT NULL)"]}
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
