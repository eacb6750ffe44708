"""Filters and lookups over the knowledge base's facts (plain JSON dicts, as stored).

Name matching needs no dictionary, so queries start fast: words are compared by a crude
stem (case endings cut, `stems.py`), which lets «Лабудина» find «Михаил Лабудин».
"""
from __future__ import annotations

import calendar
import heapq
import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from .kinds import KINDS, NAMED_KINDS, label
from .lang.normalize import fold
from .lang.stems import name_matches, names_of, stem, stems, words

if TYPE_CHECKING:
    from .store import Index



CARD_ARTICLES = 20  # articles of an entity a card shows, however many it has


@dataclass
class Filters:
    kind: str | None = None
    name: str | None = None
    location: str | None = None
    org: str | None = None
    article: str | None = None
    text: str | None = None
    since: str | None = None
    until: str | None = None
    limit: int | None = None
    undated: str = "exclude"
    sources: int | None = None  # articles of each fact's sources to read (None: all); filters by article need all  # with --since/--until, facts with no date: exclude | include | only


@dataclass
class Found:
    """What a query found, and how many facts its period (--since/--until) left out for having
    no date — among the facts it read: with a limit, those before the limit was reached
    (`partly`: there may be more after it)."""
    facts: list[dict[str, Any]]
    undated: int = 0
    partly: bool = False


def query(index: Index, f: Filters) -> list[dict[str, Any]]:
    """Facts that pass every filter given, in the knowledge base's order (see `search`)."""
    return search(index, f).facts


def search(index: Index, f: Filters) -> Found:
    """Facts that pass every filter given, in the knowledge base's order (kind, then id), and
    the undated ones a period left out. The index gives the candidates in that order — by name,
    by words of their sentences, tied to a place or organisation, or all of a kind — and they
    are read one at a time until `f.limit`, so a limit bounds the work. Sources are cut to
    `f.sources` articles (with the fact's totals) unless `--article` needs them whole.

    Example: search(index, Filters(kind="count", location="Омская область", since="2024", limit=20))
    """
    alone = not (f.article or f.location or f.org or f.since or f.until or f.undated == "only")
    cap = None if f.article else f.sources
    ties = [_Tie(index, kind, name) for kind, name in (("location", f.location), ("organization", f.org)) if name]
    if f.name:
        selected: Iterable[dict[str, Any]] = (x for x in index.by_name(f.name, f.kind, cap) if name_matches(f.name, x))
    elif f.text:
        selected = index.by_text(f.text, f.kind, f.limit if alone else None, cap)
    elif ties:
        selected = ties[0].tied([f.kind] if f.kind else list(KINDS), cap)
    else:
        selected = index.facts(f.kind, cap)
    if f.text and f.name:
        said = {x["id"] for x in index.by_text(f.text, f.kind, sources=0)}
        selected = (x for x in selected if x["id"] in said)
    if f.article:
        selected = (x for x in selected if _in_article(x, f.article))
    for tie in ties:
        selected = (x for x in selected if tie.holds(x))
    found = Found([])
    if f.since or f.until or f.undated == "only":
        selected = _in_period(index, selected, f, found)
    for x in selected:
        found.facts.append(x)
        if f.limit is not None and len(found.facts) >= f.limit:
            found.partly = True
            break
    return found


def find_entity(index: Index, name: str) -> list[dict[str, Any]]:
    """Named facts answering to `name`, best first: those with `name` as whole words of a
    name, then those that are no misread surname, then those said in most articles.

    Example: «Забелина» ranks the person «Ольга Забелина» above an organisation «ЗАБЕЛИНА»
    that the model made of her surname in the same article.
    """
    hits = [x for x in index.by_name(name, sources=CARD_ARTICLES) if x["kind"] in NAMED_KINDS and name_matches(name, x)]
    people = [x for x in hits if x["kind"] == "person"]
    return sorted(hits, key=lambda x: (not _has_whole_words(name, x), is_misread_surname(x, people),
                                       -article_count(x)))


def entity_named(index: Index, ref: str) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """The entity `ref` names — its id, or a name (or alias) one entity only has — and the
    candidates when it names none or several (best first, as `find_entity` ranks them).

    Example: entity_named(index, "ФРП") → (None, [two funds]) when two funds are called «ФРП».
    """
    fact = index.fact(ref, sources=0)
    if fact is not None and fact["kind"] in NAMED_KINDS:
        return fact, [fact]
    hits = find_entity(index, ref)
    named = [x for x in hits if fold(ref) in {fold(n) for n in names_of(x)}]
    candidates = named or hits
    return (candidates[0] if len(candidates) == 1 else None), candidates


def article_count(fact: dict[str, Any]) -> int:
    """In how many articles a fact is said (also when only its first articles were read)."""
    return fact["total"]["articles"] if "total" in fact else len(fact["sources"])


def _has_whole_words(query: str, fact: dict[str, Any]) -> bool:
    """Every word of `query` is a word of one of the fact's names, as written (any case, ё/е)."""
    wanted = set(words(query))
    return any(wanted <= set(words(n)) for n in names_of(fact))


def is_misread_surname(fact: dict[str, Any], people: list[dict[str, Any]]) -> bool:
    """An organisation or place named by one word that is the surname of a person said in
    the same article: the model read the surname (often in capitals) as a second entity.

    Example: «ЗАБЕЛИНА» (organisation) beside «Ольга Забелина» (person) in one article.
    """
    own = words(fact.get("name", ""))
    if fact["kind"] == "person" or len(own) != 1:
        return False
    articles = _article_ids(fact)
    for person in people:
        surname = words(person.get("name", ""))[-1:]
        if surname and _same_word(own[0], surname[0]) and articles & _article_ids(person):
            return True
    return False


def _article_ids(fact: dict[str, Any]) -> set[str]:
    return {s["article"] for s in fact["sources"]}


def _same_word(a: str, b: str) -> bool:
    """One word in two inflections: one starts with the other's stem («краснопевцева», «краснопевцев»)."""
    return a == b or (len(stem(a)) >= 4 and b.startswith(stem(a))) or (len(stem(b)) >= 4 and a.startswith(stem(b)))


def cooccurring(index: Index, fact: dict[str, Any]) -> list[tuple[dict[str, Any], int]]:
    """Named facts said in the same sentences as `fact` (in its first articles), with how many
    sentences they share, most first."""
    return index.neighbours(fact["id"])


def numbers_of(index: Index, fact: dict[str, Any], limit: int | None = None) -> list[dict[str, Any]]:
    """Dates, counts and money whose context names this entity, oldest first article first (for
    an entity said everywhere, those of the first candidates the store finds); the first
    `limit` of them, each with its first article's source.

    Example: numbers_of(index, find_entity(index, "Омская область")[0], 30)"""
    exact = set(names_of(fact))
    names = {fold(n) for n in exact}
    found: dict[str, dict[str, Any]] = {}
    for x in index.numbers_about(names_of(fact)):
        ctx = x.get("context") or {}
        said = ctx.get("organizations", []) + ctx.get("locations", [])
        if not exact.isdisjoint(said) or any(fold(n) in names for n in said):
            found[x["id"]] = x
    first = index.first_published(found)
    chosen = sorted(found.values(), key=lambda x: (first.get(x["id"]) or "9999", label(x)))[:limit]
    return [index.fact(x["id"], 1) for x in chosen]


@dataclass
class EntityProfile:
    """What a card shows of one entity, as plain data: the entity (with its first articles'
    sources), the records of the articles its sources and numbers are said in, in how many
    articles it is said in all, the named facts said beside it, and the numbers about it."""
    fact: dict[str, Any]
    articles: dict[str, dict[str, Any]]
    article_total: int
    together: list[tuple[dict[str, Any], int]]
    numbers: list[dict[str, Any]]


def entity_profile(index: Index, fact: dict[str, Any], neighbours: int = 15, numbers: int = 30) -> EntityProfile:
    """The profile of an entity `find_entity` found: at most `neighbours` facts said beside it
    and `numbers` dates, counts and sums about it, oldest first.

    Example: entity_profile(index, find_entity(index, "Лабудин")[0]).together
    → [({"kind": "organization", "name": "Минпромторг России", …}, 3), …]"""
    said_about = numbers_of(index, fact, numbers)
    ids = [s["article"] for x in [fact, *said_about] for s in x["sources"]]
    return EntityProfile(fact, index.articles(ids), article_count(fact), cooccurring(index, fact)[:neighbours],
                         said_about)


def kb_stats(index: Index, top: int = 10) -> dict[str, Any]:
    """Articles (and by language), facts by kind, and the `top` entities said in most articles.

    Example: kb_stats(index, 1) → {"articles": 36, "languages": {"en": 4, "ru": 32},
    "facts": {"person": 120, …}, "top": [{"id": …, "kind": "organization", "name": "Минпромторг России",
    "articles": 11, "mentions": 25}]}"""
    counts, langs = index.kind_counts(), index.languages()
    return {"articles": sum(langs.values()), "languages": dict(sorted(langs.items())),
            "facts": {k: counts.get(k, 0) for k in KINDS}, "top": index.top_counts(top)}


def _in_article(fact: dict[str, Any], needle: str) -> bool:
    return any(s["article"].startswith(needle) or needle in s.get("path", "") for s in fact["sources"])


class _Tie:
    """A place or organisation facts are tied to (`--location`, `--org`): numbers by their
    context, named facts by sharing a sentence with it (the store's `beside` table) or, for
    people and an organisation, by their role's organisation, and the place or organisation
    itself.

    Example: _Tie(index, "location", "Омская область").holds(a count said «в Омской области») → True
    """

    def __init__(self, index: Index, kind: str, name: str):
        self.index, self.kind, self.name = index, kind, name
        self.targets = [x for x in index.by_name(name, kind, sources=0) if name_matches(name, x)]
        self.ids = {t["id"] for t in self.targets}
        self.rows = index.rows(self.ids)
        self.names = {fold(n) for t in self.targets for n in names_of(t)}
        said = {tuple(sorted(set(stems(n)))): n for n in sorted({name, *(n for t in self.targets for n in names_of(t))})}
        self.said = sorted(said.values())  # the ways it is named, one for each set of words: its context is one

    def holds(self, fact: dict[str, Any]) -> bool:
        """Whether a fact is tied to the place or organisation."""
        if fact["id"] in self.ids:
            return True
        if fact["kind"] not in NAMED_KINDS:
            key = "locations" if self.kind == "location" else "organizations"
            return any(fold(n) in self.names or name_matches(self.name, {"name": n})
                       for n in (fact.get("context") or {}).get(key, []))
        return self._by_role(fact) or self.index.is_beside(fact["id"], self.kind, self.rows)

    def _by_role(self, fact: dict[str, Any]) -> bool:
        return self.kind == "organization" and bool(fact.get("organization")) \
            and name_matches(self.name, {"name": fact["organization"]})

    def tied(self, kinds: list[str], sources: int | None) -> Iterator[dict[str, Any]]:
        """The facts of these kinds tied to it, in order of kind and id, each read when the
        caller comes to it: numbers met walking those whose context has the words of one of
        its names, named facts from `beside`, people from their role's organisation too."""
        for kind in sorted(kinds):
            streams = [self.index.by_context(said, kind, sources) for said in self.said] \
                if kind not in NAMED_KINDS or (self.kind == "organization" and kind == "person") else []
            if kind in NAMED_KINDS:
                streams += [self.index.beside(self.rows, kind, sources),
                            self.index.each(self.index.rows(t["id"] for t in self.targets if t["kind"] == kind), kind,
                                            sources)]
            yield from (x for x in _distinct(heapq.merge(*streams, key=lambda x: x["id"])) if self.holds(x))


def _distinct(facts: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Facts in order of id, each once."""
    last = None
    for x in facts:
        if x["id"] != last:
            yield x
        last = x["id"]


def _in_period(index: Index, selected: Iterable[dict], f: Filters, found: Found) -> Iterator[dict]:
    """The facts a period keeps (`--undated`: exclude, include or only those with no date),
    counting in `found` the undated ones it leaves out. Dates by their own value; the others by
    the publication dates of their articles, read in SQL (a fact said in a million articles is
    in the period when one of them is)."""
    for x in selected:
        if x["kind"] == "date":
            dated = not str(x.get("value", "X")).startswith("X")
            inside = dated and _date_in_period(x, f.since, f.until)
        else:
            dated, inside = index.dated(x["id"], f.since, f.until)
        if not dated:
            found.undated += f.undated == "exclude" and bool(f.since or f.until)
            if f.undated != "exclude":
                yield x
        elif f.undated != "only" and inside:
            yield x


def _date_in_period(fact: dict[str, Any], since: str | None, until: str | None) -> bool:
    """A date by its own value: a range or year overlapping the period counts."""
    lo, _, hi = str(fact.get("value", "")).partition("/")
    return (not since or _end_of(hi or lo) >= since) and (not until or lo[: len(until)] <= until)


def _end_of(value: str) -> str:
    """The last day a partial ISO date covers, for comparing with a full date."""
    if len(value) == 4:
        return value + "-12-31"
    if len(value) == 7:
        return value + "-31"
    return value


def first_source(fact: dict[str, Any], articles: dict[str, dict]) -> dict[str, Any] | None:
    """The fact's source in its earliest published article (undated ones last), or None.

    Example: a count said in a 2023 and a 2024 article → the 2023 article's source.
    """
    return min(fact["sources"], key=lambda s: _published(s, articles), default=None)


def _published(source: dict[str, Any], articles: dict[str, dict]) -> str:
    return articles.get(source["article"], {}).get("published") or "9999"


@dataclass
class ArticleFilters:
    since: str | None = None
    until: str | None = None
    source: str | None = None  # part of the site's name, any case
    lang: str | None = None
    limit: int | None = None


def list_articles(index: Index, f: ArticleFilters) -> Iterator[dict[str, Any]]:
    """Ingested articles, newest first (undated last), each record with `facts`: how many
    facts of the knowledge base it supports; read as the caller takes them (the store walks
    its articles newest first, so the first ten of a million cost ten).

    Example: list(list_articles(index, ArticleFilters(since="2024", lang="ru", limit=10)))
    """
    found = (a for a in index.newest(f.since, f.until, f.lang)
             if not f.source or fold(f.source) in fold(a.get("source") or ""))
    for art in itertools.islice(found, f.limit):
        yield {**art, "facts": index.facts_in(art["id"])}


def date_span(value: str) -> tuple[str, str] | None:
    """The first and last day a date fact's ISO value covers, or None when its year is unknown.

    Example: «2024» → ("2024-01-01", "2024-12-31"); «2024-03/2024-05» → ("2024-03-01", "2024-05-31").
    """
    if value.startswith("X"):
        return None
    lo, _, hi = value.partition("/")
    return _start_of(lo), _last_day_of(hi or lo)


def _start_of(value: str) -> str:
    """The first day a partial ISO date covers: «2024-03» → «2024-03-01»."""
    return value + ("-01-01" if len(value) == 4 else "-01" if len(value) == 7 else "")


def _last_day_of(value: str) -> str:
    """The last real day a partial ISO date covers: «2024-02» → «2024-02-29»."""
    if len(value) == 7:
        year, month = int(value[:4]), int(value[5:])
        return f"{value}-{calendar.monthrange(year, month)[1]:02d}"
    return _end_of(value)
