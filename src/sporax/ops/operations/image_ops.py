"""Image and detection primitives: box encoding and overlap, colour-space conversion, crops and
resizes, non-maximum suppression (MindSpore's image_ops / detection kernels).

Boxes are (x1, y1, x2, y2) in pixel coordinates where MindSpore's kernels count both ends
(a box [0, 0, 2, 2] is 3 × 3): IOU, BoundingBoxEncode/Decode and NMSWithMask do so.
NMSWithMask returns a row per box and compiles; the other non-maximum suppressions return a
data-dependent number of boxes, so those kernels run eagerly (`_jit = False`) and refuse
inside a compiled graph.
"""
from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from ...common.tensor import Tensor
from ..primitive import Primitive
from .array_ops_ext import _concrete

__all__ = ["AdjustHue", "AdjustSaturation", "BoundingBoxDecode", "BoundingBoxEncode", "CheckValid", "CropAndResize",
           "HSVToRGB", "IOU", "NMSWithMask", "NonMaxSuppressionWithOverlaps", "RGBToHSV", "ResizeNearestNeighborV2",
           "SparseGatherV2"]


def _tensor(op, name, value, dtypes=None):
    if not isinstance(value, Tensor):
        raise TypeError(f"For '{op}', the '{name}' must be a Tensor, but got {type(value).__name__}.")
    if dtypes is not None and str(value.dtype) not in dtypes:
        raise TypeError(f"For '{op}', the dtype of '{name}' must be in [{', '.join(dtypes)}], but got "
                        f"{value.dtype}.")
    return value


def _output_size(op, size, positive="positive"):
    """An image op's output (height, width): a concrete Int32 Tensor of shape (2,), both > 0."""
    _tensor(op, "size", size, ("Int32",))
    if tuple(size.shape) != (2,):
        raise ValueError(f"For '{op}', the 'size' must have shape (2,), but got {tuple(size.shape)}.")
    height, width = (int(v) for v in size.asnumpy())
    if height <= 0 or width <= 0:
        raise ValueError(f"For '{op}', the 'size' must be {positive}, but got {(height, width)}.")
    return height, width


def _boxes(op, name, value, width=4):
    _tensor(op, name, value, ("Float16", "Float32"))
    if value.ndim != 2 or value.shape[1] != width:
        raise ValueError(f"For '{op}', the '{name}' must have shape (N, {width}), but got {tuple(value.shape)}.")
    return value


def _float_tuple(op, name, value, length):
    if not isinstance(value, (tuple, list)) or len(value) != length or \
            any(isinstance(v, bool) or not isinstance(v, (int, float)) for v in value):
        raise TypeError(f"For '{op}', the '{name}' must be a tuple of {length} numbers, but got {value!r}.")
    return tuple(float(v) for v in value)


def _bool(op, name, value):
    if not isinstance(value, bool):
        raise TypeError(f"For '{op}', the type of '{name}' must be 'bool', but got '{type(value).__name__}'.")
    return value


class _UnknownMode(ValueError, KeyError):
    """An unknown `mode`: MindSpore raises KeyError here; a ValueError too, as sporax's rule has it."""

    def __str__(self):
        return str(self.args[0])


class IOU(Primitive):
    """Overlap of every ground-truth box with every anchor, (M, N) for M gt and N anchors:
    'iou' intersection/union, 'iof' intersection/area(gt); areas count both ends,
    (x2 − x1 + 1)·(y2 − y1 + 1)."""

    def __init__(self, mode="iou"):
        super().__init__("IOU")
        if mode not in ("iou", "iof"):
            raise _UnknownMode(f"For 'IOU', the 'mode' must be in ['iou', 'iof'], but got '{mode}'.")
        self.add_prim_attr("mode", mode)

    def __call__(self, anchor_boxes, gt_boxes):
        _boxes(self.name, "anchor_boxes", anchor_boxes)
        _boxes(self.name, "gt_boxes", gt_boxes)
        if anchor_boxes.dtype != gt_boxes.dtype:
            raise TypeError(f"For '{self.name}', the 'anchor_boxes' and 'gt_boxes' must have the same dtype, but got "
                            f"{anchor_boxes.dtype} and {gt_boxes.dtype}.")
        return Primitive.__call__(self, anchor_boxes, gt_boxes)

    def _compute(self, anchors, gts):
        # MindSpore's IOU back-propagates zeros to both inputs.
        a, g = (jax.lax.stop_gradient(b.astype(jnp.float32)) for b in (anchors, gts))
        ix = jnp.maximum(jnp.minimum(g[:, None, 2], a[None, :, 2]) - jnp.maximum(g[:, None, 0], a[None, :, 0]) + 1, 0)
        iy = jnp.maximum(jnp.minimum(g[:, None, 3], a[None, :, 3]) - jnp.maximum(g[:, None, 1], a[None, :, 1]) + 1, 0)
        inter = ix * iy
        area_a = (a[:, 2] - a[:, 0] + 1) * (a[:, 3] - a[:, 1] + 1)
        area_g = (g[:, 2] - g[:, 0] + 1) * (g[:, 3] - g[:, 1] + 1)
        if self.attrs["mode"] == "iou":
            out = inter / (area_g[:, None] + area_a[None, :] - inter)
        else:
            out = inter / area_g[:, None]
        return out.astype(anchors.dtype)


def _centre_size(boxes):
    x1, y1, x2, y2 = (boxes[:, i] for i in range(4))
    return (x1 + x2) * 0.5, (y1 + y2) * 0.5, x2 - x1 + 1.0, y2 - y1 + 1.0


class BoundingBoxEncode(Primitive):
    """Offsets of ground truth from anchors: with centres and sizes (both ends counted),
    d = ((gx − px)/pw, (gy − py)/ph, log(gw/pw), log(gh/ph)), then (d − means)/stds."""

    def __init__(self, means=(0.0, 0.0, 0.0, 0.0), stds=(1.0, 1.0, 1.0, 1.0)):
        super().__init__("BoundingBoxEncode")
        self.add_prim_attr("means", _float_tuple(self.name, "means", means, 4))
        self.add_prim_attr("stds", _float_tuple(self.name, "stds", stds, 4))
        if any(s == 0 for s in self.attrs["stds"]):
            raise ValueError(f"For '{self.name}', the 'stds' must not contain 0, but got {stds}.")

    def __call__(self, anchor_box, groundtruth_box):
        _boxes(self.name, "anchor_box", anchor_box)
        _boxes(self.name, "groundtruth_box", groundtruth_box)
        if anchor_box.shape[0] != groundtruth_box.shape[0]:
            raise ValueError(f"For '{self.name}', the 'anchor_box' and 'groundtruth_box' must have the same number of "
                             f"boxes, but got {anchor_box.shape[0]} and {groundtruth_box.shape[0]}.")
        return Primitive.__call__(self, anchor_box, groundtruth_box)

    def _compute(self, anchors, gts):
        px, py, pw, ph = _centre_size(anchors.astype(jnp.float32))
        gx, gy, gw, gh = _centre_size(gts.astype(jnp.float32))
        deltas = jnp.stack([(gx - px) / pw, (gy - py) / ph, jnp.log(gw / pw), jnp.log(gh / ph)], -1)
        deltas = (deltas - jnp.asarray(self.attrs["means"])) / jnp.asarray(self.attrs["stds"])
        return deltas.astype(anchors.dtype)


class BoundingBoxDecode(Primitive):
    """Boxes from anchors and offsets: d = deltas·stds + means, dw and dh clipped to
    ±|log(wh_ratio_clip)|; g = (px + dx·pw, py + dy·ph, pw·e^dw, ph·e^dh);
    box = (gx − gw/2 + ½, gy − gh/2 + ½, gx + gw/2 − ½, gy + gh/2 − ½), x clipped to
    [0, max_shape[1]] and y to [0, max_shape[0]]."""

    def __init__(self, max_shape, means=(0.0, 0.0, 0.0, 0.0), stds=(1.0, 1.0, 1.0, 1.0), wh_ratio_clip=0.016):
        super().__init__("BoundingBoxDecode")
        if not isinstance(max_shape, (tuple, list)) or len(max_shape) != 2 or \
                any(isinstance(v, bool) or not isinstance(v, int) for v in max_shape):
            raise TypeError(f"For '{self.name}', the 'max_shape' must be a tuple of 2 ints, but got {max_shape!r}.")
        self.add_prim_attr("max_shape", tuple(max_shape))
        self.add_prim_attr("means", _float_tuple(self.name, "means", means, 4))
        self.add_prim_attr("stds", _float_tuple(self.name, "stds", stds, 4))
        if isinstance(wh_ratio_clip, bool) or not isinstance(wh_ratio_clip, float):
            raise TypeError(f"For '{self.name}', the type of 'wh_ratio_clip' must be 'float', but got "
                            f"'{type(wh_ratio_clip).__name__}'.")
        self.add_prim_attr("wh_ratio_clip", wh_ratio_clip)

    def __call__(self, anchor_box, deltas):
        _boxes(self.name, "anchor_box", anchor_box)
        _boxes(self.name, "deltas", deltas)
        if anchor_box.shape[0] != deltas.shape[0]:
            raise ValueError(f"For '{self.name}', the 'anchor_box' and 'deltas' must have the same number of boxes, "
                             f"but got {anchor_box.shape[0]} and {deltas.shape[0]}.")
        return Primitive.__call__(self, anchor_box, deltas)

    def _compute(self, anchors, deltas):
        a = self.attrs
        px, py, pw, ph = _centre_size(anchors.astype(jnp.float32))
        d = deltas.astype(jnp.float32) * jnp.asarray(a["stds"]) + jnp.asarray(a["means"])
        limit = abs(float(np.log(a["wh_ratio_clip"])))
        dw, dh = jnp.clip(d[:, 2], -limit, limit), jnp.clip(d[:, 3], -limit, limit)
        gx, gy = px + d[:, 0] * pw, py + d[:, 1] * ph
        gw, gh = pw * jnp.exp(dw), ph * jnp.exp(dh)
        height, width = a["max_shape"]
        x1 = jnp.clip(gx - gw * 0.5 + 0.5, 0, width)
        y1 = jnp.clip(gy - gh * 0.5 + 0.5, 0, height)
        x2 = jnp.clip(gx + gw * 0.5 - 0.5, 0, width)
        y2 = jnp.clip(gy + gh * 0.5 - 0.5, 0, height)
        return jnp.stack([x1, y1, x2, y2], -1).astype(anchors.dtype)


class CheckValid(Primitive):
    """Whether each box lies inside the image (height·ratio, width·ratio) of `img_metas`:
    x1 ≥ 0, y1 ≥ 0, x2 ≤ width·ratio − 1, y2 ≤ height·ratio − 1. Bool (N,)."""

    def __init__(self):
        super().__init__("CheckValid")

    def __call__(self, bboxes, img_metas):
        _boxes(self.name, "bboxes", bboxes)
        _tensor(self.name, "img_metas", img_metas, ("Float16", "Float32"))
        if tuple(img_metas.shape) != (3,):
            raise ValueError(f"For '{self.name}', the 'img_metas' must have shape (3,), but got "
                             f"{tuple(img_metas.shape)}.")
        return Primitive.__call__(self, bboxes, img_metas)

    def _compute(self, boxes, metas):
        boxes, metas = boxes.astype(jnp.float32), metas.astype(jnp.float32)
        height, width = metas[0] * metas[2] - 1, metas[1] * metas[2] - 1
        return (boxes[:, 0] >= 0) & (boxes[:, 1] >= 0) & (boxes[:, 2] <= width) & (boxes[:, 3] <= height)


# --- colour spaces --------------------------------------------------------------------------------

def _rgb_to_hsv(rgb):
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    value = jnp.max(rgb, -1)
    spread = value - jnp.min(rgb, -1)
    safe_value = jnp.where(value > 0, value, 1)
    saturation = jnp.where(value > 0, spread / safe_value, 0)
    norm = 1.0 / (6.0 * jnp.where(spread > 0, spread, 1))
    hue = jnp.where(r == value, norm * (g - b), jnp.where(g == value, norm * (b - r) + 2.0 / 6.0,
                                                          norm * (r - g) + 4.0 / 6.0))
    hue = jnp.where(spread > 0, hue, 0)
    hue = jnp.where(hue < 0, hue + 1, hue)
    return jnp.stack([hue, saturation, value], -1)


def _hsv_to_rgb(hsv):
    h, s, v = hsv[..., 0], hsv[..., 1], hsv[..., 2]
    dh = h * 6.0
    dr = jnp.clip(jnp.abs(dh - 3.0) - 1.0, 0, 1)
    dg = jnp.clip(2.0 - jnp.abs(dh - 2.0), 0, 1)
    db = jnp.clip(2.0 - jnp.abs(dh - 4.0), 0, 1)
    return ((jnp.stack([dr, dg, db], -1) - 1.0) * s[..., None] + 1.0) * v[..., None]


def _image(op, name, value, rank=None):
    _tensor(op, name, value, ("Float16", "Float32", "Float64"))
    if rank is not None and value.ndim != rank:
        raise ValueError(f"For primitive[{op}], the the dimension of [{name}] must be equal to {rank}, but got "
                         f"{value.ndim}.")
    if value.ndim < 1 or value.shape[-1] != 3:
        raise ValueError(f"For '{op}', the last dimension of '{name}' must be 3, but got shape {tuple(value.shape)}.")
    return value


class RGBToHSV(Primitive):
    """RGB in [0, 1] (last axis) to HSV: v = max, s = (max − min)/max (0 where max = 0),
    h the hue in [0, 1) (0 where max = min)."""

    def __init__(self):
        super().__init__("RGBToHSV")

    def __call__(self, images):
        _image(self.name, "images", images)
        return Primitive.__call__(self, images)

    def _compute(self, images):
        return _rgb_to_hsv(images).astype(images.dtype)


class HSVToRGB(Primitive):
    """HSV (last axis, a 4-D (N, H, W, 3) Tensor) to RGB: with dh = 6h,
    rgb = ((clip(|dh − 3| − 1), clip(2 − |dh − 2|), clip(2 − |dh − 4|)) − 1)·s + 1)·v."""

    def __init__(self):
        super().__init__("HSVToRGB")

    def __call__(self, x):
        _image(self.name, "x", x, rank=4)
        return Primitive.__call__(self, x)

    def _compute(self, x):
        return _hsv_to_rgb(x).astype(x.dtype)


class AdjustHue(Primitive):
    """RGB → HSV, h = (h + delta) mod 1, → RGB (computed in float32)."""

    def __init__(self):
        super().__init__("AdjustHue")

    def __call__(self, image, delta):
        _image(self.name, "image", image)
        _tensor(self.name, "delta", delta, ("Float32",))
        if delta.ndim != 0:
            raise ValueError(f"For '{self.name}', the 'delta' must be a 0-D Tensor, but got rank {delta.ndim}.")
        return Primitive.__call__(self, image, delta)

    def _compute(self, image, delta):
        hsv = _rgb_to_hsv(image.astype(jnp.float32))
        hue = jnp.mod(hsv[..., 0] + delta, 1.0)
        return _hsv_to_rgb(hsv.at[..., 0].set(hue)).astype(image.dtype)


class AdjustSaturation(Primitive):
    """RGB → HSV, s = clip(s·scale, 0, 1), → RGB (computed in float32)."""

    def __init__(self):
        super().__init__("AdjustSaturation")

    def __call__(self, image, scale):
        _image(self.name, "image", image)
        _tensor(self.name, "scale", scale, ("Float32",))
        if scale.ndim != 0:
            raise ValueError(f"For '{self.name}', the 'scale' must be a 0-D Tensor, but got rank {scale.ndim}.")
        return Primitive.__call__(self, image, scale)

    def _compute(self, image, scale):
        hsv = _rgb_to_hsv(image.astype(jnp.float32))
        return _hsv_to_rgb(hsv.at[..., 1].set(jnp.clip(hsv[..., 1] * scale, 0, 1))).astype(image.dtype)


# --- gathers, crops and resizes -------------------------------------------------------------------

class SparseGatherV2(Primitive):
    """params gathered along `axis` at `indices` (the Gather of a sparse-gradient embedding).
    (MindSpore 2.10 has this kernel on Ascend and GPU only.)"""

    def __init__(self):
        super().__init__("SparseGatherV2")
        self.add_prim_attr("bprop_return_sparse", True)

    def __call__(self, input_params, input_indices, axis):
        _tensor(self.name, "input_params", input_params)
        _tensor(self.name, "input_indices", input_indices, ("Int32", "Int64"))
        if isinstance(axis, Tensor):
            if axis.size != 1:
                raise ValueError(f"For '{self.name}', the 'axis' Tensor must have one element, but got {axis.size}.")
            axis = int(axis.asnumpy().reshape(()))
        if isinstance(axis, bool) or not isinstance(axis, int):
            raise TypeError(f"For '{self.name}', the 'axis' must be an int, but got {type(axis).__name__}.")
        if not -input_params.ndim <= axis < input_params.ndim:
            raise ValueError(f"For '{self.name}', the 'axis' must be in [{-input_params.ndim}, {input_params.ndim}), "
                             f"but got {axis}.")
        return Primitive.__call__(self, input_params, input_indices, axis % input_params.ndim)

    def _compute(self, params, indices, axis):
        return jnp.take(params, indices, axis=axis, mode="clip")


class ResizeNearestNeighborV2(Primitive):
    """(N, C, H, W) resized to `size` (h, w) by nearest neighbour: source index
    floor((i + ½)·scale) with half_pixel_centers, round(i·scale) with align_corners
    (scale = (in − 1)/(out − 1)), else floor(i·scale), scale = in/out; clipped to in − 1."""

    def __init__(self, align_corners=False, half_pixel_centers=False):
        super().__init__("ResizeNearestNeighborV2")
        self.add_prim_attr("align_corners", _bool(self.name, "align_corners", align_corners))
        self.add_prim_attr("half_pixel_centers", _bool(self.name, "half_pixel_centers", half_pixel_centers))
        if align_corners and half_pixel_centers:
            raise ValueError(f"For '{self.name}', the 'half_pixel_centers' must be False when 'align_corners' is "
                             "True, but got True.")

    def __call__(self, x, size):
        _tensor(self.name, "x", x)
        if x.ndim != 4:
            raise ValueError(f"For '{self.name}', the 'x' must be a 4-D Tensor, but got rank {x.ndim}.")
        return Primitive.__call__(self, x, _output_size(self.name, size))

    def _source(self, size_in, size_out):
        out = np.arange(size_out, dtype=np.float64)
        if self.attrs["align_corners"]:
            scale = (size_in - 1) / (size_out - 1) if size_out > 1 else 0.0
            src = np.floor(out * scale + 0.5)  # C's roundf: halves away from zero
        elif self.attrs["half_pixel_centers"]:
            src = np.floor((out + 0.5) * (size_in / size_out))
        else:
            src = np.floor(out * (size_in / size_out))
        return np.minimum(src, size_in - 1).astype(np.int32)

    def _compute(self, x, size):
        rows, cols = self._source(x.shape[2], size[0]), self._source(x.shape[3], size[1])
        return x[:, :, rows][:, :, :, cols]


class CropAndResize(Primitive):
    """Crops of (N, H, W, C) images resized to `crop_size` (h, w), one per box
    (y1, x1, y2, x2) normalised to [0, 1] of image `box_index[i]`: sample row
    y1·(H − 1) + i·(y2 − y1)·(H − 1)/(h − 1) (the box's centre when h = 1), columns likewise;
    'bilinear' interpolates, 'nearest' rounds; samples outside the image are
    `extrapolation_value`. Float32 (n, h, w, C)."""

    def __init__(self, method="bilinear", extrapolation_value=0.0):
        super().__init__("CropAndResize")
        if method not in ("bilinear", "nearest", "bilinear_v2"):
            raise ValueError(f"For '{self.name}', the 'method' must be in ['bilinear', 'nearest', 'bilinear_v2'], "
                             f"but got '{method}'.")
        if isinstance(extrapolation_value, bool) or not isinstance(extrapolation_value, float):
            raise TypeError(f"For '{self.name}', the type of 'extrapolation_value' must be 'float', but got "
                            f"'{type(extrapolation_value).__name__}'.")
        self.add_prim_attr("method", method)
        self.add_prim_attr("extrapolation_value", extrapolation_value)

    def __call__(self, x, boxes, box_index, crop_size):
        _tensor(self.name, "x", x)
        if x.ndim != 4:
            raise ValueError(f"For '{self.name}', the 'x' must be a 4-D Tensor, but got rank {x.ndim}.")
        _tensor(self.name, "boxes", boxes, ("Float32",))
        if boxes.ndim != 2 or boxes.shape[1] != 4:
            raise ValueError(f"For '{self.name}', the 'boxes' must have shape (n, 4), but got {tuple(boxes.shape)}.")
        _tensor(self.name, "box_index", box_index, ("Int32",))
        if tuple(box_index.shape) != (boxes.shape[0],):
            raise ValueError(f"For '{self.name}', the 'box_index' must have shape ({boxes.shape[0]},), but got "
                             f"{tuple(box_index.shape)}.")
        if not isinstance(crop_size, tuple) or len(crop_size) != 2 or \
                any(isinstance(v, bool) or not isinstance(v, int) or v <= 0 for v in crop_size):
            raise TypeError(f"For '{self.name}', the 'crop_size' must be a tuple of 2 positive ints, but got "
                            f"{crop_size!r}.")
        return Primitive.__call__(self, x, boxes, box_index, crop_size)

    def _compute(self, image, boxes, box_index, crop_size):
        height, width = image.shape[1], image.shape[2]
        crop_h, crop_w = crop_size
        image = image.astype(jnp.float32)

        def positions(start, end, size, crop):
            if crop > 1:
                step = (end - start) * (size - 1) / (crop - 1)
                return start[:, None] * (size - 1) + jnp.arange(crop) * step[:, None]
            return (0.5 * (start + end) * (size - 1))[:, None] * jnp.ones((1, crop))

        ys = positions(boxes[:, 0], boxes[:, 2], height, crop_h)  # (n, h)
        xs = positions(boxes[:, 1], boxes[:, 3], width, crop_w)  # (n, w)
        imgs = image[box_index]  # (n, H, W, C)
        inside = ((ys >= 0) & (ys <= height - 1))[:, :, None] & ((xs >= 0) & (xs <= width - 1))[:, None, :]

        def take(img, yi, xi):
            return img[yi][:, xi]

        if self.attrs["method"] == "nearest":
            yi = jnp.clip(jnp.round(ys), 0, height - 1).astype(jnp.int32)
            xi = jnp.clip(jnp.round(xs), 0, width - 1).astype(jnp.int32)
            out = jax.vmap(take)(imgs, yi, xi)
        else:
            y0 = jnp.clip(jnp.floor(ys), 0, height - 1).astype(jnp.int32)
            x0 = jnp.clip(jnp.floor(xs), 0, width - 1).astype(jnp.int32)
            y1 = jnp.clip(jnp.ceil(ys), 0, height - 1).astype(jnp.int32)
            x1 = jnp.clip(jnp.ceil(xs), 0, width - 1).astype(jnp.int32)
            dy = (ys - jnp.floor(ys))[:, :, None, None]
            dx = (xs - jnp.floor(xs))[:, None, :, None]
            top_left, top_right = jax.vmap(take)(imgs, y0, x0), jax.vmap(take)(imgs, y0, x1)
            bottom_left, bottom_right = jax.vmap(take)(imgs, y1, x0), jax.vmap(take)(imgs, y1, x1)
            top = top_left + (top_right - top_left) * dx
            bottom = bottom_left + (bottom_right - bottom_left) * dx
            out = top + (bottom - top) * dy
        return jnp.where(inside[..., None], out, self.attrs["extrapolation_value"]).astype(jnp.float32)


# --- non-maximum suppression ----------------------------------------------------------------------

def _score_order_key(scores):
    """int64 keys in the order of the float scores, -0.0 tied with 0.0 and NaN below everything
    (NumPy's order). XLA's CPU backend reads float subnormals as zero, which tied a score of
    -1e-45 with 0.0 where MindSpore's kernel and NumPy put it below; the bits keep them apart."""
    bits = jax.lax.bitcast_convert_type(scores, {2: jnp.int16, 4: jnp.int32, 8: jnp.int64}[scores.dtype.itemsize])
    bits = bits.astype(jnp.int64)
    lowest = jnp.iinfo(jnp.int64).min // 2
    lowest_of_type = -(1 << (8 * scores.dtype.itemsize - 1))
    key = jnp.where(bits >= 0, bits, lowest_of_type - bits)  # negative floats: larger magnitude, lower key
    return jnp.where(jnp.isnan(scores), lowest, key)


class NMSWithMask(Primitive):
    """Greedy non-maximum suppression of (N, 5) boxes (x1, y1, x2, y2, score): the boxes sorted by
    descending score, the indices 0..N−1 of that sorted list (Int32; MindSpore 2.10's CPU kernel
    returns these, not the original positions), and the mask of the kept ones: a box is dropped
    when its IOU (both ends counted) with a kept, higher-scored box exceeds `iou_threshold`.
    Every output has N rows, so it compiles (GRAPH_MODE too): the greedy pass is a loop over
    the sorted boxes."""

    def __init__(self, iou_threshold=0.5):
        super().__init__("NMSWithMask")
        if isinstance(iou_threshold, bool) or not isinstance(iou_threshold, float):
            raise TypeError(f"For '{self.name}', the type of 'iou_threshold' must be 'float', but got "
                            f"'{type(iou_threshold).__name__}'.")
        self.add_prim_attr("iou_threshold", iou_threshold)

    def __call__(self, bboxes):
        _boxes(self.name, "bboxes", bboxes, width=5)
        return Primitive.__call__(self, bboxes)

    def _compute(self, bboxes):
        n = bboxes.shape[0]
        order = jnp.argsort(-_score_order_key(bboxes[:, 4]), stable=True)
        ordered = bboxes[order]
        b = ordered[:, :4].astype(jnp.float32)
        area = (b[:, 2] - b[:, 0] + 1) * (b[:, 3] - b[:, 1] + 1)
        positions = jnp.arange(n)
        threshold = self.attrs["iou_threshold"]

        def suppress_below(i, keep):
            ix = jnp.maximum(jnp.minimum(b[i, 2], b[:, 2]) - jnp.maximum(b[i, 0], b[:, 0]) + 1, 0)
            iy = jnp.maximum(jnp.minimum(b[i, 3], b[:, 3]) - jnp.maximum(b[i, 1], b[:, 1]) + 1, 0)
            inter = ix * iy
            iou = inter / (area[i] + area - inter)
            return keep & ~((positions > i) & keep[i] & (iou > threshold))

        keep = jax.lax.fori_loop(0, n, suppress_below, jnp.ones((n,), bool))
        return ordered, positions.astype(jnp.int32), keep


# Data-dependent output sizes from here: these run eagerly and refuse inside a compiled graph.

class NonMaxSuppressionWithOverlaps(Primitive):
    """Greedy selection by descending score from an (n, n) overlap matrix: a box is taken when its
    score exceeds `score_threshold` and its overlap with every taken box is at most
    `overlap_threshold`, up to `max_output_size` boxes. Int32 indices (M,)."""

    _jit = False

    def __init__(self):
        super().__init__("NonMaxSuppressionWithOverlaps")

    def __call__(self, overlaps, scores, max_output_size, overlap_threshold, score_threshold):
        _tensor(self.name, "overlaps", overlaps, ("Float16", "Float32", "Float64"))
        _tensor(self.name, "scores", scores, ("Float16", "Float32", "Float64"))
        if overlaps.ndim != 2 or overlaps.shape[0] != overlaps.shape[1]:
            raise ValueError(f"For '{self.name}', the 'overlaps' must be a square 2-D Tensor, but got shape "
                             f"{tuple(overlaps.shape)}.")
        if tuple(scores.shape) != (overlaps.shape[0],):
            raise ValueError(f"For '{self.name}', the 'scores' must have shape ({overlaps.shape[0]},), but got "
                             f"{tuple(scores.shape)}.")
        numbers = []
        for name, value in (("max_output_size", max_output_size), ("overlap_threshold", overlap_threshold),
                            ("score_threshold", score_threshold)):
            if isinstance(value, Tensor):
                if value.size != 1:
                    raise ValueError(f"For '{self.name}', the '{name}' must be a scalar, but got shape "
                                     f"{tuple(value.shape)}.")
                value = value.asnumpy().reshape(()).item()
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise TypeError(f"For '{self.name}', the '{name}' must be a number or a Tensor, but got "
                                f"{type(value).__name__}.")
            numbers.append(value)
        if numbers[0] < 0:
            raise ValueError(f"For '{self.name}', the 'max_output_size' must be >= 0, but got {numbers[0]}.")
        return Primitive.__call__(self, overlaps, scores, int(numbers[0]), float(numbers[1]), float(numbers[2]))

    def _compute(self, overlaps, scores, max_output_size, overlap_threshold, score_threshold):
        overlaps = np.asarray(_concrete(self.name, overlaps))
        scores = np.asarray(_concrete(self.name, scores))
        taken = []
        for i in np.argsort(-scores.astype(np.float64), kind="stable"):
            if len(taken) >= max_output_size or not scores[i] > score_threshold:
                break
            if all(overlaps[i, j] <= overlap_threshold for j in taken):
                taken.append(int(i))
        return jnp.asarray(np.array(taken, np.int32))
