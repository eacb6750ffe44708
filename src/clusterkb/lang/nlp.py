"""Natasha and pymorphy3, loaded once per process and only when first asked for.

Commands that only read the knowledge base never import this module's heavy parts, so they
start fast. Natasha's own MorphVocab is not used: it wraps pymorphy2, which needs
`pkg_resources` and a pre-3.11 `inspect`; pymorphy3 has the same dictionaries and API.
"""
from __future__ import annotations

import os
from functools import lru_cache
from typing import Any

# numpy's BLAS threads fight each other (and our worker processes) on small machines.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")


@lru_cache(maxsize=1)
def morph() -> Any:
    """The pymorphy3 analyser for Russian."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=200_000)
def parse(word: str) -> tuple[Any, ...]:
    """pymorphy3 parses of one word, cached: news repeats its words a lot."""
    return tuple(morph().parse(word))


@lru_cache(maxsize=1)
def ner_tagger() -> Any:
    """Natasha's news NER (PER, ORG, LOC) over its navec embedding."""
    from natasha import NewsNERTagger

    return NewsNERTagger(news_embedding())


def news_embedding() -> Any:
    """Natasha's news embedding (what `natasha.NewsEmbedding()` loads) without the tables navec
    builds for word similarity — every word's norm and 100 × 256 × 256 centroid products, 26 MB
    and 0.1–0.2 s of every start — which NER never reads: it looks up codes by indexes only."""
    from natasha.data import NEWS_EMBEDDING
    from navec import Navec
    from navec.meta import Meta
    from navec.navec import META, PQ_, VOCAB
    from navec.pq import PQ
    from navec.tar import Tar
    from navec.vocab import Vocab

    class CodesOnly(PQ):
        def precompute(self) -> None:
            """Nothing: the similarity tables are not needed."""

    with Tar(NEWS_EMBEDDING) as tar:
        meta = Meta.from_file(tar.load(META))
        Meta.check_protocol(meta.protocol)
        return Navec(meta, Vocab.from_file(tar.load(VOCAB)), CodesOnly.from_file(tar.load(PQ_)))


def warm_up() -> None:
    """Load every model now, e.g. before forking workers so they share the memory."""
    morph()
    ner_tagger()
    parse("кластер")
