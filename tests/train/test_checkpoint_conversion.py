"""ckpt_to_safetensors / safetensors_to_ckpt, load_checkpoint_async, async_ckpt_thread_status."""
import threading

import numpy as np
import pytest

import sporax as ms
from sporax import nn, train


def _net():
    return nn.Dense(3, 2, weight_init=ms.Tensor(np.arange(6, dtype=np.float32).reshape(2, 3)), bias_init="ones")


def test_a_ckpt_file_becomes_safetensors_beside_it_and_back(tmp_path):
    ms.save_checkpoint(_net(), str(tmp_path / "net.ckpt"))
    train.ckpt_to_safetensors(str(tmp_path / "net.ckpt"))
    loaded = ms.load_checkpoint(str(tmp_path / "net.safetensors"), format="safetensors")
    np.testing.assert_array_equal(loaded["weight"].asnumpy(), np.arange(6).reshape(2, 3))
    out = tmp_path / "out"
    train.safetensors_to_ckpt(str(tmp_path / "net.safetensors"), save_path=str(out), name_map={"bias": "b"})
    back = ms.load_checkpoint(str(out / "net.ckpt"))
    assert sorted(back) == ["b", "weight"] and np.all(back["b"].asnumpy() == 1)


def test_a_directory_converts_every_rank_folder(tmp_path):
    for rank in (0, 1):
        (tmp_path / f"rank_{rank}").mkdir()
        ms.save_checkpoint(_net(), str(tmp_path / f"rank_{rank}" / f"net_{rank}.ckpt"))
        ms.save_checkpoint(_net(), str(tmp_path / f"rank_{rank}" / f"skip_{rank}.ckpt"))
    train.ckpt_to_safetensors(str(tmp_path), save_path=str(tmp_path / "st"), file_name_regex=r"^net", processes_num=2)
    assert sorted(p.name for p in (tmp_path / "st").rglob("*.safetensors")) == ["net_0.safetensors",
                                                                              "net_1.safetensors"]


def test_conversion_errors_are_mindspores(tmp_path):
    with pytest.raises(ValueError, match="For ckpt_to_safetensors, the input path must be a valid path or file"):
        train.ckpt_to_safetensors(str(tmp_path / "missing.ckpt"))
    (tmp_path / "x.safetensors").write_bytes(b"")
    with pytest.raises(ValueError, match="the input file must be a .ckpt file"):
        train.ckpt_to_safetensors(str(tmp_path / "x.safetensors"))
    with pytest.raises(ValueError, match="no directories starting with 'rank' found"):
        train.ckpt_to_safetensors(str(tmp_path))
    with pytest.raises(ValueError, match="the save_path must be a directory"):
        train.safetensors_to_ckpt(str(tmp_path / "x.safetensors"), save_path=str(tmp_path / "a.ckpt"))


def test_load_checkpoint_async_gives_the_same_dict(tmp_path):
    ms.save_checkpoint(_net(), str(tmp_path / "net.ckpt"))
    future = train.load_checkpoint_async(str(tmp_path / "net.ckpt"))
    result = future.result()
    np.testing.assert_array_equal(result["weight"].asnumpy(), ms.load_checkpoint(str(tmp_path / "net.ckpt"))["weight"]
                                  .asnumpy())
    with pytest.raises(ValueError):
        train.load_checkpoint_async(str(tmp_path / "missing.ckpt")).result()


def test_async_status_follows_the_save_thread(tmp_path):
    assert train.async_ckpt_thread_status() is False
    release = threading.Event()
    original = ms.train.serialization.threading.Thread

    def held(*args, target=None, **kwargs):  # the save waits until released
        def run():
            release.wait(10)
            target()
        return original(*args, target=run, **kwargs)

    ms.train.serialization.threading.Thread = held
    try:
        ms.save_checkpoint(_net(), str(tmp_path / "a.ckpt"), async_save=True)
        assert train.async_ckpt_thread_status() is True
    finally:
        ms.train.serialization.threading.Thread = original
        release.set()
    ms.load_checkpoint(str(tmp_path / "a.ckpt"))  # waits for the save
    assert train.async_ckpt_thread_status() is False
