"""`OnRequestExit`: save the network when the process is asked to exit (a signal)."""
from __future__ import annotations

import os
import signal
import threading
import warnings

from ... import context
from ..serialization import load_checkpoint, save_checkpoint
from ._callback import Callback

__all__ = ["OnRequestExit"]


class OnRequestExit(Callback):
    """On signal `sig` (SIGTERM by default) during `Model.train`/`eval`, remember the request;
    evaluation stops at its next step, and at the end of training (or evaluation) the network
    is saved to `<directory>/rank_<device_id>/<file_name>_train.ckpt` (`_eval.ckpt`). A
    later run that finds that file loads it at its start, so training resumes from there.

    `save_mindir`: sporax cannot write MindIR (see `export`); with True (MindSpore's default)
    a warning says so once and only the checkpoint is written."""

    def __init__(self, save_ckpt=True, save_mindir=True, file_name="Net", directory="./", config_file=None,
                 sig=signal.SIGTERM):
        super().__init__()
        for name, value in (("save_ckpt", save_ckpt), ("save_mindir", save_mindir)):
            if not isinstance(value, bool):
                raise TypeError(f"For 'OnRequestExit', the '{name}' must be bool, but got {type(value).__name__}.")
        if isinstance(sig, bool) or not isinstance(sig, int):
            raise TypeError(f"For 'OnRequestExit', the 'sig' must be int, but got {type(sig).__name__}.")
        if hasattr(signal, "SIGKILL") and sig == signal.SIGKILL:
            raise ValueError("Not support send exit request by signal SIGKILL.")
        if not isinstance(file_name, str) or not file_name:
            raise TypeError(f"For 'OnRequestExit', the 'file_name' must be a non-empty str, but got {file_name!r}.")
        if save_mindir:
            warnings.warn("OnRequestExit: sporax cannot write MindIR files; only the checkpoint is saved "
                          "(pass save_mindir=False to silence this).", stacklevel=2)
        self.save_ckpt, self.save_mindir, self.sig = save_ckpt, save_mindir, sig
        self.exit = False
        self.lock = threading.Lock()
        self.save_path = directory
        self.key = "GracefulExit"
        self.remote_config_file = config_file
        self.stop_train = False
        self.train_name, self.eval_name = self._get_save_path(file_name)
        self._previous_handler = None

    def _get_save_path(self, file_name):
        root = os.getcwd() if self.save_path is None else self.save_path
        folder = os.path.join(root, f"rank_{context.get_context('device_id')}")
        os.makedirs(folder, exist_ok=True)
        return os.path.join(folder, f"{file_name}_train"), os.path.join(folder, f"{file_name}_eval")

    def _handle_signal(self, signum, frame):
        self.exit = True

    def _listen(self):
        if threading.current_thread() is threading.main_thread():
            self._previous_handler = signal.signal(self.sig, self._handle_signal)

    def _restore(self):
        if self._previous_handler is not None and threading.current_thread() is threading.main_thread():
            signal.signal(self.sig, self._previous_handler)
            self._previous_handler = None

    def on_train_begin(self, run_context):
        self._listen()
        if self.save_ckpt and os.path.isfile(f"{self.train_name}.ckpt"):
            load_checkpoint(f"{self.train_name}.ckpt", net=run_context.original_args().train_network)

    def on_train_end(self, run_context):
        self._restore()
        if self.exit and self.save_ckpt:
            save_checkpoint(run_context.original_args().train_network, ckpt_file_name=self.train_name)

    def on_eval_begin(self, run_context):
        self._listen()
        if not self.save_ckpt:
            return
        eval_net = run_context.original_args().eval_network
        for name in (self.eval_name, self.train_name):
            if os.path.isfile(f"{name}.ckpt"):
                load_checkpoint(f"{name}.ckpt", net=eval_net)
                return

    def on_eval_step_end(self, run_context):
        if self.exit:
            run_context.request_stop()

    def on_eval_end(self, run_context):
        self._restore()
        if self.exit and self.save_ckpt:
            save_checkpoint(run_context.original_args().eval_network, ckpt_file_name=self.eval_name)
