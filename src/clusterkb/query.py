"""Filters and lookups over the knowledge base's facts (plain JSON dicts, as stored).

Name matching needs no dictionary, so queries start fast: words are compared by a crude
stem (case endings cut), which lets «Лабудина» find «Михаил Лабудин».
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from .facts import NAMED_KINDS

if TYPE_CHECKING:
    from .index import Index

_ENDINGS = sorted("ами ями ого его ому ему ыми ими ая яя ой ей ую юю ое ее ые ие ых их ым им "
                  "ом ем ам ям ах ях ов ев ий ый а я ы и у ю е о ь s es".split(), key=len, reverse=True)
_WORD = re.compile(r"[\w&]+")


def fold_text(text: str) -> str:
    return text.lower().replace("ё", "е")


def stem(word: str) -> str:
    """Cut a case ending so inflected forms compare equal: «лабудина» → «лабудин»."""
    if len(word) > 3:
        for e in _ENDINGS:
            if word.endswith(e) and len(word) - len(e) >= 3:
                return word[: -len(e)]
    return word


def stems(text: str) -> list[str]:
    return [stem(w) for w in _WORD.findall(fold_text(text))]


def latin_stems(text: str) -> list[str]:
    """The stems spelt in Latin, one key for either script: «Лабудина», «Labudin» → «labudin»."""
    from .translit import latin_key

    return [latin_key(s) for s in stems(text)]


def names_of(fact: dict[str, Any]) -> list[str]:
    """Every name a fact answers to: normal form, aliases and (for organisations) canonical."""
    out = [fact.get("name") or "", *fact.get("aliases", [])]
    if fact.get("canonical"):
        out.append(fact["canonical"])
    return [n for n in out if n]


def name_matches(query: str, fact: dict[str, Any]) -> bool:
    """Case-, ё-, inflection- and script-insensitive: every query word matches a word of one
    name, as written or spelt in Latin («Лабудина» matches «Mikhail Labudin»)."""
    for stems_of in (stems, latin_stems):
        q = stems_of(query)
        for name in names_of(fact) if q else ():
            words = stems_of(name)
            if all(any(w == s or (len(s) >= 4 and w.startswith(s)) for w in words) for s in q):
                return True
    return False


def label(fact: dict[str, Any]) -> str:
    """A fact in a few words: its name, or its value with the unit."""
    kind = fact["kind"]
    if kind in NAMED_KINDS:
        return fact.get("name", "")
    if kind == "date":
        return str(fact.get("value"))
    if kind == "count":
        return f"{fact.get('value')} {fact.get('unit', '')}".strip()
    return f"{fact.get('amount')} {fact.get('currency', '')}".strip()


@dataclass
class Filters:
    kind: str | None = None
    name: str | None = None
    location: str | None = None
    org: str | None = None
    article: str | None = None
    since: str | None = None
    until: str | None = None
    limit: int | None = None


def query(index: Index, f: Filters) -> list[dict[str, Any]]:
    """Facts that pass every filter given, in the knowledge base's order. The index narrows
    the candidates; the filters below decide."""
    if f.name:
        selected: Iterable[dict[str, Any]] = (x for x in index.by_name(f.name, f.kind) if name_matches(f.name, x))
    elif f.kind and f.kind not in NAMED_KINDS and (f.location or f.org):
        selected = index.by_context(f.location or f.org or "", f.kind)
    else:
        selected = index.facts(f.kind)
    if f.article:
        selected = (x for x in selected if _in_article(x, f.article))
    if f.location:
        selected = _related(selected, index, "location", f.location)
    if f.org:
        selected = _related(selected, index, "organization", f.org)
    if f.since or f.until:
        articles = index.articles()
        selected = (x for x in selected if _in_period(x, articles, f.since, f.until))
    out = []
    for x in selected:
        out.append(x)
        if f.limit is not None and len(out) >= f.limit:
            break
    return out


def find_entity(index: Index, name: str) -> list[dict[str, Any]]:
    """Named facts answering to `name`, exact normal forms first, then most sources."""
    hits = [x for x in index.by_name(name) if x["kind"] in NAMED_KINDS and name_matches(name, x)]
    exact = fold_text(name)
    return sorted(hits, key=lambda x: (fold_text(x.get("name", "")) != exact, -len(x["sources"])))


def cooccurring(index: Index, fact: dict[str, Any]) -> list[tuple[dict[str, Any], int]]:
    """Named facts said in the same sentences as `fact`, with how many sentences they share."""
    sentences = _sentences(fact)
    out = []
    for other in index.in_articles(s["article"] for s in fact["sources"]):
        if other["id"] == fact["id"] or other["kind"] not in NAMED_KINDS:
            continue
        shared = _sentences(other) & sentences
        if shared:
            out.append((other, len(shared)))
    return sorted(out, key=lambda p: (-p[1], label(p[0])))


def numbers_of(index: Index, fact: dict[str, Any]) -> list[dict[str, Any]]:
    """Dates, counts and money whose context names this entity, oldest article first."""
    names = {fold_text(n) for n in names_of(fact)}
    found: dict[str, dict[str, Any]] = {}
    for name in names_of(fact):
        for x in index.by_context(name):
            ctx = x.get("context") or {}
            if x["kind"] not in NAMED_KINDS and any(fold_text(n) in names for n in
                                                    ctx.get("organizations", []) + ctx.get("locations", [])):
                found[x["id"]] = x
    articles = index.articles(s["article"] for x in found.values() for s in x["sources"])
    return sorted(found.values(), key=lambda x: (_first_published(x, articles), label(x)))


def _sentences(fact: dict[str, Any]) -> set[tuple[str, str]]:
    return {(s["article"], m["sentence"]) for s in fact["sources"] for m in s["mentions"]}


def _in_article(fact: dict[str, Any], needle: str) -> bool:
    return any(s["article"].startswith(needle) or needle in s.get("path", "") for s in fact["sources"])


def _related(selected: Iterable[dict], index: Index, kind: str, name: str) -> Iterator[dict]:
    """Facts tied to a place or organisation: numbers by their context, named facts by
    sharing a sentence with it (or, for people, by their role's organisation), and the place
    or organisation itself."""
    targets = [x for x in index.by_name(name, kind) if name_matches(name, x)]
    target_ids = {t["id"] for t in targets}
    target_names = {fold_text(n) for t in targets for n in names_of(t)}
    sentences = set().union(*(_sentences(t) for t in targets)) if targets else set()
    key = "locations" if kind == "location" else "organizations"
    for x in selected:
        if x["id"] in target_ids:
            yield x
        elif x["kind"] not in NAMED_KINDS:
            if any(fold_text(n) in target_names or name_matches(name, {"name": n})
                   for n in (x.get("context") or {}).get(key, [])):
                yield x
        elif (kind == "organization" and x.get("organization") and name_matches(name, {"name": x["organization"]})) \
                or _sentences(x) & sentences:
            yield x


def _in_period(fact: dict[str, Any], articles: dict[str, dict], since: str | None, until: str | None) -> bool:
    """Dates by their own value (a range or year overlapping the period counts); everything
    else by the publication date of its articles."""
    if fact["kind"] == "date":
        value = str(fact.get("value", ""))
        if value.startswith("X"):
            return False
        lo, _, hi = value.partition("/")
        return (not since or _end_of(hi or lo) >= since) and (not until or lo[: len(until)] <= until)
    dates = [articles.get(s["article"], {}).get("published") for s in fact["sources"]]
    dates = [d for d in dates if d]
    return bool(dates) and any((not since or d >= since) and (not until or d[: len(until)] <= until) for d in dates)


def _end_of(value: str) -> str:
    """The last day a partial ISO date covers, for comparing with a full date."""
    if len(value) == 4:
        return value + "-12-31"
    if len(value) == 7:
        return value + "-31"
    return value


def _first_published(fact: dict[str, Any], articles: dict[str, dict]) -> str:
    dates = [articles.get(s["article"], {}).get("published") or "9999" for s in fact["sources"]]
    return min(dates) if dates else "9999"


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
    import calendar

    if len(value) == 7:
        year, month = int(value[:4]), int(value[5:])
        return f"{value}-{calendar.monthrange(year, month)[1]:02d}"
    return _end_of(value)
