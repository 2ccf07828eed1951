"""The image and detection Primitives (image_ops, image_ops_more) and their functions beyond the
differential table (tests/data/differential_table_prim1.py): both paths, MindSpore 2.10's
reprs, argument checks, and the eager-only kernels refusing inside a compiled graph."""
from __future__ import annotations

import numpy as np
import pytest

import sporax
from sporax import Tensor, ops
from sporax.ops import functional as F
from sporax.ops import operations as P

NAMES = ["AdjustHue", "AdjustSaturation", "BoundingBoxDecode", "BoundingBoxEncode", "CheckValid", "CropAndResize",
         "HSVToRGB", "IOU", "NMSWithMask", "NonMaxSuppressionWithOverlaps", "RGBToHSV", "ResizeNearestNeighborV2",
         "SparseGatherV2", "CombinedNonMaxSuppression", "Dilation2D", "ExtractImagePatches", "ExtractVolumePatches",
         "NonMaxSuppressionV3", "ROIAlign", "ResizeArea", "DeformableOffsets"]
FUNCTIONS = ["bounding_box_decode", "bounding_box_encode", "check_valid", "crop_and_resize", "deformable_conv2d", "iou",
             "mirror_pad"]


def test_primitives_at_both_paths():
    for name in NAMES:
        assert getattr(ops, name) is getattr(P, name), name


def test_functions_at_ops_and_functional():
    for name in FUNCTIONS:
        assert getattr(ops, name) is getattr(F, name), name


# Printed by MindSpore 2.10 for the same constructor calls.
REPRS = [
    (lambda: ops.IOU(), "Prim[IOU]<mode=iou>"),
    (lambda: ops.BoundingBoxDecode((8, 8)), "Prim[BoundingBoxDecode]<max_shape=(8, 8), means=(0.0, 0.0, 0.0, 0.0), "
                                            "stds=(1.0, 1.0, 1.0, 1.0), wh_ratio_clip=0.016>"),
    (lambda: ops.BoundingBoxEncode(), "Prim[BoundingBoxEncode]<means=(0.0, 0.0, 0.0, 0.0), stds=(1.0, 1.0, 1.0, 1.0)>"),
    (lambda: ops.CheckValid(), "Prim[CheckValid]"),
    (lambda: ops.SparseGatherV2(), "Prim[SparseGatherV2]<bprop_return_sparse=True>"),
    (lambda: ops.ResizeNearestNeighborV2(), "Prim[ResizeNearestNeighborV2]<align_corners=False, "
                                            "half_pixel_centers=False>"),
    (lambda: ops.CropAndResize(), "Prim[CropAndResize]<method=bilinear, extrapolation_value=0.0>"),
    (lambda: ops.NMSWithMask(), "Prim[NMSWithMask]<iou_threshold=0.5>"),
    (lambda: ops.Dilation2D(1, 1), "Prim[Dilation2D]<stride=(1, 1, 1, 1), dilation=(1, 1, 1, 1), pad_mode=SAME, "
                                   "data_format=NCHW>"),
    (lambda: ops.ExtractVolumePatches((1, 1, 2, 2, 2), (1, 1, 1, 1, 1), "VALID"),
     "Prim[ExtractVolumePatches]<kernel_size=(1, 1, 2, 2, 2), strides=(1, 1, 1, 1, 1), padding=VALID>"),
    (lambda: ops.ROIAlign(2, 2, 0.5), "Prim[ROIAlign]<pooled_height=2, pooled_width=2, spatial_scale=0.5, "
                                      "sample_num=2, roi_end_mode=1>"),
    (lambda: ops.ResizeArea(), "Prim[ResizeArea]<align_corners=False>"),
    (lambda: ops.ExtractImagePatches((1, 1, 2, 2), (1, 1, 1, 1), (1, 1, 1, 1)),
     "Prim[ExtractImagePatches]<ksizes=(2, 2), strides=(1, 1), rates=(1, 1), padding=2>"),
    (lambda: ops.ExtractImagePatches((1, 1, 2, 2), (1, 1, 1, 1), (1, 1, 1, 1), "SAME"),
     "Prim[ExtractImagePatches]<ksizes=(2, 2), strides=(1, 1), rates=(1, 1), padding=1>"),
    (lambda: ops.NonMaxSuppressionV3(), "Prim[NonMaxSuppressionV3]"),
    (lambda: ops.CombinedNonMaxSuppression(), "Prim[CombinedNonMaxSuppression]<pad_per_class=False, clip_boxes=True>"),
]


@pytest.mark.parametrize("make, expected", REPRS, ids=[r[1].split("]")[0][5:] + str(i) for i, r in enumerate(REPRS)])
def test_repr_is_mindspores(make, expected):
    assert repr(make()) == expected


BOXES = Tensor(np.array([[0, 0, 2, 2], [1, 1, 3, 4]], np.float32))
BAD = [
    (lambda: ops.IOU("giou"), ValueError, "mode"),
    (lambda: ops.IOU("giou"), KeyError, "mode"),  # MindSpore raises KeyError there
    (lambda: ops.iou(BOXES, Tensor(np.ones((2, 3), np.float32))), ValueError, "gt_boxes"),
    (lambda: ops.iou(BOXES, [[0, 0, 1, 1]]), TypeError, "gt_boxes"),
    (lambda: ops.BoundingBoxDecode([8, 8.0]), TypeError, "max_shape"),
    (lambda: ops.BoundingBoxDecode((8, 8), wh_ratio_clip=1), TypeError, "wh_ratio_clip"),
    (lambda: ops.BoundingBoxEncode(stds=(1.0, 0.0, 1.0, 1.0)), ValueError, "stds"),
    (lambda: ops.BoundingBoxEncode(means=(0.0, 0.0)), TypeError, "means"),
    (lambda: ops.ResizeNearestNeighborV2(True, True), ValueError, "half_pixel_centers"),
    (lambda: ops.ResizeNearestNeighborV2()(Tensor(np.ones((1, 1, 2, 2), np.float32)),
                                           Tensor(np.array([0, 2], np.int32))), ValueError, "size"),
    (lambda: ops.CropAndResize(method="cubic"), ValueError, "method"),
    (lambda: ops.crop_and_resize(Tensor(np.ones((1, 4, 4, 1), np.float32)), Tensor(np.ones((1, 4), np.float32)),
                                 Tensor(np.zeros(1, np.int32)), [2, 2]), TypeError, "crop_size"),
    (lambda: ops.NMSWithMask(1), TypeError, "iou_threshold"),
    (lambda: ops.SparseGatherV2()(Tensor(np.ones((2, 2), np.float32)), Tensor(np.zeros(1, np.int32)), 2),
     ValueError, "axis"),
    (lambda: ops.SparseGatherV2()(Tensor(np.ones((2, 2), np.float32)), Tensor(np.zeros(1, np.float32)), 0),
     TypeError, "input_indices"),
    (lambda: ops.Dilation2D(1, 1, "full"), ValueError, "pad_mode"),
    (lambda: ops.Dilation2D(1, 1, data_format="NHWC"), ValueError, "data_format"),
    (lambda: ops.Dilation2D(1, 1)(Tensor(np.ones((1, 2, 4, 4), np.float32)), Tensor(np.ones((3, 2, 2), np.float32))),
     ValueError, "filter"),
    (lambda: ops.ExtractImagePatches((2, 1, 2, 2), (1, 1, 1, 1), (1, 1, 1, 1)), ValueError, "ksizes"),
    (lambda: ops.ExtractImagePatches((1, 1, 2, 2), (1, 1, 1, 1), (1, 1, 1, 1), "FULL"), ValueError, "padding"),
    (lambda: ops.ROIAlign(2, 2, 1), TypeError, "spatial_scale"),
    (lambda: ops.ROIAlign(2, 2, 1.0, roi_end_mode=2), ValueError, "roi_end_mode"),
    (lambda: ops.ResizeArea(1), TypeError, "align_corners"),
    (lambda: ops.NonMaxSuppressionV3()(BOXES, Tensor(np.ones(2, np.float32)), -1, 0.5, 0.0), ValueError,
     "max_output_size"),
    (lambda: ops.CombinedNonMaxSuppression()(Tensor(np.ones((1, 2, 1, 4), np.float32)),
                                             Tensor(np.ones((1, 2, 3), np.float32)), 2, 3, 1.5, 0.0),
     ValueError, "iou_threshold"),
    (lambda: ops.AdjustHue()(Tensor(np.ones((2, 3), np.float32)), Tensor(np.float64(0.1))), TypeError, "delta"),
    (lambda: ops.RGBToHSV()(Tensor(np.ones((2, 4), np.float32))), ValueError, "images"),
]


@pytest.mark.parametrize("make, error, argument", BAD, ids=[f"{i}-{b[2]}" for i, b in enumerate(BAD)])
def test_bad_input_names_op_and_argument(make, error, argument):
    with pytest.raises(error) as info:
        make()
    message = str(info.value)
    assert argument in message and "For '" in message or "For primitive[" in message
    assert "jax" not in message.lower()


def test_data_dependent_kernels_refuse_inside_a_graph():
    boxes = Tensor(np.array([[0, 0, 2, 2, 0.9], [0, 0, 2, 2.1, 0.8]], np.float32))
    with pytest.raises(Exception) as info:
        sporax.jit(lambda b: ops.NMSWithMask(0.5)(b)[2])(boxes)
    assert "graph" in str(info.value).lower() and "NMSWithMask" in str(info.value)


def test_nms_with_mask_keeps_the_higher_score_of_an_overlapping_pair():
    boxes = Tensor(np.array([[0, 0, 2, 2, 0.7], [0, 0, 2, 2.1, 0.9], [5, 5, 6, 6, 0.8]], np.float32))
    out, index, mask = ops.NMSWithMask(0.5)(boxes)
    np.testing.assert_array_equal(out.asnumpy()[:, 4], np.array([0.9, 0.8, 0.7], np.float32))
    np.testing.assert_array_equal(index.asnumpy(), [0, 1, 2])
    np.testing.assert_array_equal(mask.asnumpy(), [True, True, False])
