"""People in English text: a known given name (`data/given_names.json`), an optional patronymic
or initial, and a capitalised surname; the role next to the name («Svetlana Bazhenova, director of
the Fund», «the Governor of the Omsk Region, Vitaly Khotsenko», «NAIPT Chairman X Y»).
"""
from __future__ import annotations

import re
from functools import lru_cache

from ...lang import gazetteer
from ...lang.normalize import clean_spaces, fold
from ...model import Fact
from ..document import Document
from .words import HONORIFICS, MODIFIERS, ORG_HEADS, PLACE_HEADS, POSITIONS, SURNAME

_POSITION_OF = re.compile(r"(?<![\w-])(?:" + "|".join(sorted(map(re.escape, POSITIONS), key=len, reverse=True))
                          + r")(?=\s+of\s)", re.I)
_NAME = re.compile(r"(?<![\w-])(?=([A-Z][a-z]+)\s*(?:([A-Z][a-z]+(?:ovna|evna|ichna|ovich|evich|yevich|ich)|[A-Z]\.)\s*)?"
                   r"((?:Mc|Mac|O['’]|D['’])?[A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?![\w-]))")  # McDonald, O'Brien
_PATRONYMIC = re.compile(r"([A-Z][a-z]+?)(?:ovna|evna|yevna|ichna|ovich|evich|yevich|ich)$")
_STEM_END = "yiaje"  # endings a given name loses in its patronymic: Sergey → Sergeevich, Ilya → Ilyich
# «FEADC deputy CEO», «Primorsky Krai Industry Minister», «NAIPT Chairman» right before the name
_TITLE = re.compile(rf"(?:(?<=\s)|^)(?:(?P<org>[A-Z][A-Z&]{{1,7}})\s+)?(?P<position>(?:[A-Z][a-z]+\s+){{0,4}}"
                    rf"(?:{MODIFIERS}\s+)*[A-Za-z-]+)\s+$")


def people(doc: Document, org_ranges: list[tuple[int, int]], org_names: frozenset[str] = frozenset()) -> list[Fact]:
    """A known given name, an optional patronymic and a capitalised surname (glued on by a lost
    space too: «ArkadijDvorkovich»); `org_names`, the
    organisations the document names, tell a role's organisation from a portfolio («CEO of Arctic
    Minerals» against «Minister of Economic Development»)."""
    found: dict[str, dict] = {}
    named = sorted(_named(doc.text), key=lambda n: n[2] is None)  # surnames alone join a full name found
    for start, end, first, middle, last in named:
        if any(a <= start < b for a, b in org_ranges):
            continue
        key = fold(f"{first} {last}") if first else next((k for k, p in found.items() if p["last"] == last), fold(last))
        person = found.setdefault(key, {"first": first, "middle": None, "last": last, "mentions": [], "roles": []})
        person["middle"] = person["middle"] or middle
        person["mentions"].append(doc.mention(start, end))
        role = _role(doc, start, end, org_names)
        if role and role not in person["roles"]:
            person["roles"].append(role)
    return [_person_fact(p) for p in found.values()]


_HONORIFIC = re.compile(rf"(?<![\w-])(?:{'|'.join(HONORIFICS)})\.?\s+(?:([A-Z][a-z]+)\s+)?([A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?![\w-])")
_INITIAL = re.compile(rf"(?<![\w.])([A-Z]\.)\s*({SURNAME})(?![\w-])")


def _named(text: str) -> list[tuple[int, int, str | None, str | None, str]]:
    """(start, end, first, middle, last) of every way the text names a person: a known given
    name and a surname («Vitaly Khotsenko»), an honorific and a name or surname («Dr. Helga
    Baumann», «Mr Ivanov»: first None) and an initial before a Russian surname («A. Petrov»)."""
    given = gazetteer.given_names()
    found = []
    for m in _NAME.finditer(text):
        first, middle, last = m.group(1), m.group(2), m.group(3)
        if first in given and not _is_patronymic(last):
            found.append((m.start(), text.index(last, m.start() + len(first)) + len(last), first, middle, last))
    taken = [(a, b) for a, b, *_ in found]
    for m in [*_HONORIFIC.finditer(text), *_INITIAL.finditer(text)]:
        start = m.start(1) if m.group(1) else m.start(2)
        if not any(a < m.end() and start < b for a, b in taken):
            found.append((start, m.end(2), m.group(1), None, m.group(2)))
    return found


def _is_patronymic(word: str) -> bool:
    """Is a word a patronymic, a given name with its ending («Vladimirovich», «Sergeevich»,
    «Ilyich»), rather than a surname of that shape («Dvorkovich», «Abramovich»)?"""
    m = _PATRONYMIC.fullmatch(word)
    return bool(m) and m.group(1).lower().rstrip(_STEM_END) in _given_stems()


@lru_cache(maxsize=1)
def _given_stems() -> frozenset[str]:
    """The given names as their patronymics begin: «Sergey» → «serg», «Nikolay» → «nikol»."""
    return frozenset(name.lower().rstrip(_STEM_END) for name in gazetteer.given_names())


_ROLE_REACH = 300  # characters around a name its role is read in: a title is short, a sentence may not be


def _role(doc: Document, start: int, end: int, org_names: frozenset[str]) -> tuple[str, str | None] | None:
    """«…, noted X Y, director of Z», «the Governor of the Omsk Region, X Y», «NAIPT Chairman X Y»,
    «Sibur's CEO X Y»."""
    sent = doc.sentence_at(start)
    if not sent:
        return None
    window = doc.text[end:min(sent.end, end + _ROLE_REACH)]
    after = re.match(r",\s*(?:the\s+)?([a-zA-Z -]+?)\s+(of|at)\s+(?:the\s+)?(.+?)(?:[,;]|\.(?:\s|$)|$)", window)
    if after and _is_position(after.group(1)):
        of = _named_at(window, after.start(3), org_names) or after.group(3)
        if after.group(2) == "at":  # «Chief Economist at Troika Dialog»: held at a company
            return after.group(1), clean_spaces(of)
        return _position(after.group(1), of, org_names)
    prefix = doc.text[max(sent.start, start - _ROLE_REACH):start]
    before = _position_before(prefix, org_names) or _possessive_title(prefix, org_names)
    if before:
        return before
    title = _TITLE.search(prefix)
    if title and _is_position(title.group("position")):
        return title.group("org") and (title.group("position"), title.group("org")) \
            or _named_before_position(title.group("position"), org_names)
    return None


def _named_at(text: str, at: int, org_names: frozenset[str]) -> str | None:
    """The longest organisation of the document named from `at` on, commas and all («…, director
    of the Association of Clusters, Technoparks and SEZ of Russia, and …»), or None."""
    return max((n for n in org_names if text.startswith(n, at)), key=len, default=None)


def _named_before_position(position: str, org_names: frozenset[str]) -> tuple[str, str | None]:
    """«Gazprom Neft CEO» → («CEO», «Gazprom Neft») when the words before the position name an
    organisation of the document; else the title as it stands, with no organisation."""
    words = position.split()
    for i in range(len(words) - 1, 0, -1):
        if " ".join(words[:i]) in org_names:
            return " ".join(words[i:]), " ".join(words[:i])
    return position, None


def _is_position(phrase: str) -> bool:
    """«Deputy Minister», «First Deputy Governor», «deputy CEO», «Krai Industry Minister»:
    modifiers or capitalised words, then a position word — never «and the Governor»; also with
    a portfolio after «for» («Minister for Industry and Trade»)."""
    phrase, _, portfolio = phrase.partition(" for ")
    if portfolio and not all(w[:1].isupper() or w == "and" for w in portfolio.split()):
        return False
    words = phrase.split()
    if not words or (phrase.lower() not in POSITIONS and words[-1].lower() not in POSITIONS):
        return False
    return all(re.fullmatch(MODIFIERS, w) or w[:1].isupper() for w in words[:-1])


_COORDINATED_END = re.compile(r"(?:,|\s)(?:and|or)$")  # «…, the head of X, and A. Petrov»: X's head is another


def _position_before(prefix: str, org_names: frozenset[str]) -> tuple[str, str | None] | None:
    """The nearest «POSITION of [the] X, » that ends right where the name begins (not «…, and »)."""
    best = None
    for m in _POSITION_OF.finditer(prefix):
        tail = re.match(r"\s+of\s+(?:the\s+)?(.+?)(?:,\s*|\s+)$", prefix[m.end():])
        if tail and "." not in tail.group(1) and not _COORDINATED_END.search(tail.group(1)) \
                and not any(w in gazetteer.given_names() for w in tail.group(1).split()):  # no other person in it
            modifiers = re.search(rf"(?:{MODIFIERS}\s+)+$", prefix[:m.start()])
            best = ((modifiers.group() if modifiers else "") + m.group(), tail.group(1))
    return _position(*best, org_names) if best else None


# «Sibur's CEO», «the Kaluga region's governor» right before the name
_POSSESSIVE_TITLE = re.compile(rf"(?<![\w-])(?:[Tt]he\s+)?(?P<of>[A-Z][\w&.-]*(?:\s+[A-Za-z][\w&.-]*){{0,3}})['’]s\s+"
                               rf"(?P<position>(?:{MODIFIERS}\s+)*[A-Za-z-]+(?:\s+[A-Za-z-]+)?)\s+$")


def _possessive_title(prefix: str, org_names: frozenset[str]) -> tuple[str, str | None] | None:
    """The role of «Sibur's CEO X Y» (CEO at Sibur) or «the Kaluga region's governor X Y»
    (governor of the Kaluga region), told right before the name."""
    m = _POSSESSIVE_TITLE.search(prefix)
    if not m or not _is_position(m.group("position")):
        return None
    return _position(m.group("position"), m.group("of"), org_names)


def _position(position: str, of: str, org_names: frozenset[str]) -> tuple[str, str | None]:
    """An organisation after «of» (by its head word, or one the document names) is the role's
    organisation; a place stays in the position."""
    of = clean_spaces(re.sub(r"^(?:the\s+)?(?:non-profit\s+|state\s+)?(?:organization|organisation|company)\s+", "", of))
    of = _leading_name(of.strip("“”\"«» ."))
    words = of.split()
    if not any(w.strip(",") in ORG_HEADS for w in words) and (any(w in PLACE_HEADS for w in words) or gazetteer.place(of)):
        return f"{position} of the {of}" if any(w in PLACE_HEADS for w in words) else f"{position} of {of}", None
    if not of[:1].isupper():  # «head of the technopolis»: a description, not a name
        return f"{position} of the {of}", None
    if not any(w.strip(",") in ORG_HEADS for w in words) and not re.fullmatch(r"[A-Z][A-Z&]{1,7}", of) \
            and of not in org_names:
        return f"{position} of {of}", None  # «Minister of Economic Development»: a portfolio
    return position, of


_NAME_RUN = re.compile(r"[A-Z][\w&'’.-]*(?:,?\s+(?:[A-Z][\w&'’.-]*|of|for|and|the|on"
                       r"|region|oblast|krai|republic|district|territory))*")  # «Ulyanovsk region» whole
_SECOND_ROLE = re.compile(rf"\s+and\s+(?:the\s+)?(?=(?:{MODIFIERS}\s+)*(?i:{'|'.join(sorted(POSITIONS, key=len, reverse=True))})\b)")
_TRAILING_FUNCTION_WORDS = re.compile(r"(?:,?\s+(?:of|for|and|the|on))+$")


def _leading_name(of: str) -> str:
    """The name a role's «of …» starts with: its capitalised run, up to a second role joined by
    «and» («Industry and Trade of the Russian Federation and the Chairman of the Board a number
    of programs…» → «Industry and Trade of the Russian Federation»); a lower-case phrase as is."""
    run = _NAME_RUN.match(of)
    if not run:
        return of
    name = run.group()
    second = _SECOND_ROLE.search(name)
    return _TRAILING_FUNCTION_WORDS.sub("", name[:second.start()] if second else name)


def _person_fact(p: dict) -> Fact:
    role = p["roles"][0] if p["roles"] else None
    name = " ".join(x for x in (p["first"], p["middle"], p["last"]) if x)
    return Fact("person", {
        "name": name, "first": p["first"], "middle": p["middle"], "last": p["last"],
        "position": role[0] if role else None, "organization": role[1] if role else None,
        "roles": [{"position": r[0], "organization": r[1]} for r in p["roles"]],
    }, sorted(p["mentions"], key=lambda m: m.start))
