"""The one resampling arithmetic behind resize, interpolate, upsample and grid_sample, in JAX.

Resizing is separable: per resized axis an (out, in) weight matrix, built in NumPy from
static sizes, is contracted with the input (exact, and differentiable for free). Source
coordinate of output index i on an axis of size n resized to m (scale s = n/m, or
1/scale_factor when a scale is given):
- 'nearest': ⌊i·s⌋; 'nearest-exact': ⌊(i + ½)·s⌋ (clamped to n − 1).
- 'linear', 'cubic' (PyTorch's): align_corners i·(n − 1)/(m − 1); else (i + ½)·s − ½, clamped
  at 0 for linear. Cubic uses the convolution kernel with A = −0.75, indices clamped.
- '*_tf' (TensorFlow's, MindSpore's Resize* ops): align_corners i·(n − 1)/(m − 1) (nearest
  rounds); half_pixel_centers (i + ½)·s − ½ (nearest ⌊(i + ½)·s⌋); else i·s.
- MindSpore's ResizeBicubic (TensorFlow's algorithm) has its own arithmetic: `mindspore_bicubic`.
"""
from __future__ import annotations

import itertools
import math

import jax.numpy as jnp
import numpy as np

from ...common.tensor import Tensor


def _source(i, n, m, align_corners, half_pixel, scale):
    if align_corners:
        return i * ((n - 1) / (m - 1) if m > 1 else 0.0)
    if half_pixel:
        return (i + 0.5) * scale - 0.5
    return i * scale


def _cubic(t, a):
    t = abs(t)
    if t <= 1:
        return ((a + 2) * t - (a + 3)) * t * t + 1
    if t < 2:
        return ((a * t - 5 * a) * t + 8 * a) * t - 4 * a
    return 0.0


_CUBIC_TABLE_SIZE = 1024


def _cubic_table(a: float) -> np.ndarray:
    """(1025, 2) float32: row i holds the kernel at t = i/1024 and at 1 + i/1024 (MindSpore's
    coefficient table; its weights are looked up in it, never evaluated exactly)."""
    t = (np.arange(_CUBIC_TABLE_SIZE + 1) / _CUBIC_TABLE_SIZE).astype(np.float32).astype(np.float64)
    near = ((a + 2) * t - (a + 3)) * t * t + 1
    t = (t.astype(np.float32) + np.float32(1)).astype(np.float64)
    far = ((a * t - 5 * a) * t + 8 * a) * t - 4 * a
    return np.stack([near, far], -1).astype(np.float32)


_CUBIC_TABLES = {a: _cubic_table(a) for a in (-0.5, -0.75)}


def _mindspore_cubic_taps(n: int, m: int, align_corners: bool, half_pixel: bool):
    """(indices (m, 4) int, weights (m, 4) float32): the four source taps of each output of MindSpore CPU's ResizeBicubic (TensorFlow's
    algorithm), in its float32 arithmetic:
    scale s = (n − 1)/(m − 1) with align_corners (m > 1), else n/m; source x = (i + ½)·s − ½
    with half_pixel_centers, else i·s; d = x − ⌊x⌋ rounded to a multiple of 1/1024 (the table).
    half_pixel_centers: Keys' kernel (A = −0.5), taps outside [0, n) dropped and the rest
    renormalised to sum 1; otherwise A = −0.75 with the outside taps clamped onto the edge."""
    f32 = np.float32
    scale = f32(n - 1) / f32(m - 1) if align_corners and m > 1 else f32(n) / f32(m)
    table = _CUBIC_TABLES[-0.5 if half_pixel else -0.75]
    indices, weights = np.zeros((m, 4), np.int64), np.zeros((m, 4), np.float32)
    for i in range(m):
        x = (f32(i) + f32(0.5)) * scale - f32(0.5) if half_pixel else f32(i) * scale
        low = math.floor(x)
        offset = int(np.rint((x - f32(low)) * f32(_CUBIC_TABLE_SIZE)))
        far = _CUBIC_TABLE_SIZE - offset
        row = [table[offset, 1], table[offset, 0], table[far, 0], table[far, 1]]
        taps = [low - 1, low, low + 1, low + 2]
        clamped = [min(max(t, 0), n - 1) for t in taps]
        if half_pixel:
            row = [w if c == t else f32(0) for w, c, t in zip(row, clamped, taps)]
            total = ((row[0] + row[1]) + row[2]) + row[3]
            if abs(total) >= 1000 * np.finfo(np.float32).tiny:
                row = [w * (f32(1) / total) for w in row]
        indices[i], weights[i] = clamped, row
    return indices, weights


def mindspore_bicubic(x, sizes, align_corners, half_pixel):
    """MindSpore CPU's ResizeBicubic of (N, C, H, W) to `sizes`: each output row the sum of
    its four weighted source rows (`_mindspore_cubic_taps`), then each column likewise. Float16
    and bfloat16 are computed in float32, as MindSpore does, and cast back; float64 stays
    float64 (MindSpore rounds it to float32 first and loses half its digits)."""
    compute = jnp.float64 if x.dtype == jnp.float64 else jnp.float32
    out = x.astype(compute)
    for axis, m in ((2, sizes[0]), (3, sizes[1])):
        indices, weights = _mindspore_cubic_taps(out.shape[axis], m, align_corners, half_pixel)
        shape = [1] * out.ndim
        shape[axis] = m
        terms = [jnp.take(out, jnp.asarray(indices[:, k]), axis=axis)
                 * jnp.asarray(weights[:, k], compute).reshape(shape) for k in range(4)]
        out = ((terms[0] + terms[1]) + terms[2]) + terms[3]
    return out.astype(x.dtype)


def weight_matrix(n: int, m: int, mode: str, align_corners=False, half_pixel=False, scale=None) -> np.ndarray:
    """(m, n) resampling weights along one axis."""
    scale = n / m if scale is None else scale
    w = np.zeros((m, n))
    for i in range(m):
        if mode in ("nearest", "nearest-exact", "nearest_tf"):
            if mode == "nearest":
                src = math.floor(i * scale)
            elif mode == "nearest-exact":
                src = math.floor((i + 0.5) * scale)
            elif align_corners:
                src = round(_source(i, n, m, True, False, scale))
            elif half_pixel:
                src = math.floor((i + 0.5) * scale)
            else:
                src = math.floor(i * scale)
            w[i, min(max(src, 0), n - 1)] = 1.0
        elif mode in ("linear", "linear_tf"):
            torch_like = mode == "linear"
            src = _source(i, n, m, align_corners, half_pixel or torch_like, scale)
            if torch_like and not align_corners:
                src = max(src, 0.0)
            low = math.floor(src)
            frac = src - low
            w[i, min(max(low, 0), n - 1)] += 1 - frac
            w[i, min(max(low + 1, 0), n - 1)] += frac
        else:  # cubic (PyTorch's)
            a = -0.75
            src = _source(i, n, m, align_corners, True, scale)
            low = math.floor(src)
            frac = src - low
            for k in range(-1, 3):
                w[i, min(max(low + k, 0), n - 1)] += _cubic(k - frac, a)
    return w


def resize(x, sizes, mode, align_corners=False, half_pixel=False, scales=None):
    """Resample the last len(sizes) axes of x to `sizes` (see the module docstring)."""
    rank = len(sizes)
    for k, (axis, m) in enumerate(zip(range(x.ndim - rank, x.ndim), sizes)):
        n = x.shape[axis]
        scale = None if scales is None or scales[k] is None else 1.0 / scales[k]
        w = jnp.asarray(weight_matrix(n, m, mode, align_corners, half_pixel, scale), x.dtype)
        x = jnp.moveaxis(jnp.tensordot(x, w, axes=[[axis], [1]]), -1, axis)
    return x


def sizes_and_scales(op, x, output_size, scales, rank):
    """The output sizes (from `output_size`, else ⌊n·scale⌋) and the scales (None entries when
    only sizes are given), validated."""
    if isinstance(output_size, Tensor):
        output_size = tuple(int(v) for v in output_size.asnumpy().reshape(-1))
    if isinstance(scales, Tensor):
        scales = tuple(float(v) for v in scales.asnumpy().reshape(-1))
    if (output_size is None) == (scales is None or scales == ()):
        raise ValueError(f"For '{op}', exactly one of 'output_size' and 'scales' must be given, but got "
                         f"output_size {output_size} and scales {scales}.")
    if output_size is not None:
        sizes = tuple(int(v) for v in output_size)
        if len(sizes) != rank or min(sizes) <= 0:
            raise ValueError(f"For '{op}', the 'output_size' must be {rank} positive ints, but got {output_size}.")
        return sizes, None
    scales = tuple(float(v) for v in scales)
    if len(scales) != rank or min(scales) <= 0:
        raise ValueError(f"For '{op}', the 'scales' must be {rank} positive floats, but got {scales}.")
    return tuple(int(math.floor(n * s)) for n, s in zip(x.shape[x.ndim - rank:], scales)), scales


def _unnormalise(g, size, align_corners):
    if align_corners:
        return (g + 1) / 2 * (size - 1)
    return ((g + 1) * size - 1) / 2


def _reflect(coord, size, align_corners):
    low, span = (0.0, size - 1.0) if align_corners else (-0.5, float(size))
    if span <= 0:
        return jnp.zeros_like(coord)
    c = jnp.abs(coord - low)
    flips = jnp.floor(c / span)
    extra = c - flips * span
    return jnp.where(flips % 2 == 0, low + extra, low + span - extra)


def grid_sample(x, grid, mode, padding_mode, align_corners):
    """PyTorch's grid_sample for (N, C, *spatial) and grid (N, *out, rank), grid[..., 0] the
    last (width) axis."""
    rank = x.ndim - 2
    spatial = x.shape[2:]
    coords = []
    for k in range(rank):
        size = spatial[rank - 1 - k]
        c = _unnormalise(grid[..., k], size, align_corners)
        if padding_mode == "border":
            c = jnp.clip(c, 0, size - 1)
        elif padding_mode == "reflection":
            c = jnp.clip(_reflect(c, size, align_corners), 0, size - 1)
        coords.append(c)
    coords = coords[::-1]  # now in spatial-axis order
    n = x.shape[0]
    batch = jnp.arange(n).reshape((n,) + (1,) * (grid.ndim - 2))

    def gather(indices):
        valid = jnp.ones(indices[0].shape, bool)
        clipped = []
        for idx, size in zip(indices, spatial):
            valid = valid & (idx >= 0) & (idx <= size - 1)
            clipped.append(jnp.clip(idx, 0, size - 1).astype(jnp.int32))
        channels_last = jnp.moveaxis(x, 1, -1)
        values = channels_last[(batch,) + tuple(clipped)]
        return jnp.where(valid[..., None], values, 0)

    if mode == "nearest":
        out = gather([jnp.round(c) for c in coords])
    else:
        lows = [jnp.floor(c) for c in coords]
        fracs = [c - lo for c, lo in zip(coords, lows)]
        out = 0
        for corner in itertools.product((0, 1), repeat=rank):
            weight = 1
            for bit, f in zip(corner, fracs):
                weight = weight * (f if bit else 1 - f)
            out = out + gather([lo + bit for lo, bit in zip(lows, corner)]) * weight[..., None]
    return jnp.moveaxis(out, -1, 1).astype(x.dtype)


def affine_grid(theta, size, align_corners):
    """(N, *out, rank) sampling grid: θ applied to the normalised output coordinates
    (x the last axis), [−1, 1] at the corner centres with align_corners, else at the edges."""
    spatial = size[2:]
    rank = len(spatial)

    def line(n):
        if align_corners:
            return np.linspace(-1, 1, n) if n > 1 else np.zeros(1)
        return (np.arange(n) * 2 + 1) / n - 1

    axes = np.meshgrid(*[line(n) for n in spatial], indexing="ij")
    base = np.stack(list(axes[::-1]) + [np.ones(spatial)], axis=-1)  # (*out, rank + 1), x first
    base = jnp.asarray(base, theta.dtype).reshape(-1, rank + 1)
    grid = jnp.einsum("pk,njk->npj", base, theta)
    return grid.reshape((size[0],) + tuple(spatial) + (rank,))
