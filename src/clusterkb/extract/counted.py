"""A count being read: the number, the words after it and, once settled, its unit and head.

Shared by the count extractor (`counts.py`) and each language's count grammar (`ru/counts.py`,
`en/counts.py`), which fill it in: «15 промышленных кластеров» → words [промышленных], noun
кластер, unit «промышленный кластер», head «кластер».
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .numbers import Number


@dataclass
class Count:
    """A number with the words after it: adjectives (pymorphy3 parses, or English words) and the
    head noun; unit and head are filled in once the noun phrase is settled; `shared` is the unit
    a coordinated or elided count takes from it («девять региональных и три межрегиональных
    кластера»: «промышленный кластер» less the first adjective)."""

    number: Number
    end: int
    words: list[Any] = field(default_factory=list)
    noun: Any = None
    unit: str | None = None
    head: str | None = None
    shared: str | None = None
