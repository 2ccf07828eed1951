"""`nn.Jvp` and `nn.Vjp`: MindSpore's cell forms of `ops.jvp` / `ops.vjp` (deprecated there since
1.9, still exported by MindSpore 2.10 and used by older programs).

Both take the inputs followed by one more argument, `v`: `Jvp(fn)(*inputs, v)` is
(fn(*inputs), J·v) with `v` one tangent per input (a tuple when there are several inputs);
`Vjp(fn)(*inputs, v)` is (fn(*inputs), vᵀ·J) with `v` the output's cotangent, and the
gradient a Tensor for one input, a tuple of Tensors for several.
"""
from __future__ import annotations

from ... import ops
from ..cell import Cell


def _check_fn(owner, fn):
    if not callable(fn):
        raise TypeError(f"For '{owner}', the 'fn' must be a Cell or a function, but got {type(fn).__name__}.")


def _split(owner, args):
    if len(args) < 2:
        raise ValueError(f"For '{owner}', the inputs must be the network's inputs followed by 'v', but got "
                         f"{len(args)} argument(s).")
    return args[:-1], args[-1]


class Jvp(Cell):
    """The Jacobian-vector product of `fn` (forward-mode): construct(*inputs, v) -> (output, J·v)."""

    def __init__(self, fn):
        super().__init__()
        _check_fn("Jvp", fn)
        self.fn = fn

    def construct(self, *args):
        inputs, v = _split("Jvp", args)
        return ops.jvp(self.fn, inputs, v)


class Vjp(Cell):
    """The vector-Jacobian product of `fn` (reverse-mode): construct(*inputs, v) -> (output, vᵀ·J)."""

    def __init__(self, fn):
        super().__init__()
        _check_fn("Vjp", fn)
        self.fn = fn

    def construct(self, *args):
        inputs, v = _split("Vjp", args)
        output, vjp_fn = ops.vjp(self.fn, inputs[0] if len(inputs) == 1 else tuple(inputs))
        grads = vjp_fn(v)
        return output, grads[0] if len(inputs) == 1 and isinstance(grads, tuple) else grads


__all__ = ["Jvp", "Vjp"]
