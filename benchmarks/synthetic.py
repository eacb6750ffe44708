"""A knowledge base of N synthetic articles written straight into the store's tables, for
measuring the store at sizes the writer takes hours to reach (1,000,000 articles).

    .venv/bin/python benchmarks/store_bench.py --build-synthetic 100000 --kb /tmp/kb100k

Every article names one region (HOME), one or two other regions, two people and two
organisations drawn with Zipf-like popularity from vocabularies that grow with N, a date, a
count and a sum of money whose context is the article's places and organisations; its
sentences (the mentions' context) go to the full-text table. The entities are what
incremental resolution would make of the same articles — each named fact's summary, keys,
stems, counts and reasons are computed by resolution's own functions (`Summary`, `scope_keys`,
`named_reasons`, …), one entity per name, one per number and places — but written in bulk
instead of resolved article by article. tests/test_synthetic_store.py checks, on a small N,
that the tables equal the ones `Writer.add_article` + `resolve` build from the same articles.
"""
from __future__ import annotations

import bisect
import itertools
import json
import os
import random
import sqlite3
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import FIRST, ORG_KINDS, POSITIONS, REGIONS, SYLLABLES

from clusterkb.lang.stems import context_stems, name_stems
from clusterkb.resolve import (LOCAL, REASON_WINDOW, Item, Summary, ValueSummary, fact_id, named_reasons, scope_keys,
                               unique_id, value_ident, value_key, value_reasons)
from clusterkb.resolve.incremental import _item
from clusterkb.store import schema
from clusterkb.store.codec import encode_fact, sentences_of
from clusterkb.store.sql import dumps

HOME = REGIONS[0]  # the region named in every article
UNITS = ["промышленный кластер", "технопарк", "резидент", "рабочее место", "предприятие"]
BATCH = 5000       # articles per insert batch


# the articles ----------------------------------------------------------------------------------


class Zipf:
    """Draws ranks 0..n-1, rank r with weight 1 / (r + 1): a few names in many articles, most in few."""

    def __init__(self, n: int):
        self.cum = list(itertools.accumulate(1 / (r + 1) for r in range(n)))

    def draw(self, rng: random.Random, k: int) -> list[int]:
        """k distinct ranks."""
        out: list[int] = []
        while len(out) < min(k, len(self.cum)):
            r = bisect.bisect(self.cum, rng.random() * self.cum[-1])
            if r not in out:
                out.append(r)
        return out


def word(index: int, syllables: int) -> str:
    """The index-th word of `syllables` syllables, capitalised: distinct indexes, distinct words."""
    parts = []
    for _ in range(syllables):
        index, digit = divmod(index, len(SYLLABLES))
        parts.append(SYLLABLES[digit])
    return "".join(parts).capitalize()


@dataclass
class Vocabulary:
    """The people, organisations and regions synthetic articles name, sized for n articles."""

    people: list[dict[str, Any]]
    orgs: list[str]
    regions: list[str]

    @classmethod
    def sized(cls, n: int, seed: int) -> Vocabulary:
        rng = random.Random(seed)
        orgs = [rng.choice(ORG_KINDS).format(word(i, 4)) for i in range(max(200, n // 10))]
        people = []
        for i in range(max(400, n // 5)):
            first = rng.choice(FIRST)
            last = word(i, 4) + ("ова" if first[-1] in "ая" else "ов")
            people.append({"first": first, "last": last, "position": rng.choice(POSITIONS),
                           "organization": orgs[rng.randrange(len(orgs))]})
        return cls(people, orgs, [r for r in REGIONS if r != HOME])


def articles(n: int, seed: int = 7) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """n synthetic articles, in the order of their ids: (article record, facts as extracted)."""
    vocab = Vocabulary.sized(n, seed)
    rng = random.Random(seed + 1)
    people, orgs, regions = Zipf(len(vocab.people)), Zipf(len(vocab.orgs)), Zipf(len(vocab.regions))
    for k in range(n):
        day = 738000 + k * 1000 // max(n, 1)  # three years of news, oldest first
        published = time.strftime("%Y-%m-%d", time.gmtime((day - 719163) * 86400))
        record = {"id": f"{k:08x}{rng.getrandbits(32):08x}", "path": f"/synthetic/a{k:07d}.txt",
                  "title": None, "published": published, "lang": "ru", "source": "synthetic"}
        places = [HOME] + [vocab.regions[r] for r in regions.draw(rng, rng.choice((1, 1, 2)))]
        names = [vocab.orgs[r] for r in orgs.draw(rng, 2)]
        who = [vocab.people[r] for r in people.draw(rng, 2)]
        yield record, ArticleText(rng, places, names, who, published).facts()


class ArticleText:
    """One article's sentences and the facts said in them, mentions with offsets into the body."""

    def __init__(self, rng: random.Random, places: list[str], orgs: list[str], people: list[dict], published: str):
        self.rng, self.places, self.orgs, self.people, self.published = rng, places, orgs, people, published
        self.body = ""
        self.mentions: dict[tuple[str, str], list[dict]] = {}

    def say(self, parts: list[tuple[str, str | None]]) -> None:
        """Append a sentence made of (text, fact key or None) parts; each keyed part is a mention."""
        start = len(self.body) + (1 if self.body else 0)
        sentence = "".join(text for text, _ in parts)
        at = start
        spans = []
        for text, key in parts:
            if key:
                spans.append((key, at, text))
            at += len(text)
        for key, s, text in spans:
            self.mentions.setdefault(key, []).append({"start": s, "end": s + len(text), "text": text, "sentence": sentence})
        self.body += (" " if self.body else "") + sentence

    def facts(self) -> list[dict[str, Any]]:
        rng, (org1, org2), (p1, p2) = self.rng, self.orgs, self.people
        regions = [part for r in self.places[1:] for part in ((" и ", None), (r, ("location", r)))][1:]
        value = rng.randint(2, 200)
        unit = rng.choice(UNITS)
        amount = rng.randint(1, 500) * 10**6
        self.say([("В регионах: ", None), *regions, (" создадут ", None),
                  (f"{value} объектов: {unit}", ("count", "")), (".", None)])
        self.say([(org1, ("organization", org1)), (" и ", None), (org2, ("organization", org2)),
                  (" подписали соглашение о промышленном кластере до ", None),
                  (self.published, ("date", "")), (".", None)])
        roles = []
        for p in (p1, p2):
            role = rng.random() < 0.5
            roles.append(role)
            said = f"{p['first']} {p['last']}"
            self.say([(f"{p['position']} {p['organization']} " if role else "Об этом сказал ", None),
                      (said, ("person", said)), (" рассказал о планах.", None) if role else (".", None)])
        self.say([("Инвестиции в ", None), (HOME, ("location", HOME)), (" составят ", None),
                  (f"{amount // 10**6} млн рублей", ("money", "")), (".", None)])
        context = {"organizations": [org1, org2], "locations": list(self.places[::-1])}
        people = [self._person(p, role) for p, role in zip((p1, p2), roles)]
        return [*people,
                {"kind": "organization", "name": org1, "aliases": [], "mentions": self.mentions["organization", org1]},
                {"kind": "organization", "name": org2, "aliases": [], "mentions": self.mentions["organization", org2]},
                *({"kind": "location", "name": p, "aliases": [], "mentions": self.mentions["location", p]}
                  for p in self.places),
                {"kind": "date", "value": self.published, "context": context, "mentions": self.mentions["date", ""]},
                {"kind": "count", "value": value, "unit": unit, "head": unit.split()[-1], "approximate": False,
                 "context": context, "mentions": self.mentions["count", ""]},
                {"kind": "money", "amount": amount, "currency": "RUB", "approximate": False, "context": context,
                 "mentions": self.mentions["money", ""]}]

    def _person(self, p: dict, role: bool) -> dict[str, Any]:
        name = f"{p['first']} {p['last']}"
        position, org = (p["position"], p["organization"]) if role else (None, None)
        return {"kind": "person", "name": name, "first": p["first"], "middle": None, "last": p["last"],
                "position": position, "organization": org,
                "roles": [{"position": position, "organization": org}] if role else [],
                "mentions": self.mentions["person", name]}


# the store -------------------------------------------------------------------------------------


def build(data: Path, n: int, seed: int = 7, log: bool = False) -> float:
    """Write a store of n synthetic articles under data/extracted/; returns the seconds it took.
    Two passes, memory flat in n but for one number per entity: the articles, sentences and
    items (each given its entity's row number as it is first met), then the entities, each
    summarised from its members read in order through the store's own index."""
    start = time.perf_counter()
    path = data / "extracted" / "kb.sqlite"
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        raise SystemExit(f"{path}: a store is there already; build into an empty directory")
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    db.execute("PRAGMA cache_size = -262144")
    schema.create(db)
    indexes = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").fetchall()
    for name, _ in indexes:  # built once after the rows: much faster than kept up row by row
        db.execute(f"DROP INDEX {name}")
    with schema.bulk(db):  # `beside` too, once, from the items
        entity_of: dict[tuple, int] = {}
        batch: list[tuple[dict, list[dict]]] = []
        for k, (record, facts) in enumerate(articles(n, seed)):
            batch.append((record, facts))
            if len(batch) == BATCH:
                _insert(db, batch, k + 1 - len(batch), entity_of)
                batch = []
                if log and (k + 1) % 100_000 == 0:
                    print(f"  {k + 1} articles, {time.perf_counter() - start:.0f} s", flush=True)
        _insert(db, batch, n - len(batch), entity_of)
        del entity_of
        for _, sql in indexes:
            db.execute(sql)
        if log:
            print(f"  indexes, {time.perf_counter() - start:.0f} s", flush=True)
        _write_entities(db)
    if log:
        print(f"  beside, {time.perf_counter() - start:.0f} s", flush=True)
    db.execute("INSERT INTO sentences (sentences) VALUES ('optimize')")
    db.execute("PRAGMA journal_mode = WAL")
    db.close()
    os.chmod(path, 0o644)
    return time.perf_counter() - start


def _insert(db: sqlite3.Connection, batch: list[tuple[dict, list[dict]]], first: int, entity_of: dict) -> None:
    """One transaction: the batch's articles, sentences and items, each item given its entity
    (a named fact's is its kind and name, a number's its value key and places)."""
    arts, sents, items = [], [], []
    for k, (record, facts) in enumerate(batch, start=first):
        rowid = k + 1
        sentences = sentences_of(facts)
        number = {s: i for i, s in enumerate(sentences)}
        arts.append((rowid, record["id"], record["path"], record["published"], record["lang"],
                     json.dumps(record, ensure_ascii=False), len(facts)))
        sents += [((rowid << schema.SENTENCE_BITS) + i, s) for i, s in enumerate(sentences)]
        for pos, fact in enumerate(facts):
            row = [record["id"], pos, fact["kind"], encode_fact(fact, number), None, None, None]
            if "name" in fact:
                key: tuple = (fact["kind"], fact["name"])
            else:
                context = {k: sorted(set(fact["context"][k])) for k in ("organizations", "locations")}
                key = (value_key(fact), tuple(context["locations"]))
                row[4:] = [key[0], dumps(context["locations"]), dumps(context)]
            items.append((*row[:4], entity_of.setdefault(key, len(entity_of) + 1), *row[4:]))
    db.execute("BEGIN")
    db.executemany("INSERT INTO articles (rowid, id, path, published, lang, record, facts) VALUES (?, ?, ?, ?, ?, ?, ?)", arts)
    db.executemany("INSERT INTO sentences (rowid, text) VALUES (?, ?)", sents)
    db.executemany("INSERT INTO items (article, pos, kind, fact, entity, vkey, places, context) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", items)
    db.execute("COMMIT")


def _members(db: sqlite3.Connection) -> Iterator[tuple[int, list[Item], list[dict | None]]]:
    """Each entity's members in order (and a number's contexts), read through items_by_entity."""
    cursor = db.execute("SELECT i.n, i.article, i.pos, i.kind, i.fact, a.path, a.published, i.entity, i.context "
                        "FROM items i JOIN articles a ON a.id = i.article ORDER BY i.entity, i.article, i.pos")
    entity, members, contexts = None, [], []
    while rows := cursor.fetchmany(10_000):
        for row in rows:
            if row[7] != entity and members:
                yield entity, members, contexts
                members, contexts = [], []
            entity = row[7]
            members.append(_item(row))
            contexts.append(json.loads(row[8]) if row[8] else None)
    if members:
        yield entity, members, contexts


_ENTITY_SQL = {"entity_keys": "INSERT INTO entity_keys VALUES (?, ?)", "names": "INSERT OR IGNORE INTO names VALUES (?, ?)",
               "context": "INSERT OR IGNORE INTO context VALUES (?, ?, ?)",
               "entities": "INSERT INTO entities (n, id, base, kind, name, attrs, summary, first, articles, mentions, "
                           "vkey, places) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"}


def _write_entities(db: sqlite3.Connection) -> None:
    """Entities with their keys, stems and unique ids, and the counts `stats` reads, inserted
    BATCH entities at a time."""
    kinds: Counter[str] = Counter()
    rows: dict[str, list[tuple]] = {table: [] for table in _ENTITY_SQL}
    db.execute("BEGIN")
    for k, (n, members, contexts) in enumerate(_members(db), start=1):
        kinds[members[0].fact.kind] += 1
        for table, row in _entity_rows(n, members, contexts):
            rows[table].append(row)
        if k % BATCH == 0:
            _flush(db, rows)
    _flush(db, rows)
    for base, kind in db.execute("SELECT base, kind FROM entities GROUP BY base HAVING count(*) > 1").fetchall():
        for n, first in db.execute("SELECT n, first FROM entities WHERE base = ?", (base,)).fetchall():
            db.execute("UPDATE entities SET id = ? WHERE n = ?", (unique_id(base, kind, first.split(":")[0], True), n))
    db.executemany("INSERT INTO meta VALUES (?, ?)", [(f"count:{k}", str(v)) for k, v in kinds.items()])
    db.execute("COMMIT")


def _flush(db: sqlite3.Connection, rows: dict[str, list[tuple]]) -> None:
    for table, sql in _ENTITY_SQL.items():
        db.executemany(sql, rows[table])
        rows[table].clear()


def _entity_rows(n: int, members: list[Item], contexts: list[dict | None]) -> Iterator[tuple[str, tuple]]:
    """(table, row) of one entity made of these members: what resolution writes of a group."""
    kind = members[0].fact.kind
    if contexts[0] is None:
        summary: Any = Summary.of(kind, members)
        attrs = summary.attrs()
        why = named_reasons(members[:REASON_WINDOW])
        base, vkey, places = fact_id(kind, attrs["name"]), None, None
        forms = {_named_as(item.fact.attrs): item.fact for item in members}  # the keys of each way it is named, once
        for key in sorted(set().union(*(scope_keys(fact) for fact in forms.values()))):
            yield "entity_keys", (key, n)
        for s in name_stems(attrs):
            yield "names", (s, n)
    else:
        summary = ValueSummary()
        for item, context in zip(members, contexts):
            summary.add(item, context)
        attrs = summary.attrs()
        vkey, places = value_key(members[0].fact), contexts[0]["locations"]
        base = fact_id(kind, value_ident(vkey, tuple(places)))
        why = value_reasons([(item.file, item.fact.mentions[0].text) for item in members[:REASON_WINDOW]],
                            bool(places), kind)
    if why:
        attrs["why"] = why
    for s in context_stems(attrs):
        yield "context", (kind, s, n)
    yield "entities", (n, base, base, kind, attrs["name"] if vkey is None else "", dumps(attrs), dumps(summary.to_json()),
                       members[0].order, len({item.article for item in members}),
                       sum(len(item.fact.mentions) for item in members), vkey, None if vkey is None else dumps(places))


def _named_as(attrs: dict[str, Any]) -> tuple:
    """What a named fact's keys are made of (see `resolve.scope_keys`): facts alike in it have the same keys."""
    return (attrs.get("name"), tuple(attrs.get("aliases") or ()), attrs.get("first"), attrs.get("last"),
            attrs.get(LOCAL))
