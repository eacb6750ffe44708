"""Metadata read off plain text: language, publication date and time, source site, author.

Plain functions on strings, so the boilerplate finder and the article reader share them.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ..lang.calendar import full_year, month_number
from ..lang.tables import load

STOP_WORDS: dict[str, frozenset[str]] = {  # the commonest words of each language (data/language_detection.json)
    lang: frozenset(words) for lang, words in load("language_detection.json")["stop_words"].items()
}

_SCRIPTS: tuple[tuple[str, int, int], ...] = (
    ("el", 0x0370, 0x03FF), ("hy", 0x0530, 0x058F), ("he", 0x0590, 0x05FF),
    ("ar", 0x0600, 0x06FF), ("hi", 0x0900, 0x097F), ("th", 0x0E00, 0x0E7F),
    ("ka", 0x10A0, 0x10FF), ("ko", 0xAC00, 0xD7AF), ("ja", 0x3040, 0x30FF),
    ("zh", 0x4E00, 0x9FFF),
)
_DISTINCT_LETTERS: dict[str, str] = load("language_detection.json")["distinct_letters"]  # «ї» is Ukrainian, …
_WORD = re.compile(r"[^\W\d_]+")
_CYRILLIC = re.compile(r"[а-яѐ-ӿ]")
_LATIN = re.compile(r"[a-zà-ž]")
_LANG_SAMPLE = 20_000
_MIN_LETTERS = 3


def detect_lang(text: str) -> str:
    """ISO 639-1 code of the text's language from its script and stop words, or "unknown"."""
    sample = text[:_LANG_SAMPLE].lower()
    cyrillic = len(_CYRILLIC.findall(sample))
    latin = len(_LATIN.findall(sample))
    if cyrillic + latin < _MIN_LETTERS:
        return _other_script(sample)
    words = Counter(_WORD.findall(sample))
    if cyrillic >= latin:
        for lang, letters in _DISTINCT_LETTERS.items():
            if sum(sample.count(c) for c in letters) > max(2, cyrillic // 200):
                return lang
        return _by_stop_words(words, ("ru", "uk", "be", "bg")) or "ru"
    return _by_stop_words(words, ("en", "de", "fr", "es", "it", "pl")) or "unknown"


def _by_stop_words(words: Counter[str], langs: Iterable[str]) -> str | None:
    hits = {lang: sum(n for w, n in words.items() if w in STOP_WORDS[lang]) for lang in langs}
    best = max(hits, key=hits.__getitem__)
    return best if hits[best] >= 2 else None


def _other_script(sample: str) -> str:
    counts = Counter(
        lang for c in sample for lang, lo, hi in _SCRIPTS if lo <= ord(c) <= hi
    )
    return counts.most_common(1)[0][0] if counts and counts.most_common(1)[0][1] >= 5 else "unknown"


# -- dates ---------------------------------------------------------------------------------

_MONTH = (
    r"(?P<mon>январ[яь]|феврал[яь]|марта?|апрел[яь]|ма[яй]|июн[яь]|июл[яь]|августа?|"
    r"сентябр[яь]|октябр[яь]|ноябр[яь]|декабр[яь]|янв|фев|мар|апр|июн|июл|авг|сент?|окт|нояб?|дек|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)(?![а-яёa-z])\.?"
)
_YEAR = r"(?P<y>(?:19|20)\d\d)"
_DATE_PATTERNS = (
    re.compile(
        r"(?<!\d)(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)"
        r"(?:[T ](?P<H>[0-2]\d):(?P<M>[0-5]\d)(?::(?P<S>[0-5]\d))?(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)?)?",
        re.I,
    ),
    re.compile(r"(?<![\d.])(?P<d>[0-3]?\d)(?P<sep>[./-])(?P<m>[0-3]?\d)(?P=sep)(?P<y>(?:19|20)?\d\d)(?![\d])"),
    re.compile(rf"(?:(?<=\d:\d\d)|(?<![\d–-]))(?P<d>[0-3]?\d)(?:-?е|th|st|nd|rd)?\s+{_MONTH}(?:,?\s+{_YEAR}(?!\d))?", re.I),
    re.compile(rf"\b{_MONTH}\s+(?P<d>[0-3]?\d)(?!\d)(?:st|nd|rd|th)?(?:,?\s+{_YEAR}(?!\d))?", re.I),
)
_TIME = re.compile(r"(?<![\d:.])(?P<H>[01]?\d|2[0-3]):(?P<M>[0-5]\d)(?::(?P<S>[0-5]\d))?(?![\d:])")
_DATELINE_FILLER = re.compile(
    r"(?i)\b(?:опубликован[оа]?|дата(?: публикации| создания| обновления)?|обновлен[оа]?|"
    r"изменен[оа]?|размещен[оа]?|добавлен[оа]?|published|updated|posted|modified|date|on|at|в|г|"
    r"года?|год|мск|msk|utc|gmt|понедельник|вторник|среда|четверг|пятница|суббота|"
    r"воскресенье|пн|вт|ср|чт|пт|сб|вс|monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday|mon|tue|wed|thu|fri|sat|sun)\b\.?"
)
_DATELINE_MAX_CHARS = 90
_LEADING_STAMP = re.compile(
    r"(?i)\s*(?:(?:date|дата)\s*:?\s*)?"
    r"(?P<date>(?:19|20)\d\d-[01]\d-[0-3]\d|[0-3]?\d\.[01]?\d\.(?:19|20)\d\d)(?:,?\s+[0-2]?\d:[0-5]\d)?(?=\s+\S)"
)
_PUBLICATION_LABEL = re.compile(
    r"(?i)\s*(?:дата (?:публикации|размещения|обновления)|опубликован[оа]?|обновлен[оа]?|"
    r"размещен[оа]?|(?:first )?published|(?:last )?updated|posted)(?![\w-])\s*:?"
)
_FIELD_SEPARATOR = re.compile(r"\s+[|•·/]\s+|;\s+|\.\s+(?=[^\W\d_])")
_RUBRICS = re.compile(r"(?:\s+[|•·]\s+[^\W\d_][^|•·\d.!?:]{0,40})+$")
_PERIODICAL = r"(?:газета|журнал|еженедельник)\s+[«\"„“][^\n]{1,60}?[»\"”“](?:\s*\([^()\n]{1,40}\))?"
PERIODICAL_LINE = re.compile(rf"(?i)^\s*{_PERIODICAL}\s*\.?\s*$")
_ISSUE = re.compile(rf"(?i)\s*(?P<periodical>{_PERIODICAL})?\s*№\s*\d+(?:\s*\(\d+\))?\s+от\s+")
_ISSUE_END = re.compile(
    r"(?i)(?:\s*(?:г\.|года?))?(?P<page>[,.]?\s*(?:стр\.|с\.|страниц[аы])\s*\d+(?:\s*[–-]\s*\d+)?)?\s*\.?\s*"
)
_CAPITALISED = r"[A-ZА-ЯЁ][^\W\d_]*(?:-[^\W\d_]+)*"
_AGENCY_CITY = re.compile(rf"(?P<city>{_CAPITALISED}(?: {_CAPITALISED}){{0,2}})\s*[,.]\s*")
_TAG_MARKS = " .,/()—–-«»\"\u00a0"
_AGENCY_TAIL = re.compile(
    r"(?:\s*(?:года?|г(?=\.)))?(?:,?\s+(?P<H>[0-2]?\d):(?P<M>[0-5]\d)(?![\d:]))?"
    r"(?P<tag>[.,]?\s*/[^/\n]{2,60}/|\s*\([^()\n]{2,40}\)|"
    r"[.,]?\s*[—–-]{1,2}\s*[«\"]?[A-ZА-ЯЁ][\w«»\"-]*(?:\s[«\"]?[A-ZА-ЯЁ][\w«»\"-]*){0,3}(?=[.:])|"
    r"[.,]?\s*[A-ZА-ЯЁ]{2,}[A-ZА-ЯЁ-]*(?:\s[A-ZА-ЯЁ]{2,}[A-ZА-ЯЁ-]*){0,2}(?=\s*[—–-]{1,2}\s)|"
    r",\s*[A-ZА-ЯЁ][\w.-]*\w(?:\s[A-ZА-ЯЁ][\w.-]*\w){0,2}(?=\.(?:\s|$)))?"
    r"\s*(?P<stop>[.:]|[—–-]{1,2})?(?=\s|$)"
)


@dataclass(frozen=True)
class Stamp:
    """A publication date as a text states it: `date` ISO when the year is given, otherwise
    `dateline` as a year-less ISO `--MM-DD`; `time` as "HH:MM" or "HH:MM:SS" when given."""

    date: str | None
    dateline: str | None
    time: str | None


def _find_stamp(text: str) -> tuple[Stamp, int, int] | None:
    """The first valid date in `text`, with the text's time if it has one, and the date's span."""
    found = [hit for pattern in _DATE_PATTERNS if (hit := _first_date(pattern, text))]
    if not found:
        return None
    stamp, start, end = min(found, key=lambda hit: hit[1])
    if stamp.time is None and (t := _TIME.search(text)):
        stamp = Stamp(stamp.date, stamp.dateline, _time(t))
    return stamp, start, end


def _first_date(pattern: re.Pattern[str], text: str) -> tuple[Stamp, int, int] | None:
    for m in pattern.finditer(text):
        if stamp := _stamp(m):
            return stamp, m.start(), m.end()
    return None


def parse_dateline(line: str, leftover_words: int = 2) -> Stamp | None:
    """The stamp of a line that is a dateline: a date, maybe a time and labels, and at most
    `leftover_words` other words (a rubric or a city); rubrics set off after the date
    («03.09.2024, 10:05 · Наука и образование») do not count."""
    if len(line) > _DATELINE_MAX_CHARS:
        return None
    found = _find_stamp(line)
    if found is None:
        return None
    stamp, start, end = found
    rest = _TIME.sub(" ", line[:start] + " " + _RUBRICS.sub("", line[end:]))
    rest = _DATELINE_FILLER.sub(" ", rest)
    if len(_WORD.findall(rest)) > leftover_words:
        return None
    return stamp


def leading_stamp(line: str) -> tuple[Stamp, int] | None:
    """A full numeric date opening a line that goes on with other text, as scrapers and some
    sites print the publication date before the title: its stamp and where it ends.

    « date 2025-10-24 Заголовок», «14.07.2015  Заголовок», «Дата: 24.10.2025 Заголовок»."""
    m = _LEADING_STAMP.match(line)
    if m is None or (found := _date_at(line, m.start("date"))) is None:
        return None
    return found[0], m.end()


def parse_publication_line(line: str) -> Stamp | None:
    """The stamp of a labelled publication line such as «Опубликовано 15.03.2024 в 10:12 |
    Просмотров: 1 245» or «Updated: May 5, 2024»: the label, a date and maybe a time make up its
    first field, and any other fields are page furniture. A newspaper issue line is one too."""
    m = _PUBLICATION_LABEL.match(line)
    if m is None:
        return _issue_stamp(line)
    first = _FIELD_SEPARATOR.split(line[m.end():], maxsplit=1)[0]
    return parse_dateline(first, leftover_words=0)


def _issue_stamp(line: str) -> Stamp | None:
    """The date of a newspaper issue line, «Газета «Коммерсантъ» №187 от 08.10.2024, стр. 9»:
    an issue number and its date after the periodical's name or before a page number."""
    issue = _ISSUE.match(line)
    if issue is None or (found := _date_at(line, issue.end())) is None:
        return None
    stamp, end = found
    rest = _ISSUE_END.fullmatch(line, end)
    return stamp if rest and (rest["page"] or issue["periodical"]) else None


@dataclass(frozen=True)
class AgencyDateline:
    """A news-agency dateline: its stamp, where it ends (after the agency tag), and the spans of
    the city and of the outlet it names (offsets into the paragraph; the outlet may be absent).
    The date is metadata; the city and the outlet are facts of the article like any other."""

    stamp: Stamp
    end: int
    city: tuple[int, int]
    outlet: tuple[int, int] | None


def parse_agency_dateline(paragraph: str) -> AgencyDateline | None:
    """A news-agency dateline opening a paragraph, «КАЗАНЬ, 5 марта. /ТАСС/. Текст…», «МОСКВА,
    12 апр — РИА Новости.», «Ростов-на-Дону. 21 августа. ИНТЕРФАКС - Текст», «ОМСКАЯ ОБЛАСТЬ,
    3 мая, Омск.Ru. Текст…» or «LONDON, May 5 (Reuters) -». The city is in capitals unless an agency tag
    follows or the date is full and timed before a dash («Пермь, 16 января 2017, 15:31 — Текст…»)."""
    city = _AGENCY_CITY.match(paragraph)
    if city is None:
        return None
    found = _date_at(paragraph, city.end())
    if found is None:
        return None
    stamp, date_end = found
    tail = _AGENCY_TAIL.match(paragraph, date_end)
    if tail is None or not (tail["tag"] or tail["stop"]):
        return None
    timed = bool(tail["H"] and stamp.date and tail["stop"])
    if not (city["city"].isupper() or tail["tag"] or timed):
        return None
    if tail["H"] and stamp.time is None:
        stamp = Stamp(stamp.date, stamp.dateline, _time(tail))
    outlet = _inner_span(paragraph, *tail.span("tag")) if tail["tag"] else None
    return AgencyDateline(stamp, tail.end(), city.span("city"), outlet)


def _inner_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of text[start:end] without the punctuation and spaces around it: «. /ТАСС/» → «ТАСС»."""
    inner = text[start:end]
    left = len(inner) - len(inner.lstrip(_TAG_MARKS))
    right = len(inner.rstrip(_TAG_MARKS))
    return (start + left, start + right) if right > left else None


def _date_at(text: str, pos: int) -> tuple[Stamp, int] | None:
    """The valid date that begins at `pos` in `text`, and where it ends."""
    for pattern in _DATE_PATTERNS:
        if (m := pattern.match(text, pos)) and (stamp := _stamp(m)):
            return stamp, m.end()
    return None


def parse_published(value: str) -> tuple[str, str | None]:
    """An ISO date (or "YYYY", "YYYY-MM") and time from a metadata value; ValueError if none."""
    value = value.strip()
    if re.fullmatch(r"(?:19|20)\d\d(?:-[01]\d)?", value):
        return value, None
    found = _find_stamp(value)
    if found is None or found[0].date is None:
        raise ValueError(f"published {value!r} is not a date")
    return found[0].date, found[0].time


def _stamp(m: re.Match[str]) -> Stamp | None:
    groups = m.groupdict()
    month = month_number(groups["mon"] if groups.get("mon") else groups["m"]) or 0
    day = int(groups["d"])
    if groups.get("sep") and month > 12 >= day:
        day, month = month, day
    year = full_year(groups["y"]) if groups.get("y") else None
    try:
        date = dt.date(year or 2000, month, day)
    except (TypeError, ValueError):
        return None
    time = _time(m) if groups.get("H") else None
    if year is None:
        return Stamp(None, f"--{month:02d}-{day:02d}", time)
    return Stamp(date.isoformat(), None, time)


def _time(m: re.Match[str]) -> str:
    hh, mm, ss = int(m["H"]), m["M"], m.groupdict().get("S")
    return f"{hh:02d}:{mm}" + (f":{ss}" if ss else "")


# -- source, url, author ---------------------------------------------------------------------

_URL = re.compile(r"https?://(?:[a-z0-9.-]+|[а-яё0-9.-]+)(?::\d+)?(?:/[!-~]*)?", re.I)
_DOMAIN = re.compile(
    r"(?<![@\w.-])((?:[a-zа-яё0-9](?:[a-zа-яё0-9-]{0,61}[a-zа-яё0-9])?\.)+"
    r"(?:[a-z]{2,12}(?![a-z0-9-])|(?:рф|рус)(?![а-яё0-9-])))",
    re.I,
)
SOURCE_LINE = re.compile(r"(?i)^\s*(?:источник|первоисточник|по материалам|source)\s*:\s*(?P<what>.+)")
AUTHOR_LINE = re.compile(
    r"(?i)^\s*(?:(?:автор(?: текста| материала)?|текст|материал подготовил[аи]?|подготовил[аи]?|"
    r"author)\s*[:—–-]|by|written by)\s*"
    r"(?P<name>[A-ZА-ЯЁ][\w’'-]+(?:\s+[A-ZА-ЯЁ][\w’'.-]*){1,2})\s*\.?\s*$"
)
_AUTHOR_LABEL = re.compile(r"(?i)^\s*(?:автор|текст|author|by)\b\s*[:—–-]?\s*")
_OUTLET = re.compile(
    r"(?i)(?:сетевое издание|интернет-издание|информационное агентство|©|copyright|\(c\))"
    r"[\s©]*(?:\d{4}(?:\s*[–—-]\s*\d{4})?)?[\s,.]*"
)
_OUTLET_END = re.compile(r"(?i)\.\s|\.$|[,|;:(]|\s+(?:все права|all rights|зарегистр)")
_OUTLET_MAX_WORDS = 4
_YEARS = re.compile(r"\s*\d{4}(?:\s*[–—-]\s*\d{4})?\s*$")


def domain_of(url: str) -> str | None:
    """The site of a URL or bare domain, lowercased and without "www."."""
    m = _DOMAIN.search(url)
    return m.group(1).lower().removeprefix("www.") if m else None


def find_source(header: Iterable[str], lines: Iterable[str]) -> tuple[str | None, str | None]:
    """(source site, article URL) from a «Источник: …» line, a domain line in the header, or
    the outlet named in a copyright/«Сетевое издание» footer line."""
    lines = list(lines)
    for line in lines:
        if m := SOURCE_LINE.match(line):
            what = m["what"]
            url = _URL.search(what)
            site = domain_of(what)
            if site or len(what.split()) <= 5:
                return site or what.strip(" «»\"."), _article_url(url[0]) if url else None
    for line in header:
        if site := domain_of(line):
            return site, None
    for line in lines:
        if name := _outlet_name(line):
            return domain_of(name) or name, None
    return None, None


def _outlet_name(line: str) -> str | None:
    """The outlet a copyright or «Сетевое издание …» line names."""
    m = _OUTLET.search(line)
    if m is None:
        return None
    rest = line[m.end():]
    if quoted := re.match(r"[«\"]([^»\"]{1,40})[»\"]", rest):
        return quoted[1]
    name = _OUTLET_END.split(rest, maxsplit=1)[0]
    name = _YEARS.sub("", name).strip(" .")
    return name if 0 < len(name) <= 40 and len(name.split()) <= _OUTLET_MAX_WORDS else None


def _article_url(url: str) -> str | None:
    """A URL that points at a page rather than at a site's home page."""
    url = url.rstrip(".,;)")
    return url if re.search(r"https?://[^/]+/\S", url) else None


def clean_author(name: str) -> str:
    """An author name without a label: «Автор: Анна Крылова» → «Анна Крылова»."""
    return _AUTHOR_LABEL.sub("", name).strip()


def find_author(lines: Iterable[str]) -> str | None:
    """The author named by a labelled line such as «Автор: Анна Крылова»."""
    for line in lines:
        if m := AUTHOR_LINE.match(line):
            return m["name"].rstrip(".")
    return None
