"""The languages the extractors read: one entry each, naming the modules that know the language.

Language-neutral code (`dates.py`, `counts.py`, `money.py`, the pipeline in `__init__.py`) asks
`language(article.lang)` for the grammar it needs instead of testing the language itself, so a
new language is one entry here plus its modules (`extract/<code>/`: names, dates, counts, money,
each with the names the entries below use) and its number words (`data/number_words.json`).

    language("en").name → "English";  language("en").dates.MONTHS → the English month pattern
"""
from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType

from .en import counts as en_counts, dates as en_dates, money as en_money, names as en_names
from .ru import counts as ru_counts, dates as ru_dates, money as ru_money, names as ru_names


@dataclass(frozen=True)
class Language:
    """A language's extractors: `names.extract_names(doc)` → people, organisations, places;
    `dates`: MONTHS, WEEKDAYS, PATTERNS, clause_tense(text, events_only); `counts`: UNITS, TOPIC,
    read_words, settle, unit, is_name, is_part_of, noun_before, noun_of_clause, is_circumstance; `money`:
    NOUN_SUM_HINT, sum_by_noun, starts_noun_phrase."""

    name: str
    names: ModuleType
    dates: ModuleType
    counts: ModuleType
    money: ModuleType


LANGUAGES = {
    "ru": Language("Russian", ru_names, ru_dates, ru_counts, ru_money),
    "en": Language("English", en_names, en_dates, en_counts, en_money),
}
_FALLBACK = "ru"  # the grammar for text of no language read (a Latin word in Russian news, a test's "xx")


def language(code: str) -> Language:
    """The extractors of a language by its code; Russian's for a code not read."""
    return LANGUAGES.get(code) or LANGUAGES[_FALLBACK]
