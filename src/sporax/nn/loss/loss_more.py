"""More losses (`mindspore.nn.loss`), each the matching `ops` function with MindSpore's
defaults; `reduction` is 'mean', 'sum' or 'none'."""
from __future__ import annotations

from ... import _validation
from ...common import dtype as mstype
from ...common.tensor import Tensor
from ...ops import functional as F
from ...ops.operations import nn_ops_ext as _ext
from .loss import LossBase

__all__ = ["BCELoss", "CosineEmbeddingLoss", "CTCLoss", "DiceLoss", "FocalLoss", "GaussianNLLLoss",
           "HingeEmbeddingLoss", "KLDivLoss", "L1LossExt", "MAELoss", "MarginRankingLoss", "MultiLabelSoftMarginLoss",
           "MultiMarginLoss", "MultilabelMarginLoss", "NLLLoss", "PoissonNLLLoss", "RMSELoss", "SoftMarginLoss",
           "TripletMarginLoss", "MultiClassDiceLoss", "TripletMarginWithDistanceLoss"]


def _optional_tensor(layer, name, value):
    if value is not None and not isinstance(value, Tensor):
        raise TypeError(f"For '{layer}', the '{name}' must be a Tensor or None, but got {type(value).__name__}.")
    return value


class BCELoss(LossBase):
    """−w·[y·log p + (1 − y)·log(1 − p)] of probabilities p."""

    def __init__(self, weight=None, reduction="mean"):
        super().__init__(reduction)
        self.weight = _optional_tensor("BCELoss", "weight", weight)

    def construct(self, logits, labels):
        return F.binary_cross_entropy(logits, labels, self.weight, self.reduction)


class CosineEmbeddingLoss(LossBase):
    """1 − cos(x1, x2) where y = 1, max(0, cos(x1, x2) − margin) where y = −1."""

    def __init__(self, margin=0.0, reduction="mean"):
        super().__init__(reduction)
        if isinstance(margin, bool) or not isinstance(margin, (int, float)) or not -1 <= margin <= 1:
            raise ValueError(f"For 'CosineEmbeddingLoss', the 'margin' must be a float in [-1.0, 1.0], but got "
                             f"{margin!r}.")
        self.margin = float(margin)

    def construct(self, logits_x1, logits_x2, labels):
        return F.cosine_embedding_loss(logits_x1, logits_x2, labels, self.margin, self.reduction)


class CTCLoss(LossBase):
    """Connectionist temporal classification loss of log-probabilities (T, N, C)."""

    def __init__(self, blank=0, reduction="mean", zero_infinity=False):
        super().__init__(reduction)
        self.blank = _validation.int_arg("CTCLoss", "blank", blank, minimum=0)
        self.zero_infinity = _validation.bool_arg("CTCLoss", "zero_infinity", zero_infinity)

    def construct(self, log_probs, targets, input_lengths, target_lengths):
        return F.ctc_loss(log_probs, targets, input_lengths, target_lengths, self.blank, self.reduction,
                          self.zero_infinity)[0]


class DiceLoss(LossBase):
    """1 − (2·Σ x·y + smooth)/(Σ x² + Σ y² + smooth)."""

    def __init__(self, smooth=1e-5):
        super().__init__()
        self.smooth = _validation.positive_real("DiceLoss", "smooth", smooth)

    def construct(self, logits, label):
        self._check_same_shape("DiceLoss", logits, label)
        return _ext.composed("dice_loss", smooth=float(self.smooth))(logits, label)


class FocalLoss(LossBase):
    """−(1 − p)^gamma·log p·y per class (p the softmax over axis 1), weighted per class, summed
    over classes and averaged over space."""

    def __init__(self, weight=None, gamma=2.0, reduction="mean"):
        super().__init__(reduction)
        if isinstance(gamma, bool) or not isinstance(gamma, float):
            raise TypeError(f"For 'FocalLoss', the 'gamma' must be a float, but got {type(gamma).__name__}.")
        self.gamma = gamma
        self.weight = _optional_tensor("FocalLoss", "weight", weight)

    def construct(self, logits, labels):
        if logits.ndim < 2:
            raise ValueError(f"For 'FocalLoss', the 'logits' must be at least 2-D, but got shape {logits.shape}.")
        if labels.shape != logits.shape:
            labels = F.one_hot(F.cast(F.squeeze(labels, 1) if labels.ndim == logits.ndim else labels,
                                      mstype.int32), logits.shape[1],
                               Tensor(1.0, logits.dtype), Tensor(0.0, logits.dtype), axis=1)
        weight = F.ones((logits.shape[1],), logits.dtype) if self.weight is None else self.weight
        return _ext.composed("focal_loss", gamma=self.gamma, reduction=self.reduction)(logits, labels, weight)


class GaussianNLLLoss(LossBase):
    """½·(log max(var, eps) + (x − y)²/max(var, eps)) (+ ½·log 2π when `full`)."""

    def __init__(self, *, full=False, eps=1e-6, reduction="mean"):
        super().__init__(reduction)
        self.full = _validation.bool_arg("GaussianNLLLoss", "full", full)
        self.eps = _validation.positive_real("GaussianNLLLoss", "eps", eps)

    def construct(self, logits, labels, var):
        return F.gaussian_nll_loss(logits, labels, var, self.full, self.eps, self.reduction)


class HingeEmbeddingLoss(LossBase):
    def __init__(self, margin=1.0, reduction="mean"):
        super().__init__(reduction)
        if isinstance(margin, bool) or not isinstance(margin, (int, float)):
            raise TypeError(f"For 'HingeEmbeddingLoss', the 'margin' must be a float, but got {type(margin).__name__}.")
        self.margin = float(margin)

    def construct(self, logits, labels):
        return F.hinge_embedding_loss(logits, labels, self.margin, self.reduction)


class KLDivLoss(LossBase):
    """labels·(log labels − logits); 'batchmean' divides the sum by the batch size."""

    def __init__(self, reduction="mean"):
        LossBase.__init__(self, "mean")
        self.reduction = _validation.one_of("KLDivLoss", "reduction", reduction, ("none", "mean", "sum", "batchmean"))

    def construct(self, logits, labels):
        return F.kl_div(logits, labels, self.reduction)


class L1LossExt(LossBase):
    """|x − y|, broadcast, reduced."""

    def construct(self, input, target):  # noqa: A002
        return self.get_loss(F.abs(F.sub(input, target)))


class MAELoss(LossBase):
    """|x − y|."""

    def construct(self, logits, label):
        return self.get_loss(F.abs(F.sub(logits, label)))


class MarginRankingLoss(LossBase):
    def __init__(self, margin=0.0, reduction="mean"):
        super().__init__(reduction)
        if isinstance(margin, bool) or not isinstance(margin, (int, float)):
            raise TypeError(f"For 'MarginRankingLoss', the 'margin' must be a float, but got {type(margin).__name__}.")
        self.margin = float(margin)

    def construct(self, input1, input2, target):
        return F.margin_ranking_loss(input1, input2, target, self.margin, self.reduction)


class MultiLabelSoftMarginLoss(LossBase):
    def __init__(self, weight=None, reduction="mean"):
        super().__init__(reduction)
        self.weight = _optional_tensor("MultiLabelSoftMarginLoss", "weight", weight)

    def construct(self, x, target):
        return F.multilabel_soft_margin_loss(x, target, self.weight, self.reduction)


class MultiMarginLoss(LossBase):
    def __init__(self, p=1, margin=1.0, reduction="mean", weight=None):
        super().__init__(reduction)
        self.p, self.margin = p, margin
        self.weight = _optional_tensor("MultiMarginLoss", "weight", weight)

    def construct(self, x, target, weight=None):
        return F.multi_margin_loss(x, target, self.p, self.margin, self.weight if weight is None else weight,
                                   self.reduction)


class MultilabelMarginLoss(LossBase):
    def construct(self, x, target):
        return F.multilabel_margin_loss(x, target, self.reduction)


class NLLLoss(LossBase):
    """−w[y]·x[y] of log-probabilities against class indices; 'mean' divides by the summed weights."""

    def __init__(self, weight=None, ignore_index=-100, reduction="mean"):
        super().__init__(reduction)
        self.weight = _optional_tensor("NLLLoss", "weight", weight)
        self.ignore_index = _validation.int_arg("NLLLoss", "ignore_index", ignore_index)

    def construct(self, logits, labels):
        return F.nll_loss(logits, labels, self.weight, self.ignore_index, self.reduction)


class PoissonNLLLoss(LossBase):
    """eˣ − y·x (log_input) or x − y·log(x + eps), plus Stirling's term where `full` and y > 1."""

    def __init__(self, log_input=True, full=False, eps=1e-8, reduction="mean"):
        super().__init__(reduction)
        self.log_input = _validation.bool_arg("PoissonNLLLoss", "log_input", log_input)
        self.full = _validation.bool_arg("PoissonNLLLoss", "full", full)
        self.eps = _validation.positive_real("PoissonNLLLoss", "eps", eps)

    def construct(self, input, target):  # noqa: A002
        return _ext.composed("poisson_nll_loss", log_input=self.log_input, full=self.full,
                                  eps=float(self.eps), reduction=self.reduction)(input, target)


class RMSELoss(LossBase):
    """√mean((x − y)²)."""

    def __init__(self):
        super().__init__()

    def construct(self, logits, label):
        self._check_same_shape("RMSELoss", logits, label)
        return _ext.composed("rmse_loss")(logits, label)


class SoftMarginLoss(LossBase):
    """log(1 + e^(−y·x))."""

    def construct(self, logits, labels):
        return F.soft_margin_loss(logits, labels, self.reduction)


class TripletMarginLoss(LossBase):
    def __init__(self, p=2, swap=False, eps=1e-6, reduction="mean", margin=1.0):
        super().__init__(reduction)
        self.p, self.swap, self.eps, self.margin = p, swap, eps, margin

    def construct(self, x, positive, negative, margin=None):
        return F.triplet_margin_loss(x, positive, negative, self.margin if margin is None else margin, self.p,
                                     self.eps, self.swap, self.reduction)


class MultiClassDiceLoss(LossBase):
    """The mean over classes (axis 1, `ignore_indiex` skipped, `weights` per class) of the
    DiceLoss of the activated logits and the labels."""

    def __init__(self, weights=None, ignore_indiex=None, activation="softmax"):
        super().__init__()
        self.weights = _optional_tensor("MultiClassDiceLoss", "weights", weights)
        self.ignore_indiex = ignore_indiex
        if activation not in ("softmax", "sigmoid", None):
            raise ValueError(f"For 'MultiClassDiceLoss', the 'activation' must be 'softmax', 'sigmoid' or None, but "
                             f"got {activation!r}.")
        self.activation = activation
        self._dice = DiceLoss(smooth=1e-5)

    def construct(self, logits, label):
        self._check_same_shape("MultiClassDiceLoss", logits, label)
        if self.activation == "softmax":
            logits = F.softmax(logits, 1)
        elif self.activation == "sigmoid":
            logits = F.sigmoid(logits)
        classes = [i for i in range(label.shape[1]) if i != self.ignore_indiex]
        losses = [self._dice(logits[:, i], label[:, i]) for i in classes]
        if self.weights is not None:
            losses = [F.mul(loss, self.weights[i]) for loss, i in zip(losses, classes)]
        return F.div(F.addn(losses), label.shape[1])


class TripletMarginWithDistanceLoss(LossBase):
    """max(d(a, p) − d(a, n) + margin, 0) with `distance_function` (default the pairwise L2
    distance); `swap` uses min(d(a, n), d(p, n))."""

    def __init__(self, distance_function=None, swap=False, reduction="mean", margin=1.0):
        super().__init__(reduction)
        if distance_function is not None and not callable(distance_function):
            raise TypeError("For 'TripletMarginWithDistanceLoss', the 'distance_function' must be callable or None.")
        self.distance_function = distance_function
        self.swap = _validation.bool_arg("TripletMarginWithDistanceLoss", "swap", swap)
        if isinstance(margin, bool) or not isinstance(margin, (int, float)) or margin < 0:
            raise ValueError(f"For 'TripletMarginWithDistanceLoss', the 'margin' must be a non-negative number, but "
                             f"got {margin!r}.")
        self.margin = float(margin)

    def _distance(self, a, b):
        if self.distance_function is not None:
            return self.distance_function(a, b)
        return F.sqrt(F.sum(F.square(F.add(F.sub(a, b), 1e-6)), -1))

    def construct(self, x, positive, negative):
        d_pos = self._distance(x, positive)
        d_neg = self._distance(x, negative)
        if self.swap:
            d_neg = F.minimum(d_neg, self._distance(positive, negative))
        return self.get_loss(F.maximum(F.add(F.sub(d_pos, d_neg), self.margin), 0.0))
