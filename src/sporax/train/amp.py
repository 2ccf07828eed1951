"""Automatic mixed precision (`mindspore.train.amp`, re-exported as `mindspore.amp`).

How each level casts, as MindSpore 2.10 does (observed: tests/data/amp/amp_levels.json):

    O0  nothing changes.
    O1  each white-list cell (Conv*, Dense, RNN cells) computes in the low dtype — its floating
        inputs and Parameters are cast down — and its floating outputs are cast back to float32;
        every other cell keeps float32.
    O2  the whole network computes in the low dtype, except black-list cells (BatchNorm*,
        LayerNorm), which compute in float32 and whose outputs are cast back down
        (`_OutputTo16`); the network's output is cast to float32 (`_OutputTo32`).
    O3  the whole network computes in the low dtype; its output is cast to float32.

A cell computes in a dtype through `Cell.to_float` (its inputs are cast with the `Cast`
primitive and layers cast their Parameters to the input's dtype); O1's cast back is the
cell's output dtype. All casts are `ops.Cast` on the one path to JAX.
"""
from __future__ import annotations


from .. import nn
from ..common import dtype as mstype
from ..nn.cell import Cell
from ..nn.optim.optimizer import Optimizer
from ..nn.wrap import TrainOneStepCell, TrainOneStepWithLossScaleCell, WithLossCell
from ..ops import functional as F
from ..ops import operations as P
from .loss_scale_manager import DynamicLossScaleManager, LossScaleManager

__all__ = ["auto_mixed_precision", "build_train_network", "custom_mixed_precision", "get_white_list",
           "get_black_list"]

_LEVELS = ("O0", "O1", "O2", "O3", "auto")
_LOW_DTYPES = (mstype.float16, mstype.bfloat16)


def _present(module, names):
    """MindSpore's list entries that sporax has (a class sporax lacks cannot occur in a net)."""
    return [getattr(module, name) for name in names if hasattr(module, name)]


AMP_WHITE_LIST = (_present(nn, ["Conv1d", "Conv2d", "Conv3d", "Conv1dTranspose", "Conv2dTranspose",
                                "Conv3dTranspose", "Dense", "LSTMCell", "RNNCell", "GRUCell"])
                  + _present(P, ["Conv2D", "Conv3D", "Conv2DTranspose", "Conv3DTranspose", "Conv2DBackpropInput",
                                 "MatMul", "BatchMatMul", "PReLU", "ReLU", "Ger"]))
AMP_BLACK_LIST = _present(nn, ["BatchNorm1d", "BatchNorm2d", "BatchNorm3d", "LayerNorm"])


def _cast_tree(value, dtype):
    if isinstance(value, (tuple, list)):
        return type(value)(_cast_tree(v, dtype) for v in value)
    if hasattr(value, "dtype") and value.dtype.kind == "float" and value.dtype != dtype:
        return F.cast(value, dtype)
    return value


class _OutputTo16(Cell):
    """Runs `backbone` and casts its floating outputs to `dtype` (the low dtype)."""

    def __init__(self, backbone, dtype=mstype.float16):
        super().__init__(auto_prefix=False)
        self._backbone = backbone
        self.dtype = dtype

    def construct(self, *args, **kwargs):
        return _cast_tree(self._backbone(*args, **kwargs), self.dtype)


class _OutputTo32(Cell):
    """Runs `backbone` and casts its floating outputs to float32."""

    def __init__(self, backbone):
        super().__init__(auto_prefix=False)
        self._backbone = backbone

    def construct(self, *args, **kwargs):
        return _cast_tree(self._backbone(*args, **kwargs), mstype.float32)


def _set_by_user(cell):
    return cell._compute_dtype is not None


def _cast_white_cells(network, dtype, white_cells):
    """O1 / custom white list: each listed cell computes in `dtype`, outputs back to float32."""
    for _, cell in network.cells_and_names():
        if isinstance(cell, white_cells) and not _set_by_user(cell) and cell._output_dtype is None:
            cell.to_float(dtype)
            object.__setattr__(cell, "_output_dtype", mstype.float32)
    return network


def _keep_black_cells_fp32(network, black_cells, dtype):
    """Each black-list sub-cell computes in float32 and hands `dtype` on (`_OutputTo16`)."""
    for name, sub in list(network.name_cells().items()):
        if sub is network:
            continue
        if isinstance(sub, black_cells):
            network.insert_child_to_cell(name, _OutputTo16(sub.to_float(mstype.float32), dtype))
        else:
            _keep_black_cells_fp32(sub, black_cells, dtype)
    return network


def _check_network_and_dtype(network, amp_level, dtype):
    if not isinstance(network, Cell):
        raise TypeError(f"For amp_level '{amp_level}', the network type should be Cell.")
    if dtype not in _LOW_DTYPES:
        raise ValueError(f"The dtype should be one of (mstype.float16, mstype.bfloat16), but got {dtype}.")


def auto_mixed_precision(network, amp_level="O0", dtype=mstype.float16):
    """The network processed at `amp_level` ('O0'..'O3', see the module docstring) with low
    dtype `dtype` (float16 or bfloat16). O1 changes `network` in place and returns it; O2 and
    O3 return it wrapped in `_OutputTo32`."""
    if amp_level == "auto":
        raise ValueError("The amp level auto is not supported by sporax (MindSpore marks it experimental); use "
                         "'O0', 'O1', 'O2' or 'O3'.")
    _check_network_and_dtype(network, amp_level, dtype)
    if amp_level == "O0":
        return network
    if amp_level == "O1":
        network = _cast_white_cells(network, dtype, tuple(c for c in AMP_WHITE_LIST if issubclass(c, Cell)))
    elif amp_level == "O2":
        network.to_float(dtype)
        network = _OutputTo32(_keep_black_cells_fp32(network, tuple(AMP_BLACK_LIST), dtype))
    elif amp_level == "O3":
        network.to_float(dtype)
        network = _OutputTo32(network)
    else:
        raise ValueError(f"The amp level {amp_level} is not supported")
    object.__setattr__(network, "_amp_level", amp_level)
    return network


def custom_mixed_precision(network, *, white_list=None, black_list=None, dtype=mstype.float16):
    """Exactly one of `white_list` (listed cells compute in `dtype`, as O1) or `black_list`
    (everything but the listed cells computes in `dtype`, as O2) — lists of Cell classes."""
    if not isinstance(network, Cell):
        raise TypeError("The network type should be Cell.")
    if (white_list is None) == (black_list is None):
        raise ValueError("For custom_mixed_precision, one of white_list and black_list must be provided.")
    if dtype not in _LOW_DTYPES:
        raise ValueError(f"The dtype should be one of (mstype.float16, mstype.bfloat16), but got {dtype}.")
    given = white_list if white_list is not None else black_list
    if not isinstance(given, list):
        raise TypeError(f"The type of white_list or black_list should be list, but got {type(given).__name__}.")
    cells = []
    for entry in given:
        if not isinstance(entry, type):
            raise TypeError(f"The element in white_list or black_list should be a Cell or Primitive class, but got "
                            f"{entry!r}.")
        if not issubclass(entry, Cell):
            raise ValueError(f"sporax casts whole cells: the list entry {entry.__name__} is a Primitive; list the "
                             "Cell that calls it instead.")
        cells.append(entry)
    if white_list is not None:
        network = _cast_white_cells(network, dtype, tuple(cells))
    else:
        network.to_float(dtype)
        network = _OutputTo32(_keep_black_cells_fp32(network, tuple(cells), dtype))
    object.__setattr__(network, "_amp_level", "custom")
    return network


def get_white_list():
    """A copy of the O1 white list (Cell and Primitive classes)."""
    return list(AMP_WHITE_LIST)


def get_black_list():
    """A copy of the O2 black list (Cell classes)."""
    return list(AMP_BLACK_LIST)


_CONFIG_LEVEL = {
    "O0": {"keep_batchnorm_fp32": False, "cast_model_type": mstype.float32, "loss_scale_manager": None},
    "O1": {"keep_batchnorm_fp32": False, "cast_model_type": mstype.float32, "loss_scale_manager": None},
    "O2": {"keep_batchnorm_fp32": True, "cast_model_type": mstype.float16, "loss_scale_manager": "dynamic"},
    "O3": {"keep_batchnorm_fp32": False, "cast_model_type": mstype.float16, "loss_scale_manager": None},
}


def _check_kwargs(kwargs):
    for key in kwargs:
        if key not in ("cast_model_type", "keep_batchnorm_fp32", "loss_scale_manager"):
            raise ValueError(f"Unsupported arg '{key}'")
    if "cast_model_type" in kwargs and kwargs["cast_model_type"] not in (mstype.float16, mstype.float32):
        raise TypeError(f"For 'build_train_network', the 'cast_model_type' must be float16 or float32, but got "
                        f"{kwargs['cast_model_type']!r}.")
    if "keep_batchnorm_fp32" in kwargs and not isinstance(kwargs["keep_batchnorm_fp32"], bool):
        raise TypeError(f"For 'build_train_network', the 'keep_batchnorm_fp32' must be a bool, but got "
                        f"{type(kwargs['keep_batchnorm_fp32']).__name__}.")
    manager = kwargs.get("loss_scale_manager")
    if manager is not None and not isinstance(manager, LossScaleManager):
        raise TypeError(f"For 'build_train_network', the 'loss_scale_manager' must be a LossScaleManager, but got "
                        f"{type(manager).__name__}.")


class _AmpWithLossCell(Cell):
    """The loss at O2/O3: network output and label cast to float32 before the loss."""

    def __init__(self, backbone, loss_fn):
        super().__init__(auto_prefix=False)
        self._backbone = backbone
        self._loss_fn = loss_fn

    def construct(self, data, label):
        out = self._backbone(data)
        return self._loss_fn(_cast_tree(out, mstype.float32), _cast_tree(label, mstype.float32))


def _process_network(network, config, level):
    if config["cast_model_type"] == mstype.float16:
        network.to_float(mstype.float16)
        if config["keep_batchnorm_fp32"]:
            _keep_black_cells_fp32(network, tuple(AMP_BLACK_LIST), mstype.float16)
        return network
    if not config["keep_batchnorm_fp32"] and level == "O2":
        return network.to_float(mstype.float16)
    if level in ("O2", "O3"):  # cast_model_type=float32 given: no casts
        return network
    return auto_mixed_precision(network, level)


def resolve_loss_scale_manager(config):
    """The config's manager (a fresh DynamicLossScaleManager for O2's default)."""
    manager = config["loss_scale_manager"]
    return DynamicLossScaleManager() if manager == "dynamic" else manager


def build_train_network(network, optimizer, loss_fn=None, level="O0", boost_level="O0", **kwargs):
    """The mixed-precision training cell MindSpore builds: the network cast per `level`
    (kwargs `cast_model_type`, `keep_batchnorm_fp32`, `loss_scale_manager` override the
    level's defaults — O2: float16, BatchNorm kept float32, DynamicLossScaleManager), the
    loss added (in float32 at O2/O3), then `TrainOneStepWithLossScaleCell` when the manager
    has an update cell, else `TrainOneStepCell` with the manager's scale as `sens`."""
    if not isinstance(optimizer, Optimizer):
        raise TypeError(f"For 'build_train_network', the 'optimizer' must be an Optimizer, but got "
                        f"{type(optimizer).__name__}.")
    if not isinstance(level, str):
        raise TypeError(f"The argument `level` must be a string in ['O0', 'O1', 'O2', 'O3', 'auto'],but got type "
                        f"{type(level)}.")
    if level not in _LEVELS:
        raise ValueError(f"For 'build_train_network', the 'level' must be in ['O0', 'O1', 'O2', 'O3', 'auto'], "
                         f"but got {level!r}.")
    if level == "auto":
        raise ValueError("The amp level auto is not supported by sporax; use 'O0', 'O1', 'O2' or 'O3'.")
    if boost_level != "O0":
        raise ValueError(f"For 'build_train_network', sporax supports boost_level 'O0' only, but got "
                         f"{boost_level!r}.")
    _check_kwargs(kwargs)
    config = dict(_CONFIG_LEVEL[level], **kwargs)
    network = _process_network(network, config, level)
    if loss_fn is not None:
        if not isinstance(loss_fn, Cell):
            raise TypeError(f"For 'build_train_network', the 'loss_fn' must be a Cell, but got "
                            f"{type(loss_fn).__name__}.")
        if config["cast_model_type"] in _LOW_DTYPES or getattr(network, "_amp_level", None) in ("O2", "O3"):
            network = _AmpWithLossCell(network, loss_fn)
        else:
            network = WithLossCell(network, loss_fn)
    manager = resolve_loss_scale_manager(config)
    if manager is not None:
        update_cell = manager.get_update_cell()
        if update_cell is not None:
            return TrainOneStepWithLossScaleCell(network, optimizer, scale_sense=update_cell).set_train()
        return TrainOneStepCell(network, optimizer, sens=float(manager.get_loss_scale())).set_train()
    return TrainOneStepCell(network, optimizer).set_train()
