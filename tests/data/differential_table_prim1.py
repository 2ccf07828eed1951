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
    call("ops.IOU", B3, B2, init=(), graph=True),
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
    call("ops.RGBToHSV", IMG, init=(), graph=True),
    call("ops.RGBToHSV", T((4, 3), "float32", "const:0.5"), init=()),
    call("ops.RGBToHSV", T((2, 3), "float64", "prob"), init=()),
    call("ops.HSVToRGB", IMG, init=(), graph=True),
    error("ops.HSVToRGB", T((4, 3), "float32", "prob"), init=()),
    call("ops.AdjustHue", IMG, T((), "float32", "unit"), init=(), graph=True),
    call("ops.AdjustSaturation", IMG, T((), "float32", "positive"), init=(), graph=True),
    error("ops.AdjustHue", IMG, T((2,), "float32", "unit"), init=()),
    call("ops.SparseGatherV2", T((3, 4)), T((5,), "int32", "index:4"), 1, init=()),
    call("ops.SparseGatherV2", T((3, 4)), T((2, 2), "int32", "index:3"), 0, init=()),
    call("ops.ResizeNearestNeighborV2", X4, T((2,), "int32", "const:7"), init=()),
    call("ops.ResizeNearestNeighborV2", X4, T((2,), "int32", "const:9"), init=(True, False)),
    call("ops.ResizeNearestNeighborV2", X4, T((2,), "int32", "const:3"), init=(True, False)),
    call("ops.ResizeNearestNeighborV2", X4, T((2,), "int32", "const:7"), init=(False, True)),
    error("ops.ResizeNearestNeighborV2", T((3, 4, 5)), T((2,), "int32", "const:7"), init=()),
    call("ops.CropAndResize", T((2, 5, 6, 3)), T((3, 4), "float32", "nboxes"), T((3,), "int32", "index:2"), (3, 4),
         init=(), graph=True),
    call("ops.crop_and_resize", T((2, 5, 6, 3)), T((3, 4), "float32", "nboxes"), T((3,), "int32", "index:2"), (4, 1),
         method="nearest", extrapolation_value=-1.0),
    call("ops.crop_and_resize", T((1, 5, 6, 2), "int32", "int"), T((2, 4), "float32", "nboxes"),
         T((2,), "int32", "index:1"), (1, 3)),
    error("ops.crop_and_resize", T((2, 5, 6, 3)), T((3, 4), "float32", "nboxes"), T((2,), "int32", "index:2"),
          (3, 4)),
    call("ops.NMSWithMask", T((6, 5), "float32", "boxes5:10"), init=(0.1,)),
    call("ops.NMSWithMask", T((8, 5), "float32", "boxes5:20"), init=()),
    error("ops.NMSWithMask", T((6, 4), "float32", "boxes:10"), init=()),
    call("ops.NonMaxSuppressionWithOverlaps", T((6, 6), "float32", "prob"), T((6,), "float32", "unit"),
         T((), "int32", "const:3"), T((), "float32", "const:0.5"), T((), "float32", "const:0.0"), init=()),
    call("ops.mirror_pad", T((3, 3, 4, 5)), T((4, 2), "int32", "small"), "REFLECT"),
    call("ops.mirror_pad", T((3, 3, 4, 5)), T((4, 2), "int32", "small"), "SYMMETRIC"),
]

MINDSPORE_CPU_WRONG = {
    "ops.SparseGatherV2()(float32[3, 4],int32[5]~index:4,1)": (
        "MindSpore 2.10 has no CPU kernel for SparseGatherV2 (Ascend/GPU only): NumPy's take",
        lambda p, i: np.take(p, i.astype(np.int64), axis=1)),
    "ops.SparseGatherV2()(float32[3, 4],int32[2, 2]~index:3,0)": (
        "MindSpore 2.10 has no CPU kernel for SparseGatherV2 (Ascend/GPU only): NumPy's take",
        lambda p, i: np.take(p, i.astype(np.int64), axis=0)),
}
