"""The Python API: what the command does, for a notebook or another program.

    from clusterkb.api import KnowledgeBase, extract

    facts = extract("В Омской области открыли технопарк «Квадрат». Резидентами стали 12 компаний.")
    kb = KnowledgeBase("data")
    kb.ingest(["data/raw"])
    kb.query(kind="count", location="Омская область")
    kb.entity("Лабудин")
    kb.merge("Фонд развития промышленности", "ФРП", note="one fund")   # the analyst's word, kept
    kb.judgements()

Facts are plain dicts in the JSON form the README describes ("Facts: the machine contract").
"""
from __future__ import annotations

import contextlib
import os
from dataclasses import replace
from pathlib import Path
from typing import Any, Iterable, Iterator

from .read.articles import article_from_text, read_article
from .extract import extract_json
from .ingest import IngestReport, drop_judgement, forget, ingest, merge_entities, rebuild, split_entity
from .query import Filters, entity_named, find_entity, query
from .resolve.judgements import JudgementError
from .store import Index, Store


def extract(text: str | None = None, *, path: str | os.PathLike | None = None,
            published: str | None = None) -> dict[str, Any]:
    """One article's facts, from its text or its file: {"article": {...}, "facts": [...]}.
    Raises ValueError with the problem when the article cannot be extracted.

    Example: extract("Губернатор Курской области Роман Старовойт открыл технопарк.")["facts"][0]["name"]
    → 'Роман Старовойт'
    """
    if (text is None) == (path is None):
        raise ValueError("extract() takes a text or a path")
    article = read_article(Path(path)) if path is not None else article_from_text(text, "text.txt")
    if published:
        article = replace(article, published=published)
    result = extract_json(article)
    if isinstance(result, str):
        raise ValueError(result)
    return {"article": result[0], "facts": result[1]}


class KnowledgeBase:
    """The knowledge base under a data directory, as the command uses it."""

    def __init__(self, data_dir: str | os.PathLike = "data"):
        self.data_dir = Path(data_dir)

    def ingest(self, paths: Iterable[str | os.PathLike], **options: Any) -> IngestReport:
        """`clusterkb ingest PATHS`: options as `ingest.ingest` takes them (workers=2, force=True, …)."""
        return ingest([str(p) for p in paths], self.data_dir, **options)

    def forget(self, articles: Iterable[str]) -> tuple[list[str], list[str]]:
        """`clusterkb forget`: the ids removed and the names that matched nothing."""
        return forget(list(articles), self.data_dir)

    def rebuild(self) -> int:
        """`clusterkb rebuild`: the number of facts after resolving every stored fact again."""
        return rebuild(self.data_dir)

    def query(self, **filters: Any) -> list[dict[str, Any]]:
        """`clusterkb query`: kind=, name=, location=, org=, article=, text=, since=, until=, limit=."""
        with self._index() as index:
            return query(index, Filters(**filters))

    def entity(self, name: str) -> dict[str, Any] | None:
        """The best entity answering to `name` (as `show` picks it), with all its sources."""
        with self._index() as index:
            hits = find_entity(index, name)
            return index.fact(hits[0]["id"]) if hits else None

    def merge(self, a: str, b: str, note: str = "", wait: float = 0.0) -> dict[str, Any]:
        """`clusterkb merge A B`: entities `a` and `b` (ids or names one entity only has) are one,
        from now on. Returns {"judgement": its record, "entity": the id of the entity holding both}.
        Raises JudgementError naming the candidates when `a` or `b` is unknown or ambiguous, or
        when the merge contradicts a split in force."""
        judgement, entity = merge_entities(self.data_dir, self._entity_id(a), self._entity_id(b), note=note,
                                          wait=wait)
        return {"judgement": judgement.to_json(), "entity": entity}

    def split(self, entity: str, *, article: str | None = None, alias: str | None = None,
              note: str = "", wait: float = 0.0) -> dict[str, Any]:
        """`clusterkb split ENTITY --article ID | --alias TEXT`: the entity's mentions in that
        article (or under that name) are an entity of their own, from now on. Returns
        {"judgement": its record, "entities": [the part taken out, the rest]}."""
        if (article is None) == (alias is None):
            raise JudgementError("split takes an article or an alias (one of them)")
        judgement, ids = split_entity(self.data_dir, self._entity_id(entity), article=article, alias=alias,
                                     note=note, wait=wait)
        return {"judgement": judgement.to_json(), "entities": ids}

    def judgements(self) -> list[dict[str, Any]]:
        """`clusterkb judgements`: every judgement in force, oldest first."""
        with self._index() as index:
            return index.judgements()

    def drop_judgement(self, n: int, wait: float = 0.0) -> dict[str, Any]:
        """`clusterkb judgements --drop N`: withdraw judgement N; returns its record."""
        return drop_judgement(self.data_dir, n, wait=wait).to_json()

    def _entity_id(self, ref: str) -> str:
        """The id of the entity `ref` names, or JudgementError listing the candidates."""
        with self._index() as index:
            found, candidates = entity_named(index, ref)
        if found is not None:
            return found["id"]
        if not candidates:
            raise JudgementError(f"no person, organisation or place called {ref!r} in the knowledge base")
        listed = "; ".join(f"{c['id']} «{c['name']}» ({c['kind']})" for c in candidates[:10])
        raise JudgementError(f"{ref!r} names {len(candidates)} entities: {listed}; give one id")

    def facts(self) -> Iterator[dict[str, Any]]:
        """Every fact, one at a time (as `export`)."""
        with self._index() as index:
            yield from index.facts()

    @contextlib.contextmanager
    def _index(self) -> Iterator[Index]:
        index = Store(self.data_dir).index()
        try:
            yield index
        finally:
            index.close()
