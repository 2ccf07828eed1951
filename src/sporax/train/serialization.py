"""Checkpoints (`mindspore.train.serialization`): MindSpore's `.ckpt` and safetensors.

Saving streams tensor by tensor (a lazy Parameter is materialised into a temporary and
stays lazy), into a temporary file that is fsync'ed and renamed over the target, so an
interrupted save never leaves a partial file in place of the old one; the file is then
made read-only (0400), as MindSpore does.

Loading validates the whole file, and every name, shape and dtype against the network,
before it assigns anything: a failed load leaves the network bit-for-bit unchanged.
Loading into lazy Parameters fills them from the file without running their initializers.
"""
from __future__ import annotations

import os
import threading
from collections import OrderedDict

import numpy as np

from .. import context
from .._runtime import progress
from ..common import _lazy
from ..common import dtype as mstype
from ..common.parameter import Parameter
from ..common.tensor import Tensor
from ..parallel import _sharding
from ._ckpt import cipher, ckpt_file, safetensors_file
from ._ckpt.ckpt_file import CheckpointFormatError

__all__ = ["save_checkpoint", "load_checkpoint", "load_param_into_net", "LoadResult", "CheckpointMismatchError"]

_FORMATS = {"ckpt": ".ckpt", "safetensors": ".safetensors"}
_MODES = ("AES-GCM",)
_async_save: list[threading.Thread] = []


class CheckpointMismatchError(ValueError, RuntimeError):
    """A checkpoint that does not fit the network (MindSpore raises RuntimeError here)."""


def _check_bool(function, name, value):
    if not isinstance(value, bool):
        raise TypeError(f"For '{function}', the argument '{name}' must be a bool, but got {type(value).__name__}.")


def _check_file_name(function, name, value, fmt, must_exist):
    if isinstance(value, os.PathLike):
        value = os.fspath(value)
    if not isinstance(value, str) or not value:
        raise TypeError(f"For '{function}', the argument '{name}' must be a non-empty str, but got {value!r}.")
    if fmt not in _FORMATS:
        raise ValueError(f"For '{function}', the argument 'format' must be one of {list(_FORMATS)}, but got {fmt!r}.")
    if not must_exist and not value.endswith(_FORMATS[fmt]):
        value += _FORMATS[fmt]
    path = os.path.abspath(value)
    if os.path.isdir(path):
        raise ValueError(f"For '{function}', the argument '{name}' is a directory, not a file: {path}.")
    if not must_exist and not os.path.isdir(os.path.dirname(path)):
        raise ValueError(f"For '{function}', the directory of '{name}' does not exist: {os.path.dirname(path)}.")
    if must_exist and not os.path.isfile(path):
        raise ValueError(f"For '{function}', the checkpoint file {path} does not exist.")
    if must_exist and not os.access(path, os.R_OK):
        raise ValueError(f"For '{function}', the checkpoint file {path} is not readable.")
    return path


def _prefixes(function, name, value):
    if value is None:
        return ()
    if isinstance(value, str):
        value = (value,)
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) and v for v in value):
        raise TypeError(f"For '{function}', the argument '{name}' must be a non-empty str or a list/tuple of them, "
                        f"but got {value!r}.")
    return tuple(value)


# --- saving --------------------------------------------------------------------------------------
def _entries(save_obj, choice_func):
    """(name, Parameter | Tensor | str) in save order, each object once (tied Parameters are stored once)."""
    from ..nn.cell import Cell

    if isinstance(save_obj, Cell):
        items = [(p.name, p) for _, p in save_obj.parameters_and_names()]
    elif isinstance(save_obj, dict):
        items = list(save_obj.items())
    elif isinstance(save_obj, list):
        items = []
        for item in save_obj:
            if not isinstance(item, dict) or set(item) != {"name", "data"}:
                raise TypeError("For 'save_checkpoint', a list 'save_obj' must hold dicts with the keys 'name' and "
                                f"'data', but got {item!r}.")
            items.append((item["name"], item["data"]))
    else:
        raise TypeError("For 'save_checkpoint', the argument 'save_obj' must be a Cell, a list of {'name', 'data'} "
                        f"dicts or a dict, but got {type(save_obj).__name__}.")
    seen, entries = set(), []
    for name, data in items:
        if not isinstance(name, str) or not name:
            raise TypeError(f"For 'save_checkpoint', every name must be a non-empty str, but got {name!r}.")
        if not isinstance(data, (Tensor, str)):
            raise TypeError(f"For 'save_checkpoint', the data of '{name}' must be a Parameter or Tensor, but got "
                            f"{type(data).__name__}.")
        if choice_func is not None and not choice_func(name):
            continue
        if not isinstance(data, str) and id(data) in seen:
            continue
        seen.add(id(data))
        entries.append((name, data))
    return entries


def _append_entries(append_dict):
    if append_dict is None:
        return []
    if not isinstance(append_dict, dict):
        raise TypeError(f"For 'save_checkpoint', the argument 'append_dict' must be dict, but got {type(append_dict)}.")
    entries = []
    for key, value in append_dict.items():
        if not isinstance(key, str) or not isinstance(value, (int, float, bool, str, Tensor)):
            raise TypeError("For 'save_checkpoint', the type of dict 'append_info' must be key: string, value: int, "
                            f"float, bool, str or Tensor, but got key: {type(key)}, value: {type(value)}")
        entries.append((key, value if isinstance(value, (str, Tensor)) else Tensor(value)))
    return entries


def _host_array(name, data) -> np.ndarray:
    """The values on the host. A lazy Parameter is generated into a temporary and stays lazy."""
    if isinstance(data, Tensor) and isinstance(data._data, _lazy.LazyInit):
        return np.asarray(data._data.materialize(name=getattr(data, "name", name)))
    return _sharding.host_value(data._value())  # a sharded Parameter is gathered (integrated_save)


def _local_slice(data):
    """A sliced Parameter's block for this rank (integrated_save=False), as a Tensor; else `data`."""
    block = _sharding.block_value(data, context.get_rank()) if isinstance(data, Parameter) else None
    return data if block is None else Tensor(block)


def _raw_bytes(array: np.ndarray):
    return np.ascontiguousarray(array).reshape(-1).view(np.uint8)


def _nbytes(data) -> int:
    return 0 if isinstance(data, str) else data.nbytes


def _write_atomically(path: str, write) -> None:
    """`write(temporary_path)`, then fsync, rename over `path`, make it read-only."""
    directory = os.path.dirname(path)
    temporary = os.path.join(directory, f".{os.path.basename(path)}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        write(temporary)
        descriptor = os.open(temporary, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        os.replace(temporary, path)
        os.chmod(path, 0o400)
        descriptor = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
    except BaseException:
        if os.path.exists(temporary):
            os.remove(temporary)
        raise


def _save_ckpt(path, entries, enc_key, crc_check):
    total = sum(_nbytes(d) for _, d in entries)

    def write(temporary):
        with open(temporary, "wb") as f:
            writer = ckpt_file.Writer(f, enc_key=enc_key, crc_check=crc_check)
            with progress.bar(total=total, description=f"save {os.path.basename(path)}") as bar:
                for name, data in entries:
                    if isinstance(data, str):
                        writer.add_string(name, data)
                        continue
                    array = _host_array(name, data)
                    writer.add(name, ckpt_file.type_string(data.dtype), array.shape, _raw_bytes(array))
                    bar.update(array.nbytes)
                    del array  # one tensor at a time
            writer.finish()

    _write_atomically(path, write)


def _save_safetensors(path, entries, crc_check):
    arrays, texts = {}, {}
    for name, data in entries:
        if isinstance(data, str):
            texts[f"sporax.str.{name}"] = data
        else:
            arrays[name] = _host_array(name, data)
    _write_atomically(path, lambda temporary: safetensors_file.write(temporary, arrays, crc_check, texts))


def save_checkpoint(save_obj, ckpt_file_name, integrated_save=True, async_save=False, append_dict=None,
                    enc_key=None, enc_mode="AES-GCM", choice_func=None, crc_check=False, format="ckpt", **kwargs):
    """Save a Cell's Parameters, a list of {"name", "data"} dicts, or a dict name -> Tensor.

    `format` is 'ckpt' (MindSpore's protobuf file; `enc_key` encrypts it with AES-GCM,
    `crc_check` appends a CRC32) or 'safetensors'. The extension is added when missing.
    """
    path = _check_file_name("save_checkpoint", "ckpt_file_name", ckpt_file_name, format, must_exist=False)
    for name, value in (("integrated_save", integrated_save), ("async_save", async_save), ("crc_check", crc_check)):
        _check_bool("save_checkpoint", name, value)
    if choice_func is not None and not callable(choice_func):
        raise TypeError(f"For 'save_checkpoint', the argument 'choice_func' must be callable, but got {choice_func!r}.")
    if enc_key is not None:
        enc_key = cipher.check_key("save_checkpoint", "enc_key", enc_key)
        if enc_mode not in _MODES:
            raise ValueError(f"For 'save_checkpoint', the argument 'enc_mode' must be one of {list(_MODES)}, "
                             f"but got {enc_mode!r}.")
        if crc_check:
            raise ValueError("For 'save_checkpoint', 'enc_key' and 'crc_check' cannot be used together.")
        if format == "safetensors":
            raise ValueError("For 'save_checkpoint', safetensors files cannot be encrypted: use format='ckpt'.")
    if kwargs:
        raise TypeError(f"For 'save_checkpoint', unexpected keyword arguments {sorted(kwargs)}.")
    entries = _entries(save_obj, choice_func) + _append_entries(append_dict)
    if not integrated_save:  # sliced Parameters: this rank's block only
        entries = [(name, _local_slice(data)) for name, data in entries]
    _wait_for_async_save()

    def save():
        if format == "ckpt":
            _save_ckpt(path, entries, enc_key, crc_check)
        else:
            _save_safetensors(path, entries, crc_check)

    if async_save:
        thread = threading.Thread(target=save, name="sporax-save-checkpoint", daemon=False)
        _async_save.append(thread)
        thread.start()
    else:
        save()


def _wait_for_async_save() -> None:
    while _async_save:
        _async_save.pop().join()


# --- loading -------------------------------------------------------------------------------------
def read_records(path, dec_key=None, dec_mode="AES-GCM", crc_check=False, fmt="ckpt"):
    """[(name, np.ndarray | str)] of a checkpoint file, fully validated."""
    _wait_for_async_save()
    path = _check_file_name("load_checkpoint", "ckpt_file_name", path, fmt, must_exist=True)
    if fmt == "safetensors":
        if dec_key is not None:
            raise ValueError("For 'load_checkpoint', safetensors files are never encrypted: 'dec_key' must be None.")
        metadata, arrays = safetensors_file.read(path, crc_check)
        texts = [(k[len("sporax.str."):], v) for k, v in metadata.items() if k.startswith("sporax.str.")]
        return list(arrays.items()) + texts
    buffer = ckpt_file.map_file(path)
    head = bytes(buffer[:4])
    if dec_key is not None:
        dec_key = cipher.check_key("load_checkpoint", "dec_key", dec_key)
        if dec_mode not in _MODES:
            raise ValueError(f"For 'load_checkpoint', the argument 'dec_mode' must be one of {list(_MODES)}, "
                             f"but got {dec_mode!r}.")
        buffer = cipher.decrypt(buffer, dec_key, path)
    elif cipher.is_encrypted(head):
        raise CheckpointFormatError(f"The checkpoint file {path} is encrypted: pass its 'dec_key'.")
    records = ckpt_file.parse(buffer, path, crc_check)
    return [(r.name, r.text() if r.tensor_type == ckpt_file.STRING_TYPE else r.array()) for r in records]


def load_checkpoint(ckpt_file_name, net=None, strict_load=False, filter_prefix=None, dec_key=None,
                    dec_mode="AES-GCM", specify_prefix=None, choice_func=None, crc_check=False,
                    remove_redundancy=False, format="ckpt"):
    """A dict name -> Parameter (strings stay str) of a checkpoint file, loaded into `net` if given.

    `specify_prefix`/`filter_prefix` keep/drop names by prefix; `choice_func(name)` decides per
    name. The file is validated completely (CRC with `crc_check`, authentication with
    `dec_key`) before anything is returned or assigned.
    """
    _wait_for_async_save()
    path = _check_file_name("load_checkpoint", "ckpt_file_name", ckpt_file_name, format, must_exist=True)
    for name, value in (("strict_load", strict_load), ("crc_check", crc_check),
                        ("remove_redundancy", remove_redundancy)):
        _check_bool("load_checkpoint", name, value)
    keep, drop = (_prefixes("load_checkpoint", "specify_prefix", specify_prefix),
                  _prefixes("load_checkpoint", "filter_prefix", filter_prefix))
    if choice_func is not None and not callable(choice_func):
        raise TypeError(f"For 'load_checkpoint', the argument 'choice_func' must be callable, but got {choice_func!r}.")
    records = read_records(path, dec_key, dec_mode, crc_check, format)
    parameter_dict = OrderedDict()
    total = sum(v.nbytes for _, v in records if not isinstance(v, str))
    with progress.bar(total=total, description=f"load {os.path.basename(path)}") as bar:
        for name, value in records:
            if keep and not name.startswith(keep):
                continue
            if drop and name.startswith(drop):
                continue
            if choice_func is not None and not choice_func(name):
                continue
            if isinstance(value, str):
                parameter_dict[name] = value
                continue
            parameter_dict[name] = Parameter(Tensor(value), name=name)
            bar.update(value.nbytes)
    if net is not None:
        load_param_into_net(net, parameter_dict, strict_load)
    return parameter_dict


class LoadResult(tuple):
    """`(param_not_load, ckpt_not_load)` as MindSpore returns them, plus what happened to each
    network Parameter: `loaded` (from the file), `initialized` (absent from the file, values
    from its initializer) and `lazy` (absent from the file, initializer not run yet)."""

    def __new__(cls, param_not_load, ckpt_not_load, loaded, initialized, lazy):
        result = super().__new__(cls, (param_not_load, ckpt_not_load))
        result.loaded, result.initialized, result.lazy = loaded, initialized, lazy
        return result


def _suffix_match(name, candidates):
    """The one checkpoint name that equals `name` up to leading path components, if unique."""
    matches = [c for c in candidates if c.endswith("." + name) or name.endswith("." + c)]
    return matches[0] if len(matches) == 1 else None


def _convertible(target: mstype.Type, source: mstype.Type, strict: bool) -> bool:
    if target == source:
        return True
    floats = {mstype.float16, mstype.float32, mstype.float64, mstype.bfloat16}
    ints = {mstype.int8, mstype.int16, mstype.int32, mstype.int64}
    return not strict and ({target, source} <= floats or {target, source} <= ints)


def load_param_into_net(net, parameter_dict, strict_load=False, remove_redundancy=False):
    """Assign `parameter_dict`'s values to `net`'s Parameters (by name).

    Everything is checked first — shapes equal, dtypes equal (or, unless `strict_load`,
    both float or both int: converted) and, with `strict_load`, no Parameter missing and no
    name unused — and nothing is assigned unless all of it holds.
    Returns `(param_not_load, ckpt_not_load)` (a LoadResult, with `loaded`/`initialized`/`lazy`).
    """
    from ..nn.cell import Cell

    if not isinstance(net, Cell):
        raise TypeError(f"For 'load_param_into_net', the argument 'net' must be a Cell, but got {type(net).__name__}.")
    if not isinstance(parameter_dict, dict):
        raise TypeError("For 'load_param_into_net', the argument 'parameter_dict' must be a dict, but got "
                        f"{type(parameter_dict).__name__}.")
    _check_bool("load_param_into_net", "strict_load", strict_load)
    params = [p for _, p in net.parameters_and_names()]
    available = [k for k, v in parameter_dict.items() if not isinstance(v, str)]
    plan, param_not_load, used = [], [], set()
    for param in params:
        key = param.name if param.name in parameter_dict else None
        if key is None and not strict_load:
            key = _suffix_match(param.name, [k for k in available if k not in used])
        if key is None or isinstance(parameter_dict[key], str):
            param_not_load.append(param.name)
            continue
        plan.append((param, key, _checked_value(param, key, parameter_dict[key], strict_load)))
        used.add(key)
    ckpt_not_load = [k for k in parameter_dict if k not in used]
    if strict_load and (param_not_load or [k for k in ckpt_not_load if k in available]):
        raise CheckpointMismatchError(
            "For 'load_param_into_net', with strict_load=True every Parameter must be in the checkpoint and every "
            f"checkpoint tensor must be used. Missing from the checkpoint: {param_not_load}; not in the network: "
            f"{[k for k in ckpt_not_load if k in available]}.")
    for param, _, value in plan:  # everything is valid: assign
        param._write(value)
    missing = [p for p in params if p.name in param_not_load]
    return LoadResult(param_not_load, ckpt_not_load, [p.name for p, _, _ in plan],
                      [p.name for p in missing if not p.has_init], [p.name for p in missing if p.has_init])


def _checked_value(param, key, new, strict_load):
    if not isinstance(new, Tensor):
        raise TypeError(f"For 'load_param_into_net', the value of '{key}' in 'parameter_dict' must be a Parameter or "
                        f"Tensor, but got {type(new).__name__}.")
    if new.shape != param.shape:
        raise CheckpointMismatchError(
            f"For 'load_param_into_net', {param.name} in the argument 'net' should have the same shape as {key} in "
            f"the argument 'parameter_dict'. But got its shape {param.shape} in the argument 'net' and shape "
            f"{new.shape} in the argument 'parameter_dict'.")
    if not _convertible(param.dtype, new.dtype, strict_load):
        raise CheckpointMismatchError(
            f"For 'load_param_into_net', {param.name} in the argument 'net' should have the same type as {key} in "
            f"the argument 'parameter_dict'. But got its type {param.dtype} in the argument 'net' and type "
            f"{new.dtype} in the argument 'parameter_dict'.")
    value = new._value()
    return value if new.dtype == param.dtype else value.astype(param.dtype.to_numpy())

