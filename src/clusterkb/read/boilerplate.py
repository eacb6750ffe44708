"""Site junk in a news text: where the article body ends and which lines inside it are not article.

Each line (paragraph) is classified jusText-style by its own features — length, share of stop
words, whether it ends as a sentence, cue phrases, link/e-mail/phone/hashtag density — into
prose, short (headline-like), credit, cue or end mark. The body ends at an end mark («###»), or
at the first credit or cue line after which the text never again reads as an article: no prose
before the next cue, and after it no two prose paragraphs in a row (teaser lists alternate
headlines with one-paragraph descriptions); a byline just before that end goes with the tail.
A site's widgets above the title (currency rates, weather, today's date beside them) are
navigation, and a publication stamp printed in front of the title is a dateline of its own.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from ..lang.calendar import weekday_lemmas
from ..lang.tables import words
from .metadata import (
    AUTHOR_LINE, PERIODICAL_LINE, SOURCE_LINE, STOP_WORDS, Stamp, leading_stamp, parse_agency_dateline,
    parse_dateline, parse_publication_line,
)


@dataclass(frozen=True, slots=True)
class Line:
    """One non-empty line of the text: `text` is text[start:end], stripped."""

    start: int
    end: int
    text: str


class Kind(Enum):
    """What a line is, judged on its own."""

    PROSE = "prose"  # reads as article sentences
    SHORT = "short"  # headline-like or neutral
    CREDIT = "credit"  # photo, author or date credit: junk that also sits inside articles
    CUE = "cue"  # site junk that opens a tail: related news, footer, comments, tags, ads
    END = "end"  # an end-of-release mark («###»): nothing after it is article


@dataclass(frozen=True)
class Layout:
    """The text's lines with their kinds, and where title, datelines, body and junk are."""

    lines: list[Line]
    kinds: list[Kind]
    navigation: list[int]  # indices of site navigation lines above the title
    title: int | None
    datelines: list[tuple[int, int, Stamp]]  # (start, end) spans of the header's datelines
    body_end: int | None
    excluded: list[tuple[int, int]]
    stamp: Stamp | None  # the publication date: of a dateline, else of a publication line


_CHECK_CHARS = 400  # cues are looked for in a line's first characters only
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_HEADER_LINES = 12

# Patterns below match lowercased text. A cue word that also starts ordinary sentences
# («Все материалы направлены…», «Учредителем выступил…») counts only as a header: alone on its
# line or followed by a colon, a count or a separator.
_HEADER_END = r"(?=\s*(?:$|[:(»|—–>*.,\d]))"
_CREDIT = re.compile(
    r"^[\s|•·]*(?:фото\w*|видео|иллюстраци\w+|коллаж|изображение|инфографика|скриншот|кадр|"
    r"источник фото|автор фото|photo\w*|image|picture|credit|illustration)\b\s*"
    r"(?:[:©]|[—–-]\s|(?:by|предоставлен\w*|автора|пресс-служб\w*|с сайта|с официального)\b|"
    r"из (?:открытых источников|архива|личного архива|соцсетей|социальных сетей))"
)
_EMBEDDED_CREDIT = re.compile(r"\b(?:фото|photo)\s*[:©]")
_READING_TIME = re.compile(  # on lowercased text: «1 мин.», «Время чтения: 3 минуты», "4 min read"
    r"^(?:время чтения\s*:?\s*|reading time\s*:?\s*)?~?\d{1,2}\s*(?:мин(?:ут[аы]?)?|min(?:ute)?s?)\.?"
    r"(?:\s+(?:чтения|на чтение|read))?$"
)
_AGO_STAMP = re.compile(  # on lowercased text: «2 минуты назад», «5 hours ago», a stamp counted from now
    r"^(?:\d{1,2}|одн[уа]|один)\s+(?:минут\w*|час\w*|дн\w*|день|minutes?|hours?|days?)\s+(?:назад|ago)$"
)
_TEASERS = (  # headers of related and latest news
    r"(?:читайте|читать) (?:также|еще|ещё|тоже|по теме)|(?:смотрите|см\.) (?:также|еще|ещё|по теме)|"
    r"(?:последние|главные|другие|похожие|свежие|популярные|актуальные|все|ещё|еще|лучшие|важные|"
    r"горячие|интересные) (?:новости|материалы|статьи|публикации|записи|события)|"
    r"(?:(?:материалы|статьи|публикации|записи|новости|ранее|также|еще|ещё) )?по теме|популярное|"
    r"вам (?:может быть|будет) интересно|выбор редакции|лента новостей|новости партн[её]ров|"
    r"самое (?:читаемое|популярное|обсуждаемое|интересное|важное)|"
    r"related(?: news| articles| stories| posts)?|read (?:more|also|next)|see also|"
    r"more (?:news|stories)|latest news|top stories|you (?:may|might) also like|most (?:read|popular)"
)
_TEASER_START = re.compile(rf"^(?:{_TEASERS}){_HEADER_END}")
_CUE_START = re.compile(
    r"^(?:"
    rf"(?:{_TEASERS}|"
    r"комментари(?:и|ев|й)|(?:добавить|оставить|написать) (?:комментарий|отзыв)|"
    r"поделиться|поделитесь|share(?: this(?: article| story| post)?)?|реклама|"
    r"(?:теги|тэги|метки|ключевые слова|tags))" + _HEADER_END + "|"
    # a company's boilerplate heading in a press release
    r"(?:about|о компании)(?:\s+[^\s\d.!?:;]+){0,5}\s*$|"
    # subscriptions
    r"подпи(?:шитесь|сывайтесь|саться)|присоединяйтесь|следите за (?:новостями|нами)|"
    r"мы в (?:соцсетях|соц\. сетях|telegram|телеграм|вк|вконтакте)|читайте нас|наш (?:telegram|телеграм)|"
    r"subscribe|follow us|"
    # masthead
    r"учредител\w*(?: и издател\w*)?\s*[:—–-]|главный редактор|(?:шеф-|выпускающий )?редактор\w*\s*[:—–-]|"
    r"адрес редакции|редакция\b.{0,20}$|партн[её]рский материал|(?:0|6|12|16|18)\+$|"
    # links back to the news list
    r"(?:←\s*)?(?:назад|вернуться(?: назад)?)(?: (?:к|в|на) (?:списку|разделу|ленте|новостям|"
    r"главн\w+|началу|стать\w+|публикаци\w+|материал\w+)\b.{0,30})?$|к списку \w+$|"
    r"(?:←\s*)?(?:back|go back|return)(?: to (?:the )?(?:news|list|all|top|home|homepage|main page|"
    r"articles|press|media|blog|overview|previous page|section)\b.{0,30})?$"
    r")(?!\w)"
)
_SHORT_CUE_START = re.compile(
    r"^(?:"
    r"ваш (?:email|e-mail|адрес|комментарий)|обязательные поля|войдите|авторизуйтесь|"
    r"чтобы оставить комментарий|comments?|leave a (?:comment|reply)|отправить|"
    r"(?:просмотр\w*|views|(?:сейчас )?читают(?: сейчас)?)\s*:?\s*\d|"
    r"(?:нравится|понравил\w+|оцените|версия для печати|распечатать|в избранное|like)" + _HEADER_END +
    r")"
)
_JUNK_PHRASES = words("site_junk.json", "junk_phrases")  # «все права защищены», «cookie», …
_JUNK_PATTERN = re.compile(r"\(c\)\s*\d{4}|\bэл\s*(?:№|no)\s*фс|\berid\b")
_NETWORKS = words("site_junk.json", "networks")  # «вконтакте», «telegram», …
_SECTION_WORDS = words("site_junk.json", "section_words")  # «новости», «рубрика», «menu», …
_FOOTER_LINKS = words("site_junk.json", "footer_links")  # «контакты», «о нас», «sitemap», …
_LINK_SEPARATOR = re.compile(r"\s*[|•·]\s*")
_HASHTAG = re.compile(r"(?<![\w&])#[^\W\d_]")
_CONTACT_LABEL = re.compile(r"(?:^|[\s,(])(?:e-?mail|эл\. ?почта|тел(?:ефон)?|факс|адрес)\.?\s*:")
_CONTACT_DATA = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:\+7|8)?[\s-]?\(?\d{3,5}\)?[\s-]?\d{1,3}[\s-]?\d{2}[\s-]?\d{2,3}"
    r"|https?://\S+|www\.\S+"
)
_BARE_ADDRESS = re.compile(r"^(?:https?://\S+|www\.\S+|[\w-]+(?:\.[\w-]+)*\.[a-zа-я]{2,12}/?)$")
_BREADCRUMB = re.compile(r"\s+(?:/|>|»|\||→|::|·|•)\s+")
_FORWARDED = re.compile(r"(?i)^(?:пересланное сообщение|переслано|forwarded(?: message)?)\b")
_SITE_HEADER = re.compile(r"(?i)^(?:новости|news)\s")
_END_MARK = re.compile(r"(?i)^(?:#\s?#\s?#|-\s?30\s?-|[-–—]\s?ends?\s?[-–—])$")
_NAME = r"[A-ZА-ЯЁ][a-zа-яё]+(?:-[A-ZА-ЯЁ][a-zа-яё]+)?"
_BYLINE = re.compile(  # «Анна Ряполова, Липецк», «А. Ряполова»
    rf"^(?:(?:[A-ZА-ЯЁ]\.\s?){{1,2}}{_NAME}|{_NAME}(?: {_NAME}){{1,2}})(?:,\s*{_NAME}(?:[ -][\w-]+)*)?$"
)
_RATE = re.compile(r"(?:\b(?:usd|eur|cny)\$?|[$€¥£])\s*(?:цб\s*)?[—–:-]?\s*\d+[.,]\d{2,4}")
_TICKER = re.compile(  # on lowercased text: a rate's label alone, a change arrow, a temperature, a quote and its change
    r"^(?:usd|eur|cny)\s*(?:цб)?$|^[$€¥£]$|^\d{2,3}[.,]\d{4}$|^пробки\s*:|[▲▼]|°\s*[cс](?!\w)"
    r"|^[+−-]?\d[\d\s]*[.,]\d+\s*[+−-]\d+[.,]\d+$"
)
_WEEKDAYS = "|".join(w.lower() for w in weekday_lemmas("ru") + weekday_lemmas("en"))
_WEEKDAY_LINE = re.compile(rf"(?:{_WEEKDAYS})\s*[,.]?")  # on lowercased text: «среда,», "monday."
_TODAY_LABEL = re.compile(rf"(?:сегодня|today)\s*(?::|,?\s+(?:is\s+)?(?:{_WEEKDAYS}))")  # «Сегодня: пятница, …»
_MASTHEAD = words("site_junk.json", "masthead_phrases")  # «©», counters: the site's own header
_DANGLING_PREPOSITION = re.compile(r"(?i)(?<![\w-])(?:на|в|во|к|on|in|at)$")  # «Читайте нас на» / «Яндекс Новости»
_LABEL_MAX_WORDS = 3
_PUNCTUATION = ",.;:!?«»\"“”„()—–-…"
_SENTENCE_END = (".", "…", ":", ";")
_CLOSERS = " »\"”)'’*"
_PROSE_MIN_WORDS = 6
_PROSE_LONG_WORDS = 25
_PROSE_MIN_STOP_SHARE = 0.04
_QUESTION_PROSE_WORDS = 15
_CONTACT_MAX_WORDS = 6
_MENU_MIN_WORDS = 4
_EXCLUDED_MAX_CHARS = 200


def layout(text: str, lang: str) -> Layout:
    """Lines, their kinds, title and datelines, where the body ends, and the junk inside it."""
    lines = _split_stamps(split_lines(text))
    stop = STOP_WORDS.get(lang) or STOP_WORDS["ru"] | STOP_WORDS["en"]
    kinds = [classify(line.text, stop) for line in lines]
    navigation, title, datelines = _header(lines, kinds)
    start = next((i for i, k in enumerate(kinds) if k is Kind.PROSE and i >= (title or 0)), title or 0)
    end = _byline_start(lines, start, _tail_start(kinds, start))
    excluded = [(lines[i].start, lines[i].end) for i in navigation]
    excluded += [(line.start, line.end) for line, kind in zip(lines[:title or 0], kinds) if kind is Kind.CREDIT]
    excluded += [(a, b) for a, b, _ in datelines]
    first = 0 if title is None else title + 1
    excluded += _inner_junk(lines, kinds, first, len(lines) if end is None else end, start)
    return Layout(
        lines, kinds, navigation, title, datelines,
        None if end is None else lines[end].start, sorted(set(excluded)),
        _publication_stamp(datelines, lines[first:]),
    )


def split_lines(text: str) -> list[Line]:
    """The non-empty lines of `text`, stripped, with their offsets."""
    lines = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = pos + len(raw) - len(raw.lstrip())
            lines.append(Line(start, start + len(stripped), stripped))
        pos += len(raw) + 1
    return lines


def _split_stamps(lines: list[Line]) -> list[Line]:
    """The lines with a publication stamp printed in front of a header line cut off as a line of
    its own: « date 2025-10-24 Заголовок» → « date 2025-10-24», «Заголовок»."""
    out = []
    for i, line in enumerate(lines):
        found = leading_stamp(line.text) if i < _HEADER_LINES else None
        if found is None:
            out.append(line)
            continue
        end = line.start + found[1]
        rest = line.text[found[1]:].lstrip()
        out += [Line(line.start, end, line.text[:found[1]]), Line(line.end - len(rest), line.end, rest)]
    return out


def _is_ticker(line: str) -> bool:
    """A line of a site's rates, weather or traffic widget: «USD$ 94,32 ▲0,25», «USD ЦБ», «78,47
    +0,26», «91.1604», «+5 °C», «Пробки: 3»."""
    low = line.lower()
    return len(_RATE.findall(low)) >= 2 or bool(_TICKER.search(low))


def _widget_lines(lines: list[Line]) -> set[int]:
    """Indices of the lines of a site's widgets: ticker lines, a short label right above one
    («Нефть», «Золото ЦБ») and a date beside them or beside a weekday on a line of its own
    («6 мая ‘24» / «Понедельник»): today's date, not the article's; so is a weekday and date
    on one line («Четверг, 7 марта, 2024») above another date line («3 октября 2019 /
    Новости»), which is the article's, and a date labelled as today's («Сегодня: пятница, 26
    апреля 2024 года»)."""
    tickers = {i for i, line in enumerate(lines) if _is_ticker(line.text)}
    labels = {i for i in range(len(lines) - 1) if i + 1 in tickers and _is_label(lines[i].text)}
    weekdays = {i for i, line in enumerate(lines) if _WEEKDAY_LINE.fullmatch(line.text.lower())}
    todays = {i for i, line in enumerate(lines) if _TODAY_LABEL.match(line.text.lower()) and parse_dateline(line.text)}
    block = tickers | labels | weekdays | todays
    dates = {i for i, line in enumerate(lines)
             if (i - 1 in block or i + 1 in block) and parse_dateline(line.text)}
    return (tickers | labels | dates | todays | {i for i in weekdays if i - 1 in dates or i + 1 in dates}
            | _today_lines(lines))


def _today_lines(lines: list[Line]) -> set[int]:
    """Indices of the lines that print a weekday with a date («Четверг, 7 марта, 2024») above
    a later date line without one: a site's «today», as the article's own date comes after it."""
    dated = [(i, bool(_WEEKDAY_LINE.match(line.text.lower()))) for i, line in enumerate(lines)
             if parse_dateline(line.text)]
    return {i for i, today in dated if today and any(j > i and not other for j, other in dated)}


def _is_label(line: str) -> bool:
    """A few words with no sentence punctuation: a widget's caption."""
    return len(line.split()) <= _LABEL_MAX_WORDS and not any(c in line for c in ".,;:!?")


def classify(line: str, stop: frozenset[str]) -> Kind:
    """What one line is, judged on its own."""
    head = line[:_CHECK_CHARS]
    low = head.lower()
    words = [w.strip(_PUNCTUATION) for w in low.split()]
    if _END_MARK.match(line):
        return Kind.END
    if _is_credit(head, low):
        return Kind.CREDIT
    if _is_cue(low, words, len(line) <= _EXCLUDED_MAX_CHARS):
        return Kind.CUE
    return Kind.PROSE if _reads_as_prose(line, words, stop) else Kind.SHORT


def _is_credit(head: str, low: str) -> bool:
    return bool(
        _CREDIT.match(low)
        or (len(low) <= _EXCLUDED_MAX_CHARS and ("фото" in low or "photo" in low) and _EMBEDDED_CREDIT.search(low))
        or _READING_TIME.match(low)
        or _AGO_STAMP.match(low)
        or AUTHOR_LINE.match(head)
        or parse_dateline(head, leftover_words=0)
        or parse_publication_line(head)
        or PERIODICAL_LINE.match(head)
    )


def _is_cue(low: str, words: list[str], short: bool) -> bool:
    return bool(
        _CUE_START.match(low)
        or any(phrase in low for phrase in _JUNK_PHRASES)
        or _JUNK_PATTERN.search(low)
        or ("#" in low and _is_hashtags(low, short))
        or _BARE_ADDRESS.match(low)
        or _is_menu(low, words)
        or _is_footer_links(low)
        or (short and (_SHORT_CUE_START.match(low) or SOURCE_LINE.match(low)))
        or (short and sum(w in _NETWORKS for w in words) >= 2)
        or (short and _is_contact(low))
    )


def _is_hashtags(low: str, short: bool) -> bool:
    return len(_HASHTAG.findall(low)) >= 2 or (short and bool(_HASHTAG.match(low)))


def _is_contact(low: str) -> bool:
    """A line of e-mails, phones, addresses and URLs with few other words."""
    if not (":" in low or "@" in low) or not (_CONTACT_LABEL.search(low) or "@" in low):
        return False
    data = _CONTACT_DATA.findall(low)
    rest = _CONTACT_DATA.sub(" ", _CONTACT_LABEL.sub(" ", low))
    return bool(data) and len(_WORD.findall(rest)) <= _CONTACT_MAX_WORDS


def _is_footer_links(low: str) -> bool:
    """A row of footer links: «Контакты», «Contacts | Press kit»."""
    links = [link for link in _LINK_SEPARATOR.split(low) if link]
    return bool(links) and all(link in _FOOTER_LINKS for link in links)


def _is_menu(low: str, words: list[str]) -> bool:
    """A run of section names: «Главная Новости Экономика Политика»."""
    words = [w for w in words if w not in ("|", "•", "·", "/")]
    if not _MENU_MIN_WORDS <= len(words) <= 20 or any(c in low for c in ".,:;!?"):
        return False
    return sum(w in _SECTION_WORDS for w in words) >= len(words) / 2


def _reads_as_prose(line: str, words: list[str], stop: frozenset[str]) -> bool:
    words = [w for w in words if w]
    if len(words) < _PROSE_MIN_WORDS:
        return False
    if sum(w in stop for w in words) < _PROSE_MIN_STOP_SHARE * len(words):
        return False
    ending = line.rstrip(_CLOSERS)
    if ending.endswith(_SENTENCE_END) or len(words) >= _PROSE_LONG_WORDS:
        return True
    return ending.endswith(("?", "!")) and len(words) >= _QUESTION_PROSE_WORDS


def _is_site_path(line: str) -> bool:
    """Where on the site the article is: section names, breadcrumbs, a forwarded-message header."""
    words = line.lower().split()
    if words and all(w.strip(".,") in _SECTION_WORDS for w in words):
        return True
    parts = _BREADCRUMB.split(line)
    return (len(parts) >= 2 and all(len(p.split()) <= 3 for p in parts)) or bool(_FORWARDED.match(line))


def _is_repeated(line: str) -> bool:
    """A line that says the same words twice over: an aggregator's tag list printed twice
    («Олег Петров Чувашия Пресс-служба Олег Петров Чувашия Пресс-служба»)."""
    words = line.split()
    half = len(words) // 2
    return half >= 2 and len(words) % 2 == 0 and words[:half] == words[half:]


def _is_masthead(line: str) -> bool:
    """A line of the site's own chrome: its copyright, a counter, its contacts («© 2010, НИА-Томск»,
    «Рейтинг@Mail.ru», «эл. почта: news@site.ru»)."""
    low = line.lower()
    return any(phrase in low for phrase in _MASTHEAD) or _is_contact(low)


def _is_weak_navigation(line: str) -> bool:
    """Lines like «Новости. Омск», «Омск», «Тара, Омская область» or «Новости Череповца и
    области»: navigation only when a title follows."""
    if line.endswith((".", "!", "?")):
        return False
    return all(len(p.split()) <= 2 for p in re.split(r"[.,] ", line)) or bool(_SITE_HEADER.match(line))


def _header(lines: list[Line], kinds: list[Kind]) -> tuple[list[int], int | None, list[tuple[int, int, Stamp]]]:
    """Navigation lines above the title, the title's index and the datelines of the header
    (the lines before the first prose paragraph, and an agency dateline opening that paragraph;
    when that paragraph is a lead without a dateline, those up to the second one too).
    The title is the first line that is neither navigation nor a site banner above navigation
    or above the site's masthead (its copyright, counters, contacts: «© 2010, НИА-Томск»); a
    row of links («Экономика | Политика | Власть») is never the lead. Without a title, a short
    line such as «Омск», else the first paragraph."""
    navigation: list[int] = []
    weak: list[int] = []
    datelines: list[tuple[int, int, Stamp]] = []
    title = None
    leads = 0
    widgets = _widget_lines(lines[:_HEADER_LINES])
    for i, (line, kind) in enumerate(zip(lines[:_HEADER_LINES + len(widgets)], kinds, strict=False)):
        if i in widgets and not leads:
            navigation.append(i)
            continue
        if kind is not Kind.PROSE and (stamp := parse_dateline(line.text)):
            datelines.append((line.start, line.end, stamp))
            continue
        if agency := parse_agency_dateline(line.text):
            datelines.append((line.start, line.start + agency.end, agency.stamp))
            if agency.end == len(line.text):
                continue
        if kind is Kind.PROSE and not _is_site_path(line.text):
            leads += 1
            if datelines or leads > 1:
                break
        if leads or kind is Kind.CREDIT:
            continue
        if title is not None and _is_masthead(line.text):
            navigation += range(title, i + 1)  # the site's name, menus and widgets above its copyright
            title = None
        elif kind is Kind.CUE or _is_site_path(line.text) or _is_repeated(line.text):
            if title is not None and _is_site_path(line.text):
                navigation.append(title)  # a banner such as the site's name above its menu
                title = None
            if title is None:
                navigation.append(i)
        elif title is not None:
            continue
        elif _is_weak_navigation(line.text):
            weak.append(i)
        else:
            title = i
    if title is None and weak:
        title, weak = weak[0], []
    if title is None:
        title = next((i for i, k in enumerate(kinds) if k is Kind.PROSE), None)
    return sorted(navigation + weak), title, datelines


def _publication_stamp(datelines: list[tuple[int, int, Stamp]], lines: list[Line]) -> Stamp | None:
    """The stamp of the first dateline, else of the first labelled publication line
    («Опубликовано 15.03.2024», often in the footer); a year-less one gives way to a later stamp
    with the year on the same day."""
    stamps = [stamp for _, _, stamp in datelines]
    stamps += [stamp for stamp in map(parse_publication_line, (line.text for line in lines)) if stamp][:1]
    if not stamps or stamps[0].dateline is None:
        return stamps[0] if stamps else None
    day = stamps[0].dateline[1:]
    return next((stamp for stamp in stamps if stamp.date and stamp.date.endswith(day)), stamps[0])


def _tail_start(kinds: list[Kind], start: int) -> int | None:
    """Index of the line where the junk tail begins, or None when the text is all article."""
    n = len(kinds)
    next_cue = [n] * (n + 1)
    prose_pair_after = [False] * (n + 2)
    prose_before = [0] * (n + 1)
    for i in range(n - 1, -1, -1):
        next_cue[i] = i if kinds[i] in (Kind.CUE, Kind.END) else next_cue[i + 1]
        pair = kinds[i] is Kind.PROSE and i + 1 < n and kinds[i + 1] is Kind.PROSE
        prose_pair_after[i] = pair or prose_pair_after[i + 1]
    for i, kind in enumerate(kinds):
        prose_before[i + 1] = prose_before[i] + (kind is Kind.PROSE)
    for t in range(start + 1, n):
        if kinds[t] not in (Kind.CUE, Kind.CREDIT, Kind.END):
            continue
        cue = next_cue[t]
        if prose_before[cue] > prose_before[t]:
            continue  # the article goes on after a credit
        if cue < n and kinds[cue] is Kind.CUE and prose_pair_after[cue + 1]:
            continue  # article-like text after the cue: an inline cross-link or promo
        return t
    return None


def _is_teaser_header(line: str) -> bool:
    """«Читайте также», «Read more:», maybe with the first headline on the same line."""
    return bool(_TEASER_START.match(line.lower()))


def _byline_start(lines: list[Line], start: int, end: int | None) -> int | None:
    """The body's end moved up to a byline closing the body, «Анна Ряполова, Липецк»."""
    last = (len(lines) if end is None else end) - 1
    return last if last > start and _BYLINE.match(lines[last].text) else end


def _inner_junk(lines: list[Line], kinds: list[Kind], first: int, end: int, start: int) -> list[tuple[int, int]]:
    """Credit and cue lines inside the body, the headlines under a «Читайте также» teaser
    header, the line that ends a cue broken off at a preposition («Читайте нас на» / «Яндекс
    Новости»), and captions printed twice in a row after the body's start."""
    spans = []
    teasers = dangling = False
    for i in range(first, end):
        line, kind = lines[i], kinds[i]
        if kind in (Kind.CREDIT, Kind.CUE) and len(line.text) <= _EXCLUDED_MAX_CHARS:
            spans.append((line.start, line.end))
        elif (teasers or dangling) and kind is Kind.SHORT:
            spans.append((line.start, line.end))
        elif i > start and kind is Kind.SHORT and i + 1 < end and lines[i + 1].text == line.text:
            spans += [(line.start, line.end), (lines[i + 1].start, lines[i + 1].end)]
        teasers = (teasers and kind is Kind.SHORT) or (kind is Kind.CUE and _is_teaser_header(line.text))
        dangling = kind is Kind.CUE and bool(_DANGLING_PREPOSITION.search(line.text))
    return spans
