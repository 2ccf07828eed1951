"""Dump MindSpore's public API surface (names, kinds, signatures) to JSON.

Run by hand under real MindSpore 2.10 (never in CI; sporax does not depend on it):

    /work/msvenv/bin/python tools/mindspore_inventory.py bench/data/mindspore_2_10_api.json

For each module the public names are its unique `__all__` (or, for `mindspore.Tensor`, the
public attributes of the class). Each name records its kind (class, function, method,
property, module, object) and its parameters as `[name, kind, default]` triples, kind one of
`pos_only, pos, var_pos, kw_only, var_kw`, default the `repr` of the default or null. A class's
parameters are its constructor's. Tensor methods implemented in C++ have no Python signature;
their signatures come from the `name(args) -> ...` lines and `.. method:: Tensor.name(args)`
overloads of their docstrings, each overload kept in `overloads`.

Ascend-only names are excluded, each with its reason: a name is excluded only when its
docstring lists Ascend as the sole supported platform AND it is one of the NPU fused-kernel
families below (attention kernels, MoE routing, quantised matmuls, fused comm+matmul, ...).
Nothing else is excluded; names listed in `__all__` that do not resolve are recorded in
`unresolvable`, not counted.
"""
from __future__ import annotations

import ast
import inspect
import json
import re
import sys
import types

import mindspore
import mindspore.mint
import mindspore.mint.nn
import mindspore.mint.nn.functional
import mindspore.numpy
import mindspore.ops
import mindspore.ops.composite
import mindspore.ops.operations
import mindspore.nn
import mindspore.train
import mindspore.amp
import mindspore.communication
import mindspore.communication.comm_func
import mindspore.dataset
import mindspore.dataset.vision
import mindspore.dataset.transforms
import mindspore.experimental.optim
import mindspore.experimental.optim.lr_scheduler

# (pattern on the name, reason). Matched case-insensitively; applies only when the docstring
# says Ascend is the only supported platform (checked below).
NPU_KERNEL_FAMILIES = [
    (r"flash_?attention|fused_?infer_?attention|speed_fusion_attention|sparse_flash_attention|"
     r"ring_attention_update|lightning_indexer|nsa_(compress|select)",
     "Ascend fused attention kernel (no CPU/GPU kernel in MindSpore 2.10)"),
    (r"^moe_|^Moe", "Ascend MoE routing kernel (no CPU/GPU kernel in MindSpore 2.10)"),
    (r"quant", "Ascend quantised-matmul kernel (no CPU/GPU kernel in MindSpore 2.10)"),
    (r"grouped_?matmul", "Ascend grouped-matmul kernel (no CPU/GPU kernel in MindSpore 2.10)"),
    (r"all_gather_matmul|matmul_reduce_scatter|matmul_?all_?reduce",
     "Ascend fused communication+matmul kernel (HCCL only)"),
    (r"rotary_position_embedding|apply_rotary_pos_emb|ApplyRotaryPosEmb",
     "Ascend fused rotary-embedding kernel (no CPU/GPU kernel in MindSpore 2.10)"),
    (r"^(add_)?rms_norm$|^(Add)?RmsNorm$|^add_layer_norm$|^swiglu$",
     "Ascend fused normalisation/activation kernel (no CPU/GPU kernel in MindSpore 2.10)"),
    (r"multi_scale_deformable_attn|rotated_iou|^npu_",
     "Ascend custom vision kernel (no CPU/GPU kernel in MindSpore 2.10)"),
    (r"tensordump|TensorDump|DumpGradient",
     "Ascend device-side dump kernel (no CPU/GPU kernel in MindSpore 2.10)"),
    (r"^(MemPool|PluggableAllocator|use_mem_pool|memory_replay|empty_cache|StreamLimitCtx|"
     r"(get|set|reset)_stream_limit|(get|set)_device_limit)$",
     "Ascend runtime control: the NPU's memory pools, allocator and stream/core limits "
     "(no CPU/GPU behaviour in MindSpore 2.10)"),
    (r"^(parameter_broadcast|restore_group_info_list|sync_pipeline_shared_parameters)$",
     "Ascend HCCL-only parallel utility (no CPU/GPU behaviour in MindSpore 2.10)"),
]

MODULES = {
    "mindspore": mindspore,
    "mindspore.ops": mindspore.ops,
    "mindspore.ops.operations": mindspore.ops.operations,
    "mindspore.ops.composite": mindspore.ops.composite,
    "mindspore.numpy": mindspore.numpy,
    "mindspore.mint": mindspore.mint,
    "mindspore.mint.nn": mindspore.mint.nn,
    "mindspore.mint.nn.functional": mindspore.mint.nn.functional,
    "mindspore.nn": mindspore.nn,
    "mindspore.train": mindspore.train,
    "mindspore.amp": mindspore.amp,
    "mindspore.communication": mindspore.communication,
    "mindspore.communication.comm_func": mindspore.communication.comm_func,
    "mindspore.dataset": mindspore.dataset,
    "mindspore.dataset.vision": mindspore.dataset.vision,
    "mindspore.dataset.transforms": mindspore.dataset.transforms,
    "mindspore.experimental.optim": mindspore.experimental.optim,
    "mindspore.experimental.optim.lr_scheduler": mindspore.experimental.optim.lr_scheduler,
}

_KIND = {
    inspect.Parameter.POSITIONAL_ONLY: "pos_only",
    inspect.Parameter.POSITIONAL_OR_KEYWORD: "pos",
    inspect.Parameter.VAR_POSITIONAL: "var_pos",
    inspect.Parameter.KEYWORD_ONLY: "kw_only",
    inspect.Parameter.VAR_KEYWORD: "var_kw",
}


def platforms(obj):
    doc = getattr(obj, "__doc__", None) or ""
    match = re.search(r"Supported Platforms:\s*\n\s*(.*)", doc)
    return match.group(1).strip() if match else None


def ascend_only(obj) -> bool:
    found = platforms(obj)
    return bool(found) and "Ascend" in found and "GPU" not in found and "CPU" not in found


# Parts of Huawei's Ascend stack whose docstrings carry no platform list: each reason says what
# shows them Ascend-only.
ASCEND_STACK = {
    "hifloat8": "Ascend-only dtype (HiFloat8): MindSpore 2.10 CPU cannot cast to it "
                "(\"Select CPU operator[Cast] fail! Unsupported data type\")",
    "TrainFaultTolerance": "MindIO TFT callback: its docstring says \"Required for Ascend graph mode only\", and it "
                           "needs Huawei's MindIO TFT package",
    "mindio_preload": "MindIO ACP (Huawei's Ascend checkpoint cache): needs the mindio_acp package, returns False without it",
    "set_mindio_server_info": "MindIO ACP (Huawei's Ascend checkpoint cache): needs the mindio_acp package",
}


def exclusion(name, obj):
    if name in ASCEND_STACK:
        return ASCEND_STACK[name]
    if not ascend_only(obj):
        return None
    for pattern, reason in NPU_KERNEL_FAMILIES:
        if re.search(pattern, name, re.IGNORECASE):
            return f"{reason}; docstring: Supported Platforms: {platforms(obj)}"
    return None


def params_of(signature):
    out = []
    for p in signature.parameters.values():
        if p.name == "self":
            continue
        default = None if p.default is inspect.Parameter.empty else repr(p.default)
        out.append([p.name, _KIND[p.kind], default])
    return out


def parse_doc_signature(name, text):
    """`name(a, b=1, *, c=None)` -> parameter triples, or None when it does not parse."""
    try:
        tree = ast.parse(f"def {name}{text}: pass")
    except SyntaxError:
        return None
    args = tree.body[0].args
    out = []
    positional = args.posonlyargs + args.args
    defaults = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    for i, (arg, default) in enumerate(zip(positional, defaults)):
        if arg.arg == "self":
            continue
        kind = "pos_only" if i < len(args.posonlyargs) else "pos"
        out.append([arg.arg, kind, None if default is None else ast.unparse(default)])
    if args.vararg:
        out.append([args.vararg.arg, "var_pos", None])
    for arg, default in zip(args.kwonlyargs, args.kw_defaults):
        out.append([arg.arg, "kw_only", None if default is None else ast.unparse(default)])
    if args.kwarg:
        out.append([args.kwarg.arg, "var_kw", None])
    return out


def doc_overloads(name, obj):
    doc = getattr(obj, "__doc__", None) or ""
    texts = []
    first = re.match(rf"\s*{re.escape(name)}(\(.*?\))\s*(->|$)", doc, re.MULTILINE)
    if first:
        texts.append(first.group(1))
    texts += re.findall(rf"\.\. method:: Tensor\.{re.escape(name)}(\(.*?\))", doc)
    overloads = [p for p in (parse_doc_signature(name, t) for t in texts) if p is not None]
    return overloads


def describe(name, obj, owner=None):
    entry = {}
    if isinstance(obj, types.ModuleType):
        entry["kind"] = "module"
        return entry
    if owner is not None and isinstance(inspect.getattr_static(owner, name), property):
        entry["kind"] = "property"
        return entry
    if inspect.isclass(obj):
        entry["kind"] = "class"
        target = obj
    elif callable(obj):
        entry["kind"] = "method" if owner is not None else "function"
        target = obj
    else:
        entry["kind"] = "object"
        entry["type"] = type(obj).__name__
        return entry
    try:
        entry["params"] = params_of(inspect.signature(target))
    except (TypeError, ValueError):
        overloads = doc_overloads(name, obj)
        if overloads:
            entry["params"] = overloads[0]
            if len(overloads) > 1:
                entry["overloads"] = overloads[1:]
        else:
            entry["params"] = None
    return entry


def inventory_module(module):
    names, excluded, unresolvable = {}, {}, []
    for name in sorted(set(getattr(module, "__all__", [n for n in dir(module) if not n.startswith("_")]))):
        if not hasattr(module, name):
            unresolvable.append(name)
            continue
        obj = getattr(module, name)
        reason = exclusion(name, obj)
        if reason:
            excluded[name] = reason
        else:
            names[name] = describe(name, obj)
    return {"names": names, "excluded": excluded, "unresolvable": unresolvable}


def inventory_tensor():
    tensor = mindspore.Tensor
    names, excluded = {}, {}
    for name in sorted(n for n in dir(tensor) if not n.startswith("_")):
        obj = getattr(tensor, name)
        reason = exclusion(name, obj)
        if reason:
            excluded[name] = reason
        else:
            names[name] = describe(name, obj, owner=tensor)
    return {"names": names, "excluded": excluded, "unresolvable": []}


def main(path):
    result = {"mindspore_version": mindspore.__version__, "modules": {}}
    for label, module in MODULES.items():
        result["modules"][label] = inventory_module(module)
    result["modules"]["mindspore.Tensor"] = inventory_tensor()
    with open(path, "w") as f:
        json.dump(result, f, indent=0, sort_keys=True)
        f.write("\n")
    for label, data in result["modules"].items():
        print(f"{label:32} {len(data['names']):5} names, {len(data['excluded']):3} excluded, "
              f"{len(data['unresolvable']):3} unresolvable")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "bench/data/mindspore_2_10_api.json")
