"""`BackupAndRestore`: resume an interrupted training from a backup checkpoint."""
from __future__ import annotations

import os
import stat

from .. import _checks
from ..serialization import load_checkpoint, save_checkpoint
from ._callback import Callback

__all__ = ["BackupAndRestore"]


class BackupAndRestore(Callback):
    """Saves the training network to `{backup_dir}/backup.ckpt` every `save_freq` epochs
    ('epoch': every epoch); at the start of training, loads it back when it exists (a run
    that was interrupted resumes from it); at the end, deletes it when `delete_checkpoint`."""

    def __init__(self, backup_dir, save_freq="epoch", delete_checkpoint=True):
        super().__init__()
        if not isinstance(backup_dir, str) or not backup_dir:
            raise TypeError(f"For 'BackupAndRestore', the 'backup_dir' must be a non-empty str, but got "
                            f"{backup_dir!r}.")
        directory = os.path.realpath(backup_dir)
        os.makedirs(directory, exist_ok=True)
        self.backup_file = os.path.join(directory, "backup.ckpt")
        self.save_freq = 1 if save_freq == "epoch" else _checks.positive_int("BackupAndRestore", "save_freq",
                                                                             save_freq)
        self.delete_checkpoint = _checks.boolean("BackupAndRestore", "delete_checkpoint", delete_checkpoint)

    def on_train_begin(self, run_context):
        if os.path.exists(self.backup_file):
            load_checkpoint(self.backup_file, net=run_context.original_args().train_network)

    def on_train_epoch_end(self, run_context):
        params = run_context.original_args()
        if params.cur_epoch_num % self.save_freq == 0:
            save_checkpoint(params.train_network, self.backup_file)

    def on_train_end(self, run_context):
        if self.delete_checkpoint and os.path.exists(self.backup_file):
            os.chmod(self.backup_file, stat.S_IWRITE)
            os.remove(self.backup_file)
