"""Print (`side_effect_io`): prints now in PyNative, in program order inside a compiled graph."""
from __future__ import annotations

import sys

import jax
import numpy as np

from ..._runtime import state_frame, summary_cache
from ...common import _tensor_format
from ...common import dtype as mstype
from ...common.tensor import Tensor
from ..primitive import Primitive


def _line(item, value=None) -> str:
    if isinstance(item, Tensor):
        array = np.asarray(value)
        return _tensor_format.tensor_repr(array, mstype.from_numpy(array.dtype))
    return str(item)


def _mark_io(frame) -> None:
    while frame is not None:
        frame.has_io = True
        frame = frame.parent


class Print(Primitive):
    """Print each argument on its own line: Tensors in their repr form, other values with str().
    Returns None."""

    def __init__(self):
        super().__init__("Print")
        self.add_prim_attr("side_effect_io", True)

    def __call__(self, *input_x):
        for item in input_x:
            if not isinstance(item, (Tensor, str, int, float, bool)) and item is not None:
                raise TypeError(f"For 'Print', each input must be a Tensor, str, int, float or bool, "
                                f"but got {type(item).__name__}.")
        tensors = [item._value() for item in input_x if isinstance(item, Tensor)]

        def emit(*values):
            values = iter(values)
            text = "\n".join(_line(item, next(values) if isinstance(item, Tensor) else None) for item in input_x)
            sys.stdout.write(text + "\n")
            sys.stdout.flush()

        frame = state_frame.active()
        if frame is None:
            emit(*tensors)
        elif frame.mode != "discover":  # an ordered effect of the traced program, printed when it runs
            jax.debug.callback(emit, *tensors, ordered=True)
            _mark_io(frame)
        return None  # (the shape-only discovery trace prints nothing)


# ---- summary operators (train11): values for SummaryRecord ---------------------------------

class _Summary(Primitive):
    """Records `(name, value)` for the next `SummaryRecord.record`: now in PyNative, in
    program order when the compiled graph runs (an IO side effect, as Print)."""

    _PLUGIN = ""

    def __init__(self):
        super().__init__(type(self).__name__)
        self.add_prim_attr("side_effect_io", True)
        self.add_prim_attr("channel_name", f"ms_{self._PLUGIN}_summary")

    def _check(self, value):
        pass

    def __call__(self, name, value):
        if not isinstance(name, str) or not name:
            raise TypeError(f"For '{self.name}', the 'name' must be a non-empty str, but got {name!r}.")
        if not isinstance(value, Tensor):
            raise TypeError(f"For '{self.name}', the 'value' must be a Tensor, but got {type(value).__name__}.")
        self._check(value)
        tag, plugin = f"{name}[:{self._PLUGIN.capitalize()}]", self._PLUGIN

        def store(array):
            summary_cache.put(tag, plugin, np.asarray(array))

        frame = state_frame.active()
        if frame is None:
            store(value._value())
        elif frame.mode != "discover":
            jax.debug.callback(store, value._value(), ordered=True)
            _mark_io(frame)


class ScalarSummary(_Summary):
    """`ScalarSummary()(name, value)`: a scalar (shape () or (1,)) shown as a curve in TensorBoard."""

    _PLUGIN = "scalar"

    def _check(self, value):
        if value.shape not in ((), (1,)):
            raise ValueError(f"For 'ScalarSummary', the 'value' must be a scalar (shape () or (1,)), but got shape "
                             f"{value.shape}.")


class TensorSummary(_Summary):
    """`TensorSummary()(name, value)`: a whole Tensor."""

    _PLUGIN = "tensor"


class ImageSummary(_Summary):
    """`ImageSummary()(name, value)`: a batch of images, shape (N, C, H, W)."""

    _PLUGIN = "image"

    def _check(self, value):
        if value.ndim != 4:
            raise ValueError(f"For 'ImageSummary', the 'value' must be 4-D (N, C, H, W), but got shape {value.shape}.")


class HistogramSummary(_Summary):
    """`HistogramSummary()(name, value)`: the distribution of a Tensor's values."""

    _PLUGIN = "histogram"
