"""Distances between the surfaces (edges) of two segmentations: `HausdorffDistance`,
`MeanSurfaceDistance`, `RootMeanSquareDistance`.

A mask's edge is the mask minus its binary erosion. For each edge pixel of one mask, its
distance to the nearest edge pixel of the other ('euclidean': exact Euclidean distance
transform; 'chessboard', 'taxicab': chamfer transforms, as scipy.ndimage computes them).
"""
from __future__ import annotations

import importlib

import numpy as np

from .metric import Metric
from ._data import to_numpy
from .rearrange import rearrange_inputs

__all__ = ["HausdorffDistance", "MeanSurfaceDistance", "RootMeanSquareDistance"]

DISTANCE_METRICS = ("euclidean", "chessboard", "taxicab")


def _ndimage():
    # scipy loads with the first distance computed, not with `import sporax` (tests/test_import_cost.py).
    return importlib.import_module("scipy.ndimage")


def _check_metric(owner, distance_metric):
    if not isinstance(distance_metric, str):
        raise TypeError(f"For '{owner}', the type of 'distance_metric' should be 'str', but got type "
                        f"'{type(distance_metric).__name__}'.")
    if distance_metric not in DISTANCE_METRICS:
        raise ValueError(f"The 'distance_metric' must be str and must be in '{list(DISTANCE_METRICS)}', but got "
                         f"'{distance_metric}'.")
    return distance_metric


def _check_bool(owner, name, value):
    if not isinstance(value, bool):
        raise TypeError(f"For '{owner}', the type of '{name}' should be 'bool', but got type '{type(value).__name__}'.")
    return value


def edges(mask):
    """The mask's boundary pixels: mask XOR its binary erosion."""
    return _ndimage().binary_erosion(mask) ^ mask


def surface_distances(from_edges, to_edges, distance_metric):
    """Distance from each pixel of `from_edges` to the nearest pixel of `to_edges` (inf when
    `to_edges` is empty; an empty array when `from_edges` is)."""
    if not np.any(from_edges):
        return np.array([])
    if not np.any(to_edges):
        return np.full(to_edges.shape, np.inf)[from_edges]
    if distance_metric == "euclidean":
        distance = _ndimage().distance_transform_edt(~to_edges)
    else:
        distance = _ndimage().distance_transform_cdt(~to_edges, metric=distance_metric)
    return distance[from_edges]


def read_masks(owner, inputs, bad_label_error=ValueError, verb="must", type_prefix=""):
    """(y_pred, y, label_idx) → the two boolean masks of that label, checked as MindSpore does."""
    if len(inputs) != 3:
        raise ValueError(f"For '{owner}.update', it needs 3 inputs (predicted value, true value, label index), but "
                         f"got {len(inputs)}.")
    y_pred, y = to_numpy(inputs[0], owner), to_numpy(inputs[1], owner)
    label_idx = inputs[2]
    if isinstance(label_idx, bool) or not isinstance(label_idx, (int, float)):
        raise bad_label_error(f"For '{owner}.update', the label index (input[2]) must be int or float, but got "
                              f"{type_prefix}{type(label_idx)}.")
    if label_idx not in y_pred and label_idx not in y:
        raise ValueError(f"For '{owner}.update', the label index (input[2]) {verb} be in predicted value (input[0]) "
                         f"or true value (input[1]), but {label_idx} is not.")
    if y_pred.size == 0 or y_pred.shape != y.shape:
        raise ValueError(f"For '{owner}.update', the size of predicted value (input[0]) and true value (input[1]) "
                         f"{verb} be greater than 0, in addition to that, predicted value and true value {verb} have "
                         f"the same shape, but got predicted value size: {y_pred.size}, shape: {y_pred.shape}, true "
                         f"value size: {y.size}, shape: {y.shape}.")
    y_pred = y_pred if y_pred.dtype == bool else y_pred == label_idx
    y = y if y.dtype == bool else y == label_idx
    return y_pred, y


class HausdorffDistance(Metric):
    """max over the edge pixels of one mask of the distance to the other mask's edge
    (`percentile`: that percentile instead of the max); undirected: the larger of both
    directions. With `crop`, both masks are first cut to their joint bounding box."""

    def __init__(self, distance_metric="euclidean", percentile=None, directed=False, crop=True):
        super().__init__()
        self.distance_metric = _check_metric("HausdorffDistance", distance_metric)
        if percentile is not None and (isinstance(percentile, bool) or not isinstance(percentile, float)):
            raise TypeError(f"For 'HausdorffDistance', the type of 'percentile' should be 'float', but got type "
                            f"'{type(percentile).__name__}'.")
        self.percentile = percentile
        self.directed = directed if directed is None else _check_bool("HausdorffDistance", "directed", directed)
        self.crop = crop if crop is None else _check_bool("HausdorffDistance", "crop", crop)
        self.clear()

    def clear(self):
        self.y_pred_edges = 0
        self.y_edges = 0
        self._is_update = False

    def _edges(self, y_pred, y):
        if self.crop:
            both = y_pred | y
            if not np.any(both):
                return np.zeros_like(y_pred), np.zeros_like(y)
            nonzero = np.nonzero(both)
            box = tuple(slice(int(np.min(i)), int(np.max(i)) + 1) for i in nonzero)
            y_pred, y = np.squeeze(y_pred[box]), np.squeeze(y[box])
        return edges(y_pred), edges(y)

    def _directed(self, from_edges, to_edges):
        distances = surface_distances(from_edges, to_edges, self.distance_metric)
        if distances.shape == (0,):
            return np.inf
        if not self.percentile:
            return distances.max()
        if 0 <= self.percentile <= 100:
            return np.percentile(distances, self.percentile)
        raise ValueError(f"For 'HausdorffDistance', the value of the argument 'percentile' must be [0, 100], but got "
                         f"{self.percentile}.")

    @rearrange_inputs
    def update(self, *inputs):
        """inputs: (y_pred, y, label_idx): two label maps of one shape and the label to compare."""
        self._is_update = True
        y_pred, y = read_masks("HausdorffDistance", inputs)
        self.y_pred_edges, self.y_edges = self._edges(y_pred, y)

    def eval(self):
        if not self._is_update:
            raise RuntimeError("Please call the 'update' method before calling 'eval' method.")
        forward = self._directed(self.y_pred_edges, self.y_edges)
        if self.directed:
            return forward
        return max(forward, self._directed(self.y_edges, self.y_pred_edges))


class _SurfaceAverage(Metric):
    _name = ""
    _label_error = ValueError
    _verb = "must"
    _type_prefix = ""

    def __init__(self, symmetric=False, distance_metric="euclidean"):
        super().__init__()
        self.distance_metric_list = list(DISTANCE_METRICS)
        self.distance_metric = _check_metric(self._name, distance_metric)
        self.symmetric = _check_bool(self._name, "symmetric", symmetric)
        self.clear()

    def clear(self):
        self._y_pred_edges = 0
        self._y_edges = 0
        self._is_update = False

    @rearrange_inputs
    def update(self, *inputs):
        """inputs: (y_pred, y, label_idx): two label maps of one shape and the label to compare."""
        y_pred, y = read_masks(self._name, inputs, self._label_error, self._verb, self._type_prefix)
        self._y_pred_edges, self._y_edges = edges(y_pred), edges(y)
        self._is_update = True

    def _check_updated(self):
        if not self._is_update:
            raise RuntimeError("Please call the 'update' method before calling 'eval' method.")


class MeanSurfaceDistance(_SurfaceAverage):
    """Mean distance from y_pred's edge to y's; symmetric: the mean of both directions' means."""

    _name = "MeanSurfaceDistance"

    def eval(self):
        self._check_updated()
        forward = surface_distances(self._y_pred_edges, self._y_edges, self.distance_metric)
        if forward.shape == (0,):
            return np.inf
        if not self.symmetric:
            return forward.mean()
        backward = surface_distances(self._y_edges, self._y_pred_edges, self.distance_metric)
        if backward.shape == (0,):
            return np.inf
        return np.mean((forward.mean(), backward.mean()))


class RootMeanSquareDistance(_SurfaceAverage):
    """symmetric: √(mean of both directions' mean squared distances). Not symmetric: the mean
    squared distance from y_pred's edge to y's, without the root, as MindSpore 2.10 returns."""

    _name = "RootMeanSquareDistance"
    _label_error = TypeError
    _verb = "should"
    _type_prefix = "label index type: "

    def eval(self):
        self._check_updated()
        forward = surface_distances(self._y_pred_edges, self._y_edges, self.distance_metric)
        if forward.shape == (0,):
            return np.inf
        forward_ms = (forward ** 2).mean()
        if not self.symmetric:
            return forward_ms
        backward = surface_distances(self._y_edges, self._y_pred_edges, self.distance_metric)
        if backward.shape == (0,):
            return np.inf
        return np.sqrt(np.mean((forward_ms, (backward ** 2).mean())))
