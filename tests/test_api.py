"""The Python API does what the command does: extract a text, ingest, query, look an entity up,
forget — on the real models."""
from __future__ import annotations

import pytest

from clusterkb import KnowledgeBase as FromPackage
from clusterkb.api import KnowledgeBase, extract

ONE = "Губернатор Курской области Роман Старовойт открыл технопарк «Курск-Тех». Резидентами стали 12 компаний."
TWO = "Роман Старовойт сообщил, что в Курской области появятся ещё 3 индустриальных парка."


def test_extract_gives_the_facts_of_a_text():
    facts = extract(ONE)["facts"]
    assert {(f["kind"], f.get("name") or f.get("value")) for f in facts} >= {
        ("person", "Роман Старовойт"), ("location", "Курская область"), ("count", 12)}


def test_extract_wants_a_text_or_a_path():
    with pytest.raises(ValueError, match="a text or a path"):
        extract()


def test_a_knowledge_base_ingested_queried_and_forgotten_from_python(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(ONE, encoding="utf-8")
    (raw / "b.txt").write_text(TWO, encoding="utf-8")
    kb = KnowledgeBase(tmp_path / "data")
    report = kb.ingest([raw])
    assert report.new == 2 and not report.failed
    person = kb.entity("Старовойта")
    assert person["name"] == "Роман Старовойт" and len(person["sources"]) == 2
    assert sorted(f["value"] for f in kb.query(kind="count")) == [3, 12]
    assert [f["value"] for f in kb.query(kind="count", location="Курская область")] == [3]  # said in its sentence
    gone, unmatched = kb.forget([str(raw / "b.txt")])
    assert len(gone) == 1 and not unmatched
    assert len(kb.entity("Старовойт")["sources"]) == 1
    assert FromPackage is KnowledgeBase
