"""Filters and lookups over the knowledge base's facts (plain JSON dicts, as stored).

Name matching needs no dictionary, so queries start fast: words are compared by a crude
stem (case endings cut, `stems.py`), which lets «Лабудина» find «Михаил Лабудин».
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from .facts import NAMED_KINDS
from .normalize import fold
from .stems import name_matches, names_of

if TYPE_CHECKING:
    from .store import Index

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
    text: str | None = None
    since: str | None = None
    until: str | None = None
    limit: int | None = None


def query(index: Index, f: Filters) -> list[dict[str, Any]]:
    """Facts that pass every filter given, in the knowledge base's order. The index narrows
    the candidates; the filters below decide."""
    if f.name:
        selected: Iterable[dict[str, Any]] = (x for x in index.by_name(f.name, f.kind) if name_matches(f.name, x))
    elif f.text:
        selected = index.by_text(f.text, f.kind)
    elif f.kind and f.kind not in NAMED_KINDS and (f.location or f.org):
        selected = index.by_context(f.location or f.org or "", f.kind)
    else:
        selected = index.facts(f.kind)
    if f.text and f.name:
        found = {x["id"] for x in index.by_text(f.text, f.kind)}
        selected = (x for x in selected if x["id"] in found)
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
    exact = fold(name)
    return sorted(hits, key=lambda x: (fold(x.get("name", "")) != exact, -len(x["sources"])))


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
    names = {fold(n) for n in names_of(fact)}
    found: dict[str, dict[str, Any]] = {}
    for name in names_of(fact):
        for x in index.by_context(name):
            ctx = x.get("context") or {}
            if x["kind"] not in NAMED_KINDS and any(fold(n) in names for n in
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
    target_names = {fold(n) for t in targets for n in names_of(t)}
    sentences = set().union(*(_sentences(t) for t in targets)) if targets else set()
    key = "locations" if kind == "location" else "organizations"
    for x in selected:
        if x["id"] in target_ids:
            yield x
        elif x["kind"] not in NAMED_KINDS:
            if any(fold(n) in target_names or name_matches(name, {"name": n})
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
