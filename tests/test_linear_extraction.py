"""What keeps extraction linear in article size: the time budget, the span coverage index and
the indexed grouping of organisations, which must join exactly the mentions that comparing
every pair joins."""
from __future__ import annotations

import copy
import signal
import threading
import time
from pathlib import Path

import pytest

from clusterkb.read.articles import article_from_text
from clusterkb.budget import OutOfTime, time_budget
from clusterkb.extract.document import make_document
from clusterkb.extract.organisations import (OrgMention, _attach_bare_federal_forms, _attach_bare_heads,
                                             _attach_lone_abbreviations, _attach_own_region_bodies, _group, _keys,
                                             _read, _same_body, with_rule_organisations)
from clusterkb.extract.spans import ORG, Coverage, find_spans
from clusterkb.unionfind import UnionFind

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "raw"
OURS = ("Ассоциация кластеров, технопарков и ОЭЗ России (АКИТ) провела форум. АКИТ РФ поможет региону. "
        "Эксперты Ассоциации подготовят документы. Индустриальный парк «ТехноПласт» принял резидентов; "
        "в «ТехноПласте» работают 12 компаний. Фонд развития промышленности Омской области и ФРП "
        "выдали займы. Минпромторг России и Министерство промышленности и торговли РФ одобрили заявки.\n")


def test_the_budget_stops_a_busy_block_and_puts_the_old_handler_back():
    before = signal.getsignal(signal.SIGALRM)
    start = time.monotonic()
    with pytest.raises(OutOfTime, match="0.2 s"):
        with time_budget(0.2):
            while True:
                pass
    assert time.monotonic() - start < 5
    assert signal.getsignal(signal.SIGALRM) == before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_no_budget_means_no_timer_and_a_thread_runs_unbudgeted():
    with time_budget(0):
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    done = []

    def work():
        with time_budget(0.01):
            time.sleep(0.05)
        done.append(True)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert done == [True]


def test_coverage_answers_as_a_pass_over_the_spans_would():
    ranges = [(0, 5), (3, 9), (12, 12), (20, 25), (24, 30), (40, 41)]
    coverage = Coverage(ranges)
    for offset in range(-2, 45):
        assert coverage.covers(offset) == any(a <= offset < b for a, b in ranges), offset
        for end in range(offset + 1, offset + 6):
            assert coverage.overlaps(offset, end) == any(a < end and offset < b for a, b in ranges), (offset, end)


def _partition(groups, orgs) -> set[frozenset[int]]:
    where = {id(o): i for i, o in enumerate(orgs)}
    return {frozenset(where[id(o)] for o in g) for g in groups}


def _all_pairs(orgs) -> set[frozenset[int]]:
    """The grouping as it was: every pair of mentions compared."""
    union = UnionFind(range(len(orgs)))
    keys = [_keys(o) for o in orgs]
    for i in range(len(orgs)):
        for j in range(i):
            if keys[i] & keys[j] or _same_body(orgs[i], orgs[j]):
                union.join(i, j)
    _attach_bare_heads(orgs, union)
    _attach_own_region_bodies(orgs, union)
    _attach_lone_abbreviations(orgs, union)
    _attach_bare_federal_forms(orgs, union)
    return _partition([[orgs[i] for i in g] for g in union.groups().values()], orgs)


def test_indexed_grouping_joins_what_comparing_all_pairs_joins():
    text = OURS + "\n".join(p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt")))
    doc = make_document(article_from_text(text, "all.txt"))
    orgs = [o for s in with_rule_organisations(doc, find_spans(doc)) if s.type == ORG and (o := _read(doc, s, {}))]
    assert len(orgs) > 40
    said = orgs[0].mentions  # two namings only most of their words make one (not their first three)
    orgs += [OrgMention("Союз производителей станков и инструмента", [], said),
             OrgMention("Союз станков производителей и инструмента", [], said)]
    reference = copy.deepcopy(orgs)
    assert _partition(_group(orgs), orgs) == _all_pairs(reference)
