"""Merging per-article facts into the knowledge base, one rule at a time, on facts built by hand."""
from __future__ import annotations

import itertools

from clusterkb.model import Fact, KBFact, Mention, kb_fact_to_json
from clusterkb.resolve import ArticleFacts, merge


def person(name: str, roles: tuple[tuple[str, str | None], ...] = (), middle: str | None = None) -> Fact:
    *first, last = name.split()
    return Fact("person", {"name": name, "first": first[0] if first else None, "middle": middle, "last": last,
                           "position": None, "organization": None,
                           "roles": [{"position": p, "organization": o} for p, o in roles]}, [_said(name)])


def org(name: str, *aliases: str) -> Fact:
    return Fact("organization", {"name": name, "aliases": list(aliases)}, [_said(name)])


def loc(name: str, *aliases: str) -> Fact:
    return Fact("location", {"name": name, "aliases": list(aliases)}, [_said(name)])


def count(value: int, unit: str, *places: str) -> Fact:
    return Fact("count", {"value": value, "unit": unit, "head": unit, "approximate": False,
                          "context": {"organizations": [], "locations": list(places)}}, [_said(f"{value} {unit}")])


def _said(text: str) -> Mention:
    return Mention(0, len(text), text, text)


def art(name: str, *facts: Fact, published: str | None = None) -> ArticleFacts:
    return ArticleFacts(f"id-{name}", f"/news/{name}.txt", published, list(facts))


def named(facts: list[KBFact], kind: str, name: str) -> list[KBFact]:
    """The facts of that kind that answer to the name (their own or an alias)."""
    return [f for f in facts if f.kind == kind and name in [f.attrs.get("name"), *f.attrs.get("aliases", [])]]


def one(facts: list[KBFact], kind: str, name: str) -> KBFact:
    found = named(facts, kind, name)
    assert len(found) == 1, [f.attrs.get("name") for f in found]
    return found[0]


def files(fact: KBFact) -> set[str]:
    return {s.path.rsplit("/", 1)[-1] for s in fact.sources}


# people ------------------------------------------------------------------------------------


def test_the_same_name_in_two_articles_is_one_person():
    kb = merge([art("a", person("Андрей Шпиленко")), art("b", person("Андрей Шпиленко"))])
    assert files(one(kb, "person", "Андрей Шпиленко")) == {"a.txt", "b.txt"}


def test_a_transliterated_name_joins_the_russian_one_and_keeps_the_russian_name():
    kb = merge([art("en", person("Mikhail Labudin")), art("ru", person("Михаил Лабудин"))])
    fact = one(kb, "person", "Михаил Лабудин")
    assert fact.attrs["name"] == "Михаил Лабудин" and fact.attrs["aliases"] == ["Mikhail Labudin"]
    assert fact.attrs["why"] == ["«Mikhail Labudin» (en.txt) joins «Михаил Лабудин»: "
                                 "transliteration of «Михаил Лабудин» (ru.txt)"]


def test_spelling_variants_of_one_name_merge():
    kb = merge([art("a", person("Vitaliy Seryogin")), art("b", person("Виталий Серёгин")),
                art("c", person("Vitaly Seregin")), art("d", person("Виталий Серегин"))])
    assert files(one(kb, "person", "Виталий Серёгин")) == {"a.txt", "b.txt", "c.txt", "d.txt"}


def test_a_surname_alone_joins_the_only_person_with_that_surname_and_organisation():
    kb = merge([art("a", person("Vitaly Khotsenko", (("governor", "Правительство Омской области"),))),
                art("b", person("Хоценко", (("губернатор", "правительство Омской области"),)))])
    fact = one(kb, "person", "Vitaly Khotsenko")
    assert files(fact) == {"a.txt", "b.txt"}
    assert fact.attrs["why"] == ["«Хоценко» (b.txt) joins «Vitaly Khotsenko»: the only person with that surname "
                                 "in its article or organisation"]


def test_a_surname_alone_of_another_article_and_organisation_stays_alone():
    kb = merge([art("a", person("Vitaly Khotsenko", (("governor", "Правительство Омской области"),))),
                art("b", person("Хоценко", (("директор", "завод «Сибирский станок»"),))), art("c", person("Хоценко"))])
    assert files(one(kb, "person", "Vitaly Khotsenko")) == {"a.txt"}
    assert len([f for f in kb if f.kind == "person"]) == 3


def test_a_surname_alone_stays_alone_when_two_people_have_it():
    kb = merge([art("a", person("Михаил Иванов")), art("b", person("Пётр Иванов")), art("c", person("Иванов"))])
    assert len([f for f in kb if f.kind == "person"]) == 3


def test_two_first_names_with_one_surname_never_merge():
    kb = merge([art("a", person("Михаил Иванов")), art("b", person("Mikhail Ivanov")),
                art("c", person("Пётр Иванов"))])
    assert files(one(kb, "person", "Михаил Иванов")) == {"a.txt", "b.txt"}
    assert files(one(kb, "person", "Пётр Иванов")) == {"c.txt"}


def test_an_initial_picks_the_person_with_that_first_name():
    kb = merge([art("a", person("Виталий Хоценко"), person("Андрей Хоценко")), art("b", person("В. Хоценко"))])
    assert files(one(kb, "person", "Виталий Хоценко")) == {"a.txt", "b.txt"}
    assert files(one(kb, "person", "Андрей Хоценко")) == {"a.txt"}


def test_different_patronymics_are_different_people():
    kb = merge([art("a", person("Иван Сидоров", middle="Петрович")), art("b", person("Иван Сидоров", middle="Ильич"))])
    assert len([f for f in kb if f.kind == "person"]) == 2
    assert len({f.id for f in kb}) == 2


def test_roles_accumulate_with_their_sources_and_dates():
    kb = merge([art("a", person("Михаил Лабудин", (("директор", "АКИТ"),)), published="2024-02-28"),
                art("b", person("Михаил Лабудин", (("директор", "АКИТ"),)), published="2024-03-01"),
                art("c", person("Mikhail Labudin", (("director", "AC&T RF"),)), published="2023-07-20")])
    roles = one(kb, "person", "Михаил Лабудин").attrs["roles"]
    assert [(r["position"], [s["published"] for s in r["sources"]]) for r in roles] == [
        ("director", ["2023-07-20"]), ("директор", ["2024-02-28", "2024-03-01"])]


# organisations -----------------------------------------------------------------------------


def test_an_alias_defined_in_one_article_applies_to_the_others():
    kb = merge([art("a", org("Ассоциация кластеров, технопарков и ОЭЗ России", "АКИТ")),
                art("b", org("АКИТ РФ")), art("c", org("АКИТ"))])
    fact = one(kb, "organization", "Ассоциация кластеров, технопарков и ОЭЗ России")
    assert files(fact) == {"a.txt", "b.txt", "c.txt"}
    assert "«АКИТ РФ» (b.txt) joins «Ассоциация кластеров, технопарков и ОЭЗ России»: " \
           "alias «АКИТ» defined in a.txt" in fact.attrs["why"]


def test_a_quoted_short_name_joins_the_full_name():
    kb = merge([art("a", org("АО «Омсктрансмаш»")), art("b", org("Омсктрансмаш"))])
    assert files(one(kb, "organization", "АО «Омсктрансмаш»")) == {"a.txt", "b.txt"}


def test_federal_bodies_merge_through_the_curated_table():
    kb = merge([art("a", org("Кабинет министров")), art("b", org("Russian Government")),
                art("c", org("Правительство РФ"))])
    assert files(one(kb, "organization", "Russian Government")) == {"a.txt", "b.txt", "c.txt"}


def test_abbreviations_that_transliterate_to_each_other_link_languages():
    kb = merge([art("ru", org("Союз машиностроителей России", "СМР")),
                art("en", org("Union of Machine Builders of Russia", "SMR"))])
    fact = one(kb, "organization", "Союз машиностроителей России")
    assert files(fact) == {"ru.txt", "en.txt"}
    assert fact.attrs["why"] == ["«SMR» (en.txt) joins «Союз машиностроителей России»: "
                                 "abbreviation «SMR» transliterates to «СМР» (ru.txt)"]


def test_an_ampersand_abbreviation_reads_as_and():
    kb = merge([art("ru", org("Ассоциация кластеров и технопарков", "АКИТ РФ")),
                art("en", org("Russian cluster association", "AC&T RF"))])
    assert files(one(kb, "organization", "AC&T RF")) == {"ru.txt", "en.txt"}


def test_a_word_by_word_translation_joins_the_russian_name():
    kb = merge([art("ru", org("Фонд развития промышленности Омской области")),
                art("en", org("State Fund for Industrial Development of the Omsk Region"))])
    fact = one(kb, "organization", "Фонд развития промышленности Омской области")
    assert files(fact) == {"ru.txt", "en.txt"}
    assert "word-by-word translation" in fact.attrs["why"][0]


def test_a_federal_and_a_regional_body_never_merge():
    kb = merge([art("a", org("Фонд поддержки предпринимательства", "ФПП")),
                art("b", org("Фонд поддержки предпринимательства Омской области", "ФПП")),
                art("c", org("ФПП")),
                art("d", org("Fund for Support of Entrepreneurship of the Tomsk Region"))])
    assert files(one(kb, "organization", "Фонд поддержки предпринимательства")) == {"a.txt"}
    assert files(one(kb, "organization", "Фонд поддержки предпринимательства Омской области")) == {"b.txt"}
    assert len([f for f in kb if f.kind == "organization"]) == 4


def test_one_confused_fact_does_not_keep_the_others_apart():
    kb = merge([art("a", org("Правительство Омской области")), art("b", org("Правительство Омской области")),
                art("c", org("Правительство Омской области", "Правительство Тюменской области"))])
    assert sorted(len(f.sources) for f in kb) == [1, 2]


def test_a_bare_type_word_never_links_articles():
    kb = merge([art("a", org("Ассоциация кластеров", "Ассоциация")), art("b", org("Ассоциация строителей", "Ассоциация")),
                art("c", org("Минпром")), art("d", org("Минпром"))])
    assert len([f for f in kb if f.kind == "organization"]) == 4
    assert len({f.id for f in kb}) == 4


# places ------------------------------------------------------------------------------------


def test_english_and_russian_region_names_merge():
    kb = merge([art("en", loc("Omsk Region", "Omsk region"), loc("Russia")),
                art("ru", loc("Омская область"), loc("Россия", "РФ"), loc("Омск"))])
    assert files(one(kb, "location", "Омская область")) == {"en.txt", "ru.txt"}
    assert files(one(kb, "location", "Россия")) == {"en.txt", "ru.txt"}
    assert files(one(kb, "location", "Омск")) == {"ru.txt"}


# numbers -----------------------------------------------------------------------------------


def test_one_count_in_two_articles_is_one_fact_in_the_knowledge_base_names():
    kb = merge([art("ru", loc("Омская область"), count(15, "кластер", "Омская область")),
                art("en", loc("Omsk Region"), count(15, "кластер", "Omsk Region")),
                art("x", count(15, "кластер"))])
    (fact,) = [f for f in kb if f.kind == "count"]
    assert files(fact) == {"ru.txt", "en.txt", "x.txt"}
    assert fact.attrs["context"]["locations"] == ["Омская область"]
    assert len(fact.attrs["why"]) == 2


def test_the_same_count_in_two_regions_stays_two_facts():
    kb = merge([art("a", count(15, "кластер", "Омская область")), art("b", count(15, "кластер", "Тюменская область")),
                art("c", count(16, "кластер", "Омская область"))])
    counts = [f for f in kb if f.kind == "count"]
    assert sorted(len(f.sources) for f in counts) == [1, 1, 1]
    assert len({f.id for f in counts}) == 3


# explanations and ids ----------------------------------------------------------------------


def test_only_merged_facts_explain_themselves():
    kb = merge([art("a", person("Андрей Шпиленко"), org("Минпромторг России")), art("b", org("Минпромторг России"))])
    assert "why" not in one(kb, "person", "Андрей Шпиленко").attrs
    assert one(kb, "organization", "Минпромторг России").attrs["why"] == [
        "«Минпромторг России» (b.txt) joins «Минпромторг России»: same name in a.txt"]


def test_the_id_comes_from_the_name_not_from_what_joined_it():
    alone = merge([art("ru", person("Михаил Лабудин"))])
    joined = merge([art("ru", person("Михаил Лабудин")), art("en", person("Mikhail Labudin"))])
    assert one(alone, "person", "Михаил Лабудин").id == one(joined, "person", "Михаил Лабудин").id


def test_any_order_of_the_articles_gives_the_same_facts_and_ids():
    articles = [art("a", person("Vitaly Khotsenko"), org("AC&T RF"), count(15, "кластер", "Omsk Region"),
                    loc("Omsk Region")),
                art("b", person("Хоценко"), org("Ассоциация кластеров и технопарков", "АКИТ РФ"), loc("Омская область"),
                    count(15, "кластер")),
                art("c", person("Виталий Хоценко"), org("АКИТ"), count(15, "кластер", "Тюменская область")),
                art("d", person("Михаил Иванов"), person("Иванов"), org("Минпром"))]
    results = {str([kb_fact_to_json(f) for f in merge(order)]) for order in itertools.permutations(articles)}
    assert len(results) == 1


def test_a_generic_name_beside_a_placed_body_of_its_article_links_nowhere():
    """«фонд развития промышленности» in an article about the Zaporozhye fund may be that fund:
    it does not join the federal fund of other articles (nor the regional one by name alone)."""
    kb = merge([art("a", org("Фонд развития промышленности", "ФРП")), art("b", org("Фонд развития промышленности")),
                art("c", org("Фонд развития промышленности Запорожской области"), org("фонд развития промышленности")),
                art("d", org("кировский Фонд развития промышленности"), org("Фонд развития промышленности"))])
    assert files(one(kb, "organization", "ФРП")) == {"a.txt", "b.txt"}
    assert len([f for f in kb if f.kind == "organization"]) == 5


def test_a_name_written_with_a_no_break_space_gives_one_reason():
    kb = merge([art("a", org("АКИТ\u00a0РФ")), art("b", org("АКИТ РФ")), art("c", org("АКИТ РФ"))])
    (fact,) = [f for f in kb if f.kind == "organization"]
    assert len(fact.attrs["why"]) == 2 and not any("\u00a0" in r for r in fact.attrs["why"])
