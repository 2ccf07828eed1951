"""`LambdaCallback`: a callback from plain functions."""
from __future__ import annotations

from ._callback import Callback

__all__ = ["LambdaCallback"]

_HOOKS = ("on_train_epoch_begin", "on_train_epoch_end", "on_train_step_begin", "on_train_step_end",
          "on_train_begin", "on_train_end", "on_eval_epoch_begin", "on_eval_epoch_end", "on_eval_step_begin",
          "on_eval_step_end", "on_eval_begin", "on_eval_end")


class LambdaCallback(Callback):
    """Each argument, when given, is the function `f(run_context)` run at that hook."""

    def __init__(self, on_train_epoch_begin=None, on_train_epoch_end=None, on_train_step_begin=None,
                 on_train_step_end=None, on_train_begin=None, on_train_end=None,
                 on_eval_epoch_begin=None, on_eval_epoch_end=None, on_eval_step_begin=None,
                 on_eval_step_end=None, on_eval_begin=None, on_eval_end=None):
        super().__init__()
        given = locals()
        for hook in _HOOKS:
            function = given[hook]
            if function is not None and not callable(function):
                raise TypeError(f"For 'LambdaCallback', the '{hook}' must be callable, but got "
                                f"{type(function).__name__}.")
            setattr(self, hook, function if function is not None else (lambda run_context: None))
