"""`sporax run SCRIPT.py|NOTEBOOK.ipynb [args]`: run unmodified MindSpore code on sporax.

`import mindspore` (and every `mindspore.x.y`) is served by the sporax module at the same
path, through an import hook; nothing named `mindspore` is installed. A notebook's code
cells run in order in one namespace; a cell ending in an expression shows its value, as
Jupyter does. IPython magics (`%...`, `!...`) are skipped.
"""
from __future__ import annotations

import ast
import importlib
import importlib.abc
import importlib.util
import json
import runpy
import sys

_ALIAS = "mindspore"


class _Loader(importlib.abc.Loader):
    def __init__(self, module):
        self.module = module

    def create_module(self, spec):
        return self.module

    def exec_module(self, module):
        pass


class MindSporeAlias(importlib.abc.MetaPathFinder):
    """Finds `mindspore[.x]` as `sporax[.x]`."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname != _ALIAS and not fullname.startswith(_ALIAS + "."):
            return None
        target_name = "sporax" + fullname[len(_ALIAS):]
        try:
            module = importlib.import_module(target_name)
        except ModuleNotFoundError:
            raise ModuleNotFoundError(f"No module named '{fullname}': sporax has no '{target_name}'.",
                                      name=fullname) from None
        return importlib.util.spec_from_loader(fullname, _Loader(module))


def install() -> None:
    if not any(isinstance(f, MindSporeAlias) for f in sys.meta_path):
        sys.meta_path.insert(0, MindSporeAlias())


def _cell_code(source: str) -> str:
    return "\n".join(line for line in source.splitlines() if not line.lstrip().startswith(("%", "!")))


def run_notebook(path: str) -> None:
    with open(path, encoding="utf-8") as f:
        notebook = json.load(f)
    namespace = {"__name__": "__main__", "__file__": path}
    cells = [c for c in notebook.get("cells", []) if c.get("cell_type") == "code"]
    for number, cell in enumerate(cells, 1):
        source = _cell_code("".join(cell.get("source", [])))
        print(f"--- [{number}/{len(cells)}] ---", flush=True)
        tree = ast.parse(source, filename=f"<cell {number}>")
        last = tree.body[-1] if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        if last is not None:
            tree.body = tree.body[:-1]
        exec(compile(tree, f"<cell {number}>", "exec"), namespace)
        if last is not None:
            value = eval(compile(ast.Expression(last.value), f"<cell {number}>", "eval"), namespace)
            if value is not None:
                print(repr(value))


def run(script: str, args) -> None:
    install()
    sys.argv = [script] + list(args)
    if script.endswith(".ipynb"):
        run_notebook(script)
    else:
        runpy.run_path(script, run_name="__main__")
