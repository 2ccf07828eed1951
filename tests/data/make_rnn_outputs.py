"""Writes tests/data/mindspore_2_10_rnn.npz from real MindSpore 2.10 (never run in CI):
    /work/msvenv/bin/python tests/data/make_rnn_outputs.py
Per case of rnn_cases.py: the initial parameters after set_seed(1) ("init/<case>/<name>"),
the outputs ("out/<case>/<i>") and the gradients of sum(outputs · fixed weights) with respect to
the input ("grad_x/<case>") and every parameter ("grad/<case>/<name>")."""
import pathlib
import sys

import numpy as np

import mindspore as ms
from mindspore import Tensor, nn, ops

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from rnn_cases import ARRAYS, CASES  # noqa: E402


def flat(value):
    return [value] if not isinstance(value, tuple) else [v for item in value for v in flat(item)]


def arg(key):
    if key is None:
        return None
    if isinstance(key, tuple):
        return tuple(Tensor(ARRAYS[k]) for k in key)
    return Tensor(ARRAYS[key])


stored = {}
for name, (cls, kwargs, x, hx, seq) in CASES.items():
    ms.set_seed(1)
    cell = getattr(nn, cls)(**kwargs)
    params = list(cell.parameters_and_names())
    for pname, p in params:
        stored[f"init/{name}/{pname}"] = p.asnumpy()
    args = [Tensor(x), arg(hx)]
    if seq is not None:
        args.append(arg(seq))
    outs = flat(cell(*args))
    weights = [np.linspace(-1, 1, o.size, dtype=np.float32).reshape(o.shape) for o in outs]
    for i, o in enumerate(outs):
        stored[f"out/{name}/{i}"] = o.asnumpy()

    def objective(*a):
        return sum((o * Tensor(w)).sum() for o, w in zip(flat(cell(*a)), weights))
    grad_fn = ops.grad(objective, grad_position=0, weights=cell.trainable_params())
    gx, gw = grad_fn(*args)
    stored[f"grad_x/{name}"] = gx.asnumpy()
    for (pname, _), g in zip(params, gw):
        stored[f"grad/{name}/{pname}"] = g.asnumpy()
np.savez_compressed(HERE / "mindspore_2_10_rnn.npz", **stored)
print(len(stored), "arrays")
