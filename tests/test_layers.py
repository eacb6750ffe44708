"""The import graph of `src/clusterkb`: no module imports one that imports it back, and imports
only point down the layers (late imports inside functions count too, so none can dodge a cycle).

Run it alone to see the graph: `python tests/test_layers.py` prints each module and what it
imports, then the cycles and the upward imports it finds (exit 1 when there are any).
"""
from __future__ import annotations

import ast
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "clusterkb"

# Bottom first; a module may import its own layer and the layers below it, never one above.
LAYERS = (
    ("base", ("model", "kinds", "version", "budget", "unionfind", "lang")),
    ("reading", ("read",)),
    ("extraction", ("extract", "engines", "dask_models")),
    ("store", ("store",)),
    ("resolution", ("resolve",)),
    ("pipeline", ("ingest",)),
    ("query", ("query",)),
    ("output", ("render", "report", "exports")),
    ("interface", ("cli", "api", "")),
)


def module_name(path: Path) -> str:
    """`…/clusterkb/read/metadata.py` → «clusterkb.read.metadata»; a package's `__init__.py` is
    the package («clusterkb.read»)."""
    parts = ["clusterkb", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported(node: ast.AST, package: str, modules: set[str]) -> set[str]:
    """The project modules one import statement names, from inside `package`
    («clusterkb.extract»): `from ..lang import nlp` → {«clusterkb.lang.nlp»} (a module),
    `from ..model import Fact` → {«clusterkb.model»} (a name in a module)."""
    if isinstance(node, ast.Import):
        return {a.name for a in node.names} & modules
    if not isinstance(node, ast.ImportFrom):
        return set()
    base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
    source = ".".join(base + ([node.module] if node.module else []))
    return {f"{source}.{a.name}" if f"{source}.{a.name}" in modules else source for a in node.names} & modules


def import_graph() -> dict[str, set[str]]:
    """Each module of the package → the project modules it imports anywhere in its text."""
    paths = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph = {}
    for name, path in paths.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        graph[name] = {m for node in ast.walk(tree) for m in _imported(node, package, set(paths))} - {name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every module that can reach itself again, with one such path: [a, b, a]."""
    found = []
    for start in sorted(graph):
        if path := _path_back(graph, start, start, set()):
            found.append([start, *path])
    return found


def _path_back(graph: dict[str, set[str]], start: str, node: str, seen: set[str]) -> list[str] | None:
    """A path of imports from `node` back to `start` through modules not in `seen`, or None."""
    for nxt in sorted(graph[node]):
        if nxt == start:
            return [start]
        if nxt not in seen:
            seen.add(nxt)
            if path := _path_back(graph, start, nxt, seen):
                return [nxt, *path]
    return None


def layer_of(module: str) -> int:
    """The index in LAYERS of a module's layer, by its first name («clusterkb.extract.dates» → 2)."""
    top = module.removeprefix("clusterkb").lstrip(".").split(".")[0]
    for index, (_, tops) in enumerate(LAYERS):
        if top in tops:
            return index
    raise LookupError(f"{module!r} is in no layer: add it to LAYERS in tests/test_layers.py")


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    """«clusterkb.read.articles → clusterkb.extract (reading imports extraction)» for each import
    that points up."""
    return [f"{m} → {d} ({LAYERS[layer_of(m)][0]} imports {LAYERS[layer_of(d)][0]})"
            for m in sorted(graph) for d in sorted(graph[m]) if layer_of(d) > layer_of(m)]


def test_the_graph_sees_relative_absolute_and_late_imports():
    graph = import_graph()
    assert "clusterkb.lang.nlp" in graph["clusterkb.extract"]       # `from ..lang import nlp`: a module
    assert "clusterkb.model" in graph["clusterkb.read.articles"]    # `from ..model import Article`: a name
    assert "clusterkb.api" in graph["clusterkb"]                    # a late import: `from .api import …`
    assert graph["clusterkb.lang.tables"] == set()                  # json, functools: not the project


def test_a_cycle_and_an_upward_import_are_found():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"], ["b", "c", "a", "b"],
                                                                        ["c", "a", "b", "c"]]
    assert upward_imports({"clusterkb.read.metadata": {"clusterkb.query"}, "clusterkb.query": set()}) == [
        "clusterkb.read.metadata → clusterkb.query (reading imports query)"]


def test_no_module_imports_one_that_imports_it_back():
    assert cycles(import_graph()) == []


def test_imports_only_point_down_the_layers():
    assert upward_imports(import_graph()) == []


def main() -> int:
    graph = import_graph()
    for module in sorted(graph, key=lambda m: (layer_of(m), m)):
        print(f"{module}: {' '.join(sorted(graph[module]))}")
    problems = [" → ".join(c) for c in cycles(graph)] + upward_imports(graph)
    print(*problems, sep="\n", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
