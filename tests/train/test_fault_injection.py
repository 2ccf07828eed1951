"""Damaged checkpoints: every fault is detected and the network stays bit-for-bit unchanged."""
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sporax as ms
from sporax import Tensor
from tests.nn.lenet import build
from tests.train.test_serialization import network_hash

KEY = b"0123456789abcdef"


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    directory = tmp_path_factory.mktemp("faults")
    source = build(seed=11)
    for name, kwargs in (("plain", {}), ("crc", {"crc_check": True}), ("enc", {"enc_key": KEY})):
        ms.save_checkpoint(source, str(directory / f"{name}.ckpt"), **kwargs)
    ms.save_checkpoint(source, str(directory / "st"), format="safetensors", crc_check=True)
    return directory


@pytest.fixture(scope="module")
def target():
    net = build(seed=12)
    net.init_parameters_data()
    return net, network_hash(net)


def refused(path, target_net, **kwargs):
    net, before = target_net
    with pytest.raises(ValueError):
        ms.load_checkpoint(str(path), net=net, strict_load=True, **kwargs)
    assert network_hash(net) == before


def write(path, data):
    path.write_bytes(data)
    return path


OFFSETS = list(range(0, 400, 3)) + list(np.linspace(400, 247000, 120).astype(int))


@pytest.mark.parametrize("kind, kwargs", [("plain", {}), ("crc", {"crc_check": True}), ("enc", {"dec_key": KEY}),
                                          ("st", {"format": "safetensors", "crc_check": True})])
def test_truncation_at_every_tested_offset_is_detected(files, target, tmp_path, kind, kwargs):
    name = f"{kind}.safetensors" if kind == "st" else f"{kind}.ckpt"
    data = (files / name).read_bytes()
    for offset in [o for o in OFFSETS if o < len(data)] + [len(data) - 1]:
        refused(write(tmp_path / name, data[:offset]), target, **kwargs)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(position=st.floats(0, 1, exclude_max=True), bit=st.integers(0, 7), kind=st.sampled_from(["crc", "enc", "st"]))
def test_flipped_bits_are_detected_with_crc_or_encryption(files, target, tmp_path, position, bit, kind):
    name = "st.safetensors" if kind == "st" else f"{kind}.ckpt"
    data = bytearray((files / name).read_bytes())
    data[int(position * len(data))] ^= 1 << bit
    kwargs = {"crc": {"crc_check": True}, "enc": {"dec_key": KEY}, "st": {"format": "safetensors", "crc_check": True}}
    refused(write(tmp_path / name, bytes(data)), target, **kwargs[kind])


@pytest.mark.parametrize("edit", ["drop", "rename", "reshape", "retype"])
def test_dropped_renamed_reshaped_or_retyped_tensors_are_detected(target, tmp_path, edit):
    values = {p.name: p.asnumpy() for p in build(seed=13).get_parameters()}
    if edit == "drop":
        values.pop("fc2.weight")
    elif edit == "rename":
        values["fc2.weights"] = values.pop("fc2.weight")
    elif edit == "reshape":
        values["fc2.weight"] = values["fc2.weight"].reshape(-1)
    else:
        values["fc2.weight"] = values["fc2.weight"].astype(np.int32)
    ms.save_checkpoint({k: Tensor(v) for k, v in values.items()}, str(tmp_path / "edited.ckpt"))
    refused(tmp_path / "edited.ckpt", target)


def test_garbage_and_empty_files_are_refused(target, tmp_path):
    refused(write(tmp_path / "empty.ckpt", b""), target)
    refused(write(tmp_path / "garbage.ckpt", b"\xff" * 64), target)
    refused(write(tmp_path / "text.ckpt", b"hello world, not a checkpoint"), target)
