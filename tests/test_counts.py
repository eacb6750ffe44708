"""Counts: numbers with the noun phrase they count, lemmatised; and what is not a count."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusterkb.extract.counts import extract_counts
from clusterkb.model import Article
from clusterkb.extract.document import Document, make_document


def _doc(text: str, lang: str = "ru") -> Document:
    return make_document(Article(id="t", path="t.txt", text=text, published="2024-03-15", lang=lang))


def _counts(text: str, lang: str = "ru") -> list[tuple]:
    return [(f.attrs["value"], f.attrs["unit"], f.attrs["head"], f.attrs["approximate"], [m.text for m in f.mentions])
            for f in extract_counts(_doc(text, lang))]


@pytest.mark.parametrize("text, expected", [
    ("Субсидии получат 12 промышленных кластеров.",
     [(12, "промышленный кластер", "кластер", False, ["12 промышленных кластеров"])]),
    ("Средства направят 12 промышленным кластерам.",
     [(12, "промышленный кластер", "кластер", False, ["12 промышленным кластерам"])]),
    ("В ассоциацию вошла 31 компания.", [(31, "компания", "компания", False, ["31 компания"])]),
    ("Заявки подали еще 45 организаций.", [(45, "организация", "организация", False, ["45 организаций"])]),
    ("В проработке около 180 потенциальных резидентов.",
     [(180, "потенциальный резидент", "резидент", True, ["180 потенциальных резидентов"])]),
    ("Запущены три производственные кооперационные цепочки.",
     [(3, "производственная кооперационная цепочка", "цепочка", False,
       ["три производственные кооперационные цепочки"])]),
    ("Реализуются 6 инвестиционных проектов по выпуску удобрений.",
     [(6, "инвестиционный проект", "проект", False, ["6 инвестиционных проектов"])]),
    ("В реестр включены два индустриальных парка и один технопарк.",
     [(2, "индустриальный парк", "парк", False, ["два индустриальных парка"]),
      (1, "технопарк", "технопарк", False, ["один технопарк"])]),
    ("Появилось пятнадцать новых рабочих мест.",
     [(15, "новое рабочее место", "место", False, ["пятнадцать новых рабочих мест"])]),
    ("Предприятие наняло двадцать одного инженера.",
     [(21, "инженер", "инженер", False, ["двадцать одного инженера"])]),
    ("Обучение прошли более 300 специалистов.",
     [(300, "специалист", "специалист", True, ["300 специалистов"])]),
    ("Заводы посетили свыше 1 500 школьников.", [(1500, "школьник", "школьник", True, ["1 500 школьников"])]),
    ("Ярмарку посетили 9,3 тыс. человек.", [(9300, "человек", "человек", False, ["9,3 тыс. человек"])]),
    # a word that can be a noun but agrees with the noun after it is its adjective
    ("За три прошедших месяца парк вырос.", [(3, "прошедший месяц", "месяц", False, ["три прошедших месяца"])]),
    # a share is no count of thirds
    ("Резиденты заняли две трети площади и три четверти складов.", []),
])
def test_russian_counts(text, expected):
    assert _counts(text) == expected


def test_coordinated_adjectives_share_the_noun_and_elided_noun_takes_it():
    text = ("В 2023 году зарегистрировано семь региональных и два межрегиональных "
            "промышленных кластера, а также подготовлены документы еще трех.")
    assert _counts(text) == [
        (7, "региональный промышленный кластер", "кластер", False, ["семь региональных"]),
        (2, "межрегиональный промышленный кластер", "кластер", False, ["два межрегиональных промышленных кластера"]),
        (3, "промышленный кластер", "кластер", False, ["трех"]),
    ]


def test_elided_noun_after_a_plain_count():
    assert _counts("Сейчас работают 4 технопарка, к концу года откроются еще два.") == [
        (4, "технопарк", "технопарк", False, ["4 технопарка"]),
        (2, "технопарк", "технопарк", False, ["два"]),
    ]


@pytest.mark.parametrize("text, expected", [
    ("Льгота действует полтора года.", [(1.5, "год", "год", False, ["полтора года"])]),
    ("Компенсируют до 80% затрат.", [(80, "процент", "процент", True, ["80%"])]),
    ("Доля выросла на 12 процентов.", [(12, "процент", "процент", False, ["12 процентов"])]),
    ("Площадь парка — 212 га.", [(212, "гектар", "гектар", False, ["212 га"])]),
    ("Построят 40 тыс. кв. м цехов.", [(40000, "квадратный метр", "метр", False, ["40 тыс. кв. м"])]),
    ("Дорога длиной 7 км.", [(7, "километр", "километр", False, ["7 км"])]),
    ("Завод выпустит 500 т продукции.", [(500, "тонна", "тонна", False, ["500 т"])]),
    ("Мощность станции 25 МВт.", [(25, "мегаватт", "мегаватт", False, ["25 МВт"])]),
    ("Срок строительства 3 года.", [(3, "год", "год", False, ["3 года"])]),
])
def test_russian_measures_and_durations(text, expected):
    assert _counts(text) == expected


@pytest.mark.parametrize("text", [
    "Проекты на общую сумму 4,2 млрд рублей.",
    "В 2024 году кластер вошел в реестр.",
    "Совещание прошло 14 марта.",
    "Документ утвержден постановлением № 1119.",
    "Звоните по телефону 8-800-250-12-12.",
    "Участниками первой из цепочек стали заводы, вторая формируется.",
    "Это 2-й этап и 3-я очередь.",
    "Регион стал одним из первых в стране.",
    "Компания «Три кита» и кластер «Технополис 2» подписали соглашение.",
    "Заседание началось в 10:30.",
    "Показатель вырос в 2 раза.",
    "Из них 5 уже работают.",
    "На сегодня в кластере 18.",
])
def test_russian_non_counts(text):
    assert _counts(text) == []


@pytest.mark.parametrize("text, expected", [
    ("Over the course of 3 days, experts reviewed the methodology.", [(3, "day", "day", False, ["3 days"])]),
    ("The region sent documents for 6 industrial clusters.",
     [(6, "industrial cluster", "cluster", False, ["6 industrial clusters"])]),
    ("More than 120 companies joined the association.", [(120, "company", "company", True, ["120 companies"])]),
    ("The fund supported twelve new projects and one technopark.",
     [(12, "new project", "project", False, ["twelve new projects"]),
      (1, "technopark", "technopark", False, ["one technopark"])]),
    ("About 800 people attended.", [(800, "person", "person", True, ["800 people"])]),
    ("The plant covers 7,500 m2 and 40 hectares.",
     [(7500, "square metre", "metre", False, ["7,500 m2"]), (40, "hectare", "hectare", False, ["40 hectares"])]),
    ("Costs are covered up to 50%.", [(50, "percent", "percent", True, ["50%"])]),
    ("Three regional and two interregional industrial clusters were created.",
     [(3, "regional industrial cluster", "cluster", False, ["Three regional"]),
      (2, "interregional industrial cluster", "cluster", False, ["two interregional industrial clusters"])]),
])
def test_english_counts(text, expected):
    assert _counts(text, "en") == expected


@pytest.mark.parametrize("text", [
    "Changes to the Government Decree No. 1119 were discussed.",
    "This is one of the main stages of the work.",
    "In March 2024 the park opened.",
    "The fund invested 3.6 billion rubles and $5 million.",
    "The 2nd stage starts soon.",
])
def test_english_non_counts(text):
    assert _counts(text, "en") == []


def test_one_fact_per_value_and_unit_with_every_mention():
    text = "Создано 5 технопарков.\nВсе 5 технопарков работают, еще 5 кластеров создаются."
    facts = extract_counts(_doc(text))
    assert [(f.attrs["value"], f.attrs["unit"], len(f.mentions)) for f in facts] == [
        (5, "технопарк", 2), (5, "кластер", 1)]


@pytest.mark.parametrize("text, lang, expected", [
    # direct speech: its counts are counts
    ("«Мы запустили четыре новые линии и обучили 75 операторов», — рассказал директор.", "ru",
     [(4, "новая линия", "линия", False, ["четыре новые линии"]),
      (75, "оператор", "оператор", False, ["75 операторов"])]),
    ("«Полторы тысячи заявок — это рекорд», — отметила она.", "ru",
     [(1500, "заявка", "заявка", False, ["Полторы тысячи заявок"])]),
    ("Министр ждет роста «не меньше 30%».", "ru", [(30, "процент", "процент", True, ["30%"])]),
    ('"We expect eight new tenants and 60% occupancy," the director said.', "en",
     [(8, "new tenant", "tenant", False, ["eight new tenants"]), (60, "percent", "percent", False, ["60%"])]),
    # quoted names: their numbers are not counts
    ("Бюро «Вектор-3» и завод «Альфа 7» заключили договор.", "ru", []),
    ("Отель «Пять звезд» открылся у трассы.", "ru", []),
    ("«Технопарк-2» и «Завод имени 1 Мая» получили 3 гранта.", "ru",
     [(3, "грант", "грант", False, ["3 гранта"])]),
    ('The "Park 21" site and the "Zone 4" hub opened.', "en", []),
])
def test_counts_in_quoted_speech_but_not_in_quoted_names(text, lang, expected):
    assert _counts(text, lang) == expected


@pytest.mark.parametrize("text, lang, expected", [
    ("В технопарке зарегистрированы 48 компаний, из них 30 — производственные.", "ru",
     [(48, "компания", "компания", False, ["48 компаний"]), (30, "компания", "компания", False, ["30"])]),
    ("Заявки подали 26 регионов. С девятью из них заключены соглашения.", "ru",
     [(26, "регион", "регион", False, ["26 регионов"]), (9, "регион", "регион", False, ["девятью"])]),
    ("Фонд одобрил 11 проектов, среди которых 4 — в станкостроении.", "ru",
     [(11, "проект", "проект", False, ["11 проектов"]), (4, "проект", "проект", False, ["4"])]),
    ("The fund approved 40 projects, 12 of them in machine building.", "en",
     [(40, "project", "project", False, ["40 projects"]), (12, "project", "project", False, ["12"])]),
    # no antecedent in the same or the previous sentence, or «один из них» (one of them)
    ("Из них 7 уже сданы.", "ru", []),
    ("Построено 6 складов. Погода была хорошей. Из них 2 сданы.", "ru",
     [(6, "склад", "склад", False, ["6 складов"])]),
    ("Открыто 3 цеха. Один из них работает круглосуточно.", "ru", [(3, "цех", "цех", False, ["3 цеха"])]),
    ("Площадь — 40 га, из них 12 застроены.", "ru", [(40, "гектар", "гектар", False, ["40 га"])]),
])
def test_elided_noun_of_a_subset_takes_the_nearest_earlier_count(text, lang, expected):
    assert _counts(text, lang) == expected


@pytest.mark.parametrize("text, expected", [
    ("В кластер входят 37 крупных и средних заводов.",
     [(37, "крупный и средний завод", "завод", False, ["37 крупных и средних заводов"])]),
    ("Создано 9 научных или образовательных центров.",
     [(9, "научный или образовательный центр", "центр", False, ["9 научных или образовательных центров"])]),
    # numbers coordinated, not adjectives: each number keeps its own adjective
    ("Работают 15 новых и 4 старых цеха.",
     [(15, "новый цех", "цех", False, ["15 новых"]), (4, "старый цех", "цех", False, ["4 старых цеха"])]),
    # no noun after the coordinated adjectives: no count
    ("Заводы выпускают 5 крупных и средних.", []),
])
def test_coordinated_adjectives_under_one_number(text, expected):
    assert _counts(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The agency will certify three more parks.", [(3, "park", "park", False, ["three more parks"])]),
    ("Ten more companies joined.", [(10, "company", "company", False, ["Ten more companies"])]),
    ("The board admitted 12 other members.", [(12, "other member", "member", False, ["12 other members"])]),
    ("It is 5 more than planned.", []),
    ("The strategy to 2035 was adopted.", []),
    ("Funding through 2028 amounts to RUB 3 billion.", []),
])
def test_english_more_and_years_after_to(text, expected):
    assert _counts(text, "en") == expected


@pytest.mark.parametrize("text, expected", [
    ("В крае появятся два агропарка.", [(2, "агропарк", "агропарк", False, ["два агропарка"])]),
    ("Запущены три биохаба.", [(3, "биохаб", "биохаб", False, ["три биохаба"])]),
    ("Строят 23 агропарка.", [(23, "агропарк", "агропарк", False, ["23 агропарка"])]),
    ("Создан 21 агропарк.", [(21, "агропарк", "агропарк", False, ["21 агропарк"])]),
    ("В регионе 30 парков.", [(30, "парк", "парк", False, ["30 парков"])]),
])
def test_nouns_pymorphy_does_not_know_take_their_nominative(text, expected):
    assert _counts(text) == expected


@pytest.mark.parametrize("text, lang, expected", [
    # one count per bound, the lower bound with the upper one's unit
    ("Доля импорта сократится с 60 до 35%.", "ru",
     [(60, "процент", "процент", False, ["60"]), (35, "процент", "процент", False, ["35%"])]),
    ("Затраты снизятся на 10-12%.", "ru",
     [(10, "процент", "процент", False, ["10"]), (12, "процент", "процент", False, ["12%"])]),
    ("Экономия составит 5–7 %.", "ru",
     [(5, "процент", "процент", False, ["5"]), (7, "процент", "процент", False, ["7 %"])]),
    ("Создадут 300–400 новых рабочих мест.", "ru",
     [(300, "новое рабочее место", "место", False, ["300"]),
      (400, "новое рабочее место", "место", False, ["400 новых рабочих мест"])]),
    ("Обучат от 1,5 до 2 тыс. инженеров.", "ru",
     [(1500, "инженер", "инженер", False, ["1,5"]), (2000, "инженер", "инженер", False, ["2 тыс. инженеров"])]),
    ("Prices may fall by 25-30%.", "en",
     [(25, "percent", "percent", False, ["25"]), (30, "percent", "percent", False, ["30%"])]),
])
def test_ranges_give_a_count_per_bound(text, lang, expected):
    assert _counts(text, lang) == expected


@pytest.mark.parametrize("text, lang, expected", [
    # «число …» / "the number of …" names what a bare number later in the sentence counts
    ("Число резидентов технопарка достигло 57.", "ru", [(57, "резидент", "резидент", False, ["57"])]),
    ("По количеству технопарков лидируют Татарстан (14) и Пермский край (8).", "ru",
     [(14, "технопарк", "технопарк", False, ["14"]), (8, "технопарк", "технопарк", False, ["8"])]),
    ("The number of certified technoparks in Russia reached 31.", "en",
     [(31, "certified technopark", "technopark", False, ["31"])]),
    ("Leaders by number of clusters: Tatarstan (12), the Perm Territory (9).", "en",
     [(12, "cluster", "cluster", False, ["12"]), (9, "cluster", "cluster", False, ["9"])]),
    # an elided noun before a verb, taken from the nearest count of a noun, not of a measure
    ("The park has 120 residents, up 8% on last year, and another 30 are negotiating.", "en",
     [(120, "resident", "resident", False, ["120 residents"]), (8, "percent", "percent", False, ["8%"]),
      (30, "resident", "resident", False, ["30"])]),
    ("The fund backed 52 startups and another 14 were shortlisted.", "en",
     [(52, "startup", "startup", False, ["52 startups"]), (14, "startup", "startup", False, ["14"])]),
    # a number that counts nothing stays no count
    ("57 is the number of residents.", "en", []),
    ("The number rose to 31.", "en", []),
    ("В том числе 12 уже работают.", "ru", []),
])
def test_elided_nouns_of_number_of_phrases_and_earlier_counts(text, lang, expected):
    assert _counts(text, lang) == expected


@pytest.mark.parametrize("text", [
    "Each rouble of subsidy attracted 4.2 times as much private money.",
    "Exports grew 2.5 times over the year.",
    "Output tripled, rising three times faster than planned.",
])
def test_english_ratios_are_no_counts(text):
    assert _counts(text, "en") == []


_RU_SOUP = st.text(alphabet="0123456789 .,-–:%№«»\"()\nдвухтринпьяеоклсмгаукДТ", max_size=80)
_WORDS = st.lists(st.sampled_from([
    "девять", "региональных", "и", "три", "межрегиональных", "промышленных", "кластера", "еще", "двух",
    "15", "компаний", "около", "9,3", "тыс.", "человек", "164", "га", "кв.", "м", "%", "№", "779",
    "полтора", "года", "3,6", "млрд", "рублей", "2024", "году", "«", "»", ",", ".", "из", "одним",
    "15-20", "с", "до", "число", "парков", "(68)", "number", "of", "another", "were", "times",
]), max_size=25).map(" ".join)


@settings(max_examples=120, deadline=None)
@given(st.one_of(_RU_SOUP, _WORDS, st.text(max_size=60)), st.sampled_from(["ru", "en"]))
def test_counts_never_raise_and_mentions_match_the_text(text, lang):
    for fact in extract_counts(_doc(text, lang)):
        assert fact.attrs["unit"] and fact.attrs["head"]
        for m in fact.mentions:
            assert 0 <= m.start < m.end <= len(text)
            assert m.text == text[m.start:m.end]
