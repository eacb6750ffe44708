"""Ingest: read new or changed articles, extract them (on the engine asked for), store
each result as soon as it is ready, then merge everything into the knowledge base."""
from __future__ import annotations

import datetime as dt
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from .articles import MAX_BYTES, Article, ArticleError, iter_articles, iter_paths
from .extract import extract_json, unsupported
from .kb import Catalog, KBError, KnowledgeBase


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
           wait: float = 0.0, max_bytes: int = MAX_BYTES, progress: Progress | None = None,
           engine: str = "local", address: str | None = None) -> IngestReport:
    """Ingest files, folders (recursively) or `-` (JSON Lines on stdin) into the knowledge base.

    Unchanged files are skipped by size and mtime without being read, unchanged content by its
    hash; `force` re-extracts everything (and rebuilds a catalogue it cannot read).
    `progress(path, status)` is called once per article. `engine` ("local" or "dask", at
    the Dask scheduler `address` if given) runs the extraction, see engines.py.
    """
    start = time.monotonic()
    report = IngestReport(started=_now())
    kb = KnowledgeBase(data_dir)
    with kb.lock(wait):
        cat = kb.catalog(rebuild=force)
        written = cat.fingerprint()
        paths = list(paths)
        report.removed = _forget_deleted_files(cat, kb, paths)
        touched: set[str] = set()
        for job, result in _extract_all(_jobs(paths, cat, kb, force, max_bytes, report, progress), workers,
                                        engine, address):
            if isinstance(result, str):
                report.failed.append((job.article.path, result))
                _tell(progress, job.article.path, "failed")
                continue
            article_json, facts_json = result
            kb.save_article(article_json, facts_json, job.file)
            cat.articles[job.article.id] = article_json
            for old in job.replaces:
                _drop_if_orphan(cat, old, kb)
            touched.add(job.article.id)
            status = "changed" if job.replaces else "new"
            setattr(report, status, getattr(report, status) + 1)
            _tell(progress, job.article.path, status)
        before = kb.fact_ids(missing_ok=True)
        if touched or force or not kb.path.exists() or cat.fingerprint() != written:
            facts = kb.rebuild(cat)
            for f in facts:
                if any(s["article"] in touched for s in f["sources"]):
                    report.facts_merged += f["id"] in before
                    report.facts_added += f["id"] not in before
            report.facts_total = len(facts)
        else:
            report.facts_total = len(before)
    report.finished = _now()
    report.seconds = time.monotonic() - start
    return report


def _jobs(paths: list[str], cat: Catalog, kb: KnowledgeBase, force: bool, max_bytes: int,
          report: IngestReport, progress: Progress | None) -> Iterator[_Job]:
    """Articles that need extracting; unchanged ones and unreadable ones are counted here. Files
    are keyed by their resolved path, so the same file reached another way is the same file."""
    queued: set[str] = set()
    for path in iter_paths(paths):
        if isinstance(path, ArticleError):
            _fail(report, progress, path.path, path.problem)
            continue
        name, file = str(path), _file_info(path)
        key = file["path"] if file else name
        known = cat.files.get(key)
        if not force and file and known and known.get("complete", True) and _same_file(known, file) \
                and all(i in cat.articles for i in known["ids"]):
            report.unchanged += len(known["ids"]) or 1
            _tell(progress, name, "unchanged")
            continue
        old_ids = list(known["ids"]) if known else []
        new_ids: list[str] = []
        for item in iter_articles([name], max_bytes):
            if isinstance(item, ArticleError) or unsupported(item):
                _fail(report, progress, item.path, item.problem if isinstance(item, ArticleError) else unsupported(item))
                continue
            new_ids.append(item.id)
            if item.id in queued or (not force and item.id in cat.articles):
                report.unchanged += 1
                _tell(progress, item.path, "unchanged")
                continue
            queued.add(item.id)
            yield _Job(item, file, [i for i in old_ids if i != item.id] if len(old_ids) == 1 else [])
        if file:
            cat.files[key] = {**file, "ids": new_ids}
            for gone in set(old_ids) - set(new_ids):
                _drop_if_orphan(cat, gone, kb)


def forget(articles: Iterable[str], data_dir: str | os.PathLike, *, wait: float = 0.0) -> tuple[list[str], list[str]]:
    """Remove articles (by id, a 6+ character id prefix, or path) and every fact left without a
    source; no NLP runs. Returns the ids removed and the names that matched no article."""
    kb = KnowledgeBase(data_dir)
    if not kb.exists():
        raise KBError(f"{kb.root}: no knowledge base here; check --data-dir")
    with kb.lock(wait):
        cat = kb.catalog()
        gone: set[str] = set()
        unmatched = []
        for name in articles:
            paths = [p for p in cat.files if Path(p) == Path(name).resolve()]
            by_id = {i for i in cat.articles if len(name) >= 6 and i.startswith(name)}
            if not paths and not by_id:
                unmatched.append(name)
            for p in paths:
                cat.files.pop(p)
            for article_id in by_id:  # asked by id: whichever file holds it goes too
                cat.files = {p: e for p, e in cat.files.items() if article_id not in e.get("ids", [])}
            for article_id in {i for p in paths for i in cat.articles} | by_id:
                if article_id in cat.articles and not _still_referenced(cat, article_id):
                    _drop_if_orphan(cat, article_id, kb)
                    gone.add(article_id)
        if gone:
            kb.rebuild(cat)
    return sorted(gone), unmatched


def _still_referenced(cat: Catalog, article_id: str) -> bool:
    return any(article_id in f.get("ids", []) for f in cat.files.values())


def _forget_deleted_files(cat: Catalog, kb: KnowledgeBase, paths: list[str]) -> int:
    """Articles whose file was deleted from a folder being ingested leave the knowledge base."""
    folders = [Path(p).resolve() for p in paths if p != "-" and Path(p).is_dir()]
    removed = 0
    for path in [p for p in cat.files if any(Path(p).is_relative_to(f) for f in folders)]:
        if not os.path.lexists(path):
            for article_id in cat.files.pop(path).get("ids", []):
                before = article_id in cat.articles
                _drop_if_orphan(cat, article_id, kb)
                removed += before and article_id not in cat.articles
    return removed


def _drop_if_orphan(cat: Catalog, article_id: str, kb: KnowledgeBase) -> None:
    """Forget an article no file refers to any more, its stored result too."""
    if _still_referenced(cat, article_id):
        return
    cat.articles.pop(article_id, None)
    kb.remove_article(article_id)


def extract_paths(paths: Iterable[str], max_bytes: int = MAX_BYTES) -> Iterator[tuple[str, dict | None, str | None]]:
    """(path, extraction as JSON or None, problem or None) for every article named; writes nothing."""
    for item in iter_articles(paths, max_bytes):
        problem = item.problem if isinstance(item, ArticleError) else unsupported(item)
        if problem:
            yield item.path, None, problem
            continue
        result = extract_json(item)
        if isinstance(result, str):
            yield item.path, None, result
        else:
            yield item.path, {"article": result[0], "facts": result[1]}, None


def _extract_all(jobs: Iterator[_Job], workers: int, engine: str = "local",
                 address: str | None = None) -> Iterator[tuple[_Job, Any]]:
    """(job, result) in input order, extracted by the engine asked for (see engines.py)."""
    from .engines import extract_all

    return extract_all(jobs, lambda job: job.article, workers=workers, engine=engine, address=address)


def _file_info(path: Path) -> dict[str, Any] | None:
    if str(path) == "-":
        return None
    try:
        st = path.stat()
    except OSError:
        return None
    return {"path": str(path.resolve()), "size": st.st_size, "mtime": st.st_mtime_ns}


def _same_file(known: dict[str, Any], file: dict[str, Any]) -> bool:
    return known.get("size") == file["size"] and known.get("mtime") == file["mtime"]


def _fail(report: IngestReport, progress: Progress | None, path: str, problem: str) -> None:
    report.failed.append((path, problem))
    _tell(progress, path, "failed")


def _tell(progress: Progress | None, path: str, status: str) -> None:
    if progress:
        progress(path, status)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
