"""NER on real general news (FactRuEval-2016's devset, read from ../shared, never copied): the
people, organisations and places our repairs make of Natasha's spans must stay better than
plain Natasha on every type, scored by naeval's token measure as the shared scorer does."""
from __future__ import annotations

import json
import sys

import pytest

from clusterkb.extract import extract_article
from clusterkb.read.articles import read_article
from conftest import EVAL

FACTRU = EVAL.parent / "factru-dev"
TYPES = {"person": "PER", "organization": "ORG", "location": "LOC"}


def _token_scores(predictions: dict) -> dict:
    """naeval token-level P/R/F1 per type and micro, from the shared scorer."""
    sys.path.insert(0, str(FACTRU))
    import ner_score

    gold, order = ner_score.load(str(FACTRU / "dev.jsonl"))
    return ner_score.score(gold, order, predictions, list(TYPES.values()))["naeval"]


def _our_spans(docs: list[dict], tmp_path) -> dict:
    """Each document's PER/ORG/LOC spans from the mentions of our facts, as clusterkb_ner.py
    makes them from `clusterkb extract`."""
    out = {}
    for doc in docs:
        path = tmp_path / f"{doc['id']}.txt"
        path.write_text(doc["text"], encoding="utf-8")
        spans = {(m.start, m.end, TYPES[f.kind]) for f in extract_article(read_article(path)).facts
                 if f.kind in TYPES for m in f.mentions}
        out[doc["id"]] = {"spans": [{"start": s, "end": e, "type": t} for s, e, t in sorted(spans)]}
    return out


@pytest.mark.skipif(not (FACTRU / "ner_score.py").exists(), reason="the FactRuEval devset is not beside the repo")
def test_every_type_beats_plain_natasha_and_micro_f1_stays_above_090(tmp_path):
    docs = [json.loads(line) for line in (FACTRU / "dev.jsonl").open(encoding="utf-8") if line.strip()]
    ours = _token_scores(_our_spans(docs, tmp_path))
    natasha = _token_scores({d["id"]: d for d in map(json.loads, (FACTRU / "natasha_pred_dev.jsonl").open(encoding="utf-8"))})
    for type in TYPES.values():
        assert ours[type]["f1"] >= natasha[type]["f1"], (type, ours[type], natasha[type])
    assert ours["micro"]["f1"] >= 0.90, ours["micro"]
