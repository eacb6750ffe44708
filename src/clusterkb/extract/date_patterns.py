"""Pieces of date patterns every language's grammar (`ru/dates.py`, `en/dates.py`) shares.

    re.fullmatch(YEAR, "2024") → a match; re.fullmatch(YEAR, "1812") → None
"""
from __future__ import annotations

YEAR = r"(?:19|20)\d\d"  # a year news writes about: 1900–2099


def no_date_after(months: str) -> str:
    """A look-ahead that fails when a date («, 5 June», «, June») follows: a weekday named with
    its date is read with that date, not as a weekday of the publication week."""
    return rf"(?!,?\s*(?:\d|{months}))"
