"""`clusterkb ingest` of one corpus with one and two workers, alternated, for one install or two.

    .venv/bin/python benchmarks/workers.py --n 300 --runs 5
    .venv/bin/python benchmarks/workers.py --runs 5 --bin ../before/.venv/bin/clusterkb   # then and now

On a shared virtual machine the speed of a core changes from one minute to the next, so a ratio
of two runs made minutes apart measures the machine. Here every round runs each install with
one worker and then two, back to back, and the figures are medians over the rounds with the
range of each round's own ratio. The corpus is benchmarks/bench.py's.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

from bench import SCRIPT, corpus, machine, run_as_installed, timed, write_corpus


def rounds(installs: list[str], folder: Path, runs: int) -> dict[str, dict[int, list[float]]]:
    """Wall seconds of `ingest FOLDER --workers W` per install and W, `runs` rounds alternated."""
    seconds: dict[str, dict[int, list[float]]] = {b: {1: [], 2: []} for b in installs}
    for r in range(runs):
        for b, install in enumerate(installs):
            for workers in (1, 2):
                data = folder.parent / f"data-{b}-{workers}-{r}"
                took, _ = timed([install, "--data-dir", str(data), "ingest", str(folder), "-q", "--workers", str(workers)])
                seconds[install][workers].append(took)
                print(f"{install} --workers {workers}: {took:.2f} s", file=sys.stderr)
    return seconds


def summary(n: int, seconds: dict[int, list[float]]) -> dict:
    one, two = statistics.median(seconds[1]), statistics.median(seconds[2])
    ratios = sorted(a / b for a, b in zip(seconds[1], seconds[2]))
    return {"workers_1_articles_per_s": round(n / one, 1), "workers_2_articles_per_s": round(n / two, 1),
            "ratio_of_medians": round(one / two, 2), "round_ratios": [round(ratios[0], 2), round(ratios[-1], 2)],
            "seconds": seconds}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=300, help="articles in the corpus")
    ap.add_argument("--runs", type=int, default=5, help="rounds")
    ap.add_argument("--bin", action="append", default=[], help="another clusterkb to measure beside this one")
    a = ap.parse_args()
    run_as_installed()
    installs = [*a.bin, SCRIPT]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        write_corpus(corpus(a.n), folder)
        seconds = rounds(installs, folder, a.runs)
    print(json.dumps({"machine": machine(), "corpus_articles": a.n,
                      **{install: summary(a.n, s) for install, s in seconds.items()}}, indent=2))


if __name__ == "__main__":
    main()
