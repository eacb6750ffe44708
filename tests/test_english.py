"""English articles: people, organisations and places by rule, without a model download."""
from __future__ import annotations

from conftest import by_name, facts_of

TEXT = ("The Association of Industrial Parks of Russia (AIP) held a forum in the Tomsk Region.\n"
        "“We will open two parks,” noted Elena Morozova, director of the non-profit organization "
        "“Industrial Development Fund of the Tomsk Region.”\n"
        "In March 2024, the chairman of the Association of Industrial Parks of Russia, Denis Ivanov, "
        "and the Governor of the Tomsk Region, Vladimir Mazur, signed an agreement. "
        "The AIP experts also met the Russian Ministry of Industry and Trade.")


def test_people_with_roles_before_and_after_the_name():
    people = by_name(facts_of(TEXT, "person", lang="en"))
    assert set(people) == {"Elena Morozova", "Denis Ivanov", "Vladimir Mazur"}
    assert people["Elena Morozova"].attrs["position"] == "director"
    assert people["Elena Morozova"].attrs["organization"] == "Industrial Development Fund of the Tomsk Region"
    assert people["Denis Ivanov"].attrs["organization"] == "Association of Industrial Parks of Russia"
    assert people["Vladimir Mazur"].attrs["position"] == "Governor of the Tomsk Region"


def test_organisations_with_abbreviations_and_curated_names():
    orgs = by_name(facts_of(TEXT, "organization", lang="en"))
    assert "AIP" in orgs["Association of Industrial Parks of Russia"].attrs["aliases"]
    assert orgs["Russian Ministry of Industry and Trade"].attrs["canonical"] == \
        "Министерство промышленности и торговли Российской Федерации"


def test_places():
    places = by_name(facts_of(TEXT, "location", lang="en"))
    assert {"Tomsk Region", "Russia"} <= set(places)


def test_a_month_after_a_name_is_not_part_of_it():
    text = "The parks applied to the Ministry of Industry and Trade of Russia in December, said Alexey Zuev, head of the technopolis."
    assert "Ministry of Industry and Trade of Russia" in by_name(facts_of(text, "organization", lang="en"))
    person = by_name(facts_of(text, "person", lang="en"))["Alexey Zuev"].attrs
    assert person["position"] == "head of the technopolis" and person["organization"] is None


def test_patronymics_titles_without_commas_and_coordinated_names():
    text = ("The agreement was signed by AIP Chairman Denis Ivanov and Deputy Governor of the Penza Region "
            "Olga Petrovna Sidorova. The Penza Region joined the Volga Cluster, the Sura Cluster and the "
            "Penza Chemical Cluster. Olga Sidorova thanked the experts in Penza.")
    people = by_name(facts_of(text, "person", lang="en"))
    assert set(people) == {"Denis Ivanov", "Olga Petrovna Sidorova"}
    assert (people["Denis Ivanov"].attrs["position"], people["Denis Ivanov"].attrs["organization"]) == ("Chairman", "AIP")
    assert people["Olga Petrovna Sidorova"].attrs["position"] == "Deputy Governor of the Penza Region"
    assert len(people["Olga Petrovna Sidorova"].mentions) == 2
    orgs = set(by_name(facts_of(text, "organization", lang="en")))
    assert {"Volga Cluster", "Sura Cluster", "Penza Chemical Cluster"} <= orgs
    places = by_name(facts_of(text, "location", lang="en"))
    assert {"Penza Region", "Penza"} <= set(places)
    assert len(places["Penza"].mentions) == 2  # in «Penza Chemical Cluster» and «in Penza», not in «Penza Region»


def test_portfolios_modifiers_and_titles_before_the_name():
    text = ("The decision was announced by Deputy Minister of Economic Development Dmitry Orlov. "
            "First Deputy Governor of the Omsk Region Irina Petrova and SPT deputy CEO Igor Kim attended.")
    people = by_name(facts_of(text, "person", lang="en"))
    assert people["Dmitry Orlov"].attrs["position"] == "Deputy Minister of Economic Development"
    assert people["Dmitry Orlov"].attrs["organization"] is None
    assert people["Irina Petrova"].attrs["position"] == "First Deputy Governor of the Omsk Region"
    assert (people["Igor Kim"].attrs["position"], people["Igor Kim"].attrs["organization"]) == ("deputy CEO", "SPT")


def test_a_role_whose_organisation_has_and_in_its_name():
    text = ("In May, the director of the Association of Parks and Special Zones of Russia, Pavel Smirnov, "
            "signed the agreement.")
    person = by_name(facts_of(text, "person", lang="en"))["Pavel Smirnov"].attrs
    assert (person["position"], person["organization"]) == ("director", "Association of Parks and Special Zones of Russia")


def test_an_organisation_with_tabs_double_spaces_or_line_breaks_inside_is_found():
    text = ("The Ministry of\tIndustry met the Association of  Clusters\nand Technoparks in Moscow. "
            "Later the Association of\u00a0Clusters and Technoparks said the talks went well.")
    orgs = {f.attrs["name"]: f for f in facts_of(text, "organization", lang="en")}
    assert {"Ministry of Industry", "Association of Clusters and Technoparks"} <= set(orgs)
    said = [m.text for m in orgs["Association of Clusters and Technoparks"].mentions]
    assert said == ["Association of  Clusters\nand Technoparks", "Association of\u00a0Clusters and Technoparks"]
