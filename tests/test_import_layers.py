"""The package's layers point one way and its modules import without cycles.

Layers, lowest first: context -> _runtime -> common -> ops -> nn -> train -> cli. A module
may import modules of its own layer or lower ones; function-local imports count, so a
cycle cannot hide inside a function. Leaf modules (imported from anywhere) import nothing
of sporax. A package's `__init__` re-exports are not edges (they do not order modules).
"""
import ast
import pathlib

SRC = pathlib.Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "sporax"

LAYERS = {"sporax.context": 0, "sporax._runtime": 1, "sporax.common": 2, "sporax.ops": 3, "sporax.nn": 4,
          "sporax.train": 5, "sporax.models": 5, "sporax._ps": 5, "sporax._cli": 6, "sporax.cli": 6}
LEAVES = {"sporax.errors", "sporax._validation", "sporax._parallel.layout"}


def _modules() -> dict[str, pathlib.Path]:
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(SRC).with_suffix("").parts
        modules[".".join(parts)] = path
    return modules


def _imports(name: str, path: pathlib.Path, modules, packages=False) -> set[str]:
    """The sporax modules `name` imports; with `packages`, imported packages too (by name)."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[:len(package) - node.level + 1] + ([node.module] if node.module else []))
            candidates = [base] + [f"{base}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        else:
            continue
        found.update(c for c in candidates if c in modules and c != name and not c.endswith("__init__"))
        if packages:
            found.update(c for c in candidates if f"{c}.__init__" in modules and not name.startswith(c + "."))
    return found


def _graph(packages=False):
    modules = _modules()
    return {name: _imports(name, path, modules, packages) for name, path in modules.items()
            if not name.endswith("__init__")}


def _layer(module: str):
    for prefix, rank in LAYERS.items():
        if module == prefix or module.startswith(prefix + "."):
            return rank
    return None


def _cycles(graph) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in list(graph):
        if v not in index:
            visit(v)
    return found


def test_no_import_cycles_in_the_package():
    assert _cycles(_graph()) == []


def test_the_cycle_finder_finds_a_planted_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_layers_only_import_their_own_or_lower_layers():
    upward = [(module, target) for module, targets in _graph(packages=True).items() for target in targets
              if _layer(module) is not None and _layer(target) is not None and _layer(target) > _layer(module)]
    assert upward == []


def test_leaf_modules_import_nothing_of_sporax():
    graph = _graph(packages=True)
    assert {leaf: graph[leaf] for leaf in LEAVES if graph[leaf]} == {}


def test_every_layer_exists():
    modules = _modules()
    assert all(any(m == prefix or m.startswith(prefix + ".") for m in modules) for prefix in LAYERS)
