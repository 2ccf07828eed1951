"""Optimizer base of `mindspore.experimental.optim`: torch-style parameter groups.

`params` is an iterable of Parameters or of group dicts (`params` and any of the optimizer's
hyper-parameters). Each group gets every default it lacks; its `lr` becomes a Float32
Parameter (`learning_rate_group_<i>`, also in `lrs`) so that schedulers can change it in
place, and `weight_decay` a float. `parameters` holds every group's Parameters in order and
`group_start_id[i]` where group i starts in it. Weight decay adds `wd·param` to the gradient
(AdamW decays the parameter instead).
"""
from __future__ import annotations

import numbers
from collections import defaultdict
from collections.abc import Iterable

import numpy as np

from ...common import dtype as mstype
from ...common.parameter import Parameter, ParameterTuple
from ...common.tensor import Tensor
from ...nn.cell import Cell
from ...nn.optim import _checks
from ...ops import functional as F

__all__ = ["Optimizer"]


def check_not_less_than(arg_value, arg_name, prim, value=0.0):
    if arg_value < value:
        raise ValueError(f"For {prim}, the {arg_name} must be greater than or equal to {value}, but got {arg_value}.")


def check_not_less_than_without_equal(arg_value, arg_name, prim, value=0.0):
    if arg_value <= value:
        raise ValueError(f"For {prim}, the {arg_name} must be greater than {value}, but got {arg_value}.")


def check_betas(owner, betas):
    """Each beta a float in [0, 1) (MindSpore's check and message)."""
    for i in range(2):
        _checks.float_in_range(owner, f"betas[{i}]", betas[i], 0.0, 1.0, closed="left")


class Optimizer(Cell):
    """Base class: subclasses call `super().__init__(params, defaults)` and implement
    `construct(gradients)`, one gradient per entry of `parameters`."""

    def __init__(self, params, defaults):
        super().__init__(auto_prefix=False)
        param_groups = self._parameters_base_check(params, "params")
        self.defaults = defaults
        self.state = defaultdict(dict)
        self.param_groups = []
        self._ordered = []  # every group's Parameters, in order (`parameters` once built)
        self.lrs = []
        self.group_start_id = [0]
        if not isinstance(param_groups[0], dict):
            param_groups = [{"params": param_groups}]
        for param_group in param_groups:
            self.add_param_group(param_group)
        self.parameters = ParameterTuple(self._ordered)

    def __repr__(self):
        text = type(self).__name__ + " ("
        for i, group in enumerate(self.param_groups):
            text += "\n" + f"Parameter Group {i}\n"
            for key in sorted(group):
                if key == "params":
                    continue
                value = group[key]
                if key == "lr" and isinstance(value, Parameter):
                    value = value.value()
                text += f"    {key}: {value}\n"
        return text + ")"

    def add_param_group(self, param_group):
        """Append a group: its Parameters join `parameters`, missing hyper-parameters come from
        `defaults`, `lr` becomes a Parameter."""
        group_id = len(self.param_groups)
        param_group = self._preprocess_param_group(param_group)
        self._ordered += param_group["params"]
        if "parameters" in self._params_tuples:  # a group added after construction
            self.parameters = ParameterTuple(self._ordered)
        for name, default in self.defaults.items():
            param_group.setdefault(name, default)
        lr = self._build_single_lr(param_group.get("lr"), "learning_rate_group_" + str(group_id))
        weight_decay = self._preprocess_weight_decay(param_group.get("weight_decay", 0.0))
        self.lrs.append(lr)
        param_group["lr"] = lr
        param_group["weight_decay"] = weight_decay
        self.param_groups.append(param_group)
        self.group_start_id.append(self.group_start_id[-1] + len(param_group["params"]))

    @staticmethod
    def _parameters_base_check(parameters, param_info):
        if parameters is None:
            raise ValueError(f"For 'Optimizer', the argument {param_info} can not be None.")
        if not isinstance(parameters, Iterable):
            raise TypeError(f"For 'Optimizer', the argument {param_info} must be Iterable type, but got "
                            f"{type(parameters)}.")
        parameters = list(parameters)
        if not parameters:
            raise ValueError(f"For 'Optimizer', the argument {param_info} must not be empty.")
        return parameters

    def _preprocess_param_group(self, param_group):
        if not isinstance(param_group, dict):
            raise TypeError("Param group must be a dict.")
        params = param_group["params"]
        if isinstance(params, Parameter):
            param_group["params"] = [params]
        elif isinstance(params, set):
            raise TypeError("Optimizer parameters need to be organized in ordered collections, but the ordering of "
                            "tensors in sets will change between runs. Please use a list instead.")
        else:
            param_group["params"] = list(params)
        for param in param_group["params"]:
            if not isinstance(param, Parameter):
                raise TypeError("Optimizer can only optimize Parameters, but one of the params is "
                                + type(param).__name__)
        seen = {id(p) for group in self.param_groups for p in group["params"]}
        if any(id(p) in seen for p in param_group["params"]):
            raise ValueError("some parameters appear in more than one parameter group.")
        return param_group

    def _build_single_lr(self, learning_rate, name):
        if isinstance(learning_rate, (float, int)) and not isinstance(learning_rate, bool):
            learning_rate = float(learning_rate)
            if learning_rate < 0:
                raise ValueError(f"For '{type(self).__name__}', the 'learning rate' must be float and must >= 0, "
                                 f"but got '{learning_rate}' with type 'float'.")
            return Parameter(Tensor(np.float32(learning_rate), mstype.float32), name)
        if isinstance(learning_rate, Tensor):
            if learning_rate.ndim == 0:
                return Parameter(learning_rate.astype(mstype.float32), name)
            raise ValueError("For 'Optimizer', if 'learning_rate' is a Tensor, then it should be scalar Tensor")
        raise TypeError("For 'Optimizer', the argument 'learning_rate' must be int, float or Tensor, but got "
                        f"{type(learning_rate)}.")

    def _preprocess_weight_decay(self, weight_decay):
        if isinstance(weight_decay, numbers.Real) and not isinstance(weight_decay, bool):
            weight_decay = float(weight_decay)
            if weight_decay < 0:
                raise ValueError(f"For '{type(self).__name__}', the 'weight_decay' must be float and must >= 0, "
                                 f"but got '{weight_decay}' with type 'float'.")
            return weight_decay
        raise TypeError("For 'Optimizer', the argument 'Weight_decay' must be int or float.but got "
                        f"{type(weight_decay)}")

    def _decay_weight(self, weight_decay, params, gradients):
        """g + wd·param for each gradient (wd a float; 0 leaves them)."""
        if weight_decay != 0.0:
            return tuple(F.add(F.mul(p, np.float32(weight_decay)), g) for p, g in zip(params, gradients))
        return tuple(gradients)

    def _group_lr(self, group_id, group):
        """The group's learning rate: its Parameter, or a float a user put in the group."""
        lr = group.get("lr")
        if isinstance(lr, float):
            return Tensor(np.float32(lr), mstype.float32)
        return self.lrs[group_id]

    def _group_grads(self, group_id, group, gradients, maximize=None):
        """This group's slice of the gradients, negated with `maximize`."""
        gradients = tuple(gradients)
        if len(gradients) != len(self.parameters):
            raise ValueError(f"For '{type(self).__name__}', expected {len(self.parameters)} gradients (one per "
                             f"parameter), but got {len(gradients)}.")
        start, end = self.group_start_id[group_id], self.group_start_id[group_id + 1]
        grads = gradients[start:end]
        if group.get("maximize") if maximize is None else maximize:
            grads = tuple(F.neg(g) for g in grads)
        return grads, start, end

    def construct(self, *hyper_params):
        raise NotImplementedError
