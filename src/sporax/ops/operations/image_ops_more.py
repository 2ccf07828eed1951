"""More image and detection primitives: patches, morphological dilation, RoI align, area
resizing, and TensorFlow-style non-maximum suppression (V3 and combined, data-dependent sizes:
eager only)."""
from __future__ import annotations

import math

import jax
import jax.numpy as jnp
import numpy as np

from ..._runtime import random_keys
from ...common.tensor import Tensor
from .. import _constants
from ..primitive import Primitive
from .array_ops_ext import _concrete
from .image_ops import _bool, _output_size, _tensor

__all__ = ["CombinedNonMaxSuppression", "DeformableOffsets", "Dilation2D", "ExtractGlimpse", "ExtractImagePatches",
           "ExtractVolumePatches", "NonMaxSuppressionV3", "ROIAlign", "ResizeArea", "SampleDistortedBoundingBoxV2",
           "ScaleAndTranslate"]

_PAD_CODES = {"SAME": 1, "VALID": 2}  # MindSpore's PadMode enum, which its repr shows


def _ints(op, name, value, length, lead=0):
    """A tuple of `length` positive ints, the first `lead` of them 1 (MindSpore's (1, 1, h, w) form)."""
    if not isinstance(value, (tuple, list)) or len(value) != length or \
            any(isinstance(v, bool) or not isinstance(v, int) for v in value):
        raise TypeError(f"For '{op}', the '{name}' must be a tuple of {length} ints, but got {value!r}.")
    if any(v != 1 for v in value[:lead]) or any(v <= 0 for v in value):
        raise ValueError(f"For '{op}', the '{name}' must be positive with its first {lead} values 1, but got "
                         f"{tuple(value)}.")
    return tuple(value)


def _padding_name(op, value):
    if not isinstance(value, str) or value.upper() not in _PAD_CODES:
        raise ValueError(f"For '{op}', the 'padding' must be 'SAME' or 'VALID', but got {value!r}.")
    return value.upper()


def _same_pads(size, kernel, stride, dilation):
    """TensorFlow's SAME padding: (before, after), the odd one after."""
    effective = (kernel - 1) * dilation + 1
    out = -(-size // stride)
    total = max((out - 1) * stride + effective - size, 0)
    return total // 2, total - total // 2


def _patches(x, kernel, strides, dilations, padding):
    """(N, C, *S) -> (N, prod(kernel)·C, *out): each kernel position (outer) by channel (inner),
    zero padding for SAME."""
    dims = x.shape[2:]
    if padding == "SAME":
        pads = [_same_pads(d, k, s, r) for d, k, s, r in zip(dims, kernel, strides, dilations)]
        x = jnp.pad(x, [(0, 0), (0, 0)] + pads)
    dims = x.shape[2:]
    out = [(d - ((k - 1) * r + 1)) // s + 1 for d, k, s, r in zip(dims, kernel, strides, dilations)]
    pieces = []
    for position in np.ndindex(*kernel):
        index = tuple(slice(p * r, p * r + (o - 1) * s + 1, s)
                      for p, r, o, s in zip(position, dilations, out, strides))
        pieces.append(x[(slice(None), slice(None)) + index])
    stacked = jnp.stack(pieces, 1)  # (N, K, C, *out)
    return stacked.reshape((x.shape[0], len(pieces) * x.shape[1]) + tuple(out))


class ExtractImagePatches(Primitive):
    """Patches of a (N, C, H, W) image: output (N, kh·kw·C, out_h, out_w), the depth ordered by
    kernel row, kernel column, then channel; 'VALID' takes whole patches, 'SAME' pads with
    zeros (TensorFlow's rule) so that out = ceil(in/stride).
    (MindSpore 2.10 has this kernel on Ascend and GPU only.)"""

    def __init__(self, ksizes, strides, rates, padding="VALID"):
        super().__init__("ExtractImagePatches")
        names = (("ksizes", ksizes), ("strides", strides), ("rates", rates))
        for name, value in names:
            self.add_prim_attr(name, _ints(self.name, name, value, 4, lead=2)[2:])
        self.add_prim_attr("padding", _PAD_CODES[_padding_name(self.name, padding)])

    def __call__(self, input_x):
        _tensor(self.name, "input_x", input_x)
        if input_x.ndim != 4:
            raise ValueError(f"For '{self.name}', the 'input_x' must be a 4-D Tensor, but got rank {input_x.ndim}.")
        return Primitive.__call__(self, input_x)

    def _compute(self, x):
        a = self.attrs
        padding = "SAME" if a["padding"] == 1 else "VALID"
        return _patches(x, a["ksizes"], a["strides"], a["rates"], padding)


class ExtractVolumePatches(Primitive):
    """Patches of a (N, C, D, H, W) volume: output (N, kd·kh·kw·C, out_d, out_h, out_w), the
    depth ordered by kernel position then channel; 'SAME' pads with zeros (TensorFlow's rule)."""

    def __init__(self, kernel_size, strides, padding):
        super().__init__("ExtractVolumePatches")
        self.add_prim_attr("kernel_size", _ints(self.name, "kernel_size", kernel_size, 5, lead=2))
        self.add_prim_attr("strides", _ints(self.name, "strides", strides, 5, lead=2))
        self.add_prim_attr("padding", _padding_name(self.name, padding))

    def __call__(self, x):
        _tensor(self.name, "x", x)
        if x.ndim != 5:
            raise ValueError(f"For '{self.name}', the 'x' must be a 5-D Tensor, but got rank {x.ndim}.")
        return Primitive.__call__(self, x)

    def _compute(self, x):
        a = self.attrs
        return _patches(x, a["kernel_size"][2:], a["strides"][2:], (1, 1, 1), a["padding"])


def _pair_or_four(op, name, value):
    if isinstance(value, int) and not isinstance(value, bool):
        value = (value, value)
    if isinstance(value, (tuple, list)) and len(value) == 2:
        value = (1, 1) + tuple(value)
    return _ints(op, name, value, 4, lead=2)


class Dilation2D(Primitive):
    """Grayscale dilation: out(n, c, h, w) = max over (m, k) of
    x(n, c, s0·h + d0·m, s1·w + d1·k) + filter(c, m, k), on (N, C, H, W) with a (C, kh, kw)
    filter; 'SAME' pads with zeros (MindSpore's documented padding value) so that
    out = ceil(in/stride). (MindSpore 2.10's CPU kernel fails to run; this follows its
    documented formula.)"""

    def __init__(self, stride, dilation, pad_mode="SAME", data_format="NCHW"):
        super().__init__("Dilation2D")
        self.add_prim_attr("stride", _pair_or_four(self.name, "stride", stride))
        self.add_prim_attr("dilation", _pair_or_four(self.name, "dilation", dilation))
        if not isinstance(pad_mode, str) or pad_mode.upper() not in ("SAME", "VALID"):
            raise ValueError(f"For '{self.name}', the 'pad_mode' must be 'same' or 'valid', but got {pad_mode!r}.")
        if data_format != "NCHW":
            raise ValueError(f"For '{self.name}', the 'data_format' must be 'NCHW', but got {data_format!r}.")
        self.add_prim_attr("pad_mode", pad_mode.upper())
        self.add_prim_attr("data_format", data_format)

    def __call__(self, x, filter):  # noqa: A002 - MindSpore's name
        _tensor(self.name, "x", x, ("Float16", "Float32", "Float64"))
        _tensor(self.name, "filter", filter, (str(x.dtype),))
        if x.ndim != 4 or filter.ndim != 3 or filter.shape[0] != x.shape[1]:
            raise ValueError(f"For '{self.name}', the 'x' must be (N, C, H, W) and the 'filter' (C, kh, kw), but got "
                             f"{tuple(x.shape)} and {tuple(filter.shape)}.")
        return Primitive.__call__(self, x, filter)

    def _compute(self, x, kernel):
        a = self.attrs
        kh, kw = kernel.shape[1:]
        strides, dilations = a["stride"][2:], a["dilation"][2:]
        patches = _patches(x, (kh, kw), strides, dilations, a["pad_mode"])
        n, _, oh, ow = patches.shape
        patches = patches.reshape(n, kh * kw, x.shape[1], oh, ow)
        weights = kernel.reshape(x.shape[1], kh * kw).T[None, :, :, None, None]
        return jnp.max(patches + weights, 1)


class ROIAlign(Primitive):
    """RoI Align (Mask R-CNN, Caffe2's form): for RoI (b, x1, y1, x2, y2) the box
    [x1·scale, (x2 + roi_end_mode)·scale] (likewise y; width and height at least 1) is cut into
    pooled_height × pooled_width bins; each bin averages sample_num² bilinear samples (at least
    ceil(bin size) per axis when sample_num ≤ 0), a sample outside [−1, size] counting 0."""

    def __init__(self, pooled_height, pooled_width, spatial_scale, sample_num=2, roi_end_mode=1):
        super().__init__("ROIAlign")
        for name, value in (("pooled_height", pooled_height), ("pooled_width", pooled_width),
                            ("sample_num", sample_num), ("roi_end_mode", roi_end_mode)):
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError(f"For '{self.name}', the type of '{name}' must be 'int', but got "
                                f"'{type(value).__name__}'.")
        if isinstance(spatial_scale, bool) or not isinstance(spatial_scale, float):
            raise TypeError(f"For '{self.name}', the type of 'spatial_scale' must be 'float', but got "
                            f"'{type(spatial_scale).__name__}'.")
        if roi_end_mode not in (0, 1):
            raise ValueError(f"For '{self.name}', the 'roi_end_mode' must be 0 or 1, but got {roi_end_mode}.")
        for name, value in (("pooled_height", pooled_height), ("pooled_width", pooled_width),
                            ("spatial_scale", spatial_scale), ("sample_num", sample_num),
                            ("roi_end_mode", roi_end_mode)):
            self.add_prim_attr(name, value)
        self._jit = sample_num > 0  # an adaptive grid depends on the RoI values

    def __call__(self, features, rois):
        _tensor(self.name, "features", features, ("Float16", "Float32"))
        _tensor(self.name, "rois", rois, (str(features.dtype),))
        if features.ndim != 4:
            raise ValueError(f"For '{self.name}', the 'features' must be a 4-D Tensor, but got rank {features.ndim}.")
        if rois.ndim != 2 or rois.shape[1] != 5:
            raise ValueError(f"For '{self.name}', the 'rois' must have shape (rois_n, 5), but got "
                             f"{tuple(rois.shape)}.")
        return Primitive.__call__(self, features, rois)

    def _compute(self, features, rois):
        a = self.attrs
        ph, pw, scale = a["pooled_height"], a["pooled_width"], a["spatial_scale"]
        height, width = features.shape[2:]
        f = features.astype(jnp.float32)
        r = jax.lax.stop_gradient(rois.astype(jnp.float32))  # MindSpore's gradient to the RoIs is zero
        start_w, start_h = r[:, 1] * scale, r[:, 2] * scale
        end_w, end_h = (r[:, 3] + a["roi_end_mode"]) * scale, (r[:, 4] + a["roi_end_mode"]) * scale
        roi_w, roi_h = jnp.maximum(end_w - start_w, 1.0), jnp.maximum(end_h - start_h, 1.0)
        bin_h, bin_w = roi_h / ph, roi_w / pw
        if a["sample_num"] <= 0:
            return self._pool_adaptive(f, r, start_h, start_w, bin_h, bin_w).astype(features.dtype)
        grid_h = grid_w = a["sample_num"]
        ys = start_h[:, None, None] + jnp.arange(ph)[None, :, None] * bin_h[:, None, None] + \
            (jnp.arange(grid_h)[None, None, :] + 0.5) * (bin_h / grid_h)[:, None, None]  # (n, ph, gh)
        xs = start_w[:, None, None] + jnp.arange(pw)[None, :, None] * bin_w[:, None, None] + \
            (jnp.arange(grid_w)[None, None, :] + 0.5) * (bin_w / grid_w)[:, None, None]  # (n, pw, gw)
        values = _bilinear(f, r[:, 0].astype(jnp.int32), ys, xs, height, width)  # (n, C, ph, gh, pw, gw)
        return jnp.mean(values, (3, 5)).astype(features.dtype)

    def _pool_adaptive(self, f, r, start_h, start_w, bin_h, bin_w):
        """sample_num ≤ 0: each RoI its own grid, ceil(bin size) samples per axis (eager only)."""
        a = self.attrs
        ph, pw = a["pooled_height"], a["pooled_width"]
        height, width = f.shape[2:]
        outs = []
        bin_h, bin_w = np.asarray(_concrete(self.name, bin_h)), np.asarray(_concrete(self.name, bin_w))
        for i in range(r.shape[0]):
            gh = max(int(math.ceil(float(bin_h[i]))), 1)
            gw = max(int(math.ceil(float(bin_w[i]))), 1)
            ys = start_h[i] + jnp.arange(ph)[:, None] * bin_h[i] + (jnp.arange(gh)[None, :] + 0.5) * (bin_h[i] / gh)
            xs = start_w[i] + jnp.arange(pw)[:, None] * bin_w[i] + (jnp.arange(gw)[None, :] + 0.5) * (bin_w[i] / gw)
            values = _bilinear(f, r[i:i + 1, 0].astype(jnp.int32), ys[None], xs[None], height, width)
            outs.append(jnp.mean(values, (3, 5)))
        return jnp.concatenate(outs, 0) if outs else jnp.zeros((0, f.shape[1], ph, pw), f.dtype)


def _bilinear(f, batch, ys, xs, height, width):
    """Caffe2's RoI bilinear sample of f (N, C, H, W) at rows ys (n, a, b) and columns xs (n, c, d)
    of image batch[n]: (n, C, a, b, c, d); outside [−1, size] a sample is 0."""

    def axis(v, size):
        valid = (v >= -1.0) & (v <= size)
        v = jnp.maximum(v, 0.0)
        low = jnp.floor(v).astype(jnp.int32)
        at_end = low >= size - 1
        low = jnp.where(at_end, size - 1, low)
        high = jnp.where(at_end, size - 1, low + 1)
        v = jnp.where(at_end, low.astype(v.dtype), v)
        frac = v - low
        return low, high, frac, valid

    y0, y1, fy, vy = axis(ys, height)
    x0, x1, fx, vx = axis(xs, width)
    imgs = f[batch]  # (n, C, H, W)

    def gather(yi, xi):
        n = imgs.shape[0]
        rows = yi.reshape(n, -1)
        cols = xi.reshape(n, -1)
        picked = jnp.take_along_axis(imgs, rows[:, None, :, None], 2)  # (n, C, a*b, W)
        picked = jnp.take_along_axis(picked, cols[:, None, None, :], 3)  # (n, C, a*b, c*d)
        return picked.reshape((n, imgs.shape[1]) + yi.shape[1:] + xi.shape[1:])

    wy1, wy0 = fy, 1 - fy
    wx1, wx0 = fx, 1 - fx

    def weight(wy, wx):
        return wy[:, None, :, :, None, None] * wx[:, None, None, None, :, :]

    out = (weight(wy0, wx0) * gather(y0, x0) + weight(wy0, wx1) * gather(y0, x1) +
           weight(wy1, wx0) * gather(y1, x0) + weight(wy1, wx1) * gather(y1, x1))
    valid = vy[:, None, :, :, None, None] & vx[:, None, None, None, :, :]
    return jnp.where(valid, out, 0.0)


class ResizeArea(Primitive):
    """Area resizing of (N, H, W, C) images to `size` (h, w) (TensorFlow's resize_area): each
    output pixel averages the input area [i·s, (i + 1)·s) per axis, s = in/out
    ((in − 1)/(out − 1) with align_corners), pixels weighted by their overlap. Float32."""

    def __init__(self, align_corners=False):
        super().__init__("ResizeArea")
        self.add_prim_attr("align_corners", _bool(self.name, "align_corners", align_corners))

    def __call__(self, images, size):
        _tensor(self.name, "images", images)
        if images.ndim != 4:
            raise ValueError(f"For '{self.name}', the 'images' must be a 4-D Tensor, but got rank {images.ndim}.")
        return Primitive.__call__(self, images, _output_size(self.name, size))

    def _weights(self, size_in, size_out):
        if self.attrs["align_corners"] and size_out > 1:
            scale = (size_in - 1) / (size_out - 1)
        else:
            scale = size_in / size_out
        weights = np.zeros((size_out, size_in))
        for i in range(size_out):
            start, end = i * scale, (i + 1) * scale
            for j in range(int(math.floor(start)), int(math.ceil(end))):
                overlap = min(j + 1, end) - max(j, start)
                weights[i, min(j, size_in - 1)] += overlap
        return jnp.asarray(weights / scale, jnp.float32)

    def _compute(self, images, size):
        rows, cols = self._weights(images.shape[1], size[0]), self._weights(images.shape[2], size[1])
        x = images.astype(jnp.float32)
        return jnp.einsum("ih,nhwc,jw->nijc", rows, x, cols)


def _numbers(op, pairs):
    out = []
    for name, value in pairs:
        if isinstance(value, Tensor):
            if value.size != 1:
                raise ValueError(f"For '{op}', the '{name}' must be a scalar, but got shape {tuple(value.shape)}.")
            value = value.asnumpy().reshape(()).item()
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(f"For '{op}', the '{name}' must be a number or a Tensor, but got "
                            f"{type(value).__name__}.")
        out.append(value)
    return out


def _tf_iou(a, b):
    """TensorFlow's NMS overlap of boxes (y1, x1, y2, x2), corners in either order, no +1."""
    ay1, ay2 = min(a[0], a[2]), max(a[0], a[2])
    ax1, ax2 = min(a[1], a[3]), max(a[1], a[3])
    by1, by2 = min(b[0], b[2]), max(b[0], b[2])
    bx1, bx2 = min(b[1], b[3]), max(b[1], b[3])
    area_a, area_b = (ay2 - ay1) * (ax2 - ax1), (by2 - by1) * (bx2 - bx1)
    if area_a <= 0 or area_b <= 0:
        return 0.0
    inter = max(min(ay2, by2) - max(ay1, by1), 0.0) * max(min(ax2, bx2) - max(ax1, bx1), 0.0)
    return inter / (area_a + area_b - inter)


def _greedy(boxes, scores, limit, iou_threshold, score_threshold):
    taken = []
    for i in np.argsort(-scores.astype(np.float64), kind="stable"):
        if len(taken) >= limit or not scores[i] > score_threshold:
            break
        if all(_tf_iou(boxes[i], boxes[j]) <= iou_threshold for j in taken):
            taken.append(int(i))
    return taken


class NonMaxSuppressionV3(Primitive):
    """Greedy non-maximum suppression (TensorFlow's V3): boxes (N, 4) as (y1, x1, y2, x2),
    taken by descending score while the score exceeds `score_threshold` and the IOU (no +1)
    with every taken box is at most `iou_threshold`, up to `max_output_size`. Int32 indices.
    (MindSpore 2.10 has this kernel on Ascend and GPU only.)"""

    _jit = False

    def __init__(self):
        super().__init__("NonMaxSuppressionV3")

    def __call__(self, boxes, scores, max_output_size, iou_threshold, score_threshold):
        _tensor(self.name, "boxes", boxes, ("Float16", "Float32"))
        _tensor(self.name, "scores", scores, ("Float16", "Float32"))
        if boxes.ndim != 2 or boxes.shape[1] != 4:
            raise ValueError(f"For '{self.name}', the 'boxes' must have shape (N, 4), but got {tuple(boxes.shape)}.")
        if tuple(scores.shape) != (boxes.shape[0],):
            raise ValueError(f"For '{self.name}', the 'scores' must have shape ({boxes.shape[0]},), but got "
                             f"{tuple(scores.shape)}.")
        limit, iou, score = _numbers(self.name, (("max_output_size", max_output_size), ("iou_threshold", iou_threshold),
                                                 ("score_threshold", score_threshold)))
        if limit < 0:
            raise ValueError(f"For '{self.name}', the 'max_output_size' must be >= 0, but got {limit}.")
        return Primitive.__call__(self, boxes, scores, int(limit), float(iou), float(score))

    def _compute(self, boxes, scores, limit, iou, score):
        boxes = np.asarray(_concrete(self.name, boxes), np.float64)
        scores = np.asarray(_concrete(self.name, scores))
        return jnp.asarray(np.array(_greedy(boxes, scores, limit, iou, score), np.int32))


class CombinedNonMaxSuppression(Primitive):
    """TensorFlow's combined NMS over a batch: boxes (B, N, q, 4) (q = 1 shares boxes across
    classes), scores (B, N, C); per class a greedy NMS (at most max_output_size_per_class), then
    the best max_total_size over all classes by score. Outputs nmsed_boxes (B, K, 4),
    nmsed_scores (B, K), nmsed_classes (B, K) and valid_detections (B,) Int32, zero-padded;
    K = max_total_size, or min(max_total_size, per_class·C) with pad_per_class; clip_boxes
    clips the boxes to [0, 1]."""

    _jit = False

    def __init__(self, pad_per_class=False, clip_boxes=True):
        super().__init__("CombinedNonMaxSuppression")
        self.add_prim_attr("pad_per_class", _bool(self.name, "pad_per_class", pad_per_class))
        self.add_prim_attr("clip_boxes", _bool(self.name, "clip_boxes", clip_boxes))

    def __call__(self, boxes, scores, max_output_size_per_class, max_total_size, iou_threshold, score_threshold):
        _tensor(self.name, "boxes", boxes, ("Float32",))
        _tensor(self.name, "scores", scores, ("Float32",))
        if boxes.ndim != 4 or boxes.shape[3] != 4 or scores.ndim != 3 or scores.shape[:2] != boxes.shape[:2] or \
                boxes.shape[2] not in (1, scores.shape[2]):
            raise ValueError(f"For '{self.name}', the 'boxes' must be (B, N, q, 4) with q 1 or the classes of "
                             f"'scores' (B, N, C), but got {tuple(boxes.shape)} and {tuple(scores.shape)}.")
        per_class, total, iou, score = _numbers(self.name, (
            ("max_output_size_per_class", max_output_size_per_class), ("max_total_size", max_total_size),
            ("iou_threshold", iou_threshold), ("score_threshold", score_threshold)))
        if per_class <= 0 or total <= 0:
            raise ValueError(f"For '{self.name}', the 'max_output_size_per_class' and 'max_total_size' must be > 0, "
                             f"but got {per_class} and {total}.")
        if not 0 <= iou <= 1:
            raise ValueError(f"For '{self.name}', the 'iou_threshold' must be in [0, 1], but got {iou}.")
        return Primitive.__call__(self, boxes, scores, int(per_class), int(total), float(iou), float(score))

    def _compute(self, boxes, scores, per_class, total, iou, score):
        boxes = np.asarray(_concrete(self.name, boxes))
        scores = np.asarray(_concrete(self.name, scores))
        batch, _, q, _ = boxes.shape
        classes = scores.shape[2]
        size = min(total, per_class * classes) if self.attrs["pad_per_class"] else total
        out_boxes = np.zeros((batch, size, 4), np.float32)
        out_scores = np.zeros((batch, size), np.float32)
        out_classes = np.zeros((batch, size), np.float32)
        valid = np.zeros((batch,), np.int32)
        for b in range(batch):
            found = []
            for c in range(classes):
                class_boxes = boxes[b, :, 0 if q == 1 else c].astype(np.float64)
                for i in _greedy(class_boxes, scores[b, :, c], per_class, iou, score):
                    found.append((float(scores[b, i, c]), c, class_boxes[i]))
            found.sort(key=lambda item: -item[0])
            found = found[:size]
            valid[b] = len(found)
            for k, (s, c, box) in enumerate(found):
                out_boxes[b, k] = np.clip(box, 0, 1) if self.attrs["clip_boxes"] else box
                out_scores[b, k], out_classes[b, k] = s, c
        return (jnp.asarray(out_boxes), jnp.asarray(out_scores), jnp.asarray(out_classes), jnp.asarray(valid))


def _four(op, name, value, lead_ones):
    if not isinstance(value, (tuple, list)) or len(value) != 4 or \
            any(isinstance(v, bool) or not isinstance(v, int) for v in value):
        raise TypeError(f"For '{op}', the '{name}' must be a tuple of 4 ints, but got {value!r}.")
    if any(value[i] != 1 for i in lead_ones):
        raise ValueError(f"For '{op}', The N and C dimensions of '{name}' must be set to 1.")
    return tuple(value)


class DeformableOffsets(Primitive):
    """The sampled feature map of a deformable convolution (v2): for output position p and kernel
    tap k = (i, j), the value x(p·stride − pad + k·dilation + Δp_k)·m_k, bilinear (zero outside the
    image), laid out as (N, C, H_out·kh, W_out·kw) so that a (kh, kw)-strided convolution finishes
    the deformable convolution. `offsets` (N, 3·dg·kh·kw, H_out, W_out) holds Δx, then Δy, then the
    mask m, each by deformable group then tap (row-major)."""

    def __init__(self, strides, pads, ksize, dilations=(1, 1, 1, 1), data_format="NCHW", deformable_groups=1,
                 modulated=True):
        super().__init__("DeformableOffsets")
        if data_format not in ("NCHW", "NHWC"):
            raise ValueError(f"For '{self.name}', the 'data_format' must be 'NCHW' or 'NHWC', but got "
                             f"{data_format!r}.")
        channel = 1 if data_format == "NCHW" else 3
        self.add_prim_attr("strides", _four(self.name, "strides", strides, (0, channel)))
        self.add_prim_attr("pads", _four(self.name, "pads", pads, ()))
        if not isinstance(ksize, (tuple, list)) or len(ksize) != 2 or \
                any(isinstance(v, bool) or not isinstance(v, int) or v <= 0 for v in ksize):
            raise TypeError(f"For '{self.name}', the 'kernel_size' must be a tuple of 2 positive ints, but got "
                            f"{ksize!r}.")
        self.add_prim_attr("ksize", tuple(ksize))
        self.add_prim_attr("dilations", _four(self.name, "dilations", dilations, (0, channel)))
        self.add_prim_attr("data_format", data_format)
        if isinstance(deformable_groups, bool) or not isinstance(deformable_groups, int) or deformable_groups <= 0:
            raise ValueError(f"For '{self.name}', the 'deformable_groups' must be a positive int, but got "
                             f"{deformable_groups!r}.")
        self.add_prim_attr("deformable_groups", deformable_groups)
        _bool(self.name, "modulated", modulated)
        if modulated is not True:
            raise ValueError(f"For '{self.name}', The modulated must be set to True.")
        self.add_prim_attr("modulated", modulated)
        self.add_prim_attr("format", data_format)

    def _geometry(self, x_shape):
        a = self.attrs
        nchw = a["data_format"] == "NCHW"
        height, width = (x_shape[2], x_shape[3]) if nchw else (x_shape[1], x_shape[2])
        sh, sw = (a["strides"][2], a["strides"][3]) if nchw else (a["strides"][1], a["strides"][2])
        dh, dw = (a["dilations"][2], a["dilations"][3]) if nchw else (a["dilations"][1], a["dilations"][2])
        top, bottom, left, right = a["pads"]
        kh, kw = a["ksize"]
        out_h = (height + top + bottom - (kh - 1) * dh - 1) // sh + 1
        out_w = (width + left + right - (kw - 1) * dw - 1) // sw + 1
        return height, width, sh, sw, dh, dw, top, left, kh, kw, out_h, out_w

    def __call__(self, x, offsets):
        _tensor(self.name, "x", x, ("Float16", "Float32"))
        _tensor(self.name, "offsets", offsets, (str(x.dtype),))
        if x.ndim != 4 or offsets.ndim != 4:
            raise ValueError(f"For '{self.name}', the 'x' and 'offsets' must be 4-D, but got {tuple(x.shape)} and "
                             f"{tuple(offsets.shape)}.")
        *_, kh, kw, out_h, out_w = self._geometry(x.shape)
        groups = self.attrs["deformable_groups"]
        channels = x.shape[1] if self.attrs["data_format"] == "NCHW" else x.shape[3]
        if channels % groups:
            raise ValueError(f"For '{self.name}', the channels of 'x' ({channels}) must be divisible by "
                             f"'deformable_groups' ({groups}).")
        expected = (x.shape[0], 3 * groups * kh * kw, out_h, out_w)
        if self.attrs["data_format"] == "NHWC":
            expected = (expected[0], out_h, out_w, expected[1])
        if tuple(offsets.shape) != expected:
            raise ValueError(f"For '{self.name}', the shape of 'offsets' must be {expected}, but got "
                             f"{tuple(offsets.shape)}.")
        return Primitive.__call__(self, x, offsets)

    def _compute(self, x, offsets):
        nhwc = self.attrs["data_format"] == "NHWC"
        if nhwc:
            x, offsets = jnp.transpose(x, (0, 3, 1, 2)), jnp.transpose(offsets, (0, 3, 1, 2))
        height, width, sh, sw, dh, dw, top, left, kh, kw, out_h, out_w = self._geometry(
            x.shape if not nhwc else (x.shape[0], x.shape[2], x.shape[3], x.shape[1]))
        n, c = x.shape[:2]
        groups, taps = self.attrs["deformable_groups"], kh * kw
        f = x.astype(jnp.float32)
        o = offsets.astype(jnp.float32).reshape(n, 3, groups, taps, out_h, out_w)
        tap_y = (jnp.arange(kh) * dh).repeat(kw)  # (K,)
        tap_x = jnp.tile(jnp.arange(kw) * dw, kh)
        ys = (jnp.arange(out_h) * sh - top)[None, None, None, :, None] + tap_y[None, None, :, None, None] + o[:, 1]
        xs = (jnp.arange(out_w) * sw - left)[None, None, None, None, :] + tap_x[None, None, :, None, None] + o[:, 0]
        inside = (ys > -1) & (ys < height) & (xs > -1) & (xs < width)  # (n, g, K, oh, ow)
        y0, x0 = jnp.floor(ys), jnp.floor(xs)
        ly, lx = ys - y0, xs - x0
        grouped = f.reshape(n, groups, c // groups, height * width)
        total = jnp.zeros((n, groups, c // groups) + ys.shape[2:], jnp.float32)
        for cy, cx, weight in ((y0, x0, (1 - ly) * (1 - lx)), (y0, x0 + 1, (1 - ly) * lx),
                               (y0 + 1, x0, ly * (1 - lx)), (y0 + 1, x0 + 1, ly * lx)):
            valid = (cy >= 0) & (cy <= height - 1) & (cx >= 0) & (cx <= width - 1)
            flat = (jnp.clip(cy, 0, height - 1) * width + jnp.clip(cx, 0, width - 1)).astype(jnp.int32)
            picked = jnp.take_along_axis(grouped, flat.reshape(n, groups, 1, -1), 3).reshape(total.shape)
            total = total + picked * jnp.where(valid & inside, weight, 0.0)[:, :, None]
        total = total * o[:, 2][:, :, None]  # the modulation mask
        out = total.reshape(n, c, kh, kw, out_h, out_w).transpose(0, 1, 4, 2, 5, 3)
        out = out.reshape(n, c, out_h * kh, out_w * kw).astype(x.dtype)
        return jnp.transpose(out, (0, 2, 3, 1)) if nhwc else out


# --- glimpses, scale-and-translate resampling, random crops -------------------------------------------

def _zero_key():
    return _constants.constant(np.zeros(2, np.uint32))._value()


class ExtractGlimpse(Primitive):
    """Windows of (B, H, W, C) images, one per batch row: the window of `size` (h, w) centred at
    `offsets` (B, 2) = (y, x), scaled by (H, W) when `normalized`, and relative to the image
    centre when `centered` (c = off·dim/2 + dim/2 then); it starts at trunc(c − size/2). Pixels
    outside the image are noise: 'zero' 0; 'uniform' U(−1, 1) and 'gaussian' N(10, 0.5²), the
    distributions MindSpore 2.10's CPU kernel draws (observed: independent of the image). Float32."""

    def __init__(self, centered=True, normalized=True, uniform_noise=True, noise="uniform"):
        super().__init__("ExtractGlimpse")
        for name, value in (("centered", centered), ("normalized", normalized), ("uniform_noise", uniform_noise)):
            self.add_prim_attr(name, _bool(self.name, name, value))
        if noise not in ("uniform", "gaussian", "zero"):
            raise ValueError(f"For '{self.name}', the 'noise' must be str and must be in '['uniform', 'gaussian', "
                             f"'zero']', but got {noise!r}.")
        if uniform_noise and noise != "uniform":
            raise ValueError(f"For '{self.name}', the value of 'noise' must be uniform when uniform_noise is True, "
                             f"but got {noise}.")
        self.add_prim_attr("noise", noise)

    def __call__(self, x, size, offsets):
        _tensor(self.name, "x", x, ("Float32",))
        if x.ndim != 4:
            raise ValueError(f"For '{self.name}', the 'x' must be a 4-D Tensor, but got rank {x.ndim}.")
        height, width = _output_size(self.name, size, positive="greater than zero")
        _tensor(self.name, "offsets", offsets, ("Float32",))
        if tuple(offsets.shape) != (x.shape[0], 2):
            raise ValueError(f"For '{self.name}', the 'offsets' must have shape ({x.shape[0]}, 2), but got "
                             f"{tuple(offsets.shape)}.")
        # The zero-noise kernel never reads its key; a kept constant spares a device fill per call.
        key = random_keys.op_key(0, 0) if self.attrs["noise"] != "zero" else _zero_key()
        return Primitive.__call__(self, key, x, offsets, (height, width))

    def _compute(self, key, x, offsets, size):
        a = self.attrs
        batch, in_h, in_w, channels = x.shape
        h, w = size
        centre = offsets.astype(jnp.float32)
        dims = jnp.asarray([in_h, in_w], jnp.float32)
        if a["normalized"]:
            centre = centre * dims
        if a["centered"]:
            centre = centre / 2 + dims / 2
        start = jnp.trunc(centre - jnp.asarray([h, w], jnp.float32) / 2).astype(jnp.int32)  # (B, 2)
        rows = start[:, :1] + jnp.arange(h)[None]  # (B, h)
        cols = start[:, 1:] + jnp.arange(w)[None]  # (B, w)
        inside = ((rows >= 0) & (rows < in_h))[:, :, None] & ((cols >= 0) & (cols < in_w))[:, None, :]
        picked = jnp.take_along_axis(x, jnp.clip(rows, 0, in_h - 1)[:, :, None, None], 1)
        picked = jnp.take_along_axis(picked, jnp.clip(cols, 0, in_w - 1)[:, None, :, None], 2)
        shape = (batch, h, w, channels)
        if a["noise"] == "uniform":
            noise = jax.random.uniform(jax.random.wrap_key_data(key), shape, jnp.float32, -1.0, 1.0)
        elif a["noise"] == "gaussian":
            noise = 10.0 + 0.5 * jax.random.normal(jax.random.wrap_key_data(key), shape, jnp.float32)
        else:
            noise = jnp.zeros(shape, jnp.float32)
        return jnp.where(inside[..., None], picked.astype(jnp.float32), noise)


def _sinc(x):
    return jnp.where(x == 0, 1.0, jnp.sin(jnp.pi * x) / jnp.where(x == 0, 1.0, jnp.pi * x))


def _lanczos(radius):
    return radius, lambda x: jnp.where(x < radius, _sinc(x) * _sinc(x / radius), 0.0)


_KERNELS = {
    "lanczos1": _lanczos(1.0), "lanczos3": _lanczos(3.0), "lanczos5": _lanczos(5.0),
    "gaussian": (1.5, lambda x: jnp.where(x < 1.5, jnp.exp(-x * x / 0.5), 0.0)),  # radius 1.5, σ = 0.5
    "box": (1.0, lambda x: jnp.where(x < 0.5, 1.0, jnp.where(x == 0.5, 0.5, 0.0))),
    "triangle": (1.0, lambda x: jnp.where(x < 1.0, 1.0 - x, 0.0)),
    "keyscubic": (2.0, lambda x: jnp.where(x < 1.0, ((1.5 * x - 2.5) * x) * x + 1.0,
                                           jnp.where(x < 2.0, ((-0.5 * x + 2.5) * x - 4.0) * x + 2.0, 0.0))),
    "mitchellcubic": (2.0, lambda x: jnp.where(x < 1.0, (7.0 / 6.0 * x - 2.0) * x * x + 8.0 / 9.0,
                                               jnp.where(x < 2.0, ((-7.0 / 18.0 * x + 2.0) * x - 10.0 / 3.0) * x
                                                         + 16.0 / 9.0, 0.0))),
}


class ScaleAndTranslate(Primitive):
    """Resampling of (B, H, W, C) images to `size` with `scale` and `translation` per axis
    (TensorFlow's scale_and_translate): output pixel o samples the input at
    s = (o + ½ − translation)/scale, with weights kernel(|i + ½ − s|/k) over the input pixels i
    within the kernel's radius·k of s (k = max(1/scale, 1) with antialias, else 1), normalised to
    sum 1; an s outside [0, in] gives 0. Float32."""

    def __init__(self, kernel_type="lanczos3", antialias=True):
        super().__init__("ScaleAndTranslate")
        if kernel_type not in _KERNELS:
            raise ValueError(f"For '{self.name}', the 'kernel_type' must be str and must be in "
                             f"'{list(_KERNELS)}', but got {kernel_type!r}.")
        self.add_prim_attr("kernel_type", kernel_type)
        self.add_prim_attr("antialias", _bool(self.name, "antialias", antialias))

    def __call__(self, images, size, scale, translation):
        _tensor(self.name, "images", images)
        if images.ndim != 4:
            raise ValueError(f"For '{self.name}', the 'images' must be a 4-D Tensor, but got rank {images.ndim}.")
        _tensor(self.name, "size", size, ("Int32",))
        for name, value in (("scale", scale), ("translation", translation)):
            _tensor(self.name, name, value, ("Float32",))
            if tuple(value.shape) != (2,):
                raise ValueError(f"For '{self.name}', the '{name}' must have shape (2,), but got "
                                 f"{tuple(value.shape)}.")
        return Primitive.__call__(self, images, scale, translation, _output_size(self.name, size))

    def _weights(self, size_in, size_out, scale, translate):
        radius, kernel = _KERNELS[self.attrs["kernel_type"]]
        inv_scale = 1.0 / scale
        kernel_scale = jnp.maximum(inv_scale, 1.0) if self.attrs["antialias"] else 1.0
        sample = (jnp.arange(size_out) + 0.5) * inv_scale - inv_scale * translate  # (out,)
        start = jnp.clip(jnp.ceil(sample - radius * kernel_scale - 0.5), 0, size_in - 1)
        end = jnp.clip(jnp.floor(sample + radius * kernel_scale - 0.5), 0, size_in - 1) + 1
        source = jnp.arange(size_in)[None, :]
        weights = kernel(jnp.abs((source + 0.5 - sample[:, None]) / kernel_scale))
        weights = jnp.where((source >= start[:, None]) & (source < end[:, None]), weights, 0.0)
        total = jnp.sum(weights, 1, keepdims=True)
        normalised = weights / jnp.where(total == 0, 1, total)
        weights = jnp.where(jnp.abs(total) >= 1000 * np.finfo(np.float32).tiny, normalised, weights)
        outside = (sample < 0) | (sample > size_in)
        return jnp.where(outside[:, None], 0.0, weights).astype(jnp.float32)

    def _compute(self, images, scale, translation, size):
        # MindSpore back-propagates to the images only (zeros to scale and translation).
        s, t = (jax.lax.stop_gradient(v.astype(jnp.float32)) for v in (scale, translation))
        rows = self._weights(images.shape[1], size[0], s[0], t[0])
        cols = self._weights(images.shape[2], size[1], s[1], t[1])
        return jnp.einsum("ih,bhwc,jw->bijc", rows, images.astype(jnp.float32), cols)


class InvalidBoundingBoxError(ValueError, RuntimeError):
    """A bounding box outside [0, 1] or with min >= max: a ValueError, and the RuntimeError
    MindSpore's kernel raises, for ported `except` clauses."""


class SampleDistortedBoundingBoxV2(Primitive):
    """A random crop of an image that covers at least `min_object_covered` of one of its boxes
    (TensorFlow's sample_distorted_bounding_box_v2, which MindSpore's kernel ports): per attempt
    an aspect ratio r ~ U(aspect_ratio_range) and, for areas in area_range·H·W, a height drawn
    uniformly between round(√(min_area/r)) and the largest height that fits, width = round(h·r),
    a position drawn uniformly; the first crop meeting the constraints is returned, the whole
    image after `max_attempts` failures. Returns begin (y, x, 0), size (h, w, −1) in
    image_size's dtype, and the crop as a normalised (1, 1, 4) box (y1, x1, y2, x2).

    The draws come from NumPy's PCG64 keyed by (seed, seed2) when either is non-zero (every call
    then gives the same crop, as MindSpore's does), else from sporax's random stream; the
    distribution is TensorFlow's, the bits are not MindSpore's."""

    _jit = False

    def __init__(self, seed=0, seed2=0, aspect_ratio_range=(0.75, 1.33), area_range=(0.05, 1.0), max_attempts=100,
                 use_image_if_no_bounding_boxes=False):
        super().__init__("SampleDistortedBoundingBoxV2")
        for name, value in (("seed", seed), ("seed2", seed2), ("max_attempts", max_attempts)):
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError(f"For '{self.name}', the type of '{name}' must be 'int', but got "
                                f"'{type(value).__name__}'.")
        if max_attempts <= 0:
            raise ValueError(f"For '{self.name}', the 'max_attempts' must be a positive int, but got {max_attempts}.")
        for name, value in (("aspect_ratio_range", aspect_ratio_range), ("area_range", area_range)):
            if not isinstance(value, (tuple, list)) or len(value) != 2 or \
                    any(isinstance(v, bool) or not isinstance(v, (int, float)) for v in value):
                raise TypeError(f"For '{self.name}', the '{name}' must be a tuple of 2 floats, but got {value!r}.")
            if value[0] > value[1] or value[0] <= 0:
                raise ValueError(f"For '{self.name}', the '{name}' must be positive and ascending, but got {value!r}.")
        if area_range[1] > 1.0:
            raise ValueError(f"For '{self.name}', the 'area_range' must be in (0.0, 1.0], but got {area_range!r}.")
        _bool(self.name, "use_image_if_no_bounding_boxes", use_image_if_no_bounding_boxes)
        for name, value in (("seed", seed), ("seed2", seed2), ("aspect_ratio_range", tuple(aspect_ratio_range)),
                            ("area_range", tuple(area_range)), ("max_attempts", max_attempts),
                            ("use_image_if_no_bounding_boxes", use_image_if_no_bounding_boxes)):
            self.add_prim_attr(name, value)

    def __call__(self, image_size, bounding_boxes, min_object_covered):
        _tensor(self.name, "image_size", image_size, ("UInt8", "Int8", "Int16", "Int32", "Int64"))
        if tuple(image_size.shape) != (3,):
            raise ValueError(f"For '{self.name}', the 'image_size' must have shape (3,), but got "
                             f"{tuple(image_size.shape)}.")
        _tensor(self.name, "bounding_boxes", bounding_boxes, ("Float32",))
        if bounding_boxes.ndim != 3 or bounding_boxes.shape[2] != 4:
            raise ValueError(f"For '{self.name}', the 'bounding_boxes' must have shape (batch, N, 4), but got "
                             f"{tuple(bounding_boxes.shape)}.")
        _tensor(self.name, "min_object_covered", min_object_covered, ("Float32",))
        if min_object_covered.ndim != 1 or min_object_covered.shape[0] != 1:
            raise ValueError(f"For primitive[{self.name}], the min_object_covered dimension must be equal to 1, but "
                             f"got {min_object_covered.ndim}.")
        for name in ("aspect_ratio_range", "area_range"):
            if not self.attrs[name][0] < self.attrs[name][1]:
                raise ValueError(f"For '{self.name}', {name}[0] must less than {name}[1].")
        covered = float(min_object_covered.asnumpy()[0])
        if not 0.0 <= covered <= 1.0:
            raise ValueError(f"For '{self.name}', the 'min_object_covered' must be in [0, 1], but got {covered}.")
        boxes = bounding_boxes.asnumpy().reshape(-1, 4)
        outside = boxes[(boxes < 0.0) | (boxes > 1.0) | np.isnan(boxes)]
        if outside.size:
            raise InvalidBoundingBoxError(f"For '{self.name}', all bounding box coordinates must in [0.0, 1.0], "
                                          f"got: {outside[:1]}.")
        for axis, low, high in (("x", 1, 3), ("y", 0, 2)):  # a box is (y_min, x_min, y_max, x_max)
            empty = boxes[:, low] >= boxes[:, high]
            if empty.any():
                raise InvalidBoundingBoxError(f"For '{self.name}', {axis}_min of bounding box must be less than "
                                              f"{axis}_max, got: {boxes[empty, low][:1]} and {boxes[empty, high][:1]}.")
        if bounding_boxes.size == 0 and not self.attrs["use_image_if_no_bounding_boxes"]:
            raise ValueError(f"For '{self.name}', no bounding boxes were given and 'use_image_if_no_bounding_boxes' "
                             "is False.")
        seed, seed2 = self.attrs["seed"], self.attrs["seed2"]
        key = random_keys.op_key(0, 0) if seed == 0 and seed2 == 0 else jnp.asarray([seed, seed2], jnp.uint32)
        return Primitive.__call__(self, key, image_size, bounding_boxes, covered)

    def _compute(self, key, image_size, bounding_boxes, covered):
        a = self.attrs
        words = [int(v) for v in np.asarray(_concrete(self.name, key)).ravel()]
        rng = np.random.Generator(np.random.PCG64(words))
        size = np.asarray(_concrete(self.name, image_size))
        height, width = int(size[0]), int(size[1])
        boxes = np.asarray(_concrete(self.name, bounding_boxes), np.float64).reshape(-1, 4)
        if boxes.size == 0:
            boxes = np.array([[0.0, 0.0, 1.0, 1.0]])
        rects = [(b[1] * width, b[0] * height, b[3] * width, b[2] * height) for b in boxes]  # x1, y1, x2, y2
        image_area = width * height
        crop = None
        for _ in range(a["max_attempts"]):
            ratio = rng.uniform(*a["aspect_ratio_range"])
            found = _random_crop(rng, width, height, a["area_range"][0] * image_area,
                                 a["area_range"][1] * image_area, ratio)
            if found is not None and _covers(found, rects, covered):
                crop = found
                break
        if crop is None:
            crop = (0, 0, width, height)
        x, y, x2, y2 = crop
        dtype = np.asarray(size).dtype
        last = 255 if dtype == np.uint8 else -1
        begin = np.array([y, x, 0], dtype)
        extent = np.array([y2 - y, x2 - x, last], dtype)
        box = np.array([[[y / height, x / width, y2 / height, x2 / width]]], np.float32)
        return jnp.asarray(begin), jnp.asarray(extent), jnp.asarray(box)


def _round(value):
    return int(math.floor(value + 0.5)) if value >= 0 else -int(math.floor(-value + 0.5))


def _random_crop(rng, width, height, min_area, max_area, ratio):
    """TensorFlow's GenerateRandomCrop: a (x1, y1, x2, y2) crop of aspect `ratio` whose area lies in
    [min_area, max_area], or None."""
    crop_h = _round(math.sqrt(min_area / ratio))
    max_h = _round(math.sqrt(max_area / ratio))
    if _round(max_h * ratio) > width:
        max_h = int((width + 0.5 - 1e-7) / ratio)
        if _round(max_h * ratio) > width:
            max_h -= 1
    max_h = min(max_h, height)
    crop_h = min(crop_h, max_h)
    if crop_h < max_h:
        crop_h += int(rng.integers(0, max_h - crop_h + 1))
    crop_w = _round(crop_h * ratio)
    if crop_w * crop_h < min_area:
        crop_h += 1
        crop_w = _round(crop_h * ratio)
    area = crop_w * crop_h
    if area < min_area or area > max_area or crop_w > width or crop_h > height or crop_w <= 0 or crop_h <= 0:
        return None
    y = 0 if height == crop_h else int(rng.integers(0, height - crop_h))
    x = 0 if width == crop_w else int(rng.integers(0, width - crop_w))
    return x, y, x + crop_w, y + crop_h


def _covers(crop, rects, covered):
    """Whether the crop holds at least `covered` of some box's area."""
    x1, y1, x2, y2 = crop
    for bx1, by1, bx2, by2 in rects:
        area = (bx2 - bx1) * (by2 - by1)
        if area <= 0:
            continue
        inter = max(min(x2, bx2) - max(x1, bx1), 0) * max(min(y2, by2) - max(y1, by1), 0)
        if inter / area >= covered:
            return True
    return False
