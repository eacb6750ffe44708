"""Crude stems for looking names up: the one comparison key that the store indexes and that
queries use, so «Лабудина» finds «Михаил Лабудин» and «Labudin» finds both. No dictionary is
loaded, so queries start fast.
"""
from __future__ import annotations

import functools
import re
from typing import Any

from .normalize import fold
from .translit import latin_key

_ENDINGS = sorted("ами ями ого его ому ему ыми ими ая яя ой ей ую юю ое ее ые ие ых их ым им "
                  "ом ем ам ям ах ях ов ев ий ый а я ы и у ю е о ь s es".split(), key=len, reverse=True)
_WORD = re.compile(r"[\w&]+")


@functools.lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """Cut a case ending so inflected forms compare equal: «лабудина» → «лабудин». Cached: the
    same few thousand words (places, organisations) are stemmed for every fact that names them."""
    if len(word) > 3:
        for e in _ENDINGS:
            if word.endswith(e) and len(word) - len(e) >= 3:
                return word[: -len(e)]
    return word


def words(text: str) -> list[str]:
    """«АКИТ РФ» → ['акит', 'рф']: the folded words of a text."""
    return _WORD.findall(fold(text))


def stems(text: str) -> list[str]:
    """«Фонда развития» → ['фонд', 'развит']."""
    return [stem(w) for w in words(text)]


def latin_stems(text: str) -> list[str]:
    """The stems spelt in Latin, one key for either script: «Лабудина», «Labudin» → «labudin»."""
    return [latin_key(s) for s in stems(text)]


def names_of(fact: dict[str, Any]) -> list[str]:
    """Every name a fact answers to: normal form, aliases and (for organisations) canonical."""
    out = [fact.get("name") or "", *fact.get("aliases", [])]
    if fact.get("canonical"):
        out.append(fact["canonical"])
    return [n for n in out if n]


def name_stems(fact: dict[str, Any]) -> set[str]:
    """What a named fact is found under: the stems of every name, in both scripts."""
    return {s for name in names_of(fact) for s in stems(name) + latin_stems(name)}


def context_stems(fact: dict[str, Any]) -> set[str]:
    """What a fact is found under by place or organisation: a number's context, a person's role."""
    ctx = fact.get("context") or {}
    names = ctx.get("organizations", []) + ctx.get("locations", []) + [fact.get("organization") or ""]
    return {s for name in names for s in stems(name)}


def name_matches(query: str, fact: dict[str, Any]) -> bool:
    """Case-, ё-, inflection- and script-insensitive: every query word matches a word of one
    name, as written or spelt in Latin («Лабудина» matches «Mikhail Labudin»)."""
    for stems_of in (stems, latin_stems):
        q = stems_of(query)
        for name in names_of(fact) if q else ():
            words = stems_of(name)
            if all(any(w == s or (len(s) >= 4 and w.startswith(s)) for w in words) for s in q):
                return True
    return False
