"""`ModelCheckpoint` and `CheckpointConfig`: checkpoints during training, with MindSpore's
file names and rotation.

File names: `{prefix}-{epoch}_{step in epoch}.{format}` in `directory`. When the folder
already holds checkpoints of that prefix (from an earlier run), the prefix becomes
`{prefix}_1`, `{prefix}_2`, … (one more than the largest suffix found), so runs never
overwrite each other. Rotation: at each save, if the folder holds `keep_checkpoint_max`
files of this prefix, the oldest (by modification time) is removed first; with
`keep_checkpoint_per_n_minutes` instead, of the files written in the last n minutes only
the oldest is kept. Each file is written by `save_checkpoint`, atomically.
MindSpore also writes `{prefix}-graph.meta` (its compiled IR) in GRAPH_MODE; sporax has no
MindSpore IR to write, so it writes no such file.
"""
from __future__ import annotations

import os
import stat
import time
import warnings

from ...common.parameter import Parameter
from ...common.tensor import Tensor
from ...nn.cell import Cell
from ... import context
from .. import _checks
from ..serialization import save_checkpoint
from ._callback import Callback

__all__ = ["CheckpointConfig", "ModelCheckpoint"]

_APPEND_NAMES = ("epoch_num", "step_num")
_FORMATS = ("ckpt", "safetensors")


def _unused_prefix(directory, prefix):
    """`prefix`, or `prefix_N` when checkpoints of `prefix` already exist (N = largest + 1)."""
    suffix = 0
    for filename in os.listdir(directory):
        extension = os.path.splitext(filename)[-1]
        if extension not in (".ckpt", ".safetensors") or filename.endswith("_breakpoint.ckpt"):
            continue
        if filename.startswith(prefix) and len(filename) > len(prefix) and not filename[len(prefix)].isalpha():
            dash = filename[len(prefix):].find("-")
            if dash == 0:
                suffix = max(suffix, 1)
            elif dash != -1:
                number = filename[len(prefix) + 1:len(prefix) + dash]
                if number.isdigit():
                    suffix = max(suffix, int(number) + 1)
    return f"{prefix}_{suffix}" if suffix else prefix


class CheckpointConfig:
    """When to save and how many to keep.

    `save_checkpoint_steps` (every n steps; when set, `save_checkpoint_seconds` is ignored),
    `save_checkpoint_seconds`, `keep_checkpoint_max` (when set, `keep_checkpoint_per_n_minutes`
    is ignored; when both are 0 it is 1), `integrated_save`, `async_save`, `saved_network`
    (a Cell saved instead of the training network), `append_info` ('epoch_num', 'step_num'
    and at most one dict of extra entries), `enc_key`/`enc_mode` (AES-GCM encryption),
    `exception_save`, `crc_check`, `remove_redundancy` (parallel runs only) and `format`
    ('ckpt' or 'safetensors').
    """

    def __init__(self, save_checkpoint_steps=1, save_checkpoint_seconds=0, keep_checkpoint_max=5,
                 keep_checkpoint_per_n_minutes=0, integrated_save=True, async_save=False, saved_network=None,
                 append_info=None, enc_key=None, enc_mode='AES-GCM', exception_save=False, crc_check=False,
                 remove_redundancy=False, format="ckpt", **kwargs):
        owner = "CheckpointConfig"
        for name, value in (("save_checkpoint_steps", save_checkpoint_steps),
                            ("save_checkpoint_seconds", save_checkpoint_seconds),
                            ("keep_checkpoint_max", keep_checkpoint_max),
                            ("keep_checkpoint_per_n_minutes", keep_checkpoint_per_n_minutes)):
            if value is not None:
                _checks.non_negative_int(owner, name, value)
        if saved_network is not None and not isinstance(saved_network, Cell):
            raise TypeError(f"For 'CheckpointConfig', the type of 'saved_network' must be None or Cell, "
                            f"but got {type(saved_network)}.")
        if not save_checkpoint_steps and not save_checkpoint_seconds and not keep_checkpoint_max \
                and not keep_checkpoint_per_n_minutes:
            raise ValueError("For 'CheckpointConfig', the input arguments 'save_checkpoint_steps', "
                             "'save_checkpoint_seconds', 'keep_checkpoint_max' and 'keep_checkpoint_per_n_minutes' "
                             "can't be all None or 0.")
        self.exception_save = _checks.boolean(owner, "exception_save", exception_save)
        self._save_checkpoint_steps = save_checkpoint_steps
        self._save_checkpoint_seconds = save_checkpoint_seconds
        if save_checkpoint_steps and save_checkpoint_steps > 0:
            self._save_checkpoint_seconds = None
        self._keep_checkpoint_max = keep_checkpoint_max
        self._keep_checkpoint_per_n_minutes = keep_checkpoint_per_n_minutes
        if keep_checkpoint_max and keep_checkpoint_max > 0:
            self._keep_checkpoint_per_n_minutes = None
        elif not keep_checkpoint_per_n_minutes:
            self._keep_checkpoint_max = 1
        self._integrated_save = _checks.boolean(owner, "integrated_save", integrated_save)
        if not isinstance(async_save, bool) and async_save not in ("thread", "process"):
            raise ValueError(f"For 'CheckpointConfig', the 'async_save' must be a bool, 'thread' or 'process', "
                             f"but got {async_save!r}.")
        self._async_save = async_save
        self._saved_network = saved_network
        self._append_dict = self._handle_append_info(append_info)
        self._enc_key = _checks.of_type(owner, "enc_key", enc_key, (type(None), bytes))
        self._enc_mode = _checks.of_type(owner, "enc_mode", enc_mode, str)
        self._crc_check = _checks.boolean(owner, "crc_check", crc_check)
        self._format = _checks.of_type(owner, "format", format, str)
        if format not in _FORMATS:
            raise ValueError(f"For 'CheckpointConfig', the 'format' must be one of {list(_FORMATS)}, "
                             f"but got {format!r}.")
        self._map_param_inc = kwargs.get("incremental", False)
        self.enable_redundance = kwargs.get("enable_redundance", False)
        self.remove_redundancy = _checks.boolean(owner, "remove_redundancy", remove_redundancy)
        if format == "safetensors" and (enc_key is not None or enc_mode != "AES-GCM" or crc_check or exception_save
                                        or self._map_param_inc):
            raise ValueError("For 'save_checkpoint', when format is 'safetensors', other param must be default.")

    save_checkpoint_steps = property(lambda self: self._save_checkpoint_steps)
    save_checkpoint_seconds = property(lambda self: self._save_checkpoint_seconds)
    keep_checkpoint_max = property(lambda self: self._keep_checkpoint_max)
    keep_checkpoint_per_n_minutes = property(lambda self: self._keep_checkpoint_per_n_minutes)
    integrated_save = property(lambda self: self._integrated_save)
    async_save = property(lambda self: self._async_save)
    saved_network = property(lambda self: self._saved_network)
    enc_key = property(lambda self: self._enc_key)
    enc_mode = property(lambda self: self._enc_mode)
    crc_check = property(lambda self: self._crc_check)
    format = property(lambda self: self._format)
    append_dict = property(lambda self: self._append_dict)
    map_param_inc = property(lambda self: self._map_param_inc)

    def get_checkpoint_policy(self):
        """The saving policy as a dict."""
        return {"save_checkpoint_steps": self.save_checkpoint_steps,
                "save_checkpoint_seconds": self.save_checkpoint_seconds,
                "keep_checkpoint_max": self.keep_checkpoint_max,
                "keep_checkpoint_per_n_minutes": self.keep_checkpoint_per_n_minutes,
                "saved_network": self.saved_network}

    @staticmethod
    def _handle_append_info(append_info):
        if append_info is None or append_info == []:
            return None
        if not isinstance(append_info, list):
            raise TypeError(f"For 'CheckpointConfig', the type of 'append_info' must be list,but got "
                            f"{type(append_info)}.")
        handled = {name: 0 for name in _APPEND_NAMES if name in append_info}
        dicts = 0
        for element in append_info:
            if not isinstance(element, (str, dict)):
                raise TypeError(f"For 'CheckpointConfig', the type of 'append_info' element must be str or dict,"
                                f"but got {type(element)}.")
            if isinstance(element, str) and element not in _APPEND_NAMES:
                raise ValueError(f"For 'CheckpointConfig', the value of element in the argument 'append_info' must be "
                                 f"in {list(_APPEND_NAMES)}, but got {element}.")
            if isinstance(element, dict):
                dicts += 1
                if dicts > 1:
                    raise TypeError(f"For 'CheckpointConfig', the element of 'append_info' must has only one dict, "
                                    f"but got {dicts}")
                for key, value in element.items():
                    if not isinstance(key, str) or not isinstance(value, (int, float, bool, str, Parameter, Tensor)):
                        raise TypeError("For 'CheckpointConfig', the key type of the dict 'append_info' must be "
                                        "string, the value type must be int or float or bool, but got key type "
                                        f"{type(key)}, value type {type(value)}")
                    handled[key] = value
        return handled


class _CheckpointFiles:
    """The checkpoint files of one prefix in one folder, for rotation."""

    def __init__(self, format):
        self.files = []
        self._format = format

    def refresh(self, directory, prefix):
        extension = f".{self._format}"
        self.files = []
        for filename in os.listdir(directory):
            if os.path.splitext(filename)[-1] == extension and filename.startswith(prefix + "-"):
                middle = filename[len(prefix):-len(extension)]
                if not any(char.isalpha() for char in middle):
                    self.files.append(os.path.join(directory, filename))

    def remove(self, path):
        try:
            os.chmod(path, stat.S_IWRITE)
            os.remove(path)
            self.files.remove(path)
        except (OSError, ValueError) as error:
            warnings.warn(f"failed to remove the older checkpoint file {path}: {error}", stacklevel=3)

    def remove_oldest(self):
        self.remove(sorted(self.files, key=os.path.getmtime)[0])

    def keep_one_per_minutes(self, minutes, now):
        recent = [f for f in self.files if now - os.path.getmtime(f) < 60 * minutes]
        oldest = min(recent, key=os.path.getmtime, default=None)
        for path in recent:
            if path != oldest:
                self.remove(path)


class ModelCheckpoint(Callback):
    """Saves the training network's parameters (optimizer state included) during training:
    at each step end when `config` says so, and once more at the end of training.

    `prefix` is a string without '/' or a function of the callback parameters returning the
    file name (then no epoch/step suffix); `directory` a folder (created when missing; default
    the current folder) or a function returning one; `config` a CheckpointConfig.
    """

    def __init__(self, prefix='CKP', directory=None, config=None):
        super().__init__()
        self._latest_ckpt_file_name = ""
        self._last_time = time.time()
        self._last_time_for_keep = time.time()
        self._last_triggered_step = 0
        if not callable(prefix) and (not isinstance(prefix, str) or prefix.find("/") >= 0):
            raise ValueError("For 'ModelCheckpoint', the argument 'prefix' for checkpoint file name is invalid, it "
                             f"must be callable or string that does not contain '/', but got {prefix}.")
        self._prefix = prefix
        self._prefix_func = prefix if callable(prefix) else None
        self._directory_func = None
        if directory is None:
            self._directory = os.path.realpath(os.getcwd())
        elif callable(directory):
            self._directory_func = directory
        elif isinstance(directory, str):
            self._directory = self._make_directory(directory)
        else:
            raise ValueError(f"For 'ModelCheckpoint', the argument 'directory' must be a str or callable, but got "
                             f"{type(directory).__name__}.")
        if config is None:
            config = CheckpointConfig()
        elif not isinstance(config, CheckpointConfig):
            raise TypeError(f"For 'ModelCheckpoint', the type of argument 'config' should be 'CheckpointConfig', "
                            f"but got {type(config)}.")
        self._config = config
        self._files = _CheckpointFiles(config.format)
        if not callable(directory) and not callable(prefix):
            self._prefix = _unused_prefix(self._directory, self._prefix)
        self._append_dict = dict(config.append_dict or {})
        self._append_epoch_num = self._append_dict.get("epoch_num", 0)
        self._append_step_num = self._append_dict.get("step_num", 0)

    @staticmethod
    def _make_directory(path):
        path = os.path.realpath(path)
        os.makedirs(path, exist_ok=True)
        return path

    @property
    def latest_ckpt_file_name(self):
        """The path of the last checkpoint written."""
        return self._latest_ckpt_file_name

    def step_end(self, run_context):
        params = run_context.original_args()
        if self._prefix_func:
            self._prefix = self._prefix_func(params)
            if not isinstance(self._prefix, str) or self._prefix.find("/") >= 0:
                raise ValueError("For 'ModelCheckpoint', the argument 'prefix' for checkpoint file name is callable, "
                                 f"it must return a string that does not contain '/', but got {self._prefix}.")
        if self._directory_func:
            self._directory = self._make_directory(self._directory_func(params))
        self._save(params)

    def end(self, run_context):
        self._save(run_context.original_args(), force=True)

    def _due(self, params, force):
        config = self._config
        if config.save_checkpoint_steps and config.save_checkpoint_steps > 0:
            return params.cur_step_num >= self._last_triggered_step + config.save_checkpoint_steps or force
        if config.save_checkpoint_seconds and config.save_checkpoint_seconds > 0:
            now = time.time()
            if now - self._last_time > config.save_checkpoint_seconds or force:
                self._last_time = now
                return True
        return False

    def _save(self, params, force=False):
        if params.cur_step_num == self._last_triggered_step or not self._due(params, force):
            return
        config = self._config
        step_in_epoch = int((params.cur_step_num - 1) % params.batch_num + 1)
        if self._prefix_func:
            file_name = f"{self._prefix}.{config.format}"
        else:
            file_name = f"{self._prefix}-{params.cur_epoch_num}_{step_in_epoch}.{config.format}"
        self._files.refresh(self._directory, self._prefix)
        if config.keep_checkpoint_max and 0 < config.keep_checkpoint_max <= len(self._files.files):
            self._files.remove_oldest()
        elif config.keep_checkpoint_per_n_minutes and config.keep_checkpoint_per_n_minutes > 0:
            now = time.time()
            if now - self._last_time_for_keep < config.keep_checkpoint_per_n_minutes * 60:
                self._files.keep_one_per_minutes(config.keep_checkpoint_per_n_minutes, now)
        path = os.path.join(self._directory, file_name)
        self._last_time_for_keep = time.time()
        self._last_triggered_step = params.cur_step_num
        if "epoch_num" in self._append_dict:
            self._append_dict["epoch_num"] = self._append_epoch_num + params.cur_epoch_num
        if "step_num" in self._append_dict:
            self._append_dict["step_num"] = self._append_step_num + params.cur_step_num
        if config.remove_redundancy and context.get_auto_parallel_context("parallel_mode") == "stand_alone":
            raise TypeError("The deduplication feature for saving checkpoint can only be used in parallel "
                            "scenarios, but got 'stand_alone'.")
        network = config.saved_network if config.saved_network is not None else params.train_network
        save_checkpoint(network, path, config.integrated_save, False, self._append_dict or None, config.enc_key,
                        config.enc_mode, crc_check=config.crc_check, format=config.format)
        self._latest_ckpt_file_name = path
