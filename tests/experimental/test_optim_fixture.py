"""mindspore.experimental.optim optimizers and lr_scheduler schedulers against real MindSpore
2.10, step by step (fixture tests/data/optim/mindspore_2_10_optim.npz; cases in optim_cases.py)."""
import pathlib
import sys

import numpy as np
import pytest

import sporax as ms

DATA = pathlib.Path(__file__).parents[1] / "data" / "optim"
sys.path.insert(0, str(DATA))
import optim_cases as cases  # noqa: E402

FIXTURE = np.load(DATA / "mindspore_2_10_optim.npz")


@pytest.mark.parametrize("case", sorted(cases.experimental_cases(ms)))
def test_experimental_optimizer_steps_match_mindspore(case):
    np.testing.assert_allclose(cases.run_experimental_case(ms, case), FIXTURE[f"experimental/{case}"], rtol=1e-5,
                               atol=1e-6)


@pytest.mark.parametrize("case", sorted(cases.scheduler_cases(ms)))
def test_scheduler_learning_rates_match_mindspore(case):
    np.testing.assert_allclose(cases.run_scheduler_case(ms, case), FIXTURE[f"scheduler/{case}"], rtol=1e-5,
                               atol=1e-8)


def test_reduce_lr_on_plateau_matches_mindspore():
    np.testing.assert_allclose(cases.run_plateau(ms), FIXTURE["scheduler/ReduceLROnPlateau"], rtol=1e-6)


@pytest.mark.parametrize("case", ["NAdam_groups", "RAdam", "Rprop_groups", "ASGD_t0", "AdamW_amsgrad"])
def test_experimental_optimizer_inside_jit_matches_mindspore(case):
    net = cases.dense(ms)
    optimizer = cases.experimental_cases(ms)[case](net)
    loss_fn = ms.nn.MSELoss()
    grad_fn = ms.value_and_grad(lambda x, y: loss_fn(net(x), y), None, optimizer.parameters)

    @ms.jit
    def step(x, y):
        loss, grads = grad_fn(x, y)
        optimizer(grads)
        return loss

    out = []
    for _ in range(cases.STEPS):
        step(ms.Tensor(cases.X), ms.Tensor(cases.Y))
        out.append(np.concatenate([net.weight.asnumpy().ravel(), net.bias.asnumpy().ravel()]))
    np.testing.assert_allclose(np.stack(out), FIXTURE[f"experimental/{case}"], rtol=1e-5, atol=1e-6)
