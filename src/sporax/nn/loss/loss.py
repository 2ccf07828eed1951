"""Losses (`mindspore.nn.loss`). `reduction` is 'mean' (default), 'sum' or 'none'."""
from __future__ import annotations

import jax
import jax.numpy as jnp

from ...common.tensor import Tensor
from ..cell import Cell

_REDUCTIONS = ("mean", "sum", "none")


def _value(x):
    return x._value() if isinstance(x, Tensor) else jnp.asarray(x)


class LossBase(Cell):
    """Base: `get_loss(x, weights=1.0)` weights and reduces elementwise losses."""

    def __init__(self, reduction="mean"):
        super().__init__()
        if reduction not in _REDUCTIONS:
            raise ValueError(f"For '{type(self).__name__}', the 'reduction' must be in {list(_REDUCTIONS)}, "
                             f"but got {reduction!r}.")
        self.reduction = reduction

    def get_loss(self, x, weights=1.0):
        x = _value(x) * _value(weights)
        if self.reduction == "mean":
            x = jnp.mean(x)
        elif self.reduction == "sum":
            x = jnp.sum(x)
        return Tensor._wrap(x)

    @staticmethod
    def _check_same_shape(name, logits, labels):
        if tuple(logits.shape) != tuple(labels.shape):
            raise ValueError(f"For '{name}', the 'logits' and 'labels' must have the same shape, but got "
                             f"{tuple(logits.shape)} and {tuple(labels.shape)}.")


class MSELoss(LossBase):
    """(x − y)²."""

    def construct(self, logits, labels):
        self._check_same_shape("MSELoss", logits, labels)
        return self.get_loss(jnp.square(_value(logits) - _value(labels)))


class L1Loss(LossBase):
    """|x − y|."""

    def construct(self, logits, labels):
        self._check_same_shape("L1Loss", logits, labels)
        return self.get_loss(jnp.abs(_value(logits) - _value(labels)))


class BCEWithLogitsLoss(LossBase):
    """−w·[p·y·log σ(x) + (1 − y)·log(1 − σ(x))], computed stably from the logits."""

    def __init__(self, reduction="mean", weight=None, pos_weight=None):
        super().__init__(reduction)
        for name, value in (("weight", weight), ("pos_weight", pos_weight)):
            if value is not None and not isinstance(value, Tensor):
                raise TypeError(f"For 'BCEWithLogitsLoss', the '{name}' must be a Tensor or None, but got "
                                f"{type(value).__name__}.")
        self.weight, self.pos_weight = weight, pos_weight

    def construct(self, logits, labels):
        self._check_same_shape("BCEWithLogitsLoss", logits, labels)
        x, y = _value(logits), _value(labels).astype(_value(logits).dtype)
        log_p, log_not_p = jax.nn.log_sigmoid(x), jax.nn.log_sigmoid(-x)
        positive = y * log_p if self.pos_weight is None else _value(self.pos_weight) * y * log_p
        loss = -(positive + (1 - y) * log_not_p)
        return self.get_loss(loss, 1.0 if self.weight is None else self.weight)


class SoftmaxCrossEntropyWithLogits(LossBase):
    """−Σ_c y_c · log softmax(x)_c over the last axis; `sparse` labels are class indices.
    Default reduction 'none', as MindSpore."""

    def __init__(self, sparse=False, reduction="none"):
        super().__init__(reduction)
        if not isinstance(sparse, bool):
            raise TypeError(f"For 'SoftmaxCrossEntropyWithLogits', the 'sparse' must be a bool, but got {sparse!r}.")
        self.sparse = sparse

    def construct(self, logits, labels):
        x = _value(logits)
        y = _value(labels)
        if self.sparse:
            if y.dtype.kind not in "iu":
                raise TypeError("For 'SoftmaxCrossEntropyWithLogits', sparse labels must be an int Tensor, but got "
                                f"{labels.dtype}.")
            y = jax.nn.one_hot(y, x.shape[-1], dtype=x.dtype)
        elif y.shape != x.shape:
            raise ValueError(f"For 'SoftmaxCrossEntropyWithLogits', the 'logits' and 'labels' must have the same "
                             f"shape, but got {x.shape} and {y.shape}.")
        return self.get_loss(-jnp.sum(y.astype(x.dtype) * jax.nn.log_softmax(x, axis=-1), axis=-1))


class CrossEntropyLoss(LossBase):
    """Cross entropy of logits (N, C, ...) against class indices (N, ...) or probabilities
    (N, C, ...). With indices: `weight[c]` per class, `ignore_index` skipped, and 'mean'
    divides by the summed weights of the counted targets. `label_smoothing` mixes in the
    uniform distribution."""

    def __init__(self, weight=None, ignore_index=-100, reduction="mean", label_smoothing=0.0):
        super().__init__(reduction)
        if weight is not None and not isinstance(weight, Tensor):
            raise TypeError(f"For 'CrossEntropyLoss', the 'weight' must be a Tensor or None, but got {type(weight).__name__}.")
        if not isinstance(ignore_index, int) or isinstance(ignore_index, bool):
            raise TypeError(f"For 'CrossEntropyLoss', the 'ignore_index' must be an int, but got {ignore_index!r}.")
        if not isinstance(label_smoothing, (int, float)) or not 0.0 <= label_smoothing <= 1.0:
            raise ValueError(f"For 'CrossEntropyLoss', the 'label_smoothing' must be in [0, 1], but got {label_smoothing!r}.")
        self.weight, self.ignore_index, self.label_smoothing = weight, ignore_index, float(label_smoothing)

    def construct(self, logits, labels):
        x = _value(logits)
        y = _value(labels)
        classes = x.shape[1] if x.ndim > 1 else x.shape[0]
        log_p = jax.nn.log_softmax(x, axis=1 if x.ndim > 1 else 0)
        w = jnp.ones(classes, x.dtype) if self.weight is None else _value(self.weight).astype(x.dtype)
        shape = (1, classes) + (1,) * (x.ndim - 2) if x.ndim > 1 else (classes,)
        if y.dtype.kind in "iu":
            mask = (y != self.ignore_index)
            safe = jnp.where(mask, y, 0)
            axis = 1 if x.ndim > 1 else 0
            picked = jnp.take_along_axis(log_p, jnp.expand_dims(safe, axis), axis=axis).squeeze(axis)
            class_w = w[safe] * mask
            nll = -picked * class_w
            if self.label_smoothing:
                smooth = -jnp.sum(log_p * w.reshape(shape), axis=axis) / classes * mask
                nll = (1 - self.label_smoothing) * nll + self.label_smoothing * smooth
            if self.reduction == "mean":
                return Tensor._wrap(jnp.sum(nll) / jnp.sum(class_w))
            return self.get_loss(nll)
        target = y.astype(x.dtype)
        if self.label_smoothing:
            target = target * (1 - self.label_smoothing) + self.label_smoothing / classes
        loss = -jnp.sum(log_p * target * w.reshape(shape), axis=1 if x.ndim > 1 else 0)
        if self.reduction == "mean":
            return Tensor._wrap(jnp.mean(loss))
        return self.get_loss(loss)
