"""`LearningRateScheduler`: a function of (lr, step) sets the optimizer's learning rate."""
from __future__ import annotations

import math

import numpy as np

from ...common import dtype as mstype
from ...common.tensor import Tensor
from ...ops import functional as F
from ._callback import Callback

__all__ = ["LearningRateScheduler"]


class LearningRateScheduler(Callback):
    """After each step, `new_lr = learning_rate_function(lr, cur_step_num)`; the optimizer's
    `learning_rate` Parameter is assigned `new_lr` (float32) when it differs."""

    def __init__(self, learning_rate_function):
        super().__init__()
        if not callable(learning_rate_function):
            raise TypeError(f"For 'LearningRateScheduler', the 'learning_rate_function' must be callable, but got "
                            f"{type(learning_rate_function).__name__}.")
        self.learning_rate_function = learning_rate_function

    def step_end(self, run_context):
        params = run_context.original_args()
        lr = float(np.asarray(params.optimizer.learning_rate.asnumpy()).reshape(-1)[0])
        new_lr = self.learning_rate_function(lr, params.cur_step_num)
        if not math.isclose(lr, new_lr, rel_tol=1e-10):
            F.assign(params.optimizer.learning_rate, Tensor(new_lr, mstype.float32))
