"""People, organisations and places in Russian articles: Natasha's NER spans, repaired and
completed by rule (`spans.py`), then each kind read by its module (`people.py`,
`organisations.py`, `places.py`), and bare organisation words of a role («директор фонда»)
resolved to the organisation the article names (`roles.py`).
"""
from __future__ import annotations

from ...model import Fact
from ..document import Document
from ..organisations import extract_organisations, with_rule_organisations
from ..people import extract_people
from ..places import extract_places
from ..roles import resolve_bare_organisations
from ..spans import find_spans


def extract_names(doc: Document) -> list[Fact]:
    """Person, organisation and location facts of a Russian document."""
    spans = with_rule_organisations(doc, find_spans(doc))
    people, orgs = extract_people(doc, spans), extract_organisations(doc, spans)
    resolve_bare_organisations(people, orgs)
    return people + orgs + extract_places(doc, spans)
