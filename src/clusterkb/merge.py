"""Merging per-article facts into knowledge-base facts: the same thing once, with all sources.

People merge on a Latin key of first name and surname (Михаил Лабудин = Mikhail Labudin), and a
surname alone joins the one person with that surname. Organisations and places merge on the
names and aliases of any article, the curated tables, quoted short names, abbreviations that
transliterate to each other (АКИТ ↔ AC&T) and names that translate word by word — never two
bodies whose names differ by a place. Numbers merge on value and unit unless their places differ.

The result depends only on the set of articles (they are read in id order), so any ingest order
gives the same facts and ids; every merge leaves a reason in the fact's `why`.
"""
from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from . import gazetteer
from .facts import NAMED_KINDS, Fact, KBFact, Source
from .normalize import fold, is_cyrillic
from .translit import abbreviation_key, concepts, latin_key

VALUE_KINDS = ("date", "count", "money")


@dataclass
class ArticleFacts:
    """One article's extraction as the merge needs it."""

    id: str
    path: str
    published: str | None
    facts: list[Fact]


@dataclass(frozen=True)
class _Item:
    """One article's fact, with the file name that reasons cite."""

    article: ArticleFacts
    fact: Fact

    @property
    def file(self) -> str:
        return os.path.basename(self.article.path) or self.article.id

    @property
    def name(self) -> str:
        return self.fact.attrs.get("name") or ""


@dataclass(frozen=True)
class _Key:
    """A key a named fact is found under, the form it comes from and how (for the reason)."""

    key: str
    form: str
    how: str
    rank: int
    note: str = ""


_Group = tuple[list[_Item], list[str]]


def merge(articles: Iterable[ArticleFacts]) -> list[KBFact]:
    """Knowledge-base facts from per-article facts, deterministic in the set of articles."""
    items = [_Item(a, f) for a in sorted(articles, key=lambda a: a.id) for f in a.facts]
    names = _Names()
    merged: list[KBFact] = []
    for kind in NAMED_KINDS:
        for group, why in _group_named(kind, [i for i in items if i.fact.kind == kind]):
            merged.append(_named_fact(kind, group, why))
            names.add(merged[-1], group)
    for kind in VALUE_KINDS:
        for group, why in _group_values([i for i in items if i.fact.kind == kind], names):
            merged.append(_value_fact(kind, group, why, names))
    return sorted(_unique_ids(merged), key=lambda f: (f.kind, f.id))


def value_key(fact: Fact) -> tuple:
    """What makes two numeric facts the same fact: the value and what it is a value of."""
    a = fact.attrs
    if fact.kind == "date":
        return (a.get("value"),)
    if fact.kind == "count":
        return (str(a.get("value")), a.get("unit"))
    return (str(a.get("amount")), a.get("currency"))


# keys ------------------------------------------------------------------------------------


def _name_keys(fact: Fact) -> list[_Key]:
    """Every key a named fact is found under, each ranked by how strong its evidence is."""
    if fact.kind == "person":
        return _person_keys(fact.attrs)
    keys = []
    for form in _forms(fact):
        keys += _form_keys(fact.kind, form, "name" if form == fact.attrs.get("name") else "alias")
    return keys


def _forms(fact: Fact) -> list[str]:
    a = fact.attrs
    return [f for f in [a.get("name") or "", *a.get("aliases", [])] if f and not _bare_type(f)]


def _form_keys(kind: str, form: str, how: str) -> list[_Key]:
    """The form folded (and without «РФ»), its curated canonical name, its quoted short name, its
    bag of concepts and its abbreviation key; places: folded, curated, bag of concepts."""
    key = fold(form)
    keys = [_Key(key, form, how, 0)]
    if kind == "location":
        place = gazetteer.place(form)
        bag = concepts(form)
        keys += [_Key("=" + fold(place), form, "table", 1, place)] if place else []
        return keys + ([_Key("~" + bag.key, form, "words", 3)] if len(bag.words) > bag.generic else [])
    keys.append(_Key(gazetteer.strip_country(key), form, how, 0))
    canonical = gazetteer.federal_body(form)
    keys += [_Key("=" + fold(canonical), form, "table", 1, canonical)] if canonical else []
    quoted = _quoted(form)
    keys += [_Key(fold(quoted), form, "quoted", 2, quoted)] if quoted else []
    bag = concepts(form)
    keys += [_Key("~" + bag.key, form, "words", 3)] if len(bag.words) >= 3 and bag.generic else []
    abbr = abbreviation_key(form)
    return keys + ([_Key("#" + abbr, form, "abbreviation", 4)] if abbr else [])


def _person_keys(a: dict[str, Any]) -> list[_Key]:
    """A full name under its Latin key; a surname alone (or with an initial) under the surname's."""
    first, last = a.get("first") or "", a.get("last") or ""
    if not last:
        return []
    if _initial(first) is None:
        return [_Key(f"p:{latin_key(first)} {latin_key(last)}", a["name"], "person", 0)]
    return [_Key(f"s:{latin_key(last)}|{_initial(first)}", a["name"], "surname", 0)]


def _initial(first: str) -> str | None:
    """'' for no first name, the Latin initial of «В.», None for a full first name."""
    if not first:
        return ""
    return latin_key(first)[:1] if first.endswith(".") or len(first) == 1 else None


def _full_name(fact: Fact) -> bool:
    return _initial(fact.attrs.get("first") or "") is None


def _quoted(form: str) -> str | None:
    """«Омсктрансмаш» in «АО «Омсктрансмаш»»: the innermost quoted name, if it is not the whole."""
    inner = form
    for opening, closing in (("«", "»"), ("“", "”"), ('"', '"')):
        start = inner.rfind(opening, 0, len(inner) - 1)
        end = inner.find(closing, start + 1) if start >= 0 else -1
        if end > start + 3:
            inner = inner[start + 1:end]
    return inner if inner != form and not _bare_type(inner) else None


@lru_cache(maxsize=50_000)
def _bare_type(form: str) -> bool:
    """«Ассоциация», «Фонд», «Минпром»: a short form that means one body inside its article only."""
    from .extract.organisations import GOVERNMENT_HEADS
    from .extract.spans import ORG_TYPES

    return fold(form) in ORG_TYPES or fold(form) in GOVERNMENT_HEADS


# grouping named facts ---------------------------------------------------------------------


@dataclass
class _Union:
    """Union-find over items that records why each union happened. A group's signature (the
    places its names name, a person's patronymic: the union of its members') must agree for
    groups to join; None (nothing known) agrees with anything."""

    items: list[_Item]
    signature: Callable[[_Item], frozenset[str] | None]
    parent: list[int] = field(default_factory=list)
    members: dict[int, list[int]] = field(default_factory=dict)
    sigs: dict[int, frozenset[str] | None] = field(default_factory=dict)
    why: list[tuple[int, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.parent = list(range(len(self.items)))
        self.members = {i: [i] for i in range(len(self.items))}
        self.sigs = {i: self.signature(item) for i, item in enumerate(self.items)}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def signature_of(self, root: int) -> frozenset[str] | None:
        return self.sigs[self.find(root)]

    def allowed(self, roots: list[int]) -> bool:
        return len({self.signature_of(r) for r in roots} - {None}) <= 1

    def join(self, i: int, j: int, reason: str) -> None:
        a, b = sorted((self.find(i), self.find(j)))
        if a != b:
            self.parent[b] = a
            self.members[a] += self.members.pop(b)
            sa, sb = self.sigs[a], self.sigs.pop(b)
            self.sigs[a] = sb if sa is None else sa if sb is None else sa | sb
            self.why.append((a, reason))

    def groups(self) -> list[_Group]:
        reasons: dict[int, list[str]] = {}
        for i, reason in self.why:
            reasons.setdefault(self.find(i), []).append(reason)
        return [([self.items[i] for i in sorted(m)], list(dict.fromkeys(reasons.get(r, []))))
                for r, m in sorted(self.members.items())]


def _group_named(kind: str, items: list[_Item]) -> list[_Group]:
    """Union of facts that share a key, strongest keys first; a lone surname joins last."""
    signatures = {"person": _patronymic, "organization": _places_of}
    union = _Union(items, signatures.get(kind, lambda item: None))
    by_key: dict[str, list[tuple[int, _Key]]] = {}
    for i, item in enumerate(items):
        for k in _name_keys(item.fact):
            entries = by_key.setdefault(k.key, [])
            if not entries or entries[-1][0] != i:
                entries.append((i, k))
    for key in sorted(by_key, key=lambda k: (min(e[1].rank for e in by_key[k]), k)):
        _join_key(union, by_key[key])
    if kind == "person":
        _join_surnames(union)
    return union.groups()


def _join_key(union: _Union, entries: list[tuple[int, _Key]]) -> None:
    """Join the facts found under one key that agree: those of one signature, and those without
    one when a single signature is in play («ФПП» of a federal and of a regional fund is ambiguous,
    so a bare «ФПП» joins neither)."""
    firsts: dict[int, tuple[int, _Key]] = {}
    for i, k in entries:
        firsts.setdefault(union.find(i), (i, k))
    clusters: dict[frozenset[str] | None, list[int]] = {}
    loose = []
    for root in firsts:
        sig = union.signature_of(root)
        (loose if sig is None else clusters.setdefault(sig, [])).append(root)
    if len(clusters) <= 1:
        clusters = {None: sorted([*loose, *next(iter(clusters.values()), [])])}
    for roots in clusters.values():
        for root in roots[1:]:
            _join_pair(union, firsts[root], firsts[roots[0]])


def _join_pair(union: _Union, a: tuple[int, _Key], b: tuple[int, _Key]) -> None:
    if _rather_target(union.items[a[0]], a[1], union.items[b[0]], b[1]):
        a, b = b, a
    union.join(a[0], b[0], _reason(union.items[a[0]], a[1], union.items[b[0]], b[1]))


def _rather_target(x: _Item, kx: _Key, y: _Item, ky: _Key) -> bool:
    """Whether the reason reads better the other way round: English joins Russian, a bare form
    joins the fact that defines it as an alias."""
    if is_cyrillic(x.name) != is_cyrillic(y.name):
        return is_cyrillic(x.name)
    return kx.how == "alias" and ky.how != "alias"


def _reason(x: _Item, kx: _Key, y: _Item, ky: _Key) -> str:
    """«АКИТ РФ» (002.txt) joins «Ассоциация …»: alias defined in 000.txt."""
    return f"«{kx.form}» ({x.file}) joins «{y.name}»: {_because(kx, ky, y.file)}"


def _because(kx: _Key, ky: _Key, file: str) -> str:
    """Why the form under `kx` names what the form under `ky` (in `file`) names."""
    if ky.how == "table":
        return f"both are «{ky.note}» in the curated table ({file})"
    if ky.how == "words":
        translated = is_cyrillic(kx.form) != is_cyrillic(ky.form)
        return f"{'word-by-word translation' if translated else 'the same words'} of «{ky.form}» ({file})"
    if ky.how == "abbreviation":
        return f"abbreviation «{kx.form}» transliterates to «{ky.form}» ({file})"
    if "quoted" in (kx.how, ky.how):
        return f"quoted name «{kx.note or ky.note}» as in {file}"
    if ky.how == "alias":
        return f"alias defined in {file}" if fold(kx.form) == fold(ky.form) else f"alias «{ky.form}» defined in {file}"
    if is_cyrillic(kx.form) != is_cyrillic(ky.form):
        return f"transliteration of «{ky.form}» ({file})"
    if fold(kx.form) == fold(ky.form):
        return f"same name in {file}"
    return f"same name, written «{ky.form}», in {file}"


def _join_surnames(union: _Union) -> None:
    """A surname alone (or with an initial) joins the one full-named person it can be."""
    full: dict[str, list[int]] = {}
    for i, item in enumerate(union.items):
        if _full_name(item.fact):
            full.setdefault(latin_key(item.fact.attrs.get("last") or ""), []).append(i)
    for root in sorted({union.find(i) for i in range(len(union.items))}):
        if _first_initials(union, root):
            continue
        item = union.items[root]
        initial = _initial(item.fact.attrs.get("first") or "")
        cands = {union.find(i) for i in full.get(latin_key(item.fact.attrs.get("last") or ""), [])}
        cands = {r for r in cands if not initial or _first_initials(union, r) == {initial}}
        if len(cands) == 1 and union.allowed([root, *cands]):
            target = min(i for i in union.members[cands.pop()] if _full_name(union.items[i].fact))
            why = "the only person with that surname" + (" and initial" if initial else "")
            union.join(root, target, f"«{item.name}» ({item.file}) joins «{union.items[target].name}»: {why}")


def _first_initials(union: _Union, root: int) -> set[str]:
    """The initials of the full first names in a group (none for a group of lone surnames)."""
    facts = [union.items[i].fact for i in union.members[union.find(root)]]
    return {latin_key(f.attrs["first"])[:1] for f in facts if _full_name(f)}


def _patronymic(item: _Item) -> frozenset[str] | None:
    """Two different patronymics are two people."""
    middle = item.fact.attrs.get("middle")
    return frozenset([latin_key(middle)]) if middle else None


def _places_of(item: _Item) -> frozenset[str] | None:
    """The places a body's names of two words or more name (None when it has no such name):
    «Фонд развития промышленности» is not «… Омской области»."""
    bags = [b for f in _forms(item.fact) if len((b := concepts(f)).words) >= 2]
    return frozenset().union(*(b.places for b in bags)) if bags else None


# building named facts ---------------------------------------------------------------------


def _named_fact(kind: str, group: list[_Item], why: list[str]) -> KBFact:
    attrs = _named_attrs(kind, group)
    if why:
        attrs["why"] = why
    return KBFact(_fact_id(kind, attrs["name"]), kind, attrs, _sources(group))


def _named_attrs(kind: str, group: list[_Item]) -> dict[str, Any]:
    """The best-known name (a full name before an abbreviation, Russian before English, then the
    most said, then the fullest) and every other form as an alias."""
    facts = [i.fact for i in group]
    said = Counter(fold(f.attrs["name"]) for f in facts)
    best = max(facts, key=lambda f: _name_rank(kind, f, said))
    attrs = dict(best.attrs)
    seen = {fold(attrs["name"])}
    aliases = []
    for f in facts:
        for form in [f.attrs["name"], *f.attrs.get("aliases", [])]:
            if fold(form) not in seen:
                seen.add(fold(form))
                aliases.append(form)
    attrs["aliases"] = sorted(aliases)
    canonical = next((f.attrs["canonical"] for f in facts if f.attrs.get("canonical")), None)
    if canonical:
        attrs["canonical"] = canonical
    if kind == "person":
        attrs["roles"] = _roles(group)
        if not attrs.get("position") and attrs["roles"]:
            attrs["position"], attrs["organization"] = attrs["roles"][0]["position"], attrs["roles"][0]["organization"]
    return attrs


def _name_rank(kind: str, f: Fact, said: Counter) -> tuple:
    name = f.attrs["name"]
    full = kind != "person" or _full_name(f)
    return (full, abbreviation_key(name) is None, is_cyrillic(name), said[fold(name)],
            name[:1].isupper(), len(name.split()), len(name))


def _roles(group: list[_Item]) -> list[dict[str, Any]]:
    """Every role a person is given, with the articles (and their dates) that give it."""
    roles: dict[tuple, dict[str, Any]] = {}
    for item in group:
        a = item.article
        for r in item.fact.attrs.get("roles", []):
            role = roles.setdefault((fold(r["position"] or ""), fold(r["organization"] or "")),
                                    {"position": r["position"], "organization": r["organization"], "sources": []})
            if a.id not in [s["article"] for s in role["sources"]]:
                role["sources"].append({"article": a.id, "published": a.published})
    return sorted(roles.values(), key=lambda r: (min((s["published"] or "9999") for s in r["sources"]), r["position"] or ""))


@dataclass
class _Names:
    """The knowledge-base name of each form an article gives an entity, so the context of a
    number names the merged entity («Omsk Region» in an English article → «Омская область»)."""

    local: dict[tuple[str, str, str], str] = field(default_factory=dict)
    anywhere: dict[tuple[str, str], str | None] = field(default_factory=dict)

    def add(self, fact: KBFact, group: list[_Item]) -> None:
        for item in group:
            for form in [item.name, *item.fact.attrs.get("aliases", [])]:
                self.local[(item.article.id, fact.kind, fold(form))] = fact.attrs["name"]
                known = self.anywhere.setdefault((fact.kind, fold(form)), fact.attrs["name"])
                if known != fact.attrs["name"]:
                    self.anywhere[(fact.kind, fold(form))] = None

    def of(self, article: str, kind: str, form: str) -> str:
        return self.local.get((article, kind, fold(form))) or self.anywhere.get((kind, fold(form))) or form


# numbers -----------------------------------------------------------------------------------


def _group_values(items: list[_Item], names: _Names) -> list[_Group]:
    """One group per value and unit and per set of places: a fact joins the first group whose
    places all contain its places or lie within them («15 clusters» in the Omsk region and in
    the Tyumen region stay two facts; one that names no place joins either)."""
    buckets: dict[tuple, list[_Item]] = {}
    for item in items:
        buckets.setdefault(value_key(item.fact), []).append(item)
    groups: list[_Group] = []
    for bucket in buckets.values():
        homes: list[tuple[list[_Item], list[str], list[frozenset[str]]]] = []
        for item in bucket:
            places = _places(item, names)
            home = next((h for h in homes if all(_nested(places, p) for p in h[2])), None)
            if home is None:
                homes.append(([item], [], [places]))
                continue
            home[1].append(_value_reason(item, home[0][0], bool(places)))
            home[0].append(item)
            home[2].append(places)
        groups += [(members, why) for members, why, _ in homes]
    return groups


def _value_reason(item: _Item, first: _Item, placed: bool) -> str:
    """«15 кластеров» (b.txt) joins «15 clusters» (a.txt): same value and unit, places agree."""
    same = "same date" if item.fact.kind == "date" else "same value and unit"
    return f"«{_said(item)}» ({item.file}) joins «{_said(first)}» ({first.file}): {same}" + (", places agree" if placed else "")


def _places(item: _Item, names: _Names) -> frozenset[str]:
    return frozenset(names.of(item.article.id, "location", n)
                     for n in item.fact.attrs.get("context", {}).get("locations", []))


def _nested(a: frozenset[str], b: frozenset[str]) -> bool:
    return a <= b or b <= a


def _said(item: _Item) -> str:
    return item.fact.mentions[0].text if item.fact.mentions else "|".join(map(str, value_key(item.fact)))


def _value_fact(kind: str, group: list[_Item], why: list[str], names: _Names) -> KBFact:
    facts = [i.fact for i in group]
    attrs = dict(facts[0].attrs)
    if "approximate" in attrs:
        attrs["approximate"] = all(f.attrs.get("approximate") for f in facts)
    if "context" in attrs:
        attrs["context"] = {k: sorted({names.of(i.article.id, kind_of, n) for i in group
                                       for n in i.fact.attrs.get("context", {}).get(k, [])})
                            for k, kind_of in (("organizations", "organization"), ("locations", "location"))}
    if why:
        attrs["why"] = why
    places = sorted(set().union(*(_places(i, names) for i in group)))
    ident = "|".join(map(str, [*value_key(facts[0]), *places]))
    return KBFact(_fact_id(kind, ident), kind, attrs, _sources(group))


# ids and sources ----------------------------------------------------------------------------


def _sources(group: list[_Item]) -> list[Source]:
    sources: dict[str, Source] = {}
    for item in group:
        src = sources.setdefault(item.article.id, Source(item.article.id, item.article.path, []))
        src.mentions += [m for m in item.fact.mentions if m not in src.mentions]
    return sorted(sources.values(), key=lambda s: s.article)


def _fact_id(kind: str, ident: str) -> str:
    return kind[:3] + "-" + hashlib.sha1(f"{kind}|{fold(ident)}".encode()).hexdigest()[:12]


def _unique_ids(facts: list[KBFact]) -> list[KBFact]:
    """Two facts that would share an id (two people both called «Иванов») get ids made from
    their sources too, so ids stay unique and independent of order."""
    count = Counter(f.id for f in facts)
    for f in facts:
        if count[f.id] > 1:
            f.id = _fact_id(f.kind, f.id + "|" + ",".join(s.article for s in f.sources))
    return facts
