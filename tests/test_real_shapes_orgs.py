"""Organisations as real news writes them: the model's names kept unless the evidence against
them is strong, the article's own region's bodies, quoted names that are bodies."""
from __future__ import annotations

import pytest

from conftest import by_name, facts_of


@pytest.mark.parametrize("text, name", [
    # a name of ordinary words opening a sentence: three words are a name, not a description
    ("Федеральное авиационное управление запретило полёты над городом.", "Федеральное авиационное управление"),
    ("Клуб «Бавария» выиграл кубок Германии.", "Бавария"),  # quoted: a body, not the place
    ("Корпорация HP купила производителя сетевого оборудования 3Com за два миллиарда.", "3Com"),
    # the coordinated list stops before «других нейтральных гуманитарных [организаций]»
    ("В город прибыли сотрудники Международного Красного Креста и других нейтральных гуманитарных организаций.",
     "Международный Красный Крест"),
])
def test_an_organisation_the_model_finds_is_kept_whole(text, name):
    assert name in by_name(facts_of(text, "organization"))


def test_a_kind_of_park_opening_a_sentence_is_a_description():
    text = "Индустриальный парк займёт сорок гектаров. Резидентами станут пять компаний."
    assert not facts_of(text, "organization")


def test_a_quotation_after_a_kind_of_body_is_no_name():
    assert not facts_of("Этот союз «опасен для всех нас», заявил депутат.", "organization")


@pytest.mark.parametrize("text, name, alias", [
    ("Правительство Красноярского края утвердило план. Средства на технопарк выделит правительство края.",
     "Правительство Красноярского края", "правительство края"),
    ("Администрация Липецкой области одобрила проект. Как сообщили в администрации области, парк откроют весной.",
     "Администрация Липецкой области", "администрация области"),
])
def test_the_body_of_the_articles_own_region_is_one_fact(text, name, alias):
    orgs = by_name(facts_of(text, "organization"))
    assert list(orgs) == [name]
    assert alias in orgs[name].attrs["aliases"]


def test_a_body_of_the_region_alone_is_an_organisation():
    orgs = by_name(facts_of("Средства на технопарк выделит правительство края.", "organization"))
    assert list(orgs) == ["правительство края"]


def test_the_federal_cabinet_by_its_short_name():
    org = facts_of("Деньги на программу кабмин РФ направит в следующем году.", "organization")[0]
    assert org.attrs["canonical"] == "Правительство Российской Федерации"


@pytest.mark.parametrize("text, name", [
    ("В технополисе «Звезда» открыли цех.", "технополис «Звезда»"),
    # the field of the park between its kind and its quoted name
    ("Резидентом стал промтехнопарк машиностроения «Заречье» в Омске.", "промтехнопарк машиностроения «Заречье»"),
    # a coordinated list ending in an abbreviation, then the country
    ("Глава Ассоциации заводов, технопарков и ОЭЗ России выступил первым.", "Ассоциация заводов, технопарков и ОЭЗ России"),
])
def test_kinds_of_body_and_their_names(text, name):
    assert name in by_name(facts_of(text, "organization"))


def test_two_companies_joined_by_and_stay_two():
    orgs = by_name(facts_of("Договор подписали АО «Ромашка» и ООО «Лютик».", "organization"))
    assert set(orgs) == {"АО «Ромашка»", "ООО «Лютик»"}


def test_a_board_of_a_company_is_not_a_kind_of_body_with_a_name():
    orgs = by_name(facts_of("Решение принял совет директоров «Омсктрансмаша».", "organization"))
    assert not any(name.startswith("совет") for name in orgs)


@pytest.mark.parametrize("text, whole, parent", [
    ("Решение принял Комитет по бюджету Законодательного собрания Омской области.",
     "Комитет по бюджету Законодательного собрания Омской области", "Законодательное собрание Омской области"),
    ("Заявку рассмотрел Наблюдательный совет Фонда развития моногородов.",
     "Наблюдательный совет Фонда развития моногородов", "Фонд развития моногородов"),
])
def test_a_body_of_a_body_is_named_with_it_and_the_parent_stays_a_fact(text, whole, parent):
    assert {whole, parent} <= set(by_name(facts_of(text, "organization")))


def test_a_coordinated_genitive_list_ends_before_the_verb_after_it():
    text = "В министерстве энергетики, транспорта и связи ожидают новых заявок."
    assert list(by_name(facts_of(text, "organization"))) == ["министерство энергетики, транспорта и связи"]


def test_a_dative_list_after_po_belongs_to_the_name():
    text = "В Москве прошло заседание Совета по стратегическому развитию и нацпроектам."
    assert "Совет по стратегическому развитию и нацпроектам" in by_name(facts_of(text, "organization"))


def test_a_kind_by_its_initials_with_a_case_ending_is_no_organisation():
    text = "Резидентами стали фирмы, созданные с участием ВУЗов. Компания «ВУЗовец» тоже вошла в парк."
    assert list(by_name(facts_of(text, "organization"))) == ["Компания «ВУЗовец»"]


def test_a_rating_is_no_organisation():
    assert not facts_of("Нижегородская область вошла в ТОП-5 регионов.", "organization")


def test_a_dative_list_stops_at_the_first_word_in_another_case():
    text = "В Москве прошло заседание Совета по стратегическому развитию и нацпроектам с президентом страны."
    assert "Совет по стратегическому развитию и нацпроектам" in by_name(facts_of(text, "organization"))


def test_an_abbreviation_in_brackets_inside_a_name_is_an_alias():
    text = "Заём выдал Фонд развития промышленности (ФРП) Омской области. ФРП поддержал проект."
    orgs = by_name(facts_of(text, "organization"))
    assert list(orgs) == ["Фонд развития промышленности Омской области"]
    assert "ФРП" in orgs["Фонд развития промышленности Омской области"].attrs["aliases"]


def test_a_body_takes_in_a_regions_press_name_the_dictionary_does_not_know():
    text = "На днях депутаты Заксобрания Приангарья приняли закон."
    assert "Заксобрание Приангарья" in by_name(facts_of(text, "organization"))


def test_an_abbreviation_of_a_compound_quoted_name_is_that_body():
    orgs = facts_of("ПАО «Омсктрансмаш» получит заём. Ранее ОТМ запустил новый цех.", "organization")
    assert len(orgs) == 1 and "ОТМ" in orgs[0].attrs["aliases"]


def test_a_body_in_a_photo_credit_is_no_fact():
    text = "Фото: пресс-служба Минэкономики Омской области\nВ Омске открыли технопарк."
    assert not facts_of(text, "organization")


def test_a_name_in_straight_quotes_after_a_kind_of_body():
    text = 'Проект индустриального парка "Заря" одобрили в мэрии.'
    assert 'индустриальный парк "Заря"' in by_name(facts_of(text, "organization"))


def test_quoted_names_listed_with_an_organisation_are_organisations():
    orgs = by_name(facts_of("В реестр включены парки «Импульс», «Заречный» и «Светлый».", "organization"))
    assert {"парк «Импульс»", "парк «Заречный»", "парк «Светлый»"} <= set(orgs)


@pytest.mark.parametrize("text, name", [
    ("Льготы получили пять резидентов ТОР «Заречная».", "ТОР «Заречная»"),
    ("Завод построят в ОЭЗ «Луговая» к осени.", "ОЭЗ «Луговая»"),
])
def test_a_quoted_name_after_a_kind_said_by_its_initials_is_that_kind(text, name):
    assert list(by_name(facts_of(text, "organization"))) == [name]


def test_a_board_of_a_zone_said_by_its_initials_is_the_zones():
    orgs = by_name(facts_of("Наблюдательный совет ОЭЗ «Луговая» одобрил три проекта.", "organization"))
    assert "ОЭЗ «Луговая»" in orgs


def test_a_zone_by_its_initials_is_the_zone_and_the_company_named_after_it_stays_apart():
    text = ("Особая экономическая зона «Заречье» получила резидента. В ОЭЗ «Заречье» работают 20 компаний. "
            "Тем временем АО «ОЭЗ «Заречье»» наняло директора.")
    orgs = by_name(facts_of(text, "organization"))
    assert set(orgs) == {"Особая экономическая зона «Заречье»", "АО «ОЭЗ «Заречье»»"}
    assert "ОЭЗ «Заречье»" in orgs["Особая экономическая зона «Заречье»"].attrs["aliases"]


@pytest.mark.parametrize("text, name, said", [
    # the quoted name without its kind or legal form and without the quotes
    ("Об этом сообщила газета «Северный вестник» со ссылкой на источники.", "газета «Северный вестник»",
     ["Северный вестник"]),
    ("Контракт подписало ОАО «Уралмаш» в понедельник.", "ОАО «Уралмаш»", ["Уралмаш"]),
    # the body without the place that says whose it is: the place is a location's mention
    ("Решение одобрил Конгресс США на прошлой неделе.", "Конгресс США", ["Конгресс"]),
    ("Заявку поддержал Фонд развития промышленности Омской области.",
     "Фонд развития промышленности Омской области", ["Фонд развития промышленности"]),
    # a name and its bracketed short name are two mentions
    ("Доклад подготовил Комитет защиты журналистов (КЗЖ) в среду.", "Комитет защиты журналистов",
     ["Комитет защиты журналистов", "КЗЖ"]),
])
def test_a_mention_is_the_bodys_own_words_while_the_name_stays_whole(text, name, said):
    orgs = by_name(facts_of(text, "organization"))
    assert [m.text for m in orgs[name].mentions] == said


def test_the_place_cut_off_an_organisations_mention_is_a_location():
    places = by_name(facts_of("Решение одобрил Конгресс США на прошлой неделе.", "location"))
    assert [m.text for m in places["США"].mentions] == ["США"]


def test_a_federal_body_is_one_fact_whichever_way_the_country_is_said():
    text = ("Проект одобрило Министерство финансов России. Позже Минфин РФ уточнил сроки, "
            "а Министерство финансов РФ опубликовало приказ.")
    orgs = facts_of(text, "organization")
    assert [f.attrs.get("canonical") for f in orgs] == ["Министерство финансов Российской Федерации"]


def test_a_union_of_states_the_model_takes_for_a_place_is_one_organisation():
    text = ("Пошлины обсудили в Евросоюзе. Страны ЕС договорились, сообщил представитель "
            "Европейского союза в Брюсселе.")
    orgs = by_name(facts_of(text, "organization"))
    assert [m.text for m in orgs["Европейский союз"].mentions] == ["Евросоюзе", "ЕС", "Европейского союза"]
    assert set(by_name(facts_of(text, "location"))) == {"Брюссель"}


@pytest.mark.parametrize("text, name", [
    # the quoted name belongs to the park: the site is the park's, not a body of its own
    ("Производство разместят на площадке индустриального парка «Кедровый»", "индустриальный парк «Кедровый»"),
    ("Конкурс объявила управляющая компания технопарка «Северный»", "технопарк «Северный»"),
    # a plural kind in the genitive is part of the name
    ("Контракт подписала группа компаний «Следопыт»", "группа компаний «Следопыт»"),
])
def test_a_quoted_name_belongs_to_the_kind_right_before_it(text, name):
    assert name in by_name(facts_of(text + ".", "organization"))


def test_a_channel_of_a_brand_is_no_organisation():
    assert not facts_of("Министр написал об этом в своём Telegram-канале.", "organization")


def test_latin_look_alikes_inside_russian_words_read_as_cyrillic():
    text = "В Омске откроют технопарк «Северный», сообщил Алексей Петров.".replace("е", "e").replace("о", "o")
    assert "e" in text and "технопарк «Северный»" in by_name(facts_of(text, "organization"))
    assert "Омск" in by_name(facts_of(text, "location"))
    assert "Алексей Петров" in by_name(facts_of(text, "person"))


def test_a_regional_edition_is_named_with_its_city():
    text = "Как сообщает РБК Пермь, завод откроют в мае. Позже МИД России выступил с заявлением."
    assert {"РБК Пермь", "МИД России"} <= set(by_name(facts_of(text, "organization")))
    assert {"Пермь", "Россия"} <= set(by_name(facts_of(text, "location")))


@pytest.mark.parametrize("text, names", [
    # a plural kind before a list of quoted names is the kind of each, named one at a time
    ("Резидентами стали индустриальные парки «Кедровый» и «Озёрный».",
     ["индустриальный парк «Кедровый»", "индустриальный парк «Озёрный»"]),
    ("На площадке работают компании «Альфа», «Бета» и «Гамма».",
     ["компания «Альфа»", "компания «Бета»", "компания «Гамма»"]),
    # a singular kind is the first name's only
    ("Технопарк «Идея» и «Сколково» подписали соглашение.", ["Технопарк «Идея»", "Сколково"]),
    # a kind by its initials has no number: it is the kind of each name of the list
    ("Границы ТОР «Заречная» и «Луговая» расширили.", ["ТОР «Заречная»", "ТОР «Луговая»"]),
    # the names are the parks', not their managing companies'
    ("Управляющим компаниям промышленных парков «Кедровый» и «Озёрный» выделили субсидии.",
     ["промышленный парк «Кедровый»", "промышленный парк «Озёрный»"]),
    ("Группы компаний «Альфа» и «Бета» подписали контракт.", ["Группа компаний «Альфа»", "Группа компаний «Бета»"]),
])
def test_the_kind_before_a_list_of_quoted_names_is_each_names_kind(text, names):
    assert list(by_name(facts_of(text, "organization"))) == names


@pytest.mark.parametrize("text, name", [
    ("Пресс-центр Фонда развития промышленности сообщил о новых займах.", "Фонд развития промышленности"),
    ("Служба прессы Верховного суда сообщила о решении.", "Верховный суд"),
])
def test_a_press_service_speaks_for_its_body_and_is_none_itself(text, name):
    orgs = by_name(facts_of(text, "organization"))
    assert list(orgs) == [name] and len(orgs[name].mentions) == 1


@pytest.mark.parametrize("text, name", [
    ("В реестр внесён химический кластер Курской области.", "химический кластер Курской области"),
    ("Минпромторг включил в реестр кластер композитных материалов и технологий Удмуртии.",
     "кластер композитных материалов и технологий Удмуртии"),
    # every field adjective, and no surname before them
    ("По словам Ивана Смирнова камский машиностроительный кластер Татарстана вырос.",
     "камский машиностроительный кластер Татарстана"),
])
def test_a_cluster_named_by_its_field_and_region_is_an_organisation(text, name):
    assert name in by_name(facts_of(text, "organization"))


@pytest.mark.parametrize("text", [
    "В регионе создадут промышленный кластер.",  # no region: a kind
    "В кластер Курской области вошли пять заводов.",  # no field: the region's cluster, a kind
])
def test_a_cluster_without_field_or_region_names_no_body(text):
    assert not facts_of(text, "organization")


@pytest.mark.parametrize("text, name", [
    ("Проект поддержало Минвостокразвития, сообщил министр.", "Минвостокразвития"),
    ("Вице-премьер дал Минвостокразвития поручение.", "Минвостокразвития"),
    ("Заявку направили в Минцифры России.", "Минцифры России"),
    ("Программу обсудили с представителями Минпросвещения.", "Минпросвещения"),
])
def test_a_ministrys_short_name_ending_in_a_genitive_does_not_decline(text, name):
    orgs = by_name(facts_of(text, "organization"))
    assert name in orgs and orgs[name].attrs.get("canonical")


@pytest.mark.parametrize("text, name, alias", [
    ("Резидентом территории опережающего развития «Озёрная» стала компания.",
     "территория опережающего развития «Озёрная»", "Озёрная"),
    # the kind's initials in brackets between the kind and the name: the name with its initials is an alias
    ("Заявку подали в территорию опережающего развития (ТОР) «Озёрная».",
     "территория опережающего развития «Озёрная»", "ТОР «Озёрная»"),
    ("Резидентом особой экономической зоны (ОЭЗ) «Луговая» стала компания.",
     "особая экономическая зона «Луговая»", "ОЭЗ «Луговая»"),
])
def test_a_kind_said_in_several_words_or_with_its_initials_in_brackets_names_the_quoted_body(text, name, alias):
    orgs = by_name(facts_of(text, "organization"))
    assert list(orgs) == [name] and alias in orgs[name].attrs["aliases"]


def test_a_quoted_name_after_the_bare_word_for_territory_is_no_body():
    assert not facts_of("На территории «Озёрная» работают пять компаний.", "organization")


def test_a_currency_code_is_no_organisation():
    assert not facts_of("The park attracted RUR 14 per each RUR 1 of public money.", "organization", lang="en")


@pytest.mark.parametrize("text, name, alias", [
    ("Промпарк «Кедровый» получит субсидию. Индустриальный парк «Кедровый» занимает 200 гектаров.",
     "Индустриальный парк «Кедровый»", "Промпарк «Кедровый»"),
    ("Совет ОЭЗ «Луговая» одобрил проект. Промышленно-производственная особая экономическая зона "
     "«Луговая» растёт.", "Промышленно-производственная особая экономическая зона «Луговая»", "ОЭЗ «Луговая»"),
])
def test_one_site_named_by_two_words_of_its_kind_is_one_body(text, name, alias):
    orgs = by_name(facts_of(text, "organization"))
    assert list(orgs) == [name] and alias in orgs[name].attrs["aliases"]


def test_a_special_economic_zone_made_on_a_parks_land_is_another_body():
    text = "Особая экономическая зона «Кедровый» создана на территории индустриального парка «Кедровый»."
    assert len(facts_of(text, "organization")) == 2


@pytest.mark.parametrize("text", [
    "Востребованными стали программы: «Противодействие эпидемическим заболеваниям», «Проекты развития» и «Лизинг».",
    "Завод стал участником форума «Иннопром» и получил премию «Золотой Меркурий».",
])
def test_a_quoted_name_of_a_programme_a_forum_or_an_award_is_no_organisation(text):
    assert not facts_of(text, "organization")


def test_management_companies_said_by_their_initials_are_no_organisation():
    assert not facts_of("Деньги получат УК, которые реализуют новые инвестпроекты.", "organization")


def test_a_quoted_name_ends_its_body_before_a_coordinated_genitive():
    text = "Фонд поддержал проекты компании «Альфа» и модернизации завода «Бета» в крае."
    assert list(by_name(facts_of(text, "organization"))) == ["компания «Альфа»", "завод «Бета»"]
