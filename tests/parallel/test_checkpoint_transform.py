"""rank_list_for_transform and transform_checkpoint_by_rank between strategy files (no devices
needed: the files are cut from whole arrays by their layouts)."""
import json
import math
import os

import numpy as np
import pytest

import sporax as ms
from sporax._parallel import strategy_file
from sporax._parallel.layout import layout_region
from sporax.parallel import _checkpoint_files

ORACLE = json.load(open(os.path.join(os.path.dirname(__file__), "..", "data",
                                     "mindspore_2_10_rank_list_for_transform.json")))
WHOLE = {"w1": np.arange(16 * 32, dtype=np.float32).reshape(16, 32),
         "w2": -np.arange(32 * 16, dtype=np.float32).reshape(32, 16)}


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """Each strategy file, and the per-rank checkpoints of WHOLE under it."""
    root = tmp_path_factory.mktemp("transform")
    found = {None: (None, {0: str(root / "whole.ckpt")})}
    _checkpoint_files.write(found[None][1][0], WHOLE)
    for key, layouts in ORACLE["layouts"].items():
        strategy = str(root / f"{key}.json")
        strategy_file.write(strategy, {name: (dev, tmap) for name, (dev, tmap) in layouts.items()})
        ranks = {}
        for rank in range(math.prod(layouts["w1"][0])):
            ranks[rank] = str(root / f"{key}_rank{rank}.ckpt")
            _checkpoint_files.write(ranks[rank], {name: value[layout_region(layouts[name], value.shape, rank)]
                                                  for name, value in WHOLE.items()})
        found[key] = (strategy, ranks)
    return found


def _expected(dst, rank):
    if dst is None:
        return WHOLE
    layouts = ORACLE["layouts"][dst]
    return {name: value[layout_region(layouts[name], value.shape, rank)] for name, value in WHOLE.items()}


@pytest.mark.parametrize("case", ORACLE["cases"], ids=lambda c: f"{c[0]}->{c[1]}:{c[2]}")
def test_transform_by_rank_from_sporaxs_or_mindspores_rank_list_gives_the_destination_block(files, tmp_path, case):
    src, dst, rank, mindspores = case
    src_strategy, src_files = files[src]
    dst_strategy = files[dst][0]
    ours = ms.rank_list_for_transform(rank, src_strategy, dst_strategy)
    # Ours names one holder of each source block the destination block overlaps: never more
    # ranks than MindSpore's list (which follows its redistribution operators; for a repeated
    # block the two may pick different copies). Either list is enough to transform.
    assert len(ours) <= len(mindspores)
    for ranks in (ours, mindspores):
        out = str(tmp_path / f"out_{len(ranks)}.ckpt")
        ms.transform_checkpoint_by_rank(rank, {r: src_files[r] for r in ranks}, out, src_strategy, dst_strategy)
        loaded = dict(_checkpoint_files.read(out, "test"))
        for name, value in _expected(dst, rank).items():
            assert np.array_equal(loaded[name], value), (name, ranks)


def test_transform_by_rank_names_the_ranks_it_misses(files, tmp_path):
    strategy, ranks = files["A"]
    with pytest.raises(ValueError, match=r"needs blocks of 'w1' that none of the source ranks \[0\] holds "
                                         r"\(these would: \[0, 1\]\)"):
        ms.transform_checkpoint_by_rank(0, {0: ranks[0]}, str(tmp_path / "x.ckpt"), strategy, files["B"][0])
    with pytest.raises(ValueError, match="must end with '.ckpt'"):
        ms.transform_checkpoint_by_rank(0, {0: ranks[0]}, str(tmp_path / "x.bin"), strategy, files["B"][0])
    with pytest.raises(TypeError, match="'checkpoint_files_map' must be a dict"):
        ms.transform_checkpoint_by_rank(0, [ranks[0]], str(tmp_path / "x.ckpt"), strategy, files["B"][0])
    with pytest.raises(ValueError, match="'rank_id' 8 is outside the destination's 8 ranks"):
        ms.rank_list_for_transform(8, strategy, files["B"][0])
    with pytest.raises(TypeError, match="'rank_id' must be an int, but got str"):
        ms.rank_list_for_transform("0", strategy, files["B"][0])
    assert not (tmp_path / "x.ckpt").exists()


def test_distributed_checkpoint_functions_sit_at_mindspores_paths():
    from sporax import parallel, train
    from sporax.parallel import checkpoint_transform
    from sporax.train import serialization
    for name in ("load_distributed_checkpoint", "merge_sliced_parameter", "build_searched_strategy"):
        function = getattr(checkpoint_transform, name)
        assert getattr(serialization, name) is function and getattr(train, name) is function
        assert getattr(parallel, name) is function and getattr(ms, name) is function
    for name in ("transform_checkpoints", "rank_list_for_transform", "transform_checkpoint_by_rank"):
        assert getattr(ms, name) is getattr(parallel, name) is getattr(checkpoint_transform, name)


class _Pair(ms.nn.Cell):
    def __init__(self):
        super().__init__()
        self.w1 = ms.Parameter(ms.Tensor(np.zeros((16, 32), np.float32)), name="w1")
        self.w2 = ms.Parameter(ms.Tensor(np.zeros((32, 16), np.float32)), name="w2")


def test_load_distributed_checkpoint_renames_decrypts_and_returns_what_it_loaded(files, tmp_path):
    strategy, ranks = files["C"]
    renamed = {}
    key = b"0123456789abcdef"
    for rank, path in ranks.items():  # the same slices under other names, encrypted
        slices = dict(_checkpoint_files.read(path, "test"))
        renamed[rank] = str(tmp_path / f"enc{rank}.ckpt")
        ms.save_checkpoint({f"net.{k}": ms.Tensor(v) for k, v in slices.items()}, renamed[rank], enc_key=key)
    layouts = json.load(open(strategy))
    layouts["parallel_layout_item"] = {f"net.{k}": v for k, v in layouts["parallel_layout_item"].items()}
    renamed_strategy = str(tmp_path / "renamed.json")
    json.dump(layouts, open(renamed_strategy, "w"))
    net = _Pair()
    loaded = ms.load_distributed_checkpoint(net, [renamed[0], renamed[1]], train_strategy_filename=renamed_strategy,
                                            dec_key=key, name_map={"net.w1": "w1", "net.w2": "w2"},
                                            return_param_dict=True)
    assert sorted(loaded) == ["w1", "w2"]
    for name, value in WHOLE.items():
        assert np.array_equal(net.parameters_dict()[name].asnumpy(), value)
    with pytest.raises(ValueError, match="Failed to decrypt the checkpoint file .*enc0.ckpt: .* does not authenticate"):
        ms.load_distributed_checkpoint(_Pair(), [renamed[0], renamed[1]], train_strategy_filename=renamed_strategy,
                                       dec_key=b"fedcba9876543210")
    assert ms.load_distributed_checkpoint(_Pair(), [ranks[0], ranks[1]], train_strategy_filename=strategy) is True


def test_load_distributed_checkpoint_reads_unified_safetensors(tmp_path):
    directory = tmp_path / "unified"
    directory.mkdir()
    _checkpoint_files.write(str(directory / "part1.safetensors"), {"w1": WHOLE["w1"]}, "safetensors")
    _checkpoint_files.write(str(directory / "part2.safetensors"), {"w2": WHOLE["w2"]}, "safetensors")
    net = _Pair()
    assert ms.load_distributed_checkpoint(net, format="safetensors", unified_safetensors_dir=str(directory)) is True
    for name, value in WHOLE.items():
        assert np.array_equal(net.parameters_dict()[name].asnumpy(), value)
    with pytest.raises(ValueError, match="checkpoint_filenames must be None when format is 'safetensors'"):
        ms.load_distributed_checkpoint(net, ["a.ckpt"], format="safetensors", unified_safetensors_dir=str(directory))
    with pytest.raises(ValueError, match="'format' and 'output_format' must be 'ckpt' or 'safetensors'"):
        ms.load_distributed_checkpoint(net, ["a.ckpt"], format="npz")
