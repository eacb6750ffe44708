"""Sums of money: a number (with its scale word) and a currency sign, code or word around it.

«3,6 млрд рублей» → 3600000000 RUB, «$5 млн» → 5000000 USD, «RUB 3.6 billion». The mention
span runs from a leading currency sign or code to a trailing currency word; a hedge before the
number («порядка», «более», «up to») marks the sum approximate and stays outside the span.
A sum may leave its currency to the next one: a range's lower bound («от 5 до 7 млрд рублей»),
a coordinated sum with a scale word («на 350 млн и 210 млн рублей»). A number with a scale word
and no noun after it takes the currency of the sums before it in its paragraph («Стоимость —
720 млн рублей. Еще 120 млн добавит фонд»), when they all have one. In Russian text a number with
a scale word before a noun that is money by itself (`data/money_nouns.json`) is roubles («не менее
5 млрд инвестиций»).
"""
from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from ..model import Fact
from .document import Document, Sentence
from .languages import language
from .numbers import Number, collect, find_numbers, is_approximate, is_coordinated, is_range, tidy

_CODES = "RUB|RUR|USD|EUR|CNY|KZT|BYN|GBP|JPY|UAH|KGS|UZS|INR|AMD"
_AFTER = [(re.compile(p, re.IGNORECASE), code) for p, code in (
    (r"белорусск[а-я]*\s+рубл[а-я]*", "BYN"),
    (r"(?:российск[а-я]*\s+)?(?:рубл[а-яё]*|руб\b\.?|р\.|₽)", "RUB"),
    (r"(?:roubles?|rubles?)\b", "RUB"),
    (r"(?:долл(?:ар[а-я]*|\.)(?:\s+США)?|\$)", "USD"),
    (r"(?:(?:US|U\.S\.)\s+)?dollars?\b", "USD"),
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
_WORD = re.compile(r"\s*([^\W\d_]+)")

_Sum = tuple[Decimal, str, bool, int, int]


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


def _matches(doc: Document) -> list[_Sum]:
    """(amount, currency, approximate, start, end) of every sum of money in the document."""
    sums = [m for sentence in doc.sentences for m in _sentence_money(sentence, doc.lang)]
    return sorted(sums + _elided(doc, sums), key=lambda m: m[3])


@lru_cache(maxsize=2048)
def _sentence_money(sentence: Sentence, lang: str) -> tuple[_Sum, ...]:
    """The sums of one sentence; cached, as the count extractor asks for them too."""
    text = sentence.text
    low = text.lower()
    grammar = language(lang).money
    if not _HINT.search(low) and not (grammar.NOUN_SUM_HINT and grammar.NOUN_SUM_HINT.search(low)):
        return ()
    numbers = find_numbers(text, lang)
    sums = [_sum(text, n) or grammar.sum_by_noun(text, n) for n in numbers]
    for i in range(len(numbers) - 2, -1, -1):
        if sums[i] is None and sums[i + 1] and _shares_currency(text, numbers[i], numbers[i + 1]):
            sums[i] = numbers[i].value, sums[i + 1][1], numbers[i].start, numbers[i].end
    return tuple((amount, currency, is_approximate(text, start), sentence.start + start, sentence.start + end)
                 for amount, currency, start, end in filter(None, sums))


def _sum(text: str, n: Number) -> tuple[Decimal, str, int, int] | None:
    """(amount, currency, start, end) of a number with a currency sign, code or word around it."""
    start, end, amount = n.start, n.end, n.value
    before = _BEFORE.search(text, max(0, n.start - 4), n.start)
    if before:
        start = before.start()
        short = _SHORT_SCALE.match(text, end)
        if short and not n.spelled:
            amount, end = tidy(amount * (1000 if short.group() == "k" else 1_000_000)), short.end()
    after = _currency_after(text, end)
    if after:
        return amount, after[0], start, after[1]
    if before:
        return amount, _SYMBOLS.get(before.group(1) or "") or _code(before.group(2), ""), start, end
    return None


def _shares_currency(text: str, n: Number, sum_after: Number) -> bool:
    """Does a number take the currency of the sum right after it: a range's lower bound, or a
    coordinated number with a scale word («350 млн и 210 млн рублей»)?"""
    return is_range(text, n, sum_after) or bool(n.scale) and is_coordinated(text, n.end, sum_after.start)


def _elided(doc: Document, sums: list[_Sum]) -> list[_Sum]:
    """Sums with the currency left out: a number with a scale word and no noun after it (nor
    after the numbers it is coordinated with), after sums of one currency in its paragraph."""
    taken = [(start, end) for *_, start, end in sums]
    found = []
    for sentence in doc.sentences:
        text, numbers = sentence.text, find_numbers(sentence.text, doc.lang)
        for i, n in enumerate(numbers):
            start, end = sentence.start + n.start, sentence.start + n.end
            if n.scale < 3 or any(a < end and start < b for a, b in taken):
                continue
            if _noun_after(text, _chain_end(text, numbers, i), doc.lang):
                continue
            paragraph = doc.text.rfind("\n", 0, start) + 1
            currencies = {currency for _, currency, _, a, _ in sums if paragraph <= a < start}
            if len(currencies) == 1:
                found.append((n.value, currencies.pop(), is_approximate(text, n.start), start, end))
    return found


def _chain_end(text: str, numbers: tuple[Number, ...], i: int) -> int:
    """Where the last of the numbers coordinated with numbers[i] («5 до 7 млрд», «3 и 4 млн») ends."""
    while i + 1 < len(numbers) and (is_range(text, numbers[i], numbers[i + 1])
                                     or is_coordinated(text, numbers[i].end, numbers[i + 1].start)):
        i += 1
    return numbers[i].end


def _noun_after(text: str, pos: int, lang: str) -> bool:
    """Does a word that may start a noun phrase (in the article's language) follow offset pos?"""
    m = _WORD.match(text, pos)
    return bool(m) and language(lang).money.starts_noun_phrase(m.group(1).lower())


def money_spans(doc: Document) -> list[tuple[int, int]]:
    """Spans of every sum of money, for extractors that must not count them again."""
    return [(start, end) for *_, start, end in _matches(doc)]


def extract_money(doc: Document) -> list[Fact]:
    """Money facts of a document: one per (amount, currency), with all its mentions."""
    return collect(doc, "money", (
        ((amount, currency), {"amount": amount, "currency": currency, "approximate": approx}, start, end)
        for amount, currency, approx, start, end in _matches(doc)))
