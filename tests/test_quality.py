"""Extraction quality on annotated articles, scored the way the project's scorer scores it:
the shared development set and our own blind sets (tests/eval, tests/eval2). A drop below the floor is a
regression."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from clusterkb.articles import read_article
from clusterkb.extract import extract_article
from clusterkb.facts import extraction_to_json
from conftest import EVAL

BLIND = Path(__file__).parent / "eval"
BLIND2 = Path(__file__).parent / "eval2"
SCORER = EVAL.parent / "score.py"


def scores(gold_dir: Path) -> dict:
    sys.path.insert(0, str(SCORER.parent))
    import score

    lines = []
    for path in sorted(gold_dir.glob("*.txt")):
        x = extract_article(read_article(path))
        lines.append(json.dumps(extraction_to_json(x.article, x.facts), ensure_ascii=False))
    rows, missing = score.score(str(gold_dir), "\n".join(lines))
    assert not missing
    return rows


@pytest.mark.skipif(not SCORER.exists(), reason="the shared scorer is not beside the repo")
@pytest.mark.parametrize("gold_dir, floor", [(EVAL, 0.97), (BLIND, 0.95), (BLIND2, 0.95)],
                         ids=["development set", "blind set", "second blind set"])
def test_micro_f1_stays_above_its_floor(gold_dir, floor):
    rows = scores(gold_dir)
    assert rows["micro"]["f1"] >= floor, {k: v["f1"] for k, v in rows.items()}
    for kind in ("person", "organization", "location", "date", "count", "money"):
        assert rows[kind]["f1"] >= 0.85, (kind, rows[kind])
    person = rows["person"]
    assert person["roles"] >= 0.9 * person["roles_gold"], "roles found for too few people"
