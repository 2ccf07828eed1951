"""LARS (`mindspore.nn.LARS`)."""
from __future__ import annotations

import numpy as np

from ...common import dtype as mstype
from ...common.parameter import Parameter
from ...common.tensor import Tensor
from ...ops import operations as P
from ...ops import functional as F
from ..cell import Cell
from . import _checks
from .optimizer import Optimizer


def _default_lars_filter(param):
    return "LayerNorm" not in param.name and "bias" not in param.name


class LARS(Optimizer):
    """Layer-wise adaptive rate scaling around another optimizer: each gradient selected by
    `lars_filter` is replaced by `ops.LARSUpdate`'s

        trust·(g + wd·w),  trust = coefficient·‖w‖/(‖g‖ + wd·‖w‖ + ε)  (1 if a norm is 0)

    (with `use_clip`, trust = min(trust/lr, 1)), then the wrapped optimizer steps with its own
    weight decay and loss scale switched off (LARS applied them). wd is the wrapped optimizer's
    weight decay where its decay filter selects the parameter, else 0."""

    def __init__(self, optimizer, epsilon=1e-05, coefficient=0.001, use_clip=False,
                 lars_filter=_default_lars_filter):
        super().__init__(0.0, [Parameter(Tensor(np.float32(0.0)), name="fake_param")])
        _checks_instance(optimizer)
        _checks.of_type("LARS", "epsilon", epsilon, "float")
        _checks.of_type("LARS", "coefficient", coefficient, "float")
        _checks.of_type("LARS", "use_clip", use_clip, "bool")
        self.opt = optimizer
        self.global_step = optimizer.global_step
        self.parameters = optimizer.parameters
        self._parameters = self.parameters
        self.use_clip = use_clip
        self.lars_flag = tuple(bool(lars_filter(p)) for p in self.parameters)
        self.is_group = optimizer.is_group
        self.learning_rate = Parameter(Tensor(np.float32(0.0), mstype.float32), name="fake_lr")
        self.decay_flags = optimizer.decay_flags
        self.weight_decays = optimizer.weight_decays
        self.reciprocal_scale = optimizer.reciprocal_scale
        self.need_scale = optimizer.need_scale
        self.loss_scale = optimizer.loss_scale
        self.lars = P.LARSUpdate(epsilon, coefficient, use_clip)
        self.square_sums = P.SquareSumAll()
        self.is_group_lr = optimizer.is_group_lr
        self.dynamic_lr = optimizer.dynamic_lr
        if use_clip and self.is_group_lr and self.dynamic_lr:
            raise ValueError("For 'LARS', if the argument 'use_clip' is set to True, then the dynamic learning rate "
                             "and group learning rate cannot both be true.")
        # The wrapped optimizer no longer decays nor unscales: LARS did both.
        optimizer.decay_flags = tuple(False for _ in optimizer.decay_flags)
        optimizer.exec_weight_decay = False
        optimizer.reciprocal_scale = 1.0
        optimizer.need_scale = False

    def construct(self, gradients):
        gradients = tuple(gradients)
        lrs = self.opt._step_lrs() if self.use_clip else (self.learning_rate,) * len(self.parameters)
        decays = tuple(wd(self.global_step) if isinstance(wd, Cell) else wd for wd in self.weight_decays)
        if self.need_scale:
            gradients = tuple(F.mul(g, self.reciprocal_scale) for g in gradients)
        updated = []
        for param, grad, lr, wd, decay, lars in zip(self.parameters, gradients, lrs, decays, self.decay_flags,
                                                    self.lars_flag):
            if lars:
                w_square_sum, g_square_sum = self.square_sums(param, grad)
                scaled_wd = (F.div(wd, self.loss_scale) if isinstance(wd, Tensor) else wd / self.loss_scale) \
                    if decay else 0.0
                grad = self.lars(param, grad, w_square_sum, g_square_sum, scaled_wd, lr)
            updated.append(grad)
        return self.opt(tuple(updated))


def _checks_instance(optimizer):
    if not isinstance(optimizer, Optimizer):
        raise TypeError(f"For 'LARS', the type of 'optimizer' should be 'Optimizer', but got type "
                        f"'{type(optimizer).__name__}'.")
