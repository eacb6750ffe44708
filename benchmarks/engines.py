"""Extraction engines compared: articles per second of `clusterkb ingest` with --workers 1,
--workers 2 and --engine dask --workers 2 (a LocalCluster), and of the extraction stream alone
(engines.extract_all, engine start included, no store), on the same generated corpus.

    .venv/bin/python benchmarks/engines.py              # N=300 articles
    .venv/bin/python benchmarks/engines.py --n 600 --json engines.json

The corpus is bench.py's: the sample articles with varied numbers and a paragraph of new names.
Each ingest goes into an empty knowledge base; wall time includes the start and the merge.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from bench import SCRIPT, corpus, machine, rate, run_as_installed, timed, write_corpus

ENGINES = {"workers_1": ["--workers", "1"], "workers_2": ["--workers", "2"],
           "dask_workers_2": ["--engine", "dask", "--workers", "2"]}


def ingest_rates(folder: Path, n: int, tmp: Path) -> dict:
    """Wall seconds, articles/s and peak RSS of one ingest per engine into an empty KB."""
    out = {}
    for name, args in ENGINES.items():
        print(f"  ingest {' '.join(args)}…", file=sys.stderr)
        seconds, rss = timed([SCRIPT, "--data-dir", str(tmp / name), "ingest", str(folder), "-q", *args])
        out[name] = {"seconds": round(seconds, 2), "articles_per_s": rate(n, seconds), "peak_rss_mib": rss}
    return out


def stream_rates(texts: list[str]) -> dict:
    """Articles/s of engines.extract_all alone, per engine (each started from nothing): overall,
    and after the first result (the steady state, once workers run and models are loaded)."""
    from clusterkb.read.articles import article_from_text
    from clusterkb.engines import extract_all

    articles = [article_from_text(t, f"b{i}.txt") for i, t in enumerate(texts)]
    out = {}
    for name, workers, engine in (("workers_1", 1, "local"), ("workers_2", 2, "local"), ("dask_workers_2", 2, "dask")):
        print(f"  stream {name}…", file=sys.stderr)
        start, first, failed = time.perf_counter(), 0.0, 0
        for _, result in extract_all(articles, lambda a: a, workers=workers, engine=engine):
            first = first or time.perf_counter()
            failed += isinstance(result, str)
        end = time.perf_counter()
        out[name] = {"seconds": round(end - start, 2), "articles_per_s": rate(len(articles), end - start),
                     "first_result_s": round(first - start, 2),
                     "steady_articles_per_s": rate(len(articles) - 1, end - first), "failed": failed}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=300, help="articles in the corpus")
    ap.add_argument("--json", help="also write the figures here")
    a = ap.parse_args()
    run_as_installed()
    texts = corpus(a.n)
    report: dict = {"machine": machine(), "corpus_articles": a.n, "load_average_before": os.getloadavg()}
    with tempfile.TemporaryDirectory() as tmp:
        write_corpus(texts, Path(tmp) / "corpus")
        report["ingest"] = ingest_rates(Path(tmp) / "corpus", a.n, Path(tmp))
    report["extraction_stream"] = stream_rates(texts)
    report["load_average_after"] = os.getloadavg()  # other work on the machine skews the figures
    for part in ("ingest", "extraction_stream"):
        base = report[part]["workers_1"]["articles_per_s"]
        report[part]["speedup_vs_workers_1"] = {k: round(v["articles_per_s"] / base, 2)
                                                for k, v in report[part].items() if k != "workers_1"}
    print(json.dumps(report, ensure_ascii=False, indent=2))
    if a.json:
        Path(a.json).write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
