"""Where a Tensor's buffer lives, and handing it to other libraries (`Tensor.device`,
`Tensor.data_ptr`, `Tensor.move_to`, `Tensor.to_`, DLPack).

MindSpore names devices 'CPU', 'GPU' and 'Ascend'. sporax runs on JAX's devices: 'CPU' is
JAX's CPU, 'GPU' a CUDA/ROCm device, and 'Ascend' — accepted so that MindSpore scripts run
unmodified, as `device_target='Ascend'` is — the best device present (a GPU, else the CPU).
"""
from __future__ import annotations

import jax

from ..._runtime import call_replay
from ...common.tensor import Tensor
from ..operations import _arg_checks as check

__all__ = ["move_to"]

_NAMES = {"cpu": "CPU", "gpu": "GPU", "cuda": "GPU", "rocm": "GPU", "tpu": "TPU"}


def _devices_of(value):
    devices = getattr(value, "devices", None)
    return sorted(devices(), key=lambda d: d.id) if callable(devices) else [jax.devices()[0]]


def device(input) -> str:  # noqa: A002
    """'CPU' for a host tensor, else '<GPU|TPU>:<index>' (MindSpore's form, 'Ascend:0')."""
    value = input._peek()
    first = _devices_of(value)[0] if isinstance(value, jax.Array) else jax.devices()[0]
    name = _NAMES.get(first.platform, first.platform.upper())
    return name if name == "CPU" else f"{name}:{first.id}"


class DeviceAttribute:
    """`Tensor.device`: where the buffer lives. A subclass instance may store its own value under the
    name (Parameter keeps its constructor's `device` argument there), which then wins."""

    __doc__ = "Where the buffer lives: 'CPU', or 'GPU:<index>'."

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        stored = instance.__dict__.get("device", _UNSET)
        return device(instance) if stored is _UNSET else stored

    def __set__(self, instance, value):
        instance.__dict__["device"] = value


_UNSET = object()


def data_ptr(input) -> int:  # noqa: A002
    """The address of the tensor's (first) device buffer."""
    check.tensor("data_ptr", "input", input)
    call_replay.refuse("reads an array's address")  # another array of the same value has another address
    value = input._concrete("data_ptr()")
    return int(value.addressable_data(0).unsafe_buffer_pointer())


def _target(op, arg, name, allowed):
    if name not in allowed:
        raise ValueError(f"The value of '{arg}' must be one of {list(allowed)}, but got {name}")
    if name == "CPU":
        return jax.devices("cpu")[0]
    try:
        return jax.devices("gpu")[0]
    except RuntimeError:
        if name == "GPU":
            raise ValueError(f"For '{op}', no GPU is available here (JAX sees {jax.devices()}).") from None
        return jax.devices()[0]


def move_to(input, to="CPU", blocking=True):  # noqa: A002
    """A new Tensor with input's value on device `to` ('CPU', 'GPU' or 'Ascend')."""
    check.tensor("move_to", "input", input)
    if not isinstance(blocking, bool):
        raise ValueError(f"The type of 'blocking' must be bool, but got {blocking}")
    target = _target("move_to", "to", to, ("Ascend", "GPU", "CPU"))
    moved = jax.device_put(input._concrete("move_to()"), target)
    if blocking:
        moved.block_until_ready()
    return Tensor._wrap(moved)


def to_(input, device=None, non_blocking=False):  # noqa: A002
    """input's value moved to `device` ('Ascend' or 'CPU') in place; returns input."""
    check.tensor("to_", "input", input)
    if not isinstance(non_blocking, bool):
        raise ValueError(f"The type of 'non_blocking' must be bool, but got {non_blocking}")
    target = _target("to_", "to", device, ("Ascend", "CPU"))
    moved = jax.device_put(input._concrete("to_()"), target)
    if not non_blocking:
        moved.block_until_ready()
    input._write(moved)
    return input


def to_dlpack(input):  # noqa: A002
    """A DLPack capsule sharing input's buffer."""
    check.tensor("to_dlpack", "input", input)
    return input._concrete("to_dlpack()").__dlpack__()


def from_dlpack(dlpack) -> Tensor:
    """A Tensor on the buffer of `dlpack`: any object with `__dlpack__` (a NumPy array, a torch tensor) or
    a DLPack capsule."""
    if type(dlpack).__name__ == "PyCapsule":
        dlpack = _Capsule(dlpack)
    elif not hasattr(dlpack, "__dlpack__"):
        raise TypeError(f"For 'from_dlpack', the 'dlpack' must be a DLPack capsule or an object with __dlpack__, "
                        f"but got {type(dlpack).__name__}.")
    return Tensor._wrap(jax.dlpack.from_dlpack(dlpack))


class _Capsule:
    """A bare capsule seen through the `__dlpack__` protocol (JAX takes only protocol objects)."""

    def __init__(self, capsule):
        self._capsule = capsule

    def __dlpack__(self, stream=None, max_version=None, dl_device=None, copy=None):
        return self._capsule

    def __dlpack_device__(self):
        return (1, 0)  # kDLCPU: a bare capsule does not say, and host buffers are what it carries here
