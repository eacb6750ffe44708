"""Numbers as news writes them, shared by the date, count and money extractors.

Digits with any grouping («1 500», «3’500», «1.844.036.360,12», «5,000»), a case ending
(«12-ти»), a decimal comma or point, scale words («9,3 тыс.», «3.6 billion», «145 bln»), ratings
(«ТОП-5»), numbers in words in any case («двух», «полтора», «двадцать один», «twenty-one»),
groups («пятёрку») and halves («полгода», «полмиллиарда»). Ranges give both bounds («15–20»,
«30−60», «от 5 до 7 млрд»), the lower one taking the upper one's scale word. Also the hedges
that make a number approximate and the grouping of found values into one Fact per value.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache
from typing import Any, Iterable

from ..model import Fact
from ..lang.nlp import parse
from ..lang.tables import load
from .document import Document

_SPACES = " \u00a0\u202f\u2009"
_GROUPING = _SPACES + "’'"  # thousands separators: spaces, and the apostrophe of «3’500»
_CASE_ENDING = r"-(?:ти|х|ух|ех|ёх|ми|мя|ью)(?![а-яё])"  # a cardinal's case ending: «12-ти», «2-х»
_DIGITS = re.compile(
    rf"(?<![\w.,])(?:(?<!\w-)|(?<=[Тт][Оо][Пп]-)|(?<=[Tt][Oo][Pp]-))(?<!\d[–−])(?<!\d:)"
    rf"(\d{{1,3}}(?:[{_GROUPING}]\d{{3}})+(?:[.,]\d+)?(?![\d.,]\d)|\d+(?:[.,]\d+)*)"
    rf"(?![\d:])(?![.,]\d)(?!(?!{_CASE_ENDING})-[^\W\d])(?![-–−]\d)"
)
_PAIR = re.compile(  # «15-20», «1,5–2», «30−60»: two bounds joined by a dash, not a chain («51-12-12»)
    r"(?<![\w.,:])(?<!\w[-–−])(\d+(?:[.,]\d+)?)[-–−](\d+(?:[.,]\d+)?)(?![\d:])(?![.,]\d)(?![-–−]\d)(?!-[^\W\d])"
)
_CASE_ENDING_AT = re.compile(_CASE_ENDING)
_RANGE_DASH = re.compile(r"[ \u00a0]?[-–−][ \u00a0]?")
_RANGE_TO = re.compile(r"\s+(?:до|и|to|and)\s+", re.IGNORECASE)
_RANGE_FROM = re.compile(r"(?<![\w-])(?:от|с|со|между|from|between)\s+$", re.IGNORECASE)
_CONJ = re.compile(r"\s*(?:,\s*)?(?:и|или|а\s+также|and|or)?\s*", re.IGNORECASE)
_SCALE_AFTER = re.compile(
    rf"[{_SPACES}]?((?:тыс|млн|млрд|трлн)(?:\.(?=[{_SPACES}]*[а-яёa-z₽$€]))?|тысяч[а-яё]*|миллион[а-яё]*"
    r"|миллиард[а-яё]*|триллион[а-яё]*|thousands?|millions?|billions?|trillions?|bn|bln|mln|mn|trln)(?![\w])",
    re.IGNORECASE,
)
_SCALES = (("тыс", 3), ("млн", 6), ("миллион", 6), ("млрд", 9), ("миллиард", 9), ("трлн", 12),
           ("триллион", 12), ("thousand", 3), ("million", 6), ("mln", 6), ("mn", 6), ("billion", 9),
           ("bn", 9), ("bln", 9), ("trillion", 12), ("trln", 12))
_WORD = re.compile(r"[A-Za-zА-Яа-яЁё]+(?:-[A-Za-z]+)?")
_HEDGE = re.compile(
    r"(?<![\w])(?:около|порядка|более(?:\s+чем)?|свыше|(?<!\d\s)до|почти|примерно|приблизительно|"
    r"ориентировочно|не\s+менее|не\s+более|менее|больше|меньше|over|about|around|nearly|almost|"
    r"approximately|more\s+than|less\s+than|up\s+to|some)\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Number:
    """A number found in a text: its span (scale word included), exact value, whether it is
    written in words («двух») rather than digits, and the power of ten of its scale word (0: none)."""

    start: int
    end: int
    value: Decimal
    spelled: bool
    scale: int = 0


def parse_digits(s: str, lang: str = "ru") -> Decimal | None:
    """Exact value of a digit string, or None when its grouping is not a number's (dates, codes)."""
    s = "".join(c for c in s if c not in _GROUPING)
    seps = [c for c in s if c in ".,"]
    if not seps:
        return Decimal(s)
    if len(set(seps)) == 2:
        point, group = seps[-1], seps[0]
    elif len(seps) > 1:
        point, group = None, seps[0]
    else:
        frac = s.split(seps[0])[1]
        grouped = len(frac) == 3 and s[0] != "0" and seps[0] == _words(lang)["group_mark"]
        point, group = (None, seps[0]) if grouped else (seps[0], None)
    whole, _, frac = s.rpartition(point) if point else (s, "", "")
    groups = whole.split(group) if group else [whole]
    if point and (point in whole or not frac) or not _valid_groups(groups):
        return None
    return tidy(Decimal("".join(groups) + ("." + frac if frac else "")))


def _valid_groups(groups: list[str]) -> bool:
    """Thousands groups: 1-3 digits first, then exactly 3 each."""
    return 1 <= len(groups[0]) <= (3 if len(groups) > 1 else 99) and all(len(g) == 3 for g in groups[1:])


def tidy(value: Decimal) -> Decimal:
    """The same value without exponent or trailing zeros: 3.6E+9 → 3600000000."""
    return Decimal(int(value)) if value == value.to_integral_value() else value.normalize()


def _scale(word: str) -> int:
    """Power of ten of a scale word or abbreviation («млрд» → 9)."""
    word = word.lower()
    return next(p for prefix, p in _SCALES if word.startswith(prefix))


def _words(lang: str) -> dict:
    """The number-word table of a language (`data/number_words.json`); Russian's for one it lacks."""
    tables = load("number_words.json")
    return tables.get(lang) or tables["ru"]


@lru_cache(maxsize=8)
def _forms(lang: str) -> dict[str, Decimal]:
    """Every form of a language's cardinals (ё as е): each case form where the language inflects
    them (built once from pymorphy3 lexemes), the words as listed where it does not; collectives
    in the singular only («десятки компаний» is no number)."""
    table = _words(lang)
    cardinals = {w: Decimal(str(v)) for w, v in table["cardinals"].items()}
    if not table["inflected"]:
        return cardinals
    forms: dict[str, Decimal] = {}
    for lemma, value in cardinals.items():
        p = next(p for p in parse(lemma) if p.tag.POS in ("NUMR", "ADJF"))
        for f in p.lexeme:
            if not (lemma == "один" and "plur" in f.tag):
                forms[f.word.replace("ё", "е")] = value
    for lemma, value in table["collectives"].items():
        p = next(p for p in parse(lemma) if p.tag.POS == "NOUN")
        forms.update((f.word.replace("ё", "е"), Decimal(value)) for f in p.lexeme if "sing" in f.tag)
    return forms


def _word_value(word: str, lang: str) -> Decimal | int | None:
    """Value of one number word (a cardinal; «twenty-one» as tens and units), a scale word
    («тысячи», "million": by its beginning) as a negative power of ten, or None.

    Example: _word_value("двух", "ru") → Decimal(2); _word_value("billion", "en") → -9."""
    w = word.lower().replace("ё", "е")
    power = next((p for prefix, p in _words(lang)["scales"].items() if w.startswith(prefix)), None)
    if power is not None:
        return -power
    forms = _forms(lang)
    if "-" in w:
        tens, _, unit = w.partition("-")
        ok = tens in forms and unit in forms and forms[unit] < 10
        return forms[tens] + forms[unit] if ok else None
    return forms.get(w)


def _spelled(text: str, lang: str) -> Iterable[Number]:
    """Runs of number words: «двадцать один», «три тысячи», «полтора миллиона», «two hundred»."""
    run: list[tuple[int, int, Any]] = []
    for m in _WORD.finditer(text):
        v = _word_value(m.group(), lang)
        adjacent = run and text[run[-1][1]:m.start()].strip() == ""
        if v is not None and adjacent and _joins([r[2] for r in run], v):
            run.append((m.start(), m.end(), v))
            continue
        yield from _close(run)
        run = [(m.start(), m.end(), v)] if isinstance(v, Decimal) else []
    yield from _close(run)


def _joins(values: list[Any], v: Any) -> bool:
    """May word value v continue the run: a scale after a number, a cardinal after a scale, or a
    smaller place after a round number («двадцать» + «один», «сто» + «двадцать»)?"""
    _, current = _fold(values)
    if not isinstance(v, Decimal):
        return current != 0
    return current == 0 or v == int(v) and current % 10 ** len(str(int(v))) == 0


def _fold(values: list[Any]) -> tuple[Decimal, Decimal]:
    """(completed thousands, current group) of a run: cardinals add, scale words (negative
    powers of ten) multiply the current group."""
    total, current = Decimal(0), Decimal(0)
    for v in values:
        if isinstance(v, Decimal):
            current += v
        elif v == -2:
            current *= 100
        else:
            total, current = total + current * 10 ** -v, Decimal(0)
    return total, current


def _close(run: list[tuple[int, int, Any]]) -> Iterable[Number]:
    """The Number of a finished run of number words, if any («два миллиона»: scale 6)."""
    if run:
        last = run[-1][2]
        scale = -last if isinstance(last, int) and last <= -3 else 0
        yield Number(run[0][0], run[-1][1], tidy(sum(_fold([r[2] for r in run]))), True, scale)


@lru_cache(maxsize=4096)
def find_numbers(text: str, lang: str = "ru") -> tuple[Number, ...]:
    """All numbers in text, in order: digits (with a following scale word) and number words;
    a range's lower bound without a scale word takes the upper one's («от 5 до 7 млрд»).

    Cached: the count and money extractors both read each sentence's numbers."""
    spans = [m.span() for m in _DIGITS.finditer(text)]
    spans += [m.span(i) for m in _PAIR.finditer(text) for i in (1, 2)]
    found = [n for a, b in spans if (n := _digits(text, a, b, lang))] + list(_spelled(text, lang))
    found += _halves(text, lang)
    found.sort(key=lambda n: n.start)
    for i, (low, high) in enumerate(zip(found, found[1:])):
        if high.scale and not low.scale and is_range(text, low, high):
            found[i] = replace(low, value=tidy(low.value * 10 ** high.scale), scale=high.scale)
    return tuple(found)


@lru_cache(maxsize=8)
def _half_pattern(lang: str) -> re.Pattern | None:
    """Half of a noun or scale word written together with it («полгода»), in a language that writes so."""
    halves = _words(lang).get("halves")
    if not halves:
        return None
    return re.compile(rf"(?<![\w-]){halves['prefix']}(?=(?P<rest>{'|'.join(halves['nouns'])})(?![^\W\d_]))",
                      re.IGNORECASE)


def _halves(text: str, lang: str) -> list[Number]:
    """«полгода» → 0.5 before the noun «года»; «полмиллиарда» → 500000000 with its scale word."""
    pattern = _half_pattern(lang)
    found = []
    for m in pattern.finditer(text) if pattern else ():
        rest = m["rest"].lower()
        if any(rest.startswith(prefix) for prefix, _ in _SCALES):
            power = _scale(rest)
            found.append(Number(m.start(), m.end("rest"), tidy(Decimal("0.5") * 10 ** power), True, power))
        else:
            found.append(Number(m.start(), m.end(), Decimal("0.5"), True))
    return found


def _digits(text: str, start: int, end: int, lang: str) -> Number | None:
    """The Number of the digits at text[start:end] with the scale word after them, if a number."""
    value = parse_digits(text[start:end], lang)
    if value is None:
        return None
    if ending := _CASE_ENDING_AT.match(text, end):
        end = ending.end()
    scale = _SCALE_AFTER.match(text, end)
    if not scale:
        return Number(start, end, value, False)
    power = _scale(scale.group(1))
    return Number(start, scale.end(), tidy(value * 10 ** power), False, power)


def is_range(text: str, low: Number, high: Number) -> bool:
    """Are two numbers the bounds of one range: «5–7», «от 5 до 7», «с 45 до 20», «from 5 to 7»?"""
    if _RANGE_DASH.fullmatch(text, low.end, high.start):
        return True
    return bool(_RANGE_TO.fullmatch(text, low.end, high.start)
                and _RANGE_FROM.search(text, max(0, low.start - 10), low.start))


def is_coordinated(text: str, end: int, start: int) -> bool:
    """Does text[end:start] coordinate two numbers: nothing, a comma or a conjunction («9 и 3»)?"""
    return bool(_CONJ.fullmatch(text, end, start))


def is_approximate(text: str, start: int) -> bool:
    """Does a hedge («около», «порядка», «более», «up to»…) stand right before offset start? The
    «до» of a range («от 5 до 7») is none."""
    return bool(_HEDGE.search(text[max(0, start - 20):start]))


def collect(doc: Document, kind: str, found: Iterable[tuple[Any, dict[str, Any], int, int]]) -> list[Fact]:
    """One Fact per key from (key, attrs, start, end) finds, with every mention sorted by offset.

    A fact is approximate only when every one of its mentions is hedged.
    """
    facts: dict[Any, Fact] = {}
    for key, attrs, start, end in sorted(found, key=lambda f: (f[2], f[3])):
        fact = facts.setdefault(key, Fact(kind, dict(attrs), []))
        if "approximate" in attrs:
            fact.attrs["approximate"] = fact.attrs["approximate"] and attrs["approximate"]
        if all((m.start, m.end) != (start, end) for m in fact.mentions):
            fact.mentions.append(doc.mention(start, end))
    return list(facts.values())
