"""Curated tables shipped as data: federal bodies, renamed bodies, places with several names,
given names.

Small and explicit on purpose: they hold what no model here knows (that «Кабинет министров»
and «Russian Government» are one body), and they are data, not code.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .normalize import fold
from .tables import load as _load, words

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


def federal_body(name: str) -> str | None:
    """Canonical name of a federal body said in any of its known forms, or None. A form of the
    table with its country said another way is the same body: «Министерство экономического
    развития РФ» and «… России» are «… Российской Федерации»; a form without any country is only
    what the table lists («Правительство» alone is any region's)."""
    return _lookup("federal", name)


def _index(table: str) -> dict[str, str]:
    return _canonical_names("federal_bodies.json", "bodies") if table == "federal" else _renamed_index()


@lru_cache(maxsize=2)
def _country_free(table: str) -> dict[str, str]:
    """A table's forms that name the country, without it: «правительство» (from «Правительство
    России») → «Правительство Российской Федерации»."""
    return {strip_country(key): body for key, body in _index(table).items() if strip_country(key) != key}


# «федеральный», «федерального», …: said before a federal body's form, it says which body is meant
FEDERAL_ADJECTIVE = r"[Фф]едеральн[а-яё]{1,3}"
FEDERAL_LEAD = re.compile(rf"^{FEDERAL_ADJECTIVE}\s+")


def _lookup(table: str, name: str) -> str | None:
    """A table's name for a form, said as the table says it or with the country said otherwise;
    a federal body's form also with «федеральный» before it («федеральный ФРП»)."""
    key = fold(name)
    found = _index(table).get(key)
    if found is None and table == "federal" and FEDERAL_LEAD.match(key):
        found = _index(table).get(FEDERAL_LEAD.sub("", key))
    if found is None and strip_country(key) != key:
        found = _country_free(table).get(strip_country(key))
    return found


_COUNTRY_WORDS = ("РФ", "России", "Российской Федерации")


def union_of_states(name: str) -> str | None:
    """Canonical name of a union of states said in any of its known forms («ЕС» → «Европейский
    союз»), or None: an organisation the model takes for a place."""
    return _canonical_names("unions_of_states.json", "unions").get(fold(name))


@lru_cache(maxsize=1)
def federal_body_forms() -> list[str]:
    """Every Russian form of the federal bodies, with the country said each way, longest first
    (for searching the text)."""
    forms = {f for body in _load("federal_bodies.json")["bodies"] for f in [body["name"], *body["aliases"]]
             if re.search("[а-яё]", f, re.I)}
    for form in list(forms):
        bare = _COUNTRY_SUFFIX.sub("", form.lower())
        if bare != form.lower():
            forms |= {f"{form[:len(bare)]} {country}" for country in _COUNTRY_WORDS}
    return sorted(forms, key=len, reverse=True)


@lru_cache(maxsize=1)
def _renamed_index() -> dict[str, str]:
    """Folded current or former name → the current name."""
    index: dict[str, str] = {}
    for body in _load("renamed_bodies.json")["bodies"]:
        for form in [body["name"], *body["formerly"]]:
            index.setdefault(fold(form), body["name"])
    return index


def current_name(name: str) -> str | None:
    """The name a renamed body goes by now, for its current or any former name: «Ассоциация
    кластеров и технопарков России» → «Ассоциация кластеров, технопарков и ОЭЗ России»; None
    for a body the table of renamed bodies does not hold."""
    return _lookup("renamed", name)


def place(name: str) -> str | None:
    """Canonical name of a place with several names («РФ» → «Россия»), or None."""
    return _canonical_names("places.json", "places").get(fold(name))


def given_names() -> frozenset[str]:
    """Given names as English text writes them."""
    return words("given_names.json", "names")


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


def generic_abbreviations() -> frozenset[str]:
    """Abbreviations that name a kind of thing, not one body («МСП», «ОЭЗ», «НДС»)."""
    return words("generic_abbreviations.json", "abbreviations")


def org_types() -> frozenset[str]:
    """Type nouns of organisations: «компания», «фонд», «технопарк», …"""
    return words("org_types.json", "types")


def government_heads() -> frozenset[str]:
    """Head nouns of government bodies: «правительство», «министерство», «минпром», …"""
    return words("org_types.json", "government_heads")


@lru_cache(maxsize=1)
def bare_types() -> frozenset[str]:
    """Forms that alone mean one body inside their article only: «Фонд», «Минпром»."""
    return org_types() | government_heads()


@lru_cache(maxsize=1)
def _categories() -> dict[str, str]:
    return {word: category for category, words in _load("org_types.json")["categories"].items() for word in words}


def org_category(type_word: str) -> str | None:
    """«парк» → «site», «АО» → «company»: what kind of body a type word before a quoted name
    makes it (None: the word does not say)."""
    return _categories().get(fold(type_word))


def kind_category(kind_words: list[str]) -> str | None:
    """The category of the kind said before a quoted name: by the initials of its last words
    when they spell a kind («особая экономическая зона» → «ОЭЗ»: a special economic zone, not
    the site «промышленная зона»), else by its last word («индустриальный парк» → «site»)."""
    folded = [fold(w) for w in kind_words if w]
    for n in range(len(folded), 1, -1):
        if category := _categories().get("".join(w[0] for w in folded[-n:])):
            return category
    return _categories().get(folded[-1]) if folded else None


def is_site_word(type_word: str) -> bool:
    """«парк», «ОЭЗ», «ТОР»: a type word of a kind of site (every category but a company)."""
    return org_category(type_word) not in (None, "company")


@lru_cache(maxsize=50_000)
def is_bare_type(form: str) -> bool:
    """«Фонд», «министерство», «Минэкономразвития» alone: a form that names a body only inside
    its article, by the article's own antecedent."""
    return fold(form) in bare_types()


def currency_symbol(code: str) -> str:
    """How a table writes a currency: «RUB» → «₽», a code not in the table as itself."""
    return _load("currency_symbols.json")["symbols"].get(code, code)


def money_nouns() -> frozenset[str]:
    """Lemmas of Russian nouns that are sums of money by themselves («инвестиция», «субсидия»)."""
    return words("money_nouns.json", "nouns")


@lru_cache(maxsize=1)
def number_idioms() -> frozenset[tuple[int, str]]:
    """(value, head lemma) of set phrases whose number word counts nothing («одного окна»)."""
    return frozenset((value, head) for value, head in _load("number_idioms.json")["idioms"])


def place_kinds() -> frozenset[str]:
    """Lemmas of nouns naming a kind of place: «область», «край», «район», …"""
    return words("place_kinds.json", "kinds")


def kinds_named_before() -> frozenset[str]:
    """Kinds of place said before an adjective that names one: «остров» of «остров Светлый»."""
    return words("place_kinds.json", "named_before")


def regional_kinds() -> frozenset[str]:
    """Kinds of body a region names by field and region in lower case: «кластер»."""
    return words("regional_kinds.json", "kinds")


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
