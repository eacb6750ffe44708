"""The project's one calendar rule: which month a month name names, which century a two-digit
year is in, which weekday a weekday name is. Stamps and datelines (`read/metadata.py`) and the
dates of the body (`extract/dates.py`) both read them here, so «12.12.99» is 1999 in both.

    month_number("сент.") → 9;  full_year("99", 2024) → 1999;  weekday_number("среду") → 2;
    "июль" in calendar_lemmas() → True

The names are data (`data/calendar_names.json`).
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

from .tables import load


@lru_cache(maxsize=1)
def _month_prefixes() -> tuple[tuple[str, ...], ...]:
    """Per language, the twelve prefixes that name the months, January first."""
    return tuple(tuple(prefixes) for prefixes in load("calendar_names.json")["month_prefixes"].values())


def month_number(word: str) -> int | None:
    """The month (1–12) a month name or abbreviation names, Russian in any case or English:
    «мая», «Мае», «сент.», "Sept" → 5, 5, 9, 9; None for no month. Digits are read as written
    («07» → 7, «13» → 13: the caller checks the range, «13/05» may be day first)."""
    w = word.lower().rstrip(".")
    if w.isdigit():
        return int(w)
    return next((i + 1 for prefixes in _month_prefixes() for i, p in enumerate(prefixes) if w.startswith(p)), None)


def full_year(digits: str, ref_year: int | None = None) -> int:
    """A written year with its century: four digits as they are; two digits in the century that
    puts them at most a year after `ref_year` (today's year when None): «24» → 2024, «99» → 1999
    («05.03.24», «6 мая ‘24»)."""
    y = int(digits)
    if len(digits) != 2:
        return y
    ref = ref_year if ref_year is not None else dt.date.today().year
    return 1900 + y if y > ref % 100 + 1 else 2000 + y


def weekday_names(lang: str) -> tuple[str, ...]:
    """The weekdays as a date names them in `lang` («ru»: «в среду», «en»: "on Wednesday"),
    Monday first: weekday_names("ru")[2] → «среду»."""
    return tuple(load("calendar_names.json")["weekdays_in_dates"][lang])


def weekday_number(word: str) -> int | None:
    """The weekday (Monday 0) a weekday name names, Russian accusative or English, in any case:
    «среду», "WEDNESDAY" → 2; None for no weekday."""
    w = word.lower()
    names = load("calendar_names.json")["weekdays_in_dates"].values()
    return next((i for forms in names for i, name in enumerate(forms) if name.lower() == w), None)


def weekday_lemmas(lang: str) -> tuple[str, ...]:
    """The weekdays' dictionary forms in `lang`, Monday first: weekday_lemmas("ru")[2] → «среда»."""
    return tuple(load("calendar_names.json")["weekday_lemmas"][lang])


@lru_cache(maxsize=1)
def calendar_lemmas() -> frozenset[str]:
    """The Russian lemmas of the weekdays and the months («среда», «июль»): one of them alone is
    a date widget's word, never a person."""
    return frozenset(weekday_lemmas("ru")) | frozenset(load("calendar_names.json")["month_lemmas"])
