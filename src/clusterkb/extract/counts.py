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
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..model import Fact, json_number
from ..lang.gazetteer import number_idioms
from ..lang.nlp import parse
from ..lang.normalize import english_singular
from ..lang.tables import load, words
from .dates import date_spans
from .document import Document, Sentence
from .money import money_spans
from .numbers import Number, collect, find_numbers, is_approximate, is_coordinated, is_range
from .spans import Coverage

_UNITS = {lang: [(re.compile(p, re.IGNORECASE), unit, head) for p, unit, head in load("units.json")[lang]]
          for lang in ("ru", "en")}  # «га» → гектар, «кв. м» → квадратный метр, … (data/units.json)
_RU_WORD = re.compile(r"[ \u00a0]*([А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*)")
_EN_WORD = re.compile(r"[ \u00a0]*([A-Za-z]+(?:-[A-Za-z]+)*)")
_SPACE = re.compile(r"[ \u00a0\u202f]?")
_ELIDED = re.compile(r"\s*(?:[,.;:!?)»—–]|$|(?:и|а|но|или|were|was|are|is|will|would|have|has|had)\b)")
_TOPIC = {"ru": re.compile(r"(?<![\w-])(?<!том\s)(?:числ|количеств)(?:о|а|у|е|ом)\s+", re.IGNORECASE),
          "en": re.compile(r"\bnumbers?\s+of\s+", re.IGNORECASE)}
_SUBSET_AFTER = re.compile(r"\s*(?:из\s+(?:них|которых)|of\s+(?:them|which|these))\b", re.IGNORECASE)
_SUBSET_BEFORE = re.compile(
    r"(?<!\w)(?:из\s+(?:них|которых)|среди\s+(?:них|которых)|of\s+(?:them|which)|among\s+them)"
    r"\s*[,:—–-]?\s*$", re.IGNORECASE)
_ADJ_CONJ = {"и", "или"}
_ASIDE = re.compile(  # «технопарки (их более 40)»: a plural noun, then a count of it in brackets
    r"([А-Яа-яЁё]+)\s*\(\s*(?:их|всего|их\s+всего)\s+(?:уже\s+)?(?:(?:более|около|свыше|почти|менее|порядка)\s+)?$",
    re.IGNORECASE)
_ANOTHER = re.compile(r"(?<!\w)(?:ещё|еще)\s+$", re.IGNORECASE)
_RATING = re.compile(r"(?:топ|top)-$", re.IGNORECASE)  # «вошел в ТОП-5.»: a place in a rating, not a count
_NOUN_DASH = re.compile(r"(?<![\w-])((?:[А-Яа-яЁё]+\s+)?[А-Яа-яЁё]+)\s*[—–-]\s*$")  # «рабочих мест – 1200»
_GENITIVE_PLURAL = frozenset({"gent", "plur"})
_CLAUSE_END = re.compile(r"\s*(?:[.;!?)]|$)")
_CLAUSE_MARK = re.compile(r"[,;:()«»\"—–]")
_WORDS = re.compile(r"[А-Яа-яЁё]+")
_LOOK_BACK = 80  # characters before a number searched for the noun it refers back to
_CIRCUMSTANCE_CASES = frozenset({"loct", "loc2", "datv", "ablt"})
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
_ADJ = ("ADJF", "PRTF")
_NOT_HEADS = words("count_nouns.json", "not_heads")  # «в два раза», «с обеих сторон»
_EN_STOP = words("function_words.json", "count_phrase_ends")  # «of», «which», «the», …


@dataclass
class _Count:
    """A number with the words after it: adjectives (pymorphy3 parses, or English words) and the
    head noun; unit and head are filled in once the noun phrase is settled."""

    number: Number
    end: int
    words: list[Any] = field(default_factory=list)
    noun: Any = None
    unit: str | None = None
    head: str | None = None
    shared: str | None = None


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


def _is_idiom(c: _Count) -> bool:
    """Is a number word with its noun a set phrase that counts nothing («по принципу одного окна»)?"""
    return c.number.spelled and (int(c.number.value), c.head) in number_idioms()


def _sentence_counts(sentence: Sentence, lang: str, skip: Coverage,
                     previous: list[_Count]) -> list[_Count]:
    """The counts of one sentence, coordinated, elided and subset nouns filled in; `previous` are
    the counts of the sentence before, which a subset («с тремя из них») may refer to."""
    text, done, pending = sentence.text, [], []
    topics = _topics(text, lang)
    numbers = [n for n in find_numbers(text, lang) if _may_count(text, n, sentence.start, skip)]
    for i, n in enumerate(numbers):
        c = _words_after(text, n, lang)
        following = numbers[i + 1] if i + 1 < len(numbers) else None
        if c.unit is None and c.noun is None and following and (
                is_coordinated(text, c.end, following.start) or is_range(text, n, following)):
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
        elif not c.words and c.noun is None and lang == "ru" and (
                ante := _aside_noun(text, n) or _noun_before_dash(text, n)):
            c.noun, c.head, c.unit, c.shared = ante.noun, ante.head, ante.unit, ante.shared
            done.append(c)
        elif not c.words and c.noun is None and not _RATING.search(text, max(0, n.start - 4), n.start) and (
                ante := _elided_noun(text, n, topics, done)):
            for bound in pending + [c]:
                bound.unit, bound.head, bound.shared = ante.shared, ante.head, ante.shared
            done.extend(pending + [c])
        elif not c.words and c.noun is None and (ante := _added_to(text, n, previous + done)):
            c.unit, c.head, c.shared = ante.shared, ante.head, ante.shared
            done.append(c)
        elif not c.words and c.noun is None and lang == "ru" and not done and (ante := _noun_of_clause(text, n)):
            c.noun, c.head, c.unit, c.shared = ante.noun, ante.head, ante.unit, ante.shared
            done.append(c)
        pending = []
    return done


def _topics(text: str, lang: str) -> list[_Count]:
    """The noun phrases of «число индустриальных парков» / "the number of industrial parks", which
    a bare number later in the sentence counts («…превысило 400»)."""
    topics = []
    for m in _TOPIC[lang].finditer(text):
        c = _Count(Number(m.start(), m.end(), Decimal(5), True), m.end())
        if lang == "en":
            _english_words(text, c)
        else:
            _russian_words(text, c)
        _settle(c, lang)
        if c.unit:
            topics.append(c)
    return topics


def _elided_noun(text: str, n: Number, topics: list[_Count], done: list[_Count]) -> _Count | None:
    """The count whose noun a bare number at a clause end leaves out: the nearest earlier count
    of the sentence or «число …» / "number of …" phrase, one of a noun rather than of a
    measure ("up 9%, and another 96 were built": parks), and not of a circumstance in the
    prepositional, dative or instrumental case («число резидентов на двух площадках выросло
    до 18»: residents)."""
    if not _ELIDED.match(text, n.end):
        return None
    before = done + [t for t in topics if t.end <= n.start]
    nouns = [c for c in before if c.noun is not None and not _is_circumstance(c)]
    return max(nouns or before, key=lambda c: c.number.start, default=None)


def _aside_noun(text: str, n: Number) -> _Count | None:
    """The noun a parenthetical count refers back to: «технопарки (их более 40)» → технопарк."""
    m = _ASIDE.search(text, max(0, n.start - _LOOK_BACK), n.start)
    if m is None:
        return None
    noun = next((p for p in parse(m.group(1).lower()) if p.tag.POS == "NOUN" and "plur" in p.tag), None)
    return _settled(n, noun, []) if noun else None


def _noun_before_dash(text: str, n: Number) -> _Count | None:
    """The noun phrase a number after a dash counts: «…, резидентов – 12» → 12 резидентов,
    «рабочих мест – 1200» → 1200 рабочих мест."""
    m = _NOUN_DASH.search(text, max(0, n.start - _LOOK_BACK), n.start)
    if m is None:
        return None
    *before, last = m.group(1).lower().split()
    noun = next((p for p in parse(last) if p.tag.POS == "NOUN" and _GENITIVE_PLURAL <= p.tag.grammemes), None)
    if noun is None:
        return None
    adjectives = [p for w in before for p in parse(w)[:1] if p.tag.POS in _ADJ and _GENITIVE_PLURAL <= p.tag.grammemes]
    return _settled(n, noun, adjectives if len(adjectives) == len(before) else [])


def _settled(n: Number, noun: Any, adjectives: list[Any]) -> _Count:
    """A Russian count of a noun phrase found away from its number: unit and head fixed."""
    c = _Count(n, n.end, words=adjectives, noun=noun)
    _settle(c, "ru")
    return c


def _noun_of_clause(text: str, n: Number) -> _Count | None:
    """The noun a number closing its clause counts when the clause names it before in the
    genitive plural and counts nothing else: «Таких зданий на площадке будет два» → 2 здания;
    not a noun another noun governs («доля малых предприятий выросла до 40»: a share)."""
    if not _CLAUSE_END.match(text, n.end):
        return None
    start = max((m.end() for m in _CLAUSE_MARK.finditer(text, 0, n.start)), default=0)
    parses = [parse(w.lower())[0] for w in _WORDS.findall(text, start, n.start)]
    for i in range(len(parses) - 1, -1, -1):
        if parses[i].tag.POS == "NOUN" and _GENITIVE_PLURAL <= parses[i].tag.grammemes:
            j = i - 1
            while j >= 0 and parses[j].tag.POS in _ADJ:
                j -= 1
            return None if j >= 0 and parses[j].tag.POS == "NOUN" else _settled(n, parses[i], [])
    return None


def _is_circumstance(c: _Count) -> bool:
    """Is a Russian count's noun in a case that tells where or how («на двух площадках»), not what?"""
    return not isinstance(c.noun, str) and bool(_CIRCUMSTANCE_CASES & c.noun.tag.grammemes)


def _subset_of(text: str, n: Number, before: list[_Count]) -> _Count | None:
    """The nearest earlier count of things a number takes a part of («из них 15», «тремя из них»)."""
    cue = _SUBSET_AFTER.match(text, n.end) or _SUBSET_BEFORE.search(text, max(0, n.start - 20), n.start)
    if not cue or n.value == 1:
        return None
    return _last_counted(before)


def _added_to(text: str, n: Number, before: list[_Count]) -> _Count | None:
    """The nearest earlier count a bare «ещё N» adds to, in its sentence or the one before
    («…запустивших 4 предприятия. Еще 10 уже возводятся»: 10 предприятий)."""
    return _last_counted(before) if _ANOTHER.search(text, max(0, n.start - 10), n.start) else None


def _last_counted(before: list[_Count]) -> _Count | None:
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
    if lang == "en":
        return all(w[0].isupper() or not w[0].isalpha() or len(w) <= 3 for w in words)
    return not any(parse(w.lower())[0].tag.POS in ("VERB", "INFN") for w in _RU_WORD.findall(quoted))


def _words_after(text: str, n: Number, lang: str) -> _Count:
    """A number with an abbreviated unit after it, or the adjectives and noun that follow it,
    past an open bound («24 и более резидентов», "20 or more firms")."""
    c = _Count(n, n.end)
    if bound := _OPEN_BOUND.match(text, n.end):
        c.end = bound.end()
    space = _SPACE.match(text, c.end).end()
    for pattern, unit, head in _UNITS["en" if lang == "en" else "ru"]:
        m = pattern.match(text, space)
        if m:
            c.unit, c.head, c.shared, c.end = unit, head, unit, m.end()
            return c
    if text[c.end:c.end + 1].isalpha() and not n.spelled:  # «5км», but «пол|года» reads on
        return c
    if lang == "en":
        _english_words(text, c)
    else:
        _russian_words(text, c)
    return c


def _russian_words(text: str, c: _Count) -> None:
    """Adjectives and participles up to the first noun («инвестиционных проекта», not «…по ним»),
    coordinated ones too («малых и средних предприятия»)."""
    pos, conj = c.end, None
    while len(c.words) < 5 and (m := _RU_WORD.match(text, pos)) and not m.group(1).isupper():
        word = m.group(1).lower()
        if word in _ADJ_CONJ and c.words and _coordinates(text, m.end()):
            conj = conj or (len(c.words), pos)
            c.words.append(word)
            pos = m.end()
            continue
        p = _reading(word, c.number)
        if p is None:
            break
        pos = m.end()
        if p.tag.POS == "NOUN":
            c.noun = p
            break
        c.words.append(p)
    if c.noun is None and conj:
        c.words, pos = c.words[:conj[0]], conj[1]
    c.end = pos


def _coordinates(text: str, pos: int) -> bool:
    """Does an adjective follow a conjunction at pos, coordinating it with the one before?"""
    m = _RU_WORD.match(text, pos)
    return bool(m) and parse(m.group(1).lower())[0].tag.POS in _ADJ


def _reading(word: str, n: Number) -> Any:
    """The adjective or noun reading of a word after a number, or None. A noun reading wins over
    a short adjective («парков») and agrees with the number: no nominative singular after numbers
    that take the genitive, and a word pymorphy3 does not know loses its genitive ending after
    2–4 («три агропарка» → «агропарк»). A noun that cannot be genitive nor plural after digits
    that take the genitive is counted by no cardinal: the digits are an ordinal («занял 4 место»)."""
    parses = parse(word)
    if parses[0].tag.POS in _ADJ:
        return parses[0]
    nouns = [p for p in parses if p.tag.POS == "NOUN"]
    if not nouns or parses[0].tag.POS not in ("NOUN", "ADJS") and parses[0].is_known:
        return None
    if _takes_nominative(n.value):
        return nouns[0]
    if not n.spelled and not any("gent" in p.tag or "plur" in p.tag for p in nouns):
        return None
    genitive = {"gent", "sing"} if _takes_genitive_singular(n.value) else {"gent"}
    noun = next((p for p in nouns if genitive <= p.tag.grammemes), nouns[0])
    if noun.is_known or noun.normal_form != word or "sing" not in genitive or word[-1] not in "ая":
        return noun
    return noun._replace(normal_form=_nominative_of_genitive(word))


def _takes_nominative(value: Any) -> bool:
    """Does a number take a noun in the nominative singular («21 компания»)?"""
    return value == int(value) and value % 10 == 1 and value % 100 != 11


def _takes_genitive_singular(value: Any) -> bool:
    """Does a number take a noun in the genitive singular («3 парка», «1,5 тонны»)?"""
    return value != int(value) or value % 10 in (2, 3, 4) and value % 100 not in (12, 13, 14)


def _nominative_of_genitive(word: str) -> str:
    """Masculine nominative of an unknown genitive singular: «агропарка» → «агропарк»,
    «техносекретаря» → «техносекретарь», «агромузея» → «агромузей»."""
    if word.endswith("а"):
        return word[:-1]
    return word[:-1] + ("й" if word[-2:-1] in "аеиоуыэюя" else "ь")


def _english_words(text: str, c: _Count) -> None:
    """Lower-case words up to a function word; for counts above one, the first plural is the noun
    («two more clusters»: the «more» is not part of it)."""
    pos, plural = c.end, c.number.value != 1
    if plural and (m := _EN_WORD.match(text, pos)) and m.group(1).lower() == "more":
        pos = m.end()
    while len(c.words) < 4 and (m := _EN_WORD.match(text, pos)):
        word = m.group(1)
        verb_like = c.words and not plural and word.endswith(("ed", "ing"))
        if word.lower() in _EN_STOP or word[0].isupper() or verb_like:
            break
        pos = m.end()
        if plural and english_singular(word.lower()) != word.lower():
            c.noun = english_singular(word.lower())
            break
        c.words.append(word.lower())
    c.end = pos


def _settle(c: _Count, lang: str) -> None:
    """Fix unit and head; with no noun, a substantivised last adjective («15 рабочих») or the last
    English word serves as the noun."""
    if lang == "en":
        if c.noun is None and c.words:
            c.noun, c.words = english_singular(c.words[-1]), c.words[:-1]
        if c.noun is not None and c.noun not in _NOT_HEADS:
            c.head, c.unit = c.noun, _unit(c.words, c.noun, lang)
    else:
        if c.noun is None and c.words:
            c.noun = next((q for q in parse(c.words[-1].word) if q.tag.POS == "NOUN"), None)
            c.words = c.words[:-1] if c.noun else c.words
        if c.noun is not None and c.noun.normal_form not in _NOT_HEADS:
            c.head, c.unit = c.noun.normal_form, _russian_unit(c.words, c.noun)
    c.shared = c.unit


def _share(pending: list[_Count], closing: _Count, lang: str) -> list[_Count]:
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


def _unit(words: list[Any], noun: Any, lang: str) -> str:
    """The unit string of adjectives and a head noun, in the article's language."""
    return " ".join(words + [noun]) if lang == "en" else _russian_unit(words, noun)


def _russian_unit(adjectives: list[Any], noun: Any) -> str:
    """Nominative singular phrase, adjectives agreeing with the head noun's gender (conjunctions
    between them kept)."""
    gender = noun.tag.gender if noun.tag.gender in ("masc", "femn", "neut") else "masc"
    grammemes = {"nomn", "plur"} if "Pltm" in noun.tag else {"nomn", "sing", gender}
    return " ".join([_agreeing(a, grammemes) for a in adjectives] + [noun.normal_form])


def _agreeing(word: Any, grammemes: set[str]) -> str:
    """An adjective in the given form (its lemma when pymorphy3 cannot inflect it); a conjunction as is."""
    if isinstance(word, str):
        return word
    inflected = word.inflect(grammemes)
    return inflected.word if inflected else word.normal_form
