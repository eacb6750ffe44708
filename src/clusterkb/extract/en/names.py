"""People, organisations and places in English articles, by rule: no model to download.

English news about Russian industry is written to a pattern: «Governor of the Omsk Region,
Vitaly Khotsenko», «Svetlana Bazhenova, director of …», «the Association of Clusters,
Technoparks and SEZs of Russia (AC&T RF)». Names are capitalised runs; what kind of thing a
run names is read off its head word (Association, Fund, Ministry; Region, Oblast) or a given name.
Organisations come first: a given name inside one («the Vladimir Region Fund») is no person, and
a person's name is no place («President Vladimir Putin»).
"""
from __future__ import annotations

import bisect
import re

from ...model import Fact
from ..document import Document
from ..organisations import merge_organisations
from .organisations import organisations
from .people import people
from .places import places


def extract_names(doc: Document) -> list[Fact]:
    """Person, organisation and location facts of an English document."""
    orgs = organisations(doc)
    names = frozenset(name for o in orgs for name in (o.normal, *o.aliases))
    found_people = people(doc, [(m.start, m.end) for o in orgs for m in o.mentions], names)
    found_places = places(doc, [(m.start, m.end) for p in found_people for m in p.mentions],
                          [(m.start, m.end) for o in orgs for m in o.mentions], names)
    names_at = sorted((m.start, p) for p in found_people for m in p.mentions)
    kept = [o for o in orgs if not all(_inside_a_title(doc.text, m.start, m.end, names_at) for m in o.mentions)]
    return found_people + merge_organisations(kept) + found_places


# «… of the Russian Government and Minister of Industry and Trade Denis Manturov»: capitalised
# title words and their «of», «and», «the» up to the name
_TITLE_WORDS = re.compile(r"(?:\s+(?:[A-Z][\w&'’.-]*|of|for|and|the))*\s+")
_OF_BEFORE = re.compile(r"\bof\s+(?:the\s+)?$")
_TITLE_REACH = 150  # characters from a title's organisation to the name it stands before


def _inside_a_title(text: str, start: int, end: int, names_at: list[tuple[int, Fact]]) -> bool:
    """Is an organisation named only as a portfolio inside a person's title, after «of», with
    nothing but title words up to the name, and not the organisation of that person's role
    («Vice Chairman of the Russian Government Denis Manturov»)? The title is the role there,
    the body no fact of its own (`GOLD_FORMAT.md`: position kept whole). `names_at`: (start,
    person) of every mention of a person, sorted."""
    if not _OF_BEFORE.search(text, max(0, start - 12), start):
        return False
    name = text[start:end]
    first = bisect.bisect_right(names_at, end, key=lambda n: n[0])
    for at, person in names_at[first:bisect.bisect_left(names_at, end + _TITLE_REACH, key=lambda n: n[0])]:
        if person.attrs["organization"] != name and _TITLE_WORDS.fullmatch(text, end, at):
            return True
    return False
