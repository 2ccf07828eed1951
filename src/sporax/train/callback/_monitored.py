"""What EarlyStopping and ReduceLROnPlateau watch: a metric of the last evaluation, or the loss."""
from __future__ import annotations

import warnings

import numpy as np

from .. import _checks
from ._callback import _handle_loss

# Metrics where smaller is better: mode='auto' minimises these and maximises the rest.
SMALLER_IS_BETTER = ("hausdorff_distance", "mae", "mse", "loss", "perplexity", "mean_surface_distance",
                     "root_mean_square_distance", "eval_loss")


class Improvement:
    """`better(current, best)` for a monitor and mode ('auto', 'min', 'max'), with `min_delta`."""

    def __init__(self, owner, monitor, mode, min_delta):
        self.monitor = _checks.of_type(owner, "monitor", monitor, str)
        self.mode = _checks.of_type(owner, "mode", mode, str)
        self.min_delta = abs(_checks.of_type(owner, "min_delta", min_delta, (float, int)))
        if mode not in ("auto", "min", "max"):
            raise ValueError(f"mode should be 'auto', 'min' or 'max', but got {mode}.")
        self.minimise = mode == "min" or (mode == "auto" and monitor in SMALLER_IS_BETTER)

    def start(self):
        return np.inf if self.minimise else -np.inf

    def better(self, current, reference):
        if self.minimise:
            return np.less(current, reference - self.min_delta)
        return np.greater(current, reference + self.min_delta)


def monitor_value(owner_phrase, monitor, params):
    """The monitored value as a 0-d array, or None (with a warning) when the loop has none."""
    candidates = {}
    if monitor == "loss":
        value = _handle_loss(params.get("net_outputs"))
    else:
        candidates = params.get("eval_results", {}) or {}
        value = candidates.get(monitor)
    if value is None:
        warnings.warn(f"{owner_phrase} is conditioned on {monitor}, which is not available. Available choices are: "
                      f"{sorted({'loss', *candidates})}", stacklevel=3)
    if hasattr(value, "asnumpy"):
        value = value.asnumpy()
    if isinstance(value, np.ndarray) and value.shape != ():
        raise ValueError(f"{owner_phrase.split()[0]} only supports scalar monitor now.")
    return np.array(value) if value else None
