"""Filters and lookups over the knowledge base's facts (plain JSON dicts, as stored).

Name matching needs no dictionary, so queries start fast: words are compared by a crude
stem (case endings cut), which lets «Лабудина» find «Михаил Лабудин».
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, Iterator

from .facts import NAMED_KINDS

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


def names_of(fact: dict[str, Any]) -> list[str]:
    """Every name a fact answers to: normal form, aliases and (for organisations) canonical."""
    out = [fact.get("name") or "", *fact.get("aliases", [])]
    if fact.get("canonical"):
        out.append(fact["canonical"])
    return [n for n in out if n]


def name_matches(query: str, fact: dict[str, Any]) -> bool:
    """Case-, ё- and inflection-insensitive: every query word matches a word of one name."""
    q = stems(query)
    if not q:
        return False
    for name in names_of(fact):
        words = stems(name)
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


def query(facts: list[dict[str, Any]], articles: dict[str, dict[str, Any]], f: Filters) -> list[dict[str, Any]]:
    """Facts that pass every filter given, in the knowledge base's order."""
    selected: Iterable[dict[str, Any]] = facts
    if f.kind:
        selected = (x for x in selected if x["kind"] == f.kind)
    if f.name:
        selected = (x for x in selected if name_matches(f.name, x))
    if f.article:
        selected = (x for x in selected if _in_article(x, f.article, articles))
    if f.location:
        selected = _related(selected, facts, "location", f.location)
    if f.org:
        selected = _related(selected, facts, "organization", f.org)
    if f.since or f.until:
        selected = (x for x in selected if _in_period(x, articles, f.since, f.until))
    out = []
    for x in selected:
        out.append(x)
        if f.limit is not None and len(out) >= f.limit:
            break
    return out


def find_entity(facts: list[dict[str, Any]], name: str) -> list[dict[str, Any]]:
    """Named facts answering to `name`, exact normal forms first, then most sources."""
    hits = [x for x in facts if x["kind"] in NAMED_KINDS and name_matches(name, x)]
    exact = fold_text(name)
    return sorted(hits, key=lambda x: (fold_text(x.get("name", "")) != exact, -len(x["sources"])))


def cooccurring(facts: list[dict[str, Any]], fact: dict[str, Any]) -> list[tuple[dict[str, Any], int]]:
    """Named facts said in the same sentences as `fact`, with how many sentences they share."""
    sentences = {(s["article"], m["sentence"]) for s in fact["sources"] for m in s["mentions"]}
    out = []
    for other in facts:
        if other is fact or other["kind"] not in NAMED_KINDS:
            continue
        shared = {(s["article"], m["sentence"]) for s in other["sources"] for m in s["mentions"]} & sentences
        if shared:
            out.append((other, len(shared)))
    return sorted(out, key=lambda p: (-p[1], label(p[0])))


def numbers_of(facts: list[dict[str, Any]], fact: dict[str, Any], articles: dict[str, dict]) -> list[dict[str, Any]]:
    """Dates, counts and money whose context names this entity, oldest article first."""
    names = {fold_text(n) for n in names_of(fact)}
    out = []
    for x in facts:
        ctx = x.get("context") or {}
        if any(fold_text(n) in names for n in ctx.get("organizations", []) + ctx.get("locations", [])):
            out.append(x)
    return sorted(out, key=lambda x: (_first_published(x, articles), label(x)))


def _in_article(fact: dict[str, Any], needle: str, articles: dict[str, dict]) -> bool:
    return any(s["article"].startswith(needle) or needle in s.get("path", "") for s in fact["sources"])


def _related(selected: Iterable[dict], facts: list[dict], kind: str, name: str) -> Iterator[dict]:
    """Facts tied to a place or organisation: numbers by their context, named facts by
    sharing a sentence with it, and the place or organisation itself."""
    targets = [x for x in facts if x["kind"] == kind and name_matches(name, x)]
    target_names = {fold_text(n) for t in targets for n in names_of(t)}
    sentences = {(s["article"], m["sentence"]) for t in targets for s in t["sources"] for m in s["mentions"]}
    key = "locations" if kind == "location" else "organizations"
    for x in selected:
        if x in targets:
            yield x
        elif x["kind"] not in NAMED_KINDS:
            if any(fold_text(n) in target_names or name_matches(name, {"name": n})
                   for n in (x.get("context") or {}).get(key, [])):
                yield x
        elif (x.get("organization") and kind == "organization" and name_matches(name, {"name": x["organization"]})) \
                or any((s["article"], m["sentence"]) in sentences for s in x["sources"] for m in s["mentions"]):
            yield x


def _in_period(fact: dict[str, Any], articles: dict[str, dict], since: str | None, until: str | None) -> bool:
    """Dates by their own value (a range or year overlapping the period counts); everything
    else by the publication date of its articles."""
    if fact["kind"] == "date":
        value = str(fact.get("value", ""))
        if value.startswith("X"):
            return False
        lo, _, hi = value.partition("/")
        lo, hi = lo, (hi or lo)
        return (not since or _end_of(hi) >= since) and (not until or lo <= until)
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
