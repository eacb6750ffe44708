"""People: Natasha's PER spans → one fact per person, nominative name, role, every mention."""
from __future__ import annotations

import re

from .. import nlp
from ..facts import Fact, Mention
from ..normalize import PersonName, fold, person_name
from .document import Document
from .roles import Role, role_after, role_before
from .spans import PER, Coverage, Span

# A name right after these is a credit or a byline, not a person the article is about.
_CREDIT = re.compile(r"(?:фото|фотография|автор|текст|источник|корреспондент|видео)\s*[:©]?\s*$|#\s*$", re.I)
_CREDIT_REACH = 200  # characters before a name searched for its credit word: far more than the longest one


def extract_people(doc: Document, spans: list[Span]) -> list[Fact]:
    """Person facts of a Russian document: surname-only mentions join the full name they share."""
    found: list[tuple[PersonName, Span, Role | None]] = []
    for span in spans:
        if span.type != PER or _is_credit(doc, span):
            continue
        name = person_name(doc.text[span.start:span.end])
        if name is None or not _looks_like_name(doc.text[span.start:span.end]):
            continue
        found.append((name, span, role_before(doc, span, spans) or role_after(doc, span, spans)))
    found += _surnames_the_model_missed(doc, spans, found)
    return _merge(doc, found)


def _surnames_the_model_missed(doc: Document, spans: list[Span], found) -> list:
    """Later mentions of a known person by surname alone that NER did not tag
    («Травников отметил…» after «Андрей Травников»)."""
    surnames = {fold(n.last) for n, _, _ in found if n.first and n.last}
    if not surnames:
        return []
    extra = []
    tagged = Coverage((s.start, s.end) for s in spans)
    for m in re.finditer(r"(?<![\w-])[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?(?![\w-])", doc.text):
        if tagged.covers(m.start()):
            continue
        word = m.group()
        forms = {fold(word)} | {fold(p.normal_form) for p in nlp.parse(word.lower()) if "Surn" in p.tag}
        if forms & surnames:
            span = Span(PER, m.start(), m.end())
            extra.append((PersonName(None, None, word), span, None))
    return extra


def _merge(doc: Document, found: list[tuple[PersonName, Span, Role | None]]) -> list[Fact]:
    people: dict[tuple[str, str], dict] = {}
    lone: list[tuple[PersonName, Span, Role | None]] = []
    for name, span, role in found:
        if not name.first:
            lone.append((name, span, role))
            continue
        _add(people, (fold(name.last or ""), fold(name.first)), name, doc.mention(span.start, span.end), role)
    for name, span, role in lone:
        key = _full_name_for(name, people) or (fold(name.last or ""), "")
        _add(people, key, name, doc.mention(span.start, span.end), role)
    return [_fact(p) for p in sorted(people.values(), key=lambda p: p["mentions"][0].start)]


def _add(people: dict, key: tuple[str, str], name: PersonName, mention: Mention, role: Role | None) -> None:
    person = people.setdefault(key, {"name": name, "mentions": [], "roles": []})
    if name.first and (not person["name"].first or (name.middle and not person["name"].middle)):
        person["name"] = name
    person["mentions"].append(mention)
    if role and role not in person["roles"]:
        person["roles"].append(role)


def _full_name_for(name: PersonName, people: dict) -> tuple[str, str] | None:
    """The one full-name person whose surname this lone surname is (in any case)."""
    forms = {fold(name.last or "")} | {fold(p.normal_form) for p in nlp.parse((name.last or "").lower())}
    keys = [k for k in people if k[1] and k[0] in forms]
    return keys[0] if len(keys) == 1 else None


def _fact(person: dict) -> Fact:
    name: PersonName = person["name"]
    role = person["roles"][0] if person["roles"] else None
    return Fact("person", {
        "name": name.full, "first": name.first, "middle": name.middle, "last": name.last,
        "position": role.position if role else None,
        "organization": role.organization if role else None,
        "roles": [{"position": r.position, "organization": r.organization} for r in person["roles"]],
    }, sorted(person["mentions"], key=lambda m: m.start))


def _is_credit(doc: Document, span: Span) -> bool:
    """Only the end of the line before the name can make it a credit («Фото: Иван Петров»), so
    only the last stretch of that line is searched (the whole line when it is mostly blank)."""
    lo = max(0, span.start - _CREDIT_REACH)
    line_start = doc.text.rfind("\n", lo, span.start) + 1 or lo
    head = doc.text[line_start:span.start]
    core = head.rstrip()
    core = core[:-1].rstrip() if core.endswith((":", "©")) else core
    if line_start == lo > 0 and len(core) < _CREDIT_REACH // 2:
        head = doc.text[doc.text.rfind("\n", 0, span.start) + 1:span.start]
    return bool(_CREDIT.search(head))


def _looks_like_name(text: str) -> bool:
    """Capitalised words, at least one of them a known given name, patronymic or surname —
    or a capitalised word the dictionary does not know (a rare surname)."""
    words = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", text)
    if not words or len(words) > 4 or not all(w[:1].isupper() for w in words):
        return False
    for w in words:
        parses = nlp.parse(w.lower())
        if any(g in p.tag for p in parses for g in ("Name", "Surn", "Patr")):
            return True
    return len(words) == 1 and not nlp.morph().word_is_known(words[0].lower())
