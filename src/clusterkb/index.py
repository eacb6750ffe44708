"""The query index: the knowledge base's facts in SQLite, keyed by the stems of their names
and of the places and organisations around them.

kb.json stays the knowledge base's JSON form; this index is derived from it at every rebuild
so that `query`, `show` and `stats` answer from a 10,000-article knowledge base without
reading it all. Each row keeps the fact's JSON exactly as kb.json has it.
"""
from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import tempfile
from pathlib import Path
from typing import Any, Iterable, Iterator

from .facts import NAMED_KINDS, SCHEMA_VERSION
from .query import latin_stems, names_of, stems

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE facts (n INTEGER PRIMARY KEY, id TEXT, kind TEXT, articles INTEGER, mentions INTEGER, json TEXT);
CREATE TABLE names (stem TEXT, fact INTEGER);
CREATE TABLE context (stem TEXT, fact INTEGER);
CREATE TABLE sources (article TEXT, fact INTEGER);
CREATE TABLE articles (id TEXT PRIMARY KEY, json TEXT);
"""
_INDEXES = """
CREATE INDEX names_stem ON names (stem);
CREATE INDEX context_stem ON context (stem);
CREATE INDEX sources_article ON sources (article);
CREATE INDEX facts_kind ON facts (kind);
"""


def write_index(path: Path, facts: list[dict[str, Any]], articles: dict[str, dict[str, Any]]) -> None:
    """Build the index in a temporary file and rename it over `path`."""
    fd, tmp = tempfile.mkstemp(prefix=".index.", suffix=".sqlite", dir=path.parent)
    os.close(fd)
    try:
        with contextlib.closing(sqlite3.connect(tmp)) as db:
            db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
            db.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
            db.executemany("INSERT INTO facts VALUES (?, ?, ?, ?, ?, ?)", (
                (n, f["id"], f["kind"], len(f["sources"]), sum(len(s["mentions"]) for s in f["sources"]),
                 json.dumps(f, ensure_ascii=False)) for n, f in enumerate(facts)))
            db.executemany("INSERT INTO names VALUES (?, ?)", _rows(facts, _name_stems))
            db.executemany("INSERT INTO context VALUES (?, ?)", _rows(facts, _context_stems))
            db.executemany("INSERT INTO sources VALUES (?, ?)",
                           ((s["article"], n) for n, f in enumerate(facts) for s in f["sources"]))
            db.executemany("INSERT INTO articles VALUES (?, ?)",
                           ((k, json.dumps(v, ensure_ascii=False)) for k, v in articles.items()))
            db.executescript(_INDEXES)
            db.commit()
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _rows(facts: list[dict[str, Any]], stems_of) -> Iterator[tuple[str, int]]:
    for n, f in enumerate(facts):
        for s in stems_of(f):
            yield s, n


def _name_stems(fact: dict[str, Any]) -> set[str]:
    """Stems of every name, and of its Latin spelling, so «Лабудина» finds «Mikhail Labudin»."""
    if fact["kind"] not in NAMED_KINDS:
        return set()
    return {s for name in names_of(fact) for s in stems(name) + latin_stems(name)}


def _context_stems(fact: dict[str, Any]) -> set[str]:
    ctx = fact.get("context") or {}
    names = ctx.get("organizations", []) + ctx.get("locations", []) + [fact.get("organization") or ""]
    return {s for name in names for s in stems(name)}


class Index:
    """Read-only lookups over the index; every answer is fact JSON as kb.json holds it."""

    def __init__(self, path: Path | None):
        """Open the index at `path` read-only; None gives an empty index."""
        if path is None:
            self.db = sqlite3.connect(":memory:")
            self.db.executescript(_SCHEMA)
        else:
            self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)

    def close(self) -> None:
        self.db.close()

    def schema(self) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        return row[0] if row else None

    def ids(self) -> set[str]:
        return {i for (i,) in self.db.execute("SELECT id FROM facts")}

    def facts(self, kind: str | None = None) -> Iterator[dict[str, Any]]:
        """All facts (of a kind), in the knowledge base's order."""
        sql, args = "SELECT json FROM facts", ()
        if kind:
            sql, args = sql + " WHERE kind = ?", (kind,)
        for (text,) in self.db.execute(sql + " ORDER BY n", args):
            yield json.loads(text)

    def by_name(self, text: str, kind: str | None = None) -> list[dict[str, Any]]:
        """Facts with a name word for every word of `text` (exact stems, or prefixes of 4+),
        in either script."""
        rows = self._rows("names", stems(text)) | self._rows("names", latin_stems(text))
        return [f for f in self._load(rows) if not kind or f["kind"] == kind]

    def by_context(self, text: str, kind: str | None = None) -> list[dict[str, Any]]:
        """Facts whose context (or role organisation) has a word for every word of `text`."""
        return self._matching("context", text, kind)

    def in_articles(self, articles: Iterable[str]) -> list[dict[str, Any]]:
        """Facts with a source in any of these articles."""
        ids = list(set(articles))
        rows: set[int] = set()
        for chunk in range(0, len(ids), 500):
            part = ids[chunk:chunk + 500]
            rows |= {n for (n,) in self.db.execute(
                f"SELECT fact FROM sources WHERE article IN ({','.join('?' * len(part))})", part)}
        return self._load(rows)

    def articles(self, ids: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
        """Article records by id: all of them, or only those asked for."""
        if ids is None:
            return {k: json.loads(v) for k, v in self.db.execute("SELECT id, json FROM articles")}
        wanted = list(set(ids))
        out: dict[str, dict[str, Any]] = {}
        for chunk in range(0, len(wanted), 500):
            part = wanted[chunk:chunk + 500]
            out.update((k, json.loads(v)) for k, v in self.db.execute(
                f"SELECT id, json FROM articles WHERE id IN ({','.join('?' * len(part))})", part))
        return out

    def article_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def kind_counts(self) -> dict[str, int]:
        return dict(self.db.execute("SELECT kind, count(*) FROM facts GROUP BY kind"))

    def top(self, limit: int) -> list[dict[str, Any]]:
        """Named facts found in most articles, then with most mentions."""
        kinds = ",".join(f"'{k}'" for k in NAMED_KINDS)
        rows = self.db.execute(f"SELECT json FROM facts WHERE kind IN ({kinds}) "
                               "ORDER BY articles DESC, mentions DESC, n LIMIT ?", (limit,))
        return [json.loads(text) for (text,) in rows]

    def _matching(self, table: str, text: str, kind: str | None) -> list[dict[str, Any]]:
        return [f for f in self._load(self._rows(table, stems(text))) if not kind or f["kind"] == kind]

    def _rows(self, table: str, words: list[str]) -> set[int]:
        """Rows with a word for every one of `words`: the same stem, or one it starts (4+ letters)."""
        rows: set[int] | None = None
        for s in words:
            found = {n for (n,) in self.db.execute(
                f"SELECT fact FROM {table} WHERE stem = ? OR (? AND stem >= ? AND stem < ?)",
                (s, len(s) >= 4, s, s + "\uffff"))}
            rows = found if rows is None else rows & found
        return rows or set()

    def _load(self, rows: set[int]) -> list[dict[str, Any]]:
        out = []
        ordered = sorted(rows)
        for chunk in range(0, len(ordered), 500):
            part = ordered[chunk:chunk + 500]
            out += [json.loads(text) for (text,) in self.db.execute(
                f"SELECT json FROM facts WHERE n IN ({','.join('?' * len(part))}) ORDER BY n", part)]
        return out
