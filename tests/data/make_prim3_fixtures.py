"""Writes tests/data/mindspore_2_10_prim3.npz: outputs of MindSpore 2.10 CPU for prim3's ops whose
results the differential table cannot hold whole (LSTM: its last two outputs are the oneDNN
kernel's workspace, not values). Run by hand in the MindSpore virtualenv (never in CI):
    /work/msvenv/bin/python tests/data/make_prim3_fixtures.py
"""
from __future__ import annotations

import pathlib

import numpy as np

import mindspore as ms
from mindspore import Tensor, ops

HERE = pathlib.Path(__file__).resolve().parent

# (name, input_size, hidden_size, proj_size, seq_len, batch): MindSpore CPU's LSTM kernel takes one
# layer, one direction and no bias.
LSTM_CASES = [("plain", 2, 3, 0, 4, 2), ("projected", 4, 5, 2, 3, 2), ("long", 3, 4, 0, 7, 1)]


def lstm_weight_count(i, h, p):
    return 4 * h * i + 4 * h * (p or h) + p * h


def main():
    ms.set_context(mode=ms.PYNATIVE_MODE, device_target="CPU")
    rng = np.random.default_rng(20261201)
    out = {}
    for name, i, h, p, t, n in LSTM_CASES:
        x = rng.standard_normal((t, n, i)).astype(np.float32)
        h0 = rng.standard_normal((1, n, p or h)).astype(np.float32)
        c0 = rng.standard_normal((1, n, h)).astype(np.float32)
        w = rng.uniform(-0.9, 0.9, (lstm_weight_count(i, h, p), 1, 1)).astype(np.float32)
        y, hn, cn, _, _ = ops.LSTM(i, h, 1, False, False, 0.0, p)(Tensor(x), Tensor(h0), Tensor(c0), Tensor(w))
        for key, value in (("x", x), ("h0", h0), ("c0", c0), ("w", w), ("y", y.asnumpy()), ("hn", hn.asnumpy()),
                           ("cn", cn.asnumpy())):
            out[f"lstm/{name}/{key}"] = value
    out.update(control_outputs())
    np.savez_compressed(HERE / "mindspore_2_10_prim3.npz", **out)
    print(f"{len(out)} arrays")


def double(a):
    return a * 2


def triple_gradient(dout):
    return dout * 3


INSERT = ops.InsertGradientOf(triple_gradient)


def insert_loss(a):
    return INSERT(a * 2).sum()


def control_outputs():
    """The control/debug ops on one input (PYNATIVE), and the gradients their hooks give."""
    x = Tensor(np.array([1.0, -2.0, 3.5], np.float32))
    out = {"control/x": x.asnumpy()}
    out["control/fori"] = ops.ForiLoop()(0, 4, lambda i, v: v * 2 + i, x).asnumpy()
    out["control/fori_tensor_bounds"] = ops.ForiLoop()(Tensor(1), Tensor(3), lambda i, v: v - i, x).asnumpy()
    out["control/while"] = ops.WhileLoop()(lambda v: v[0] < 20, lambda v: v * 3, x).asnumpy()
    carry, ys = ops.Scan()(lambda c, e: (c + e, c * e), x, [x, x * 2, x - 1])
    out["control/scan_carry"] = carry.asnumpy()
    out["control/scan_ys"] = np.stack([y.asnumpy() for y in ys])
    out["control/assert_true"] = ops.Assert()(Tensor(True), [x]).asnumpy()
    out["control/check_numerics"] = ops.CheckNumerics()(x).asnumpy()
    out["control/update_state"] = ops.UpdateState()(x, x * 2).asnumpy()
    out["control/partial"] = ops.Partial()(ops.mul, x)(x).asnumpy()
    out["control/identity"] = ops.operations.identity()(x).asnumpy()
    out["control/pyfunc"] = ops.PyFunc(double, [ms.float32], [[3]], [ms.float32], [[3]])(x)[0].asnumpy()
    out["control/custom"] = ops.Custom(double, out_shape=lambda s: s, out_dtype=lambda d: d,
                                       func_type="pyfunc")(x).asnumpy()
    hook = ops.HookBackward(lambda g: None)
    out["control/hook_grad"] = ms.grad(lambda a: (hook(a * a)).sum())(x).asnumpy()
    ms.set_context(mode=ms.GRAPH_MODE)  # MindSpore runs InsertGradientOf's function only in a graph
    out["control/insert_gradient_grad"] = ms.grad(insert_loss)(x).asnumpy()
    ms.set_context(mode=ms.PYNATIVE_MODE)
    return out


if __name__ == "__main__":
    main()
