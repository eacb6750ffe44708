"""Shared number parsing: digit groupings, decimal commas, scale words and number words."""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusterkb.extract.numbers import find_numbers, is_approximate, is_coordinated, is_range, parse_digits


@pytest.mark.parametrize("text, lang, expected", [
    ("1 500", "ru", "1500"),
    ("1\u00a0500\u00a0000", "ru", "1500000"),
    ("2\u202f300", "ru", "2300"),
    ("3,6", "ru", "3.6"),
    ("808,5", "ru", "808.5"),
    ("1.844.036.360,12", "ru", "1844036360.12"),
    ("12.500", "ru", "12500"),
    ("5,000", "en", "5000"),
    ("1,250,000.50", "en", "1250000.5"),
    ("3.6", "en", "3.6"),
    ("0,75", "ru", "0.75"),
])
def test_parse_digits(text, lang, expected):
    assert parse_digits(text, lang) == Decimal(expected)


@pytest.mark.parametrize("text", ["14.03.2024", "05.03.24", "1.2.3", "12,34,5"])
def test_parse_digits_rejects_dates_and_codes(text):
    assert parse_digits(text) is None


@pytest.mark.parametrize("text, lang, expected", [
    ("4,2 млрд рублей", "ru", ["4200000000"]),
    ("12,7млн", "ru", ["12700000"]),
    ("8,4 тыс. человек", "ru", ["8400"]),
    ("250 тысяч", "ru", ["250000"]),
    ("1,2 трлн", "ru", ["1200000000000"]),
    ("девять", "ru", ["9"]),
    ("двух", "ru", ["2"]),
    ("трёх", "ru", ["3"]),
    ("одним", "ru", ["1"]),
    ("пятнадцати", "ru", ["15"]),
    ("полтора", "ru", ["1.5"]),
    ("полутора миллионов", "ru", ["1500000"]),
    ("двадцать один", "ru", ["21"]),
    ("сто сорок пять", "ru", ["145"]),
    ("три тысячи двести", "ru", ["3200"]),
    ("два три", "ru", ["2", "3"]),
    ("семь региональных и четыре", "ru", ["7", "4"]),
    ("2.4 billion", "en", ["2400000000"]),
    ("twenty-one", "en", ["21"]),
    ("two hundred", "en", ["200"]),
    ("seven million", "en", ["7000000"]),
])
def test_find_numbers_values(text, lang, expected):
    assert [str(n.value) for n in find_numbers(text, lang)] == expected


@pytest.mark.parametrize("text", ["2-й этап", "10:55", "Ан-148", "МС-21", "8-913-555-12-34", "12.05.2023",
                                  "тел. 44-17-90", "10:30-12:00", "Ту-204-100"])
def test_find_numbers_skips_non_numbers(text):
    assert find_numbers(text) == ()


@pytest.mark.parametrize("text, lang, expected", [
    # both bounds of a range, the lower one with the upper one's scale word
    ("3–4", "ru", [("3", 0), ("4", 0)]),
    ("на 25-30%", "ru", [("25", 0), ("30", 0)]),
    ("1,5–2 тыс. мест", "ru", [("1500", 3), ("2000", 3)]),
    ("от 2 до 4 млн тонн", "ru", [("2000000", 6), ("4000000", 6)]),
    ("между 8 и 9 млрд", "ru", [("8000000000", 9), ("9000000000", 9)]),
    ("between 8 and 9 billion", "en", [("8000000000", 9), ("9000000000", 9)]),
    ("from 12 to 15 million", "en", [("12000000", 6), ("15000000", 6)]),
    # a lower bound with its own scale keeps it; no range without «от/с/from» before «до/to»
    ("от 800 тыс. до 1,2 млн", "ru", [("800000", 3), ("1200000", 6)]),
    ("к 2030 до 10 млрд", "ru", [("2030", 0), ("10000000000", 9)]),
    ("два миллиона", "ru", [("2000000", 6)]),
])
def test_ranges_and_scales(text, lang, expected):
    assert [(str(n.value), n.scale) for n in find_numbers(text, lang)] == expected


@pytest.mark.parametrize("text, expected", [
    ("5–7", True), ("5 - 7", True), ("от 5 до 7", True), ("между 5 и 7", True), ("с 60 до 35", True),
    ("from 5 to 7", True),
    ("к 5 до 7", False), ("5, 7", False), ("5 и 7", False), ("5 — 7", False),
])
def test_is_range(text, expected):
    low, high = find_numbers(text, "ru")
    assert is_range(text, low, high) is expected


@pytest.mark.parametrize("text, expected", [
    ("5 и 7", True), ("5, 7", True), ("5 или 7", True), ("5 а также 7", True), ("5 and 7", True),
    ("5 из 7", False), ("5 до 7", False),
])
def test_is_coordinated(text, expected):
    low, high = find_numbers(text, "ru")
    assert is_coordinated(text, low.end, high.start) is expected


def test_span_includes_scale_word():
    text = "на сумму 4,2 млрд рублей"
    (n,) = find_numbers(text)
    assert text[n.start:n.end] == "4,2 млрд"


@pytest.mark.parametrize("before, expected", [
    ("около ", True), ("порядка ", True), ("более чем ", True), ("свыше ", True), ("до ", True),
    ("почти ", True), ("примерно ", True), ("more than ", True), ("up to ", True), ("about ", True),
    ("еще ", False), ("всего ", False), ("", False), ("Сода ", False), ("от 20 до ", False), ("с 60 до ", False),
])
def test_hedges(before, expected):
    assert is_approximate(before + "40 компаний", len(before)) is expected


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="0123456789 .,-–:тысмлнрдоваихпьзеabcdmilonthusd\u00a0", max_size=60))
def test_find_numbers_never_raises_and_spans_are_in_range(text):
    for n in find_numbers(text):
        assert 0 <= n.start < n.end <= len(text)
