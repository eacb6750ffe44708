"""The city and the outlet of a news-agency dateline, as facts of the article.

«МОСКВА, 29 авг /ПРАЙМ/.» dates the article (metadata, read by the boilerplate finder, which
leaves the dateline out of the text the extractors see) and names a place and a media outlet,
which are facts like any other: a location «Москва» and an organisation «ПРАЙМ». A name the
article also says elsewhere gains the dateline as one more mention of the same fact.
"""
from __future__ import annotations

from ..model import Fact
from ..read.metadata import parse_agency_dateline
from ..lang.normalize import fold, proper_case
from .document import Document


def with_dateline_names(doc: Document, named: list[Fact]) -> list[Fact]:
    """`named` with the city (a location) and outlet (an organisation) of each agency dateline
    the article's layout left out of its text: «НОВОСИБИРСК, 12 ноября. /ТАСС/.» → Новосибирск, ТАСС."""
    facts, text = list(named), doc.article.text
    for start, end in doc.article.excluded:
        line_end = text.find("\n", start)
        agency = parse_agency_dateline(text[start:line_end if line_end >= 0 else len(text)])
        if agency is None or agency.end != end - start:
            continue
        for kind, span in (("location", agency.city), ("organization", agency.outlet)):
            if span is not None:
                _add(doc, facts, kind, start + span[0], start + span[1])
    return facts


def _add(doc: Document, facts: list[Fact], kind: str, start: int, end: int) -> None:
    """A mention of a dateline name: on the fact of that name if there is one, else a new fact."""
    written = doc.article.text[start:end]
    name = _city_name(written) if kind == "location" else written
    mention = doc.mention(start, end)
    same = next((f for f in facts if f.kind == kind and fold(name) in _folded_names(f)), None)
    if same is None:
        facts.append(Fact(kind, {"name": name, "aliases": []}, [mention]))
    elif all((m.start, m.end) != (start, end) for m in same.mentions):
        same.mentions = sorted([*same.mentions, mention], key=lambda m: m.start)


def _city_name(written: str) -> str:
    """A dateline's city as a place name, capitals unshouted: «НИЖНИЙ НОВГОРОД» → «Нижний
    Новгород», "MOSCOW" → "Moscow"."""
    return " ".join(proper_case(w) for w in written.split()) if written.isupper() else written


def _folded_names(fact: Fact) -> set[str]:
    """The folded name and aliases of a named fact."""
    return {fold(n) for n in [fact.attrs.get("name") or "", *(fact.attrs.get("aliases") or [])]}
