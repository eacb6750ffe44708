"""The knowledge base as tables for other tools: one SQLite file (Datasette, sqlite-utils, full-text
search over sentences) or a folder of Parquet files, one per table (pandas, DuckDB, Polars).

Both are written from one stream: facts are read one at a time from the index and their rows
go out in batches, so memory stays flat however big the knowledge base is. Sentences are
deduplicated by SQLite itself (a key made from the article and the text), and the Parquet
files are read back out of such an SQLite file, so both formats hold exactly the same tables.

Example:
    with contextlib.closing(Store("data").index()) as index:
        write_sqlite(index, Path("kb.sqlite"))        # then: datasette kb.sqlite
        write_parquet(index, Path("kb-parquet"))     # then: duckdb -c "FROM 'kb-parquet/facts.parquet'"
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from .kinds import label
from .query import date_span

if TYPE_CHECKING:
    from .store import Index

BATCH = 2000
"""Rows held per table before they are written out."""

TABLES: dict[str, list[tuple[str, str]]] = {
    "articles": [("id", "TEXT PRIMARY KEY"), ("path", "TEXT"), ("title", "TEXT"), ("published", "TEXT"),
                 ("lang", "TEXT"), ("source", "TEXT"), ("url", "TEXT"), ("author", "TEXT")],
    "facts": [("id", "TEXT PRIMARY KEY"), ("kind", "TEXT"), ("name", "TEXT"),
              ("canonical", "TEXT"), ("first", "TEXT"), ("middle", "TEXT"), ("last", "TEXT"),
              ("position", "TEXT"), ("organization", "TEXT"), ("date", "TEXT"), ("date_start", "TEXT"),
              ("date_end", "TEXT"), ("count", "REAL"), ("unit", "TEXT"), ("head", "TEXT"),
              ("amount", "REAL"), ("currency", "TEXT"), ("approximate", "BOOLEAN"),
              ("articles", "INTEGER"), ("mentions", "INTEGER")],
    "aliases": [("fact", "TEXT REFERENCES facts(id)"), ("alias", "TEXT")],
    "roles": [("fact", "TEXT REFERENCES facts(id)"), ("position", "TEXT"), ("organization", "TEXT"),
              ("article", "TEXT REFERENCES articles(id)"), ("published", "TEXT")],
    "context": [("fact", "TEXT REFERENCES facts(id)"), ("kind", "TEXT"), ("name", "TEXT")],
    "sentences": [("id", "TEXT PRIMARY KEY"), ("article", "TEXT REFERENCES articles(id)"), ("text", "TEXT")],
    "mentions": [("fact", "TEXT REFERENCES facts(id)"), ("article", "TEXT REFERENCES articles(id)"),
                 ("start", "INTEGER"), ("end", "INTEGER"), ("text", "TEXT"),
                 ("sentence", "TEXT REFERENCES sentences(id)")],
    "judgements": [("id", "INTEGER PRIMARY KEY"), ("verb", "TEXT"), ("kind", "TEXT"), ("of", "TEXT"), ("and", "TEXT"),
                   ("made", "TEXT"), ("note", "TEXT"), ("record", "TEXT")],
}
"""Every exported table: its columns and their SQLite types (Parquet types follow from them).
A fact's `name` is its label for every kind («808500000 RUB»), so Datasette shows it on links."""

_FACT_COUNTS = "articles, mentions"
VIEWS: dict[str, str] = {
    "people": f"SELECT id, name, first, middle, last, position, organization, {_FACT_COUNTS} FROM facts WHERE kind = 'person'",
    "organizations": f"SELECT id, name, canonical, {_FACT_COUNTS} FROM facts WHERE kind = 'organization'",
    "locations": f"SELECT id, name, {_FACT_COUNTS} FROM facts WHERE kind = 'location'",
    "dates": f"SELECT id, date, date_start, date_end, {_FACT_COUNTS} FROM facts WHERE kind = 'date'",
    "counts": f"SELECT id, count, unit, head, approximate, {_FACT_COUNTS} FROM facts WHERE kind = 'count'",
    "money": f"SELECT id, amount, currency, approximate, {_FACT_COUNTS} FROM facts WHERE kind = 'money'",
    "evidence": "SELECT f.id AS fact, f.kind, f.name, m.text AS said, s.text AS sentence, a.title, a.published, "
                "a.path FROM mentions m JOIN facts f ON f.id = m.fact JOIN sentences s ON s.id = m.sentence "
                "JOIN articles a ON a.id = m.article",
}
"""SQLite views: one per kind with only its own columns, and every mention with its sentence and
article («evidence»). Parquet has the tables only: the same views are joins there."""

_INDEXES = ["aliases(fact)", "roles(fact)", "context(fact)", "context(name)", "mentions(fact)",
            "mentions(article)", "mentions(sentence)", "sentences(article)", "facts(kind)"]


class ExportError(Exception):
    """The export cannot be written; the message names the file and the reason."""


def write_sqlite(index: Index, path: Path) -> None:
    """Write every table to a new SQLite file at `path` (replaced whole, never half-written),
    with an FTS5 index over sentences that Datasette and sqlite-utils pick up.

    Example: write_sqlite(index, Path("kb.sqlite")); then
    `SELECT * FROM sentences WHERE rowid IN (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH 'кластер')`.
    """
    path = Path(path)
    _writable_parent(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")  # SQLite creates it with the usual mode
    tmp.unlink(missing_ok=True)
    try:
        _fill_sqlite(index, tmp)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_parquet(index: Index, folder: Path) -> list[Path]:
    """Write one Parquet file per table into `folder` (created if needed); returns the files.
    Needs pyarrow: `pip install 'clusterkb[parquet]'`.

    Example: write_parquet(index, Path("out")) → [out/articles.parquet, out/facts.parquet, …]
    """
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"{folder}: exists and is not a folder (parquet writes one file per table into a folder)")
    pq = _pyarrow_parquet()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ExportError(f"{folder}: cannot create the folder ({e.strerror or e})") from e
    scratch = Path(tempfile.mkdtemp(prefix=".clusterkb-export.", dir=folder))
    try:
        staged = scratch / "kb.sqlite"
        _fill_sqlite(index, staged)
        with contextlib.closing(sqlite3.connect(staged)) as db:
            return [_table_to_parquet(pq, db, table, folder) for table in TABLES]
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _writable_parent(path: Path) -> None:
    if path.is_dir():
        raise ExportError(f"{path}: is a folder; give a file name such as kb.sqlite")
    if not path.parent.is_dir():
        raise ExportError(f"{path}: the folder {path.parent} does not exist")


def _pyarrow_parquet() -> Any:
    try:
        import pyarrow.parquet as pq
    except ImportError as e:
        raise ExportError("--format parquet needs pyarrow: pip install 'clusterkb[parquet]'") from e
    return pq


def _fill_sqlite(index: Index, path: Path) -> None:
    """Create the tables in an empty SQLite file and stream every row into them."""
    with contextlib.closing(sqlite3.connect(path)) as db:
        db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _schema())
        batches = _Batches(db)
        for article in index.article_records():
            batches.add("articles", _article_row(article))
        for fact in index.streamed():
            for table, row in fact_rows(fact):
                batches.add(table, row)
        for judgement in index.judgements():
            batches.add("judgements", judgement_row(judgement))
        batches.flush()
        db.executescript("".join(f"CREATE INDEX IF NOT EXISTS {_index_name(i)} ON {i};" for i in _INDEXES))
        db.execute("INSERT INTO sentences_fts(sentences_fts) VALUES ('rebuild')")
        db.commit()


def _schema() -> str:
    tables = "".join(f"CREATE TABLE {name} ({', '.join(f'[{c}] {t}' for c, t in cols)});\n"
                     for name, cols in TABLES.items())
    views = "".join(f"CREATE VIEW {name} AS {sql};\n" for name, sql in VIEWS.items())
    return tables + views + ("CREATE VIRTUAL TABLE sentences_fts USING FTS5 ([text], content=[sentences], "
                     "content_rowid=[rowid]);\n")


def _index_name(spec: str) -> str:
    """«mentions(fact)» → «idx_mentions_fact»."""
    return "idx_" + spec.replace("(", "_").rstrip(")")


class _Batches:
    """Rows gathered per table and inserted BATCH at a time; a sentence said twice is kept once."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db
        self.rows: dict[str, list[tuple]] = {name: [] for name in TABLES}
        self.sql = {name: f"INSERT {'OR IGNORE ' if name == 'sentences' else ''}INTO {name} "
                          f"VALUES ({', '.join('?' * len(cols))})" for name, cols in TABLES.items()}

    def add(self, table: str, row: tuple) -> None:
        rows = self.rows[table]
        rows.append(row)
        if len(rows) >= BATCH:
            self._write(table)

    def flush(self) -> None:
        for table in TABLES:
            self._write(table)

    def _write(self, table: str) -> None:
        self.db.executemany(self.sql[table], self.rows[table])
        self.rows[table].clear()


def _article_row(article: dict[str, Any]) -> tuple:
    return tuple(article.get(c) for c, _ in TABLES["articles"])


def judgement_row(j: dict[str, Any]) -> tuple:
    """An analyst's judgement as a row: what each side was called, and the whole record (its
    anchors) as JSON."""
    return (j["id"], j["verb"], j["kind"], j["names"][0], j["names"][1], j["made"], j.get("note") or "",
            json.dumps(j, ensure_ascii=False))


def fact_rows(fact: dict[str, Any]) -> Iterator[tuple[str, tuple]]:
    """Every row one knowledge-base fact gives: (table, row) pairs in the columns of TABLES.
    `sources` may be an iterator (`Index.streamed`), read once: the «facts» row, with the
    counts of articles and mentions, comes last.

    Example: a person with one alias and one mention gives an «aliases», a «sentences», a
    «mentions» and a «facts» row.
    """
    fid = fact["id"]
    for alias in fact.get("aliases", []):
        yield "aliases", (fid, alias)
    for role in fact.get("roles", []):
        for src in role.get("sources", []) or [{}]:
            yield "roles", (fid, role.get("position"), role.get("organization"), src.get("article"),
                            src.get("published"))
    ctx = fact.get("context") or {}
    for kind, key in (("organization", "organizations"), ("location", "locations")):
        for name in ctx.get(key, []):
            yield "context", (fid, kind, name)
    articles = mentions = 0
    for src in fact["sources"]:
        articles += 1
        mentions += len(src["mentions"])
        for m in src["mentions"]:
            sentence = sentence_id(src["article"], m["sentence"])
            yield "sentences", (sentence, src["article"], m["sentence"])
            yield "mentions", (fid, src["article"], m["start"], m["end"], m["text"], sentence)
    yield "facts", _fact_row(fact, articles, mentions)


def sentence_id(article: str, sentence: str) -> str:
    """A stable key for one sentence of one article, the same in every export of it."""
    return hashlib.blake2b(f"{article}\0{sentence}".encode(), digest_size=8).hexdigest()


def _fact_row(fact: dict[str, Any], articles: int, mentions: int) -> tuple:
    kind = fact["kind"]
    span = date_span(str(fact["value"])) if kind == "date" else None
    typed = {"name": label(fact),
             "date": fact.get("value") if kind == "date" else None,
             "date_start": span[0] if span else None, "date_end": span[1] if span else None,
             "count": fact.get("value") if kind == "count" else None,
             "approximate": _boolean(fact.get("approximate")),
             "articles": articles, "mentions": mentions}
    return tuple(typed[c] if c in typed else fact.get(c) for c, _ in TABLES["facts"])


def _boolean(value: Any) -> int | None:
    return None if value is None else int(bool(value))


def _table_to_parquet(pq: Any, db: sqlite3.Connection, table: str, folder: Path) -> Path:
    """Copy one table out of the staged SQLite file into TABLE.parquet, one row group per batch."""
    import pyarrow as pa

    types = {"TEXT": pa.string(), "REAL": pa.float64(), "INTEGER": pa.int64(), "BOOLEAN": pa.bool_()}
    schema = pa.schema([(c, types[t.split()[0]]) for c, t in TABLES[table]])
    target = folder / f"{table}.parquet"
    with pq.ParquetWriter(target, schema) as writer:
        for rows in _chunks(db.execute(f"SELECT * FROM {table} ORDER BY rowid")):
            columns = list(zip(*rows))
            writer.write_batch(pa.record_batch(
                [_column(pa, values, field.type) for values, field in zip(columns, schema)], schema=schema))
    return target


def _column(pa: Any, values: Iterable[Any], kind: Any) -> Any:
    if kind == pa.bool_():
        values = [None if v is None else bool(v) for v in values]
    return pa.array(list(values), type=kind)


def _chunks(cursor: sqlite3.Cursor) -> Iterator[list[tuple]]:
    while rows := cursor.fetchmany(BATCH):
        yield rows
