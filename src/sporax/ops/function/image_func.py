"""Image and detection functions (`mindspore.ops.function.image_func`, and `iou`, `mirror_pad`
from MindSpore's math and nn families): each is one primitive with MindSpore 2.10's signature."""
from __future__ import annotations

from .. import operations as _P
from ..operations import image_ops as _image
from ..operations import image_ops_more as _more
from ..operations import nn_ops_ext as _nn

__all__ = ["bounding_box_decode", "bounding_box_encode", "check_valid", "crop_and_resize", "deformable_conv2d", "iou",
           "mirror_pad"]


def bounding_box_decode(anchor_box, deltas, max_shape, means=(0.0, 0.0, 0.0, 0.0), stds=(1.0, 1.0, 1.0, 1.0),
                        wh_ratio_clip=0.016):
    """Boxes from anchors and offsets (`BoundingBoxDecode`)."""
    return _image.BoundingBoxDecode(max_shape, means, stds, wh_ratio_clip)(anchor_box, deltas)


def bounding_box_encode(anchor_box, groundtruth_box, means=(0.0, 0.0, 0.0, 0.0), stds=(1.0, 1.0, 1.0, 1.0)):
    """Offsets of ground-truth boxes from anchors (`BoundingBoxEncode`)."""
    return _image.BoundingBoxEncode(means, stds)(anchor_box, groundtruth_box)


def check_valid(bboxes, img_metas):
    """Whether each box lies inside the image (`CheckValid`)."""
    return _image.CheckValid()(bboxes, img_metas)


def crop_and_resize(image, boxes, box_indices, crop_size, method="bilinear", extrapolation_value=0.0):
    """Crops of images resized to `crop_size` (`CropAndResize`)."""
    return _image.CropAndResize(method, extrapolation_value)(image, boxes, box_indices, crop_size)


def iou(anchor_boxes, gt_boxes, mode="iou"):
    """Overlap of every ground-truth box with every anchor box (`IOU`)."""
    return _image.IOU(mode)(anchor_boxes, gt_boxes)


def mirror_pad(input_x, paddings, mode):
    """`input_x` padded by reflection or symmetry (`MirrorPad`)."""
    return _nn.MirrorPad(mode)(input_x, paddings)


def deformable_conv2d(x, weight, offsets, kernel_size, strides, padding, bias=None, dilations=(1, 1, 1, 1), groups=1,
                      deformable_groups=1, modulated=True):
    """Deformable convolution v2: `DeformableOffsets` samples the deformed taps, then a
    (kh, kw)-strided `Conv2D` with `weight` (and `BiasAdd` with `bias`) combines them."""
    sampled = _more.DeformableOffsets(strides, padding, kernel_size, dilations, "NCHW", deformable_groups,
                                      modulated)(x, offsets)
    output = _P.Conv2D(weight.shape[0], kernel_size, 1, "valid", 0, tuple(kernel_size), 1, groups)(sampled, weight)
    return output if bias is None else _P.BiasAdd()(output, bias)
