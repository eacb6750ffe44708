"""The facts do not depend on how an article reaches us, and nothing comes from site junk."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from clusterkb.read.articles import article_from_text, read_article
from clusterkb.model import Article
from clusterkb.extract import extract_article
from conftest import EVAL, SAMPLES

FIXTURES = Path(__file__).parent / "fixtures"
needs_gold = pytest.mark.skipif(not EVAL.exists(), reason="the shared development set is not beside the repo")


def values(path: Path | Article) -> list[tuple]:
    """Facts without offsets: kind, normal form or value, and the texts they were said as."""
    out = []
    for f in extract_article(read_article(path) if isinstance(path, Path) else path).facts:
        key = f.attrs.get("name") or f.attrs.get("value") or f.attrs.get("amount")
        out.append((f.kind, str(key), tuple(" ".join(m.text.split()) for m in f.mentions)))
    return sorted(out)


# What KOI8-R cannot write, a KOI8-R site writes with these.
KOI8_SPELLING = str.maketrans({"«": '"', "»": '"', "\u00a0": " ", "—": "-", "–": "-", "№": "N"})


@pytest.mark.parametrize("codec", ["cp1251", "koi8_r", "utf-16", "utf-8-sig"])
def test_the_same_article_in_any_encoding_gives_the_same_facts(tmp_path, codec):
    text = sorted(SAMPLES.glob("*.txt"))[1].read_text(encoding="utf-8")
    if codec == "koi8_r":
        text = text.translate(KOI8_SPELLING)
    (tmp_path / "utf8.txt").write_text(text, encoding="utf-8")
    (tmp_path / "encoded.txt").write_bytes(text.encode(codec))
    assert values(tmp_path / "encoded.txt") == values(tmp_path / "utf8.txt")


@pytest.mark.parametrize("page", ["regional_portal", "wordpress_news"])
def test_a_news_page_gives_the_facts_of_its_clean_text(page):
    """The page's markup also gives its publication date; the clean text gets the same date."""
    html = read_article(FIXTURES / "html" / f"{page}.html")
    clean = (FIXTURES / "html" / f"{page}.clean.txt").read_text(encoding="utf-8")
    assert values(html) == values(article_from_text(clean, "clean.txt", published=html.published))


@needs_gold
@pytest.mark.parametrize("gold_path", sorted(EVAL.glob("*.gold.json")) if EVAL.exists() else [], ids=lambda p: p.name)
def test_nothing_is_extracted_from_past_the_gold_body_end(gold_path):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    facts = extract_article(read_article(gold_path.with_name(gold["file"]))).facts
    end = gold["body_end"]
    if end is None:
        return
    for f in facts:
        assert all(m.start < end for m in f.mentions), (f.kind, [m.text for m in f.mentions])


@needs_gold
@pytest.mark.parametrize("gold_path", sorted(EVAL.glob("*.gold.json")) if EVAL.exists() else [], ids=lambda p: p.name)
def test_publication_date_is_found_or_its_year_resolved(gold_path):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    article = extract_article(read_article(gold_path.with_name(gold["file"]))).article
    assert article.published == gold["published"]
