"""Money: exact Decimal amounts with ISO currency codes, hedged sums marked approximate."""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusterkb.model import Article
from clusterkb.extract.document import Document, make_document
from clusterkb.extract.money import extract_money, money_spans
from clusterkb.model import fact_to_json


def _doc(text: str, lang: str = "ru") -> Document:
    return make_document(Article(id="t", path="t.txt", text=text, published="2024-03-15", lang=lang))


def _money(text: str, lang: str = "ru") -> list[tuple]:
    return [(f.attrs["amount"], f.attrs["currency"], f.attrs["approximate"], [m.text for m in f.mentions])
            for f in extract_money(_doc(text, lang))]


@pytest.mark.parametrize("text, expected", [
    ("Проекты на общую сумму 4,2 млрд рублей.", [("4200000000", "RUB", False, ["4,2 млрд рублей"])]),
    ("Пять проектов стоимостью 612,5 млн рублей.", [("612500000", "RUB", False, ["612,5 млн рублей"])]),
    ("Инвестиции составят порядка 612,5 млн рублей.", [("612500000", "RUB", True, ["612,5 млн рублей"])]),
    ("Фонд выдал заем на 9 млрд рублей.", [("9000000000", "RUB", False, ["9 млрд рублей"])]),
    ("Контракт на 2.417.105.220,45 руб. заключен.", [("2417105220.45", "RUB", False, ["2.417.105.220,45 руб."])]),
    ("Грант составил 7,8млн рублей.", [("7800000", "RUB", False, ["7,8млн рублей"])]),
    ("Премия — 300 тыс. руб.", [("300000", "RUB", False, ["300 тыс. руб."])]),
    ("Цена 1 500 ₽ за метр.", [("1500", "RUB", False, ["1 500 ₽"])]),
    ("Взнос 250 р. в месяц.", [("250", "RUB", False, ["250 р."])]),
    ("Субсидия 40 млн руб на оборудование.", [("40000000", "RUB", False, ["40 млн руб"])]),
    ("Выделено два миллиона рублей.", [("2000000", "RUB", False, ["два миллиона рублей"])]),
    ("Экспорт достиг $12 млн.", [("12000000", "USD", False, ["$12 млн"])]),
    ("Поставки на €3 млн.", [("3000000", "EUR", False, ["€3 млн"])]),
    ("Сделка на 1,5 млрд долларов.", [("1500000000", "USD", False, ["1,5 млрд долларов"])]),
    ("Китайский партнер вложит 800 тысяч юаней.", [("800000", "CNY", False, ["800 тысяч юаней"])]),
    ("Казахстанская сторона выделит 25 млн тенге.", [("25000000", "KZT", False, ["25 млн тенге"])]),
    ("Белорусский завод вложил 4 млн белорусских рублей.", [("4000000", "BYN", False, ["4 млн белорусских рублей"])]),
    ("Кредит свыше 50 млн евро.", [("50000000", "EUR", True, ["50 млн евро"])]),
    ("Выручка выросла на 3,6 млрд рублей, а затем еще на 3,6 млрд рублей.",
     [("3600000000", "RUB", False, ["3,6 млрд рублей", "3,6 млрд рублей"])]),
])
def test_russian_money(text, expected):
    assert [(str(a), c, ap, m) for a, c, ap, m in _money(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("The fund approved RUB 4.2 billion in loans.", [("4200000000", "RUB", False, ["RUB 4.2 billion"])]),
    ("Projects worth 4.2 billion rubles were approved.", [("4200000000", "RUB", False, ["4.2 billion rubles"])]),
    ("Exports reached $7 million.", [("7000000", "USD", False, ["$7 million"])]),
    ("The plant raised $12m from investors.", [("12000000", "USD", False, ["$12m"])]),
    ("Up to 2,500 dollars per worker.", [("2500", "USD", True, ["2,500 dollars"])]),
    ("The cluster got EUR 3 million.", [("3000000", "EUR", False, ["EUR 3 million"])]),
])
def test_english_money(text, expected):
    assert [(str(a), c, ap, m) for a, c, ap, m in _money(text, "en")] == expected


@pytest.mark.parametrize("text, lang, expected", [
    # a range's lower bound shares the upper one's scale word and currency
    ("Смета проекта — от 3 до 4 млрд рублей.", "ru",
     [("3000000000", "RUB", ["3"]), ("4000000000", "RUB", ["4 млрд рублей"])]),
    ("Проект оценен в 2–2,5 млрд рублей.", "ru",
     [("2000000000", "RUB", ["2"]), ("2500000000", "RUB", ["2,5 млрд рублей"])]),
    ("Инвестор вложит между 70 и 90 млн юаней.", "ru",
     [("70000000", "CNY", ["70"]), ("90000000", "CNY", ["90 млн юаней"])]),
    ("Costs range from 2 to 3 billion rubles.", "en",
     [("2000000000", "RUB", ["2"]), ("3000000000", "RUB", ["3 billion rubles"])]),
    ("Билет стоит от 300 до 500 рублей.", "ru", [("300", "RUB", ["300"]), ("500", "RUB", ["500 рублей"])]),
    # a coordinated sum with a scale word shares the currency of the next one
    ("Гранты на 150 млн и 90 млн рублей получили два вуза.", "ru",
     [("150000000", "RUB", ["150 млн"]), ("90000000", "RUB", ["90 млн рублей"])]),
    ("Фонды дали 2 млрд, 700 млн и 300 млн рублей.", "ru",
     [("2000000000", "RUB", ["2 млрд"]), ("700000000", "RUB", ["700 млн"]), ("300000000", "RUB", ["300 млн рублей"])]),
    # without a scale word a coordinated number is no sum
    ("В 12 и 14 цехах освоено 80 млн рублей.", "ru", [("80000000", "RUB", ["80 млн рублей"])]),
])
def test_sums_sharing_the_currency_of_the_next_sum(text, lang, expected):
    assert [(str(a), c, m) for a, c, _, m in _money(text, lang)] == expected


@pytest.mark.parametrize("text, expected", [
    # a number with a scale word and no noun after it, after sums of one currency in its paragraph
    ("Бюджет программы — 900 млн рублей. Еще 300 млн выделит область.",
     [("900000000", "RUB", ["900 млн рублей"]), ("300000000", "RUB", ["300 млн"])]),
    ("Деньги получат Тула (1,2 млрд рублей), Орел (630 млн рублей) и Курск — 450 млн.",
     [("1200000000", "RUB", ["1,2 млрд рублей"]), ("630000000", "RUB", ["630 млн рублей"]),
      ("450000000", "RUB", ["450 млн"])]),
    ("Экспорт достиг $40 млн. Еще 15 млн придется на Китай.",
     [("40000000", "USD", ["$40 млн"]), ("15000000", "USD", ["15 млн"])]),
    # a noun after it, another paragraph, mixed currencies, no sum before it or no scale word: no sum
    ("Бюджет — 900 млн рублей. Население области — 1,3 млн человек.", [("900000000", "RUB", ["900 млн рублей"])]),
    ("Бюджет — 900 млн рублей, на стройке заняты 2 тыс. рабочих.", [("900000000", "RUB", ["900 млн рублей"])]),
    ("Бюджет — 900 млн рублей.\nЕще 300 млн выделит область.", [("900000000", "RUB", ["900 млн рублей"])]),
    ("Вложено 4 млн юаней и 9 млн рублей. Еще 2 млн добавит банк.",
     [("4000000", "CNY", ["4 млн юаней"]), ("9000000", "RUB", ["9 млн рублей"])]),
    ("Еще 300 млн выделит область. Всего проект стоит 1 млрд рублей.", [("1000000000", "RUB", ["1 млрд рублей"])]),
    ("Бюджет — 900 млн рублей. Еще 300 выделит область.", [("900000000", "RUB", ["900 млн рублей"])]),
])
def test_sum_with_the_currency_left_out_takes_its_paragraphs_currency(text, expected):
    assert [(str(a), c, m) for a, c, _, m in _money(text)] == expected


@pytest.mark.parametrize("text", [
    "В кластер вошли 15 компаний.",
    "В 2024 году сумма субсидий выросла.",
    "Приказ № 500 о рублевых расчетах.",
    "Компания «Рубль» открыла офис.",
])
def test_non_money(text):
    assert _money(text) == []


def test_amount_is_exact_decimal_and_serialises_without_float_noise():
    (fact,) = extract_money(_doc("Смета — 1.844.036.360,12 руб."))
    assert fact.attrs["amount"] == Decimal("1844036360.12")
    assert fact_to_json(fact)["amount"] == 1844036360.12
    (fact,) = extract_money(_doc("Смета — 3,6 млрд рублей."))
    assert fact_to_json(fact)["amount"] == 3600000000


def test_money_spans_cover_each_sum():
    text = "Проекты на 4,2 млрд рублей и $12 млн."
    assert [text[a:b] for a, b in money_spans(_doc(text))] == ["4,2 млрд рублей", "$12 млн"]


_SOUP = st.text(alphabet="0123456789 .,-:$€₽%\nрублейтысмнодаrubleUSDmilonb", max_size=80)
_WORDS = st.lists(st.sampled_from([
    "3,6", "млрд", "рублей", "руб.", "р.", "$5", "млн", "€2", "порядка", "808,5", "тыс.", "юаней",
    "тенге", "белорусских", "RUB", "billion", "rubles", "1.844.036.360,12", "два", "миллиона", ".", ",",
    "от", "до", "и", "5–7", "Еще", "добавит", "\n",
]), max_size=25).map(" ".join)


@settings(max_examples=120, deadline=None)
@given(st.one_of(_SOUP, _WORDS, st.text(max_size=60)), st.sampled_from(["ru", "en"]))
def test_money_never_raises_and_mentions_match_the_text(text, lang):
    for fact in extract_money(_doc(text, lang)):
        assert isinstance(fact.attrs["amount"], Decimal)
        for m in fact.mentions:
            assert 0 <= m.start < m.end <= len(text)
            assert m.text == text[m.start:m.end]
