"""The knowledge base of the sample articles: every entity the gold lists is one fact covering all
its articles, and any ingest order gives the same facts and ids."""
from __future__ import annotations

import importlib.util
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from clusterkb.read.articles import read_article
from clusterkb.cli import app
from clusterkb.extract import extract_article
from clusterkb.model import article_to_json, fact_to_json
from clusterkb.resolve.incremental import resolve
from clusterkb.store import Store
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


@pytest.fixture(scope="module")
def extracted() -> dict[str, tuple[dict, list[dict]]]:
    """Each sample article's extraction result, by file name (extracted once)."""
    out = {}
    for path in sorted(SAMPLES.glob("*.txt")):
        x = extract_article(read_article(path))
        out[path.name] = (article_to_json(x.article), [fact_to_json(f) for f in x.facts])
    return out


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.permutations(sorted(p.name for p in SAMPLES.glob("*.txt"))), batch=st.integers(1, 5))
def test_any_ingest_order_gives_the_same_facts_and_ids(samples_kb, extracted, order, batch):
    """The extraction results stored in any order, resolved every `batch` articles (incrementally,
    against the entities already stored), give the knowledge base of one ingest of them all."""
    with tempfile.TemporaryDirectory() as tmp:
        kb = Store(tmp)
        writer = kb.writer()
        for i, name in enumerate(order, 1):
            article, facts = extracted[name]
            writer.add_article(article, facts, str(SAMPLES / name))
            if i % batch == 0:
                resolve(writer)
        resolve(writer)
        writer.close()
        assert by_basename(export(Path(tmp))) == by_basename(export(samples_kb))
