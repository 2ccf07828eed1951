"""Parameters of AUTO_PARALLEL's strategy search (`mindspore.set_algo_parameters`,
`get_algo_parameters`, `reset_algo_parameters`).

MindSpore's knobs act only on its strategy-searching algorithms (AUTO_PARALLEL with
search_mode 'dynamic_programming' or 'recursive_programming'): which candidate strategies the
search keeps (`fully_use_devices`, `enable_algo_approxi`/`algo_approxi_epsilon`,
`tensor_slice_align_enable`/`tensor_slice_align_size`) and whether element-wise operators follow
their producer's strategy (`elementwise_op_strategy_follow`). sporax runs no strategy search:
AUTO_PARALLEL propagates the user's strategies (search_mode 'sharding_propagation', GSPMD) and
the other search modes are refused. So these values are validated and stored as MindSpore does
(keys applied in order, up to the first bad one; epsilon kept in float32) and read back, and
change nothing else.
"""
from __future__ import annotations

import numpy as np

__all__ = ["get_algo_parameters", "reset_algo_parameters", "set_algo_parameters"]

_DEFAULTS = {"fully_use_devices": False, "elementwise_op_strategy_follow": False, "tensor_slice_align_enable": False,
             "tensor_slice_align_size": 16, "enable_algo_approxi": False,
             "algo_approxi_epsilon": float(np.float32(0.1))}
_TYPES = {"tensor_slice_align_enable": bool, "tensor_slice_align_size": int, "fully_use_devices": bool,
          "elementwise_op_strategy_follow": bool, "enable_algo_approxi": bool, "algo_approxi_epsilon": float}
_values = dict(_DEFAULTS)


def set_algo_parameters(**kwargs):
    """Set strategy-search parameters: fully_use_devices, elementwise_op_strategy_follow,
    enable_algo_approxi (bool), algo_approxi_epsilon (float in (0, 1]), tensor_slice_align_enable
    (bool), tensor_slice_align_size (int in [1, 1024])."""
    for key, value in kwargs.items():  # MindSpore's args_type_check runs over every argument first
        expected = _TYPES.get(key)
        if expected is not None and not isinstance(value, expected):
            raise TypeError(f"The parameter '{key}' must be {expected}, but got {type(value)}")
    for key, value in kwargs.items():
        if key not in _DEFAULTS:
            raise ValueError("Set context keyword %s is not recognized!" % key)
        if key == "tensor_slice_align_size" and not 1 <= value <= 1024:
            raise ValueError('Align_size must be in [1, 1024], but got {}'.format(value))
        if key == "algo_approxi_epsilon":
            if not 0 < value <= 1:
                raise RuntimeError("'epsilon' must be in (0, 1]")
            value = float(np.float32(value))
        _values[key] = value


def get_algo_parameters(attr_key):
    """The value of one strategy-search parameter (see `set_algo_parameters`)."""
    if not isinstance(attr_key, str) or attr_key not in _values:
        raise ValueError("Get context keyword %s is not recognized!" % attr_key)
    return _values[attr_key]


def reset_algo_parameters():
    """Restore every strategy-search parameter to its default (False, epsilon 0.1, align size 16)."""
    _values.clear()
    _values.update(_DEFAULTS)
