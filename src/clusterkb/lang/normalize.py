"""Inflection and canonical forms: nominative names and phrases, proper case, comparison keys.

News text names things in every case («Фондом развития промышленности»); the knowledge base
keeps one nominative form. Only the head of a phrase inflects: «Фондом развития
промышленности Омской области» → «Фонд развития промышленности Омской области».
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .nlp import morph, parse
from .tables import load

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
WORD = re.compile(r"\w+(?:[-‑]\w+)*")  # a word, hyphenated ones whole: «Каменск-Уральский»
_TOKEN = re.compile(rf"{WORD.pattern}|\S")
_QUOTES = "«»\"“”„'’"
_ADJ = {"ADJF", "PRTF"}
_SPACES = re.compile(r"\s+")


def tokens(text: str) -> list[tuple[int, int, str]]:
    """Words (hyphenated ones whole) and single punctuation marks with their offsets."""
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


def clean_spaces(text: str) -> str:
    """One plain space between words (news text is full of no-break spaces)."""
    return _SPACES.sub(" ", text).strip()


_LATIN_LOOKALIKES = "aceopxyABCEHKMOPTX"
_CYRILLIC_TWINS = str.maketrans(_LATIN_LOOKALIKES, "асеорхуАВСЕНКМОРТХ")
_MIXED_WORD = re.compile(r"(?<!\w)(?=\w*[a-zA-Z])(?=\w*[а-яёА-ЯЁ])\w+")  # a whole word of both scripts


def unmix_scripts(text: str) -> str:
    """Latin letters that look Cyrillic inside a Russian word, as some sites write to spoil
    copying, made Cyrillic: «индуcтриальный парк «Сeверные вoрота»» → «индустриальный парк
    «Северные ворота»». The length stays, so offsets into the text still hold; a word with a
    Latin letter that has no Cyrillic twin («PROКЛАСТЕРЫ») is left as written.

    >>> unmix_scripts("В Кaзани")
    'В Казани'
    """
    def unmixed(m: re.Match[str]) -> str:
        word = m.group()
        latin = [c for c in word if "a" <= c.lower() <= "z"]
        if any(c not in _LATIN_LOOKALIKES for c in latin) or len(latin) * 2 >= len(word):
            return word
        return word.translate(_CYRILLIC_TWINS)
    return _MIXED_WORD.sub(unmixed, text)


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Comparison key: lower case, ё → е, quotes and spacing folded."""
    text = text.lower().replace("ё", "е")
    text = re.sub(f"[{_QUOTES}]", " ", text)
    text = re.sub(r"[^\w&%\- ]+", " ", text)
    return " ".join(text.split())


def proper_case(word: str) -> str:
    """«ШПИЛЕНКО» → «Шпиленко», «римский-корсаков» → «Римский-Корсаков»."""
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))


def match_case(template: str, word: str) -> str:
    """Give `word` the capitalisation pattern of `template` (lower, Capitalised or UPPER)."""
    if template.isupper() and len(template) > 1:
        return word.upper()
    if template[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


@lru_cache(maxsize=100_000)
def english_singular(word: str) -> str:
    """An English plural (lower case) as its singular, by simple rules and a table of the
    irregular ones: «clusters» → «cluster», «companies» → «company», «boxes» → «box»,
    «people» → «person»; a singular stays as it is («bus», «analysis»)."""
    irregular = load("english_plurals.json")["irregular"]
    if word in irregular:
        return irregular[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def is_cyrillic(word: str) -> bool:
    return bool(re.search("[а-яё]", word, re.I))


def _inflected(p: Any, grams: set[str]) -> str | None:
    form = p.inflect(grams)
    return form.word if form else None


@dataclass(frozen=True)
class _Agreement:
    case: str
    number: str


_PERSONAL = {"Name", "Surn", "Patr"}


def _noun_parses(word: str, heads: frozenset[str] = frozenset()) -> list[Any]:
    """Noun readings of a word; only those whose lemma is one of `heads`, when there are any. An
    organisation's head (`heads` given) is no person's name: «Мининвеста» is the genitive of
    «Мининвест», not a woman called Мининвеста."""
    nouns = [p for p in parse(word.lower()) if p.tag.POS == "NOUN"]
    if heads:
        nouns = [p for p in nouns if not _PERSONAL & p.tag.grammemes] or nouns
    preferred = [p for p in nouns if p.normal_form in heads]
    return preferred or nouns


def _agreements(head: str, adjectives: list[str], heads: frozenset[str]) -> list[_Agreement]:
    """Case and number readings the head noun and its adjectives share, most likely first:
    singular before plural, nominative first (a name said in the nominative stays as it is)."""
    found: list[_Agreement] = []
    for number in ("sing", "plur"):
        for case in CASES:
            if not any(p.tag.case == case and p.tag.number == number for p in _noun_parses(head, heads)):
                continue
            if all(any(p.tag.POS in _ADJ and p.tag.case == case and p.tag.number == number
                       for p in parse(a.lower())) for a in adjectives):
                found.append(_Agreement(case, number))
    return found


def _agrees_in_gender(noun: Any, adjectives: list[str]) -> bool:
    """Every adjective has a reading of the noun's case, number and (in the singular) gender."""
    tag = noun.tag
    return all(any(p.tag.POS in _ADJ and p.tag.case == tag.case and p.tag.number == tag.number
                   and (tag.number == "plur" or p.tag.gender == tag.gender) for p in parse(a.lower()))
               for a in adjectives)


def _inflects(tok: str) -> bool:
    """Cyrillic words inflect; abbreviations and mixed-case names («СиСС», «ТехноОмск») do not."""
    return tok[0].isalpha() and is_cyrillic(tok) and not any(c.isupper() for c in tok[1:])


def _is_head(tok: str, following: str | None) -> bool:
    """A noun heads the phrase unless it can also be an adjective and a noun follows it
    («частного технопарка»: «частное» is a noun too, but here it is the adjective)."""
    if not _noun_parses(tok):
        return False
    adjective = any(p.tag.POS in _ADJ for p in parse(tok.lower()))
    if not adjective or following is None or not _inflects(following):
        return True
    nxt = parse(following.lower())
    return not (any(p.tag.POS == "NOUN" for p in nxt) or any(p.tag.POS in _ADJ for p in nxt))


@lru_cache(maxsize=50_000)
def nominative_phrase(text: str, heads: frozenset[str] = frozenset(), singular: bool = False) -> str:
    """The phrase with its head noun (and the adjectives before it) in the nominative.

    Everything after the head (genitive dependents, quoted names) stays as written. Phrases
    that start with an abbreviation or a quote («АО «Омсктрансмаш»») do not inflect. `heads`
    are the lemmas to prefer for an ambiguous head («банка» of a bank, not of a jar);
    `singular` names one of a kind («индустриальных парков «Х»» → «индустриальный парк «Х»»).
    """
    text = clean_spaces(text)
    toks = [t for t in tokens(text)]
    words = []
    for i, (start, end, tok) in enumerate(toks):
        if not _inflects(tok) and not _is_compound_name(tok):
            break
        words.append((start, end, tok))
        following = toks[i + 1][2] if i + 1 < len(toks) else None
        if (_is_compound_name(tok) and not _is_compound_adjective(tok, following)) or _is_head(tok, following):
            break
    if not words:
        return text
    *adjs, head = words
    if _is_compound_name(head[2]):
        return text[:head[0]] + _compound_nominative(head[2]) + text[head[1]:] if not adjs else text
    if not _noun_parses(head[2]):
        return text
    readings = _agreements(head[2], [a[2] for a in adjs], heads)
    number = "sing" if singular else None
    if not readings or readings[0].case == "nomn" and readings[0].number == (number or readings[0].number):
        return text
    r = readings[0]
    candidates = [p for p in _noun_parses(head[2], heads) if p.tag.case == r.case and p.tag.number == r.number]
    agreeing = [p for p in candidates if _agrees_in_gender(p, [a[2] for a in adjs])]
    head_parse = (agreeing or candidates)[0]
    number = number or r.number
    new_head = _inflected(head_parse, {"nomn", number})
    gender = head_parse.tag.gender if number == "sing" else None
    if adjs and not agreeing and number == "sing" and (masculine := _masculine_nominative(head[2], r.case, adjs)):
        new_head, gender = masculine, "masc"
    if not new_head:
        return text
    out, pos = [], 0
    for start, end, word in adjs:
        adj = next(p for p in parse(word.lower())
                   if p.tag.POS in _ADJ and p.tag.case == r.case and p.tag.number == r.number)
        grams = {"nomn", number} | ({gender} if gender in ("masc", "femn", "neut") else set())
        out += [text[pos:start], _match_parts_case(word, _inflected(adj, grams) or word)]
        pos = end
    out += [text[pos:head[0]], match_case(head[2], new_head), text[head[1]:]]
    return "".join(out)


_MASCULINE_ENDINGS = {"gent": "а", "datv": "у", "loct": "е", "ablt": "ом"}  # of a hard-stem masculine noun


def _masculine_nominative(word: str, case: str, adjs: list[tuple[int, int, str]]) -> str | None:
    """«Нижнем Бестяхе» → «Бестях»: a noun the dictionary does not know, after masculine
    adjectives its guess does not agree with, is a hard-stem masculine noun without its ending."""
    ending = _MASCULINE_ENDINGS.get(case)
    known = morph().word_is_known(word.lower())
    if known or not ending or not word.lower().endswith(ending) or len(word) - len(ending) < 3:
        return None
    if not all(any(p.tag.POS in _ADJ and p.tag.case == case and p.tag.gender == "masc" for p in parse(a[2].lower()))
               for a in adjs):
        return None
    return word[:-len(ending)]


def _is_compound_name(tok: str) -> bool:
    """«Каменске-Уральском», «Ростове-на-Дону»: a hyphenated name of capitalised parts."""
    parts = tok.split("-")
    return len(parts) > 1 and parts[0][:1].isupper() and parts[-1][:1].isupper() and is_cyrillic(tok)


def _is_compound_adjective(tok: str, following: str | None) -> bool:
    """«Ханты-Мансийском автономном округе», «Слободо-Туринского района»: a hyphenated name
    that is an adjective before a word it qualifies, not the head of the phrase."""
    return following is not None and _inflects(following) and any(p.tag.POS in _ADJ for p in parse(tok.lower()))


def _match_parts_case(template: str, word: str) -> str:
    """match_case part by part of a hyphenated word: «Ханты-Мансийском» → «Ханты-Мансийский»."""
    parts, new = template.split("-"), word.split("-")
    if len(parts) != len(new):
        return match_case(template, word)
    return "-".join(match_case(t, w) for t, w in zip(parts, new))


def _whole_place_nominative(tok: str) -> str | None:
    """«Санкт-Петербурге» → «Санкт-Петербург», «Орехово-Зуеве» → «Орехово-Зуево»: a place the
    dictionary reads as one hyphenated word whose first part does not decline in it (no place
    of its own, or one in the nominative); «Каменске-Уральском» is read part by part. None
    when the dictionary reads no such place."""
    first = [p for p in _noun_parses(tok.split("-")[0]) if "Geox" in p.tag]
    if first and first[0].tag.case != "nomn":
        return None
    whole = [p for p in _noun_parses(tok) if p.tag.number == "sing" and "Geox" in p.tag]
    if not whole:
        return None
    if any(p.tag.case == "nomn" for p in whole):
        return tok
    form = _inflected(whole[0], {"nomn", "sing"})
    return _match_parts_case(tok, form) if form else None


def _compound_nominative(tok: str) -> str:
    """Each capitalised part in the nominative, in the case the first part is in; parts after
    a lower-case one («на») stay: «Каменске-Уральском» → «Каменск-Уральский». A place the
    dictionary knows whole is inflected whole («Нью-Йорке» → «Нью-Йорк»)."""
    whole = _whole_place_nominative(tok)
    if whole:
        return whole
    parts = tok.split("-")
    first = [p for p in _noun_parses(parts[0]) if p.tag.number == "sing"]
    geo = [p for p in first if "Geox" in p.tag] or first
    if not geo or geo[0].tag.case == "nomn":
        return tok
    case, gender = geo[0].tag.case, geo[0].tag.gender
    out = [match_case(parts[0], _inflected(geo[0], {"nomn", "sing"}) or parts[0])]
    for part in parts[1:]:
        if not part[:1].isupper() or not out[-1][:1].isupper():
            out.append(part)
            continue
        readings = [p for p in parse(part.lower()) if p.tag.case == case and p.tag.POS in (*_ADJ, "NOUN")]
        grams = {"nomn", "sing"} | ({gender} if readings and readings[0].tag.POS in _ADJ and gender else set())
        out.append(match_case(part, _inflected(readings[0], grams) or part) if readings else part)
    return "-".join(out)


@dataclass(frozen=True)
class PersonName:
    first: str | None
    middle: str | None
    last: str | None

    @property
    def full(self) -> str:
        return " ".join(p for p in (self.first, self.middle, self.last) if p)


def _has(word: str, gram: str) -> bool:
    return any(gram in p.tag for p in parse(word.lower()))


def _name_roles(words: list[str]) -> tuple[str | None, str | None, str | None]:
    """Which word is the first name, the patronymic and the surname, in either order."""
    if len(words) == 1:
        return None, None, words[0]
    if len(words) == 2:
        a, b = words
        if _has(a, "Name") or not _has(b, "Name"):
            return a, None, b
        return b, None, a  # «Иванова Мария»
    a, b, c = words[:3]
    if _has(c, "Patr") and not _has(b, "Patr"):
        return b, c, a  # «Абдурахмановой Натальи Петровны»
    return a, b, c


def _readings(first: str | None, middle: str | None) -> list[tuple[str, str]]:
    """(case, gender) readings of the given name and patronymic, most likely first."""
    options: list[tuple[float, str, str]] = []
    for word, gram in ((first, "Name"), (middle, "Patr")):
        if not word:
            continue
        for p in parse(word.lower()):
            if gram in p.tag and p.tag.number == "sing" and p.tag.case:
                options.append((p.score, p.tag.case, p.tag.gender))
        if options:
            break
    options.sort(key=lambda o: -o[0])
    seen: list[tuple[str, str]] = []
    for _, case, gender in options:
        if (case, gender) not in seen:
            seen.append((case, gender))
    return seen


def _nominative_surname(word: str, case: str, gender: str | None) -> str | None:
    """A surname in the nominative: as the dictionary knows it, else by its ending («-овой» →
    «-ова»), else as an adjective or noun («Прочного» → «Прочный»)."""
    return (_nominative_part(word, "Surn", case, gender) or _surname_by_rule(word, case, gender)
            or _nominative_part(word, None, case, gender))


def _nominative_part(word: str, gram: str | None, case: str, gender: str | None) -> str | None:
    """The word in the nominative if it has a reading in `case` (and `gender`) — with the
    grammeme `gram`, or as any noun or adjective when `gram` is None — else None. Declinable
    readings first: «Анне» is «Анна» in the dative before it is the indeclinable «Анне»."""
    for p in sorted(parse(word.lower()), key=lambda p: "Fixd" in p.tag):
        tag = p.tag
        if (gram and gram not in tag) or (not gram and tag.POS not in ("ADJF", "NOUN")):
            continue
        if tag.case != case or (tag.number and tag.number != "sing"):
            continue
        if gender and tag.gender and tag.gender != gender:
            continue
        if "Fixd" in tag:
            return word.lower()
        grams = {"nomn", "sing"} | ({gender} if gender and tag.POS == "ADJF" else set())
        form = p.inflect(grams)
        if form:
            return form.word
    return None


@lru_cache(maxsize=50_000)
def person_name(text: str) -> PersonName | None:
    """Nominative «First Middle Last» of a Russian name said in any case and any capitals:
    «Андрея ШПИЛЕНКО» → Андрей Шпиленко, «Абдурахмановой Натальи Петровны» → Наталья Петровна
    Абдурахманова. The case and gender are read off the given name, which pymorphy3 knows
    best, and the surname is inflected to agree — never lemmatised on its own."""
    text = clean_spaces(text)
    initials = _INITIALS.findall(text)
    if initials:
        return _with_initials(text, initials)
    words = _WORD_ONLY.findall(text)
    if not words or not all(is_cyrillic(w) for w in words):
        return None
    if len(words) > 3 or any(is_name_particle(w) for w in words[1:]):
        return _foreign_name(words)
    first, middle, last = _name_roles(words)
    readings = _readings(first, middle) or _surname_readings(last)
    for case, gender in [r for r in readings if _surname_fits(last, *r)] or readings:
        f = _nominative_part(first, "Name", case, gender) if first else None
        m = _nominative_part(middle, "Patr", case, gender) if middle else None
        if (first and not f) or (middle and not m):
            continue
        l = _nominative_surname(last, case, gender) if last else None
        return PersonName(*(_as_written(old, new) if old else None
                            for new, old in ((f, first), (m, middle), (l, last))))
    return PersonName(*(proper_case(w) if w else None for w in (first, middle, last)))


def _surname_fits(last: str | None, case: str, gender: str | None) -> bool:
    """Can the surname as written be in this case and gender? A man's surname ending in a
    consonant declines («Коваля»), so one left bare («Анжела Коваль», «Анжелу Коваль»)
    is a woman's or in the nominative, whatever the given name's likelier reading."""
    bare = bool(last) and last[-1].lower() in _CONSONANTS
    return not (bare and gender == "masc" and case != "nomn")


_CONSONANTS = frozenset("бвгджзйклмнпрстфхцчшщь")  # and the soft sign: «Коваль» → «Коваля»

# Surname endings by gender and case → the nominative ending, for surnames the dictionary
# knows only as something else («Тестова» is a village there).
_SURNAME_ENDINGS = {
    "masc": {"gent": ("ова", "ева", "ёва", "ина", "ына", "ского", "цкого"),
             "accs": ("ова", "ева", "ёва", "ина", "ына", "ского", "цкого"),
             "datv": ("ову", "еву", "ёву", "ину", "ыну", "скому", "цкому"),
             "ablt": ("овым", "евым", "ёвым", "иным", "ыным", "ским", "цким"),
             "loct": ("ове", "еве", "ёве", "ине", "ыне", "ском", "цком")},
    "femn": {"gent": ("овой", "евой", "ёвой", "иной", "ыной", "ской", "цкой"),
             "datv": ("овой", "евой", "ёвой", "иной", "ыной", "ской", "цкой"),
             "ablt": ("овой", "евой", "ёвой", "иной", "ыной", "ской", "цкой"),
             "loct": ("овой", "евой", "ёвой", "иной", "ыной", "ской", "цкой"),
             "accs": ("ову", "еву", "ёву", "ину", "ыну", "скую", "цкую")},
}
_NOMINATIVE_ENDINGS = {"masc": ("ов", "ев", "ёв", "ин", "ын", "ский", "цкий"),
                       "femn": ("ова", "ева", "ёва", "ина", "ына", "ская", "цкая")}


def _surname_by_rule(word: str, case: str, gender: str | None) -> str | None:
    """The nominative of a Russian surname from its ending, given the case and gender the
    given name shows; None when the ending says nothing (indeclinable «-енко», «-их»)."""
    lower = word.lower()
    for ending, nominative in zip(_SURNAME_ENDINGS.get(gender or "", {}).get(case, ()), _NOMINATIVE_ENDINGS.get(gender or "", ())):
        if lower.endswith(ending) and len(lower) > len(ending) + 1:
            return lower[: -len(ending)] + nominative
    return None


def _surname_readings(word: str) -> list[tuple[str, str | None]]:
    """Readings of a lone surname: as said if it can be a nominative, else its likeliest case."""
    surn = [p for p in parse(word.lower()) if "Surn" in p.tag and p.tag.number == "sing"]
    if not surn or any(p.tag.case == "nomn" for p in surn):
        return [("nomn", None)]
    surn.sort(key=lambda p: (p.tag.gender != "masc", -p.score))
    return [(p.tag.case, p.tag.gender) for p in surn]


@lru_cache(maxsize=1)
def _name_particles() -> frozenset[str]:
    return frozenset(load("name_particles.json")["particles"])


def is_name_particle(word: str) -> bool:
    """«де», «фон», «аль-» of «аль-Барадеи», «Де» of «Франк Де Блекере»: the small words of
    foreign names (a capitalised one only as a whole word)."""
    lower = word.lower()
    return lower in _name_particles() or (word[:1].islower() and lower.split("-")[0] in _name_particles())


def _foreign_name(words: list[str]) -> PersonName:
    """«Франка де Блекере» → Франк / де Блекере, «Аун Сан Су Чжи» → Аун / Сан Су Чжи: the given
    name first, in the nominative when the dictionary knows it; the rest, from the first
    particle on, is the surname as written (foreign surnames do not decline)."""
    first, rest = words[0], words[1:]
    readings = _readings(first, None)
    nominative = _nominative_part(first, "Name", *readings[0]) if readings else None
    last = " ".join(w[:1].lower() + w[1:] if is_name_particle(w) else proper_case(w) for w in rest)
    return PersonName(_as_written(first, nominative), None, last)


def _as_written(old: str, new: str | None) -> str:
    """Proper case; keep «е» where the text wrote «е» (pymorphy3 restores «ё»)."""
    word = new or old
    if "ё" not in old.lower():
        word = word.replace("ё", "е").replace("Ё", "Е")
    return proper_case(word)


_WORD_ONLY = re.compile(r"[^\W\d_]+(?:[-‑][^\W\d_]+)*")
_INITIALS = re.compile(r"(?<![^\W\d_])([А-ЯЁ])(?:\.|(?=\s*$))")  # «Л.Р.», and «Л.Р» cut before its last dot


def _with_initials(text: str, initials: list[str]) -> PersonName | None:
    """«П. И. Ларионов», «Гусейновой Л.Р.» → «П. И. Ларионов», «Л. Р. Гусейнова»: the surname
    in the nominative (its gender unknown, its own likeliest reading), initials kept."""
    words = [w for w in _WORD_ONLY.findall(_INITIALS.sub(" ", text)) if len(w) > 1]
    if len(words) != 1 or not is_cyrillic(words[0]):
        return None
    surname = person_name(words[0])
    last = surname.last if surname else proper_case(words[0])
    return PersonName(f"{initials[0]}.", f"{initials[1]}." if len(initials) > 1 else None, last)
