"""Russian sums of money where Russian differs: a number with a scale word before a noun that is
money by itself is roubles («не менее 5 млрд инвестиций»: `data/money_nouns.json`), and what
may open the noun phrase a number counts (so «1,1 млрд из бюджета» leaves its currency out).
"""
from __future__ import annotations

import re
from decimal import Decimal

from ...lang.gazetteer import money_nouns
from ...lang.nlp import parse
from ..numbers import Number

NOUN_SUM_HINT = re.compile(r"(?:млн|млрд|трлн|миллион|миллиард|триллион)")  # on lower-cased text: fast
_WORD = re.compile(r"\s*([^\W\d_]+)")
_NOUN_PHRASE = {"NOUN", "ADJF", "PRTF", "NUMR"}  # pymorphy3 parts of speech a counted noun phrase opens with


def sum_by_noun(text: str, n: Number) -> tuple[Decimal, str, int, int] | None:
    """A number with a scale word before a noun that is money by itself: a sum in roubles
    («не менее 5 млрд инвестиций» → (5000000000, "RUB", start, end)), else None."""
    if n.scale < 6 or not (m := _WORD.match(text, n.end)):
        return None
    return (n.value, "RUB", n.start, n.end) if parse(m.group(1).lower())[0].normal_form in money_nouns() else None


def starts_noun_phrase(word: str) -> bool:
    """May a (lower-case) word open a noun phrase: «предприятий», «новых» yes, «из» no."""
    return parse(word)[0].tag.POS in _NOUN_PHRASE
