"""Locations: nominative names, several names of one place merged."""
from __future__ import annotations

import pytest

from clusterkb.lang.normalize import nominative_phrase
from conftest import by_name, facts_of


def test_places_in_the_nominative_and_russia_once():
    text = ("В Тюменской области и в Тобольске растёт производство. "
            "Компании России и предприятия Российской Федерации, а также РФ в целом.")
    places = by_name(facts_of(text, "location"))
    assert {"Тюменская область", "Тобольск", "Россия"} <= set(places)
    assert {"Российская Федерация", "РФ"} <= set(places["Россия"].attrs["aliases"])


def test_a_surname_tagged_as_place_is_not_a_place():
    text = "Омский губернатор Хоценко поставил задачи."
    assert "Хоценко" not in by_name(facts_of(text, "location"))


def test_a_place_in_capitals_gets_proper_case():
    text = "КАЛУГА, 14 марта. В регионе открылся новый индустриальный парк."
    assert "Калуга" in by_name(facts_of(text, "location"))


def test_hyphenated_city_names_in_the_nominative():
    text = "Новый завод построят в Каменске-Уральском, а склад — в Ростове-на-Дону."
    assert {"Каменск-Уральский", "Ростов-на-Дону"} <= set(by_name(facts_of(text, "location")))


@pytest.mark.parametrize("said, name", [
    # the dictionary reads the place whole; its first part alone is no place, or does not decline
    ("Санкт-Петербурге", "Санкт-Петербург"), ("Южно-Сахалинске", "Южно-Сахалинск"),
    ("Йошкар-Оле", "Йошкар-Ола"), ("Орехово-Зуеве", "Орехово-Зуево"),
    # a hyphenated adjective before the noun it qualifies declines with it
    ("Ханты-Мансийском автономном округе", "Ханты-Мансийский автономный округ"),
    ("Слободо-Туринского муниципального района", "Слободо-Туринский муниципальный район"),
])
def test_a_hyphenated_place_is_named_in_the_nominative(said, name):
    assert nominative_phrase(said) == name


def test_a_region_called_by_its_other_name_is_one_place():
    text = "Инвесторы Кубани вложили средства в экономику Краснодарского края."
    places = by_name(facts_of(text, "location"))
    assert list(places) == ["Краснодарский край"]
    assert "Кубань" in places["Краснодарский край"].attrs["aliases"]


def test_a_street_is_not_a_place():
    text = "Технопарк расположен в Самаре на ул. Молодогвардейской, рядом с набережной Волги."
    assert "Молодогвардейской" not in " ".join(by_name(facts_of(text, "location")))


def test_places_listed_before_one_plural_noun_each_take_it():
    text = "Кредиты получат проекты в Курской, Тамбовской, Брянской и Орловской областях."
    assert {"Курская область", "Тамбовская область", "Брянская область", "Орловская область"} \
        <= set(by_name(facts_of(text, "location")))


@pytest.mark.parametrize("text", [
    "Калужским предприятиям одобрили кредиты.",
    "Резиденты получат льготы Тверской особой экономической зоны.",
    "Кипрское правительство одобрило план.",
])
def test_a_place_adjective_qualifying_the_next_word_names_no_place(text):
    assert not facts_of(text, "location")


def test_a_place_adjective_before_a_kind_of_place_is_a_place():
    assert "Тверская область" in by_name(facts_of("Новый парк открыли в Тверской области.", "location"))
