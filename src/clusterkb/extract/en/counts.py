"""English counts where English differs: lower-case words after a number up to a function word,
the first plural being the noun («two more clusters» → cluster), singulars by rule («companies» →
company), units as words or signs («per cent», «sq m», «hectares»). Word lists: `data/english.json`.
"""
from __future__ import annotations

import re

from ...lang.normalize import english_singular
from ...lang.tables import load, words
from ..counted import Count
from ..numbers import Number

UNITS = [(re.compile(p, re.IGNORECASE), unit, head) for p, unit, head in load("units.json")["en"]]  # «га» → гектар (data/units.json)
TOPIC = re.compile(r"\bnumbers?\s+of\s+", re.IGNORECASE)  # "the number of parks"
_WORD = re.compile(r"[ \u00a0]*([A-Za-z]+(?:-[A-Za-z]+)*)")
_STOP = words("function_words.json", "count_phrase_ends")  # «of», «which», «the», …
_NOT_HEADS = words("count_nouns.json", "not_heads")  # "three times"
_PART_OF = re.compile(r"\s+of\s+(?:the\s+)?")


def read_words(text: str, c: Count) -> None:
    """Lower-case words up to a function word; for counts above one, the first plural is the noun
    («two more clusters»: the «more» is not part of it)."""
    pos, plural = c.end, c.number.value != 1
    if plural and (m := _WORD.match(text, pos)) and m.group(1).lower() == "more":
        pos = m.end()
    while len(c.words) < 4 and (m := _WORD.match(text, pos)):
        word = m.group(1)
        verb_like = c.words and not plural and word.endswith(("ed", "ing"))
        if word.lower() in _STOP or word[0].isupper() or verb_like:
            break
        pos = m.end()
        if plural and english_singular(word.lower()) != word.lower():
            c.noun = english_singular(word.lower())
            break
        c.words.append(word.lower())
    c.end = pos


def settle(c: Count) -> None:
    """Fix an English count's unit and head; with no noun, the last word serves as the noun."""
    if c.noun is None and c.words:
        c.noun, c.words = english_singular(c.words[-1]), c.words[:-1]
    if c.noun is not None and c.noun not in _NOT_HEADS:
        c.head, c.unit = c.noun, unit(c.words, c.noun)


def unit(words: list[str], noun: str) -> str:
    """The unit of an English count: its words and singular noun as written («industrial park»)."""
    return " ".join(words + [noun])


def is_name(words: list[str]) -> bool:
    """May the words of a capitalised quotation be a name: each capitalised, not a word, or short
    ("Technopark 2", "Made in Russia"), not a sentence ("We build it")?"""
    return all(w[0].isupper() or not w[0].isalpha() or len(w) <= 3 for w in words)


def is_part_of(text: str, end: int, start: int) -> bool:
    """Does text[end:start] make the number before a part of the count after it («Two of the
    five parks»: two parks)?"""
    return bool(_PART_OF.fullmatch(text, end, start))


def noun_before(text: str, n: Number) -> None:
    """English names no noun before a bare number that counts it: always None."""
    return None


def noun_of_clause(text: str, n: Number) -> None:
    """English names no noun earlier in a clause that a closing number counts: always None."""
    return None


def is_circumstance(c: Count) -> bool:
    """English nouns carry no case: a count's noun never tells where or how. Always False."""
    return False

