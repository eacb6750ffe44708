"""Organisations in English text, by rule: capitalised runs with a head word («the Industry
Development Fund», «Russian Government»), a kind of body in lower case around a name («Rostok
industrial park», «special economic zone "Chelyabinsk"»), what a position is held at («Chief
Economist at Troika Dialog»), quoted names with a head word, and acronyms («NAIPT»), each with an
acronym in brackets after it as an alias.
"""
from __future__ import annotations

import re

from ...lang import gazetteer
from ...lang.normalize import clean_spaces
from ..document import Document
from ..organisations import OrgMention
from .words import DETERMINERS, NOT_ACRONYMS, NOT_IN_NAMES, ORG_HEADS, POSITIONS

_CAP = rf"(?:{NOT_IN_NAMES}[A-Z][\w&'’-]*|of|for|and|the)"
_RUN = re.compile(rf"(?<![\w&])[A-Z][\w&'’-]*(?:(?:\s+|,\s+){_CAP})*")
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
_DETERMINERS = rf"(?!(?:{'|'.join(sorted(DETERMINERS))})\s)"
_NAME_BEFORE_KIND = re.compile(rf"(?<![\w&-]){_DETERMINERS}{NOT_IN_NAMES}((?:[A-Z][\w'’-]*\s+){{1,3}}){_LOWER_KIND}(?![\w-])")
_KIND_BEFORE_QUOTE = re.compile(rf"(?<![\w-]){_LOWER_KIND}\s+[“\"«][A-Z][^”\"»\n]{{1,60}}[”\"»]")
_NAMES_BEFORE_PLURAL_KIND = re.compile(rf"(?<![\w&-]){_DETERMINERS}((?:[A-Z][\w'’-]*\s+){{1,3}})and\s+((?:[A-Z][\w'’-]*\s+){{1,3}})"
                                       rf"({'|'.join(_PLURAL_KINDS)})(?![\w-])")
# «Chief Economist at Troika Dialog»: what a position is held at is a company, head word or not.
_AT_COMPANY = re.compile(r"(?<![\w-])(?i:" + "|".join(sorted(map(re.escape, POSITIONS), key=len, reverse=True))
                         + r")\s+at\s+(?:the\s+)?([A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){0,3})")


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


def organisations(doc: Document) -> list[OrgMention]:
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
    for m in _ACRONYM.finditer(doc.text):
        if m.group() not in NOT_ACRONYMS and not gazetteer.place(m.group()) and not any(a <= m.start() < b for a, b in found):
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
    while start > 0 and words[start - 1][:1].isupper() and words[start - 1] not in ("The",):
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
