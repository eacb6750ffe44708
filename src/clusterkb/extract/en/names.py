"""People, organisations and places in English articles, by rule: no model to download.

English news about Russian industry is written to a pattern: «Governor of the Omsk Region,
Vitaly Khotsenko», «Svetlana Bazhenova, director of …», «the Association of Clusters,
Technoparks and SEZs of Russia (AC&T RF)». Names are capitalised runs; what kind of thing a
run names is read off its head word (Association, Fund, Ministry; Region, Oblast) or a given name.
Organisations come first: a given name inside one («the Vladimir Region Fund») is no person, and
a person's name is no place («President Vladimir Putin»).
"""
from __future__ import annotations

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
                          [(m.start, m.end) for o in orgs for m in o.mentions])
    return found_people + merge_organisations(orgs) + found_places
