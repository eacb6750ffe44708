"""NER regression over every article text the repository holds: no person, organisation or
place is ever an empty string, a single letter, a lone quote or a function word."""
from __future__ import annotations

from pathlib import Path

import pytest

from clusterkb.lang import nlp
from clusterkb.read.articles import read_article
from clusterkb.extract import extract_article

ROOT = Path(__file__).resolve().parent.parent
TEXTS = sorted([*(ROOT / "data" / "raw").glob("*.txt"), *(ROOT / "tests" / "fixtures").rglob("*.txt"),
                *(ROOT / "tests" / "eval").glob("*.txt")])
FUNCTION_POS = {"PREP", "CONJ", "PRCL", "NPRO", "INTJ", "ADVB", "PRED"}


def bad_mention(text: str) -> str | None:
    stripped = text.strip(" \t\n«»\"“”„'’()[],.;:—–-")
    if not stripped:
        return "empty or punctuation only"
    if len(stripped) == 1:
        return "a single letter"
    words = stripped.split()
    if len(words) == 1 and stripped.islower() and any(p.tag.POS in FUNCTION_POS for p in nlp.parse(stripped)[:1]):
        return "a function word"
    return None


def test_the_sample_is_large_enough():
    assert len(TEXTS) >= 15


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_named_mentions_are_never_junk(path):
    for fact in extract_article(read_article(path)).facts:
        if fact.kind not in ("person", "organization", "location"):
            continue
        assert bad_mention(fact.attrs["name"]) is None, (fact.kind, fact.attrs["name"])
        for m in fact.mentions:
            assert bad_mention(m.text) is None, (fact.kind, m.text, m.sentence)
