"""Dates: phrases found, resolved to ISO against the publication date, and the publication-date guess."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusterkb.extract.dates import date_spans, extract_dates, infer_published
from clusterkb.model import Article
from clusterkb.extract.document import Document, make_document


def _doc(text: str, published: str | None = "2024-03-15", lang: str = "ru") -> Document:
    return make_document(Article(id="t", path="t.txt", text=text, published=published, lang=lang))


def _dates(text: str, published: str | None = "2024-03-15", lang: str = "ru") -> list[tuple[str, list[str]]]:
    return [(f.attrs["value"], [m.text for m in f.mentions]) for f in extract_dates(_doc(text, published, lang))]


@pytest.mark.parametrize("text, published, expected", [
    # relative day words anchored on the publication date
    ("Вчера, 14 марта, в Томске прошло заседание кластерного совета.", "2024-03-15",
     [("2024-03-14", ["Вчера, 14 марта"])]),
    ("Сегодня, 1 марта, открылся технопарк.", "2024-03-01", [("2024-03-01", ["Сегодня, 1 марта"])]),
    ("Сегодня губернатор посетил индустриальный парк.", "2024-03-15", [("2024-03-15", ["Сегодня"])]),
    ("Завтра пройдет стратегическая сессия.", "2024-12-31", [("2025-01-01", ["Завтра"])]),
    ("Вчера министр подписал приказ.", None, []),
    # day and month without a year
    ("Документы направят в министерство до 1 декабря.", "2024-03-15", [("2024-12-01", ["1 декабря"])]),
    ("Форум прошел 12 ноября.", "2024-03-15", [("2023-11-12", ["12 ноября"])]),
    ("Заявки примут до 20 января.", "2024-11-25", [("2025-01-20", ["20 января"])]),
    ("Совещание состоялось 5 марта.", "2024-03-15", [("2024-03-05", ["5 марта"])]),
    # explicit years
    ("До 1 октября 2025 года будет сформирован реестр.", "2024-03-15", [("2025-10-01", ["1 октября 2025 года"])]),
    ("Соглашение подписано 3 мая 2022 г.", "2024-03-15", [("2022-05-03", ["3 мая 2022 г."])]),
    # ranges
    ("Сессия прошла 14-15 февраля.", "2024-03-15", [("2024-02-14/2024-02-15", ["14-15 февраля"])]),
    ("Выставка работала 27–29 сентября 2023 года.", "2024-03-15",
     [("2023-09-27/2023-09-29", ["27–29 сентября 2023 года"])]),
    ("Прием заявок продлится с 1 по 10 апреля.", "2024-03-15", [("2024-04-01/2024-04-10", ["с 1 по 10 апреля"])]),
    ("Конференция прошла с 18 по 19 октября 2023 года.", None,
     [("2023-10-18/2023-10-19", ["с 18 по 19 октября 2023 года"])]),
    ("Фестиваль пройдет 30 мая – 2 июня.", "2024-03-15", [("2024-05-30/2024-06-02", ["30 мая – 2 июня"])]),
    ("Каникулы продлятся 30 декабря – 8 января.", "2024-12-01", [("2024-12-30/2025-01-08", ["30 декабря – 8 января"])]),
    # years and year ranges
    ("В 2023 году в регионе открылись два технопарка.", "2024-03-15", [("2023", ["В 2023 году"])]),
    ("Программа рассчитана на 2025 год.", "2024-03-15", [("2025", ["2025 год"])]),
    ("Субсидии выделены в 2022-2023 годах.", "2024-03-15", [("2022/2023", ["в 2022-2023 годах"])]),
    ("Стратегия действует с 2021 по 2030 год.", "2024-03-15", [("2021/2030", ["с 2021 по 2030 год"])]),
    ("Завод построят к 2027 году.", "2024-03-15", [("2027", ["2027 году"])]),
    # months
    ("В августе 2023 года кластер вошел в реестр.", "2024-03-15", [("2023-08", ["В августе 2023 года"])]),
    ("В апреле откроется новый цех.", "2024-03-15", [("2024-04", ["В апреле"])]),
    ("В октябре кластер получил субсидию.", "2024-03-15", [("2023-10", ["В октябре"])]),
    ("Работы завершат в конце июня.", "2024-03-15", [("2024-06", ["июня"])]),
    ("В мае этого года подписали соглашение.", "2024-06-15", [("2024-05", ["В мае этого года"])]),
    ("В сентябре-октябре 2023 года прошли консультации.", None, [("2023-09/2023-10", ["В сентябре-октябре 2023 года"])]),
    # relative years
    ("В следующем году парк расширят.", "2024-03-15", [("2025", ["В следующем году"])]),
    ("В этом году в реестр войдут три кластера.", "2024-03-15", [("2024", ["В этом году"])]),
    ("В прошлом году кластер получил статус.", "2024-03-15", [("2023", ["В прошлом году"])]),
    ("По итогам прошлого года выручка выросла.", "2024-03-15", [("2023", ["прошлого года"])]),
    ("В этом году откроют технопарк.", None, []),
    ("В этом году откроют технопарк.", "2024", [("2024", ["В этом году"])]),
    # numeric forms
    ("Приказ от 14.03.2024 вступил в силу.", None, [("2024-03-14", ["14.03.2024"])]),
    ("Отчет опубликован 14-03-2024 на сайте.", None, [("2024-03-14", ["14-03-2024"])]),
    ("Письмо от 05.03.24 получено.", None, [("2024-03-05", ["05.03.24"])]),
    ("Архивный акт от 12.10.98 найден.", None, [("1998-10-12", ["12.10.98"])]),
    ("Отчет от 2023-11-05 принят.", None, [("2023-11-05", ["2023-11-05"])]),
    ("Дата 31.02.2024 указана с ошибкой, как и 30 февраля.", None, []),
    # no year known: never invented
    ("Заседание прошло 20 июня.", None, [("XXXX-06-20", ["20 июня"])]),
    ("Работы начались в июле.", None, [("XXXX-07", ["в июле"])]),
])
def test_russian_dates(text, published, expected):
    assert _dates(text, published) == expected


@pytest.mark.parametrize("text", [
    "В ближайшие полтора года в регионе создадут пять кластеров.",
    "Проект реализуют за 5 лет.",
    "На сегодня в кластер входят 18 предприятий.",
    "Работа ведется согласно Постановлению № 1119 правительства.",
    "Справки по телефону 8-800-250-12-12 или +7 (3822) 51-12-12.",
    "Начало в 10:55, окончание в 12:30.",
    "Предприятию 25 лет, директору 48 лет.",
    "Кластер объединяет 2024 участника.",
])
def test_russian_non_dates(text):
    assert _dates(text) == []


def test_month_without_year_takes_the_year_of_the_same_month_elsewhere():
    text = "Работы ведутся с июня.\nНапомним, что в июне 2022 года было подписано соглашение."
    assert _dates(text, None) == [("2022-06", ["с июня", "в июне 2022 года"])]


def test_month_without_year_takes_a_year_from_its_paragraph():
    assert _dates("В 2021 году завод запустили, а в мае получили первый заказ.", None) == [
        ("2021", ["В 2021 году"]), ("2021-05", ["в мае"])]


def test_yesterday_with_a_date_that_disagrees_keeps_the_written_date():
    assert _dates("Вчера, 10 марта, открылся парк.", "2024-03-15") == [("2024-03-10", ["Вчера, 10 марта"])]


def test_dateline_is_metadata_not_a_date():
    text = "Заголовок новости\n14 марта, 09:30\nВ 2023 году в регионе открылся технопарк."
    assert _dates(text) == [("2023", ["В 2023 году"])]
    assert len(date_spans(_doc(text))) == 2


def test_repeated_value_is_one_fact_with_every_mention():
    text = "В 2023 году открыли парк. В 2023 году создали кластер.\nИтоги 2023 года подвели."
    (fact,) = extract_dates(_doc(text))
    assert fact.attrs == {"value": "2023"}
    assert [m.text for m in fact.mentions] == ["В 2023 году", "В 2023 году", "2023 года"]
    assert [m.start for m in fact.mentions] == sorted(m.start for m in fact.mentions)


@pytest.mark.parametrize("text, published, expected", [
    ("Since March, we have been working with the cluster. In March 2022, they signed an agreement.", None,
     [("2022-03", ["Since March", "In March 2022"])]),
    ("The forum was held on 14 March 2024 in Tomsk.", None, [("2024-03-14", ["14 March 2024"])]),
    ("The forum was held on March 14, 2024.", None, [("2024-03-14", ["March 14, 2024"])]),
    ("The session took place on October 18-19, 2023.", None, [("2023-10-18/2023-10-19", ["October 18-19, 2023"])]),
    ("The park was founded in May 2021.", None, [("2021-05", ["in May 2021"])]),
    ("In June the plant will open.", "2024-03-15", [("2024-06", ["In June"])]),
    ("In 2023 the cluster was registered.", None, [("2023", ["In 2023"])]),
    ("By 2030 the region plans ten parks.", None, [("2030", ["2030"])]),
    ("This year the fund supported five projects.", "2024-03-15", [("2024", ["This year"])]),
    ("Yesterday the minister visited the park.", "2024-03-15", [("2024-03-14", ["Yesterday"])]),
    ("Over the course of 2 days experts met.", None, []),
    ("Decree No. 1119 was amended. You may 5 times apply.", None, []),
    ("The plant will open on 1 June.", None, [("XXXX-06-01", ["1 June"])]),
])
def test_english_dates(text, published, expected):
    assert _dates(text, published, "en") == expected


@pytest.mark.parametrize("text, lang, expected", [
    # an event told in the past or future: the day
    ("Сегодня в Казани открылся форум.", "ru", [("2024-03-15", ["Сегодня"])]),
    ("Сегодня на площадке пройдет ярмарка.", "ru", [("2024-03-15", ["Сегодня"])]),
    ("«Сегодня мы подписали соглашение», — сказал он.", "ru", [("2024-03-15", ["Сегодня"])]),
    ("Today the governor opened the plant.", "en", [("2024-03-15", ["Today"])]),
    # how things are now: no date
    ("Сегодня в технопарке трудятся 300 человек.", "ru", []),
    ("«Сегодня отрасль испытывает дефицит кадров», — заявил министр.", "ru", []),
    ("Today the cluster unites 40 firms.", "en", []),
    # the other relative days stay
    ("Вчера в парке работают эксперты.", "ru", [("2024-03-14", ["Вчера"])]),
    ("Завтра выставка открыта до вечера.", "ru", [("2024-03-16", ["Завтра"])]),
])
def test_bare_today_is_a_day_only_for_an_event(text, lang, expected):
    assert _dates(text, "2024-03-15", lang) == expected


@pytest.mark.parametrize("text, lang, expected", [
    ("The plan for 2025–2027 covers ten parks.", "en", [("2025/2027", ["2025–2027"])]),
    ("In 2023-2024 the fund grew.", "en", [("2023/2024", ["In 2023-2024"])]),
    ("From 2020 to 2025 it doubled.", "en", [("2020/2025", ["From 2020 to 2025"])]),
    ("From April to June 2024 the park grew.", "en", [("2024-04/2024-06", ["From April to June 2024"])]),
    ("The forum ran from 3 to 5 June 2024.", "en", [("2024-06-03/2024-06-05", ["from 3 to 5 June 2024"])]),
    ("The strategy to 2035 was adopted.", "en", [("2035", ["2035"])]),
    ("Codes 2026–2024 were reused.", "en", []),
    ("Льготы продлят на период до 2030 года.", "ru", [("2030", ["2030 года"])]),
    ("Средства поступят в 2025–2026 годах.", "ru", [("2025/2026", ["в 2025–2026 годах"])]),
])
def test_ranges_with_to_and_year_ranges(text, lang, expected):
    assert _dates(text, None, lang) == expected


@pytest.mark.parametrize("text, lang, expected", [
    # a later date told in the future, an earlier one in the past: the full date's year
    ("On 3 April 2024 the ministry signed the plan.\nA seminar will be held on 20–21 May.\n"
     "The audit will end by the end of October.", "en",
     [("2024-04-03", ["3 April 2024"]), ("2024-05-20/2024-05-21", ["20–21 May"]), ("2024-10", ["October"])]),
    ("On 3 April 2024 the ministry signed the plan.\nIn February the park was opened.", "en",
     [("2024-04-03", ["3 April 2024"]), ("2024-02", ["In February"])]),
    ("14 мая 2024 года подписано соглашение.\nСеминар пройдет 11–12 июня.", "ru",
     [("2024-05-14", ["14 мая 2024 года"]), ("2024-06-11/2024-06-12", ["11–12 июня"])]),
    # the tense does not fit, or no full date: the year stays unknown
    ("On 3 April 2024 the ministry signed the plan.\nIn June the park was opened.\n"
     "A seminar will be held on 20 March.", "en",
     [("2024-04-03", ["3 April 2024"]), ("XXXX-06", ["In June"]), ("XXXX-03-20", ["20 March"])]),
    ("Since 2019 the park has grown.\nIn June the board will meet.", "en",
     [("2019", ["Since 2019"]), ("XXXX-06", ["In June"])]),
    # a deadline's year is no year of the paragraph's events
    ("Its programme to 2027 is approved, and in March a contract was signed.", "en",
     [("2027", ["2027"]), ("XXXX-03", ["in March"])]),
])
def test_dates_without_a_year_take_the_year_of_a_full_date_when_the_tense_fits(text, lang, expected):
    assert _dates(text, None, lang) == expected


@pytest.mark.parametrize("text, published, lang, expected", [
    ("В прошлом году парк получил субсидию, в следующем году его расширят.", "2024", "ru",
     [("2023", ["В прошлом году"]), ("2025", ["в следующем году"])]),
    ("В этом году открыли парк.", "2024-06", "ru", [("2024", ["В этом году"])]),
    ("Last year the fund grew. Next year the park will expand.", "2024", "en",
     [("2023", ["Last year"]), ("2025", ["Next year"])]),
    # no publication year: a relative year has no calendar anchor, so it is no date
    ("В прошлом году парк получил субсидию.", None, "ru", []),
    ("Last year the fund grew.", None, "en", []),
])
def test_relative_years_need_the_publication_year(text, published, lang, expected):
    assert _dates(text, published, lang) == expected


@pytest.mark.parametrize("text, lang, expected", [
    ("ОМСК, 3 июня 2024. В 2023 году открыли парк.", "ru", [("2023", ["В 2023 году"])]),
    ("MOSCOW, May 14 (Reuters) - In 2023 the plant opened.", "en", [("2023", ["In 2023"])]),
    ("Текст новости.\nОпубликовано 15.03.2024 в 12:40 | Просмотров: 1 245", "ru", []),
])
def test_agency_datelines_and_publication_stamps_are_metadata(text, lang, expected):
    assert _dates(text, "2024-03-15", lang) == expected
    assert len(date_spans(_doc(text, "2024-03-15", lang))) == len(expected) + 1


def test_capitals_opening_a_sentence_that_goes_on_are_no_dateline():
    assert _dates("АКИТ РФ, 3 июня 2024 года подписала соглашение.") == [("2024-06-03", ["3 июня 2024 года"])]


@pytest.mark.parametrize("text, dateline, expected", [
    # past-tense report of a year: the article is from that year
    ("Губернатор подвел итоги. В 2023 году в регионе было создано четыре кластера. "
     "В следующем году планируется открыть технопарк.", "--12-05", ("2023-12-05", 0.7)),
    # future deadline: the article is before it
    ("Позавчера прошло совещание.\nВчера, 14 марта, в правительстве прошла встреча.\n"
     "До 1 июня 2022 года заявка будет направлена в министерство.", None, ("2022-03-15", 0.7)),
    # both cues pin the year
    ("Сегодня, 3 октября, подведены итоги. В 2023 году создан технопарк. "
     "До 1 марта 2024 года будет подготовлена документация.", None, ("2023-10-03", 0.9)),
    # the deadline's date is past the dateline's in the same year: the year before
    ("До 1 февраля 2025 года проект будет завершен.", "--11-20", ("2024-11-20", 0.7)),
    # no day: a year alone
    ("В 2022 году кластер получил субсидию.", None, ("2022", 0.4)),
    # a deadline told in the past bounds nothing: the past report fixes the year
    ("Губернатору поручено до 1 марта 2025 года подготовить проект. В 2023 году завод был открыт.", None,
     ("2023", 0.4)),
    # relative years fix nothing
    ("В этом году откроется парк, а в следующем году — второй.", "--11-20", (None, 0.0)),
    ("Вчера, 14 марта, прошла встреча.", None, (None, 0.0)),
    ("", None, (None, 0.0)),
])
def test_infer_published(text, dateline, expected):
    assert infer_published(text, dateline) == expected


@pytest.mark.parametrize("text, published, lang, expected", [
    # quarters and half-years are month intervals
    ("Завод запустят в четвертом квартале 2026 года.", "2024-03-15", "ru",
     [("2026-10/2026-12", ["в четвертом квартале 2026 года"])]),
    ("В первом полугодии 2023 года выпуск вырос.", "2024-03-15", "ru",
     [("2023-01/2023-06", ["В первом полугодии 2023 года"])]),
    ("По итогам 2-го полугодия прошлого года прибыль выросла.", "2024-03-15", "ru",
     [("2023-07/2023-12", ["2-го полугодия прошлого года"])]),
    ("Во II квартале 2022 г. заказы упали.", "2024-03-15", "ru", [("2022-04/2022-06", ["Во II квартале 2022 г."])]),
    ("В первой половине 2025 года экспорт вырос.", "2025-09-15", "ru",
     [("2025-01/2025-06", ["В первой половине 2025 года"])]),
    # a season with its year is its months; a half or a season with no year is no date
    ("Корпус сдадут летом 2026 года, а осенью 2027 года — второй.", "2025-03-15", "ru",
     [("2026-06/2026-08", ["летом 2026 года"]), ("2027-09/2027-11", ["осенью 2027 года"])]),
    ("В первой половине дня весной всё решили.", "2025-03-15", "ru", []),
    # without a year: the publication year, shifted by the tense only when the period does not hold it
    ("В III квартале фонд проведет сессию.", "2024-08-20", "ru", [("2024-07/2024-09", ["В III квартале"])]),
    ("Работы завершат до конца третьего квартала.", "2024-03-15", "ru", [("2024-07/2024-09", ["третьего квартала"])]),
    ("В четвертом квартале завод получил кредит.", "2024-03-15", "ru", [("2023-10/2023-12", ["В четвертом квартале"])]),
    ("В первом квартале завод выпустит станки.", "2024-09-10", "ru", [("2025-01/2025-03", ["В первом квартале"])]),
    ("Output rose in the second quarter of 2024.", "2025-03-15", "en",
     [("2024-04/2024-06", ["in the second quarter of 2024"])]),
    ("The customs post will open in the fourth quarter of 2025.", "2025-03-15", "en",
     [("2025-10/2025-12", ["in the fourth quarter of 2025"])]),
    ("Sales will start in Q4 2025, exports in H1 2026.", "2025-03-15", "en",
     [("2025-10/2025-12", ["in Q4 2025"]), ("2026-01/2026-06", ["in H1 2026"])]),
    ("In Q3 the plant will open.", "2025-03-15", "en", [("2025-07/2025-09", ["In Q3"])]),
    ("The plant opened in the first half of last year.", "2025-03-15", "en",
     [("2024-01/2024-06", ["in the first half of last year"])]),
    ("В 1 квартале 2023 года и во 2 квартале выпуск рос.", "2024-03-15", "ru",
     [("2023-01/2023-03", ["В 1 квартале 2023 года"]), ("2023-04/2023-06", ["во 2 квартале"])]),
    ("In the second half of the year the park will grow.", "2025-03-15", "en",
     [("2025-07/2025-12", ["In the second half of the year"])]),
    # no such period, a count of quarters, a half of something else, a bare abbreviation: no date
    ("В третьем полугодии нет смысла.", "2024-03-15", "ru", []),
    ("За 4 квартала выручка выросла.", "2024-03-15", "ru", []),
    ("In the second half of the season sales grew.", "2025-03-15", "en", []),
    ("H2 production and Q3 results grew.", "2025-03-15", "en", []),
    # month ranges with «с … по …» are one period
    ("С февраля по май 2023 года завод выпустил 40 станков.", "2024-03-15", "ru",
     [("2023-02/2023-05", ["С февраля по май 2023 года"])]),
    ("С марта по июнь цех работал в три смены.", "2024-09-01", "ru", [("2024-03/2024-06", ["С марта по июнь"])]),
    # relative years in the nominative and accusative
    ("Прошлый год стал для кластера рекордным.", "2024-03-15", "ru", [("2023", ["Прошлый год"])]),
    ("Планы на следующий год утверждены.", "2024-03-15", "ru", [("2025", ["следующий год"])]),
])
def test_quarters_half_years_month_ranges_and_relative_years(text, published, lang, expected):
    assert _dates(text, published, lang) == expected


@pytest.mark.parametrize("text, published, lang, expected", [
    # the publication week (2024-03-15 is a Friday): on or before it, unless told in the future
    ("The ministry said on Tuesday that the park is full.", "2024-03-15", "en", [("2024-03-12", ["Tuesday"])]),
    ("The board will meet on Monday.", "2024-03-15", "en", [("2024-03-18", ["Monday"])]),
    ("On Friday the park opened.", "2024-03-15", "en", [("2024-03-15", ["Friday"])]),
    ("В среду губернатор подписал указ.", "2024-03-15", "ru", [("2024-03-13", ["В среду"])]),
    ("Во вторник пройдет совещание.", "2024-03-15", "ru", [("2024-03-19", ["Во вторник"])]),
    # a date after the weekday is the date; no publication day, no date
    ("В среду, 13 марта, открылся цех.", "2024-03-15", "ru", [("2024-03-13", ["13 марта"])]),
    ("On Wednesday, March 13, the plant opened.", "2024-03-15", "en", [("2024-03-13", ["March 13"])]),
    ("The ministry said on Tuesday that the park is full.", "2024", "en", []),
])
def test_weekdays_are_days_of_the_publication_week(text, published, lang, expected):
    assert _dates(text, published, lang) == expected


def test_date_opening_a_line_with_a_time_is_a_stamp():
    text = "Заголовок\n03.09.2024, 10:05 · Экономика\nВ 2023 году открыли парк."
    assert _dates(text) == [("2023", ["В 2023 году"])]


@pytest.mark.parametrize("text, dateline, expected", [
    # the latest past-tense report fixes the year, whatever future years the article plans
    ("С января по сентябрь 2024 года фонд выдал 20 займов. В 2027 году завод выйдет на мощность.", "--11-14",
     ("2024-11-14", 0.9)),
    # the next year when the day falls before the report's last month began
    ("С января по сентябрь 2024 года фонд выдал 20 займов.", "--08-10", ("2025-08-10", 0.7)),
    ("В 2023 году открыли парк. В 2026 году откроют второй.", None, ("2023", 0.6)),
    # bounds that contradict each other: no guess
    ("В 2025 году открыли парк. До 1 марта 2024 года будет готов проект.", "--06-01", (None, 0.0)),
])
def test_infer_published_prefers_the_lower_bound_of_past_reports(text, dateline, expected):
    assert infer_published(text, dateline) == expected


_RU_SOUP = st.text(alphabet="0123456789 .,-–—:/№()«»\nвчерасгодняюлмтбркзипВСДН", max_size=80)
_WORDS = st.lists(st.sampled_from([
    "Вчера,", "сегодня", "в", "В", "с", "по", "до", "2023", "году", "года", "11", "20-21", "июля",
    "марта", "мая", "декабря", "этом", "следующем", "будет", "было", "создано", "Since", "July",
    "in", "2024", "29.02.2024", "05.03.24", "10:55", "№", "779", ",", ".", "\n", "–", "31.02.2024",
    "III", "третьем", "квартале", "полугодии", "сентябрь", "среду", "the", "third", "quarter", "of", "Q3",
    "on", "Wednesday",
]), max_size=25).map(" ".join)


@settings(max_examples=120, deadline=None)
@given(st.one_of(_RU_SOUP, _WORDS, st.text(max_size=60)), st.sampled_from(["2024-02-29", None, "2024"]),
       st.sampled_from(["ru", "en"]))
def test_dates_never_raise_and_mentions_match_the_text(text, published, lang):
    doc = _doc(text, published, lang)
    for fact in extract_dates(doc):
        for m in fact.mentions:
            assert 0 <= m.start < m.end <= len(text)
            assert m.text == text[m.start:m.end]


@settings(max_examples=80, deadline=None)
@given(st.one_of(_RU_SOUP, _WORDS), st.one_of(st.none(), st.sampled_from(["--11-20", "--02-29", "--13-40"])))
def test_infer_published_never_raises(text, dateline):
    value, confidence = infer_published(text, dateline)
    assert 0.0 <= confidence <= 1.0
    assert (value is None) == (confidence == 0.0)
