"""What every driver shares: the command line, deterministic weights, a few training steps, the npz.

Weights come from NumPy (not from the framework's initializers) so that MindSpore and sporax
start from the very same values and the outputs can be compared number for number.
"""
import argparse
import sys

import numpy as np
import mindspore as ms
from mindspore import nn


def arguments():
    parser = argparse.ArgumentParser()
    parser.add_argument("--program-dir", required=True, help="the upstream program's folder")
    parser.add_argument("--out", required=True, help="npz to write")
    args = parser.parse_args()
    # Upstream programs parse the command line themselves (model_utils/config.py): leave them
    # a bare one, as `python train.py` would have.
    sys.argv = sys.argv[:1]
    sys.path.insert(0, args.program_dir)
    ms.set_seed(0)
    return args


def set_weights(net, seed=0, scale=0.05):
    """Every parameter, in name order, from one NumPy stream; scale-like ones near 1."""
    rng = np.random.default_rng(seed)
    for name, param in sorted(net.parameters_and_names(), key=lambda item: item[0]):
        shape = tuple(param.shape)
        dtype = np.float16 if param.dtype == ms.float16 else np.float32
        if "gamma" in name or "moving_variance" in name:
            value = 1.0 + scale * np.abs(rng.standard_normal(shape))
        elif "beta" in name or "moving_mean" in name:
            value = scale * rng.standard_normal(shape)
        else:
            value = scale * rng.standard_normal(shape)
        param.set_data(ms.Tensor(value.astype(dtype)))


def train(net, loss_fn, inputs, label, steps=3, lr=0.01):
    """Output of the first forward, then `steps` Momentum steps; returns {output, losses}."""
    net.set_train(False)
    first = net(*inputs)
    first = first[0] if isinstance(first, (tuple, list)) else first
    net.set_train(True)
    # Dropout masks come from each framework's own random stream, which sporax does not
    # reproduce bit for bit: the steps are compared with dropout as identity (all else trains).
    for _, cell in net.cells_and_names():
        if isinstance(cell, nn.Dropout):
            cell.set_train(False)
    optimizer = nn.Momentum(net.trainable_params(), learning_rate=lr, momentum=0.9)

    def forward(*batch):
        out = net(*batch[:-1])
        out = out[0] if isinstance(out, (tuple, list)) else out
        return loss_fn(out, batch[-1])

    grad_fn = ms.value_and_grad(forward, None, optimizer.parameters)
    losses = []
    for _ in range(steps):
        loss, grads = grad_fn(*inputs, label)
        optimizer(grads)
        losses.append(float(loss.asnumpy()))
    return {"output": first.asnumpy().astype(np.float64), "losses": np.array(losses)}


def save(path, record):
    np.savez(path, **record)
    print("losses", record["losses"].tolist())
