"""Reading the store: facts in their JSON form (as `export` prints them), found by name stems,
by the places and organisations around them, by article or by words of their sentences.

Every method answers from indexes: the cost of a lookup grows with the size of its answer, not
with the size of the knowledge base.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from typing import Any

from ..kinds import NAMED_KINDS
from ..lang.normalize import fold
from ..lang.stems import latin_stems, stems
from .codec import decode_fact
from .schema import SENTENCE_BITS, create
from .sql import CHUNK, chunks, marks

_FACT = "SELECT e.n, e.id, e.kind, e.attrs FROM entities e"
_CHECK = 2000  # entities a stem is counted up to when telling rare words from common ones
_STEM = "stem >= ? AND stem <= ?"  # a stem, or (4+ letters) one it starts: a range either index reads


class Index:
    """Read-only lookups; every answer is fact JSON: id, kind, the kind's fields, sources."""

    def __init__(self, db: sqlite3.Connection | None):
        """Read `db`; None gives an empty store."""
        if db is None:
            db = sqlite3.connect(":memory:")
            create(db)
        self.db = db

    def close(self) -> None:
        self.db.close()

    # whole kinds -----------------------------------------------------------------------------

    def facts(self, kind: str | None = None, sources: int | None = None) -> Iterator[dict[str, Any]]:
        """All facts (of a kind), ordered by kind and id, one at a time; with `sources`, each with
        only its first articles (and its totals)."""
        where, args = ("WHERE e.kind = ?", (kind,)) if kind else ("", ())
        for row in _rows(self.db.execute(f"{_FACT} {where} ORDER BY e.kind, e.id", args)):
            yield self._fact(row, sources)

    def kind_counts(self) -> dict[str, int]:
        counts = {k[len("count:"):]: int(v) for k, v in self.db.execute(
            "SELECT key, value FROM meta WHERE key LIKE 'count:%'")}
        return {k: v for k, v in counts.items() if v}

    def languages(self) -> dict[str, int]:
        return {lang or "unknown": n for lang, n in self.db.execute("SELECT lang, count(*) FROM articles GROUP BY lang")}

    def article_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def top_counts(self, limit: int) -> list[dict[str, Any]]:
        """The named facts found in most articles (then with most mentions) as `stats` lists
        them: id, kind, name, articles, mentions, read off the entity rows (no fact is parsed;
        a person named in a hundred thousand articles has a role list that size)."""
        rows = self.db.execute("SELECT e.id, e.kind, e.name, e.articles, e.mentions FROM entities e "
                               f"WHERE +e.kind IN ({marks(NAMED_KINDS)}) "
                               "ORDER BY e.articles DESC, e.mentions DESC, e.id LIMIT ?", (*NAMED_KINDS, limit))
        return [dict(zip(("id", "kind", "name", "articles", "mentions"), row)) for row in rows.fetchall()]

    def top(self, limit: int) -> list[dict[str, Any]]:
        """Named facts found in most articles, then with most mentions (with their totals, not
        their sources)."""
        # «+kind»: walk entities_top and stop at `limit`, rather than sort every named entity
        rows = self.db.execute(f"{_FACT} WHERE +e.kind IN ({marks(NAMED_KINDS)}) "
                               "ORDER BY e.articles DESC, e.mentions DESC, e.id LIMIT ?", (*NAMED_KINDS, limit))
        return [self._fact(row, 0) for row in rows.fetchall()]

    def latest_numbers(self, articles: int, sources: int | None = None) -> list[dict[str, Any]]:
        """Dates, counts and money said in the `articles` latest published articles (ordered
        by kind and id); with `sources`, each with only its first articles (and its totals)."""
        rows = {n for (n,) in self.db.execute(
            "SELECT i.entity FROM (SELECT id FROM articles ORDER BY published DESC, id LIMIT ?) a "
            "JOIN items i ON i.article = a.id WHERE i.vkey IS NOT NULL AND i.entity IS NOT NULL", (articles,))}
        return self._load(rows, None, sources)

    def fact(self, ident: str, sources: int | None = None) -> dict[str, Any] | None:
        """One fact by id; with `sources`, only its first articles (and its totals)."""
        row = self.db.execute(f"{_FACT} WHERE e.id = ?", (ident,)).fetchone()
        return self._fact(row, sources) if row else None

    def neighbours(self, ident: str, articles: int = 200) -> list[tuple[dict[str, Any], int]]:
        """Named facts said in the same sentences as this one (in its first `articles` articles),
        with how many sentences they share: {id, kind, name} and the count."""
        (n,) = self.db.execute("SELECT n FROM entities WHERE id = ?", (ident,)).fetchone()
        arts = [a for (a,) in self.db.execute("SELECT DISTINCT article FROM items WHERE entity = ? ORDER BY article "
                                              "LIMIT ?", (n, articles))]
        mine: set[tuple[str, int]] = set()
        theirs: dict[int, set[tuple[str, int]]] = {}
        for part in chunks(arts):
            for art, entity, fact in self.db.execute(
                    f"SELECT article, entity, fact FROM items WHERE article IN ({marks(part)}) AND entity IS NOT NULL "
                    f"AND kind IN ({marks(NAMED_KINDS)})", (*part, *NAMED_KINDS)):
                said = {(art, m[3]) for m in json.loads(fact)["mentions"]}
                (mine.update(said) if entity == n else theirs.setdefault(entity, set()).update(said))
        shared = {e: len(s & mine) for e, s in theirs.items() if s & mine}
        out = []
        for part in chunks(sorted(shared)):
            out += [({"id": i, "kind": k, "name": name}, shared[e]) for e, i, k, name in self.db.execute(
                f"SELECT n, id, kind, name FROM entities WHERE n IN ({marks(part)})", part)]
        return sorted(out, key=lambda p: (-p[1], p[0]["name"]))

    def numbers_about(self, names: list[str], limit: int = 500) -> list[dict[str, Any]]:
        """Dates, counts and money whose context may name one of `names` (candidates by stems,
        at most `limit` for each name: the caller checks the context)."""
        rows: set[int] = set()
        for name in names:
            words = stems(name)
            if not words:
                continue
            first = [n for (n,) in self.db.execute("SELECT entity FROM context WHERE stem = ? LIMIT ?", (words[0], limit))]
            rows |= set(first) & self._matching("context", words[1:], within=first) if words[1:] else set(first)
        return [f for f in self._load(rows, None, 1) if f["kind"] not in NAMED_KINDS]


    def by_name(self, text: str, kind: str | None = None, sources: int | None = None) -> list[dict[str, Any]]:
        """Facts with a name word for every word of `text` (exact stems, or prefixes of 4+),
        in either script; with `sources`, each with only its first articles (and its totals)."""
        rows = self._matching("names", stems(text)) | self._matching("names", latin_stems(text))
        return self._load(rows, kind, sources)

    def by_context(self, text: str, kind: str | None = None, sources: int | None = None) -> Iterator[dict[str, Any]]:
        """Facts whose context (or role organisation) has a word for every word of `text`, in
        order of kind and id, each read when the caller comes to it (a place said in every
        article has numbers in the millions; a caller wanting the first 20 reads 20)."""
        return self._each(self._matching("context", stems(text)), kind, sources)

    def by_text(self, text: str, kind: str | None = None, limit: int | None = None,
                sources: int | None = None) -> Iterator[dict[str, Any]]:
        """Facts said in sentences holding every word of `text` (any inflection: «промышленной
        ипотеки» finds «промышленная ипотека»); with `limit`, those of the first sentences found.
        Each fact is read when the caller comes to it (in order of kind and id)."""
        words = [w for w in stems(text) if w]
        if not words:
            return iter(())
        match = " ".join(f'"{w}"*' for w in words)
        rows: set[int] = set()
        sentences = self.db.execute("SELECT rowid FROM sentences WHERE sentences MATCH ? ORDER BY rowid", (match,))
        while limit is None or len(rows) < limit:
            batch = sentences.fetchmany(CHUNK)
            if not batch:
                break
            hits: dict[int, set[int]] = {}
            for (rowid,) in batch:
                hits.setdefault(rowid >> SENTENCE_BITS, set()).add(rowid & ((1 << SENTENCE_BITS) - 1))
            kinds = "AND i.kind = ?" if kind else ""
            for art, entity, fact in self.db.execute(
                    f"SELECT a.rowid, i.entity, i.fact FROM articles a JOIN items i ON i.article = a.id "
                    f"WHERE a.rowid IN ({marks(hits)}) AND i.entity IS NOT NULL {kinds} ORDER BY a.rowid, i.pos",
                    (*hits, *([kind] if kind else []))):
                if any(m[3] in hits[art] for m in json.loads(fact)["mentions"]):
                    rows.add(entity)
        return self._each(rows, kind, sources)


    def articles(self, ids: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
        """Article records by id: all of them, or only those asked for."""
        if ids is None:
            return {k: json.loads(v) for k, v in self.db.execute("SELECT id, record FROM articles ORDER BY id")}
        out: dict[str, dict[str, Any]] = {}
        for part in chunks(sorted(set(ids))):
            out.update((k, json.loads(v)) for k, v in self.db.execute(
                f"SELECT id, record FROM articles WHERE id IN ({marks(part)})", part))
        return out

    def article_records(self) -> Iterator[dict[str, Any]]:
        """Every article record in order of id, read a batch at a time (a million articles
        never in memory at once)."""
        for (record,) in _rows(self.db.execute("SELECT record FROM articles ORDER BY id")):
            yield json.loads(record)

    def facts_per_article(self) -> dict[str, int]:
        """Article id → how many facts of the knowledge base it supports."""
        return dict(self.db.execute("SELECT article, count(DISTINCT entity) FROM items WHERE entity IS NOT NULL "
                                    "GROUP BY article"))

    def judgements(self) -> list[dict[str, Any]]:
        """The analyst's judgements, oldest first (none in a store of the version before them),
        each with `now`: the ids of the entities holding each side's facts today (a side whose
        facts all left, or were extracted under another name, holds none: the judgement idles)."""
        if not self.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'judgements'").fetchone():
            return []
        out = []
        for (record,) in self.db.execute("SELECT record FROM judgements ORDER BY id").fetchall():
            j = json.loads(record)
            now = [anchored(self.db, j["kind"], [tuple(a) for a in side]) for side in j["sides"]]
            out.append({**j, "now": [sorted(entity_ids(self.db, ns)) for ns in now]})
        return out

    def runs(self) -> list[dict[str, Any]]:
        return [json.loads(r) for (r,) in self.db.execute("SELECT record FROM runs ORDER BY n")]

    # assembling facts --------------------------------------------------------------------------

    def _matching(self, table: str, words: list[str], within: list[int] | None = None) -> set[int]:
        """Entities with a word for every one of `words`: the same stem, or one it starts (4+
        letters); only among `within` when given. Read from the rarest word, the others checked
        entity by entity in SQL, so «Амурская область» costs what «амурск» finds, not what the
        «област» of every place in the store finds."""
        if within is not None:
            rows = set(within)
            for s in words:
                rows = {n for n in rows if self.db.execute(
                    f"SELECT 1 FROM {table} WHERE entity = ? AND {_STEM} LIMIT 1", (n, *_stem_args(s))).fetchone()}
            return rows
        if not words:
            return set()
        first, *rest = sorted(set(words), key=lambda s: self._frequency(table, s))
        others = "".join(f" AND EXISTS (SELECT 1 FROM {table} WHERE entity = t.entity AND {_STEM})" for _ in rest)
        return {n for (n,) in self.db.execute(f"SELECT entity FROM {table} t WHERE {_STEM}{others}",
                                              [a for s in (first, *rest) for a in _stem_args(s)])}

    def _frequency(self, table: str, word: str) -> int:
        """How many entities a stem finds, counted up to a bound: enough to tell rare from common."""
        return self.db.execute(f"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {_STEM} LIMIT ?)",
                               (*_stem_args(word), _CHECK)).fetchone()[0]

    def _load(self, rows: set[int], kind: str | None, sources: int | None = None) -> list[dict[str, Any]]:
        return list(self._each(rows, kind, sources))

    def _each(self, rows: set[int], kind: str | None, sources: int | None = None) -> Iterator[dict[str, Any]]:
        """The facts of these entity rows (of a kind), ordered by kind and id; each one's
        sources are read only when the caller takes it."""
        found: list[tuple] = []
        for part in chunks(sorted(rows)):
            where = f"WHERE n IN ({marks(part)})" + (" AND kind = ?" if kind else "")
            found += self.db.execute(f"SELECT kind, id, n FROM entities {where}", (*part, *([kind] if kind else [])))
        for _, _, n in sorted(found):
            yield self._fact(self.db.execute(f"{_FACT} WHERE e.n = ?", (n,)).fetchone(), sources)

    def _fact(self, row: tuple, sources: int | None = None) -> dict[str, Any]:
        """A fact's JSON form; with `sources`, only its first articles and `total`: how many
        articles and mentions it has in all."""
        n, ident, kind, attrs = row
        fact = {"id": ident, "kind": kind, **json.loads(attrs), "sources": self._sources(n, sources)}
        if sources is not None:
            articles, mentions = self.db.execute("SELECT articles, mentions FROM entities WHERE n = ?", (n,)).fetchone()
            fact["total"] = {"articles": articles, "mentions": mentions}
        return fact

    def _sources(self, n: int, limit: int | None = None) -> list[dict[str, Any]]:
        """The articles a fact is said in (its first `limit`), each with its mentions and their sentences."""
        if limit == 0:
            return []
        if limit is None:
            return list(self.sources_of(n))
        rows = self.db.execute("SELECT i.article, a.path, a.rowid, i.fact FROM items i JOIN articles a ON a.id = i.article "
                               "WHERE i.entity = ? AND i.article IN (SELECT DISTINCT article FROM items WHERE entity = ? "
                               "ORDER BY article LIMIT ?) ORDER BY i.article, i.pos", (n, n, limit)).fetchall()
        return list(self._grouped(rows))

    def sources_of(self, n: int) -> Iterator[dict[str, Any]]:
        """A fact's sources one article at a time, read in batches: memory stays flat however
        many articles say it."""
        cursor = self.db.cursor()
        cursor.execute("SELECT i.article, a.path, a.rowid, i.fact FROM items i JOIN articles a ON a.id = i.article "
                       "WHERE i.entity = ? ORDER BY i.article, i.pos", (n,))
        pending: dict[str, Any] | None = None
        while rows := cursor.fetchmany(CHUNK):
            for source in self._grouped(rows):
                if pending and pending["article"] == source["article"]:
                    pending["mentions"] += [m for m in source["mentions"] if m not in pending["mentions"]]
                    continue
                if pending:
                    yield pending
                pending = source
        if pending:
            yield pending

    def _grouped(self, rows: list[tuple]) -> Iterator[dict[str, Any]]:
        """Rows of (article, path, article rowid, fact) in article order → one source per article,
        its mentions with their sentences."""
        wanted = {(r[2] << SENTENCE_BITS) + m[3] for r in rows for m in json.loads(r[3])["mentions"]}
        text: dict[int, dict[int, str]] = {}
        for part in chunks(sorted(wanted)):
            for k, t in self.db.execute(f"SELECT rowid, text FROM sentences WHERE rowid IN ({marks(part)})", part):
                text.setdefault(k >> SENTENCE_BITS, {})[k & ((1 << SENTENCE_BITS) - 1)] = t
        out: dict[str, Any] | None = None
        for article, path, rowid, fact in rows:
            mentions = decode_fact(fact, text.get(rowid, {}))["mentions"]
            if out and out["article"] == article:
                out["mentions"] += [m for m in mentions if m not in out["mentions"]]
                continue
            if out:
                yield out
            out = {"article": article, "path": path or "", "mentions": mentions}
        if out:
            yield out

    def streamed(self) -> Iterator[dict[str, Any]]:
        """Every fact, ordered by kind and id, its `sources` an iterator read as it is consumed
        (what `export` writes: memory flat in the size of the store and of any one fact)."""
        for n, ident, kind, attrs in _rows(self.db.execute(f"{_FACT} ORDER BY e.kind, e.id")):
            yield {"id": ident, "kind": kind, **json.loads(attrs), "sources": self.sources_of(n)}

    def article_lookup(self) -> ArticleLookup:
        return ArticleLookup(self)


class ArticleLookup:
    """Article records by id, read when asked for and kept for the next: `.get(id, default)` like
    the dict `Index.articles()` returns, without reading every article first."""

    def __init__(self, index: Index):
        self.index = index
        self.known: dict[str, dict[str, Any]] = {}

    def get(self, article: str, default: Any = None) -> Any:
        if article not in self.known:
            if len(self.known) > 10_000:
                self.known.clear()
            self.known.update(self.index.articles([article]))
        return self.known.get(article, default)


def _stem_args(word: str) -> tuple:
    """The parameters of `_STEM` for one word: «област» → «област» … «област\uffff», «рф» → «рф» … «рф»."""
    return word, word + "\uffff" if len(word) >= 4 else word


def _rows(cursor: sqlite3.Cursor) -> Iterator[tuple]:
    """A cursor's rows a batch at a time (other queries may run between two batches)."""
    while batch := cursor.fetchmany(CHUNK):
        yield from batch


def entity_ids(db: sqlite3.Connection, entities: Iterable[int]) -> set[str]:
    """The ids of entities given by row."""
    return {i for part in chunks(sorted(entities)) for (i,) in db.execute(
        f"SELECT id FROM entities WHERE n IN ({marks(part)})", part)}


def anchored(db: sqlite3.Connection, kind: str, anchors: Iterable[tuple[str, str]]) -> set[int]:
    """The entities (by row) holding the facts of `kind` these anchors name: (article id,
    folded name) names that article's fact of that name; ("", folded name) the facts of that
    name in every article (one pass over the facts of the kind).

    Example: anchored(db, "organization", [("9680a4c7bec84581", "фрп")]) → {12}
    """
    by_article: dict[str, set[str]] = {}
    for article, name in anchors:
        by_article.setdefault(article, set()).add(name)
    found: set[int] = set()
    for article, names in sorted(by_article.items()):
        where, args = ("article = ? AND kind = ?", (article, kind)) if article else ("kind = ?", (kind,))
        rows = db.execute(f"SELECT entity, json_extract(fact, '$.name') FROM items WHERE {where} "
                          "AND entity IS NOT NULL", args)
        found |= {n for n, said in rows if fold(said or "") in names}
    return found
