"""The image and detection Primitives (image_ops, image_ops_more) and their functions beyond the
differential table (tests/data/differential_table_prim1.py): both paths, MindSpore 2.10's
reprs, argument checks, the eager-only kernels refusing inside a compiled graph, and NMSWithMask's
greedy pass in both modes."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import sporax
from sporax import Tensor, ops
from sporax.ops import functional as F
from sporax.ops import operations as P

NAMES = ["AdjustHue", "AdjustSaturation", "BoundingBoxDecode", "BoundingBoxEncode", "CheckValid", "CropAndResize",
         "HSVToRGB", "IOU", "NMSWithMask", "NonMaxSuppressionWithOverlaps", "RGBToHSV", "ResizeNearestNeighborV2",
         "SparseGatherV2", "CombinedNonMaxSuppression", "Dilation2D", "ExtractImagePatches", "ExtractVolumePatches",
         "NonMaxSuppressionV3", "ROIAlign", "ResizeArea", "DeformableOffsets", "ExtractGlimpse", "ScaleAndTranslate",
         "SampleDistortedBoundingBoxV2"]
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
    overlaps = Tensor(np.array([[1.0, 0.9], [0.9, 1.0]], np.float32))
    scores = Tensor(np.array([0.9, 0.8], np.float32))
    threshold, floor = Tensor(np.float32(0.5)), Tensor(np.float32(0.0))
    with pytest.raises(Exception) as info:
        sporax.jit(lambda o: ops.NonMaxSuppressionWithOverlaps()(o, scores, Tensor(np.int32(2)), threshold, floor))(
            overlaps)
    assert "graph" in str(info.value).lower() and "NonMaxSuppressionWithOverlaps" in str(info.value)


def _greedy_nms(boxes, threshold):
    """The reference: NumPy, box by box in descending score order (a stable sort)."""
    ordered = boxes[np.argsort(-boxes[:, 4].astype(np.float64), kind="stable")]
    b = ordered[:, :4].astype(np.float32)
    area = (b[:, 2] - b[:, 0] + 1) * (b[:, 3] - b[:, 1] + 1)
    keep = np.ones(len(b), bool)
    for i in range(len(b)):
        if keep[i]:
            ix = np.maximum(np.minimum(b[i, 2], b[i + 1:, 2]) - np.maximum(b[i, 0], b[i + 1:, 0]) + 1, 0)
            iy = np.maximum(np.minimum(b[i, 3], b[i + 1:, 3]) - np.maximum(b[i, 1], b[i + 1:, 1]) + 1, 0)
            inter = ix * iy
            keep[i + 1:] &= ~(inter / (area[i] + area[i + 1:] - inter) > threshold)
    return ordered, keep


_corner = st.integers(0, 12).map(float) | st.floats(0, 12, width=32)
_score = st.sampled_from([0.5, 0.0, -0.0, 0.9]) | st.floats(-1, 1, width=32)


def test_nms_with_mask_orders_a_subnormal_score_below_zero():
    # hypothesis found it: XLA's CPU backend reads float subnormals as zero, which tied -1e-45
    # with 0.0; NumPy and MindSpore's kernel put it below
    boxes = np.zeros((3, 5), np.float32)
    boxes[:, 4] = [-1.4e-45, 0.0, -0.0]
    ordered = ops.NMSWithMask(0.1)(Tensor(boxes))[0].asnumpy()
    assert [np.float32(v).tobytes() for v in ordered[:, 4]] == [np.float32(v).tobytes() for v in (0.0, -0.0, -1.4e-45)]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_corner, _corner, st.floats(0, 6, width=32), st.floats(0, 6, width=32), _score),
                min_size=1, max_size=9),
       st.sampled_from([0.1, 0.25, 0.5, 0.7]), st.sampled_from([np.float32, np.float16]))
def test_nms_with_mask_is_the_greedy_pass_eagerly_and_compiled(rows, threshold, dtype):
    """Ties (equal scores, 0.0 and -0.0) keep their order, IOUs at exactly the threshold are kept;
    GRAPH_MODE's result is the eager one."""
    boxes = np.array([(x, y, x + w, y + h, s) for x, y, w, h, s in rows], dtype)
    ordered, keep = _greedy_nms(boxes, threshold)
    nms = ops.NMSWithMask(threshold)
    eager = nms(Tensor(boxes))
    graph = sporax.jit(lambda b: nms(b))(Tensor(boxes))
    for out in (eager, graph):
        np.testing.assert_array_equal(out[0].asnumpy(), ordered)
        np.testing.assert_array_equal(out[1].asnumpy(), np.arange(len(boxes), dtype=np.int32))
        np.testing.assert_array_equal(out[2].asnumpy(), keep)
        assert [o.dtype for o in out] == [Tensor(boxes).dtype, sporax.int32, sporax.bool_]


def test_nms_with_mask_keeps_the_higher_score_of_an_overlapping_pair():
    boxes = Tensor(np.array([[0, 0, 2, 2, 0.7], [0, 0, 2, 2.1, 0.9], [5, 5, 6, 6, 0.8]], np.float32))
    out, index, mask = ops.NMSWithMask(0.5)(boxes)
    np.testing.assert_array_equal(out.asnumpy()[:, 4], np.array([0.9, 0.8, 0.7], np.float32))
    np.testing.assert_array_equal(index.asnumpy(), [0, 1, 2])
    np.testing.assert_array_equal(mask.asnumpy(), [True, True, False])


# --- random kernels: MindSpore's distribution, reproducible under a seed ----------------------------

def _crop_statistics(op, draws):
    image = Tensor(np.array([40, 60, 3], np.int32))
    boxes = Tensor(np.array([[[0.1, 0.2, 0.6, 0.7]]], np.float32))
    covered = Tensor(np.array([0.3], np.float32))
    areas, ratios, ys, coverage = [], [], [], []
    for _ in range(draws):
        begin, size, box = op(image, boxes, covered)
        (y, x, _), (h, w, last) = begin.asnumpy(), size.asnumpy()
        assert last == -1 and begin.dtype == sporax.int32 and box.shape == (1, 1, 4)
        np.testing.assert_allclose(box.asnumpy().ravel(), [y / 40, x / 60, (y + h) / 40, (x + w) / 60], rtol=1e-6)
        areas.append(h * w / 2400)
        ratios.append(w / h)
        ys.append(y)
        inter = max(min(24, y + h) - max(4, y), 0) * max(min(42, x + w) - max(12, x), 0)
        coverage.append(inter / (20 * 30))
    return np.array(areas), np.array(ratios), np.array(ys), np.array(coverage)


def test_sample_distorted_bounding_box_follows_mindspores_distribution():
    """MindSpore 2.10 CPU, 2000 draws of this op and image: area fraction mean 0.4162 (sd 0.2005),
    aspect ratio mean 1.2787 (sd 0.4187), top row mean 4.7265 (sd 4.2336); every crop covered at
    least 0.3 of the box. The bounds are 4 standard errors of the difference of the two means."""
    sporax.set_seed(7)
    op = ops.SampleDistortedBoundingBoxV2(aspect_ratio_range=(0.5, 2.0), area_range=(0.1, 0.9))
    draws = 800
    areas, ratios, ys, coverage = _crop_statistics(op, draws)
    for values, mean, sd in ((areas, 0.4162, 0.2005), (ratios, 1.2787, 0.4187), (ys, 4.7265, 4.2336)):
        bound = 4 * sd * np.sqrt(1 / draws + 1 / 2000)
        assert abs(values.mean() - mean) < bound, (values.mean(), mean, bound)
    assert areas.min() >= 0.1 - 1e-9 and areas.max() <= 0.9 + 1e-9
    assert coverage.min() >= 0.3 - 1e-9


def test_sample_distorted_bounding_box_is_fixed_by_its_seeds():
    image = Tensor(np.array([40, 60, 3], np.int32))
    boxes = Tensor(np.array([[[0.1, 0.2, 0.6, 0.7]]], np.float32))
    covered = Tensor(np.array([0.3], np.float32))
    first = [t.asnumpy() for t in ops.SampleDistortedBoundingBoxV2(seed=3, seed2=1)(image, boxes, covered)]
    again = [t.asnumpy() for t in ops.SampleDistortedBoundingBoxV2(seed=3, seed2=1)(image, boxes, covered)]
    for a, b in zip(first, again):
        np.testing.assert_array_equal(a, b)
    with pytest.raises(ValueError, match="area_range"):
        ops.SampleDistortedBoundingBoxV2(area_range=(0.3, 0.3))(image, boxes, covered)
    with pytest.raises(ValueError, match="min_object_covered"):
        ops.SampleDistortedBoundingBoxV2()(image, boxes, Tensor(np.float32(0.3)))


def test_sample_distorted_bounding_box_whole_image_when_no_crop_fits():
    """MindSpore 2.10 gives begin (0, 0, 0), size (40, 60, -1) here."""
    out = ops.SampleDistortedBoundingBoxV2(aspect_ratio_range=(3.0, 3.1), area_range=(0.99, 1.0), max_attempts=2)(
        Tensor(np.array([40, 60, 3], np.int32)), Tensor(np.array([[[0.1, 0.2, 0.6, 0.7]]], np.float32)),
        Tensor(np.array([0.3], np.float32)))
    np.testing.assert_array_equal(out[0].asnumpy(), [0, 0, 0])
    np.testing.assert_array_equal(out[1].asnumpy(), [40, 60, -1])
    np.testing.assert_array_equal(out[2].asnumpy(), [[[0, 0, 1, 1]]])


@pytest.mark.parametrize("noise, uniform, mean, sd, low, high", [
    ("uniform", True, 0.0, 1 / np.sqrt(3), -1.0, 1.0),  # MindSpore 2.10 CPU: U(-1, 1), whatever the image
    ("gaussian", False, 10.0, 0.5, -np.inf, np.inf),  # MindSpore 2.10 CPU: N(10, 0.5²), whatever the image
])
def test_glimpse_noise_has_mindspores_distribution(noise, uniform, mean, sd, low, high):
    sporax.set_seed(11)
    image = Tensor(np.arange(30, dtype=np.float32).reshape(1, 5, 6, 1) + 100)
    op = ops.ExtractGlimpse(uniform_noise=uniform, noise=noise)
    out = op(image, Tensor(np.array([40, 40], np.int32)), Tensor(np.array([[0.0, 0.0]], np.float32))).asnumpy()
    fill = out[0, :15].ravel()  # rows above the image: all noise
    assert fill.size == 600
    assert abs(fill.mean() - mean) < 4 * sd / np.sqrt(fill.size)
    assert abs(fill.std() - sd) < 4 * sd / np.sqrt(2 * fill.size)
    assert fill.min() >= low and fill.max() <= high
    again = op(image, Tensor(np.array([40, 40], np.int32)), Tensor(np.array([[0.0, 0.0]], np.float32))).asnumpy()
    assert not np.array_equal(out, again)  # a fresh draw per call
    sporax.set_seed(11)
    np.testing.assert_array_equal(op(image, Tensor(np.array([40, 40], np.int32)),
                                     Tensor(np.array([[0.0, 0.0]], np.float32))).asnumpy(), out)
