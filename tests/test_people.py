"""People: nominative names from any case, roles from appositions, no credits or bylines."""
from __future__ import annotations

import pytest

from clusterkb.lang.normalize import person_name
from conftest import by_name, facts_of


@pytest.mark.parametrize("said, first, middle, last", [
    ("Андрея ШПИЛЕНКО", "Андрей", None, "Шпиленко"),
    ("Абдурахмановой Натальи Петровны", "Наталья", "Петровна", "Абдурахманова"),
    ("Василием Ковалевым", "Василий", None, "Ковалев"),
    ("Марией Ивановой", "Мария", None, "Иванова"),
    ("Германа Прочного", "Герман", None, "Прочный"),
    ("Сергея Сергеевича Петрова", "Сергей", "Сергеевич", "Петров"),
    ("Ирине Кольцовой", "Ирина", None, "Кольцова"),
    ("Виктора Тестова", "Виктор", None, "Тестов"),  # the dictionary knows «Тестова» only as a village
    ("Марии Тестовой", "Мария", None, "Тестова"),
    ("Анну Петровскую", "Анна", None, "Петровская"),
    ("Анне Сергеевне Ковригиной", "Анна", "Сергеевна", "Ковригина"),  # not the indeclinable «Анне»
    ("Хоценко", None, None, "Хоценко"),
    ("Алихановым", None, None, "Алиханов"),
    # a man's surname ending in a consonant declines: left bare, it is a woman's («Анжела», not «Анжел»)
    ("Анжела Коваль", "Анжела", None, "Коваль"),
    ("Анжелу Коваль", "Анжела", None, "Коваль"),
    ("Андрея Коваля", "Андрей", None, "Коваль"),
])
def test_person_name_is_nominative_and_properly_cased(said, first, middle, last):
    name = person_name(said)
    assert (name.first, name.middle, name.last) == (first, middle, last)


def test_full_name_and_role_from_appositions():
    text = ("Губернатор Новосибирской области Андрей Травников провёл встречу с генеральным директором "
            "АО «Сибирский станкостроительный завод» Ириной Кольцовой.\n"
            "Травников отметил, что завод получит новые заказы.")
    people = by_name(facts_of(text, "person"))
    assert set(people) == {"Андрей Травников", "Ирина Кольцова"}
    assert people["Андрей Травников"].attrs["position"] == "губернатор Новосибирской области"
    assert len(people["Андрей Травников"].mentions) == 2  # the surname-only mention joined
    kol = people["Ирина Кольцова"].attrs
    assert kol["position"] == "генеральный директор"
    assert kol["organization"] == "АО «Сибирский станкостроительный завод»"


def test_role_in_genitive_is_put_in_the_nominative():
    text = ("Совещание прошло под руководством заместителя председателя правительства Томской области "
            "Игоря Шатурного.")
    person = facts_of(text, "person")[0].attrs
    assert person["name"] == "Игорь Шатурный"
    assert person["position"].startswith("заместитель председателя")
    assert person["organization"] == "правительство Томской области"


def test_role_after_the_name():
    text = "«Мы готовы к запуску», — сказал Олег Смирнов, директор технопарка «Академпарк»."
    person = by_name(facts_of(text, "person"))["Олег Смирнов"].attrs
    assert person["position"] == "директор"
    assert person["organization"] == "технопарк «Академпарк»"


def test_photo_credits_and_hashtags_are_not_people():
    text = ("Фото: Сергей Мельников\n"
            "В Томске открыли новый технопарк, рассказал министр экономики региона Павел Иванов.\n"
            "#Томск #Ольга Смирнова")
    assert [f.attrs["name"] for f in facts_of(text, "person")] == ["Павел Иванов"]


def test_surname_first_order():
    text = "Благодарность вручили Абдурахмановой Наталье Петровне, директору колледжа."
    person = facts_of(text, "person")[0].attrs
    assert person["name"] == "Наталья Петровна Абдурахманова"


def test_a_bare_kind_of_body_is_part_of_the_position_not_an_organisation():
    text = "«Спрос на займы растёт», — отметил директор фонда Андрей Соколов."
    person = facts_of(text, "person")[0].attrs
    assert person["position"] == "директор фонда"
    assert person["organization"] is None


def test_one_person_said_in_two_cases_is_one_fact():
    text = ("Министр промышленности Свердловской области Виктор Тестов провёл совещание.\n"
            "По словам Виктора Тестова, кластер появится в этом году.")
    people = facts_of(text, "person")
    assert [p.attrs["name"] for p in people] == ["Виктор Тестов"]
    assert len(people[0].mentions) == 2


def test_a_surname_in_capitals_before_the_name():
    text = "Министр экономики Курской области ЛЕБЕДЕВ Олег Петрович отметил рост."
    person = facts_of(text, "person")[0].attrs
    assert person["name"] == "Олег Петрович Лебедев"
    assert person["position"] == "министр экономики Курской области"


def test_capitalised_position_opening_the_sentence_and_adjectives_of_the_body():
    text = ("Генеральный директор АО «Томскнефтехим» Олег Бурцев выступил первым. "
            "Позже слово взял глава регионального минпромторга Павел Юдин.")
    people = by_name(facts_of(text, "person"))
    assert people["Олег Бурцев"].attrs["position"] == "генеральный директор"
    assert people["Павел Юдин"].attrs["position"] == "глава"
    assert people["Павел Юдин"].attrs["organization"] == "региональный минпромторг"


def test_a_bare_kind_of_body_resolves_to_the_one_such_body_of_the_article():
    text = ("В технопарке «Синергия» открылись новые цеха. "
            "Директор технопарка Илья Громов рассказал о планах.")
    person = facts_of(text, "person")[0].attrs
    assert (person["position"], person["organization"]) == ("директор", "технопарк «Синергия»")


def test_initials_before_or_after_the_surname():
    text = ("Проект представил ректор П. И. Ларионов. Договор подписала генеральный директор "
            "ООО «Вектор» Гусейнова Л.Р. Позже Ларионов ответил на вопросы.")
    people = by_name(facts_of(text, "person"))
    assert {"П. И. Ларионов", "Л. Р. Гусейнова"} <= set(people)
    assert len(people["П. И. Ларионов"].mentions) == 2


def test_a_name_in_capitals_in_the_genitive_and_an_acting_position():
    text = ("По словам директора завода ВИКТОРА САМОЙЛЕНКО, станки уже отгружены. "
            "Решение одобрил и.о. министра экономики Тверской области Павел Орлов.")
    people = by_name(facts_of(text, "person"))
    assert "Виктор Самойленко" in people
    assert people["Павел Орлов"].attrs["position"].startswith("и.о. министра экономики")
