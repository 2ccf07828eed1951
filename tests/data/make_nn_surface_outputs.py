"""Writes tests/data/mindspore_2_10_nn_surface.npz from real MindSpore 2.10 (never in CI):
    /work/msvenv/bin/python tests/data/make_nn_surface_outputs.py
Per case of nn_surface_cases.py: the parameters MindSpore initialised ("param/<case>/<name>"),
the outputs ("out/<case>/<i>"), and with `grad` the gradient of Σ(first output · sens) with
respect to each float input ("grad/<case>/<i>", sens stored as "sens/<case>")."""
import importlib
import pathlib
import sys

import numpy as np

import mindspore as ms
from mindspore import Tensor, ops

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from nn_surface_cases import CASES  # noqa: E402

ms.set_context(mode=ms.PYNATIVE_MODE, device_target="CPU")
stored, failed = {}, []
for name, (module, cls, kwargs, inputs, grad) in CASES.items():
    ms.set_seed(1)
    try:
        cell = getattr(importlib.import_module(f"mindspore.{module}"), cls)(**kwargs)
        cell.set_train(False)
        for pname, param in cell.parameters_and_names():
            stored[f"param/{name}/{pname}"] = param.asnumpy()
        args = [Tensor(a) if isinstance(a, np.ndarray) else a for a in inputs]
        out = cell(*args)
        outs = out if isinstance(out, tuple) else (out,)
        for i, o in enumerate(outs):
            if o is not None:
                stored[f"out/{name}/{i}"] = o.asnumpy()
        if grad:
            first = outs[0]
            sens = np.random.default_rng(len(name)).standard_normal(first.shape).astype(np.float32)
            stored[f"sens/{name}"] = sens
            floats = [i for i, a in enumerate(inputs) if isinstance(a, np.ndarray) and a.dtype == np.float32]

            def fn(*xs):
                full = list(args)
                for i, x in zip(floats, xs):
                    full[i] = x
                o = cell(*full)
                o = o[0] if isinstance(o, tuple) else o
                return (o * Tensor(sens)).sum()

            grads = ops.grad(fn, grad_position=tuple(range(len(floats))))(*[args[i] for i in floats])
            grads = (grads,) if isinstance(grads, Tensor) else grads  # one position: a Tensor
            for i, g in zip(floats, grads):
                stored[f"grad/{name}/{i}"] = g.asnumpy()
    except Exception as e:  # noqa: BLE001 - reported, the case is then not stored
        failed.append((name, f"{type(e).__name__}: {str(e).splitlines()[0][:200]}"))
np.savez_compressed(HERE / "mindspore_2_10_nn_surface.npz", **stored)
print(len(CASES) - len(failed), "cases stored")
for name, why in failed:
    print("  failed:", name, why)
