"""`OcclusionSensitivity`: how much a classifier's score for the label drops when each region
of the input is covered."""
from __future__ import annotations

import numpy as np

from ...common.tensor import Tensor
from ..cell import Cell
from .metric import Metric
from ._data import to_numpy
from .rearrange import rearrange_inputs

__all__ = ["OcclusionSensitivity"]


def _bounding_box(b_box, image_shape):
    if b_box is None:
        return None, None
    if len(b_box) != 2 * len(image_shape):
        raise ValueError("For 'OcclusionSensitivity', the bounding box must contain upper and lower for all dimensions "
                         "(except batch number), and the length of 'b_box' must be twice as long as predicted value's "
                         f"(except batch number), but got 'b_box' length {len(b_box)}, predicted value length (except "
                         f"batch number) {len(image_shape)}.")
    low, high = np.array(b_box[::2]), np.array(b_box[1::2])
    low[low < 0] = 0
    high[high < 0] = image_shape[high < 0] - 1
    if np.any(high >= image_shape):
        raise ValueError("For 'OcclusionSensitivity', maximum bounding box must be smaller than image size for all "
                         "values.")
    if np.any(low > high):
        raise ValueError("For 'OcclusionSensitivity', minimum bounding box must be smaller than maximum bounding box "
                         "for all values.")
    return low, high


class OcclusionSensitivity(Metric):
    """For each position i of the input (or of the box `b_box` = [lo0, hi0, lo1, hi1, ...]),
    the input with [i − margin, i + margin) set to `pad_val` goes through the model in batches
    of `n_batch`; eval is baseline score − occluded score, per position (shape of the input
    without the batch axis, or of the box)."""

    def __init__(self, pad_val=0.0, margin=2, n_batch=128, b_box=None):
        super().__init__()
        if isinstance(pad_val, bool) or not isinstance(pad_val, float):
            raise TypeError(f"For 'OcclusionSensitivity', the type of 'pad_val' should be 'float', but got type "
                            f"'{type(pad_val).__name__}'.")
        if isinstance(margin, bool) or not isinstance(margin, (int, list)):
            raise TypeError(f"For 'OcclusionSensitivity', the type of 'margin' should be one of '['int', 'list']', "
                            f"but got type '{type(margin).__name__}'.")
        if isinstance(n_batch, bool) or not isinstance(n_batch, int):
            raise TypeError(f"For 'OcclusionSensitivity', the type of 'n_batch' should be 'int', but got type "
                            f"'{type(n_batch).__name__}'.")
        if b_box is not None and not isinstance(b_box, list):
            raise TypeError(f"For 'OcclusionSensitivity', the type of 'b_box' should be 'list', but got type "
                            f"'{type(b_box).__name__}'.")
        self.pad_val, self.margin, self.n_batch, self.b_box = pad_val, margin, n_batch, b_box
        self.clear()

    def clear(self):
        self._baseline = 0
        self._sensitivity_im = 0
        self._is_update = False

    def _scores(self, model, images, label):
        out = model(Tensor(np.vstack(images))).asnumpy()
        return out[np.arange(len(images)), int(label)]

    @rearrange_inputs
    def update(self, *inputs):
        """inputs: (model, y_pred, label): a classification Cell, one input (batch of 1) and its label."""
        if len(inputs) != 3:
            raise ValueError("For 'OcclusionSensitivity.update', it needs 3 inputs (classification model, predicted "
                             f"value, label), but got {len(inputs)}.")
        model = inputs[0]
        if not isinstance(model, Cell):
            raise TypeError(f"For 'OcclusionSensitivity', the type of 'model' should be 'Cell', but got type "
                            f"'{type(model).__name__}'.")
        y_pred = to_numpy(inputs[1], "OcclusionSensitivity")
        label = to_numpy(inputs[2], "OcclusionSensitivity")
        if y_pred.shape[0] > 1:
            raise RuntimeError("For 'OcclusionSensitivity.update', the shape at index 0 of the predicted value "
                               f"(input[1]) must be 1, but got {y_pred.shape[0]}.")
        if np.prod(label.shape) != y_pred.shape[0]:
            raise RuntimeError("For 'OcclusionSensitivity.update', the number of the label (input[2]) must be same as "
                               f"the batches, but got the label number {np.prod(label.shape)}, and batches "
                               f"{y_pred.shape[0]}.")
        label = int(np.asarray(label).ravel()[0])
        image_shape = np.array(y_pred.shape[1:])
        low, high = _bounding_box(self.b_box, image_shape)
        self._baseline = model(Tensor(y_pred)).asnumpy()[0, label].item()
        out_shape = image_shape if self.b_box is None else high - low + 1
        total = int(np.prod(out_shape))
        scores, batch = [], []
        for i in range(total):
            index = np.unravel_index(i, out_shape)
            if low is not None:
                index = index + low
            start = [max(0, k - self.margin) for k in index]
            stop = [min(size, k + self.margin) for k, size in zip(index, image_shape)]
            occluded = y_pred.copy()
            occluded[(...,) + tuple(slice(a, b) for a, b in zip(start, stop))] = self.pad_val
            batch.append(occluded)
            if len(batch) == self.n_batch or i == total - 1:
                scores.append(self._scores(model, batch, label))
                batch = []
        self._sensitivity_im = np.concatenate(scores).reshape(out_shape)
        self._is_update = True

    def eval(self):
        if not self._is_update:
            raise RuntimeError("Please call the 'update' method before calling 'eval' method.")
        return self._baseline - np.squeeze(self._sensitivity_im)
