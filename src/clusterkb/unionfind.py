"""The one union-find of the project: which things are one, joined pair by pair.

Extraction joins an article's mentions into organisations with it, resolution joins facts
into entities and the incremental resolver joins new facts to stored entities. It sits beside
the records (model level) so that every layer may import it.

>>> u = UnionFind()
>>> u.join("b", "a"), u.join("c", "b")
('a', 'a')
>>> u.find("c"), list(u.groups().values())
('a', [['b', 'a', 'c']])
"""
from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Generic, TypeVar

T = TypeVar("T", bound=Hashable)


class UnionFind(Generic[T]):
    """Disjoint sets over hashable elements, each new element a set of its own. Joining keeps
    the smaller element (by `<`, when the two compare) as the root, so a group's root does not
    depend on the order joins come in."""

    def __init__(self, elements: Iterable[T] = ()):
        self.parent: dict[T, T] = {}
        for x in elements:
            self.add(x)

    def add(self, x: T) -> None:
        self.parent.setdefault(x, x)

    def find(self, x: T) -> T:
        self.add(x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def join(self, x: T, y: T) -> T:
        """Put x and y in one set; returns its root."""
        a, b = self.find(x), self.find(y)
        if a == b:
            return a
        try:
            a, b = (a, b) if a < b else (b, a)  # type: ignore[operator]
        except TypeError:
            pass
        self.parent[b] = a
        return a

    def groups(self) -> dict[T, list[T]]:
        """Root → its elements, in the order they were added."""
        out: dict[T, list[T]] = {}
        for x in self.parent:
            out.setdefault(self.find(x), []).append(x)
        return out
