"""The seed notebook's code cells and printed outputs."""
import json

from tests.conftest import ROOT

NOTEBOOK = ROOT.parent / "shared" / "seed" / "network-parameters.ipynb"


def cells():
    return json.loads(NOTEBOOK.read_text())["cells"]


def source(index: int) -> str:
    return "".join(cells()[index]["source"])


def printed(index: int) -> str:
    return "".join("".join(o.get("text", [])) for o in cells()[index].get("outputs", []))


def run_ported(index: int) -> dict:
    """Run a cell with `mindspore` imports served by sporax; returns its namespace."""
    code = source(index).replace("from mindspore", "from sporax").replace("import mindspore", "import sporax")
    namespace: dict = {}
    exec(compile(code, f"<seed cell {index}>", "exec"), namespace)
    return namespace
