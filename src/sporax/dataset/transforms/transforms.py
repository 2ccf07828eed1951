"""`mindspore.dataset.transforms`: general transforms on NumPy arrays.

They run in the data pipeline (CPU, NumPy), never on the network path. Each is a
callable object: `op(array)` eagerly, or an item of `dataset.map(operations=[...])`.
Random ones (`RandomApply`, `RandomChoice`, `RandomOrder`) draw from `_random.generator()`:
per row inside a pipeline, reproducible under `dataset.config.set_seed`.
"""
from __future__ import annotations

import enum
import numbers

import numpy as np

from ...common import dtype as mstype
from .. import _random
from .._construction import RecordsConstruction

__all__ = ["Compose", "Concatenate", "Duplicate", "Fill", "Mask", "OneHot", "PadEnd", "RandomApply",
           "RandomChoice", "RandomOrder", "Relational", "Slice", "TypeCast", "Unique", "not_random"]


def not_random(function):
    """Mark a Python function as deterministic (MindSpore uses it to decide about caching)."""
    function.random = False
    return function


def _type_name(value):
    return type(value).__name__


def check_type(value, types, name, transform):
    if isinstance(value, bool) and bool not in (types if isinstance(types, tuple) else (types,)):
        raise TypeError(f"For '{transform}', the argument '{name}' must be of type {types}, but got {value!r}.")
    if not isinstance(value, types):
        names = [t.__name__ for t in (types if isinstance(types, tuple) else (types,))]
        raise TypeError(f"For '{transform}', the argument '{name}' must be of type {names}, but got "
                        f"{_type_name(value)}: {value!r}.")
    return value


def check_range(value, low, high, name, transform, low_open=False, high_open=False):
    below = value <= low if low_open else value < low
    above = value >= high if high_open else value > high
    if below or above:
        interval = f"{'(' if low_open else '['}{low}, {high}{')' if high_open else ']'}"
        raise ValueError(f"For '{transform}', the argument '{name}' must be within the interval {interval}, "
                         f"but got {value!r}.")
    return value


def as_array(value, transform):
    """The input of a transform as a NumPy array (PIL images and Tensors converted)."""
    if isinstance(value, np.ndarray):
        return value
    if hasattr(value, "asnumpy"):
        return value.asnumpy()
    if type(value).__module__.startswith("PIL."):
        return np.asarray(value)
    if isinstance(value, (numbers.Number, list, tuple, np.generic, str, bytes)):
        return np.asarray(value)
    raise TypeError(f"For '{transform}', the input must be a NumPy array, but got {_type_name(value)}.")


def to_numpy_dtype(data_type, transform, name="data_type"):
    if isinstance(data_type, mstype.Type):
        return np.dtype(mstype.dtype_to_nptype(data_type))
    if isinstance(data_type, np.dtype) or (isinstance(data_type, type) and issubclass(data_type, np.generic)):
        return np.dtype(data_type)
    raise TypeError(f"Argument {name} with value {data_type} is not of type [<class 'sporax.dtype.Type'>, "
                    f"<class 'numpy.dtype'>], but got {type(data_type)}.")


class TensorOperation(RecordsConstruction):
    """Base of every transform: `__call__(*arrays)` validates and runs `_apply`."""

    random = False

    def __call__(self, *inputs):
        if not inputs:
            raise TypeError(f"For '{type(self).__name__}', at least one input is required.")
        return self._apply(*inputs)

    def _apply(self, *inputs):  # pragma: no cover - every subclass defines it
        raise NotImplementedError


PyTensorOperation = TensorOperation


class Relational(enum.Enum):
    """The comparison `Mask` applies."""
    EQ = 0
    NE = 1
    GT = 2
    GE = 3
    LT = 4
    LE = 5


_RELATIONS = {Relational.EQ: np.equal, Relational.NE: np.not_equal, Relational.GT: np.greater,
              Relational.GE: np.greater_equal, Relational.LT: np.less, Relational.LE: np.less_equal}


class TypeCast(TensorOperation):
    """The array cast to `data_type` (a sporax dtype or a NumPy dtype)."""

    def __init__(self, data_type):
        self.data_type = data_type
        self._dtype = to_numpy_dtype(data_type, "TypeCast")

    def _apply(self, value):
        return as_array(value, "TypeCast").astype(self._dtype)


class OneHot(TensorOperation):
    """Labels as one-hot vectors over `num_classes`; with `smoothing_rate` ε the hot entry is
    `1 - ε + ε/num_classes` and the others `ε/num_classes` (then float64)."""

    def __init__(self, num_classes, smoothing_rate=0.0):
        check_type(num_classes, int, "num_classes", "OneHot")
        if num_classes <= 0:
            raise ValueError("Input num_classes must be greater than 0.")
        check_type(smoothing_rate, (int, float), "smoothing_rate", "OneHot")
        check_range(smoothing_rate, 0.0, 1.0, "smoothing_rate", "OneHot")
        self.num_classes, self.smoothing_rate = num_classes, float(smoothing_rate)

    def _apply(self, value):
        labels = as_array(value, "OneHot")
        if labels.dtype.kind not in "iu":
            raise TypeError(f"For 'OneHot', the input must be integer labels, but got dtype {labels.dtype}.")
        if labels.ndim > 1:
            raise ValueError(f"For 'OneHot', the input must be a scalar or a 1-D array of labels, but got shape "
                             f"{list(labels.shape)}.")
        if labels.size and (labels.min() < 0 or labels.max() >= self.num_classes):
            raise ValueError(f"For 'OneHot', every label must be in [0, {self.num_classes}), but got "
                             f"{labels.tolist()}.")
        hot = labels[..., None] == np.arange(self.num_classes)
        if self.smoothing_rate:
            off = self.smoothing_rate / self.num_classes
            return np.where(hot, 1.0 - self.smoothing_rate + off, off)
        return hot.astype(labels.dtype)


class Fill(TensorOperation):
    """An array of the input's shape and dtype filled with `fill_value`."""

    def __init__(self, fill_value):
        check_type(fill_value, (str, bytes, bool, int, float), "fill_value", "Fill")
        self.fill_value = fill_value

    def _apply(self, value):
        array = as_array(value, "Fill")
        if array.dtype.kind in "USO" and not isinstance(self.fill_value, (str, bytes)):
            raise TypeError("For 'Fill', a string array can only be filled with a str.")
        return np.full(array.shape, self.fill_value).astype(array.dtype)


class Duplicate(TensorOperation):
    """The input and a copy of it (two output columns)."""

    def _apply(self, value):
        array = as_array(value, "Duplicate")
        return array, array.copy()


class Concatenate(TensorOperation):
    """`prepend`, the input and `append` joined along `axis` (1-D arrays)."""

    def __init__(self, axis=0, prepend=None, append=None):
        check_type(axis, int, "axis", "Concatenate")
        for name, value in (("prepend", prepend), ("append", append)):
            if value is not None and not isinstance(value, np.ndarray):
                raise TypeError(f"For 'Concatenate', the argument '{name}' must be a NumPy array, but got "
                                f"{_type_name(value)}.")
        self.axis, self.prepend, self.append = axis, prepend, append

    def _apply(self, value):
        array = as_array(value, "Concatenate")
        if array.ndim != 1:
            raise ValueError(f"For 'Concatenate', only 1-D input is supported, but got shape {list(array.shape)}.")
        if self.axis not in (0, -1):
            raise ValueError(f"For 'Concatenate', axis must be 0 or -1 for 1-D input, but got {self.axis}.")
        parts = [p for p in (self.prepend, array, self.append) if p is not None]
        if len({p.dtype.kind for p in parts}) > 1:
            raise TypeError(f"For 'Concatenate', prepend/append must have the input's type, but got "
                            f"{[str(p.dtype) for p in parts]}.")
        return np.concatenate(parts).astype(array.dtype)


class Mask(TensorOperation):
    """`input <operator> constant`, elementwise, as `dtype` (bool by default)."""

    def __init__(self, operator, constant, dtype=mstype.bool_):
        if not isinstance(operator, Relational):
            raise TypeError(f"For 'Mask', the argument 'operator' must be a Relational, but got {operator!r}.")
        check_type(constant, (str, bytes, bool, int, float), "constant", "Mask")
        self.operator, self.constant = operator, constant
        self._dtype = to_numpy_dtype(dtype, "Mask", "dtype")

    def _apply(self, value):
        array = as_array(value, "Mask")
        return _RELATIONS[self.operator](array, self.constant).astype(self._dtype)


class PadEnd(TensorOperation):
    """The input padded at the end of each axis to `pad_shape` with `pad_value` (None keeps a size)."""

    def __init__(self, pad_shape, pad_value=None):
        check_type(pad_shape, list, "pad_shape", "PadEnd")
        for size in pad_shape:
            if size is not None and (isinstance(size, bool) or not isinstance(size, int) or size <= 0):
                raise ValueError(f"For 'PadEnd', every pad_shape entry must be a positive int or None, but got "
                                 f"{pad_shape}.")
        self.pad_shape, self.pad_value = pad_shape, pad_value

    def _apply(self, value):
        array = as_array(value, "PadEnd")
        if len(self.pad_shape) != array.ndim:
            raise ValueError(f"For 'PadEnd', pad_shape {self.pad_shape} must have one entry per input dimension "
                             f"(shape {list(array.shape)}).")
        target = [s if p is None else p for s, p in zip(array.shape, self.pad_shape)]
        cropped = array[tuple(slice(0, t) for t in target)]
        fill = self.pad_value if self.pad_value is not None else ("" if array.dtype.kind in "US" else 0)
        return np.pad(cropped, [(0, t - s) for t, s in zip(target, cropped.shape)], constant_values=fill)


class Slice(TensorOperation):
    """The input indexed per axis by an int, a list of indices, a `slice`, `Ellipsis` or None."""

    def __init__(self, *slices):
        for item in slices:
            if not (item is None or item is Ellipsis or isinstance(item, (int, slice, list))) or \
                    isinstance(item, bool):
                raise TypeError(f"For 'Slice', each slice must be an int, a list of ints, a slice, Ellipsis or "
                                f"None, but got {item!r}.")
        self.slices = slices

    def _apply(self, value):
        array = as_array(value, "Slice")
        index = tuple(slice(None) if s is None else s for s in self.slices)
        try:
            return array[np.ix_(*index)] if any(isinstance(s, list) for s in index) and \
                all(isinstance(s, list) for s in index) else array[index]
        except IndexError as error:
            raise ValueError(f"For 'Slice', the slices {self.slices} do not fit the input of shape "
                             f"{list(array.shape)}: {error}") from None


class Unique(TensorOperation):
    """(unique values in first-seen order, index of each element of the flattened input, count
    of each value). MindSpore 2.10 refuses 1-D input ("at least 2-D"); sporax takes any rank."""

    def _apply(self, value):
        array = as_array(value, "Unique").reshape(-1)
        values, first, inverse, counts = np.unique(array, return_index=True, return_inverse=True,
                                                   return_counts=True)
        order = np.argsort(first, kind="stable")
        rank = np.empty_like(order)
        rank[order] = np.arange(len(order))
        return values[order], rank[inverse].astype(np.int32), counts[order].astype(np.int32)


def _check_transforms(transforms, name, allow_empty=False):
    if not isinstance(transforms, list):
        raise TypeError(f"For '{name}', the argument 'transforms' must be a list of transforms, but got "
                        f"{_type_name(transforms)}.")
    if not transforms and not allow_empty:
        raise ValueError(f"For '{name}', the argument 'transforms' must not be empty.")
    for transform in transforms:
        if not callable(transform):
            raise TypeError(f"For '{name}', every transform must be callable, but got {transform!r}.")
    return transforms


def _run(transform, values):
    result = transform(*values)
    return result if isinstance(result, tuple) else (result,)


def _unwrap(values):
    return values[0] if len(values) == 1 else values


class Compose(TensorOperation):
    """The transforms applied one after another."""

    def __init__(self, transforms):
        self.transforms = _check_transforms(transforms, "Compose")

    def __call__(self, *inputs):
        values = inputs
        for transform in self.transforms:
            values = _run(transform, values)
        return _unwrap(values)

    @staticmethod
    def reduce(operations):
        return operations


class RandomApply(TensorOperation):
    """With probability `prob`, all the transforms in order; otherwise the input unchanged."""

    random = True

    def __init__(self, transforms, prob=0.5):
        self.transforms = _check_transforms(transforms, "RandomApply")
        check_type(prob, (int, float), "prob", "RandomApply")
        check_range(prob, 0.0, 1.0, "prob", "RandomApply")
        self.prob = prob

    def __call__(self, *inputs):
        if _random.generator().random() >= self.prob:
            return _unwrap(inputs)
        return Compose(self.transforms)(*inputs)


class RandomChoice(TensorOperation):
    """One of the transforms, chosen uniformly."""

    random = True

    def __init__(self, transforms):
        self.transforms = _check_transforms(transforms, "RandomChoice")

    def __call__(self, *inputs):
        choice = self.transforms[int(_random.generator().integers(len(self.transforms)))]
        return _unwrap(_run(choice, inputs))


class RandomOrder(TensorOperation):
    """All the transforms, in a random order."""

    random = True

    def __init__(self, transforms):
        self.transforms = _check_transforms(transforms, "RandomOrder")

    def __call__(self, *inputs):
        order = _random.generator().permutation(len(self.transforms))
        return Compose([self.transforms[i] for i in order])(*inputs)
