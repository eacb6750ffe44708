"""People: Natasha's PER spans → one fact per person, nominative name, role, every mention."""
from __future__ import annotations

import re

from ..lang import nlp
from ..lang.calendar import calendar_lemmas
from ..model import Fact, Mention
from ..lang.normalize import PersonName, fold, is_name_particle, person_name
from .document import Document
from .places import qualifies_next_word
from .roles import Role, role_after, role_before, role_by_verb
from .spans import PER, Coverage, Span, is_org_type



def extract_people(doc: Document, spans: list[Span]) -> list[Fact]:
    """Person facts of a Russian document: surname-only mentions join the full name they share."""
    found: list[tuple[PersonName, Span, Role | None]] = []
    for span in spans:
        if span.type != PER or doc.in_credit(span.start):
            continue
        span = _without_leading_function_words(doc, span)
        name = person_name(doc.text[span.start:span.end])
        if name is None and found and _is_original_spelling(doc, found[-1][1], span):
            found.append((found[-1][0], span, None))  # «Джошуа Вольф (Joshua Wolf)»: one person
            continue
        if name is None or not _looks_like_name(doc, span):
            continue
        found.append((name, span, role_before(doc, span, spans) or role_after(doc, span, spans)
                      or role_by_verb(doc, span, spans)))
    # a person span rejected above may still be a known person's surname: look at it again
    kept = [s for s in spans if s.type != PER] + [span for _, span, _ in found]
    found += _with_given_names_before(doc, found, _surnames_the_model_missed(doc, kept, found))
    return _merge(doc, found)


def _is_original_spelling(doc: Document, name: Span, span: Span) -> bool:
    """A Latin-script name in brackets right after a person's name is how that name is spelt."""
    between = doc.text[name.end:span.start]
    return between.strip() == "(" and bool(re.fullmatch(r"[A-Za-zÀ-ÿ' .-]+", doc.text[span.start:span.end]))


def _with_given_names_before(doc: Document, found, extra) -> list:
    """«Веселин Топалов» the model missed after «Веселина Топалова»: a surname found again
    takes in the given name of that person written right before it."""
    given = {fold(n.last): fold(n.first) for n, _, _ in found if n.first and n.last and not n.first.endswith(".")}
    out = []
    for name, span, role in extra:
        before = re.search(r"(?<![\w-])([А-ЯЁ][а-яё]+)[ \t\u00a0]+$", doc.text[max(0, span.start - 30):span.start])
        whole = person_name(f"{before.group(1)} {name.last}") if before else None
        if whole and whole.first and whole.last and given.get(fold(whole.last)) == fold(whole.first):
            span = Span(PER, span.start - len(before.group()), span.end)
            name = whole
        out.append((name, span, role))
    return out


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


_NAME_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_FUNCTION_POS = {"PRCL", "CONJ", "PREP", "INTJ"}


def _looks_like_name(doc: Document, span: Span) -> bool:
    """Natasha's person spans are right far more often than the dictionary is («Ху Цзиньтао»,
    «Франк де Блекере», «Хван» are in no dictionary as names): keep one unless the evidence
    against it is strong — a lower-case word that is no name particle, more than five words,
    or only words the dictionary knows as no name whose capitals a sentence start or a
    headline in capitals explains («Подпишитесь», «ЧИТАЙТЕ ТАКЖЕ»), or a day or month alone
    («Среда» of a date widget); nor is a kind of body alone («Промпарк «Краснодар»») or an
    adjective no dictionary knows as a surname that qualifies the word after it («Кемпендяйской соли»)."""
    words = _NAME_WORD.findall(doc.text[span.start:span.end])
    if not words or len(words) > 5 or not all(w[:1].isupper() or is_name_particle(w) for w in words):
        return False
    if len(words) == 1 and ({p.normal_form for p in nlp.parse(words[0].lower())} & calendar_lemmas()
                            or is_org_type(words[0]) or _adjective_of_next_word(doc, span, words[0])):
        return False
    if any(_may_be_name(w) for w in words if w[:1].isupper()):
        return True
    return not (_opens_sentence(doc, span) or all(w.isupper() for w in words))


def _adjective_of_next_word(doc: Document, span: Span, word: str) -> bool:
    """«знаменитой Кемпендяйской соли»: a word the dictionary does not know (so its surname
    reading is a guess) that agrees as an adjective with the word after it qualifies that word."""
    return not nlp.morph().word_is_known(word.lower()) and qualifies_next_word(doc.text, span)


def _may_be_name(word: str) -> bool:
    """A given name, patronymic or surname to the dictionary, or a word it does not know."""
    lower = word.lower()
    return not nlp.morph().word_is_known(lower) or any(
        g in p.tag for p in nlp.parse(lower) for g in ("Name", "Surn", "Patr"))


def _opens_sentence(doc: Document, span: Span) -> bool:
    """Nothing but punctuation between the sentence's start and the span."""
    sent = doc.sentence_at(span.start)
    start = sent.start if sent else doc.text.rfind("\n", 0, span.start) + 1
    return not re.search(r"\w", doc.text[start:span.start])


def _without_leading_function_words(doc: Document, span: Span) -> Span:
    """«Всё-таки Проди» → «Проди»: a particle or conjunction the model took into a name."""
    for m in _NAME_WORD.finditer(doc.text, span.start, span.end):
        parses = nlp.parse(m.group().lower())
        initial = doc.text[m.end():m.end() + 1] == "."
        if m.end() >= span.end or initial or not parses or not all(p.tag.POS in _FUNCTION_POS for p in parses):
            return Span(span.type, m.start(), span.end)
    return span
