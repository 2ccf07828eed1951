"""Image resizing as MindSpore's CPU kernels do it (OpenCV's `cv::resize`), in NumPy.

Bilinear (INTER_LINEAR): source coordinate `x = (dx + 0.5) * src/dst - 0.5` (half-pixel
centres), clamped at the borders. For uint8, OpenCV works in fixed point: each weight is
rounded to 11 bits (`w * 2048`), a row is first interpolated horizontally into int32
(`S0 * a0 + S1 * a1`), then vertically with its SIMD rounding
`(((R0 >> 4) * b0 >> 16) + ((R1 >> 4) * b1 >> 16) + 2) >> 2`; that is what makes the
uint8 results bit-identical to MindSpore's. Floats interpolate in float32.
Nearest (INTER_NEAREST): `sx = floor(dx * src/dst)`.
Bicubic (INTER_CUBIC) likewise, in OpenCV's fixed point (`resize_cubic`); area, antialias
and PILCUBIC go through Pillow (`Image.resize`).
"""
from __future__ import annotations

import numpy as np

_COEF_BITS = 11
_COEF_SCALE = 1 << _COEF_BITS


def _linear_taps(source: int, target: int, clamp_weights: bool = True):
    """Taps and weights along one axis. OpenCV clamps the weights only horizontally;
    vertically it keeps the weight and clamps the row index (rows -1 and 0 are both row 0)."""
    scale = source / target
    position = ((np.arange(target, dtype=np.float64) + 0.5) * scale - 0.5).astype(np.float32)
    start = np.floor(position).astype(np.int64)
    fraction = (position - start).astype(np.float32)
    if not clamp_weights:
        return np.clip(start, 0, source - 1), np.clip(start + 1, 0, source - 1), fraction
    low = start < 0
    fraction[low] = 0.0
    start[low] = 0
    high = start >= source - 1
    fraction[high] = 0.0
    start[high] = source - 1
    following = np.minimum(start + 1, source - 1)
    return start, following, fraction


def _fixed_weights(fraction):
    first = np.round((1.0 - fraction.astype(np.float64)) * _COEF_SCALE).astype(np.int32)
    return first, _COEF_SCALE - first


def resize_linear(image: np.ndarray, height: int, width: int) -> np.ndarray:
    """Bilinear resize of an <H, W, C> array to <height, width, C>."""
    rows0, rows1, row_fraction = _linear_taps(image.shape[0], height, clamp_weights=False)
    cols0, cols1, col_fraction = _linear_taps(image.shape[1], width)
    if image.dtype == np.uint8:
        a0, a1 = _fixed_weights(col_fraction)
        b0, b1 = _fixed_weights(row_fraction)
        source = image.astype(np.int32)
        horizontal = source[:, cols0] * a0[None, :, None] + source[:, cols1] * a1[None, :, None]
        top = horizontal[rows0] >> 4
        bottom = horizontal[rows1] >> 4
        mixed = ((top * b0[:, None, None]) >> 16) + ((bottom * b1[:, None, None]) >> 16)
        return np.clip((mixed + 2) >> 2, 0, 255).astype(np.uint8)
    work = image.astype(np.float32)
    cf = col_fraction[None, :, None]
    horizontal = work[:, cols0] * (1.0 - cf) + work[:, cols1] * cf
    rf = row_fraction[:, None, None]
    out = horizontal[rows0] * (1.0 - rf) + horizontal[rows1] * rf
    return out.astype(image.dtype) if image.dtype.kind == "f" else np.round(out).astype(image.dtype)


def resize_nearest(image: np.ndarray, height: int, width: int) -> np.ndarray:
    rows = np.minimum(np.floor(np.arange(height) * (image.shape[0] / height)).astype(np.int64), image.shape[0] - 1)
    cols = np.minimum(np.floor(np.arange(width) * (image.shape[1] / width)).astype(np.int64), image.shape[1] - 1)
    return image[rows][:, cols]


def resize_pillow(image: np.ndarray, height: int, width: int, resample) -> np.ndarray:
    from PIL import Image
    if image.dtype != np.uint8:
        channels = [np.asarray(Image.fromarray(image[:, :, c].astype(np.float32), mode="F").resize(
            (width, height), resample)) for c in range(image.shape[2])]
        return np.stack(channels, axis=2).astype(image.dtype)
    if image.shape[2] in (1, 3, 4):
        squeezed = image[:, :, 0] if image.shape[2] == 1 else image
        out = np.asarray(Image.fromarray(squeezed).resize((width, height), resample))
        return out.reshape(height, width, image.shape[2])
    channels = [np.asarray(Image.fromarray(image[:, :, c]).resize((width, height), resample))
                for c in range(image.shape[2])]
    return np.stack(channels, axis=2)


def _cubic_weights(fraction):
    """OpenCV's cubic convolution weights (A = -0.75) for the taps at -1, 0, 1, 2."""
    a, x = -0.75, fraction.astype(np.float64)
    w0 = ((a * (x + 1) - 5 * a) * (x + 1) + 8 * a) * (x + 1) - 4 * a
    w1 = ((a + 2) * x - (a + 3)) * x * x + 1
    w2 = ((a + 2) * (1 - x) - (a + 3)) * (1 - x) * (1 - x) + 1
    return np.stack([w0, w1, w2, 1 - w0 - w1 - w2], -1).astype(np.float32)


def _cubic_taps(source: int, target: int):
    position = ((np.arange(target, dtype=np.float64) + 0.5) * (source / target) - 0.5).astype(np.float32)
    start = np.floor(position).astype(np.int64)
    taps = np.clip(start[:, None] + np.arange(-1, 3)[None, :], 0, source - 1)
    return taps, _cubic_weights(position - start)


def resize_cubic(image: np.ndarray, height: int, width: int) -> np.ndarray:
    """Bicubic (INTER_CUBIC): 4 x 4 taps, borders replicated; uint8 in OpenCV's fixed point
    (11-bit weights, int32 rows, `(sum + 2**21) >> 22`), floats in float32."""
    rows, row_weights = _cubic_taps(image.shape[0], height)
    cols, col_weights = _cubic_taps(image.shape[1], width)
    if image.dtype == np.uint8:
        a = np.round(col_weights * _COEF_SCALE).astype(np.int64)
        b = np.round(row_weights * _COEF_SCALE).astype(np.int64)
        source = image.astype(np.int64)
        horizontal = sum(source[:, cols[:, k]] * a[None, :, k, None] for k in range(4))
        mixed = sum(horizontal[rows[:, k]] * b[:, k, None, None] for k in range(4))
        return np.clip((mixed + (1 << 21)) >> 22, 0, 255).astype(np.uint8)
    work = image.astype(np.float32)
    horizontal = sum(work[:, cols[:, k]] * col_weights[None, :, k, None] for k in range(4))
    out = sum(horizontal[rows[:, k]] * row_weights[:, k, None, None] for k in range(4))
    return out.astype(image.dtype) if image.dtype.kind == "f" else np.round(out).astype(image.dtype)
