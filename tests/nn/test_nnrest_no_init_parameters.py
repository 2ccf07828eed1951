"""nn.no_init_parameters against MindSpore 2.10's observed behaviour (recorded by
tests/data/make_nnrest_fixtures.py): Parameters built inside stay uninitialised until a
checkpoint or init_parameters_data() fills them; Tensor-made ones hold data; the class flag."""
import json
import pathlib

import numpy as np

import sporax as ms
from sporax import Parameter, Tensor, nn
from sporax.nn.utils import no_init_parameters

DATA = pathlib.Path(__file__).resolve().parents[1] / "data"
SEEN = json.loads((DATA / "mindspore_2_10_nnrest.json").read_text())["reprs"]["no_init_parameters"]


def test_same_object_at_both_paths():
    assert nn.no_init_parameters is no_init_parameters


def test_flag_and_laziness_inside_and_after_the_block_match_mindspore():
    with nn.no_init_parameters():
        inside = Parameter.init_param
        lazy = nn.Dense(3, 2)
        from_tensor = Parameter(Tensor(np.ones(2, np.float32)), name="t")
    assert inside == SEEN["init_param_inside"] is False
    assert Parameter.init_param == SEEN["init_param_after"] is True
    assert lazy.weight.has_init == SEEN["has_init_after_block"] is True
    assert from_tensor.has_init == SEEN["tensor_param_has_init"] is False


def test_checkpoint_fills_the_lazy_parameters(tmp_path):
    saved = nn.Dense(3, 2)
    saved.init_parameters_data()
    ms.save_checkpoint(saved, str(tmp_path / "d.ckpt"))
    with nn.no_init_parameters():
        lazy = nn.Dense(3, 2)
    ms.load_checkpoint(str(tmp_path / "d.ckpt"), net=lazy)
    assert lazy.weight.has_init == SEEN["has_init_after_load"]
    assert np.array_equal(lazy.weight.asnumpy(), saved.weight.asnumpy()) == SEEN["loaded_equals_saved"] is True


def test_init_parameters_data_materialises_them():
    with nn.no_init_parameters():
        lazy = nn.Dense(3, 2)
    lazy.init_parameters_data()
    assert lazy.weight.has_init == SEEN["has_init_after_init_parameters_data"] is False


def test_flag_is_restored_when_the_block_raises_and_nested_blocks_keep_it_off():
    try:
        with nn.no_init_parameters():
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    assert Parameter.init_param is True
    with nn.no_init_parameters():
        with nn.no_init_parameters():
            pass
        assert Parameter.init_param is False
    assert Parameter.init_param is True
