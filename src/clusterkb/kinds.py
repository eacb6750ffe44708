"""The kinds of fact. One entry each says how facts of that kind are resolved (by name, or by
the fields that make two numbers one), labelled, and laid out in a CSV column, so a new kind is
one entry here plus its extractor.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Kind:
    """«count»: resolved by value and unit, labelled «15 промышленный кластер», its value in the
    CSV column `count`, «около 15» makes it approximate."""

    name: str
    named: bool                          # resolved by name (people, organisations, places)
    identity: tuple[str, ...] = ()       # a number's fields that make two facts one
    column: str | None = None            # the CSV column a number's value goes to
    value: str | None = None             # the field that column takes
    approximate: bool = False            # whether «около», «более» can qualify it
    same: str = ""                       # how a reason says two are one

    @property
    def label_fields(self) -> tuple[str, ...]:
        return ("name",) if self.named else self.identity


REGISTRY = {k.name: k for k in (
    Kind("person", named=True),
    Kind("organization", named=True),
    Kind("location", named=True),
    Kind("date", named=False, identity=("value",), column="date", value="value", same="same date"),
    Kind("count", named=False, identity=("value", "unit"), column="count", value="value", approximate=True,
         same="same value and unit"),
    Kind("money", named=False, identity=("amount", "currency"), column="amount", value="amount", approximate=True,
         same="same value and unit"),
)}
KINDS = tuple(REGISTRY)
NAMED_KINDS = tuple(k.name for k in REGISTRY.values() if k.named)
VALUE_KINDS = tuple(k.name for k in REGISTRY.values() if not k.named)


def kind_of(name: str) -> Kind:
    """The kind called `name`; a name no entry has is a clear error, never a guess."""
    try:
        return REGISTRY[name]
    except KeyError:
        raise ValueError(f"unknown kind of fact {name!r} (known: {', '.join(KINDS)})") from None


def label(fact: dict[str, Any]) -> str:
    """A fact in a few words: its name, or its value with the unit («15 промышленный кластер»)."""
    parts = [fact.get(f) for f in kind_of(fact["kind"]).label_fields]
    return " ".join(str(p) for p in parts if p not in (None, ""))
