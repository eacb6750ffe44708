"""Organisations: whole quoted names, nominative head, aliases merged within an article."""
from __future__ import annotations

from clusterkb.lang.normalize import nominative_phrase
from conftest import by_name, facts_of


def test_only_the_head_inflects():
    assert nominative_phrase("Фондом развития промышленности Омской области") == \
        "Фонд развития промышленности Омской области"
    assert nominative_phrase("Ассоциацией кластеров, технопарков и ОЭЗ России") == \
        "Ассоциация кластеров, технопарков и ОЭЗ России"
    assert nominative_phrase("индустриального парка «Станкомаш»") == "индустриальный парк «Станкомаш»"
    assert nominative_phrase("АО «Концерн «Калашников»") == "АО «Концерн «Калашников»"


def test_quoted_names_are_kept_whole_with_their_type():
    text = ("В регионе появится туристический кластер на базе Группы компаний «Велес». "
            "Резидентом индустриального парка «Станкомаш» стало АО «Концерн «Калашников».")
    names = set(by_name(facts_of(text, "organization")))
    assert "Группа компаний «Велес»" in names
    assert "индустриальный парк «Станкомаш»" in names
    assert "АО «Концерн «Калашников»" in names


def test_abbreviation_in_parentheses_and_its_variants_are_one_organisation():
    text = ("Совещание прошло с Ассоциацией кластеров, технопарков и ОЭЗ России (АКИТ). "
            "АКИТ РФ поможет региону. Эксперты Ассоциации подготовят документы.")
    orgs = facts_of(text, "organization")
    assert len(orgs) == 1
    org = orgs[0].attrs
    assert org["name"] == "Ассоциация кластеров, технопарков и ОЭЗ России"
    assert {"АКИТ", "АКИТ РФ", "Ассоциация"} <= set(org["aliases"])


def test_federal_bodies_in_any_case_and_spelling_are_one_with_a_canonical_name():
    text = ("Документы направят в минпромторг РФ до конца года. "
            "Заявку одобрили в Минпромторге России.")
    orgs = facts_of(text, "organization")
    assert len(orgs) == 1
    assert orgs[0].attrs["canonical"] == "Министерство промышленности и торговли Российской Федерации"


def test_government_of_a_region_said_two_ways():
    text = ("В курганском правительстве заявили о планах. "
            "Решение принято на заседании правительства Курганской области.")
    orgs = facts_of(text, "organization")
    assert [o.attrs["name"] for o in orgs] == ["правительство Курганской области"]
    assert orgs[0].attrs["aliases"] == ["курганское правительство"]


def test_region_stays_with_the_fund():
    text = "Заём выдан Фондом развития промышленности Самарской области."
    assert "Фонд развития промышленности Самарской области" in by_name(facts_of(text, "organization"))


def test_a_description_opening_a_sentence_is_not_an_organisation():
    text = ("Специализированная организация кластера подготовит заявку. "
            "Парк займёт 120 гектаров. Минпромторг России одобрил проект.")
    names = set(by_name(facts_of(text, "organization")))
    assert names == {"Минпромторг России"}


def test_a_coordinated_list_of_genitives_belongs_to_the_ministry():
    text = "Заявку рассмотрят в министерстве промышленности, энергетики и транспорта Тульской области до конца месяца."
    assert "министерство промышленности, энергетики и транспорта Тульской области" in by_name(facts_of(text, "organization"))


def test_a_republic_stays_with_its_fund_and_an_alias_in_parentheses_joins():
    text = ("Заём выдал Фонд развития промышленности Республики Башкортостан. Документы согласованы "
            "в Министерстве промышленности и энергетики Республики Башкортостан (Минпромэнерго РБ).")
    orgs = by_name(facts_of(text, "organization"))
    assert "Фонд развития промышленности Республики Башкортостан" in orgs
    assert orgs["Министерство промышленности и энергетики Республики Башкортостан"].attrs["aliases"] == ["Минпромэнерго РБ"]


def test_a_quoted_name_after_a_kind_of_body_is_an_organisation_in_any_case():
    text = ("Участники промышленного кластера «Волжские полимеры» встретились в индустриальном парке "
            "«Заречье-Бизнес». Кредит выдал банк «Северный кредит».")
    names = set(by_name(facts_of(text, "organization")))
    assert {"промышленный кластер «Волжские полимеры»", "индустриальный парк «Заречье-Бизнес»"} <= names


def test_the_federal_fund_and_a_regional_fund_stay_apart():
    text = ("Проект поддержал Фонд развития промышленности (ФРП). Софинансирование обеспечил "
            "Фонд развития промышленности Курганской области. ФРП выдаст заём на пять лет.")
    orgs = by_name(facts_of(text, "organization"))
    assert orgs["Фонд развития промышленности"].attrs["aliases"] == ["ФРП"]
    assert orgs["Фонд развития промышленности Курганской области"].attrs["aliases"] == []


def test_an_abbreviation_said_twice_and_explained_by_no_name_joins_the_one_body_it_abbreviates():
    text = ("Фонд развития промышленности Курганской области подвёл итоги года. Заём заводу одобрил ФРП, "
            "и ФРП же выдаст ещё два займа.")
    orgs = by_name(facts_of(text, "organization"))
    assert list(orgs) == ["Фонд развития промышленности Курганской области"]
    assert "ФРП" in orgs["Фонд развития промышленности Курганской области"].attrs["aliases"]


def test_generic_abbreviations_alone_are_not_organisations():
    text = "Льготы получат предприятия МСП. Ставка НДС не изменится."
    assert facts_of(text, "organization") == []


def test_one_closing_quote_for_two_and_a_short_name_with_a_case_ending():
    text = ("Совет директоров АО «Завод «Микрон» одобрил сделку с ООО «АгроПласт». Поставки "
            "«АгроПласта» начнутся в мае, сообщили в АО «Завод «Микрон».")
    orgs = by_name(facts_of(text, "organization"))
    assert set(orgs) == {"АО «Завод «Микрон»", "ООО «АгроПласт»"}  # «АгроПласта» is no third body


def test_a_long_short_name_in_parentheses_and_no_fragments():
    text = ("Субсидии распределит Министерство экономического развития (Минэкономразвития). "
            "Итоги подведут на Российской энергетической неделе.")
    orgs = by_name(facts_of(text, "organization"))
    assert orgs["Министерство экономического развития"].attrs["aliases"] == ["Минэкономразвития"]
    assert not any("энергетическ" in name for name in orgs)


def test_a_zone_and_the_company_named_after_it_stay_two_bodies():
    text = ("Завод построят в ОЭЗ «Тверь». Резидентов принимает управляющая компания "
            "АО «ОЭЗ ППТ «Тверь». Ещё одно соглашение подписало ООО «Пластэкс», а «Пластэкс» пообещал 200 рабочих мест.")
    orgs = by_name(facts_of(text, "organization"))
    assert "ОЭЗ «Тверь»" in orgs and any(n.startswith("АО «ОЭЗ ППТ «Тверь»") for n in orgs)
    assert "Пластэкс" in orgs["ООО «Пластэкс»"].attrs["aliases"]


def test_a_regional_fund_written_in_lower_case_and_the_regional_government():
    text = ("Заём выдал региональный фонд развития промышленности Пермского края. "
            "Решение одобрило правительство Пермского края. Региональное правительство добавило субсидию. "
            "Фонд оплаты труда вырос на 10%.")
    orgs = by_name(facts_of(text, "organization"))
    assert "региональный фонд развития промышленности Пермского края" in orgs
    assert "региональное правительство" in [a.lower() for a in orgs["правительство Пермского края"].attrs["aliases"]]
    assert not any("оплаты" in n for n in orgs)


def test_a_lower_case_regional_adjective_is_part_of_the_bodys_name():
    text = ("В кировский фонд развития промышленности поступят 40 млн рублей. Средства направят на докапитализацию "
            "регионального Фонда развития промышленности.")
    names = {f.attrs["name"] for f in facts_of(text, "organization")}
    assert "кировский фонд развития промышленности" in {n.lower() for n in names}
    assert "региональный фонд развития промышленности" in {n.lower() for n in names}


def test_a_site_named_in_apposition_is_an_organisation_written_as_named():
    facts = facts_of("Особая зона Кедрогорье пополнится резидентом. В особой зоне Кедрогорье работают "
                     "20 компаний, а резиденты «Кедрогорья» платят меньше налогов.")
    assert [(f.kind, f.attrs["name"]) for f in facts if f.kind in ("organization", "location")] == \
        [("organization", "Кедрогорье")]


def test_a_quoted_name_said_in_an_oblique_plural_stays_as_written():
    orgs = by_name(facts_of("Корпорация развития Омской области заключила соглашение с «Сибирь-групп».",
                            "organization"))
    assert "Сибирь-групп" in orgs, list(orgs)


def test_a_bare_fund_after_an_adjective_named_fund_joins_it():
    orgs = by_name(facts_of("Заводу помог федеральный Фонд развития промышленности. Из Фонда будет выделено "
                            "100 млн рублей.", "organization"))
    assert list(orgs) == ["федеральный Фонд развития промышленности"], list(orgs)
    assert orgs["федеральный Фонд развития промышленности"].attrs["canonical"] == "Фонд развития промышленности"


def test_a_known_word_after_a_kind_noun_is_a_genitive_dependent_not_an_apposition():
    orgs = by_name(facts_of("Фонд развития промышленности Омской области одобрил программу. Стандарт программы "
                            "одобрен Наблюдательным советом Фонда.", "organization"))
    assert "Фонда" not in orgs, list(orgs)
