"""Merging per-article facts into knowledge-base facts: the same thing once, with all sources.

The result depends only on the set of articles (they are merged in id order), so any ingest
order gives the same facts and the same ids.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable

from . import gazetteer
from .facts import NAMED_KINDS, Fact, KBFact, Source
from .normalize import fold


@dataclass
class ArticleFacts:
    """One article's extraction as the merge needs it."""

    id: str
    path: str
    published: str | None
    facts: list[Fact]


def merge(articles: Iterable[ArticleFacts]) -> list[KBFact]:
    """Knowledge-base facts from per-article facts, deterministic in the set of articles."""
    items = [(a, f) for a in sorted(articles, key=lambda a: a.id) for f in a.facts]
    merged: list[KBFact] = []
    for kind in ("person", "organization", "location", "date", "count", "money"):
        group_of = _group_named if kind in NAMED_KINDS else _group_by_value
        groups = group_of(kind, [(a, f) for a, f in items if f.kind == kind])
        merged += [_kb_fact(kind, g) for g in groups]
    return sorted(merged, key=lambda f: (f.kind, f.id))


def value_key(fact: Fact) -> tuple:
    """What makes two numeric facts the same fact: the value and what it is a value of."""
    a = fact.attrs
    if fact.kind == "date":
        return (a.get("value"),)
    if fact.kind == "count":
        return (str(a.get("value")), a.get("unit"))
    return (str(a.get("amount")), a.get("currency"))


def name_keys(fact: Fact) -> set[str]:
    """Keys under which a named fact is found: its names, aliases and curated canonical name."""
    a = fact.attrs
    if fact.kind == "person":
        return {fold(a["name"])} if a.get("first") else set()
    forms = [f for f in [a.get("name") or "", *a.get("aliases", [])] if not _bare_type(f)]
    keys = {fold(f) for f in forms} | {gazetteer.strip_country(fold(f)) for f in forms if fact.kind == "organization"}
    if a.get("canonical"):
        keys.add("=" + fold(a["canonical"]))
    if fact.kind == "location":
        keys |= {"=" + fold(p) for f in forms if (p := gazetteer.place(f))}
    return keys - {""}


def _bare_type(form: str) -> bool:
    """«Ассоциация», «Фонд»: a short form that means one body inside its article only."""
    from .extract.spans import ORG_TYPES

    return fold(form) in ORG_TYPES


def _group_by_value(kind: str, items: list[tuple[ArticleFacts, Fact]]) -> list[list[tuple[ArticleFacts, Fact]]]:
    groups: dict[tuple, list] = {}
    for a, f in items:
        groups.setdefault(value_key(f), []).append((a, f))
    return list(groups.values())


def _group_named(kind: str, items: list[tuple[ArticleFacts, Fact]]) -> list[list[tuple[ArticleFacts, Fact]]]:
    """Union of facts sharing a key; a surname alone joins the one full name with that surname."""
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    for i, (_, f) in enumerate(items):
        for key in sorted(name_keys(f)):
            if key in owner:
                parent[find(i)] = find(owner[key])
            else:
                owner[key] = i
    if kind == "person":
        _join_surnames(items, find, parent)
    groups: dict[int, list] = {}
    for i, item in enumerate(items):
        groups.setdefault(find(i), []).append(item)
    return list(groups.values())


def _join_surnames(items, find, parent) -> None:
    by_surname: dict[str, set[int]] = {}
    for i, (_, f) in enumerate(items):
        if f.attrs.get("first"):
            by_surname.setdefault(fold(f.attrs.get("last") or ""), set()).add(find(i))
    for i, (_, f) in enumerate(items):
        if not f.attrs.get("first"):
            roots = {find(r) for r in by_surname.get(fold(f.attrs.get("last") or ""), set())}
            if len(roots) == 1:
                parent[find(i)] = roots.pop()


def _kb_fact(kind: str, group: list[tuple[ArticleFacts, Fact]]) -> KBFact:
    sources: dict[str, Source] = {}
    for a, f in group:
        src = sources.setdefault(a.id, Source(a.id, a.path, []))
        src.mentions += [m for m in f.mentions if m not in src.mentions]
    attrs = _attrs(kind, [f for _, f in group], [a for a, _ in group])
    ident = attrs.get("name") if kind in NAMED_KINDS else "|".join(map(str, value_key(Fact(kind, attrs))))
    fid = kind[:3] + "-" + hashlib.sha1(f"{kind}|{fold(str(ident))}".encode()).hexdigest()[:12]
    return KBFact(fid, kind, attrs, sorted(sources.values(), key=lambda s: s.article))


def _attrs(kind: str, facts: list[Fact], articles: list[ArticleFacts]) -> dict[str, Any]:
    if kind not in NAMED_KINDS:
        attrs = dict(facts[0].attrs)
        if "approximate" in attrs:
            attrs["approximate"] = all(f.attrs.get("approximate") for f in facts)
        if "context" in attrs:
            attrs["context"] = {k: sorted({n for f in facts for n in f.attrs.get("context", {}).get(k, [])})
                                for k in ("organizations", "locations")}
        return attrs
    names = Counter(f.attrs["name"] for f in facts)
    full = [f for f in facts if kind != "person" or f.attrs.get("first")] or facts
    best = max(full, key=lambda f: (names[f.attrs["name"]], len(f.attrs["name"]), f.attrs["name"]))
    attrs = dict(best.attrs)
    forms = {fold(attrs["name"])}
    aliases = []
    for f in facts:
        for form in [f.attrs["name"], *f.attrs.get("aliases", [])]:
            if fold(form) not in forms:
                forms.add(fold(form))
                aliases.append(form)
    attrs["aliases"] = sorted(aliases)
    if kind == "person":
        attrs["roles"] = _roles(facts, articles)
        if not attrs.get("position"):
            first = next((r for r in attrs["roles"]), None)
            attrs["position"] = first["position"] if first else None
            attrs["organization"] = first["organization"] if first else None
    return attrs


def _roles(facts: list[Fact], articles: list[ArticleFacts]) -> list[dict[str, Any]]:
    """Every role a person is given, with the articles (and their dates) that give it."""
    roles: dict[tuple, dict[str, Any]] = {}
    for f, a in zip(facts, articles):
        for r in f.attrs.get("roles", []):
            role = roles.setdefault((fold(r["position"] or ""), fold(r["organization"] or "")),
                                    {"position": r["position"], "organization": r["organization"], "sources": []})
            if a.id not in [s["article"] for s in role["sources"]]:
                role["sources"].append({"article": a.id, "published": a.published})
    return sorted(roles.values(), key=lambda r: (min((s["published"] or "9999") for s in r["sources"]), r["position"] or ""))
