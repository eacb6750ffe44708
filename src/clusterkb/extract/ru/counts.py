"""Russian counts where Russian differs: the adjectives and noun after a number read by
pymorphy3, agreeing with it («три агропарка» → «агропарк», «21 компания», «занял 4 место» is no
count), the unit in the nominative singular, abbreviated units («164 га», «кв. м»), and the nouns a
bare number refers back to («технопарки (их более 40)», «резидентов – 12», «Таких зданий будет два»).
"""
from __future__ import annotations

import re
from typing import Any

from ...lang.nlp import parse
from ...lang.tables import load, words
from ..counted import Count
from ..numbers import Number

UNITS = [(re.compile(p, re.IGNORECASE), unit, head) for p, unit, head in load("units.json")["ru"]]  # «га» → гектар (data/units.json)
TOPIC = re.compile(r"(?<![\w-])(?<!том\s)(?:числ|количеств)(?:о|а|у|е|ом)\s+", re.IGNORECASE)  # «число парков»
_WORD = re.compile(r"[ \u00a0]*([А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*)")
_ADJ_CONJ = {"и", "или"}
_ASIDE = re.compile(  # «технопарки (их более 40)»: a plural noun, then a count of it in brackets
    r"([А-Яа-яЁё]+)\s*\(\s*(?:их|всего|их\s+всего)\s+(?:уже\s+)?(?:(?:более|около|свыше|почти|менее|порядка)\s+)?$",
    re.IGNORECASE)
_NOUN_DASH = re.compile(r"(?<![\w-])((?:[А-Яа-яЁё]+\s+)?[А-Яа-яЁё]+)\s*[—–-]\s*$")  # «рабочих мест – 1200»
_GENITIVE_PLURAL = frozenset({"gent", "plur"})
_CLAUSE_END = re.compile(r"\s*(?:[.;!?)]|$)")
_CLAUSE_MARK = re.compile(r"[,;:()«»\"—–]")
_WORDS = re.compile(r"[А-Яа-яЁё]+")
_LOOK_BACK = 80  # characters before a number searched for the noun it refers back to
_CIRCUMSTANCE_CASES = frozenset({"loct", "loc2", "datv", "ablt"})
_ADJ = ("ADJF", "PRTF")
_NOT_HEADS = words("count_nouns.json", "not_heads")  # «в два раза», «с обеих сторон»


def read_words(text: str, c: Count) -> None:
    """Adjectives and participles up to the first noun («инвестиционных проекта», not «…по ним»),
    coordinated ones too («малых и средних предприятия»)."""
    pos, conj = c.end, None
    while len(c.words) < 5 and (m := _WORD.match(text, pos)) and not m.group(1).isupper():
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
        if p.tag.POS == "NOUN" and (adjective := _adjective_before_noun(word, text, pos)) is None:
            c.noun = p
            break
        c.words.append(p if p.tag.POS != "NOUN" else adjective)
    if c.noun is None and conj:
        c.words, pos = c.words[:conj[0]], conj[1]
    c.end = pos


def _adjective_before_noun(word: str, text: str, pos: int) -> Any:
    """The adjective reading of a word that can be a noun too, when a noun in its case follows
    («три прошедших месяца»: «прошедших» qualifies «месяца»), else None."""
    m = _WORD.match(text, pos)
    if not m:
        return None
    nouns = [q.tag for q in parse(m.group(1).lower()) if q.tag.POS == "NOUN"]
    return next((p for p in parse(word) if p.tag.POS in _ADJ
                 and any(p.tag.case == n.case for n in nouns)), None)


def _coordinates(text: str, pos: int) -> bool:
    """Does an adjective follow a conjunction at pos, coordinating it with the one before?"""
    m = _WORD.match(text, pos)
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


def settle(c: Count) -> None:
    """Fix a Russian count's unit and head; with no noun, a substantivised last adjective («15
    рабочих») serves as the noun."""
    if c.noun is None and c.words:
        c.noun = next((q for q in parse(c.words[-1].word) if q.tag.POS == "NOUN"), None)
        c.words = c.words[:-1] if c.noun else c.words
    if c.noun is not None and c.noun.normal_form not in _NOT_HEADS:
        c.head, c.unit = c.noun.normal_form, unit(c.words, c.noun)


def unit(adjectives: list[Any], noun: Any) -> str:
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


def is_name(words: list[str]) -> bool:
    """May the words of a capitalised quotation be a name: no verb among them («Су-57» yes,
    «Строим вместе» no)?"""
    return not any(parse(w.lower())[0].tag.POS in ("VERB", "INFN") for w in _WORD.findall(" ".join(words)))


def is_part_of(text: str, end: int, start: int) -> bool:
    """Is a number a part of the count after it? Russian counts keep their own reading of «из»
    («из них 15», `counts._subset_of`): never by this rule."""
    return False


def noun_before(text: str, n: Number) -> Count | None:
    """The noun a bare number refers back to in its sentence: a plural before a parenthesis
    («технопарки (их более 40)») or a noun phrase before a dash («резидентов – 12»)."""
    return _aside_noun(text, n) or _noun_before_dash(text, n)


def _aside_noun(text: str, n: Number) -> Count | None:
    """The noun a parenthetical count refers back to: «технопарки (их более 40)» → технопарк."""
    m = _ASIDE.search(text, max(0, n.start - _LOOK_BACK), n.start)
    if m is None:
        return None
    noun = next((p for p in parse(m.group(1).lower()) if p.tag.POS == "NOUN" and "plur" in p.tag), None)
    return _settled(n, noun, []) if noun else None


def _noun_before_dash(text: str, n: Number) -> Count | None:
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


def _settled(n: Number, noun: Any, adjectives: list[Any]) -> Count:
    """A Russian count of a noun phrase found away from its number: unit and head fixed."""
    c = Count(n, n.end, words=adjectives, noun=noun)
    settle(c)
    c.shared = c.unit
    return c


def noun_of_clause(text: str, n: Number) -> Count | None:
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


def is_circumstance(c: Count) -> bool:
    """Is a Russian count's noun in a case that tells where or how («на двух площадках»), not what?"""
    return not isinstance(c.noun, str) and bool(_CIRCUMSTANCE_CASES & c.noun.tag.grammemes)
