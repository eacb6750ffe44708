"""People as real news writes them: foreign names, particles, neighbours that are two people,
and a surname the model only sees as a person in its paragraph's context."""
from __future__ import annotations

import pytest

from clusterkb.lang.normalize import person_name
from conftest import by_name, facts_of


def test_a_surname_alone_is_read_in_its_paragraph():
    """Read sentence by sentence, the model misses «Путин» here; in its paragraph it does not."""
    text = ("Визит продлится два дня. Делегацию возглавляют Сергей Собянин и Антон Силуанов. "
            "Путин также посетит технопарк в Минске.")
    assert "Путин" in by_name(facts_of(text, "person"))


@pytest.mark.parametrize("text, name", [
    ("На саммите Китай представлял председатель КНР Ху Цзиньтао.", "Ху Цзиньтао"),  # in no dictionary
    ("Финал судил бельгиец Франк де Блекере.", "Франк де Блекере"),  # a particle inside
    ("Делегацию возглавила Аун Сан Су Чжи, лидер оппозиции Мьянмы.", "Аун Сан Су Чжи"),  # four words
    ("Как сообщил А. Кудрин, бюджет примут в срок.", "А. Кудрин"),  # «А» is no conjunction here
    ("Всё-таки Проди победил на выборах в Италии.", "Проди"),  # the particle is no part of the name
])
def test_a_person_the_model_finds_is_kept_whole(text, name):
    assert name in by_name(facts_of(text, "person"))


def test_a_surname_that_is_a_common_word_opening_a_sentence_is_the_person_named_before():
    text = "Концерт в Омске дал Василий Шумов. Шумов первым в стране стал писать электронную музыку."
    assert [m.text for m in by_name(facts_of(text, "person"))["Василий Шумов"].mentions] == ["Василий Шумов", "Шумов"]


def test_a_name_followed_by_a_bracket_is_not_joined_with_the_name_inside():
    people = by_name(facts_of("Голы: 12:05 Бернс (Рой, Грин), 15:40 Кейн.", "person"))
    assert {"Бернс", "Рой", "Грин", "Кейн"} <= set(people)


def test_a_surname_shaped_word_after_a_preposition_of_place_stays_a_place():
    text = "Через неделю после стрельбы в Тусоне конгресс собрался снова."
    assert not facts_of(text, "person")
    assert len(facts_of(text, "location")) == 1


@pytest.mark.parametrize("said, first, last", [
    ("Урсулы фон дер Ляйен", "Урсула", "фон дер Ляйен"),
    ("Мохаммеда аль-Барадеи", "Мохаммед", "аль-Барадеи"),
    ("Франк Де Блекере", "Франк", "де Блекере"),
])
def test_a_foreign_name_keeps_its_surname_whole(said, first, last):
    name = person_name(said)
    assert (name.first, name.middle, name.last) == (first, None, last)


def test_a_day_of_a_date_widget_is_no_person():
    text = "3 Марта 2024г, Пятница€ — 98.20,  $ — 90.10 скачать приложение\nВ Омске открыли технопарк."
    assert not facts_of(text, "person")


def test_a_name_with_its_original_spelling_in_brackets_is_one_person_said_twice():
    text = "Об аресте журналиста Джошуа Вольфа (Joshua Wolf) сообщил комитет защиты журналистов."
    people = facts_of(text, "person")
    assert len(people) == 1
    assert [m.text for m in people[0].mentions] == ["Джошуа Вольфа", "Joshua Wolf"]


def test_a_list_of_surnames_is_several_people():
    people = by_name(facts_of("Передачи отдали Овечкин, Фёдоров и Семин.", "person"))
    assert {"Овечкин", "Фёдоров", "Семин"} <= set(people)


@pytest.mark.parametrize("text", [
    "Промпарк «Липецк» получит около 30 млн рублей субсидий",  # a kind of body before its name
    # an adjective no dictionary knows, agreeing with its noun
    "Парк создадут вокруг производства строительных материалов в «Альфацеолит» и знаменитой Тулундяйской соли.",
])
def test_a_kind_of_body_or_an_unknown_adjective_alone_is_no_person(text):
    assert not facts_of(text, "person")


def test_a_lone_surname_like_an_adjective_stays_a_person():
    assert "Ковальская" in by_name(facts_of("Глава региона Ковальская заявила о планах.", "person"))
