"""Output: Rich tables and entity cards for people, JSON / JSON Lines / CSV for programs."""
from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from typing import IO, TYPE_CHECKING, Any, Iterable

from .facts import KINDS
from .query import cooccurring, label, numbers_of

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from .index import Index

CSV_COLUMNS = ["id", "kind", "name", "value", "unit", "head", "amount", "currency", "approximate",
               "aliases", "position", "organization", "context_organizations", "context_locations",
               "articles", "mentions"]


def stdout_console() -> Console:
    """Rich is imported only for output meant for a person: pipes start faster without it."""
    from rich.console import Console

    return Console(soft_wrap=False)


def literal(value: Any) -> str:
    """Data as Rich shows it literally: markup escaped (an article's «[link=…]» stays text, never
    a hyperlink) and characters that do not print spelt out («\\x1b», «\\n»), so no text from an
    article or a file name can colour, move or split the terminal's lines.

    >>> literal("[link=http://x]here[/link]\\x1b[2J")
    '\\\\[link=http://x]here\\\\[/link]\\\\x1b[2J'
    """
    from rich.markup import escape

    text = "" if value is None else str(value)
    if not text.isprintable():
        text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
    return escape(text)


def _table(**options: Any) -> Table:
    from rich.table import Table

    return Table(header_style="bold", **options)


def default_format() -> str:
    """Tables for a person at a terminal, JSON Lines for a pipe."""
    return "table" if sys.stdout.isatty() else "jsonl"


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False)


def write_records(records: Iterable[dict[str, Any]], fmt: str, out: IO[str]) -> None:
    """Knowledge-base facts as json (one array), jsonl (one per line) or csv (flattened)."""
    if fmt == "jsonl":
        for r in records:
            out.write(dumps(r) + "\n")
    elif fmt == "json":
        json.dump(list(records), out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for r in records:
            writer.writerow(csv_row(r))
    else:
        raise ValueError(f"unknown format {fmt!r}")


def csv_row(fact: dict[str, Any]) -> dict[str, Any]:
    ctx = fact.get("context") or {}
    sources = fact.get("sources", [])
    return {**{k: fact.get(k) for k in CSV_COLUMNS if k in fact},
            "aliases": "; ".join(fact.get("aliases", [])),
            "context_organizations": "; ".join(ctx.get("organizations", [])),
            "context_locations": "; ".join(ctx.get("locations", [])),
            "articles": "; ".join(s["article"] for s in sources),
            "mentions": sum(len(s["mentions"]) for s in sources)}


def facts_table(facts: list[dict[str, Any]], title: str | None = None) -> Table:
    """Knowledge-base facts for a person: one row each."""
    table = _table(title=title, show_lines=False)
    for col, style in (("kind", "cyan"), ("fact", "bold"), ("details", ""), ("articles", "green"), ("id", "dim")):
        table.add_column(col, style=style, overflow="fold")
    for f in facts:
        table.add_row(literal(f["kind"]), literal(label(f)), literal(details(f)), str(len(f.get("sources", []))),
                      literal(f.get("id", "")))
    return table


def details(fact: dict[str, Any]) -> str:
    """The fields beyond the label, briefly."""
    parts = []
    if fact.get("aliases"):
        parts.append("aka " + ", ".join(fact["aliases"][:4]) + ("…" if len(fact["aliases"]) > 4 else ""))
    if fact.get("position"):
        parts.append(fact["position"] + (f" ({fact['organization']})" if fact.get("organization") else ""))
    if fact.get("approximate"):
        parts.append("approximate")
    ctx = fact.get("context") or {}
    where = ctx.get("organizations", []) + ctx.get("locations", [])
    if where:
        parts.append("· " + ", ".join(where[:3]))
    return "; ".join(parts)


def extraction_table(record: dict[str, Any]) -> Table:
    """One article's extraction for a person: facts with the text they were found in."""
    art = record["article"]
    title = literal(f"{art.get('path')} — {art.get('title') or ''} [{art.get('lang')}, {art.get('published') or 'no date'}]")
    table = _table(title=title, title_justify="left")
    for col, style in (("kind", "cyan"), ("fact", "bold"), ("details", ""), ("said as", "dim")):
        table.add_column(col, style=style, overflow="fold")
    for f in record["facts"]:
        said = ", ".join(dict.fromkeys(m["text"] for m in f["mentions"]))
        table.add_row(literal(f["kind"]), literal(label(f)), literal(details(f)), literal(said))
    return table


def entity_card(console: Console, fact: dict[str, Any], index: Index, why: bool = False) -> None:
    """Everything the knowledge base knows about one entity."""
    articles = index.articles(s["article"] for s in fact["sources"])
    console.rule(f"[bold]{literal(label(fact))}[/] [dim]{literal(fact['kind'])} {literal(fact['id'])}[/]")
    if fact.get("aliases"):
        console.print("[bold]Also:[/] " + literal("; ".join(fact["aliases"])))
    if fact.get("canonical"):
        console.print("[bold]Canonical:[/] " + literal(fact["canonical"]))
    for role in fact.get("roles", []):
        when = ", ".join(sorted({s.get("published") or "undated" for s in role.get("sources", [])}))
        org = f" — {role['organization']}" if role.get("organization") else ""
        console.print(f"[bold]Role:[/] {literal(role['position'] + org)} [dim]({literal(when)})[/]")
    console.print(f"[bold]Mentions[/] in {len(fact['sources'])} article(s):")
    for src in fact["sources"]:
        art = articles.get(src["article"], {})
        console.print(f"  [green]{literal(src.get('path') or src['article'])}[/] "
                      f"[dim]{literal(art.get('published') or '')} {literal(src['article'])}[/]")
        for m in src["mentions"]:
            console.print(f"    «{literal(m['text'])}» [dim]{m['start']}–{m['end']}[/]  {literal(m['sentence'])}",
                          highlight=False)
    if why:
        forms = Counter(m["text"] for s in fact["sources"] for m in s["mentions"])
        console.print("[bold]Said as:[/] " + literal(", ".join(f"«{t}»×{n}" for t, n in forms.most_common())),
                      highlight=False)
        for reason in fact.get("why", []) or ["one article, one normal form: nothing to merge across articles"]:
            console.print(f"[bold]Why:[/] {literal(reason)}", highlight=False)
    together = cooccurring(index, fact)
    if together:
        console.print("[bold]Appears with:[/] " + literal(", ".join(f"{label(o)} ({o['kind']}, {n})" for o, n in together[:15])))
    numbers = numbers_of(index, fact)
    if numbers:
        console.print("[bold]Numbers:[/]")
        for x in numbers[:30]:
            console.print(f"  {literal(x['kind']):<6} {literal(label(x))}  [dim]{literal(', '.join(s['article'] for s in x['sources']))}[/]")


def stats_tables(index: Index, top: int = 10) -> list[Table]:
    """Articles, facts by kind and the entities with the most sources."""
    stats = stats_dict(index, top)
    summary = _table(title="Knowledge base")
    summary.add_column("what")
    summary.add_column("count", justify="right")
    summary.add_row("articles", str(stats["articles"]))
    for lang, n in stats["languages"].items():
        summary.add_row(literal(f"  in {lang}"), str(n))
    for kind, n in stats["facts"].items():
        summary.add_row(f"{kind} facts", str(n))
    tops = _table(title="Top entities (by articles, then mentions)")
    for col in ("kind", "entity", "articles", "mentions"):
        tops.add_column(col, justify="right" if col in ("articles", "mentions") else "left")
    for t in stats["top"]:
        tops.add_row(literal(t["kind"]), literal(t["name"]), str(t["articles"]), str(t["mentions"]))
    return [summary, tops]


def stats_dict(index: Index, top: int = 10) -> dict[str, Any]:
    counts = index.kind_counts()
    langs = Counter(a.get("lang") or "unknown" for a in index.articles().values())
    return {"articles": index.article_count(), "languages": dict(sorted(langs.items())),
            "facts": {k: counts.get(k, 0) for k in KINDS},
            "top": [{"id": f["id"], "kind": f["kind"], "name": label(f), "articles": len(f["sources"]),
                     "mentions": sum(len(s["mentions"]) for s in f["sources"])} for f in index.top(top)]}


def report_lines(report: dict[str, Any]) -> list[str]:
    """The end-of-ingest summary, for stderr."""
    a, f = report["articles"], report["facts"]
    removed = f", {a['removed']} removed" if a.get("removed") else ""
    return [f"articles: {a['new']} new, {a['changed']} changed, {a['unchanged']} unchanged, {a['failed']} failed{removed}",
            f"facts: {f['added']} added, {f['merged']} merged, {f['total']} in the knowledge base "
            f"({report['seconds']:.1f} s)"]


def runs_table(records: list[dict[str, Any]]) -> Table:
    """Past ingest runs, one row each."""
    table = _table(title="Ingest runs")
    for col in ("started", "s", "new", "changed", "same", "removed", "failed", "+facts", "merged"):
        table.add_column(col, justify="left" if col == "started" else "right", no_wrap=True)
    for r in records:
        a, f = r.get("articles", {}), r.get("facts", {})
        table.add_row(r.get("started", "")[:19].replace("T", " "), f"{r.get('seconds', 0):.1f}", *(str(a.get(k, 0)) for k in
                      ("new", "changed", "unchanged", "removed", "failed")), str(f.get("added", 0)), str(f.get("merged", 0)))
    return table
