"""Roles of people from the appositions news uses around a name.

«директора АКИТ РФ Михаила Лабудина», «Губернатор Омской области Виталий Хоценко»,
«под руководством заместителя председателя правительства Омской области Андрея Шпиленко»,
«Иван Петров, генеральный директор компании «Ромашка», …». The role is the position noun
(with its adjectives and genitive dependents) next to the name; an organisation inside it is
split off as the role's organisation.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..lang import nlp
from ..model import Fact
from ..lang.normalize import WORD, clean_spaces, nominative_phrase
from ..lang.tables import words
from .document import Document
from .spans import LEGAL_FORMS, ORG, ORG_TYPES, PER, Coverage, Span, has_case, is_org_type

POSITIONS = words("positions.json", "positions")  # «директор», «губернатор», «замминистра», …
_TOKEN = re.compile(rf"{WORD.pattern}|«[^«»\n]*(?:«[^«»\n]*»[^«»\n]*)?»|\"[^\"\n]*\"|\S")
_LINKS = {"и", "по", ","}
_STOP_AFTER = re.compile(r"[.;:!?—–()]")
_ACTING = re.compile(r"(?<!\w)(?:и\.\s?о\.|врио|вр\.\s?и\.\s?о\.)\s*$", re.I)  # «и.о. ректора», «врио губернатора»
_PAREN = re.compile(r"\s*\([^()]*\)$")


@dataclass(frozen=True)
class Role:
    position: str
    organization: str | None


def role_before(doc: Document, name: Span, spans: list[Span]) -> Role | None:
    """The apposition right before a name: «генеральным директором АО «X» Василием Ковалевым»,
    «заместитель губернатора области по экономике Юрий Гурдин» (a portfolio after «по»)."""
    sent = doc.sentence_at(name.start)
    if sent is None:
        return None
    toks = [(sent.start + m.start(), sent.start + m.end(), m.group())
            for m in _TOKEN.finditer(doc.text[sent.start:name.start])]
    head_at = None
    i, counted = len(toks) - 1, 0
    while i >= 0 and counted <= 14:  # words inside a named body do not count against the window
        start, end, tok = toks[i]
        if _inside(start, spans, PER):
            break
        inside = _inside(start, spans)
        if _is_position(tok):
            head_at = i
        elif (po := _portfolio_start(toks, i)) is not None:
            counted += i - po
            i = po  # «заместитель губернатора по инвестиционной политике и имущественным отношениям»
        elif not (inside or _is_dependent(tok)):
            break
        counted += not inside
        i -= 1
    if head_at is None:
        return None
    while head_at > 0 and _is_modifier(toks[head_at - 1][2], at_start=head_at - 1 == 0):
        head_at -= 1
    start = toks[head_at][0]
    acting = _ACTING.search(doc.text, sent.start, start)
    return _split_role(doc, acting.start() if acting else start, toks[-1][1], spans)


def role_after(doc: Document, name: Span, spans: list[Span]) -> Role | None:
    """The apposition right after a name: «Иван Петров, директор фонда «X», сказал…»."""
    sent = doc.sentence_at(name.start)
    if sent is None:
        return None
    rest = doc.text[name.end:sent.end]
    m = re.match(r"\s*,\s*", rest)
    if not m:
        return None
    start = name.end + m.end()
    stop = _STOP_AFTER.search(doc.text, start, sent.end)
    end = stop.start() if stop else sent.end
    comma = doc.text.find(",", start, end)
    while comma >= 0 and _inside(comma, spans):
        comma = doc.text.find(",", comma + 1, end)
    end = comma if comma >= 0 else end
    words = WORD.findall(doc.text[start:end])
    if not words or not any(_is_position(w) for w in words[:3]) or len(words) > 14:
        return None
    return _split_role(doc, start, end, spans)


_APPOINTED_BEFORE = re.compile(r"(?:был\s+|была\s+)?назначен[аоы]?\s+$")
_APPOINTED_AFTER = re.compile(r"\s+(?:был\s+|была\s+)?назначен[аоы]?\s+(?:на\s+должность\s+)?")
_HEADS_AFTER = re.compile(r"\s*,\s*(?:(?:который|которая)\s+)?(?:возглавляющ\w+|возглавляет|возглавлял[аи]?|руководящ\w+|руководит)\s+")


def role_by_verb(doc: Document, name: Span, spans: list[Span]) -> Role | None:
    """A role the sentence gives by a verb: «Директором фонда назначен Иван Петров», «Иван
    Петров назначен директором технопарка», «Иван Петров, возглавляющий Корпорацию развития»."""
    sent = doc.sentence_at(name.start)
    if sent is None:
        return None
    before = _APPOINTED_BEFORE.search(doc.text, sent.start, name.start)
    if before:
        toks = list(_TOKEN.finditer(doc.text, sent.start, before.start()))
        head = next((i for i, m in enumerate(toks) if _is_position(m.group()) and has_case(m.group(), "ablt")), None)
        if head is not None and all(_is_dependent(m.group()) for m in toks[head + 1:]):
            return _split_role(doc, toks[head].start(), toks[-1].end(), spans)
    after = _APPOINTED_AFTER.match(doc.text, name.end, sent.end)
    if after:
        first = WORD.match(doc.text, after.end())
        if first and _is_position(first.group()) and has_case(first.group(), "ablt"):
            stop = _STOP_AFTER.search(doc.text, after.end(), sent.end)
            comma = doc.text.find(",", after.end(), stop.start() if stop else sent.end)
            end = comma if comma >= 0 else (stop.start() if stop else sent.end)
            return _split_role(doc, after.end(), end, spans)
    heads = _HEADS_AFTER.match(doc.text, name.end, sent.end)
    org = next((s for s in spans if s.type == ORG and heads and s.start == heads.end()), None)
    if org:
        return Role("руководитель", nominative_phrase(clean_spaces(doc.text[org.start:org.end]), ORG_TYPES))
    return None


def _split_role(doc: Document, start: int, end: int, spans: list[Span]) -> Role | None:
    """Position in the nominative; an organisation inside the apposition becomes the role's."""
    role = _split(doc, start, end, spans)
    if role is None:
        return None
    position = role.position if role.position.split()[0].isupper() else role.position[:1].lower() + role.position[1:]
    return Role(position, role.organization)


def _split(doc: Document, start: int, end: int, spans: list[Span]) -> Role | None:
    org = _first_organisation_from(spans, start, end)
    phrase = clean_spaces(doc.text[start:end]).strip(" ,")
    if not phrase:
        return None
    if org:
        position, adjectives = _split_trailing_adjectives(clean_spaces(doc.text[start:org.start]).strip(" ,«\""))
        if position:
            name = adjectives + _PAREN.sub("", clean_spaces(doc.text[org.start:org.end]))
            return Role(nominative_phrase(position), nominative_phrase(name, ORG_TYPES))
    for m in WORD.finditer(phrase):
        tail = phrase[m.start():]
        if m.start() > 0 and is_org_type(m.group()) and len(tail.split()) > 1:
            return Role(nominative_phrase(phrase), nominative_phrase(tail))
    return Role(nominative_phrase(phrase), None)


def _split_trailing_adjectives(position: str) -> tuple[str, str]:
    """«глава регионального» + «минпромторга»: the adjectives before the organisation are its own."""
    words = position.split(" ")
    k = len(words)
    while k > 1 and not _is_position(words[k - 1]) and _is_modifier(words[k - 1], at_start=False):
        k -= 1
    return " ".join(words[:k]), "".join(w + " " for w in words[k:])


def _is_position(tok: str) -> bool:
    return tok[:1].isalpha() and any(p.normal_form in POSITIONS and p.tag.POS == "NOUN"
                                     for p in nlp.parse(tok.lower()))


def _is_modifier(tok: str, at_start: bool) -> bool:
    """Adjectives that belong to a position: «генеральный», «первый», «исполнительный» (written
    with a capital only when they open the sentence)."""
    return tok[:1].isalpha() and (tok[:1].islower() or at_start) and any(
        p.tag.POS in ("ADJF", "PRTF") for p in nlp.parse(tok.lower())[:1])


def _portfolio_start(toks: list[tuple[int, int, str]], i: int) -> int | None:
    """Where a position's portfolio ending at token i starts: «по» and dative words joined by
    «и» («по инвестиционной политике и имущественным отношениям»); None when token i ends none."""
    j = i
    while j >= 0 and (toks[j][2] in ("и", ",") and j < i or has_case(toks[j][2], "datv")):
        j -= 1
    return j if j >= 0 and j < i and toks[j][2].lower() == "по" else None


def _is_dependent(tok: str) -> bool:
    """Tokens a position's genitive tail is made of: genitive words, abbreviations, quoted names."""
    if tok in _LINKS or tok[:1] in "«\"" or tok in LEGAL_FORMS:
        return True
    if not tok[:1].isalpha():
        return False
    if tok.isupper():
        return True
    return any(p.tag.case == "gent" and p.tag.POS in ("NOUN", "ADJF", "PRTF") for p in nlp.parse(tok.lower())) \
        or not nlp.morph().word_is_known(tok.lower())


def _inside(offset: int, spans: list[Span], kind: str | None = None) -> bool:
    """Is the offset inside a span (of that kind; by default any organisation or place)?"""
    def build() -> Coverage:
        return Coverage((s.start, s.end) for s in spans if (s.type == kind if kind else s.type != PER))
    return _indexed(spans, kind, build).covers(offset)


_INDEXES: dict[object, tuple[list[Span], int, object]] = {}


def _indexed(spans: list[Span], what: object, build):
    """An index of one list of spans, built once for it and kept while that same list, unchanged
    in length, is asked again: every name of an article asks «inside an organisation?» of the
    article's one list of spans, which a pass over the list would make quadratic."""
    held = _INDEXES.get(what)
    if held is None or held[0] is not spans or held[1] != len(spans):
        held = _INDEXES[what] = (spans, len(spans), build())
    return held[2]


def _first_organisation_from(spans: list[Span], start: int, end: int) -> Span | None:
    """The first organisation of the list (in list order) that starts within [start, end)."""
    def build():
        orgs = sorted((s.start, i) for i, s in enumerate(spans) if s.type == ORG)
        return [o[0] for o in orgs], [o[1] for o in orgs]
    starts, positions = _indexed(spans, ORG + "@", build)
    found = positions[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]
    return spans[min(found)] if found else None


def resolve_bare_organisations(people: list[Fact], orgs: list[Fact]) -> None:
    """«директор технопарка» in an article about one technopark: that technopark is the role's
    organisation, and the position is «директор»."""
    for person in people:
        roles = [Role(r["position"], r["organization"]) for r in person.attrs["roles"]]
        resolved = [_resolved(r, orgs) for r in roles]
        if resolved != roles:
            person.attrs["roles"] = [{"position": r.position, "organization": r.organization} for r in resolved]
            if resolved:
                person.attrs["position"], person.attrs["organization"] = resolved[0].position, resolved[0].organization


def _resolved(role: Role, orgs: list[Fact]) -> Role:
    words = role.position.split()
    if role.organization or len(words) < 2:
        return role
    kinds = {p.normal_form for p in nlp.parse(words[-1].lower()) if p.normal_form in ORG_TYPES}
    named = [o for o in orgs if any(p.normal_form in kinds for w in o.attrs["name"].split()[:3]
                                    for p in nlp.parse(w.lower().strip("«»\"")))]
    if len(named) != 1:
        return role
    return Role(" ".join(words[:-1]), named[0].attrs["name"])
