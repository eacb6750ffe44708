"""The store resolves incrementally (new facts joined to stored entities, removed ones taken
out) and must end where one-shot resolution of the same articles ends, whatever the order, the
batching and the removals — and the `beside` table its triggers keep must be the one made afresh
from the items. Articles are drawn from a small vocabulary of our own that hits every
path: shared and lone surnames, initials, patronymics, bodies of two regions, a park and the
company of its name, a renamed body, a place and a zone of one name, a ministry's compound short name,
aliases, places in two scripts, numbers with and without places."""
from __future__ import annotations

import json
import tempfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clusterkb.model import Fact, Mention, kb_fact_to_json
from clusterkb.resolve import ArticleFacts, merge
from clusterkb.resolve.incremental import resolve, touch
from clusterkb.resolve.judgements import ANY_ARTICLE, MERGE, SPLIT, Judgement, Judgements
from clusterkb.lang.normalize import fold
from clusterkb.store import Store
from clusterkb.store.schema import BESIDE_PAIRS

PEOPLE = [("Виталий Хоценко", None), ("Vitaly Khotsenko", None), ("Хоценко", None), ("В. Хоценко", None),
          ("Андрей Хоценко", None), ("Иван Сидоров", "Петрович"), ("Иван Сидоров", "Ильич"), ("Сидоров", None),
          ("Михаил Лабудин", None), ("Mikhail Labudin", None)]
ORGS = [("Фонд развития промышленности", ["ФРП"]), ("Фонд развития промышленности Омской области", ["ФРП"]),
        ("ФРП", []), ("Минпромторг России", []), ("Министерство промышленности и торговли РФ", []),
        ("Ассоциация кластеров и технопарков", ["АКИТ"]), ("АКИТ РФ", []), ("Правительство Омской области", []),
        ("Правительство Тюменской области", []), ("Индустриальный парк «Северный луч»", ["Северный луч"]),
        ("АО «Северный луч»", ["Северный луч"]), ("Северный луч", []),
        ("Ассоциация кластеров, технопарков и ОЭЗ России", []), ("Особая экономическая зона «Липецк»", ["Липецк"]),
        ("Мининвест Подмосковья", []), ("министерство инвестиций и науки Московской области", [])]
PLACES = [("Омская область", []), ("Omsk Region", []), ("Тюменская область", []), ("Россия", ["РФ"]), ("Липецк", [])]
COUNTS = [(15, "кластер"), (16, "кластер"), (15, "парк")]

fact_choice = st.one_of(
    st.tuples(st.just("person"), st.sampled_from(PEOPLE)),
    st.tuples(st.just("organization"), st.sampled_from(ORGS)),
    st.tuples(st.just("location"), st.sampled_from(PLACES)),
    st.tuples(st.just("count"), st.tuples(st.sampled_from(COUNTS), st.lists(st.sampled_from(PLACES), max_size=1))))
articles_st = st.lists(st.lists(fact_choice, min_size=1, max_size=5, unique_by=lambda f: str(f)), min_size=1, max_size=7)


def build(spec: list, one_sentence: bool = False) -> list[Fact]:
    """One article's facts from a drawn spec (a count's places are also the article's places),
    each said in a sentence of its own or all in one."""
    facts = []
    for kind, what in spec:
        if kind == "person":
            name, middle = what
            *first, last = name.split()
            facts.append(Fact("person", {"name": name, "first": first[0] if first else None, "middle": middle,
                                         "last": last, "position": None, "organization": None, "roles": []}))
        elif kind in ("organization", "location"):
            facts.append(Fact(kind, {"name": what[0], "aliases": list(what[1])}))
        else:
            (value, unit), places = what
            facts.append(Fact("count", {"value": value, "unit": unit, "head": unit, "approximate": False,
                                        "context": {"organizations": [], "locations": [p for p, _ in places]}}))
            facts += [Fact("location", {"name": p, "aliases": list(a)}) for p, a in places
                      if not any(f.kind == "location" and f.attrs["name"] == p for f in facts)]
    said = [f.attrs.get("name") or str(f.attrs.get("value")) for f in facts]
    for f, text in zip(facts, said):
        f.mentions = [Mention(0, len(text), text, " ".join(said) if one_sentence else text)]
    return facts


def json_facts(facts: list[Fact]) -> list[dict]:
    return [{"kind": f.kind, **f.attrs, "mentions": [{"start": m.start, "end": m.end, "text": m.text,
                                                       "sentence": m.sentence} for m in f.mentions]} for f in facts]


def stored(articles: list[tuple[str, list[Fact]]], order: list[int], batch: int, drop: set[int],
           judgements: list[Judgement] = (), judged_first: bool = True) -> list[dict]:
    """The store's facts after adding the articles in `order`, resolving every `batch`, then
    removing `drop`; the judgements are kept before the first article or after the last."""
    with tempfile.TemporaryDirectory() as tmp:
        writer = Store(tmp).writer()
        for j in judgements if judged_first else ():
            writer.add_judgement(j.to_json())
        for i, k in enumerate(order, 1):
            name, facts = articles[k]
            writer.add_article({"id": name, "path": f"/news/{name}.txt", "published": None}, json_facts(facts),
                               None)
            if i % batch == 0:
                resolve(writer)
        resolve(writer)
        for j in judgements if not judged_first else ():
            writer.add_judgement(j.to_json())
            touch(writer.db, j)
            resolve(writer)
        for k in sorted(drop):
            writer.remove_article(articles[k][0])
        resolve(writer)
        assert sorted(writer.db.execute("SELECT * FROM beside")) == \
            sorted(writer.db.execute(BESIDE_PAIRS.format(where="a.entity IS NOT NULL")))  # kept = made afresh
        writer.close()
        index = Store(tmp).index()
        out = list(index.facts())
        index.close()
        return out


def batch_result(articles: list[tuple[str, list[Fact]]], drop: set[int], judgements: list[Judgement] = ()) -> list[dict]:
    kept = [ArticleFacts(name, f"/news/{name}.txt", None, facts) for k, (name, facts) in enumerate(articles)
            if k not in drop]
    return sorted((kb_fact_to_json(f) for f in merge(kept, Judgements(judgements))), key=lambda f: (f["kind"], f["id"]))


def drawn_judgements(data, articles: list[tuple[str, list[Fact]]]) -> list[Judgement]:
    """Up to three random merges and splits between named facts of the articles, some anchored
    to a name in any article; contradictions included (the rule must settle them the same way)."""
    anchors = sorted({(f.kind, name, fold(f.attrs["name"])) for name, facts in articles for f in facts
                      if f.kind in ("person", "organization", "location")})
    if len(anchors) < 2:
        return []
    out = []
    for n in range(1, data.draw(st.integers(0, 3)) + 1):
        kind, article, name = data.draw(st.sampled_from(anchors))
        others = [a for a in anchors if a[0] == kind and a[1:] != (article, name)]
        if not others:
            continue
        other = data.draw(st.sampled_from(others))
        verb = data.draw(st.sampled_from([MERGE, SPLIT]))
        first = (ANY_ARTICLE if verb == SPLIT and data.draw(st.booleans()) else article, name)
        out.append(Judgement(n, verb, kind, (frozenset([first]), frozenset([other[1:]])), ("a", "b"), made="2026-12-02"))
    return out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(specs=articles_st, data=st.data())
def test_incremental_resolution_ends_where_one_shot_resolution_ends(specs, data):
    articles = [(f"{k:04x}", build(spec, one_sentence=k % 2 == 0)) for k, spec in enumerate(specs)]
    order = data.draw(st.permutations(range(len(articles))))
    batch = data.draw(st.integers(1, 3))
    drop = set(data.draw(st.lists(st.sampled_from(range(len(articles))), max_size=2)))
    judgements = drawn_judgements(data, articles)
    judged_first = data.draw(st.booleans())
    assert json.dumps(stored(articles, order, batch, drop, judgements, judged_first), ensure_ascii=False,
                      sort_keys=True) == json.dumps(batch_result(articles, drop, judgements), ensure_ascii=False,
                                                    sort_keys=True)


def test_an_article_reaching_two_entities_one_judgement_ties_ends_where_one_shot_resolution_ends():
    """Two bodies a split names (so their entities share its key) and a later article naming
    both: its facts reach each entity in a component of its own, and the first regrouping takes
    both entities; the second component must look its entities up again."""
    specs = [[("person", ("Виталий Хоценко", None))], [("organization", ("Фонд развития промышленности", ["ФРП"]))],
             [("organization", ("Минпромторг России", [])), ("location", ("Омская область", []))],
             [("organization", ("Фонд развития промышленности", ["ФРП"])), ("organization", ("Минпромторг России", []))]]
    articles = [(f"{k:04x}", build(spec)) for k, spec in enumerate(specs)]
    split = Judgement(1, SPLIT, "organization", (frozenset([("0001", "фонд развития промышленности")]),
                                                 frozenset([("0002", "минпромторг россии")])), ("a", "b"))
    assert stored(articles, [0, 1, 2, 3], 1, set(), [split]) == batch_result(articles, set(), [split])
