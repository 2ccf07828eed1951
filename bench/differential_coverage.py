"""Which implemented MindSpore operator names have a differential case against MindSpore 2.10.

Issue 10 asks for at least one differential case per implemented name. For each operator
module of the inventory (`bench/data/mindspore_2_10_api.json`), this counts the names present
in sporax (as `bench/api_coverage.py` does) and, among them, those that some case of
`tests/data/differential_table*.py` or `differential_ranks*.py` calls, or passes as a framework
object (`F("numpy.int8")`).

    python bench/differential_coverage.py            # per-module table
    python bench/differential_coverage.py --missing  # and the present names without a case
"""
from __future__ import annotations

import argparse
import importlib
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "data"))
sys.path.insert(0, str(ROOT / "bench"))
from api_coverage import INVENTORY, _lookup, sporax_owner  # noqa: E402

MODULES = ("mindspore.ops", "mindspore.ops.operations", "mindspore.ops.composite", "mindspore.Tensor",
           "mindspore.numpy", "mindspore.mint", "mindspore.mint.nn", "mindspore.mint.nn.functional")
# a Primitive or composite name is called as `ops.X` as well as at its own path
ALSO_UNDER_OPS = ("mindspore.ops.operations", "mindspore.ops.composite")


def case_targets() -> set:
    """Every path a case calls or passes as an argument (`numpy.mgrid.__getitem__` counts as `numpy.mgrid`)."""
    targets = set()
    data = ROOT / "tests" / "data"
    # differential_ranks*.py: cases run on several processes at once (collectives), same Case form
    for table in sorted(data.glob("differential_table*.py")) + sorted(data.glob("differential_ranks*.py")):
        for case in importlib.import_module(table.stem).CASES:
            targets.add(case.target.removesuffix(".__getitem__"))
            pending = [case.args, case.kwargs, case.init or ()]
            while pending:
                item = pending.pop()
                if isinstance(item, tuple):
                    pending.extend(item)
                elif type(item).__name__ == "F":
                    targets.add(item.path)
    return targets


def paths_of(label: str, name: str) -> set:
    short = label[len("mindspore."):]
    paths = {f"{short}.{name}"}
    if label in ALSO_UNDER_OPS:
        paths.add(f"ops.{name}")
    return paths


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--missing", action="store_true", help="list the present names without a case")
    args = parser.parse_args(argv)
    inventory = json.loads(INVENTORY.read_text())["modules"]
    targets = case_targets()
    print(f"{'module':34}{'present':>9}{'with a case':>13}{'%':>8}")
    uncovered = {}
    for label in MODULES:
        owner = sporax_owner(label)
        present = [name for name in sorted(inventory[label]["names"]) if _lookup(owner, name)[0]]
        uncovered[label] = [name for name in present if not paths_of(label, name) & targets]
        covered = len(present) - len(uncovered[label])
        print(f"{label:34}{len(present):9}{covered:13}{100 * covered / len(present):7.1f}%")
    if args.missing:
        for label, names in uncovered.items():
            if names:
                print(f"\n{label}: {len(names)} without a case\n  " + " ".join(names))


if __name__ == "__main__":
    main()
