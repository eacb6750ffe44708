"""Look-alike bodies and people on sentences of our own, through the real models: ingested into a
fresh knowledge base and read back from its export. A false merge (one zone's money on another
zone's card) costs more than a missed one, so every case says what must stay apart and what
must be one."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clusterkb.cli import app

ARTICLES = {
    "fund_omsk": "Фонд развития промышленности Омской области выдал заём местному заводу\n\n"
                 "Фонд развития промышленности Омской области одобрил заём в 50 млн рублей омскому заводу "
                 "«Сибирский станок». Фонд рассчитывает, что завод запустит новую линию в следующем году.",
    "fund_tomsk": "Томский фонд поддержал производителя приборов\n\n"
                  "Фонд развития промышленности Томской области выдал льготный заём в 30 млн рублей компании "
                  "«Томские приборы». Средства фонда пойдут на покупку оборудования.",
    "fund_federal": "Федеральный фонд одобрил новые займы\n\n"
                    "Фонд развития промышленности (ФРП) одобрил займы на 2 млрд рублей для двенадцати предприятий. "
                    "Как сообщил ФРП, заявки принимаются круглый год.",
    "fund_regional": "Омские предприятия получат займы\n\n"
                     "В Омской области региональный фонд развития промышленности выдал заём заводу «Омский мотор». "
                     "Фонд развития промышленности обещал новые программы.",
    "fund_of_region_kursk": "Курские заводы получили займы\n\n"
                            "В Курской области через Фонд развития промышленности региона 40 предприятий получили "
                            "займы. Ещё десять проектов поддержал федеральный ФРП.",
    "fund_of_region_perm": "Пермские заводы получили займы\n\n"
                           "Губернатор Пермского края сообщил, что Фонд развития промышленности региона выдал "
                           "двенадцать займов.",
    "fund_federal_beside_regional": "Тверские заводы получили займы двух фондов\n\n"
                                    "Региональный Фонд развития промышленности Тверской области выдал заём в 90 млн "
                                    "рублей, а Фонд развития промышленности РФ добавил ещё 150 млн рублей.",
    "fund_lone_abbreviation": "Фонд нарастил капитал\n\n"
                              "Фонд развития промышленности Калужской области получил ещё 100 млн рублей. ФРП создан "
                              "в 2016 году для развития промышленности региона.",
    "zone_lipetsk": "Липецкая ОЭЗ получила нового резидента\n\n"
                    "Особая экономическая зона «Липецк» приняла нового резидента из Липецка. В ОЭЗ уже работают "
                    "70 компаний, "
                    "а ОЭЗ России в целом привлекли сотни инвесторов.",
    "zone_samara": "Самарская ОЭЗ расширяется\n\n"
                   "Особая экономическая зона «Тольятти» расширит свою территорию. В ОЭЗ готовы принять ещё "
                   "десять резидентов.",
    "gov_omsk": "Омские власти утвердили программу\n\n"
                "Правительство Омской области утвердило программу развития промышленности. Региональное "
                "правительство выделит на неё 400 млн рублей.",
    "gov_novgorod": "Новгородские власти поддержали технопарк\n\n"
                    "Правительство Новгородской области поддержало создание технопарка. Региональное правительство "
                    "направит на проект 200 млн рублей.",
    "corp_omsk": "Корпорация развития Омской области нашла инвестора\n\n"
                 "Корпорация развития Омской области подписала соглашение с инвестором.",
    "corp_tomsk": "Корпорация развития Томской области открыла офис\n\n"
                  "Корпорация развития Томской области открыла офис для инвесторов.",
    "min_irkutsk": "Иркутское министерство поддержало кластер\n\n"
                   "Министерство экономического развития Иркутской области поддержало создание кластера. "
                   "Минэкономразвития выделит на проект 20 млн рублей.",
    "min_federal": "Федеральное министерство одобрило заявку\n\n"
                   "Минэкономразвития России одобрило заявку региона на создание особой экономической зоны.",
    "petrov_omsk": "Министр рассказал о кластере\n\n"
                   "Министр промышленности Омской области Иван Петров рассказал о планах кластера. Петров отметил, "
                   "что в кластер вошли 15 предприятий.",
    "petrov_kazan": "Казанский завод нарастил выпуск\n\n"
                    "Директор Казанского станкозавода Сергей Петров сообщил о росте выпуска. По словам Петрова, "
                    "завод наймёт 200 рабочих.",
    "petrov_lone": "Станкозавод подписал контракт\n\n"
                   "Директор Казанского станкозавода Петров подписал контракт на поставку станков.",
    "vorontsov_ru": "Технопарк открыл новый корпус\n\n"
                    "Генеральный директор технопарка «Кедр» Дмитрий Воронцов открыл новый корпус. Воронцов "
                    "пообещал заполнить его резидентами за год.",
    "vorontsov_en": "Technopark opens a new building\n\n"
                    "Dmitry Vorontsov, chief executive of the Kedr technopark, opened a new building on Monday.",
    "akit_old": "Рейтинг технопарков опубликован\n\n"
                "Ассоциация кластеров и технопарков России опубликовала ежегодный рейтинг технопарков.",
    "akit_new": "Рейтинг особых экономических зон опубликован\n\n"
                "Ассоциация кластеров, технопарков и ОЭЗ России опубликовала рейтинг особых экономических зон.",
    "park_company": "Индустриальный парк получил инвестора\n\n"
                    "Индустриальный парк «Северный луч» получил нового инвестора. Управляющая компания "
                    "АО «Северный луч» подписала соглашение с резидентом.",
    "park_only": "Индустриальный парк расширяется\n\n"
                 "Индустриальный парк «Северный луч» расширит территорию на 20 гектаров.",
    "zone_on_park": "В регионе появится особая экономическая зона\n\n"
                    "Правительство подписало постановление о создании особой экономической зоны «Северный луч». "
                    "ОЭЗ «Северный луч» примет первых резидентов через год.",
    "tor_ru": "В ТОР появятся новые площадки\n\n"
              "Резидентом территории опережающего развития (ТОР) «Заречная» стала строительная компания.",
    "tor_en": "New sites for an advance-development territory\n\n"
              "Two companies became residents of the Zarechnaya advance-development territory on Monday.",
    "minprom_rt_short": "Татарстан поддержит станкостроителей\n\n"
                        "Минпромторг РТ объявил конкурс субсидий для станкостроителей.",
    "minprom_rt_full": "В Казани обсудили станкостроение\n\n"
                       "Министерство промышленности и торговли Республики Татарстан провело совещание со "
                       "станкостроителями.",
    "minprom_ba_short": "Башкирия поддержит химиков\n\n"
                        "Минпромторг Башкирии объявил конкурс субсидий для химических заводов.",
    "tatarstan": "Татарстан привлёк инвесторов\n\n"
                 "Республика Татарстан привлекла новых инвесторов. В РТ работают пять технопарков, и Татарстан "
                 "планирует открыть шестой.",
}


@pytest.fixture(scope="module")
def kb(tmp_path_factory) -> list[dict]:
    """The export of a knowledge base of every article above."""
    root = tmp_path_factory.mktemp("lookalikes")
    raw = root / "raw"
    raw.mkdir()
    for name, text in ARTICLES.items():
        (raw / f"{name}.txt").write_text(text + "\n", encoding="utf-8")
    runner = CliRunner()
    for args in (["ingest", str(raw), "-q"], ["export", "--format", "jsonl"]):
        result = runner.invoke(app, ["--data-dir", str(root / "data"), *args])
        assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def files(fact: dict) -> set[str]:
    return {Path(s["path"]).stem for s in fact["sources"]}


def the(kb: list[dict], kind: str, name: str) -> dict:
    """The one fact of that kind answering to the name (its own or an alias)."""
    found = [f for f in kb if f["kind"] == kind and name in [f["name"], *f.get("aliases", [])]]
    assert len(found) == 1, (name, [f["name"] for f in found])
    return found[0]


def apart(kb: list[dict], kind: str, *articles: str) -> None:
    """No fact of the kind is said in two of these articles."""
    for f in kb:
        if f["kind"] == kind:
            assert len(files(f) & set(articles)) <= 1, (f["name"], sorted(files(f)))


# must stay apart ------------------------------------------------------------------------------


def test_the_funds_of_two_regions_and_the_federal_fund_are_three_bodies(kb):
    omsk = the(kb, "organization", "Фонд развития промышленности Омской области")
    tomsk = the(kb, "organization", "Фонд развития промышленности Томской области")
    federal = the(kb, "organization", "федеральный ФРП")
    assert files(omsk) == {"fund_omsk"} and files(tomsk) == {"fund_tomsk"}
    # the second says «федеральный ФРП», the third «Фонд развития промышленности РФ» beside a regional fund
    assert files(federal) == {"fund_federal", "fund_of_region_kursk", "fund_federal_beside_regional"}
    assert federal.get("canonical") == "Фонд развития промышленности"


def test_a_regional_fund_named_by_its_kind_never_becomes_the_federal_fund(kb):
    apart(kb, "organization", "fund_regional", "fund_federal", "fund_omsk", "fund_tomsk")
    assert files(the(kb, "organization", "региональный фонд развития промышленности")) == {"fund_regional"}


def test_a_fund_named_with_the_bare_word_region_is_its_own_articles_and_never_the_federal_fund(kb):
    apart(kb, "organization", "fund_of_region_kursk", "fund_of_region_perm")
    funds = [f for f in kb if f["kind"] == "organization" and f["name"] == "Фонд развития промышленности региона"]
    assert sorted(files(f) for f in funds) == [{"fund_of_region_kursk"}, {"fund_of_region_perm"}]


def test_a_federal_abbreviation_said_federal_joins_the_federal_fund(kb):
    federal = the(kb, "organization", "федеральный ФРП")
    assert {"fund_federal", "fund_of_region_kursk"} <= files(federal)


def test_the_federal_fund_said_with_the_country_beside_a_regional_fund_joins_the_federal_fund(kb):
    federal = the(kb, "organization", "федеральный ФРП")
    regional = the(kb, "organization", "Региональный Фонд развития промышленности Тверской области")
    assert "fund_federal_beside_regional" in files(federal)
    assert files(regional) == {"fund_federal_beside_regional"}


def test_a_bare_abbreviation_beside_a_regional_fund_of_its_initials_links_to_no_other_article(kb):
    lone = [f for f in kb if f["kind"] == "organization" and "fund_lone_abbreviation" in files(f)]
    assert all(files(f) == {"fund_lone_abbreviation"} for f in lone), [(f["name"], files(f)) for f in lone]


def test_zones_of_two_regions_stay_apart_though_both_are_an_oez(kb):
    lipetsk = the(kb, "organization", "Особая экономическая зона «Липецк»")
    tolyatti = the(kb, "organization", "Особая экономическая зона «Тольятти»")
    assert lipetsk["id"] != tolyatti["id"]
    apart(kb, "organization", "zone_lipetsk", "zone_samara")


def test_two_regional_governments_each_keep_their_own_regional_government(kb):
    apart(kb, "organization", "gov_omsk", "gov_novgorod")
    assert files(the(kb, "organization", "Правительство Омской области")) == {"gov_omsk"}
    assert files(the(kb, "organization", "Правительство Новгородской области")) == {"gov_novgorod"}


def test_development_corporations_of_two_regions_stay_apart(kb):
    apart(kb, "organization", "corp_omsk", "corp_tomsk")


def test_a_regional_ministry_and_its_short_name_stay_apart_from_the_federal_ministry(kb):
    apart(kb, "organization", "min_irkutsk", "min_federal")
    federal = the(kb, "organization", "Минэкономразвития России")
    assert federal["canonical"] == "Министерство экономического развития Российской Федерации"
    assert not [f for f in kb if f["kind"] == "organization" and f["name"] == "Минэкономразвития"]


def test_two_people_who_share_a_surname_stay_two(kb):
    ivan, sergey = the(kb, "person", "Иван Петров"), the(kb, "person", "Сергей Петров")
    assert files(ivan) == {"petrov_omsk"} and ivan["id"] != sergey["id"]


def test_a_park_and_the_company_of_its_name_stay_apart(kb):
    park = the(kb, "organization", "Индустриальный парк «Северный луч»")
    company = the(kb, "organization", "АО «Северный луч»")
    assert files(park) == {"park_company", "park_only"} and files(company) == {"park_company"}


def test_a_special_economic_zone_and_a_park_of_its_name_stay_apart(kb):
    zone = the(kb, "organization", "ОЭЗ «Северный луч»")
    park = the(kb, "organization", "Индустриальный парк «Северный луч»")
    assert files(zone) == {"zone_on_park"} and files(park) == {"park_company", "park_only"}


# must be one ----------------------------------------------------------------------------------


def test_a_territory_of_advanced_development_named_in_russian_and_in_english_is_one(kb):
    assert files(the(kb, "organization", "ТОР «Заречная»")) == {"tor_ru", "tor_en"}


def test_a_lone_surname_joins_the_one_person_of_its_organisation(kb):
    assert files(the(kb, "person", "Сергей Петров")) == {"petrov_kazan", "petrov_lone"}


def test_one_person_in_russian_and_in_english_is_one_fact(kb):
    person = the(kb, "person", "Дмитрий Воронцов")
    assert files(person) == {"vorontsov_ru", "vorontsov_en"} and "Dmitry Vorontsov" in person["aliases"]


def test_a_renamed_association_is_one_body_under_its_current_name(kb):
    akit = the(kb, "organization", "Ассоциация кластеров, технопарков и ОЭЗ России")
    assert files(akit) == {"akit_old", "akit_new"}
    assert akit["aliases"] == ["Ассоциация кластеров и технопарков России"]
    assert any("renaming" in why for why in akit["why"])


def test_a_republic_its_short_name_and_its_abbreviation_are_one_place(kb):
    tatarstan = the(kb, "location", "Республика Татарстан")
    assert {"РТ", "Татарстан"} <= set(tatarstan["aliases"])


def test_a_zone_and_the_town_it_is_named_after_stay_apart_in_their_kinds(kb):
    zone = the(kb, "organization", "Особая экономическая зона «Липецк»")
    town = the(kb, "location", "Липецк")
    assert files(zone) == files(town) == {"zone_lipetsk"} and zone["id"] != town["id"]


def test_a_regional_ministrys_compound_short_name_joins_its_full_name_and_not_another_regions(kb):
    rt = the(kb, "organization", "Министерство промышленности и торговли Республики Татарстан")
    assert files(rt) == {"minprom_rt_short", "minprom_rt_full"} and "Минпромторг РТ" in rt["aliases"]
    assert files(the(kb, "organization", "Минпромторг Башкирии")) == {"minprom_ba_short"}
    assert not any(f.get("canonical") for f in kb if files(f) & {"minprom_rt_short", "minprom_ba_short"})
