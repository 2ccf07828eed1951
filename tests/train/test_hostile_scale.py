"""Scale that used to be quadratic or unbounded: 200k tiny tensors, 40k unused names, 4000
slices of one tensor. Each is bounded in CPU seconds (generous: linear code needs a
fraction) and capped in wall time and memory, so a quadratic regression fails, not hangs."""
import resource

import numpy as np
import pytest

import sporax as ms
from sporax import Parameter, Tensor, nn
from sporax.train.serialization import CheckpointMismatchError
from tests.train.caps import capped
from tests.train.test_hostile_files import record


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


@pytest.fixture(autouse=True)
def cap():
    ms.set_context(progress_bar=False)
    with capped(seconds=300, extra_bytes=2 << 30):  # a hang cap; the CPU-second bounds are the tests
        yield
    ms.set_context(progress_bar=True)


class Small(nn.Cell):
    def __init__(self):
        super().__init__()
        self.w = Parameter(Tensor(np.zeros(2, np.float32)), name="w")
        self.v = Parameter(Tensor(np.zeros(2, np.float32)), name="model.v")


def tiny_file(path, count):
    two = np.zeros(2, np.float32).tobytes()
    path.write_bytes(b"".join(record(f"block{i}.layer.weight", [2], "Float32", two) for i in range(count)))


def test_200k_tiny_tensors_load_and_strict_load_refuses_in_linear_time(tmp_path):
    tiny_file(tmp_path / "tiny.ckpt", 200_000)
    start = cpu_seconds()
    loaded = ms.load_checkpoint(str(tmp_path / "tiny.ckpt"))
    net = Small()
    with pytest.raises(CheckpointMismatchError, match=r"not in the network: \[.*\] and 199980 more"):
        ms.load_param_into_net(net, loaded, strict_load=True)
    spent = cpu_seconds() - start
    assert len(loaded) == 200_000 and loaded["block199999.layer.weight"].shape == (2,)
    # linear: 5-11 CPU s here (Python 3.10 is the slow end); a quadratic pass over 200k names would take minutes
    assert spent < 30, f"{spent:.1f} CPU seconds"


def test_40k_unused_names_with_suffix_matching_in_linear_time(tmp_path):
    one = Tensor(np.ones(1, np.float32))
    values = {f"prefix{i}.unused": one for i in range(40_000)}
    values["net.model.v"] = Tensor(np.full(2, 3.0, np.float32))
    values["w.extra"] = Tensor(np.ones(3, np.float32))
    start = cpu_seconds()
    net = Small()
    not_loaded, unused = ms.load_param_into_net(net, values)
    spent = cpu_seconds() - start
    assert not_loaded == ["w"] and len(unused) == 40_001 and net.v.asnumpy().tolist() == [3.0, 3.0]
    assert spent < 10, f"{spent:.1f} CPU seconds"


def test_4000_slices_of_one_tensor_are_joined_in_one_pass(tmp_path):
    values = np.arange(4000 * 64, dtype=np.float32)
    content = values.tobytes()
    step = len(content) // 4000
    (tmp_path / "sliced.ckpt").write_bytes(b"".join(
        record("w", [4000 * 64], "Float32", content[i:i + step]) for i in range(0, len(content), step)))
    start = cpu_seconds()
    loaded = ms.load_checkpoint(str(tmp_path / "sliced.ckpt"))
    spent = cpu_seconds() - start
    np.testing.assert_array_equal(loaded["w"].asnumpy(), values)
    assert spent < 5, f"{spent:.1f} CPU seconds"
