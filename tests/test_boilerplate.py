"""Junk detection: where the article body ends and which lines inside it are not article."""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from clusterkb.read.articles import article_from_text, read_article
from clusterkb.read.boilerplate import Kind, classify, layout, split_lines
from clusterkb.read.metadata import STOP_WORDS

FIXTURES = Path(__file__).parent / "fixtures" / "text"
SEEDS = Path(__file__).parents[2] / "shared" / "eval" / "seeds"
RU = STOP_WORDS["ru"]

# fixture -> (first line of the junk tail or None, lines expected among the excluded ranges)
CASES = {
    "federal_agency.txt": (
        "Теги",
        ["Экономика", "Промышленность", "14 марта 2024, 12:05", "Обновлено 14 марта 2024, 12:40",
         "КАЛУГА, 14 марта. /ТАСС/."],
    ),
    "wordpress_blog.txt": (
        "Поделиться:",
        ["Главная » Новости » Промышленность", "Автор: Марина Лебедева", "05.09.2023",
         "Фото: пресс-служба технопарка"],
    ),
    "gov_portal.txt": (
        "Версия для печати",
        ["Министерство промышленности и науки Свердловской области", "Новости", "21.11.2023"],
    ),
    "telegram_repost.txt": ("Подписывайтесь на наш канал: t.me/kazan_business_news", []),
    "inline_promos.txt": (
        "Нашли ошибку? Выделите текст и нажмите Ctrl+Enter",
        ["Новости Пермь", "Читайте также: В Перми открылся первый частный технопарк",
         "Подписывайтесь на «Пермь Сегодня» в Дзене", "Краснокамск, промышленная площадка"],
    ),
    "no_junk_list.txt": (None, []),
    "english_release.txt": ("Share this article", ["Published: March 5, 2024"]),
    "contacts_in_body.txt": (
        "Источник: пресс-служба Фонда развития промышленности Ульяновской области", []
    ),
    "author_credit_end.txt": (
        "Текст: Ирина Соколова", ["Рубрика: Экономика", "Вторник, 6 февраля 2024 года, 09:15"]
    ),
    "teasers_with_dates.txt": ("Другие новости", ["Новости Воронежа"]),
}


def excluded_lines(article) -> set[str]:
    return {article.text[a:b] for a, b in article.excluded}


@pytest.mark.parametrize("name", sorted(CASES))
def test_body_ends_where_the_junk_tail_begins(name):
    article = read_article(FIXTURES / name)
    junk, _ = CASES[name]
    expected = None if junk is None else article.text.index(junk)
    assert article.body_end == expected, article.text[article.body_end or 0:][:80]


@pytest.mark.parametrize("name", sorted(CASES))
def test_excluded_lines_are_credits_navigation_and_datelines(name):
    article = read_article(FIXTURES / name)
    _, expected = CASES[name]
    assert set(expected) <= excluded_lines(article)
    body_paragraphs = [line for line in article.body.split("\n") if len(line) > 120]
    assert not excluded_lines(article) & set(body_paragraphs)
    assert all(b <= (article.body_end or len(article.text)) for _, b in article.excluded)


def test_inline_cross_links_and_promos_do_not_end_the_body():
    article = read_article(FIXTURES / "inline_promos.txt")
    assert "Ранее в регионе утвердили программу" in article.body
    assert "Врачи назвали продукты" not in article.body


def test_list_after_a_colon_stays_in_the_body():
    article = read_article(FIXTURES / "no_junk_list.txt")
    assert article.body_end is None and article.excluded == []


def test_captions_printed_twice_are_excluded_but_a_title_printed_twice_is_not():
    text = (
        "Завод запустил новую линию\n\nЗавод запустил новую линию\n\n20 ноября, 10:55\n"
        "Завод в Омске запустил линию по выпуску труб, сообщили в пресс-службе предприятия.\n\n"
        "Пресс-служба завода\nПресс-служба завода\n\n"
        "Инвестиции в проект составили 2 млрд рублей, линия даст 300 рабочих мест.\n"
    )
    article = article_from_text(text, "t.txt")
    assert excluded_lines(article) == {"20 ноября, 10:55", "Пресс-служба завода"}
    assert len([a for a, _ in article.excluded if text[a:].startswith("Пресс")]) == 2
    assert article.title == "Завод запустил новую линию"


def test_teasers_after_a_cue_are_junk_even_when_they_read_as_sentences():
    text = (
        "Технопарк открыл второй корпус\n"
        "Технопарк в Томске открыл второй корпус площадью 5 тысяч квадратных метров, сообщили в мэрии.\n"
        "Резидентами стали 12 компаний, которые займутся выпуском приборов и электроники.\n"
        "Последние новости\n"
        "В Томске отремонтируют мост через Ушайку\n"
        "Работы начнутся летом и продлятся до осени, движение по мосту ограничат.\n"
        "Студенты ТПУ победили на олимпиаде по программированию\n"
        "Команда университета заняла первое место среди 40 вузов страны.\n"
    )
    article = article_from_text(text, "t.txt")
    assert article.body_end == text.index("Последние новости")


def test_a_cue_followed_by_article_prose_is_not_the_end():
    text = (
        "Кластер получил статус\n"
        "Минпромторг включил кластер в реестр, сообщили в правительстве области в пятницу.\n"
        "Читайте также\n"
        "В кластер вошли 15 предприятий, они получат льготы по налогу на прибыль и на имущество.\n"
        "Общий объем инвестиций участников до 2030 года составит 12 млрд рублей по оценкам властей.\n"
    )
    article = article_from_text(text, "t.txt")
    assert article.body_end is None
    assert excluded_lines(article) == {"Читайте также"}


def test_photo_credit_inside_the_body_is_excluded_not_the_end():
    text = (
        "Заголовок новости о технопарке\n"
        "Первый абзац статьи о том, как в регионе строят новый технопарк для малых компаний.\n"
        "Фото: пресс-служба правительства\n"
        "Второй абзац: стоимость строительства составит 900 млн рублей, сдача намечена на 2025 год.\n"
        "Фото: Иван Петров\n"
        "Самое читаемое\n"
        "Новость про погоду\n"
    )
    article = article_from_text(text, "t.txt")
    assert article.body_end == text.index("Фото: Иван Петров")
    assert excluded_lines(article) == {"Фото: пресс-служба правительства"}


AGENCY_ARTICLE = (
    "Кластер станкостроения получил статус\n\n"
    "{dateline} Вчера в Омске региональный кластер станкостроения включили в федеральный реестр.\n\n"
    "В него вошли 14 предприятий и два вуза, общий объем инвестиций составит 3 млрд рублей.\n"
)


@pytest.mark.parametrize(
    ("dateline", "published", "year_less"),
    [
        ("ОМСК, 3 июня 2022.", "2022-06-03", None),
        ("ОМСК, 3 июня. /ТАСС/.", None, "--06-03"),
        ("ОМСК, 3 июн — РИА Новости.", None, "--06-03"),
    ],
)
def test_an_agency_dateline_dates_the_article_and_leaves_the_body_with_its_city(dateline, published, year_less):
    text = AGENCY_ARTICLE.format(dateline=dateline)
    article = article_from_text(text, "t.txt")
    assert (article.published, article.dateline) == (published, year_less)
    assert excluded_lines(article) == {dateline}
    assert article.title == "Кластер станкостроения получил статус" and article.body_end is None


def test_an_agency_dateline_alone_on_its_line_is_not_the_title():
    text = "НИЖНИЙ НОВГОРОД, 3 июня. /ТАСС/.\n" + AGENCY_ARTICLE.format(dateline="")
    article = article_from_text(text, "t.txt")
    assert article.title == "Кластер станкостроения получил статус" and article.dateline == "--06-03"
    assert excluded_lines(article) == {"НИЖНИЙ НОВГОРОД, 3 июня. /ТАСС/."}


FOOTER_ARTICLE = (
    "Технопарк в Бийске принял первых резидентов\n{header}\n"
    "Технопарк в Бийске принял первых резидентов, сообщили в администрации города в пятницу.\n\n"
    "Резидентами стали шесть компаний, они займут 4 тысячи квадратных метров площадей.\n\n"
    "{footer}\nЧитайте также\nВ Барнауле открылся новый цех\n"
)


def test_a_footer_publication_line_ends_the_body_and_dates_the_article():
    text = FOOTER_ARTICLE.format(header="", footer="Опубликовано 02.06.2022 в 09:30 | Просмотров: 310")
    article = article_from_text(text, "t.txt")
    assert article.body_end == text.index("Опубликовано")
    assert (article.published, article.published_time) == ("2022-06-02", "09:30")


@pytest.mark.parametrize(
    ("header", "footer", "published", "year_less"),
    [
        ("1 июня 2022, 10:00", "Обновлено: 02.06.2022", "2022-06-01", None),
        ("2 июня, 09:30", "Дата публикации: 02.06.2022", "2022-06-02", None),
        ("2 июня, 09:30", "Обновлено: 03.06.2022", None, "--06-02"),
    ],
)
def test_a_header_dateline_comes_before_a_footer_publication_line(header, footer, published, year_less):
    article = article_from_text(FOOTER_ARTICLE.format(header=header, footer=footer), "t.txt")
    assert (article.published, article.dateline) == (published, year_less)


@pytest.mark.parametrize("navigation", ["Back to news", "Contacts | Press kit", "← Return to the list of news"])
def test_end_of_page_navigation_ends_an_english_body(navigation):
    text = (
        "Tomsk technopark welcomes four residents\n\n"
        "The Tomsk technopark has signed agreements with four new residents, the regional administration said.\n\n"
        "The companies will produce medical devices and invest a total of RUB 800 million by 2026.\n\n"
        f"{navigation}\nNew cluster of composites set up in Kazan\n"
    )
    assert article_from_text(text, "t.txt").body_end == text.index(navigation)


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Фото © omskportal.example", Kind.CREDIT),
        ("| Фото: Сергей Иванов, пресс-служба", Kind.CREDIT),
        ("Фото пресс-службы губернатора", Kind.CREDIT),
        ("Фотографии предоставлены организаторами", Kind.CREDIT),
        ("Автор: Анна Крылова", Kind.CREDIT),
        ("Дата публикации: 12.03.2024", Kind.CREDIT),
        ("Фото выставки разместили в соцсетях, и они собрали тысячи откликов читателей.", Kind.PROSE),
        ("Читайте также: В Перми открыли технопарк", Kind.CUE),
        ("ЧИТАЙТЕ ТАКЖЕ", Kind.CUE),
        ("Комментарии (12)", Kind.CUE),
        ("#Омск #Промышленность #Новости", Kind.CUE),
        ("Теги: промышленность, кластеры", Kind.CUE),
        ("© 2008–2024 Городской портал. Все права защищены.", Kind.CUE),
        ("Регистрационный номер: ЭЛ № ФС 77-00000", Kind.CUE),
        ("e-mail: info@example.ru, тел.: (3812) 39-90-87", Kind.CUE),
        ("Реклама. ООО «Ромашка», ИНН 5406000000", Kind.CUE),
        ("Главная Новости Экономика Политика Спорт", Kind.CUE),
        ("Подписывайтесь на наш Telegram-канал", Kind.CUE),
        ("ВКонтакте Одноклассники Telegram", Kind.CUE),
        ("www.example.ru", Kind.CUE),
        ("Источник: https://example.ru/news/1", Kind.CUE),
        ("Омский губернатор поставил задачи к паводку", Kind.SHORT),
        ("Как выбрать частотный преобразователь?", Kind.SHORT),
        ("Роскомнадзор заблокировал сайт, который распространял поддельные пропуска на завод.", Kind.PROSE),
        ("По телефону горячей линии 8-800-000-00-00 жители могут задать вопросы о программе.", Kind.PROSE),
        # sentences that begin like junk cues stay prose
        ("Учредителем кластера выступило правительство области и два вуза.", Kind.PROSE),
        ("Все материалы направлены в Минпромторг России для рассмотрения.", Kind.PROSE),
        ("Поделиться опытом в Омск приехали специалисты из Казани и Уфы.", Kind.PROSE),
        ("Реклама на транспорте принесла бюджету города 10 млн рублей.", Kind.PROSE),
        ("Использование материалов отечественного производства снизило затраты на 20%.", Kind.PROSE),
        ("Кластеру присвоен регистрационный номер в реестре Минпромторга России.", Kind.PROSE),
        ("Предприятие зарегистрировано Федеральной налоговой службой в 2019 году.", Kind.PROSE),
        ("Видео из цеха показали участникам форума в первый же день его работы.", Kind.PROSE),
        ("Комментарий министра по этому поводу нам получить не удалось.", Kind.PROSE),
        ("Просмотр фильма о заводе состоится 5 мая в доме культуры.", Kind.PROSE),
        ("Опубликовано 02.06.2022 в 09:30 | Просмотров: 310", Kind.CREDIT),
        ("Дата публикации: 2 июня 2022 г. Автор: Пётр Сидоров", Kind.CREDIT),
        ("Updated: June 2, 2022 · 4 min read", Kind.CREDIT),
        ("Опубликовано распоряжение о создании второй очереди особой экономической зоны в регионе.", Kind.PROSE),
        ("Back to news", Kind.CUE),
        ("← Back to the list", Kind.CUE),
        ("Contacts | Press kit | About us", Kind.CUE),
        ("Вернуться к списку новостей", Kind.CUE),
        ("Вернуться к обсуждению проекта стороны планируют в мае следующего года.", Kind.PROSE),
        ("Еще по теме", Kind.CUE),
        ("Популярное", Kind.CUE),
        ("Самое читаемое:", Kind.CUE),
        ("Read more:", Kind.CUE),
        ("About Tomsk Technopark", Kind.CUE),
        ("О компании «Сибирский станкозавод»", Kind.CUE),
        ("По теме совещания выступил министр промышленности области.", Kind.PROSE),
        ("Популярное у туристов направление — экскурсии на заводы региона.", Kind.PROSE),
        ("###", Kind.END),
        ("- 30 -", Kind.END),
        ("Газета «Северный вестник» (Вологда)", Kind.CREDIT),
        ("Газета «Северный вестник» №52 от 21.05.2024, стр. 4", Kind.CREDIT),
        ("11.11.2024, 08:15 · Промышленность и энергетика", Kind.CREDIT),
        ("Открытие второй очереди технопарка запланировано на 2025 год, на площадке разместятся "
         "30 резидентов, а общий объем инвестиций составит 4 млрд рублей (фото: пресс-служба "
         "правительства области, архив редакции).", Kind.PROSE),
    ],
)
def test_classify(line, kind):
    assert classify(line, RU) is kind


@pytest.mark.parametrize(
    "line",
    ["Return to growth is expected next year, according to the regional ministry.",
     "About 40 companies have joined the technopark since it opened in 2021."],
)
def test_english_sentences_that_begin_like_navigation_stay_prose(line):
    assert classify(line, STOP_WORDS["en"]) is Kind.PROSE


def test_split_lines_keeps_offsets_of_stripped_lines():
    text = "  Заголовок \n\n\xa0Абзац один.\r\nАбзац два\n"
    for line in split_lines(text):
        assert text[line.start:line.end] == line.text == line.text.strip()


def test_a_megabyte_line_without_spaces_is_quick():
    text = "Заголовок\n" + "ж" * 1_000_000 + "\nПоследние новости\n"
    start = time.perf_counter()
    result = layout(text, "ru")
    assert time.perf_counter() - start < 2
    assert result.title == 0


def test_plain_text_takes_a_few_milliseconds():
    texts = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.txt"))]
    article_from_text(texts[0], "warm-up")
    start = time.perf_counter()
    for text in texts:
        article_from_text(text, "t.txt")
    assert (time.perf_counter() - start) / len(texts) < 0.02


@pytest.mark.skipif(not SEEDS.is_dir(), reason="development set not present")
@pytest.mark.parametrize("name", sorted(p.name for p in SEEDS.glob("*.txt")) if SEEDS.is_dir() else [])
def test_dev_set_body_end_matches_gold(name):
    """Nothing but whitespace lies between our body_end and the gold one, so no body mention is
    cut off and no junk is kept."""
    article = read_article(SEEDS / name)
    gold = json.loads((SEEDS / name).with_suffix(".gold.json").read_text(encoding="utf-8"))
    end = len(article.text)
    ours, theirs = article.body_end or end, gold["body_end"] or end
    assert not article.text[min(ours, theirs):max(ours, theirs)].strip()


BYLINE_ARTICLE = (
    "Курский завод запустит линию кабеля\n"
    "Курский кабельный завод запустит новую линию в марте, сообщили в областном правительстве.\n"
    "Инвестиции в проект составят 600 млн рублей, будет создано 90 рабочих мест.\n"
    "{byline}\n{tail}"
)


@pytest.mark.parametrize("byline", ["Ирина Волкова, Курск", "Ирина Волкова", "И. Волкова", "Ирина Волкова-Беляева, Старый Оскол"])
@pytest.mark.parametrize("tail", ["Еще по теме\nВ Курске отремонтируют мост\n", ""])
def test_a_byline_closing_the_body_goes_with_the_tail(byline, tail):
    text = BYLINE_ARTICLE.format(byline=byline, tail=tail)
    assert article_from_text(text, "t.txt").body_end == text.index(byline)


def test_a_name_line_followed_by_article_text_stays_in_the_body():
    text = (
        "Интервью с директором технопарка\n"
        "Директор технопарка рассказал о планах на следующий год и о новых резидентах.\n"
        "Олег Смирнов\n"
        "В следующем году мы примем еще десять компаний, а площадь технопарка вырастет вдвое.\n"
    )
    article = article_from_text(text, "t.txt")
    assert article.body_end is None and article.excluded == []


def test_nothing_after_an_end_mark_is_article_however_it_reads():
    text = (
        "Tomsk technopark opens a second building\n\n"
        "The Tomsk technopark has opened a second building for 30 resident companies, its managers said.\n\n"
        "The building cost RUB 1.2 billion and adds 9,000 square metres of offices and laboratories.\n\n"
        "###\n\n"
        "About Tomsk Technopark\n"
        "Tomsk Technopark was founded in 2004 and hosts more than 120 technology companies in the region.\n"
        "It is owned by the regional government and has been one of the leading technoparks since 2010.\n"
        "Media contacts: press@technopark.example\n"
    )
    assert article_from_text(text, "t.txt").body_end == text.index("###")


def test_a_company_boilerplate_heading_after_the_body_opens_the_tail():
    text = (
        "Сибирский станкозавод выпустит 200 станков\n"
        "Сибирский станкозавод в этом году выпустит 200 токарных станков, сообщили в компании.\n"
        "Половина станков уйдет предприятиям Томской и Новосибирской областей.\n"
        "О компании «Сибирский станкозавод»\n"
        "Завод основан в 1956 году и выпускает металлорежущие станки для машиностроения.\n"
        "Контакты для СМИ: press@stanok.example\n"
    )
    assert article_from_text(text, "t.txt").body_end == text.index("О компании")


def test_a_reference_paragraph_inside_the_body_is_article():
    text = (
        "Кластер получил федеральный статус\n"
        "Станкостроительный кластер области включен в федеральный реестр, сообщили в министерстве.\n"
        "Для справки: в кластер входят 17 предприятий, из них 5 работают в Томске.\n"
        "Теги: кластеры, промышленность\n"
    )
    assert article_from_text(text, "t.txt").body_end == text.index("Теги")


@pytest.mark.parametrize(
    ("header", "teasers"),
    [
        ("Читайте также:", ["В Бердске открыли новый сквер", "Мост через Обь закроют на ремонт"]),
        ("Read more:", ["Kazan hosts a robotics fair in May", "Port of Ust-Luga sets a new record"]),
        ("Читайте также: В Бердске открыли новый сквер", ["Мост через Обь закроют на ремонт"]),
    ],
)
def test_teaser_headlines_in_the_middle_of_the_body_are_excluded(header, teasers):
    text = (
        "Завод в Бердске удвоит выпуск\n"
        "Завод в Бердске удвоит выпуск электродвигателей к 2026 году, сообщили в мэрии.\n"
        f"{header}\n" + "".join(f"{t}\n" for t in teasers) +
        "Проект обойдется в 800 млн рублей, часть средств выделит Фонд развития промышленности.\n"
        "На заводе появится 150 новых рабочих мест, а выпуск вырастет до 40 тысяч двигателей.\n"
    )
    article = article_from_text(text, "t.txt")
    assert article.body_end is None
    assert excluded_lines(article) == {header, *teasers}


def test_a_newspaper_issue_line_dates_the_article_and_is_not_article():
    issue = "Газета «Северный вестник» (Вологда) №52 от 21.05.2024, стр. 4"
    text = (
        f"Вологодский завод купит новые станки\n{issue}\n"
        "Вологодский станкостроительный завод купит 12 станков на 300 млн рублей, сообщил его директор.\n"
        "Станки поставят до конца года, они заменят оборудование, купленное в 1980-х годах.\n"
    )
    article = article_from_text(text, "t.txt")
    assert (article.published, excluded_lines(article), article.body_end) == ("2024-05-21", {issue}, None)


def test_a_dateline_under_the_subtitle_is_found():
    text = (
        "Томский технопарк откроет второй корпус\n"
        "Корпус площадью 9 тысяч квадратных метров рассчитан на 30 компаний.\n"
        "Ср, 5 мар 2025, 14:10\n"
        "Томский технопарк откроет второй корпус в сентябре, сообщили в администрации области.\n"
    )
    article = article_from_text(text, "t.txt")
    assert (article.published, article.published_time) == ("2025-03-05", "14:10")
    assert excluded_lines(article) == {"Ср, 5 мар 2025, 14:10"}
    assert article.title == "Томский технопарк откроет второй корпус"
