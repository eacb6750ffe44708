"""The analyst's word, kept: `merge`, `split` and `judgements` from the installed command, on the
real models and articles of our own. A judgement holds through later ingests, `rebuild`,
`ingest --force` (also of a store set aside) and withdrawal; merges are transitive, a split beats
the automatic merge, and a contradiction is refused."""
from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from clusterkb.api import KnowledgeBase
from clusterkb.lang.normalize import fold
from clusterkb.resolve import Item
from clusterkb.model import Fact
from clusterkb.resolve.judgements import ANY_ARTICLE, MERGE, SPLIT, Judgement, JudgementError, Judgements
from clusterkb.store.reader import anchored, entity_ids
from clusterkb.store.schema import VERSION

from conftest import as_version_3

SCRIPT = str(Path(sys.executable).parent / "clusterkb")

FUND_A = ("Омский фонд поддержит заводы\n\nФонд развития промышленности Омской области выдал заём в 50 млн рублей "
          "заводу «Омсктрансмаш». Директор фонда Пётр Смирнов сообщил, что это уже десятый заём.\n")
FUND_B = ("Региональный фонд выдал займы\n\nОмский областной фонд поддержки промышленности одобрил ещё два займа. "
          "Об этом рассказал Пётр Смирнов.\n")
FUND_C = ("Займы для заводов\n\nФонд развития промышленности Омской области в этом году поддержал семь "
          "предприятий региона.\n")
SHOP = "Посуда в Омске\n\nООО «Кварц» открыло в Омске магазин посуды на улице Ленина.\n"
COMPANY = ("Новый завод\n\nКомпания «Кварц» построит завод стекла в Тверской области. Инвестиции составят "
           "2 млрд рублей.\n")
COMPANY_AGAIN = "Стекольный завод\n\nКомпания «Кварц» наняла двести рабочих для завода в Тверской области.\n"


def clusterkb(data: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([SCRIPT, "--data-dir", str(data), *args], capture_output=True, text=True, timeout=300)


def ok(data: Path, *args: str) -> str:
    out = clusterkb(data, *args)
    assert out.returncode == 0, out.stderr
    return out.stdout


def ingested(tmp_path: Path, **texts: str) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir(exist_ok=True)
    for name, text in texts.items():
        (raw / f"{name}.txt").write_text(text, encoding="utf-8")
    data = tmp_path / "data"
    ok(data, "ingest", str(raw), "-q")
    return data


def entities(data: Path, kind: str) -> list[dict]:
    return [json.loads(line) for line in ok(data, "query", "--kind", kind, "--format", "jsonl").splitlines()]


def files_of(entity: dict) -> set[str]:
    return {Path(s["path"]).name for s in entity["sources"]}


def holding(data: Path, kind: str, name: str) -> list[set[str]]:
    """The files of each entity of this kind whose name or alias is `name`."""
    return sorted((files_of(e) for e in entities(data, kind) if name in [e["name"], *e.get("aliases", [])]),
                  key=sorted)


@pytest.fixture
def funds(tmp_path: Path) -> Path:
    """Two articles about one fund written differently, which the resolver keeps apart."""
    data = ingested(tmp_path, a=FUND_A, b=FUND_B)
    assert holding(data, "organization", "Фонд развития промышленности Омской области") == [{"a.txt"}]
    return data


def test_merge_joins_two_names_of_one_fund_and_a_later_ingest_keeps_them_joined(funds, tmp_path):
    said = ok(funds, "merge", "Фонд развития промышленности Омской области",
              "Омский областной фонд поддержки промышленности", "--note", "один фонд")
    assert said.startswith("judgement 1: merged «Фонд развития промышленности Омской области»")
    assert holding(funds, "organization", "Фонд развития промышленности Омской области") == [{"a.txt", "b.txt"}]
    (tmp_path / "raw" / "c.txt").write_text(FUND_C, encoding="utf-8")
    ok(funds, "ingest", str(tmp_path / "raw"), "-q")
    assert holding(funds, "organization", "Фонд развития промышленности Омской области") == [{"a.txt", "b.txt", "c.txt"}]
    why = json.loads(ok(funds, "show", "Омский областной фонд поддержки промышленности", "--format", "json"))[0]["why"]
    assert any(r.startswith("judgement 1 (merge") and r.endswith("— один фонд") for r in why)
    assert "judgement 1 (merge" in ok(funds, "show", "Омский областной фонд поддержки промышленности", "--why")
    ok(funds, "forget", str(tmp_path / "raw" / "c.txt"))
    assert holding(funds, "organization", "Фонд развития промышленности Омской области") == [{"a.txt", "b.txt"}]


FUND_D = ("Смирнов о займах\n\nДиректор Фонда развития промышленности Омской области Пётр Смирнов рассказал, что "
          "фонд выдаст ещё пять займов.\n")


def test_judged_entities_that_grew_by_later_articles_export_as_a_rebuild_makes_them(funds, tmp_path):
    """Merged funds and a person split by article, then articles naming them again: the fund
    keeps the merge's reason, the new «Пётр Смирнов» stays with the one the split left, and the
    export equals the one `rebuild` makes of the same articles and judgements, also once the
    judgements are withdrawn."""
    ok(funds, "merge", "Фонд развития промышленности Омской области", "Омский областной фонд поддержки промышленности",
       "--note", "один фонд")
    ok(funds, "split", "Пётр Смирнов", "--article", "b.txt")
    for name, text in (("c", FUND_C), ("d", FUND_D)):
        (tmp_path / "raw" / f"{name}.txt").write_text(text, encoding="utf-8")
    ok(funds, "ingest", str(tmp_path / "raw"), "-q")
    assert holding(funds, "organization", "Фонд развития промышленности Омской области") == \
        [{"a.txt", "b.txt", "c.txt", "d.txt"}]
    assert holding(funds, "person", "Пётр Смирнов") == [{"a.txt", "d.txt"}, {"b.txt"}]
    why = json.loads(ok(funds, "show", "Омский областной фонд поддержки промышленности", "--format", "json"))[0]["why"]
    assert any(r.startswith("judgement 1 (merge") and r.endswith("— один фонд") for r in why)
    assert ok(funds, "export", "--format", "jsonl") == rebuilt_export(funds, tmp_path / "copy")
    for n in ("2", "1"):
        ok(funds, "judgements", "--drop", n)
        assert ok(funds, "export", "--format", "jsonl") == rebuilt_export(funds, tmp_path / f"copy{n}")
    assert holding(funds, "person", "Пётр Смирнов") == [{"a.txt", "b.txt", "d.txt"}]


def rebuilt_export(data: Path, copy: Path) -> str:
    """The export of a copy of the knowledge base once `rebuild` has resolved it from scratch."""
    shutil.copytree(data, copy)
    ok(copy, "rebuild")
    return ok(copy, "export", "--format", "jsonl")


def test_a_merge_naming_several_entities_is_refused_with_the_candidates(funds):
    out = clusterkb(funds, "merge", "фонд", "Омсктрансмаш")
    assert out.returncode == 1
    assert "names 3 entities" in out.stderr and "Региональный фонд" in out.stderr
    assert "Traceback" not in out.stderr
    unknown = clusterkb(funds, "merge", "Несуществующий завод", "Омсктрансмаш")
    assert unknown.returncode == 1 and "no person, organisation or place called" in unknown.stderr
    assert json.loads(ok(funds, "judgements", "--format", "json")) == []


def test_split_by_article_parts_a_wrong_merge_and_rebuild_and_force_keep_them_apart(funds, tmp_path):
    assert holding(funds, "person", "Пётр Смирнов") == [{"a.txt", "b.txt"}]
    ok(funds, "split", "Пётр Смирнов", "--article", "b.txt", "--note", "другой Смирнов")
    assert holding(funds, "person", "Пётр Смирнов") == [{"a.txt"}, {"b.txt"}]
    ok(funds, "rebuild")
    assert holding(funds, "person", "Пётр Смирнов") == [{"a.txt"}, {"b.txt"}]
    ok(funds, "ingest", str(tmp_path / "raw"), "--force", "-q")
    assert holding(funds, "person", "Пётр Смирнов") == [{"a.txt"}, {"b.txt"}]
    (listed,) = json.loads(ok(funds, "judgements", "--format", "json"))
    assert (listed["verb"], listed["kind"], listed["names"][1], listed["note"]) == \
        ("split", "person", "Пётр Смирнов", "другой Смирнов")
    assert len({*listed["now"][0], *listed["now"][1]}) == 2  # each side in an entity of its own


def test_split_by_alias_keeps_later_mentions_under_that_name_out(tmp_path):
    data = ingested(tmp_path, shop=SHOP, company=COMPANY)
    assert holding(data, "organization", "Компания «Кварц»") == [{"shop.txt", "company.txt"}]
    ok(data, "split", "Компания «Кварц»", "--alias", "ООО «Кварц»")
    (tmp_path / "raw" / "again.txt").write_text(COMPANY_AGAIN, encoding="utf-8")
    ok(data, "ingest", str(tmp_path / "raw"), "-q")
    parts = {e["name"]: files_of(e) for e in entities(data, "organization") if "Кварц" in e["name"]}
    assert parts == {"ООО «Кварц»": {"shop.txt"}, "Компания «Кварц»": {"company.txt", "again.txt"}}


def test_the_listing_finds_the_entities_holding_a_side_among_those_the_judgement_touched(tmp_path):
    data = ingested(tmp_path, shop=SHOP, company=COMPANY)
    ok(data, "split", "Компания «Кварц»", "--alias", "ООО «Кварц»")
    (tmp_path / "raw" / "again.txt").write_text(COMPANY_AGAIN, encoding="utf-8")
    ok(data, "ingest", str(tmp_path / "raw"), "-q")
    (listed,) = json.loads(ok(data, "judgements", "--format", "json"))
    with sqlite3.connect(data / "extracted" / "kb.sqlite") as db:  # every item of the kind read, as before
        everywhere = [sorted(entity_ids(db, anchored(db, "organization", [tuple(a) for a in side])))
                      for side in listed["sides"]]
    assert listed["now"] == everywhere and all(everywhere)


def test_the_library_api_merges_splits_lists_and_withdraws(funds):
    kb = KnowledgeBase(funds)
    done = kb.merge("Фонд развития промышленности Омской области", "Омский областной фонд поддержки промышленности",
                    note="один фонд")
    assert kb.entity("Омский областной фонд поддержки промышленности")["id"] == done["entity"]
    with pytest.raises(JudgementError, match="one of them"):
        kb.split("Пётр Смирнов")
    with pytest.raises(JudgementError, match="two kinds"):
        kb.merge("Пётр Смирнов", "Омсктрансмаш")
    parted = kb.split("Пётр Смирнов", article="b.txt")
    assert len(set(parted["entities"])) == 2
    assert [(j["id"], j["verb"], j["note"]) for j in kb.judgements()] == [(1, "merge", "один фонд"), (2, "split", "")]
    assert kb.drop_judgement(1)["verb"] == "merge"
    assert [j["id"] for j in kb.judgements()] == [2]
    assert holding(funds, "organization", "Фонд развития промышленности Омской области") == [{"a.txt"}]


def test_a_merge_contradicting_a_split_is_refused_and_withdrawing_the_split_undoes_it(funds):
    ok(funds, "split", "Пётр Смирнов", "--article", "b.txt")
    ids = [e["id"] for e in entities(funds, "person") if e["name"] == "Пётр Смирнов"]
    out = clusterkb(funds, "merge", *ids)
    assert out.returncode == 1 and "contradicts judgement 1" in out.stderr and "--drop 1" in out.stderr
    assert "withdrew judgement 1" in ok(funds, "judgements", "--drop", "1")
    assert holding(funds, "person", "Пётр Смирнов") == [{"a.txt", "b.txt"}]
    assert clusterkb(funds, "judgements", "--drop", "1").returncode == 1


def test_judgements_are_exported_as_records_and_as_a_table(funds, tmp_path):
    ok(funds, "merge", "Фонд развития промышленности Омской области", "Омский областной фонд поддержки промышленности")
    (record,) = [json.loads(line) for line in ok(funds, "export", "--what", "judgements").splitlines()]
    assert record["verb"] == "merge" and len(record["sides"]) == 2
    ok(funds, "export", "--format", "sqlite", str(tmp_path / "kb.sqlite"))
    with sqlite3.connect(tmp_path / "kb.sqlite") as db:
        assert db.execute("SELECT id, verb, [of] FROM judgements").fetchall() == \
            [(1, "merge", "Фонд развития промышленности Омской области")]


def test_a_store_of_the_version_before_is_read_as_it_is_and_migrated_by_the_first_writer(funds):
    path = funds / "extracted" / "kb.sqlite"
    as_version_3(path)
    with sqlite3.connect(path) as db:
        db.execute("DROP TABLE judgements")
        db.execute("UPDATE meta SET value = '2' WHERE key = 'schema'")
    assert json.loads(ok(funds, "judgements", "--format", "json")) == []
    ok(funds, "merge", "Фонд развития промышленности Омской области", "Омский областной фонд поддержки промышленности")
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone() == (str(VERSION),)
    assert holding(funds, "organization", "Фонд развития промышленности Омской области") == [{"a.txt", "b.txt"}]


def test_ingest_force_carries_the_judgements_of_a_store_it_sets_aside(funds, tmp_path):
    ok(funds, "merge", "Фонд развития промышленности Омской области", "Омский областной фонд поддержки промышленности")
    with sqlite3.connect(funds / "extracted" / "kb.sqlite") as db:
        db.execute("UPDATE meta SET value = '99' WHERE key = 'schema'")
    out = clusterkb(funds, "ingest", str(tmp_path / "raw"), "--force", "-q")
    assert out.returncode == 0, out.stderr
    assert list((funds / "extracted").glob("kb.sqlite.unreadable-*"))
    assert holding(funds, "organization", "Фонд развития промышленности Омской области") == [{"a.txt", "b.txt"}]


# the rule itself, on facts of our own -----------------------------------------------------------


def fact(article: str, name: str) -> Item:
    return Item(article, f"{article}.txt", None, 0, Fact("organization", {"name": name, "aliases": []}))


def anchor(item: Item, article: str | None = None) -> frozenset:
    return frozenset({(item.article if article is None else article, fold(item.name))})


def test_merges_are_transitive_and_a_split_beats_them_where_they_meet():
    a, b, c = fact("a", "Альфа"), fact("b", "Бета"), fact("c", "Гамма")
    merges = [Judgement(1, MERGE, "organization", (anchor(a), anchor(b))),
              Judgement(2, MERGE, "organization", (anchor(b), anchor(c)))]
    assert Judgements(merges).apply([[a], [b], [c]]) == [[a, b, c]]
    split = Judgement(3, SPLIT, "organization", (anchor(c), anchor(a)))
    assert Judgements([*merges, split]).apply([[a], [b], [c]]) == [[a, b], [c]]


def test_a_split_by_alias_takes_that_name_out_of_every_group_holding_the_rest():
    park, company, later = fact("a", "Технопарк Кварц"), fact("b", "Компания Кварц"), fact("c", "Компания Кварц")
    split = Judgement(1, SPLIT, "organization", (anchor(company, ANY_ARTICLE), anchor(park)))
    assert Judgements([split]).apply([[park, company, later]]) == [[park], [company, later]]
    assert Judgements([split]).apply([[company, later]]) == [[company, later]]
