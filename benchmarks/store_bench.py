"""The knowledge base at size: what a nightly ingest of 50 new articles costs in an empty store
and in a big one, and how fast `stats`, `query`, `show` and `export` answer there.

    .venv/bin/python benchmarks/store_bench.py --kb-articles 10000            # build, then measure
    .venv/bin/python benchmarks/store_bench.py --kb /tmp/kb100k --json out.json   # measure a KB built before
    .venv/bin/python benchmarks/store_bench.py --build-synthetic 1000000 --kb /tmp/kb1m   # build directly, then measure
    .venv/bin/python benchmarks/store_bench.py --kb /tmp/kb100k --only nightly   # the nightly runs alone

With --build-synthetic the store is written straight into its tables (benchmarks/synthetic.py:
the entities resolution would make, in bulk; about 1 ms an article). Otherwise the big knowledge base is built from the real extraction results of the sample articles in
data/raw/, cloned with their places, people and numbers varied per clone, stored and resolved
through the store's own writer (the NLP runs once per sample, not per clone). The 50 new
articles are varied sample texts (benchmarks/bench.py's corpus) ingested by the installed
command, models and all.

The nightly block also ingests 50 articles naming a hub (the region named in most articles but
fewer than half of them, about a third in the synthetic store) into three copies of the store:
as it is, after `clusterkb merge` of the hub with the region named in fewest articles, and after
`clusterkb split` of the hub's mentions in its first article: a judged entity must grow at the
cost of an unjudged one (the judgement's own run is reported beside it).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import synthetic
from bench import (REGIONS, SCRIPT, SYLLABLES, corpus, machine, median_time, run_as_installed, timed,
                   write_corpus)

ROOT = Path(__file__).resolve().parent.parent


def sample_results() -> list[tuple[dict, list[dict]]]:
    """The samples' extraction results, as ingest stores them."""
    from clusterkb.read.articles import read_article
    from clusterkb.extract import extract_article
    from clusterkb.model import article_to_json, fact_to_json

    out = []
    for path in sorted((ROOT / "data" / "raw").glob("*.txt")):
        x = extract_article(read_article(path))
        out.append((article_to_json(x.article), [fact_to_json(f) for f in x.facts]))
    return out


def build(data: Path, n_articles: int, seed: int = 3) -> float:
    """A knowledge base of n_articles cloned article results; returns the seconds it took."""
    from clusterkb.resolve.incremental import resolve
    from clusterkb.store import Store

    results = sample_results()
    places = sorted({f["name"] for _, facts in results for f in facts if f["kind"] == "location"})
    writer = Store(data).writer()
    rng = random.Random(seed)
    start = time.perf_counter()
    for k in range(n_articles):
        article, facts = json.loads(json.dumps(results[k % len(results)]))
        region = {p: rng.choice(REGIONS) for p in places}  # each clone is about other regions
        article.update(id=f"{rng.getrandbits(64):016x}", path=f"/clones/c{k:07d}.txt")
        for fact in facts:
            vary(fact, k, rng, region)
        writer.add_article(article, facts, None)
        if (k + 1) % 2000 == 0:
            resolve(writer)
            print(f"  {k + 1} articles, {time.perf_counter() - start:.0f} s", file=sys.stderr)
    resolve(writer)
    writer.close()
    return time.perf_counter() - start


def vary(fact: dict, k: int, rng: random.Random, region: dict[str, str]) -> None:
    """One clone's fact: its places moved to other regions, two people in three renamed, new numbers."""
    if fact["kind"] == "location":
        fact["name"], fact["aliases"] = region.get(fact["name"], fact["name"]), []
    if "context" in fact:
        fact["context"]["locations"] = [region.get(p, p) for p in fact["context"]["locations"]]
    if fact["kind"] == "person" and fact.get("last") and k % 3:
        fact["last"] = fact["last"] + rng.choice(SYLLABLES)
        fact["name"] = " ".join(x for x in (fact.get("first"), fact.get("middle"), fact["last"]) if x)
    elif fact["kind"] == "count":
        fact["value"] = rng.randint(1, 500)
    elif fact["kind"] == "money":
        fact["amount"] = rng.randint(1, 5000) * 100000


def nightly(kb: Path, tmp: Path) -> dict:
    """50 new articles ingested (one worker) into an empty store and into a copy of `kb`."""
    write_corpus(corpus(50, seed=77), tmp / "new")
    empty = tmp / "empty"
    big = tmp / "big"
    shutil.copytree(kb, big)
    out = {}
    for name, data in (("empty", empty), ("big", big)):
        seconds, rss = timed([SCRIPT, "--data-dir", str(data), "ingest", str(tmp / "new"), "-q"])
        out[name] = {"seconds": round(seconds, 2), "peak_rss_mib": rss}
    out["wall_ratio"] = round(out["big"]["seconds"] / out["empty"]["seconds"], 2)
    out["rss_ratio"] = round(out["big"]["peak_rss_mib"] / out["empty"]["peak_rss_mib"], 2)
    shutil.rmtree(big)
    return out


def judged_nightly(kb: Path, tmp: Path) -> dict:
    """50 new articles naming the hub ingested (one worker) into copies of `kb`: unjudged, with
    the hub merged with the least-named region, and with the hub split by its first article."""
    from clusterkb.store import Store

    index = Store(kb).index()
    total = index.db.execute("SELECT count(*) FROM articles").fetchone()[0]
    hub, hub_id, members = index.db.execute(
        "SELECT name, id, articles FROM entities WHERE kind = 'location' AND 2 * articles <= ? "
        "ORDER BY articles DESC, name LIMIT 1", (total,)).fetchone()
    (least,) = index.db.execute("SELECT id FROM entities WHERE kind = 'location' AND id != ? "
                                "ORDER BY articles, name LIMIT 1", (hub_id,)).fetchone()
    (first,) = index.db.execute("SELECT min(article) FROM items WHERE entity = (SELECT n FROM entities WHERE id = ?)",
                                (hub_id,)).fetchone()
    index.close()
    texts = [_naming(text, hub) for text in corpus(50, seed=78)]
    write_corpus(texts, tmp / "hub")
    out: dict = {"hub": hub, "hub_articles": members}
    for case, judgement in (("unjudged", None), ("merged", ["merge", hub_id, least]),
                            ("split", ["split", hub_id, "--article", first])):
        copy = tmp / f"judged-{case}"
        shutil.copytree(kb, copy)
        base = [SCRIPT, "--data-dir", str(copy)]
        if judgement:
            seconds, rss = timed(base + judgement)
            out[f"{case}_judgement"] = {"seconds": round(seconds, 2), "peak_rss_mib": rss}
        load = os.getloadavg()[0]
        seconds, rss = timed(base + ["ingest", str(tmp / "hub"), "-q"])
        out[case] = {"seconds": round(seconds, 2), "peak_rss_mib": rss, "load": round(load, 2)}
        shutil.rmtree(copy)
    for case in ("merged", "split"):
        out[f"{case}_wall_ratio"] = round(out[case]["seconds"] / out["unjudged"]["seconds"], 2)
    return out


def _naming(text: str, hub: str) -> str:
    """The article with a sentence naming the hub, in its first paragraph."""
    lines = text.split("\n")
    return "\n".join(lines[:3] + [f"В проекте участвует {hub}."] + lines[3:])


FORMATS = {"stats": ("table", "json", "jsonl"), "judgements": ("table", "json", "jsonl")}
EVERY = ("table", "json", "jsonl", "csv")
KINDS = (None, "person", "organization", "location", "date", "count", "money")


def subjects(kb: Path) -> dict[str, tuple[str, int]]:
    """The entities the reads are about, with the articles each is named in: the region in every
    article, the hub (the region in most articles after it), a typical region, the person and the
    organisation in most articles."""
    from clusterkb.store import Store

    index = Store(kb).index()
    places = index.db.execute("SELECT name, articles FROM entities WHERE kind = 'location' ORDER BY articles").fetchall()
    top = {kind: index.db.execute("SELECT name, articles, attrs FROM entities WHERE kind = ? "
                                  "ORDER BY articles DESC LIMIT 1", (kind,)).fetchone()
           for kind in ("person", "organization")}
    index.close()
    person = top["person"]
    return {"every": places[-1], "hub": places[-2], "typical": places[len(places) // 2],
            "person": person[:2], "surname": (json.loads(person[2])["last"], person[1]),
            "org": top["organization"][:2]}


def read_matrix(kb: Path) -> dict[str, list[str]]:
    """Every read command an analyst makes, by name: `stats`; `show` of each subject in each
    format (and `--why`); `query` by name, organisation, place (each subject region with each
    kind, and with a period), text; `articles` of a period; `judgements`; `runs`."""
    s = subjects(kb)
    rows: dict[str, list[str]] = {}

    def add(name: str, args: list[str], formats: tuple[str, ...] = EVERY) -> None:
        for fmt in formats:
            rows[f"{name} [{fmt}]"] = [*args, "--format", fmt]

    add("stats", ["stats"], FORMATS["stats"])
    for who in ("every", "hub", "typical", "person", "org"):
        add(f"show {who} ({s[who][1]} articles)", ["show", s[who][0]])
    add(f"show every --why ({s['every'][1]} articles)", ["show", s["every"][0], "--why"], ("table",))
    add("query --name SURNAME", ["query", "--name", s["surname"][0]])
    for kind in KINDS:
        extra = ["--kind", kind] if kind else []
        add(f"query --org ORG --kind {kind} --limit 20", ["query", "--org", s["org"][0], *extra, "--limit", "20"],
            EVERY if kind in (None, "count") else ("jsonl",))
        for where in ("every", "hub", "typical"):
            add(f"query --location {where} --kind {kind} --limit 20",
                ["query", "--location", s[where][0], *extra, "--limit", "20"], EVERY if kind == "count" else ("jsonl",))
            add(f"query --location {where} --kind {kind} --since 2022 --limit 20",
                ["query", "--location", s[where][0], *extra, "--since", "2022", "--limit", "20"], ("jsonl",))
    add("query --text WORDS --limit 20", ["query", "--text", "промышленный кластер", "--limit", "20"])
    add("articles --since 2022 --limit 20", ["articles", "--since", "2022", "--limit", "20"])
    add("judgements", ["judgements"], FORMATS["judgements"])
    add("runs", ["runs"])
    return rows


def reads(kb: Path, runs: int = 5) -> dict:
    """Start-to-exit seconds (median of `runs`) of every read in `read_matrix`, each with the load
    average after it (the machine may be shared), and the worst of them."""
    base = [SCRIPT, "--data-dir", str(kb)]
    out: dict = {}
    for name, args in read_matrix(kb).items():
        out[name] = {"seconds": median_time(base + args, runs), "load": round(os.getloadavg()[0], 2)}
        print(f"  {out[name]['seconds']:6.3f} s  load {out[name]['load']:4.2f}  {name}", file=sys.stderr, flush=True)
    worst = max(out, key=lambda name: out[name]["seconds"])
    return {"worst": {"read": worst, **out[worst]}, **out}


def export(kb: Path) -> dict:
    """`export --format jsonl`: seconds and peak memory."""
    seconds, rss = timed([SCRIPT, "--data-dir", str(kb), "export", "--format", "jsonl"])
    return {"seconds": round(seconds, 1), "peak_rss_mib": rss}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kb-articles", type=int, default=10_000, help="articles in the knowledge base to build")
    ap.add_argument("--kb", help="measure this data dir (built before) instead of building one")
    ap.add_argument("--build-synthetic", type=int, metavar="N",
                    help="first write a store of N synthetic articles into --kb (benchmarks/synthetic.py)")
    ap.add_argument("--only", choices=["nightly", "reads"], help="measure only the nightly runs or only the reads")
    ap.add_argument("--runs", type=int, default=5, help="runs of each read (the median is kept)")
    ap.add_argument("--json", help="also write the figures here")
    a = ap.parse_args()
    run_as_installed()
    report: dict = {"machine": machine()}
    with tempfile.TemporaryDirectory() as tmp:
        kb = Path(a.kb) if a.kb else Path(tmp) / "kb"
        if a.build_synthetic:
            if not a.kb:
                raise SystemExit("store_bench: --build-synthetic needs --kb DIR (the store is kept there)")
            report["build_seconds"] = round(synthetic.build(kb, a.build_synthetic, log=True), 1)
        elif not a.kb:
            report["build_seconds"] = round(build(kb, a.kb_articles), 1)
        stats = json.loads(subprocess.run([SCRIPT, "--data-dir", str(kb), "stats", "--format", "json"],
                                          capture_output=True, text=True).stdout)
        report["kb"] = {"articles": stats["articles"], "facts": sum(stats["facts"].values()),
                        "store_mib": round((kb / "extracted" / "kb.sqlite").stat().st_size / 2**20, 1)}
        if a.only != "reads":
            report["nightly_50"] = nightly(kb, Path(tmp))
            report["nightly_50_judged_hub"] = judged_nightly(kb, Path(tmp))
        if a.only != "nightly":
            report["reads_s"] = reads(kb, a.runs)
        if a.only is None:
            report["export"] = export(kb)
    print(json.dumps(report, ensure_ascii=False, indent=2))
    if a.json:
        Path(a.json).write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
