"""`Symbol` (`mindspore.Symbol`): the symbolic description of one dimension of a dynamic shape."""
from __future__ import annotations

__all__ = ["Symbol"]


class Symbol:
    """One dimension whose size is only known at run time: sizes lie in [min, max] (max=0: no
    upper bound) and equal `remainder` modulo `divisor`; `unique` makes this Symbol stand for a
    size no other Symbol shares. Used as an entry of a Tensor's shape in `Cell.set_inputs`.
    """

    def __init__(self, max=0, min=1, divisor=1, remainder=0, unique=False, **kwargs):  # noqa: A002 (MindSpore's)
        for name, value in (("max", max), ("min", min), ("divisor", divisor), ("remainder", remainder)):
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError(f"For 'Symbol', the argument '{name}' must be int, but got {type(value)}")
        if not isinstance(unique, bool):
            raise TypeError(f"For 'Symbol', the argument 'unique' must be bool, but got {type(unique)}")
        if min <= 0:
            raise ValueError(f"For 'Symbol', the 'min' value should be positive, but got {min}")
        if divisor <= 0:
            raise ValueError(f"For 'Symbol', the 'divisor' value should be positive, but got {divisor}")
        if remainder < 0 or remainder >= divisor:
            raise ValueError(f"For 'Symbol', the 'remainder' value should be in the range '[0, {divisor})', but got "
                             f"{remainder}")
        self.max, self.min, self.divisor, self.remainder, self.unique = max, min, divisor, remainder, unique
        self.id = id(self)

    def contains(self, size):
        """Whether the dimension may have `size` (an addition: the constraints, checked)."""
        return (size >= self.min and (self.max <= 0 or size <= self.max)
                and size % self.divisor == self.remainder)

    def __repr__(self):
        return (f"Symbol(max={self.max}, min={self.min}, divisor={self.divisor}, remainder={self.remainder}, "
                f"unique={self.unique})")
