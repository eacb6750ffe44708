"""Page metadata as real pages print it: a scraper's stamp in front of the title, a site's
widgets (today's date, currency rates, weather) above it. The stamp is the publication date and
no date of the article; the widgets are neither."""
from __future__ import annotations

import pytest

from clusterkb.read.articles import article_from_text
from clusterkb.extract import extract_article

BODY = (
    "Технопарк в Твери принял первых резидентов\n\n"
    "Резидентами технопарка стали шесть компаний, сообщили в правительстве области в понедельник.\n\n"
    "Они займут 4 тысячи квадратных метров, а в 2027 году их станет двенадцать.\n"
)


def _dates(article) -> list[str]:
    return sorted(f.attrs["value"] for f in extract_article(article).facts if f.kind == "date")


@pytest.mark.parametrize("stamp, published", [
    (" date 2025-10-24 ", "2025-10-24"),
    ("24.10.2025  ", "2025-10-24"),
    ("Дата: 24.10.2025 ", "2025-10-24"),
])
def test_a_stamp_in_front_of_the_title_is_the_publication_date(stamp, published):
    article = article_from_text(stamp + BODY, "t.txt")
    assert article.published == published
    assert article.title == "Технопарк в Твери принял первых резидентов"
    assert _dates(article) == ["2025-10-20", "2027"]


def test_a_stamp_before_a_dateline_on_one_line_leaves_no_date_fact():
    text = " date 2025-10-24 24 октября 2025, 17:54\n\n" + BODY
    article = article_from_text(text, "t.txt")
    assert article.published == "2025-10-24"
    assert _dates(article) == ["2025-10-20", "2027"]


@pytest.mark.parametrize("widget", [
    "Пятница, 19 апреля 00:07 16+\nСейчас +4 °C\nUSD$ 94,32 ▲0,25 EUR 100,28 ▲0,35\n\n",
    "Казань\n28 июня\nUSD ЦБ\n78,47 +0,26\nEUR ЦБ\n92,28 +0,62\nНефть\n80,45 +6,34\n18+\n\n",
    "19 Апреля 2024г, Пятница€ — 91.1531,  $ — 77.9584 загрузить приложение\n\n",
    "Москва\n19 апреля ‘24\nПятница\n\n",
    "Четверг, 7 Марта, 2024\n\n",  # today's weekday and date on one line, above the article's date
])
def test_a_site_widget_above_the_title_is_navigation_not_a_date(widget):
    text = widget + BODY.replace("\n\n", "\n\n3 октября 2023 года, 19:48\n\n", 1)
    article = article_from_text(text, "t.txt")
    assert article.title == "Технопарк в Твери принял первых резидентов"
    assert article.published == "2023-10-03"
    assert _dates(article) == ["2023-10-02", "2027"]
    assert not [f for f in extract_article(article).facts if f.kind == "money"]


@pytest.mark.parametrize("header, place", [
    ("Перейти к основному контенту\nКалуга,\n\n", "Калуга"),
    ("Тара, Омская область\n\n", "Тара"),  # the site's town and region above the title
])
def test_a_skip_link_and_an_edition_label_above_the_title_are_navigation(header, place):
    article = article_from_text(header + BODY, "t.txt")
    assert article.title == "Технопарк в Твери принял первых резидентов"
    assert place not in [f.attrs["name"] for f in extract_article(article).facts if f.kind == "location"]


@pytest.mark.parametrize("text, expected", [
    ("Сегодня парк заполнен целиком.", []),
    ("Сегодня очень востребованы готовые площадки.", []),
    ("Сегодня губернатор открыл новый цех.", ["2024-03-15"]),
])
def test_today_with_a_short_participle_is_a_state_not_a_day(text, expected):
    article = article_from_text("Заголовок новости\n\n" + text + "\n", "t.txt", published="2024-03-15")
    assert _dates(article) == expected


@pytest.mark.parametrize("stamp, iso", [
    ("12.12.99", "1999-12-12"),
    ("05.03.24", "2024-03-05"),
])
def test_stamps_and_dates_of_the_body_read_one_calendar(stamp, iso):
    from clusterkb.read.metadata import parse_dateline

    assert parse_dateline(stamp).date == iso
    article = article_from_text(f"Заголовок новости\n\nСоглашение подписано {stamp} в Твери.\n", "t.txt",
                                published="2026-01-10")
    assert _dates(article) == [iso]


AGENCY_BODY = (
    "Технопарк в Твери принял первых резидентов\n\n"
    "{dateline} Резидентами технопарка стали шесть компаний, сообщили в правительстве области.\n"
)


def _names(article, kind: str) -> list[str]:
    return sorted(f.attrs["name"] for f in extract_article(article).facts if f.kind == kind)


@pytest.mark.parametrize("dateline, city, outlet, published", [
    ("ТВЕРЬ, 12 ноября. /ТАСС/.", "Тверь", "ТАСС", None),
    ("НИЖНИЙ НОВГОРОД, 3 июня 2024 — РИА Новости.", "Нижний Новгород", "РИА Новости", "2024-06-03"),
    ("Ростов-на-Дону. 21 августа 2024. ИНТЕРФАКС -", "Ростов-на-Дону", "ИНТЕРФАКС", "2024-08-21"),
    ("ТВЕРЬ, 12 ноября 2024, ВолгаИнфо.Ru.", "Тверь", "ВолгаИнфо.Ru", "2024-11-12"),  # the outlet after a comma
    ("ТВЕРЬ, 12 ноября, Верхневолжские Вести.", "Тверь", "Верхневолжские Вести", None),
])
def test_a_dateline_dates_the_article_and_its_city_and_outlet_are_facts(dateline, city, outlet, published):
    article = article_from_text(AGENCY_BODY.format(dateline=dateline), "t.txt")
    assert article.published == published
    assert city in _names(article, "location") and outlet in _names(article, "organization")
    assert _dates(article) == []


def test_a_dateline_city_named_again_is_one_fact():
    text = AGENCY_BODY.format(dateline="ТВЕРЬ, 12 ноября. /ТАСС/.") + "Новый цех откроют в Твери.\n"
    facts = [f for f in extract_article(article_from_text(text, "t.txt")).facts if f.kind == "location"]
    tver = [f for f in facts if f.attrs["name"] == "Тверь"]
    assert len(tver) == 1 and [m.text for m in tver[0].mentions] == ["Твери", "ТВЕРЬ", "Твери"]


def test_an_aggregators_tag_list_a_view_counter_and_a_credit_above_the_title_are_junk():
    tags = "Иван Петров Тверь Пресс-служба Иван Петров Тверь Пресс-служба"
    credit = "оригинал Фото: пресс-служба Минэкономразвития области"
    text = f"{tags}\n\n{credit}\n\n" + BODY.replace("\n\n", "\n\nСейчас читают: 187\n\n", 1)
    article = article_from_text(text, "t.txt", published="2024-03-15")
    assert article.title == "Технопарк в Твери принял первых резидентов"
    assert {tags, credit, "Сейчас читают: 187"} <= {article.text[a:b] for a, b in article.excluded}
    assert "Иван Петров" not in _names(article, "person")


@pytest.mark.parametrize("stamp", ["2 минуты назад", "5 часов назад", "3 hours ago"])
def test_a_stamp_counted_from_now_is_junk(stamp):
    article = article_from_text(f"{stamp}\n" + BODY, "t.txt", published="2024-03-15")
    assert article.title == "Технопарк в Твери принял первых резидентов"
    counts = [f.attrs["value"] for f in extract_article(article).facts if f.kind == "count"]
    assert counts == [6, 4000, 12]


def test_a_time_printed_against_the_date_of_the_stamp_is_read_apart():
    article = article_from_text("Технопарк в Твери принял первых резидентов\n09:4012 марта 2019\n\n" + BODY.split("\n\n", 1)[1],
                                "t.txt")
    assert article.published == "2019-03-12"
    assert _dates(article) == ["2019-03-11", "2027"]


def test_a_dateline_of_a_city_in_lower_case_with_a_full_date_and_time_dates_the_article():
    article = article_from_text(AGENCY_BODY.format(dateline="Тверь, 12 Ноября 2024, 10:05 —"), "t.txt")
    assert (article.published, article.published_time) == ("2024-11-12", "10:05")
    assert _dates(article) == [] and "Тверь" in _names(article, "location")


def test_a_site_header_with_a_menu_todays_date_and_its_copyright_is_no_title():
    header = ("Тверские Вести Тверь\nСегодня: вторник, 5 марта 2024 года\n"
              "Экономика | Политика | Общество | Главное в России | Лента дня\n"
              "Погода в Твери\n© 2012, Тверские Вести\nРубрики\n\n")
    text = header + BODY.replace("\n\n", "\n\n14.10.2023 12:40\n\n", 1)
    article = article_from_text(text, "t.txt")
    assert article.title == "Технопарк в Твери принял первых резидентов"
    assert article.published == "2023-10-14"
    assert _dates(article) == ["2023-10-09", "2027"]
    assert "Россия" not in _names(article, "location")


def test_the_line_that_ends_a_prompt_broken_off_at_a_preposition_is_junk():
    text = BODY.replace("\n\n", "\n\nЧитайте нас на\nДзен Новости\n\n", 1)
    article = article_from_text(text, "t.txt", published="2024-03-15")
    assert "Дзен Новости" in {article.text[a:b] for a, b in article.excluded}
    assert "Дзен Новости" not in _names(article, "organization")
