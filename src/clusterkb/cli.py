"""The `clusterkb` command: options in, library calls, rendering out — nothing else."""
from __future__ import annotations

import logging
import os
import signal
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__

app = typer.Typer(
    help="Facts about industrial clusters, technoparks and regional industrial policy, "
         "extracted from Russian and English news into a knowledge base you query from the terminal.\n\n"
         "Example: clusterkb ingest data/raw && clusterkb query --name Лабудина",
    no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]})
log = logging.getLogger("clusterkb")

Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Only errors on stderr.")]
Verbose = Annotated[bool, typer.Option("--verbose", "-v", help="Say more on stderr (each article).")]
MaxSize = Annotated[str, typer.Option(
    "--max-size", help="Refuse files bigger than this (e.g. 20MB, 500KB); they fail with a message.")]
Format = Annotated[Optional[str], typer.Option(
    "--format", "-f", help="table | json | jsonl | csv (default: table on a terminal, jsonl in a pipe).")]


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
    import datetime as dt

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
            _fail(f"{p}: no such file or directory")


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
    quiet: Quiet = False, verbose: Verbose = False,
) -> None:
    """Extract new or changed articles and merge their facts into the knowledge base.

    Unchanged files are skipped; articles whose file was deleted from an ingested folder are
    forgotten. Each run's summary is kept under DATA_DIR/extracted/runs/ (see `clusterkb runs`).
    Exit 0 when every article went in, 1 when some failed (the rest still went in), 2 on usage
    errors (an unknown engine, a missing extra), 3 when the knowledge base is locked by another
    ingest or unreadable, 4 when the Dask cluster cannot be reached or is lost.

    Example: clusterkb ingest data/raw --workers 2
    """
    from .engines import EngineError, require
    from .ingest import ingest as run_ingest
    from .kb import KBError, KnowledgeBase, write_json_atomic
    from .render import report_lines

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
            log.info("%s: %s", path, status)
        if bar:
            bar.advance(path, status)

    max_bytes = _bytes(max_size)
    try:
        if bar:
            bar.start()
        report = run_ingest(paths, state.data_dir, force=force, workers=workers, wait=wait,
                            max_bytes=max_bytes, progress=progress, engine=engine, address=address)
    except KBError as e:
        _fail(str(e), 3)
    except EngineError as e:
        _fail(str(e), 4)
    except OSError as e:
        _fail(f"{state.data_dir}: cannot use this data directory ({e.strerror or e})", 3)
    finally:
        if bar:
            bar.stop()
    for path, problem in report.failed:
        log.error("%s: %s", path, problem)
    summary = report.as_dict()
    KnowledgeBase(state.data_dir).save_run(summary)
    if report_file:
        try:
            write_json_atomic(report_file, summary)
        except OSError as e:
            log.error("%s: cannot write the report (%s)", report_file, e.strerror or e)
    if not quiet:
        for line in report_lines(summary):
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
        self.progress.update(self.task, advance=1, description=f"{status:<9} {Path(path).name[:40]}")


def _progress(quiet: bool, paths: list[str]) -> _Bar | None:
    if quiet or not _interactive() or "-" in paths:
        return None
    from .articles import iter_paths

    return _Bar(sum(1 for p in iter_paths(paths) if isinstance(p, Path)))


@app.command()
def extract(
    files: Annotated[list[str], typer.Argument(help="Article files or folders; - for JSON Lines on stdin.")],
    fmt: Format = None,
    max_size: MaxSize = "20MB",
    quiet: Quiet = False, verbose: Verbose = False,
) -> None:
    """Extract facts from articles and print them; nothing is written.

    jsonl prints one line per article: {"article": {...}, "facts": [...]} (see README, "Facts").

    Example: clusterkb extract data/raw/*.txt --format jsonl | jq '.facts[] | select(.kind=="money")'
    """
    from .ingest import extract_paths
    from .render import dumps, extraction_table, stdout_console

    _logging(quiet, verbose)
    fmt = _check_format(fmt, ("table", "json", "jsonl"))
    _check_paths(files)
    failed, records = 0, []
    for path, record, problem in extract_paths(files, _bytes(max_size)):
        if problem:
            log.error("%s: %s", path, problem)
            failed += 1
        elif fmt == "jsonl":
            sys.stdout.write(dumps(record) + "\n")
            sys.stdout.flush()
        elif fmt == "table":
            stdout_console().print(extraction_table(record))
        else:
            records.append(record)
    if fmt == "json":
        sys.stdout.write(dumps(records) + "\n")
    raise typer.Exit(1 if failed else 0)


def _index():
    """The knowledge base's query index, or exit 3 with the reason it cannot be read."""
    from .kb import KBError, KnowledgeBase

    try:
        return KnowledgeBase(state.data_dir).index()
    except KBError as e:
        _fail(str(e), 3)


@app.command()
def query(
    kind: Annotated[Optional[str], typer.Option("--kind", "-k", help="person | organization | location | date | count | money")] = None,
    name: Annotated[Optional[str], typer.Option("--name", "-n", help="Name or alias, any case or inflection («Лабудина»).")] = None,
    location: Annotated[Optional[str], typer.Option("--location", "-l", help="Facts tied to this place.")] = None,
    org: Annotated[Optional[str], typer.Option("--org", "-o", help="Facts tied to this organisation.")] = None,
    article: Annotated[Optional[str], typer.Option("--article", "-a", help="Article id (prefix) or path (part).")] = None,
    since: Annotated[Optional[str], typer.Option("--since", help="From this date (YYYY, YYYY-MM or YYYY-MM-DD).")] = None,
    until: Annotated[Optional[str], typer.Option("--until", help="Up to this date.")] = None,
    limit: Annotated[Optional[int], typer.Option("--limit", min=1, help="At most this many facts.")] = None,
    fmt: Format = None,
    quiet: Quiet = False, verbose: Verbose = False,
) -> None:
    """Find facts in the knowledge base.

    Example: clusterkb query --kind count --location "Омская область" --format csv
    """
    from .facts import KINDS
    from .query import Filters, query as run_query
    from .render import facts_table, stdout_console, write_records

    _logging(quiet, verbose)
    fmt = _check_format(fmt, ("table", "json", "jsonl", "csv"))
    if kind and kind not in KINDS:
        _fail(f"--kind must be one of {', '.join(KINDS)}, not {kind!r}")
    for option, value in (("--since", since), ("--until", until)):
        if value is not None and not _is_iso_date(value):
            _fail(f"{option} takes a date: YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    if name is not None and not name.strip():
        _fail("--name needs a name")
    found = run_query(_index(), Filters(kind, name, location, org, article, since, until, limit))
    if fmt == "table":
        stdout_console().print(facts_table(found, title=f"{len(found)} fact(s)"))
    else:
        write_records(found, fmt, sys.stdout)


@app.command()
def show(
    name: Annotated[str, typer.Argument(help="A person, organisation or place, in any form.")],
    why: Annotated[bool, typer.Option("--why", help="Say why these mentions were merged.")] = False,
    fmt: Format = None,
    quiet: Quiet = False, verbose: Verbose = False,
) -> None:
    """One entity's card: normal form, aliases, roles, every mention with its sentence and
    article, the entities it appears with and the numbers said about it.

    Example: clusterkb show Лабудин
    """
    from .query import find_entity
    from .render import entity_card, stdout_console, write_records

    _logging(quiet, verbose)
    fmt = _check_format(fmt, ("table", "json", "jsonl"))
    index = _index()
    hits = find_entity(index, name)
    if not hits:
        _fail(f"no person, organisation or place called {name!r} in the knowledge base", 1)
    if fmt != "table":
        write_records(hits[:1], fmt, sys.stdout)
        return
    console = stdout_console()
    entity_card(console, hits[0], index, why=why)
    if len(hits) > 1:
        console.print("[dim]Also matching: " + "; ".join(h.get("name", "") for h in hits[1:6]) + "[/]")


@app.command()
def stats(
    top: Annotated[int, typer.Option("--top", min=1, help="How many top entities.")] = 10,
    fmt: Format = None,
    quiet: Quiet = False, verbose: Verbose = False,
) -> None:
    """Articles, facts by kind, and the entities found in most articles.

    Example: clusterkb stats --top 20
    """
    from .render import dumps, stats_dict, stats_tables, stdout_console

    _logging(quiet, verbose)
    fmt = _check_format(fmt, ("table", "json"))
    index = _index()
    if fmt == "table":
        for table in stats_tables(index, top):
            stdout_console().print(table)
    else:
        typer.echo(dumps(stats_dict(index, top)))


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="json | jsonl | csv")] = "jsonl",
    quiet: Quiet = False, verbose: Verbose = False,
) -> None:
    """Print the whole knowledge base: every fact with its sources.

    Example: clusterkb export --format csv > facts.csv
    """
    from .render import write_records

    _logging(quiet, verbose)
    fmt = _check_format(fmt, ("json", "jsonl", "csv"))
    from .kb import KBError, KnowledgeBase

    try:
        facts = KnowledgeBase(state.data_dir).facts()
    except KBError as e:
        _fail(str(e), 3)
    write_records(facts, fmt, sys.stdout)


@app.command()
def forget(
    articles: Annotated[list[str], typer.Argument(help="Article ids (or a 6+ character prefix) or file paths.")],
    wait: Annotated[float, typer.Option("--wait", min=0, help="Seconds to wait for another ingest's lock.")] = 0.0,
    quiet: Quiet = False, verbose: Verbose = False,
) -> None:
    """Remove articles from the knowledge base, and every fact no other article supports.
    Nothing is re-extracted. Exit 1 when a name matches no article.

    Example: clusterkb forget data/raw/old-story.txt 3f2a9c
    """
    from .ingest import forget as run_forget
    from .kb import KBError

    _logging(quiet, verbose)
    try:
        gone, unmatched = run_forget(articles, state.data_dir, wait=wait)
    except KBError as e:
        _fail(str(e), 3)
    for name in unmatched:
        log.error("%s: no article in the knowledge base has this id or path", name)
    if not quiet:
        typer.echo(f"forgot {len(gone)} article(s): {', '.join(gone) or '-'}", err=True)
    raise typer.Exit(1 if unmatched else 0)


@app.command()
def runs(
    last: Annotated[int, typer.Option("--last", min=1, help="How many of the latest runs.")] = 20,
    fmt: Format = None,
    quiet: Quiet = False, verbose: Verbose = False,
) -> None:
    """List past ingest runs: when, how long, articles new/changed/unchanged/failed, facts.

    Example: clusterkb runs --last 7 --format json
    """
    from .kb import KnowledgeBase
    from .render import runs_table, stdout_console, write_records

    _logging(quiet, verbose)
    fmt = _check_format(fmt, ("table", "json", "jsonl"))
    records = KnowledgeBase(state.data_dir).runs()[-last:]
    if fmt == "table":
        stdout_console().print(runs_table(records))
    else:
        write_records(records, fmt, sys.stdout)


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
