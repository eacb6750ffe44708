"""The English name extractors' word lists, read once from `data/english.json`: head words that
say a capitalised run names an organisation («Fund», «Ministry») or a place («Region», «Oblast»),
positions («director», «deputy prime minister») and their modifiers («First», «acting»).

    "Fund" in ORG_HEADS → True;  re.match(MODIFIERS, "Acting") → a match
"""
from __future__ import annotations

from ...lang.calendar import weekday_names
from ...lang.gazetteer import english_words

_WORDS = english_words()
ORG_HEADS = frozenset(_WORDS["org_heads"])
HEADS_BEFORE_NAMES = frozenset(_WORDS["heads_before_names"])  # «Technopark Idea», «PJSC KAMAZ»
LEGAL_FORMS = frozenset(_WORDS["legal_forms"])
PLACE_HEADS = tuple(_WORDS["place_heads"])
POSITIONS = frozenset(_WORDS["positions"])
# a modifier of a position, capitalised or not: «First Deputy», «deputy CEO»
MODIFIERS = "(?:" + "|".join(f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in _WORDS["position_modifiers"]) + ")"
# month and weekday names are never part of a name: «March Kaluga» starts no organisation
NOT_IN_NAMES = rf"(?!(?:{'|'.join(_WORDS['months'] + list(weekday_names('en')))})\b)"
DETERMINERS = frozenset(_WORDS["determiners"])
NOT_ACRONYMS = frozenset(_WORDS["not_acronyms"])
DEMONYMS = frozenset(_WORDS["demonyms"])  # «Chinese companies»: a nationality, no name
PRONOUNS = frozenset(_WORDS["pronouns"])
HONORIFICS = tuple(_WORDS["honorifics"])  # «Mr Ivanov», «Dr. Helga Baumann»
# a Russian surname by its ending («Petrov», «Khabirova», «Shoigu» not): «A. Petrov», «Shaimiev's adviser»
SURNAME = rf"[A-Z][a-z]+(?:{'|'.join(sorted(_WORDS['surname_endings'], key=len, reverse=True))})"
