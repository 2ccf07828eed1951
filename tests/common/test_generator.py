"""mindspore.Generator and the default generator: MindSpore 2.10's (seed, offset) state, its
16-byte state Tensor, and the module functions (values observed with the oracle)."""
import numpy as np
import pytest

import sporax as ms


def test_a_new_generator_has_seed_and_offset_zero():
    g = ms.Generator()
    assert g.initial_seed() == 0
    assert g.get_state().asnumpy().tolist() == [0] * 16 and g.get_state().dtype == ms.uint8


def test_manual_seed_then_step_advances_the_offset_in_the_state_bytes():
    g = ms.Generator()
    assert g.manual_seed(5) is g
    seed, offset = g._step(ms.Tensor(3, ms.int64))
    assert (int(seed.asnumpy()), int(offset.asnumpy())) == (5, 0)
    assert g.get_state().asnumpy().tolist() == [5, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0]


def test_state_round_trips_and_seed_reseeds_with_offset_zero():
    g = ms.Generator().manual_seed(2 ** 40 + 7)
    g._step(10)
    state = g.get_state()
    g._step(99)
    g.set_state(state)
    assert g.get_state().asnumpy().tolist() == state.asnumpy().tolist()
    new = g.seed()
    assert 0 <= new < 2 ** 32 and g.initial_seed() == new
    assert g.get_state().asnumpy()[8:].tolist() == [0] * 8


def test_module_functions_use_the_default_generator_and_set_seed_leaves_it():
    ms.manual_seed(7)
    assert ms.initial_seed() == 7 and ms.default_generator.initial_seed() == 7
    assert ms.get_rng_state().asnumpy().tolist() == [7] + [0] * 15
    ms.set_seed(3)  # the initializers' seed: MindSpore 2.10 keeps the generator's
    assert ms.initial_seed() == 7
    state = ms.get_rng_state()
    ms.seed()
    ms.set_rng_state(state)
    assert ms.initial_seed() == 7


def test_bad_seeds_and_states_are_refused_and_change_nothing():
    g = ms.Generator().manual_seed(4)
    with pytest.raises(TypeError, match="Seed must be an integer."):
        g.manual_seed(1.5)
    with pytest.raises(TypeError, match="the 'state' must be a UInt8 Tensor of shape \\(16,\\)"):
        g.set_state(ms.Tensor(np.zeros(3, np.uint8)))
    assert g.initial_seed() == 4
