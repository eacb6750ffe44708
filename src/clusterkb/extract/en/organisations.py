"""Organisations in English text, by rule: capitalised runs with a head word («the Industry
Development Fund», «Russian Government»), a kind of body in lower case around a name («Rostok
industrial park», «special economic zone "Chelyabinsk"»), what a position is held at («Chief
Economist at Troika Dialog»), quoted names with a head word, and acronyms («NAIPT»), each with an
acronym in brackets after it as an alias.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ...lang import gazetteer
from ...lang.normalize import clean_spaces, fold
from ...lang.translit import russian_place
from ..document import Document
from ..organisations import OrgMention
from .words import DEMONYMS, DETERMINERS, HEADS_BEFORE_NAMES, LEGAL_FORMS, NOT_ACRONYMS, NOT_IN_NAMES, ORG_HEADS, PLACE_HEADS, POSITIONS, PRONOUNS, SURNAME

_CAP = rf"(?:{NOT_IN_NAMES}[A-Z][\w&'’-]*|of|for|and|the)"
_RUN = re.compile(rf"(?<![\w&])[A-Z][\w&'’-]*(?:(?:\s+|,\s+){_CAP})*")
_ACRONYM = re.compile(r"(?<![\w&$])(?<!\d\s)[A-Z][A-Z&]{1,7}(?:\s+RF)?(?![\w&$])")  # not «US» of «US$5m», nor «BN» of «18.5 BN»
_QUOTED = re.compile(r"[“\"«]([A-Z][^”\"»\n]{3,120}?)\.?[”\"»]")
_LOWER_TAIL = re.compile(r"(?:\s+|,\s+)(?:of|for|and|the)$")
_COORDINATION = re.compile(r",\s+the\s+|\s+and\s+the\s+")  # «the A Cluster, the B Cluster and the C Cluster»
_NUMBER_SIGN = re.compile(r"\s+Nos?$")  # «… of the Russian Federation No. 794»: the document's number sign
_NUMBER_AFTER = re.compile(r"\.?\s*\d")
# Kinds of body written in lower case around a name: «the Russian government», «Rostok
# industrial park», «special economic zone "Chelyabinsk"», «the Kangalassy advance-development territory».
_LOWER_KIND = (r"(?:(?:(?:industrial|production|technology|innovation|port|tourist|advanced)[\s-]+){0,2}special\s+economic\s+zone"
               r"|economic\s+zone|industrial\s+park|technology\s+park|technopark|technopolis|industrial\s+cluster"
               r"|advanced?[\s-]+development\s+territory|priority\s+development\s+area"
               r"|government|administration)")
_PLURAL_KINDS = {"special economic zones": "special economic zone", "industrial parks": "industrial park",
                 "technology parks": "technology park", "technoparks": "technopark", "industrial clusters": "industrial cluster"}
_DETERMINERS = rf"(?!(?:{'|'.join(sorted(DETERMINERS))})\s)"
_NAME_BEFORE_KIND = re.compile(rf"(?<![\w&-]){_DETERMINERS}{NOT_IN_NAMES}((?:[A-Z][\w'’-]*\s+){{1,3}}"
                               rf"(?:(?:region|oblast|krai|territory|republic|city)\s+)?){_LOWER_KIND}(?![\w-])")  # «Ulyanovsk region government»
_KIND_BEFORE_QUOTE = re.compile(rf"(?<![\w-])(?:{_LOWER_KIND}|SEZ|(?i:industrial\s+park|technopark|technopolis))\s+"
                                rf"[“\"«][A-Z][^”\"»\n]{{1,60}}[”\"»]")  # «SEZ "Ulyanovsk"», «Industrial Park "Rosva"»
_NAMES_BEFORE_PLURAL_KIND = re.compile(rf"(?<![\w&-]){_DETERMINERS}((?:[A-Z][\w'’-]*\s+){{1,3}})and\s+((?:[A-Z][\w'’-]*\s+){{1,3}})"
                                       rf"({'|'.join(_PLURAL_KINDS)})(?![\w-])")
# «the industrial parks from Kaluga Region, namely, Vorsino, Grabtsevo and Rosva»: the names listed
# after a plural kind and «namely» or a colon are bodies of that kind
_LISTED_NAME = r"[A-Z][\w'’]*(?:(?:\s+-\s+|-|\s+)[A-Z][\w'’]*)?"
_LIST_AFTER_PLURAL_KIND = re.compile(rf"(?<![\w-])(?:{'|'.join(_PLURAL_KINDS)})\b[^.;:\n]{{0,60}}?(?:,\s*namely,?|:)\s+"
                                     rf"((?:{_LISTED_NAME},\s+)*{_LISTED_NAME},?\s+and\s+{_LISTED_NAME})")
# «Chief Economist at Troika Dialog»: what a position is held at is a company, head word or not.
_AT_COMPANY = re.compile(r"(?<![\w-])(?i:" + "|".join(sorted(map(re.escape, POSITIONS), key=len, reverse=True))
                         + r")\s+at\s+(?:the\s+)?([A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){0,3})")


def _runs(text: str):
    """Capitalised runs, split where they coordinate separate names («the A Cluster, the B
    Cluster»), cut before a comma (or «, and») that starts a person's name, before a trailing function
    word and before a document's number sign: «…Zones of Russia, Mikhail Labudin, and…» →
    «…Zones of Russia», «Resolution of the Government No. 794» → «… of the Government»."""
    given = gazetteer.given_names()
    for m in _RUN.finditer(text):
        pos = m.start()
        for part in (p for coordinated in _COORDINATION.split(m.group()) for p in _bodies_joined_by_and(coordinated)):
            offset = text.index(part, pos)
            pos = offset + len(part)
            run = part
            for comma in re.finditer(r",\s+(?:and\s+)?(\w+)", run):
                if comma.group(1) in given:
                    run = run[:comma.start()]
                    break
            if _NUMBER_AFTER.match(text, offset + len(run)):
                run = _NUMBER_SIGN.sub("", run)
            run = _LOWER_TAIL.sub("", run)
            if run:
                yield offset, offset + len(run), run


def _bodies_joined_by_and(run: str) -> list[str]:
    """A run split at each «and» that joins two bodies, each with its head word: «LLC Vektor and
    Kama Tyres JSC» → «LLC Vektor», «Kama Tyres JSC»; «Ministry of Industry and Trade» and
    «Association of Clusters, Technoparks and SEZ of Russia» (the «and» closes a list) stay whole.
    One pass over the «and»s, however long the run."""
    segments = run.split(" and ")
    parts, current, current_has_head = [], segments[0], _has_head(segments[0])
    for segment in segments[1:]:
        segment_has_head = _has_head(segment)
        if current_has_head and segment_has_head and not _ends_in_a_list(current):
            parts.append(current)
            current, current_has_head = segment, True
        else:
            current, current_has_head = f"{current} and {segment}", current_has_head or segment_has_head
    return parts + [current]


def _ends_in_a_list(words: str) -> bool:
    """Does a stretch of a run end in a list of words without a head («… of Clusters,
    Technoparks»)? Then its «and» closes that list («… and SEZ of Russia»): one name."""
    head, comma, tail = words.rpartition(",")
    return bool(comma) and bool(tail.strip()) and not _has_head(tail) and _has_head(head)


def _has_head(words: str) -> bool:
    """Does a stretch of a run hold an organisation's head word («Fund», «JSC»)?"""
    return any(w.rstrip(".,") in ORG_HEADS for w in words.split())


def organisations(doc: Document) -> list[OrgMention]:
    """Every way the document names an organisation, each span once; a span inside another
    («Fund» of «Industry Development Fund») is left to the longer one."""
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
        if not _of_nations_only(m):
            found.setdefault((m.start(), m.end()), _join(m.group()))
    for m in _AT_COMPANY.finditer(doc.text):
        found.setdefault((m.start(1), m.end(1)), m.group(1))
    for m in _NAMES_BEFORE_PLURAL_KIND.finditer(doc.text):  # «the Rostok and Severny Luch industrial parks»
        for group in (1, 2):
            name = _join(m.group(group))
            start = m.start(group)
            found.setdefault((start, start + len(m.group(group).rstrip())), f"{name} {_PLURAL_KINDS[m.group(3)]}")
    for start, end, name in [*_known_bodies(doc.text), *_named_by_context(doc.text), *_listed_after_plural_kind(doc.text)]:
        found.setdefault((start, end), name)
    for m in _ACRONYM.finditer(doc.text):
        if m.group() not in NOT_ACRONYMS and not gazetteer.place(m.group()) and not _YEAR_AFTER.match(doc.text, m.end()) \
                and not any(a <= m.start() < b for a, b in found):
            found[(m.start(), m.end())] = m.group()
    out = []
    for (start, end), name in sorted(found.items()):
        if any(a <= start and end <= b and (a, b) != (start, end) for a, b in found):
            continue
        aliases = [a for a in (_known_name(name), _without_legal_form(name)) if a]
        paren = re.match(r"\s*\(([A-Z][\w&.-]{1,14})\)", doc.text[end:end + 20])
        if paren and sum(c.isupper() for c in paren.group(1)) >= 2:  # «(AC&T)», not the town of «(Orsk)»
            aliases.append(paren.group(1))
        out.append(OrgMention(clean_spaces(name), aliases, [doc.mention(start, end)]))
    return _same_words_together(out)


_YEAR_AFTER = re.compile(r"[ -](?:19|20)\d\d(?!\d)")  # «CSTB 2012», «ITM-2024»: an event of that year, no body


def _of_nations_only(m: re.Match[str]) -> bool:
    """«a joint Russian-Belarusian industrial park», «Chinese technoparks»: nationalities before a
    kind of site describe it and name none («the Russian government» is a body)."""
    names = m.groups()[0] if m.groups() else None
    words = re.split(r"[\s-]+", (names or "").strip())
    return bool(names) and all(w in DEMONYMS for w in words) and not re.search(r"government|administration", m.group())


def _listed_after_plural_kind(text: str) -> list[tuple[int, int, str]]:
    """«… four industrial parks, namely, Vorsino, Grabtsevo, Rosva and Kaluga - Yug»: each name of a
    list that a plural kind introduces with «namely» or a colon is a body (a region of the places
    table is not: «parks in two regions: Tatarstan and Bashkortostan»)."""
    found = []
    for m in _LIST_AFTER_PLURAL_KIND.finditer(text):
        for name in re.finditer(_LISTED_NAME, m.group(1)):
            if name.group() != "and" and not gazetteer.place(name.group()):
                found.append((m.start(1) + name.start(), m.start(1) + name.end(), _join(name.group())))
    return found


def _without_legal_form(name: str) -> str | None:
    """The name a legal form stands around, its short form: «PJSC KAMAZ» → «KAMAZ», «Kama Tyres
    JSC» → «Kama Tyres»; None for a name without one."""
    words = name.split()
    rest = [w for i, w in enumerate(words) if not (w.rstrip(".,") in LEGAL_FORMS and i in (0, len(words) - 1))]
    return " ".join(rest) if rest and len(rest) < len(words) else None


def _same_words_together(orgs: list[OrgMention]) -> list[OrgMention]:
    """Names of the same words in another order name one body («Technopark Idea», «Idea
    technopark»): each takes the first such name as an alias, so they group together."""
    first: dict[frozenset[str], str] = {}
    for o in orgs:
        name = first.setdefault(frozenset(fold(w) for w in o.normal.split()), o.normal)
        if name != o.normal and name not in o.aliases:
            o.aliases.append(name)
    return orgs


@lru_cache(maxsize=1)
def _known_forms() -> tuple[re.Pattern, re.Pattern]:
    """Searches for the known bodies' forms: one-word forms as written («Sber», «VTB»), longer
    ones in any case («Russian ministry of Industry and Trade»)."""
    forms = sorted(gazetteer.english_organisation_forms(), key=len, reverse=True)
    def search(group: list[str], flags: int) -> re.Pattern:
        return re.compile(r"(?<![\w&.-])(?:" + "|".join(map(re.escape, group)) + r")(?![\w&-]|\.\w)", flags)
    return search([f for f in forms if " " not in f], 0), search([f for f in forms if " " in f], re.IGNORECASE)


def _known_bodies(text: str) -> list[tuple[int, int, str]]:
    """Bodies English news names without a head word, from the tables: «Minpromtorg», «Rostec»,
    «Kommersant», «Sber» (`data/federal_bodies.json`, `data/known_organisations.json`); not the
    source line under a teaser's headline."""
    return [(m.start(), m.end(), clean_spaces(m.group())) for pattern in _known_forms() for m in pattern.finditer(text)
            if not _is_teaser_source(text, m.start(), m.end())]


def _is_teaser_source(text: str, start: int, end: int) -> bool:
    """Is a name alone on its line right under a teaser's Title Case headline («Nginx Developers
    Created Angie Company» / «Kommersant»): the source label of another item, page furniture?"""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    if text[line_start:len(text) if line_end < 0 else line_end].strip() != text[start:end] or line_start < 2:
        return False
    headline_start = text.rfind("\n", 0, line_start - 1) + 1
    headline_end = len(text[:line_start - 1].rstrip())
    return _is_title_case_headline(text, headline_start, headline_end)


def _known_name(name: str) -> str | None:
    """The canonical English name of a known body said in another form («Sber» → «Sberbank»), so
    the forms of one article group together; None for a name that is its own canonical form."""
    canonical = gazetteer.english_organisation_forms().get(name)
    return canonical if canonical and canonical != name and not re.search("[а-яё]", canonical, re.I) else None


# A proper name of one to three capitalised words («Arctic Minerals», «ORMETO-YUMZ»); a possessive
# «'s» stays outside.
_PROPER = r"(?:[A-Z][\w&.-]*[\w&])(?:[ ][A-Z][\w&.-]*[\w&]){0,2}"
_POSITION = "|".join(sorted(map(re.escape, POSITIONS), key=len, reverse=True))
# What the words around a name say it is: a company word before it («the carmaker Haval»), one
# after it in lower case («the Pruzhina plant»), a position it has («Sibur's CEO», «CEO of Arctic
# Minerals»), a medium it is («told Interfax», «Realnoe Vremya reports») or what a business does
# («Pruzhina will build a factory»).
_COMPANY_WORDS = r"(?:company|firm|holding|manufacturer|producer|developer|operator|carmaker|automaker|steelmaker|retailer|bank|startup|group|plant|factory|enterprise|concern|corporation|outlet|newspaper|news\s+agency|portal|publication)"
_CONTEXTS = [re.compile(p) for p in (
    rf"(?<![\w-]){_COMPANY_WORDS}\s+[«\"“]?({_PROPER})(?![\w&-])",
    rf"(?<![\w&-])({_PROPER})\s+{_COMPANY_WORDS}(?![\w-])",
    rf"(?<![\w&-])({_PROPER})['’]s\s+(?:[a-zA-Z-]+\s+){{0,2}}(?i:{_POSITION})(?![\w-])",
    rf"(?<![\w-])(?i:ceo|founder|co-founder|owner|shareholder|president|chairman|general\s+director|managing\s+director"
    rf"|director|head)\s+(?:of|at)\s+(?:the\s+)?({_PROPER})(?![\w&-]|\.?\s+(?:of\s|[A-Z]))",  # the whole name, not a unit «… Dept. of X»
    rf"(?<![\w-])(?:according\s+to|told|(?:reported|quoted|cited)\s+by|(?:an\s+)?interview\s+with)\s+(?:the\s+)?({_PROPER})(?![\w&-])",
    rf"(?<![\w&-])({_PROPER})\s+(?:reports|reported|writes|wrote|has\s+learned|learned)\b",
    rf"(?<![\w&-])({_PROPER})\s+(?:(?:will|would|plans\s+to|intends\s+to|is\s+going\s+to|has|have|had)\s+)?"
    r"(?:invest|build|built|produc|manufactur|construct|launch|suppl|export|acquir|employ|hire|hiring|assembl|locali[sz])\w*",
)]
_NOT_FOR_SURNAMES = _CONTEXTS[2:]  # a Russian surname is a person's there («Shaimiev's adviser»), not a company's


@lru_cache(maxsize=1)
def _with_its_country() -> re.Pattern[str]:
    """«Hermle (Germany)», «Hermle's project (Germany)»: a name with the place it is from in brackets
    (a place of the table) is an investor's, a company's."""
    forms = "|".join(map(re.escape, sorted(gazetteer.english_place_forms(), key=len, reverse=True)))
    return re.compile(rf"(?<![\w&-])({_PROPER})(?:['’]s\s+[a-z]+)?\s+\((?:the\s+)?(?:{forms})\)")
_SURNAME_OF_GIVEN = re.compile(r"(?<![\w-])([A-Z][a-z]+)\s+(?:[A-Z]\.\s*)?([A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?![\w-])")


def _named_by_context(text: str) -> list[tuple[int, int, str]]:
    """Organisations without a head word that the words around them name as one (see _CONTEXTS,
    and a name with its country in brackets);
    never a person (a given name, or the surname of a person the text names: «according to
    Ivanov», or a Russian surname by its shape: «Shaimiev's adviser»), a bare head word («head of
    the Administration»), a place, a nationality («Chinese companies») or a word like «The», «It»."""
    given = gazetteer.given_names()
    surnames = {m.group(2) for m in _SURNAME_OF_GIVEN.finditer(text) if m.group(1) in given}
    found = []
    for pattern in [*_CONTEXTS, _with_its_country()]:
        for m in pattern.finditer(text):
            name = _before_a_person(m.group(1), given)
            first, last = name.split()[0], name.split()[-1]
            if first in given or last in surnames or first in DETERMINERS or first in DEMONYMS or first in PRONOUNS \
                    or _plural_opening_sentence(text, m.start(1), name) \
                    or not re.match(NOT_IN_NAMES, first) or _names_a_place(name) \
                    or any(w.lower() in POSITIONS for w in name.split()) \
                    or name in ORG_HEADS or pattern in _NOT_FOR_SURNAMES and re.fullmatch(SURNAME, name):
                continue
            found.append((m.start(1), m.start(1) + len(name), name))
    return found


def _before_a_person(name: str, given: frozenset[str]) -> str:
    """A name cut before a given name that starts a person's: «head of Bashkortostan Radiy
    Khabirov» names «Bashkortostan»."""
    cut = next((m.start() for m in re.finditer(r"\s+(\S+)", name) if m.group(1) in given), len(name))
    return name[:cut]


def _plural_opening_sentence(text: str, start: int, name: str) -> bool:
    """Is a one-word name a plural noun capitalised only as a sentence's first word («Borrowers
    launched…»)?"""
    return " " not in name and name.endswith("s") and not name.isupper() \
        and (start == 0 or bool(re.search(r"(?:[.!?]\s+|\n\s*)$", text[max(0, start - 3):start])))


def _names_a_place(name: str) -> bool:
    """Is a capitalised name a place: in the table, with a place head word, or a Russian town?"""
    return bool(gazetteer.place(name) or any(w in PLACE_HEADS or w.capitalize() in PLACE_HEADS for w in name.split())
                or " " not in name and russian_place(name))


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
            and not words[start - 1].endswith(("'s", "’s")) or \
            start > 1 and words[start - 1] == "and" and words[start - 2][:1].isupper():  # not «Tatarstan's»; «Investment and Venture Fund»
        start -= 1
    if start == 0 and words[0].endswith("ing") and start < h:  # «Establishing Industry Development Fund»: a headline's verb
        start = 1
    end = h + 1
    last = heads[-1]
    if end < len(words) and words[end] in ("of", "for", "on"):
        end = len(words)
    else:
        end = max(end, last + 1) if all(w[:1].isupper() or w in (",", "and") for w in words[h:last + 1]) else end
    while end > h + 1 and words[end - 1] in (",", "and", "of", "for", "the", "on", "in"):
        end -= 1
    if end == h + 1 and words[h] in HEADS_BEFORE_NAMES:  # «Technopark Idea», «PJSC KAMAZ»
        end = _name_after_head(words, end)
    if end - start > 1 or words[h] in ("Government",) or "-" in words[h]:  # «Technopark-Mordovia»
        return tokens[start].start(), tokens[end - 1].end()
    return None


def _name_after_head(words: list[str], end: int) -> int:
    """Where the proper name after a head word that stands first ends: its capitalised words up
    to a person's given name or a position («Technopark Idea Director Ivan…» → «Technopark Idea»)."""
    given = gazetteer.given_names()
    while end < len(words) and words[end][:1].isupper() and words[end] not in given \
            and words[end].lower() not in POSITIONS and words[end] not in ORG_HEADS:
        end += 1
    return end


def _join(text: str) -> str:
    """One plain space between words and none before a comma: «Fund  of\tthe Region ,» → «Fund of the Region,»."""
    return re.sub(r"\s+,", ",", clean_spaces(text))
