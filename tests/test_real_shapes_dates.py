"""Dates as real news writes them: years counted back («три года назад»), the publication year
of a dated report told by the weekday it names, English plans told with «is scheduled».
Sentences are our own."""
from __future__ import annotations

import pytest

from clusterkb.model import Article
from clusterkb.extract.dates import extract_dates, infer_published
from clusterkb.extract.counts import extract_counts
from clusterkb.extract.document import make_document


def _doc(text: str, published: str | None = "2024-03-15", lang: str = "ru"):
    return make_document(Article(id="t", path="t.txt", text=text, published=published, lang=lang))


def _dates(text: str, published: str | None = "2024-03-15", lang: str = "ru") -> list[tuple[str, list[str]]]:
    return [(f.attrs["value"], [m.text for m in f.mentions]) for f in extract_dates(_doc(text, published, lang))]


@pytest.mark.parametrize("text, lang, expected", [
    ("Кластер, который создан год назад, вырос вдвое.", "ru", [("2023", ["год назад"])]),
    ("Завод открыли три года назад.", "ru", [("2021", ["три года назад"])]),
    ("Парк заработал 5 лет назад.", "ru", [("2019", ["5 лет назад"])]),
    ("Парк заработал несколько лет назад.", "ru", []),
    ("The park opened two years ago.", "en", [("2022", ["two years ago"])]),
    ("The park opened a year ago.", "en", [("2023", ["a year ago"])]),
])
def test_years_counted_back_from_publication(text, lang, expected):
    assert _dates(text, lang=lang) == expected


def test_years_back_without_a_publication_date_are_a_count_of_years():
    doc = _doc("Мы начали создавать парки восемь лет назад.", published=None)
    assert extract_dates(doc) == []
    assert [(f.attrs["value"], f.attrs["head"]) for f in extract_counts(doc)] == [(8, "год")]


@pytest.mark.parametrize("text, dateline, lang, expected", [
    # 29 August was a Tuesday in 2017, not in 2015, the year of the past report
    ("ОМСК, 29 авг. Совет фонда во вторник одобрил займы. Фонд создан в 2015 году.", "--08-29", "ru",
     ("2017-08-29", 0.7)),
    # no weekday named: the year of the report
    ("ОМСК, 29 авг. Совет фонда одобрил займы. Фонд создан в 2015 году.", "--08-29", "ru", ("2015-08-29", 0.7)),
    # English text is read as English: 10 June was a Thursday in 2021, before the planned 2022
    ("MOSCOW, June 10. The fund will start lending in 2022, the minister said on Thursday.", "--06-10", "en",
     ("2021-06-10", 0.7)),
])
def test_a_named_weekday_picks_the_year_of_a_dated_report(text, dateline, lang, expected):
    assert infer_published(text, dateline, lang) == expected


@pytest.mark.parametrize("text", [
    "The session is scheduled for June 24-25 in Kazan.",
    "The forum is expected to open on June 24-25.",
])
def test_english_plans_are_future(text):
    assert _dates(text, "2021-06-02", "en")[0][0] == "2021-06-24/2021-06-25"


@pytest.mark.parametrize("text, lang", [
    ("He said that since 2019 the region has allocated RUB 640 million to the clusters.", "en"),
    ("С 2019 года область выделила кластерам 640 млн рублей.", "ru"),
])
def test_the_opening_year_of_a_period_dates_no_article(text, lang):
    assert infer_published(text, None, lang) == (None, 0.0)


def test_abbreviated_months_as_stamps_write_them():
    assert _dates("Встреча прошла 3 окт. в Казани.", "2024-11-20") == [("2024-10-03", ["3 окт."])]


@pytest.mark.parametrize("text, lang, expected", [
    ("Программа действовала с мая 2019 года по март 2020 года.", "ru",
     [("2019-05/2020-03", ["с мая 2019 года по март 2020 года"])]),
    ("The programme ran from May 2019 to March 2020.", "en", [("2019-05/2020-03", ["from May 2019 to March 2020"])]),
    ("Парк открыли в 2019-м.", "ru", [("2019", ["в 2019-м"])]),
    ("Работы завершат в мае 2026-го.", "ru", [("2026-05", ["в мае 2026-го"])]),
    ("В 2021 и 2022 году парк получал субсидии.", "ru", [("2021", ["В 2021"]), ("2022", ["2022 году"])]),
    ("В 2019, 2020 и 2021 годах выпуск рос.", "ru", [("2019", ["В 2019"]), ("2020", ["2020"]), ("2021", ["2021 годах"])]),
    ("В 3 кв. 2022 года выпуск вырос.", "ru", [("2022-07/2022-09", ["В 3 кв. 2022 года"])]),
    ("Output grew in the Q3 of 2022.", "en", [("2022-07/2022-09", ["in the Q3 of 2022"])]),
])
def test_periods_and_years_as_news_writes_them(text, lang, expected):
    assert _dates(text, lang=lang) == expected


@pytest.mark.parametrize("text, expected", [
    ("Выплаты начались с 10 числа.", [("2024-03-10", ["с 10 числа"])]),
    ("Выплаты начнутся с 6 числа.", [("2024-04-06", ["с 6 числа"])]),
    ("Выплаты начались с 20 числа.", [("2024-02-20", ["с 20 числа"])]),
])
def test_a_day_without_a_month_is_of_the_publication_month(text, expected):
    assert _dates(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The plant will open next March.", [("2025-03", ["next March"])]),
    ("The plant will open next May.", [("2024-05", ["next May"])]),
    ("The park opened last May.", [("2023-05", ["last May"])]),
    ("The park opened last February.", [("2024-02", ["last February"])]),
])
def test_next_and_last_month_count_from_publication(text, expected):
    assert _dates(text, lang="en") == expected


@pytest.mark.parametrize("text, lang", [
    ("Let us recall that in July 2023 the governor and the association signed an agreement.", "en"),
    ("Напомним, в июле 2023 года губернатор и ассоциация подписали соглашение.", "ru"),
])
def test_a_recalled_report_dates_no_article(text, lang):
    assert infer_published(text, None, lang) == (None, 0.0)


@pytest.mark.parametrize("text, expected", [
    ("According to the minister, 2008 will be the key year for the projects.", [("2008", ["2008"])]),
    ("In 2019, 2020 companies were registered.", [("2019", ["In 2019"])]),
    ("The rules apply from next year.", [("2025", ["from next year"])]),
])
def test_english_years_as_subjects_and_relative_years_after_from(text, expected):
    assert _dates(text, lang="en") == expected


def test_an_english_participle_is_no_past_report():
    # «funds invested in it» tells no time; «will start … in 2022» bounds the day, and 10 June
    # is a Thursday in 2021
    text = ("Fund to recoup 145 bln rubles invested in it in 2023\n"
            "MOSCOW, June 10. The fund will start lending in 2022, the minister said on Thursday.")
    assert infer_published(text, "--06-10", "en") == ("2021-06-10", 0.7)


@pytest.mark.parametrize("text, expected", [
    ("По итогам 2023 года фонд выдал 40 займов.", ("2024-01-15", 0.7)),
    ("За 2023 год фонд выдал 40 займов.", ("2024-01-15", 0.7)),
    ("В 2023 году фонд выдал 40 займов.", ("2023-01-15", 0.7)),
])
def test_a_report_summing_up_a_year_is_told_after_it(text, expected):
    assert infer_published(text, "--01-15") == expected


def test_a_period_between_two_years():
    assert _dates("Between 2019 and 2021, the fund issued 300 loans.", lang="en") == [("2019/2021", ["2019 and 2021"])]


@pytest.mark.parametrize("text, published, expected", [
    ("Весной этого года в парке открыли цех.", "2024-08-20", [("2024-03/2024-05", ["Весной этого года"])]),
    ("Осенью прошлого года фонд одобрил заем.", "2024-08-20", [("2023-09/2023-11", ["Осенью прошлого года"])]),
    ("Осенью прошлого года фонд одобрил заем.", None, []),  # no publication year: nothing anchors it
])
def test_a_season_of_a_year_counted_from_publication(text, published, expected):
    assert _dates(text, published) == expected
