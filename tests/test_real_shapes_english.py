"""English pages as real sites write them: given names beyond the first table, initials, a
lower-case kind of body around a name, places by «Republic of», teaser headlines in Title Case."""
from __future__ import annotations

import pytest

from conftest import by_name, facts_of


def english(text: str, kind: str) -> dict:
    return by_name(facts_of(text, kind, lang="en"))


@pytest.mark.parametrize("text, name", [
    ("According to Elvira Sokolova, the minister of economy, the zone will grow.", "Elvira Sokolova"),
    ("Marina G. Petrova, head of the cluster department, will speak first.", "Marina G. Petrova"),
])
def test_people(text, name):
    assert name in english(text, "person")


def test_a_given_name_is_no_place():
    text = "The plan was discussed at a meeting with President Vladimir Putin on Thursday."
    assert "Vladimir" not in english(text, "location")


@pytest.mark.parametrize("text, name", [
    ("The move by the Russian government aims to attract investors.", "Russian government"),
    ("Residents of the Alabuga special economic zone pay less tax.", "Alabuga special economic zone"),
    ('Two plants joined the special economic zone "Tolyatti" in May.', 'special economic zone "Tolyatti"'),
    ("The event was hosted by Technopark-Samara last week.", "Technopark-Samara"),
])
def test_organisations_around_a_lower_case_kind(text, name):
    assert name in english(text, "organization")


def test_coordinated_names_before_a_plural_kind_are_two_bodies():
    text = "The investor will build roads in the Zarya and Vostok industrial parks by the end of May."
    assert {"Zarya industrial park", "Vostok industrial park"} <= set(english(text, "organization"))


def test_a_currency_prefix_is_no_organisation():
    assert not english("Investment has reached almost $US 32 million this year.", "organization")


@pytest.mark.parametrize("text, name", [
    ("The session will be held in the Republic of Tatarstan in June.", "Republic of Tatarstan"),
    ("The conference in KAZAN gathered 300 delegates.", "Kazan"),
])
def test_places(text, name):
    assert name in english(text, "location")


def test_a_title_case_teaser_headline_names_no_organisation():
    text = ("The region opened two industrial parks this year.\n"
            "Local Developers Launched New Robot Company\n"
            "By clicking the button you agree to the terms.")
    assert not english(text, "organization")


def test_a_position_held_at_a_company_names_the_company():
    text = "Ivan Petrov, Chief Economist at Volga Capital, says the zones will grow."
    person = english(text, "person")["Ivan Petrov"].attrs
    assert (person["position"], person["organization"]) == ("Chief Economist", "Volga Capital")
    assert "Volga Capital" in english(text, "organization")
