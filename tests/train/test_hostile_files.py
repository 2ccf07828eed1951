"""Hostile checkpoint files: each is refused with ValueError (TypeError for a wrong argument)
naming the file, the record and what is wrong; the network is unchanged; nothing is
allocated beyond the file's own size (the memory cap) and nothing hangs (the time cap)."""
import json
import os
import struct

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sporax as ms
from sporax import Tensor
from sporax.train._ckpt import cipher
from tests.nn.lenet import build
from tests.train.caps import capped
from tests.train.test_serialization import network_hash

KEY = b"0123456789abcdef"


def varint(n):
    out = bytearray()
    while True:
        byte, n = n & 0x7F, n >> 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def field(number, payload, wire=2):
    key = varint(number << 3 | wire)
    return key + (varint(len(payload)) + payload if wire == 2 else payload)


def record(name, dims, tensor_type, content, name_bytes=None):
    tensor = b"".join(field(1, varint(d), wire=0) for d in dims) + field(2, tensor_type.encode()) + field(3, content)
    return field(1, field(1, name_bytes if name_bytes is not None else name.encode()) + field(2, tensor))


@pytest.fixture(scope="module")
def target():
    net = build(seed=12)
    net.init_parameters_data()
    return net, network_hash(net)


@pytest.fixture(scope="module")
def original(target):
    """Copies of the target network's values, to put back after a crafted file loaded into it."""
    return {name: Tensor(p.asnumpy().copy()) for name, p in target[0].parameters_and_names()}


@pytest.fixture(autouse=True)
def cap():
    with capped(seconds=60, extra_bytes=1 << 30):
        yield


def refused(target, path, error, match, **kwargs):
    net, before = target
    with pytest.raises(error, match=match) as caught:
        ms.load_checkpoint(str(path), net=net, **kwargs)
    assert network_hash(net) == before
    return str(caught.value)


F32 = np.arange(4, dtype=np.float32).tobytes()
CASES = {
    "empty": (b"", "the file is empty"),
    "crc_trailer_only": (b"crc_num" + (0).to_bytes(10, "big"), "holds no entries"),
    "field_number_zero_top": (b"\x02\x00", "field 0 with wire type 2 at the top level"),
    "field_number_zero_inner": (field(1, b"\x02\x00"), "the invalid field number 0"),
    "invalid_code_point": (record("s", [0], "str", struct.pack("<I", 0x110000)), "'s' .* invalid code point"),
    "surrogate_code_point": (record("s", [0], "str", struct.pack("<I", 0xD800)), "invalid code point"),
    "broken_string_length": (record("s", [0], "str", b"abc"), "broken length of 3 bytes"),
    "long_name": (record("n" * 1025, [4], "Float32", F32), "1025 characters, more than the 1024 allowed"),
    "nul_name": (record("abc\x00", [4], "Float32", F32), "contains a NUL character at index 3"),
    "bad_utf8_name": (record("", [4], "Float32", F32, name_bytes=b"ab\xff"), "not valid UTF-8"),
    "huge_dims": (record("w", [2**40], "Float32", F32), r"'w' with shape \[1099511627776\] of Float32, which needs"),
    "overflowing_dims": (record("w", [2**62, 2**62], "Float32", F32), "which needs"),
    "zero_size_with_overflowing_dims": (record("0", [0, 1518494220, 1518506280], "Float32", b""),
                                        r"'0' with shape \[0, 1518494220, 1518506280\] of Float32: its dimensions"),
    "negative_dim": (record("w", [2**64 - 1], "Float32", F32), r"negative dimension in \[-1\]"),
    "unknown_type": (record("w", [4], "Float8", F32), "unknown tensor type 'Float8'"),
    "length_past_end": (b"\x0a" + varint(2**60) + b"\x00", "claiming 1152921504606846976 bytes"),
    "truncated_content": (record("w", [8], "Float32", F32), "needs 32 bytes, but its entry holds 16"),
    "varint_too_long": (b"\x0a" + b"\xff" * 11, "malformed varint"),
    "map_parameter": (field(1, field(1, b"m") + field(3, b"")), "map parameter"),
    "repeated_name": (record("w", [4], "Float32", F32) + record("v", [4], "Float32", F32)
                      + record("w", [4], "Float32", F32), "a second entry named 'w'"),
    "slice_dims_differ": (record("w", [2, 2], "Float32", F32[:8]) + record("w", [4], "Float32", F32[8:]),
                          r"a slice of 'w' with dims \[4\], but its first slice has \[2, 2\]"),
    "slices_overflow": (record("w", [4], "Float32", F32) + record("w", [4], "Float32", F32),
                        "the slices of 'w' holding more than the 16 bytes"),
    "garbage": (b"\xff" * 64, "a malformed varint"),
    "wrong_top_field": (b"\x12\x00", "field 2 with wire type 2 at the top level"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_ckpt_is_refused_clearly(target, tmp_path, case):
    data, match = CASES[case]
    path = tmp_path / f"{case}.ckpt"
    path.write_bytes(data)
    message = refused(target, path, ValueError, match)
    assert str(path) in message


def test_huge_claims_in_a_sparse_file_are_refused_before_allocating(target, tmp_path):
    # a 4 GiB sparse file whose one record claims all of it, under a 1 GiB memory cap
    path = tmp_path / "sparse.ckpt"
    with open(path, "wb") as f:
        f.write(record("w", [2**30 + 1], "Float32", b"")[:-1])
        f.truncate(4 << 30)
    refused(target, path, ValueError, "which needs 4294967300 bytes, but its entry holds 0 and the file only")
    with open(tmp_path / "zeros.ckpt", "wb") as f:  # 4 GiB of zeros: field 0 at once, no scan of the rest
        f.truncate(4 << 30)
    refused(target, tmp_path / "zeros.ckpt", ValueError, "field 0 with wire type 0 at the top level")


def test_a_million_empty_records_are_refused_at_the_first(target, tmp_path):
    path = tmp_path / "empty_records.ckpt"
    path.write_bytes(b"\x0a\x00" * 1_000_000)
    refused(target, path, ValueError, "byte offset 0")


def encrypted_file(tmp_path):
    ms.save_checkpoint({"w": Tensor(np.ones(4, np.float32))}, str(tmp_path / "e.ckpt"), enc_key=KEY)
    return bytearray((tmp_path / "e.ckpt").read_bytes())


def test_aes_gcm_iv_length_past_the_block_is_refused(target, tmp_path):
    data = encrypted_file(tmp_path)
    data[24:28] = struct.pack("<I", 2**31)
    (tmp_path / "iv.ckpt").write_bytes(bytes(data))
    refused(target, tmp_path / "iv.ckpt", ValueError, "has an IV of 2147483648 bytes", dec_key=KEY)


def test_aes_gcm_block_length_past_the_file_is_refused(target, tmp_path):
    data = encrypted_file(tmp_path)
    data[20:24] = struct.pack("<I", 2**32 - 1)
    (tmp_path / "len.ckpt").write_bytes(bytes(data))
    refused(target, tmp_path / "len.ckpt", ValueError, "claims 4294967295 bytes", dec_key=KEY)


def safetensors(header, data=b""):
    text = json.dumps(header).encode()
    text += b" " * (-len(text) % 8)
    return struct.pack("<Q", len(text)) + text + data


DUPLICATE = b'{"w":{"dtype":"F32","shape":[0],"data_offsets":[0,0]},"w":{"dtype":"F32","shape":[0],"data_offsets":[0,0]}}'
ST_CASES = {
    "f8_dtype": (safetensors({"w": {"dtype": "F8_E4M3", "shape": [4], "data_offsets": [0, 4]}}, b"\0" * 4),
                 "dtype 'F8_E4M3', which has no MindSpore type"),
    "header_past_end": (struct.pack("<Q", 2**40) + b"{}", "the header claims 1099511627776 bytes"),
    "short": (b"\x01\x02", "fewer than the 8 of a header length"),
    "not_json": (struct.pack("<Q", 8) + b"{not js}", "not valid UTF-8 JSON"),
    "not_object": (safetensors([1, 2]), "a JSON list, not an object"),
    "offsets_past_data": (safetensors({"w": {"dtype": "F32", "shape": [4], "data_offsets": [0, 16]}}, b"\0" * 8),
                          "data_offsets"),
    "size_mismatch": (safetensors({"w": {"dtype": "F32", "shape": [4], "data_offsets": [0, 8]}}, b"\0" * 8),
                      "spans 8 bytes, but shape"),
    "overlap": (safetensors({"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]},
                             "b": {"dtype": "F32", "shape": [2], "data_offsets": [4, 12]}}, b"\0" * 12),
                "overlapping tensors, or a gap"),
    "zero_size_with_overflowing_shape": (
        safetensors({"w": {"dtype": "F32", "shape": [0, 2**31, 2**31], "data_offsets": [0, 0]}}),
        "multiply to 18446744073709551616 bytes"),
    "negative_shape": (safetensors({"w": {"dtype": "F32", "shape": [-1], "data_offsets": [0, 0]}}),
                       "non-negative ints"),
    "duplicate_key": (struct.pack("<Q", len(DUPLICATE)) + DUPLICATE, "appears twice"),
    "nul_name": (safetensors({"a\u0000": {"dtype": "F32", "shape": [0], "data_offsets": [0, 0]}}), "NUL"),
    "bad_metadata": (safetensors({"__metadata__": {"k": 1}}), "must map strings to strings"),
}


@pytest.mark.parametrize("case", sorted(ST_CASES))
def test_hostile_safetensors_is_refused_clearly(target, tmp_path, case):
    data, match = ST_CASES[case]
    path = tmp_path / f"{case}.safetensors"
    path.write_bytes(data)
    assert str(path) in refused(target, path, ValueError, match, format="safetensors")


def test_files_that_are_not_regular_files_are_refused(target, tmp_path):
    os.mkfifo(tmp_path / "fifo.ckpt")
    refused(target, tmp_path / "fifo.ckpt", ValueError, "is not a regular file")
    refused(target, "/proc/self/status", ValueError, "the file is empty")


@pytest.mark.parametrize("key", [3, None, ("a", "b")])
def test_non_str_keys_of_parameter_dict_are_a_type_error_naming_them(target, key):
    net, before = target
    with pytest.raises(TypeError, match=f"must be a str, but got {key!r}".replace("(", r"\(").replace(")", r"\)")):
        ms.load_param_into_net(net, {"fc1.weight": Tensor(np.ones(1, np.float32)), key: Tensor(np.ones(1))})
    assert network_hash(net) == before


@pytest.mark.parametrize("name, match", [("n" * 1025, "1025 characters"), ("abc\x00", "NUL character"),
                                         ("a\ud800", "U\\+D800, which UTF-8 cannot encode"), ("", "empty")])
def test_names_refused_at_load_are_refused_at_save(tmp_path, name, match):
    with pytest.raises(ValueError, match=match):
        ms.save_checkpoint({name: Tensor(np.ones(1, np.float32))}, str(tmp_path / "n.ckpt"))
    assert os.listdir(tmp_path) == []
    ok = "n" * 1024
    ms.save_checkpoint({ok: Tensor(np.ones(1, np.float32))}, str(tmp_path / "ok.ckpt"))
    assert list(ms.load_checkpoint(str(tmp_path / "ok.ckpt"))) == [ok]


def test_an_empty_selection_is_a_value_error_as_in_mindspore(tmp_path):
    ms.save_checkpoint({"w": Tensor(np.ones(1, np.float32))}, str(tmp_path / "w.ckpt"))
    with pytest.raises(ValueError, match="The loaded parameter dict is empty after filter or specify"):
        ms.load_checkpoint(str(tmp_path / "w.ckpt"), specify_prefix="nothing")


# --- neighbours: anything built from fields must load or be refused with ValueError ------------
# names of the network's own Parameters (and their suffixes) reach the shape and dtype checks
NETWORK_NAMES = ["fc3.bias", "bias", "fc1.bias", "bn.gamma", "gamma", "weight", "conv1.weight", "net.fc3.bias"]
names_ = (st.text(st.characters(codec="utf-8"), min_size=0, max_size=8) | st.just("n" * 1025)
          | st.sampled_from(NETWORK_NAMES))
dims_ = st.lists(st.integers(0, 2**64 - 1) | st.integers(0, 5) | st.sampled_from([10, 16, 120, 2**31, 2**62]), max_size=5)
types_ = st.sampled_from(["Float32", "Int8", "Float16", "str", "Float64", "Bool", "F8", "", "Int32", "BFloat16"])
fields_ = st.tuples(st.integers(0, 6), st.sampled_from([0, 1, 2, 3, 5, 7]), st.binary(max_size=12))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=names_, dims=dims_, tensor_type=types_, content_length=st.integers(0, 40) | st.sampled_from([64, 480]),
       extra=st.lists(fields_, max_size=2), cut=st.integers(0, 200) | st.none())
def test_crafted_records_load_or_are_refused_with_a_value_error(target, original, tmp_path, name, dims, tensor_type,
                                                                 content_length, extra, cut):
    data = record(name, dims, tensor_type, bytes(range(256)) * (content_length // 256) + bytes(range(content_length % 256)))
    for number, wire, payload in extra:
        data += varint(number << 3 | wire) + (varint(len(payload)) if wire == 2 else b"") + payload
    cut = None if cut is None or cut >= len(data) else cut
    data = data if cut is None else data[:cut]
    path = tmp_path / "crafted.ckpt"
    path.write_bytes(data)
    net, before = target
    try:
        loaded = ms.load_checkpoint(str(path))
    except ValueError as error:
        assert str(path) in str(error) or "parameter dict is empty" in str(error)
    else:
        assert list(loaded) == [name] and cut is None and not extra
    with pytest.raises(ValueError):
        ms.load_checkpoint(str(path), net=net, strict_load=True)
    assert network_hash(net) == before
    try:  # not strict: a refused load changes nothing; a load that fits changes only what it names
        result = ms.load_param_into_net(net, ms.load_checkpoint(str(path)))
    except ValueError:
        assert network_hash(net) == before
        return
    params = dict(net.parameters_and_names())
    assert len(result.loaded) <= 1
    for loaded_name in result.loaded:
        stored = ms.load_checkpoint(str(path))[name].asnumpy()
        assert params[loaded_name].asnumpy().tobytes() == stored.astype(params[loaded_name].asnumpy().dtype).tobytes()
        ms.load_param_into_net(net, original, strict_load=True)
    assert network_hash(net) == before


st_codes_ = st.sampled_from(["F32", "F16", "BF16", "I8", "U64", "BOOL", "C64", "F8_E4M3", "f32", "", "I4"])
st_entries_ = st.lists(st.tuples(names_, st_codes_, st.lists(st.integers(0, 6) | st.sampled_from([2**31, 2**62, -1]),
                                                             max_size=3),
                                 st.lists(st.integers(-2, 64) | st.sampled_from([2**63, 2**64]), min_size=0,
                                          max_size=3)),
                       max_size=3)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entries=st_entries_, data_length=st.integers(0, 64), metadata=st.none() | st.dictionaries(
    st.text(max_size=4), st.text(max_size=4) | st.integers(), max_size=2), cut=st.integers(0, 300) | st.none())
def test_crafted_safetensors_headers_load_or_are_refused_with_a_value_error(target, tmp_path, entries, data_length,
                                                                             metadata, cut):
    header = {} if metadata is None else {"__metadata__": metadata}
    for name, code, shape, offsets in entries:
        header[name] = {"dtype": code, "shape": shape, "data_offsets": offsets}
    data = safetensors(header, bytes(range(data_length)))
    data = data if cut is None or cut >= len(data) else data[:cut]
    path = tmp_path / "crafted.safetensors"
    path.write_bytes(data)
    net, before = target
    try:
        ms.load_checkpoint(str(path), format="safetensors")
    except ValueError as error:
        assert str(path) in str(error) or "parameter dict is empty" in str(error)
    with pytest.raises(ValueError):
        ms.load_checkpoint(str(path), net=net, strict_load=True, format="safetensors")
    assert network_hash(net) == before


def _held(path) -> list[str]:
    """This process's open descriptors and memory mappings of `path`."""
    real = os.path.realpath(path)
    fds = [fd for fd in os.listdir("/proc/self/fd") if os.path.realpath(f"/proc/self/fd/{fd}") == real]
    with open("/proc/self/maps") as maps:
        mapped = [line for line in maps if line.rstrip().endswith(real)]
    return fds + mapped


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc")
@pytest.mark.parametrize("fmt, kwargs", [("ckpt", {}), ("ckpt", {"crc_check": True}), ("ckpt", {"enc_key": KEY}),
                                         ("safetensors", {})])
def test_a_load_holds_neither_descriptor_nor_mapping_of_its_file_when_it_returns(target, tmp_path, fmt, kwargs):
    path = tmp_path / f"m.{fmt}"
    ms.save_checkpoint({"w": Tensor(np.arange(1 << 18, dtype=np.float32))}, str(path), format=fmt, **kwargs)
    load_kwargs = {"dec_key": KEY} if "enc_key" in kwargs else kwargs
    loaded = ms.load_checkpoint(str(path), format=fmt, **load_kwargs)
    assert _held(path) == [] and loaded["w"].shape == (1 << 18,)
    os.chmod(path, 0o600)
    with open(path, "r+b") as f:  # truncated: refused, and released as well
        f.truncate(os.path.getsize(path) - 5)
    with pytest.raises(ValueError):
        ms.load_checkpoint(str(path), format=fmt, **load_kwargs)
    assert _held(path) == []
