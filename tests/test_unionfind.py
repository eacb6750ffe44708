"""The one union-find every layer uses: groups, and roots that do not depend on join order."""
import itertools

from clusterkb.unionfind import UnionFind


def test_joins_are_transitive_and_groups_keep_insertion_order():
    u = UnionFind(range(6))
    u.join(4, 2)
    u.join(2, 0)
    u.join(5, 3)
    assert u.find(4) == u.find(0) == 0
    assert list(u.groups().values()) == [[0, 2, 4], [1], [3, 5]]


def test_the_root_is_the_smallest_element_whatever_the_order_of_joins():
    pairs = [("c", "b"), ("b", "d"), ("a", "d")]
    for order in itertools.permutations(pairs):
        u: UnionFind[str] = UnionFind()
        for x, y in order:
            u.join(x, y)
        assert {u.find(x) for x in "abcd"} == {"a"}


def test_elements_that_do_not_compare_still_join():
    u: UnionFind[object] = UnionFind()
    u.join(1, "one")
    assert u.find(1) == u.find("one")
