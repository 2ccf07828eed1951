"""`mindspore.dataset.transforms.py_transforms_util`: the helpers behind the Python-side
transforms (Compose, RandomApply, RandomChoice, RandomOrder, OneHot with smoothing).

The random helpers draw from the dataset's generator (`sporax.dataset._random`): inside a
pipeline keyed by the row, eagerly by `dataset.config.set_seed`, so they are reproducible
where MindSpore's (Python's `random`) are not.
"""
from __future__ import annotations

import enum
import json

import numpy as np

from .. import _random

__all__ = ["Implementation", "all_numpy", "is_numpy", "compose", "one_hot_encoding", "random_order",
           "random_apply", "random_choice", "FuncWrapper"]


class Implementation(enum.IntEnum):
    """Where an operation is implemented: C (C++) or PY (Python)."""
    C = 0
    PY = 1


def is_numpy(img):
    """Whether `img` is a NumPy array."""
    return isinstance(img, np.ndarray)


def all_numpy(args):
    """Whether `args` (one value or a tuple of values) are all NumPy arrays."""
    if isinstance(args, tuple):
        return all(is_numpy(value) for value in args)
    return is_numpy(args)


def compose(transforms, *args):
    """`args` through each transform in turn (each result made a tuple for the next); the tuple
    of the last results."""
    for transform in transforms:
        args = transform(*args)
        args = args if isinstance(args, tuple) else (args,)
    return args


def one_hot_encoding(label, num_classes, epsilon):
    """The one-hot encoding of an integer `label` array (a trailing axis of `num_classes`),
    smoothed: `(1 - epsilon) * onehot + epsilon / num_classes` (float64, as MindSpore)."""
    if not isinstance(label, np.ndarray):
        raise ValueError("the input is invalid, it should be numpy.ndarray.")
    if label.dtype.kind not in "iu":
        raise ValueError(f"the input numpy type should be int, but the input is: {label.dtype}")
    flat = label.reshape(-1)
    if flat.size and (flat.max() >= num_classes):
        raise ValueError(f"the num_classes:{num_classes} is smaller than the category number:{int(flat.max())}")
    if flat.size and flat.min() < 0:
        raise ValueError(f"the label must be non-negative, but got {int(flat.min())}.")
    encoded = np.zeros((flat.size, num_classes), dtype=int)
    encoded[np.arange(flat.size), flat] = 1
    encoded = encoded.reshape(label.shape + (num_classes,))
    return (1 - epsilon) * encoded + epsilon / num_classes


def random_order(img, transforms):
    """`img` through `transforms` in a random order (the list is shuffled in place, as MindSpore)."""
    order = _random.generator().permutation(len(transforms))
    transforms[:] = [transforms[i] for i in order]
    for transform in transforms:
        img = transform(img)
    return img


def random_apply(img, transforms, prob):
    """`img` through all of `transforms` with probability `prob`, else unchanged."""
    if prob < _random.generator().random():
        return img
    for transform in transforms:
        img = transform(img)
    return img


def random_choice(img, transforms):
    """`img` through one of `transforms`, chosen uniformly."""
    return transforms[int(_random.generator().integers(len(transforms)))](img)


class FuncWrapper:
    """A Python function as a pipeline operation: calls it, and names it if it fails."""

    def __init__(self, transform):
        if not callable(transform):
            raise ValueError(f"Input operations should be callable Python function, but got: {transform}")
        self.transform = transform
        self.implementation = Implementation.PY

    def __call__(self, *args):
        try:
            return self.transform(*args)
        except Exception as error:
            name = getattr(self.transform, "__name__", type(self.transform).__name__)
            raise RuntimeError(f"FuncWrapper: the Python function {name} failed: {type(error).__name__}: "
                               f"{error}") from error

    def to_json(self):
        """The wrapper as MindSpore's JSON string: the function's name and this module."""
        return json.dumps({"tensor_op_name": getattr(self.transform, "__name__", type(self.transform).__name__),
                           "python_module": type(self).__module__})
