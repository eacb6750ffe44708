"""The store resolves incrementally (new facts joined to stored entities, removed ones taken
out) and must end where one-shot resolution of the same articles ends, whatever the order, the
batching and the removals — and the `beside` table its triggers keep must be the one made afresh
from the items. Articles are drawn from a small vocabulary of our own that hits every
path: shared and lone surnames, initials, patronymics, bodies of two regions, a park and the
company of its name, a renamed body, a place and a zone of one name, a ministry's compound short name,
aliases, places in two scripts, numbers with and without places. The analyst's judgements are
made before, among or after the articles, so judged entities also grow as they are."""
from __future__ import annotations

import json
import os
import tempfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clusterkb.model import Fact, Mention, kb_fact_to_json
from clusterkb.resolve import ArticleFacts, merge
from clusterkb.resolve.incremental import resolve, touch, withdraw
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
ROLES = [("директор", "Индустриальный парк «Северный луч»"), ("директор", "АО «Северный луч»"), ("губернатор", None)]

fact_choice = st.one_of(
    st.tuples(st.just("person"), st.one_of(st.sampled_from(PEOPLE), st.builds(lambda person, role: (*person, role),
                                                                                st.sampled_from(PEOPLE),
                                                                                st.sampled_from(ROLES)))),
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
            name, middle, *role = what
            *first, last = name.split()
            roles = [{"position": position, "organization": org} for position, org in role]
            facts.append(Fact("person", {"name": name, "first": first[0] if first else None, "middle": middle,
                                         "last": last, "position": role[0][0] if role else None,
                                         "organization": role[0][1] if role else None, "roles": roles}))
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
           judgements: list[Judgement] = (), judged_at: int = 0, withdrawn: set[int] = frozenset(),
           regrouped: set[int] | None = None) -> list[dict]:
    """The store's facts after adding the articles in `order`, resolving every `batch`, then
    withdrawing the judgements `withdrawn` and removing `drop`; the judgements are made once
    the first `judged_at` articles are in (0: kept before the first, as a store set aside
    carries them). `regrouped`, when given, gets the rows of the named entities there once the
    judgements were made that were grouped again (deleted, to be made anew) before the
    withdrawals. The entities'
    summaries, records and keys must end as a rebuild makes them of the same store."""
    with tempfile.TemporaryDirectory() as tmp:
        writer = Store(tmp).writer()
        for j in judgements if not judged_at else ():
            writer.add_judgement(j.to_json())
        for i, k in enumerate(order, 1):
            name, facts = articles[k]
            writer.add_article({"id": name, "path": f"/news/{name}.txt", "published": None}, json_facts(facts),
                               None)
            if i % batch == 0:
                resolve(writer)
            if i == judged_at:
                resolve(writer)
                for j in judgements:
                    writer.add_judgement(j.to_json())
                    touch(writer.db, j)
                    resolve(writer)
                watch_deletions(writer)
        resolve(writer)
        if regrouped is not None and judged_at:
            regrouped |= {n for (n,) in writer.db.execute("SELECT n FROM temp.gone")}
        for n in sorted(withdrawn):
            withdraw(writer, n)
        for k in sorted(drop):
            writer.remove_article(articles[k][0])
        resolve(writer)
        assert sorted(writer.db.execute("SELECT * FROM beside")) == \
            sorted(writer.db.execute(BESIDE_PAIRS.format(where="a.entity IS NOT NULL")))  # kept = made afresh
        grown = kept(writer)
        writer.close()
        index = Store(tmp).index()
        out = list(index.facts())
        index.close()
        writer = Store(tmp).writer()
        writer.reset()
        resolve(writer)
        assert kept(writer) == grown
        writer.close()
        return out


def watch_deletions(writer) -> None:
    """From now on, the row of every named entity deleted goes to temp.gone (a regrouping
    deletes the entities it groups again; an entity that grows as it is keeps its row)."""
    writer.db.execute("CREATE TEMP TABLE gone (n INTEGER)")
    writer.db.execute("CREATE TEMP TRIGGER watch AFTER DELETE ON main.entities WHEN OLD.vkey IS NULL "
                      "BEGIN INSERT INTO gone VALUES (OLD.n); END")


def kept(writer) -> dict[str, tuple]:
    """Each named entity's summary (its record's parts without their names, which are a first
    member's order when grouped) and keys, by id."""
    out = {}
    for n, ident, text in writer.db.execute("SELECT n, id, summary FROM entities WHERE vkey IS NULL"):
        summary = json.loads(text)
        if "judged" in summary:
            summary["judged"]["parts"] = sorted(summary["judged"]["parts"].values(), key=json.dumps)
        keys = sorted(k for (k,) in writer.db.execute("SELECT key FROM entity_keys WHERE entity = ?", (n,)))
        out[ident] = (summary, keys)
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


@settings(max_examples=int(os.environ.get("CLUSTERKB_EXAMPLES", 150)), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(specs=articles_st, data=st.data())
def test_incremental_resolution_ends_where_one_shot_resolution_ends(specs, data):
    """CLUSTERKB_EXAMPLES=2000 draws more cases than the suite's 150."""
    articles = [(f"{k:04x}", build(spec, one_sentence=k % 2 == 0)) for k, spec in enumerate(specs)]
    order = data.draw(st.permutations(range(len(articles))))
    batch = data.draw(st.integers(1, 3))
    drop = set(data.draw(st.lists(st.sampled_from(range(len(articles))), max_size=2)))
    judgements = drawn_judgements(data, articles)
    judged_at = data.draw(st.integers(0, len(articles)))
    assert json.dumps(stored(articles, order, batch, drop, judgements, judged_at), ensure_ascii=False,
                      sort_keys=True) == json.dumps(batch_result(articles, drop, judgements), ensure_ascii=False,
                                                    sort_keys=True)


@settings(max_examples=int(os.environ.get("CLUSTERKB_EXAMPLES", 150)), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(specs=st.lists(st.lists(fact_choice, min_size=1, max_size=5, unique_by=lambda f: str(f)), min_size=4,
                      max_size=10), data=st.data())
def test_judged_entities_growing_article_by_article_end_where_one_shot_resolution_ends(specs, data):
    """Judgements made early, then most articles one or two at a time: judged entities mostly
    grow as they are, and must end as one-shot resolution with the judgements ends."""
    articles = [(f"{k:04x}", build(spec)) for k, spec in enumerate(specs)]
    order = data.draw(st.permutations(range(len(articles))))
    judgements = drawn_judgements(data, articles)
    judged_at = data.draw(st.integers(1, 3))
    drop = set(data.draw(st.lists(st.sampled_from(range(len(articles))), max_size=1)))
    assert stored(articles, order, data.draw(st.integers(1, 2)), drop, judgements, judged_at) == \
        batch_result(articles, drop, judgements)


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


# judged entities that grow -----------------------------------------------------------------------

HUB = ("location", ("Омская область", []))
OTHER = ("location", ("Тюменская область", []))
LABUDIN = ("person", ("Михаил Лабудин", None))
PARK = ("organization", ("Индустриальный парк «Северный луч»", ["Северный луч"]))
CUT = ("organization", ("Северный луч", []))


def judged_hub(later: list[list], judgement: Judgement, withdrawn: set[int] = frozenset(),
               drop: set[int] = frozenset()) -> tuple[set[int], list[dict], list[dict]]:
    """Five articles naming the hub (one also «Северный луч» alone), one the other region, the
    judgement made, then the `later` articles one at a time; then the withdrawals and removals.
    Returns the rows of the entities grouped again by the later articles, the store's facts and
    one-shot resolution's."""
    specs = [[HUB, LABUDIN, PARK]] * 4 + [[HUB, CUT], [OTHER]] + later
    articles = [(f"{k:04x}", build(spec)) for k, spec in enumerate(specs)]
    regrouped: set[int] = set()
    facts = stored(articles, list(range(len(articles))), 1, set(drop), [judgement], 6, set(withdrawn), regrouped)
    kept_judgements = [] if judgement.id in withdrawn else [judgement]
    return regrouped, facts, batch_result(articles, set(drop), kept_judgements)


def anchor(article: int, name: str) -> frozenset:
    return frozenset({(f"{article:04x}" if article >= 0 else ANY_ARTICLE, fold(name))})


MERGED = Judgement(1, MERGE, "location", (anchor(0, "Омская область"), anchor(5, "Тюменская область")), ("a", "b"),
                   made="2026-12-02")
SPLIT_ARTICLE = Judgement(1, SPLIT, "location", (anchor(4, "Омская область"), anchor(0, "Омская область")),
                          ("the mentions in article 0004", "Омская область"), made="2026-12-02")
SPLIT_ALIAS = Judgement(1, SPLIT, "organization", (anchor(-1, "Северный луч"),
                                                   anchor(0, "Индустриальный парк «Северный луч»")),
                        ("the mentions named «Северный луч»", "Индустриальный парк «Северный луч»"), made="2026-12-02")


def test_a_merged_hub_grows_in_place_by_either_of_its_names_and_ends_as_one_shot_resolution():
    regrouped, facts, one_shot = judged_hub([[HUB, LABUDIN], [OTHER], [HUB, OTHER], [HUB]], MERGED)
    assert regrouped == set() and facts == one_shot
    (hub,) = [f for f in facts if f["kind"] == "location"]
    assert len(hub["sources"]) == 10 and any(r.startswith("judgement 1 (merge, 2026-12-02)") for r in hub["why"])


def test_a_hub_split_by_article_grows_its_rest_in_place_and_ends_as_one_shot_resolution():
    regrouped, facts, one_shot = judged_hub([[HUB], [HUB, LABUDIN], [HUB]], SPLIT_ARTICLE)
    assert regrouped == set() and facts == one_shot
    assert sorted(len(f["sources"]) for f in facts if f["name"] == "Омская область") == [1, 7]


def test_a_split_alias_said_again_is_grouped_again_and_the_rest_grows_in_place():
    regrouped, facts, one_shot = judged_hub([[PARK]], SPLIT_ALIAS)
    assert regrouped == set() and facts == one_shot
    regrouped, facts, one_shot = judged_hub([[PARK], [CUT]], SPLIT_ALIAS)
    assert regrouped and facts == one_shot
    assert {f["name"]: len(f["sources"]) for f in facts if "Северный луч" in f["name"]} == \
        {"Индустриальный парк «Северный луч»": 5, "Северный луч": 2}


def test_a_judged_hub_that_grew_ends_as_one_shot_resolution_when_withdrawn_or_its_anchor_forgotten():
    for withdrawn, drop in (({1}, set()), (set(), {0}), (set(), {5})):
        _, facts, one_shot = judged_hub([[HUB, LABUDIN], [OTHER], [HUB]], MERGED, withdrawn, drop)
        assert facts == one_shot
