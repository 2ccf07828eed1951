"""ForwardValueAndGrad, WithGradCell, ParameterUpdate, TimeDistributed, MicroBatchInterleaved
(`mindspore.nn.wrap.cell_wrapper`, `mindspore.nn.layer.timedistributed`)."""
from __future__ import annotations

from ... import _validation
from ...common.parameter import Parameter, ParameterTuple
from ...common.tensor import Tensor
from ...ops import functional as F
from ...ops.composite import _differentiate
from ..cell import Cell

__all__ = ["ForwardValueAndGrad", "WithGradCell", "ParameterUpdate", "TimeDistributed", "MicroBatchInterleaved", "PipelineCell",
           "GradAccumulationCell", "VirtualDatasetCellTriple"]


class ForwardValueAndGrad(Cell):
    """(network(*inputs), gradients): of the inputs with `get_all`, of `weights` with
    `get_by_list` (both: (inputs, weights)); with `sens_param` the last input is the output's
    cotangent."""

    def __init__(self, network, weights=None, get_all=False, get_by_list=False, sens_param=False):
        super().__init__(auto_prefix=False)
        self.network = _validation.instance_of("ForwardValueAndGrad", "network", network, Cell)
        for name, value in (("get_all", get_all), ("get_by_list", get_by_list), ("sens_param", sens_param)):
            _validation.bool_arg("ForwardValueAndGrad", name, value)
        if get_by_list and not isinstance(weights, ParameterTuple):
            raise TypeError("For 'ForwardValueAndGrad', when 'get_by_list' is set to True, the argument 'weights' "
                            f"must be Parameters array, but got {type(weights).__name__}.")
        self.weights = weights
        self.get_all, self.get_by_list, self.sens_param = get_all, get_by_list, sens_param

    def construct(self, *inputs):
        sens = None
        if self.sens_param:
            inputs, sens = inputs[:-1], inputs[-1]
        positions = tuple(i for i, a in enumerate(inputs) if isinstance(a, Tensor)) if self.get_all else \
            ((0,) if inputs and isinstance(inputs[0], Tensor) and not self.get_by_list else ())
        params = list(self.weights) if self.get_by_list else []
        value, input_grads, weight_grads = _differentiate(self.network, inputs, positions, params, sens)
        if self.get_all and self.get_by_list:
            return value, (input_grads, weight_grads)
        if self.get_by_list:
            return value, weight_grads
        if self.get_all:
            return value, input_grads
        return value, input_grads[0] if input_grads else ()


class WithGradCell(Cell):
    """The gradients of loss_fn(network(data), label) (or of network(*inputs) without a
    loss_fn) with respect to the network's trainable parameters, scaled by `sens`."""

    def __init__(self, network, loss_fn=None, sens=None):
        super().__init__(auto_prefix=False)
        self.network = _validation.instance_of("WithGradCell", "network", network, Cell)
        self.loss_fn = loss_fn
        self.sens = sens
        self.weights = ParameterTuple(network.trainable_params())

    def construct(self, *inputs):
        if self.loss_fn is None:
            fn = self.network
        else:
            def fn(data, label):
                return self.loss_fn(self.network(data), label)
        _, _, grads = _differentiate(fn, inputs, (), list(self.weights), self.sens)
        return grads


class ParameterUpdate(Cell):
    """Assigns its input to `param` and returns it: a step that sets a Parameter's value."""

    def __init__(self, param):
        super().__init__(auto_prefix=False)
        if not isinstance(param, Parameter):
            raise TypeError(f"For 'ParameterUpdate', the 'param' must be a Parameter, but got {type(param).__name__}.")
        self._param = param

    def construct(self, x):
        F.assign(self._param, x)
        return x


class TimeDistributed(Cell):
    """Applies `layer` to every step along `time_axis`: the time axis is folded into the batch
    (or into `reshape_with_axis`), the layer runs once, and the time axis is restored."""

    def __init__(self, layer, time_axis, reshape_with_axis=None):
        super().__init__()
        if not isinstance(layer, Cell):
            raise TypeError(f"For 'TimeDistributed', the 'layer' must be a Cell, but got {type(layer).__name__}.")
        self.layer = layer
        self.time_axis = _validation.int_arg("TimeDistributed", "time_axis", time_axis)
        self.reshape_with_axis = reshape_with_axis

    def construct(self, inputs):
        if inputs.ndim < 3:
            raise ValueError(f"For 'TimeDistributed', the input must be at least 3-D, but got shape {inputs.shape}.")
        time_axis = self.time_axis % inputs.ndim
        other = 0 if self.reshape_with_axis is None else self.reshape_with_axis % inputs.ndim
        if other == time_axis:
            raise ValueError("For 'TimeDistributed', 'reshape_with_axis' must differ from 'time_axis'.")
        steps = inputs.shape[time_axis]
        x = _move(inputs, time_axis, 0)
        other_new = other + 1 if other < time_axis else other
        x = _move(x, other_new, 1)
        shape = x.shape
        merged = F.reshape(x, (shape[0] * shape[1],) + shape[2:])
        out = self.layer(merged)
        out = F.reshape(out, (steps, shape[1]) + out.shape[1:])
        out = _move(out, 1, other_new if out.ndim > other_new else 1)
        return _move(out, 0, time_axis if out.ndim > time_axis else 0)


def _move(x, source, destination):
    axes = list(range(x.ndim))
    axes.insert(destination, axes.pop(source))
    return F.transpose(x, tuple(axes))


class MicroBatchInterleaved(Cell):
    """Splits every Tensor input into `interleave_num` slices along axis 0, runs the network
    on each and adds the outputs (MindSpore's overlap of communication and computation; the
    same result on one device)."""

    def __init__(self, network, interleave_num=2):
        super().__init__()
        self.network = _validation.instance_of("MicroBatchInterleaved", "network", network, Cell)
        self.interleave_num = _validation.positive_int("MicroBatchInterleaved", "interleave_num", interleave_num)

    def construct(self, *inputs):
        total = None
        n = self.interleave_num
        for i in range(n):
            part = []
            for a in inputs:
                if isinstance(a, Tensor) and a.ndim:
                    size = a.shape[0] // n
                    part.append(a[i * size:(i + 1) * size])
                else:
                    part.append(a)
            out = self.network(*part)
            total = out if total is None else (tuple(t + o for t, o in zip(total, out)) if isinstance(out, tuple)
                                               else total + out)
        return total


class _MicroBatches(Cell):
    """Runs the network on `micro_size` slices of every Tensor input along axis 0 and adds the
    outputs, as MindSpore's pipeline and gradient-accumulation cells do on one stage."""

    def __init__(self, network, micro_size):
        super().__init__(auto_prefix=False)
        layer = type(self).__name__
        self.network = _validation.instance_of(layer, "network", network, Cell)
        self.micro_size = _validation.positive_int(layer, "micro_size", micro_size)

    def construct(self, *inputs):
        total = None
        n = self.micro_size
        for i in range(n):
            part = []
            for a in inputs:
                if isinstance(a, Tensor) and a.ndim:
                    if a.shape[0] % n:
                        raise ValueError(f"For '{type(self).__name__}', the batch size {a.shape[0]} must be divisible "
                                         f"by 'micro_size' {n}.")
                    size = a.shape[0] // n
                    part.append(a[i * size:(i + 1) * size])
                else:
                    part.append(a)
            out = self.network(*part)
            total = out if total is None else F.add(total, out)
        return total


class PipelineCell(_MicroBatches):
    """The network over `micro_size` micro-batches, outputs added (one pipeline stage here:
    `stage_config` and `segment_config` assign stages, which one device does not split)."""

    def __init__(self, network, micro_size, stage_config=None, segment_config=None):
        super().__init__(network, micro_size)
        self.stage_config, self.segment_config = stage_config, segment_config


class GradAccumulationCell(_MicroBatches):
    """The network over `micro_size` micro-batches, outputs added: the gradient of the sum is
    the accumulated gradient."""


class VirtualDatasetCellTriple(Cell):
    """backbone(a, b, c): MindSpore's dataset-slicing wrapper of semi-auto parallel, which on
    one device passes the three inputs through."""

    def __init__(self, backbone):
        super().__init__(auto_prefix=False)
        self._backbone = _validation.instance_of("VirtualDatasetCellTriple", "backbone", backbone, Cell)

    def construct(self, a, b, c):
        return self._backbone(a, b, c)
