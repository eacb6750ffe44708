"""Curated tables shipped as data: federal bodies, places with several names, given names.

Small and explicit on purpose: they hold what no model here knows (that «Кабинет министров»
and «Russian Government» are one body), and they are data, not code.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .normalize import fold
from .tables import load as _load

_COUNTRY_SUFFIX = re.compile(r"\s+(?:рф|rf|россии|российской федерации|russia|of russia|of the russian federation)$")


def strip_country(key: str) -> str:
    """«акит рф» → «акит»: a trailing «РФ»/«России» does not change which body is meant."""
    return _COUNTRY_SUFFIX.sub("", key)


@lru_cache(maxsize=4)
def _canonical_names(file: str, key: str) -> dict[str, str]:
    """Folded form → canonical name, for a table of {"name", "aliases"} entries."""
    index: dict[str, str] = {}
    for entry in _load(file)[key]:
        for form in [entry["name"], *entry["aliases"]]:
            index.setdefault(fold(form), entry["name"])
    return index


_COUNTRY_FORMS = (" российской федерации", " россии", " рф")


def federal_body(name: str) -> str | None:
    """Canonical name of a federal body said in any of its known forms, or None. The country
    after a name may be said any way: «Министерство экономического развития РФ» is the
    table's «… Российской Федерации» (a name said without one is looked up as said)."""
    names, key = _canonical_names("federal_bodies.json", "bodies"), fold(name)
    base = strip_country(key)
    forms = [key] + ([base + country for country in _COUNTRY_FORMS] if base != key else [])
    return next((names[f] for f in forms if f in names), None)


def union_of_states(name: str) -> str | None:
    """Canonical name of a union of states said in any of its known forms («ЕС» → «Европейский
    союз»), or None: an organisation the model takes for a place."""
    return _canonical_names("unions_of_states.json", "unions").get(fold(name))


@lru_cache(maxsize=1)
def federal_body_forms() -> list[str]:
    """Every Russian form of the federal bodies, longest first (for searching the text)."""
    forms = {f for body in _load("federal_bodies.json")["bodies"] for f in [body["name"], *body["aliases"]]
             if re.search("[а-яё]", f, re.I)}
    return sorted(forms, key=len, reverse=True)


def place(name: str) -> str | None:
    """Canonical name of a place with several names («РФ» → «Россия»), or None."""
    return _canonical_names("places.json", "places").get(fold(name))


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Given names as English text writes them."""
    return frozenset(_load("given_names.json")["names"])


@lru_cache(maxsize=1)
def english_organisation_forms() -> dict[str, str]:
    """Latin-script forms of the bodies English text names without a head word → their canonical
    name: federal bodies («Minpromtorg» → «Министерство промышленности и торговли…») and the
    well-known organisations of `data/known_organisations.json` («Sber» → «Sberbank»)."""
    forms = {f: body["name"] for body in _load("federal_bodies.json")["bodies"]
             for f in [body["name"], *body["aliases"]] if not re.search("[а-яё]", f, re.I)}
    for org in _load("known_organisations.json")["organisations"]:
        forms.update((f, org["name"]) for f in [org["name"], *org["aliases"]])
    return forms


def english_words() -> dict:
    """The English extractors' word lists (`data/english.json`): head words of organisations and
    places, positions, months, weekdays, function words… «english_words()["place_heads"]» →
    ["Region", "Oblast", …]."""
    return _load("english.json")


@lru_cache(maxsize=1)
def _english_places() -> dict[str, str]:
    """Canonical place → its first English (Latin-script) name in the table."""
    out = {}
    for place in _load("places.json")["places"]:
        latin = [a for a in place["aliases"] if not re.search("[а-яё]", a, re.I)]
        if latin:
            out[fold(place["name"])] = latin[0]
    return out


def english_place(name: str) -> str | None:
    """English name of a place from the table («Россия» → «Russia»), or None."""
    return _english_places().get(fold(name))


def english_place_forms() -> list[str]:
    """Every Latin-script form of the places in the table."""
    return [a for place in _load("places.json")["places"] for a in place["aliases"]
            if not re.search("[а-яё]", a, re.I)]


@lru_cache(maxsize=1)
def generic_abbreviations() -> frozenset[str]:
    """Abbreviations that name a kind of thing, not one body («МСП», «ОЭЗ», «НДС»)."""
    return frozenset(_load("generic_abbreviations.json")["abbreviations"])


@lru_cache(maxsize=1)
def org_types() -> frozenset[str]:
    """Type nouns of organisations: «компания», «фонд», «технопарк», …"""
    return frozenset(_load("org_types.json")["types"])


@lru_cache(maxsize=1)
def government_heads() -> frozenset[str]:
    """Head nouns of government bodies: «правительство», «министерство», «минпром», …"""
    return frozenset(_load("org_types.json")["government_heads"])


@lru_cache(maxsize=1)
def bare_types() -> frozenset[str]:
    """Forms that alone mean one body inside their article only: «Фонд», «Минпром»."""
    return org_types() | government_heads()


def currency_symbol(code: str) -> str:
    """How a table writes a currency: «RUB» → «₽», a code not in the table as itself."""
    return _load("currency_symbols.json")["symbols"].get(code, code)


def money_nouns() -> frozenset[str]:
    """Lemmas of Russian nouns that are sums of money by themselves («инвестиция», «субсидия»)."""
    return frozenset(_load("money_nouns.json")["nouns"])


@lru_cache(maxsize=1)
def number_idioms() -> frozenset[tuple[int, str]]:
    """(value, head lemma) of set phrases whose number word counts nothing («одного окна»)."""
    return frozenset((value, head) for value, head in _load("number_idioms.json")["idioms"])


@lru_cache(maxsize=1)
def place_kinds() -> frozenset[str]:
    """Lemmas of nouns naming a kind of place: «область», «край», «район», …"""
    return frozenset(_load("place_kinds.json")["kinds"])


@lru_cache(maxsize=1)
def kinds_named_before() -> frozenset[str]:
    """Kinds of place said before an adjective that names one: «остров» of «остров Светлый»."""
    return frozenset(_load("place_kinds.json")["named_before"])


@lru_cache(maxsize=1)
def regional_kinds() -> frozenset[str]:
    """Kinds of body a region names by field and region in lower case: «кластер»."""
    return frozenset(_load("regional_kinds.json")["kinds"])


@lru_cache(maxsize=1)
def press_units() -> tuple[str, ...]:
    """Press services and centres, which speak for a body: «пресс-служба», «пресс-центр», …"""
    return tuple(_load("press_units.json")["units"])


_NEUTER_ENDINGS = re.compile(r"ь(?:я|ю|ем|и)$")


def place_nominative(name: str) -> str | None:
    """«Приангарья», «Оренбуржьем» → «Приангарье»: a one-word place of the table in -ье the
    dictionary does not know, said in another case; None when the table has no such place."""
    nominative = _NEUTER_ENDINGS.sub("ье", name)
    return nominative if " " not in name and nominative != name and place(nominative) else None
