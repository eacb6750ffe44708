"""Reading the store: facts in their JSON form (as `export` prints them), found by name stems,
by the places and organisations around them, by article or by words of their sentences.

Every method answers from indexes: the cost of a lookup grows with the size of its answer, not
with the size of the knowledge base.
"""
from __future__ import annotations

import itertools
import json
import sqlite3
from collections.abc import Iterable, Iterator
from typing import Any

from ..kinds import KINDS, NAMED_KINDS
from ..lang.normalize import fold
from ..lang.stems import latin_stems, stems
from .codec import decode_fact
from .schema import BESIDE_PAIRS, KEY_PREFIX, SENTENCE_BITS, create
from .sql import CHUNK, chunks, marks

_FACT = "SELECT e.n, e.id, e.kind, e.attrs FROM entities e"
_CHECK = 2000  # entities a stem is counted up to when telling rare words from common ones
_FEW = 8  # rows of the first batch read of a walk (see `_rows`)
_STEM = "stem >= ? AND stem <= ?"  # a stem, or (4+ letters) one it starts: a range either index reads


class Index:
    """Read-only lookups; every answer is fact JSON: id, kind, the kind's fields, sources."""

    def __init__(self, db: sqlite3.Connection | None):
        """Read `db`; None gives an empty store."""
        if db is None:
            db = sqlite3.connect(":memory:")
            create(db)
        self.db = db
        kinded = any(column == "kind" for _, column, *_ in db.execute("PRAGMA table_info(context)"))
        self._of_kind = "kind = ?" if kinded else "entity IN (SELECT n FROM entities WHERE kind = ?)"  # version 3

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
        """Articles by language («unknown» for none), from the counts the store keeps as articles
        come and go (a store of the version before them is counted row by row).

        Example: {"en": 4, "ru": 32}"""
        kept = self.db.execute("SELECT substr(key, 10), CAST(value AS INTEGER) FROM meta WHERE key LIKE 'articles:%'")
        counts = kept.fetchall() or self.db.execute("SELECT lang, count(*) FROM articles GROUP BY lang").fetchall()
        return {lang or "unknown": n for lang, n in counts if n}

    def article_count(self) -> int:
        return sum(self.languages().values())

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
        at most `limit` for each name: the caller checks the context), without their sources."""
        rows: set[int] = set()
        for name in names:
            words = stems(name)
            if not words:
                continue
            first = sorted(n for kind in KINDS for (n,) in self.db.execute(
                f"SELECT entity FROM context WHERE {self._of_kind} AND stem = ? LIMIT ?", (kind, words[0], limit)))[:limit]
            rows |= set(first) & self._matching("context", words[1:], within=first) if words[1:] else set(first)
        return [f for f in self._load(rows, None, 0) if f["kind"] not in NAMED_KINDS]

    def first_published(self, idents: Iterable[str]) -> dict[str, str | None]:
        """Each fact's first article's (by id) publication date: the date of the first of its sources.

        Example: first_published(["cou-1a2b3c4d5e6f"]) → {"cou-1a2b3c4d5e6f": "2024-02-29"}"""
        first = ("SELECT e.id, (SELECT a.published FROM items i JOIN articles a ON a.id = i.article WHERE i.entity = e.n "
                 "ORDER BY i.article LIMIT 1) FROM entities e WHERE e.id IN ({})")
        return {i: p for part in chunks(sorted(set(idents))) for i, p in self.db.execute(first.format(marks(part)), part)}


    def by_name(self, text: str, kind: str | None = None, sources: int | None = None) -> list[dict[str, Any]]:
        """Facts with a name word for every word of `text` (exact stems, or prefixes of 4+),
        in either script; with `sources`, each with only its first articles (and its totals)."""
        rows = self._matching("names", stems(text)) | self._matching("names", latin_stems(text))
        return self._load(rows, kind, sources)

    def by_context(self, text: str, kind: str, sources: int | None = None) -> Iterator[dict[str, Any]]:
        """Facts of a kind whose context (or role organisation) has a word for every word of
        `text`, in order of id, each read when the caller comes to it. A rare word's few facts
        are found and sorted; a common one's are met walking the kind in order, so the first 20
        of a place said in every article cost 20 facts read, not the millions it has."""
        words = sorted(set(stems(text)), key=lambda s: self._frequency("context", s, kind))
        if not words:
            return iter(())
        if self._frequency("context", words[0], kind) < _CHECK:
            return self.each(self._matching("context", words, kind=kind), kind, sources)
        checks = " AND ".join(f"EXISTS (SELECT 1 FROM context c WHERE c.entity = e.n AND c.{_STEM})" for _ in words)
        cursor = self.db.execute(f"{_FACT} WHERE e.kind = ? AND {checks} ORDER BY e.id",
                                 (kind, *(a for w in words for a in _stem_args(w))))
        return (self._fact(row, sources) for row in _rows(cursor))

    def beside(self, entities: Iterable[int], kind: str, sources: int | None = None) -> Iterator[dict[str, Any]]:
        """The facts of a named kind said in one sentence with any of these entities (by row), in
        order of id, each read when the caller comes to it: from the `beside` table the store
        keeps, walked in order (a store of the version before it: found from their items)."""
        rows = sorted(set(entities))
        if self._has("beside") and len(rows) <= CHUNK:
            partners = f"SELECT DISTINCT other FROM beside WHERE entity IN ({marks(rows)}) AND kind = ?"
            if self.db.execute(f"SELECT count(*) FROM ({partners} LIMIT ?)", (*rows, kind, _CHECK)).fetchone()[0] < _CHECK:
                ordered = self.db.execute(f"SELECT e.n FROM ({partners}) o CROSS JOIN entities e ON e.n = o.other "
                                          "ORDER BY e.id", (*rows, kind)).fetchall()  # a few: found, then sorted
                return (self._fact(self.db.execute(f"{_FACT} WHERE e.n = ?", (n,)).fetchone(), sources)
                        for (n,) in ordered)
            cursor = self.db.execute(f"{_FACT} WHERE e.kind = ? AND e.n IN ({partners}) ORDER BY e.id",
                                     (kind, *rows, kind))  # many: met walking the kind in order
            return (self._fact(row, sources) for row in _rows(cursor))
        found: set[int] = set()
        for part in chunks(rows):
            found |= {o for _, k, o, _ in self.db.execute(
                BESIDE_PAIRS.format(where=f"a.entity IN ({marks(part)})"), part) if k == kind}
        return self.each(found, kind, sources)

    def is_beside(self, ident: str, kind: str, entities: Iterable[int]) -> bool:
        """Whether the fact with this id is said in one sentence with one of these entities of
        `kind` (by row)."""
        (n,) = self.db.execute("SELECT n FROM entities WHERE id = ?", (ident,)).fetchone()
        wanted = set(entities)
        if not self._has("beside"):
            return any(k == kind and o in wanted for _, k, o, _ in self.db.execute(
                BESIDE_PAIRS.format(where="a.entity = ?"), (n,)))
        return any(self.db.execute(f"SELECT 1 FROM beside WHERE entity = ? AND kind = ? AND other IN ({marks(part)})",
                                   (n, kind, *part)).fetchone() for part in chunks(sorted(wanted)))

    def rows(self, idents: Iterable[str]) -> set[int]:
        """The rows of the entities with these ids."""
        return {n for part in chunks(sorted(set(idents))) for (n,) in self.db.execute(
            f"SELECT n FROM entities WHERE id IN ({marks(part)})", part)}

    def dated(self, ident: str, since: str | None, until: str | None) -> tuple[bool, bool]:
        """Whether an article saying this fact has a publication date, and whether one has it in
        the period (YYYY, YYYY-MM or YYYY-MM-DD, ends included), read in SQL from both ends at
        once — the fact's articles, and the period's — in batches that double, stopping at the
        first found: a fact said in a million articles or a period of one day costs what the
        shorter side costs, not the fact's sources.

        Example: a fact said only in undated articles → (False, False)."""
        period = ("a.published IS NOT NULL AND a.published != ''" + ("" if since is None else " AND a.published >= :since")
                  + ("" if until is None else " AND substr(a.published, 1, length(:until)) <= :until"))
        args = {"id": ident, "since": since, "until": until}
        n = self.db.execute("SELECT n FROM entities WHERE id = :id", args).fetchone()[0]
        mine = "SELECT {} FROM items i JOIN articles a ON a.id = i.article WHERE i.entity = :n"
        if not self.db.execute(mine.format("1") + " AND a.published IS NOT NULL AND a.published != '' LIMIT 1",
                               {"n": n}).fetchone():
            return False, False
        sides = [self.db.execute(mine.format(f"{period}"), {**args, "n": n}),
                 self.db.execute(f"SELECT EXISTS (SELECT 1 FROM items i WHERE i.article = a.id AND i.entity = :n) "
                                 f"FROM articles a WHERE {period}", {**args, "n": n})]
        size = _FEW
        while True:
            for side in sides:
                rows = side.fetchmany(size)
                if any(inside for (inside,) in rows):
                    return True, True
                if len(rows) < size:
                    return True, False
            size = min(2 * size, CHUNK)

    def by_text(self, text: str, kind: str | None = None, limit: int | None = None,
                sources: int | None = None) -> Iterator[dict[str, Any]]:
        """Facts said in sentences holding every word of `text` (any inflection: «промышленной
        ипотеки» finds «промышленная ипотека»); with `limit`, those of the first sentences found
        (in the store's order), sentence by sentence until there are `limit` of them. Each fact
        is read when the caller comes to it (in order of kind and id)."""
        words = [w for w in stems(text) if w]
        if not words:
            return iter(())
        match = " ".join(f'"{w}"*' for w in words)
        rows: set[int] = set()
        sentences = (rowid for (rowid,) in _rows(self.db.execute(
            "SELECT rowid FROM sentences WHERE sentences MATCH ? ORDER BY rowid", (match,))))
        size = _FEW
        while batch := list(itertools.islice(sentences, size)):
            said: dict[int, list[tuple[int, set[int]]]] = {}  # article rowid → (entity, its sentences) in order
            kinds = "AND i.kind = ?" if kind else ""
            arts = sorted({rowid >> SENTENCE_BITS for rowid in batch})
            for art, entity, fact in self.db.execute(
                    f"SELECT a.rowid, i.entity, i.fact FROM articles a JOIN items i ON i.article = a.id "
                    f"WHERE a.rowid IN ({marks(arts)}) AND i.entity IS NOT NULL {kinds} ORDER BY a.rowid, i.pos",
                    (*arts, *([kind] if kind else []))):
                said.setdefault(art, []).append((entity, {m[3] for m in json.loads(fact)["mentions"]}))
            for rowid in batch:
                number = rowid & ((1 << SENTENCE_BITS) - 1)
                rows |= {entity for entity, numbers in said.get(rowid >> SENTENCE_BITS, []) if number in numbers}
                if limit is not None and len(rows) >= limit:
                    return self.each(rows, kind, sources)
            size = min(2 * size, CHUNK)
        return self.each(rows, kind, sources)

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

    def newest(self, since: str | None = None, until: str | None = None,
               lang: str | None = None) -> Iterator[dict[str, Any]]:
        """Article records newest first (then by path, last first; undated last), of a period
        (YYYY, YYYY-MM or YYYY-MM-DD, ends included: undated articles are left out) and a
        language, read a batch at a time down the articles_newest index: the first 20 of a
        million cost 20.

        Example: next(index.newest(since="2024", lang="ru"))["published"] → "2024-12-30"."""
        where = [w for w, given in (("published >= :since", since),
                                    ("substr(published, 1, length(:until)) <= :until", until),
                                    ("published != ''", since or until), ("+lang = :lang", lang)) if given]
        cursor = self.db.execute("SELECT record FROM articles "
                                 + (f"WHERE {' AND '.join(where)} " if where else "")
                                 + "ORDER BY published DESC, path DESC, id",
                                 {"since": since, "until": until, "lang": lang})
        return (json.loads(record) for (record,) in _rows(cursor))

    def facts_in(self, article: str) -> int:
        """How many facts of the knowledge base an article supports."""
        return self.db.execute("SELECT count(DISTINCT entity) FROM items WHERE article = ? AND entity IS NOT NULL",
                               (article,)).fetchone()[0]

    def judgements(self) -> list[dict[str, Any]]:
        """The analyst's judgements, oldest first (none in a store of the version before them),
        each with `now`: the ids of the entities holding each side's facts today (a side whose
        facts all left, or were extracted under another name, holds none: the judgement idles)."""
        if not self._has("judgements"):
            return []
        out = []
        for (record,) in self.db.execute("SELECT record FROM judgements ORDER BY id").fetchall():
            j = json.loads(record)
            touched = {n for (n,) in self.db.execute("SELECT entity FROM entity_keys WHERE key = ?",
                                                     (f"{KEY_PREFIX}{j['id']}",))}
            now = [anchored(self.db, j["kind"], [tuple(a) for a in side], touched) for side in j["sides"]]
            out.append({**j, "now": [sorted(entity_ids(self.db, ns)) for ns in now]})
        return out

    def runs(self, last: int | None = None) -> list[dict[str, Any]]:
        """Records of past ingest runs, oldest first (only the `last` latest)."""
        rows = self.db.execute("SELECT record FROM (SELECT n, record FROM runs ORDER BY n DESC LIMIT ?) ORDER BY n",
                               (-1 if last is None else last,))
        return [json.loads(r) for (r,) in rows]

    def _has(self, table: str) -> bool:
        """Whether the store has this table (a store of an older version may not)."""
        return self.db.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (table,)).fetchone() is not None

    # assembling facts --------------------------------------------------------------------------

    def _matching(self, table: str, words: list[str], within: list[int] | None = None,
                  kind: str | None = None) -> set[int]:
        """Entities with a word for every one of `words`: the same stem, or one it starts (4+
        letters); only among `within` when given, only of `kind` (the context table's) when
        given. Read from the rarest word, the others checked entity by entity in SQL, so
        «Амурская область» costs what «амурск» finds, not what the «област» of every place in
        the store finds."""
        if within is not None:
            rows = set(within)
            for s in words:
                rows = {n for n in rows if self.db.execute(
                    f"SELECT 1 FROM {table} WHERE entity = ? AND {_STEM} LIMIT 1", (n, *_stem_args(s))).fetchone()}
            return rows
        if not words:
            return set()
        first, *rest = sorted(set(words), key=lambda s: self._frequency(table, s, kind))
        of_kind, args = (f"{self._of_kind} AND ", [kind]) if kind else ("", [])
        others = "".join(f" AND EXISTS (SELECT 1 FROM {table} WHERE entity = t.entity AND {_STEM})" for _ in rest)
        return {n for (n,) in self.db.execute(f"SELECT entity FROM {table} t WHERE {of_kind}{_STEM}{others}",
                                              args + [a for s in (first, *rest) for a in _stem_args(s)])}

    def _frequency(self, table: str, word: str, kind: str | None = None) -> int:
        """How many entities (of `kind`, in the context table) a stem finds, counted up to a
        bound: enough to tell rare from common."""
        of_kind, args = (f"{self._of_kind} AND ", (kind,)) if kind else ("", ())
        return self.db.execute(f"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {of_kind}{_STEM} LIMIT ?)",
                               (*args, *_stem_args(word), _CHECK)).fetchone()[0]

    def _load(self, rows: set[int], kind: str | None, sources: int | None = None) -> list[dict[str, Any]]:
        return list(self.each(rows, kind, sources))

    def each(self, rows: set[int], kind: str | None, sources: int | None = None) -> Iterator[dict[str, Any]]:
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
            if "roles" in fact:
                fact["roles"] = [_first_of(role, sources) for role in fact["roles"]]
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

    def streamed(self, ident: str | None = None) -> Iterator[dict[str, Any]]:
        """Every fact (or the one with this id), ordered by kind and id, its `sources` an
        iterator read as it is consumed (what `export` and `show --sources 0` write: memory
        flat in the size of the store and of any one fact)."""
        where, args = ("WHERE e.id = ?", (ident,)) if ident else ("", ())
        for n, ident, kind, attrs in _rows(self.db.execute(f"{_FACT} {where} ORDER BY e.kind, e.id", args)):
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


def _first_of(role: dict[str, Any], sources: int) -> dict[str, Any]:
    """A person's role with its first `sources` articles and `total`: how many give it, the first
    and last date they were published (a governor's role is given in every article about him).

    Example: {"position": "губернатор", …, "sources": [20 of them],
              "total": {"articles": 9123, "first": "2021-07-29", "last": "2024-04-23"}}"""
    dates = [s["published"] for s in role["sources"] if s.get("published")]
    return {**role, "sources": role["sources"][:sources],
            "total": {"articles": len(role["sources"]), "first": min(dates, default=None),
                      "last": max(dates, default=None)}}


def _stem_args(word: str) -> tuple:
    """The parameters of `_STEM` for one word: «област» → «област» … «област\uffff», «рф» → «рф» … «рф»."""
    return word, word + "\uffff" if len(word) >= 4 else word


def _rows(cursor: sqlite3.Cursor, size: int = _FEW) -> Iterator[tuple]:
    """A cursor's rows a batch at a time (other queries may run between two batches); batches
    from a few rows up, doubling to CHUNK, so a walk whose caller wants 20 reads about 20."""
    while batch := cursor.fetchmany(size):
        yield from batch
        size = min(2 * size, CHUNK)


def entity_ids(db: sqlite3.Connection, entities: Iterable[int]) -> set[str]:
    """The ids of entities given by row."""
    return {i for part in chunks(sorted(entities)) for (i,) in db.execute(
        f"SELECT id FROM entities WHERE n IN ({marks(part)})", part)}


def anchored(db: sqlite3.Connection, kind: str, anchors: Iterable[tuple[str, str]],
             within: set[int] | None = None) -> set[int]:
    """The entities (by row) holding the facts of `kind` these anchors name: (article id,
    folded name) names that article's fact of that name; ("", folded name) the facts of that
    name in every article (one pass over the facts of the kind, or over the items of `within`:
    the entities holding the judgement's key, which are all that can hold them).

    Example: anchored(db, "organization", [("9680a4c7bec84581", "фрп")]) → {12}
    """
    by_article: dict[str, set[str]] = {}
    for article, name in anchors:
        by_article.setdefault(article, set()).add(name)
    found: set[int] = set()
    for article, names in sorted(by_article.items()):
        if article:
            parts = [("article = ? AND kind = ?", (article, kind))]
        elif within is None:
            parts = [("kind = ?", (kind,))]
        else:
            parts = [(f"entity IN ({marks(part)}) AND kind = ?", (*part, kind)) for part in chunks(sorted(within))]
        for where, args in parts:
            rows = db.execute(f"SELECT entity, json_extract(fact, '$.name') FROM items WHERE {where} "
                              "AND entity IS NOT NULL", args)
            found |= {n for n, said in rows if fold(said or "") in names}
    return found
