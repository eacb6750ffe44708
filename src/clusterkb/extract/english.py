"""People, organisations and places in English articles, by rule: no model to download.

English news about Russian industry is written to a pattern: «Governor of the Omsk Region,
Vitaly Khotsenko», «Svetlana Bazhenova, director of …», «the Association of Clusters,
Technoparks and SEZs of Russia (AC&T RF)». Names are capitalised runs; what kind of thing a
run names is read off its head word (Association, Fund, Ministry; Region, Oblast) or a given name.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..lang import gazetteer
from ..model import Fact
from ..lang.normalize import clean_spaces, fold
from .document import Document
from .organisations import OrgMention, merge_organisations

ORG_HEADS = {"Association", "Fund", "Ministry", "Government", "Agency", "Committee", "Council",
             "Corporation", "Company", "Bank", "University", "Institute", "Cluster", "Park",
             "Technopark", "Service", "Department", "Administration", "Chamber", "Union", "Center",
             "Centre", "Foundation", "Group", "Holding", "Plant", "Factory", "Organization",
             "Organisation", "Duma", "Assembly", "Authority", "Office", "Zone", "Concern", "JSC", "Board",
             "Commission", "Directorate", "Bureau", "Inspectorate", "Consortium", "Partnership",
             "LLC", "PJSC", "Inc", "Ltd"}
PLACE_HEADS = {"Region", "Oblast", "Krai", "Territory", "Republic", "District", "Okrug", "Province"}
POSITIONS = {"director", "governor", "minister", "deputy", "head", "chairman", "chairwoman", "chair",
             "president", "vice-president", "ceo", "founder", "manager", "adviser", "advisor",
             "representative", "mayor", "expert", "specialist", "secretary", "rector", "partner",
             "coordinator", "general director", "executive director", "deputy governor", "vice-governor",
             "prime minister", "deputy prime minister", "chief executive", "economist", "chief economist",
             "analyst", "strategist"}
_POSITION_OF = re.compile(r"(?<![\w-])(?:" + "|".join(sorted(map(re.escape, POSITIONS), key=len, reverse=True))
                          + r")(?=\s+of\s)", re.I)
_NOT_IN_NAMES = r"(?!(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
_CAP = rf"(?:{_NOT_IN_NAMES}[A-Z][\w&'’-]*|of|for|and|the)"
_RUN = re.compile(rf"(?<![\w&])[A-Z][\w&'’-]*(?:(?:\s+|,\s+){_CAP})*")
_GERUND = re.compile(r"[A-Z][a-z]{3,}ing")
_ACRONYM = re.compile(r"(?<![\w&$])[A-Z][A-Z&]{1,7}(?:\s+RF)?(?![\w&])")
_QUOTED = re.compile(r"[“\"«]([A-Z][^”\"»\n]{3,120}?)\.?[”\"»]")
_LOWER_TAIL = re.compile(r"(?:\s+|,\s+)(?:of|for|and|the)$")
_COORDINATION = re.compile(r",\s+the\s+|\s+and\s+the\s+")  # «the A Cluster, the B Cluster and the C Cluster»
# Kinds of body written in lower case around a name: «the Russian government», «Rostok
# industrial park», «special economic zone "Chelyabinsk"».
_LOWER_KIND = (r"(?:(?:(?:industrial|production|technology|innovation|port|tourist|advanced)[\s-]+){0,2}special\s+economic\s+zone"
               r"|economic\s+zone|industrial\s+park|technology\s+park|technopark|technopolis|industrial\s+cluster"
               r"|government|administration)")
_PLURAL_KINDS = {"special economic zones": "special economic zone", "industrial parks": "industrial park",
                 "technology parks": "technology park", "technoparks": "technopark", "industrial clusters": "industrial cluster"}
_DETERMINERS = r"(?!(?:The|This|That|These|Each|Every|A|An|Our|Its|Their|Any|No|Some|Its)\s)"
_NAME_BEFORE_KIND = re.compile(rf"(?<![\w&-]){_DETERMINERS}{_NOT_IN_NAMES}((?:[A-Z][\w'’-]*\s+){{1,3}}){_LOWER_KIND}(?![\w-])")
_KIND_BEFORE_QUOTE = re.compile(rf"(?<![\w-]){_LOWER_KIND}\s+[“\"«][A-Z][^”\"»\n]{{1,60}}[”\"»]")
_NAMES_BEFORE_PLURAL_KIND = re.compile(rf"(?<![\w&-]){_DETERMINERS}((?:[A-Z][\w'’-]*\s+){{1,3}})and\s+((?:[A-Z][\w'’-]*\s+){{1,3}})"
                                       rf"({'|'.join(_PLURAL_KINDS)})(?![\w-])")
# «Chief Economist at Troika Dialog»: what a position is held at is a company, head word or not.
_AT_COMPANY = re.compile(r"(?<![\w-])(?i:" + "|".join(sorted(map(re.escape, POSITIONS), key=len, reverse=True))
                         + r")\s+at\s+(?:the\s+)?([A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){0,3})")
_NOT_ACRONYMS = {"RF", "I", "A", "OK", "TV", "USSR", "CEO", "PM", "AM", "No"}


def extract_english_names(doc: Document) -> list[Fact]:
    """Person, organisation and location facts of an English document."""
    orgs = _organisations(doc)
    org_ranges = [(m.start, m.end) for o in orgs for m in o.mentions]
    people = _people(doc, org_ranges)
    places = _places(doc, [(m.start, m.end) for p in people for m in p.mentions])
    return people + merge_organisations(orgs) + places


def _runs(text: str):
    """Capitalised runs, split where they coordinate separate names («the A Cluster, the B
    Cluster»), cut before a comma that starts a person's name and before a trailing function
    word: «…Zones of Russia, Mikhail Labudin, and…» → «…Zones of Russia»."""
    given = gazetteer.given_names()
    for m in _RUN.finditer(text):
        pos = m.start()
        for part in _COORDINATION.split(m.group()):
            offset = text.index(part, pos)
            pos = offset + len(part)
            run = part
            for comma in re.finditer(r",\s+(\w+)", run):
                if comma.group(1) in given:
                    run = run[:comma.start()]
                    break
            run = _LOWER_TAIL.sub("", run)
            if run:
                yield offset, offset + len(run), run


def _organisations(doc: Document) -> list[OrgMention]:
    found: dict[tuple[int, int], str] = {}
    for m in _QUOTED.finditer(doc.text):
        name = m.group(1).rstrip(".")
        if any(w in ORG_HEADS for w in name.split()):
            found[(m.start(1), m.start(1) + len(name))] = name
    for start, end, run in _runs(doc.text):
        org = _org_in_run(run)
        if org and not _is_title_case_headline(doc.text, start + org[0], start + org[1]):
            a, b = org
            found.setdefault((start + a, start + b), _join(run[a:b]))
    for m in [*_NAME_BEFORE_KIND.finditer(doc.text), *_KIND_BEFORE_QUOTE.finditer(doc.text)]:
        found.setdefault((m.start(), m.end()), _join(m.group()))
    for m in _AT_COMPANY.finditer(doc.text):
        found.setdefault((m.start(1), m.end(1)), m.group(1))
    for m in _NAMES_BEFORE_PLURAL_KIND.finditer(doc.text):  # «the Rostok and Severny Luch industrial parks»
        for group in (1, 2):
            name = _join(m.group(group))
            start = m.start(group)
            found.setdefault((start, start + len(m.group(group).rstrip())), f"{name} {_PLURAL_KINDS[m.group(3)]}")
    for m in _federal_pattern().finditer(doc.text):  # «Minpromtorg», «the ministry of Industry and Trade»
        found.setdefault((m.start(), m.end()), m.group())
    for m in _ACRONYM.finditer(doc.text):
        if m.group() not in _NOT_ACRONYMS and not gazetteer.place(m.group()) and not any(a <= m.start() < b for a, b in found):
            found[(m.start(), m.end())] = m.group()
    out = []
    for (start, end), name in sorted(found.items()):
        if any(a <= start and end <= b and (a, b) != (start, end) for a, b in found):
            continue
        aliases = []
        paren = re.match(r"\s*\(([A-Z][\w&.-]{1,14})\)", doc.text[end:end + 20])
        if paren:
            aliases.append(paren.group(1))
        out.append(OrgMention(clean_spaces(name), aliases, [doc.mention(start, end)]))
    return out


@lru_cache(maxsize=1)
def _federal_pattern() -> re.Pattern[str]:
    forms = [r"\s+".join(map(re.escape, f.split())) for f in gazetteer.federal_body_latin_forms()]
    return re.compile(r"(?<![\w&])(?:" + "|".join(forms) + r")(?![\w&])", re.I)


def _is_title_case_headline(text: str, start: int, end: int) -> bool:
    """«Nginx Developers Created Angie Company» alone on its line: a teaser's headline in Title
    Case, not a name — a name of five words or more joins them with «of», «for» or «and»."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start:len(text) if line_end < 0 else line_end].strip()
    words = line.split()
    return line == text[start:end].strip() and len(words) >= 5 and not {"of", "for", "and"} & set(words)


def _org_in_run(run: str) -> tuple[int, int] | None:
    """Where the organisation stands inside a capitalised run: from the capitalised words before
    its head noun through its «of …» complement. «Russian Government Decree» → «Russian
    Government». Offsets into the run, since the words may be apart by any spacing (a tab, a
    no-break space, a line break)."""
    tokens = list(re.finditer(r"[\w&'’.-]+|,", run))
    words = [t.group() for t in tokens]
    heads = [i for i, w in enumerate(words) if w.rstrip(".") in ORG_HEADS or w.split("-")[0] in ORG_HEADS and "-" in w]
    if not heads:
        return None
    h = heads[0]
    start = h
    while start > 0 and words[start - 1][:1].isupper() and words[start - 1] not in ("The",) \
            and not _GERUND.fullmatch(words[start - 1]):  # «Government is Establishing Industry Development Fund»
        start -= 1
    end = h + 1
    last = heads[-1]
    if end < len(words) and words[end] in ("of", "for", "on"):
        end = len(words)
    else:
        end = max(end, last + 1) if all(w[:1].isupper() or w in (",", "and") for w in words[h:last + 1]) else end
    while end > h + 1 and words[end - 1] in (",", "and", "of", "for", "the", "on", "in"):
        end -= 1
    if end - start > 1 or words[h] in ("Government",) or "-" in words[h]:  # «Technopark-Mordovia»
        return tokens[start].start(), tokens[end - 1].end()
    return None


def _join(text: str) -> str:
    """One plain space between words and none before a comma: «Fund  of\tthe Region ,» → «Fund of the Region,»."""
    return re.sub(r"\s+,", ",", clean_spaces(text))


def _places(doc: Document, people: list[tuple[int, int]]) -> list[Fact]:
    """Places by their head word («Kaluga Region», «Republic of Mordovia») and the table's
    Latin-script names, in capitals too («MOSCOW, June 10»); never a given name of a person
    («President Vladimir Putin»)."""
    places: dict[str, dict] = {}
    heads = "|".join(PLACE_HEADS) + "|" + "|".join(h.lower() for h in PLACE_HEADS)
    pattern = re.compile(r"(?<![\w-])(?!The\b)([A-Z][a-z]+(?:[- ][A-Z][a-z]+)?)\s+(" + heads + r")\b")
    spans = [(m.start(), m.end(), f"{m.group(1)} {m.group(2).capitalize()}") for m in pattern.finditer(doc.text)
             if m.group(1) not in ORG_HEADS and m.group(1) not in ("The", "This", "Each")]
    head_of = re.compile(r"(?<![\w-])(" + "|".join(PLACE_HEADS) + r")\s+of\s+(?:the\s+)?([A-Z][a-z]+(?:[- ][A-Z][a-z]+)?)(?![\w-])")
    spans += [(m.start(), m.end(), f"{m.group(1)} of {m.group(2)}") for m in head_of.finditer(doc.text)
              if not any(a < m.end() and m.start() < b for a, b, _ in spans)]
    taken = spans + [(a, b, "") for a, b in people]
    for form in _country_forms():
        for m in re.finditer(rf"(?<![\w-])(?:{re.escape(form)}|{re.escape(form.upper())})(?![\w-])", doc.text):
            if not any(a < m.end() and m.start() < b for a, b, _ in taken):  # «Kaluga» of «Kaluga Region»
                spans.append((m.start(), m.end(), gazetteer.place(form) or form))
    for start, end, name in sorted(spans):
        canonical = _english_name(name)
        place = places.setdefault(fold(canonical), {"name": canonical, "aliases": [], "mentions": []})
        surface = clean_spaces(doc.text[start:end])
        if surface != canonical and surface not in place["aliases"]:
            place["aliases"].append(surface)
        place["mentions"].append(doc.mention(start, end))
    return [Fact("location", {"name": p["name"], "aliases": p["aliases"]}, p["mentions"]) for p in places.values()]


@lru_cache(maxsize=1)
def _country_forms() -> list[str]:
    """The table's Latin-script place names, longest first."""
    return sorted(gazetteer.english_place_forms(), key=len, reverse=True)


def _english_name(canonical_ru_or_en: str) -> str:
    """Places keep the English name the article uses; «Россия» from the table → «Russia»."""
    return gazetteer.english_place(canonical_ru_or_en) or canonical_ru_or_en


_NAME = re.compile(r"(?<![\w-])(?=([A-Z][a-z]+)\s+(?:([A-Z][a-z]+(?:ovna|evna|ichna|ovich|evich|yevich|ich)|[A-Z]\.)\s*)?"
                   r"([A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?![\w-]))")
_PATRONYMIC_ONLY = re.compile(r"[A-Z][a-z]+(?:ovna|evna|ichna|ovich|evich|yevich)$")


def _people(doc: Document, org_ranges: list[tuple[int, int]]) -> list[Fact]:
    """A known given name, an optional patronymic and a capitalised surname."""
    given = gazetteer.given_names()
    people: dict[str, dict] = {}
    for m in _NAME.finditer(doc.text):
        first, middle, last = m.group(1), m.group(2), m.group(3)
        start = m.start()
        end = doc.text.index(last, start + len(first)) + len(last)
        if first not in given or _PATRONYMIC_ONLY.match(last) or any(a <= start < b for a, b in org_ranges):
            continue
        person = people.setdefault(fold(f"{first} {last}"), {"first": first, "middle": None, "last": last,
                                                             "mentions": [], "roles": []})
        person["middle"] = person["middle"] or middle
        person["mentions"].append(doc.mention(start, end))
        role = _role(doc, start, end)
        if role and role not in person["roles"]:
            person["roles"].append(role)
    return [_person_fact(p) for p in people.values()]


def _role(doc: Document, start: int, end: int) -> tuple[str, str | None] | None:
    """«…, noted X Y, director of Z», «the Governor of the Omsk Region, X Y», «NAIPT Chairman X Y»."""
    sent = doc.sentence_at(start)
    if not sent:
        return None
    after = re.match(r",\s*(?:the\s+)?([a-zA-Z -]+?)\s+(of|at)\s+(?:the\s+)?(.+?)(?:[,;]|\.(?:\s|$)|$)",
                     doc.text[end:sent.end])
    if after and _is_position(after.group(1)):
        if after.group(2) == "at":  # «Chief Economist at Troika Dialog»: held at a company
            return after.group(1), clean_spaces(after.group(3))
        return _position(after.group(1), after.group(3))
    prefix = doc.text[sent.start:start]
    before = _position_before(prefix)
    if before:
        return before
    title = _TITLE.search(prefix)
    if title and _is_position(title.group("position")):
        return title.group("position"), title.group("org")
    return None


_MODIFIERS = r"(?:[Ff]irst|[Dd]eputy|[Aa]cting|[Ee]xecutive|[Gg]eneral|[Ss]enior|[Vv]ice|[Cc]hief|[Mm]anaging)"
# «FEADC deputy CEO», «Primorsky Krai Industry Minister», «NAIPT Chairman» right before the name
_TITLE = re.compile(rf"(?:(?<=\s)|^)(?:(?P<org>[A-Z][A-Z&]{{1,7}})\s+)?(?P<position>(?:[A-Z][a-z]+\s+){{0,4}}"
                    rf"(?:{_MODIFIERS}\s+)*[A-Za-z-]+)\s+$")


def _is_position(phrase: str) -> bool:
    """«Deputy Minister», «First Deputy Governor», «deputy CEO», «Krai Industry Minister»:
    modifiers or capitalised words, then a position word — never «and the Governor»."""
    words = phrase.split()
    if not words or (phrase.lower() not in POSITIONS and words[-1].lower() not in POSITIONS):
        return False
    return all(re.fullmatch(_MODIFIERS, w) or w[:1].isupper() for w in words[:-1])


def _position_before(prefix: str) -> tuple[str, str | None] | None:
    """The nearest «POSITION of [the] X, » that ends right where the name begins."""
    best = None
    for m in _POSITION_OF.finditer(prefix):
        tail = re.match(r"\s+of\s+(?:the\s+)?(.+?)(?:,\s*|\s+)$", prefix[m.end():])
        if tail and "." not in tail.group(1) \
                and not any(w in gazetteer.given_names() for w in tail.group(1).split()):  # no other person in it
            modifiers = re.search(rf"(?:{_MODIFIERS}\s+)+$", prefix[:m.start()])
            best = ((modifiers.group() if modifiers else "") + m.group(), tail.group(1))
    return _position(*best) if best else None


def _position(position: str, of: str) -> tuple[str, str | None]:
    """An organisation after «of» is the role's organisation; a place stays in the position."""
    of = clean_spaces(re.sub(r"^(?:the\s+)?(?:non-profit\s+|state\s+)?(?:organization|organisation|company)\s+", "", of))
    of = of.strip("“”\"«» .")
    words = of.split()
    if not any(w.strip(",") in ORG_HEADS for w in words) and (any(w in PLACE_HEADS for w in words) or gazetteer.place(of)):
        return f"{position} of the {of}" if any(w in PLACE_HEADS for w in words) else f"{position} of {of}", None
    if not of[:1].isupper():  # «head of the technopolis»: a description, not a name
        return f"{position} of the {of}", None
    if not any(w.strip(",") in ORG_HEADS for w in words) and not re.fullmatch(r"[A-Z][A-Z&]{1,7}", of):
        return f"{position} of {of}", None  # «Minister of Economic Development»: a portfolio
    return position, of


def _person_fact(p: dict) -> Fact:
    role = p["roles"][0] if p["roles"] else None
    name = " ".join(x for x in (p["first"], p["middle"], p["last"]) if x)
    return Fact("person", {
        "name": name, "first": p["first"], "middle": p["middle"], "last": p["last"],
        "position": role[0] if role else None, "organization": role[1] if role else None,
        "roles": [{"position": r[0], "organization": r[1]} for r in p["roles"]],
    }, p["mentions"])
