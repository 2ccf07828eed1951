"""`Callback`, `RunContext` and the parameters callbacks see (`mindspore.train.callback`).

A training or evaluation loop calls each hook of each callback in list order. The hooks'
two names are both MindSpore's: `on_train_step_end` calls `step_end` unless overridden, and
so on for begin/epoch_begin/epoch_end/step_begin/end, train and eval alike.
"""
from __future__ import annotations

from contextlib import ExitStack

import numpy as np

from ...common.tensor import Tensor

__all__ = ["Callback", "RunContext"]


class Callback:
    """Base class of training and evaluation callbacks; override any hook. A callback is also
    a context manager, entered for the duration of the loop."""

    def __enter__(self):
        return self

    def __exit__(self, *err):
        pass

    def begin(self, run_context): pass
    def epoch_begin(self, run_context): pass
    def epoch_end(self, run_context): pass
    def step_begin(self, run_context): pass
    def step_end(self, run_context): pass
    def end(self, run_context): pass

    def on_train_begin(self, run_context): self.begin(run_context)
    def on_train_epoch_begin(self, run_context): self.epoch_begin(run_context)
    def on_train_epoch_end(self, run_context): self.epoch_end(run_context)
    def on_train_step_begin(self, run_context): self.step_begin(run_context)
    def on_train_step_end(self, run_context): self.step_end(run_context)
    def on_train_end(self, run_context): self.end(run_context)
    def on_eval_begin(self, run_context): self.begin(run_context)
    def on_eval_epoch_begin(self, run_context): self.epoch_begin(run_context)
    def on_eval_epoch_end(self, run_context): self.epoch_end(run_context)
    def on_eval_step_begin(self, run_context): self.step_begin(run_context)
    def on_eval_step_end(self, run_context): self.step_end(run_context)
    def on_eval_end(self, run_context): self.end(run_context)


_HOOKS = ("begin", "epoch_begin", "epoch_end", "step_begin", "step_end", "end",
          *(f"on_{phase}_{hook}" for phase in ("train", "eval")
            for hook in ("begin", "epoch_begin", "epoch_end", "step_begin", "step_end", "end")))


class _CallbackManager(Callback):
    """Runs a list of callbacks as one: every hook calls each callback's, in order."""

    def __init__(self, callbacks):
        if isinstance(callbacks, Callback):
            callbacks = [callbacks]
        elif isinstance(callbacks, (list, tuple)):
            for cb in callbacks:
                if not isinstance(cb, Callback):
                    raise TypeError("When the 'callbacks' is a list, the elements in 'callbacks' must be Callback "
                                    "functions.")
            callbacks = list(callbacks)
        elif callbacks is None:
            callbacks = []
        else:
            raise TypeError("The 'callbacks' is not a Callback or a list of Callback.")
        self._callbacks, self._stack = callbacks, None

    def __enter__(self):
        if self._stack is None:
            self._stack = ExitStack().__enter__()
            entered = []
            for cb in self._callbacks:
                target = self._stack.enter_context(cb)
                entered.append(target if isinstance(target, Callback) else cb)
            self._callbacks = entered
        return self

    def __exit__(self, *err):
        stack, self._stack = self._stack, None
        return stack.__exit__(*err)


def _relay(hook):
    def run(self, run_context):
        for cb in self._callbacks:
            getattr(cb, hook)(run_context)
    run.__name__ = hook
    return run


for _hook in _HOOKS:
    setattr(_CallbackManager, _hook, _relay(_hook))


class InternalCallbackParam(dict):
    """The training loop's state as callbacks see it: a dict whose keys read as attributes
    (`cb_params.cur_step_num`). Keys: epoch_num, batch_num, cur_epoch_num, cur_step_num,
    net_outputs, train_network, optimizer, loss_fn, network, mode ('train'/'eval'),
    dataset_sink_mode, train_dataset, list_callback, and after an evaluation metrics and
    eval_results."""

    def __getattr__(self, key):
        try:
            return self[key]
        except KeyError:
            raise AttributeError(key) from None

    def __setattr__(self, key, value):
        self[key] = value


class RunContext:
    """What a hook receives: `original_args()` is the loop's InternalCallbackParam;
    `request_stop()` ends training after the current step."""

    def __init__(self, original_args):
        if not isinstance(original_args, dict):
            raise TypeError(f"The argument 'original_args' of RunContext should be dict type, "
                            f"but got {type(original_args)}.")
        self._original_args = original_args
        self._stop_requested = False

    def original_args(self):
        return self._original_args

    def request_stop(self):
        self._stop_requested = True

    def get_stop_requested(self):
        return self._stop_requested


def _handle_loss(loss):
    """The loss a monitor shows: a Tensor's mean as a float; of a tuple, its first element."""
    if isinstance(loss, (tuple, list)):
        if isinstance(loss[0], Tensor):
            loss = loss[0]
    elif isinstance(loss, Tensor):
        loss = float(np.mean(loss.asnumpy()))
    return loss
