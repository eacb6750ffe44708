"""The curated JSON tables in `clusterkb/data`, read once. The lowest layer: it imports nothing
of the project, so the normal-form helpers and the gazetteer above them can both use it.

    load("name_particles.json")["particles"]  → ["де", "фон", …]
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    """One table of `clusterkb/data` as parsed JSON."""
    return json.loads(resources.files("clusterkb.data").joinpath(name).read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def words(name: str, key: str) -> frozenset[str]:
    """One list of a table as a set, for membership tests:
    words("legal_forms.json", "forms") → frozenset({"ООО", "АО", …})."""
    return frozenset(load(name)[key])
