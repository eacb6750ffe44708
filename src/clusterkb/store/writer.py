"""Changing the store: one transaction per article stored or removed, one per resolution batch.

An article's facts are stored the moment it is extracted (its items wait, unresolved, for
`resolve.incremental.resolve`), so a run killed at any point loses nothing already extracted:
the next run finds the items and resolves them.
"""
from __future__ import annotations

import contextlib
import json
import sqlite3
from pathlib import Path
from typing import Any, Iterator

from .codec import encode_fact, sentences_of
from .schema import SENTENCE_BITS, StoreError, bulk
from .sql import chunks, marks



class Writer:
    """The store opened for writing by the one process holding the lock."""

    def __init__(self, db: sqlite3.Connection, path: Path):
        self.db = db
        self.path = path

    def close(self) -> None:
        self.db.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction; inside another, part of that one (so a caller can make several
        changes one)."""
        if self.db.in_transaction:
            yield
            return
        try:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            self.db.execute("COMMIT")
        except sqlite3.Error as e:  # a read-only folder, a full disk: said, and nothing half-written
            raise StoreError(f"{self.path}: cannot write the knowledge base ({e}); nothing of this change was kept") from None

    # the catalogue: which file each article came from -------------------------------------

    def file(self, path: str) -> dict[str, Any] | None:
        """What the store knows of a file: size, mtime, whether it was read whole, its articles."""
        row = self.db.execute("SELECT size, mtime, complete FROM files WHERE path = ?", (path,)).fetchone()
        if row is None:
            return None
        ids = [a for (a,) in self.db.execute("SELECT article FROM file_articles WHERE path = ? ORDER BY article", (path,))]
        return {"path": path, "size": row[0], "mtime": row[1], "complete": bool(row[2]), "ids": ids}

    def set_file(self, path: str, info: dict[str, Any], ids: list[str], complete: bool = True) -> None:
        with self.transaction():
            self._set_file(path, info, ids, complete)

    def _set_file(self, path: str, info: dict[str, Any], ids: list[str], complete: bool) -> None:
        self.db.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)",
                        (path, info.get("size"), info.get("mtime"), int(complete)))
        self.db.execute("DELETE FROM file_articles WHERE path = ?", (path,))
        self.db.executemany("INSERT OR IGNORE INTO file_articles VALUES (?, ?)", [(path, i) for i in ids])

    def drop_file(self, path: str) -> list[str]:
        """Forget a file; its articles no other file holds leave too. Returns those articles."""
        with self.transaction():
            ids = [a for (a,) in self.db.execute("SELECT article FROM file_articles WHERE path = ?", (path,))]
            self.db.execute("DELETE FROM files WHERE path = ?", (path,))
            self.db.execute("DELETE FROM file_articles WHERE path = ?", (path,))
            return [i for i in ids if self._drop_if_orphan(i)]

    def files(self) -> list[str]:
        return [p for (p,) in self.db.execute("SELECT path FROM files ORDER BY path")]

    def has_article(self, article_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def article_ids(self, prefix: str) -> list[str]:
        return [a for (a,) in self.db.execute("SELECT id FROM articles WHERE id >= ? AND id < ? ORDER BY id",
                                              (prefix, prefix + "\uffff"))]

    def files_of(self, article_id: str) -> list[str]:
        return [p for (p,) in self.db.execute("SELECT path FROM file_articles WHERE article = ?", (article_id,))]

    # files an analyst forgot stay forgotten until `ingest --force` --------------------------

    def forgotten(self, path: str) -> bool:
        return self.db.execute("SELECT 1 FROM forgotten WHERE path = ?", (path,)).fetchone() is not None

    def remember_forgotten(self, paths: list[str], when: str) -> None:
        with self.transaction():
            self.db.executemany("INSERT OR REPLACE INTO forgotten VALUES (?, ?)", [(p, when) for p in paths])

    def unforget_all(self) -> int:
        with self.transaction():
            return self.db.execute("DELETE FROM forgotten").rowcount

    # articles ----------------------------------------------------------------------------

    def add_article(self, article: dict[str, Any], facts: list[dict[str, Any]], path: str | None,
                    replaces: list[str] = (), file: dict[str, Any] | None = None) -> None:
        """Store one article's record and facts (replacing a stored one of the same id), in one
        transaction with the file it came from (marked as read in part until `set_file`) and the
        removal of the articles it replaces."""
        with self.transaction():
            self._remove(article["id"])
            sentences = sentences_of(facts)
            number = {s: k for k, s in enumerate(sentences)}
            cur = self.db.execute("INSERT INTO articles (id, path, published, lang, record, facts) VALUES (?, ?, ?, ?, ?, ?)",
                                  (article["id"], article.get("path"), article.get("published"), article.get("lang"),
                                   json.dumps(article, ensure_ascii=False), len(facts)))
            base = cur.lastrowid << SENTENCE_BITS
            self.db.executemany("INSERT INTO sentences (rowid, text) VALUES (?, ?)",
                                [(base + k, s) for k, s in enumerate(sentences[: 1 << SENTENCE_BITS])])
            self.db.executemany("INSERT INTO items (article, pos, kind, fact) VALUES (?, ?, ?, ?)",
                                [(article["id"], pos, f["kind"], encode_fact(f, number)) for pos, f in enumerate(facts)])
            if path is not None:
                known = self.file(path)
                ids = sorted({*(known["ids"] if known else []), article["id"]})
                self._set_file(path, file or known or {}, ids, complete=False)
            for old in replaces:
                if old != article["id"]:
                    self.db.execute("DELETE FROM file_articles WHERE article = ? AND path = ?", (old, path))
                    self._drop_if_orphan(old)

    def drop_if_orphan(self, article_id: str) -> bool:
        with self.transaction():
            return self._drop_if_orphan(article_id)

    def _drop_if_orphan(self, article_id: str) -> bool:
        """Remove an article no file holds any more (one from stdin is held by none: it stays)."""
        if self.db.execute("SELECT 1 FROM file_articles WHERE article = ?", (article_id,)).fetchone():
            return False
        return self._remove(article_id)

    def remove_article(self, article_id: str) -> bool:
        with self.transaction():
            self.db.execute("DELETE FROM file_articles WHERE article = ?", (article_id,))
            return self._remove(article_id)

    def _remove(self, article_id: str) -> bool:
        """Delete an article and its facts; the entities they were in are resolved again."""
        row = self.db.execute("SELECT rowid FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            return False
        self.db.execute("INSERT OR IGNORE INTO dirty SELECT DISTINCT entity FROM items "
                        "WHERE article = ? AND entity IS NOT NULL", (article_id,))
        self.db.execute("DELETE FROM items WHERE article = ?", (article_id,))
        base = row[0] << SENTENCE_BITS
        self.db.execute("DELETE FROM sentences WHERE rowid >= ? AND rowid < ?", (base, base + (1 << SENTENCE_BITS)))
        self.db.execute("DELETE FROM articles WHERE id = ?", (article_id,))
        return True

    # what resolution starts again from ---------------------------------------------------

    def reset(self) -> None:
        """Forget every entity; the next resolution builds them again from the stored facts."""
        with self.transaction(), bulk(self.db):
            for table in ("entities", "entity_keys", "names", "context", "dirty"):
                self.db.execute(f"DELETE FROM {table}")
            self.db.execute("DELETE FROM meta WHERE key LIKE 'count:%'")
            self.db.execute("UPDATE items SET entity = NULL, vkey = NULL, places = NULL, context = NULL")

    def bases_among(self, ids: set[str]) -> set[str]:
        """Those of these base ids (an entity's id before two of one name are told apart) that
        an entity of the knowledge base has now.

        Example: an entity made by one resolution of a run and regrouped under another name by a
        later one is among the run's ids but no longer the store's: bases_among({its id}) → set()."""
        return {i for part in chunks(sorted(ids)) for (i,) in self.db.execute(
            f"SELECT DISTINCT base FROM entities WHERE base IN ({marks(part)})", part)}

    def counts(self) -> dict[str, int]:
        return {k[len("count:"):]: int(v) for k, v in self.db.execute("SELECT key, value FROM meta WHERE key LIKE 'count:%'")}

    # the analyst's judgements (resolution applies them) ------------------------------------

    def judgement_texts(self) -> tuple[str, ...]:
        """Every judgement in force, oldest first, as its stored JSON text (compared whole, to
        tell whether any changed)."""
        return tuple(r for (r,) in self.db.execute("SELECT record FROM judgements ORDER BY id"))

    def add_judgement(self, record: dict[str, Any]) -> int:
        """Keep a judgement; its id is the record's when it has one (carried over), else the next."""
        with self.transaction():
            given = record.get("id") or None
            n = self.db.execute("INSERT INTO judgements (id, record) VALUES (?, '')", (given,)).lastrowid
            self.db.execute("UPDATE judgements SET record = ? WHERE id = ?",
                            (json.dumps({**record, "id": n}, ensure_ascii=False), n))
            return n

    def drop_judgement(self, n: int) -> dict[str, Any] | None:
        """Withdraw a judgement; returns its record (None: no such judgement)."""
        with self.transaction():
            row = self.db.execute("SELECT record FROM judgements WHERE id = ?", (n,)).fetchone()
            self.db.execute("DELETE FROM judgements WHERE id = ?", (n,))
            return json.loads(row[0]) if row else None

    # runs ----------------------------------------------------------------------------------

    def save_run(self, record: dict[str, Any]) -> None:
        with self.transaction():
            self.db.execute("INSERT INTO runs (started, record) VALUES (?, ?)",
                            (record.get("started", ""), json.dumps(record, ensure_ascii=False)))

