"""Optimizer base (`mindspore.nn.Optimizer`): parameters, groups, learning rate, weight decay,
loss scale and the global step.

`params` is a list of Parameters or of group dicts (`params`, and optionally `lr`,
`weight_decay`, `grad_centralization`; one dict may be `{'order_params': [...]}` to fix the
order). Parameters with `requires_grad=False` get no state and are never updated.
`learning_rate` is a number, a 0-D Tensor, a list / 1-D Tensor (one value per step, looked
up by the global step) or a LearningRateSchedule. Weight decay adds `wd · param` to the
gradient; without groups it skips Parameters whose name contains 'beta' or 'gamma'
(MindSpore's filter); with groups it applies where the group's weight_decay > 0.
"""
from __future__ import annotations

import numbers

import numpy as np

from ...common import dtype as mstype
from ...common.initializer import initializer
from ...common.parameter import Parameter, ParameterTuple
from ...common.tensor import Tensor
from ...ops import functional as F
from ...ops import operations as P
from ..cell import Cell
from ..learning_rate_schedule import LearningRateSchedule

__all__ = ["Optimizer"]  # ParameterServerHook: internal, for sporax._ps


class _StepLookup(LearningRateSchedule):
    """A learning-rate list: the value at the global step (0 past its end, as MindSpore's Gather)."""

    def __init__(self, values, name):
        super().__init__()
        self.learning_rate = Parameter(Tensor(np.asarray(values, np.float32)), name=name)
        self.gather = P.Gather()

    def construct(self, global_step):
        # Gather fills 0 for an index past the table's end.
        return self.gather(self.learning_rate, F.reshape(global_step, ()), 0)


def _check_lr(name, learning_rate):
    if isinstance(learning_rate, bool):
        raise TypeError(f"For 'Optimizer', the argument '{name}' must be a number, Tensor, list or "
                        "LearningRateSchedule, but got bool.")
    if isinstance(learning_rate, numbers.Real):
        if learning_rate < 0:
            raise ValueError(f"For 'Optimizer', the argument '{name}' must be >= 0, but got {learning_rate}.")
        return float(learning_rate)
    if isinstance(learning_rate, Tensor):
        if learning_rate.ndim > 1:
            raise ValueError(f"For 'Optimizer', the dimension of the Tensor '{name}' must be 0 or 1, but got "
                             f"{learning_rate.ndim}.")
        return learning_rate
    if isinstance(learning_rate, (list, tuple)):
        if not learning_rate or not all(isinstance(v, numbers.Real) and not isinstance(v, bool) for v in learning_rate):
            raise TypeError(f"For 'Optimizer', a list '{name}' must be a non-empty list of numbers, but got "
                            f"{learning_rate!r}.")
        return list(learning_rate)
    if isinstance(learning_rate, LearningRateSchedule):
        return learning_rate
    raise TypeError(f"For 'Optimizer', the argument '{name}' must be a number, Tensor, list or "
                    f"LearningRateSchedule, but got {type(learning_rate).__name__}.")


def _build_lr(learning_rate, name):
    """A Parameter (static rate) or a schedule Cell (dynamic)."""
    if isinstance(learning_rate, float):
        return Parameter(Tensor(np.float32(learning_rate)), name=name)
    if isinstance(learning_rate, Tensor) and learning_rate.ndim == 0:
        return Parameter(Tensor(learning_rate.asnumpy().astype(np.float32)), name=name)
    if isinstance(learning_rate, Tensor):
        return _StepLookup(learning_rate.asnumpy(), name)
    if isinstance(learning_rate, list):
        return _StepLookup(learning_rate, name)
    return learning_rate


def _check_weight_decay(value):
    if isinstance(value, Cell):
        return value
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or value < 0:
        raise ValueError(f"For 'Optimizer', the 'weight_decay' must be a float >= 0 or a Cell, but got {value!r}.")
    return float(value)


class ParameterServerHook:
    """Where parameter-server training plugs in (sporax._ps sets `strategy`): an optimizer
    whose Parameters it claims (some are PS-held) hands it the whole step, and it rebuilds
    optimizers of the same class over subsets of the Parameters from `_construction`."""

    strategy = None


class Optimizer(Cell):
    """Base class: subclasses implement `construct(gradients)` with the helpers below."""

    def __new__(cls, *args, **kwargs):
        self = super().__new__(cls)
        # The constructor's arguments, so that a parameter server can build the same optimizer
        # over the Parameters it holds.
        object.__setattr__(self, "_construction", (args, kwargs))
        return self

    def __call__(self, *args, **kwargs):
        strategy = ParameterServerHook.strategy
        if strategy is not None and strategy.claims(self):
            return strategy.step(self, *args, **kwargs)
        return super().__call__(*args, **kwargs)

    def __init__(self, learning_rate, parameters, weight_decay=0.0, loss_scale=1.0):
        super().__init__(auto_prefix=False)
        if isinstance(parameters, (Parameter, Tensor)) or not hasattr(parameters, "__iter__"):
            raise TypeError(f"For 'Optimizer' argument 'parameters' must be 'list', but got {type(parameters)}.")
        parameters = list(parameters)
        if not parameters:
            raise ValueError("For 'Optimizer', the argument 'parameters' must not be empty.")
        if not all(isinstance(x, Parameter) for x in parameters) and not all(isinstance(x, dict) for x in parameters):
            raise TypeError("For 'Optimizer', all elements of the argument 'parameters' must be 'Parameter' or "
                            "'dict', please check the 'parameters'.")
        if isinstance(loss_scale, int) and not isinstance(loss_scale, bool):
            loss_scale = float(loss_scale)
        if not isinstance(loss_scale, float) or loss_scale <= 0:
            raise ValueError(f"For '{type(self).__name__}', the 'loss_scale' must be a float > 0, but got {loss_scale!r}.")
        self.loss_scale = loss_scale
        self.need_scale = loss_scale != 1.0
        self.reciprocal_scale = 1.0 / loss_scale
        default_lr = _check_lr("learning_rate", learning_rate)
        default_wd = _check_weight_decay(weight_decay)
        self.global_step = Parameter(initializer(0, [1], mstype.int32), name="global_step")
        self.is_group = isinstance(parameters[0], dict)
        groups = self._groups(parameters, default_lr, default_wd) if self.is_group else \
            [(p, default_lr, default_wd, False) for p in parameters]
        groups = [g for g in groups if g[0].requires_grad]
        if not groups:
            raise ValueError("For 'Optimizer', no Parameter with requires_grad=True was given.")
        self.parameters = ParameterTuple(g[0] for g in groups)
        self._parameters = self.parameters
        lrs = [g[1] for g in groups]
        self.is_group_lr = self.is_group and any(lr is not default_lr for lr in lrs)
        self.dynamic_lr = any(not isinstance(lr, float) and not (isinstance(lr, Tensor) and lr.ndim == 0)
                              for lr in lrs)
        if self.is_group_lr:
            built = {}  # one learning-rate holder per distinct group rate
            for lr in lrs:
                if id(lr) not in built:
                    built[id(lr)] = _build_lr(lr, f"learning_rate_group_{len(built)}")
            self._group_lr = [built[id(lr)] for lr in lrs]
        else:
            self.learning_rate = _build_lr(default_lr, "learning_rate")
        weight_decays = [g[2] for g in groups]
        if self.is_group:
            self.decay_flags = tuple(isinstance(wd, Cell) or wd > 0 for wd in weight_decays)
        else:
            self.decay_flags = tuple("beta" not in p.name and "gamma" not in p.name for p in self.parameters)
        self.weight_decays = tuple(weight_decays)
        self.exec_weight_decay = any(isinstance(wd, Cell) or wd > 0 for wd in weight_decays)
        self.grad_centralization_flags = tuple(g[3] for g in groups)

    def _groups(self, parameters, default_lr, default_wd):
        order = None
        groups = []
        for group in parameters:
            if "order_params" in group:
                if set(group) != {"order_params"}:
                    raise ValueError("For 'Optimizer', a group with 'order_params' must hold nothing else.")
                order = list(group["order_params"])
                continue
            unknown = set(group) - {"params", "lr", "weight_decay", "grad_centralization"}
            if "params" not in group or unknown:
                raise ValueError("For 'Optimizer', each group dict needs 'params' and may hold 'lr', 'weight_decay' "
                                 f"and 'grad_centralization', but got keys {sorted(group)}.")
            params = list(group["params"])
            if not params or not all(isinstance(p, Parameter) for p in params):
                raise TypeError("For 'Optimizer', the 'params' of a group must be a non-empty list of Parameters.")
            lr = _check_lr("lr", group["lr"]) if "lr" in group else default_lr
            wd = _check_weight_decay(group["weight_decay"]) if "weight_decay" in group else default_wd
            centralize = group.get("grad_centralization", False)
            if not isinstance(centralize, bool):
                raise TypeError("For 'Optimizer', 'grad_centralization' must be a bool.")
            groups += [(p, lr, wd, centralize) for p in params]
        seen = set()
        for p, *_ in groups:
            if id(p) in seen:
                raise RuntimeError(f"For 'Optimizer', the parameter {p.name} is in more than one group.")
            seen.add(id(p))
        if order is not None:
            by_id = {id(g[0]): g for g in groups}
            if set(by_id) != {id(p) for p in order}:
                raise ValueError("For 'Optimizer', 'order_params' must list exactly the grouped parameters.")
            groups = [by_id[id(p)] for p in order]
        return groups

    # --- helpers for construct ----------------------------------------------------------------
    def get_lr(self):
        """The learning rate of this step (a tuple, one per parameter, with group rates)."""
        if self.is_group_lr:
            return tuple(self._lr_value(lr) for lr in self._group_lr)
        return self._lr_value(self.learning_rate)

    def _lr_value(self, lr):
        if isinstance(lr, Cell):
            return F.reshape(lr(self.global_step), ())
        return lr

    def get_weight_decay(self):
        return tuple(wd(self.global_step) if isinstance(wd, Cell) else wd for wd in self.weight_decays)

    def decay_weight(self, gradients):
        """g + wd · param where decay applies (wd scaled by loss_scale, as the gradients are)."""
        if not self.exec_weight_decay:
            return gradients
        out = []
        for flag, wd, param, grad in zip(self.decay_flags, self.get_weight_decay(), self.parameters, gradients):
            scaled = F.mul(wd, self.loss_scale) if isinstance(wd, Tensor) else wd * self.loss_scale
            out.append(F.add(grad, F.mul(param, scaled)) if flag else grad)
        return tuple(out)

    def gradients_centralization(self, gradients):
        """Subtract each gradient's mean over all axes but the first, where enabled (rank > 1)."""
        out = []
        for flag, grad in zip(self.grad_centralization_flags, gradients):
            if flag and grad.ndim > 1:
                axes = tuple(range(1, grad.ndim))
                grad = F.sub(grad, F.mean(grad, axes, keep_dims=True))
            out.append(grad)
        return tuple(out)

    def scale_grad(self, gradients):
        """Undo the loss scale: g / loss_scale."""
        if not self.need_scale:
            return gradients
        return tuple(F.mul(g, self.reciprocal_scale) for g in gradients)

    def _step_lrs(self):
        lr = self.get_lr()
        return lr if isinstance(lr, tuple) else (lr,) * len(self.parameters)

    def _prepare_without_centralization(self, gradients):
        return self._prepare(gradients, centralize=False)

    def _prepare(self, gradients, centralize=True):
        """Weight decay, gradient centralization, loss-scale removal; this step's learning rates;
        the global step advanced (MindSpore's order)."""
        gradients = tuple(gradients)
        if len(gradients) != len(self.parameters):
            raise ValueError(f"For '{type(self).__name__}', expected {len(self.parameters)} gradients (one per "
                             f"parameter), but got {len(gradients)}.")
        gradients = self.decay_weight(gradients)
        if centralize:
            gradients = self.gradients_centralization(gradients)
        gradients = self.scale_grad(gradients)
        lrs = self._step_lrs()
        F.assign_add(self.global_step, Tensor(np.int32([1])))
        return gradients, lrs
