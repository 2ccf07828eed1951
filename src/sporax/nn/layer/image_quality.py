"""Image-quality indices: SSIM and MS-SSIM (`mindspore.nn.SSIM`, `mindspore.nn.MSSSIM`).

Both compare two (N, C, H, W) batches channel by channel through a Gaussian window `w`
(`filter_size`², standard deviation `filter_sigma`, offsets ⌊−s/2⌋+1 … ⌊s/2⌋ as MindSpore
lays them out, normalised to sum 1) applied as a 'valid' convolution `*`:

    μx = w * x,   σx² = w * x² − μx²,   σxy = w * (x·y) − μx·μy
    ssim = (2μxμy + c1)(2σxy + c2) / ((μx² + μy² + c1)(σx² + σy² + c2)),   cs = (2σxy + c2)/(σx² + σy² + c2)

with c1 = (k1·L)², c2 = (k2·L)², L = `max_val`; each map is averaged over H, W and then
over channels. Integer images (MSSSIM's uint8) are divided by their dtype's maximum first,
and so is L. MS-SSIM repeats this on `len(power_factors)` scales (2×2 average pooling between
them) and returns ∏_{j<M} relu(cs_j)^{β_j} · relu(ssim_M)^{β_M} averaged over channels.

The window lives, as in MindSpore, in a frozen `Conv2d` weight (`conv.weight`,
`multi_convs_list.<i>.weight`, requires_grad False), so checkpoints carry the same names.
"""
from __future__ import annotations

import numpy as np

from ... import _validation
from ...common import dtype as mstype
from ...common.tensor import Tensor
from ...ops import functional as F
from ...ops import operations as P
from ..cell import Cell
from .activation import ReLU
from .container import CellList
from .conv import Conv2d
from .pooling import AvgPool2d

__all__ = ["SSIM", "MSSSIM"]


def gaussian_window(size: int, sigma: float) -> np.ndarray:
    """The (1, 1, size, size) float32 window: exp(−(i² + j²)/(2σ²)) normalised to sum 1, for
    i, j in ⌊−size/2⌋+1 … ⌊size/2⌋ (even sizes are one step off centre, as in MindSpore)."""
    offsets = np.arange(-size // 2 + 1, size // 2 + 1).astype(np.float32) ** 2
    g = np.exp(-(offsets[:, None] + offsets[None, :]) / (2 * sigma ** 2))
    return (g / np.sum(g))[None, None].astype(np.float32)


def _check_max_val(owner, max_val):
    if isinstance(max_val, bool) or not isinstance(max_val, (int, float)):
        raise TypeError(f"For '{owner}', the type of 'max_val' should be one of '['int', 'float']', but got type "
                        f"'{type(max_val).__name__}'.")
    if max_val <= 0:
        raise ValueError(f"For '{owner}', the argument 'max_val' must > 0.0, but got {max_val}.")


def _check_window_args(owner, filter_size, filter_sigma, k1, k2):
    if isinstance(filter_size, bool) or not isinstance(filter_size, int):
        raise TypeError(f"For '{owner}', the 'filter_size' must be int, but got '{type(filter_size).__name__}'")
    if filter_size < 1:
        raise ValueError(f"For '{owner}', the 'filter_size' must be int and must >= 1, but got '{filter_size}' with "
                         f"type 'int'.")
    if not isinstance(filter_sigma, float):
        raise TypeError(f"For '{owner}', the 'filter_sigma' must be float, but got '{type(filter_sigma).__name__}'")
    if not filter_sigma > 0:
        raise ValueError(f"For '{owner}', the 'filter_sigma' must be float and must > 0, but got '{filter_sigma}' "
                         f"with type 'float'.")
    for name, value in (("k1", k1), ("k2", k2)):
        if not isinstance(value, float):
            raise TypeError(f"For '{owner}', the type of '{name}' should be 'float', but got type "
                            f"'{type(value).__name__}'.")


def _check_4d(owner, name, img):
    if img.ndim != 4:
        raise ValueError(f"For '{owner}', the dimension of '{name}' must be 4d, but got {img.ndim}.")


def _check_dtype(owner, img, allowed):
    if img.dtype not in allowed:
        names = ", ".join(f"mindspore.{str(d).lower()}" for d in allowed)
        raise TypeError(f"For '{owner}', the 'img1' should be one of [{names}], but got "
                        f"'mindspore.{str(img.dtype).lower()}'.")


def _check_same_type_shape(img1, img2):
    if img2.dtype != img1.dtype:
        raise TypeError(f"For 'SameTypeShape', the x dtype should be = y dtype: Tensor[{img2.dtype}], but got "
                        f"Tensor[{img1.dtype}].")
    if img2.shape != img1.shape:
        raise ValueError(f"For 'SameTypeShape', the x shape should be = y shape: {list(img2.shape)}, but got "
                         f"{list(img1.shape)}.")


def _dtype_max(dtype) -> float:
    """The value that maps an image of this dtype onto [0, 1]: the integer maximum, else 1."""
    if np.issubdtype(dtype.to_numpy(), np.integer):
        return float(np.iinfo(dtype.to_numpy()).max)
    return 1.0


def _stabilisers(max_val, k1, k2, dtype_max):
    """c1 = (k1·L)², c2 = (k2·L)² with L = max_val as float32, divided by the dtype's maximum
    for integer images (MindSpore scales L like the pixels)."""
    level = float(np.float32(max_val))
    if dtype_max > 1.0:
        level = level * float(np.float32(1.0 / dtype_max))
    return (k1 * level) ** 2, (k2 * level) ** 2


def _as_float32(img, dtype_max):
    img = F.cast(img, mstype.float32)
    return F.mul(img, 1.0 / dtype_max) if dtype_max > 1.0 else img


def _ssim_and_cs(c1, c2, img1, img2, conv):
    """Per-channel SSIM and contrast-structure maps averaged over H, W: two (N, C) tensors."""
    ssim_maps, cs_maps = [], []
    for x, y in zip(F.split(img1, 1, 1), F.split(img2, 1, 1)):
        mu_x, mu_y = conv(x), conv(y)
        mu_xx, mu_yy, mu_xy = F.mul(mu_x, mu_x), F.mul(mu_y, mu_y), F.mul(mu_x, mu_y)
        sigma_xx = F.sub(conv(F.mul(x, x)), mu_xx)
        sigma_yy = F.sub(conv(F.mul(y, y)), mu_yy)
        sigma_xy = F.sub(conv(F.mul(x, y)), mu_xy)
        luminance_num = F.add(F.mul(mu_xy, 2), c1)
        luminance_den = F.add(F.add(mu_xx, mu_yy), c1)
        contrast_num = F.add(F.mul(sigma_xy, 2), c2)
        contrast_den = F.add(F.add(sigma_xx, sigma_yy), c2)
        ssim_maps.append(F.div(F.mul(luminance_num, contrast_num), F.mul(luminance_den, contrast_den)))
        cs_maps.append(F.div(contrast_num, contrast_den))
    mean = P.ReduceMean()
    return mean(F.concat(ssim_maps, 1), (2, 3)), mean(F.concat(cs_maps, 1), (2, 3))


def _window_conv(filter_size, window):
    conv = Conv2d(1, 1, filter_size, stride=1, pad_mode="valid", padding=0, weight_init=Tensor(window))
    conv.weight.requires_grad = False
    return conv


class SSIM(Cell):
    """Structural similarity of two (N, C, H, W) float16/float32 batches: one value per image
    (the formula in this module's docstring)."""

    def __init__(self, max_val=1.0, filter_size=11, filter_sigma=1.5, k1=0.01, k2=0.03):
        super().__init__()
        _check_max_val("SSIM", max_val)
        _check_window_args("SSIM", filter_size, filter_sigma, k1, k2)
        self.max_val, self.filter_size, self.filter_sigma, self.k1, self.k2 = (max_val, filter_size, filter_sigma,
                                                                                k1, k2)
        self.conv = _window_conv(filter_size, gaussian_window(filter_size, filter_sigma))

    def construct(self, img1, img2):
        _check_dtype("SSIM", img1, (mstype.float32, mstype.float16))
        _check_4d("SSIM", "img1", img1)
        for axis in (2, 3):
            if img1.shape[axis] < self.filter_size:
                raise ValueError(f"For 'SSIM', the img1 shape[{axis}] should be >= filter_size: {self.filter_size}, "
                                 f"but got {img1.shape[axis]}.")
        _check_same_type_shape(img1, img2)
        dtype_max = _dtype_max(img1.dtype)
        c1, c2 = _stabilisers(self.max_val, self.k1, self.k2, dtype_max)
        ssim, _ = _ssim_and_cs(c1, c2, _as_float32(img1, dtype_max), _as_float32(img2, dtype_max), self.conv)
        return P.ReduceMean()(ssim, -1)


class MSSSIM(Cell):
    """Multi-scale structural similarity of two (N, C, H, W) batches (float64, float32, float16
    or uint8): one value per image (the formula in this module's docstring)."""

    def __init__(self, max_val=1.0, power_factors=(0.0448, 0.2856, 0.3001, 0.2363, 0.1333), filter_size=11,
                 filter_sigma=1.5, k1=0.01, k2=0.03):
        super().__init__()
        _check_max_val("MSSSIM", max_val)
        if not isinstance(power_factors, (tuple, list)):
            raise TypeError(f"For 'MSSSIM', the type of 'power_factors' should be one of '['tuple', 'list']', but got "
                            f"type '{type(power_factors).__name__}'.")
        _check_window_args("MSSSIM", filter_size, filter_sigma, k1, k2)
        if not power_factors or not all(isinstance(p, (int, float)) and not isinstance(p, bool)
                                        for p in power_factors):
            raise TypeError(f"For 'MSSSIM', the 'power_factors' must be a non-empty tuple or list of numbers, but got "
                            f"{power_factors!r}.")
        self.max_val, self.filter_size, self.filter_sigma, self.k1, self.k2 = (max_val, filter_size, filter_sigma,
                                                                                k1, k2)
        window = gaussian_window(filter_size, filter_sigma)
        self.level = len(power_factors)
        self.multi_convs_list = CellList([_window_conv(filter_size, window) for _ in range(self.level)])
        self.weight_tensor = Tensor(np.asarray(power_factors, np.float32))
        self.avg_pool = AvgPool2d(kernel_size=2, stride=2, pad_mode="valid")
        self.relu = ReLU()

    def construct(self, img1, img2):
        _check_4d("MSSSIM", "img1", img1)
        _check_4d("MSSSIM", "img2", img2)
        _check_dtype("MSSSIM", img1, (mstype.float64, mstype.float32, mstype.float16, mstype.uint8))
        _check_same_type_shape(img1, img2)
        dtype_max = _dtype_max(img1.dtype)
        c1, c2 = _stabilisers(self.max_val, self.k1, self.k2, dtype_max)
        img1, img2 = _as_float32(img1, dtype_max), _as_float32(img2, dtype_max)
        contrast_structure = []
        for level in range(self.level):
            if min(img1.shape[2:]) < self.filter_size:
                raise ValueError(f"For 'MSSSIM', the images at scale {level} are {img1.shape[2]}x{img1.shape[3]}, "
                                 f"smaller than 'filter_size' {self.filter_size}: {self.level} scales need images of "
                                 f"at least {self.filter_size * 2 ** (self.level - 1)} pixels a side.")
            ssim, cs = _ssim_and_cs(c1, c2, img1, img2, self.multi_convs_list[level])
            contrast_structure.append(self.relu(cs))
            img1, img2 = self.avg_pool(img1), self.avg_pool(img2)
        factors = F.stack(contrast_structure[:-1] + [self.relu(ssim)], -1)
        per_image = P.ReduceProd()(F.pow(factors, self.weight_tensor), -1)
        return P.ReduceMean()(per_image, -1)
