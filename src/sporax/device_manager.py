"""`set_device`, `get_current_device`, `set_deterministic` (`mindspore.device_manager`):
the device a program runs on, and deterministic computing, as context settings."""
from __future__ import annotations

from collections import namedtuple

from . import context

__all__ = ["set_device", "get_current_device", "set_deterministic", "DeviceInfo"]

DeviceInfo = namedtuple("DeviceInfo", ["device_target", "device_id"])

_TARGETS = ["CPU", "GPU", "Ascend"]


def set_device(device_target, device_id=None):
    """Run on `device_target` ('CPU', 'GPU', 'Ascend'; sporax runs on the best JAX backend and
    warns when the one named is absent) and, if given, device `device_id`."""
    if device_target not in _TARGETS:
        raise ValueError(f"The argument 'device_target' must be one of {_TARGETS}, but got {device_target}.")
    if device_id is not None and (isinstance(device_id, bool) or not isinstance(device_id, int) or device_id < 0):
        raise ValueError(f"The argument 'device_id' must be an int >= 0, but got {device_id!r}.")
    settings = {"device_target": device_target}
    if device_id is not None:
        settings["device_id"] = device_id
    context.set_context(**settings)


def get_current_device():
    """(device_target, device_id) of the context, as a DeviceInfo named tuple."""
    return DeviceInfo(context.get_context("device_target"), context.get_context("device_id"))


def set_deterministic(deterministic):
    """Deterministic computing on (True) or off: the context's 'deterministic' ('ON'/'OFF')."""
    if not isinstance(deterministic, bool):
        raise TypeError(f"The parameter 'deterministic' must be {bool}, but got {type(deterministic)}.")
    context.set_context(deterministic="ON" if deterministic else "OFF")


# --- toplevel (issue 10): DeviceCtx (mindspore.common.device.DeviceCtx) ---------------------------
class DeviceCtx:
    """`with DeviceCtx("GPU", 1):` runs the block with that device target and id in the context
    and restores the previous ones after. device_id None means device 0."""

    _TARGETS = ["CPU", "GPU", "Ascend"]

    def __init__(self, name: str, device_id=None):
        self.name = name
        self.device_id = device_id

    def __enter__(self):
        if self.name not in self._TARGETS:
            raise ValueError(f"For DeviceCtx, the name must be one of {self._TARGETS}, but got {self.name}.")
        if self.device_id is not None and (isinstance(self.device_id, bool) or not isinstance(self.device_id, int)
                                           or self.device_id < 0):
            raise ValueError("For DeviceCtx, the device_id must be greater than or equal to 0.")
        self._previous = get_current_device()
        set_device(self.name, 0 if self.device_id is None else self.device_id)
        return self

    def __exit__(self, *exc):
        context.set_context(device_target=self._previous.device_target, device_id=self._previous.device_id)
        return False


__all__ += ["DeviceCtx"]
