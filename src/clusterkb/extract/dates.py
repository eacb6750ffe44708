"""Calendar dates, months, years and periods, resolved to ISO against the publication date.

Values: «2023-08-11», «2023-07», «2024», ranges «2023-07-20/2023-07-21», and «XXXX-MM-DD» /
«XXXX-MM» when nothing in the article fixes the year (a year is never invented).
Mention spans cover the date phrase with the word that makes it a point or period of time:
a relative word («Вчера, 11 августа», «в этом году») or an introducing в/во/с/со/in/since/
from/during («В 2024 году», «Since July», «с 1 по 5 марта»). Words that relate an event to
the date without being part of it (до, к, по, by, until, в конце…) stay outside («до 1 ноября»
→ «1 ноября»). A bare «сегодня»/«today» is the day only when it tells of an event (a past or
future verb follows: «Сегодня открылся технопарк»), not of how things are now («Сегодня в
кластере работают…»). A line that holds nothing but a date (and a time), a labelled stamp
(«Опубликовано 15.03.2024 в 12:40») and an agency dateline («МОСКВА, 14 мая 2024.») are
datelines: metadata, not dates of the article, though `date_spans` still reports them; so is a
date opening its line with a time after it («03.09.2024, 10:05 · Экономика»).
Quarters, half-years and seasons are month intervals («в III квартале 2025 года», "Q3 2025" →
«2025-07/2025-09»; «в первой половине 2025 года» → «2025-01/2025-06»; «летом 2024 года» →
«2024-06/2024-08»); a weekday named without a date («в среду», "on Wednesday") is that day of
the publication week, on or before publication in the past tense, on or after it in the future.
Counted back and forth from publication: «три года назад», "two years ago", "next March", «с 6
числа» (of the publication month). «с мая 2019 года по март 2020 года» is one period; «в 2021
и 2022 году» two years; months read as the project's one calendar rule (`lang.calendar.month_number`,
`lang.calendar.full_year`) reads them, so stamps and body dates agree.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from ..model import Article
from ..model import Fact
from ..lang.calendar import full_year, month_number, weekday_number
from ..lang.tables import load
from .date_patterns import YEAR
from .document import Document, Sentence, make_document
from .languages import LANGUAGES, language
from .numbers import collect, find_numbers

_INCLUDED = {"в", "во", "с", "со", "in", "since", "from", "during"}
_BOUNDS = {"до", "к", "by", "until", "till", "to", "before", "through"}
_OPENING = {"с", "со", "since", "from"}
_DATE_WORDS = load("date_words.json")  # relative days and years, quarter ordinals, asides
_MONTH_SHIFT = _DATE_WORDS["month_shifts"]  # "next March" → +1
_DAY_SHIFT = _DATE_WORDS["day_shifts"]  # «вчера» → -1, "tomorrow" → +1
_REL_DAY = rf"(?P<rel>{'|'.join(_DAY_SHIFT)})"
_YEAR_SHIFT = [(stem, shift) for stem, shift in _DATE_WORDS["year_shifts"]]  # «позапрошл» → -2, …

_ORDINALS = _DATE_WORDS["quarter_ordinals"]  # «перв», …, "fourth": first to fourth in each language
_ROMAN = _DATE_WORDS["roman_numerals"]  # «III квартал»
_SEASONS = _DATE_WORDS["seasons"]  # «летом» → June to August
_ALL_MONTHS = "|".join(lang.dates.MONTHS for lang in LANGUAGES.values())  # «Вчера, 11 августа» in any language read
_ANY = [re.compile(p, re.IGNORECASE) for p in (
    rf"(?<![\w.]){_REL_DAY}\s*,?\s*(?P<d1>\d{{1,2}})\s+(?P<m2>{_ALL_MONTHS})(?:,?\s+(?P<y2>{YEAR}))?",
    rf"(?<![\w-]){_REL_DAY}(?![\w-])",
    r"(?<![\d.\-/:])(?P<d1>\d{1,2})(?P<sep>[./-])(?P<m1>\d{1,2})(?P=sep)(?P<y1>\d{4}|\d{2})(?![\d:]|[./-]\d)",
    r"(?<![\d.\-/])(?P<y1>(?:19|20)\d\d)-(?P<m1>\d\d)-(?P<d1>\d\d)(?![\d]|[.-]\d)",
)]
_HINT = re.compile(r"\d|январ|феврал|март|апрел|ма[йяе]|июн|июл|август|сентябр|октябр|ноябр|декабр"
                   r"|вчера|сегодня|завтра|год|квартал|полугод|понедельник|вторник|сред|четверг"
                   r"|пятниц|суббот|воскресен|today|yesterday|tomorrow|year|quarter|half|day"
                   r"|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec")  # on lower-cased text: fast
_ON_TODAY = re.compile(r"(?:на|по|до)\s+$", re.IGNORECASE)
_NOWADAYS = {"сегодня", "today"}
_SPEECH_END = re.compile(r"[»\"”;]|\s[—–]\s")
_DATELINE_REST = re.compile(r"\d{1,2}:\d\d(?::\d\d)?|[\W_]", re.UNICODE)
_BLANK = re.compile(r"\s*")
_LETTER = re.compile(r"[^\W\d_]")
_TIME_AFTER = re.compile(r"[,\s|·]*\d{1,2}:\d\d(?!\d)")
_STAMP_LABEL = re.compile(r"\W*(?:опубликовано|дата\s+публикации|размещено|published|posted)\W*",
                          re.IGNORECASE)
_AGENCY = re.compile(r"\s*[A-ZА-ЯЁ][A-ZА-ЯЁ-]+(?:\s+[A-ZА-ЯЁ][A-ZА-ЯЁ-]+)*,\s*")
_AGENCY_AFTER = re.compile(r"\s*(?:[./(—–-]|$)")
_CLAUSE = re.compile(r"[,;:()«»\"—–]")
_RECALL = re.compile(r"\b(?:напомним|напомню|напоминаем|ранее сообщалось|let us recall|recall that|as reported)\b",
                     re.IGNORECASE)  # a report recalled from the past tells nothing of when the article is
_SUMMED_UP = re.compile(r"(?:по\s+итогам|за|for)\s+(?:(?:весь|the\s+whole\s+of)\s+)?$", re.IGNORECASE)
_WEEKDAY_YEARS = 4  # how far from the bounds' year a named weekday may move a guessed publication day
_Part = tuple[int | None, int | None, int | None]


@dataclass(frozen=True)
class _Raw:
    """One date phrase as written: span, explicit parts (year, month, day) of its first and last
    point, a relative day or year shift, the sentence it stands in, whether it is a bound
    («до 2030 года», «by 2030»: a deadline, not a time something happens), the weekday
    (Monday 0) of «в среду» / "on Wednesday", and whether it opens a period with no end («с
    2019 года», "since 2019": something holds from then on, up to some later time); a month
    that is the next (+1), last (-1) or this (0) one from publication ("next March"). A day
    without a month («с 6 числа») is of the publication month."""

    start: int
    end: int
    first: _Part
    last: _Part | None
    day_shift: int | None
    year_shift: int | None
    sentence: Sentence
    bound: bool = False
    weekday: int | None = None
    opens: bool = False
    month_shift: int | None = None


def _month(word: str | None) -> int | None:
    """Month number of a month name (any case, Russian or English) or of digits."""
    return month_number(word) if word else None


def _year(text: str | None, ref_year: int) -> int | None:
    """A written year, two-digit ones in the century of the project's calendar rule."""
    return full_year(text, ref_year) if text else None


def _valid(part: _Part) -> bool:
    """Is this a real calendar point (31.02 is not), with a plausible year?"""
    y, m, d = part
    if y is not None and not 1900 <= y <= 2100 or m is not None and not 1 <= m <= 12:
        return False
    if m is None:
        return d is None or 1 <= d <= 31
    return d is None or 1 <= d <= calendar.monthrange(y or 2000, m)[1]


def _ordered(first: _Part, last: _Part) -> bool:
    """Does a range run forward? Without years only a same-point range is rejected."""
    if first[0] and last[0]:
        return _key(last) > _key(first)
    return _key(last)[1:] != _key(first)[1:]


def _key(part: _Part) -> tuple[int, int, int]:
    """Sort key of a part, unknown fields as 0."""
    return (part[0] or 0, part[1] or 0, part[2] or 0)


def _raw(m: re.Match, sentence: Sentence, ref_year: int, lang: str) -> _Raw | None:
    """A match turned into a _Raw, or None when it is not a date (bare month, invalid day…)."""
    g = m.groupdict()
    lead = (g.get("lead") or "").lower()
    if g.get("m1") and not g.get("d1") and not (lead or g.get("y1") or g.get("rely") or g.get("relm")):
        return None
    if g.get("rel") and not g.get("d1") and not _relative_day(sentence.text, m, lang):
        return None
    if g.get("sep") and g["sep"] != "." and len(g["y1"]) == 2:
        return None
    year_shift = _years_ago(g["agon"], lang) if g.get("ago") else _year_shift(g.get("rely"))
    if year_shift is None and g.get("ago"):
        return None
    y1, y2 = _year(g.get("y1"), ref_year), _year(g.get("y2"), ref_year)
    d1, d2 = _int(g.get("d1")), _int(g.get("d2"))
    if g.get("qk") and _counted_periods(g):
        return None
    months = _period(g["q"], g["qk"]) if g.get("qk") else _season(g["season"]) if g.get("season") else (
        _month(g.get("m1")), _month(g.get("m2")))
    if months is None:
        return None
    m1, m2 = months
    if g.get("sep") == "/" and m1 and m1 > 12 and d1 and d1 <= 12:
        d1, m1 = m1, d1
    if d1 is not None:
        y1 = y1 or y2 and y2 - bool(m1 and m2 and m1 > m2)
        first, last = (y1, m1 or m2, d1), ((y2, m2, d2) if d2 is not None else None)
    elif m2 is not None:
        first, last = (y1, m1, None), (y2 or y1, m2, None)
    else:
        first, last = (y1, m1, None), ((y2, None, None) if y2 else None)
    if not _valid(first) or last and (not _valid(last) or not _ordered(first, last)):
        return None
    start = m.start() if lead in _INCLUDED or not lead else _skip_space(sentence.text, m.end("lead"))
    return _Raw(sentence.start + start, sentence.start + m.end(), first, last,
                _DAY_SHIFT.get((g.get("rel") or "").lower()), year_shift, sentence,
                lead in _BOUNDS, _weekday(g.get("wd")), lead in _OPENING and last is None,
                _MONTH_SHIFT.get((g.get("relm") or "").lower()))


def _years_ago(count: str | None, lang: str) -> int | None:
    """Years back of «год назад», «три года назад», "two years ago" (-1, -3, -2), or None when
    the word before is no number («несколько лет назад»)."""
    if count is None or count.lower() == "a":
        return -1
    numbers = find_numbers(count, lang)
    if len(numbers) != 1 or (numbers[0].start, numbers[0].end) != (0, len(count)):
        return None
    value = numbers[0].value
    return -int(value) if value == int(value) else None


def _counted_periods(g: dict[str, str | None]) -> bool:
    """Are a bare digit and «квартал» a count of quarters («за 4 квартала»), not the 4th quarter?
    Only a year or the prepositional («в 4 квартале») makes the digit an ordinal."""
    noun = g["qk"].lower()
    return noun.startswith(("квартал", "полугод")) and g["q"].isdigit() and not (
        g.get("y1") or g.get("rely") or noun.endswith(("е", "и")))


def _ordinal(word: str) -> int:
    """The number (1–4) of an ordinal as quarters are named: «третьем», "third", «3-м», «III»."""
    w = word.lower()
    if w[0].isdigit():
        return int(w[0])
    return _ROMAN.get(w) or next(i % 4 + 1 for i, stem in enumerate(_ORDINALS) if w.startswith(stem))


def _period(ordinal: str, kind: str) -> tuple[int, int] | None:
    """First and last month of a quarter or half-year («третьем квартале» → 7, 9; "H1" → 1, 6),
    or None when there is no such period («третьем полугодии»)."""
    n, size = _ordinal(ordinal), 6 if kind.lower().startswith(("п", "h")) else 3
    return ((n - 1) * size + 1, n * size) if n * size <= 12 else None


def _season(word: str) -> tuple[int, int]:
    """First and last month of a season named as a time: «летом» → 6, 8 (data/date_words.json)."""
    first, last = _SEASONS[word.lower()]
    return first, last


def _weekday(word: str | None) -> int | None:
    """Weekday number (Monday 0) of a weekday name in any language read («среду», "Wednesday")."""
    return weekday_number(word) if word else None


def _relative_day(text: str, m: re.Match, lang: str) -> bool:
    """Is a bare relative day word a day? Not after «на/по/до» («на сегодня»); «сегодня»/«today»
    only when the rest of its clause tells of an event in the past or future tense: a short
    participle tells of a state («Сегодня парк заполнен целиком»), not of an event."""
    if _ON_TODAY.search(text[:m.start()]):
        return False
    if m.group("rel").lower() not in _NOWADAYS:
        return True
    end = _SPEECH_END.search(text, m.end())
    return language(lang).dates.clause_tense(text[m.end():end.start() if end else len(text)], events_only=True) is not None


def _skip_space(text: str, i: int) -> int:
    """The offset of the first non-blank character from i: where a span past a lead word starts."""
    return len(text) - len(text[i:].lstrip(" \t\u00a0-")) if i < len(text) else i


def _int(text: str | None) -> int | None:
    """An optional regex group as an int."""
    return int(text) if text else None


def _year_shift(word: str | None) -> int | None:
    """Years from the publication year: «прошлом» → -1, «следующем» → +1, «этом» → 0."""
    if word is None:
        return None
    w = word.lower()
    return next((shift for stem, shift in _YEAR_SHIFT if stem in w), 0)


def _find(doc: Document) -> list[_Raw]:
    """Every date phrase of the document, longest first where phrases overlap."""
    ref_year = (doc.published or dt.date.today()).year
    return [r for sentence in doc.sentences for r in _sentence_raws(sentence, doc.lang, ref_year)]


@lru_cache(maxsize=2048)
def _sentence_raws(sentence: Sentence, lang: str, ref_year: int) -> tuple[_Raw, ...]:
    """The date phrases of one sentence; cached, as the count extractor asks for them too."""
    if not _HINT.search(sentence.text.lower()):
        return ()
    patterns = _ANY + language(lang).dates.PATTERNS
    raws = [r for p in patterns for m in p.finditer(sentence.text)
            if (r := _raw(m, sentence, ref_year, lang))]
    taken: list[_Raw] = []
    for r in sorted(raws, key=lambda r: (r.start, r.start - r.end)):
        if all(r.start >= t.end or r.end <= t.start for t in taken):
            taken.append(r)
    return tuple(taken)


def date_spans(doc: Document) -> list[tuple[int, int]]:
    """Spans of every date phrase (datelines included), for extractors that must skip them; a
    phrase that no publication date anchors is none: «восемь лет назад» then counts years."""
    raws = _find(doc)
    resolver = _Resolver(doc, raws)
    return [(r.start, r.end) for r in raws if _is_dateline(doc, r) or resolver.value(r)]


def _tense(sentence: Sentence, offset: int, lang: str) -> str | None:
    """'past', 'futr' or None for the clause holding a document offset (else its sentence).

    Future wins over past: «будет подготовлена» is future though the participle is past.
    """
    text, pos = sentence.text, offset - sentence.start
    right = next((m.start() for m in _CLAUSE.finditer(text, pos)), len(text))
    return _clause_tense(text[_clause_start(text, pos):right], lang) or _clause_tense(text, lang)


def _lead_tense(r: _Raw, lang: str) -> str | None:
    """Tense of the verbs leading up to a date in its clause ("said on Wednesday"), else of its clause."""
    text, pos = r.sentence.text, r.start - r.sentence.start
    return _clause_tense(text[_clause_start(text, pos):pos], lang) or _tense(r.sentence, r.start, lang)


def _clause_start(text: str, pos: int) -> int:
    """Where the clause holding offset pos of a sentence starts: after the punctuation before it."""
    return max((m.end() for m in _CLAUSE.finditer(text, 0, pos)), default=0)


def _clause_tense(text: str, lang: str) -> str | None:
    """Tense ('past', 'futr' or None) of a stretch of text, as its language's grammar tells it."""
    return language(lang).dates.clause_tense(text)


class _Resolver:
    """Fills in the years a date leaves out, from the publication date or the article itself."""

    def __init__(self, doc: Document, raws: list[_Raw]):
        self.doc = doc
        self.pub = doc.published
        published = doc.article.published or ""
        self.pub_year = self.pub.year if self.pub else int(published[:4]) if published[:4].isdigit() else None
        self.explicit = [r for r in raws if r.first[0] is not None]

    def value(self, r: _Raw) -> str | None:
        """The ISO value of a date phrase, or None when it cannot be anchored at all."""
        if r.weekday is not None:
            return self._weekday_date(r)
        if r.first == (None, None, None):
            if r.day_shift is not None:
                return (self.pub + dt.timedelta(days=r.day_shift)).isoformat() if self.pub else None
            return str(self.pub_year + r.year_shift) if self.pub_year else None
        if r.first[1] is None and r.first[2] is not None:
            return self._day_of_month(r)
        first = self._fill(r.first, r)
        if first[0] is None and r.year_shift is not None:
            return None  # «осенью прошлого года» with no publication year: no anchor, no date
        if r.last is None:
            return _iso(first)
        y = r.last[0] or (first[0] and first[0] + (_key(r.last)[1:] < _key(r.first)[1:]))
        return f"{_iso(first)}/{_iso((y, r.last[1], r.last[2]))}"

    def _weekday_date(self, r: _Raw) -> str | None:
        """The day a weekday names: in the publication week, on or before publication unless told
        in the future tense, then on or after it."""
        if not self.pub:
            return None
        ahead = (r.weekday - self.pub.weekday()) % 7
        if ahead and _lead_tense(r, self.doc.lang) != "futr":
            ahead -= 7
        return (self.pub + dt.timedelta(days=ahead)).isoformat()

    def _day_of_month(self, r: _Raw) -> str | None:
        """The day a «6 числа» names: of the publication month; of the month before when told in
        the past and after publication, of the month after when told in the future and before it."""
        if not self.pub:
            return None
        day, tense = r.first[2], _tense(r.sentence, r.start, self.doc.lang)
        shift = (tense == "futr" and day < self.pub.day) - (tense == "past" and day > self.pub.day)
        y, m = divmod(self.pub.year * 12 + self.pub.month - 1 + shift, 12)
        return _iso((y, m + 1, day)) if _valid((y, m + 1, day)) else None

    def _fill(self, part: _Part, r: _Raw) -> _Part:
        """The part with its year supplied when the text left it out."""
        y, m, d = part
        if y is None and r.month_shift is not None:
            y = self._year_of_shifted_month(m, r.month_shift)
        elif y is None and r.year_shift is not None:
            y = self.pub_year + r.year_shift if self.pub_year else None
        elif y is None:
            y = self._year_of(m, d, r)
        return y, m, d

    def _year_of_shifted_month(self, m: int, shift: int) -> int | None:
        """The year of "next March" (the first March after publication), "last May" (the last May
        before it) or "this June" (of the publication year)."""
        if not self.pub:
            return None
        return self.pub.year + (shift > 0 and m <= self.pub.month) - (shift < 0 and m >= self.pub.month)

    def _year_of(self, m: int, d: int | None, r: _Raw) -> int | None:
        """The year of a date or period without one: around the publication day, else the
        publication year, else from the text."""
        if self.pub and r.day_shift is not None:
            anchor = self.pub + dt.timedelta(days=r.day_shift)
            if (anchor.month, anchor.day) == (m, d):
                return anchor.year
        if self.pub:
            return self._year_around(self.pub, r)
        if self.pub_year:
            return self.pub_year
        return self._year_from_text(m, r) or self._year_from_full_date(m, d, r)

    def _year_around(self, pub: dt.date, r: _Raw) -> int:
        """Publication year; a year earlier for a date or period starting after publication told
        in the past tense, a year later for one over before publication told in the future."""
        last = r.last if r.last and r.last[1] and _key(r.last)[1:] >= _key(r.first)[1:] else r.first
        start, end, now = (r.first[1], r.first[2] or 1), (last[1], last[2] or 31), (pub.month, pub.day)
        if start <= now <= end:
            return pub.year
        tense = _tense(r.sentence, r.start, self.doc.lang)
        return pub.year - (tense == "past" and start > now) + (tense == "futr" and end < now)

    def _year_from_text(self, m: int, r: _Raw) -> int | None:
        """The nearest explicit year given to the same month, else in the same paragraph (a
        deadline's year, «до 2030 года», is no year of events)."""
        same_month = [e for e in self.explicit if e.first[1] == m]
        line = self.doc.text.rfind("\n", 0, r.start), self.doc.text.find("\n", r.start)
        same_line = [e for e in self.explicit
                     if not e.bound and line[0] < e.start and (line[1] < 0 or e.start < line[1])]
        for pool in (same_month, same_line):
            if pool:
                return _nearest(pool, r).first[0]
        return None

    def _year_from_full_date(self, m: int, d: int | None, r: _Raw) -> int | None:
        """The year of the nearest full date printed in the text («On 14 May 2024»), when the
        tense puts this date on the right side of it: later in the future, earlier in the past."""
        full = [e for e in self.explicit if e.first[2] is not None and e.last is None]
        if not full:
            return None
        anchor = _nearest(full, r)
        here = (m, d) if d else (m,)
        there = anchor.first[1:1 + len(here)]
        tense = _tense(r.sentence, r.start, self.doc.lang)
        fits = tense == "futr" and here >= there or tense == "past" and here <= there
        return anchor.first[0] if fits else None


def _nearest(raws: list[_Raw], r: _Raw) -> _Raw:
    """The date phrase of raws nearest to r in the text."""
    return min(raws, key=lambda e: abs(e.start - r.start))


def _iso(part: _Part) -> str:
    """ISO form of a part, «XXXX» for an unknown year."""
    y, m, d = part
    return "-".join([f"{y:04d}" if y else "XXXX"] + [f"{x:02d}" for x in (m, d) if x is not None])


def _is_dateline(doc: Document, r: _Raw) -> bool:
    """Is the date a printed dateline: alone on its line (with at most a time), after a
    publication label («Опубликовано»), or between an agency's place in capitals opening a
    paragraph and a full stop, slash or dash («ЯРОСЛАВЛЬ, 14 декабря 2023.», «OMSK, 3 June —»)?"""
    text = doc.text
    start = text.rfind("\n", 0, r.start) + 1
    end = text.find("\n", r.end)
    end = end if end >= 0 else len(text)
    if _STAMP_LABEL.fullmatch(text, start, r.start) or \
            _AGENCY.fullmatch(text, start, r.start) and _AGENCY_AFTER.match(text, r.end, end):
        return True
    if _BLANK.fullmatch(text, start, r.start) and _TIME_AFTER.match(text, r.end, end):
        return True
    if _LETTER.search(text, r.end, end) or _LETTER.search(text, start, r.start):
        return False  # a letter is never part of a time: the line says more than the date
    return not _DATELINE_REST.sub("", text[start:r.start] + text[r.end:end])


def extract_dates(doc: Document) -> list[Fact]:
    """Date facts of a document: one per ISO value, with all its mentions."""
    raws = _find(doc)
    resolver = _Resolver(doc, raws)
    found = []
    for r in raws:
        if not _is_dateline(doc, r) and (value := resolver.value(r)):
            found.append((value, {"value": value}, r.start, r.end))
    return collect(doc, "date", found)


def infer_published(text: str, dateline: str | None, lang: str = "ru") -> tuple[str | None, float]:
    """Guess the publication date (ISO, confidence 0..1) from the content (in language `lang`)
    and a no-year dateline.

    The day comes from the dateline «--MM-DD» or «Вчера/Сегодня, D month»; the year from explicit
    years in past-tense clauses and future ones (not the opening year of a period, «с 2019
    года», which tells when something began, not when it was told, nor a recalled report,
    «Напомним, в июле 2023 года…», which may be of any time before). A past-tense report bounds
    the article from below: it is of the year of the latest report (of the next one when the
    report sums its year up, «по итогам 2023 года»), or of the next year when the day would fall
    before that report's last month or day began. Without a report, a future year bounds it from
    above: the latest day not after it. A deadline told in the past («поручено до 1 марта 2024
    года») bounds nothing. Without a known day, deadlines alone fix nothing: the year needs a
    past-tense report. A weekday the article names («во вторник одобрил») is, in a dated report,
    mostly the day itself: of the years the bounds allow, the nearest where the day falls on it.
    """
    doc = make_document(Article(id="", path="", text=text, lang=lang))
    raws = _find(doc)
    day, shift = _day_cue(raws, dateline)
    lowers, uppers = [], []
    for r in raws:
        if r.first[0] is not None and r.year_shift is None:
            tense = _tense(r.sentence, r.start, doc.lang)
            if tense == "past" and not (r.bound or r.opens or _RECALL.search(r.sentence.text)):
                lowers.append(_report_bound(r))
            elif tense == "futr":
                uppers.append(_bound(r.first, start=False))
    if not lowers and (day is None or not uppers):  # no past report, and no day or no deadline: no guess
        return None, 0.0
    both = bool(lowers and uppers)
    if day is None:
        year = max(b.year for b in lowers)
        return (str(year), round(0.4 + 0.2 * both, 2)) if all(year <= b.year for b in uppers) else (None, 0.0)
    weekdays = {r.weekday for r in raws if r.weekday is not None}
    guess = _guess_day(day, shift, lowers, uppers, weekdays)
    return (guess.isoformat(), round(0.7 + 0.2 * both, 2)) if guess else (None, 0.0)


def _report_bound(r: _Raw) -> dt.date:
    """The earliest day a past report of a date can be told: the date's start, or the day after
    its end when the report sums the period up («по итогам 2023 года», «за 2023 год», "for 2023")."""
    part = r.last if r.last and r.last[0] else r.first
    before = r.sentence.text[:r.start - r.sentence.start]
    if part[2] is None and _SUMMED_UP.search(before):
        return _bound(part, start=False) + dt.timedelta(days=1)
    return _bound(part, start=True)


def _guess_day(day: tuple[int, int], shift: int, lowers: list[dt.date], uppers: list[dt.date],
               weekdays: set[int] = frozenset()) -> dt.date | None:
    """The day (month, day, shifted) in the earliest year the past reports allow, else the latest
    the future ones allow, that falls between all the bounds; within a few years of that one, a
    year where the day is a weekday the article names comes first."""
    step = 1 if lowers else -1
    year = max(b.year for b in lowers) if lowers else min(b.year for b in uppers)
    candidates = [d for y in range(year, year + step * _WEEKDAY_YEARS, step) if (d := _day_in(y, day, shift))]
    fitting = [d for d in candidates if all(b <= d for b in lowers) and all(d <= b for b in uppers)]
    named = [d for d in fitting if d.weekday() in weekdays]
    near = [d for d in fitting if abs(d.year - year) <= 1]
    return (named or near or [None])[0]


def _day_in(year: int, day: tuple[int, int], shift: int) -> dt.date | None:
    """(month, day) of a year, shifted by days, or None when the year has no such day (29 Feb)."""
    try:
        return dt.date(year, *day) + dt.timedelta(days=shift)
    except ValueError:
        return None


def _day_cue(raws: list[_Raw], dateline: str | None) -> tuple[tuple[int, int] | None, int]:
    """(month, day) the article's day is counted from, and the shift: «Вчера, 11 августа» → +1."""
    if dateline and re.fullmatch(r"--\d\d-\d\d", dateline):
        return (int(dateline[2:4]), int(dateline[5:7])), 0
    for r in raws:
        if r.day_shift is not None and r.first[2] is not None:
            return (r.first[1], r.first[2]), -r.day_shift
    return None, 0


def _bound(part: _Part, start: bool) -> dt.date:
    """The first (start) or last day of a year, month or day."""
    y, m, d = part
    if start:
        return dt.date(y, m or 1, d or 1)
    m = m or 12
    return dt.date(y, m, d or calendar.monthrange(y, m)[1])
