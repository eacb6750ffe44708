"""A time budget for one piece of work, so that one pathological article fails alone.

    with time_budget(30):
        extraction = extract_article(article)   # raises OutOfTime after 30 s of wall time

It uses the real-time interval timer (`signal.setitimer`) of the process doing the work: the main
process, or a forked pool worker, whose tasks also run in its main thread. Where no signal
handler can be set (a thread other than the main one) the work runs without a budget.
"""
from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

DEFAULT_SECONDS = 60.0


class OutOfTime(BaseException):
    """The budget ran out. A BaseException, like KeyboardInterrupt, so that the work's own
    `except Exception` clauses do not swallow it."""


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Raise OutOfTime inside the block once `seconds` have passed (None or 0: no budget).
    The previous SIGALRM handler is put back and the timer cleared when the block ends."""
    if not seconds or seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def out_of_time(signum, frame):
        raise OutOfTime(f"took more than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, out_of_time)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
