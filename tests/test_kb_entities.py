"""The knowledge base of the sample articles: every entity the gold lists is one fact covering all
its articles, and any ingest order gives the same facts and ids."""
from __future__ import annotations

import importlib.util
import json
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from clusterkb.cli import app
from clusterkb.kb import KnowledgeBase
from conftest import EVAL, SAMPLES

runner = CliRunner()


def cli(data: Path, *args: str) -> str:
    result = runner.invoke(app, ["--data-dir", str(data), *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def export(data: Path) -> list[dict]:
    return [json.loads(line) for line in cli(data, "export", "--format", "jsonl").splitlines() if line.strip()]


def by_basename(facts: list[dict]) -> list[dict]:
    """The facts with each source's path cut to its file name (data dirs differ, files do not)."""
    return [{**f, "sources": [{**s, "path": Path(s["path"]).name} for s in f["sources"]]} for f in facts]


@pytest.fixture(scope="module")
def samples_kb(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("kb") / "data"
    cli(data, "ingest", str(SAMPLES), "-q")
    return data


@pytest.mark.skipif(not (EVAL / "entities.json").exists(), reason="no shared gold entities")
def test_every_gold_entity_is_one_fact_covering_all_its_articles(tmp_path):
    spec = importlib.util.spec_from_file_location("kb_score", EVAL.parent / "kb_score.py")
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    files_of, matches = scorer.files_of, scorer.matches
    cli(tmp_path, "ingest", *map(str, sorted(EVAL.glob("*.txt"))), "-q")
    facts = export(tmp_path)
    gold = scorer.gold_entities(str(EVAL))
    for g in gold:
        found = [f for f in facts if matches(g, f) and files_of(f) & set(g["files"])]
        assert len(found) == 1 and set(g["files"]) <= files_of(found[0]), (g["name"], [f["name"] for f in found])
    for f in facts:
        covered = [g["name"] for g in gold if matches(g, f) and files_of(f) & set(g["files"])]
        assert len(covered) <= 1, (f["name"], covered)


def test_one_ingest_per_article_in_reverse_order_gives_the_same_facts(samples_kb, tmp_path):
    for path in sorted(SAMPLES.glob("*.txt"), reverse=True):
        cli(tmp_path, "ingest", str(path), "-q")
    assert by_basename(export(tmp_path)) == by_basename(export(samples_kb))


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.permutations(sorted(p.name for p in SAMPLES.glob("*.txt"))))
def test_any_ingest_order_gives_the_same_facts_and_ids(samples_kb, order):
    """Each article's extraction result added one at a time, the knowledge base rebuilt each time."""
    results = {json.loads(p.read_text(encoding="utf-8"))["article"]["path"]: p
               for p in KnowledgeBase(samples_kb).articles_dir.glob("*.json")}
    with tempfile.TemporaryDirectory() as tmp:
        kb = KnowledgeBase(tmp)
        kb.articles_dir.mkdir(parents=True)
        for name in order:
            result = next(p for path, p in results.items() if Path(path).name == name)
            shutil.copy(result, kb.articles_dir / result.name)
            kb.rebuild(kb.catalog())
        assert export(Path(tmp)) == export(samples_kb)
