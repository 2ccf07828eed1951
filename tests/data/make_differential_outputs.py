"""Writes tests/data/mindspore_2_10_differential<suffix>.{npz,json}: every case of one table,
`differential_table<suffix>.py`, run under real MindSpore 2.10 on CPU (PYNATIVE).

Run by hand in the MindSpore virtualenv (never in CI), once per table you changed:
    /work/msvenv/bin/python tests/data/make_differential_outputs.py                 # differential_table.py
    /work/msvenv/bin/python tests/data/make_differential_outputs.py _linalg         # differential_table_linalg.py

Tables are split by area so that they can grow side by side; tests/ops/test_differential_ops.py
reads every `differential_table*.py` with its outputs.

Per case the npz holds the inputs (`<key>/a<i>`), the outputs (`<key>/o<i>`), and with
`grad=True` the cotangent (`<key>/sens`) and the gradients (`<key>/g<i>`); bfloat16 values are
stored as the float32 numbers they equal. The json holds, per case id, the key, the output
structure and dtypes, or the exception class MindSpore raised.

Where MindSpore's CPU backend has no float16/bfloat16 kernel for an op (it raises "Unsupported
data type"; Ascend has one), the expected values are MindSpore's own float64 result rounded
to that dtype, and the case says so in `reference`.
"""
from __future__ import annotations

import importlib
import json
import pathlib
import sys

import numpy as np

import mindspore as ms

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from differential_cases import FLOATS, Runner, T, key_of, make_array, round_to_bfloat16, seed_of, sens_array  # noqa: E402
from differential_cases import has_parameters, parameters_of  # noqa: E402  (state)
from differential_cases import fact_violation, summary_of  # noqa: E402

LOW = ("float16", "bfloat16")


def tensor_specs(case):
    specs = []

    def walk(value):
        if isinstance(value, T):
            specs.append(value)
        elif isinstance(value, tuple):
            for v in value:
                walk(v)

    walk(case.args)
    for _, v in case.kwargs:
        walk(v)
    return specs


def as_dtype(array, dtype):
    if dtype == "bfloat16":
        return round_to_bfloat16(np.asarray(array, np.float32))
    return np.asarray(array).astype(dtype)


def run_case(runner, case, arrays, upcast=False):
    """(meta, stored arrays) for one case; `upcast` computes low-precision floats as float64."""
    if case.facts is not None:
        return run_sampled(runner, case, arrays)
    specs = tensor_specs(case)
    run_arrays = dict(arrays)
    cast = {}
    if upcast:
        for i, spec in enumerate(specs):
            if spec.dtype in LOW:
                cast[i] = spec.dtype
                run_arrays[i] = np.asarray(arrays[i], np.float64)
    up_case = case
    if upcast:
        import dataclasses
        from differential_cases import thaw  # noqa: F401

        counter = iter(range(10 ** 6))

        def retype(value):
            if isinstance(value, T):
                i = next(counter)
                return T(value.shape, "float64", value.values) if i in cast else value
            if isinstance(value, tuple):
                return tuple(retype(v) for v in value)
            return value

        up_case = dataclasses.replace(case, args=retype(case.args),
                                      kwargs=tuple((k, retype(v)) for k, v in case.kwargs))
    fn = runner.resolve(case)
    args, kwargs = runner.inputs(up_case, run_arrays)
    out = fn(*args, **kwargs)
    store = []
    structure = runner.flatten(out, store)
    low = next(iter(cast.values()), None)
    stored = {}
    dtypes = []
    for i, (array, dtype) in enumerate(store):
        if upcast and dtype == "float64" and low:
            array, dtype = as_dtype(array, low), low
        stored[f"o{i}"] = np.asarray(array, np.float32) if dtype == "bfloat16" else array
        dtypes.append(dtype)
    meta = {"structure": structure, "dtypes": dtypes}
    if has_parameters(case):  # (state) the Parameters' values after the call, stored like outputs
        if upcast:
            raise TypeError("no float64 reference for a case that writes Parameters (drop its low-precision case)")
        meta["state_dtypes"] = []
        for i, parameter in enumerate(parameters_of(runner.fw, args, kwargs)):
            array, dtype = runner.to_numpy(parameter)
            stored[f"s{i}"] = array
            meta["state_dtypes"].append(dtype)
    if case.grad and len(store) == 1 and "t" in structure:
        out_dtype = dtypes[0]
        sens = sens_array(case.id, store[0][0].shape, out_dtype)
        sens_t = runner.tensor(np.asarray(sens, np.float64) if upcast else sens, "float64" if upcast else out_dtype)
        grads = runner.gradient(up_case, fn, args, kwargs, sens_t)
        stored["sens"] = sens
        gdtypes = []
        for i, g in enumerate(grads):
            array, dtype = runner.to_numpy(g)
            if upcast and dtype == "float64" and low:
                array, dtype = as_dtype(array, low), low
            stored[f"g{i}"] = np.asarray(array, np.float32) if dtype == "bfloat16" else array
            gdtypes.append(dtype)
        meta["grad_dtypes"] = gdtypes
    return meta, stored


def run_sampled(runner, case, arrays):
    """A drawn output is not stored: its structure, dtypes, a summary of each output (shape,
    min/max/mean, distinct values) and, per fact, None where it held on MindSpore's draw (else why
    not: the table is wrong)."""
    fn = runner.resolve(case)
    args, kwargs = runner.inputs(case, arrays)
    store = []
    try:
        structure = runner.flatten(fn(*args, **kwargs), store)
    except RuntimeError as e:  # no CPU kernel: the documented shapes and dtypes, if the case gives them
        lines = [line for line in str(e).splitlines() if line.strip() and not line.startswith(("-", "node:"))]
        message = next((line for line in lines if any(w in line for w in NO_CPU_KERNEL)), (lines or [""])[0])[:200]
        documented = sorted((f.output, f.args) for f in case.facts if f.kind == "shaped")
        if not documented or not any(w in str(e) for w in NO_CPU_KERNEL):
            print("  unexpected:", case.id, "->", f"RuntimeError without a documented shape: {message[:160]}")
            return {"error": "RuntimeError", "message": message}, {}
        structure = {"t": 0} if len(documented) == 1 else {"seq": [{"t": i} for i, _ in documented], "type": "tuple"}
        return {"structure": structure, "dtypes": [dtype for _, (_, dtype) in documented],
                "summaries": [{"shape": list(shape)} for _, (shape, _) in documented],
                "facts": {str(fact): None for fact in case.facts},
                "reference": f"MindSpore CPU has no kernel for {case.target} ({message}); expected: the documented "
                             "shapes and dtypes, and the facts unchecked on MindSpore's side"}, {}
    outputs = [array for array, _ in store]
    inputs = [arrays[i] for i in range(len(arrays))]
    meta = {"structure": structure, "dtypes": [dtype for _, dtype in store],
            "summaries": [summary_of(array) for array in outputs],
            "facts": {str(fact): fact_violation(fact, outputs, inputs) for fact in case.facts}}
    return meta, {}


NO_CPU_KERNEL = ("unregistered", "Unsupported op", "Create kernelmod", "Not implement", "not supported on this device")


def mint_through_ops(runner, case, arrays, message):
    """MindSpore CPU has no kernel for many mint ops (Ascend has): the expected values are then
    MindSpore's `ops.<name>` (or `ops.<alias>`) on the same inputs, with integer outputs as Int64
    (mint's, torch's, index dtype)."""
    import dataclasses

    name = case.target.rsplit(".", 1)[1]  # mint.x and mint.nn.functional.x
    # an in-place name (relu_) returns what its out-of-place op (relu) does
    for target in (f"ops.{name}", f"ops.{MINT_ALIASES.get(name, name)}", f"ops.{name.rstrip('_')}"):
        try:
            meta, stored = run_case(runner, dataclasses.replace(case, target=target), arrays)
        except Exception:  # noqa: BLE001
            continue
        for i, dtype in enumerate(meta["dtypes"]):
            if dtype == "int32" and name in MINT_INDEX_OPS:
                meta["dtypes"][i] = "int64"
                stored[f"o{i}"] = stored[f"o{i}"].astype(np.int64)
        meta["reference"] = (f"MindSpore CPU has no kernel for {case.target} ({message}); expected values are "
                             f"MindSpore's {target} on the same inputs, indices as Int64")
        return meta, stored
    return None, None


MINT_ALIASES = {"gather": "gather_elements"}
MINT_INDEX_OPS = {"argmax", "argmin", "argsort", "topk", "cummin", "cummax", "sort"}


def main(suffix=""):
    cases = importlib.import_module(f"differential_table{suffix}").CASES
    ms.set_context(mode=ms.PYNATIVE_MODE, device_target="CPU", pynative_synchronize=True)
    runner = Runner(ms)
    npz, metas, surprises = {}, {}, []
    for case in cases:
        key = key_of(case.id)
        specs = tensor_specs(case)
        arrays = {i: make_array(s, seed_of(case.id, i)) for i, s in enumerate(specs)}
        for i, a in arrays.items():
            npz[f"{key}/a{i}"] = a
        try:
            meta, stored = run_case(runner, case, arrays)
        except Exception as e:  # noqa: BLE001 - the oracle's exception is the datum
            message = str(e).split("\n")[0][:300]
            low = [s.dtype for s in specs if s.dtype in LOW]
            if low and not case.expect_error and ("Unsupported data type" in str(e) or "not support" in str(e)):
                try:
                    meta, stored = run_case(runner, case, arrays, upcast=True)
                    meta["reference"] = (f"MindSpore CPU has no {low[0]} kernel ({message}); expected values are "
                                         f"MindSpore's float64 result rounded to {low[0]}")
                except Exception as e2:  # noqa: BLE001
                    meta, stored = {"error": type(e).__name__, "message": message}, {}
                    surprises.append((case.id, f"{type(e).__name__} (float64 too: {type(e2).__name__})"))
            elif not case.expect_error and case.id in getattr(
                    importlib.import_module(f"differential_table{suffix}"), "MINDSPORE_CPU_EQUIVALENT", {}):
                # MindSpore CPU cannot run this call (no CPU kernel, or a method broken on CPU): the table names
                # what computes the same on MindSpore CPU: another case on the same inputs, or (what, fn) with
                # fn(mindspore, *input arrays) -> MindSpore Tensors or NumPy arrays
                equivalent = importlib.import_module(f"differential_table{suffix}").MINDSPORE_CPU_EQUIVALENT[case.id]
                if isinstance(equivalent, tuple):
                    what, store = equivalent[0], []
                    structure = runner.flatten(equivalent[1](ms, *[arrays[i] for i in sorted(arrays)]), store)
                    meta = {"structure": structure, "dtypes": [dtype for _, dtype in store]}
                    stored = {f"o{i}": np.asarray(array) for i, (array, _) in enumerate(store)}
                else:
                    assert [(s.shape, s.values) for s in tensor_specs(equivalent)] == [
                        (s.shape, s.values) for s in specs], f"{equivalent.id} does not take the inputs of {case.id}"
                    what, (meta, stored) = f"MindSpore's {equivalent.id}", run_case(runner, equivalent, arrays)
                meta["reference"] = (f"MindSpore CPU cannot run {case.target} ({message}); expected values are "
                                     f"{what} on the same inputs")
            elif case.target.startswith("mint.") and "unregistered" in str(e) and not case.expect_error:
                meta, stored = mint_through_ops(runner, case, arrays, message)
                if meta is None:
                    meta, stored = {"error": type(e).__name__, "message": message}, {}
                    surprises.append((case.id, f"{type(e).__name__}: {message[:160]} (no ops fallback)"))
            elif isinstance(e, RuntimeError) and any(0 in s.shape for s in specs) and not case.expect_error:
                meta, stored = {"empty": True, "reference": f"MindSpore CPU refuses empty inputs here ({message}); "
                                "expected: an empty result"}, {}
            else:
                meta, stored = {"error": type(e).__name__, "message": message}, {}
                if not case.expect_error:
                    surprises.append((case.id, f"{type(e).__name__}: {message[:160]}"))
        if any(meta.get("facts", {}).values()):
            surprises.append((case.id, f"facts fail on MindSpore's draw: {meta['facts']}"))
        if case.expect_error and "error" not in meta:
            surprises.append((case.id, "expected an error, MindSpore returned"))
        meta["key"] = key
        metas[case.id] = meta
        for name, array in stored.items():
            npz[f"{key}/{name}"] = array
    np.savez_compressed(HERE / f"mindspore_2_10_differential{suffix}.npz", **npz)
    (HERE / f"mindspore_2_10_differential{suffix}.json").write_text(json.dumps(metas, indent=0, sort_keys=True) + "\n")
    print(f"{len(cases)} cases, {sum('error' in m for m in metas.values())} errors, "
          f"{sum('reference' in m for m in metas.values())} float64 references")
    for case_id, what in surprises:
        print("  unexpected:", case_id, "->", what)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "")
