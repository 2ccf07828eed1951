"""get_ckpt_path_with_strategy: a missing rank checkpoint is replaced by a replica rank's."""
import pytest

from sporax import train
from sporax._parallel import strategy_file as _strategy_file
from sporax.train import checkpoint_recovery


def test_replica_groups_follow_the_unsplit_device_axes():
    # dev_matrix (2, 4): a weight split over the last axis (tensor_map 0) is replicated over the first
    assert checkpoint_recovery.replica_groups([2, 4], [-1, 0]) == [(0, 4), (1, 5), (2, 6), (3, 7)]
    assert checkpoint_recovery.replica_groups([2, 4], [1, -1]) == [(0, 1, 2, 3), (4, 5, 6, 7)]
    assert checkpoint_recovery.replica_groups([2, 4], [-1, -1]) == [tuple(range(8))]


@pytest.fixture
def layout(tmp_path):
    path = str(tmp_path / "strategy.json")
    _strategy_file.write(path, {"w": ([2, 4], [-1, 0]), "b": ([2, 4], [-1]), "inputs0": ([2, 4], [1])})
    return path


def _files(tmp_path, ranks):
    for rank in ranks:
        (tmp_path / f"rank_{rank}").mkdir()
        (tmp_path / f"rank_{rank}" / "net.ckpt").write_bytes(b"x")


def test_own_file_first_then_a_replica(tmp_path, layout, monkeypatch):
    _files(tmp_path, [1, 5])
    monkeypatch.setattr(checkpoint_recovery, "get_rank", lambda: 1)
    own = str(tmp_path / "rank_1" / "net.ckpt")
    assert train.get_ckpt_path_with_strategy(own, layout) == own
    monkeypatch.setattr(checkpoint_recovery, "get_rank", lambda: 5)
    lost = str(tmp_path / "rank_5" / "gone.ckpt")
    (tmp_path / "rank_1" / "gone.ckpt").write_bytes(b"x")
    assert train.get_ckpt_path_with_strategy(lost, layout) == str(tmp_path / "rank_1" / "gone.ckpt")
    monkeypatch.setattr(checkpoint_recovery, "get_rank", lambda: 2)
    assert train.get_ckpt_path_with_strategy(str(tmp_path / "rank_2" / "net.ckpt"), layout) is None
