"""What an eager call costs beyond its kernel. A warm call of these ops binds no JAX primitive
outside its compiled kernels: Python code that casts, stacks or copies an array itself pays an
op-by-op dispatch for it on every call (and keeps the call from being replayed), and a
primitive that computes outside a kernel runs its whole computation op by op. And a number
that only feeds the computation is a kernel input: a new value compiles no new kernel."""
from __future__ import annotations

import numpy as np
import pytest

from sporax import Parameter, Tensor, ops
from sporax._runtime import call_replay
from sporax.ops import operations as P
from tests.ops.replay_support import bound_outside_kernels


def _params(*shapes):
    return [Parameter(Tensor(np.full(shape, 0.5, np.float32)), name=f"p{i}") for i, shape in enumerate(shapes)]


_X = Tensor(np.linspace(-1, 1, 12, dtype=np.float32).reshape(3, 4))
_ONES, _BLOCK = Tensor(np.ones(3, np.float32)), Tensor(np.ones((3, 2), np.float32))
_GRAD, _RATE, _STEP = Tensor(np.full((3, 2), 0.1, np.float32)), Tensor(np.float64(0.1)), Tensor(np.int32(2))
_DA_STATE = _params((3, 2), (3, 2), (3, 2))
_ADAFACTOR_STATE = _params((3, 2), (3, 2), (3,), (2,), (3, 2))  # param, exp_avg, row, column, squares

CALLS = {
    "diagonal_scatter": lambda: ops.diagonal_scatter(_X, _ONES),
    "slice_scatter": lambda: ops.slice_scatter(_X, _BLOCK, 1, 0, 2),
    "stft": lambda: ops.stft(_X, 4, return_complex=True),
    # an int32 step and a float64 rate: taken in var's dtype inside the kernel
    "ApplyAdagradDA": lambda: ops.ApplyAdagradDA()(*_DA_STATE, _GRAD, _RATE, 0.01, 0.02, _STEP),
    "FusedAdaFactor": lambda: ops.FusedAdaFactor()((1e-30, 1e-3), 1.0, 0.9, 0.8, 1e-2, 0.03, _GRAD,
                                                   *_ADAFACTOR_STATE),
}


@pytest.mark.parametrize("name", sorted(CALLS))
def test_a_warm_call_binds_nothing_outside_its_kernels(name):
    assert bound_outside_kernels(CALLS[name]) == []


def test_ctc_loss_computes_in_one_kernel():
    """Only the label tables its Python code builds from the sparse labels are copied to the
    device; the forward recursion (a scan) and its gradient run compiled."""
    x = Tensor(np.linspace(-2, 2, 5 * 2 * 4, dtype=np.float32).reshape(5, 2, 4))
    indices = Tensor(np.array([[0, 0], [0, 1], [1, 0]], np.int64))
    values = Tensor(np.array([1, 2, 0], np.int32))
    lengths = Tensor(np.array([5, 4], np.int32))
    bound = bound_outside_kernels(lambda: ops.CTCLoss()(x, indices, values, lengths))
    assert set(bound) <= {"stage", "device_put"}, bound  # a host-to-device copy: JAX 0.10 names it "stage"


STARTS = {  # four calls of one output length, from different starts
    "arange of ints": ([lambda s=s: ops.arange(s, s + 7) for s in range(4)], [np.arange(s, s + 7) for s in range(4)]),
    "arange of floats": ([lambda s=s: ops.arange(s / 4, s / 4 + 1.75, 0.25) for s in range(4)],
                         [np.float32(s / 4 + 0.25 * np.arange(7)) for s in range(4)]),
    "linspace": ([lambda s=s: ops.linspace(Tensor(np.float32(s)), Tensor(np.float32(s + 6)), 7) for s in range(4)],
                 [np.linspace(s, s + 6, 7, dtype=np.float32) for s in range(4)]),
}


@pytest.mark.parametrize("name", sorted(STARTS))
def test_start_and_step_values_share_one_kernel(monkeypatch, name):
    """Range and LinSpace take their start, step and stop as kernel inputs: four starts of one
    length trace the kernel at most once (as static numbers, each compiled its own, ~30 ms).
    The call cache's recordings of a call trace it too; they are not kernels."""
    calls, expected = STARTS[name]
    traces = []

    def counted(original):
        def compute(self, *args):
            if call_replay.active is None:
                traces.append(1)
            return original(self, *args)
        return compute

    for prim in (P.Range, P.LinSpace):
        monkeypatch.setattr(prim, "_compute", counted(prim._compute))
    results = [call().asnumpy() for call in calls]
    assert len(traces) <= 1
    for got, want in zip(results, expected):
        np.testing.assert_array_equal(got, want)
        assert got.dtype == want.dtype
