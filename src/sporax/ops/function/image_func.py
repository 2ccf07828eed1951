"""Image and detection functions (`mindspore.ops.function.image_func`, and `iou`, `mirror_pad`
from MindSpore's math and nn families): each is one primitive with MindSpore 2.10's signature."""
from __future__ import annotations

from ..operations import image_ops as _image
from ..operations import nn_ops_ext as _nn

__all__ = ["bounding_box_decode", "bounding_box_encode", "check_valid", "crop_and_resize", "iou", "mirror_pad"]


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
