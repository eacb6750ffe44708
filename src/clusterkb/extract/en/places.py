"""Places in English text: by their head word («Kaluga Region», «Republic of Mordovia») and the
place table's Latin-script names, in capitals too («MOSCOW, June 10»), under the English name the
article uses («Россия» of the table → «Russia»).
"""
from __future__ import annotations

import re
from functools import lru_cache

from ...lang import gazetteer
from ...lang.normalize import clean_spaces, english_singular, fold
from ...lang.translit import reads_as_russian, russian_place
from ...model import Fact
from ..document import Document
from ..spans import Coverage
from .words import ORG_HEADS, PLACE_HEADS


def places(doc: Document, people: list[tuple[int, int]], orgs: list[tuple[int, int]] = (),
           org_names: frozenset[str] = frozenset()) -> list[Fact]:
    """Places by their head word («Kaluga Region», «Republic of Mordovia»), the table's
    Latin-script names, in capitals too («MOSCOW, June 10»), and towns told after a word of
    place; never a given name of a person («President Vladimir Putin»), nor a town's name
    inside an organisation's («Kama Tyres»), nor a town that is the name of an organisation of
    the article said in another case («MARS» … «belongs to Mars»)."""
    found: dict[str, dict] = {}
    heads = "|".join(PLACE_HEADS) + "|" + "|".join(h.lower() for h in PLACE_HEADS)
    pattern = re.compile(r"(?<![\w-])(?!The\b)([A-Z][a-z]+(?:[- ][A-Z][a-z]+)?)\s+(" + heads + r")\b")
    spans = [_without_a_leading_word(m.start(), m.end(), m.group(1), m.group(2).capitalize())
             for m in pattern.finditer(doc.text) if m.group(1) not in ORG_HEADS and m.group(1) not in ("The", "This", "Each")]
    spans += [span for span in _listed(doc.text) if not any(a < span[1] and span[0] < b for a, b, _ in spans)]
    head_of = re.compile(r"(?<![\w-])(" + "|".join(PLACE_HEADS) + r")\s+of\s+(?:the\s+)?([A-Z][a-z]+(?:[- ][A-Z][a-z]+)?)(?![\w-])")
    spans += [(m.start(), m.end(), f"{m.group(1)} of {m.group(2)}") for m in head_of.finditer(doc.text)
              if not any(a < m.end() and m.start() < b for a, b, _ in spans)]
    taken = spans + [(a, b, "") for a, b in people]
    for form in _country_forms():
        if form not in doc.text and form.upper() not in doc.text:  # a scan of the text per form is dear
            continue
        for m in re.finditer(rf"(?<![\w-])(?:{re.escape(form)}|{re.escape(form.upper())})(?![\w-])", doc.text):
            if not any(a < m.end() and m.start() < b for a, b, _ in taken):  # «Kaluga» of «Kaluga Region»
                spans.append((m.start(), m.end(), gazetteer.place(form) or form))
    spans += _towns(doc.text, spans + taken + [(a, b, "") for a, b in orgs], {fold(n) for n in org_names})
    for start, end, name in sorted(spans):
        canonical = _english_name(name)
        place = found.setdefault(fold(canonical), {"name": canonical, "aliases": [], "mentions": []})
        surface = clean_spaces(doc.text[start:end])
        if surface != canonical and surface not in place["aliases"]:
            place["aliases"].append(surface)
        place["mentions"].append(doc.mention(start, end))
    return [Fact("location", {"name": p["name"], "aliases": p["aliases"]}, p["mentions"]) for p in found.values()]


def _without_a_leading_word(start: int, end: int, name: str, head: str) -> tuple[int, int, str]:
    """«Approves Ulyanovsk Region» of a Title Case headline → «Ulyanovsk Region»: a first word
    that reads as no Russian word before a town that reads back is no part of the place
    («Nizhny Novgorod Region» stays whole)."""
    first, _, second = name.partition(" ")
    if second and not gazetteer.place(f"{name} {head}") and russian_place(second) and not reads_as_russian(first):
        return start + len(first) + 1, end, f"{second} {head}"
    return start, end, f"{name} {head}"


_NAME = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
_LIST = re.compile(rf"(?<![\w-])({_NAME}(?:,\s+{_NAME})*,?\s+and\s+{_NAME})\s+([A-Za-z]+)\b")


def _listed(text: str) -> list[tuple[int, int, str]]:
    """«the Orenburg, Smolensk and Ivanovo regions», «Primorsky and Trans-Baikal Territories»:
    a list of names before one plural kind of place is a place of that kind each
    («Orenburg Region», …), each mention its own name."""
    heads = {head.lower(): head for head in PLACE_HEADS}
    found = []
    for m in _LIST.finditer(text):
        head = heads.get(english_singular(m.group(2).lower()))
        if head is None or m.group(2).lower() in heads:
            continue
        for name in re.finditer(_NAME, m.group(1)):
            if name.group() not in ORG_HEADS:
                found.append((m.start(1) + name.start(), m.start(1) + name.end(), f"{name.group()} {head}"))
    return found


# «in Sterlitamak», «near Orsk», «from Yelabuga and Chelny»: a word where a place is told
_AFTER_PLACE_WORD = re.compile(r"(?:(?<![\w-])(?:in|near|from|to|at|of|outside|around|across|throughout|and|or|city\s+of"
                               r"|town\s+of)\s+|\()([A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?)(?![\w-]|\s+[A-Z])")


def _towns(text: str, taken: list[tuple[int, int, str]], org_names: set[str]) -> list[tuple[int, int, str]]:
    """Russian towns no table lists, told after a word of place («in Sterlitamak», «near
    Orsk») or in brackets after a company («ORMETO-YUMZ (Orsk)»), a whole name: a romanised word that reads back to a place pymorphy3 knows, in no other name."""
    found, covered = [], Coverage((a, b) for a, b, _ in taken)
    for m in _AFTER_PLACE_WORD.finditer(text):
        start, end = m.span(1)
        if not covered.overlaps(start, end) and fold(m.group(1)) not in org_names and russian_place(m.group(1)):
            found.append((start, end, m.group(1)))
    return found


@lru_cache(maxsize=1)
def _country_forms() -> list[str]:
    """The table's Latin-script place names, longest first."""
    return sorted(gazetteer.english_place_forms(), key=len, reverse=True)


def _english_name(canonical_ru_or_en: str) -> str:
    """Places keep the English name the article uses; «Россия» from the table → «Russia»."""
    return gazetteer.english_place(canonical_ru_or_en) or canonical_ru_or_en
