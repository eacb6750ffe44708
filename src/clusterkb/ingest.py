"""Ingest: read new or changed articles, extract them (in worker processes if asked), store
each result as soon as it is ready, then merge everything into the knowledge base."""
from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from .articles import MAX_BYTES, Article, ArticleError, iter_articles, iter_paths
from .extract import unsupported
from .facts import article_to_json, fact_to_json
from .kb import Catalog, KnowledgeBase


@dataclass
class IngestReport:
    """What one ingest run did; `failed` holds (path, problem) pairs."""

    started: str = ""
    finished: str = ""
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    facts_added: int = 0
    facts_merged: int = 0
    facts_total: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"started": self.started, "finished": self.finished, "seconds": round(self.seconds, 3),
                "articles": {"new": self.new, "changed": self.changed, "unchanged": self.unchanged,
                             "removed": self.removed, "failed": len(self.failed)},
                "failures": [{"path": p, "problem": m} for p, m in self.failed],
                "facts": {"added": self.facts_added, "merged": self.facts_merged, "total": self.facts_total}}


@dataclass
class _Job:
    article: Article
    file: dict[str, Any] | None
    replaces: list[str]


Progress = Callable[[str, str], None]


def ingest(paths: Iterable[str], data_dir: str | os.PathLike, *, force: bool = False, workers: int = 1,
           wait: float = 0.0, max_bytes: int = MAX_BYTES, progress: Progress | None = None) -> IngestReport:
    """Ingest files, folders (recursively) or `-` (JSON Lines on stdin) into the knowledge base.

    Unchanged files are skipped by size and mtime without being read, unchanged content by its
    hash; `force` re-extracts everything. `progress(path, status)` is called once per article.
    """
    start = time.monotonic()
    report = IngestReport(started=_now())
    kb = KnowledgeBase(data_dir)
    with kb.lock(wait):
        cat = kb.catalog()
        touched: set[str] = set()
        paths = list(paths)
        report.removed = _forget_deleted_files(cat, kb, paths)
        jobs = _jobs(paths, cat, force, max_bytes, report, progress)
        for job, result in _extract_all(jobs, workers):
            if isinstance(result, str):
                report.failed.append((job.article.path, result))
                _tell(progress, job.article.path, "failed")
                continue
            article_json, facts_json = result
            kb.save_article(article_json, facts_json, job.file)
            _record(cat, kb, job, article_json)
            touched.add(job.article.id)
            status = "changed" if job.replaces else "new"
            setattr(report, status, getattr(report, status) + 1)
            _tell(progress, job.article.path, status)
        if touched or force or not kb.path.exists() or _catalog_changed(kb, cat):
            before = kb.fact_ids()
            facts = kb.rebuild(cat)
            for f in facts:
                if any(s["article"] in touched for s in f["sources"]):
                    if f["id"] in before:
                        report.facts_merged += 1
                    else:
                        report.facts_added += 1
            report.facts_total = len(facts)
        else:
            report.facts_total = len(kb.fact_ids())
    report.finished = _now()
    report.seconds = time.monotonic() - start
    return report


def _jobs(paths: Iterable[str], cat: Catalog, force: bool, max_bytes: int, report: IngestReport,
          progress: Progress | None) -> Iterator[_Job]:
    """Articles that need extracting; unchanged ones and unreadable ones are counted here."""
    for path in iter_paths(paths):
        if isinstance(path, ArticleError):
            report.failed.append((path.path, path.problem))
            _tell(progress, path.path, "failed")
            continue
        name = str(path)
        file = _file_info(path)
        known = cat.files.get(name)
        if not force and file and known and known.get("complete", True) and _same_file(known, file) \
                and all(i in cat.articles for i in known["ids"]):
            report.unchanged += len(known["ids"]) or 1
            _tell(progress, name, "unchanged")
            continue
        old_ids = list(known["ids"]) if known else []
        new_ids: list[str] = []
        for item in iter_articles([name], max_bytes):
            if isinstance(item, ArticleError):
                report.failed.append((item.path, item.problem))
                _tell(progress, item.path, "failed")
                continue
            problem = unsupported(item)
            if problem:
                report.failed.append((item.path, problem))
                _tell(progress, item.path, "failed")
                continue
            new_ids.append(item.id)
            if not force and item.id in cat.articles:
                report.unchanged += 1
                _tell(progress, item.path, "unchanged")
                continue
            replaces = [i for i in old_ids if i != item.id] if len(old_ids) == 1 else []
            yield _Job(item, file, replaces)
        if file:
            cat.files[name] = {**file, "ids": new_ids}
            for gone in set(old_ids) - set(new_ids):
                _drop_if_orphan(cat, gone)


def forget(articles: Iterable[str], data_dir: str | os.PathLike, *, wait: float = 0.0) -> list[str]:
    """Remove articles (by id, id prefix or path) and every fact left without a source; no NLP
    runs. Returns the ids removed; a name that matches nothing is left out."""
    kb = KnowledgeBase(data_dir)
    with kb.lock(wait):
        cat = kb.catalog()
        gone: set[str] = set()
        for name in articles:
            paths = _matching_paths(cat, name)
            ids = {i for p in paths for i in cat.files.pop(p).get("ids", [])}
            ids |= {i for i in cat.articles if len(name) >= 6 and i.startswith(name)}
            for article_id in ids:
                if not paths:  # asked by id: whichever file holds it goes too
                    cat.files = {p: e for p, e in cat.files.items() if article_id not in e.get("ids", [])}
                if article_id in cat.articles and not _still_referenced(cat, article_id):
                    cat.articles.pop(article_id)
                    kb.remove_article(article_id)
                    gone.add(article_id)
        if gone or not kb.path.exists():
            kb.rebuild(cat)
    return sorted(gone)


def _matching_paths(cat: Catalog, name: str) -> list[str]:
    return [p for p in cat.files if p == name or Path(p) == Path(name)]


def _still_referenced(cat: Catalog, article_id: str) -> bool:
    return any(article_id in f.get("ids", []) for f in cat.files.values())


def _forget_deleted_files(cat: Catalog, kb: KnowledgeBase, paths: list[str]) -> int:
    """Articles whose file was deleted from a folder being ingested leave the knowledge base."""
    folders = [Path(p) for p in paths if p != "-" and Path(p).is_dir()]
    removed = 0
    for path in [p for p in cat.files if any(Path(p).is_relative_to(f) for f in folders)]:
        if not os.path.lexists(path):
            ids = cat.files.pop(path).get("ids", [])
            for article_id in ids:
                before = article_id in cat.articles
                _drop_if_orphan(cat, article_id, kb)
                removed += before and article_id not in cat.articles
    return removed


def _record(cat: Catalog, kb: KnowledgeBase, job: _Job, article_json: dict[str, Any]) -> None:
    cat.articles[job.article.id] = article_json
    for old in job.replaces:
        _drop_if_orphan(cat, old, kb)


def _drop_if_orphan(cat: Catalog, article_id: str, kb: KnowledgeBase | None = None) -> None:
    """Forget an article no file refers to any more."""
    if _still_referenced(cat, article_id):
        return
    cat.articles.pop(article_id, None)
    if kb:
        kb.remove_article(article_id)


def _catalog_changed(kb: KnowledgeBase, cat: Catalog) -> bool:
    written = kb.read_catalog()
    return written.articles.keys() != cat.articles.keys() or written.files != cat.files


def _extract_one(article: Article) -> tuple[dict, list[dict]] | str:
    """Extraction of one article as JSON, or the problem in one line: never raises."""
    from .extract import extract_article

    try:
        extraction = extract_article(article)
    except Exception as e:  # one bad article must not stop the batch
        return f"extraction failed: {type(e).__name__}: {e}"
    return article_to_json(extraction.article), [fact_to_json(f) for f in extraction.facts]


def _extract_all(jobs: Iterator[_Job], workers: int) -> Iterator[tuple[_Job, Any]]:
    """(job, result) in input order; with workers > 1 a forked pool shares the loaded models."""
    if workers <= 1:
        for job in jobs:
            yield job, _extract_one(job.article)
        return
    from . import nlp

    nlp.warm_up()
    import gc

    gc.freeze()
    ctx = multiprocessing.get_context("fork")
    pending: list[_Job] = []

    def articles() -> Iterator[Article]:
        for job in jobs:
            pending.append(job)
            yield job.article

    with ctx.Pool(workers) as pool:
        for result in pool.imap(_extract_one, articles(), chunksize=2):
            yield pending.pop(0), result


def _file_info(path: Path) -> dict[str, Any] | None:
    if str(path) == "-":
        return None
    try:
        st = path.stat()
    except OSError:
        return None
    return {"path": str(path), "size": st.st_size, "mtime": st.st_mtime_ns}


def _same_file(known: dict[str, Any], file: dict[str, Any]) -> bool:
    return known.get("size") == file["size"] and known.get("mtime") == file["mtime"]


def _tell(progress: Progress | None, path: str, status: str) -> None:
    if progress:
        progress(path, status)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
