"""`sporax demo`: train a LeNet-5 on scikit-learn's handwritten digits, in GRAPH_MODE with Momentum.

The 8x8 digits (1797 images, shipped with scikit-learn: no download) are scaled up to 32x32
for the classic LeNet-5. Shows the parameter table (before anything is materialised), a
progress bar, the test accuracy, and saves a checkpoint.
"""
from __future__ import annotations

import time

import numpy as np

from .. import context, nn, set_seed
from ..common.initializer import Normal
from ..models import LeNet5
from ..train import Model, save_checkpoint
from ..train.callback import ProgressBar


def load_digits_split(seed=0, test_fraction=0.2):
    """(x_train, y_train, x_test, y_test): float32 (N, 1, 32, 32) standardised, int32 labels."""
    try:
        from sklearn.datasets import load_digits
    except ImportError as error:
        raise RuntimeError("sporax demo needs scikit-learn: pip install 'sporax[demo]'") from error
    digits = load_digits()
    images = np.kron(digits.images.astype(np.float32) / 16.0, np.ones((4, 4), np.float32))[:, None]
    images = (images - images.mean()) / images.std()
    labels = digits.target.astype(np.int32)
    order = np.random.default_rng(seed).permutation(len(labels))
    split = int(len(labels) * (1 - test_fraction))
    train, test = order[:split], order[split:]
    return images[train], labels[train], images[test], labels[test]


def batches(x, y, batch_size, shuffle_seed=None):
    """A re-iterable dataset of (data, label) batches (reshuffled each epoch when seeded)."""
    class Dataset:
        def __init__(self):
            self.epoch = 0

        def __iter__(self):
            order = np.arange(len(y))
            if shuffle_seed is not None:
                order = np.random.default_rng(shuffle_seed + self.epoch).permutation(len(y))
                self.epoch += 1
            for start in range(0, len(order) - batch_size + 1 if shuffle_seed is not None else len(order), batch_size):
                index = order[start:start + batch_size]
                yield x[index], y[index]

    return Dataset()


def run(epochs=12, batch_size=32, learning_rate=0.01, momentum=0.9, checkpoint="lenet_digits.ckpt",
        mode=context.GRAPH_MODE, quiet=False):
    """Train and evaluate; returns (test accuracy, network)."""
    say = (lambda *a: None) if quiet else print
    context.set_context(mode=mode)
    set_seed(1)
    x_train, y_train, x_test, y_test = load_digits_split()
    net = LeNet5(head_init=Normal(0.02))
    say(f"sporax demo: LeNet-5 on scikit-learn digits ({len(y_train)} train / {len(y_test)} test images), "
        f"{'GRAPH_MODE' if mode == context.GRAPH_MODE else 'PYNATIVE_MODE'}, Momentum(lr={learning_rate}, "
        f"momentum={momentum})\n")
    say(net.parameter_report())
    say("")
    loss = nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean")
    optimizer = nn.Momentum(net.trainable_params(), learning_rate, momentum)
    model = Model(net, loss, optimizer, metrics={"accuracy"})
    start = time.perf_counter()
    model.train(epochs, batches(x_train, y_train, batch_size, shuffle_seed=0),
                callbacks=[] if quiet else [ProgressBar()])
    accuracy = model.eval(batches(x_test, y_test, 120))["accuracy"]
    say(f"\ntrained {epochs} epochs in {time.perf_counter() - start:.1f} s; test accuracy: {accuracy:.4f}")
    if checkpoint:
        save_checkpoint(net, checkpoint)
        say(f"checkpoint saved: {checkpoint}")
    return accuracy, net
