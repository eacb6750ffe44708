"""What an entity the analyst's judgements shape keeps of how it was grouped, so that a new fact
can join it without its members being read again (incremental.py; `merge()` needs none of it).

Such an entity is made of *automatic groups* — what `group_named` makes before the judgements
apply — joined by merges, or of pieces of them that splits cut. Its record keeps the sides of
judgements its facts are on (`labels`: its judged reasons follow from them) and, for each
automatic group it holds a piece of, a `Part`: that piece's scope keys, the whole group's
signature, category and number of pieces, and whether the piece is the group's remainder, the
one a fact that no judgement anchors stays in once the splits have cut the group
(`Judgements.remainder`). A group is named by its first member's order when it was grouped:
the same name in every entity holding a piece of it.

Why a record is enough: a new fact no judgement anchors, whose keys fall in one automatic group
that shares no key with any other, agreeing with the group's signature and category and joined
to it by a name key, is in that group when all is grouped again (and changes no other group);
the splits then leave it with the group's remainder and the merges join that remainder where
they joined it before. So it joins the entity holding the remainder, as a one-shot `merge()`
would have it, and that entity's judged reasons stay the same.

Example: a merge of «Амурская область» (a group of 30,000 facts) with «Приамурье» (3 facts) is
one entity of two parts; a new «Амурская область» falls in the first and joins the entity.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from . import Item, category, joined_signature, scope_keys, signature
from .judgements import Judgements, Label


@dataclass
class Part:
    """An entity's piece of one automatic group."""

    keys: set[str]                       # the scope keys of the piece's facts
    signature: frozenset[str] | None     # the whole group's
    category: frozenset[str] | None      # the whole group's
    rest: bool                           # the piece a fact no judgement anchors stays in
    pieces: int                          # how many entities hold a piece of the group

    def agrees(self, items: Iterable[Item]) -> bool:
        """Whether these facts' signatures and categories are the group's or unknown, so that
        joining the group changes neither."""
        return all(signature(i.fact) in (None, self.signature) and category(i.fact) in (None, self.category)
                   for i in items)

    def to_json(self) -> dict[str, Any]:
        return {"keys": sorted(self.keys), "signature": _listed(self.signature), "category": _listed(self.category),
                "rest": self.rest, "pieces": self.pieces}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Part:
        return cls(set(d["keys"]), frozen(d["signature"]), frozen(d["category"]), d["rest"], d["pieces"])


@dataclass
class Record:
    """A judged entity's record: the judgement sides it holds and its parts by group name.

    Example: Record(frozenset({(1, 0), (1, 1)}), {"0a…:000003": Part({"амурская область", …},
    None, None, True, 1), "7f…:000001": Part({"приамурье", …}, None, None, True, 1)})"""

    labels: frozenset[Label]
    parts: dict[str, Part]

    def meets(self, keys: set[str]) -> set[str]:
        """The groups of the parts these keys meet."""
        return {group for group, part in self.parts.items() if part.keys & keys}

    def isolates(self, group: str) -> bool:
        """Whether this entity holds a piece of `group` sharing no key with its other parts."""
        if group not in self.parts:
            return False
        return not any(self.parts[group].keys & part.keys for g, part in self.parts.items() if g != group)

    def grown(self, group: str, items: Iterable[Item]) -> Record:
        """The record once these facts (agreeing, see `Part.agrees`) join the piece of `group`."""
        part = self.parts[group]
        keys = part.keys.union(*(scope_keys(i.fact) for i in items))
        return Record(self.labels, {**self.parts, group: Part(keys, part.signature, part.category, part.rest,
                                                              part.pieces)})

    def to_json(self) -> dict[str, Any]:
        return {"labels": sorted([j, side] for j, side in self.labels),
                "parts": {group: part.to_json() for group, part in sorted(self.parts.items())}}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Record:
        return cls(frozenset((j, side) for j, side in d["labels"]),
                   {group: Part.from_json(p) for group, p in d["parts"].items()})


def records(automatic: list[list[Item]], final: list[list[Item]], judgements: Judgements) -> list[Record | None]:
    """The record of each group of `final` (`judgements.apply(automatic)`); None for a group
    holding no fact a judgement anchors, which is one whole automatic group and needs none."""
    out: list[Record | None] = [None] * len(final)
    if not judgements:
        return out
    group_of = {item.order: group[0].order for group in automatic for item in group}
    whole = {group[0].order: group for group in automatic}
    cut = Counter(name for members in final for name in {group_of[item.order] for item in members})
    for k, members in enumerate(final):
        labels = judgements.held(members)
        if not labels:
            continue
        pieces: dict[str, list[Item]] = {}
        for item in members:
            pieces.setdefault(group_of[item.order], []).append(item)
        orders = {item.order for item in members}
        out[k] = Record(labels, {name: _part(piece, whole[name], judgements.remainder(whole[name])[0].order in orders,
                                             cut[name]) for name, piece in pieces.items()})
    return out


def _part(piece: list[Item], group: list[Item], rest: bool, pieces: int) -> Part:
    sig: frozenset[str] | None = None
    cat: frozenset[str] | None = None
    for item in group:
        sig, cat = joined_signature(sig, signature(item.fact)), joined_signature(cat, category(item.fact))
    return Part(set().union(*(scope_keys(item.fact) for item in piece)), sig, cat, rest, pieces)


def _listed(labels: frozenset[str] | None) -> list[str] | None:
    return sorted(labels) if labels is not None else None


def frozen(labels: list[str] | None) -> frozenset[str] | None:
    """A signature or category as stored (a sorted list, or None) → as compared."""
    return frozenset(labels) if labels is not None else None
