"""MindSpore's small computation cells (`mindspore.nn.layer.math`, `.image`, `.basic`):
each wraps one ops function so that it can sit in a SequentialCell."""
from __future__ import annotations

import math

from ... import _validation
from ...common import dtype as mstype
from ...common.tensor import Tensor
from ...ops import functional as F
from ...ops import operations as P
from ..cell import Cell

__all__ = ["Roll", "Tril", "Triu", "Range", "OneHot", "Norm", "Moments", "ReduceLogSumExp", "MatMul", "DiGamma",
           "LGamma", "LBeta", "MatrixDiag", "MatrixDiagPart", "MatrixSetDiag", "ImageGradients", "PSNR",
           "CentralCrop"]


class Roll(Cell):
    """Elements shifted by `shift` along `axis`, wrapping around."""

    def __init__(self, shift, axis):
        super().__init__()
        self.shift, self.axis = shift, axis

    def construct(self, input_x):
        return F.roll(input_x, self.shift, self.axis)


class Tril(Cell):
    """The lower triangle (k-th diagonal and below) of the last two axes."""

    def __init__(self):
        super().__init__()

    def construct(self, x, k=0):
        return F.tril(x, k)


class Triu(Cell):
    """The upper triangle (k-th diagonal and above) of the last two axes."""

    def __init__(self):
        super().__init__()

    def construct(self, x, k=0):
        return F.triu(x, k)


class Range(Cell):
    """The sequence start, start + delta, … below limit (0 .. start when limit is None)."""

    def __init__(self, start, limit=None, delta=1):
        super().__init__()
        for name, v in (("start", start), ("limit", limit), ("delta", delta)):
            if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float))):
                raise TypeError(f"For 'Range', the '{name}' must be an int or float, but got {type(v).__name__}.")
        if delta == 0:
            raise ValueError("For 'Range', the 'delta' can not be zero.")
        if limit is None:
            start, limit = 0, start
        self.start, self.limit, self.delta = start, limit, delta
        floating = any(isinstance(v, float) for v in (start, limit, delta))
        self._dtype = mstype.float32 if floating else mstype.int32

    def construct(self):
        return F.cast(F.arange(self.start, self.limit, self.delta), self._dtype)


class OneHot(Cell):
    """One-hot vectors of `depth` along `axis`, on_value where the index matches, else off_value."""

    def __init__(self, axis=-1, depth=1, on_value=1.0, off_value=0.0, dtype=mstype.float32):
        super().__init__()
        self.axis = _validation.int_arg("OneHot", "axis", axis)
        self.depth = _validation.positive_int("OneHot", "depth", depth)
        self.on_value, self.off_value, self.dtype = on_value, off_value, dtype

    def construct(self, indices):
        return F.one_hot(indices, self.depth, Tensor(self.on_value, self.dtype), Tensor(self.off_value, self.dtype),
                         self.axis)


class Norm(Cell):
    """√Σx² over `axis` (all axes by default)."""

    def __init__(self, axis=(), keep_dims=False):
        super().__init__()
        self.axis = axis
        self.keep_dims = _validation.bool_arg("Norm", "keep_dims", keep_dims)

    def construct(self, x):
        return F.sqrt(P.ReduceSum(self.keep_dims)(F.square(x), self.axis))


class Moments(Cell):
    """(mean, biased variance) over `axis`."""

    def __init__(self, axis=None, keep_dims=None):
        super().__init__()
        self.axis = () if axis is None else axis
        self.keep_dims = bool(keep_dims)

    def construct(self, x):
        mean = P.ReduceMean(True)(x, self.axis)
        variance = P.ReduceMean(self.keep_dims)(F.square(F.sub(x, mean)), self.axis)
        return (mean if self.keep_dims else P.ReduceMean(False)(x, self.axis)), variance


class ReduceLogSumExp(Cell):
    """log Σ eˣ over `axis`."""

    def __init__(self, axis, keep_dims=False):
        super().__init__()
        self.axis = axis
        self.keep_dims = _validation.bool_arg("ReduceLogSumExp", "keep_dims", keep_dims)

    def construct(self, x):
        return F.logsumexp(x, self.axis, self.keep_dims)


class MatMul(Cell):
    """Batched matrix product with broadcasting; `transpose_x1`/`transpose_x2` swap the last two axes first."""

    def __init__(self, transpose_x1=False, transpose_x2=False):
        super().__init__()
        self.transpose_x1 = _validation.bool_arg("MatMul", "transpose_x1", transpose_x1)
        self.transpose_x2 = _validation.bool_arg("MatMul", "transpose_x2", transpose_x2)

    @staticmethod
    def _swap(x):
        axes = tuple(range(x.ndim - 2)) + (x.ndim - 1, x.ndim - 2)
        return F.transpose(x, axes)

    def construct(self, x1, x2):
        if self.transpose_x1 and x1.ndim > 1:
            x1 = self._swap(x1)
        if self.transpose_x2 and x2.ndim > 1:
            x2 = self._swap(x2)
        return F.matmul(x1, x2)


class DiGamma(Cell):
    """ψ(x) = d/dx log Γ(x)."""

    def __init__(self):
        super().__init__()

    def construct(self, x):
        return F.digamma(x)


class LGamma(Cell):
    """log |Γ(x)|."""

    def __init__(self):
        super().__init__()

    def construct(self, x):
        return F.lgamma(x)


class LBeta(Cell):
    """log B(x, y) = log Γ(x) + log Γ(y) − log Γ(x + y)."""

    def __init__(self):
        super().__init__()

    def construct(self, x, y):
        return F.sub(F.add(F.lgamma(x), F.lgamma(y)), F.lgamma(F.add(x, y)))


def _eye(rows, cols, dtype):
    return F.eye(rows, cols, dtype)


class MatrixDiag(Cell):
    """(…, n) -> (…, n, n) with the input on the diagonal."""

    def __init__(self):
        super().__init__()

    def construct(self, input_x):
        n = input_x.shape[-1]
        return F.mul(F.expand_dims(input_x, -1), _eye(n, n, input_x.dtype))


class MatrixDiagPart(Cell):
    """(…, m, n) -> (…, min(m, n)): the main diagonal."""

    def __init__(self):
        super().__init__()

    def construct(self, input_x):
        m, n = input_x.shape[-2:]
        k = min(m, n)
        square = input_x[..., :k, :k]
        return P.ReduceSum()(F.mul(square, _eye(k, k, input_x.dtype)), -1)


class MatrixSetDiag(Cell):
    """(…, m, n) with its main diagonal replaced by `diagonal` (…, min(m, n))."""

    def __init__(self):
        super().__init__()

    def construct(self, input_x, diagonal):
        m, n = input_x.shape[-2:]
        k = min(m, n)
        eye = _eye(m, n, input_x.dtype)
        padded = F.pad(diagonal, (0, n - k)) if n > k else diagonal
        return F.add(F.mul(input_x, F.sub(1.0, eye)), F.mul(F.expand_dims(padded, -2), eye))


class ImageGradients(Cell):
    """(dy, dx) of (N, C, H, W): forward differences, 0 in the last row / column."""

    def __init__(self):
        super().__init__()

    def construct(self, images):
        if images.ndim != 4:
            raise ValueError(f"For 'ImageGradients', the 'images' must be 4-D, but got shape {images.shape}.")
        dy = F.pad(F.sub(images[:, :, 1:, :], images[:, :, :-1, :]), (0, 0, 0, 1))
        dx = F.pad(F.sub(images[:, :, :, 1:], images[:, :, :, :-1]), (0, 1))
        return dy, dx


class PSNR(Cell):
    """10·log10(max_val²/mse) per image of (N, C, H, W)."""

    def __init__(self, max_val=1.0):
        super().__init__()
        if isinstance(max_val, bool) or not isinstance(max_val, (int, float)) or max_val <= 0:
            raise ValueError(f"For 'PSNR', the 'max_val' must be a number greater than 0, but got {max_val!r}.")
        self.max_val = float(max_val)

    def construct(self, img1, img2):
        for name, img in (("img1", img1), ("img2", img2)):
            if img.ndim != 4:
                raise ValueError(f"For 'PSNR', the '{name}' must be 4-D, but got shape {img.shape}.")
        if img1.shape != img2.shape:
            raise ValueError(f"For 'PSNR', 'img1' and 'img2' must have the same shape, but got {img1.shape} and "
                             f"{img2.shape}.")
        mse = P.ReduceMean()(F.square(F.sub(F.cast(img1, mstype.float32), F.cast(img2, mstype.float32))), (-3, -2, -1))
        return F.div(F.mul(F.log(F.div(self.max_val ** 2, mse)), 10.0), math.log(10.0))


class CentralCrop(Cell):
    """The central `central_fraction` of (C, H, W) or (N, C, H, W): rows
    [⌊(1 − f)·H/2⌋, ⌊(1 − f)·H/2⌋ + H − 2·⌊(1 − f)·H/2⌋) (likewise columns)."""

    def __init__(self, central_fraction):
        super().__init__()
        if not isinstance(central_fraction, float):
            raise TypeError(f"For 'CentralCrop', the 'central_fraction' must be a float, but got "
                            f"{type(central_fraction).__name__}.")
        if not 0.0 < central_fraction <= 1.0:
            raise ValueError(f"For 'CentralCrop', the 'central_fraction' must be in range (0.0, 1.0], but got "
                             f"{central_fraction}.")
        self.central_fraction = central_fraction

    def construct(self, image):
        if image.ndim not in (3, 4):
            raise ValueError(f"For 'CentralCrop', the 'image' must be 3-D or 4-D, but got shape {image.shape}.")
        if self.central_fraction == 1.0:
            return image
        h, w = image.shape[-2:]
        top = int((h - h * self.central_fraction) / 2)
        left = int((w - w * self.central_fraction) / 2)
        return image[..., top:h - top, left:w - left]
