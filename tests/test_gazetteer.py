"""The curated tables as resolution reads them: federal bodies with the country said any way,
renamed bodies under their current name, region abbreviations."""
from clusterkb.lang import gazetteer


def test_a_federal_form_with_the_country_said_another_way_is_the_same_body():
    ministry = "Министерство экономического развития Российской Федерации"
    for form in ("Министерство экономического развития РФ", "министерство экономического развития России",
                 "Минэкономразвития Российской Федерации", "Минэкономразвития"):
        assert gazetteer.federal_body(form) == ministry, form


def test_a_form_without_the_country_is_only_what_the_table_lists():
    assert gazetteer.federal_body("правительство") is None
    assert gazetteer.federal_body("министерство экономического развития") is None
    assert gazetteer.federal_body("Правительство РФ") == "Правительство Российской Федерации"


def test_the_text_is_searched_for_every_way_of_saying_the_country():
    forms = set(gazetteer.federal_body_forms())
    assert {"Министерство экономического развития РФ", "Министерство экономического развития России"} <= forms


def test_a_former_name_gives_the_current_one_and_the_current_name_itself():
    current = "Ассоциация кластеров, технопарков и ОЭЗ России"
    assert gazetteer.current_name("Ассоциация кластеров и технопарков РФ") == current
    assert gazetteer.current_name(current) == current
    assert gazetteer.current_name("Ассоциация промышленников") is None


def test_region_abbreviations_name_their_region():
    assert gazetteer.place("РТ") == gazetteer.place("Татарстан") == "Республика Татарстан"
    assert gazetteer.place("НСО") == "Новосибирская область"


def test_type_words_before_a_quoted_name_say_site_or_company():
    assert gazetteer.org_category("Парк") == "site" and gazetteer.org_category("АО") == "company"
    assert gazetteer.org_category("завод") is None
