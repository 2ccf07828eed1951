"""`sporax run SCRIPT.py|NOTEBOOK.ipynb [args]`: run unmodified MindSpore code on sporax.

The script runs as `python SCRIPT.py args` would run it: as module `__main__` with its
`__file__`, `sys.argv == [SCRIPT, *args]`, and the script's folder first on `sys.path`
(so a model-zoo layout, `train.py` beside a `src/` package, imports as it does under
Python). An exception the script raises is printed with its full traceback, from the
script's frame down, and the exit status is 1, as Python's.

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
import os
import pathlib
import sys
import traceback
import types

_ALIAS = "mindspore"
# Frames of these files sit above the script's own in a traceback; Python shows none of its
# own start-up frames either.
_OWN_FILES = (str(pathlib.Path(__file__).resolve().parent), str(pathlib.Path(__file__).resolve().parents[1] / "cli.py"))


class ScriptNotFound(ValueError):
    """The script to run does not exist (a command-line error: one line, exit status 2)."""


class _AliasLoader(importlib.abc.Loader):
    """Loads `mindspore.x` as the already imported `sporax.x`, leaving that module as it was.

    The import system stamps the alias's spec on whatever `create_module` returns; left there,
    `sporax.x.__spec__.parent` would be 'mindspore' while `__package__` is 'sporax', and every
    relative import inside sporax would warn `__package__ != __spec__.parent` (a
    DeprecationWarning on Python 3.12+). `exec_module` puts sporax's own spec back.
    """

    def __init__(self, module):
        self.module = module
        self.own_spec = module.__spec__

    def create_module(self, spec):
        return self.module

    def exec_module(self, module):
        module.__spec__ = self.own_spec


class MindSporeAlias(importlib.abc.MetaPathFinder):
    """Finds `mindspore[.x]` as `sporax[.x]`."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname != _ALIAS and not fullname.startswith(_ALIAS + "."):
            return None
        target_name = "sporax" + fullname[len(_ALIAS):]
        try:
            module = importlib.import_module(target_name)
        except ModuleNotFoundError as error:
            if error.name is not None and error.name != target_name and not target_name.startswith(error.name + "."):
                raise  # a dependency of the sporax module is missing: say which
            raise ModuleNotFoundError(f"No module named '{fullname}': sporax has no '{target_name}'.",
                                      name=fullname) from None
        return importlib.util.spec_from_loader(fullname, _AliasLoader(module),
                                               is_package=hasattr(module, "__path__"))


def install() -> None:
    if not any(isinstance(f, MindSporeAlias) for f in sys.meta_path):
        sys.meta_path.insert(0, MindSporeAlias())


def _cell_code(source: str) -> str:
    return "\n".join(line for line in source.splitlines() if not line.lstrip().startswith(("%", "!")))


def run_notebook(path: str, namespace: dict) -> None:
    with open(path, encoding="utf-8") as f:
        notebook = json.load(f)
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


def _is_own_frame(filename: str) -> bool:
    """sporax's CLI and import hook, and the import machinery (Python hides its frames too)."""
    if filename.startswith("<frozen importlib"):
        return True
    filename = os.path.realpath(filename)
    return filename.startswith(_OWN_FILES[0] + os.sep) or filename == _OWN_FILES[1]


def _drop_own_frames(report: traceback.TracebackException) -> None:
    seen = set()
    while report is not None and id(report) not in seen:
        seen.add(id(report))
        report.stack = traceback.StackSummary.from_list([f for f in report.stack if not _is_own_frame(f.filename)])
        if report.__cause__ is not None:
            _drop_own_frames(report.__cause__)
        report = report.__context__


def print_script_error(error: BaseException, file=None) -> None:
    """The traceback Python prints for an uncaught exception, without sporax's own frames."""
    report = traceback.TracebackException(type(error), error, error.__traceback__)
    _drop_own_frames(report)
    print("".join(report.format()), end="", file=file or sys.stderr)


def check_script(script: str) -> None:
    """Python's refusal of a script it cannot open, as a one-line error."""
    if not os.path.isfile(script):
        reason = "Is a directory" if os.path.isdir(script) else "No such file or directory"
        raise ScriptNotFound(f"can't open file {os.path.abspath(script)!r}: [Errno 2] {reason}")


def run(script: str, args) -> None:
    """Run `script` as `__main__`; the script's exceptions propagate unchanged.

    `sys.argv`, `sys.path` and `sys.modules['__main__']` are restored afterwards, so that
    `run` can be called more than once in one process (tests do)."""
    check_script(script)
    install()
    main = types.ModuleType("__main__")
    main.__file__ = script
    main.__builtins__ = __builtins__
    saved = sys.argv, list(sys.path), sys.modules.get("__main__")
    sys.argv = [script] + list(args)
    sys.path.insert(0, os.path.dirname(os.path.realpath(script)))
    sys.modules["__main__"] = main
    try:
        if script.endswith(".ipynb"):
            run_notebook(script, main.__dict__)
        else:
            with open(script, "rb") as f:
                code = compile(f.read(), script, "exec")
            exec(code, main.__dict__)
    finally:
        sys.argv, sys.path[:] = saved[0], saved[1]
        if saved[2] is not None:
            sys.modules["__main__"] = saved[2]
