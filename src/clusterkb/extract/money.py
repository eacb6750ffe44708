"""Sums of money: a number (with its scale word) and a currency sign, code or word around it.

«3,6 млрд рублей» → 3600000000 RUB, «$5 млн» → 5000000 USD, «RUB 3.6 billion». The mention
span runs from a leading currency sign or code to a trailing currency word; a hedge before the
number («порядка», «более», «up to») marks the sum approximate and stays outside the span.
"""
from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from ..facts import Fact
from .document import Document, Sentence
from .numbers import collect, find_numbers, is_approximate, tidy

_CODES = "RUB|RUR|USD|EUR|CNY|KZT|BYN|GBP|JPY|UAH|KGS|UZS|INR|AMD"
_AFTER = [(re.compile(p, re.IGNORECASE), code) for p, code in (
    (r"белорусск[а-я]*\s+рубл[а-я]*", "BYN"),
    (r"(?:российск[а-я]*\s+)?(?:рубл[а-яё]*|руб\b\.?|р\.|₽)", "RUB"),
    (r"(?:roubles?|rubles?)\b", "RUB"),
    (r"(?:долл(?:ар[а-я]*|\.)(?:\s+США)?|\$)", "USD"),
    (r"(?:US\s+)?dollars?\b", "USD"),
    (r"(?:евро|euros?\b|€)", "EUR"),
    (r"(?:юан[а-я]*|yuan\b|¥)", "CNY"),
    (r"(?:тенге|tenge\b|₸)", "KZT"),
    (r"(?:фунт[а-я]*\s+стерлинг[а-я]*|pounds?\s+sterling\b|£)", "GBP"),
    (r"(?:гривн[а-я]*|гривен|₴)", "UAH"),
    (r"сом(?:а|ов)?(?![а-я])", "KGS"),
    (r"сум(?:а|ов)?(?![а-я])", "UZS"),
    (rf"(?:{_CODES})\b", ""),
)]
_BEFORE = re.compile(rf"(?:(US\$|\$|€|£|¥|₽|₸)|\b({_CODES}))\s?$")
_SYMBOLS = {"US$": "USD", "$": "USD", "€": "EUR", "£": "GBP", "¥": "CNY", "₽": "RUB", "₸": "KZT"}
_SHORT_SCALE = re.compile(r"(m|mn|k)\b")
_HINT = re.compile(rf"руб|\bр\.|₽|долл|\$|евро|€|юан|тенге|фунт|гривн|сом|сум|£|¥|₸|₴|rubl|roubl|dollar"
                   rf"|euro|yuan|tenge|pound|{_CODES.lower()}")  # on lower-cased text: fast


def _code(found: str, pattern_code: str) -> str:
    """ISO code for a matched currency: the pattern's, or the code as written (RUR → RUB)."""
    if pattern_code:
        return pattern_code
    return "RUB" if found.upper() == "RUR" else found.upper()


def _currency_after(text: str, pos: int) -> tuple[str, int] | None:
    """(ISO code, end) of a currency word or sign right after offset pos, if any."""
    gap = len(text) - len(text[pos:].lstrip(" \u00a0\u202f")) if pos < len(text) else pos
    if gap - pos > 1:
        return None
    for pattern, code in _AFTER:
        m = pattern.match(text, gap)
        if m:
            return _code(m.group(), code), m.end()
    return None


def _matches(doc: Document) -> list[tuple[Decimal, str, bool, int, int]]:
    """(amount, currency, approximate, start, end) of every sum of money in the document."""
    return [m for sentence in doc.sentences for m in _sentence_money(sentence, doc.lang)]


@lru_cache(maxsize=2048)
def _sentence_money(sentence: Sentence, lang: str) -> tuple[tuple[Decimal, str, bool, int, int], ...]:
    """The sums of one sentence; cached, as the count extractor asks for them too."""
    text, found = sentence.text, []
    if not _HINT.search(text.lower()):
        return ()
    for n in find_numbers(text, lang):
        start, end, amount = n.start, n.end, n.value
        before = _BEFORE.search(text, max(0, n.start - 4), n.start)
        if before:
            start = before.start()
            short = _SHORT_SCALE.match(text, end)
            if short and not n.spelled:
                amount, end = tidy(amount * (1000 if short.group() == "k" else 1_000_000)), short.end()
        after = _currency_after(text, end)
        if after:
            currency, end = after
        elif before:
            currency = _SYMBOLS.get(before.group(1) or "") or _code(before.group(2), "")
        else:
            continue
        approximate = is_approximate(text, start)
        found.append((amount, currency, approximate, sentence.start + start, sentence.start + end))
    return tuple(found)


def money_spans(doc: Document) -> list[tuple[int, int]]:
    """Spans of every sum of money, for extractors that must not count them again."""
    return [(start, end) for *_, start, end in _matches(doc)]


def extract_money(doc: Document) -> list[Fact]:
    """Money facts of a document: one per (amount, currency), with all its mentions."""
    return collect(doc, "money", (
        ((amount, currency), {"amount": amount, "currency": currency, "approximate": approx}, start, end)
        for amount, currency, approx, start, end in _matches(doc)))
