"""Differential cases of the image and detection ops (prim1), one or more per name; outputs from
MindSpore 2.10 CPU via `make_differential_outputs.py _prim1`. Boxes are drawn by the 'boxes:W'
value kind (x1 < x2, y1 < y2 inside a W-wide image), crop boxes by 'nboxes'."""
from __future__ import annotations

import numpy as np

from differential_cases import T, call, error  # noqa: F401

B3 = T((3, 4), "float32", "boxes:10")
B2 = T((2, 4), "float32", "boxes:10")
IMG = T((2, 3, 4, 3), "float32", "prob")
X4 = T((2, 3, 4, 5))
CASES = [
    call("ops.IOU", B3, B2, init=(), graph=True, grad=True),
    call("ops.IOU", B3, B2, init=("iof",)),
    call("ops.IOU", T((3, 4), "float16", "boxes:10"), T((2, 4), "float16", "boxes:10"), init=()),
    call("ops.iou", B3, B2, mode="iof"),
    call("ops.iou", B2, B3),
    error("ops.iou", T((3, 4), "int32", "boxes:10"), B2),
    error("ops.iou", B3, B2, mode="giou"),
    call("ops.BoundingBoxEncode", B3, T((3, 4), "float32", "boxes:10"), init=(), graph=True),
    call("ops.bounding_box_encode", B3, T((3, 4), "float32", "boxes:10"), means=(0.1, 0.0, -0.1, 0.2),
         stds=(0.1, 0.1, 0.2, 0.2)),
    call("ops.BoundingBoxDecode", B3, T((3, 4), "float32", "unit"), init=((8, 12),), graph=True),
    call("ops.bounding_box_decode", B3, T((3, 4)), (8, 12), means=(0.1, 0.0, -0.1, 0.2), stds=(0.1, 0.1, 0.2, 0.2),
         wh_ratio_clip=0.2),
    error("ops.bounding_box_decode", B3, T((2, 4)), (8, 12)),
    call("ops.CheckValid", T((6, 4), "float32", "boxes:10"), T((3,), "float32", "const:3"), init=(), graph=True),
    call("ops.check_valid", T((6, 4), "float32", "boxes:10"), T((3,), "float32", "const:3")),
    call("ops.check_valid", T((6, 4), "float16", "boxes:10"), T((3,), "float16", "const:3")),
    error("ops.check_valid", T((6, 4), "float32", "boxes:10"), T((2,), "float32", "const:3")),
    call("ops.RGBToHSV", IMG, init=(), graph=True, grad=True),
    call("ops.RGBToHSV", T((4, 3), "float32", "const:0.5"), init=()),
    call("ops.RGBToHSV", T((2, 3), "float64", "prob"), init=()),
    call("ops.HSVToRGB", IMG, init=(), graph=True),
    error("ops.HSVToRGB", T((4, 3), "float32", "prob"), init=()),
    call("ops.AdjustHue", IMG, T((), "float32", "unit"), init=(), graph=True),
    call("ops.AdjustSaturation", IMG, T((), "float32", "positive"), init=(), graph=True),
    error("ops.AdjustHue", IMG, T((2,), "float32", "unit"), init=()),
    call("ops.SparseGatherV2", T((3, 4)), T((5,), "int32", "index:4"), 1, init=()),
    call("ops.SparseGatherV2", T((3, 4)), T((2, 2), "int32", "index:3"), 0, init=()),
    call("ops.ResizeNearestNeighborV2", X4, T((2,), "int32", "const:7"), init=(), grad=True),
    call("ops.ResizeNearestNeighborV2", X4, T((2,), "int32", "const:9"), init=(True, False)),
    call("ops.ResizeNearestNeighborV2", X4, T((2,), "int32", "const:3"), init=(True, False)),
    call("ops.ResizeNearestNeighborV2", X4, T((2,), "int32", "const:7"), init=(False, True)),
    error("ops.ResizeNearestNeighborV2", T((3, 4, 5)), T((2,), "int32", "const:7"), init=()),
    call("ops.CropAndResize", T((2, 5, 6, 3)), T((3, 4), "float32", "nboxes"), T((3,), "int32", "index:2"), (3, 4),
         init=(), graph=True, grad=True),
    call("ops.crop_and_resize", T((2, 5, 6, 3)), T((3, 4), "float32", "nboxes"), T((3,), "int32", "index:2"), (4, 1),
         method="nearest", extrapolation_value=-1.0),
    call("ops.crop_and_resize", T((1, 5, 6, 2), "int32", "int"), T((2, 4), "float32", "nboxes"),
         T((2,), "int32", "index:1"), (1, 3)),
    error("ops.crop_and_resize", T((2, 5, 6, 3)), T((3, 4), "float32", "nboxes"), T((2,), "int32", "index:2"),
          (3, 4)),
    call("ops.NMSWithMask", T((6, 5), "float32", "boxes5:10"), init=(0.1,), graph=True),
    call("ops.NMSWithMask", T((8, 5), "float32", "boxes5:20"), init=(), graph=True),
    error("ops.NMSWithMask", T((6, 4), "float32", "boxes:10"), init=()),
    call("ops.NonMaxSuppressionWithOverlaps", T((6, 6), "float32", "prob"), T((6,), "float32", "unit"),
         T((), "int32", "const:3"), T((), "float32", "const:0.5"), T((), "float32", "const:0.0"), init=()),
    call("ops.ExtractImagePatches", X4, init=((1, 1, 2, 2), (1, 1, 1, 1), (1, 1, 1, 1))),
    call("ops.ExtractImagePatches", T((1, 2, 5, 6)), init=((1, 1, 3, 2), (1, 1, 2, 2), (1, 1, 1, 2), "SAME")),
    error("ops.ExtractImagePatches", T((3, 4, 5)), init=((1, 1, 2, 2), (1, 1, 1, 1), (1, 1, 1, 1))),
    call("ops.ExtractVolumePatches", T((1, 2, 3, 4, 4)), init=((1, 1, 2, 2, 2), (1, 1, 1, 1, 1), "VALID"),
         grad=True),
    call("ops.ExtractVolumePatches", T((1, 2, 3, 4, 5), "float16"), init=((1, 1, 2, 3, 2), (1, 1, 2, 2, 2), "SAME")),
    call("ops.Dilation2D", T((1, 2, 5, 6)), T((2, 2, 3)), init=((1, 1, 1, 1), (1, 1, 1, 1), "valid")),
    call("ops.Dilation2D", T((1, 2, 5, 6)), T((2, 2, 2)), init=(2, (1, 1, 2, 1), "same")),
    call("ops.ROIAlign", T((2, 3, 6, 7)), T((4, 5), "float32", "rois:12"), init=(2, 2, 0.5, 2), graph=True, grad=True),
    call("ops.ROIAlign", T((2, 3, 6, 7)), T((3, 5), "float32", "rois:6"), init=(3, 2, 1.0, 1, 0)),
    call("ops.ROIAlign", T((2, 3, 6, 7)), T((3, 5), "float32", "rois:12"), init=(2, 3, 0.5, 0)),
    error("ops.ROIAlign", T((2, 3, 6, 7)), T((3, 4), "float32", "boxes:12"), init=(2, 2, 0.5)),
    call("ops.ResizeArea", T((2, 5, 6, 3)), T((2,), "int32", "const:3"), init=()),
    call("ops.ResizeArea", T((1, 4, 5, 2)), T((2,), "int32", "const:7"), init=()),
    call("ops.ResizeArea", T((1, 5, 6, 2)), T((2,), "int32", "const:3"), init=(True,)),
    call("ops.NonMaxSuppressionV3", T((6, 4), "float32", "boxes:10"), T((6,), "float32", "unit"), 4, 0.3, 0.0,
         init=()),
    call("ops.CombinedNonMaxSuppression", T((2, 6, 1, 4), "float32", "nboxes"), T((2, 6, 3), "float32", "prob"),
         T((), "int32", "const:2"), T((), "int32", "const:5"), T((), "float32", "const:0.4"),
         T((), "float32", "const:0.3"), init=()),
    call("ops.CombinedNonMaxSuppression", T((1, 5, 2, 4), "float32", "nboxes"), T((1, 5, 2), "float32", "prob"),
         T((), "int32", "const:3"), T((), "int32", "const:8"), T((), "float32", "const:0.5"),
         T((), "float32", "const:0.1"), init=(True, False)),
    call("ops.DeformableOffsets", T((1, 2, 5, 6)), T((1, 12, 4, 5), "float32", "normal"),
         init=((1, 1, 1, 1), (0, 0, 0, 0), (2, 2)), graph=True, grad=True),
    call("ops.DeformableOffsets", T((2, 4, 5, 6)), T((2, 54, 2, 3), "float32", "normal"),
         init=((1, 1, 2, 2), (1, 0, 1, 1), (3, 3), (1, 1, 1, 1), "NCHW", 2)),
    call("ops.DeformableOffsets", T((1, 2, 6, 6)), T((1, 12, 4, 5), "float32", "unit"),
         init=((1, 1, 1, 1), (0, 0, 0, 0), (2, 2), (1, 1, 2, 1))),
    error("ops.DeformableOffsets", T((1, 2, 5, 6)), T((1, 12, 3, 5)), init=((1, 1, 1, 1), (0, 0, 0, 0), (2, 2))),
    call("ops.deformable_conv2d", T((1, 2, 5, 6)), T((3, 2, 2, 2)), T((1, 12, 4, 5), "float32", "unit"), (2, 2),
         (1, 1, 1, 1), (0, 0, 0, 0), grad=True),
    call("ops.deformable_conv2d", T((1, 4, 5, 6)), T((4, 2, 3, 3)), T((1, 54, 4, 3), "float32", "unit"), (3, 3),
         (1, 1, 1, 2), (1, 0, 1, 1), bias=T((4,)), groups=2, deformable_groups=2),
    call("ops.ExtractGlimpse", T((2, 5, 6, 3)), T((2,), "int32", "const:3"), T((2, 2), "float32", "unit"),
         init=(True, True, False, "zero")),
    call("ops.ExtractGlimpse", T((2, 5, 6, 1)), T((2,), "int32", "const:4"), T((2, 2), "float32", "positive"),
         init=(False, False, False, "zero")),
    call("ops.ExtractGlimpse", T((2, 5, 6, 1)), T((2,), "int32", "const:2"), T((2, 2), "float32", "prob"),
         init=(False, True, False, "zero")),
    call("ops.ExtractGlimpse", T((2, 5, 6, 1)), T((2,), "int32", "const:3"), T((2, 2), "float32", "positive"),
         init=(True, False, False, "zero")),
    error("ops.ExtractGlimpse", T((2, 5, 6, 1)), T((2,), "int32", "const:3"), T((1, 2), "float32", "unit"),
          init=(True, True, False, "zero")),
    call("ops.ScaleAndTranslate", T((2, 5, 6, 3)), T((2,), "int32", "const:4"), T((2,), "float32", "positive"),
         T((2,), "float32", "unit"), init=(), grad=True),
    call("ops.ScaleAndTranslate", T((1, 5, 6, 2)), T((2,), "int32", "const:9"), T((2,), "float32", "positive"),
         T((2,), "float32", "unit"), init=("triangle", False)),
    call("ops.ScaleAndTranslate", T((1, 5, 6, 2)), T((2,), "int32", "const:3"), T((2,), "float32", "positive"),
         T((2,), "float32", "unit"), init=("keyscubic",)),
    call("ops.ScaleAndTranslate", T((1, 5, 6, 2)), T((2,), "int32", "const:7"), T((2,), "float32", "positive"),
         T((2,), "float32", "unit"), init=("mitchellcubic",)),
    call("ops.ScaleAndTranslate", T((1, 5, 6, 2)), T((2,), "int32", "const:4"), T((2,), "float32", "positive"),
         T((2,), "float32", "unit"), init=("gaussian",)),
    call("ops.ScaleAndTranslate", T((1, 5, 6, 2)), T((2,), "int32", "const:6"), T((2,), "float32", "positive"),
         T((2,), "float32", "unit"), init=("box",)),
    call("ops.ScaleAndTranslate", T((1, 5, 6, 2)), T((2,), "int32", "const:5"), T((2,), "float32", "positive"),
         T((2,), "float32", "unit"), init=("lanczos1",)),
    call("ops.ScaleAndTranslate", T((1, 5, 6, 2)), T((2,), "int32", "const:8"), T((2,), "float32", "positive"),
         T((2,), "float32", "unit"), init=("lanczos5",)),
    call("ops.mirror_pad", T((3, 3, 4, 5)), T((4, 2), "int32", "small"), "REFLECT"),
    call("ops.mirror_pad", T((3, 3, 4, 5)), T((4, 2), "int32", "small"), "SYMMETRIC"),
]

def _patches(x, kernel, strides, rates, same):
    """NumPy reference of ExtractImagePatches (N, C, H, W) -> (N, kh·kw·C, oh, ow), TF's order."""
    n, c, h, w = x.shape
    if same:
        pads = []
        for size, k, s, r in zip((h, w), kernel, strides, rates):
            effective = (k - 1) * r + 1
            total = max((-(-size // s) - 1) * s + effective - size, 0)
            pads.append((total // 2, total - total // 2))
        x = np.pad(x, [(0, 0), (0, 0)] + pads)
    h, w = x.shape[2:]
    oh = (h - ((kernel[0] - 1) * rates[0] + 1)) // strides[0] + 1
    ow = (w - ((kernel[1] - 1) * rates[1] + 1)) // strides[1] + 1
    out = np.zeros((n, kernel[0], kernel[1], c, oh, ow))
    for i in range(oh):
        for j in range(ow):
            for a in range(kernel[0]):
                for b in range(kernel[1]):
                    out[:, a, b, :, i, j] = x[:, :, i * strides[0] + a * rates[0], j * strides[1] + b * rates[1]]
    return out.reshape(n, -1, oh, ow)


def _dilation(x, f, strides, rates, same):
    """NumPy reference of Dilation2D: max over the window of x + filter (zero padding for SAME)."""
    n, c = x.shape[:2]
    kh, kw = f.shape[1:]
    patches = _patches(x, (kh, kw), strides, rates, same)
    oh, ow = patches.shape[2:]
    patches = patches.reshape(n, kh * kw, c, oh, ow)
    return np.max(patches + f.reshape(c, kh * kw).T[None, :, :, None, None], 1)


def _nms_v3(boxes, scores, limit=4, iou_threshold=0.3, score_threshold=0.0):
    """NumPy reference of TensorFlow's NonMaxSuppressionV3 (boxes (y1, x1, y2, x2), IOU without +1)."""
    def overlap(a, b):
        ya, yb = sorted(a[[0, 2]]), sorted(b[[0, 2]])
        xa, xb = sorted(a[[1, 3]]), sorted(b[[1, 3]])
        inter = max(min(ya[1], yb[1]) - max(ya[0], yb[0]), 0) * max(min(xa[1], xb[1]) - max(xa[0], xb[0]), 0)
        union = (ya[1] - ya[0]) * (xa[1] - xa[0]) + (yb[1] - yb[0]) * (xb[1] - xb[0]) - inter
        return inter / union
    taken = []
    for i in np.argsort(-scores, kind="stable"):
        if len(taken) < limit and scores[i] > score_threshold and all(overlap(boxes[i], boxes[j]) <= iou_threshold
                                                                      for j in taken):
            taken.append(i)
    return np.array(taken)


def _roi_align(features, rois, pooled=(2, 3), scale=0.5, sample_num=0, end_mode=1):
    """NumPy reference of Caffe2's RoIAlign, the adaptive grid (ceil(bin size) samples) for sample_num <= 0."""
    n_rois, (channels, height, width) = rois.shape[0], features.shape[1:]
    out = np.zeros((n_rois, channels) + pooled)

    def sample(image, y, x):
        if y < -1 or y > height or x < -1 or x > width:
            return np.zeros(channels)
        y, x = max(y, 0.0), max(x, 0.0)
        y0, x0 = int(y), int(x)
        y1, x1 = (y0 + 1, x0 + 1)
        if y0 >= height - 1:
            y0 = y1 = height - 1
            y = float(y0)
        if x0 >= width - 1:
            x0 = x1 = width - 1
            x = float(x0)
        ly, lx = y - y0, x - x0
        return ((1 - ly) * (1 - lx) * image[:, y0, x0] + (1 - ly) * lx * image[:, y0, x1] +
                ly * (1 - lx) * image[:, y1, x0] + ly * lx * image[:, y1, x1])

    for r in range(n_rois):
        b, x1, y1, x2, y2 = rois[r]
        sw, sh = x1 * scale, y1 * scale
        rw, rh = max((x2 + end_mode) * scale - sw, 1.0), max((y2 + end_mode) * scale - sh, 1.0)
        bh, bw = rh / pooled[0], rw / pooled[1]
        gh = sample_num if sample_num > 0 else int(np.ceil(bh))
        gw = sample_num if sample_num > 0 else int(np.ceil(bw))
        for i in range(pooled[0]):
            for j in range(pooled[1]):
                total = np.zeros(channels)
                for a in range(gh):
                    for c in range(gw):
                        total += sample(features[int(b)], sh + i * bh + (a + 0.5) * bh / gh,
                                        sw + j * bw + (c + 0.5) * bw / gw)
                out[r, :, i, j] = total / (gh * gw)
    return out


MINDSPORE_CPU_WRONG = {
    "ops.ROIAlign(2, 3, 0.5, 0)(float32[2, 3, 6, 7],float32[3, 5]~rois:12)": (
        "MindSpore 2.10's CPU ROIAlign gives NaN for sample_num=0 (its adaptive grid): Caffe2's RoIAlign",
        _roi_align),
    "ops.ExtractImagePatches((1, 1, 2, 2), (1, 1, 1, 1), (1, 1, 1, 1))(float32[2, 3, 4, 5])": (
        "MindSpore 2.10 has no CPU kernel for ExtractImagePatches (Ascend/GPU only): NumPy reference",
        lambda x: _patches(x, (2, 2), (1, 1), (1, 1), False)),
    "ops.ExtractImagePatches((1, 1, 3, 2), (1, 1, 2, 2), (1, 1, 1, 2), 'SAME')(float32[1, 2, 5, 6])": (
        "MindSpore 2.10 has no CPU kernel for ExtractImagePatches (Ascend/GPU only): NumPy reference",
        lambda x: _patches(x, (3, 2), (2, 2), (1, 2), True)),
    "ops.Dilation2D((1, 1, 1, 1), (1, 1, 1, 1), 'valid')(float32[1, 2, 5, 6],float32[2, 2, 3])": (
        "MindSpore 2.10's CPU Dilation2D fails to run (Cast failed on pad_mode): its documented formula",
        lambda x, f: _dilation(x, f, (1, 1), (1, 1), False)),
    "ops.Dilation2D(2, (1, 1, 2, 1), 'same')(float32[1, 2, 5, 6],float32[2, 2, 2])": (
        "MindSpore 2.10's CPU Dilation2D fails to run (Cast failed on pad_mode): its documented formula",
        lambda x, f: _dilation(x, f, (2, 2), (2, 1), True)),
    "ops.NonMaxSuppressionV3()(float32[6, 4]~boxes:10,float32[6]~unit,4,0.3,0.0)": (
        "MindSpore 2.10 has no CPU kernel for NonMaxSuppressionV3 (Ascend/GPU only): TensorFlow's algorithm",
        _nms_v3),
    "ops.SparseGatherV2()(float32[3, 4],int32[5]~index:4,1)": (
        "MindSpore 2.10 has no CPU kernel for SparseGatherV2 (Ascend/GPU only): NumPy's take",
        lambda p, i: np.take(p, i.astype(np.int64), axis=1)),
    "ops.SparseGatherV2()(float32[3, 4],int32[2, 2]~index:3,0)": (
        "MindSpore 2.10 has no CPU kernel for SparseGatherV2 (Ascend/GPU only): NumPy's take",
        lambda p, i: np.take(p, i.astype(np.int64), axis=0)),
}
