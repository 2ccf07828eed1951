"""get_ckpt_path_with_strategy: this rank's file, else a replica rank's (redundancy groups as
MindSpore 2.10's get_parameter_redundancy computes them), else None."""
import inspect

import pytest

import sporax as ms
from sporax._parallel import strategy_file
from sporax.communication import init, release
from sporax.train.ckpt_path_with_strategy import _redundancy_groups


def test_redundancy_groups_equal_mindspore():
    # MindSpore 2.10 get_parameter_redundancy on the same layouts (rank 0's stage)
    assert _redundancy_groups([[4, 2], [1, -1]]) == ((0, 1), (2, 3), (4, 5), (6, 7))
    assert _redundancy_groups([[4, 2], [-1, -1]]) == ((0, 1, 2, 3, 4, 5, 6, 7),)
    assert _redundancy_groups([[4, 2], [0, -1]]) == ((0, 2, 4, 6), (1, 3, 5, 7))
    assert sorted(_redundancy_groups([[2, 2, 2], [2, 0]])) == [(0, 2), (1, 3), (4, 6), (5, 7)]


@pytest.fixture()
def layout_files(tmp_path):
    init()
    for rank in (1, 3):
        (tmp_path / f"rank_{rank}").mkdir()
        (tmp_path / f"rank_{rank}" / "net.ckpt").write_bytes(b"x")
    replicated = tmp_path / "replicated.json"
    strategy_file.write(str(replicated), {"w": ([4, 2], [1, -1]), "b": ([4, 2], [-1, -1])})
    crossed = tmp_path / "crossed.json"
    strategy_file.write(str(crossed), {"w": ([4, 2], [1, -1]), "v": ([4, 2], [0, -1])})
    yield tmp_path, str(replicated), str(crossed)
    release()


def test_own_file_then_replica_then_none(layout_files):
    root, replicated, crossed = layout_files
    (root / "rank_0").mkdir()
    own = root / "rank_0" / "net.ckpt"
    own.write_bytes(b"x")
    assert ms.get_ckpt_path_with_strategy(str(own), replicated) == str(own)
    own.unlink()
    # rank 0 holds the same blocks as rank 1 (w split over the first axis of [4, 2], b replicated)
    assert ms.get_ckpt_path_with_strategy(str(own), replicated) == str(root / "rank_1" / "net.ckpt")
    # v's groups cross w's: only rank 0 itself has rank 0's data, and its file is gone
    assert ms.get_ckpt_path_with_strategy(str(own), crossed) is None


def test_bad_input(layout_files):
    root, replicated, _ = layout_files
    with pytest.raises(TypeError, match="'cur_ckpt_path' must be str, but got int"):
        ms.get_ckpt_path_with_strategy(3, replicated)
    with pytest.raises(ValueError, match="does not exist"):
        ms.get_ckpt_path_with_strategy(str(root / "rank_0" / "net.ckpt"), str(root / "missing.json"))
    assert str(inspect.signature(ms.get_ckpt_path_with_strategy)) == "(cur_ckpt_path, cur_strategy_path)"
