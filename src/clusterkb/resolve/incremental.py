"""Incremental resolution: new facts joined to the entities already stored, touching only what
they touch, with the result a one-shot `resolve.merge()` of the same articles would give.

A new named fact looks its keys up in `entity_keys`. The new facts and the entities they reach
form components; for each:
- no entity reached: the new facts are grouped among themselves;
- one entity reached, sharing no key with any other entity, its signature agreeing with the new
  facts', every new fact joined to it by a name key: the facts join it and its summary grows
  (the common case, and the only one that happens to an entity named in every article: it costs
  the same whatever the entity's size);
- facts no judgement anchors reaching entities the judgements shape, their keys all in one of
  the automatic groups these are made of, a group sharing no key with any other, agreeing with
  it and joined to it by a name key: they join the entity holding the group's remainder, which
  grows as above (its record says which, see `judged.py`);
- anything else (two entities bridged, a new place or patronymic in play, a lone surname, an
  entity that lost members to a forgotten article, a fact a judgement anchors): the component,
  closed over shared keys, is grouped again from its members — exactly, since nothing outside
  it shares a key with it.
Numbers are then placed in their value's group (see `resolve.group_values`); a number whose
article's entities were renamed is placed again.

The analyst's judgements (`judgements.py`) are applied over every grouping made here, as
`merge()` applies them: the entities holding facts a judgement anchors share its key
(«judgement:3»), so they are always grouped again together; a judged entity grows as any other
when the new facts provably land where a regrouping would put them. `judge` and `withdraw`
keep or drop one and resolve what it touches.
"""
from __future__ import annotations

import json
import os
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import Fact, Mention
from ..kinds import NAMED_KINDS, VALUE_KINDS
from ..lang.stems import context_stems, name_stems
from ..store import Writer
from ..store.reader import anchored, entity_ids
from ..store.sql import chunks, dumps, marks
from ..lang.translit import latin_key
from ..unionfind import UnionFind
from . import (LOCAL, REASON_WINDOW, Item, Summary, ValueSummary, article_relative, categories_of, category, fact_id,
               full_name, group_named, initial_of, local_names, name_keys, named_reasons, scope_keys, signature,
               unique_id, value_context, value_ident, value_key, value_reasons)
from ..store.schema import KEY_PREFIX
from .judged import Record, frozen, records
from .judgements import Judgement, JudgementError, Judgements

_ITEM_COLUMNS = "i.n, i.article, i.pos, i.kind, i.fact, a.path, a.published"


_BATCH = 2000  # articles resolved per transaction: memory stays flat however many are pending


def resolve(writer: Writer) -> Outcome:
    """Resolve every stored fact not yet in an entity, and every entity that lost members, a
    batch of articles per transaction (a kill -9 loses at most the batch under way, which the
    next run does again). Returns the ids of the entities made and of those that grew."""
    total = Outcome()
    while True:
        with writer.transaction():
            bound = _batch_bound(writer.db)
            if bound is None and not writer.db.execute("SELECT 1 FROM dirty LIMIT 1").fetchone():
                break
            outcome = Resolver(writer.db, bound, in_force(writer)).run()
        total.absorb(outcome)
    total.merged -= total.added
    return total


def _batch_bound(db: sqlite3.Connection) -> str | None:
    """The last article of the next batch with facts to resolve (None: nothing pending)."""
    row = db.execute("SELECT article FROM (SELECT DISTINCT article FROM items WHERE entity IS NULL "
                     "ORDER BY article LIMIT ?) ORDER BY article DESC LIMIT 1", (_BATCH,)).fetchone()
    return row[0] if row else None


@dataclass
class Outcome:
    """What one resolution did: the base ids (see `fact_id`) of the entities made and of those
    that grew, and of those that grew into another name (old → new)."""

    added: set[str] = field(default_factory=set)
    merged: set[str] = field(default_factory=set)
    renamed: dict[str, str] = field(default_factory=dict)

    def absorb(self, later: Outcome) -> None:
        """Take in what a later resolution did: an entity made here and renamed there is made."""
        self.added |= later.added | {new for old, new in later.renamed.items() if old in self.added}
        self.merged |= later.merged
        self.renamed.update(later.renamed)


class Resolver:
    """Resolves every pending item (stored, not yet in an entity) and every dirty entity (one
    that lost members), inside the caller's transaction."""

    def __init__(self, db: sqlite3.Connection, bound: str | None, judgements: Judgements):
        """`bound`: resolve the pending facts of articles up to this id (None: none, only the
        dirty entities); `judgements`: the analyst's, applied over every regrouping."""
        self.db = db
        self.judgements = judgements
        self.pending = "i.entity IS NULL AND i.article <= ?" if bound else "0"
        self.bound = (bound,) if bound else ()
        self.outcome = Outcome()
        self.kinds: Counter[str] = Counter()      # entities made minus entities removed, by kind
        self.bases: set[str] = set()              # ids whose uniqueness must be checked again
        self.renamed: set[str] = set()            # articles whose named entities changed name

    def run(self) -> Outcome:
        self._mark_article_relative()
        dirty = {n: kind for n, kind in self.db.execute(
            "SELECT d.entity, e.kind FROM dirty d CROSS JOIN entities e ON e.n = d.entity")}
        for kind in NAMED_KINDS:
            pending = self._items(f"{self.pending} AND i.kind = ?", (*self.bound, kind))
            self._named(kind, pending, {n for n, k in dirty.items() if k == kind})
        self._requeue_renamed_values()
        self._values({n for n, k in dirty.items() if k in VALUE_KINDS})
        self._unique_ids()
        self.db.execute("DELETE FROM dirty")
        for kind, delta in self.kinds.items():
            self.db.execute("INSERT INTO meta VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET "
                            "value = CAST(value AS INTEGER) + ?", (f"count:{kind}", delta, delta))
        return self.outcome

    def _mark_article_relative(self) -> None:
        """Mark, once, the pending organisations that mean one body in their article only (see
        `resolve.article_relative`); the mark is kept with the fact for every later regrouping."""
        rows = self.db.execute(f"SELECT n, article, fact FROM items i WHERE {self.pending} AND kind = 'organization' "
                               "ORDER BY article, pos", self.bound).fetchall()
        by_article: dict[str, list[tuple[int, dict]]] = {}
        for n, article, fact in rows:
            by_article.setdefault(article, []).append((n, json.loads(fact)))
        for facts in by_article.values():
            local = article_relative([_fact(d) for _, d in facts])
            self.db.executemany("UPDATE items SET fact = ? WHERE n = ?",
                                [(dumps({**facts[i][1], LOCAL: True}), facts[i][0]) for i in sorted(local)])

    # loading -----------------------------------------------------------------------------

    def _items(self, where: str, args: tuple = (), limit: int = -1) -> list[tuple[int, Item]]:
        rows = self.db.execute(f"SELECT {_ITEM_COLUMNS} FROM items i JOIN articles a ON a.id = i.article "
                               f"WHERE {where} ORDER BY i.article, i.pos LIMIT ?", (*args, limit))
        return [(row[0], _item(row)) for row in rows]

    def _items_of(self, entities: Iterable[int]) -> list[tuple[int, Item]]:
        out: list[tuple[int, Item]] = []
        for part in chunks(sorted(entities)):
            out += self._items(f"i.entity IN ({marks(part)})", tuple(part))
        return sorted(out, key=lambda p: p[1].order)

    def _entities_with(self, keys: Iterable[str], kind: str) -> dict[str, set[int]]:
        """The entities of a kind found under each key (a place «Липецк» and the zone of that
        alias share a key and never an entity). CROSS JOIN: the keys are walked first, not every
        entity of the kind (SQLite keeps that order; 0.2 s a lookup at 160,000 people otherwise)."""
        out: dict[str, set[int]] = {}
        for part in chunks(sorted(set(keys))):
            for key, n in self.db.execute(f"SELECT k.key, k.entity FROM entity_keys k CROSS JOIN entities e "
                                          f"ON e.n = k.entity WHERE k.key IN ({marks(part)}) AND e.kind = ?",
                                          (*part, kind)):
                out.setdefault(key, set()).add(n)
        return out

    # named facts ---------------------------------------------------------------------------

    def _named(self, kind: str, pending: list[tuple[int, Item]], dirty: set[int]) -> None:
        keys = [self._keys(item) for _, item in pending]
        stored = self._entities_with((k for ks in keys for k in ks), kind)
        for idx, ents in _components(keys, stored, dirty):
            items = [pending[i] for i in idx]
            if ents and self._existing(ents) != ents:  # grouped again with an earlier component: look again
                ents = {n for ns in self._entities_with((k for i in idx for k in keys[i]), kind).values() for n in ns}
                if not ents and not items:
                    continue
            if not ents:
                for group, record in self._grouped(kind, items):
                    self._create(kind, group, None, record)
            elif (targets := self._targets(kind, items, ents, dirty)) is not None:
                for n, group, joining in targets:
                    self._attach(kind, n, group, joining)
            else:
                self._regroup(kind, self._closure(ents, kind), items)

    def _keys(self, item: Item) -> set[str]:
        """The keys an entity holding this fact is found under: its scope keys and, on a side of
        a judgement, that judgement's key (so all it touches is always resolved together)."""
        return scope_keys(item.fact) | self.judgements.keys(item)

    def _existing(self, ents: set[int]) -> set[int]:
        """Those of these entities still stored (an earlier component's regrouping, which reaches
        every entity sharing a key, may have removed some)."""
        return {n for part in chunks(sorted(ents)) for (n,) in self.db.execute(
            f"SELECT n FROM entities WHERE n IN ({marks(part)})", part)}

    def _grouped(self, kind: str, items: list[tuple[int, Item]]) -> list[tuple[list[tuple[int, Item]], Record | None]]:
        """The groups these facts make, the judgements applied, each with its record (None: no
        judgement shapes it)."""
        automatic = group_named(kind, [item for _, item in items])
        final = self.judgements.apply(automatic)
        return [(_matched(items, group), record) for group, record in zip(final, records(automatic, final, self.judgements))]

    def _targets(self, kind: str, items: list[tuple[int, Item]], ents: set[int],
                 dirty: set[int]) -> list[tuple[int, str | None, list[tuple[int, Item]]]] | None:
        """Where these new facts join the entities they reach as they are: (entity, the automatic
        group of it they join or None for an entity no judgement shapes, the facts) each; None:
        their component is grouped again. Only facts that no judgement anchors, reaching no
        entity that lost members, join as they are.

        Example: a new «Амурская область» reaching only the entity of that name → [(its row,
        None, [the fact])]."""
        facts = [item for _, item in items]
        if ents & dirty or any(self.judgements.labels(item) for item in facts):
            return None
        judged = {n: self._record(n) for n in ents}
        if any(judged.values()):
            return self._judged_targets(kind, items, judged, dirty)
        n = min(ents)
        return [(n, None, items)] if len(ents) == 1 and self._attachable(kind, facts, n) else None

    def _attachable(self, kind: str, items: list[Item], n: int) -> bool:
        """Whether new facts join entity `n`, which no judgement shapes, as they are."""
        summary = json.loads(self.db.execute("SELECT summary FROM entities WHERE n = ?", (n,)).fetchone()[0])
        sigs = {signature(i.fact) for i in items} | {frozen(summary["signature"])}
        cats = {category(i.fact) for i in items} | {categories_of(form for _, form in summary["forms"].values())}
        if len(sigs - {None}) > 1 or len(cats - {None}) > 1:
            return False
        if self.db.execute("SELECT 1 FROM entity_keys a JOIN entity_keys b ON b.key = a.key AND b.entity != a.entity "
                           "JOIN entities e ON e.n = b.entity AND e.kind = ? WHERE a.entity = ? LIMIT 1",
                           (kind, n)).fetchone():
            return False
        keys = {k for (k,) in self.db.execute("SELECT key FROM entity_keys WHERE entity = ?", (n,))}
        if any(k.startswith(KEY_PREFIX) for k in keys):  # judged, but grouped by a version that kept no record
            return False
        return _all_joined(items, keys, _first_initials(summary) if kind == "person" else set())

    def _judged_targets(self, kind: str, items: list[tuple[int, Item]], judged: dict[int, Record | None],
                        dirty: set[int]) -> list[tuple[int, str, list[tuple[int, Item]]]] | None:
        """Where new facts join entities the judgements shape (`judged`: those they reach, with
        their records; see `judged.py`): the facts linked by shared keys meet, in every entity
        they reach, the pieces of one automatic group («Амурская область» and «Приамурье» said
        in one batch each meet their own part of the merged entity); each group takes its facts
        where `_group_target` says, or the whole component is grouped again."""
        if not all(judged.values()):
            return None
        keys = [scope_keys(item.fact) for _, item in items]
        landed: dict[str, list[tuple[int, Item]]] = {}
        for idx, _ in _components(keys, {}, set()):
            met = {group for record in judged.values() for group in record.meets(set().union(*(keys[i] for i in idx)))}
            if len(met) != 1:
                return None
            landed.setdefault(met.pop(), []).extend(items[i] for i in idx)
        out = []
        for group, joining in sorted(landed.items()):
            joining.sort(key=lambda p: p[1].order)
            start = min(n for n, record in judged.items() if group in record.parts)
            n = self._group_target(kind, group, start, joining, dirty)
            if n is None:
                return None
            out.append((n, group, joining))
        return out

    def _group_target(self, kind: str, group: str, start: int, items: list[tuple[int, Item]], dirty: set[int]) -> int | None:
        """The entity new facts falling in automatic group `group` join as they are (`start`
        holds a piece of it): the one holding the group's remainder, when every piece is found
        through the pieces' keys, the group shares no key with any other group, its pieces lost
        no members, and the facts agree with it and join it by a name key (a lone surname or an
        initial is left to regrouping)."""
        pieces = self._pieces(kind, start, group)
        if pieces is None or pieces.keys() & dirty or len(pieces) != pieces[start].parts[group].pieces:
            return None  # sharing a key with another group, lost members, or a piece not reached through keys
        (n,) = [m for m, record in pieces.items() if record.parts[group].rest]
        group_keys = set().union(*(record.parts[group].keys for record in pieces.values()))
        facts = [item for _, item in items]
        return n if pieces[n].parts[group].agrees(facts) and _all_joined(facts, group_keys, set()) else None

    def _pieces(self, kind: str, start: int, group: str) -> dict[int, Record] | None:
        """Every entity holding a piece of automatic group `group`, with its record, found from
        `start` through the pieces' keys; None when the group shares a key with another group
        (a part of one of these entities, or an entity holding none of it)."""
        found: dict[int, Record] = {}
        todo = [start]
        while todo:
            n = todo.pop()
            record = self._record(n)
            if record is None or not record.isolates(group):
                return None
            found[n] = record
            reached = {m for ms in self._entities_with(record.parts[group].keys, kind).values() for m in ms}
            todo += sorted(reached - found.keys() - set(todo))
        return found

    def _record(self, n: int) -> Record | None:
        """Entity `n`'s record of how the judgements shaped it (None: they did not)."""
        (text,) = self.db.execute("SELECT json_extract(summary, '$.judged') FROM entities WHERE n = ?", (n,)).fetchone()
        return Record.from_json(json.loads(text)) if text else None

    def _closure(self, ents: set[int], kind: str) -> set[int]:
        """The entities of the kind reachable from these through shared keys."""
        seen, frontier = set(ents), set(ents)
        while frontier:
            keys: set[str] = set()
            for part in chunks(sorted(frontier)):
                keys |= {k for (k,) in self.db.execute(
                    f"SELECT key FROM entity_keys WHERE entity IN ({marks(part)})", part)}
            reached = {n for ns in self._entities_with(keys, kind).values() for n in ns}
            frontier = reached - seen
            seen |= reached
        return seen

    def _attach(self, kind: str, n: int, group: str | None, items: list[tuple[int, Item]]) -> None:
        """New facts join entity `n` (its automatic group `group` when judgements shape it): its
        summary and record grow, its reasons are given anew when they are among its first."""
        row = self.db.execute("SELECT id, name, summary, first FROM entities WHERE n = ?", (n,)).fetchone()
        stored = json.loads(row[2])
        summary = Summary.from_json(kind, stored)
        for _, item in items:
            summary.add(item)
        record = Record.from_json(stored["judged"]).grown(group, [item for _, item in items]) if group else None
        counts = self._grown_counts(n, items)
        self._assign(n, items)
        first = min(row[3], items[0][1].order)
        window = self._window(n) if _in_window(self.db, n, items) else None
        base = fact_id(kind, self._write_named(n, kind, summary, first, window, old_name=row[1], counts=counts,
                                               record=record))
        if base != fact_id(kind, row[1]):
            self.outcome.renamed[fact_id(kind, row[1])] = base
        self.outcome.merged.add(base)

    def _regroup(self, kind: str, ents: set[int], items: list[tuple[int, Item]]) -> None:
        members = self._items_of(ents)
        old = {n: (i, name) for n, i, name in self.db.execute(
            f"SELECT n, id, name FROM entities WHERE n IN ({marks(ents)})", tuple(ents))}
        was = {n: old[e][1] for n, e in self.db.execute(
            f"SELECT n, entity FROM items WHERE entity IN ({marks(ents)})", tuple(ents))}
        for n in ents:
            self._delete(n, kind)
        everything = sorted(members + items, key=lambda p: p[1].order)
        old_ids = {i for i, _ in old.values()}
        for group, record in self._grouped(kind, everything):
            made = self._create(kind, group, old_ids, record)
            self.renamed |= {item.article for n, item in group if was.get(n) not in (None, made)}

    def _create(self, kind: str, items: list[tuple[int, Item]], old_ids: set[str] | None, record: Record | None) -> str:
        summary = Summary.of(kind, (item for _, item in items))
        cur = self.db.execute("INSERT INTO entities (id, base, kind, name, attrs, summary, first, articles, mentions) "
                              "VALUES ('', '', ?, '', '{}', '{}', ?, 0, 0)", (kind, items[0][1].order))
        n = cur.lastrowid
        self.kinds[kind] += 1
        self._assign(n, items)
        name = self._write_named(n, kind, summary, items[0][1].order, [item for _, item in items[:REASON_WINDOW]], None,
                                 record=record)
        base = fact_id(kind, name)
        (self.outcome.merged if old_ids and base in old_ids else self.outcome.added).add(base)
        return name

    def _assign(self, n: int, items: list[tuple[int, Item]]) -> None:
        self.db.executemany("UPDATE items SET entity = ? WHERE n = ?", [(n, i) for i, _ in items])
        self.db.executemany("INSERT OR IGNORE INTO entity_keys VALUES (?, ?)",
                            [(k, n) for _, item in items for k in self._keys(item)])

    def _window(self, n: int) -> list[Item]:
        """The first members of an entity, whose reasons are given."""
        return [item for _, item in self._items("i.entity = ?", (n,), REASON_WINDOW)]

    def _write_named(self, n: int, kind: str, summary: Summary, first: str, window: list[Item] | None,
                     old_name: str | None, counts: tuple[int, int] | None = None, record: Record | None = None) -> str:
        """Write a named entity's fact; `window` gives its reasons anew (None: they stay), with
        the judged reasons of its `record` (None: no judgement shapes it), kept with its summary."""
        attrs = summary.attrs()
        if window is None:
            why = json.loads(self.db.execute("SELECT attrs FROM entities WHERE n = ?", (n,)).fetchone()[0]).get("why")
        else:
            why = named_reasons(window) + (self.judgements.reasons(record.labels) if record else [])
        if why:
            attrs["why"] = why
        base = fact_id(kind, attrs["name"])
        if old_name is not None and old_name != attrs["name"]:
            self.renamed |= {a for (a,) in self.db.execute("SELECT DISTINCT article FROM items WHERE entity = ?", (n,))}
            self.bases.add(fact_id(kind, old_name))  # an entity left with the old name may now have it alone
        articles, mentions = counts or self._counts(n)
        self.db.execute("UPDATE entities SET id = ?, base = ?, name = ?, attrs = ?, summary = ?, first = ?, "
                        "articles = ?, mentions = ? WHERE n = ?",
                        (base, base, attrs["name"], dumps(attrs),
                         dumps({**summary.to_json(), **({"judged": record.to_json()} if record else {})}), first,
                         articles, mentions, n))
        self._stems(n, attrs, named=True)
        self.bases.add(base)
        return attrs["name"]

    def _grown_counts(self, n: int, items: list[tuple[int, Item]]) -> tuple[int, int]:
        """An entity's articles and mentions once these new members (not yet assigned) join it."""
        articles, mentions = self.db.execute("SELECT articles, mentions FROM entities WHERE n = ?", (n,)).fetchone()
        for article in sorted({item.article for _, item in items}):
            articles += self.db.execute("SELECT 1 FROM items WHERE entity = ? AND article = ? LIMIT 1",
                                        (n, article)).fetchone() is None
        return articles, mentions + sum(len(item.fact.mentions) for _, item in items)

    def _counts(self, n: int) -> tuple[int, int]:
        row = self.db.execute("SELECT count(DISTINCT article), coalesce(sum(json_array_length(fact, '$.mentions')), 0) "
                              "FROM items WHERE entity = ?", (n,)).fetchone()
        return row[0], row[1]

    def _stems(self, n: int, attrs: dict, named: bool) -> None:
        if named:
            self.db.executemany("INSERT OR IGNORE INTO names VALUES (?, ?)", [(s, n) for s in name_stems(attrs)])
        self.db.executemany("INSERT OR IGNORE INTO context SELECT kind, ?, n FROM entities WHERE n = ?",
                            [(s, n) for s in context_stems(attrs)])

    def _delete(self, n: int, kind: str) -> None:
        base = self.db.execute("SELECT base FROM entities WHERE n = ?", (n,)).fetchone()
        for table, column in (("entities", "n"), ("entity_keys", "entity"), ("names", "entity"), ("context", "entity")):
            self.db.execute(f"DELETE FROM {table} WHERE {column} = ?", (n,))
        self.db.execute("UPDATE items SET entity = NULL WHERE entity = ?", (n,))
        self.kinds[kind] -= 1
        if base:
            self.bases.add(base[0])

    # numbers -------------------------------------------------------------------------------

    def _requeue_renamed_values(self) -> None:
        """Numbers of articles whose entities changed name are placed again."""
        arts = sorted(self.renamed)
        for part in chunks(arts):
            rows = self.db.execute(f"SELECT DISTINCT entity FROM items WHERE article IN ({marks(part)}) AND vkey IS NOT NULL "
                                   "AND entity IS NOT NULL", part).fetchall()
            self.db.executemany("INSERT OR IGNORE INTO dirty VALUES (?)", rows)
            self.db.execute(f"UPDATE items SET entity = NULL, vkey = NULL, places = NULL, context = NULL "
                            f"WHERE article IN ({marks(part)}) AND vkey IS NOT NULL", part)

    def _values(self, dirty: set[int]) -> None:
        dirty |= {n for (n,) in self.db.execute("SELECT d.entity FROM dirty d CROSS JOIN entities e ON e.n = d.entity "
                                                "WHERE e.vkey IS NOT NULL")}
        pending = self._items(f"{self.pending} AND i.kind IN ({marks(VALUE_KINDS)})", (*self.bound, *VALUE_KINDS))
        placed = self._place(pending)
        by_vkey: dict[str, list[tuple[int, Item, dict]]] = {}
        for (i, item), ctx in zip(pending, placed):
            by_vkey.setdefault(value_key(item.fact), []).append((i, item, ctx))
        for part in chunks(sorted(dirty)):
            for (v,) in self.db.execute(f"SELECT vkey FROM entities WHERE n IN ({marks(part)})", part):
                by_vkey.setdefault(v, [])
        rebuild = set(dirty)
        for vkey in sorted(by_vkey):
            rebuild |= self._value_group(vkey, by_vkey[vkey], dirty)
        for n in sorted(rebuild):
            self._rebuild_value(n)

    def _place(self, pending: list[tuple[int, Item]]) -> list[dict]:
        """Each number's context in knowledge-base names (its places are the locations)."""
        arts = sorted({item.article for _, item in pending})
        named: list[tuple[Item, str]] = []
        for part in chunks(arts):
            rows = self.db.execute(f"SELECT {_ITEM_COLUMNS}, e.name FROM items i JOIN articles a ON a.id = i.article "
                                   f"JOIN entities e ON e.n = i.entity WHERE i.article IN ({marks(part)}) "
                                   f"AND i.kind IN ({marks(NAMED_KINDS)})", (*part, *NAMED_KINDS))
            named += [(_item(row), row[-1]) for row in rows]
        entity = {item.order: name for item, name in named}
        names = local_names((item for item, _ in named), lambda item: entity[item.order])
        contexts = [value_context(item, names) for _, item in pending]
        self.db.executemany("UPDATE items SET vkey = ?, places = ?, context = ? WHERE n = ?",
                            [(value_key(item.fact), dumps(ctx["locations"]), dumps(ctx), i)
                             for (i, item), ctx in zip(pending, contexts)])
        return contexts

    def _value_group(self, vkey: str, pending: list[tuple[int, Item, dict]], dirty: set[int]) -> set[int]:
        """Place the pending numbers of one value: a group that is new or lost members is
        returned to be built again from its members, one that only grew grows here. The
        value's place sets are read off its groups, not its members: the cost does not grow
        with how often the value is said."""
        placed = {tuple(json.loads(p)) for n, p in self.db.execute(
                  "SELECT n, places FROM entities WHERE vkey = ? AND places != '[]'", (vkey,)).fetchall()
                  if n not in dirty or self.db.execute("SELECT 1 FROM items WHERE entity = ? AND places = ? LIMIT 1",
                                                       (n, p)).fetchone()}
        placed |= {tuple(ctx["locations"]) for _, _, ctx in pending if ctx["locations"]}
        target_of_none: tuple[str, ...] = min(placed) if len(placed) == 1 else ()
        rebuild: set[int] = set()
        row = self.db.execute("SELECT e.places FROM items i JOIN entities e ON e.n = i.entity "
                              "WHERE i.vkey = ? AND i.places = '[]' LIMIT 1", (vkey,)).fetchone()
        if row and tuple(json.loads(row[0])) != target_of_none:  # the placeless numbers change group
            rebuild |= {n for (n,) in self.db.execute("SELECT DISTINCT entity FROM items WHERE vkey = ? AND places = '[]' "
                                                      "AND entity IS NOT NULL", (vkey,))}
            moved = self.db.execute(f"SELECT {_ITEM_COLUMNS}, i.context FROM items i JOIN articles a ON a.id = i.article "
                                    "WHERE i.vkey = ? AND i.places = '[]' AND i.entity IS NOT NULL", (vkey,)).fetchall()
            pending = pending + [(row[0], _item(row), json.loads(row[-1])) for row in moved]
        groups: dict[tuple[str, ...], list[tuple[int, Item, dict]]] = {}
        for member in sorted(pending, key=lambda m: m[1].order):
            groups.setdefault(tuple(member[2]["locations"]) or target_of_none, []).append(member)
        for places, members in groups.items():
            n, new = self._value_entity(vkey, places)
            if new or n in rebuild:
                self.db.executemany("UPDATE items SET entity = ? WHERE n = ?", [(n, i) for i, _, _ in members])
                rebuild.add(n)
            else:
                self._grow_value(n, members)
        return rebuild

    def _value_entity(self, vkey: str, places: tuple[str, ...]) -> tuple[int, bool]:
        """The entity of a number group, and whether it was made just now."""
        row = self.db.execute("SELECT n, base FROM entities WHERE vkey = ? AND places = ?", (vkey, dumps(list(places)))).fetchone()
        if row:
            self.outcome.merged.add(row[1])
            return row[0], False
        kind = vkey.split("|", 1)[0]
        base = fact_id(kind, value_ident(vkey, places))
        self.kinds[kind] += 1
        self.outcome.added.add(base)
        self.bases.add(base)
        n = self.db.execute("INSERT INTO entities (id, base, kind, name, attrs, summary, first, articles, mentions, "
                            "vkey, places) VALUES (?, ?, ?, '', '{}', '{}', '', 0, 0, ?, ?)",
                            (base, base, kind, vkey, dumps(list(places)))).lastrowid
        return n, True

    def _grow_value(self, n: int, members: list[tuple[int, Item, dict]]) -> None:
        row = self.db.execute("SELECT summary, attrs, first, places FROM entities WHERE n = ?", (n,)).fetchone()
        summary = ValueSummary.from_json(json.loads(row[0]))
        for _, item, ctx in members:
            summary.add(item, ctx)
        articles, mentions = self._grown_counts(n, [(i, item) for i, item, _ in members])
        self.db.executemany("UPDATE items SET entity = ? WHERE n = ?", [(n, i) for i, _, _ in members])
        attrs = summary.attrs()
        first = min(row[2], members[0][1].order)
        if _in_window(self.db, n, [(i, item) for i, item, _ in members]):
            why = value_reasons(self._said(n), bool(json.loads(row[3])), members[0][1].fact.kind)
        else:
            why = json.loads(row[1]).get("why")
        if why:
            attrs["why"] = why
        self._write_value(n, attrs, summary, first, articles, mentions)

    def _rebuild_value(self, n: int) -> None:
        """A number group's fact from all its members (it is new, or lost members)."""
        row = self.db.execute("SELECT kind, places FROM entities WHERE n = ?", (n,)).fetchone()
        if row is None:
            return
        members = self._items("i.entity = ?", (n,))
        if not members:
            self._delete(n, row[0])
            return
        contexts = dict(self.db.execute("SELECT n, context FROM items WHERE entity = ?", (n,)).fetchall())
        summary = ValueSummary()
        for i, item in members:
            summary.add(item, json.loads(contexts[i]))
        attrs = summary.attrs()
        why = value_reasons(self._said(n), bool(json.loads(row[1])), row[0])
        if why:
            attrs["why"] = why
        self.db.execute("DELETE FROM context WHERE entity = ?", (n,))
        self._write_value(n, attrs, summary, members[0][1].order, *self._counts(n))

    def _said(self, n: int) -> list[tuple[str, str]]:
        """(file, what was said) of a number group's first members, for its reasons."""
        rows = self.db.execute("SELECT a.path, i.article, json_extract(i.fact, '$.mentions[0][2]'), i.vkey FROM items i "
                               "JOIN articles a ON a.id = i.article WHERE i.entity = ? ORDER BY i.article, i.pos LIMIT ?",
                               (n, REASON_WINDOW))
        return [(os.path.basename(path or "") or article, text if text is not None else vkey)
                for path, article, text, vkey in rows]

    def _write_value(self, n: int, attrs: dict, summary: ValueSummary, first: str, articles: int, mentions: int) -> None:
        self.db.execute("UPDATE entities SET attrs = ?, summary = ?, first = ?, articles = ?, mentions = ? WHERE n = ?",
                        (dumps(attrs), dumps(summary.to_json()), first, articles, mentions, n))
        self._stems(n, attrs, named=False)

    # ids -----------------------------------------------------------------------------------

    def _unique_ids(self) -> None:
        for base in sorted(self.bases):
            rows = self.db.execute("SELECT n, kind, first FROM entities WHERE base = ?", (base,)).fetchall()
            for n, kind, first in rows:
                self.db.execute("UPDATE entities SET id = ? WHERE n = ?",
                                (unique_id(base, kind, first.split(":")[0], len(rows) > 1), n))


# helpers ------------------------------------------------------------------------------------


def _components(keys: list[set[str]], stored: dict[str, set[int]], dirty: set[int]) -> Iterator[tuple[list[int], set[int]]]:
    """Groups of pending items (by index) with the stored entities they reach through shared
    keys; a dirty entity reached by nothing is a component of its own."""
    union: UnionFind[tuple[str, int]] = UnionFind()
    first_with: dict[str, tuple[str, int]] = {}
    for i, ks in enumerate(keys):
        union.add(("i", i))
        for k in ks:
            for n in stored.get(k, ()):
                union.join(("i", i), ("e", n))
            if k in first_with:
                union.join(("i", i), first_with[k])
            first_with.setdefault(k, ("i", i))
    for n in dirty:
        union.add(("e", n))
    for nodes in union.groups().values():
        yield sorted(i for what, i in nodes if what == "i"), {n for what, n in nodes if what == "e"}


def _all_joined(items: list[Item], entity_keys: set[str], initials: set[str]) -> bool:
    """Whether every new fact joins the one entity it reaches: through name keys, or (a lone
    surname) as the only person with that surname whose first names fit its initial. A shared
    surname alone never joins two full names."""
    joined, rest = set(entity_keys), list(items)
    progress = True
    while rest and progress:
        progress = False
        for item in list(rest):
            keys = {k.key for k in name_keys(item.fact)}
            if keys & joined or _surname_fits(item, initials):
                joined |= keys
                rest.remove(item)
                progress = True
    return not rest


def _surname_fits(item: Item, initials: set[str]) -> bool:
    """A surname with an initial («В. Хоценко») joins a person with full first names `initials`;
    a surname alone is left to regrouping, which knows the articles and organisations."""
    if full_name(item.fact) or not initials:
        return False
    initial = initial_of(item.fact.attrs.get("first") or "")
    return bool(initial) and initials == {initial}


def _first_initials(summary: dict) -> set[str]:
    """The initials of a stored person's full first names (none: only lone surnames so far)."""
    return {latin_key(attrs["first"])[:1] for _, rank, _, attrs in summary["names"].values() if rank[0]}


def _in_window(db: sqlite3.Connection, n: int, items: list[tuple[int, Item]]) -> bool:
    """Whether a new member is among the entity's first members, whose reasons are shown."""
    row = db.execute("SELECT article, pos FROM items WHERE entity = ? ORDER BY article, pos LIMIT 1 OFFSET ?",
                     (n, REASON_WINDOW - 1)).fetchone()
    return row is None or min(item.order for _, item in items) <= f"{row[0]}:{row[1]:06d}"


def _matched(items: list[tuple[int, Item]], group: list[Item]) -> list[tuple[int, Item]]:
    orders = {item.order for item in group}
    return [p for p in items if p[1].order in orders]


def _fact(d: dict) -> Fact:
    """A stored fact (mentions as [start, end, text, sentence number]) as resolution reads it."""
    return Fact("organization", {k: v for k, v in d.items() if k not in ("kind", "mentions")},
                [Mention(s, e, t, "") for s, e, t, _ in d.get("mentions", [])])


def _item(row: tuple) -> Item:
    """(n, article, pos, kind, fact, path, published, …) → the Item resolution works on."""
    _, article, pos, kind, text, path, published = row[:7]
    d = json.loads(text)
    mentions = [Mention(s, e, t, "") for s, e, t, _ in d.pop("mentions")]
    d.pop("kind", None)
    return Item(article, path or "", published, pos, Fact(kind, d, mentions))


# the analyst's judgements -----------------------------------------------------------------------


def in_force(writer: Writer) -> Judgements:
    """The judgements the store keeps, ready to apply; indexed again only when their records
    changed since the last call in this process (an ingest resolves every 100 articles, and a
    merge of a region said in 300,000 articles anchors each of them: most of a second to index)."""
    return _indexed(writer.judgement_texts())


@lru_cache(maxsize=1)
def _indexed(texts: tuple[str, ...]) -> Judgements:
    return Judgements(Judgement.from_json(json.loads(text)) for text in texts)


def members(db: sqlite3.Connection, entity_id: str) -> list[Item]:
    """The facts an entity (by id) is made of, in `order` (none: no such entity)."""
    rows = db.execute(f"SELECT {_ITEM_COLUMNS} FROM items i JOIN articles a ON a.id = i.article "
                      "JOIN entities e ON e.n = i.entity WHERE e.id = ? ORDER BY i.article, i.pos", (entity_id,))
    return [_item(row) for row in rows]


def judge(writer: Writer, new: Judgement, parts: list[list[Item]]) -> tuple[Judgement, list[set[str]]]:
    """Keep a new judgement and resolve what it touches again, in the caller's transaction;
    refused when it contradicts one in force. `parts`: the facts of a merge's two entities, or
    of a split's part taken out and the rest. Returns the judgement (with its id) and the ids of
    the entities now holding each of its sides."""
    against = in_force(writer).conflict(new, parts)
    if against is not None:
        raise JudgementError(f"this {new.verb} contradicts judgement {against.id} ({against.verb} of "
                             f"«{against.names[0]}» and «{against.names[1]}»); withdraw it first with "
                             f"`clusterkb judgements --drop {against.id}`")
    made = Judgement.from_json({**new.to_json(), "id": writer.add_judgement({**new.to_json(), "id": None})})
    touch(writer.db, made)
    resolve(writer)
    return made, holding(writer.db, made)


def withdraw(writer: Writer, n: int) -> Judgement:
    """Drop judgement `n` and resolve what it touched again, in the caller's transaction."""
    record = writer.drop_judgement(n)
    if record is None:
        raise JudgementError(f"no judgement {n}; `clusterkb judgements` lists them")
    dropped = Judgement.from_json(record)
    touch(writer.db, dropped)
    resolve(writer)
    return dropped


def holding(db: sqlite3.Connection, j: Judgement) -> list[set[str]]:
    """The ids of the entities holding the facts of each side of a judgement."""
    return [entity_ids(db, ns) for ns in _anchored(db, j)]


def touch(db: sqlite3.Connection, j: Judgement) -> None:
    """Mark the entities holding a judgement's facts to be grouped again, together (they share
    the judgement's key until then)."""
    touched = sorted(set().union(*_anchored(db, j)))
    db.executemany("INSERT OR IGNORE INTO dirty VALUES (?)", [(n,) for n in touched])
    db.executemany("INSERT OR IGNORE INTO entity_keys VALUES (?, ?)", [(f"{KEY_PREFIX}{j.id}", n) for n in touched])


def _anchored(db: sqlite3.Connection, j: Judgement) -> list[set[int]]:
    """The entities (by row) holding the facts each side of a judgement anchors."""
    return [anchored(db, j.kind, side) for side in j.sides]
