"""Locations: Natasha's LOC spans in the nominative, places with several names merged.

A region adjective («омский минпром», «тюменский кластер») does not add a location: it
qualifies something else, and the annotation convention we follow counts named places only.
"""
from __future__ import annotations

import re

from ..lang import gazetteer, nlp
from ..model import Fact
from ..lang.normalize import clean_spaces, fold, nominative_phrase, proper_case
from .document import Document
from .spans import LOC, Span


_STREET = re.compile(r"(?:ул\.|улиц[аеыу]|просп\.|проспект[а-я]*|пер\.|переул[а-я]*|шоссе|бульвар[а-я]*|наб\.|"
                     r"набережн[а-я]*|пл\.|площад[а-я]*|street|avenue|st\.|ave\.)\s*$", re.I)


_ROAD_HEAD = re.compile(r"(?:шоссе|тракт|объезд|магистрал|трасс)[а-я]*", re.I)  # roads between places


def _is_street_name(text: str, span: Span) -> bool:
    """«улица Ленина» and «Озёрного шоссе» name a street or a road, no place of the kinds the
    knowledge base lists; «улицы Лондона» are the streets of a city the dictionary knows as a place.
    A head after the name counts for roads only: a city street so named («Кронштадтскому
    бульвару») the model already reads as a place, and general news (FactRuEval) counts it one."""
    words = text[span.start:span.end].split()
    if len(words) > 1 and _ROAD_HEAD.fullmatch(words[-1]):
        return True
    if not _STREET.search(text, max(0, span.start - 20), span.start):
        return False
    return len(words) != 1 or not any("Geox" in p.tag and p.tag.POS == "NOUN" for p in nlp.parse(words[0].lower())[:1])


def _is_quoted_name(text: str, span: Span) -> bool:
    """«ОЭЗ «Липецк»», «ВЭБ.РФ»: a place name used as (part of) a body's name is no place here."""
    before, after = text[max(0, span.start - 1):span.start], text[span.end:span.end + 1]
    return (before in "«\"" and before and after in "»\"" and after) or before == "."


_DOCUMENT_TITLE = re.compile(r"«Об?\s[^«»\n]*$")  # «О создании особой экономической зоны на территории …»


def _in_document_title(text: str, span: Span) -> bool:
    """«постановление «О создании на территории Узловского района … особой экономической зоны»»:
    a place inside a document's quoted title («О …», «Об …») is said by the title, not the article."""
    return bool(_DOCUMENT_TITLE.search(text, max(0, span.start - 300), span.start))


_MAX_WORDS = 5  # a longer «place» is a line of tags or a menu («Олег Николаев республика Чувашия …»)
_PLURAL_PLACE = re.compile(r"(?:район(?:ах|ов|ы|ам)|област(?:ях|ей|ям)|округ(?:ах|ов|ам)|кра(?:ях|ев|ям))")


_LISTED_BEFORE_NOUN = re.compile(r"(?:\s*,\s*[А-ЯЁ][а-яё]+){0,12}(?:\s*,\s*|\s+и\s+)[А-ЯЁ][а-яё]+\s+(\w+)")


def _with_shared_plural_noun(text: str, span: Span, surface: str) -> str | None:
    """«в Цивильском и Батыревском районах», «в Омской, Калужской и Ивановской областях»:
    places listed with one plural noun, each named in the nominative singular — «Цивильский
    район», «Батыревский район»."""
    words = surface.split()
    if len(words) == 2 and _PLURAL_PLACE.fullmatch(words[1]):
        adjective, noun = words[0], words[1]
    else:
        after = _LISTED_BEFORE_NOUN.match(text, span.end)
        if len(words) != 1 or not after or not _PLURAL_PLACE.fullmatch(after.group(1)):
            return None
        adjective, noun = words[0], after.group(1)
    lemma = next((p for p in nlp.parse(noun.lower()) if p.tag.POS == "NOUN"), None)
    adj = next((p for p in nlp.parse(adjective.lower()) if p.tag.POS == "ADJF"), None)
    if not lemma or not adj:
        return None
    form = adj.inflect({"nomn", "sing", lemma.tag.gender}) if lemma.tag.gender else None
    return f"{proper_case(form.word)} {lemma.normal_form}" if form else None


_AND_BETWEEN = re.compile(r"\s*(?:,\s*и|,|и)\s+")


def _with_head_of_previous(text: str, span: Span, previous: Span | None, previous_name: str | None) -> str | None:
    """«в Южном федеральном округе, Сибирском федеральном округе и Дальневосточном»: an
    adjective alone, listed right after a place named by an adjective and its head, shares that
    head — «Дальневосточный федеральный округ»."""
    words = text[span.start:span.end].split()
    if previous is None or not previous_name or len(words) != 1 \
            or not _AND_BETWEEN.fullmatch(text, previous.end, span.start):
        return None
    head = previous_name.split()[1:]
    noun = next((p for w in reversed(head) for p in nlp.parse(w.lower())[:1] if p.tag.POS == "NOUN"), None)
    adj = next((p for p in nlp.parse(words[0].lower()) if p.tag.POS == "ADJF"), None)
    if not head or not noun or not adj or not noun.tag.gender:
        return None
    form = adj.inflect({"nomn", "sing", noun.tag.gender})
    return " ".join([proper_case(form.word), *head]) if form else None


_WORD_BEFORE = re.compile(r"(?<![\w-])([а-яё]+)[ \t\u00a0]+$")


def _with_kind_before(text: str, span: Span) -> str | None:
    """«на острове Светлом» → «остров Светлый»: an adjective alone after a kind of place that is
    named so (data/place_kinds.json named_before) is that place with its kind."""
    words = text[span.start:span.end].split()
    before = _WORD_BEFORE.search(text, max(0, span.start - 30), span.start)
    if len(words) != 1 or not before:
        return None
    kind = next((p for p in nlp.parse(before.group(1)) if p.tag.POS == "NOUN"
                 and p.normal_form in gazetteer.kinds_named_before()), None)
    adj = next((p for p in nlp.parse(words[0].lower()) if p.tag.POS == "ADJF"), None)
    form = adj.inflect({"nomn", "sing", kind.tag.gender}) if kind and adj and kind.tag.gender else None
    return f"{kind.normal_form} {proper_case(form.word)}" if form else None


_NEXT_WORD = re.compile(r"[ \t\u00a0]+([а-яё][а-яё-]*)")


def qualifies_next_word(text: str, span: Span) -> bool:
    """«Калужским предприятиям», «Тверской особой экономической зоны», «Грязинский участок»,
    «Тверской индустриальный парк»: place adjectives alone (one, or with more adjectives
    after it), agreeing with the word after them, qualify that word — they name no place (a
    region adjective adds no location); «Тверской области» would."""
    words = text[span.start:span.end].split()
    after = _NEXT_WORD.match(text, span.end)
    if not words or not after or not all(_is_adjective(w) for w in words):
        return False
    adjectives = [p.tag for p in nlp.parse(words[-1].lower()) if p.tag.POS == "ADJF"]
    following = nlp.parse(after.group(1))
    if any(p.normal_form in gazetteer.place_kinds() for p in following):
        return False
    return any(a.case == p.tag.case and a.number == p.tag.number and (a.number == "plur" or a.gender == p.tag.gender
               or p.tag.gender is None) for a in adjectives for p in following if p.tag.POS in ("NOUN", "ADJF"))


def _is_adjective(word: str) -> bool:
    """Can the word be a full adjective («Тверской», «индустриальный»)? Initials («СЗФО») never are."""
    return not word.isupper() and any(p.tag.POS == "ADJF" for p in nlp.parse(word.lower()))


def _unshout(name: str) -> str:
    """«КАЛУГА» → «Калуга»; short upper-case names are abbreviations and stay («РФ», «США»)."""
    return " ".join(proper_case(w) if w.isupper() and len(w) > 4 else w for w in name.split())


def extract_places(doc: Document, spans: list[Span]) -> list[Fact]:
    """One location fact per place; «РФ», «России», «Российской Федерации» are one place."""
    places: dict[str, dict] = {}
    previous, previous_name = None, None
    for span in spans:
        if span.type != LOC:
            continue
        if _is_street_name(doc.text, span) or _is_quoted_name(doc.text, span) or doc.in_credit(span.start) \
                or _in_document_title(doc.text, span):
            continue
        surface = re.sub(r"\s*\([^()]*\)?$", "", clean_spaces(doc.text[span.start:span.end]))
        if len(surface) < 2 or not surface[:1].isupper() or len(surface.split()) > _MAX_WORDS:
            continue
        shared = _with_shared_plural_noun(doc.text, span, surface) or \
            _with_head_of_previous(doc.text, span, previous, previous_name)
        if not shared and qualifies_next_word(doc.text, span):
            continue
        normal = shared or _with_kind_before(doc.text, span) or nominative_phrase(_unshout(surface))
        previous, previous_name = span, normal
        normal = normal if gazetteer.place(normal) else gazetteer.place_nominative(normal) or normal
        canonical = gazetteer.place(normal) or gazetteer.place(surface) or normal
        place = places.setdefault(fold(canonical), {"name": canonical, "aliases": [], "mentions": []})
        if normal != place["name"] and normal not in place["aliases"]:
            place["aliases"].append(normal)
        place["mentions"].append(doc.mention(span.start, span.end))
    merged = _with_initials_joined(list(places.values()))
    return [Fact("location", {"name": p["name"], "aliases": p["aliases"]}, p["mentions"]) for p in merged]


_INITIALISM = re.compile(r"[А-ЯЁ]{2,4}")


def _with_initials_joined(places: list[dict]) -> list[dict]:
    """«РТ» said in an article that names «Республика Татарстан» is that place: an initialism
    the table does not know joins the one place of the article whose words it abbreviates; so
    does a name said short, without its middle words («Южный округ» of «Южный федеральный
    округ»). The short one becomes an alias of the full one, its mentions added."""
    out = []
    for place in places:
        name = place["name"]
        full = [p for p in places if p is not place and (_INITIALISM.fullmatch(name) and any(
            _initials(n) == name for n in [p["name"], *p["aliases"]]) or _shortens(name, p["name"]))]
        if len(full) != 1:
            out.append(place)
            continue
        full[0]["aliases"].append(name)
        full[0]["mentions"] = sorted(full[0]["mentions"] + place["mentions"], key=lambda m: m.start)
    return out


def _shortens(short: str, full: str) -> bool:
    """Is `short` `full` without some of its middle words: same first and last word, fewer words?"""
    a, b = short.split(), full.split()
    return 2 <= len(a) < len(b) and a[0] == b[0] and a[-1] == b[-1] and all(w in b[1:-1] for w in a[1:-1])


def _initials(name: str) -> str:
    """First letters of a name's words, capitalised: «Республика Башкортостан» → «РБ»."""
    words = name.split()
    return "".join(w[0] for w in words).upper() if len(words) > 1 else ""
