"""The one transaction of the knowledge base's life: ingest (read new or changed articles,
extract them on the engine asked for, store each result as soon as it is ready, resolve the new
facts against the stored entities, keep a record of the run), forget and rebuild."""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from .read.articles import MAX_BYTES, ArticleError, iter_articles, iter_paths, path_name
from .model import Article
from .budget import DEFAULT_SECONDS
from .engines import extract_all
from .extract import extract_json, unsupported
from .resolve.incremental import Outcome, judge, members, resolve, withdraw
from .resolve.judgements import Judgement, JudgementError, merge_of, split_of
from .store import Store, StoreError, Writer, judgements_in

log = logging.getLogger("clusterkb")


@dataclass
class IngestReport:
    """What one ingest run did; `failed` holds (path, problem) pairs."""

    started: str = ""
    finished: str = ""
    new: int = 0
    changed: int = 0
    reextracted: int = 0
    unchanged: int = 0
    removed: int = 0
    forgotten: int = 0
    unforgotten: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    facts_added: int = 0
    facts_merged: int = 0
    facts_total: int = 0
    seconds: float = 0.0
    interrupted: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {"started": self.started, "finished": self.finished, "seconds": round(self.seconds, 3),
                "interrupted": self.interrupted,
                "articles": {"new": self.new, "changed": self.changed, "reextracted": self.reextracted,
                             "unchanged": self.unchanged, "removed": self.removed, "forgotten": self.forgotten,
                             "failed": len(self.failed)},
                "failures": [{"path": p, "problem": m} for p, m in self.failed],
                "facts": {"added": self.facts_added, "merged": self.facts_merged, "total": self.facts_total}}


@dataclass(frozen=True)
class _FileRecord:
    """What to record of a file once every article read from it is in: its stat, the articles
    it held at the last ingest (`old`) and those it holds now (`ids`)."""

    path: str
    info: dict[str, Any]
    old: list[str]
    ids: list[str]


@dataclass
class _Job:
    article: Article
    file: dict[str, Any] | None
    replaces: list[str]
    known: bool = False  # the article is stored already (re-extracted by --force)
    closes: _FileRecord | None = None  # the last article of this file: record it once this one is in


@dataclass(frozen=True)
class _Options:
    force: bool
    workers: int
    max_bytes: int
    article_timeout: float | None
    follow_symlinks: bool
    engine: str = "local"
    address: str | None = None


Progress = Callable[[str, str], None]
RESOLVE_EVERY = 100  # articles stored between two resolutions: the parent resolves while workers extract


def ingest(paths: Iterable[str], data_dir: str | os.PathLike, *, force: bool = False, workers: int = 1,
           wait: float = 0.0, max_bytes: int = MAX_BYTES, progress: Progress | None = None,
           report_file: str | os.PathLike | None = None, article_timeout: float | None = DEFAULT_SECONDS,
           follow_symlinks: bool = False, engine: str = "local", address: str | None = None) -> IngestReport:
    """Ingest files, folders (recursively) or `-` (JSON Lines on stdin) into the knowledge base.

    Unchanged files are skipped by size and mtime without being read, unchanged content by its
    hash; `force` re-extracts everything (and ingests files `forget` was told to forget). Each
    article's facts are stored as soon as they are extracted; then the new facts are resolved
    against the stored entities. The run leaves a record (`clusterkb runs`, and `report_file`),
    also when it is interrupted. `progress(path, status)` is called once per article; one taking
    longer than `article_timeout` seconds to extract fails alone. Symbolic links leading out of
    the folders named are not followed unless `follow_symlinks`. `engine` ("local" or "dask", at
    the Dask scheduler `address` if given) runs the extraction, see engines.py.
    """
    start = time.monotonic()
    report = IngestReport(started=_now())
    kb = Store(data_dir)
    with kb.lock(wait):
        writer = _writer(kb, force)
        try:
            _ingest(list(paths), writer, report, _Options(force, workers, max_bytes, article_timeout, follow_symlinks,
                                                           engine, address),
                    progress)
        except BaseException:
            report.interrupted = True
            raise
        finally:
            report.finished = _now()
            report.seconds = time.monotonic() - start
            _record(writer, report, report_file)
            writer.close()
    return report


def _writer(kb: Store, force: bool) -> Writer:
    """The store for writing; with `force`, one that cannot be read is set aside (kept) and a new
    one is built from the articles."""
    try:
        return kb.writer()
    except StoreError as e:
        if not force:
            raise
        aside = kb.set_aside()
        log.warning("%s; set aside as %s, building a new one from the articles (--force)", e, aside.name)
        writer = kb.writer()
        carried = judgements_in(aside)
        for record in carried:
            writer.add_judgement(record)
        if carried:
            log.warning("carried over %d judgement(s) from %s", len(carried), aside.name)
        return writer


def _ingest(paths: list[str], writer: Writer, report: IngestReport, options: _Options,
            progress: Progress | None) -> None:
    if options.force:
        report.unforgotten = writer.unforget_all()
    report.removed = _forget_deleted_files(writer, paths)
    run = Outcome()  # what the run's resolutions did
    jobs = _RunsOut(_jobs(paths, writer, options, report, progress))
    unresolved = 0  # articles stored since the last resolution

    def resolve_stored() -> None:
        nonlocal unresolved
        run.absorb(resolve(writer))
        unresolved = 0

    def resolve_meanwhile() -> bool:
        """While the workers extract the last articles (the input has run out), resolve what is
        stored, so that little is left to resolve once they are done."""
        if not (jobs.out and unresolved):
            return False
        resolve_stored()
        return True

    for job, result in extract_all(jobs, lambda job: job.article, workers=options.workers, engine=options.engine,
                                   address=options.address, seconds=options.article_timeout, idle=resolve_meanwhile):
        unresolved += _store(writer, job, result, report, progress)
        if unresolved >= RESOLVE_EVERY:  # while the workers extract what is left
            resolve_stored()
    resolve_stored()
    kept = writer.bases_among(run.added | run.merged)  # not those a later resolution of the run regrouped away
    report.facts_added, report.facts_merged = len(run.added & kept), len((run.merged - run.added) & kept)
    report.facts_total = sum(writer.counts().values())


def _store(writer: Writer, job: _Job, result: Any, report: IngestReport, progress: Progress | None) -> bool:
    """Store one extraction result (or count its failure), and record the file it ends; True if
    an article was stored."""
    if isinstance(result, str):
        report.failed.append((job.article.path, result))
        status = "failed"
    else:
        article_json, facts_json = result
        writer.add_article(article_json, facts_json, job.file["path"] if job.file else None, job.replaces, job.file)
        status = "changed" if job.replaces else "reextracted" if job.known else "new"
        setattr(report, status, getattr(report, status) + 1)
    if job.closes:
        _record_file(writer, job.closes, report)
    _tell(progress, job.article.path, status)
    return status != "failed"


def _record_file(writer: Writer, record: _FileRecord, report: IngestReport) -> None:
    """A file read whole: its articles now, and those it held before that no file holds now leave."""
    writer.set_file(record.path, record.info, record.ids)
    for gone in set(record.old) - set(record.ids):
        report.removed += writer.drop_if_orphan(gone)


class _RunsOut:
    """An iterator that knows when it has run out: then the last articles are in flight.

    Example: jobs = _RunsOut(iter([1])); next(jobs); jobs.out → False (not asked past the end
    yet); after next(jobs) raises StopIteration, jobs.out → True."""

    def __init__(self, items: Iterable[_Job]):
        self.items, self.out = iter(items), False

    def __iter__(self) -> _RunsOut:
        return self

    def __next__(self) -> _Job:
        try:
            return next(self.items)
        except StopIteration:
            self.out = True
            raise


def _record(writer: Writer, report: IngestReport, report_file: str | os.PathLike | None) -> None:
    """Keep the run's record in the store and, if asked, in a file of its own."""
    summary = report.as_dict()
    try:
        writer.save_run(summary)
    except StoreError as e:
        log.error("%s", e)
    if report_file:
        try:
            write_json_atomic(Path(report_file), summary)
        except OSError as e:
            log.error("%s: cannot write the report (%s)", report_file, e.strerror or e)


def _jobs(paths: list[str], writer: Writer, options: _Options, report: IngestReport,
          progress: Progress | None) -> Iterator[_Job]:
    """Articles that need extracting; unchanged, forgotten and unreadable ones are counted here.
    Files are keyed by their resolved path, so the same file reached another way is the same
    file. A file read whole is recorded with its last job (`_Job.closes`), or at once when none
    of its articles needs extracting, so nothing is kept per file for the rest of the run."""
    queued: set[str] = set()
    force = options.force
    for path in iter_paths(paths, options.follow_symlinks):
        if isinstance(path, ArticleError):
            _fail(report, progress, path.path, path.problem)
            continue
        name, file = str(path), _file_info(path)
        key = file["path"] if file else name
        if file and writer.forgotten(key):
            report.forgotten += 1
            _tell(progress, name, "forgotten")
            continue
        known = writer.file(key) if file else None
        if not force and file and known and known["complete"] and _same_file(known, file) \
                and all(writer.has_article(i) for i in known["ids"]):
            report.unchanged += len(known["ids"]) or 1
            _tell(progress, name, "unchanged")
            continue
        old_ids = list(known["ids"]) if known else []
        new_ids: list[str] = []
        last: _Job | None = None  # held back one article, to be marked the file's last
        for item in iter_articles([name], options.max_bytes, options.follow_symlinks):
            if isinstance(item, ArticleError) or unsupported(item):
                _fail(report, progress, item.path, item.problem if isinstance(item, ArticleError) else unsupported(item))
                continue
            new_ids.append(item.id)
            stored = writer.has_article(item.id)
            if item.id in queued or (not force and stored):
                report.unchanged += 1
                _tell(progress, item.path, "unchanged")
                continue
            queued.add(item.id)
            if last:
                yield last
            last = _Job(item, file, [i for i in old_ids if i != item.id] if len(old_ids) == 1 else [], stored)
        record = _FileRecord(key, file, old_ids, new_ids) if file else None
        if last:
            last.closes = record
            yield last
        elif record:
            _record_file(writer, record, report)


def forget(articles: Iterable[str], data_dir: str | os.PathLike, *, wait: float = 0.0) -> tuple[list[str], list[str]]:
    """Remove articles (by id, a 6+ character id prefix, or path) and every fact left without a
    source; no NLP runs. A forgotten file is not ingested again until `ingest --force`.
    Returns the ids removed and the names that matched no article."""
    with _existing(data_dir, wait) as writer, writer.transaction():  # removed and resolved again, or not at all
        gone, unmatched = _forget(list(articles), writer)
        resolve(writer)
    return sorted(gone), unmatched


def _forget(names: list[str], writer: Writer) -> tuple[set[str], list[str]]:
    gone: set[str] = set()
    unmatched = []
    files = set(writer.files())
    for name in names:
        paths = [p for p in files if Path(p) == Path(name).resolve()]
        by_id = writer.article_ids(name) if len(name) >= 6 else []
        if not paths and not by_id:
            unmatched.append(name)
        for article_id in by_id:  # asked by id: whichever file holds it is forgotten too
            paths += writer.files_of(article_id)
        writer.remember_forgotten(sorted(set(paths)), _now())
        for p in sorted(set(paths)):
            gone |= set(writer.drop_file(p))
        for article_id in by_id:
            if writer.remove_article(article_id):
                gone.add(article_id)
    return gone, unmatched


def rebuild(data_dir: str | os.PathLike, *, wait: float = 0.0) -> int:
    """Resolve every stored fact again, from scratch, without re-running the NLP (the repair
    for a store whose entities are in doubt). Returns the number of facts."""
    with _existing(data_dir, wait) as writer:
        writer.reset()
        resolve(writer)
        return sum(writer.counts().values())


def merge_entities(data_dir: str | os.PathLike, a: str, b: str, *, note: str = "",
                   wait: float = 0.0) -> tuple[Judgement, str]:
    """The analyst's word that entities `a` and `b` (ids) are one: kept in the knowledge base
    and applied now and on every later ingest, forget and rebuild. Returns the judgement and the
    id of the entity that holds both. Raises JudgementError (an unknown id, one entity already,
    a contradiction with a split in force).

    Example: merge_entities("data", "org-1a2b3c4d5e6f", "org-0f9e8d7c6b5a", note="the same fund")
    """
    with _existing(data_dir, wait) as writer, writer.transaction():
        resolve(writer)
        sides = [_members(writer, ident) for ident in (a, b)]
        names = (_name_of(writer, a), _name_of(writer, b))
        made, held = judge(writer, merge_of(*sides, names, (a, b), _now(), note), sides)
        return made, min(held[0] | held[1])


def split_entity(data_dir: str | os.PathLike, entity: str, *, article: str | None = None,
                 alias: str | None = None, note: str = "", wait: float = 0.0) -> tuple[Judgement, list[str]]:
    """The analyst's word that an entity's mentions in one article (an id, a prefix of one or
    its file's name), or its mentions under one name (`alias`), are something else: they become
    an entity of their own, now and on every later ingest, forget and rebuild. Returns the
    judgement and the ids of the two entities. Raises JudgementError.

    Example: split_entity("data", "org-1a2b3c4d5e6f", alias="ФРП")
    """
    with _existing(data_dir, wait) as writer, writer.transaction():
        resolve(writer)
        items = _members(writer, entity)
        if article is not None:
            article = _article_among(items, article)
        new, parts = split_of(items, _name_of(writer, entity), entity, _now(), article, alias, note)
        made, held = judge(writer, new, parts)
        return made, [min(ids) for ids in held]


def drop_judgement(data_dir: str | os.PathLike, n: int, *, wait: float = 0.0) -> Judgement:
    """Withdraw judgement `n`: what it touched is resolved again as if it had never been made."""
    with _existing(data_dir, wait) as writer, writer.transaction():
        resolve(writer)
        return withdraw(writer, n)


def _members(writer: Writer, entity: str) -> list:
    found = members(writer.db, entity)
    if not found:
        raise JudgementError(f"no person, organisation or place with id {entity!r} in the knowledge base")
    return found


def _name_of(writer: Writer, entity: str) -> str:
    return writer.db.execute("SELECT name FROM entities WHERE id = ?", (entity,)).fetchone()[0]


def _article_among(items: list, ref: str) -> str:
    """The article of an entity's facts that `ref` names: its id, a prefix of it, or its file's
    path or name."""
    articles = {item.article: item.path for item in items}
    found = sorted(a for a, path in articles.items()
                   if a.startswith(ref) or (path and (path == ref or os.path.basename(path) == ref)))
    if len(found) != 1:
        said = ", ".join(f"{a[:12]} ({os.path.basename(p) or '-'})" for a, p in sorted(articles.items())[:20])
        raise JudgementError(f"{'no' if not found else 'more than one'} article of this entity is {ref!r}; "
                             f"its articles: {said}")
    return found[0]


@contextlib.contextmanager
def _existing(data_dir: str | os.PathLike, wait: float) -> Iterator[Writer]:
    """The writer of a knowledge base that exists (a typo'd --data-dir creates nothing), under its lock."""
    kb = Store(data_dir)
    if not kb.exists():
        raise StoreError(f"{kb.root}: no knowledge base here; check --data-dir")
    with kb.lock(wait):
        writer = kb.writer()
        try:
            yield writer
        finally:
            writer.close()


def _forget_deleted_files(writer: Writer, paths: list[str]) -> int:
    """Articles whose file was deleted from a folder being ingested leave the knowledge base."""
    folders = [Path(p).resolve() for p in paths if p != "-" and Path(p).is_dir()]
    removed = 0
    for path in [p for p in writer.files() if any(Path(p).is_relative_to(f) for f in folders)]:
        if not os.path.lexists(path):
            removed += len(writer.drop_file(path))
    return removed


def extract_paths(paths: Iterable[str], max_bytes: int = MAX_BYTES, article_timeout: float | None = DEFAULT_SECONDS,
                  follow_symlinks: bool = False) -> Iterator[tuple[str, dict | None, str | None]]:
    """(path, extraction as JSON or None, problem or None) for every article named; writes nothing."""
    for item in iter_articles(paths, max_bytes, follow_symlinks):
        problem = item.problem if isinstance(item, ArticleError) else unsupported(item)
        if problem:
            yield item.path, None, problem
            continue
        result = extract_json(item, article_timeout)
        if isinstance(result, str):
            yield item.path, None, result
        else:
            yield item.path, {"article": result[0], "facts": result[1]}, None


def _file_info(path: Path) -> dict[str, Any] | None:
    if str(path) == "-":
        return None
    try:
        st = path.stat()
    except OSError:
        return None
    return {"path": path_name(path.resolve()), "size": st.st_size, "mtime": st.st_mtime_ns}


def write_json_atomic(path: Path, data: Any) -> None:
    """Write JSON to a temporary file beside `path`, fsync it and rename it over `path`, so a
    reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


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
