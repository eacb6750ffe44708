"""Extraction: a pure function from an article to its facts.

    article → document (junk blanked, sentences) → NER spans (repaired)
            → people, organisations, places, dates, counts, money → context of the numbers

Nothing here reads or writes files, so the same function runs in one process, in a pool of
workers or on a distributed engine.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from ..budget import DEFAULT_SECONDS, OutOfTime, time_budget
from ..lang import nlp
from ..model import Article, Fact, article_to_json, fact_to_json
from .counts import extract_counts
from .datelines import with_dateline_names
from .dates import extract_dates, infer_published
from .document import Document, make_document
from .languages import LANGUAGES, language
from .money import extract_money


def unsupported(article: Article) -> str | None:
    """Why an article cannot be extracted (its language), or None when it can."""
    if article.lang in LANGUAGES:
        return None
    names = " and ".join(lang.name for lang in LANGUAGES.values())
    return f"language {article.lang!r} is not supported (only {names} articles are read)"


@dataclass
class Extraction:
    article: Article
    facts: list[Fact]


def extract_article(article: Article) -> Extraction:
    """All facts of one article, each real-world thing once with all its mentions."""
    if not article.published:
        guess, confidence = infer_published(article.body, article.dateline, article.lang)
        if guess:
            article = replace(article, published=guess, published_confidence=confidence)
    doc = make_document(article)
    named = with_dateline_names(doc, _named_facts(doc))
    numbers = extract_dates(doc) + extract_counts(doc) + extract_money(doc)
    return Extraction(article, named + add_context(doc, numbers, named))


def extract_json(article: Article, seconds: float | None = DEFAULT_SECONDS) -> tuple[dict, list[dict]] | str:
    """One article's record and facts as JSON, or the problem in one line: never raises, so
    one bad article fails alone in any engine (in-process, a pool, a cluster); one that takes
    longer than `seconds` fails too (the models' loading is not counted).

    Example: extract_json(article_from_text("Технопарк «Сколково» открыли в Москве.", "a.txt"))
    → ({"id": …, "path": "a.txt", …}, [{"kind": "organization", "name": "Технопарк «Сколково»", …}, …]);
    an Article whose text is None → "extraction failed: TypeError: 'NoneType' object is not iterable".
    """
    nlp.warm_up()
    try:
        with time_budget(seconds):
            extraction = extract_article(article)
    except OutOfTime as e:
        return f"extraction {e} (--article-timeout); the article is left out"
    except Exception as e:  # one bad article must not stop the batch
        return f"extraction failed: {type(e).__name__}: {e}"
    return article_to_json(extraction.article), [fact_to_json(f) for f in extraction.facts]


def _named_facts(doc: Document) -> list[Fact]:
    """People, organisations and places, by the extractors of the document's language."""
    return language(doc.lang).names.extract_names(doc)


def add_context(doc: Document, numbers: list[Fact], named: list[Fact]) -> list[Fact]:
    """Record on each date, count and money fact the organisations and places of its sentences,
    so that «how many clusters in Omsk region» is a query."""
    by_sentence: dict[int, dict[str, list[str]]] = {}
    for fact in named:
        if fact.kind == "person":
            continue
        key = "organizations" if fact.kind == "organization" else "locations"
        for m in fact.mentions:
            sent = doc.sentence_at(m.start)
            if sent:
                names = by_sentence.setdefault(sent.start, {"organizations": [], "locations": []})[key]
                if fact.attrs["name"] not in names:
                    names.append(fact.attrs["name"])
    for fact in numbers:
        context: dict[str, list[str]] = {"organizations": [], "locations": []}
        for m in fact.mentions:
            sent = doc.sentence_at(m.start)
            for key, names in by_sentence.get(sent.start if sent else -1, {}).items():
                context[key] += [n for n in names if n not in context[key]]
        fact.attrs["context"] = context
    return numbers
