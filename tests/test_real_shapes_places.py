"""Places as real news writes them: a region by its press name in any case, a city whose
streets are meant."""
from __future__ import annotations

from conftest import by_name, facts_of


def test_a_regions_press_name_in_another_case_is_the_region():
    places = by_name(facts_of("Проект поддержали власти Приангарья и Иркутской области.", "location"))
    assert list(places) == ["Иркутская область"]
    assert places["Иркутская область"].attrs["aliases"] == ["Приангарье"]


def test_the_streets_of_a_city_name_the_city():
    assert "Лондон" in by_name(facts_of("Ночью на улицы Лондона вывели патрули.", "location"))


def test_a_street_named_after_a_person_is_no_place():
    assert not facts_of("Офис находится на улице Ленина.", "location")


def test_a_place_of_the_table_named_with_an_organisation_noun_stays_a_place():
    text = "Договор с Советским Союзом подписали в 1956 году."
    assert not facts_of(text, "organization")
    assert "СССР" in by_name(facts_of(text, "location"))
