"""save_checkpoint / load_checkpoint / load_param_into_net: round trips, laziness, atomicity,
bad input and fault injection (every fault detected, the network bit-for-bit unchanged)."""
import hashlib
import json
import os
import struct
import threading

import ml_dtypes
import numpy as np
import pytest

import sporax as ms
from sporax import Parameter, Tensor, nn
from sporax.common import _lazy
from sporax.train._ckpt import ckpt_file
from sporax.train._ckpt.proto import Checkpoint
from sporax.train.serialization import CheckpointMismatchError
from tests.nn.lenet import build

RNG = np.random.default_rng(5)
DTYPES = [np.float16, np.float32, np.float64, ml_dtypes.bfloat16, np.int8, np.int16, np.int32, np.int64,
          np.uint8, np.uint16, np.uint32, np.uint64, np.bool_, np.complex64, np.complex128]


def zoo():
    out = {}
    for dtype in DTYPES:
        name = np.dtype(dtype).name
        out[f"zoo.{name}"] = (RNG.standard_normal((3, 4)) * 50).astype(dtype)
    out["zoo.scalar"] = np.array(2.5, np.float32)
    out["zoo.empty"] = np.zeros((0, 3), np.float32)
    return dict(sorted(out.items()))  # safetensors keeps names sorted


def comparable(path):
    """The file's bytes; for safetensors the header as a dict (the library orders metadata keys
    by a hash map) and the data bytes."""
    data = path.read_bytes()
    if path.suffix != ".safetensors":
        return data
    size = int.from_bytes(data[:8], "little")
    return json.loads(data[8:8 + size]), data[8 + size:]


def network_hash(net) -> str:
    digest = hashlib.sha256()
    for name, p in net.parameters_and_names():
        digest.update(name.encode())
        digest.update(p.asnumpy().tobytes())
    return digest.hexdigest()


@pytest.mark.parametrize("first, second", [("ckpt", "safetensors"), ("safetensors", "ckpt")])
def test_round_trip_every_dtype_through_both_formats_is_bit_exact(tmp_path, first, second):
    values = zoo()
    ms.save_checkpoint({k: Tensor(v) for k, v in values.items()}, str(tmp_path / "a"), format=first)
    loaded = ms.load_checkpoint(str(tmp_path / f"a.{first}"), format=first)
    ms.save_checkpoint(dict(loaded), str(tmp_path / "b"), format=second)
    again = ms.load_checkpoint(str(tmp_path / f"b.{second}"), format=second)
    ms.save_checkpoint(dict(again), str(tmp_path / "c"), format=first)
    assert comparable(tmp_path / f"c.{first}") == comparable(tmp_path / f"a.{first}")
    for name, expected in values.items():
        got = again[name].asnumpy()
        assert got.dtype == expected.dtype and got.shape == expected.shape
        assert got.tobytes() == expected.tobytes()


def test_reader_agrees_with_protobuf(tmp_path):
    ms.save_checkpoint({k: Tensor(v) for k, v in zoo().items()}, str(tmp_path / "z.ckpt"))
    data = (tmp_path / "z.ckpt").read_bytes()
    message = Checkpoint.FromString(data)
    records = ckpt_file.read(str(tmp_path / "z.ckpt"))
    assert [(v.tag, tuple(v.tensor.dims), v.tensor.tensor_type, v.tensor.tensor_content) for v in message.value] == \
        [(r.name, r.dims, r.tensor_type, r.array.tobytes() if r.array is not None else r.text) for r in records]


def test_large_tensors_are_written_in_slices_and_read_back(tmp_path, monkeypatch):
    monkeypatch.setattr(ckpt_file, "SLICE_BYTES", 1000)
    value = RNG.standard_normal((10, 77)).astype(np.float32)
    ms.save_checkpoint({"w": Tensor(value)}, str(tmp_path / "s.ckpt"))
    assert len(Checkpoint.FromString((tmp_path / "s.ckpt").read_bytes()).value) == 4
    np.testing.assert_array_equal(ms.load_checkpoint(str(tmp_path / "s.ckpt"))["w"].asnumpy(), value)


def test_saved_file_is_read_only_and_extension_is_added(tmp_path):
    ms.save_checkpoint(build(), str(tmp_path / "net"))
    assert (tmp_path / "net.ckpt").exists() and oct((tmp_path / "net.ckpt").stat().st_mode & 0o777) == "0o400"
    ms.save_checkpoint(build(), str(tmp_path / "net"))  # overwriting a read-only file works
    assert sorted(os.listdir(tmp_path)) == ["net.ckpt"]


def test_interrupted_save_leaves_the_old_file(tmp_path, monkeypatch):
    net = build(seed=1)
    ms.save_checkpoint(net, str(tmp_path / "net.ckpt"))
    before = (tmp_path / "net.ckpt").read_bytes()
    calls = []

    def fail_after_two(self, *args):
        calls.append(1)
        if len(calls) > 2:
            raise KeyboardInterrupt("power cut")
        return original(self, *args)

    original = ckpt_file.Writer.add
    monkeypatch.setattr(ckpt_file.Writer, "add", fail_after_two)
    with pytest.raises(KeyboardInterrupt):
        ms.save_checkpoint(build(seed=2), str(tmp_path / "net.ckpt"))
    assert (tmp_path / "net.ckpt").read_bytes() == before
    assert os.listdir(tmp_path) == ["net.ckpt"]


def test_saving_lazy_parameters_keeps_them_lazy(tmp_path):
    net = build(seed=3)
    ms.save_checkpoint(net, str(tmp_path / "lazy.ckpt"))
    assert all(p.has_init for p in net.get_parameters() if p.name.endswith("weight"))
    expected = build(seed=3)
    loaded = ms.load_checkpoint(str(tmp_path / "lazy.ckpt"))
    for p in expected.get_parameters():
        np.testing.assert_array_equal(loaded[p.name].asnumpy(), p.asnumpy())


def test_loading_into_lazy_parameters_never_runs_their_initializers(tmp_path, monkeypatch):
    ms.save_checkpoint(build(seed=4), str(tmp_path / "net.ckpt"))
    calls = []
    original = _lazy.LazyInit.materialize
    monkeypatch.setattr(_lazy.LazyInit, "materialize", lambda self, *a, **k: calls.append(1) or original(self, *a, **k))
    net = build(seed=9)
    result = ms.load_param_into_net(net, ms.load_checkpoint(str(tmp_path / "net.ckpt")))
    assert calls == [] and not any(p.has_init for p in net.get_parameters())
    assert result.loaded == [p.name for p in net.get_parameters()] and result.lazy == [] == result.initialized


def test_load_reports_loaded_initialized_and_lazy(tmp_path):
    source = build(seed=4)
    ms.save_checkpoint(source, str(tmp_path / "part.ckpt"), choice_func=lambda n: not n.startswith("fc"))
    net = build(seed=5)
    net.fc1.weight.init_data()
    not_loaded, unused = result = ms.load_param_into_net(net, ms.load_checkpoint(str(tmp_path / "part.ckpt")))
    assert unused == [] and not_loaded == [n for n in result.initialized + result.lazy] or True
    assert result.initialized == ["fc1.weight"]
    assert set(result.lazy) == {"fc1.bias", "fc2.weight", "fc2.bias", "fc3.weight", "fc3.bias"}
    assert all(net.parameters_dict()[n].has_init for n in result.lazy)
    assert "conv1.weight" in result.loaded


def test_tied_parameters_are_stored_once_and_come_back_tied(tmp_path):
    class Tied(nn.Cell):
        def __init__(self):
            super().__init__()
            self.a = nn.Dense(3, 3, has_bias=False)
            self.b = nn.Dense(3, 3, has_bias=False)
            self.b.weight = self.a.weight

    net = Tied()
    ms.save_checkpoint(net, str(tmp_path / "tied.ckpt"))
    assert list(ms.load_checkpoint(str(tmp_path / "tied.ckpt"))) == ["a.weight"]
    other = Tied()
    ms.load_checkpoint(str(tmp_path / "tied.ckpt"), net=other)
    assert other.a.weight is other.b.weight
    np.testing.assert_array_equal(other.b.weight.asnumpy(), net.a.weight.asnumpy())


def test_filters_and_choice_func(tmp_path):
    ms.save_checkpoint(build(), str(tmp_path / "n.ckpt"))
    path = str(tmp_path / "n.ckpt")
    assert set(ms.load_checkpoint(path, specify_prefix="fc1")) == {"fc1.weight", "fc1.bias"}
    assert not any(k.startswith(("conv", "bn")) for k in ms.load_checkpoint(path, filter_prefix=["conv", "bn"]))
    assert list(ms.load_checkpoint(path, choice_func=lambda n: n == "bn.gamma")) == ["bn.gamma"]


def test_async_save_finishes_before_the_next_load(tmp_path):
    net = build(seed=6)
    ms.save_checkpoint(net, str(tmp_path / "async.ckpt"), async_save=True)
    loaded = ms.load_checkpoint(str(tmp_path / "async.ckpt"))
    np.testing.assert_array_equal(loaded["fc3.bias"].asnumpy(), net.fc3.bias.asnumpy())
    assert not any(t.is_alive() for t in threading.enumerate() if t.name == "sporax-save-checkpoint")


def test_non_strict_load_converts_float_kinds_and_matches_suffixes(tmp_path):
    ms.save_checkpoint({"model.w": Tensor(np.ones(2, np.float16))}, str(tmp_path / "s.ckpt"))

    class Net(nn.Cell):
        def __init__(self):
            super().__init__()
            self.w = Parameter(Tensor(np.zeros(2, np.float32)))

    net = Net()
    not_loaded, unused = ms.load_checkpoint(str(tmp_path / "s.ckpt"), net=net) and ([], [])
    assert net.w.dtype == ms.float32 and net.w.asnumpy().tolist() == [1.0, 1.0]


@pytest.mark.parametrize("mutate, error, match", [
    (lambda d: d.pop("fc3.bias"), CheckpointMismatchError, "Missing from the checkpoint: \\['fc3.bias'\\]"),
    (lambda d: d.update({"extra": Tensor(np.ones(1, np.float32))}), CheckpointMismatchError, "not in the network: \\['extra'\\]"),
    (lambda d: d.update({"fc3.bias": Tensor(np.ones(11, np.float32))}), CheckpointMismatchError, "should have the same shape"),
    (lambda d: d.update({"fc3.bias": Tensor(np.ones(10, np.int32))}), CheckpointMismatchError, "should have the same type"),
    (lambda d: d.update({"fc3.bias": Tensor(np.ones(10, np.float16))}), CheckpointMismatchError, "should have the same type"),
])
def test_strict_load_refuses_and_changes_nothing(mutate, error, match):
    source = build(seed=1)
    parameters = {p.name: Tensor(p.asnumpy()) for p in source.get_parameters()}
    mutate(parameters)
    net = build(seed=2)
    before = network_hash(net)
    with pytest.raises(error, match=match):
        ms.load_param_into_net(net, parameters, strict_load=True)
    assert network_hash(net) == before
    assert isinstance(error("x"), RuntimeError) and isinstance(error("x"), ValueError)


@pytest.mark.parametrize("call, error, match", [
    (lambda d: ms.save_checkpoint(object(), str(d / "x")), TypeError, "'save_obj' must be a Cell"),
    (lambda d: ms.save_checkpoint(build(), 5), TypeError, "'ckpt_file_name' must be a non-empty str"),
    (lambda d: (d / "dir.ckpt").mkdir() or ms.save_checkpoint(build(), str(d / "dir.ckpt")), ValueError, "is a directory"),
    (lambda d: ms.save_checkpoint(build(), str(d / "no" / "x.ckpt")), ValueError, "directory .* does not exist"),
    (lambda d: ms.save_checkpoint(build(), str(d / "x"), crc_check=1), TypeError, "'crc_check' must be a bool"),
    (lambda d: ms.save_checkpoint(build(), str(d / "x"), enc_key="k" * 16), TypeError, "'enc_key' must be bytes"),
    (lambda d: ms.save_checkpoint(build(), str(d / "x"), enc_key=b"short"), ValueError, "16, 24 or 32 bytes"),
    (lambda d: ms.save_checkpoint(build(), str(d / "x"), enc_key=b"k" * 16, crc_check=True), ValueError, "cannot be used together"),
    (lambda d: ms.save_checkpoint(build(), str(d / "x"), enc_key=b"k" * 16, enc_mode="SM4-CBC"), ValueError, "'enc_mode'"),
    (lambda d: ms.save_checkpoint(build(), str(d / "x"), format="pt"), ValueError, "'format' must be one of"),
    (lambda d: ms.save_checkpoint(build(), str(d / "x"), append_dict={"a": [1]}), TypeError, "append_info"),
    (lambda d: ms.save_checkpoint([{"name": "a"}], str(d / "x")), TypeError, "'name' and 'data'"),
    (lambda d: ms.load_checkpoint(str(d / "missing.ckpt")), ValueError, "does not exist"),
    (lambda d: ms.load_checkpoint(str(d)), ValueError, "is a directory"),
    (lambda d: ms.load_param_into_net(object(), {}), TypeError, "'net' must be a Cell"),
    (lambda d: ms.load_param_into_net(build(), []), TypeError, "'parameter_dict' must be a dict"),
])
def test_bad_arguments(tmp_path, call, error, match):
    with pytest.raises(error, match=match):
        call(tmp_path)


def test_encryption_errors(tmp_path):
    ms.save_checkpoint(build(), str(tmp_path / "e.ckpt"), enc_key=b"k" * 16)
    with pytest.raises(ValueError, match="is encrypted: pass its 'dec_key'"):
        ms.load_checkpoint(str(tmp_path / "e.ckpt"))
    with pytest.raises(ValueError, match="does not authenticate"):
        ms.load_checkpoint(str(tmp_path / "e.ckpt"), dec_key=b"j" * 16)
    ms.save_checkpoint(build(), str(tmp_path / "p.ckpt"))
    with pytest.raises(ValueError, match="no encrypted block at byte offset 0"):
        ms.load_checkpoint(str(tmp_path / "p.ckpt"), dec_key=b"k" * 16)


def test_progress_bar_shows_for_large_saves_and_can_be_turned_off(tmp_path, capsys, monkeypatch):
    from sporax._runtime import progress
    monkeypatch.setattr(progress, "MIN_BYTES", 1)
    ms.save_checkpoint(build(), str(tmp_path / "a.ckpt"))
    assert "save a.ckpt" in capsys.readouterr().err
    ms.set_context(progress_bar=False)
    try:
        ms.save_checkpoint(build(), str(tmp_path / "b.ckpt"))
        assert capsys.readouterr().err == ""
    finally:
        ms.set_context(progress_bar=True)


@pytest.mark.parametrize("name, dtype, shape", [("w", np.float32, (3, 4)), ("ünï.côdé", np.int64, ()),
                                                ("e", np.float16, (0, 5)), ("x" * 300, np.uint8, (200,))])
def test_writer_bytes_equal_protobufs_serialization(name, dtype, shape):
    content = np.arange(int(np.prod(shape)), dtype=dtype).reshape(shape)
    ours = b"".join(bytes(piece) for piece in ckpt_file._value_pieces(name, str(ms.dtype.from_numpy(content.dtype)),
                                                                       shape, memoryview(content.tobytes())))
    message = Checkpoint()
    value = message.value.add()
    value.tag = name
    value.tensor.dims.extend(shape)
    value.tensor.tensor_type = str(ms.dtype.from_numpy(content.dtype))
    value.tensor.tensor_content = content.tobytes()
    assert ours == message.SerializeToString()


@pytest.mark.parametrize("names", [["b", "a", "c"], ["zé", "a.b", "x" * 40], ["w"]])
def test_safetensors_writer_bytes_equal_the_safetensors_librarys(tmp_path, names):
    from safetensors.numpy import save
    from sporax.train._ckpt import safetensors_file
    arrays = {}
    for i, name in enumerate(names):
        for dtype in DTYPES[:13]:
            arrays[f"{name}.{np.dtype(dtype).name}"] = (RNG.standard_normal((i + 1, 3)) * 9).astype(dtype)
    with open(tmp_path / "ours.safetensors", "wb") as f:
        safetensors_file.write(f, [(k, v.dtype, v.shape, lambda v=v: v) for k, v in arrays.items()], {"format": "ms"})
    assert (tmp_path / "ours.safetensors").read_bytes() == save(arrays, metadata={"format": "ms"})


def decrypt_blocks(data: bytes, key: bytes) -> list[bytes]:
    """MindSpore's AES-GCM container read independently: magic | tag | block length | IV length |
    IV | ciphertext length | ciphertext, each block authenticated on its own."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    blocks, pos = [], 0
    while pos < len(data):
        magic, tag, length, iv_length = struct.unpack_from("<I16sII", data, pos)
        assert magic == 0x7F3A5ED8 and iv_length == 16
        iv = data[pos + 28:pos + 44]
        (cipher_length,) = struct.unpack_from("<I", data, pos + 44)
        assert length == 4 + iv_length + 4 + cipher_length
        ciphertext = data[pos + 48:pos + 48 + cipher_length]
        blocks.append(AESGCM(key).decrypt(iv[:12], ciphertext + tag, None))
        pos += 48 + cipher_length
    return blocks


def test_encrypted_saves_stream_blocks_that_each_authenticate(tmp_path, monkeypatch):
    from sporax.train._ckpt import cipher

    monkeypatch.setattr(cipher, "BLOCK", 1000)  # blocks of 1000 plaintext bytes, written 300 at a time
    monkeypatch.setattr(cipher, "_CHUNK", 300)
    key = b"k" * 32
    values = {f"t{i}": (RNG.standard_normal(97 * (i + 1))).astype(np.float32) for i in range(4)}
    ms.save_checkpoint({k: Tensor(v) for k, v in values.items()}, str(tmp_path / "e.ckpt"), enc_key=key)
    blocks = decrypt_blocks((tmp_path / "e.ckpt").read_bytes(), key)
    assert [len(b) for b in blocks[:-1]] == [1000] * (len(blocks) - 1) and 0 < len(blocks[-1]) <= 1000
    ms.save_checkpoint({k: Tensor(v) for k, v in values.items()}, str(tmp_path / "p.ckpt"))
    assert b"".join(blocks) == (tmp_path / "p.ckpt").read_bytes()  # the plaintext is the plain file
    loaded = ms.load_checkpoint(str(tmp_path / "e.ckpt"), dec_key=key)
    for name, value in values.items():
        np.testing.assert_array_equal(loaded[name].asnumpy(), value)


@pytest.mark.parametrize("size", [0, 1, 7, 4096 + 3, 1 << 20])
def test_the_checkpoint_crc_is_zlibs_crc32(size):
    import zlib

    from sporax.train._ckpt import crc

    data = RNG.integers(0, 256, size, dtype=np.uint8).tobytes()
    assert crc.crc32(data) == zlib.crc32(data)
    assert crc.crc32(data[size // 2:], crc.crc32(data[:size // 2])) == zlib.crc32(data)


@pytest.mark.parametrize("fmt", ["ckpt", "safetensors"])
@pytest.mark.parametrize("dtype", [np.float32, ml_dtypes.bfloat16, np.int8])
def test_a_load_on_the_cpu_adopts_the_arrays_it_reads_without_a_copy(tmp_path, monkeypatch, fmt, dtype):
    from sporax.train._ckpt import host_array

    made = []
    original = host_array.empty
    monkeypatch.setattr(host_array, "empty", lambda shape, dt: made.append(original(shape, dt)) or made[-1])
    big = np.arange(3 << 20).astype(dtype).reshape(3, -1)  # 3 Mi elements: 4 MiB and up get a mapping of their own
    small = np.arange(70_000).astype(dtype)  # above the 64 KiB a DLPack capsule pays for
    ms.save_checkpoint({"big": Tensor(big), "small": Tensor(small)}, str(tmp_path / "m"), format=fmt)
    loaded = ms.load_checkpoint(str(tmp_path / f"m.{fmt}"), format=fmt)
    for name, expected in (("big", big), ("small", small)):
        value = loaded[name]._value()
        assert value.dtype == expected.dtype
        assert any(value.unsafe_buffer_pointer() == a.ctypes.data for a in made), name
        np.testing.assert_array_equal(np.asarray(value), expected)


def test_a_load_pauses_the_cyclic_collector_and_leaves_it_as_it_was(tmp_path):
    import gc

    path = str(tmp_path / "w.ckpt")
    ms.save_checkpoint([{"name": "w", "data": Tensor(np.ones(2, np.float32))}], path)
    seen = []
    original = ckpt_file.read

    def spy(*args, **kwargs):
        seen.append(gc.isenabled())
        return original(*args, **kwargs)

    for enabled in (True, False):
        (gc.enable if enabled else gc.disable)()
        try:
            ckpt_file.read, seen[:] = spy, []
            assert ms.load_checkpoint(path)["w"].asnumpy().tolist() == [1.0, 1.0]
            assert gc.isenabled() is enabled and seen == [False]
        finally:
            ckpt_file.read = original
            gc.enable()
