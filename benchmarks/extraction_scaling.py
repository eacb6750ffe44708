"""Extraction time per character for articles of 1k, 10k, 100k and 1M characters: flat when
extraction is linear in article size.

    .venv/bin/python benchmarks/extraction_scaling.py             # 1k … 1M, paragraphs and one line
    .venv/bin/python benchmarks/extraction_scaling.py --sizes 1000 100000 --repeat 3

Articles are built from the bundled samples in data/raw, each copy with its numbers changed and a
paragraph of new people and organisations (bench.varied), so a long article names many different
bodies, as a long real one does; «one line» joins the paragraphs with spaces (a file without line
breaks). Times are CPU seconds of extraction only (reading excluded), best of --repeat runs.
"""
from __future__ import annotations

import argparse
import random
import time

from bench import ROOT, varied

from clusterkb.lang import nlp
from clusterkb.read.articles import article_from_text
from clusterkb.extract import extract_article


def article_text(chars: int, separator: str, seed: int = 1) -> str:
    """About `chars` characters of varied sample articles joined by `separator`."""
    rng = random.Random(seed)
    samples = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "raw").glob("*.txt"))]
    parts, size = [], 0
    while size < chars:
        parts.append(varied(rng.choice(samples), rng).replace("\n", separator))
        size += len(parts[-1]) + len(separator)
    return separator.join(parts)[:chars]


def seconds_to_extract(text: str, repeat: int) -> tuple[float, int]:
    """Best CPU time of extracting the text as one article, and how many facts it gave."""
    article = article_from_text(text, "scaling.txt")
    best, facts = float("inf"), 0
    for _ in range(repeat):
        start = time.process_time()
        facts = len(extract_article(article).facts)
        best = min(best, time.process_time() - start)
    return best, facts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=1, help="runs per size; the best is kept")
    args = parser.parse_args()
    nlp.warm_up()
    extract_article(article_from_text(article_text(2_000, "\n"), "warm-up.txt"))
    print(f"{'layout':<11}{'characters':>12}{'seconds':>10}{'µs/char':>9}{'facts':>7}")
    for layout, separator in (("paragraphs", "\n"), ("one line", " ")):
        for size in args.sizes:
            text = article_text(size, separator)
            seconds, facts = seconds_to_extract(text, args.repeat)
            print(f"{layout:<11}{len(text):>12,}{seconds:>10.2f}{seconds / len(text) * 1e6:>9.1f}{facts:>7}", flush=True)


if __name__ == "__main__":
    main()
