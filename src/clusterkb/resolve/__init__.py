"""Entity resolution: which facts of which articles are one real-world thing, and what the
knowledge base says of it. Pure functions over plain records; `incremental.py` applies them to
the part of the stored knowledge base an ingest touches, and `merge()` runs them over a whole set.

People join on a Latin key of first name and surname (Михаил Лабудин = Mikhail Labudin); a
surname with an initial joins the one person with that surname and initial, a surname alone the
one person with that surname in its article or of its organisation. Organisations and places join on the names
and aliases of any article, the curated tables, quoted short names, abbreviations that
transliterate to each other (АКИТ ↔ AC&T) and names that translate word by word — never two
bodies whose names differ by a place. Numbers are one fact per value, unit and set of places; a
number said with no place joins the one placed fact of its value, when there is one.

The analyst's merges and splits (`judgements.py`) are applied over this automatic grouping.

Everything here depends only on the set of facts, never on the order they arrive in: a group's
members are ordered by article id and position, and a group's name, aliases, roles and reasons
are functions of its members. That is what lets the store resolve incrementally and still give
the knowledge base a one-shot `merge()` of the same articles would give.
"""
from __future__ import annotations

import hashlib
import itertools
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..lang import gazetteer, nlp
from ..model import Fact, KBFact, Source
from ..kinds import NAMED_KINDS, VALUE_KINDS, kind_of
from ..lang.normalize import clean_spaces, fold, is_cyrillic
from ..lang.translit import Concepts, abbreviation_key, concepts, latin_key, place_concepts
from ..unionfind import UnionFind
from .judgements import Judgements

REASON_WINDOW = 50  # reasons are given for a group's first members: enough to explain it


@dataclass
class ArticleFacts:
    """One article's extraction as resolution needs it."""

    id: str
    path: str
    published: str | None
    facts: list[Fact]


@dataclass(frozen=True)
class Item:
    """One article's fact. `order` sorts the members of every group the same way, whatever order
    the articles came in: «ea8e7c789f0edf63:000004» is the fifth fact of that article."""

    article: str
    path: str
    published: str | None
    pos: int
    fact: Fact

    @property
    def order(self) -> str:
        return item_order(self.article, self.pos)

    @property
    def file(self) -> str:
        return os.path.basename(self.path) or self.article

    @property
    def name(self) -> str:
        return self.fact.attrs.get("name") or ""


def item_order(article: str, pos: int) -> str:
    return f"{article}:{pos:06d}"


def items_of(articles: Iterable[ArticleFacts]) -> list[Item]:
    items = []
    for a in articles:
        local = article_relative(a.facts)
        items += [Item(a.id, a.path, a.published, i, marked_local(f) if i in local else f) for i, f in enumerate(a.facts)]
    return sorted(items, key=lambda item: item.order)


def article_relative(facts: list[Fact]) -> set[int]:
    """Positions of the organisations an article names only by a generic name that another of its
    organisations names with a place: «фонд развития промышленности» beside «Фонд развития
    промышленности Запорожской области», «кировский Фонд …». There the short name may mean either
    body, so it links to no other article (a false merge costs more than a missed one). A placed
    body whose name says more than a place («Фонд развития промышленности и венчурных инвестиций
    … Калужской области») is another kind of body, and leaves the short name its own meaning; so
    does a short name said as the country's («Фонд развития промышленности РФ», «федеральный ФРП»)."""
    orgs = [(i, f, concepts(f.attrs.get("name") or "")) for i, f in enumerate(facts) if f.kind == "organization"]
    placed = [(bag.words, bag.words - bag.places - place_concepts()) for _, _, bag in orgs
              if bag.places or bag.words & place_concepts()]
    return {i for i, f, bag in orgs if len(bag.words) >= 2 and not bag.places and signature(f) == frozenset()
            and not _said_federal(f)
            and (any(bag.words < words and kind <= bag.words for words, kind in placed)
                 or _of_own_region(f.attrs.get("name") or ""))} | _abbreviating_placed(orgs)


def _said_federal(fact: Fact) -> bool:
    """Does a form of the body say it is the country's: «… РФ», «… России», «федеральный ФРП»?"""
    return any(gazetteer.strip_country(key) != key or gazetteer.FEDERAL_LEAD.match(key)
               for key in map(fold, forms_of(fact)))


def _abbreviating_placed(orgs: list[tuple[int, Fact, Any]]) -> set[int]:
    """Positions of the bare abbreviations («ФРП») that spell a placed body of the same article
    without its place («Фонд развития промышленности Челябинской области»): the article may mean
    that body or the federal one of those initials, so the abbreviation links to no other
    article. «федеральный ФРП» says which and is not bare."""
    spelled = {_initials_before_place(f.attrs.get("name") or "") for _, f, bag in orgs if bag.places}
    return {i for i, f, _ in orgs if (f.attrs.get("name") or "") in spelled - {""}}


def _initials_before_place(name: str) -> str:
    """«Фонд развития промышленности Челябинской области» → «ФРП»: the initials of the words
    before the first capitalised one after the first word («» for fewer than three)."""
    words = name.split()
    head = list(itertools.takewhile(lambda w: not w[:1].isupper(), words[1:]))
    return "".join(w[0] for w in [words[0], *head]).upper() if len(head) >= 2 else ""


def _of_own_region(name: str) -> bool:
    """«Фонд развития промышленности региона», «администрация области»: a body named with the
    bare word for a kind of region is the body of its own article's region, whichever that is."""
    words = name.split()
    return len(words) >= 2 and words[-1].islower() and any(
        p.normal_form in gazetteer.place_kinds() and p.tag.case == "gent" for p in nlp.parse(words[-1]))


def marked_local(fact: Fact) -> Fact:
    """The fact, marked as meaning one body in its own article only (see `article_relative`)."""
    return Fact(fact.kind, {**fact.attrs, LOCAL: True}, fact.mentions)


LOCAL = "local"  # a fact's mark: it links to no other article


@dataclass(frozen=True)
class Key:
    """A key a named fact is found under, the form it comes from and how (for the reason)."""

    key: str
    form: str
    how: str
    rank: int
    note: str = ""


# keys ------------------------------------------------------------------------------------


def name_keys(fact: Fact) -> list[Key]:
    """Every key a named fact is found under, each ranked by how strong its evidence is (none
    for a fact that means one body in its own article only)."""
    if fact.attrs.get(LOCAL):
        return []
    if fact.kind == "person":
        return _person_keys(fact.attrs.get("name") or "", fact.attrs.get("first") or "", fact.attrs.get("last") or "")
    keys: list[Key] = []
    for form in forms_of(fact):
        keys += _form_keys(fact.kind, form, "name" if form == fact.attrs.get("name") else "alias")
    canonical = fact.attrs.get("canonical")
    if not keys and canonical:  # «Минэкономразвития» alone: its article named no other ministry of its kind
        keys.append(Key("=" + fold(canonical), fact.attrs.get("name") or canonical, "table", 1, canonical))
    return keys


def scope_keys(fact: Fact) -> set[str]:
    """The keys that decide which stored entities a new fact can affect: its name keys and, for
    a person, the surname (a new «Пётр Иванов» changes whom a lone «Иванов» can join)."""
    keys = {k.key for k in name_keys(fact)}
    if fact.kind == "person" and fact.attrs.get("last"):
        keys.add("surname:" + latin_key(fact.attrs["last"]))
    if fact.kind == "organization" and not fact.attrs.get(LOCAL):
        keys |= {"ministry:" + "|".join(sorted(concepts(f).places)) for f in forms_of(fact) if _ministry_form(f)}
    return keys


# a regional ministry's compound short name: «Мининвест Подмосковья» -------------------------


_SHORT_MINISTRY = re.compile(r"мин(?!истерств)([а-я]{3,})")


def _ministry_form(form: str) -> bool:
    """A placed ministry, named in full or by a compound short name («Мининвест Подмосковья»)."""
    words = fold(form).split()
    return len(words) >= 2 and (words[0] == "министерство" or _SHORT_MINISTRY.fullmatch(words[0]) is not None) \
        and bool(concepts(form).places)


def _abbreviates_ministry(short: str, full: str) -> bool:
    """«Мининвест» ← «министерство инвестиций, промышленности и науки», «Минпромторг» ←
    «министерство промышленности и торговли»: the short name after «мин» is the starts (three
    letters or more) of the full name's first words, in order."""
    m = _SHORT_MINISTRY.fullmatch(fold(short).split()[0])
    words = fold(full).split()
    return m is not None and words[0] == "министерство" and _starts_of(m.group(1), [w for w in words[1:] if w != "и"])


def _starts_of(letters: str, words: list[str]) -> bool:
    if not letters:
        return True
    return bool(words) and any(words[0].startswith(letters[:n]) and _starts_of(letters[n:], words[1:])
                               for n in range(len(letters), 2, -1))


def forms_of(fact: Fact) -> list[str]:
    a = fact.attrs
    return [f for f in [a.get("name") or "", *a.get("aliases", [])] if f and not gazetteer.is_bare_type(f)]


@lru_cache(maxsize=100_000)
def _form_keys(kind: str, form: str, how: str) -> list[Key]:
    """The form folded (and without «РФ»), its curated canonical name (the federal table's, or a
    renamed body's current name), its quoted short name, its bag of concepts and its
    abbreviation key; places: folded, curated, bag of concepts."""
    key = fold(form)
    keys = [Key(key, form, how, 0)]
    if kind == "location":
        place = gazetteer.place(form)
        bag = concepts(form)
        keys += [Key("=" + fold(place), form, "table", 1, place)] if place else []
        return keys + ([Key("~" + bag.key, form, "words", 3)] if len(bag.words) > bag.generic else [])
    keys.append(Key(gazetteer.strip_country(key), form, how, 0))
    canonical = gazetteer.federal_body(form)
    keys += [Key("=" + fold(canonical), form, "table", 1, canonical)] if canonical else []
    current = gazetteer.current_name(form)
    keys += [Key("=" + fold(current), form, "renamed", 1, current)] if current and current != canonical else []
    quoted = _quoted(form)
    keys += [Key(fold(quoted), form, "quoted", 2, quoted)] if quoted else []
    bag = concepts(form)
    keys += [Key("~" + bag.key, form, "words", 3)] if _says_what_and_which(bag) else []
    abbr = abbreviation_key(form)
    return keys + ([Key("#" + abbr, form, "abbreviation", 4)] if abbr else [])


def _says_what_and_which(bag: Concepts) -> bool:
    """Is a bag of concepts enough to name one body in any language: three words or more with a
    kind among them («Industrial Development Fund of the Omsk Region»), or a kind and one proper
    name that is no place («Kangalassy advance-development territory» = «ТОР «Кангалассы»»)?
    Two kinds alone («investment fund») or a kind and a place name any body of the place."""
    if len(bag.words) == 2:
        return bag.generic == 1 and not bag.places
    return len(bag.words) >= 3 and bool(bag.generic)


@lru_cache(maxsize=100_000)
def _person_keys(name: str, first: str, last: str) -> list[Key]:
    """A full name under its Latin key; a surname with an initial under the surname's and the
    initial's. A surname alone has no key: it names a person only beside a full name (see
    `_join_surnames`), never another article's lone surname."""
    if not last or not first:
        return []
    if initial_of(first) is None:
        return [Key(f"p:{latin_key(first)} {latin_key(last)}", name, "person", 0)]
    return [Key(f"s:{latin_key(last)}|{initial_of(first)}", name, "surname", 0)]


def initial_of(first: str) -> str | None:
    """'' for no first name, the Latin initial of «В.», None for a full first name."""
    if not first:
        return ""
    return latin_key(first)[:1] if first.endswith(".") or len(first) == 1 else None


def full_name(fact: Fact) -> bool:
    return fact.kind != "person" or initial_of(fact.attrs.get("first") or "") is None


def _quoted(form: str) -> str | None:
    """«Омсктрансмаш» in «АО «Омсктрансмаш»»: the innermost quoted name, if it is not the whole."""
    inner = form
    for opening, closing in (("«", "»"), ("“", "”"), ('"', '"')):
        start = inner.rfind(opening, 0, len(inner) - 1)
        end = inner.find(closing, start + 1) if start >= 0 else -1
        if end > start + 3:
            inner = inner[start + 1:end]
    return inner if inner != form and not gazetteer.is_bare_type(inner) else None


# signatures: what must agree for two groups to join ----------------------------------------


def signature(fact: Fact) -> frozenset[str] | None:
    """A person's patronymic (two patronymics are two people); the places a body's names of two
    words or more name («Фонд развития промышленности» is not «… Омской области»). None: nothing
    known, which agrees with anything."""
    if fact.kind == "person":
        middle = fact.attrs.get("middle")
        return frozenset([latin_key(middle)]) if middle else None
    if fact.kind == "organization":
        bags = [b for f in forms_of(fact) if len((b := concepts(f)).words) >= 2]
        return frozenset().union(*(b.places for b in bags)) if bags else None
    return None


def joined_signature(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    return b if a is None else a if b is None else a | b


def category(fact: Fact) -> frozenset[str] | None:
    """Whether a body is a site, a special economic zone or a company (data/org_types.json
    categories), by the kind before its quoted name: «индустриальный парк «Северный луч»» is a
    {"site"}, «АО «Северный луч»», which runs it, a {"company"}, «ОЭЗ «Северный луч»» made on
    the park's land a {"special economic zone"} — bodies apart though they share the quoted
    name. None: no form says."""
    return categories_of(forms_of(fact)) if fact.kind == "organization" else None


def categories_of(forms: Iterable[str]) -> frozenset[str] | None:
    found = {c for form in forms if (c := _form_category(form))}
    return frozenset(found) if found else None


@lru_cache(maxsize=50_000)
def _form_category(form: str) -> str | None:
    quote = next((i for i, c in enumerate(form) if c in "«\"“"), -1)
    words = form[:quote].split() if quote > 0 else []
    return gazetteer.kind_category(words)


# grouping named facts ---------------------------------------------------------------------


class _Union(UnionFind[int]):
    """Union-find over items; a group's signature and category (each the union of its
    members') must agree for groups to join."""

    def __init__(self, items: list[Item]):
        super().__init__(range(len(items)))
        self.items = items
        self.members: dict[int, list[int]] = {i: [i] for i in range(len(items))}
        self.sigs: dict[int, frozenset[str] | None] = {i: signature(item.fact) for i, item in enumerate(items)}
        self.cats: dict[int, frozenset[str] | None] = {i: category(item.fact) for i, item in enumerate(items)}

    def signature_of(self, root: int) -> frozenset[str] | None:
        return self.sigs[self.find(root)]

    def category_of(self, root: int) -> frozenset[str] | None:
        return self.cats[self.find(root)]

    def allowed(self, roots: list[int]) -> bool:
        return all(len({label(r) for r in roots} - {None}) <= 1 for label in (self.signature_of, self.category_of))

    def join(self, i: int, j: int) -> int:
        a, b = self.find(i), self.find(j)
        root = super().join(a, b)
        if a != b:
            gone = b if root == a else a
            self.members[root] += self.members.pop(gone)
            self.sigs[root] = joined_signature(self.sigs[root], self.sigs.pop(gone))
            self.cats[root] = joined_signature(self.cats[root], self.cats.pop(gone))
        return root

    def groups_of_items(self) -> list[list[Item]]:
        return [[self.items[i] for i in sorted(m)] for _, m in sorted(self.members.items())]


def group_named(kind: str, items: list[Item]) -> list[list[Item]]:
    """Union of facts that share a key, strongest keys first; a lone surname joins last. `items`
    must be in `order` and closed under shared scope keys (no item outside shares one)."""
    union = _Union(items)
    by_key: dict[str, list[int]] = {}
    for i, item in enumerate(items):
        for k in name_keys(item.fact):
            entries = by_key.setdefault(k.key, [])
            if not entries or entries[-1] != i:
                entries.append(i)
    ranks = {k.key: k.rank for item in items for k in name_keys(item.fact)}
    for key in sorted(by_key, key=lambda k: (ranks[k], k)):
        _join_key(union, by_key[key])
    if kind == "person":
        _join_surnames(union)
    if kind == "organization":
        _join_short_ministries(union)
    return union.groups_of_items()


def _join_short_ministries(union: _Union) -> None:
    """A ministry named only by its compound short name («Мининвест Подмосковья») joins the one
    ministry named in full whose words it abbreviates, when their places agree."""
    full = [i for i, item in enumerate(union.items) if fold(item.name).startswith("министерство ")
            and _ministry_form(item.name)]
    for root in sorted({union.find(i) for i, item in enumerate(union.items) if _ministry_form(item.name)}):
        forms = [union.items[i].name for i in union.members[union.find(root)]]
        if any(fold(f).startswith("министерство ") for f in forms):
            continue
        cands = {union.find(j) for j in full if any(_abbreviates_ministry(f, union.items[j].name) for f in forms)}
        if len(cands) == 1 and union.allowed([root, *cands]):
            union.join(root, cands.pop())


def _join_key(union: _Union, entries: list[int]) -> None:
    """Join the facts found under one key that agree, in signature and then in category."""
    roots = list(dict.fromkeys(union.find(i) for i in entries))
    for group in _agreeing(roots, union.signature_of):
        for agreed in _agreeing(group, union.category_of):
            for root in agreed[1:]:
                union.join(root, agreed[0])


def _agreeing(roots: list[int], label: Callable[[int], frozenset[str] | None]) -> list[list[int]]:
    """The groups that may join by one label: those of one label, and those without one when a
    single label is in play («ФПП» of a federal and of a regional fund is ambiguous, so a bare
    «ФПП» joins neither)."""
    clusters: dict[frozenset[str], list[int]] = {}
    loose = []
    for root in roots:
        value = label(root)
        (loose if value is None else clusters.setdefault(value, [])).append(root)
    if len(clusters) <= 1:
        return [[*loose, *next(iter(clusters.values()), [])]]
    return list(clusters.values())


def _join_surnames(union: _Union) -> None:
    """A surname with an initial joins the one full-named person of that surname whose first
    name has the initial; a surname alone joins the one such person said in its article or
    working for its organisation. Two people who share a surname stay apart, and a lone
    «Петров» of one article is no «Иван Петров» of another by the surname alone."""
    full: dict[str, list[int]] = {}
    for i, item in enumerate(union.items):
        if full_name(item.fact):
            full.setdefault(latin_key(item.fact.attrs.get("last") or ""), []).append(i)
    for root in sorted({union.find(i) for i in range(len(union.items))}):
        if _first_initials(union, root):
            continue
        item = union.items[root]
        initial = initial_of(item.fact.attrs.get("first") or "")
        cands = {union.find(i) for i in full.get(latin_key(item.fact.attrs.get("last") or ""), [])}
        cands = {r for r in cands if _first_initials(union, r) == {initial}} if initial else \
            {r for r in cands if _near(union, root, r)}
        if len(cands) == 1 and union.allowed([root, *cands]):
            union.join(root, cands.pop())


def _near(union: _Union, a: int, b: int) -> bool:
    """Two groups said in one article, or of one organisation («директор завода «Х»»)."""
    x, y = ([union.items[i] for i in union.members[union.find(r)]] for r in (a, b))
    return bool({i.article for i in x} & {i.article for i in y}) or bool(_organisations(x) & _organisations(y))


def _organisations(items: list[Item]) -> set[str]:
    """The organisations a person's facts name (its own and those of its roles), folded."""
    return {fold(o) for i in items for o in [i.fact.attrs.get("organization"),
                                             *(r.get("organization") for r in i.fact.attrs.get("roles") or [])] if o}


def _first_initials(union: _Union, root: int) -> set[str]:
    """The initials of the full first names in a group (none for a group of lone surnames)."""
    facts = [union.items[i].fact for i in union.members[union.find(root)]]
    return {latin_key(f.attrs["first"])[:1] for f in facts if full_name(f)}


# what a group of named facts says ---------------------------------------------------------


@dataclass
class Summary:
    """What a group's attributes are made of, kept small so that a new member is added without
    reading the others: the first spelling of every form, how often each name is said with its
    best-ranked fact, the first canonical name, and every role with the articles giving it.

    `attrs()` gives the group's fact: the best-known name (a full name before an abbreviation,
    Russian before English, then the most said, then the fullest), every other form as an alias
    but a bare type word («Фонд» said in one article of «Фонд развития промышленности» is no
    name of it in the others).
    """

    kind: str
    forms: dict[str, list] = field(default_factory=dict)   # fold → [order, form]
    names: dict[str, list] = field(default_factory=dict)   # fold(name) → [said, rank, order, attrs]
    canonical: list | None = None                           # [order, canonical]
    roles: dict[str, dict] = field(default_factory=dict)   # "position|organization" folded → role
    signature: list[str] | None = None

    @classmethod
    def of(cls, kind: str, group: Iterable[Item]) -> Summary:
        summary = cls(kind)
        for item in group:
            summary.add(item)
        return summary

    def add(self, item: Item) -> None:
        a, order = item.fact.attrs, item.order
        for i, form in enumerate([a.get("name") or "", *a.get("aliases", [])]):
            here = [f"{order}/{i:03d}", form]
            if form and (fold(form) not in self.forms or here < self.forms[fold(form)]):
                self.forms[fold(form)] = here
        rank = _name_rank(item.fact)
        entry = self.names.setdefault(fold(a["name"]), [0, rank, order, _bare_attrs(a)])
        entry[0] += 1
        if (rank, _reverse(order)) > (entry[1], _reverse(entry[2])):
            entry[1:] = [rank, order, _bare_attrs(a)]
        if a.get("canonical") and (self.canonical is None or order < self.canonical[0]):
            self.canonical = [order, a["canonical"]]
        for r in a.get("roles", []) if self.kind == "person" else []:
            self._add_role(r, item)
        sig = joined_signature(self._sig(), signature(item.fact))
        self.signature = sorted(sig) if sig is not None else None

    def _sig(self) -> frozenset[str] | None:
        return frozenset(self.signature) if self.signature is not None else None

    def _add_role(self, r: dict[str, Any], item: Item) -> None:
        key = f"{fold(r['position'] or '')}|{fold(r['organization'] or '')}"
        role = self.roles.setdefault(key, {"position": r["position"], "organization": r["organization"],
                                           "order": item.order, "sources": {}})
        if item.order < role["order"]:
            role.update(position=r["position"], organization=r["organization"], order=item.order)
        role["sources"][item.article] = item.published

    def best(self) -> list:
        """The best name's entry: highest rank with the times said in its place, first said on a tie."""
        return max(self.names.values(), key=lambda e: ((*e[1][:3], e[0], *e[1][3:]), _reverse(e[2])))

    def attrs(self) -> dict[str, Any]:
        attrs = dict(self.best()[3])
        name = fold(attrs["name"])
        attrs["aliases"] = sorted(form for key, (_, form) in self.forms.items()
                                  if key != name and not gazetteer.is_bare_type(form))
        if self.canonical:
            attrs["canonical"] = self.canonical[1]
        if self.kind == "person":
            attrs["roles"] = self._roles()
            if not attrs.get("position") and attrs["roles"]:
                attrs["position"], attrs["organization"] = attrs["roles"][0]["position"], attrs["roles"][0]["organization"]
        return attrs

    def _roles(self) -> list[dict[str, Any]]:
        """Every role a person is given, with the articles (and their dates) that give it: the
        earliest dated first, then by position, then the first said (not the first added, so the
        order is the same whatever order the articles came in)."""
        ordered = sorted(self.roles.values(), key=lambda r: (min((p or "9999") for p in r["sources"].values()),
                                                              r["position"] or "", r["order"]))
        return [{"position": r["position"], "organization": r["organization"],
                 "sources": [{"article": k, "published": v} for k, v in sorted(r["sources"].items())]}
                for r in ordered]

    def to_json(self) -> dict[str, Any]:
        return {"forms": self.forms, "names": self.names, "canonical": self.canonical,
                "roles": {k: {**r, "sources": r["sources"]} for k, r in self.roles.items()}, "signature": self.signature}

    @classmethod
    def from_json(cls, kind: str, d: dict[str, Any]) -> Summary:
        return cls(kind, d["forms"], d["names"], d["canonical"], d["roles"], d["signature"])


def _name_rank(f: Fact) -> list:
    """How good a name is, but for how often it is said (which goes fourth, see `Summary.best`)."""
    name = f.attrs["name"]
    return [full_name(f), abbreviation_key(name) is None, is_cyrillic(name),
            name[:1].isupper(), len(name.split()), len(name)]


def _reverse(order: str) -> tuple[int, ...]:
    """Sorts the other way: an earlier order is a bigger key."""
    return tuple(-ord(c) for c in order)


def _bare_attrs(attrs: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in attrs.items() if k not in ("aliases", "roles", "canonical", "context", LOCAL)}


def named_reasons(group: list[Item]) -> list[str]:
    """Why the first members of a group are one thing: each joins the earliest member before it
    that shares its strongest key, or (a lone surname) the first full-named member.
    «АКИТ РФ» (b.txt) joins «Ассоциация …»: alias «АКИТ» defined in a.txt."""
    first_with: dict[str, tuple[Item, Key]] = {}
    full = next((i for i in group if full_name(i.fact)), None)
    out = []
    for n, item in enumerate(group[:REASON_WINDOW]):
        keys = {k.key: k for k in name_keys(item.fact)}
        shared = sorted((k.rank, key) for key, k in keys.items() if key in first_with)
        if n and shared:
            partner, pk = first_with[shared[0][1]]
            out.append(_reason(item, keys[shared[0][1]], partner, pk))
        elif n and full is not None and item.fact.kind == "person" and not full_name(item.fact):
            initial = initial_of(item.fact.attrs.get("first") or "")
            how = " and initial" if initial else " in its article or organisation"
            out.append(f"«{item.name}» ({item.file}) joins «{full.name}»: the only person with that surname{how}")
        elif n and (pair := _short_ministry_pair(item, group[:n])):
            out.append(f"«{pair[0].name}» ({pair[0].file}) joins «{pair[1].name}»: a compound short name of its words, "
                       f"places agree ({pair[1].file})")
        elif n:
            out.append(f"«{item.name}» ({item.file}) joins «{group[0].name}»: through the names of other mentions")
        for key, k in keys.items():
            first_with.setdefault(key, (item, k))
    return list(dict.fromkeys(out))


def _short_ministry_pair(item: Item, before: list[Item]) -> tuple[Item, Item] | None:
    """(short, full): the item and an earlier member, one the compound short name of the other."""
    for other in before:
        for short, full in ((item, other), (other, item)):
            if _abbreviates_ministry(short.name, full.name):
                return short, full
    return None


def _reason(x: Item, kx: Key, y: Item, ky: Key) -> str:
    """«АКИТ РФ» (002.txt) joins «Ассоциация …»: alias defined in 000.txt. Spacing is folded, so a
    name written with a no-break space gives the same reason."""
    if _rather_target(x, kx, y, ky):
        x, kx, y, ky = y, ky, x, kx
    return clean_spaces(f"«{kx.form}» ({x.file}) joins «{y.name}»: {_because(kx, ky, y.file)}")


def _rather_target(x: Item, kx: Key, y: Item, ky: Key) -> bool:
    """Whether the reason reads better the other way round: English joins Russian, a bare form
    joins the fact that defines it as an alias."""
    if is_cyrillic(x.name) != is_cyrillic(y.name):
        return is_cyrillic(x.name)
    return kx.how == "alias" and ky.how != "alias"


def _because(kx: Key, ky: Key, file: str) -> str:
    """Why the form under `kx` names what the form under `ky` (in `file`) names."""
    if ky.how == "table":
        return f"both are «{ky.note}» in the curated table ({file})"
    if "renamed" in (kx.how, ky.how):
        return (f"«{ky.form}» ({file}) and this are names of «{kx.note or ky.note}» before and after a renaming "
                "(curated table)")
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


# numbers -----------------------------------------------------------------------------------


def value_key(fact: Fact | dict[str, Any]) -> str:
    """What makes two numeric facts the same fact: the value and what it is a value of.
    «count|15|промышленный кластер»."""
    kind, a = (fact.kind, fact.attrs) if isinstance(fact, Fact) else (fact["kind"], fact)
    return "|".join([kind, *(str(a.get(p)) for p in kind_of(kind).identity)])


def local_names(items: Iterable[Item], entity_name: Callable[[Item], str]) -> dict[tuple[str, str, str], str]:
    """(article, kind, folded form) → the knowledge-base name of the entity an article's named
    fact went to, so the context of a number names the entity («Omsk Region» → «Омская область»)."""
    out: dict[tuple[str, str, str], str] = {}
    for item in items:
        for form in [item.name, *item.fact.attrs.get("aliases", [])]:
            out.setdefault((item.article, item.fact.kind, fold(form)), entity_name(item))
    return out


def value_context(item: Item, names: dict[tuple[str, str, str], str]) -> dict[str, list[str]]:
    """A number's context with every name replaced by its entity's knowledge-base name."""
    ctx = item.fact.attrs.get("context") or {}
    return {key: sorted({names.get((item.article, kind, fold(n)), n) for n in ctx.get(key, [])})
            for key, kind in (("organizations", "organization"), ("locations", "location"))}


def group_values(placed: dict[str, list[tuple[str, ...]]]) -> dict[tuple[str, tuple[str, ...]], tuple[str, ...]]:
    """Which group each (value key, places) goes to: its own, or for no places the one placed
    group of that value when there is exactly one («15 кластеров» said without a place is the
    Omsk fact if Omsk is the only place that number is said of)."""
    out = {}
    for vkey, place_sets in placed.items():
        with_places = sorted({p for p in place_sets if p})
        for p in set(place_sets):
            out[(vkey, p)] = p if p or len(with_places) != 1 else with_places[0]
    return out


@dataclass
class ValueSummary:
    """A group of numbers: the first member's fact, whether all are approximate, all context."""

    first: list | None = None    # [order, attrs]
    approximate: bool = True
    context: dict[str, list[str]] = field(default_factory=lambda: {"organizations": [], "locations": []})

    def add(self, item: Item, context: dict[str, list[str]]) -> None:
        if self.first is None or item.order < self.first[0]:
            self.first = [item.order, _bare_attrs(item.fact.attrs)]
        self.approximate = self.approximate and bool(item.fact.attrs.get("approximate"))
        for k in self.context:
            self.context[k] = sorted(set(self.context[k]) | set(context.get(k, [])))

    def attrs(self) -> dict[str, Any]:
        attrs = dict(self.first[1])
        if "approximate" in attrs:
            attrs["approximate"] = self.approximate
        attrs["context"] = self.context
        return attrs

    def to_json(self) -> dict[str, Any]:
        return {"first": self.first, "approximate": self.approximate, "context": self.context}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> ValueSummary:
        return cls(d["first"], d["approximate"], d["context"])


def value_reasons(members: list[tuple[str, str]], placed: bool, kind: str) -> list[str]:
    """Why a group's first members (file, what was said) are one number:
    «15 кластеров» (b.txt) joins «15 clusters» (a.txt): same value and unit, places agree."""
    if not members:
        return []
    (first_file, first_said), same = members[0], kind_of(kind).same
    return list(dict.fromkeys(f"«{said}» ({file}) joins «{first_said}» ({first_file}): {same}"
                              + (", places agree" if placed else "") for file, said in members[1:REASON_WINDOW]))


def said(item: Item) -> tuple[str, str]:
    """The file a number is said in and how it is said there first."""
    return item.file, item.fact.mentions[0].text if item.fact.mentions else value_key(item.fact)


# ids ----------------------------------------------------------------------------------------


def fact_id(kind: str, ident: str) -> str:
    """«per-2c4f43cb525a»: the kind and a hash of what identifies the fact (its name, or its value
    and places)."""
    return kind[:3] + "-" + hashlib.sha1(f"{kind}|{fold(ident)}".encode()).hexdigest()[:12]


def value_ident(vkey: str, places: tuple[str, ...]) -> str:
    return "|".join([vkey.split("|", 1)[1], *places])


def unique_id(base: str, kind: str, first_article: str, shared: bool) -> str:
    """Two facts that would share an id (two people both called «Иванов») take ids made from
    their first article too, so ids stay unique and independent of order."""
    return fact_id(kind, base + "|" + first_article) if shared else base


# the whole set at once ------------------------------------------------------------------------


def merge(articles: Iterable[ArticleFacts], judgements: Judgements | None = None) -> list[KBFact]:
    """Knowledge-base facts from per-article facts, in one go, with the analyst's `judgements`
    applied over the automatic grouping: what the store builds incrementally from the same
    articles and judgements."""
    judgements = judgements or Judgements()
    items = items_of(articles)
    entity_of: dict[str, str] = {}
    out: list[tuple[str, str, dict[str, Any], list[Item]]] = []
    for kind in NAMED_KINDS:
        for group in judgements.apply(group_named(kind, [i for i in items if i.fact.kind == kind])):
            attrs = Summary.of(kind, group).attrs()
            for item in group:
                entity_of[item.order] = attrs["name"]
            why = named_reasons(group) + judgements.reasons(judgements.held(group))
            out.append((kind, fact_id(kind, attrs["name"]), attrs | _why(why), group))
    names = local_names([i for i in items if i.fact.kind in NAMED_KINDS], lambda i: entity_of[i.order])
    values = [i for i in items if i.fact.kind in VALUE_KINDS]
    contexts = {i.order: value_context(i, names) for i in values}
    placed: dict[str, list[tuple[str, ...]]] = {}
    for i in values:
        placed.setdefault(value_key(i.fact), []).append(tuple(contexts[i.order]["locations"]))
    target = group_values(placed)
    groups: dict[tuple[str, tuple[str, ...]], list[Item]] = {}
    for i in values:
        vkey = value_key(i.fact)
        groups.setdefault((vkey, target[(vkey, tuple(contexts[i.order]["locations"]))]), []).append(i)
    for (vkey, places), group in groups.items():
        summary = ValueSummary()
        for i in group:
            summary.add(i, contexts[i.order])
        kind = group[0].fact.kind
        reasons = value_reasons([said(i) for i in group], bool(places), kind)
        out.append((kind, fact_id(kind, value_ident(vkey, places)), summary.attrs() | _why(reasons), group))
    return _with_unique_ids(out)


def _why(reasons: list[str]) -> dict[str, Any]:
    return {"why": reasons} if reasons else {}


def _with_unique_ids(out: list[tuple[str, str, dict[str, Any], list[Item]]]) -> list[KBFact]:
    seen: dict[str, int] = {}
    for _, base, _, _ in out:
        seen[base] = seen.get(base, 0) + 1
    facts = [KBFact(unique_id(base, kind, group[0].article, seen[base] > 1), kind, attrs, sources(group))
             for kind, base, attrs, group in out]
    return sorted(facts, key=lambda f: (f.kind, f.id))


def sources(group: list[Item]) -> list[Source]:
    """The articles a group is said in, each with its mentions."""
    by_article: dict[str, Source] = {}
    for item in group:
        src = by_article.setdefault(item.article, Source(item.article, item.path, []))
        src.mentions += [m for m in item.fact.mentions if m not in src.mentions]
    return sorted(by_article.values(), key=lambda s: s.article)

