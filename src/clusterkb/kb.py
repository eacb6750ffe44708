"""The knowledge base on disk: per-article results, the merged facts, atomic writes, a lock.

Layout under DATA_DIR/extracted/:
    articles/ID.json   one article's record and facts, written as soon as it is extracted
    kb.json            schema version and the merged facts (the knowledge base's JSON form)
    index.sqlite       the same facts indexed for queries (derived from kb.json)
    catalog.json       which articles are in and which file (size, mtime) each came from
    runs/*.json        a record of each ingest run
    .lock              held (flock) by the one process that writes

Every write goes to a temporary file that is renamed over the old one, so a reader or a
killed writer never sees half a file. Article results are the truth; the rest is rebuilt
from them (catalogue last), so a run killed before that loses nothing: the next run picks
the results up.
"""
from __future__ import annotations

import contextlib
import errno
import fcntl
import functools
import json
import os
import sqlite3
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from .facts import SCHEMA_VERSION, fact_from_json, kb_fact_to_json
from .index import Index, write_index


class KBError(Exception):
    """The knowledge base cannot be used as it is; the message says why and what to do."""


class CorruptError(KBError):
    """A file of the knowledge base cannot be parsed."""


@dataclass
class Catalog:
    """Which articles are in, and which file (size, mtime) each came from."""

    articles: dict[str, dict[str, Any]] = field(default_factory=dict)
    files: dict[str, dict[str, Any]] = field(default_factory=dict)

    def fingerprint(self) -> tuple:
        """What the catalogue says, cheap to compare: has a run changed it?"""
        return (frozenset(self.articles), frozenset(
            (path, f.get("size"), f.get("mtime"), tuple(f.get("ids", ())), f.get("complete", True))
            for path, f in self.files.items()))


def write_json_atomic(path: Path, data: Any) -> None:
    """Write JSON to a temporary file beside `path`, fsync it and rename it over `path`.
    A dict's list under "facts" is written one fact at a time: the C encoder stays fast
    without building the whole knowledge base as one string."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            _write_json(f, data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _write_json(f: Any, data: Any) -> None:
    dumps = functools.partial(json.dumps, ensure_ascii=False, separators=(",", ":"))
    if not (isinstance(data, dict) and isinstance(data.get("facts"), list)):
        f.write(dumps(data))
        return
    head = {k: v for k, v in data.items() if k != "facts"}
    f.write(dumps(head)[:-1] + (',"facts":[' if head else '"facts":['))
    for i, fact in enumerate(data["facts"]):
        f.write(("," if i else "") + dumps(fact))
    f.write("]}")


def _check_schema(path: Path, schema: Any) -> None:
    if schema != SCHEMA_VERSION:
        raise KBError(f"{path}: written with schema version {schema!r}, this clusterkb reads version "
                      f"{SCHEMA_VERSION}; re-create it with `clusterkb ingest --force` into a new --data-dir")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class KnowledgeBase:
    """The knowledge base under a data directory."""

    def __init__(self, data_dir: str | os.PathLike):
        self.data_dir = Path(data_dir)
        self.root = self.data_dir / "extracted"
        self.articles_dir = self.root / "articles"
        self.path = self.root / "kb.json"
        self.catalog_path = self.root / "catalog.json"

    # reading -----------------------------------------------------------------------------

    def _read_json(self, path: Path) -> dict[str, Any]:
        try:
            with open(path, encoding="utf-8") as f:
                data = json.load(f)
        except (OSError, ValueError) as e:
            raise CorruptError(f"{path}: cannot read the knowledge base ({e}); "
                               f"rebuild it with `clusterkb ingest --force`") from None
        _check_schema(path, data.get("schema") if isinstance(data, dict) else None)
        return data

    def facts(self) -> list[dict[str, Any]]:
        """Every merged fact, as kb.json holds them (none before the first ingest)."""
        return self._read_json(self.path)["facts"] if self.path.exists() else []

    def index(self) -> Index:
        """The query index (an empty one before the first ingest)."""
        path = self.root / "index.sqlite"
        if not path.exists():
            if self.path.exists():
                raise KBError(f"{path} is missing; rebuild it with `clusterkb ingest --force`")
            return Index(None)
        try:
            index = Index(path)
            schema = index.schema()
        except sqlite3.Error as e:
            raise KBError(f"{path}: cannot read the knowledge base index ({e}); "
                          f"rebuild it with `clusterkb ingest --force`") from None
        _check_schema(path, int(schema) if schema and schema.isdigit() else schema)
        return index

    def exists(self) -> bool:
        return self.catalog_path.exists() or self.path.exists()

    def fact_ids(self, missing_ok: bool = False) -> set[str]:
        """Ids of the facts in the knowledge base now (from the index: no JSON parsed); with
        `missing_ok` an index that is missing or unreadable counts as empty."""
        if not (self.root / "index.sqlite").exists():
            return set()
        try:
            index = self.index()
        except KBError:
            if missing_ok:
                return set()
            raise
        try:
            return index.ids()
        finally:
            index.close()

    def article_result(self, article_id: str) -> dict[str, Any]:
        with open(self.articles_dir / f"{article_id}.json", encoding="utf-8") as f:
            return json.load(f)

    # writing -----------------------------------------------------------------------------

    @contextlib.contextmanager
    def lock(self, wait: float = 0.0) -> Iterator[None]:
        """Hold the writer's lock; wait up to `wait` seconds for another writer to finish.
        flock dies with its process, so a killed ingest never leaves a stale lock behind."""
        self.root.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.root / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + wait
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except OSError as e:
                    if e.errno not in (errno.EAGAIN, errno.EACCES):
                        raise
                    if time.monotonic() >= deadline:
                        holder = os.pread(fd, 64, 0).decode(errors="replace").strip() or "another process"
                        raise KBError(f"{self.root}: another ingest is writing (pid {holder}); "
                                          f"try again later or pass --wait SECONDS") from None
                    time.sleep(0.2)
            os.ftruncate(fd, 0)
            os.pwrite(fd, str(os.getpid()).encode(), 0)
            yield
        finally:
            os.close(fd)

    def read_catalog(self) -> Catalog:
        """The catalogue as last written."""
        if not self.catalog_path.exists():
            return Catalog()
        data = self._read_json(self.catalog_path)
        return Catalog(data.get("articles", {}), data.get("files", {}))

    def catalog(self, rebuild: bool = False) -> Catalog:
        """The catalogue, reconciled with the article results on disk (a killed run's results
        are in; results whose file is gone are out). With `rebuild`, a catalogue that cannot be
        parsed is rebuilt from the article results."""
        try:
            cat = self.read_catalog()
        except CorruptError:
            if not rebuild:
                raise
            cat = Catalog()
        on_disk = {p.stem for p in self.articles_dir.glob("*.json")} if self.articles_dir.exists() else set()
        for missing in set(cat.articles) - on_disk:
            del cat.articles[missing]
        for orphan in sorted(on_disk - set(cat.articles)):
            try:
                record = self.article_result(orphan)
            except (OSError, ValueError):
                (self.articles_dir / f"{orphan}.json").unlink(missing_ok=True)
                continue
            cat.articles[orphan] = record["article"]
            source = record.get("file")
            if source:  # the run that wrote it was killed: re-read that file next time
                entry = cat.files.setdefault(source["path"], {**source, "ids": [], "complete": False})
                if orphan not in entry["ids"]:
                    entry["ids"].append(orphan)
        return cat

    def save_article(self, article: dict[str, Any], facts: list[dict[str, Any]], file: dict[str, Any] | None) -> None:
        """Write one article's result (durable before the next article starts)."""
        write_json_atomic(self.articles_dir / f"{article['id']}.json",
                          {"schema": SCHEMA_VERSION, "article": article, "file": file, "facts": facts})

    def remove_article(self, article_id: str) -> None:
        (self.articles_dir / f"{article_id}.json").unlink(missing_ok=True)

    def save_run(self, report: dict[str, Any]) -> Path:
        """Keep a record of one ingest run under runs/ (named by its start time)."""
        name = report["started"].replace(":", "").replace("+0000", "Z") + f"-{os.getpid()}.json"
        path = self.root / "runs" / name
        write_json_atomic(path, report)
        return path

    def runs(self) -> list[dict[str, Any]]:
        """Records of past ingest runs, oldest first."""
        folder = self.root / "runs"
        out = []
        for p in sorted(folder.glob("*.json")) if folder.exists() else []:
            with contextlib.suppress(OSError, ValueError):
                out.append(json.loads(p.read_text(encoding="utf-8")))
        return out

    def rebuild(self, cat: Catalog) -> list[dict[str, Any]]:
        """Merge every article result into the facts; write kb.json, the index and (last) the
        catalogue. Returns the facts."""
        from .merge import merge  # the merge is for writers only: readers start faster without it

        facts = [kb_fact_to_json(f) for f in merge(self._article_facts(cat))]
        write_json_atomic(self.path, {"schema": SCHEMA_VERSION, "facts": facts})
        write_index(self.root / "index.sqlite", facts, cat.articles)
        write_json_atomic(self.catalog_path, {"schema": SCHEMA_VERSION, "articles": cat.articles, "files": cat.files})
        return facts

    def _article_facts(self, cat: Catalog) -> Iterator[Any]:
        from .merge import ArticleFacts

        for article_id in sorted(cat.articles):
            record = self.article_result(article_id)
            art = record["article"]
            yield ArticleFacts(art["id"], art.get("path", ""), art.get("published"),
                               [fact_from_json(f) for f in record["facts"]])
