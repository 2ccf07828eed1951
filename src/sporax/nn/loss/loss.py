"""Losses (`mindspore.nn.loss`). `reduction` is 'mean' (default), 'sum' or 'none'."""
from __future__ import annotations

from ... import _validation
from ...common.tensor import Tensor
from ...ops import functional as F
from ...ops import operations as P
from ..cell import Cell

_REDUCTIONS = ("mean", "sum", "none")


class LossBase(Cell):
    """Base: `get_loss(x, weights=1.0)` weights and reduces elementwise losses."""

    def __init__(self, reduction="mean"):
        super().__init__()
        self.reduction = _validation.one_of(type(self).__name__, "reduction", reduction, _REDUCTIONS)

    def get_loss(self, x, weights=1.0):
        x = F.mul(x, weights)
        if self.reduction == "mean":
            return F.mean(x)
        if self.reduction == "sum":
            return F.sum(x)
        return x

    @staticmethod
    def _check_same_shape(name, logits, labels):
        if tuple(logits.shape) != tuple(labels.shape):
            raise ValueError(f"For '{name}', the 'logits' and 'labels' must have the same shape, but got "
                             f"{tuple(logits.shape)} and {tuple(labels.shape)}.")


class MSELoss(LossBase):
    """(x − y)²."""

    def construct(self, logits, labels):
        self._check_same_shape("MSELoss", logits, labels)
        return self.get_loss(F.square(F.sub(logits, labels)))


class L1Loss(LossBase):
    """|x − y|."""

    def construct(self, logits, labels):
        self._check_same_shape("L1Loss", logits, labels)
        return self.get_loss(F.abs(F.sub(logits, labels)))


class BCEWithLogitsLoss(LossBase):
    """−w·[p·y·log σ(x) + (1 − y)·log(1 − σ(x))], computed stably from the logits."""

    def __init__(self, reduction="mean", weight=None, pos_weight=None):
        super().__init__(reduction)
        for name, value in (("weight", weight), ("pos_weight", pos_weight)):
            if value is not None and not isinstance(value, Tensor):
                raise TypeError(f"For 'BCEWithLogitsLoss', the '{name}' must be a Tensor or None, but got "
                                f"{type(value).__name__}.")
        self.weight, self.pos_weight = weight, pos_weight
        self.bce_with_logits_loss = P.BCEWithLogitsLoss(reduction)

    def construct(self, logits, labels):
        self._check_same_shape("BCEWithLogitsLoss", logits, labels)
        ones = F.ones_like(logits)
        weight = ones if self.weight is None else self.weight
        pos_weight = ones if self.pos_weight is None else self.pos_weight
        return self.bce_with_logits_loss(logits, labels, weight, pos_weight)


class SoftmaxCrossEntropyWithLogits(LossBase):
    """−Σ_c y_c · log softmax(x)_c over the last axis; `sparse` labels are class indices.
    Default reduction 'none', as MindSpore."""

    def __init__(self, sparse=False, reduction="none"):
        super().__init__(reduction)
        self.sparse = _validation.bool_arg("SoftmaxCrossEntropyWithLogits", "sparse", sparse)
        self.one_hot = P.OneHot()
        self.softmax_cross_entropy = P.SoftmaxCrossEntropyWithLogits()

    def construct(self, logits, labels):
        if self.sparse:
            if labels.dtype.kind not in ("int", "uint"):
                raise TypeError("For 'SoftmaxCrossEntropyWithLogits', sparse labels must be an int Tensor, but got "
                                f"{labels.dtype}.")
            labels = self.one_hot(labels, logits.shape[-1], Tensor(1, logits.dtype), Tensor(0, logits.dtype))
        elif labels.shape != logits.shape:
            raise ValueError(f"For 'SoftmaxCrossEntropyWithLogits', the 'logits' and 'labels' must have the same "
                             f"shape, but got {logits.shape} and {labels.shape}.")
        return self.get_loss(self.softmax_cross_entropy(logits, labels)[0])


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
        return F.cross_entropy(logits, labels, self.weight, self.ignore_index, self.reduction, self.label_smoothing)
