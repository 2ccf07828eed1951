"""mint.nn.BatchNorm*d against PyTorch in the settings mint takes from it: momentum=None (the
cumulative moving average over num_batches_tracked), track_running_stats=False (no running
statistics; batch statistics in evaluation too) and affine=False (no weight or bias).

The reference is torch.nn.BatchNorm*d (tests/data/make_mint_batch_norm_torch.py, run by hand with
PyTorch 2.14): MindSpore 2.10 CPU cannot run mint's BatchNormExt kernel, and mint documents
PyTorch's semantics. Each scenario trains on three batches, then evaluates on a fourth.
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np
import pytest

import sporax
from sporax import mint

DATA = pathlib.Path(__file__).resolve().parents[1] / "data"
sys.path.insert(0, str(DATA))
from make_mint_batch_norm_torch import SCENARIOS  # noqa: E402  (the scenarios, without running torch)

TORCH = np.load(DATA / "torch_mint_batch_norm.npz")


def close(actual, expected, what):
    np.testing.assert_allclose(actual.asnumpy(), expected, rtol=2e-5, atol=2e-5, err_msg=what)


def run(name, layer, kwargs, compiled):
    cell = getattr(mint.nn, layer)(TORCH[f"{name}/x0"].shape[1], **kwargs)
    def compile_now():  # a jit function is traced once: the training flag is read when it is traced
        return sporax.jit(lambda x: cell(x)) if compiled else cell

    call = compile_now()
    cell.set_train()
    for i in range(3):
        close(call(sporax.Tensor(TORCH[f"{name}/x{i}"])), TORCH[f"{name}/y{i}"], f"{name} training output {i}")
        if f"{name}/mean{i}" in TORCH:
            close(cell.running_mean, TORCH[f"{name}/mean{i}"], f"{name} running_mean after batch {i}")
            close(cell.running_var, TORCH[f"{name}/var{i}"], f"{name} running_var after batch {i}")
            assert int(cell.num_batches_tracked.asnumpy()) == int(TORCH[f"{name}/count{i}"])
    cell.set_train(False)
    call = compile_now()
    close(call(sporax.Tensor(TORCH[f"{name}/x3"])), TORCH[f"{name}/y3"], f"{name} evaluation output")
    return cell


@pytest.mark.parametrize("compiled", [False, True], ids=["pynative", "graph"])
@pytest.mark.parametrize("name, layer, shape, kwargs", SCENARIOS, ids=[s[0] for s in SCENARIOS])
def test_matches_torch(name, layer, shape, kwargs, compiled):
    cell = run(name, layer, kwargs, compiled)
    if not kwargs.get("track_running_stats", True):
        assert cell.running_mean is None and cell.running_var is None and cell.num_batches_tracked is None
    if not kwargs.get("affine", True):
        assert cell.weight is None and cell.bias is None


def test_untracked_layer_has_no_statistics_parameters():
    cell = mint.nn.BatchNorm2d(3, track_running_stats=False)
    assert [p.name for p in cell.get_parameters()] == ["weight", "bias"]


def test_repr_names_momentum_none():
    assert repr(mint.nn.BatchNorm1d(2, momentum=None)) == \
        "BatchNorm1d(num_features=2, eps=1e-05, momentum=None, affine=True, track_running_stats=True)"


@pytest.mark.parametrize("momentum", ["0.1", True])
def test_momentum_of_a_wrong_type_is_a_type_error(momentum):
    with pytest.raises(TypeError, match="For 'BatchNorm2d', the 'momentum' must be a float or None"):
        mint.nn.BatchNorm2d(3, momentum=momentum)


def test_functional_batch_norm_without_running_statistics_needs_training():
    x = sporax.Tensor(TORCH["untracked2d/x0"])
    with pytest.raises(ValueError, match="For 'batch_norm', the 'running_mean' and 'running_var' must be Tensors"):
        mint.nn.functional.batch_norm(x, None, None)
    close(mint.nn.functional.batch_norm(x, None, None, training=True), TORCH["untracked2d/y0"], "batch statistics")
