"""Loss scaling (`mindspore.nn.wrap.loss_scale`): the step is skipped on overflow, decided on
the device (no Python branch), so it works inside a compiled graph."""
from __future__ import annotations

import numbers

import numpy as np

from ...common import dtype as mstype
from ...common.parameter import Parameter
from ...common.tensor import Tensor
from ..._amp.loss_scaler import all_finite
from ...ops import functional as F
from ...ops import operations as P
from ..cell import Cell
from .cell_wrapper import TrainOneStepCell


class DynamicLossScaleUpdateCell(Cell):
    """On overflow the scale becomes max(scale / scale_factor, 1); after `scale_window`
    steps without overflow it is multiplied by `scale_factor`."""

    def __init__(self, loss_scale_value, scale_factor, scale_window):
        super().__init__()
        for name, value in (("loss_scale_value", loss_scale_value), ("scale_factor", scale_factor)):
            if isinstance(value, bool) or not isinstance(value, numbers.Real) or value <= 0:
                raise ValueError(f"For 'DynamicLossScaleUpdateCell', the '{name}' must be > 0, but got {value!r}.")
        if isinstance(scale_window, bool) or not isinstance(scale_window, int) or scale_window <= 0:
            raise ValueError(f"For 'DynamicLossScaleUpdateCell', the 'scale_window' must be a positive int, but got "
                             f"{scale_window!r}.")
        self.loss_scale_value = float(loss_scale_value)
        self.scale_factor = float(scale_factor)
        self.scale_window = scale_window
        self.cur_iter = Parameter(Tensor(np.int32([1])), name="current_iterator_step")
        self.last_overflow_iter = Parameter(Tensor(np.int32([0])), name="last_overflow_iterator_step")

    def get_loss_scale(self):
        return self.loss_scale_value

    def construct(self, loss_scale, overflow):
        overflow = F.reshape(overflow, ())
        cur, last = self.cur_iter, self.last_overflow_iter
        on_overflow = F.select(overflow, F.maximum(F.div(loss_scale, self.scale_factor), 1.0), loss_scale)
        should_increase = F.reshape(F.greater_equal(F.sub(cur, last), self.scale_window), ())
        F.assign(self.last_overflow_iter, F.select(F.logical_or(overflow, should_increase), cur, last))
        grow = F.logical_and(should_increase, F.logical_not(overflow))
        F.assign(loss_scale, F.cast(F.select(grow, F.mul(on_overflow, self.scale_factor), on_overflow),
                                    loss_scale.dtype))
        F.assign(self.cur_iter, F.add(cur, 1))
        return overflow


class FixedLossScaleUpdateCell(Cell):
    """A constant scale; overflowing steps are still skipped."""

    def __init__(self, loss_scale_value):
        super().__init__()
        if isinstance(loss_scale_value, bool) or not isinstance(loss_scale_value, numbers.Real) or loss_scale_value <= 0:
            raise ValueError(f"For 'FixedLossScaleUpdateCell', the 'loss_scale_value' must be > 0, but got "
                             f"{loss_scale_value!r}.")
        self.loss_scale_value = float(loss_scale_value)

    def get_loss_scale(self):
        return self.loss_scale_value

    def construct(self, loss_scale, overflow):
        return overflow


class TrainOneStepWithLossScaleCell(TrainOneStepCell):
    """A training step with loss scaling: gradients of loss · scale are divided by the scale;
    if any is inf/NaN the optimizer's update is discarded (every Parameter it would change stays
    bit-identical) and the scale manager reacts. Returns (loss, overflow, scale)."""

    def __init__(self, network, optimizer, scale_sense):
        super().__init__(network, optimizer, sens=None)
        if isinstance(scale_sense, Cell):
            self.scale_sense = Parameter(Tensor(np.float32(scale_sense.get_loss_scale())), name="scale_sense")
            self.loss_scaling_manager = scale_sense
        elif isinstance(scale_sense, Tensor):
            if scale_sense.shape not in ((), (1,)):
                raise ValueError(f"For 'TrainOneStepWithLossScaleCell', the shape of 'scale_sense' must be () or "
                                 f"(1,), but got {scale_sense.shape}.")
            self.scale_sense = Parameter(Tensor(scale_sense.asnumpy().astype(np.float32)), name="scale_sense")
            self.loss_scaling_manager = None
        else:
            raise TypeError("For 'TrainOneStepWithLossScaleCell', the 'scale_sense' must be a Cell or Tensor, but got "
                            f"{type(scale_sense).__name__}.")
        self.snapshot = P.Identity()

    def set_sense_scale(self, sens):
        if not isinstance(sens, Tensor):
            raise TypeError(f"For 'set_sense_scale', the 'sens' must be a Tensor, but got {type(sens).__name__}.")
        F.assign(self.scale_sense, F.cast(sens, mstype.float32))

    def construct(self, *inputs):
        scale = F.reshape(self.scale_sense, ())
        loss, grads = self._loss_and_grads(inputs, scale)
        grads = tuple(F.div(g, F.cast(scale, g.dtype)) for g in grads)
        if self.grad_reducer is not None:  # data parallel: an inf/NaN on any rank reaches every rank
            grads = self.grad_reducer(grads)
        overflow = F.logical_not(all_finite(list(grads)))
        if self.loss_scaling_manager is not None:
            overflow = self.loss_scaling_manager(self.scale_sense, overflow)
        state = list(self.optimizer.get_parameters())
        before = [self.snapshot(p) for p in state]
        self.optimizer(grads)
        for param, old in zip(state, before):  # keep the update only when nothing overflowed
            F.assign(param, F.select(overflow, old, param))
        return loss, overflow, self.snapshot(self.scale_sense)
