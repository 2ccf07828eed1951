"""What the metrics share: inputs as NumPy arrays, one-hot detection, shape checks, and
`indexes` (which outputs `update` takes, set with `set_indexes`)."""
from __future__ import annotations

import numpy as np

from ...common.tensor import Tensor
from .metric import Metric

EVAL_TYPES = ("classification", "multilabel")


def to_numpy(data, owner):
    if isinstance(data, Tensor):
        return data.asnumpy()
    if isinstance(data, (list, np.ndarray)):
        return np.asarray(data)
    raise TypeError(f"For '{owner}', the input data type must be Tensor, list or numpy.ndarray, but got "
                    f"{type(data)}.")


def is_onehot(data) -> bool:
    """True when `data` (N, C, ...) holds only 0/1 and each sample's entries along axis 1 sum to 1."""
    if data.ndim > 1 and np.equal(data ** 2, data).all():
        return bool(np.equal(np.ones((data.shape[0],) + data.shape[2:]), data.sum(axis=1)).all())
    return False


def check_inputs(owner, inputs, count=2, what="(predicted value, true value)"):
    if len(inputs) != count:
        raise ValueError(f"For '{owner}.update', it needs {count} inputs {what}, but got {len(inputs)}.")


class IndexedMetric(Metric):
    """A Metric whose `update` can take a subset of the network's outputs (`set_indexes`)."""

    @property
    def indexes(self):
        """The positions of the outputs `update` receives, or None (all, in order)."""
        return getattr(self, "_indexes", None)

    def set_indexes(self, indexes):
        """`update(*outputs)` then receives `outputs[i] for i in indexes`. Returns self."""
        if not isinstance(indexes, list) or not all(isinstance(i, int) and not isinstance(i, bool) for i in indexes):
            raise ValueError(f"For 'set_indexes', the argument 'indexes' must be a list of int, but got {indexes!r}.")
        self._indexes = indexes
        return self


class EvaluationBase(IndexedMetric):
    """Classification (y_pred (N, C, ...), y (N, ...) or one-hot) or multilabel (0/1 of equal shapes)."""

    def __init__(self, eval_type):
        if eval_type not in EVAL_TYPES:
            raise TypeError(f"The argument 'eval_type' must be in {list(EVAL_TYPES)}, but got {eval_type}")
        self._type = eval_type
        super().__init__()

    def _check_shape(self, y_pred, y):
        if self._type == "classification":
            if y_pred.ndim != y.ndim + 1:
                raise ValueError("In classification case, the dimension of y_pred (predicted value) should equal to "
                                 "the dimension of y (true value) add 1, but got y_pred dimension: "
                                 f"{y_pred.ndim} and y dimension: {y.ndim}.")
            if y.shape != (y_pred.shape[0],) + y_pred.shape[2:]:
                raise ValueError("In classification case, y_pred (predicted value) shape and y (true value) shape "
                                 "can not match, y shape should be equal to y_pred shape that the value at index 1 "
                                 "is deleted. Such as y_pred shape (1, 2, 3), then y shape should be (1, 3). "
                                 f"But got y_pred shape {y_pred.shape} and y shape {y.shape}")
        elif y_pred.shape != y.shape:
            raise ValueError(f"In {self._type} case, the shape of y_pred (predicted value) should equal to the shape "
                             f"of y (true value), but got y_pred shape: {y_pred.shape} and y shape: {y.shape}.")

    def _check_value(self, y_pred, y):
        if self._type != "classification" and not (np.equal(y_pred ** 2, y_pred).all() and np.equal(y ** 2, y).all()):
            raise ValueError("In multilabel case, all elements in y_pred (predicted value) and y (true value) should "
                             "be 0 or 1.Please check whether your inputs y_pred and y are correct.")
