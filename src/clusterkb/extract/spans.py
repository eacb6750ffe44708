"""Named-entity spans: Natasha's NER over the sentences, then repaired for news text.

The model cuts quoted names in half («Группы компаний «Следопыт»), leaves the region off an
organisation («Фондом развития промышленности» + «Омской области»), tags surnames as places and
misses lower-case bodies («минпромторг РФ»). The repairs here are about the shape of names, not
about any particular article.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from ..lang import gazetteer, nlp
from ..lang.normalize import WORD as _WORD, is_cyrillic, nominative_phrase
from ..lang.tables import words
from .document import Document

PER, ORG, LOC = "PER", "ORG", "LOC"
OPEN_QUOTES, CLOSE_QUOTES = "«“„", "»”"
LEGAL_FORMS = words("legal_forms.json", "forms")  # «ООО», «АО», «ФГУП», …
# Nouns that name a kind of organisation; a quoted name after one of them is an organisation.
ORG_TYPES = gazetteer.org_types()  # «фонд», «технопарк», «технополис», … (data/org_types.json)
KIND_ABBREVIATIONS = words("org_types.json", "kind_abbreviations")  # «ОЭЗ», «ТОР»: typed like «парк»


@dataclass
class Span:
    type: str
    start: int
    end: int


class Coverage:
    """The offsets a set of (start, end) ranges covers, asked by bisection: «is offset 1234
    inside a name?» costs the logarithm of the number of ranges, not a pass over all of them.

    >>> c = Coverage([(0, 5), (3, 9)])
    >>> c.covers(7), c.covers(9), c.overlaps(8, 12), c.overlaps(9, 12)
    (True, False, True, False)
    """

    def __init__(self, ranges: Iterable[tuple[int, int]]):
        merged: list[list[int]] = []
        for start, end in sorted(ranges):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self._starts = [start for start, _ in merged]
        self._ends = [end for _, end in merged]

    def covers(self, offset: int) -> bool:
        i = bisect.bisect_right(self._starts, offset) - 1
        return i >= 0 and offset < self._ends[i]

    def overlaps(self, start: int, end: int) -> bool:
        """Does the non-empty range [start, end) share an offset with a range (or hold an empty one)?"""
        i = bisect.bisect_left(self._starts, end) - 1
        return i >= 0 and start < self._ends[i]


def find_spans(doc: Document) -> list[Span]:
    """NER spans of the document's paragraphs, repaired and sorted by offset."""
    paragraphs = [p for p in doc.paragraphs if is_cyrillic(p.text)]
    spans: list[Span] = []
    for para, markup in zip(paragraphs, nlp.ner_tagger().map([p.text for p in paragraphs])):
        spans += [Span(sp.type, para.start + sp.start, para.start + sp.stop) for sp in markup.spans]
    text = doc.text
    spans = [part for s in spans for part in _person_list_split(text, s)]
    spans = [_retype(text, _balance_quotes(text, with_org_type(text, _without_trailing_punctuation(text, s)))) for s in spans]
    spans = _with_surnames_in_capitals(text, sorted(spans + _place_abbreviations(text, spans), key=lambda s: s.start))
    spans = _union_of_overlapping_orgs([with_coordinated_genitives(text, s) if s.type == ORG else s for s in spans])
    spans = _join_parent_bodies(text, _join_genitive_tails(text, _join_adjacent_names(text, spans)))
    spans = [_with_federal_adjective(text, _with_own_region(text, s)) for s in spans]
    kept = {(k.type, k.start, k.end): k for s in spans if (k := _without_press_unit(text, s))}
    return list(kept.values())


def any_case_pattern(phrases: Iterable[str]) -> str:
    """A regular expression matching each phrase with its words in any case: the last two
    letters of a long word may change and up to three follow.

    >>> bool(re.fullmatch(any_case_pattern(["Минпромторг России"]), "Минпромторга России"))
    True
    """
    def stem(word: str) -> str:
        return re.escape(word[:-2] if len(word) > 5 else word) + r"\w{0,3}"
    return "|".join("\\s+".join(stem(w) for w in phrase.split()) for phrase in phrases)


@lru_cache(maxsize=1)
def _press_unit_pattern() -> re.Pattern[str]:
    """«пресс-служба», «службы прессы», «пресс-центре» in any case (data/press_units.json)."""
    return re.compile(r"(?:" + any_case_pattern(gazetteer.press_units()) + r")(?:\s+|$)", re.I)


def _without_press_unit(text: str, span: Span) -> Span | None:
    """«Пресс-центр Фонда развития промышленности» → «Фонда развития промышленности»: a press
    service speaks for the body after it and is no organisation of its own (None when no body
    follows it)."""
    m = _press_unit_pattern().match(text, span.start, span.end) if span.type == ORG else None
    if not m:
        return span
    return Span(ORG, m.end(), span.end) if re.search(r"\w", text[m.end():span.end]) else None


def _join_parent_bodies(text: str, spans: list[Span]) -> list[Span]:
    """«Наблюдательный совет» + «Фонда развития промышленности», «Комитет по экономике» +
    «Законодательного собрания Красноярского края»: a body right before the genitive body it
    belongs to is named with it. The parent stays a fact of its own as well."""
    out: list[Span] = []
    for span in spans:
        prev = next((o for o in reversed(out) if o.type == ORG), None)
        gap = text[prev.end:span.start] if prev else ""
        if span.type == ORG and prev and prev.end <= span.start and not gap.strip() and "\n" not in gap \
                and _is_body_of(text, prev, span):
            out[out.index(prev)] = Span(ORG, prev.start, span.end)
        out.append(span)
    return sorted(out, key=lambda s: (s.start, -s.end))


def _union_of_overlapping_orgs(spans: list[Span]) -> list[Span]:
    """«Ассоциация кластеров, технопарков и ОЭЗ» grown over the model's «ОЭЗ России»: one name."""
    out: list[Span] = []
    for span in sorted(spans, key=lambda s: s.start):
        prev = next((o for o in reversed(out) if o.type == ORG), None)
        if span.type == ORG and prev and span.start < prev.end:
            out[out.index(prev)] = Span(ORG, prev.start, max(prev.end, span.end))
        else:
            out.append(span)
    return out


def _place_abbreviations(text: str, spans: list[Span]) -> list[Span]:
    """«КНР», «ОАЭ», «США» from the places table where the model saw no place."""
    out, tagged = [], Coverage((s.start, s.end) for s in spans)
    for m in re.finditer(r"(?<![\w.])[А-ЯЁ]{2,4}(?![\w.])", text):
        if gazetteer.place(m.group()) and not tagged.covers(m.start()):
            out.append(Span(LOC, m.start(), m.end()))
    return out


_CAPITALS_BEFORE = re.compile(r"(?<![\w-])([А-ЯЁ]{3,}(?:-[А-ЯЁ]+)?)[ \t\u00a0]+$")


def _with_surnames_in_capitals(text: str, spans: list[Span]) -> list[Span]:
    """«ГОРБУНОВ Максим Андреевич»: a surname in capitals right before a name is part of it,
    whether the model left it out or took it for a body or a place."""
    out = list(spans)
    for span in spans:
        if span.type != PER:
            continue
        m = _CAPITALS_BEFORE.search(text, max(0, span.start - 40), span.start)
        if not m or not any("Surn" in p.tag for p in nlp.parse(m.group(1).lower())):
            continue
        out = [s for s in out if not (s.start <= m.start(1) < s.end) and s is not span]
        out.append(Span(PER, m.start(1), span.end))
    return sorted(out, key=lambda s: s.start)


_COORDINATED = re.compile(r"(?:,\s*[а-яё][\w-]*(?:\s+[а-яё][\w-]*){0,2})*,?\s+и\s+"
                          r"(?:[а-яё][\w-]*(?:\s+[а-яё][\w-]*){0,2}|(?!(?:" + "|".join(LEGAL_FORMS) + r")\b)[А-ЯЁ]{2,6}(?![\w-]|\s*[«\"]))")  # «…, технопарков и ОЭЗ»


_OWN_REGION_WORD = re.compile(r"[ \t\u00a0]+(?:региона|области|края|республики|округа)(?![\w-])")


def _with_own_region(text: str, span: Span) -> Span:
    """«Фонд развития промышленности» + « региона»: a body of a kind followed by the bare word
    for a region is the body of the article's own region, not the federal body of that name;
    the word belongs to the name («Фонд развития промышленности региона»)."""
    m = _OWN_REGION_WORD.match(text, span.end)
    words = _WORD.findall(text[span.start:span.end])
    if span.type != ORG or not m or not words or not is_org_type(words[0]):
        return span
    return Span(ORG, span.start, m.end())


_FEDERAL_ADJECTIVE = re.compile(rf"(?<![\w-]){gazetteer.FEDERAL_ADJECTIVE}\s+$")


def _with_federal_adjective(text: str, span: Span) -> Span:
    """«федеральный ФРП»: an abbreviation said with «федеральный» before it names the federal
    body even in an article about a region's fund of the same initials; the word is kept."""
    before = _FEDERAL_ADJECTIVE.search(text, max(0, span.start - 20), span.start)
    if span.type != ORG or not before or not re.fullmatch(r"[А-ЯЁ]{2,6}", text[span.start:span.end]):
        return span
    return Span(ORG, before.start(), span.end)


_AND = re.compile(r"\sи\s+")


def with_coordinated_genitives(text: str, span: Span) -> Span:
    """«министерстве промышленности» + «, торговли и развития предпринимательства»: the model
    stops at the first comma of a coordinated genitive list that belongs to the name — or of a
    dative one after «по» («Совета по стратегическому развитию» + «и нацпроектам»). A quoted
    name ends its body: «компании «Альфа» и модернизации завода» joins nothing after it."""
    if text[span.end - 1:span.end] in CLOSE_QUOTES + '"':
        return span
    words = _WORD.findall(text[span.start:span.end])
    if len(words) >= 3 and "по" in words[1:-1] and has_case(words[-1], "datv"):
        return _with_coordinated_datives(text, span)
    if len(words) < 2 or not is_genitive_word(words[-1]):
        return span
    m = _COORDINATED.match(text, span.end)
    if not m or "\n" in m.group():
        return span
    conjunction = [c.end() for c in _AND.finditer(text, span.end, m.end())][-1]
    last = list(_WORD.finditer(text, conjunction, m.end()))
    for word in reversed(last):  # «…, транспорта и связи [ожидают]»: the longest genitive end
        tail = [w for w in _WORD.findall(text, span.end, word.end()) if w != "и"]
        if all(is_genitive_word(w) for w in tail):
            return span if _cut_mid_phrase(tail) else Span(span.type, span.start, word.end())
    return span


def _cut_mid_phrase(tail: list[str]) -> bool:
    """Does a coordinated genitive tail stop inside a phrase whose noun comes later: a pronoun
    or an adjective last, or a pronoun anywhere («и других нейтральных гуманитарных [организаций]»)?"""
    return _is_pronoun_or_adjective_only(tail[-1]) or any("Apro" in p.tag for w in tail for p in nlp.parse(w.lower())[:1])


def _with_coordinated_datives(text: str, span: Span) -> Span:
    """«Совета по стратегическому развитию» + «и нацпроектам»: the dative words after «и»,
    up to the first word in another case («… и нацпроектам с президентом»)."""
    m = _COORDINATED.match(text, span.end)
    if not m or "\n" in m.group():
        return span
    end = span.end
    for w in _WORD.finditer(m.group()):
        if w.group() == "и":
            continue
        if not (has_case(w.group(), "datv") or not nlp.morph().word_is_known(w.group().lower())):
            break
        end = span.end + w.end()
    last = _WORD.findall(text[span.end:end])[-1:]
    if end == span.end or last == ["и"] or _is_pronoun_or_adjective_only(last[0]):
        return span
    return Span(span.type, span.start, end)


def has_case(word: str, case: str) -> bool:
    """A noun or adjective reading of the word in that case: has_case("нацпроектам", "datv")."""
    return any(p.tag.case == case and p.tag.POS in ("NOUN", "ADJF") for p in nlp.parse(word.lower())[:3])


def _is_pronoun_or_adjective_only(word: str) -> bool:
    """A word that cannot end a noun phrase: every reading an adjective, participle or pronoun."""
    parses = nlp.parse(word.lower())
    return bool(parses) and nlp.morph().word_is_known(word.lower()) and all(
        p.tag.POS in ("ADJF", "PRTF", "NPRO") or "Apro" in p.tag for p in parses)


def is_genitive_word(word: str) -> bool:
    """A genitive noun or adjective, or a word the dictionary does not know («инвестполитики»)."""
    parses = nlp.parse(word.lower())
    if parses and parses[0].tag.POS in ("CONJ", "PREP", "PRCL"):  # «и», «по»: never part of the list
        return False
    return any(p.tag.case == "gent" and p.tag.POS in ("NOUN", "ADJF") for p in parses[:2]) \
        or not nlp.morph().word_is_known(word.lower())


def _join_adjacent_names(text: str, spans: list[Span]) -> list[Span]:
    """«Абдурахмановой» + «Наталье Петровне»: one name the model cut in two — when the parts
    agree in case; «Ельцина Наина Иосифовна» (a genitive, then a nominative) is two people."""
    out: list[Span] = []
    for span in spans:
        prev = out[-1] if out else None
        if prev and prev.type == span.type == PER and text[prev.end:span.start].strip() == "" \
                and "\n" not in text[prev.end:span.start] \
                and _may_agree(_WORD.findall(text[prev.start:prev.end])[-1:], _WORD.findall(text[span.start:span.end])[:1]):
            out[-1] = Span(PER, prev.start, span.end)
        else:
            out.append(span)
    return out


def _may_agree(left: list[str], right: list[str]) -> bool:
    """Can the two words stand in one case (or is one of them beyond the dictionary)?"""
    cases = [{p.tag.case for p in nlp.parse(w.lower()) if p.tag.case} for w in left + right]
    unknown = any(not nlp.morph().word_is_known(w.lower()) for w in left + right)
    return len(cases) < 2 or unknown or bool(cases[0] & cases[1])


_PERSON_SEPARATORS = re.compile(r"\s*[(),;•]\s*")


def _person_list_split(text: str, span: Span) -> list[Span]:
    """«Джошуа Вольфа (Joshua Wolf)», «Овечкин, Фёдоров», «Хитли (Гецлаф»: the model's person
    span holding a bracket or a comma is several names (or one name and its original spelling)."""
    if span.type != PER:
        return [span]
    parts, pos = [], span.start
    for m in [*_PERSON_SEPARATORS.finditer(text, span.start, span.end), None]:
        end = m.start() if m else span.end
        if re.search(r"\w", text[pos:end]):
            parts.append(Span(PER, pos, end))
        pos = m.end() if m else pos
    return parts or [span]


def _without_trailing_punctuation(text: str, span: Span) -> Span:
    """«Бернс (» → «Бернс»: a span never ends in an opening bracket, a dash or a comma."""
    end = span.end
    while end > span.start + 1 and text[end - 1] in " \t\u00a0([{,;:-–—":
        end -= 1
    return Span(span.type, span.start, end)


def _balance_quotes(text: str, span: Span) -> Span:
    """Extend a span that opens more quotes than it closes to the closing quotes after it.
    «АО «Завод «Биофарм» then text: one closing quote may close both, as often written."""
    inner = text[span.start:span.end]
    opened = sum(inner.count(q) for q in OPEN_QUOTES) - sum(inner.count(q) for q in CLOSE_QUOTES)
    straight = inner.count('"') % 2
    end, line_end = span.end, text.find("\n", span.end)
    line_end = len(text) if line_end < 0 else line_end
    while (opened > 0 or straight) and end < min(line_end, span.end + 80):
        ch = text[end]
        if ch in CLOSE_QUOTES:
            opened -= 1
        elif ch == '"' and straight:
            straight = 0
        elif ch in OPEN_QUOTES or (end > span.end and text[end - 1] in CLOSE_QUOTES):
            break
        end += 1
    closed = end > span.end and text[end - 1] in CLOSE_QUOTES + '"'
    return Span(span.type, span.start, end) if closed or not (opened > 0 or straight) else span


@lru_cache(maxsize=1)
def _kind_phrase_pattern() -> re.Pattern[str]:
    """A kind said in several words, in any case, ending where a name follows (data/org_types.json
    kind_phrases), with the initials it goes by in brackets: «территории опережающего развития (ТОР) »."""
    phrases = any_case_pattern(words("org_types.json", "kind_phrases"))
    return re.compile(rf"(?<![\w-])(?:{phrases})(?:\s*\([A-ZА-ЯЁ]{{2,8}}\))?\s*$", re.I)


_BRACKETED_INITIALS = re.compile(r"\s*\([A-ZА-ЯЁ]{2,8}\)\s*$")  # «особой экономической зоны (ОЭЗ) «Х»»


def with_org_type(text: str, span: Span) -> Span:
    """«ТехноОмск» inside «индустриального парка «ТехноОмск»» → the whole typed name (a kind said
    by its initials too: «ТОР «Заречная»», data/org_types.json kind_abbreviations, or in several
    words: «территории опережающего развития «Кангалассы»», kind_phrases; the kind's initials
    may stand in brackets between: «зоны (ОЭЗ) «Алабуга»»); a kind before a kind in the singular
    genitive is another thing of that body («площадке парка «X»», «совета технопарка «X»»),
    and so is one before a plural genitive kind of its own adjective and a list of names
    («компаниям промышленных парков «X» и «Y»»: the parks), while «группа компаний «X»» is one name."""
    if text[span.start] in OPEN_QUOTES + '"':
        quote = span.start
    elif span.start > 0 and text[span.start - 1] in OPEN_QUOTES + '"':
        quote = span.start - 1
    else:
        return span
    if phrase := _kind_phrase_pattern().search(text, max(0, quote - 90), quote):
        return Span(ORG, phrase.start(), span.end)
    initials = _BRACKETED_INITIALS.search(text, max(0, quote - 12), quote)
    start = pending = quote
    if initials:
        pending = initials.start()
    kind, qualified = None, False  # the kind word nearest before, and whether an adjective of its own came before it
    for m in reversed(list(_WORD.finditer(text, max(0, quote - 60), pending))):
        word = m.group()
        if text[m.end():pending].strip() or "\n" in text[m.end():pending]:
            break
        if word in LEGAL_FORMS:
            start = m.start()
            break
        if is_org_type(word) and kind and (kind in KIND_ABBREVIATIONS or _is_genitive_noun(kind)
                                           or qualified and _QUOTED_LIST_START.match(text, quote)
                                           and _is_plural_genitive(kind)):
            break  # «площадке индустриального парка «Синергия»», «совет ОЭЗ «X»»: the park's site, not the park
        if word in KIND_ABBREVIATIONS or is_org_type(word) or (start < quote and is_relational_adjective(word)):
            start = pending = m.start()
            typed = word in KIND_ABBREVIATIONS or is_org_type(word)
            kind, qualified = (word, False) if typed else (kind, True)
            continue
        if start == quote and pending - m.start() < 40 and word.islower() and _is_genitive_noun(word):
            pending = m.start()  # «промтехнопарк сельхозмашиностроения «Галаново»»: kept if a kind comes
            continue
        break
    return Span(ORG, start, span.end) if start < quote else span


# a quoted name that opens a list of them: «компаниям промышленных парков «Кедровый» и «Озёрный»» are the parks'
_QUOTED_LIST_START = re.compile(r"«[^«»\n]{2,40}»(?:\s*,\s*|\s+и\s+)«")


def _is_plural_genitive(word: str) -> bool:
    return any(p.tag.case == "gent" and p.tag.POS == "NOUN" and p.tag.number == "plur" for p in nlp.parse(word.lower())[:2])


def _is_genitive_noun(word: str) -> bool:
    """A singular genitive noun: the field of a park («сельхозмашиностроения»); a plural one is
    more often whose body it is («совет директоров «X»»)."""
    return any(p.tag.case == "gent" and p.tag.POS == "NOUN" and p.tag.number == "sing" for p in nlp.parse(word.lower())[:2])


# A preposition of place or a kind of place right before a word: «в Тусоне», «город Дацин»,
# «станция метро Московская» — the word is the place the model says, though it can be a surname.
_PLACE_BEFORE = re.compile(r"(?<!\w)(?:в|во|на|из|под|около|возле|близ|город[а-я]*|г\.|сел[оаеу]|посёл[а-я]*|"
                           r"посел[а-я]*|деревн[а-я]*|станци[а-я]*|метро|район[а-я]*|станиц[а-я]*|округ[а-я]*)"
                           r"[ \t\u00a0]+$", re.I)


def _retype(text: str, span: Span) -> Span:
    """A 'place' that is a surname is a person; one whose head is an organisation noun, or a union
    of states (data/unions_of_states.json), is an org."""
    words = _WORD.findall(text[span.start:span.end])
    if span.type == ORG and 2 <= len(words) <= 3 and all(w.isupper() for w in words) \
            and any("Name" in p.tag for p in nlp.parse(words[0].lower())) \
            and any("Surn" in p.tag or not nlp.morph().word_is_known(words[-1].lower()) for p in nlp.parse(words[-1].lower())):
        return Span(PER, span.start, span.end)  # «ВИКТОРА САМОЙЛЕНКО»: a name in capitals
    if span.type == ORG and len(words) == 1 and nlp.morph().word_is_known(words[0].lower()) \
            and any("Geox" in p.tag for p in nlp.parse(words[0].lower())[:1]) and not _is_quoted(text, span):
        return Span(LOC, span.start, span.end)
    if span.type == LOC and gazetteer.union_of_states(nominative_phrase(text[span.start:span.end])):
        return Span(ORG, span.start, span.end)  # «страны ЕС», «в Евросоюзе»: a union of states
    if span.type == LOC and words:
        parses = nlp.parse(words[0].lower())
        if len(words) == 1 and any("Surn" in p.tag for p in parses) and not any("Geox" in p.tag for p in parses) \
                and not _PLACE_BEFORE.search(text, max(0, span.start - 30), span.start):
            return Span(PER, span.start, span.end)
        if any(is_org_type(w) for w in words) and not any("Geox" in p.tag for w in words for p in nlp.parse(w.lower())) \
                and not gazetteer.place(nominative_phrase(text[span.start:span.end])):  # «Советскому Союзу»
            return Span(ORG, span.start, span.end)
        if len(words) == 1 and _after_site_noun(text, span.start) and not nlp.morph().word_is_known(words[0].lower()):
            return Span(ORG, span.start, span.end)
    return span


_WORD_BEFORE = re.compile(r"(?<![\w-])([\w-]+) $")


def word_before(text: str, start: int) -> str | None:
    """The word right before `start`, one space apart: «зона» before «Алабуга» in «особая зона
    Алабуга»; None after punctuation or a line break."""
    m = _WORD_BEFORE.search(text, max(0, start - 30), start)
    return m.group(1) if m else None


def _after_site_noun(text: str, start: int) -> bool:
    """«особая зона Алабуга», «в ОЭЗ Тольятти»: right after a noun of a kind of site, a name the
    dictionary does not know is that site's name, not a place (a known place in the genitive,
    «зона Москвы», stays a place)."""
    word = word_before(text, start)
    if not word:
        return False
    lemma = nlp.parse(word.lower())[0].normal_form if word.islower() else word.lower()
    return gazetteer.is_site_word(lemma)


def _is_quoted(text: str, span: Span) -> bool:
    """«Бавария» in quotes is the name of a body (a club), whatever place it shares its name with."""
    return text[span.start:span.start + 1] in OPEN_QUOTES + '"' or text[max(0, span.start - 1):span.start] in (*OPEN_QUOTES, '"')


def _join_genitive_tails(text: str, spans: list[Span]) -> list[Span]:
    """Join an organisation with the genitive place, body or coordinated abbreviation that
    completes it: «Фондом развития промышленности» + «Омской области», «Наблюдательный совет» +
    «Фонда развития промышленности», «АКИТ» + «РФ», «… технопарков и ОЭЗ» + «России», «РБК» +
    «Пермь» (a regional edition).
    The place and the parent body stay facts of their own as well."""
    out: list[Span] = []
    i = 0
    while i < len(spans):
        cur = spans[i]
        j = i + 1
        if cur.type == ORG:
            while j < len(spans):
                nxt = spans[j]
                gap = text[cur.end:nxt.start]
                if nxt.type == LOC and not gap.strip() and "\n" not in gap and (
                        is_genitive_place(text[nxt.start:nxt.end]) or _is_regional_edition(text, cur, nxt)):
                    out.append(nxt)
                    cur = Span(ORG, cur.start, nxt.end)
                elif nxt.type == ORG and gap.strip() in ("и",) and _ends_genitive_plural(text[cur.start:cur.end]) \
                        and text[nxt.start:nxt.end].isupper():
                    cur = Span(ORG, cur.start, nxt.end)
                else:
                    break
                j += 1
        out.append(cur)
        i = j
    return sorted(out, key=lambda s: (s.start, -s.end))


def _is_regional_edition(text: str, org: Span, place: Span) -> bool:
    """«РБК Пермь», «ГТРК Омск»: an abbreviation followed by a city in the nominative, the name
    ending there, is the body's regional edition or branch, named with its city."""
    name, city = text[org.start:org.end], text[place.start:place.end]
    return bool(re.fullmatch(r"[А-ЯЁA-Z\d]{2,6}", name)) and bool(re.fullmatch(r"[А-ЯЁ][а-яё]+", city)) \
        and any(p.tag.case == "nomn" and "Geox" in p.tag for p in nlp.parse(city.lower())) \
        and not any(p.tag.case == "gent" for p in nlp.parse(city.lower())) \
        and bool(re.match(r"[ \t\u00a0]*(?:[,.;:!?»\")—–-]|$)", text[place.end:], re.M))


def is_org_type(word: str) -> bool:
    """Can the word be a noun naming a kind of organisation («парке» → парк, not only «парка»)?"""
    return any(p.normal_form in ORG_TYPES and p.tag.POS == "NOUN" for p in nlp.parse(word.lower()))


def is_relational_adjective(word: str) -> bool:
    """«индустриального» парка belongs to the name; «будущего» or «нового» парка does not."""
    parses = nlp.parse(word.lower())[:2]
    return any(p.tag.POS == "ADJF" and "Apro" not in p.tag and p.normal_form not in _NOT_IN_NAMES
               for p in parses)


_NOT_IN_NAMES = words("non_name_adjectives.json", "adjectives")  # «будущий», «новый», …


def is_genitive_place(place: str) -> bool:
    """«Омской области», «России», «РФ», «Республики Татарстан» (the name after «Республики»
    does not decline)."""
    words = _WORD.findall(place)
    if not words:
        return False
    if all(w.isupper() for w in words):  # РФ, США
        return True
    if len(words) == 1 and gazetteer.place_nominative(words[0]):  # «Приангарья»
        return True
    return any(p.tag.case == "gent" for p in nlp.parse(words[0].lower()))


def _is_body_of(text: str, part: Span, whole: Span) -> bool:
    """«Наблюдательный совет» + «Фонда развития промышленности», «Комитет по экономике» +
    «Законодательного собрания края»: a body right before a genitive body is part of it."""
    first = _WORD.findall(text[whole.start:whole.end])[:1]
    if len(_WORD.findall(text[part.start:part.end])) < 2:  # «Замглавы» the model took for a body
        return False
    return bool(first) and "(" not in text[whole.start:whole.end] and first[0][:1].isupper() and first[0] not in LEGAL_FORMS \
        and text[part.end - 1] not in CLOSE_QUOTES + '")' and has_case(first[0], "gent") \
        and not has_case(first[0], "nomn")


def _ends_genitive_plural(name: str) -> bool:
    words = _WORD.findall(name)
    return len(words) > 1 and any(p.tag.case == "gent" and p.tag.number == "plur" for p in nlp.parse(words[-1].lower()))
