"""English sums of money where English differs: what may open the noun phrase a number counts
(any word but a function word, `data/english.json`: «1.1 billion from the regional budget» leaves
its currency out, «1.1 billion visitors» counts). English has no noun that makes a bare number money.
"""
from __future__ import annotations

from ...lang.tables import words

NOUN_SUM_HINT = None  # no sums by a money noun alone
_FUNCTION_WORDS = words("function_words.json", "money_phrase_ends")  # «from», «of», «the», …


def sum_by_noun(text: str, n: object) -> None:
    """English has no noun that makes a bare number a sum of money: always None."""
    return None


def starts_noun_phrase(word: str) -> bool:
    """May a (lower-case) word open a noun phrase: «visitors» yes, «from» no."""
    return word not in _FUNCTION_WORDS
