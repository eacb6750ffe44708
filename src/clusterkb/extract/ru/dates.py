"""Russian date phrases: «11 августа 2023 года», «с 1 по 5 марта», «в июле–августе», «в III
квартале 2025 года», «в первой половине 2025 года», «летом 2024 года», «в среду», «в прошлом
году», «три года назад», «с 6 числа», «с мая 2019 года по март 2020 года», «в 2021 и 2022
году»; and the tense of a clause, told by its verbs (pymorphy3).
"""
from __future__ import annotations

import re

from ...lang.calendar import weekday_names
from ...lang.nlp import parse
from ...lang.tables import load, words
from ..date_patterns import YEAR, no_date_after

MONTHS = (r"(?:(?:январ[ьяею]|феврал[ьяею]|март[ае]?|апрел[ьяею]|ма[йяею]|июн[ьяею]|июл[ьяею]"
          r"|август[ае]?|сентябр[ьяею]|октябр[ьяею]|ноябр[ьяею]|декабр[ьяею])(?![а-яё])"
          r"|(?:янв|февр?|мар|апр|июн|июл|авг|сент?|окт|нояб?|дек)\.)")  # «3 сент. 2023», as stamps write it
WEEKDAYS = weekday_names("ru")  # «в среду»: as a date names them (data/calendar_names.json)
_LEAD = (r"(?:(?P<lead>в|во|с|со|до|к|по|начала|начале|середины|середине|конца|конце|течение"
         r"|итогам)\s+)?")
_YEAR_WORD = r"(?:(?:-?(?:го|м|й))?\s*(?:год[а-я]*|гг?\.)|-(?:го|м|й)(?![а-яё]))"  # «году», «гг.», «2019-м»
_REL_YEAR = (r"(?P<rely>(?:эт|текущ|нынешн|следующ|будущ|наступающ|прошл|минувш|прошедш|позапрошл)"
             r"(?:ом|ем|ого|его|от|ий|ый))\s+год(?:[ау]|ом)?(?![а-яё])")
_YEAR_AFTER = rf"\s+(?:(?P<{{}}>{YEAR})(?:{_YEAR_WORD})?|{_REL_YEAR})"  # «… 2025 года», «… прошлого года»
_YEAR_SLOT = rf"(?:{_YEAR_AFTER})?"
_ORDINAL = r"(?:перв|втор|трет|четв[её]рт)[а-яё]*|IV|I{1,3}|[1-4](?:-?(?:й|м|го|е|ом))?"
_COUNT = r"(?:дв|тр|четыр|пят|шест|сем|восем|девят|десят)[а-яё]*"  # number words that count years back
_NO_DATE_AFTER = no_date_after(MONTHS)
_SEASONS = load("date_words.json")["seasons"]  # «летом 2024 года», «весной этого года»: only with its year

PATTERNS = [re.compile(p, re.IGNORECASE) for p in (
    rf"(?<![\w.]){_LEAD}(?P<d1>\d{{1,2}})(?:\s+(?P<m1>{MONTHS})(?:\s+(?P<y1>{YEAR})(?:{_YEAR_WORD})?)?)?"
    rf"(?:\s*(?:[-–—]|по)\s*(?P<d2>\d{{1,2}}))?\s+(?P<m2>{MONTHS}){_YEAR_SLOT.format('y2')}",
    rf"(?<![\w-]){_LEAD}(?P<m1>{MONTHS})(?:(?:\s*[-–—]\s*|\s+по\s+)(?P<m2>{MONTHS}))?"
    rf"{_YEAR_SLOT.format('y1')}",
    rf"(?<![\w-]){_LEAD}(?P<q>{_ORDINAL})\s+(?P<qk>(?:квартал|полугоди)[а-яё]*|кв\.){_YEAR_SLOT.format('y1')}",
    rf"(?<![\w-]){_LEAD}(?P<q>{_ORDINAL})\s+(?P<qk>половин[а-яё]*){_YEAR_AFTER.format('y1')}",
    rf"(?<![\w-])(?P<season>{'|'.join(_SEASONS)}){_YEAR_AFTER.format('y1')}",
    rf"(?<![\w-])(?P<lead>в|во)\s+(?P<wd>{'|'.join(WEEKDAYS)})(?![\w-]){_NO_DATE_AFTER}",
    rf"(?<![\w.,№]){_LEAD}(?P<y1>{YEAR})(?:\s*(?:[-–—]|по)\s*(?P<y2>{YEAR}))?{_YEAR_WORD}",
    rf"(?<![\w-])(?:(?P<lead>в|во)\s+)?{_REL_YEAR}",
    rf"(?<![\w-]){_LEAD}(?P<m1>{MONTHS})\s+(?P<y1>{YEAR})(?:{_YEAR_WORD})?(?:\s*[-–—]\s*|\s+по\s+)"
    rf"(?P<m2>{MONTHS})\s+(?P<y2>{YEAR})(?:{_YEAR_WORD})?",
    rf"(?<![\w.,№]){_LEAD}(?P<y1>{YEAR})(?=(?:\s*,\s*{YEAR})*\s*(?:,|и|или)\s*{YEAR}{_YEAR_WORD})",
    rf"(?<![\w.]){_LEAD}(?P<d1>\d{{1,2}})(?:-?(?:го|е))?\s+(?P<dom>числа)(?![а-яё])",
    rf"(?<![\w-])(?:(?P<agon>\d{{1,2}}|{_COUNT})\s+)?(?P<ago>года?|лет)\s+назад(?![\w-])",
)]

_FUTURE = re.compile(r"планир|предстоит|намерен|собира", re.IGNORECASE)
_PAST = re.compile(r"прошедш|состоявш|минувш", re.IGNORECASE)
_ASIDES = words("date_words.json", "asides")  # «напомним», «отметим», …
_WORD = re.compile(r"[а-яё]+", re.IGNORECASE)
_TENSED = frozenset({"VERB", "PRTS", "PRTF"})  # pymorphy3 parts of speech that carry a tense
_EVENT_VERBS = frozenset({"VERB", "PRTF"})  # those that tell of an event, not of a state


def clause_tense(text: str, events_only: bool = False) -> str | None:
    """'futr', 'past' or None for a stretch of Russian text, from its verbs and participles;
    with `events_only`, a short participle (a state: «парк заполнен») tells no tense.
    Future wins over past: «будет подготовлена» is future though the participle is past.

    Example: clause_tense("технопарк откроется") → "futr"; clause_tense("парк открыли") → "past"."""
    if _FUTURE.search(text):
        return "futr"
    verbs = _EVENT_VERBS if events_only else _TENSED
    words = [w.lower() for w in _WORD.findall(text)]
    tenses = {p.tag.tense for w in words if w not in _ASIDES
              for p in parse(w)[:1] if p.tag.POS in verbs}
    if "futr" in tenses:
        return "futr"
    return "past" if "past" in tenses or _PAST.search(text) else None
