"""`schedule` (`mindspore.profiler.schedule`): which steps a stepped Profiler records."""
from __future__ import annotations

from enum import Enum

__all__ = ["ProfilerAction", "Schedule", "schedule"]


class ProfilerAction(Enum):
    """What the profiler does at a step."""
    NONE = 0
    WARM_UP = 1
    RECORD = 2
    RECORD_AND_SAVE = 3


def _check(name, value, minimum):
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"For 'schedule', the '{name}' must be an int, but got {type(value).__name__}.")
    if value < minimum:
        raise ValueError(f"For 'schedule', the '{name}' must be >= {minimum}, but got {value}.")


class Schedule:
    """Steps: `skip_first` skipped, then cycles of `wait` (nothing), `warmup`, `active`
    (recorded; the last one also saves), `repeat` times (0: for ever)::

        NONE × skip_first, then repeat × [NONE × wait, WARM_UP × warmup, RECORD × (active − 1), RECORD_AND_SAVE]
    """

    def __init__(self, *, wait: int, active: int, warmup: int = 0, repeat: int = 0, skip_first: int = 0) -> None:
        for name, value, minimum in (("wait", wait, 0), ("active", active, 1), ("warmup", warmup, 0),
                                     ("repeat", repeat, 0), ("skip_first", skip_first, 0)):
            _check(name, value, minimum)
        self.wait, self.active, self.warmup, self.repeat, self.skip_first = wait, active, warmup, repeat, skip_first

    def __call__(self, step: int) -> ProfilerAction:
        if step < 0:
            raise ValueError("Invalid parameter step, which must be not less than 0.")
        if step < self.skip_first:
            return ProfilerAction.NONE
        step -= self.skip_first
        cycle = self.wait + self.warmup + self.active
        if 0 < self.repeat <= step / cycle:
            return ProfilerAction.NONE
        position = step % cycle
        if position < self.wait:
            return ProfilerAction.NONE
        if position < self.wait + self.warmup:
            return ProfilerAction.WARM_UP
        return ProfilerAction.RECORD if position < cycle - 1 else ProfilerAction.RECORD_AND_SAVE

    def __repr__(self):
        return (f"Schedule(wait={self.wait!r}, active={self.active!r}, warmup={self.warmup!r}, "
                f"repeat={self.repeat!r}, skip_first={self.skip_first!r})")

    def to_dict(self):
        """The parameters as a dict."""
        return {"wait": self.wait, "active": self.active, "warmup": self.warmup, "repeat": self.repeat,
                "skip_first": self.skip_first}


schedule = Schedule


def default_schedule(_step: int) -> ProfilerAction:
    """Without a schedule every step is recorded."""
    return ProfilerAction.RECORD
