"""Counts as real news writes them: ordinals that look like counts («занял 4 место»), the noun of
the nearest «число …» phrase, open bounds («24 и более резидентов»), and page furniture that
counts nothing (a reading-time line). Sentences are our own."""
from __future__ import annotations

import pytest

from clusterkb.read.articles import article_from_text
from clusterkb.model import Article
from clusterkb.extract import extract_article
from clusterkb.extract.counts import extract_counts
from clusterkb.extract.document import make_document


def _counts(text: str, lang: str = "ru") -> list[tuple]:
    doc = make_document(Article(id="t", path="t.txt", text=text, published="2024-03-15", lang=lang))
    return [(f.attrs["value"], f.attrs["unit"]) for f in extract_counts(doc)]


@pytest.mark.parametrize("text, expected", [
    ("По этому показателю область заняла 4 место.", []),
    ("Парк вошел в рейтинг и занял 12 место из 30 мест.", [(30, "место")]),
    ("В парке 4 места для новых резидентов.", [(4, "место")]),
    ("Заявки подали 21 компания и 5 институтов.", [(21, "компания"), (5, "институт")]),
])
def test_digits_before_a_nominative_singular_are_an_ordinal(text, expected):
    assert _counts(text) == expected


def test_a_bare_number_counts_the_noun_of_the_nearest_number_phrase():
    text = ("Число резидентов парков выросло со 130 до 146, а количество рабочих мест "
            "составляет более 1200.")
    assert _counts(text) == [(130, "резидент"), (146, "резидент"), (1200, "рабочее место")]


@pytest.mark.parametrize("text, lang, expected", [
    ("Площадка рассчитана на 24 и более резидентов.", "ru", [(24, "резидент")]),
    ("The site is built for 20 or more firms.", "en", [(20, "firm")]),
])
def test_an_open_bound_between_the_number_and_its_noun(text, lang, expected):
    assert _counts(text, lang) == expected


def test_a_reading_time_line_counts_nothing():
    text = ("В Твери открыли технопарк\n3 марта 2023\n1 мин.\n"
            "В Твери открыли технопарк, в нем разместятся 12 компаний.\n")
    facts = extract_article(article_from_text(text, "t.txt")).facts
    assert [(f.attrs["value"], f.attrs["unit"]) for f in facts if f.kind == "count"] == [(12, "компания")]


@pytest.mark.parametrize("text, expected", [
    ("В парке разместятся до 12-ти резидентов.", [(12, "резидент")]),
    ("Соглашение подписали представители 2-х компаний.", [(2, "компания")]),
    ("Площадь участков составит 30−60 га.", [(30, "гектар"), (60, "гектар")]),
    ("Площадь цеха — 3’500 м².", [(3500, "квадратный метр")]),
    ("Это 5-й парк региона и 2-я очередь.", []),
])
def test_digits_as_real_pages_print_them(text, expected):
    assert _counts(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Центр работает по принципу одного окна.", []),
    ("В цехе одно окно и 2 окна во двор.", [(2, "окно")]),
])
def test_a_set_phrase_with_a_number_word_counts_nothing(text, expected):
    assert _counts(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Число резидентов на двух площадках выросло до 18.", [(2, "площадка"), (18, "резидент")]),
    ("Число парков выросло до 12, в них работают 300 компаний, и еще 20.",
     [(12, "парк"), (300, "компания"), (20, "компания")]),
    ("В регионе работают технопарки (их более 40).", [(40, "технопарк")]),
])
def test_an_elided_noun_is_the_thing_counted_not_a_circumstance(text, expected):
    assert _counts(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Область вошла в ТОП-5 регионов.", [(5, "регион")]),
    ("Парк вошел в ТОП-5.", []),
    ("За полгода область вошла в ТОП-5.", [(0.5, "год")]),
    ("Регион вошел в четверку лидеров.", [(4, "лидер")]),
    ("Область вошла в пятерку регионов-лидеров.", [(5, "регион-лидер")]),
    ("Десятки компаний подали заявки.", []),
    ("За полгода парк принял резидентов.", [(0.5, "год")]),
    ("Политика и полиция, поле и полка.", []),
])
def test_ratings_groups_and_halves_count(text, expected):
    assert _counts(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Еще 13 предприятий станут резидентами. Сразу 13 новых предприятий подали заявки.",
     [(13, "предприятие", ["13 предприятий", "13 новых предприятий"])]),
    ("В реестре 9 региональных кластеров и 9 межрегиональных кластеров.",
     [(9, "региональный кластер", ["9 региональных кластеров"]),
      (9, "межрегиональный кластер", ["9 межрегиональных кластеров"])]),
])
def test_a_count_said_again_with_an_adjective_is_one_fact(text, expected):
    doc = make_document(Article(id="t", path="t.txt", text=text, published="2024-03-15", lang="ru"))
    assert [(f.attrs["value"], f.attrs["unit"], [m.text for m in f.mentions]) for f in extract_counts(doc)] == expected


@pytest.mark.parametrize("text, expected", [
    ("В парке работают 24 резидента, запустивших 4 предприятия. Еще 10 уже возводятся.",
     [(24, "резидент"), (4, "предприятие"), (10, "предприятие")]),
    ("Открыто 5 парков, еще 3 строятся.", [(5, "парк"), (3, "парк")]),
    ("В 2023 году открыли 5 парков. Еще 2 млн рублей выделит фонд.", [(5, "парк")]),
])
def test_another_n_adds_to_the_count_before(text, expected):
    assert _counts(text) == expected


@pytest.mark.parametrize("text", ["Revenue grew by 15 per cent.", "Revenue grew by 15 percent."])
def test_english_percent_in_words(text):
    assert _counts(text, "en") == [(15, "percent")]


@pytest.mark.parametrize("text, expected", [
    ("Общая площадь – 33,2 га, резидентов – 12.", [(33.2, "гектар"), (12, "резидент")]),
    ("Создано рабочих мест – 1200.", [(1200, "рабочее место")]),
    ("Стоимость – 12.", []),
])
def test_a_number_after_a_dash_counts_the_noun_before_it(text, expected):
    assert _counts(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Таких зданий на площадке технопарка будет два.", [(2, "здание")]),
    ("Резидентов у парка пока 12.", [(12, "резидент")]),
    ("Доля малых предприятий выросла до 40.", []),
    ("Стоимость проекта составит 12.", []),
])
def test_a_number_closing_its_clause_counts_the_genitive_plural_before_it(text, expected):
    assert _counts(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Трое инвесторов намерены открыть производства.", [(3, "инвестор")]),
    ("В проекте участвуют пятеро резидентов.", [(5, "резидент")]),
])
def test_a_collective_numeral_counts_its_noun(text, expected):
    assert _counts(text) == expected
