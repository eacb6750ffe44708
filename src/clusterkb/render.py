"""Output: Rich tables and entity cards for people, JSON / JSON Lines / CSV for programs."""
from __future__ import annotations

import csv
import json
import sys
import unicodedata
from collections import Counter
from typing import IO, TYPE_CHECKING, Any, Callable, Iterable, Iterator

from .kinds import VALUE_KINDS, kind_of, label
from .lang.gazetteer import currency_symbol
from .query import EntityProfile, first_source

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

FACT_COLUMNS = ["id", "kind", "name", "date", "count", "unit", "head", "amount", "currency", "approximate",
                "aliases", "position", "organization", "context_organizations", "context_locations",
                "articles", "mentions", "article_id", "article_path", "article_title", "published", "sentence"]
ARTICLE_COLUMNS = ["id", "published", "title", "source", "lang", "facts", "path", "url"]
MENTION_COLUMNS = ["id", "kind", "name", "text", "start", "end", "sentence", "article_id", "article_path",
                   "article_title", "published"]
RUN_COLUMNS = ["started", "seconds", "new", "changed", "unchanged", "removed", "failed", "facts_added",
               "facts_merged", "facts_total"]
_SCALES = ((10 ** 12, "трлн"), (10 ** 9, "млрд"), (10 ** 6, "млн"), (10 ** 3, "тыс."))
_NBSP = "\u00a0"


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
    if not text.isprintable():  # a no-break space stays, a control character or line separator does not
        text = "".join(repr(c)[1:-1] if unicodedata.category(c)[0] == "C" or unicodedata.category(c) in ("Zl", "Zp")
                       else c for c in text)
    return escape(text)


def _table(**options: Any) -> Table:
    from rich.table import Table

    return Table(header_style="bold", **options)


def _compact_table(**options: Any) -> Table:
    """A table with a rule under the header and one space between columns: fits 80 columns."""
    from rich import box

    return _table(box=box.SIMPLE_HEAD, padding=(0, 0, 0, 1), **options)


def default_format() -> str:
    """Tables for a person at a terminal, JSON Lines for a pipe."""
    return "table" if sys.stdout.isatty() else "jsonl"


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False)


def write_records(records: Iterable[dict[str, Any]], fmt: str, out: IO[str],
                  columns: list[str] | None = None, row: Callable[[dict[str, Any]], dict[str, Any]] | None = None) -> None:
    """Records as json (one array), jsonl (one per line) or csv (`row` flattens each record
    to `columns`; true/false for yes-or-no, «; » between the items of a list).

    Example: write_records(runs, "csv", sys.stdout, RUN_COLUMNS, run_row)
    """
    if fmt == "jsonl":
        for r in records:
            out.write(dumps(r) + "\n")
    elif fmt == "json":
        json.dump(list(records), out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=columns or [], extrasaction="ignore")
        writer.writeheader()
        for r in records:
            writer.writerow({k: _csv_value(v) for k, v in (row(r) if row else r).items()})
    else:
        raise ValueError(f"unknown format {fmt!r}")


def write_facts(facts: Iterable[dict[str, Any]], fmt: str, out: IO[str], articles: dict[str, dict[str, Any]]) -> None:
    """Knowledge-base facts; in csv one row each, typed columns (see `fact_row`)."""
    write_records(facts, fmt, out, FACT_COLUMNS, lambda f: fact_row(f, articles))


def write_fact_stream(facts: Iterable[dict[str, Any]], fmt: str, out: IO[str]) -> None:
    """Facts whose `sources` are iterators, as json or jsonl written a source at a time: the
    output of `export` for a fact said in a million articles needs no more memory than one.

    Example: write_fact_stream(index.streamed(), "jsonl", sys.stdout)
    """
    sep, start, end = ("\n", "", "") if fmt == "jsonl" else (",\n", "[\n", "\n]")
    out.write(start)
    for i, fact in enumerate(facts):
        head = {k: v for k, v in fact.items() if k != "sources"}
        out.write((sep if i and fmt == "json" else "") + dumps(head)[:-1] + (', "sources": [' if head else '"sources": ['))
        for j, source in enumerate(fact["sources"]):
            out.write((", " if j else "") + dumps(source))
        out.write("]}" + ("\n" if fmt == "jsonl" else ""))
    out.write(end + ("\n" if fmt == "json" else ""))


def write_extractions(records: list[dict[str, Any]], fmt: str, out: IO[str]) -> None:
    """`extract` records as json (one array) or csv (the facts' rows, as `query` writes them)."""
    if fmt != "csv":
        write_records(records, fmt, out)
        return
    articles = {r["article"]["id"]: r["article"] for r in records}
    write_facts((with_source(f, r["article"]) for r in records for f in r["facts"]), fmt, out, articles)


def with_source(fact: dict[str, Any], article: dict[str, Any]) -> dict[str, Any]:
    """One article's fact in the knowledge base's form: its mentions as that article's source.

    Example: {"kind": "count", "value": 12, "mentions": [...]} → {..., "sources": [{"article": ID, "path": P, "mentions": [...]}]}
    """
    rest = {k: v for k, v in fact.items() if k != "mentions"}
    return {**rest, "sources": [{"article": article["id"], "path": article.get("path"), "mentions": fact["mentions"]}]}


def _csv_value(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(map(str, value))
    return value


def fact_row(fact: dict[str, Any], articles: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """A fact as one CSV row: one column per kind of value (`date` ISO, `count` and `amount`
    numbers), and the first article it was said in (earliest published) with the sentence.

    Example: a count fact → {"kind": "count", "count": 12, "unit": "предприятие", "date": None, ...}
    """
    ctx = fact.get("context") or {}
    sources = fact.get("sources", [])
    first = first_source(fact, articles)
    art = articles.get(first["article"], {}) if first else {}
    kind = fact["kind"]
    return {**{k: fact.get(k) for k in ("id", "kind", "name", "unit", "head", "amount", "currency",
                                        "aliases", "position", "organization")},
            **{k.column: fact.get(k.value) if k.name == kind else None for k in map(kind_of, VALUE_KINDS)},
            "approximate": bool(fact.get("approximate")) if kind_of(kind).approximate else None,
            "context_organizations": ctx.get("organizations", []),
            "context_locations": ctx.get("locations", []),
            "articles": [s["article"] for s in sources],
            "mentions": fact["total"]["mentions"] if "total" in fact else sum(len(s["mentions"]) for s in sources),
            "article_id": first and first["article"], "article_path": first and first.get("path"),
            "article_title": art.get("title"), "published": art.get("published"),
            "sentence": first["mentions"][0]["sentence"] if first and first["mentions"] else None}


def mention_rows(fact: dict[str, Any], articles: dict[str, dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """An entity's mentions as CSV rows: what was said, where, in which sentence and article.

    Example: «Михаила Лабудина» 518–534 in «В Омской области продолжают строить «ТехноОмск»», 2024-02-29
    """
    for src in fact["sources"]:
        art = articles.get(src["article"], {})
        for m in src["mentions"]:
            yield {"id": fact["id"], "kind": fact["kind"], "name": label(fact), **m, "article_id": src["article"],
                   "article_path": src.get("path"), "article_title": art.get("title"), "published": art.get("published")}


def article_row(article: dict[str, Any]) -> dict[str, Any]:
    return {k: article.get(k) for k in ARTICLE_COLUMNS}


def run_row(run: dict[str, Any]) -> dict[str, Any]:
    """A run record flattened: its article counts, and its fact counts as facts_*."""
    articles, facts = run.get("articles", {}), run.get("facts", {})
    return {"started": run.get("started"), "seconds": run.get("seconds"),
            **{k: articles.get(k, 0) for k in ("new", "changed", "unchanged", "removed", "failed")},
            **{f"facts_{k}": facts.get(k, 0) for k in ("added", "merged", "total")}}


def readable(fact: dict[str, Any]) -> str:
    """A fact's label for a person: amounts scaled, thousands spaced (JSON keeps them exact).

    Example: {"kind": "money", "amount": 538200000000, "currency": "RUB"} → «538,2 млрд ₽»
    """
    if fact["kind"] == "money" and isinstance(fact.get("amount"), (int, float)):
        return f"{scaled_number(fact['amount'])}{_NBSP}{currency_symbol(fact.get('currency', ''))}".strip()
    if fact["kind"] == "count" and isinstance(fact.get("value"), (int, float)):
        return f"{spaced_number(fact['value'])} {fact.get('unit', '')}".strip()
    return label(fact)


def scaled_number(value: float) -> str:
    """Large numbers in тыс./млн/млрд/трлн with a decimal comma: 538200000000 → «538,2 млрд»."""
    for size, word in _SCALES:
        if abs(value) >= size:
            return f"{_decimal(value / size)}{_NBSP}{word}"
    return _decimal(value)


def spaced_number(value: float) -> str:
    """Thousands apart, a decimal comma: 12500 → «12 500», 2.5 → «2,5»."""
    whole, _, fraction = _decimal(value).partition(",")
    return f"{int(whole):,}".replace(",", _NBSP) + (f",{fraction}" if fraction else "")


def _decimal(value: float) -> str:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def said_in(fact: dict[str, Any], articles: dict[str, dict[str, Any]]) -> str:
    """Where a fact was first said: «date · title», and how many other articles say it."""
    first = first_source(fact, articles)
    if not first:
        return ""
    art = articles.get(first["article"], {})
    more = len(fact.get("sources", [])) - 1
    return (f"{art.get('published') or 'no date'} · {art.get('title') or first.get('path') or first['article']}"
            + (f" (+{more} more)" if more else ""))


def first_sentence(fact: dict[str, Any], articles: dict[str, dict[str, Any]]) -> str:
    first = first_source(fact, articles)
    return first["mentions"][0]["sentence"] if first and first["mentions"] else ""


def facts_table(facts: list[dict[str, Any]], articles: dict[str, dict[str, Any]], title: str | None = None) -> Table:
    """Knowledge-base facts for a person: one row each, with the date, title and sentence of
    the article it was first said in; the sentence gets the most room."""
    table = _compact_table(title=title, show_lines=True, expand=True)
    for col, style, ratio in (("kind", "cyan", None), ("fact", "bold", 2), ("details", "", 2),
                              ("said in", "green", 2), ("sentence", "", 4)):
        table.add_column(col, style=style, overflow="fold", ratio=ratio)
    for f in facts:
        table.add_row(f["kind"], literal(readable(f)), literal(details(f)), literal(said_in(f, articles)),
                      literal(first_sentence(f, articles)))
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
    title = f"{art.get('path')} — {art.get('title') or ''} [{art.get('lang')}, {art.get('published') or 'no date'}]"
    table = _table(title=literal(title), title_justify="left")
    for col, style in (("kind", "cyan"), ("fact", "bold"), ("details", ""), ("said as", "dim")):
        table.add_column(col, style=style, overflow="fold")
    for f in record["facts"]:
        said = ", ".join(dict.fromkeys(m["text"] for m in f["mentions"]))
        table.add_row(f["kind"], literal(readable(f)), literal(details(f)), literal(said))
    return table


def entity_card(console: Console, profile: EntityProfile, why: bool = False) -> None:
    """Everything the knowledge base knows about one entity (`query.entity_profile`), as a card."""
    fact, articles = profile.fact, profile.articles
    console.rule(f"[bold]{literal(label(fact))}[/] [dim]{fact['kind']} {fact['id']}[/]")
    if fact.get("aliases"):
        console.print("[bold]Also:[/] " + literal("; ".join(fact["aliases"])))
    if fact.get("canonical"):
        console.print("[bold]Canonical:[/] " + literal(fact["canonical"]))
    for role in fact.get("roles", []):
        org = f" — {role['organization']}" if role.get("organization") else ""
        console.print(f"[bold]Role:[/] {literal(role['position'] + org)} [dim]({role_dates(role)})[/]")
    shown = f" (the first {len(fact['sources'])})" if profile.article_total > len(fact["sources"]) else ""
    console.print(f"[bold]Mentions[/] in {profile.article_total} article(s){shown}:")
    for src in fact["sources"]:
        art = articles.get(src["article"], {})
        console.print(f"  {art.get('published') or 'no date'} · [green]{literal(art.get('title') or src['article'])}[/]"
                      f" [dim]{literal(src.get('path') or src['article'])}[/]")
        for m in src["mentions"]:
            console.print(f"    «{literal(m['text'])}» [dim]{m['start']}–{m['end']}[/]  {literal(m['sentence'])}", highlight=False)
    if why:
        forms = Counter(m["text"] for s in fact["sources"] for m in s["mentions"])
        console.print("[bold]Said as:[/] " + literal(", ".join(f"«{t}»×{n}" for t, n in forms.most_common())), highlight=False)
        for reason in fact.get("why", []) or ["one article, one normal form: nothing to merge across articles"]:
            console.print(f"[bold]Why:[/] {literal(reason)}", highlight=False)
    if profile.together:
        console.print("[bold]Appears with:[/] " + literal(", ".join(f"{label(o)} ({o['kind']}, {n})" for o, n in profile.together)))
    _numbers_section(console, profile.numbers, articles)


def role_dates(role: dict[str, Any], shown: int = 4) -> str:
    """When a role is given: its articles' dates, or for a role given on many days the first
    and last with how many articles («2021-07-29 … 2024-04-23, 9123 articles»), so the card of
    a governor named in thousands of articles stays one line; a role read with its first
    articles only says its `total`."""
    total = role.get("total")
    if total and total["articles"] > len(role["sources"]):
        return f"{total['first'] or 'undated'} … {total['last'] or 'undated'}, {total['articles']} articles"
    dates = sorted({s.get("published") or "undated" for s in role.get("sources", [])})
    if len(dates) <= shown:
        return ", ".join(dates)
    return f"{dates[0]} … {dates[-1]}, {len(role['sources'])} articles"


def also_matching(console: Console, others: list[dict[str, Any]]) -> None:
    """The other entities a name matched, under the card, so a wrong pick is one step from the right one."""
    if others:
        names = "; ".join(f"{label(o)} ({o['kind']})" for o in others[:6])
        console.print(f"[dim]Also matching: {literal(names)}[/]")


def _numbers_section(console: Console, numbers: list[dict[str, Any]], articles: dict[str, dict[str, Any]]) -> None:
    """Dates, counts and sums said about an entity, each with its article's title and date."""
    if not numbers:
        return
    console.print("[bold]Numbers:[/]")
    for x in numbers:
        console.print(f"  {x['kind']:<6} [bold]{literal(readable(x))}[/]  [green]{literal(said_in(x, articles))}[/]", highlight=False)
        console.print(f"         [dim]{literal(first_sentence(x, articles))}[/]", highlight=False)


def articles_table(records: list[dict[str, Any]], title: str | None = None) -> Table:
    """Ingested articles for a person: date, title, site, language, facts, and an id prefix
    that `query --article` and `forget` take."""
    table = _compact_table(title=title, expand=True)
    for col, style, ratio in (("published", "", None), ("title", "bold", 1), ("source", "green", None),
                              ("lang", "", None), ("facts", "", None), ("id", "dim", None)):
        table.add_column(col, style=style, overflow="fold", ratio=ratio, max_width=16 if col == "source" else None,
                         justify="right" if col == "facts" else "left")
    for a in records:
        table.add_row(a.get("published") or "no date", literal(a.get("title") or a.get("path")), literal(a.get("source") or ""),
                      literal(a.get("lang") or ""), str(a.get("facts", 0)), a["id"][:8])
    return table


def stats_tables(stats: dict[str, Any]) -> list[Table]:
    """Articles, facts by kind and the entities with the most sources (`query.kb_stats`) as tables."""
    summary = _table(title="Knowledge base")
    summary.add_column("what")
    summary.add_column("count", justify="right")
    summary.add_row("articles", str(stats["articles"]))
    for lang, n in stats["languages"].items():
        summary.add_row(f"  in {literal(lang)}", str(n))
    for kind, n in stats["facts"].items():
        summary.add_row(f"{kind} facts", str(n))
    tops = _table(title="Top entities (by articles, then mentions)")
    for col in ("kind", "entity", "articles", "mentions"):
        tops.add_column(col, justify="right" if col in ("articles", "mentions") else "left")
    for t in stats["top"]:
        tops.add_row(t["kind"], literal(t["name"]), str(t["articles"]), str(t["mentions"]))
    return [summary, tops]


def report_lines(report: dict[str, Any]) -> list[str]:
    """The end-of-ingest summary, for stderr."""
    a, f = report["articles"], report["facts"]
    extra = "".join(f", {a[k]} {k}" for k in ("reextracted", "removed", "forgotten") if a.get(k))
    return [f"articles: {a['new']} new, {a['changed']} changed, {a['unchanged']} unchanged, {a['failed']} failed{extra}"
            + (" (interrupted)" if report.get("interrupted") else ""),
            f"facts: {f['added']} added, {f['merged']} merged, {f['total']} in the knowledge base "
            f"({report['seconds']:.1f} s)"]


def runs_table(records: list[dict[str, Any]]) -> Table:
    """Past ingest runs, one row each, narrow enough for 80 columns (UTC start to the minute)."""
    table = _compact_table(title="Ingest runs",
                           caption="articles: new, chg changed, same unchanged, gone removed, fail failed; "
                           "facts: +facts added, merged, total after the run")
    headers = ("started (UTC)", "secs", "new", "chg", "same", "gone", "fail", "+facts", "merged", "total")
    for col in headers:
        table.add_column(col, justify="left" if col.startswith("started") else "right", no_wrap=True)
    for r in map(run_row, records):
        table.add_row((r["started"] or "")[:16].replace("T", " "), f"{r['seconds'] or 0:.1f}",
                      *(str(r[k]) for k in RUN_COLUMNS[2:]))
    return table


JUDGEMENT_COLUMNS = ["id", "verb", "kind", "of", "and", "made", "note"]


def judgement_csv_row(j: dict[str, Any]) -> dict[str, Any]:
    """A judgement flattened for csv: what its two sides were called (its anchors stay in JSON)."""
    return {"id": j["id"], "verb": j["verb"], "kind": j["kind"], "of": j["names"][0], "and": j["names"][1],
            "made": j["made"], "note": j.get("note") or ""}


def judgements_table(records: list[dict[str, Any]]) -> Table:
    """The analyst's judgements, oldest first: id, merge or split, kind, what each side was
    called when it was made, when (UTC, to the minute), the note, and the entities holding its
    sides now («idle» when a side has no fact left)."""
    table = _compact_table(title="Judgements", caption="withdraw one with: clusterkb judgements --drop ID")
    for col in ("id", "verb", "kind", "of", "and", "made (UTC)", "note", "now"):
        table.add_column(col, justify="right" if col == "id" else "left", no_wrap=col in ("id", "made (UTC)"))
    for r in records:
        now = "idle" if not all(r["now"]) else ", ".join(sorted(set().union(*r["now"])))
        table.add_row(str(r["id"]), r["verb"], r["kind"], literal(r["names"][0]), literal(r["names"][1]),
                      (r["made"] or "")[:16].replace("T", " "), literal(r.get("note") or ""), now)
    return table
