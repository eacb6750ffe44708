"""Counts as real news writes them: ordinals that look like counts («занял 4 место»), the noun of
the nearest «число …» phrase, open bounds («24 и более резидентов»), and page furniture that
counts nothing (a reading-time line). Sentences are our own."""
from __future__ import annotations

import pytest

from clusterkb.articles import Article, article_from_text
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
