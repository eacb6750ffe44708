"""The `clusterkb` command: options in, library calls, rendering out — nothing else.

Each command imports the library it calls inside its own function, on purpose: `clusterkb --help`,
shell completion and a query start without loading extraction, the engines or the store's writer.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import signal
import sys
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from . import __version__
from .budget import DEFAULT_SECONDS
from .read.decoding import printable

app = typer.Typer(
    help="Facts about industrial clusters, technoparks and regional industrial policy, "
         "extracted from Russian and English news into a knowledge base you query from the terminal.\n\n"
         "Example: clusterkb ingest data/raw && clusterkb query --name Лабудина",
    no_args_is_help=True, add_completion=True, pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]})
log = logging.getLogger("clusterkb")

Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Only errors on stderr.")]
Verbose = Annotated[bool, typer.Option("--verbose", "-v", help="Say more on stderr (each article).")]
MaxSize = Annotated[str, typer.Option(
    "--max-size", help="Refuse files bigger than this (e.g. 20MB, 500KB); they fail with a message.")]
EVERY_FORMAT = ("table", "json", "jsonl", "csv")
NO_CSV = ("table", "json", "jsonl")
DATA_FORMATS = ("json", "jsonl", "csv")
CSV_SOURCES = 20  # articles of a fact read for its CSV row (the earliest is its article; totals count all)


def _format_option(allowed: tuple[str, ...], default: str = "table on a terminal, jsonl in a pipe") -> Any:
    """The --format option of a command, its help naming exactly the formats it takes."""
    return Annotated[Optional[str], typer.Option("--format", "-f", help=f"{' | '.join(allowed)} (default: {default}).")]


AnyFormat = _format_option(EVERY_FORMAT)
NoCsvFormat = _format_option(NO_CSV)
CardFormat = _format_option(EVERY_FORMAT, "table, also in a pipe: `show X | less` pages the card")
DataFormat = _format_option(DATA_FORMATS, "jsonl")
DataDir = Annotated[Optional[Path], typer.Option(
    "--data-dir", help="The knowledge base's folder, here as well as before the command.", show_default=False)]
ArticleTimeout = Annotated[float, typer.Option(
    "--article-timeout", min=0, help="Seconds one article may take to extract; past it that article fails "
                                     "alone and the rest go on (0: no limit).")]
FollowSymlinks = Annotated[bool, typer.Option(
    "--follow-symlinks", help="Follow symbolic links that lead out of the folders named.")]


class State:
    data_dir: Path = Path("data")


state = State()


def _version(value: bool) -> None:
    if value:
        typer.echo(f"clusterkb {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    data_dir: Annotated[Path, typer.Option("--data-dir", envvar="CLUSTERKB_DATA_DIR",
                                           help="Where raw/ and extracted/ live.")] = Path("data"),
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    state.data_dir = data_dir


def _use_data_dir(data_dir: Path | None) -> None:
    """`--data-dir` given after the command wins over the one before it (or the default)."""
    if data_dir is not None:
        state.data_dir = data_dir


def _logging(quiet: bool, verbose: bool) -> None:
    """Our messages on stderr, plain text: errors always, warnings unless -q, each article with -v."""
    log.handlers[:] = [logging.StreamHandler(sys.stderr)]
    log.handlers[0].setFormatter(logging.Formatter("clusterkb: %(message)s"))
    log.setLevel(logging.ERROR if quiet else logging.INFO if verbose else logging.WARNING)
    log.propagate = False


def _fail(message: str, code: int = 2) -> None:
    typer.echo(f"clusterkb: {message}", err=True)
    raise typer.Exit(code)


def _check_format(fmt: str | None, allowed: tuple[str, ...]) -> str:
    """The --format asked for, or the default: a table at a terminal, JSON (Lines) in a pipe."""
    from .render import default_format

    if fmt is None:
        fmt = default_format()
        return fmt if fmt in allowed else "json"
    if fmt not in allowed:
        _fail(f"--format must be one of {', '.join(allowed)}, not {fmt!r}")
    return fmt


def _bytes(size: str) -> int:
    """«20MB», «500KB», «1GB» or a plain number of bytes."""
    units = {"": 1, "B": 1, "KB": 1 << 10, "MB": 1 << 20, "GB": 1 << 30}
    text = size.strip().upper().replace(" ", "")
    number = text.rstrip("KMGB")
    try:
        value = float(number) * units[text[len(number):]]
    except (ValueError, KeyError):
        _fail(f"--max-size: {size!r} is not a size like 20MB or 500KB")
    return int(value)


def _is_iso_date(value: str) -> bool:
    for pattern in ("%Y", "%Y-%m", "%Y-%m-%d"):
        try:
            dt.datetime.strptime(value, pattern)
            return True
        except ValueError:
            continue
    return False


def _check_paths(paths: list[str]) -> None:
    for p in paths:
        if p != "-" and not os.path.lexists(p):
            _fail(f"{printable(p)}: no such file or directory")


def _interactive() -> bool:
    return sys.stderr.isatty() and os.environ.get("TERM") != "dumb"


@app.command()
def ingest(
    paths: Annotated[Optional[list[str]], typer.Argument(
        help="Files, folders (read recursively) or - for JSON Lines on stdin. Default: DATA_DIR/raw.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Re-extract articles even when unchanged.")] = False,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Worker processes for extraction.")] = 1,
    engine: Annotated[str, typer.Option(
        "--engine", help="local (this machine: --workers processes) | dask (a LocalCluster of --workers "
                         "processes, or the cluster at --address); dask needs pip install 'clusterkb\\[dask]'.")] = "local",
    address: Annotated[Optional[str], typer.Option(
        "--address", help="A Dask scheduler to extract on, e.g. tcp://host:8786 (with --engine dask; "
                          "its workers replace --workers).")] = None,
    wait: Annotated[float, typer.Option("--wait", min=0, help="Seconds to wait for another ingest's lock.")] = 0.0,
    report_file: Annotated[Optional[Path], typer.Option("--report", help="Also write the run's JSON summary here.")] = None,
    max_size: MaxSize = "20MB",
    article_timeout: ArticleTimeout = DEFAULT_SECONDS,
    follow_symlinks: FollowSymlinks = False,
    data_dir: DataDir = None,
    quiet: Quiet = False, verbose: Verbose = False,
) -> None:
    """Extract new or changed articles and merge their facts into the knowledge base.

    Unchanged files are skipped; articles whose file was deleted from an ingested folder are
    forgotten. Each run leaves a record in the knowledge base (see `clusterkb runs`), also when interrupted.
    Exit 0 when every article went in, 1 when some failed (the rest still went in), 2 on usage
    errors (an unknown engine, a missing extra), 3 when the knowledge base is locked by another
    ingest or unreadable, 4 when the Dask cluster cannot be reached or is lost.

    Example: clusterkb ingest data/raw --workers 2
    """
    from .engines import EngineError, require
    from .ingest import ingest as run_ingest
    from .render import report_lines
    from .store import StoreError

    _use_data_dir(data_dir)
    _logging(quiet, verbose)
    paths = paths or [str(state.data_dir / "raw")]
    _check_paths(paths)
    try:
        require(engine, address)
    except EngineError as e:
        _fail(str(e))
    bar = _progress(quiet, paths)

    def progress(path: str, status: str) -> None:
        if status != "failed":
            log.info("%s: %s", printable(path), status)
        if bar:
            bar.advance(path, status)

    max_bytes = _bytes(max_size)
    try:
        if bar:
            bar.start()
        report = run_ingest(paths, state.data_dir, force=force, workers=workers, wait=wait,
                            max_bytes=max_bytes, progress=progress, report_file=report_file,
                            article_timeout=article_timeout, follow_symlinks=follow_symlinks,
                            engine=engine, address=address)
    except StoreError as e:
        _fail(str(e), 3)
    except EngineError as e:
        _fail(str(e), 4)
    except OSError as e:
        _fail(f"{state.data_dir}: cannot use this data directory ({e.strerror or e})", 3)
    finally:
        if bar:
            bar.stop()
    for path, problem in report.failed:
        log.error("%s: %s", printable(path), problem)
    if not quiet:
        for line in report_lines(report.as_dict()):
            typer.echo(line, err=True)
    raise typer.Exit(1 if report.failed else 0)


class _Bar:
    """A progress bar on stderr, one step per article."""

    def __init__(self, total: int):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                 TimeRemainingColumn(), console=Console(stderr=True), transient=True)
        self.task = self.progress.add_task("ingesting", total=total)

    def start(self) -> None:
        self.progress.start()

    def stop(self) -> None:
        self.progress.stop()

    def advance(self, path: str, status: str) -> None:
        from rich.markup import escape

        name = escape(printable(Path(path).name)[:40])
        self.progress.update(self.task, advance=1, description=f"{status:<9} {name}")


def _progress(quiet: bool, paths: list[str]) -> _Bar | None:
    if quiet or not _interactive() or "-" in paths:
        return None
    from .read.articles import iter_paths

    return _Bar(sum(1 for p in iter_paths(paths) if isinstance(p, Path)))


@app.command()
def extract(
    files: Annotated[list[str], typer.Argument(help="Article files or folders; - for JSON Lines on stdin.")],
    fmt: AnyFormat = None,
    max_size: MaxSize = "20MB",
    article_timeout: ArticleTimeout = DEFAULT_SECONDS,
    follow_symlinks: FollowSymlinks = False,
    quiet: Quiet = False, verbose: Verbose = False,
) -> None:
    """Extract facts from articles and print them; nothing is written.

    jsonl prints one line per article: {"article": {...}, "facts": [...]} (see README, "Facts");
    csv one row per fact with the article's path, title and date, as `query --format csv`.

    Example: clusterkb extract data/raw/*.txt --format jsonl | jq '.facts[] | select(.kind=="money")'
    """
    from .ingest import extract_paths
    from .render import dumps, extraction_table, stdout_console, write_extractions

    _logging(quiet, verbose)
    fmt = _check_format(fmt, EVERY_FORMAT)
    _check_paths(files)
    failed, records = 0, []
    for path, record, problem in extract_paths(files, _bytes(max_size), article_timeout, follow_symlinks):
        if problem:
            log.error("%s: %s", printable(path), problem)
            failed += 1
        elif fmt == "jsonl":
            sys.stdout.write(dumps(record) + "\n")
            sys.stdout.flush()
        elif fmt == "table":
            stdout_console().print(extraction_table(record))
        else:
            records.append(record)
    if fmt in ("json", "csv"):
        write_extractions(records, fmt, sys.stdout)
    raise typer.Exit(1 if failed else 0)


def _knowledge_base():
    """The knowledge base under --data-dir, or exit 2 saying there is none there."""
    from .store import Store

    kb = Store(state.data_dir)
    if not kb.exists():
        where = ("no knowledge base in this directory" if state.data_dir.is_dir() else
                 "not a directory" if state.data_dir.exists() else "no such directory")
        _fail(f"{state.data_dir}: {where}; ingest articles first (clusterkb --data-dir {state.data_dir} "
              f"ingest FOLDER) or point --data-dir (or CLUSTERKB_DATA_DIR) at one")
    return kb


def _index():
    """The knowledge base's read view; exit 2 when there is none, 3 when it cannot be read."""
    from .store import StoreError

    kb = _knowledge_base()
    try:
        return kb.index()
    except StoreError as e:
        _fail(str(e), 3)


def _check_period(since: str | None, until: str | None) -> None:
    for option, value in (("--since", since), ("--until", until)):
        if value is not None and not _is_iso_date(value):
            _fail(f"{option} takes a date: YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")


Since = Annotated[Optional[str], typer.Option("--since", help="From this date (YYYY, YYYY-MM or YYYY-MM-DD).")]
Until = Annotated[Optional[str], typer.Option("--until", help="Up to this date (included).")]
Limit = Annotated[Optional[int], typer.Option("--limit", min=1, help="At most this many.")]


@app.command()
def query(
    kind: Annotated[Optional[str], typer.Option("--kind", "-k", help="person | organization | location | date | count | money")] = None,
    name: Annotated[Optional[str], typer.Option("--name", "-n", help="Name or alias, any case or inflection («Лабудина»).")] = None,
    location: Annotated[Optional[str], typer.Option("--location", "-l", help="Facts tied to this place.")] = None,
    org: Annotated[Optional[str], typer.Option("--org", "-o", help="Facts tied to this organisation.")] = None,
    article: Annotated[Optional[str], typer.Option("--article", "-a", help="Article id (prefix) or path (part).")] = None,
    text: Annotated[Optional[str], typer.Option("--text", "-t", help="Facts said in sentences with these words, any inflection («промышленная ипотека»).")] = None,
    since: Since = None,
    until: Until = None,
    undated: Annotated[str, typer.Option("--undated", help="With --since/--until, facts with no date (no dated "
                                         "article, or a date without its year): exclude | include | only.")] = "exclude",
    limit: Limit = None,
    sources: Annotated[int, typer.Option("--sources", min=0, help="Articles of each fact's sources to print, its "
                                         "first ones (a fact said in every article has thousands); 0: all.")] = 20,
    fmt: AnyFormat = None,
    data_dir: DataDir = None,
    quiet: Quiet = False, verbose: Verbose = False,
) -> None:
    """Find facts in the knowledge base.

    A period (--since/--until) leaves out facts with no date and says on stderr how many
    (--undated include keeps them; with --limit, how many of those read before the limit). csv has one typed column per kind of value (date, count,
    amount) and the path, title, date and sentence of the first article that says the fact.

    Example: clusterkb query --kind count --location "Омская область" --format csv
    """
    from .kinds import KINDS
    from .query import Filters, search
    from .render import facts_table, stdout_console, write_facts

    _use_data_dir(data_dir)
    _logging(quiet, verbose)
    fmt = _check_format(fmt, EVERY_FORMAT)
    if kind and kind not in KINDS:
        _fail(f"--kind must be one of {', '.join(KINDS)}, not {kind!r}")
    _check_period(since, until)
    if undated not in ("exclude", "include", "only"):
        _fail(f"--undated must be one of exclude, include, only, not {undated!r}")
    if name is not None and not name.strip():
        _fail("--name needs a name")
    if text is not None and not text.strip():
        _fail("--text needs words")
    index = _index()
    filters = Filters(kind, name, location, org, article, text, since, until, limit, undated, sources or None)
    answer = search(index, filters)
    found = answer.facts
    if answer.undated:
        log.warning("%s%d fact(s) with no date left out by --since/--until (--undated include keeps them)",
                    "at least " if answer.partly else "", answer.undated)
    articles = index.articles(s["article"] for f in found for s in f["sources"])
    if fmt == "table":
        stdout_console().print(facts_table(found, articles, title=f"{len(found)} fact(s)"))
    else:
        write_facts(found, fmt, sys.stdout, articles)


@app.command()
def show(
    name: Annotated[str, typer.Argument(help="A person, organisation or place, in any form.")],
    why: Annotated[bool, typer.Option("--why", help="Say why these mentions were merged.")] = False,
    sources: Annotated[int, typer.Option("--sources", min=0, help="json, jsonl, csv: the entity's first articles to "
                                         "print, with the totals (a region is said in every article); 0: all of "
                                         "them, streamed.")] = 20,
    fmt: CardFormat = None,
    data_dir: DataDir = None,
    quiet: Quiet = False, verbose: Verbose = False,
) -> None:
    """One entity's card: normal form, aliases, roles, mentions, neighbours and numbers.

    The card has the mentions of its first 20 articles with their sentences, how many articles
    say it in all, the entities said with it and the dates, counts and sums said about it. The
    best match is shown (the name as whole words first, then a real entity over a surname
    misread as an organisation, then the one in most articles); the others are listed under
    «Also matching». The card is text even in a pipe; --format json or jsonl prints the
    entity's fact instead, csv one row per mention (text, sentence, article path, title and
    date): of its first --sources articles, with `total` counting all (and, for a person, each
    role's first articles with its total and first and last date); --sources 0 prints every
    source, streamed, as `export` does.

    Example: clusterkb show Лабудин; clusterkb show "Омская область" --format jsonl --sources 0 > omsk.jsonl
    """
    from .query import entity_profile, find_entity
    from .render import (MENTION_COLUMNS, also_matching, entity_card, mention_rows, stdout_console, write_fact_stream,
                         write_records)

    _use_data_dir(data_dir)
    _logging(quiet, verbose)
    fmt = _check_format(fmt or "table", EVERY_FORMAT)
    index = _index()
    hits = find_entity(index, name)
    if not hits:
        _fail(f"no person, organisation or place called {name!r} in the knowledge base", 1)
    if fmt != "table":
        ident = hits[0]["id"]
        if fmt == "csv":
            fact = next(index.streamed(ident)) if sources == 0 else index.fact(ident, sources)
            write_records(mention_rows(fact, index.article_lookup()), fmt, sys.stdout, MENTION_COLUMNS)
        elif sources == 0:
            write_fact_stream(index.streamed(ident), fmt, sys.stdout)
        else:
            write_records([index.fact(ident, sources)], fmt, sys.stdout)
        return
    console = stdout_console()
    entity_card(console, entity_profile(index, hits[0]), why=why)
    also_matching(console, hits[1:])


@app.command()
def stats(
    top: Annotated[int, typer.Option("--top", min=1, help="How many top entities.")] = 10,
    fmt: NoCsvFormat = None,
    data_dir: DataDir = None,
    quiet: Quiet = False, verbose: Verbose = False,
) -> None:
    """Articles, facts by kind, and the entities found in most articles.

    json and jsonl print one object.

    Example: clusterkb stats --top 20
    """
    from .query import kb_stats
    from .render import dumps, stats_tables, stdout_console

    _use_data_dir(data_dir)
    _logging(quiet, verbose)
    fmt = _check_format(fmt, NO_CSV)
    index = _index()
    summary = kb_stats(index, top)
    if fmt == "table":
        for table in stats_tables(summary):
            stdout_console().print(table)
    else:
        typer.echo(dumps(summary))


@app.command()
def articles(
    since: Since = None,
    until: Until = None,
    source: Annotated[Optional[str], typer.Option("--source", "-s", help="Site (part of its name, e.g. kvnews).")] = None,
    lang: Annotated[Optional[str], typer.Option("--lang", help="Language code: ru, en.")] = None,
    limit: Limit = None,
    fmt: AnyFormat = None,
    data_dir: DataDir = None,
    quiet: Quiet = False, verbose: Verbose = False,
) -> None:
    """List the ingested articles, newest first: date, title, site, language, facts.

    A period leaves out undated articles. csv joins with the csv of `query` and `export` on
    article_id = id.

    Example: clusterkb articles --since 2024 --lang ru --limit 10
    """
    from .query import ArticleFilters, list_articles
    from .render import ARTICLE_COLUMNS, article_row, articles_table, stdout_console, write_records

    _use_data_dir(data_dir)
    _logging(quiet, verbose)
    fmt = _check_format(fmt, EVERY_FORMAT)
    _check_period(since, until)
    found = list_articles(_index(), ArticleFilters(since, until, source, lang, limit))
    if fmt == "table":
        shown = list(found)
        stdout_console().print(articles_table(shown, title=f"{len(shown)} article(s)"))
    else:
        write_records(found, fmt, sys.stdout, ARTICLE_COLUMNS, article_row)


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="json | jsonl | csv (to stdout); sqlite | parquet (to OUT)")] = "jsonl",
    out: Annotated[Optional[Path], typer.Argument(
        help="For sqlite: the file to write; for parquet: the folder for one file per table.")] = None,
    what: Annotated[str, typer.Option("--what", help="facts | articles (to join on: article_id = id) | judgements "
                                      "(the analyst's merges and splits).")] = "facts",
    data_dir: DataDir = None,
    quiet: Quiet = False, verbose: Verbose = False,
) -> None:
    """Print the whole knowledge base (every fact with its sources, or every article), or write it as tables.

    sqlite and parquet write tables (articles, facts, aliases, roles, context, mentions,
    sentences, judgements) for other tools.

    csv: the facts as `query --format csv` prints them; --what articles as `articles --format csv`.

    sqlite: one file for Datasette and sqlite-utils, full-text search in sentences_fts.

    parquet: a folder of TABLE.parquet for pandas, DuckDB, Polars (pip install 'clusterkb\\[parquet]').

    Example: clusterkb export --format csv > facts.csv && clusterkb export --format sqlite kb.sqlite
    """
    from .query import ArticleFilters, list_articles
    from .render import (ARTICLE_COLUMNS, JUDGEMENT_COLUMNS, article_row, judgement_csv_row, write_fact_stream,
                         write_facts, write_records)

    _use_data_dir(data_dir)
    _logging(quiet, verbose)
    fmt = _check_format(fmt, (*DATA_FORMATS, "sqlite", "parquet"))
    if what not in ("facts", "articles", "judgements"):
        _fail(f"--what must be facts, articles or judgements, not {what!r}")
    if fmt in ("sqlite", "parquet"):
        _export_tables(fmt, out)
        return
    if out is not None:
        _fail(f"--format {fmt} prints to stdout; OUT ({out}) is only for sqlite and parquet")
    index = _index()
    if what == "articles":
        write_records(list_articles(index, ArticleFilters()), fmt, sys.stdout, ARTICLE_COLUMNS, article_row)
        return
    if what == "judgements":
        write_records(index.judgements(), fmt, sys.stdout, JUDGEMENT_COLUMNS, judgement_csv_row)
        return
    try:
        if fmt == "csv":  # one row a fact: its first articles and its totals are enough
            write_facts(index.facts(sources=CSV_SOURCES), fmt, sys.stdout, index.article_lookup())
        else:
            write_fact_stream(index.streamed(), fmt, sys.stdout)
    finally:
        index.close()


def _export_tables(fmt: str, out: Path | None) -> None:
    """`export --format sqlite|parquet OUT`: the tables written to OUT, its name on stderr."""
    from .exports import ExportError, write_parquet, write_sqlite

    if out is None:
        _fail(f"--format {fmt} needs OUT, e.g. clusterkb export --format {fmt} "
              + ("kb.sqlite" if fmt == "sqlite" else "kb-parquet/"))
    with contextlib.closing(_index()) as index:
        try:
            (write_sqlite if fmt == "sqlite" else write_parquet)(index, out)
        except ExportError as e:
            _fail(str(e))
        except OSError as e:
            _fail(f"{out}: cannot write ({e.strerror or e})", 1)
    log.info("wrote %s", out)


@app.command()
def report(
    out: Annotated[Path, typer.Argument(help="The HTML file to write.")],
    entity: Annotated[Optional[str], typer.Option("--entity", "-e", help="Only what is around this person, organisation or place.")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many timeline items (the latest).")] = 300,
    data_dir: DataDir = None,
    quiet: Quiet = False, verbose: Verbose = False,
) -> None:
    """Write one self-contained HTML page: timeline, who appears with whom, counts and money by region.

    Each item links to its sentence and article: dated facts and roles on a timeline, the
    organisations and people around as a graph, counts and money by region and year.

    It needs no network to view. Needs plotly and networkx: pip install 'clusterkb\\[report]'.

    Example: clusterkb report report.html --entity Лабудин
    """
    from .query import find_entity
    from .report import ReportError, build_report

    _use_data_dir(data_dir)
    _logging(quiet, verbose)
    if out.is_dir() or not out.parent.is_dir():
        _fail(f"{out}: " + ("is a folder; give a file name such as report.html" if out.is_dir()
                            else f"the folder {out.parent} does not exist"))
    with contextlib.closing(_index()) as index:
        focus = None
        if entity is not None:
            hits = find_entity(index, entity)
            if not hits:
                _fail(f"no person, organisation or place called {entity!r} in the knowledge base", 1)
            focus = hits[0]
        try:
            page = build_report(index, focus, limit)
        except ReportError as e:
            _fail(str(e))
    try:
        out.write_text(page, encoding="utf-8")
    except OSError as e:
        _fail(f"{out}: cannot write ({e.strerror or e})", 1)
    log.info("wrote %s", out)


@app.command()
def forget(
    articles: Annotated[list[str], typer.Argument(help="Article ids (or a 6+ character prefix) or file paths.")],
    wait: Annotated[float, typer.Option("--wait", min=0, help="Seconds to wait for another ingest's lock.")] = 0.0,
    data_dir: DataDir = None,
    quiet: Quiet = False, verbose: Verbose = False,
) -> None:
    """Remove articles from the knowledge base, and every fact no other article supports.

    Nothing is re-extracted. A forgotten file stays out when its folder is ingested again,
    until `ingest --force`. Exit 1 when a name matches no article.

    Example: clusterkb forget data/raw/old-story.txt 3f2a9c
    """
    from .ingest import forget as run_forget
    from .store import StoreError

    _use_data_dir(data_dir)
    _logging(quiet, verbose)
    try:
        gone, unmatched = run_forget(articles, state.data_dir, wait=wait)
    except StoreError as e:
        _fail(str(e), 3)
    except OSError as e:
        _fail(f"{state.data_dir}: cannot change the knowledge base ({e.strerror or e})", 3)
    for name in unmatched:
        log.error("%s: no article in the knowledge base has this id or path", printable(name))
    if not quiet:
        typer.echo(f"forgot {len(gone)} article(s): {', '.join(gone) or '-'}", err=True)
    raise typer.Exit(1 if unmatched else 0)


@app.command()
def runs(
    last: Annotated[int, typer.Option("--last", min=1, help="How many of the latest runs.")] = 20,
    fmt: AnyFormat = None,
    data_dir: DataDir = None,
    quiet: Quiet = False, verbose: Verbose = False,
) -> None:
    """List past ingest runs: when, how long, articles and facts in each.

    Articles new, changed, unchanged, removed and failed; facts added, merged and the total
    after the run (csv: one flat row each).

    Example: clusterkb runs --last 7 --format json
    """
    from .render import RUN_COLUMNS, run_row, runs_table, stdout_console, write_records

    _use_data_dir(data_dir)
    _logging(quiet, verbose)
    fmt = _check_format(fmt, EVERY_FORMAT)
    records = _index().runs(last)
    if fmt == "table":
        stdout_console().print(runs_table(records))
    else:
        write_records(records, fmt, sys.stdout, RUN_COLUMNS, run_row)


Note = Annotated[str, typer.Option("--note", help="Why: kept with the judgement, shown by `judgements` and `show --why`.")]
Wait = Annotated[float, typer.Option("--wait", min=0, help="Seconds to wait for another ingest's lock.")]


def _judged(call: Any) -> Any:
    """Run a judgement's library call: exit 1 on a judgement refused (with why), 3 on a store
    that cannot be changed."""
    from .resolve.judgements import JudgementError
    from .store import StoreError

    _knowledge_base()
    try:
        return call()
    except JudgementError as e:
        _fail(str(e), 1)
    except StoreError as e:
        _fail(str(e), 3)
    except OSError as e:
        _fail(f"{state.data_dir}: cannot change the knowledge base ({e.strerror or e})", 3)


@app.command()
def merge(
    a: Annotated[str, typer.Argument(help="An entity: its id (org-…) or a name only one entity has.")],
    b: Annotated[str, typer.Argument(help="The other entity, the same way.")],
    note: Note = "",
    wait: Wait = 0.0,
    data_dir: DataDir = None,
    quiet: Quiet = False, verbose: Verbose = False,
) -> None:
    """Say that two entities are one: kept in the knowledge base and applied on every later ingest, forget and rebuild.

    Merges are transitive (A = B and B = C make one entity). A name that answers to several
    entities is refused with the candidates listed (exit 1): give an id then. A merge that
    contradicts a split in force is refused too. `clusterkb judgements` lists what was said.

    Example: clusterkb merge "Фонд развития промышленности" org-3f2a9c1b0d4e --note "one fund"
    """
    from .api import KnowledgeBase

    _use_data_dir(data_dir)
    _logging(quiet, verbose)
    done = _judged(lambda: KnowledgeBase(state.data_dir).merge(a, b, note=note, wait=wait))
    j = done["judgement"]
    typer.echo(f"judgement {j['id']}: merged «{j['names'][0]}» ({j['entities'][0]}) and «{j['names'][1]}» "
               f"({j['entities'][1]}) into {done['entity']}")


@app.command()
def split(
    entity: Annotated[str, typer.Argument(help="An entity: its id or a name only one entity has.")],
    article: Annotated[Optional[str], typer.Option("--article", "-a", help="Take out its mentions in this article "
                                                   "(id, id prefix, or the file's name).")] = None,
    alias: Annotated[Optional[str], typer.Option("--alias", help="Take out its mentions under this name, in any "
                                                 "article, now and later.")] = None,
    note: Note = "",
    wait: Wait = 0.0,
    data_dir: DataDir = None,
    quiet: Quiet = False, verbose: Verbose = False,
) -> None:
    """Say that some of an entity's mentions are something else: they become an entity of their own, now and on every later ingest, forget and rebuild.

    --article takes out the mentions of one article; --alias the mentions under one name (a
    later article's mention under that name stays out too). A split beats the automatic
    merge; one that contradicts a merge in force is refused (exit 1).

    Example: clusterkb split "Фонд развития промышленности" --article 3f2a9c --note "the Omsk fund"
    """
    from .api import KnowledgeBase

    _use_data_dir(data_dir)
    _logging(quiet, verbose)
    if (article is None) == (alias is None):
        _fail("split takes --article ID or --alias TEXT (one of them)")
    done = _judged(lambda: KnowledgeBase(state.data_dir).split(entity, article=article, alias=alias, note=note,
                                                                    wait=wait))
    j = done["judgement"]
    typer.echo(f"judgement {j['id']}: {j['names'][0]} taken out of «{j['names'][1]}»: now {done['entities'][0]}, "
               f"the rest {done['entities'][1]}")


@app.command()
def judgements(
    drop: Annotated[Optional[int], typer.Option("--drop", min=1, help="Withdraw the judgement with this id.")] = None,
    fmt: NoCsvFormat = None,
    wait: Wait = 0.0,
    data_dir: DataDir = None,
    quiet: Quiet = False, verbose: Verbose = False,
) -> None:
    """List the merges and splits an analyst made (id, merge or split, kind, the names, when, note), or withdraw one.

    A withdrawn judgement's entities are resolved again as if it had never been made.

    Example: clusterkb judgements --format json; clusterkb judgements --drop 3
    """
    from .render import judgements_table, stdout_console, write_records

    _use_data_dir(data_dir)
    _logging(quiet, verbose)
    fmt = _check_format(fmt, NO_CSV)
    if drop is not None:
        from .api import KnowledgeBase  # the writer's side (resolution) only when one is withdrawn

        j = _judged(lambda: KnowledgeBase(state.data_dir).drop_judgement(drop, wait=wait))
        typer.echo(f"withdrew judgement {j['id']} ({j['verb']} of «{j['names'][0]}» and «{j['names'][1]}»)")
        return
    records = _index().judgements()
    if fmt == "table":
        stdout_console().print(judgements_table(records))
    else:
        write_records(records, fmt, sys.stdout)


@app.command()
def rebuild(
    wait: Annotated[float, typer.Option("--wait", min=0, help="Seconds to wait for another ingest's lock.")] = 0.0,
    quiet: Quiet = False, verbose: Verbose = False,
) -> None:
    """Resolve every stored fact into entities again, from scratch, without re-running the NLP.

    The repair for a knowledge base whose entities are in doubt, and the way to move a
    knowledge base of the first layout (kb.json) into the store.

    Example: clusterkb rebuild
    """
    from .ingest import rebuild as run_rebuild
    from .store import StoreError

    _logging(quiet, verbose)
    try:
        total = run_rebuild(state.data_dir, wait=wait)
    except StoreError as e:
        _fail(str(e), 3)
    except OSError as e:
        _fail(f"{state.data_dir}: cannot change the knowledge base ({e.strerror or e})", 3)
    if not quiet:
        typer.echo(f"rebuilt: {total} facts in the knowledge base", err=True)


def main() -> None:
    """Entry point. An unexpected error is one line on stderr (exit 70), unless
    CLUSTERKB_DEBUG=1 asks for the traceback; Ctrl-C exits 130 (Typer's own handling)."""
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `| head` ends us quietly, as it ends cat
    try:
        app(prog_name="clusterkb")
    except Exception as e:
        if os.environ.get("CLUSTERKB_DEBUG"):
            raise
        typer.echo(f"clusterkb: internal error: {type(e).__name__}: {e} (CLUSTERKB_DEBUG=1 shows the traceback)",
                   err=True)
        sys.exit(70)
