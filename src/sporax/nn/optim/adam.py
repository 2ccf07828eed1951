"""Adam, AdamOffload, AdamWeightDecay and Lamb (`mindspore.nn.Adam`, `AdamOffload`, `AdamWeightDecay`, `Lamb`)."""
from __future__ import annotations


import numpy as np

from ... import _validation
from ...common import dtype as mstype
from ...common.initializer import initializer
from ...common.parameter import Parameter
from ...common.tensor import Tensor
from ...ops import functional as F
from ...ops import operations as P
from ...ops.operations import optimizer_ops
from .optimizer import Optimizer


def _check_betas(name, beta1, beta2, eps):
    for arg, value in (("beta1", beta1), ("beta2", beta2)):
        if isinstance(value, bool) or not isinstance(value, float) or not 0.0 < value < 1.0:
            raise ValueError(f"For '{name}', the '{arg}' must be a float in range (0.0, 1.0), but got {value!r}.")
    if isinstance(eps, bool) or not isinstance(eps, float) or eps <= 0:
        raise ValueError(f"For '{name}', the 'eps' must be a float > 0, but got {eps!r}.")


class Adam(Optimizer):
    """m = β1·m + (1−β1)·g; v = β2·v + (1−β2)·g²; param -= lr·√(1−β2^t)/(1−β1^t)·m/(√v + ε)
    (Nesterov: with β1·m + (1−β1)·g in the numerator); t counts steps from 1.
    State: `moment1`, `moment2`, `beta1_power`, `beta2_power`.

    `use_amsgrad`: v̂ = max(v̂, v) (`vhat`) replaces v in the denominator. `use_lazy` (sparse
    rows only) computes the same as dense Adam here, sporax's gradients being dense.
    `use_offload`: the moments' update and the parameter's change are one step
    (`ops.AdamNoUpdateParam`), the change then added to the parameter; no gradient
    centralization, as MindSpore."""

    _power_shape = ()  # of beta1_power / beta2_power, as MindSpore's (LazyAdam, AdamOffload: [1])

    def __init__(self, params, learning_rate=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, use_locking=False,
                 use_nesterov=False, weight_decay=0.0, loss_scale=1.0, use_amsgrad=False, **kwargs):
        super().__init__(learning_rate, params, weight_decay, loss_scale)
        if set(kwargs) - {"use_lazy", "use_offload"}:
            raise KeyError("For 'Adam', invalid keys are passed as kwargs, supported keys are 'use_lazy' and"
                           f"'use_offload', but got {kwargs.keys()}.")
        use_lazy = kwargs.get("use_lazy", False)
        use_offload = kwargs.get("use_offload", False)
        _check_betas("Adam", beta1, beta2, eps)
        for name, value in (("use_locking", use_locking), ("use_nesterov", use_nesterov),
                            ("use_amsgrad", use_amsgrad), ("use_lazy", use_lazy), ("use_offload", use_offload)):
            _validation.bool_arg("Adam", name, value)
        if use_lazy and use_offload:
            raise ValueError(f"For 'Adam', 'use_lazy' and 'use_offload' can not both be True.But got "
                             f"use_lazy={use_lazy}, use_offload={use_offload}.")
        if use_amsgrad and (use_lazy or use_offload):
            raise ValueError("For lazy Adam and Adam with offload, there is no parameter named 'use_amsgrad'."
                             f"but got 'use_amsgrad'={use_amsgrad}.")
        self.beta1, self.beta2, self.eps = beta1, beta2, eps
        self.use_nesterov, self.use_locking = use_nesterov, use_locking
        self.use_amsgrad, self.use_lazy, self.use_offload = use_amsgrad, use_lazy, use_offload
        self.beta1_power = Parameter(initializer(1, self._power_shape, mstype.float32), name="beta1_power")
        self.beta2_power = Parameter(initializer(1, self._power_shape, mstype.float32), name="beta2_power")
        self.moment1 = self.parameters.clone(prefix="moment1", init="zeros")
        self.moment2 = self.parameters.clone(prefix="moment2", init="zeros")
        if use_amsgrad:
            self.vhat = self.parameters.clone(prefix="vhat", init="zeros")
            self.opt = P.ApplyAdamWithAmsgradV2(use_locking)
        elif use_offload:
            self.opt = P.AdamNoUpdateParam(use_locking, use_nesterov)
        else:
            self.opt = P.Adam(use_locking, use_nesterov)

    def _advance_powers(self):
        beta1_power = F.mul(self.beta1_power, np.float32(self.beta1))
        beta2_power = F.mul(self.beta2_power, np.float32(self.beta2))
        F.assign(self.beta1_power, beta1_power)
        F.assign(self.beta2_power, beta2_power)
        return F.reshape(beta1_power, ()), F.reshape(beta2_power, ())

    def construct(self, gradients):
        if self.use_offload:
            gradients, lrs = self._prepare_without_centralization(gradients)
        else:
            gradients, lrs = self._prepare(gradients)
        beta1_power, beta2_power = self._advance_powers()
        for i, (param, m, v, lr, grad) in enumerate(zip(self.parameters, self.moment1, self.moment2, lrs, gradients)):
            if self.use_amsgrad:
                self.opt(param, m, v, self.vhat[i], beta1_power, beta2_power, lr, self.beta1, self.beta2, self.eps,
                         grad)
            elif self.use_offload:
                F.assign_add(param, self.opt(m, v, beta1_power, beta2_power, lr, self.beta1, self.beta2, self.eps,
                                             grad))
            else:
                self.opt(param, m, v, beta1_power, beta2_power, lr, self.beta1, self.beta2, self.eps, grad)
        return True


class AdamOffload(Adam):
    """Adam whose step is computed as a parameter change, then added (MindSpore runs that part
    on the host to keep the moments off the accelerator; here it runs where the Parameters
    live, with the same numbers): the update of `Adam(..., use_offload=True)`. Moment
    Parameters `moment1`, `moment2`; `beta1_power`, `beta2_power` of shape [1]."""

    _power_shape = [1]

    def __init__(self, params, learning_rate=0.001, beta1=0.9, beta2=0.999, eps=1e-08, use_locking=False,
                 use_nesterov=False, weight_decay=0.0, loss_scale=1.0):
        super().__init__(params, learning_rate, beta1, beta2, eps, use_locking, use_nesterov, weight_decay,
                         loss_scale, use_offload=True)


class AdamWeightDecay(Optimizer):
    """m = β1·m + (1−β1)·g; v = β2·v + (1−β2)·g²; param -= lr·(m/(√v + ε) + wd·param),
    wd applied per the decay filter (no bias correction, as MindSpore). State: `moments1`, `moments2`."""

    def __init__(self, params, learning_rate=1e-3, beta1=0.9, beta2=0.999, eps=1e-6, weight_decay=0.0):
        super().__init__(learning_rate, params, weight_decay)
        _check_betas("AdamWeightDecay", beta1, beta2, eps)
        self.beta1, self.beta2, self.eps = beta1, beta2, eps
        self.moments1 = self.parameters.clone(prefix="adam_m", init="zeros")
        self.moments2 = self.parameters.clone(prefix="adam_v", init="zeros")
        self.opt = P.AdamWeightDecay()

    def construct(self, gradients):
        gradients = tuple(gradients)
        gradients = self.gradients_centralization(gradients)
        lrs = self._step_lrs()
        P.AssignAdd()(self.global_step, Tensor(np.int32([1])))
        decays = self.get_weight_decay()
        for param, m, v, lr, grad, flag, wd in zip(self.parameters, self.moments1, self.moments2, lrs, gradients,
                                                   self.decay_flags, decays):
            self.opt(param, m, v, lr, self.beta1, self.beta2, self.eps, wd if flag else 0.0, grad)
        return True


class Lamb(Optimizer):
    """LAMB: m, v as Adam; m̂ = m/(1−β1^t), v̂ = v/(1−β2^t); u = m̂/(√v̂ + ε) + wd·param;
    ratio = ‖param‖/‖u‖ (1 when either norm is 0); param -= lr·ratio·u."""

    def __init__(self, params, learning_rate, beta1=0.9, beta2=0.999, eps=1e-6, weight_decay=0.0):
        super().__init__(learning_rate, params, weight_decay)
        _check_betas("Lamb", beta1, beta2, eps)
        self.beta1, self.beta2, self.eps = beta1, beta2, eps
        self.moments1 = self.parameters.clone(prefix="lamb_m", init="zeros")
        self.moments2 = self.parameters.clone(prefix="lamb_v", init="zeros")
        self.opt = optimizer_ops._Lamb(beta1, beta2, eps)

    def construct(self, gradients):
        gradients = self.gradients_centralization(tuple(gradients))
        lrs = self._step_lrs()
        steps = F.cast(F.add(F.reshape(self.global_step, ()), 1), mstype.float32)
        F.assign_add(self.global_step, Tensor(np.int32([1])))
        for param, m, v, lr, grad, flag, wd in zip(self.parameters, self.moments1, self.moments2, lrs, gradients,
                                                   self.decay_flags, self.get_weight_decay()):
            self.opt(param, m, v, lr, steps, wd, flag, grad)
        return True
