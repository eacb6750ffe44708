"""The knowledge base on disk: one SQLite store under DATA_DIR/extracted/, a writer's lock.

    kb.sqlite   articles, files, facts as extracted, entities, keys, stems, sentences, runs
    .lock       held (flock) by the one process that writes

`Store.index()` is the read view (`reader.Index`); `Store.writer()`, taken
under `lock()`, changes the store one transaction at a time (`Writer`). A knowledge base of the
first layout (kb.json beside per-article JSON files) is moved into the store the first time a
writer opens it.
"""
from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import shutil
import sqlite3
import time
from pathlib import Path
from typing import Any, Iterator

from . import schema
from .reader import Index
from .schema import StoreError
from .writer import Writer

__all__ = ["Index", "Store", "StoreError", "Writer", "judgements_in"]

_LEGACY = ("kb.json", "index.sqlite", "catalog.json")


class Store:
    """The knowledge base under a data directory."""

    def __init__(self, data_dir: str | os.PathLike):
        self.data_dir = Path(data_dir)
        self.root = self.data_dir / "extracted"
        self.path = self.root / "kb.sqlite"

    def exists(self) -> bool:
        return self.path.exists() or self._legacy()

    def _legacy(self) -> bool:
        return any((self.root / name).exists() for name in _LEGACY) or (self.root / "articles").is_dir()

    # reading -----------------------------------------------------------------------------

    def index(self) -> Index:
        """The read view (an empty one before the first ingest). Readers never wait for the writer."""
        if not self.path.exists():
            if self._legacy():
                raise StoreError(f"{self.root}: a knowledge base of the first layout (kb.json); run "
                                 f"`clusterkb rebuild` (or any ingest) once to move it into {self.path.name}")
            return Index(None)
        return Index(self._open(readonly=True))

    def facts(self) -> Iterator[dict[str, Any]]:
        """Every fact with its sources, one at a time (memory flat in the size of the store)."""
        index = self.index()
        try:
            yield from index.facts()
        finally:
            index.close()

    def runs(self) -> list[dict[str, Any]]:
        """Records of past ingest runs, oldest first."""
        if not self.path.exists():
            return []
        index = self.index()
        try:
            return index.runs()
        finally:
            index.close()

    # writing -----------------------------------------------------------------------------

    @contextlib.contextmanager
    def lock(self, wait: float = 0.0) -> Iterator[None]:
        """Hold the writer's lock; wait up to `wait` seconds for another writer to finish.
        flock dies with its process (and the descriptor is not inherited by programs it runs),
        so a killed ingest never leaves a stale lock behind."""
        self.root.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.root / ".lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
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
                        raise StoreError(f"{self.root}: another ingest is writing (pid {holder}); "
                                         f"try again later or pass --wait SECONDS") from None
                    time.sleep(0.2)
            os.ftruncate(fd, 0)
            os.pwrite(fd, str(os.getpid()).encode(), 0)
            yield
        finally:
            os.close(fd)

    def writer(self) -> Writer:
        """The store opened for writing (call under `lock()`), created or migrated if need be."""
        self.root.mkdir(parents=True, exist_ok=True)
        new = not self.path.exists()
        if new:
            self._create()
        db = self._open(readonly=False)
        writer = Writer(db, self.path)
        if new and self._legacy():
            self._migrate(writer)
        return writer

    def _create(self) -> None:
        """Build a new store beside its place and move it in whole: a kill -9 while its tables
        are made leaves no store rather than half of one («no such table: meta» on the next run)."""
        part = self.path.with_name(self.path.name + ".part")
        for suffix in ("", "-journal", "-wal", "-shm"):
            Path(str(part) + suffix).unlink(missing_ok=True)
        db = sqlite3.connect(part, isolation_level=None)
        schema.create(db)
        db.close()
        os.replace(part, self.path)

    def set_aside(self) -> Path:
        """Move a store that cannot be read out of the way (kept, renamed with the time), so that
        `ingest --force` can build a new one from the articles. Returns where it went."""
        aside = self.path.with_name(f"{self.path.name}.unreadable-{time.strftime('%Y%m%dT%H%M%S')}")
        for suffix in ("", "-wal", "-shm"):
            old = Path(str(self.path) + suffix)
            if old.exists():
                old.replace(Path(str(aside) + suffix))
        return aside

    def _open(self, readonly: bool) -> sqlite3.Connection:
        try:
            if readonly:
                db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
            else:
                db = sqlite3.connect(self.path, isolation_level=None)
                os.chmod(self.path, 0o666 & ~_umask())
                db.execute("PRAGMA journal_mode = WAL")
                db.execute("PRAGMA synchronous = NORMAL")
            db.execute("PRAGMA busy_timeout = 10000")
            db.execute("PRAGMA cache_size = -65536")
        except sqlite3.Error as e:
            raise StoreError(f"{self.path}: cannot read the knowledge base ({e}); repair it with `clusterkb rebuild`, "
                             f"or build a new one from the articles with `clusterkb ingest --force` (the old one is kept aside)") from None
        if not readonly and db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0:
            return db
        schema.check(db, self.path, writable=not readonly)
        return db

    def _migrate(self, writer: Writer) -> None:
        """Move a first-layout knowledge base (per-article JSON results, catalog.json, runs/*.json)
        into the store, then remove the old files. No NLP runs; the facts wait for the caller's
        resolution (every command that writes resolves what is pending)."""
        catalog = _read_json(self.root / "catalog.json") or {}
        files = catalog.get("files", {})
        for path in sorted((self.root / "articles").glob("*.json")):
            record = _read_json(path)
            if not record or record.get("schema") != 1:
                raise StoreError(f"{path}: not an article result of the first layout; move it away and run again")
            source = record.get("file")
            writer.add_article(record["article"], record["facts"], source["path"] if source else None)
        for path, entry in files.items():
            writer.set_file(path, entry, entry.get("ids", []), complete=entry.get("complete", True))
        for path in sorted((self.root / "runs").glob("*.json")) if (self.root / "runs").is_dir() else []:
            run = _read_json(path)
            if run:
                writer.save_run(run)
        for name in _LEGACY:
            (self.root / name).unlink(missing_ok=True)
        shutil.rmtree(self.root / "articles", ignore_errors=True)
        shutil.rmtree(self.root / "runs", ignore_errors=True)


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def judgements_in(path: Path) -> list[dict[str, Any]]:
    """The judgements kept in a store file, read as they are (none when it cannot be read:
    `ingest --force` carries over what a set-aside store still gives)."""
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return [json.loads(r) for (r,) in db.execute("SELECT record FROM judgements ORDER BY id")]
        finally:
            db.close()
    except (sqlite3.Error, ValueError):
        return []
