"""Engines that run extraction (`extract_json`, a pure function of an article) over a stream:
in this process, in a pool of forked worker processes, or on a Dask cluster.

Every engine yields (item, result) in input order with a bounded number of articles in flight,
so memory stays flat whatever the archive's size, and the results come back to the one process
that writes the knowledge base. A result is the article's JSON pair or its problem in one line:
an article that fails, fails alone.

    for job, result in extract_all(jobs, lambda job: job.article, workers=2, engine="dask"):
        ...

Pool workers die with the process that forked them and keep none of its locks (see
`_die_with_parent`); Dask's worker processes watch their parent the same way.
"""
from __future__ import annotations

import collections
import contextlib
import ctypes
import gc
import itertools
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from typing import Any, Callable, Iterable, Iterator, TypeVar

from .version import __version__
from .model import Article
from .budget import DEFAULT_SECONDS
from .extract import extract_json

ENGINES = ("local", "dask")
IN_FLIGHT_PER_WORKER = 64  # enough to keep every worker busy through a resolution of 100 articles by the parent
IN_FLIGHT_CHARS = 32 * 1024 * 1024  # and at most this much text in flight, so a run of huge articles keeps memory flat
DASK_BATCH = 8  # articles per Dask task: the client's and scheduler's cost per task, paid once per 8
DASK_EXTRA = "pip install 'clusterkb[dask]'"
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>

T = TypeVar("T")
Result = Any  # (article_json, facts_json) or a problem string


class EngineError(Exception):
    """An engine cannot run (unknown, not installed, unreachable); the message says what to do."""


def require(engine: str, address: str | None = None) -> None:
    """Fail now, with a one-line message, when `engine` is unknown, its extra is not installed
    or `address` is given to an engine that has no cluster.

    Example: require("dask") raises EngineError("--engine dask needs the dask extra: pip install …")
    when distributed is not installed."""
    if engine not in ENGINES:
        raise EngineError(f"unknown engine {engine!r}; choose one of: {', '.join(ENGINES)}")
    if engine == "dask":
        _distributed()
    elif address:
        raise EngineError("--address names a Dask scheduler: use it with --engine dask")


Idle = Callable[[], bool]  # work to do while a result is awaited: True if it did some (and may do more)


def extract_all(items: Iterable[T], article_of: Callable[[T], Article], *, workers: int = 1,
                engine: str = "local", address: str | None = None,
                seconds: float | None = DEFAULT_SECONDS, idle: Idle | None = None) -> Iterator[tuple[T, Result]]:
    """(item, extraction result) for every item, in input order.

    `local` runs in this process (workers 1) or a forked pool (workers > 1) that shares the
    loaded models; `dask` runs on a LocalCluster of `workers` processes, or on the scheduler at
    `address` (tcp://host:8786). Items are read lazily, a few per worker ahead of the one being
    yielded: IN_FLIGHT_PER_WORKER in a pool (and IN_FLIGHT_CHARS of text), two tasks of
    DASK_BATCH on Dask. While the next result is not ready, `idle()` is called until it returns
    False (ingest resolves what is stored meanwhile); in this process it never is. An article
    that takes longer than `seconds` fails alone here and in a pool (Dask runs tasks in threads,
    where no timer can interrupt them)."""
    require(engine, address)
    if engine == "dask":
        return _on_dask(items, article_of, workers, address, idle)  # worker threads: no budget can be set
    if workers <= 1:
        return ((item, extract_json(article_of(item), seconds)) for item in items)
    return _on_pool(items, article_of, workers, seconds, idle)


def _chars(article: Article) -> int:
    """How much text an article holds (0 for none), by str's own length: weighing an article
    runs nothing of it, so one that breaks whatever reads it still fails alone in a worker."""
    return str.__len__(article.text) if isinstance(article.text, str) else 0


def _in_order(items: Iterable[T], submit: Callable[[T], Any], collect: Callable[[Any], Result], window: int,
              chars: Callable[[T], int], ready: Callable[[Any], bool], idle: Idle | None) -> Iterator[tuple[T, Result]]:
    """Submit items as their turn comes and collect them in input order, at most `window` of them
    and IN_FLIGHT_CHARS of text (as `chars` weighs an item) in flight; while the oldest is not
    `ready`, `idle()` works until it has nothing to do.

    Example: _in_order(["a", "b"], lambda s: executor.submit(str.upper, s), Future.result, 8, len,
    Future.done, None) → ("a", "A"), ("b", "B")"""
    in_flight: collections.deque = collections.deque()
    text = 0

    def oldest() -> tuple[T, Result]:
        nonlocal text
        done, pending = in_flight.popleft()
        text -= chars(done)
        while idle and not ready(pending) and idle():
            pass
        return done, collect(pending)

    for item in items:
        in_flight.append((item, submit(item)))
        text += chars(item)
        if len(in_flight) >= window or text >= IN_FLIGHT_CHARS:
            yield oldest()
    while in_flight:
        yield oldest()


# -- a pool of forked workers -------------------------------------------------------------


def _on_pool(items: Iterable[T], article_of: Callable[[T], Article], workers: int,
             seconds: float | None, idle: Idle | None) -> Iterator[tuple[T, Result]]:
    """Extraction in `workers` forked processes that share the models loaded here (gc.freeze
    keeps the collector off their objects, so their pages stay shared)."""
    from .lang import nlp

    nlp.warm_up()
    gc.freeze()
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=_die_with_parent, initargs=(os.getpid(),)) as pool:
        yield from _in_order(items, lambda item: pool.apply_async(extract_json, (article_of(item), seconds)),
                             lambda pending: pending.get(), IN_FLIGHT_PER_WORKER * workers,
                             lambda item: _chars(article_of(item)), lambda pending: pending.ready(), idle)


def _die_with_parent(parent: int) -> None:
    """Pool initializer: this worker ends when the process that forked it ends, even by kill -9,
    and shares none of its flock locks, so the parent's death alone releases them.

    Linux sends SIGKILL on the parent's death (PR_SET_PDEATHSIG, set through libc); elsewhere a
    thread notices the worker was orphaned within half a second. A parent that died before
    either was in place is caught by the getppid check."""
    if not _kill_on_parent_death():
        threading.Thread(target=_exit_when_orphaned, args=(parent,), daemon=True).start()
    if os.getppid() != parent:
        os._exit(1)
    _close_inherited_flocks()


def _kill_on_parent_death() -> bool:
    """Ask Linux to SIGKILL this process when its parent dies; False where that is not possible."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _exit_when_orphaned(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _close_inherited_flocks() -> None:
    """Close the descriptors through which this forked process shares a flock of its parent.

    A flock belongs to the open file description, and a forked child shares its parent's: as
    long as the child keeps the descriptor open the lock outlives the parent. Closing (never
    unlocking, which would unlock the parent too) drops only the child's share. Linux lists a
    descriptor's locks in /proc/self/fdinfo/N ("lock: 1: FLOCK ADVISORY WRITE …"); without
    /proc nothing is closed and the orphan watch ends the worker instead."""
    try:
        names = os.listdir("/proc/self/fdinfo")
    except OSError:
        return
    for name in names:
        try:
            with open(f"/proc/self/fdinfo/{name}", encoding="ascii", errors="replace") as f:
                info = f.read()
        except OSError:  # the descriptor os.listdir itself used, closed since
            continue
        if any(line.startswith("lock:") and " FLOCK " in line for line in info.splitlines()):
            os.close(int(name))


# -- Dask distributed ---------------------------------------------------------------------


def _distributed() -> Any:
    """The `distributed` package, or a one-line EngineError naming the extra to install."""
    try:
        import distributed
    except ImportError:
        raise EngineError(f"--engine dask needs the dask extra: {DASK_EXTRA}") from None
    return distributed


def _on_dask(items: Iterable[T], article_of: Callable[[T], Article], workers: int,
             address: str | None, idle: Idle | None) -> Iterator[tuple[T, Result]]:
    """Extraction as Dask tasks of DASK_BATCH articles, two tasks per worker thread in flight
    (one running, one queued), models loaded once per worker process by a worker plugin."""
    distributed = _distributed()
    with _dask_client(distributed, workers, address) as client:
        threads = max(1, sum(client.nthreads().values()))

        def submit(chunk: list[T]) -> tuple[list[Article], Any]:
            articles = [article_of(item) for item in chunk]
            return articles, client.submit(extract_batch, articles, pure=False)

        def collect(pending: tuple[list[Article], Any]) -> list[Result]:
            return _batch_results(distributed, client, *pending, address)

        for chunk, results in _in_order(_chunks(items, DASK_BATCH), submit, collect, 2 * threads,
                                        lambda chunk: sum(_chars(article_of(item)) for item in chunk),
                                        lambda pending: pending[1].done(), idle):
            yield from zip(chunk, results)


def extract_batch(articles: list[Article]) -> list[Result]:
    """extract_json of each article: one Dask task, so the cost of a task is paid once per batch.

    Example: extract_batch([a, b]) → [(a_json, a_facts), "extraction failed: …"]"""
    return [extract_json(article) for article in articles]


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of `size` items (the last one shorter), read lazily.

    Example: _chunks(range(5), 2) → [0, 1], [2, 3], [4]"""
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


@contextlib.contextmanager
def _dask_client(distributed: Any, workers: int, address: str | None) -> Iterator[Any]:
    """A Client of the scheduler at `address`, or of a LocalCluster of `workers` one-thread
    processes started for this run (and stopped with it); every worker gets the models plugin."""
    from .dask_models import ClusterkbModels

    where = address or "the local dask cluster"
    with contextlib.ExitStack() as stack:
        try:
            if address:
                client = stack.enter_context(distributed.Client(address, timeout="10s"))
            else:
                cluster = stack.enter_context(distributed.LocalCluster(
                    n_workers=workers, threads_per_worker=1, processes=True,
                    dashboard_address=None, silence_logs=logging.ERROR))
                client = stack.enter_context(distributed.Client(cluster))
        except (OSError, ValueError) as e:
            raise EngineError(f"{where}: cannot start or reach the dask scheduler ({e})") from None
        try:
            client.register_plugin(ClusterkbModels(__version__), name="clusterkb-models")
        except Exception as e:  # a worker without clusterkb, or with another version of it
            raise EngineError(f"{where}: a dask worker cannot run clusterkb ({type(e).__name__}: {e}); "
                              f"install clusterkb {__version__} on every worker") from None
        yield client


def _batch_results(distributed: Any, client: Any, articles: list[Article], future: Any,
                   address: str | None) -> list[Result]:
    """A batch's results. A batch whose workers died is run again one article per task, so an
    article that kills every worker that tries it fails alone; a lost cluster stops the run with
    an EngineError."""
    try:
        return future.result()
    except distributed.KilledWorker as e:
        if len(articles) == 1:
            return [f"extraction failed: it ended every dask worker that tried it ({e})"]
        return [result for article in articles
                for result in _batch_results(distributed, client, [article],
                                             client.submit(extract_batch, [article], pure=False), address)]
    except Exception as e:
        raise EngineError(f"{address or 'the local dask cluster'}: the dask cluster failed "
                          f"({type(e).__name__}: {e})") from None
