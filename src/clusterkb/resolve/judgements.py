"""The analyst's word over the automatic grouping: «these two are one» (merge, must link) and
«these mentions are something else» (split, cannot link), kept as a judgement graph in the
manner of OpenSanctions' nomenklatura. Pure: judgements and a candidate grouping in, a grouping
out; `resolve.merge()` and `incremental.py` call the same `apply`, so both give one answer.

A judgement names its two sides by *anchors* that outlive re-extraction and id changes: an
anchor is (article id, folded name) — the article id is the hash of the article's content, the
name the fact's normal form — and matches that article's fact of that kind and name; an anchor
with no article («», folded name) matches the facts under that name in every article (a split
by alias: «ОЭЗ» is never this zone). Entity ids are not used: they change when a name does.

The rule, judgements taken in the order they were made:
- a split takes the facts of its first side out of any group that also holds its second side,
  into a group of their own; everything else in the group stays (a split beats an automatic
  merge);
- a merge then joins every group holding one of its sides with every group holding the other
  (so A = B and B = C make one entity), except where the join would put both sides of a split
  into one group.

Example: a merge of «Фонд развития промышленности» (a.txt) and «ФРП» (b.txt) is
Judgement(1, MERGE, "organization", (frozenset({("a…", "фонд развития промышленности")}),
frozenset({("b…", "фрп")}))); `apply` then joins the groups holding those two facts.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..lang.normalize import fold
from ..store.schema import KEY_PREFIX

MERGE, SPLIT = "merge", "split"
ANY_ARTICLE = ""

Anchor = tuple[str, str]   # (article id or ANY_ARTICLE, folded name)
Label = tuple[int, int]    # (judgement id, side 0 or 1)


class JudgementError(Exception):
    """A judgement that cannot be made or kept; the message says why and what to do."""


@dataclass(frozen=True)
class Judgement:
    """One analyst's judgement. `names` are what the sides were called when it was made (for
    listing and reasons); `entities` the ids they had then (for the record only)."""

    id: int
    verb: str
    kind: str
    sides: tuple[frozenset[Anchor], frozenset[Anchor]]
    names: tuple[str, str] = ("", "")
    entities: tuple[str, ...] = ()
    made: str = ""
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "verb": self.verb, "kind": self.kind, "names": list(self.names),
                "entities": list(self.entities), "made": self.made, "note": self.note,
                "sides": [sorted([list(a) for a in side]) for side in self.sides]}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Judgement:
        sides = tuple(frozenset((a, n) for a, n in side) for side in d["sides"])
        return cls(d["id"], d["verb"], d["kind"], sides, tuple(d.get("names") or ("", "")),
                   tuple(d.get("entities") or ()), d.get("made") or "", d.get("note") or "")


class Judgements:
    """The judgements in force, indexed by what they anchor.

    Example: Judgements([j]).labels(item) → {(1, 0)} for the fact of side 0 of judgement 1."""

    def __init__(self, judgements: Iterable[Judgement] = ()):
        self.all = sorted(judgements, key=lambda j: j.id)
        self.by_id = {j.id: j for j in self.all}
        self.splits = [j.id for j in self.all if j.verb == SPLIT]
        self._named: dict[tuple[str, str], list[tuple[Label, frozenset[Anchor]]]] = {}  # by (kind, name) anchored
        for j in self.all:
            for side, anchors in enumerate(j.sides):
                for name in sorted({name for _, name in anchors}):
                    self._named.setdefault((j.kind, name), []).append(((j.id, side), anchors))

    def __bool__(self) -> bool:
        return bool(self.all)

    def labels(self, item: Any) -> frozenset[Label]:
        """The sides of judgements a fact (a `resolve.Item`) is on."""
        if not self._named:
            return frozenset()
        name = fold(item.name)
        return frozenset(label for label, anchors in self._named.get((item.fact.kind, name), ())
                         if (item.article, name) in anchors or (ANY_ARTICLE, name) in anchors)

    def keys(self, item: Any) -> set[str]:
        """The entity keys that tie together the entities one judgement touches: «judgement:3»
        for a fact on a side of judgement 3."""
        return {f"{KEY_PREFIX}{j}" for j, _ in self.labels(item)}

    def apply(self, groups: list[list[Any]]) -> list[list[Any]]:
        """The grouping with every judgement applied (see the module's docstring); groups come
        back with their members in `order` and ordered by their first member."""
        if not self._named:
            return groups
        labels = {item.order: self.labels(item) for group in groups for item in group}
        for j in self.splits:
            groups = [part for group in groups for part in _split(group, j, labels)]
        return _merged(groups, [j for j in self.all if j.verb == MERGE], set(self.splits), labels)

    def remainder(self, group: list[Any]) -> list[Any]:
        """The facts of an automatic group that a fact no judgement anchors stays with once the
        splits have cut the group (`apply` takes each split's side out and keeps the rest
        together): the whole group when no split cuts it.

        Example: a split of «ОЭЗ» out of [«ОЭЗ «Липецк»», «ОЭЗ»] → [«ОЭЗ «Липецк»»]."""
        labels = {item.order: self.labels(item) for item in group}
        for j in self.splits:
            group = _split(group, j, labels)[-1]
        return group

    def held(self, group: list[Any]) -> frozenset[Label]:
        """The sides of judgements the facts of a group are on."""
        return frozenset().union(*(self.labels(item) for item in group))

    def reasons(self, held: Iterable[Label]) -> list[str]:
        """Why the analyst's word shaped a group holding facts on these sides (`held`):
        «judgement 3 (merge, 2026-12-02): «A» and «B» are one — same fund»."""
        sides: dict[int, set[int]] = {}
        for j, side in held:
            sides.setdefault(j, set()).add(side)
        return [_reason(self.by_id[j], s) for j, s in sorted(sides.items()) if _shaped(self.by_id[j], s)]

    def conflict(self, new: Judgement, parts: list[list[Any]]) -> Judgement | None:
        """The judgement in force that `new` contradicts, given the facts of the entities it is
        about (`parts`: a merge's two entities, or a split's part taken out and the rest): a
        split keeping apart what the merge would join, or a merge joining what the split would
        part."""
        if new.verb == MERGE:
            found = set().union(*(self.labels(item) for part in parts for item in part))
            return next((j for j in self.all if j.verb == SPLIT and {(j.id, 0), (j.id, 1)} <= found), None)
        held = [{j for item in part for j, _ in self.labels(item)} for part in parts]
        return next((j for j in self.all if j.verb == MERGE and all(j.id in h for h in held)), None)


def _split(group: list[Any], j: int, labels: dict[str, frozenset[Label]]) -> list[list[Any]]:
    """A group holding both sides of split `j`: its side-0 facts apart, the rest together."""
    apart = [item for item in group if (j, 0) in labels[item.order]]
    rest = [item for item in group if (j, 0) not in labels[item.order]]
    if apart and any((j, 1) in labels[item.order] for item in rest):
        return [apart, rest]
    return [group]


def _merged(groups: list[list[Any]], merges: list[Judgement], splits: set[int],
            labels: dict[str, frozenset[Label]]) -> list[list[Any]]:
    """Groups joined by the merges, in order, each join refused where it would hold both sides
    of a split (a label set holding (s, 0) and (s, 1) for a split s)."""
    parent = list(range(len(groups)))
    held = [frozenset().union(*(labels[item.order] for item in group)) for group in groups]

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for m in merges:
        roots = sorted({find(i) for i, h in enumerate(held) if (m.id, 0) in h or (m.id, 1) in h})
        if not any((m.id, 0) in held[r] for r in roots) or not any((m.id, 1) in held[r] for r in roots):
            continue
        for r in roots[1:]:
            a, b = find(roots[0]), find(r)
            both = held[a] | held[b]
            if a != b and not any((s, 0) in both and (s, 1) in both for s in splits):
                a, b = sorted((a, b))
                parent[b] = a
                held[a] = both
    joined: dict[int, list[Any]] = {}
    for i, group in enumerate(groups):
        joined.setdefault(find(i), []).extend(group)
    out = [sorted(group, key=lambda item: item.order) for group in joined.values()]
    return sorted(out, key=lambda group: group[0].order)


def _shaped(j: Judgement, sides: set[int]) -> bool:
    """Whether judgement `j` shaped a group holding facts of these sides: a merge holding both,
    a split holding one."""
    return sides == {0, 1} if j.verb == MERGE else len(sides) == 1


def _reason(j: Judgement, sides: set[int]) -> str:
    said = f"judgement {j.id} ({j.verb}, {j.made[:10] or 'undated'})"
    note = f" — {j.note}" if j.note else ""
    if j.verb == MERGE:
        return f"{said}: «{j.names[0]}» and «{j.names[1]}» are one{note}"
    if sides == {0}:
        return f"{said}: {j.names[0]} taken out of «{j.names[1]}»{note}"
    return f"{said}: {j.names[0]} are kept apart from this entity{note}"


def anchors(items: Iterable[Any]) -> frozenset[Anchor]:
    """The anchors of these facts: (article id, folded name) each."""
    return frozenset((item.article, fold(item.name)) for item in items)


def merge_of(a: list[Any], b: list[Any], names: tuple[str, str], entities: tuple[str, str], made: str,
             note: str = "") -> Judgement:
    """The judgement that entities of members `a` and `b` are one (its id is given when stored)."""
    if anchors(a) & anchors(b):
        raise JudgementError(f"«{names[0]}» and «{names[1]}» are one entity already")
    if a[0].fact.kind != b[0].fact.kind:
        raise JudgementError(f"«{names[0]}» ({a[0].fact.kind}) and «{names[1]}» ({b[0].fact.kind}) are of two "
                             f"kinds: only entities of one kind can be merged")
    return Judgement(0, MERGE, a[0].fact.kind, (anchors(a), anchors(b)), names, entities, made, note)


def split_of(members: list[Any], name: str, entity: str, made: str, article: str | None = None,
             alias: str | None = None, note: str = "") -> tuple[Judgement, list[list[Any]]]:
    """The judgement taking an entity's facts in one `article` (or its facts named `alias`, in
    any article) apart from its other facts, with the two parts it makes."""
    if article is not None:
        apart = [item for item in members if item.article == article]
        side: frozenset[Anchor] = anchors(apart)
        what = f"mentions in article {article[:12]}"
    else:
        apart = [item for item in members if fold(item.name) == fold(alias or "")]
        side = frozenset({(ANY_ARTICLE, fold(alias or ""))})
        what = f"mentions named «{alias}»"
    rest = [item for item in members if item not in apart]
    if not apart:
        raise JudgementError(f"«{name}» has no {what}; `clusterkb show {name!r}` lists its mentions")
    if not rest:
        raise JudgementError(f"every mention of «{name}» is one of the {what}: nothing would be left")
    kind = members[0].fact.kind
    return Judgement(0, SPLIT, kind, (side, anchors(rest)), ("the " + what, name), (entity,), made, note), [apart, rest]
