"""Places as real news writes them: a region by its press name in any case, a city whose
streets are meant."""
from __future__ import annotations

import pytest

from clusterkb.extract.document import make_document
from clusterkb.extract.places import extract_places
from clusterkb.extract.spans import LOC, Span
from conftest import article, by_name, facts_of


def test_a_regions_press_name_in_another_case_is_the_region():
    places = by_name(facts_of("Проект поддержали власти Приангарья и Иркутской области.", "location"))
    assert list(places) == ["Иркутская область"]
    assert places["Иркутская область"].attrs["aliases"] == ["Приангарье"]


def test_the_streets_of_a_city_name_the_city():
    assert "Лондон" in by_name(facts_of("Ночью на улицы Лондона вывели патрули.", "location"))


def test_a_street_named_after_a_person_is_no_place():
    assert not facts_of("Офис находится на улице Ленина.", "location")


def test_a_road_named_by_its_head_after_it_is_no_place():
    text = "Склад построят у Восточного объезда и Озёрного шоссе под Тверью."
    assert list(by_name(facts_of(text, "location"))) == ["Тверь"]


def test_an_adjective_listed_after_a_named_district_shares_its_head():
    text = "Новые площадки появятся в Южном федеральном округе, Сибирском федеральном округе и Дальневосточном."
    assert set(by_name(facts_of(text, "location"))) == {
        "Южный федеральный округ", "Сибирский федеральный округ", "Дальневосточный федеральный округ"}


def test_a_region_adjective_and_another_adjective_before_a_noun_name_no_place():
    text = "Тверской индустриальный парк вошёл в число лучших в стране, сообщили в Москве."
    assert list(by_name(facts_of(text, "location"))) == ["Москва"]


def test_a_regions_initials_are_that_region_when_the_article_names_it():
    text = "Технопарк откроют в Республике Татарстан. Власти РТ выделят землю, а США пришлют станки."
    places = by_name(facts_of(text, "location"))
    assert set(places) == {"Республика Татарстан", "США"}
    assert "РТ" in places["Республика Татарстан"].attrs["aliases"]


def test_an_island_named_by_an_adjective_keeps_its_kind():
    text = "Новый кампус построят на острове Светлом, рядом с Владивостоком."
    assert set(by_name(facts_of(text, "location"))) == {"остров Светлый", "Владивосток"}


def test_a_district_said_without_its_middle_word_is_the_same_place():
    text = "Меньше всего парков в Южном федеральном округе. Власти Южного округа обещают субсидии."
    places = by_name(facts_of(text, "location"))
    assert list(places) == ["Южный федеральный округ"]
    assert places["Южный федеральный округ"].attrs["aliases"] == ["Южный округ"]


def test_places_listed_after_a_one_word_place_keep_their_own_names():
    text = "Заводы построили в Москве, Казани и Тверской области."
    assert set(by_name(facts_of(text, "location"))) == {"Москва", "Казань", "Тверская область"}


def test_a_place_of_the_table_named_with_an_organisation_noun_stays_a_place():
    text = "Договор с Советским Союзом подписали в 1956 году."
    assert not facts_of(text, "organization")
    assert "СССР" in by_name(facts_of(text, "location"))


def test_two_districts_sharing_a_plural_noun_are_each_named_whole():
    text = "Заводы построят в Цивильском и Батыревском районах республики."
    assert {"Цивильский район", "Батыревский район"} <= set(by_name(facts_of(text, "location")))


def test_a_line_of_tags_the_model_takes_for_one_place_is_no_place():
    """The model sometimes tags a whole line of site tags as one place; no place has six words."""
    line = "Иван Петров республика Мордовия Саранск Пресс-Служба"
    doc = make_document(article(line + "\nВ Саранске открыли технопарк."))
    assert not extract_places(doc, [Span(LOC, 0, len(line))])


@pytest.mark.parametrize("text, name", [
    ("Это единственная в СЗФО экономическая зона такого типа.", "Северо-Западный федеральный округ"),
    ("Полпред президента в ПФО приехал в Казань.", "Приволжский федеральный округ"),
])
def test_a_federal_district_by_its_initials(text, name):
    assert name in by_name(facts_of(text, "location"))


def test_a_place_inside_a_documents_quoted_title_is_no_place_of_the_article():
    text = ("Премьер подписал постановление «О создании на территории муниципального образования "
            "Озёрский район Тверской области особой экономической зоны». Зону построят к 2027 году.")
    assert "Озёрский район" not in by_name(facts_of(text, "location"))


def test_a_town_no_dictionary_knows_after_a_masculine_adjective_is_masculine():
    text = "Причал построят в Нижнем Бердяхе к 2027 году."
    assert "Нижний Бердях" in by_name(facts_of(text, "location"))
