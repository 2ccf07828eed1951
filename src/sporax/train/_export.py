"""`export` and `load` (`mindspore.export`, `mindspore.load`): MindSpore's offline model files.

MindSpore writes 'MINDIR' (its own graph IR), 'AIR' (Ascend's) and 'ONNX' from its compiled
graph. sporax compiles to XLA, not to MindSpore's IR, so none of these files can be written
faithfully (nor a MindIR read back into a runnable graph): both functions check their
arguments as MindSpore does and then say so, naming the format. Checkpoints
(`save_checkpoint`, .ckpt/.safetensors) carry a network's parameters to and from MindSpore.
"""
from __future__ import annotations

from ..nn.cell import Cell

__all__ = ["export", "load"]

_FORMATS = ("AIR", "ONNX", "MINDIR")


class ExportFormatError(ValueError):
    """A model format sporax cannot write or read."""


def export(net, *inputs, file_name, file_format, **kwargs):
    """Export `net` traced with `inputs` to `file_name` in `file_format` ('MINDIR', 'AIR', 'ONNX')."""
    if not isinstance(net, Cell) and not callable(net):
        raise TypeError(f"For 'export', the 'net' must be a Cell or a function, but got {type(net).__name__}.")
    if not isinstance(file_name, str) or not file_name:
        raise TypeError(f"For 'export', the 'file_name' must be a non-empty str, but got {file_name!r}.")
    if not isinstance(file_format, str):
        raise TypeError(f"For 'export', the 'file_format' must be a str, but got {type(file_format).__name__}.")
    if file_format not in _FORMATS:
        raise ValueError(f"For 'export', 'file_format' must be one of {list(_FORMATS)}, but got {file_format}.")
    raise ExportFormatError(
        f"For 'export', sporax cannot write {file_format!r} files: a {file_format} model is MindSpore's compiled "
        "graph, and sporax compiles to XLA instead. Save the parameters with save_checkpoint (which MindSpore loads) "
        "or export the function with jax.export.")


def load(file_name, **kwargs):
    """Load a MindIR file (`file_name`) as a runnable graph."""
    if not isinstance(file_name, str) or not file_name:
        raise ValueError(f"For 'load', the argument 'file_name' must be string, but got {type(file_name)}.")
    if not file_name.endswith(".mindir"):
        raise ValueError(f"For 'load', the argument 'file_name'(MindIR file) should end with '.mindir', please input "
                         f"the correct 'file_name'.")
    raise ExportFormatError(
        f"For 'load', sporax cannot read 'MINDIR' files ({file_name}): a MindIR is MindSpore's compiled graph, which "
        "sporax does not run. Load the parameters of a checkpoint (load_checkpoint) into the network's Python "
        "definition instead.")
