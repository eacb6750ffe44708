"""Transliteration keys: a Russian name and its English spellings share one key, different
names do not; abbreviations and the words of body names compare across scripts."""
from __future__ import annotations

import pytest

from clusterkb.lang.translit import abbreviation_key, concepts, latin_key, to_latin


@pytest.mark.parametrize("cyrillic, latin", [
    ("Хоценко", "Khotsenko"), ("Щукин", "Shchukin"), ("Жуков", "Zhukov"), ("Юлия", "Yuliya"),
    ("Цой", "Tsoy"), ("Чайкин", "Chaykin"), ("Шолохов", "Sholokhov"), ("Ильин", "Ilin"),
    ("Подъячев", "Podyachev"), ("Ёлкин", "Yolkin"),
])
def test_romanisation_letter_by_letter(cyrillic, latin):
    assert to_latin(cyrillic) == latin


SAME = [
    ("Хоценко", "Khotsenko"), ("Лабудин", "Labudin"), ("Баженова", "Bazhenova"),
    ("Виталий", "Vitaly"), ("Виталий", "Vitaliy"), ("Виталий", "Vitalii"), ("Михаил", "Mikhail"),
    ("Серёгин", "Seregin"), ("Серёгин", "Seryogin"), ("Серегин", "Seryogin"),
    ("Юрий", "Yury"), ("Юрий", "Yuri"), ("Юрий", "Iurii"), ("Евгений", "Yevgeny"), ("Евгений", "Evgeniy"),
    ("Алексей", "Alexey"), ("Алексей", "Aleksei"), ("Александр", "Alexander"), ("Александр", "Aleksandr"),
    ("Наталья", "Natalia"), ("Наталья", "Natalya"), ("Ксения", "Ksenia"), ("Дарья", "Darya"),
    ("Пётр", "Pyotr"), ("Пётр", "Petr"), ("Фёдор", "Fyodor"), ("Семён", "Semyon"),
    ("Андрей", "Andrei"), ("Андрей", "Andrey"), ("Сергей", "Sergei"), ("Николай", "Nikolai"),
    ("Виктор", "Victor"), ("Игорь", "Igor"), ("Ольга", "Olga"), ("Дмитрий", "Dmitry"),
    ("Сергеев", "Sergeyev"), ("Достоевский", "Dostoevsky"), ("Матвиенко", "Matviyenko"),
    ("Прочный", "Prochny"), ("Толстая", "Tolstaya"), ("Щукин", "Shchukin"), ("Цой", "Tsoi"),
    ("Хабибуллин", "Khabibullin"), ("Яковлев", "Yakovlev"), ("Ильин", "Ilyin"), ("Шпиленко", "Shpilenko"),
    ("Алиханов", "Alikhanov"), ("Жириновский", "Zhirinovsky"), ("Мария", "Maria"), ("Кирилл", "Kirill"),
]

DIFFERENT = [
    ("Иванов", "Ivanova"), ("Александр", "Alexandra"), ("Михаил", "Mikhailo"), ("Мария", "Marina"),
    ("Юрий", "Yuliya"), ("Петров", "Petrova"), ("Сергеев", "Sergeyeva"), ("Хоценко", "Khotsenkov"),
    ("Лабудин", "Labutin"), ("Виталий", "Vitalina"), ("Баженов", "Bazhenova"), ("Томск", "Omsk"),
]


@pytest.mark.parametrize("cyrillic, latin", SAME)
def test_a_name_and_its_transliterations_share_a_key(cyrillic, latin):
    assert latin_key(cyrillic) == latin_key(latin)


@pytest.mark.parametrize("a, b", DIFFERENT)
def test_different_names_keep_different_keys(a, b):
    assert latin_key(a) != latin_key(b)


@pytest.mark.parametrize("a, b", [("АКИТ РФ", "AC&T RF"), ("АКИТ", "AC&T"), ("ФРП", "FRP"),
                                  ("ОЭЗ", "OEZ"), ("AКИТ", "АКИТ")])
def test_abbreviations_transliterate_letter_by_letter(a, b):
    assert abbreviation_key(a) == abbreviation_key(b) is not None


@pytest.mark.parametrize("a, b", [("АКИТ", "ACT"), ("ФРП", "IDF"), ("РЭЦ", "REC")])
def test_different_abbreviations_differ(a, b):
    assert abbreviation_key(a) != abbreviation_key(b)


@pytest.mark.parametrize("form", ["Минпром", "ОК", "Ассоциация кластеров", "IT"])
def test_only_short_capitals_are_abbreviations(form):
    assert abbreviation_key(form) is None


@pytest.mark.parametrize("english, russian", [
    ("Industrial Development Fund of the Omsk Region", "Фонд развития промышленности Омской области"),
    ("Association of Clusters, Technology Parks and Special Economic Zones of Russia",
     "Ассоциация кластеров, технопарков и ОЭЗ России"),
    ("Government of the Tyumen Region", "Правительство Тюменской области"),
    ("Ministry of Economic Development of the Republic of Tatarstan", "Министерство экономического развития Республики Татарстан"),
    ("Krasnodar Krai Investment Agency", "Инвестиционное агентство Краснодарского края"),
    ("Samara Region", "Самарская область"),
    ("Tula Region", "Тульская область"),
    ("Government of the Sverdlovsk Region", "Правительство Свердловской области"),
    ("Cabinet of Ministers", "Кабинет министров"),
])
def test_translated_names_share_a_bag_of_concepts(english, russian):
    assert concepts(english).key == concepts(russian).key


@pytest.mark.parametrize("a, b", [
    ("Фонд развития промышленности", "Фонд развития промышленности Омской области"),
    ("Industrial Development Fund of the Tomsk Region", "Фонд развития промышленности Омской области"),
    ("Government of the Omsk Region", "Администрация города Омска"),
    ("Omsk Region", "Омск"),
    ("Ministry of Industry and Trade", "Министерство экономического развития"),
    ("Fund for Small Business Support", "Фонд развития промышленности"),
])
def test_different_bodies_differ(a, b):
    assert concepts(a).key != concepts(b).key


def test_places_are_told_from_other_proper_names():
    omsk = concepts("Фонд развития промышленности Омской области").places
    assert omsk and concepts("State Fund for Industrial Development of the Omsk Region").places == omsk
    assert concepts("Тюменская область").places != omsk
    assert concepts("Группа компаний «Следопыт»").places == frozenset()
    assert concepts("Министерство промышленности и торговли Российской Федерации").places == frozenset()


@pytest.mark.parametrize("plural, singular", [
    ("clusters", "cluster"), ("companies", "company"), ("boxes", "box"), ("branches", "branch"),
    ("people", "person"), ("women", "woman"), ("bus", "bus"), ("analysis", "analysis"), ("gas", "gas"),
])
def test_one_english_singular_for_counted_nouns_and_name_words(plural, singular):
    from clusterkb.lang.normalize import english_singular

    assert english_singular(plural) == singular


def test_a_place_said_by_another_name_of_the_table_is_the_same_place_concept():
    assert concepts("Мининвест Подмосковья").places == concepts("министерство инвестиций Московской области").places
    assert concepts("Минэкономики РТ").places == concepts("Минэкономики Татарстана").places == {"tatarstan"}
    assert concepts("Минэкономики РТ").places != concepts("Минэкономики Башкирии").places
