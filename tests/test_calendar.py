"""The one calendar rule (lang/calendar.py): month names, two-digit years and weekdays read the
same for a page's stamp and for a date in its body."""
from __future__ import annotations

import pytest

from clusterkb.extract import extract_article
from clusterkb.lang.calendar import calendar_lemmas, full_year, month_number, weekday_lemmas, weekday_names, weekday_number
from clusterkb.read.articles import article_from_text
from clusterkb.read.metadata import parse_dateline


@pytest.mark.parametrize("word, month", [
    ("января", 1), ("Мае", 5), ("мая", 5), ("март", 3), ("марта", 3), ("сент.", 9), ("Sept", 9),
    ("December", 12), ("07", 7), ("13", 13), ("среда", None), ("год", None),
])
def test_month_names_in_any_case_and_abbreviation(word, month):
    assert month_number(word) == month


@pytest.mark.parametrize("digits, ref_year, year", [
    ("24", 2024, 2024), ("25", 2024, 2025), ("26", 2024, 1926), ("99", 2024, 1999), ("00", 2024, 2000),
    ("99", 2099, 2099), ("2031", 2024, 2031), ("1998", 2024, 1998),
])
def test_a_two_digit_year_is_at_most_a_year_after_the_reference(digits, ref_year, year):
    assert full_year(digits, ref_year) == year


def test_weekdays_as_dates_name_them_monday_first():
    assert weekday_names("ru")[2] == "среду" and weekday_names("en")[2] == "Wednesday"
    assert [weekday_number(w) for w in ("понедельник", "СРЕДУ", "sunday", "среда")] == [0, 2, 6, None]
    assert weekday_lemmas("ru")[2] == "среда" and {"среда", "июль"} <= calendar_lemmas()
    assert "среду" not in calendar_lemmas() and len(calendar_lemmas()) == 7 + 12


@pytest.mark.parametrize("written, iso", [("01.06.99", "1999-06-01"), ("01.06.25", "2025-06-01")])
def test_ninety_nine_is_one_year_in_a_stamp_and_in_the_body(written, iso):
    """The issue's «99»: the stamp reader and the date extractor once put it in two centuries."""
    article = article_from_text(f"Заголовок\n\nДоговор о создании парка заключён {written} в Туле.\n", "t.txt",
                                published="2025-11-20")
    body = [f.attrs["value"] for f in extract_article(article).facts if f.kind == "date"]
    assert parse_dateline(written).date == iso
    assert body == [iso]
