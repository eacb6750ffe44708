"""English date phrases: «on 5 June 2024», «June 5–7», «since July», «in Q3 2025», «the third
quarter of next year», «on Wednesday», «two years ago», «next March»; and the tense of a clause,
told by auxiliaries and past forms («will open», «was opened», «said»).

The month, weekday and number words are data (`data/english.json`).
"""
from __future__ import annotations

import re

from ...lang.calendar import weekday_names
from ...lang.gazetteer import english_words
from ..date_patterns import YEAR, no_date_after

_WORDS = english_words()
MONTHS = (rf"(?:(?:{'|'.join(_WORDS['months'])})\b"
          rf"|(?:{'|'.join(_WORDS['month_abbreviations'])})(?:\.|\b))")
WEEKDAYS = weekday_names("en")  # data/calendar_names.json
_LEAD = (r"(?P<lead>(?i:in|since|from|during|by|until|till|to|before|after|through|of|early|late|mid))"
         r"[\s-]+")
_RANGE = r"(?:\s*[-–]\s*|\s+(?:to|through)\s+)"
_OF_YEAR = rf"(?:(?P<y1>{YEAR})\b|(?:the\s+)?(?P<rely>this|next|last|previous|current)\s+year\b|the\s+year\b)"
_ORDINAL = r"(?i:first|second|third|fourth|1st|2nd|3rd|4th)"
_COUNT = r"(?:one|two|three|four|five|six|seven|eight|nine|ten)"
_NO_DATE_AFTER = no_date_after(MONTHS)

PATTERNS = [re.compile(p) for p in (
    rf"\b(?:{_LEAD})?(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:{_RANGE}(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)?"
    rf"\s+(?:of\s+)?(?P<m2>{MONTHS})(?:,?\s+(?P<y2>{YEAR}))?",
    rf"\b(?:{_LEAD})?(?P<m2>{MONTHS})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"(?:{_RANGE}(?P<d2>\d{{1,2}}))?\b"
    rf"(?!:)(?:,?\s+(?P<y2>{YEAR}))?",
    rf"\b(?:{_LEAD})?(?P<m1>{MONTHS})(?:{_RANGE}(?P<m2>{MONTHS}))?(?:,?\s+(?P<y1>{YEAR})\b)?",
    rf"\b{_LEAD}(?P<y1>{YEAR})(?:{_RANGE}(?P<y2>{YEAR}))?\b(?![-./]\d)",
    rf"(?<![\w.,/–-])(?P<y1>{YEAR})\s*[-–]\s*(?P<y2>{YEAR})\b(?![-./]\d)",
    rf"\b(?P<lead>(?i:between))\s+(?P<y1>{YEAR})\s+and\s+(?P<y2>{YEAR})\b",
    r"\b(?:(?P<lead>(?i:in|during|from|since|by|until))\s+)?"
    r"(?P<rely>(?i:this|next|last|previous|the\s+current|current))\s+year\b",
    rf"(?<![\w.,/–-])(?P<y1>{YEAR})(?=\s+(?:will|was|is|has|had|became|becomes|saw|sees)\b)",
    rf"\b(?:{_LEAD})?(?:(?i:the)\s+)?(?P<q>{_ORDINAL})\s+(?P<qk>quarter)\b(?:\s+of\s+{_OF_YEAR})?",
    rf"\b(?:{_LEAD})?(?:(?i:the)\s+)?(?P<q>{_ORDINAL})\s+(?P<qk>half)\s+of\s+{_OF_YEAR}",
    rf"\b(?:{_LEAD})?(?:(?i:the)\s+)?(?P<qk>Q|H)(?P<q>[1-4])(?:\s+of)?\s+(?P<y1>{YEAR})\b",
    rf"\b{_LEAD}(?P<qk>Q|H)(?P<q>[1-4])\b",
    rf"\b(?:(?P<lead>(?i:on))\s+)?(?P<wd>{'|'.join(WEEKDAYS)})\b{_NO_DATE_AFTER}",
    rf"\b(?P<agon>\d{{1,2}}|a|{_COUNT})\s+(?P<ago>years?)\s+ago\b",
    rf"\b(?:(?P<lead>(?i:in|since|from|by|until|before|after))\s+)?(?P<relm>(?i:next|last|this))\s+(?P<m1>{MONTHS})",
    rf"\b(?:{_LEAD})?(?P<m1>{MONTHS}),?\s+(?P<y1>{YEAR}){_RANGE}(?P<m2>{MONTHS}),?\s+(?P<y2>{YEAR})\b",
)]

_FUTURE = re.compile(r"\b(?:will|shall|going to|plans? to|is to|are to"
                     r"|(?:is|are)\s+(?:expected|scheduled|due|set)\b)", re.IGNORECASE)
_PAST = re.compile(  # an -ed word before «in it», «by the»… is a participle («funds invested in it»)
    r"\b(?:was|were|had|did|has been|have been|\w{3,}ed(?!\s+(?:in|by|into|under)\s+(?:it|them|the|a|an)\b)"
    r"|said|told|met|held|made|took|gave|won|began|became|built|sent|spent|found|brought|bought|sold|paid"
    r"|grew|rose|fell|wrote|saw|went|came|got|kept|led|lost)\b", re.IGNORECASE)


def clause_tense(text: str, events_only: bool = False) -> str | None:
    """'futr', 'past' or None for a stretch of English text, from its auxiliaries and past forms
    (English tells a state and an event alike, so `events_only` changes nothing).

    Example: clause_tense("the park will open") → "futr"; clause_tense("it opened") → "past"."""
    return "futr" if _FUTURE.search(text) else "past" if _PAST.search(text) else None
