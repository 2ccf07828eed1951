"""nn optimizers, learning-rate schedules and dynamic_lr lists against real MindSpore 2.10, step by
step (fixture tests/data/optim/mindspore_2_10_optim.npz from make_optim_outputs.py; the cases,
shared with the generator, in optim_cases.py)."""
import pathlib
import sys

import numpy as np
import pytest

import sporax as ms

DATA = pathlib.Path(__file__).parents[1] / "data" / "optim"
sys.path.insert(0, str(DATA))
import optim_cases as cases  # noqa: E402

FIXTURE = np.load(DATA / "mindspore_2_10_optim.npz")
NN_CASES = sorted(k.split("/", 1)[1] for k in FIXTURE if k.startswith("nn/"))


def test_every_nn_case_but_the_cpu_less_ones_is_in_the_fixture():
    # MindSpore 2.10 has no CPU kernel for Lamb and LARSUpdate: those cases are checked elsewhere.
    missing = set(cases.nn_cases(ms)) - set(NN_CASES)
    assert missing == {"Lamb_wd", "Lamb_schedule", "LARS_momentum", "LARS_clip"}


@pytest.mark.parametrize("case", NN_CASES)
def test_nn_optimizer_steps_match_mindspore(case):
    np.testing.assert_allclose(cases.run_nn_case(ms, case), FIXTURE[f"nn/{case}"], rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("case", sorted(cases.schedule_cases(ms)))
def test_learning_rate_schedule_matches_mindspore(case):
    np.testing.assert_allclose(cases.run_schedule(ms, case), FIXTURE[f"schedule/{case}"], rtol=1e-6)


@pytest.mark.parametrize("case", sorted(cases.dynamic_lr_cases(ms)))
def test_dynamic_lr_list_matches_mindspore(case):
    got = cases.dynamic_lr_cases(ms)[case]()
    assert isinstance(got, list) and len(got) == len(FIXTURE[f"dynamic_lr/{case}"])
    np.testing.assert_allclose(got, FIXTURE[f"dynamic_lr/{case}"], rtol=1e-12)


@pytest.mark.parametrize("case", sorted(cases.primitive_cases(ms)))
def test_optimizer_primitive_matches_mindspore(case):
    np.testing.assert_allclose(cases.run_primitive_case(ms, case), FIXTURE[f"primitive/{case}"], rtol=1e-5,
                               atol=1e-7)


def test_stateless_optimizer_primitives_match_mindspore():
    for name, value in cases.run_pure_primitives(ms).items():
        np.testing.assert_allclose(value, FIXTURE[f"primitive/{name}"], rtol=1e-5, atol=1e-7, err_msg=name)


@pytest.mark.parametrize("case", ["RMSProp_centered", "Rprop_clip", "ASGD_t0", "Adam_offload", "RMSProp_dynamic"])
def test_nn_optimizer_steps_match_mindspore_in_graph_mode(case):
    ms.set_context(mode=ms.GRAPH_MODE)
    try:
        got = cases.run_nn_case(ms, case)
    finally:
        ms.set_context(mode=ms.PYNATIVE_MODE)
    np.testing.assert_allclose(got, FIXTURE[f"nn/{case}"], rtol=1e-5, atol=1e-6)
