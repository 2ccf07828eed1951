"""ModelCheckpoint: file names, reused prefixes and rotation as MindSpore 2.10 writes them
(tests/data/mindspore_2_10_train.json, from tests/data/make_train_cases.py)."""
import json
import os
import pathlib

import numpy as np
import pytest

import sporax as ms
from sporax import nn
from sporax.train import CheckpointConfig, Model, ModelCheckpoint

CASES = json.loads((pathlib.Path(__file__).parents[1] / "data" / "mindspore_2_10_train.json").read_text())


def dataset():
    rng = np.random.default_rng(0)
    x = rng.standard_normal((16, 4)).astype(np.float32)
    y = rng.integers(0, 2, (16,)).astype(np.int32)
    return [(x[i:i + 4], y[i:i + 4]) for i in range(0, 16, 4)]


def train_once(directory, config, prefix):
    net = nn.Dense(4, 2)
    model = Model(net, nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean"),
                  nn.Momentum(net.trainable_params(), 0.01, 0.9))
    checkpoint = ModelCheckpoint(prefix=prefix, directory=directory, config=CheckpointConfig(**config))
    model.train(3, dataset(), callbacks=[checkpoint])
    return checkpoint


@pytest.mark.parametrize("scenario", sorted(CASES["checkpoints"]))
def test_file_names_and_rotation_match_mindspore(tmp_path, scenario):
    case = CASES["checkpoints"][scenario]
    for listing, latest in zip(case["listings"], case["latest"]):
        checkpoint = train_once(str(tmp_path), case["config"], case["prefix"])
        files = sorted(os.listdir(tmp_path), key=lambda f: os.path.getmtime(tmp_path / f))
        assert sorted(files) == sorted(listing)
        assert os.path.basename(checkpoint.latest_ckpt_file_name) == latest


def test_checkpoint_holds_network_and_optimizer_state(tmp_path):
    checkpoint = train_once(str(tmp_path), {"save_checkpoint_steps": 4}, "net")
    saved = ms.load_checkpoint(checkpoint.latest_ckpt_file_name)
    # MindSpore also stores Momentum's 'momentum' as a Parameter; sporax's optimizer keeps it a constant.
    assert sorted(saved) == sorted(set(CASES["checkpoints"]["steps2_keep3"]["parameter_names"]) - {"momentum"})


def test_append_info_adds_epoch_and_step(tmp_path):
    train_once(str(tmp_path), {"save_checkpoint_steps": 12, "append_info": ["epoch_num", "step_num", {"tag": 7}]},
               "a")
    saved = ms.load_checkpoint(str(tmp_path / "a-3_4.ckpt"))
    assert (int(saved["epoch_num"].asnumpy()), int(saved["step_num"].asnumpy()), int(saved["tag"].asnumpy())) == \
        (3, 12, 7)


def test_callable_prefix_names_the_file_without_suffix(tmp_path):
    net = nn.Dense(4, 2)
    model = Model(net, nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean"),
                  nn.Momentum(net.trainable_params(), 0.01, 0.9))
    checkpoint = ModelCheckpoint(prefix=lambda p: f"step{p.cur_step_num}", directory=str(tmp_path),
                                 config=CheckpointConfig(save_checkpoint_steps=6, keep_checkpoint_max=10))
    model.train(3, dataset(), callbacks=[checkpoint])
    assert sorted(os.listdir(tmp_path)) == ["step12.ckpt", "step6.ckpt"]


def test_config_policy_and_validation():
    assert CheckpointConfig().get_checkpoint_policy() == {
        "save_checkpoint_steps": 1, "save_checkpoint_seconds": None, "keep_checkpoint_max": 5,
        "keep_checkpoint_per_n_minutes": None, "saved_network": None}
    assert CheckpointConfig(save_checkpoint_steps=0, save_checkpoint_seconds=10, keep_checkpoint_max=0,
                            keep_checkpoint_per_n_minutes=0).keep_checkpoint_max == 1
    with pytest.raises(ValueError, match="can't be all None or 0"):
        CheckpointConfig(0, 0, 0, 0)
    with pytest.raises(ValueError, match="'save_checkpoint_steps' must be int and must >= 0, but got '-1'"):
        CheckpointConfig(save_checkpoint_steps=-1)
    with pytest.raises(TypeError, match="'keep_checkpoint_max' must be int and must >= 0, but got 'True'"):
        CheckpointConfig(keep_checkpoint_max=True)
    with pytest.raises(ValueError, match="other param must be default"):
        CheckpointConfig(format="safetensors", crc_check=True)
    with pytest.raises(ValueError, match="must be callable or string that does not contain '/', but got a/b"):
        ModelCheckpoint(prefix="a/b")
    with pytest.raises(TypeError, match="should be 'CheckpointConfig', but got <class 'int'>"):
        ModelCheckpoint(config=1)
