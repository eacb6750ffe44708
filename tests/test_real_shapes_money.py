"""Money as real news pages write it: agency abbreviations of scale words, and page furniture
(currency-rate widgets) that is no sum of the article."""
from __future__ import annotations

import pytest

from clusterkb.model import Article
from clusterkb.extract.document import make_document
from clusterkb.extract.money import extract_money


def _money(text: str, lang: str) -> list[tuple[str, str]]:
    doc = make_document(Article(id="t", path="t.txt", text=text, published="2024-03-15", lang=lang))
    return [(str(f.attrs["amount"]), f.attrs["currency"]) for f in extract_money(doc)]


@pytest.mark.parametrize("text, expected", [
    ("The fund is to recoup 120 bln rubles ($1.6 bln) by the end of the year.",
     [("120000000000", "RUB"), ("1600000000", "USD")]),
    ("It grants loans worth from 5 mln to 2 bln rubles.", [("5000000", "RUB"), ("2000000000", "RUB")]),
    ("The programme is worth 1.2 trln rubles.", [("1200000000000", "RUB")]),
])
def test_agency_scale_abbreviations(text, expected):
    assert _money(text, "en") == expected


@pytest.mark.parametrize("text, expected", [
    ("Планируется, что парк привлечет не менее 5 млрд инвестиций.", [("5000000000", "RUB")]),
    ("На модернизацию направят 300 млн средств фонда.", [("300000000", "RUB")]),
    ("Завод будет выпускать 5 млн тонн удобрений.", []),
])
def test_a_scaled_number_before_a_money_noun_is_roubles(text, expected):
    assert _money(text, "ru") == expected


def test_half_a_scale_word_is_a_sum():
    assert _money("Проект стоит полмиллиарда рублей.", "ru") == [("500000000", "RUB")]


@pytest.mark.parametrize("text, expected", [
    ("The government allocated 2.3 billion rubles, including 1.1 billion from the regional budget.",
     [("2300000000", "RUB"), ("1100000000", "RUB")]),
    ("The region has 2 million residents and spent 3 billion rubles.", [("3000000000", "RUB")]),
])
def test_an_english_sum_leaves_its_currency_to_the_sum_before(text, expected):
    assert _money(text, "en") == expected
