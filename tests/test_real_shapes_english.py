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


@pytest.mark.parametrize("text, value", [
    ("The Vorsino park signed agreements with three investors on Jan. 15, 2024.", "2024-01-15"),
    ("The plant will open on Sept. 3, 2025, the company said.", "2025-09-03"),
])
def test_a_date_after_an_abbreviated_month_stays_in_its_sentence(text, value):
    """razdel ends a sentence at «Jan.»; the sentence goes on, so the date is whole."""
    assert value in {f.attrs["value"] for f in facts_of(text, "date", lang="en", published="2024-01-20")}


def test_a_sentence_goes_on_after_a_title_and_a_saint():
    """«Gov.», «Mr.» and «St.» end no sentence: the name after them is in the same sentence."""
    text = "A delegation from St. Petersburg met Gov. Vladislav Shapsha at the park."
    people, places = english(text, "person"), english(text, "location")
    assert "Vladislav Shapsha" in people and "Saint Petersburg" in places
    sentence = people["Vladislav Shapsha"].mentions[0].sentence
    assert sentence == text


def test_a_documents_number_sign_is_not_part_of_the_body_that_issued_it():
    text = "Parks must meet Resolution of the Government of the Russian Federation No. 512 of May 4, 2019."
    orgs = english(text, "organization")
    assert list(orgs) == ["Government of the Russian Federation"]
    assert orgs["Government of the Russian Federation"].attrs.get("canonical") == "Правительство Российской Федерации"


def test_a_name_whose_and_closes_a_list_stays_whole_and_the_person_after_it_is_a_person():
    text = ("A meeting was held between Oleg Somov, Director of the Union of Parks, Technoparks and Zones of "
            "Russia, and Vladimir Lukin, Deputy Governor of the Tver Region.")
    assert "Union of Parks, Technoparks and Zones of Russia" in english(text, "organization")
    people = english(text, "person")
    assert people["Oleg Somov"].attrs["organization"] == "Union of Parks, Technoparks and Zones of Russia"
    assert people["Vladimir Lukin"].attrs["position"] == "Deputy Governor of the Tver Region"
    assert "Vladimir" not in english(text, "location")


def test_a_minister_for_a_portfolio_is_a_position():
    text = "Oleg Somov, the Minister for Industry and Trade of the Tver Region, signed the order."
    assert english(text, "person")["Oleg Somov"].attrs["position"].startswith("Minister for Industry and Trade")


def test_an_advance_development_territory_after_its_name_is_an_organisation():
    text = "The first residents of the Zarechnaya advance-development territory in Yakutia started work."
    assert "Zarechnaya advance-development territory" in english(text, "organization")


@pytest.mark.parametrize("text, name", [
    ("Federal Government Backs Tver Region's Bid for a New Park\n\nThe region will get a loan.", "Tver Region"),
    ("Investors came to the Nizhny Novgorod Oblast in May.", "Nizhny Novgorod Oblast"),
])
def test_a_headline_verb_before_a_region_is_no_part_of_the_place(text, name):
    assert list(english(text, "location")) == [name]


def test_a_name_with_its_country_in_brackets_is_a_company():
    text = "The residents include Kessler (Germany) and Tovarna's project (Belarus) in the park."
    assert {"Kessler", "Tovarna"} <= set(english(text, "organization"))


def test_an_organisations_name_said_in_another_case_is_no_town():
    text = "MARS (the USA) opened a new line. In May, the plant that belongs to Mars was finished."
    assert "Mars" not in english(text, "location") and "MARS" in english(text, "organization")


def test_a_town_in_brackets_after_a_company_is_no_alias_of_it():
    orgs = english("The Uralmash-KTZ (Orsk) plant doubled its output.", "organization")
    assert all("Orsk" not in [f.attrs["name"], *f.attrs["aliases"]] for f in orgs.values())
    assert "Orsk" in english("The Uralmash-KTZ (Orsk) plant doubled its output.", "location")


def test_a_hyphenated_town_reads_back_part_by_part():
    text = "Two industrial parks from Obninsk and Yuzhno-Sakhalinsk joined the association."
    assert {"Obninsk", "Yuzhno-Sakhalinsk"} <= set(english(text, "location"))


@pytest.mark.parametrize("text", [
    "The parks were shown at the exhibition ITPS 2014 in Moscow.",  # an event of its year
    "They plan a joint Russian-Kazakh industrial park near the border.",  # nationalities describe the park
])
def test_an_event_of_a_year_or_a_kind_of_park_by_nationality_is_no_organisation(text):
    assert not english(text, "organization")


@pytest.mark.parametrize("text, names", [
    ("The first parks in the registry are the industrial parks of Tver Region, namely, Zarya, Vostok and Tver - Sever.",
     {"Zarya", "Vostok", "Tver - Sever"}),
    ("The region has two technoparks: Idea and Kvant.", {"Idea", "Kvant"}),
])
def test_names_listed_after_a_plural_kind_and_namely_are_bodies(text, names):
    assert names <= set(english(text, "organization"))


def test_regions_listed_after_a_plural_kind_stay_places():
    text = "There are industrial parks in two regions: Tatarstan and Bashkortostan."
    assert not english(text, "organization")
