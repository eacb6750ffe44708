"""Counts: a number and the noun phrase it counts, lemmatised («15 промышленным кластерам» →
15 «промышленный кластер», head «кластер»).

Also measures with abbreviated units («164 га» → «гектар», «100 тыс. кв. м»), percentages,
durations («полтора года»), coordinated counts sharing one noun («девять региональных и три
межрегиональных промышленных кластера»), coordinated adjectives under one number («64 малых и
средних предприятия»), ranges («15–20%», «с 45 до 20%»: one count per bound), elided nouns
(«…и еще двух», "another 96 were built") that take the noun of the count before them or of «число
парков» / "the number of parks" («…превысило 400», "Moscow Region (68)"), and subsets of an
earlier count («из них 15», «с тремя из них»), a bare «ещё N» after a count, a noun before a
dash («резидентов – 12») or before brackets («технопарки (их более 40)»), a genitive plural before a
number closing its clause («Таких зданий будет два»); the noun of the nearest
«число …» phrase, not of a circumstance («на двух площадках»). A count said again with more
adjectives is one fact. Numbers in quoted speech count; numbers in quoted
names («Технопарк-2») do not, nor do dates, money, document numbers («№ 779»), ordinals (also
«занял 4 место»), ratios («в два раза», "3.8 times"), set phrases («одного окна») and numbers
with no noun.
The mention span runs from the number to the end of its noun phrase; hedges stay outside.
"""
from __future__ import annotations

import re
from decimal import Decimal

from ..model import Fact, json_number
from ..lang.gazetteer import number_idioms
from .counted import Count
from .dates import date_spans
from .document import Document, Sentence
from .languages import language
from .money import money_spans
from .numbers import Number, collect, find_numbers, is_approximate, is_coordinated, is_range
from .spans import Coverage

_SPACE = re.compile(r"[ \u00a0\u202f]?")
_ELIDED = re.compile(r"\s*(?:[,.;:!?)»—–]|$|(?:и|а|но|или|were|was|are|is|will|would|have|has|had)\b)")
_SUBSET_AFTER = re.compile(r"\s*(?:из\s+(?:них|которых)|of\s+(?:them|which|these))\b", re.IGNORECASE)
_SUBSET_BEFORE = re.compile(
    r"(?<!\w)(?:из\s+(?:них|которых)|среди\s+(?:них|которых)|of\s+(?:them|which)|among\s+them)"
    r"\s*[,:—–-]?\s*$", re.IGNORECASE)
_ANOTHER = re.compile(r"(?<!\w)(?:ещё|еще)\s+$", re.IGNORECASE)
_RATING = re.compile(r"(?:топ|top)-$", re.IGNORECASE)  # «вошел в ТОП-5.»: a place in a rating, not a count
_OPEN_BOUND = re.compile(r"\s+(?:и|или|or)\s+(?:более|менее|больше|меньше|свыше|more|less|fewer)(?=\s)", re.IGNORECASE)
_QUOTE_PAIRS = {"«": "»", "“": "”", "„": "“", '"': '"'}
_QUOTE_MARK = re.compile('[«»“”„"\n]')
_SPEECH_PUNCT = re.compile(r"[.,;:!?…](?:\s|$)")
_MAX_NAME_WORDS = 4
_NOT_COUNT_BEFORE = re.compile(
    r"(?<!\w)(?:№|N|No\.?|#|\+|номер[а-я]*|тел\.?|телефон[а-я]*|ст\.|п\.|ч\.|пункт[а-я]*|стать[а-я]*|"
    r"част[а-я]*|ни)\s*$", re.IGNORECASE)
_HINT = re.compile(r"\d|од[нуи]|дв[аеу]|тр[иеёо]|четыр|четв|пят|шест|сем|восем|восьм|девят|десят|дцат|сорок|сто|ста|"
                   r"двест|трист|пол|one|two|three|four|five|six|seven|eight|nine|ten|"
                   r"twelve|teen|ty\b")  # on lower-cased text: fast


def extract_counts(doc: Document) -> list[Fact]:
    """Count facts of a document: one per (value, unit), with all its mentions."""
    skip = Coverage(date_spans(doc) + money_spans(doc) + quoted_names(doc.text, doc.lang))
    found, previous = [], []
    for sentence in doc.sentences:
        hinted = _HINT.search(sentence.text.lower())
        counts = _sentence_counts(sentence, doc.lang, skip, previous) if hinted else []
        for c in counts:
            if _is_idiom(c):
                continue
            value = json_number(c.number.value)
            attrs = {"value": value, "unit": c.unit, "head": c.head,
                     "approximate": is_approximate(sentence.text, c.number.start)}
            found.append(((value, c.unit), attrs, sentence.start + c.number.start, sentence.start + c.end))
        previous = counts
    return _merge_restated(collect(doc, "count", found))


def _merge_restated(facts: list[Fact]) -> list[Fact]:
    """One fact for a count said again with fewer or more adjectives: «13 предприятий» and «13
    новых предприятий» are one thing; «9 региональных» and «9 межрегиональных кластеров» are two.
    The fact keeps the unit of its first mention."""
    kept: list[Fact] = []
    for fact in facts:
        same = next((k for k in kept if _restates(k, fact)), None)
        if same is None:
            kept.append(fact)
            continue
        same.mentions = sorted(same.mentions + fact.mentions, key=lambda m: m.start)
        same.attrs["approximate"] = same.attrs["approximate"] and fact.attrs["approximate"]
    return kept


def _restates(a: Fact, b: Fact) -> bool:
    """Do two counts of one value and head noun differ only by adjectives one of them leaves out?"""
    if (a.attrs["value"], a.attrs["head"]) != (b.attrs["value"], b.attrs["head"]):
        return False
    words_a, words_b = set(a.attrs["unit"].split()), set(b.attrs["unit"].split())
    return words_a <= words_b or words_b <= words_a


def _is_idiom(c: Count) -> bool:
    """Is a number word with its noun a set phrase that counts nothing («по принципу одного окна»)?"""
    return c.number.spelled and (int(c.number.value), c.head) in number_idioms()


def _sentence_counts(sentence: Sentence, lang: str, skip: Coverage,
                     previous: list[Count]) -> list[Count]:
    """The counts of one sentence, coordinated, elided and subset nouns filled in; `previous` are
    the counts of the sentence before, which a subset («с тремя из них») may refer to."""
    text, done, pending = sentence.text, [], []
    grammar = language(lang).counts
    topics = _topics(text, lang)
    numbers = [n for n in find_numbers(text, lang) if _may_count(text, n, sentence.start, skip)]
    for i, n in enumerate(numbers):
        c = _words_after(text, n, lang)
        following = numbers[i + 1] if i + 1 < len(numbers) else None
        if c.unit is None and c.noun is None and following and (
                is_coordinated(text, c.end, following.start) or is_range(text, n, following)
                or grammar.is_part_of(text, c.end, following.start)):
            pending.append(c)
            continue
        if c.unit is None:
            _settle(c, lang)
        if c.unit is not None:
            done.extend(_share(pending, c, lang))
            done.append(c)
        elif ante := _subset_of(text, n, previous + done):
            c.unit, c.head, c.shared = ante.unit, ante.head, ante.unit
            done.append(c)
        elif not c.words and c.noun is None and (ante := grammar.noun_before(text, n)):
            c.noun, c.head, c.unit, c.shared = ante.noun, ante.head, ante.unit, ante.shared
            done.append(c)
        elif not c.words and c.noun is None and not _RATING.search(text, max(0, n.start - 4), n.start) and (
                ante := _elided_noun(text, n, topics, done, lang)):
            for bound in pending + [c]:
                bound.unit, bound.head, bound.shared = ante.shared, ante.head, ante.shared
            done.extend(pending + [c])
        elif not c.words and c.noun is None and (ante := _added_to(text, n, previous + done)):
            c.unit, c.head, c.shared = ante.shared, ante.head, ante.shared
            done.append(c)
        elif not c.words and c.noun is None and not done and (ante := grammar.noun_of_clause(text, n)):
            c.noun, c.head, c.unit, c.shared = ante.noun, ante.head, ante.unit, ante.shared
            done.append(c)
        pending = []
    return done


def _topics(text: str, lang: str) -> list[Count]:
    """The noun phrases of «число индустриальных парков» / "the number of industrial parks", which
    a bare number later in the sentence counts («…превысило 400»)."""
    topics = []
    grammar = language(lang).counts
    for m in grammar.TOPIC.finditer(text):
        c = Count(Number(m.start(), m.end(), Decimal(5), True), m.end())
        grammar.read_words(text, c)
        _settle(c, lang)
        if c.unit:
            topics.append(c)
    return topics


def _elided_noun(text: str, n: Number, topics: list[Count], done: list[Count], lang: str) -> Count | None:
    """The count whose noun a bare number at a clause end leaves out: the nearest earlier count
    of the sentence or «число …» / "number of …" phrase, one of a noun rather than of a
    measure ("up 9%, and another 96 were built": parks), and not of a circumstance in the
    prepositional, dative or instrumental case («число резидентов на двух площадках выросло
    до 18»: residents)."""
    if not _ELIDED.match(text, n.end):
        return None
    before = done + [t for t in topics if t.end <= n.start]
    nouns = [c for c in before if c.noun is not None and not language(lang).counts.is_circumstance(c)]
    return max(nouns or before, key=lambda c: c.number.start, default=None)


def _subset_of(text: str, n: Number, before: list[Count]) -> Count | None:
    """The nearest earlier count of things a number takes a part of («из них 15», «тремя из них»)."""
    cue = _SUBSET_AFTER.match(text, n.end) or _SUBSET_BEFORE.search(text, max(0, n.start - 20), n.start)
    if not cue or n.value == 1:
        return None
    return _last_counted(before)


def _added_to(text: str, n: Number, before: list[Count]) -> Count | None:
    """The nearest earlier count a bare «ещё N» adds to, in its sentence or the one before
    («…запустивших 4 предприятия. Еще 10 уже возводятся»: 10 предприятий)."""
    return _last_counted(before) if _ANOTHER.search(text, max(0, n.start - 10), n.start) else None


def _last_counted(before: list[Count]) -> Count | None:
    """The last of the counts that has a noun."""
    return next((c for c in reversed(before) if c.noun is not None), None)


def _may_count(text: str, n: Number, offset: int, skip: Coverage) -> bool:
    """Not a date, money, quoted name, document number nor phone."""
    a, b = offset + n.start, offset + n.end
    return not (skip.overlaps(a, b)
                or _NOT_COUNT_BEFORE.search(text, max(0, n.start - 12), n.start))


def quoted_names(text: str, lang: str) -> list[tuple[int, int]]:
    """Spans of quoted names («Су-57», "Technopark 2"), as opposed to quoted speech, in a text."""
    return [(a, b) for a, b in _quotes(text) if _is_name(text[a:b], lang)]


def _quotes(text: str) -> list[tuple[int, int]]:
    """Spans inside quotation marks, nested quotations too; a quotation left open ends with its line."""
    spans, stack = [], []
    for m in _QUOTE_MARK.finditer(text):
        i, ch = m.start(), m.group()
        if ch == "\n":
            spans += [(a, i) for a, _ in stack]
            stack = []
        elif stack and ch == _QUOTE_PAIRS[stack[-1][1]]:
            spans.append((stack.pop()[0], i))
        elif ch in _QUOTE_PAIRS:
            stack.append((i + 1, ch))
    return spans + [(a, len(text)) for a, _ in stack]


def _is_name(quoted: str, lang: str) -> bool:
    """Is a quotation a name: a few words, capitalised, with no verb or sentence punctuation?"""
    words = quoted.split()
    if not words or len(words) > _MAX_NAME_WORDS or not (words[0][0].isupper() or words[0][0].isdigit()):
        return False
    if _SPEECH_PUNCT.search(quoted):
        return False
    return language(lang).counts.is_name(words)


def _words_after(text: str, n: Number, lang: str) -> Count:
    """A number with an abbreviated unit after it, or the adjectives and noun that follow it,
    past an open bound («24 и более резидентов», "20 or more firms")."""
    c = Count(n, n.end)
    if bound := _OPEN_BOUND.match(text, n.end):
        c.end = bound.end()
    space = _SPACE.match(text, c.end).end()
    grammar = language(lang).counts
    for pattern, unit, head in grammar.UNITS:
        m = pattern.match(text, space)
        if m:
            c.unit, c.head, c.shared, c.end = unit, head, unit, m.end()
            return c
    if text[c.end:c.end + 1].isalpha() and not n.spelled:  # «5км», but «пол|года» reads on
        return c
    grammar.read_words(text, c)
    return c


def _settle(c: Count, lang: str) -> None:
    """Fix unit and head by the language's grammar («15 рабочих»: a substantivised adjective as
    the noun); the unit is also what a coordinated or elided count shares."""
    language(lang).counts.settle(c)
    c.shared = c.unit


def _share(pending: list[Count], closing: Count, lang: str) -> list[Count]:
    """Coordinated counts take the closing count's noun phrase, less its first adjective."""
    common = closing.words[1:]
    for c in pending:
        c.noun, c.head = closing.noun, closing.head
        if closing.noun is None:
            c.unit = c.shared = closing.unit
            continue
        c.words = c.words + (common if c.words else closing.words)
        c.unit = _unit(c.words, closing.noun, lang)
        c.shared = closing.shared = _unit(common, closing.noun, lang)
    return pending


def _unit(words: list, noun: object, lang: str) -> str:
    """The unit string of adjectives and a head noun, in the article's language."""
    return language(lang).counts.unit(words, noun)


