"""Every `seed*/...` case of MindSpore 2.10's initializer vectors, bit for bit."""
import json

import numpy as np
import pytest

import sporax as ms
from sporax.common import initializer as I
from tests.conftest import FIXTURES

CASES = {
    "normal_default": lambda: I.Normal(),
    "normal_sigma0.2_mean1": lambda: I.Normal(0.2, 1.0),
    "normal_odd_len": lambda: I.Normal(),
    "uniform_default": lambda: I.Uniform(),
    "uniform_scale2": lambda: I.Uniform(2.0),
    "truncnormal_s1_m5_a4_b6": lambda: I.TruncatedNormal(1.0, 5.0, 4.0, 6.0),
    "truncnormal_default": lambda: I.TruncatedNormal(),
    "xavier_uniform": lambda: I.XavierUniform(),
    "xavier_normal_gain2": lambda: I.XavierNormal(2.0),
    "he_uniform_default": lambda: I.HeUniform(),
    "he_normal_fanout_relu": lambda: I.HeNormal(mode='fan_out', nonlinearity='relu'),
    "orthogonal_gain1": lambda: I.Orthogonal(),
    "orthogonal_tall": lambda: I.Orthogonal(0.5),
    "sparse_0.3": lambda: I.Sparse(0.3),
    "variance_scaling_default": lambda: I.VarianceScaling(),
    "variance_scaling_untrunc_fanavg": lambda: I.VarianceScaling(2.0, 'fan_avg', 'untruncated_normal'),
    "normal_f16": lambda: I.Normal(1.0),
    "normal_f64": lambda: I.Normal(1.0),
    "normal_int32": lambda: I.Normal(10.0),
    "dirac_groups2": lambda: I.Dirac(2),
    "identity": lambda: I.Identity(),
}
META = json.loads((FIXTURES / "initializer_vectors.json").read_text())["cases"]
DTYPES = {str(t): t for t in ms.dtype.all_types}


@pytest.mark.parametrize("key", sorted(META))
def test_initializer_matches_mindspore_bit_for_bit(key, init_vectors):
    seed, case = key.split("/")
    meta = META[key]
    ms.set_seed(int(seed.removeprefix("seed")))
    tensor = I.initializer(CASES[case](), meta["shape"], DTYPES[meta["dtype"]])
    assert tensor.has_init
    got = tensor.init_data().asnumpy()
    expected = init_vectors[key]
    assert got.dtype == expected.dtype
    np.testing.assert_array_equal(got, expected)


@pytest.mark.parametrize("key", sorted(META))
def test_numpy_state_after_materialisation_matches_mindspore(key):
    """MindSpore takes one seed (and Sparse its row permutations) from NumPy's global RNG."""
    seed, case = key.split("/")
    meta = META[key]
    ms.set_seed(int(seed.removeprefix("seed")))
    I.initializer(CASES[case](), meta["shape"], DTYPES[meta["dtype"]]).init_data()
    after = np.random.randint(0, 2**31)
    np.random.seed(int(seed.removeprefix("seed")))
    init = CASES[case]()
    if not isinstance(init, (I.Dirac, I.Identity)):
        np.random.randint(low=1, high=2**63, dtype=np.int64)
    if isinstance(init, I.Sparse):
        rows, cols = meta["shape"]
        for _ in range(cols):
            np.random.permutation(rows)
    assert np.random.randint(0, 2**31) == after
