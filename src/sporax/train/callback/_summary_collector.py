"""`SummaryCollector`: training summaries for TensorBoard, collected by a callback.

At the first step and every `collect_freq` steps of training it records, through a
SummaryRecord in `summary_dir`: the loss ('loss/auto'), histograms of the optimizer's
parameters ('{name}/auto'; the first five, or those matching `histogram_regular`), the first
batch's images when the input is 4-D ('input_data/auto', once), and every value the summary
operators recorded. MindSpore's graph, lineage, dataset-graph and landscape collections are
MindInsight's formats: their switches are taken and checked, and nothing is written for them.
"""
from __future__ import annotations

import re

import numpy as np

from ...common.tensor import Tensor
from ...nn.optim.optimizer import Optimizer
from ..summary.summary_record import SummaryRecord
from ._callback import Callback, _handle_loss

__all__ = ["SummaryCollector"]

_DEFAULT_SPECIFIED_DATA = {
    "collect_metric": True, "collect_graph": True, "collect_train_lineage": True, "collect_eval_lineage": True,
    "collect_input_data": True, "collect_dataset_graph": True, "histogram_regular": None,
    "collect_landscape": None,
}
_HISTOGRAM_DEFAULT_COUNT = 5


def _positive(name, value, allow_none=False):
    if value is None and allow_none:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ValueError(f"For 'SummaryCollector', the '{name}' must be a positive int, but got {value!r}.")


class SummaryCollector(Callback):
    """Collects loss, parameter histograms, input images and summary-operator values every
    `collect_freq` steps into a TensorBoard event file in `summary_dir`.

    `collect_specified_data` switches collections ({'collect_metric': False,
    'histogram_regular': '^conv1.*'}); with `keep_default_action=False` only the given ones
    are on. `max_file_size` bounds the file (bytes)."""

    def __init__(self, summary_dir, collect_freq=10, num_process=32, collect_specified_data=None,
                 keep_default_action=True, custom_lineage_data=None, collect_tensor_freq=None, max_file_size=None,
                 export_options=None):
        super().__init__()
        if not isinstance(summary_dir, str) or not summary_dir:
            raise TypeError(f"For 'SummaryCollector', the 'summary_dir' must be a non-empty str, but got "
                            f"{summary_dir!r}.")
        _positive("collect_freq", collect_freq)
        _positive("collect_tensor_freq", collect_tensor_freq, allow_none=True)
        _positive("max_file_size", max_file_size, allow_none=True)
        if not isinstance(keep_default_action, bool):
            raise TypeError(f"For 'SummaryCollector', the 'keep_default_action' must be a bool, but got "
                            f"{type(keep_default_action).__name__}.")
        if custom_lineage_data is not None and not isinstance(custom_lineage_data, dict):
            raise TypeError(f"For 'SummaryCollector', the 'custom_lineage_data' must be a dict or None, but got "
                            f"{type(custom_lineage_data).__name__}.")
        self._collect_freq = collect_freq
        self._specified = self._process_specified_data(collect_specified_data, keep_default_action)
        self._summary_dir = summary_dir
        self._record = SummaryRecord(summary_dir, num_process=num_process, max_file_size=max_file_size,
                                     export_options=export_options)
        self._first_step = True

    @staticmethod
    def _process_specified_data(specified, keep_default_action):
        if specified is None:
            return dict(_DEFAULT_SPECIFIED_DATA)
        if not isinstance(specified, dict):
            raise TypeError(f"For 'SummaryCollector', the 'collect_specified_data' must be a dict or None, but got "
                            f"{type(specified).__name__}.")
        unexpected = set(specified) - set(_DEFAULT_SPECIFIED_DATA)
        if unexpected:
            raise ValueError(f"For 'collect_specified_data' the keys {sorted(unexpected)} are unsupported, expect "
                             f"the follow keys: {list(_DEFAULT_SPECIFIED_DATA)}")
        for key, value in specified.items():
            if key == "histogram_regular":
                if value is not None and not isinstance(value, str):
                    raise TypeError(f"For 'collect_specified_data', the 'histogram_regular' must be a str or None, "
                                    f"but got {type(value).__name__}.")
            elif key == "collect_landscape":
                if value is not None and not isinstance(value, dict):
                    raise TypeError(f"For 'collect_specified_data', the 'collect_landscape' must be a dict or None, "
                                    f"but got {type(value).__name__}.")
            elif not isinstance(value, bool):
                raise TypeError(f"For 'collect_specified_data', the '{key}' must be a bool, but got "
                                f"{type(value).__name__}.")
        result = dict(_DEFAULT_SPECIFIED_DATA) if keep_default_action else {}
        result.update(specified)
        return result

    @property
    def summary_record(self):
        """The SummaryRecord written to (a sporax addition)."""
        return self._record

    def __enter__(self):
        return self

    def __exit__(self, *err):
        self._record.close()

    def begin(self, run_context):
        params = run_context.original_args()
        if params.get("mode") not in ("train", "eval"):
            raise ValueError(f"Only support `train` (model.train) and `eval` (model.eval) mode, but got "
                             f"`{params.get('mode')}` mode.")
        self._record.set_mode(params.mode)

    def step_end(self, run_context):
        params = run_context.original_args()
        if params.get("mode") != "train":
            return
        if self._first_step or params.cur_step_num % self._collect_freq == 0:
            self._collect_input_data(params)
            self._collect_metric(params)
            self._collect_histogram(params)
            self._record.record(params.cur_step_num)
            if self._first_step:
                self._record.flush()
                self._first_step = False

    def end(self, run_context):
        params = run_context.original_args()
        if params.get("mode") == "train":
            self._record.flush()

    def _collect_input_data(self, params):
        if not self._specified.get("collect_input_data"):
            return
        self._specified["collect_input_data"] = False  # the first batch only
        element = params.get("train_dataset_element")
        data = element[0] if isinstance(element, (tuple, list)) and element else element
        if isinstance(data, Tensor) and data.ndim == 4:
            self._record.add_value("image", "input_data/auto", data)

    def _collect_metric(self, params):
        if not self._specified.get("collect_metric"):
            return
        loss = _handle_loss(params.get("net_outputs"))
        if isinstance(loss, Tensor):
            loss = float(np.mean(loss.asnumpy()))
        if isinstance(loss, float):
            self._record.add_value("scalar", "loss/auto", Tensor(np.float32(loss)))

    def _optimizer(self, params):
        optimizer = params.get("optimizer")
        if isinstance(optimizer, Optimizer):
            return optimizer
        network = params.get("train_network")
        if network is None:
            return None
        for _, cell in network.cells_and_names():
            if isinstance(cell, Optimizer):
                return cell
        return None

    def _collect_histogram(self, params):
        if "histogram_regular" not in self._specified:
            return
        optimizer = self._optimizer(params)
        if optimizer is None:
            return
        parameters = list(optimizer.parameters)
        regular = self._specified.get("histogram_regular")
        chosen = [p for p in parameters if re.match(regular, p.name)] if regular is not None \
            else parameters[:_HISTOGRAM_DEFAULT_COUNT]
        for parameter in chosen:
            self._record.add_value("histogram", f"{parameter.name}/auto", parameter)
