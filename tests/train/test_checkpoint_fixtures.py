"""Interoperability with MindSpore 2.10's files (../shared/fixtures/mindspore-2.10)."""
import numpy as np
import pytest

import sporax as ms
from sporax import Tensor

KEY = b"0123456789abcdef"


@pytest.fixture(scope="module")
def values(request):
    from tests.conftest import FIXTURES
    return dict(np.load(FIXTURES / "lenet5_values.npz"))


@pytest.mark.parametrize("file, kwargs", [
    ("lenet5.ckpt", {}), ("lenet5_crc.ckpt", {"crc_check": True}), ("lenet5_enc.ckpt", {"dec_key": KEY}),
    ("lenet5_append.ckpt", {}), ("lenet5.safetensors", {"format": "safetensors"}),
])
def test_every_lenet_file_loads_bit_identically(fixtures_dir, values, file, kwargs):
    loaded = ms.load_checkpoint(str(fixtures_dir / file), **kwargs)
    for name, expected in values.items():
        assert loaded[name].name == name and loaded[name].dtype == ms.float32
        np.testing.assert_array_equal(loaded[name].asnumpy(), expected)


def test_append_dict_entries_come_back(fixtures_dir):
    loaded = ms.load_checkpoint(str(fixtures_dir / "lenet5_append.ckpt"))
    assert loaded["epoch_num"].dtype == ms.int64 and int(loaded["epoch_num"]) == 3
    assert loaded["lr"].dtype == ms.float32 and float(loaded["lr"]) == np.float32(0.01)


def test_dtype_zoo_loads_every_dtype(fixtures_dir):
    zoo = np.load(fixtures_dir / "dtype_zoo_values.npz")
    loaded = ms.load_checkpoint(str(fixtures_dir / "dtype_zoo.ckpt"))
    for key, dtype in [("f16", ms.float16), ("f32", ms.float32), ("f64", ms.float64), ("i8", ms.int8),
                       ("i16", ms.int16), ("i32", ms.int32), ("i64", ms.int64), ("u8", ms.uint8), ("bool", ms.bool_)]:
        assert loaded[f"zoo.{key}"].dtype == dtype
        np.testing.assert_array_equal(loaded[f"zoo.{key}"].asnumpy(), zoo[key])
    assert loaded["zoo.bf16"].dtype == ms.bfloat16
    np.testing.assert_array_equal(loaded["zoo.bf16"].asnumpy().astype(np.float32), zoo["bf16_as_f32"])
    assert loaded["zoo.scalar"].shape == () and float(loaded["zoo.scalar"]) == 3.5
    assert "zoo.empty" not in loaded  # MindSpore 2.10 silently left it out of its file


def _resave(values, path, **kwargs):
    ms.save_checkpoint([{"name": k, "data": Tensor(v)} for k, v in values.items()], str(path), **kwargs)
    suffix = ".safetensors" if kwargs.get("format") == "safetensors" else ".ckpt"
    return (path.parent / (path.name + suffix)).read_bytes()


@pytest.mark.parametrize("file, kwargs", [
    ("lenet5.ckpt", {}), ("lenet5_crc.ckpt", {"crc_check": True}),
    ("lenet5_append.ckpt", {"append_dict": {"epoch_num": 3, "lr": 0.01}}),
    ("lenet5.safetensors", {"format": "safetensors"}),
])
def test_files_sporax_writes_equal_mindsporess_byte_for_byte(fixtures_dir, values, tmp_path, file, kwargs):
    assert _resave(values, tmp_path / "resaved", **kwargs) == (fixtures_dir / file).read_bytes()


def test_dtype_zoo_resaved_equals_mindsporess_file(fixtures_dir, tmp_path):
    loaded = ms.load_checkpoint(str(fixtures_dir / "dtype_zoo.ckpt"))
    ms.save_checkpoint([{"name": k, "data": v} for k, v in loaded.items()], str(tmp_path / "zoo.ckpt"))
    assert (tmp_path / "zoo.ckpt").read_bytes() == (fixtures_dir / "dtype_zoo.ckpt").read_bytes()


def test_encrypted_file_round_trips_and_has_mindsporess_container(values, tmp_path):
    data = _resave(values, tmp_path / "enc", enc_key=KEY)
    assert data[:4] == bytes.fromhex("d85e3a7f")
    loaded = ms.load_checkpoint(str(tmp_path / "enc.ckpt"), dec_key=KEY)
    for name, expected in values.items():
        np.testing.assert_array_equal(loaded[name].asnumpy(), expected)


def test_lenet_fixture_loads_into_a_sporax_lenet(fixtures_dir, values):
    from tests.nn.lenet import build
    net = build(seed=0)
    not_loaded, unused = ms.load_param_into_net(net, ms.load_checkpoint(str(fixtures_dir / "lenet5_append.ckpt")))
    assert not_loaded == [] and unused == ["epoch_num", "lr"]
    net = build(seed=0)
    loaded = ms.load_checkpoint(str(fixtures_dir / "lenet5.ckpt"), net=net)
    np.testing.assert_array_equal(net.fc1.weight.asnumpy(), loaded["fc1.weight"].asnumpy())
    out = net(Tensor(np.load(fixtures_dir / "lenet5_input.npy"))).asnumpy()
    assert np.abs(out - np.load(fixtures_dir / "lenet5_output.npy")).max() <= 1e-5
