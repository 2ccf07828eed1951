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

import contextlib
import gc
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
from .._parallel import sharding as _sharding
from ._ckpt import atomic_file, host_array, names
from ._ckpt.lazy_formats import cipher, ckpt_file, safetensors_file


# MindSpore's serialization re-exports the distributed checkpoint functions (their home is
# mindspore.parallel.checkpoint_transform, which reads files without this module; imported
# after the formats above are registered to load on first use, so it finds them that way).
from ..parallel.checkpoint_transform import (build_searched_strategy, load_distributed_checkpoint,  # noqa: E402,F401
                                            merge_sliced_parameter)

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
    if must_exist and not os.path.exists(path):
        raise ValueError(f"For '{function}', the checkpoint file {path} does not exist.")
    if must_exist and not os.path.isfile(path):
        raise ValueError(f"For '{function}', the checkpoint file {path} is not a regular file.")
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
        names.check_for_save(name)
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


def _refuse_repeated_names(entries) -> None:
    """A file holds each name once: the loader refuses a repeated name, so the saver does."""
    seen = set()
    for name, _ in entries:
        if name in seen:
            raise ValueError(f"For 'save_checkpoint', the entry name '{name}' appears more than once (a Parameter "
                             "and another entry, or two entries of 'save_obj' or 'append_dict', share it).")
        seen.add(name)


def _append_entries(append_dict):
    if append_dict is None:
        return []
    if not isinstance(append_dict, dict):
        raise TypeError(f"For 'save_checkpoint', the argument 'append_dict' must be dict, but got {type(append_dict)}.")
    entries = []
    for key, value in append_dict.items():
        if isinstance(key, str):
            names.check_for_save(key)
        if not isinstance(key, str) or not isinstance(value, (int, float, bool, str, Tensor)):
            raise TypeError("For 'save_checkpoint', the type of dict 'append_info' must be key: string, value: int, "
                            f"float, bool, str or Tensor, but got key: {type(key)}, value: {type(value)}")
        entries.append((key, value if isinstance(value, (str, Tensor)) else Tensor(value)))
    return entries


def _host_array(name, data) -> np.ndarray:
    """The values on the host (a view of a CPU array). A lazy Parameter is generated into a
    temporary and stays lazy."""
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


def _save_ckpt(path, entries, enc_key, crc_check):
    total = sum(_nbytes(d) for _, d in entries)

    def write(file):
        writer = ckpt_file.Writer(file, enc_key=enc_key, crc_check=crc_check)
        with progress.bar(total=total, description=f"save {os.path.basename(path)}") as bar:
            for name, data in entries:
                if isinstance(data, str):
                    writer.add_string(name, data)
                    continue
                array = _host_array(name, data)
                writer.add(name, str(data.dtype), array.shape, _raw_bytes(array))
                bar.update(array.nbytes)
                del array  # one tensor at a time
        writer.finish()

    atomic_file.write_atomically(path, write)


def _save_safetensors(path, entries, crc_check):
    texts = {f"sporax.str.{name}": data for name, data in entries if isinstance(data, str)}
    tensors = [(name, data) for name, data in entries if not isinstance(data, str)]
    for name, data in tensors:  # refuse what safetensors cannot hold before writing anything
        safetensors_file.stored_form(name, data.dtype.to_numpy(), data.shape)
    metadata = {"format": "ms"}
    if crc_check:
        # the CRC is in the header, before the data: one pass to compute it (a lazy
        # Parameter is generated twice rather than held)
        metadata["crc_num"] = str(safetensors_file.crc_of(
            (name, _host_array(name, data)) for name, data in sorted(tensors, key=lambda item: item[0])))
    metadata.update(texts)
    metadata = metadata if tensors or texts else None
    rows = [(name, data.dtype.to_numpy(), data.shape, (lambda name=name, data=data: _host_array(name, data)))
            for name, data in tensors]
    atomic_file.write_atomically(path, lambda file: safetensors_file.write(file, rows, metadata))


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
    _refuse_repeated_names(entries)
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
def _read(path, dec_key, dec_mode, crc_check, fmt, wanted):
    """[(name, np.ndarray | str | None)] of a checkpoint file, fully validated (None: a tensor
    `wanted` refused, its bytes never kept). The progress bar follows the reading of the file,
    which is a load's time (adopting the arrays afterwards is not)."""
    if fmt == "safetensors" and dec_key is not None:
        raise ValueError("For 'load_checkpoint', safetensors files are never encrypted: 'dec_key' must be None.")
    if dec_key is not None:
        dec_key = cipher.check_key("load_checkpoint", "dec_key", dec_key)
        if dec_mode not in _MODES:
            raise ValueError(f"For 'load_checkpoint', the argument 'dec_mode' must be one of {list(_MODES)}, "
                             f"but got {dec_mode!r}.")
    with progress.bar(total=os.path.getsize(path), description=f"load {os.path.basename(path)}") as bar:
        if fmt == "safetensors":
            metadata, arrays = safetensors_file.read(path, crc_check, wanted, progress.FilePosition(bar))
            texts = [(k[len("sporax.str."):], v) for k, v in metadata.items() if k.startswith("sporax.str.")]
            return arrays + texts
        records = ckpt_file.read(path, dec_key, crc_check, wanted, progress.FilePosition(bar))
    return [(r.name, r.text if r.is_string else r.array) for r in records]


def read_records(path, dec_key=None, dec_mode="AES-GCM", crc_check=False, fmt="ckpt"):
    """[(name, np.ndarray | str)] of a checkpoint file, fully validated."""
    _wait_for_async_save()
    path = _check_file_name("load_checkpoint", "ckpt_file_name", path, fmt, must_exist=True)
    return _read(path, dec_key, dec_mode, crc_check, fmt, None)


def load_checkpoint(ckpt_file_name, net=None, strict_load=False, filter_prefix=None, dec_key=None,
                    dec_mode="AES-GCM", specify_prefix=None, choice_func=None, crc_check=False,
                    remove_redundancy=False, format="ckpt"):
    """A dict name -> Parameter (strings stay str) of a checkpoint file, loaded into `net` if given.

    `specify_prefix`/`filter_prefix` keep/drop names by prefix; `choice_func(name)` decides per
    name (the bytes of a tensor left out are never kept). The file is validated completely
    (CRC with `crc_check`, authentication with `dec_key`) before anything is returned or
    assigned. Each tensor is read once, from the file into the array the Parameter holds.
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

    def wanted(name):
        return not ((keep and not name.startswith(keep)) or (drop and name.startswith(drop))
                    or (choice_func is not None and not choice_func(name)))

    with _cyclic_gc_paused():
        return _load_records(path, dec_key, dec_mode, crc_check, format, wanted,
                             keep or drop or choice_func is not None, net, strict_load)


@contextlib.contextmanager
def _cyclic_gc_paused():
    """A load makes a few objects per record (200k records: a million), which would run the
    cyclic collector again and again over all of them (a quarter of the load's time); it
    builds no cycles, so the collector waits until it returns."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _load_records(path, dec_key, dec_mode, crc_check, format, wanted, filtered, net, strict_load):  # noqa: A002
    records = _read(path, dec_key, dec_mode, crc_check, format, wanted if filtered else None)
    parameter_dict = OrderedDict()
    adopt = host_array.Adopter()
    for index, (name, value) in enumerate(records):
        if value is None or not wanted(name):
            continue
        if isinstance(value, str):
            parameter_dict[name] = value
            continue
        records[index] = None  # the array now lives on only in its Parameter
        parameter_dict[name] = Parameter(Tensor(adopt(value)), name=name)
        del value
    if not parameter_dict:
        raise ValueError("The loaded parameter dict is empty after filter or specify, please check whether "
                         "'filter_prefix' or 'specify_prefix' are set correctly.")
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


class _SuffixIndex:
    """Checkpoint names by their dotted suffixes: `match(name)` finds the one unused name
    equal to `name` up to leading path components (either side longer) in time linear in
    the matches, not in the checkpoint."""

    def __init__(self, keys):
        self.exact = set(keys)
        self.by_suffix: dict[str, list[str]] = {}
        for key in keys:
            for i, ch in enumerate(key):
                if ch == ".":
                    self.by_suffix.setdefault(key[i + 1:], []).append(key)

    def match(self, name, used):
        matches = [k for k in self.by_suffix.get(name, ()) if k not in used]
        if len(matches) > 1:
            return None
        for i, ch in enumerate(name):
            if ch == "." and name[i + 1:] in self.exact and name[i + 1:] not in used:
                matches.append(name[i + 1:])
                if len(matches) > 1:
                    return None
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
    for key, value in parameter_dict.items():
        if not isinstance(key, str):
            raise TypeError("For 'load_param_into_net', every key of the argument 'parameter_dict' must be a str, but "
                            f"got {key!r} ({type(key).__name__}).")
        if not isinstance(value, (Tensor, str)):
            raise TypeError(f"For 'load_param_into_net', the value of '{key}' in 'parameter_dict' must be a "
                            f"Parameter or Tensor, but got {type(value).__name__}.")
    params = [p for _, p in net.parameters_and_names()]
    available = [k for k, v in parameter_dict.items() if not isinstance(v, str)]
    suffixes = None if strict_load else _SuffixIndex(available)
    plan, param_not_load, used = [], [], set()
    for param in params:
        key = param.name if param.name in parameter_dict else None
        if key is None and suffixes is not None:
            key = suffixes.match(param.name, used)
        if key is None or isinstance(parameter_dict[key], str):
            param_not_load.append(param.name)
            continue
        plan.append((param, key, _checked_value(param, key, parameter_dict[key], strict_load)))
        used.add(key)
    ckpt_not_load = [k for k in parameter_dict if k not in used]
    unused_tensors = [k for k in ckpt_not_load if not isinstance(parameter_dict[k], str)]
    if strict_load and (param_not_load or unused_tensors):
        raise CheckpointMismatchError(
            "For 'load_param_into_net', with strict_load=True every Parameter must be in the checkpoint and every "
            f"checkpoint tensor must be used. Missing from the checkpoint: {_listed(param_not_load)}; not in the "
            f"network: {_listed(unused_tensors)}.")
    for param, _, value in plan:  # everything is valid: assign
        param._write(value)
    not_loaded = set(param_not_load)
    missing = [p for p in params if p.name in not_loaded]
    return LoadResult(param_not_load, ckpt_not_load, [p.name for p, _, _ in plan],
                      [p.name for p in missing if not p.has_init], [p.name for p in missing if p.has_init])


def _listed(names_, limit=20) -> str:
    """A list of names for a message: all of them up to `limit`, then a count."""
    if len(names_) <= limit:
        return str(names_)
    return f"{names_[:limit]} and {len(names_) - limit} more"


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

