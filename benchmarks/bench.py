"""clusterkb benchmarks: throughput, memory, start-up and query latency, in one run.

    .venv/bin/python benchmarks/bench.py            # N=200 articles
    .venv/bin/python benchmarks/bench.py --n 300 --json out.json

The knowledge base at size (nightly ingests into a big store, reads there) is
benchmarks/store_bench.py.

The corpus is built from the sample articles in data/raw/ with varied numbers and an added
paragraph of generated people and organisations, so no cache sees the same names twice.
Figures are articles per second (and ratios between them) on the machine it runs on.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = str(Path(sys.executable).parent / "clusterkb")
FIRST = ["Андрей", "Ирина", "Олег", "Мария", "Денис", "Елена", "Павел", "Ольга", "Игорь", "Анна", "Сергей",
         "Татьяна", "Никита", "Светлана", "Роман", "Юлия", "Артём", "Наталья", "Глеб", "Вера"]
SYLLABLES = ["бар", "вол", "гор", "дан", "жур", "зем", "кал", "лук", "мор", "нес", "пах", "рыб", "сок",
             "тал", "фед", "хол", "чер", "шир", "юд", "ям", "ков", "лин", "мед", "тур"]
POSITIONS = ["директор", "генеральный директор", "министр экономики", "заместитель губернатора",
             "руководитель проектного офиса", "председатель совета директоров"]
REGIONS = ["Алтайский край", "Амурская область", "Белгородская область", "Брянская область",
           "Владимирская область", "Волгоградская область", "Вологодская область", "Воронежская область",
           "Ивановская область", "Иркутская область", "Калужская область", "Кемеровская область",
           "Кировская область", "Костромская область", "Краснодарский край", "Красноярский край",
           "Курганская область", "Курская область", "Липецкая область", "Московская область",
           "Нижегородская область", "Новгородская область", "Новосибирская область", "Омская область",
           "Оренбургская область", "Пензенская область", "Пермский край", "Псковская область",
           "Ростовская область", "Рязанская область", "Самарская область", "Саратовская область",
           "Свердловская область", "Смоленская область", "Тамбовская область", "Тверская область",
           "Томская область", "Тульская область", "Тюменская область", "Ульяновская область",
           "Челябинская область", "Ярославская область"]
ORG_KINDS = ["ООО «{}»", "АО «{}»", "индустриальный парк «{}»", "технопарк «{}»", "кластер «{}»"]


def surname(rng: random.Random, female: bool) -> str:
    stem = "".join(rng.choice(SYLLABLES) for _ in range(2)).capitalize()
    return stem + ("ова" if female else "ов")


def varied(text: str, rng: random.Random) -> str:
    """The article with its small numbers changed and a paragraph of new names appended to its body."""
    text = re.sub(r"(?<![\d.,:-])\b\d{1,3}\b(?![\d.,:-])", lambda m: str(rng.randint(2, 999)), text)
    first = rng.choice(FIRST)
    female = first[-1] in "ая"
    org = rng.choice(ORG_KINDS).format("".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize())
    extra = (f"Об этом сообщил {rng.choice(POSITIONS)} {org} {first} {surname(rng, female)}. "
             f"В проекте участвуют {rng.randint(3, 90)} предприятий, инвестиции составят "
             f"{rng.randint(2, 900)} млн рублей.\n")
    lines = text.split("\n")
    at = max(2, len(lines) // 2)
    return "\n".join(lines[:at] + [extra] + lines[at:])


def corpus(n: int, seed: int = 1) -> list[str]:
    samples = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "raw").glob("*.txt"))]
    rng = random.Random(seed)
    return [varied(samples[i % len(samples)], rng) for i in range(n)]


def write_corpus(texts: list[str], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(texts):
        (folder / f"a{i:06d}.txt").write_text(text, encoding="utf-8")


def rate(n: int, seconds: float) -> float:
    return round(n / seconds, 1) if seconds else 0.0


def ner_floor(texts: list[str]) -> float:
    """Articles per second through razdel + Natasha's news NER alone: the floor of any pipeline."""
    from razdel import sentenize

    from clusterkb.lang import nlp

    ner = nlp.ner_tagger()
    ner.map(["Разогрев модели."])
    start = time.perf_counter()
    for text in texts:
        list(ner.map([s.text for s in sentenize(text)]))
    return rate(len(texts), time.perf_counter() - start)


def full_extraction(texts: list[str]) -> float:
    """Articles per second through clusterkb's whole extraction, one process, models loaded."""
    from clusterkb.lang import nlp
    from clusterkb.read.articles import article_from_text
    from clusterkb.extract import extract_article

    nlp.warm_up()
    extract_article(article_from_text(corpus(1, seed=99)[0], "warm.txt"))
    start = time.perf_counter()
    for i, text in enumerate(texts):
        extract_article(article_from_text(text, f"b{i}.txt"))
    return rate(len(texts), time.perf_counter() - start)


def run_as_installed() -> None:
    """Run clusterkb from here on as an installed package runs: its bytecode written once and read
    on every start. A sandbox's PYTHONDONTWRITEBYTECODE=1 makes every command compile our sources
    anew (0.25 s of each start on a 2-core machine), which no user's install does."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True)


def timed(cmd: list[str], env: dict | None = None) -> tuple[float, int]:
    """Wall seconds and the peak RSS (MiB) of the largest process the command started."""
    probe = ("import resource, subprocess, sys, time\n"
             "t = time.perf_counter(); r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
             "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)")
    out = subprocess.run([sys.executable, "-c", probe, *cmd], capture_output=True, text=True, env=env)
    seconds, rss_kib, code = out.stdout.split()
    if code not in ("0", "1"):
        raise SystemExit(f"bench: {' '.join(cmd)} exited {code}: {out.stderr[-2000:]}")
    return float(seconds), int(rss_kib) // 1024


def ingest_runs(texts: list[str], tmp: Path) -> dict:
    """clusterkb ingest of N and 2N articles with 1 and 2 workers. The wall rate includes the
    start (models load once per run); the marginal rate N / (t(2N) - t(N)) is the steady state."""
    write_corpus(texts, tmp / "corpus")
    write_corpus(texts + corpus(len(texts), seed=5), tmp / "corpus2")
    out = {}
    for workers in (1, 2):
        runs = {}
        for name in ("corpus", "corpus2"):
            data = tmp / f"data{workers}-{name}"
            seconds, rss = timed([SCRIPT, "--data-dir", str(data), "ingest", str(tmp / name), "-q",
                                  "--workers", str(workers)])
            runs[name] = (seconds, rss, data)
        (t1, rss1, data1), (t2, rss2, _) = runs["corpus"], runs["corpus2"]
        again, _ = timed([SCRIPT, "--data-dir", str(data1), "ingest", str(tmp / "corpus"), "-q"])
        out[f"workers_{workers}"] = {"seconds_n": round(t1, 2), "seconds_2n": round(t2, 2),
                                     "wall_articles_per_s": rate(len(texts), t1),
                                     "marginal_articles_per_s": rate(len(texts), t2 - t1),
                                     "peak_rss_mib_n": rss1, "peak_rss_mib_2n": rss2,
                                     "reingest_unchanged_s": round(again, 2)}
    return out


def median_time(cmd: list[str], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return round(statistics.median(times), 3)


def cold_starts(data: Path) -> dict:
    base = [SCRIPT, "--data-dir", str(data)]
    return {"--help": median_time([SCRIPT, "--help"]),
            "stats": median_time(base + ["stats"]),
            "query --limit 5": median_time(base + ["query", "--limit", "5"]),
            "show": median_time(base + ["show", "Россия"])}


SPIN = "import time; t = time.process_time(); x = sum(i & 7 for i in range(20_000_000)); print(time.process_time() - t)"


def two_process_ceiling(runs: int = 5) -> dict:
    """What a second core gives this machine at all: a fixed pure-Python loop run alone, then
    in two processes at once, `runs` times (median). On a virtual machine whose cores are
    shared with other tenants this is well under 2, and `--workers 2` cannot beat it."""
    speedups = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", SPIN], capture_output=True, check=True)
        alone = time.perf_counter() - start
        start = time.perf_counter()
        pair = [subprocess.Popen([sys.executable, "-c", SPIN], stdout=subprocess.DEVNULL) for _ in range(2)]
        for process in pair:
            process.wait()
        speedups.append(2 * alone / (time.perf_counter() - start))
    return {"median": round(statistics.median(speedups), 2), "range": [round(min(speedups), 2), round(max(speedups), 2)]}


def machine() -> dict:
    return {"python": platform.python_version(), "cpu": platform.processor() or platform.machine(),
            "cores": os.cpu_count(), "system": platform.platform()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=200, help="articles in the throughput corpus")
    ap.add_argument("--json", help="also write the figures here")
    a = ap.parse_args()
    run_as_installed()
    texts = corpus(a.n)
    report: dict = {"machine": machine(), "corpus_articles": a.n,
                    "mean_article_kib": round(sum(len(t.encode()) for t in texts) / len(texts) / 1024, 1)}
    print("NER floor…", file=sys.stderr)
    report["ner_only_articles_per_s"] = ner_floor(texts)
    print("full extraction…", file=sys.stderr)
    report["extract_articles_per_s"] = full_extraction(texts)
    report["extract_vs_ner"] = round(report["extract_articles_per_s"] / report["ner_only_articles_per_s"], 2)
    with tempfile.TemporaryDirectory() as tmp:
        print("ingest 1 and 2 workers…", file=sys.stderr)
        report["ingest"] = ingest_runs(texts, Path(tmp))
        w1, w2 = report["ingest"]["workers_1"], report["ingest"]["workers_2"]
        report["workers_2_speedup"] = {
            "wall": round(w2["wall_articles_per_s"] / w1["wall_articles_per_s"], 2),
            "marginal": round(w2["marginal_articles_per_s"] / w1["marginal_articles_per_s"], 2)}
        print("what a second core gives this machine…", file=sys.stderr)
        report["two_process_ceiling"] = two_process_ceiling()
        report["cold_start_s"] = cold_starts(Path(tmp) / "data1-corpus")
    print(json.dumps(report, ensure_ascii=False, indent=2))
    if a.json:
        Path(a.json).write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
