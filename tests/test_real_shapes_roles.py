"""Roles real news gives by a verb rather than an apposition."""
from __future__ import annotations

import pytest

from conftest import by_name, facts_of


@pytest.mark.parametrize("text, position, organization", [
    ("Директором технопарка «Зеленый» назначен Анатолий Коляда.", "директор", "технопарк «Зеленый»"),
    ("Иван Петров назначен директором технопарка «Зеленый».", "директор", "технопарк «Зеленый»"),
    ("Сведения предоставил Павел Татаренко, возглавляющий Корпорацию развития.", "руководитель", "Корпорация развития"),
])
def test_a_role_given_by_a_verb(text, position, organization):
    person = facts_of(text, "person")[0].attrs
    assert (person["position"], person["organization"]) == (position, organization)


def test_a_bare_kind_before_the_verb_is_the_one_body_of_that_kind():
    text = "В Омске создан Фонд развития промышленности Омской области. Директором фонда назначен Анатолий Коляда."
    person = facts_of(text, "person")[0].attrs
    assert (person["position"], person["organization"]) == ("директор", "Фонд развития промышленности Омской области")


@pytest.mark.parametrize("text, position", [
    ("Об этом сообщил заместитель губернатора Тверской области по инвестиционной политике и "
     "имущественным отношениям Олег Сомов.",
     "заместитель губернатора Тверской области по инвестиционной политике и имущественным отношениям"),
    ("Об этом сообщил вице-премьер по экономике Олег Сомов.", "вице-премьер по экономике"),
])
def test_a_position_with_its_portfolio_after_po_before_the_name(text, position):
    assert by_name(facts_of(text, "person"))["Олег Сомов"].attrs["position"] == position
