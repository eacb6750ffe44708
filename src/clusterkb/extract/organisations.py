"""Organisations: repaired NER spans plus the bodies the model misses, merged within an article.

Merging follows how news names one body several ways: an abbreviation defined in parentheses
(«… ОЭЗ России (АКИТ)»), an abbreviation made of the name's initials, «АКИТ» and «АКИТ РФ»,
a quoted short name («ТехноОмск» for «индустриальный парк «ТехноОмск»»), the bare head noun
(«Ассоциация»), and the curated table of federal bodies.
"""
from __future__ import annotations

import bisect
import math
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..lang import gazetteer, nlp
from ..model import Fact, Mention
from ..unionfind import UnionFind
from ..lang.normalize import WORD as _WORD, clean_spaces, fold, is_cyrillic, nominative_phrase
from ..lang.tables import words
from ..lang.translit import is_place_adjective
from .document import Document
from .spans import (KIND_ABBREVIATIONS, LEGAL_FORMS, LOC, ORG, ORG_TYPES, Span, any_case_pattern, is_genitive_place,
                    is_genitive_word, is_org_type, is_relational_adjective, with_coordinated_genitives, with_org_type,
                    word_before)

GOVERNMENT_HEADS = gazetteer.government_heads()  # «правительство», «минпром», … (data/org_types.json)
_GOVERNMENT_WORD = re.compile(r"(?<!\w)(?:правительств|администрац|министерств|департамент|комитет|агентств|"
                              r"мэри|минпром|минэконом|дум|фонд|корпорац)\w*", re.I)
_WITH_DEPENDENTS = words("org_types.json", "with_dependents")  # «департамент», «комитет», …
_PLACED_ONLY = words("org_types.json", "placed_only")  # lower-case ones are bodies only when a region follows
_ABBR = re.compile(r"^[A-ZА-ЯЁ][A-ZА-ЯЁ&\d.-]{1,7}(?:\s+(?:РФ|России|RF))?$")
_SHORT_NAME = r"[«\"]?(?P<abbr>[A-ZА-ЯЁ][\w&.-]{1,24}(?:\s[A-ZА-ЯЁ][\w&.-]{0,14}){0,2})[»\"]?"
_PAREN_ABBR = re.compile(rf"^(?P<main>.*?)\s*\({_SHORT_NAME}\)?$")
_INNER_PAREN_ABBR = re.compile(r"^(?P<main>.+?)\s*\((?P<abbr>[A-ZА-ЯЁ][A-ZА-ЯЁ&.-]{1,9})\)\s+(?P<rest>[^()]+)$")
_QUOTED = re.compile(r"[«\"“](?P<inner>[^«»\"“”]+(?:«[^«»]+»)?)[»\"”]")
_BAD = re.compile(r"[:№@#|/\\]|\d{3,}|^(?:топ|top)[- ]?\d+$", re.I)  # «ТОП-5» is a rating, not a body


def with_rule_organisations(doc: Document, spans: list[Span]) -> list[Span]:
    """Add organisation spans that follow from the shape of the text: federal bodies in any case
    («минпромторг РФ»), a government noun with its region («правительства Омской области»,
    «омском правительстве»), «департамент инвестполитики», «завод имени Баранова»."""
    typed = _typed_quoted_names(doc)
    found = _federal_bodies(doc) + _government_bodies(doc, spans) + _named_after(doc) + typed + _regional_fields(doc, spans) \
        + _coordinated_quoted_names(doc, spans + typed)
    layer = _OrganisationLayer(_with_regional_words(doc, spans))
    for new in sorted(_with_regional_words(doc, found), key=lambda s: s.end - s.start, reverse=True):
        near = layer.near(new)
        inside = [o for o in near if new.start <= o.start and o.end <= new.end]
        overlapping = [o for o in near if o.start < new.end and new.start < o.end]
        if overlapping:
            if inside != overlapping:
                continue
            layer.remove(inside)
        layer.add(new)
    return sorted(layer.spans(), key=lambda s: (s.start, -s.end))


_WORD_BEFORE = re.compile(r"(?<![\w-])([а-яё]+) $")
_REGIONAL = words("org_types.json", "regional_adjectives")  # «областной», «краевой», …


def _with_regional_words(doc: Document, spans: list[Span]) -> list[Span]:
    """A lower-case regional adjective right before an organisation is part of its name: it
    says which body is meant («кировский Фонд развития промышленности», «регионального Фонда
    развития промышленности» are not the federal fund)."""
    out = []
    for s in spans:
        m = _WORD_BEFORE.search(doc.text, max(0, s.start - 30), s.start) if s.type == ORG else None
        if m and _regional(m.group(1)):
            s = Span(ORG, m.start(1), s.end)
        out.append(s)
    return out


def _regional(word: str) -> bool:
    lemmas = {p.normal_form for p in nlp.parse(word) if p.tag.POS == "ADJF"}
    return bool(lemmas & _REGIONAL) or any(is_place_adjective(lemma) for lemma in lemmas)


class _OrganisationLayer:
    """The spans with their organisations indexed by start, so that the organisations a new
    span may touch are found by bisection within the longest organisation's reach rather than
    by a pass over all of them. A span removed takes every span equal to it along."""

    def __init__(self, spans: list[Span]):
        self._spans: list[Span] = []
        self._alive: list[bool] = []
        self._starts: list[tuple[int, int]] = []  # (start, position) of each organisation
        self._reach = 0
        for s in spans:
            self.add(s)

    def add(self, span: Span) -> None:
        self._spans.append(span)
        self._alive.append(True)
        if span.type == ORG:
            bisect.insort(self._starts, (span.start, len(self._spans) - 1))
            self._reach = max(self._reach, span.end - span.start)

    def near(self, span: Span) -> list[Span]:
        """The live organisations starting from the longest one's length before the span to its end."""
        lo = bisect.bisect_left(self._starts, (span.start - self._reach, -1))
        hi = bisect.bisect_right(self._starts, (span.end, len(self._spans)))
        return [self._spans[p] for _, p in self._starts[lo:hi] if self._alive[p]]

    def remove(self, spans: list[Span]) -> None:
        for gone in spans:
            for _, p in self._starts[bisect.bisect_left(self._starts, (gone.start, -1)):
                                     bisect.bisect_right(self._starts, (gone.start, len(self._spans)))]:
                if self._alive[p] and self._spans[p] == gone:
                    self._alive[p] = False

    def spans(self) -> list[Span]:
        return [s for s, alive in zip(self._spans, self._alive) if alive]


@lru_cache(maxsize=1)
def _federal_pattern() -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + any_case_pattern(gazetteer.federal_body_forms()) + r")(?!\w)", re.I)


def _federal_bodies(doc: Document) -> list[Span]:
    out = []
    for m in _federal_pattern().finditer(doc.text):
        if gazetteer.federal_body(nominative_phrase(m.group())):
            out.append(Span(ORG, m.start(), m.end()))
    return out


def _government_bodies(doc: Document, spans: list[Span]) -> list[Span]:
    places = {s.start: s for s in spans if s.type == LOC}
    out = []
    for m in _GOVERNMENT_WORD.finditer(doc.text):
        lemma = _lemma(m.group())
        if lemma not in GOVERNMENT_HEADS or m.group()[:1].isupper() and lemma in _PLACED_ONLY:
            continue
        start, end = _region_adjective_before(doc.text, m.start()), m.end()
        if lemma in _WITH_DEPENDENTS or lemma in _PLACED_ONLY:
            end = with_coordinated_genitives(doc.text, Span(ORG, start, _genitive_dependents_end(doc.text, end))).end
        after = re.match(r"[ \t\u00a0]+", doc.text[end:])
        nxt = end + (after.end() if after else 0)
        placed = nxt in places
        if placed:
            end = places[nxt].end
        elif lemma not in _PLACED_ONLY and (own := _OWN_REGION.match(doc.text, nxt)):
            end = own.end()  # «правительство края»: the article's own region's body
        if lemma in _PLACED_ONLY and not placed:  # «фонд оплаты труда» is no body; «фонд … края» is
            continue
        if start < m.start() or end > m.end():
            out.append(Span(ORG, start, end))
    return out


@lru_cache(maxsize=1)
def _regional_kind_pattern() -> re.Pattern[str]:
    """Any lower-case form of a regional kind: «кластер», «кластера», «кластерами»."""
    stems = [kind[:-1] if kind[-1] in "аяоеьй" else kind for kind in gazetteer.regional_kinds()]
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, stems)) + r")[а-яё]*(?![\w-])")


def _regional_fields(doc: Document, spans: list[Span]) -> list[Span]:
    """«химический кластер Белгородской области», «кластера строительных материалов и технологий
    Татарстана»: a kind a region names by field (data/regional_kinds.json), said in lower case
    and in the singular with its field — adjectives before it or genitive words after it — and
    a place right after, is one named body."""
    places = {s.start: s for s in spans if s.type == LOC}
    out = []
    for m in _regional_kind_pattern().finditer(doc.text):
        kind = next((p for p in nlp.parse(m.group()) if p.tag.POS == "NOUN" and p.tag.number == "sing"
                     and p.normal_form in gazetteer.regional_kinds()), None)
        if kind is None:
            continue
        start = _field_adjectives_start(doc.text, m.start(), kind.tag.case, kind.tag.gender)
        end = _genitive_dependents_end(doc.text, m.end())
        place = places.get(end + len(re.match(r"[ \t\u00a0]*", doc.text[end:]).group()))
        if place and (start < m.start() or end > m.end()) and is_genitive_place(doc.text[place.start:place.end]):
            out.append(Span(ORG, start, place.end))
    return out


def _field_adjectives_start(text: str, start: int, case: str, gender: str | None) -> int:
    """Where the adjectives of a field before a noun begin («камский машиностроительный
    кластер»): lower-case ones (or the first word of a sentence) in the noun's case and gender,
    within 80 characters; «новый», «крупнейший» are no field, «Осьмакова» before «химический
    кластер» is a surname."""
    offset = max(0, start - 80)
    for m in reversed(list(re.finditer(r"([А-ЯЁа-яё][а-яё-]+)[ \t\u00a0]+", text[offset:start]))):
        word = m.group(1)
        opens = not text[:offset + m.start(1)].strip() or text[:offset + m.start(1)].rstrip()[-1] in ".!?\n"
        if offset + m.end() != start or not (word.islower() or opens) or not is_relational_adjective(word) \
                or not any(p.tag.POS == "ADJF" and p.tag.case == case and p.tag.gender == gender
                           for p in nlp.parse(word.lower())):
            break
        start = offset + m.start(1)
    return start


# «правительство края», «администрации области», «правительства региона»: a body of the region
# the article is about, named by the kind of region alone.
_OWN_REGION = re.compile(r"(?:края|области|региона|республики|округа|района|города)(?!\w)")


def _region_adjective_before(text: str, start: int) -> int:
    """«омском правительстве», «областное правительство»: a lower-case -ский, regional or
    «областной» adjective before the head belongs to it."""
    m = re.search(r"(?<!\w)([А-ЯЁа-яё][а-яё]+ск(?:ий|ая|ое|ого|ой|ому|ом|им|ую)|[Рр]егиональн[а-я]+|[Оо]бластн[а-я]+|[Кк]раев[а-я]+)\s+$",
                  text[max(0, start - 40):start])
    return start - (len(text[max(0, start - 40):start]) - m.start(1)) if m else start


def _genitive_dependents_end(text: str, end: int) -> int:
    """«департамента инвестполитики», «министерства промышленности и торговли»."""
    pos = end
    for m in re.finditer(r"\s+(и\s+)?([а-яё][\w-]*)", text[end:end + 80]):
        if end + m.start() != pos or not is_genitive_word(m.group(2)):
            break
        pos = end + m.end()
    return pos


_QUOTED_NAME = re.compile(r"«(?=[\w\"„“])(?![а-яё])[^«»\n]{2,80}(?:«[^«»\n]{2,60}»)?[^«»\n]{0,40}»"
                          r"|\"(?=[A-ZА-ЯЁ\d])[^\"\n]{2,60}\"")  # «…» or "…" after a kind of body


def _typed_quoted_names(doc: Document) -> list[Span]:
    """«промышленный кластер «Уральские композиты»», «в индустриальном парке «Х»»: a quoted name
    after a noun naming a kind of organisation is an organisation, whatever the model says."""
    out = []
    for m in _QUOTED_NAME.finditer(doc.text):
        typed = with_org_type(doc.text, Span(ORG, m.start() + 1, m.end()))
        if typed.start < m.start():
            out.append(Span(ORG, typed.start, m.end()))
    return out


_QUOTED_LIST = re.compile(r"«[^«»\n]{2,40}»(?:(?:\s*,\s*|\s+и\s+)«[^«»\n]{2,40}»)+")


def _coordinated_quoted_names(doc: Document, spans: list[Span]) -> list[Span]:
    """«Импульс», «Синергия» и «Кондинский»: quoted names listed with an organisation the model
    found are organisations too, though the model takes an adjective for none."""
    out = []
    for m in _QUOTED_LIST.finditer(doc.text):
        members = [(q.start() + m.start() + 1, q.end() + m.start() - 1) for q in re.finditer(r"«[^«»]+»", m.group())]
        covered = [any(s.type == ORG and s.start < b and a < s.end for s in spans) for a, b in members]
        if any(covered) and sum(covered) * 2 >= len(members) - 1:
            out += [Span(ORG, a, b) for (a, b), c in zip(members, covered) if not c and doc.text[a:a + 1].isupper()]
    return out


def _named_after(doc: Document) -> list[Span]:
    pattern = re.compile(r"(?<!\w)(\w+)\s+имени\s+[А-ЯЁ][\w-]+(?:\s+[А-ЯЁ][\w-]+){0,2}")
    return [Span(ORG, m.start(), m.end()) for m in pattern.finditer(doc.text) if is_org_type(m.group(1))]


@dataclass
class OrgMention:
    """One way an article names an organisation, already in its normal form."""

    normal: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    short_of_head: bool = False
    quoted: str | None = None  # the quoted short name of a typed name: «Омсктрансмаш» of АО «Омсктрансмаш»


def extract_organisations(doc: Document, spans: list[Span]) -> list[Fact]:
    """One fact per organisation: its fullest nominative name, other forms as aliases."""
    places = {s.end: s.start for s in sorted(spans, key=lambda s: s.end - s.start) if s.type == LOC}
    return merge_organisations([o for s in spans if s.type == ORG and not doc.in_credit(s.start) and (o := _read(doc, s, places))])


def merge_organisations(orgs: list[OrgMention]) -> list[Fact]:
    """Group the mentions that name one organisation; one fact per group, by first mention.
    A group that is only a generic abbreviation («МСП», «ОЭЗ» alone) names no body."""
    facts = [_fact(g) for g in _group(orgs)]
    facts = [f for f in facts if not _is_generic_abbreviation(f.attrs["name"])]
    return sorted(facts, key=lambda f: f.mentions[0].start)


def _is_generic_abbreviation(name: str) -> bool:
    """Is the name an abbreviation of a kind of thing, as written or with a case ending
    («ОЭЗ», «ВУЗов» → «ВУЗ»; data/generic_abbreviations.json)?"""
    return re.sub(r"(?<=[А-ЯЁ]{2})[а-яё]{1,3}$", "", name) in gazetteer.generic_abbreviations()


def _read(doc: Document, span: Span, places: dict[int, int]) -> OrgMention | None:
    surface = clean_spaces(doc.text[span.start:span.end]).strip(" ,.-")
    if len(surface) < 2 or _BAD.search(surface) or not surface[:1].isalnum() and surface[:1] not in "«\"":
        return None
    aliases = []
    inner = _INNER_PAREN_ABBR.match(surface)
    if inner:  # «Фонд развития промышленности (ФРП) Ростовской области»
        surface, aliases = f"{inner.group('main')} {inner.group('rest')}", [inner.group("abbr")]
        if inner.group("abbr") in KIND_ABBREVIATIONS and inner.group("rest")[:1] in _OPENING:
            aliases = [f"{inner.group('abbr')} {inner.group('rest')}"]  # «зоны (ОЭЗ) «Алабуга»»: «ОЭЗ «Алабуга»»
    m = _PAREN_ABBR.match(surface)
    if m:
        surface, aliases = m.group("main"), [m.group("abbr")]
    after = re.match(rf"\s*\({_SHORT_NAME}\)", doc.text[span.end:span.end + 40])
    if after:
        aliases.append(after.group("abbr"))
    words = _WORD.findall(surface)
    if not words or (len(words) == 1 and not (_can_name(words[0]) or _in_quoted_list(doc.text, span))) \
            or _names_a_thing(doc.text, span) or _generic_at_sentence_start(doc, span, surface) \
            or _ends_in_adjective(surface):
        return None
    kind = _kind_of_list(doc.text, span)
    named = f"{kind} «{surface.strip('«»')}»" if kind else surface
    if not kind and (_quoted_plural(doc.text, span, words) or _appositive(doc.text, span, words)):
        normal = surface
    elif not kind and gazetteer.federal_body(words[0]):
        normal = named  # «Минвостокразвития», «Минцифры»: a table form, as it is said in the nominative
    else:
        normal = nominative_phrase(named, ORG_TYPES, singular=len(_QUOTED.findall(named)) == 1)
    normal = _FEDERAL_ABBREVIATION.sub(r"федеральный \g<abbr>", normal)  # «федерального ФРП»
    quoted = _QUOTED.search(normal)
    inner = quoted.group("inner") if quoted and quoted.start() > 0 else None
    short = bool(re.match(r"^\w+\s+по\s+[а-яё]", normal)) and is_org_type(words[0])
    mentions = [doc.mention(a, b) for a, b in own_words(doc.text, span, places)]
    return OrgMention(normal, aliases + ([inner] if inner else []), mentions, short, inner)


_FEDERAL_ABBREVIATION = re.compile(rf"^{gazetteer.FEDERAL_ADJECTIVE}\s+(?P<abbr>[А-ЯЁ]{{2,6}})$")
_PARENTHESIS = re.compile(r"\s*\(([^()]*)\)?\s*")
_OPENING, _CLOSING = "«„“\"", "»“”\""


def own_words(text: str, span: Span, places: dict[int, int]) -> list[tuple[int, int]]:
    """Where the organisation's own name is said inside its span. The knowledge base keeps the
    name whole («газета «Труд»», «Конгресс США», «Комитет защиты журналистов (КЗЖ)»); a mention
    points at the words that are the body's own: the quoted name without its kind and quotes
    («Труд»), the body without the place that says whose it is («Конгресса»: «США» is a mention
    of a location), a name and its bracketed short name apart («Комитет защиты журналистов»,
    «КЗЖ»). `places` maps the end of each place's span to its start. A span with no such words
    is its own mention.

    >>> own_words("в газете «Труд»", Span(ORG, 2, 15), {})
    [(10, 14)]
    >>> own_words("Конгресса США", Span(ORG, 0, 13), {13: 10})
    [(0, 9)]
    """
    parts, pos = [], span.start
    for m in [*_PARENTHESIS.finditer(text, span.start, span.end), None]:
        parts.append((pos, m.start() if m else span.end))
        if m:
            parts.append((m.start(1), m.end(1)))
            pos = m.end()
    named = [(a, b) for a, b in parts if re.search(r"\w", text[a:b]) and places.get(b) != a]
    return [_quoted_name(text, *_without_place_tail(text, a, b, places)) for a, b in named] or [(span.start, span.end)]


def _without_place_tail(text: str, start: int, end: int, places: dict[int, int]) -> tuple[int, int]:
    """«Конгресса США» → «Конгресса», «Фонда развития промышленности Омской области» → «Фонда
    развития промышленности»: a place's span that ends the name after a space."""
    place = places.get(end, start)
    head = text[start:place]
    if place <= start or not head[-1:].isspace() or not re.search(r"\w", head):
        return start, end
    return start, start + len(head.rstrip())


def _quoted_name(text: str, start: int, end: int) -> tuple[int, int]:
    """«ОАО «Газпром»» → «Газпром», «завода "ЗАЗ"» → «ЗАЗ»: a part ending in a quoted name is
    that name; quotes left open inside it («АО «Завод «Биофарм»») keep the part whole."""
    if end - start < 3 or text[end - 1] not in _CLOSING:
        return start, end
    quote = next((i for i in range(start, end - 1) if text[i] in _OPENING), None)
    if quote is None:
        return start, end
    inner = text[quote + 1:end - 1]
    balanced = sum(inner.count(q) for q in "«„") == sum(inner.count(q) for q in "»“") and inner.count('"') % 2 == 0
    return (quote + 1, end - 1) if balanced and re.search(r"\w", inner) else (start, end)


_LIST_BEFORE = re.compile(r"«[^«»\n]{2,60}»(?:(?:\s*,\s*|\s+и\s+)«[^«»\n]{2,60}»)*(?:\s*,\s*|\s+и\s+)$")


def _kind_of_list(text: str, span: Span) -> str | None:
    """«парки «Северный» и «Восточный»», «компании «Альфа», «Бета»»: the kind said in the
    plural (or by initials, which have no number: «ТОР «X» и «Y»») before the first quoted name
    of a list is the kind of each name after it; None for a name that is not a later one of
    such a list (or one after a singular kind: «Технопарк «Идея» и «Сколково»» names the park
    and something else)."""
    quote = span.start - 1 if text[span.start - 1:span.start] == "«" else span.start
    if text[quote:quote + 1] != "«" or "»" in text[span.start:span.end - 1]:
        return None
    listed = _LIST_BEFORE.search(text, max(0, quote - 300), quote)
    if not listed:
        return None
    first = listed.start()
    kind = clean_spaces(text[with_org_type(text, Span(ORG, first + 1, first + 2)).start:first])
    return kind if any(w in KIND_ABBREVIATIONS or _is_plural_kind(w) for w in _WORD.findall(kind)) else None


_THING_KINDS = words("org_types.json", "thing_kinds")  # «программа», «форум», …: their names name no body
_WORD_BEFORE_LIST = re.compile(r"(?<![\w-])([^\W\d_]+)[ \t\u00a0]*:?[ \t\u00a0]*$")


def _names_a_thing(text: str, span: Span) -> bool:
    """«программы «Лизинг»», «программы: «Старт», «Проекты развития» и «Лизинг»», «форума
    «Иннопром»»: a quoted name (or a later one of a list) right after a kind of thing that is no
    body (data/org_types.json thing_kinds) names that thing."""
    quote = span.start - 1 if text[span.start - 1:span.start] in ("«", '"') else span.start
    if text[quote:quote + 1] not in ("«", '"'):
        return False
    listed = _LIST_BEFORE.search(text, max(0, quote - 300), quote)
    first = listed.start() if listed else quote
    before = _WORD_BEFORE_LIST.search(text, max(0, first - 40), first)
    return bool(before) and before.group(1).islower() and any(
        p.normal_form in _THING_KINDS for p in nlp.parse(before.group(1))[:2] if p.tag.POS == "NOUN")


def _is_plural_kind(word: str) -> bool:
    """Is the word a kind of organisation in the plural («парки», «компаний»)?"""
    return any(p.tag.POS == "NOUN" and p.tag.number == "plur" and p.normal_form in ORG_TYPES for p in nlp.parse(word.lower()))


def _quoted_plural(text: str, span: Span, words: list[str]) -> bool:
    """«с «Ново-групп»»: a one-word name in quotes that reads only as a plural in an oblique case
    is a name the dictionary does not know, written as it is named — a quoted name is one
    thing, and «Ново-группы» would be a guess."""
    quoted = text[span.start - 1:span.start] in ("«", '"') and text[span.end:span.end + 1] in ("»", '"')
    if len(words) != 1 or not quoted:
        return False
    parses = [p for p in nlp.parse(words[0].lower()) if p.tag.POS == "NOUN"]
    return bool(parses) and all(p.tag.number == "plur" and p.tag.case != "nomn" for p in parses)


def _appositive(text: str, span: Span, words: list[str]) -> bool:
    """«особая зона Алабуга», «в ОЭЗ Алабуга»: a one-word name the dictionary does not know,
    right after the noun of its kind, stands in apposition and is not declined — it is written
    as it is named, whatever case the kind noun is in (the dictionary would guess «Алабуг»)."""
    kind = word_before(text, span.start)
    if len(words) != 1 or not kind or not words[0][:1].isupper() or nlp.morph().word_is_known(words[0].lower()):
        return False  # «советом Фонда» is a genitive dependent: a word the dictionary knows declines
    return kind in gazetteer.generic_abbreviations() or kind.islower() and is_org_type(kind)


def _in_quoted_list(text: str, span: Span) -> bool:
    """«Импульс», «Кондинский» и «Нефтеюганский»: a quoted name in a list of quoted names, which
    may be an adjective alone."""
    before, after = text[max(0, span.start - 5):span.start], text[span.end:span.end + 5]
    return before.endswith("«") and after.startswith("»") and bool(
        re.search(r"»(?:\s*,\s*|\s+и\s+)«$", before) or re.match(r"»(?:\s*,\s*|\s+и\s+)«", after))


def _generic_at_sentence_start(doc: Document, span: Span, surface: str) -> bool:
    """«Специализированная организация», «Индустриальный парк», «Парк» opening a sentence:
    capitalised only because it opens the sentence, a kind of body with at most one ordinary
    word before it — a description, not a name. A kind of body after two adjectives is a name
    («Федеральное авиационное управление»), and so is a phrase that names no kind of body
    («Большой театр») or a name of the federal table («Фонд развития промышленности»)."""
    sent = doc.sentence_at(span.start)
    if sent is None or span.start != sent.start or re.search(r"[«\"“\d]", surface) \
            or gazetteer.federal_body(nominative_phrase(surface, ORG_TYPES)):  # «Фонд развития промышленности»
        return False
    words = _WORD.findall(surface)
    kind_at = next((i for i, w in enumerate(words) if is_org_type(w)), None)
    if len(words) > 3 or kind_at is None or kind_at > 1 or any(w[:1].isupper() for w in words[1:]) or words[0].isupper() \
            or fold(words[0]).startswith("региональн"):  # «Региональное правительство»: this article's region's
        return False
    return all(nlp.morph().word_is_known(w.lower()) and not any(g in p.tag for p in nlp.parse(w.lower())[:1]
                                                                  for g in ("Orgn", "Geox", "Abbr"))
               for w in words)


def _ends_in_adjective(surface: str) -> bool:
    """«Российской энергетической»: a name cut before its noun is no name."""
    last = _WORD.findall(surface)[-1]
    return last.islower() and not surface.endswith(("»", '"')) and all(
        p.tag.POS in ("ADJF", "PRTF") for p in nlp.parse(last)[:2])


def _can_name(word: str) -> bool:
    """A one-word organisation is a capitalised noun or an abbreviation, not «Подпишитесь»,
    nor a kind of thing of a brand («Telegram-канале», «IT-компании»)."""
    if _is_brand_kind(word):
        return False
    if word.isupper() or re.search(r"[A-Za-z]", word) and re.search(r"[A-Z\d]", word):  # «3Com», «eBay»
        return True
    parses = nlp.parse(word.lower())
    return word[:1].isupper() and (not parses or parses[0].tag.POS == "NOUN" or not nlp.morph().word_is_known(word.lower()))


def _is_brand_kind(word: str) -> bool:
    """«Telegram-канале», «IT-компании»: a Latin name, a hyphen and a lower-case common noun
    is a kind of thing (a channel, a company of a field), not the name of one body."""
    brand, _, noun = word.rpartition("-")
    return bool(re.fullmatch(r"[A-Za-z][\w.]*", brand)) and noun.islower() and is_cyrillic(noun) \
        and nlp.morph().word_is_known(noun) and any(p.tag.POS == "NOUN" for p in nlp.parse(noun)[:1])


def _keys(org: OrgMention) -> set[str]:
    """Keys that name one body whatever else the article says; the quoted short name is not
    one of them (see _same_quoted_name)."""
    forms = [org.normal, *(a for a in org.aliases if a != org.quoted)]
    keys = {fold(f) for f in forms} | {gazetteer.strip_country(fold(f)) for f in forms}
    keys |= {"=" + c for f in forms
             if (c := gazetteer.federal_body(f) or gazetteer.union_of_states(f) or gazetteer.current_name(f))}
    keys |= {k for f in forms if (k := _regional_key(f))}
    return keys - {""}


_REGION_ADJ = re.compile(r"^(?P<stem>[а-яё]+?)[сц]к(?:ий|ая|ое|ие)\s+(?P<head>[а-яё]+)$")
_OF_REGION = re.compile(r"^(?P<head>[а-яё]+)\s+(?P<stem>[а-яё]+?)[сц]к(?:ой|ого)\s+(?:области|края|республики|округа)$")


def _regional_key(name: str) -> str | None:
    """«омское правительство» and «правительство Омской области» name one body."""
    m = _REGION_ADJ.match(fold(name)) or _OF_REGION.match(fold(name))
    return f"@{m.group('head')}|{m.group('stem')}" if m else None


_FUNCTION_WORDS = words("function_words.json", "initialism_skips")  # «of», «и», «по», …


def _initials(name: str, content_only: bool) -> str:
    words = _WORD.findall(gazetteer.strip_country(fold(name)))
    return "".join(w[0] for w in words if not (content_only and w in _FUNCTION_WORDS)).upper()


def _abbreviation_letters(abbr: str) -> str:
    """The letters an abbreviation stands for: «АКИТ РФ» → «АКИТ», «AC&T» → «ACT»."""
    return gazetteer.strip_country(fold(abbr)).upper().replace("&", "").replace("-", "")


def _abbreviates(abbr: str, name: str, past_place: bool = False) -> bool:
    """«АКИТ» ← «Ассоциация кластеров и технопарков», «AC&T» ← «Association of Clusters, Technoparks…».
    An abbreviation that stops short of the name's place may be another body («ФРП» is the
    federal fund, not «Фонд развития промышленности Новосибирской области»): it matches only
    when `past_place` allows it."""
    a = _abbreviation_letters(abbr)
    if len(a) < 3 or " " in a or len(_WORD.findall(name)) < 3:
        return False
    unplaced = _without_place(name)
    for content_only in (False, True):
        if _initials(name, content_only).startswith(a):
            return past_place or unplaced == name or len(a) > len(_initials(unplaced, content_only))
    return False


def _attach_lone_abbreviations(orgs: list[OrgMention], union: UnionFind[int]) -> None:
    """An abbreviation no other mention explains («the regional IDF»), however often said,
    joins the one body of the article it can abbreviate, place or no place."""
    names: dict[int, set[str]] = {}
    for i, o in enumerate(orgs):
        names.setdefault(union.find(i), set()).add(o.normal)
    by_initials = _index_by_initials(orgs)
    for i, o in enumerate(orgs):
        if not _ABBR.match(o.normal) or names[union.find(i)] != {o.normal}:
            continue
        own = union.find(i)
        roots = {union.find(j) for j in by_initials.get(_abbreviation_letters(o.normal), ())
                 if union.find(j) != own and _abbreviates(o.normal, orgs[j].normal, True)}
        if not roots:
            roots = {union.find(j) for j, other in enumerate(orgs)
                     if union.find(j) != own and _abbreviates_compound(o.normal, other)}
        if len(roots) == 1:
            root = roots.pop()
            joined = names.pop(root) | names.pop(own)
            names[union.join(own, root)] = joined


def _abbreviates_compound(abbr: str, org: OrgMention) -> bool:
    """«КМЗ» ← ПАО «Курганмашзавод»: the letters of an abbreviation, in order, inside the one
    compound word of a quoted name, starting with its first letter."""
    word = fold(org.quoted or "")
    letters = fold(abbr)
    if len(letters) < 3 or " " in word or not word.startswith(letters[0]):
        return False
    pos = 0
    for letter in letters:
        pos = word.find(letter, pos) + 1
        if not pos:
            return False
    return True


_PLACE_TAIL = re.compile(r"\s+(?:[А-ЯЁ][\w-]*\s+)?(?:области|края|региона|республики|округа|района|города)(?:\s+[А-ЯЁ][\w-]*)?$"
                         r"|\s+(?:Республики|города)\s+[А-ЯЁ][\w-]*$|\s+of\s+the\s+[A-Z]\w*\s+(?:Region|Krai|Republic)$")


def _without_place(name: str) -> str:
    """The name without a trailing region: «Фонд … Омской области» → «Фонд …»."""
    return _PLACE_TAIL.sub("", name)


def _group(orgs: list[OrgMention]) -> list[list[OrgMention]]:
    """Union of mentions that name one organisation."""
    union: UnionFind[int] = UnionFind(range(len(orgs)))
    first_with: dict[str, int] = {}
    for i, o in enumerate(orgs):
        for key in _keys(o):
            union.join(i, first_with.setdefault(key, i))
    for i, j in _candidate_pairs(orgs):
        if union.find(i) != union.find(j) and _same_body(orgs[i], orgs[j]):
            union.join(i, j)
    _attach_bare_heads(orgs, union)
    _attach_own_region_bodies(orgs, union)
    _attach_lone_abbreviations(orgs, union)
    _attach_bare_federal_forms(orgs, union)
    return [[orgs[i] for i in members] for members in union.groups().values()]


def _signature(o: OrgMention) -> tuple:
    return o.normal, tuple(o.aliases), o.short_of_head, o.quoted


def _distinct(orgs: list[OrgMention]) -> list[int]:
    """One index per way of naming: mentions written alike compare alike («АКИТ» said ten times)."""
    seen: dict[tuple, int] = {}
    return [seen.setdefault(_signature(o), i) for i, o in enumerate(orgs) if _signature(o) not in seen]


def _index_by_initials(orgs: list[OrgMention]) -> dict[str, list[int]]:
    """Each starting run (3 letters or more) of a long name's initials → the names it starts:
    the only names an abbreviation can stand for (see _abbreviates)."""
    index: dict[str, list[int]] = {}
    for i in _distinct(orgs):
        if len(_WORD.findall(orgs[i].normal)) < 3:
            continue
        starts = {initials[:n] for content_only in (False, True)
                  if (initials := _initials(orgs[i].normal, content_only)) for n in range(3, len(initials) + 1)}
        for letters in starts:
            index.setdefault(letters, []).append(i)
    return index


def _candidate_pairs(orgs: list[OrgMention]) -> set[tuple[int, int]]:
    """Every pair of distinct namings _same_body can join, found through what the two must
    share — the abbreviation's initials, the short name, the quoted name, the first words or a
    rare word — so a long article costs about its length rather than its square.

    «АКИТ» is looked up among the names whose initials start «АКИТ», «ТехноПласта» among the
    short names «ТехноПласт»/«ТехноПлас», and so on; nothing else is compared."""
    distinct = _distinct(orgs)
    by_initials = _index_by_initials(orgs)
    by_alias: dict[str, list[int]] = {}
    by_quoted: dict[str, list[int]] = {}
    for j in distinct:
        for a in orgs[j].aliases:
            if " " not in a and len(a) >= 4:
                for stem in _stems(fold(a)):
                    by_alias.setdefault(stem, []).append(j)
        by_quoted.setdefault(fold(orgs[j].quoted or orgs[j].normal), []).append(j)
    pairs = set(_near_duplicate_candidates(orgs, distinct))
    for i in distinct:
        x = orgs[i]
        found = [j for f in [x.normal, *x.aliases] if _ABBR.match(f) for j in by_initials.get(_abbreviation_letters(f), ())]
        if " " not in x.normal:
            found += [j for stem in _stems(fold(x.normal)) for j in by_alias.get(stem, ())]
        if x.quoted:
            found += by_quoted.get(fold(x.quoted), [])
        pairs |= {(min(i, j), max(i, j)) for j in found if j != i}
    return pairs


def _stems(word: str) -> list[str]:
    """The word and the word without its last one or two letters: where a case ending may end."""
    return [word[:len(word) - cut] for cut in (0, 1, 2) if len(word) - cut >= 4]


def _near_duplicate_candidates(orgs: list[OrgMention], distinct: list[int]):
    """Pairs that may be near duplicates: the same first three words, or a shared word among
    each name's rarest ones (prefix filtering: two word sets sharing ¾ of their union share
    one of each set's first |set| − ⌈¾·|set|⌉ + 1 words in any fixed order of words)."""
    words = {i: gazetteer.strip_country(fold(orgs[i].normal)).split() for i in distinct}
    words = {i: w for i, w in words.items() if len(w) >= 3}
    frequency: dict[str, int] = {}
    for w in words.values():
        for word in set(w):
            frequency[word] = frequency.get(word, 0) + 1
    buckets: dict[object, list[int]] = {}
    for i, w in words.items():
        rarest = sorted(set(w), key=lambda word: (frequency[word], word))
        keep = len(rarest) - math.ceil(0.75 * len(rarest)) + 1
        for key in [tuple(w[:3]), *rarest[:keep]]:
            buckets.setdefault(key, []).append(i)
    for bucket in buckets.values():
        for a in range(len(bucket)):
            for b in range(a):
                yield min(bucket[a], bucket[b]), max(bucket[a], bucket[b])


def _same_body(a: OrgMention, b: OrgMention) -> bool:
    for x, y in ((a, b), (b, a)):
        if any(_ABBR.match(f) and _abbreviates(f, y.normal) for f in [x.normal, *x.aliases]):
            return True
        if _inflected_short_name(x.normal, y.aliases) or _same_quoted_name(x, y):
            return True
    return _near_duplicate(a.normal, b.normal)


def _same_quoted_name(x: OrgMention, y: OrgMention) -> bool:
    """«Омсктрансмаш» and АО «Омсктрансмаш», «парк «Х»» and «индустриальный парк «Х»», «промпарк
    «Х»» and «индустриальный парк «Х»» (sites of one category): one body — but not ОЭЗ «Липецк»
    and АО «ОЭЗ ППТ «Липецк»», whose kinds differ, nor ОЭЗ «Х» and the park «Х» on its land."""
    if not x.quoted or fold(x.quoted) != fold(y.quoted or y.normal):
        return False
    if not y.quoted:
        return True
    kind_x, kind_y = (fold(o.normal[: o.normal.index(o.quoted) - 1]).split() for o in (x, y))
    site = gazetteer.kind_category(kind_x)
    return kind_x[-1:] == kind_y[-1:] or _kind_abbreviates(kind_x, kind_y) or _kind_abbreviates(kind_y, kind_x) \
        or site not in (None, "company") and site == gazetteer.kind_category(kind_y)


def _kind_abbreviates(short: list[str], full: list[str]) -> bool:
    """«ОЭЗ» is «особая экономическая зона»: the kind said by its initials."""
    return len(short) == 1 and len(full) > 1 and short[0] == "".join(w[0] for w in full)


def _inflected_short_name(word: str, aliases: list[str]) -> bool:
    """«ТехноПласта» is «ТехноПласт» in the genitive, «Алабуги» and «Алабуг» are «Алабуга»: a
    one-word name the dictionary cannot inflect, said with another case ending, is the quoted
    short name whose stem it shares (all but a case ending of up to two letters on each side)."""
    if " " in word or len(word) < 5:
        return False
    w = fold(word)
    return any(" " not in a and len(a) >= 4 and w != fold(a) and _same_stem(w, fold(a)) for a in aliases)


_CASE_ENDINGS = {"", "а", "я", "у", "ю", "е", "и", "ы", "о", "ой", "ей", "ом", "ем", "ам", "ям", "ах", "ях", "ов", "ев"}


def _same_stem(a: str, b: str) -> bool:
    """«алабуги» ~ «алабуга», «технопласта» ~ «технопласт»: a shared stem of five letters or
    more, each word past it a case ending."""
    common = len(os.path.commonprefix([a, b]))
    return common >= 5 and a[common:] in _CASE_ENDINGS and b[common:] in _CASE_ENDINGS


_PLACE_WORDS = words("place_type_words.json", "words")  # «region», «oblast», «области», …


def _near_duplicate(a: str, b: str) -> bool:
    """«Ассоциация кластеров и технопарков России» ~ «Ассоциация кластеров технопарков и ОЭЗ
    России»: the same head and first dependent, or most words shared; never when the
    difference holds a place («Фонд развития промышленности» ≠ «… Омской области»)."""
    fa, fb = gazetteer.strip_country(fold(a)).split(), gazetteer.strip_country(fold(b)).split()
    if min(len(fa), len(fb)) < 3:
        return False
    wa, wb = set(fa), set(fb)
    similar = fa[:3] == fb[:3] or len(wa & wb) / len(wa | wb) >= 0.75
    return similar and not any(_is_place_word(w) for w in wa ^ wb)


def _is_place_word(word: str) -> bool:
    return word in _PLACE_WORDS or any("Geox" in p.tag or p.tag.POS == "ADJF" for p in nlp.parse(word)[:1])


def _attach_bare_heads(orgs: list[OrgMention], union: UnionFind[int]) -> None:
    """«Ассоциация» alone, «Ассоциации по развитию …» or «региональное правительство» is the one
    organisation of the article whose name starts with that noun."""
    by_head: dict[str, list[int]] = {}
    for j in _distinct(orgs):
        if len(_WORD.findall(orgs[j].normal)) > 1 and not orgs[j].short_of_head:
            by_head.setdefault(_head_word(orgs[j].normal), []).append(j)
    for i, o in enumerate(orgs):
        words = _WORD.findall(o.normal)
        regional = len(words) == 2 and fold(words[0]).startswith("региональн")
        if not (len(words) == 1 or o.short_of_head or regional) or words[0] in LEGAL_FORMS:
            continue
        head = fold(words[-1] if regional else words[0])
        roots = {union.find(j) for j in by_head.get(head, ()) if union.find(j) != union.find(i)}
        if len(roots) == 1:
            if o.short_of_head:
                o.normal = words[0]
            union.join(i, roots.pop())


def _head_word(name: str) -> str:
    """The noun a name starts with, past the lower-case adjectives before it: «федеральный Фонд
    развития промышленности» and «кировский Фонд …» are a «фонд», as «Фонд …» is."""
    words = _WORD.findall(name)
    lead = 0
    while lead < min(2, len(words) - 1) and words[lead].islower() and not is_org_type(words[lead]):
        lead += 1
    return fold(words[lead]) if lead and is_org_type(words[lead]) else fold(name).split()[0]


_OWN_REGION_BODY = re.compile(r"^(?P<head>\w+) (?:края|области|региона|республики|округа|района|города)$")


def _attach_own_region_bodies(orgs: list[OrgMention], union: UnionFind[int]) -> None:
    """«правительство региона», «администрация области» is the one body of that kind the
    article names with its region («Администрация Липецкой области», «омское правительство»)."""
    for i, o in enumerate(orgs):
        m = _OWN_REGION_BODY.match(fold(o.normal))
        if not m:
            continue
        head = _lemma(m.group("head"))
        roots = {union.find(j) for j, other in enumerate(orgs) if union.find(j) != union.find(i)
                 and not _OWN_REGION_BODY.match(fold(other.normal))
                 and (_regional_key(other.normal) or "").startswith(f"@{head}|")}
        if len(roots) == 1:
            union.join(i, roots.pop())


def _fact(group: list[OrgMention]) -> Fact:
    forms: dict[str, str] = {}
    for o in group:
        for f in [o.normal, *o.aliases]:
            forms.setdefault(fold(f), f)
    name = max(forms.values(), key=lambda f: (not _ABBR.match(f), len(_WORD.findall(f)), len(f)))
    canonical = _canonical(list(forms.values()))
    mentions = sorted((m for o in group for m in o.mentions), key=lambda m: m.start)
    attrs = {"name": name, "aliases": [f for f in forms.values() if f != name]}
    if canonical:
        attrs["canonical"] = canonical
    return Fact("organization", attrs, mentions)


def _canonical(forms: list[str]) -> str | None:
    """The federal table's name for a group: from its full names, or from a short form
    («Минэкономразвития») only when the group has nothing else — a short form joined to the
    article's regional ministry names that ministry, not the federal one."""
    named = [f for f in forms if not gazetteer.is_bare_type(f)] or forms
    return next((c for f in named if (c := gazetteer.federal_body(f))), None)


def _attach_bare_federal_forms(orgs: list[OrgMention], union: UnionFind[int]) -> None:
    """«Минэкономразвития» alone, in an article that names no federal ministry of the kind but
    one regional one («министерство экономического развития Иркутской области»), is that
    regional ministry: the article's own antecedent comes before the federal table."""
    named = {union.find(j) for j, o in enumerate(orgs) if not gazetteer.is_bare_type(o.normal)}
    placed = {j: fold(_without_place(o.normal)) for j, o in enumerate(orgs) if _without_place(o.normal) != o.normal}
    lone = [(i, c) for i, o in enumerate(orgs) if gazetteer.is_bare_type(o.normal) and union.find(i) not in named
            and (c := gazetteer.federal_body(o.normal))]
    for i, canonical in lone:
        kind = gazetteer.strip_country(fold(canonical))
        roots = {union.find(j) for j, unplaced in placed.items() if unplaced == kind}
        if len(roots) == 1:
            union.join(i, roots.pop())


def _lemma(word: str) -> str:
    parses = nlp.parse(word.lower())
    return parses[0].normal_form if parses else word.lower()
