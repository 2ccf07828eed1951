"""Distributed checkpoints: saved under one layout, loaded bit-exactly under another and into a
stand-alone network; whole files gathered across processes (8 virtual devices; 2 processes)."""
import json

import numpy as np
import pytest

import sporax as ms
from sporax import nn
from sporax.parallel import checkpoint_transform as checkpoint
from tests.parallel import _jobs


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    out = tmp_path_factory.mktemp("checkpoint")
    result = _jobs.run_python("checkpoint_worker.py", out,
                              env_extra={"XLA_FLAGS": "--xla_force_host_platform_device_count=8"})
    assert result.returncode == 0, result.stdout[-3000:]
    return out, json.loads((out / "checkpoint.json").read_text())


BOTH = {"w1": True, "w2": True}


def test_sliced_files_hold_each_ranks_block_and_the_strategy_file_its_layout(saved):
    _, facts = saved
    assert facts["slice_shapes"] == {"w1": [16, 8], "w2": [8, 16]}
    assert facts["strategy_a"]["w1"] == [[2, 1, 4], [1, 0]] and facts["strategy_a"]["w2"] == [[2, 4, 1], [1, 0]]


def test_slices_saved_under_one_layout_load_bit_exactly_under_another(saved):
    _, facts = saved
    assert facts["into_B"] == BOTH
    assert facts["B_blocks"] == {"w1": [[16, 16]], "w2": [[16, 16]]}  # B splits in 2: each device holds half
    assert facts["B_forward_equal"] is True


def test_whole_and_sliced_checkpoints_load_into_a_stand_alone_network(saved):
    _, facts = saved
    assert facts["whole_into_stand_alone"] == BOTH
    assert facts["slices_into_stand_alone"] == BOTH
    assert facts["merge_sliced_parameter"] is True


def test_transform_checkpoints_reshards_and_merges(saved):
    _, facts = saved
    assert facts["transformed_shapes"] == {"w1": [16, 16], "w2": [16, 16]}
    assert facts["transformed_into_stand_alone"] == BOTH
    assert facts["transformed_to_whole"] == BOTH


def test_sporax_ckpt_merge(saved):
    _, facts = saved
    assert facts["cli"].startswith("wrote 2 entries to ") and facts["cli_merged"] == BOTH


def test_whole_checkpoint_is_gathered_across_processes(tmp_path):
    result = _jobs.launch("semi_auto_processes.py", 2, tmp_path, tmp_path)
    assert result.returncode == 0, result.stdout[-3000:]
    whole = [ms.load_checkpoint(str(tmp_path / f"whole_{r}.ckpt")) for r in range(2)]
    slices = [str(tmp_path / f"slices_{r}.ckpt") for r in range(2)]
    merged = checkpoint.merge_checkpoint_files(slices, checkpoint.build_searched_strategy(str(tmp_path / "strategy.json")))
    for rank in range(2):
        found = np.load(tmp_path / f"rank_{rank}.npz")
        for name in ("w1", "w2"):
            value = whole[rank][name].asnumpy()
            assert value.shape == merged[name].shape and np.array_equal(value, merged[name])
            region = tuple(slice(a, b) for a, b in found[f"index/{name}"])
            assert np.array_equal(value[region], found[f"shard/{name}"])
    assert ms.load_checkpoint(slices[1])["w1"].shape == (16, 16)


def test_merge_sliced_parameter_checks_its_input():
    a = ms.Parameter(ms.Tensor(np.ones((2, 2), np.float32)), name="w")
    b = ms.Parameter(ms.Tensor(np.zeros((2, 2), np.float32)), name="w")
    np.testing.assert_array_equal(ms.merge_sliced_parameter([a, b]).asnumpy(), np.concatenate([np.ones((2, 2)),
                                                                                              np.zeros((2, 2))]))
    with pytest.raises(ValueError, match="has 4 ranks \\(device matrix \\[2, 2\\]\\), but 2 slices were given"):
        ms.merge_sliced_parameter([a, b], {"w": [[2, 2], [1, 0]]})
    with pytest.raises(ValueError, match="the 'strategy' has no layout for 'w'"):
        ms.merge_sliced_parameter([a, b], {"v": [[2], [0]]})
    with pytest.raises(TypeError, match="must be a non-empty list of Parameters"):
        ms.merge_sliced_parameter([])


def test_load_distributed_checkpoint_checks_its_input(tmp_path):
    net = nn.Dense(2, 2)
    with pytest.raises(TypeError, match="'checkpoint_filenames' must be a non-empty list"):
        ms.load_distributed_checkpoint(net, "x.ckpt")
    with pytest.raises(ValueError, match="does not exist"):
        ms.load_distributed_checkpoint(net, [str(tmp_path / "missing.ckpt")])
    with pytest.raises(ValueError, match="sporax reads JSON strategy files"):
        ms.build_searched_strategy(str(tmp_path / "s.ckpt"))


def test_whole_checkpoint_loaded_into_a_laid_out_network_is_split_back_into_shards(saved):
    _, facts = saved
    assert facts["load_checkpoint_into_B"] == {"w1": [True, [[16, 16]]], "w2": [True, [[16, 16]]]}
