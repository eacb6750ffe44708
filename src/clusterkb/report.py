"""`clusterkb report`: one self-contained HTML page about the knowledge base or one entity.

The page holds a timeline of dated facts and roles, the people and organisations around the
entity (or the most-cited ones) as a graph, counts and sums of money by region and year as
charts, and every sentence those items come from, grouped by article. Plotly draws the charts
and its JavaScript is inlined, so the page needs no network when it is viewed; networkx lays
the graph out. Both come with `pip install 'clusterkb[report]'`.

Example:
    with contextlib.closing(Store("data").index()) as index:
        Path("report.html").write_text(build_report(index, entity=None), encoding="utf-8")
"""
from __future__ import annotations

import heapq
import html
import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Iterable

from .exports import sentence_id
from .kinds import KINDS, NAMED_KINDS, label
from .query import cooccurring, date_span, numbers_of

if TYPE_CHECKING:
    from .store import Index

GRAPH_SIZE = 40
GRAPH_SOURCES = 50  # articles of each graph node read for the sentences it shares
"""At most this many entities in the graph (and as cards below it)."""
REGIONS_SHOWN = 15
"""Regions named on a chart; the others are summed into one bar."""
NO_REGION = "(no region named)"
UNDATED = "undated"
_COLOURS = {"person": "#d6604d", "organization": "#4393c3", "location": "#5aae61",
            "date": "#8073ac", "role": "#e08214", "count": "#35978f", "money": "#bf812d"}


class ReportError(Exception):
    """The report cannot be made; the message says why and what to do."""


@dataclass
class Item:
    """One dated thing on the timeline: a date fact, a role, a count or an amount of money.
    `when` is an ISO day, or "" when its article has no date; `sentence` is where it is said."""

    when: str
    lane: str
    text: str
    about: str
    article: str
    sentence: str
    said: str


@dataclass
class Figures:
    """Counts and money tied to each (region, year), with the first few counts said there for
    the hover: bounded by the number of regions and years, however many facts are read."""

    counts: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))
    examples: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    money: dict[str, dict[tuple[str, str], float]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(float)))

    EXAMPLES = 12

    def add(self, fact: dict[str, Any], years: list[str]) -> None:
        """A count or amount under each region its sentence names and each year it is reported."""
        regions = (fact.get("context") or {}).get("locations") or [NO_REGION]
        for key in ((region, year) for region in dict.fromkeys(regions) for year in years):
            if fact["kind"] == "count":
                self.counts[key] += 1
                if len(self.examples[key]) < self.EXAMPLES:
                    self.examples[key].append(label(fact))
            elif fact["kind"] == "money":
                self.money[fact.get("currency") or "?"][key] += float(fact.get("amount") or 0)


class _Timeline:
    """The `limit` latest items (undated ones after the dated), kept in a heap."""

    def __init__(self, limit: int):
        self.limit, self.heap, self.seen = limit, [], 0

    def add(self, item: Item) -> None:
        self.seen += 1
        key = (item.when or "0", item.lane, item.text)
        entry = (key, self.seen, item)
        if len(self.heap) < self.limit:
            heapq.heappush(self.heap, entry)
        elif entry > self.heap[0]:
            heapq.heapreplace(self.heap, entry)

    def items(self) -> list[Item]:
        return [e[2] for e in sorted(self.heap, reverse=True)]


def build_report(index: Index, entity: dict[str, Any] | None = None, limit: int = 300) -> str:
    """The whole HTML page: about `entity` (a named fact) when given, else the whole knowledge base.
    At most `limit` timeline items, the latest first. The whole knowledge base is shown by what
    SQL picks, so the page costs the same at a million articles as at a hundred: the entities
    in most articles, and the dates, counts and sums of the `limit` latest articles (each
    fact with its first GRAPH_SOURCES articles).

    Example: build_report(index, find_entity(index, "Лабудин")[0]) → "<!DOCTYPE html>…"
    """
    go, nx = _libraries()
    if entity is None:
        around = [index.fact(f["id"], sources=GRAPH_SOURCES) for f in index.top(GRAPH_SIZE)]
        facts: Iterable[dict[str, Any]] = [*(o for o in around if o["kind"] == "person"),
                                           *index.latest_numbers(limit, sources=GRAPH_SOURCES)]
        articles = index.articles({s["article"] for f in [*around, *facts] for s in f["sources"]})
        title = f"Knowledge base: {index.article_count()} articles"
    else:
        neighbours = [index.fact(o["id"], sources=GRAPH_SOURCES) for o, _ in cooccurring(index, entity)[:GRAPH_SIZE - 1]]
        around = [entity, *neighbours]
        facts = [entity, *(o for o in neighbours if o["kind"] == "person"), *numbers_of(index, entity)]
        articles = index.articles({s["article"] for f in [*around, *facts] for s in f["sources"]})
        title = f"{label(entity)} ({entity['kind']})"
    timeline, figures = _Timeline(limit), Figures()
    for fact in facts:
        for item in items_of(fact, articles):
            timeline.add(item)
        if fact["kind"] in ("count", "money"):
            figures.add(fact, _years(fact, articles))
    items = timeline.items()
    sections = [_timeline_section(go, items, timeline.seen),
                _graph_section(go, nx, around, entity),
                _figures_section(go, figures),
                _entities_section(around, articles),
                _sources_section(items, around, articles)]
    return _page(title, _summary(index) if entity is None else _entity_summary(entity), sections)


def _libraries() -> tuple[Any, Any]:
    try:
        import networkx
        import plotly.graph_objects
    except ImportError as e:
        raise ReportError(f"the report needs plotly and networkx ({e.name} is missing): "
                          "pip install 'clusterkb[report]'") from e
    return plotly.graph_objects, networkx


def items_of(fact: dict[str, Any], articles: dict[str, dict[str, Any]]) -> list[Item]:
    """A fact's timeline items: a date at its own value, a count or amount at the date of each
    article saying it, a person's roles at the dates of the articles naming them.

    Example: a date fact «2023-07-20/2023-07-21» gives one item on 2023-07-20.
    """
    kind = fact["kind"]
    about = ", ".join((fact.get("context") or {}).get("organizations", [])[:3])
    if kind == "date":
        span = date_span(str(fact["value"]))
        src, m = fact["sources"][0], fact["sources"][0]["mentions"][0]
        return [Item(span[0] if span else "", "date", str(fact["value"]), about, src["article"], m["sentence"], m["text"])]
    if kind in ("count", "money"):
        return [Item(_published(articles, s["article"]), kind, _amount(fact), about, s["article"],
                     s["mentions"][0]["sentence"], s["mentions"][0]["text"]) for s in fact["sources"]]
    if kind == "person":
        return [_role_item(fact, role, src, articles) for role in fact.get("roles", []) for src in role.get("sources", [])
                if any(s["article"] == src.get("article") for s in fact["sources"])]
    return []


def _role_item(person: dict[str, Any], role: dict[str, Any], src: dict[str, Any],
               articles: dict[str, dict[str, Any]]) -> Item:
    """A role on the timeline, anchored at the sentence of that article that names it best."""
    mentions = next(s["mentions"] for s in person["sources"] if s["article"] == src["article"])
    best = max(mentions, key=lambda m: role["position"].lower() in m["sentence"].lower())
    what = role["position"] + (f" — {role['organization']}" if role.get("organization") else "")
    return Item(_published(articles, src["article"]), "role", what, person["name"], src["article"],
                best["sentence"], best["text"])


def _published(articles: dict[str, dict[str, Any]], article: str) -> str:
    return (articles.get(article) or {}).get("published") or ""


def _years(fact: dict[str, Any], articles: dict[str, dict[str, Any]]) -> list[str]:
    """The years of the articles saying a fact, each once: ["2023", "2024"], or ["undated"]."""
    years = sorted({d[:4] for d in (_published(articles, s["article"]) for s in fact["sources"]) if d})
    return years or [UNDATED]


def _amount(fact: dict[str, Any]) -> str:
    """«7 000 000 000 RUB», «≈808 500 000 RUB», «15 промышленный кластер»."""
    value = fact.get("amount") if fact["kind"] == "money" else fact.get("value")
    number = f"{value:,}".replace(",", "\u202f") if isinstance(value, (int, float)) else str(value)
    unit = fact.get("currency") if fact["kind"] == "money" else fact.get("unit")
    return ("≈" if fact.get("approximate") else "") + f"{number} {unit or ''}".strip()


def _anchor(article: str, sentence: str) -> str:
    return "s-" + sentence_id(article, sentence)


def _figure_html(fig: Any, div_id: str) -> str:
    """A figure as a div; a click on a point with a link (customdata) follows it."""
    fig.update_layout(template="plotly_white", margin=dict(l=40, r=20, t=30, b=40),
                      font=dict(family="DejaVu Sans, Arial, sans-serif", size=12))
    follow = ("document.getElementById('{plot_id}').on('plotly_click', function (e) {"
              " var link = e.points[0].customdata; if (link) { location.hash = link; } });")
    return fig.to_html(full_html=False, include_plotlyjs=False, div_id=div_id, post_script=follow,
                       config={"displaylogo": False, "responsive": True})


def _timeline_section(go: Any, items: list[Item], seen: int) -> str:
    dated = [i for i in items if i.when]
    fig = go.Figure()
    for lane in ("date", "role", "count", "money"):
        days = _by_day([i for i in dated if i.lane == lane])
        if days:
            fig.add_trace(go.Scatter(
                x=list(days), y=[lane] * len(days), mode="markers", name=lane,
                marker=dict(size=[10 + 4 * math.sqrt(len(same)) for same in days.values()], color=_COLOURS[lane],
                            opacity=0.8, line=dict(width=1, color="white")),
                customdata=[_anchor(same[0].article, same[0].sentence) for same in days.values()],
                hovertext=[_hover(same) for same in days.values()], hoverinfo="text"))
    fig.update_layout(height=300, showlegend=False, xaxis=dict(type="date"), hovermode="closest")
    shown = f"the latest {len(items)} of {seen}" if seen > len(items) else f"all {seen}"
    rows = "".join(
        f"<tr><td class=when>{_e(i.when or UNDATED)}</td><td><span class=tag style='background:{_COLOURS[i.lane]}'>"
        f"{i.lane}</span></td><td><a href='#{_anchor(i.article, i.sentence)}'>{_e(i.text)}</a></td>"
        f"<td>{_e(i.about)}</td><td class=said>«{_e(i.said)}»</td></tr>" for i in items)
    chart = _figure_html(fig, "timeline") if dated else "<p class=none>No dated facts.</p>"
    return (f"<section id=timeline-section><h2>Timeline</h2><p class=note>Dates at their own value; roles, counts and "
            f"money at their article's date ({shown} items; {len(items) - len(dated)} undated ones are only in the "
            f"table). Click a point or a row for its sentence.</p>{chart}"
            f"<details><summary>Timeline as a table</summary><table><tr><th>when</th><th>what</th><th>fact</th>"
            f"<th>who / organisations</th><th>said as</th></tr>{rows}</table></details></section>")


def _by_day(items: list[Item]) -> dict[str, list[Item]]:
    """Items of one lane grouped by day: one point each, however many things that day holds."""
    days: dict[str, list[Item]] = defaultdict(list)
    for i in items:
        days[i.when].append(i)
    return days


def _hover(same_day: list[Item]) -> str:
    """What one point holds: each item in bold, with its sentence (the first few of a busy day)."""
    lines = [same_day[0].when]
    for item in same_day[:6]:
        sentence = item.sentence if len(item.sentence) <= 140 else item.sentence[:137] + "…"
        about = f" — {_e(item.about)}" if item.about else ""
        lines += [f"<b>{_e(item.text)}</b>{about}", *(f"<i>{line}</i>" for line in _wrap(_e(sentence), 70))]
    if len(same_day) > 6:
        lines.append(f"… and {len(same_day) - 6} more (see the table)")
    return "<br>".join(lines)


def _wrap(text: str, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + len(word) > width:
            lines.append(line)
            line = ""
        line = f"{line} {word}".strip()
    return lines + [line]


def _graph_section(go: Any, nx: Any, around: list[dict[str, Any]], entity: dict[str, Any] | None) -> str:
    """People, organisations and places linked by the sentences they share, laid out by force."""
    graph = nx.Graph()
    sentences = {f["id"]: {(s["article"], m["sentence"]) for s in f["sources"] for m in s["mentions"]} for f in around}
    for i, a in enumerate(around):
        for b in around[i + 1:]:
            shared = len(sentences[a["id"]] & sentences[b["id"]])
            if shared:
                graph.add_edge(a["id"], b["id"], weight=shared)
    around = [f for f in around if f["id"] in graph]
    if not around:
        return ("<section id=graph-section><h2>Who appears with whom</h2>"
                "<p class=none>No two entities are said in one sentence.</p></section>")
    pos, centre = _layout(nx, graph)
    fig = go.Figure()
    for a, b, data in graph.edges(data=True):
        fig.add_trace(go.Scatter(x=[pos[a][0], pos[b][0]], y=[pos[a][1], pos[b][1]], mode="lines",
                                 line=dict(width=min(1 + data["weight"], 6), color="#c8ccd2"),
                                 hoverinfo="skip", showlegend=False))
    for kind in NAMED_KINDS:
        mine = [f for f in around if f["kind"] == kind]
        if mine:
            fig.add_trace(go.Scatter(
                x=[pos[f["id"]][0] for f in mine], y=[pos[f["id"]][1] for f in mine], mode="markers+text",
                name=kind, text=[_short(label(f)) for f in mine],
                textposition=["top center" if pos[f["id"]][1] >= centre[f["id"]] else "bottom center" for f in mine],
                marker=dict(size=[12 + 5 * math.sqrt(len(f["sources"])) + (10 if entity and f["id"] == entity["id"] else 0)
                                  for f in mine], color=_COLOURS[kind], line=dict(width=1, color="white")),
                customdata=[f"e-{f['id']}" for f in mine],
                hovertext=[f"<b>{_e(label(f))}</b><br>{kind}, {len(f['sources'])} article(s)" for f in mine],
                hoverinfo="text"))
    xs = [x for x, _ in pos.values()]
    fig.update_layout(height=680, xaxis=dict(visible=False, range=[min(xs) - 0.3, max(xs) + 0.3]), yaxis=dict(visible=False),
                      legend=dict(orientation="h", y=1.05), hovermode="closest")
    note = ("around " + _e(label(entity)) if entity else f"among the {GRAPH_SIZE} found in most articles")
    return (f"<section id=graph-section><h2>Who appears with whom</h2><p class=note>People, organisations and places "
            f"{note}; a line joins two said in one sentence (thicker: more sentences; "
            "those said with none of the others are left out). Click a name for its card."
            f"</p>{_figure_html(fig, 'graph')}</section>")


def _layout(nx: Any, graph: Any) -> tuple[dict[str, tuple[float, float]], dict[str, float]]:
    """Each connected group laid out by force on its own: the biggest fills the left, the others
    stand small in columns on the right, so one far-off pair does not squash the rest into a dot.
    Also the height of each node's group centre: labels go above the nodes over it, below the rest.

    Example: two pairs and a triangle → the triangle at the left, the pairs stacked on the right.
    """
    groups = sorted(nx.connected_components(graph), key=lambda g: (-len(g), sorted(g)))
    pos: dict[str, tuple[float, float]] = {}
    centre: dict[str, float] = {}
    for i, nodes in enumerate(groups):
        spread = nx.spring_layout(graph.subgraph(nodes), seed=7, weight=None, k=2.4 / math.sqrt(len(nodes)),
                                  iterations=300)
        x0, y0, scale = (0.0, 0.0, 1.0) if i == 0 else (1.45 + 0.45 * ((i - 1) // 5), 0.9 - 0.45 * ((i - 1) % 5), 0.15)
        pos.update((n, (x0 + scale * x, y0 + scale * y)) for n, (x, y) in spread.items())
        middle = sum(pos[n][1] for n in nodes) / len(nodes)
        centre.update((n, middle) for n in nodes)
    return pos, centre


def _short(text: str, width: int = 32) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _figures_section(go: Any, figures: Figures) -> str:
    """Bars by region, one colour per year: how many counts were reported, and the money."""
    colours = _year_colours(figures)
    parts = [_bars(go, "counts", {k: float(n) for k, n in figures.counts.items()},
                   {k: "<br>".join(map(_e, v)) for k, v in figures.examples.items()},
                   "Counts reported", colours, lambda v: f"{v:.0f} count(s)")]
    for currency, sums in sorted(figures.money.items()):
        parts.append(_bars(go, f"money-{currency}", sums, {}, f"Money, {currency}", colours,
                           lambda v, c=currency: f"{v:,.0f} {c}".replace(",", "\u202f")))
    return ("<section id=figures-section><h2>Counts and money by region and year</h2><p class=note>Each figure counts "
            f"under every region its sentence names, or under «{NO_REGION}», in each year an article reports it. "
            "Hover a bar for what it holds.</p>"
            + "".join(parts) + "</section>")


def _year_colours(figures: Figures) -> dict[str, str]:
    """One colour per year in every chart, older darker (viridis), undated in grey, so 2024
    looks the same in each chart."""
    from plotly.colors import sample_colorscale

    years = sorted({y for _, y in figures.counts} | {y for sums in figures.money.values() for _, y in sums} - {UNDATED})
    shades = sample_colorscale("Viridis", [i / max(len(years) - 1, 1) * 0.9 for i in range(len(years))])
    return {**dict(zip(years, shades)), UNDATED: "#b8bcc2"}


def _bars(go: Any, div_id: str, values: dict[tuple[str, str], float], details: dict[tuple[str, str], str],
          axis: str, colours: dict[str, str], amount: Any) -> str:
    """Horizontal bars, one per region, stacked by year; `amount` formats a value for the hover."""
    if not values:
        return f"<p class=none>No {axis.lower()}.</p>"
    regions, values = _fold_regions(values)
    fig = go.Figure()
    for year in sorted({y for _, y in values}):
        fig.add_trace(go.Bar(
            name=year, y=regions, x=[values.get((r, year), 0) for r in regions], orientation="h",
            marker_color=colours[year], hoverinfo="text",
            hovertext=[f"<b>{_e(r)}</b>, {year}: {amount(values.get((r, year), 0))}"
                       + (f"<br>{details[r, year]}" if (r, year) in details else "") for r in regions]))
    fig.update_layout(barmode="stack", height=110 + 28 * len(regions), xaxis=dict(title=axis),
                      yaxis=dict(autorange="reversed", automargin=True),
                      legend=dict(title="year", traceorder="normal"))
    return f"<h3>{_e(axis)}</h3>" + _figure_html(fig, div_id)


def _fold_regions(values: dict[tuple[str, str], float]) -> tuple[list[str], dict[tuple[str, str], float]]:
    """The REGIONS_SHOWN regions with most, largest first, then the rest summed as «N other
    regions», then NO_REGION: a chart stays readable with a hundred regions."""
    totals: dict[str, float] = defaultdict(float)
    for (region, _), v in values.items():
        totals[region] += v
    named = sorted((r for r in totals if r != NO_REGION), key=lambda r: (-totals[r], r))
    rest = set(named[REGIONS_SHOWN:]) if len(named) > REGIONS_SHOWN + 1 else set()
    other = f"{len(rest)} other regions"
    folded: dict[tuple[str, str], float] = defaultdict(float)
    for (region, year), v in values.items():
        folded[other if region in rest else region, year] += v
    order = [r for r in named if r not in rest] + ([other] if rest else []) + ([NO_REGION] if NO_REGION in totals else [])
    return order, folded


def _entities_section(around: list[dict[str, Any]], articles: dict[str, dict[str, Any]]) -> str:
    cards = []
    for f in around:
        aliases = ", ".join(f.get("aliases", [])[:6])
        roles = "".join(f"<li>{_e(r['position'])}{' — ' + _e(r['organization']) if r.get('organization') else ''}</li>"
                        for r in f.get("roles", [])[:6])
        said = "".join(
            f"<li><a href='#{_anchor(s['article'], s['mentions'][0]['sentence'])}'>«{_e(s['mentions'][0]['text'])}»</a> "
            f"<span class=when>{_e(_published(articles, s['article']) or UNDATED)}</span></li>" for s in f["sources"][:4])
        cards.append(f"<div class=card id='e-{_e(f['id'])}'><h4 style='border-color:{_COLOURS[f['kind']]}'>"
                     f"{_e(label(f))}</h4><div class=kind>{f['kind']} · {len(f['sources'])} article(s)</div>"
                     + (f"<div class=aliases>also {_e(aliases)}</div>" if aliases else "")
                     + (f"<ul class=roles>{roles}</ul>" if roles else "") + f"<ul>{said}</ul></div>")
    return f"<section id=entities-section><h2>Entities</h2><div class=cards>{''.join(cards)}</div></section>"


def _sources_section(items: list[Item], around: list[dict[str, Any]], articles: dict[str, dict[str, Any]]) -> str:
    """Every sentence the page links to, under its article (title, date, source, file)."""
    cited: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for i in items:
        cited[i.article][i.sentence].add(i.said)
    for f in around:
        for s in f["sources"][:4]:
            cited[s["article"]][s["mentions"][0]["sentence"]].add(s["mentions"][0]["text"])
    blocks = []
    for article in sorted(cited, key=lambda a: _published(articles, a), reverse=True):
        a = articles.get(article) or {"id": article}
        link = f" · <a href='{_e(a['url'])}'>original</a>" if a.get("url") else ""
        sentences = "".join(f"<li id='{_anchor(article, s)}'>{_marked(s, said)}</li>" for s, said in cited[article].items())
        blocks.append(f"<div class=article id='a-{_e(article)}'><h4>{_e(a.get('title') or a.get('path') or article)}</h4>"
                      f"<div class=meta>{' · '.join(_e(x) for x in (a.get('published') or UNDATED, a.get('source')) if x)}"
                      f" · <code>{_e(a.get('path') or '')}</code>{link}</div><ul>{sentences}</ul></div>")
    return f"<section id=sources-section><h2>Sentences and articles</h2>{''.join(blocks)}</section>"


def _marked(sentence: str, said: set[str]) -> str:
    """The sentence with each thing said in it highlighted."""
    out = _e(sentence)
    for text in sorted(said, key=len, reverse=True):
        if text:
            out = out.replace(_e(text), f"<mark>{_e(text)}</mark>", 1)
    return out


def _summary(index: Index) -> str:
    counts = index.kind_counts()
    return " · ".join(f"{counts.get(k, 0)} {k}" for k in KINDS)


def _entity_summary(entity: dict[str, Any]) -> str:
    aliases = ", ".join(entity.get("aliases", [])[:8])
    return f"{entity['kind']} in {len(entity['sources'])} article(s)" + (f" · also {_e(aliases)}" if aliases else "")


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _page(title: str, summary: str, sections: list[str]) -> str:
    from plotly.offline import get_plotlyjs

    made = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return (f"<!DOCTYPE html><html lang=ru><head><meta charset=utf-8><title>clusterkb — {_e(title)}</title>"
            f"<meta name=viewport content='width=device-width, initial-scale=1'><style>{_CSS}</style>"
            f"<script>{get_plotlyjs()}</script></head><body><header><h1>{_e(title)}</h1>"
            f"<p>{summary}</p><p class=note>clusterkb report, {made}</p><nav><a href='#timeline-section'>Timeline</a>"
            "<a href='#graph-section'>Who appears with whom</a><a href='#figures-section'>Counts and money</a>"
            "<a href='#entities-section'>Entities</a><a href='#sources-section'>Sentences</a></nav></header>"
            f"<main>{''.join(sections)}</main></body></html>")


_CSS = """
body{font-family:"DejaVu Sans",Arial,sans-serif;margin:0;color:#222;background:#f6f7f9;font-size:14px}
header{background:#1f3b57;color:#fff;padding:18px 32px}header h1{margin:0 0 6px;font-size:24px}
header p{margin:2px 0}header .note{color:#c9d6e3}nav a{color:#fff;margin-right:18px;font-weight:bold}
main{max-width:1200px;margin:0 auto;padding:8px 24px 48px}
section{background:#fff;border-radius:8px;box-shadow:0 1px 3px #0002;margin:18px 0;padding:12px 20px}
h2{font-size:19px;margin:6px 0}h3{font-size:15px;margin:14px 0 0}.note{color:#666;margin:4px 0 8px}
.none{color:#888;font-style:italic}table{border-collapse:collapse;width:100%;margin-top:8px}
td,th{border-bottom:1px solid #e5e7eb;padding:4px 6px;text-align:left;vertical-align:top}
.tag{color:#fff;border-radius:4px;padding:1px 6px;font-size:12px}.when{white-space:nowrap;color:#555}
.said{color:#555}.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:12px}
.card{border:1px solid #e5e7eb;border-radius:6px;padding:8px 10px}.card h4{margin:0;border-left:5px solid;padding-left:6px}
.card ul{margin:4px 0;padding-left:18px}.kind,.aliases{color:#666;font-size:12px}
.article{border-top:1px solid #e5e7eb;padding:6px 0}.article h4{margin:4px 0}.meta{color:#666;font-size:12px}
mark{background:#ffe08a}:target{background:#fff3c4}a{color:#1f5fa0}summary{cursor:pointer;margin-top:8px}
"""
