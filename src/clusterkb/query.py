"""Filters and lookups over the knowledge base's facts (plain JSON dicts, as stored).

Name matching needs no dictionary, so queries start fast: words are compared by a crude
stem (case endings cut, `stems.py`), which lets «Лабудина» find «Михаил Лабудин».
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from .kinds import KINDS, NAMED_KINDS, label
from .lang.normalize import fold
from .lang.stems import name_matches, names_of, stem, words

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


def query(index: Index, f: Filters) -> list[dict[str, Any]]:
    """Facts that pass every filter given, in the knowledge base's order. The index narrows
    the candidates; the filters below decide. Sources are cut to `f.sources` articles (with
    the fact's totals) unless a filter needs them whole."""
    alone = not (f.article or f.location or f.org or f.since or f.until or f.undated == "only")
    numbers_by_place = f.kind not in (None, *NAMED_KINDS) and not (f.article or f.since or f.until or f.undated == "only")
    cap = f.sources if alone or numbers_by_place else None  # a number's place is in its context, not its sources
    if f.name:
        selected: Iterable[dict[str, Any]] = (x for x in index.by_name(f.name, f.kind, cap) if name_matches(f.name, x))
    elif f.text:
        selected = index.by_text(f.text, f.kind, f.limit if alone else None, cap)
    elif f.kind and f.kind not in NAMED_KINDS and (f.location or f.org):
        selected = index.by_context(f.location or f.org or "", f.kind, cap)
    else:
        selected = index.facts(f.kind, cap)
    if f.text and f.name:
        said = {x["id"] for x in index.by_text(f.text, f.kind, sources=0)}
        selected = (x for x in selected if x["id"] in said)
    if f.article:
        selected = (x for x in selected if _in_article(x, f.article))
    if f.location:
        selected = _related(selected, index, "location", f.location)
    if f.org:
        selected = _related(selected, index, "organization", f.org)
    if f.since or f.until or f.undated == "only":
        articles = index.articles()
        selected = (x for x in selected if _period_keeps(x, articles, f))
    out = []
    for x in selected:
        out.append(x)
        if f.limit is not None and len(out) >= f.limit:
            break
    return out


def undated_left_out(index: Index, f: Filters) -> int:
    """How many facts passing the other filters a period (--since/--until) leaves out for
    having no date: no dated article, or (a date fact) no year.

    Example: `query --since 2024` on articles without a publication date leaves them all out.
    """
    if not (f.since or f.until) or f.undated != "exclude":
        return 0
    return len(query(index, replace(f, undated="only", limit=None)))


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


def numbers_of(index: Index, fact: dict[str, Any]) -> list[dict[str, Any]]:
    """Dates, counts and money whose context names this entity, oldest article first (for an
    entity said everywhere, those of the first candidates the store finds)."""
    names = {fold(n) for n in names_of(fact)}
    found: dict[str, dict[str, Any]] = {}
    for x in index.numbers_about(names_of(fact)):
        ctx = x.get("context") or {}
        if any(fold(n) in names for n in ctx.get("organizations", []) + ctx.get("locations", [])):
            found[x["id"]] = x
    articles = index.articles(s["article"] for x in found.values() for s in x["sources"])
    return sorted(found.values(), key=lambda x: (_first_published(x, articles), label(x)))


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
    said_about = numbers_of(index, fact)[:numbers]
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


def _sentences(fact: dict[str, Any]) -> set[tuple[str, str]]:
    return {(s["article"], m["sentence"]) for s in fact["sources"] for m in s["mentions"]}


def _in_article(fact: dict[str, Any], needle: str) -> bool:
    return any(s["article"].startswith(needle) or needle in s.get("path", "") for s in fact["sources"])


def _related(selected: Iterable[dict], index: Index, kind: str, name: str) -> Iterator[dict]:
    """Facts tied to a place or organisation: numbers by their context, named facts by
    sharing a sentence with it (or, for people, by their role's organisation), and the place
    or organisation itself."""
    targets = [x for x in index.by_name(name, kind, sources=0) if name_matches(name, x)]
    target_ids = {t["id"] for t in targets}
    target_names = {fold(n) for t in targets for n in names_of(t)}
    key = "locations" if kind == "location" else "organizations"
    sentences: set[tuple[str, str]] | None = None  # read only when a named fact needs them
    for x in selected:
        if sentences is None and x["kind"] in NAMED_KINDS and x["id"] not in target_ids:
            sentences = set().union(set(), *(_sentences(index.fact(t["id"])) for t in targets))
        if x["id"] in target_ids:
            yield x
        elif x["kind"] not in NAMED_KINDS:
            if any(fold(n) in target_names or name_matches(name, {"name": n})
                   for n in (x.get("context") or {}).get(key, [])):
                yield x
        elif (kind == "organization" and x.get("organization") and name_matches(name, {"name": x["organization"]})) \
                or _sentences(x) & (sentences or set()):
            yield x


def _period_keeps(fact: dict[str, Any], articles: dict[str, dict], f: Filters) -> bool:
    if not _is_dated(fact, articles):
        return f.undated != "exclude"
    return f.undated != "only" and _in_period(fact, articles, f.since, f.until)


def _is_dated(fact: dict[str, Any], articles: dict[str, dict]) -> bool:
    """A date fact with its year, or any other fact said in an article with a publication date."""
    if fact["kind"] == "date":
        return not str(fact.get("value", "X")).startswith("X")
    return any(articles.get(s["article"], {}).get("published") for s in fact["sources"])


def _in_period(fact: dict[str, Any], articles: dict[str, dict], since: str | None, until: str | None) -> bool:
    """Dates by their own value (a range or year overlapping the period counts); everything
    else by the publication date of its articles."""
    if fact["kind"] == "date":
        lo, _, hi = str(fact.get("value", "")).partition("/")
        return (not since or _end_of(hi or lo) >= since) and (not until or lo[: len(until)] <= until)
    dates = [articles.get(s["article"], {}).get("published") for s in fact["sources"]]
    return any(d and _within(d, since, until) for d in dates)


def _within(published: str, since: str | None, until: str | None) -> bool:
    """An ISO publication date in a period given as YYYY, YYYY-MM or YYYY-MM-DD (ends included)."""
    return (not since or published >= since) and (not until or published[: len(until)] <= until)


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


def _first_published(fact: dict[str, Any], articles: dict[str, dict]) -> str:
    first = first_source(fact, articles)
    return _published(first, articles) if first else "9999"


@dataclass
class ArticleFilters:
    since: str | None = None
    until: str | None = None
    source: str | None = None  # part of the site's name, any case
    lang: str | None = None
    limit: int | None = None


def list_articles(index: Index, f: ArticleFilters) -> list[dict[str, Any]]:
    """Ingested articles, newest first (undated last), each record with `facts`: how many
    facts of the knowledge base it supports.

    Example: list_articles(index, ArticleFilters(since="2024", lang="ru", limit=10))
    """
    counts = index.facts_per_article()
    ordered = sorted(index.articles().values(), key=lambda a: (a.get("published") or "", a.get("path") or ""),
                     reverse=True)
    out = []
    for art in ordered:
        if f.limit is not None and len(out) >= f.limit:
            break
        if _article_passes(art, f):
            out.append({**art, "facts": counts.get(art["id"], 0)})
    return out


def _article_passes(art: dict[str, Any], f: ArticleFilters) -> bool:
    published = art.get("published") or ""
    if (f.since or f.until) and not (published and _within(published, f.since, f.until)):
        return False
    return ((not f.source or fold(f.source) in fold(art.get("source") or ""))
            and (not f.lang or art.get("lang") == f.lang))


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
