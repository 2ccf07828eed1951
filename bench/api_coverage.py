"""How much of MindSpore 2.10's public operator surface sporax has, by name and signature.

Reads the inventory dumped from real MindSpore (`tools/mindspore_inventory.py` ->
`bench/data/mindspore_2_10_api.json`) and looks each name up at the same path under sporax
(`mindspore.ops.Add` -> `sporax.ops.Add`; `mindspore.Tensor.argmax` -> `sporax.Tensor.argmax`).

    python bench/api_coverage.py             # per-module table
    python bench/api_coverage.py --missing   # and the missing names, per module
    python bench/api_coverage.py --mismatch  # and the names whose parameters differ

A name is *present* when the attribute exists; it *matches* when its parameter names (in
order, constructor for classes) equal MindSpore's for one of MindSpore's overloads, or
MindSpore's signature is unknown. Ascend-only kernels excluded in the inventory (each with a
reason there) are not counted.
"""
from __future__ import annotations

import argparse
import importlib
import inspect
import json
import pathlib

INVENTORY = pathlib.Path(__file__).parent / "data" / "mindspore_2_10_api.json"


def sporax_owner(label: str):
    if label == "mindspore.Tensor":
        import sporax
        return sporax.Tensor
    return importlib.import_module("sporax" + label[len("mindspore"):])


def parameter_names(obj):
    try:
        signature = inspect.signature(obj)
    except (TypeError, ValueError):
        return None
    return [p.name for p in signature.parameters.values() if p.name != "self"]


def matches(obj, entry, owner_is_class: bool) -> bool:
    if entry.get("kind") in ("module", "object", "property") or entry.get("params") is None:
        return True
    ours = parameter_names(obj)
    if ours is None:
        return False
    if owner_is_class and ours and ours[0] == "self":
        ours = ours[1:]
    wanted = [entry["params"]] + entry.get("overloads", [])
    return any(ours == [p[0] for p in params] for params in wanted)


def _lookup(owner, name):
    try:
        return True, getattr(owner, name)
    except Exception:  # noqa: BLE001 - a lookup that raises counts as absent
        return False, None


def coverage(label: str, data: dict):
    try:
        owner = sporax_owner(label)
    except ImportError:
        owner = None
    present, matched, missing, mismatched = 0, 0, [], []
    for name, entry in sorted(data["names"].items()):
        found, obj = _lookup(owner, name) if owner is not None else (False, None)
        if not found:
            missing.append(name)
            continue
        present += 1
        if matches(obj, entry, label == "mindspore.Tensor"):
            matched += 1
        else:
            mismatched.append(name)
    return len(data["names"]), present, matched, missing, mismatched


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--missing", action="store_true", help="list the missing names per module")
    parser.add_argument("--mismatch", action="store_true", help="list names whose parameters differ")
    parser.add_argument("--inventory", default=str(INVENTORY))
    args = parser.parse_args(argv)
    inventory = json.loads(pathlib.Path(args.inventory).read_text())
    rows = []
    print(f"MindSpore {inventory['mindspore_version']} public names found at the same sporax path")
    print(f"{'module':42}{'total':>7}{'present':>9}{'%':>7}{'signature ok':>14}{'%':>7}{'excluded':>10}")
    for label, data in inventory["modules"].items():
        total, present, matched, missing, mismatched = coverage(label, data)
        rows.append((label, missing, mismatched))
        print(f"{label:42}{total:7}{present:9}{100 * present / total:6.1f}%{matched:14}"
              f"{100 * matched / total:6.1f}%{len(data['excluded']):10}")
    for label, missing, mismatched in rows:
        if args.missing and missing:
            print(f"\n{label}: {len(missing)} missing\n  " + " ".join(missing))
        if args.mismatch and mismatched:
            print(f"\n{label}: {len(mismatched)} with other parameter names\n  " + " ".join(mismatched))


if __name__ == "__main__":
    main()
