"""Small SQL helpers the store shares: `IN (…)` lists in chunks SQLite accepts, compact JSON."""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

CHUNK = 500  # well under SQLite's limit of host parameters per statement


def chunks(values: Iterable) -> Iterator[list]:
    """[1..1200] → [1..500], [501..1000], [1001..1200]: each one `IN (…)` list."""
    values = list(values)
    for i in range(0, len(values), CHUNK):
        yield values[i:i + CHUNK]


def marks(values: Iterable) -> str:
    """'?,?,?' for three values."""
    return ",".join("?" * len(list(values)))


def dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
