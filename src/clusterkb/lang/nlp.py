"""Natasha and pymorphy3, loaded once per process and only when first asked for.

Commands that only read the knowledge base never import this module's heavy parts, so they
start fast. Natasha's own MorphVocab is not used: it wraps pymorphy2, which needs
`pkg_resources` and a pre-3.11 `inspect`; pymorphy3 has the same dictionaries and API.
"""
from __future__ import annotations

import importlib.util
import os
from functools import lru_cache
from pathlib import Path
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
    """Natasha's news NER (PER, ORG, LOC): slovnet's model over the navec news embedding, what
    `natasha.NewsNERTagger(natasha.NewsEmbedding())` builds, loaded without importing natasha
    (its extractors, syntax and pymorphy2 come with it: 0.1 s of every start)."""
    from slovnet import NER

    return NER.load(str(_natasha_data() / "model" / "slovnet_ner_news_v1.tar")).navec(news_embedding())


def news_embedding() -> Any:
    """Natasha's news embedding as NER reads it: the metadata and the codes of each word.

    navec's vocabulary (250,000 words, a dictionary built on every load) and the tables it
    builds for word similarity (every word's norm, 100 × 256 × 256 centroid products) are left
    out: NER looks words up in its own vocabulary and reads only the codes' indexes. That is
    0.4 s and 60 MB less in every process that extracts."""
    from navec import Navec
    from navec.meta import Meta
    from navec.navec import META, PQ_
    from navec.pq import PQ
    from navec.tar import Tar

    class CodesOnly(PQ):
        def precompute(self) -> None:
            """Nothing: the similarity tables are not needed."""

    with Tar(str(_natasha_data() / "emb" / "navec_news_v1_1B_250K_300d_100q.tar")) as tar:
        meta = Meta.from_file(tar.load(META))
        Meta.check_protocol(meta.protocol)
        return Navec(meta, None, CodesOnly.from_file(tar.load(PQ_)))


def _natasha_data() -> Path:
    """The folder of natasha's models, found without importing natasha."""
    spec = importlib.util.find_spec("natasha")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("natasha is not installed: pip install natasha")
    return Path(spec.origin).parent / "data"


def warm_up() -> None:
    """Load every model now, e.g. before forking workers so they share the memory."""
    morph()
    ner_tagger()
    parse("кластер")
