"""AMP levels and loss scalers against real MindSpore 2.10 (fixtures in tests/data/amp/)."""
import json
import pathlib

import numpy as np
import pytest

import sporax as ms
from sporax import amp, nn
from sporax.nn.cell import Cell

DATA = pathlib.Path(__file__).parent / "data" / "amp"
LEVELS = json.loads((DATA / "amp_levels.json").read_text())
SCALERS = json.loads((DATA / "loss_scalers.json").read_text())


class Block(nn.Cell):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(2, 3, 3, pad_mode="same", has_bias=True)
        self.bn = nn.BatchNorm2d(3)
        self.relu = nn.ReLU()

    def construct(self, x):
        return self.relu(self.bn(self.conv(x)))


class Net(nn.Cell):
    def __init__(self):
        super().__init__()
        self.block = Block()
        self.flatten = nn.Flatten()
        self.dense = nn.Dense(3 * 4 * 4, 5)
        self.norm = nn.LayerNorm((5,))
        self.act = nn.Sigmoid()
        self.head = nn.Dense(5, 2)

    def construct(self, x):
        return self.head(self.act(self.norm(self.dense(self.flatten(self.block(x))))))


def _dtype_name(dtype):
    return {"float16": "Float16", "float32": "Float32", "bfloat16": "BFloat16"}[str(dtype).lower()]


def _observe(net, monkeypatch, x):
    """Each sub-cell's output dtype, by its name in cells_and_names, as the oracle's hooks saw."""
    names = {id(cell): name for name, cell in net.cells_and_names()}
    seen = {}
    original = Cell.__call__

    def recording(self, *args, **kwargs):
        out = original(self, *args, **kwargs)
        if id(self) in names:
            seen[names[id(self)]] = {"cell": type(self).__name__, "output": _dtype_name(out.dtype)}
        return out

    monkeypatch.setattr(Cell, "__call__", recording)
    out = net(x)
    monkeypatch.undo()
    return out, seen


@pytest.mark.parametrize("level", ["O0", "O1", "O2", "O3"])
def test_each_level_casts_the_cells_mindspore_casts(level, monkeypatch):
    expected = LEVELS[f"{level}/float16"]
    net = amp.auto_mixed_precision(Net(), level)
    out, seen = _observe(net, monkeypatch, ms.Tensor(np.ones((1, 2, 4, 4), np.float32)))
    assert _dtype_name(out.dtype) == expected["output"]
    assert {n: c["output"] for n, c in seen.items()} == {n: c["output"] for n, c in expected["cells"].items()}
    # O1's rewrite renames classes (DenseOpt); the wrappers of O2/O3 carry MindSpore's names
    if level in ("O2", "O3"):
        assert {n: c["cell"] for n, c in seen.items()} == {n: c["cell"] for n, c in expected["cells"].items()}


def test_o1_computes_white_list_cells_in_float16_and_hands_back_float32():
    net = amp.auto_mixed_precision(Net(), "O1")
    assert net.block.conv._compute_dtype == ms.float16 and net.dense._compute_dtype == ms.float16
    assert net.block.bn._compute_dtype is None and net.norm._compute_dtype is None
    x = ms.Tensor(np.linspace(-1, 1, 48, dtype=np.float32).reshape(1, 3, 16) * 3)
    dense = nn.Dense(16, 4)
    reference = dense(x).asnumpy()
    amp.custom_mixed_precision(dense, white_list=[nn.Dense])
    low = dense(x)
    assert low.dtype == ms.float32
    np.testing.assert_allclose(low.asnumpy(), reference, rtol=0, atol=5e-3)
    assert not np.array_equal(low.asnumpy(), reference)  # it really ran in float16


def test_bfloat16_level_o3_runs_in_bfloat16():
    dense = nn.Dense(4, 3)
    net = amp.auto_mixed_precision(dense, "O3", dtype=ms.bfloat16)
    assert net(ms.Tensor(np.ones((2, 4), np.float32))).dtype == ms.float32
    assert dense(ms.Tensor(np.ones((2, 4), np.float32))).dtype == ms.bfloat16


def test_amp_rejects_bad_arguments():
    with pytest.raises(TypeError, match="For amp_level 'O2', the network type should be Cell."):
        amp.auto_mixed_precision(lambda x: x, "O2")
    with pytest.raises(ValueError, match=r"The dtype should be one of \(mstype.float16, mstype.bfloat16\), but got"):
        amp.auto_mixed_precision(Net(), "O2", dtype=ms.float32)
    with pytest.raises(ValueError, match="The amp level O4 is not supported"):
        amp.auto_mixed_precision(Net(), "O4")
    with pytest.raises(ValueError, match="one of white_list and black_list must be provided"):
        amp.custom_mixed_precision(Net())


def test_white_and_black_lists_are_mindspores_present_entries():
    assert [c.__name__ for c in amp.get_black_list()] == ["BatchNorm1d", "BatchNorm2d", "BatchNorm3d", "LayerNorm"]
    # MindSpore 2.10's whole white list, now that every entry exists in sporax
    assert [c.__name__ for c in amp.get_white_list()] == [
        "Conv1d", "Conv2d", "Conv3d", "Conv1dTranspose", "Conv2dTranspose", "Conv3dTranspose", "Dense", "LSTMCell",
        "RNNCell", "GRUCell", "Conv2D", "Conv3D", "Conv2DTranspose", "Conv3DTranspose", "Conv2DBackpropInput",
        "MatMul", "BatchMatMul", "PReLU", "ReLU", "Ger"]
    amp.get_white_list().clear()
    assert amp.get_white_list()  # a copy


@pytest.mark.parametrize("key,args", [("dynamic_1024_2_3", (1024, 2, 3)), ("dynamic_4_4_1", (4, 4, 1)),
                                      ("dynamic_65504_2_2", (2.0 ** 127, 2, 2))])
def test_dynamic_loss_scaler_adjusts_as_mindspore_step_by_step(key, args):
    scaler = amp.DynamicLossScaler(*args)
    trace = []
    for finite in SCALERS["finite"]:
        returned = scaler.adjust(ms.Tensor(finite))
        trace.append([float(scaler.scale_value.asnumpy()), int(scaler.counter.asnumpy()), bool(returned)])
    assert trace == SCALERS[key]


def test_static_loss_scaler_scales_and_unscales_as_mindspore():
    scaler = amp.StaticLossScaler(1024)
    grads = (ms.Tensor(np.array([1.5, 1.0]), ms.float16), ms.Tensor(np.array([1.2]), ms.float32))
    unscaled = scaler.unscale(grads)
    assert [g.asnumpy().tolist() for g in unscaled] == SCALERS["static_unscale"]
    assert [_dtype_name(g.dtype) for g in unscaled] == SCALERS["static_unscale_dtypes"]
    assert scaler.scale(ms.Tensor([1.0], ms.float32)).asnumpy().tolist() == SCALERS["static_scale"]
    assert scaler.adjust(ms.Tensor(True)) is SCALERS["static_adjust"]


def test_loss_scale_managers_update_as_mindspore_step_by_step():
    dynamic, fixed = ms.DynamicLossScaleManager(1024, 2, 3), ms.FixedLossScaleManager(64.0)
    for manager, key in ((dynamic, "manager_dynamic_1024_2_3"), (fixed, "manager_fixed")):
        trace = []
        for finite in SCALERS["finite"]:
            manager.update_loss_scale(not finite)
            trace.append(float(manager.get_loss_scale()))
        assert trace == SCALERS[key]


def test_loss_scalers_reject_bad_arguments():
    with pytest.raises(ValueError, match="The argument 'scale_value' must be > 1, but got 0.5"):
        amp.StaticLossScaler(0.5)
    with pytest.raises(TypeError, match="'scale_value' must be one of \\['float', 'int'\\], but got 'str'"):
        amp.DynamicLossScaler("1", 2, 2)
    with pytest.raises(ValueError, match="The 'scale_window' must be a positive int, but got 0"):
        amp.DynamicLossScaler(2, 2, 0)
    with pytest.raises(TypeError, match="The 'scale_factor' must be int, but got 'float'"):
        amp.DynamicLossScaler(2, 2.0, 1)


def _regression_data():
    rng = np.random.default_rng(0)
    x = rng.standard_normal((16, 4)).astype(np.float32)
    y = (x @ np.array([[1.0], [-2.0], [0.5], [3.0]], np.float32) + 0.25).astype(np.float32)
    return ms.Tensor(x), ms.Tensor(y)


def test_o2_with_dynamic_loss_scale_skips_overflow_steps_then_trains():
    net = nn.Dense(4, 1)
    optimizer = nn.Momentum(net.trainable_params(), learning_rate=0.05, momentum=0.9)
    manager = ms.DynamicLossScaleManager(init_loss_scale=2.0 ** 24, scale_factor=2, scale_window=1000)
    step = amp.build_train_network(net, optimizer, nn.MSELoss(), level="O2", loss_scale_manager=manager)
    x, y = _regression_data()
    losses, skipped = [], 0
    for _ in range(40):
        before = net.weight.asnumpy().copy()
        loss, overflow, scale = step(x, y)
        if bool(overflow.asnumpy()):
            skipped += 1
            np.testing.assert_array_equal(net.weight.asnumpy(), before)  # an overflowing step changes nothing
        else:
            losses.append(float(loss.asnumpy()))
        assert loss.dtype == ms.float32
    assert net.weight.dtype == ms.float32  # master weights stay float32
    assert skipped >= 3  # 2**24 overflows float16 gradients: the scale halves until they fit
    assert float(scale.asnumpy()) < 2.0 ** 24
    assert losses[-1] < 0.05 * losses[0]


def test_model_amp_level_o2_trains_and_updates_the_manager():
    net = nn.Dense(4, 1)
    optimizer = nn.Momentum(net.trainable_params(), learning_rate=0.05, momentum=0.9)
    manager = ms.DynamicLossScaleManager(init_loss_scale=2.0 ** 24, scale_factor=2, scale_window=1000)
    model = ms.Model(net, nn.MSELoss(), optimizer, amp_level="O2", loss_scale_manager=manager)
    x, y = _regression_data()
    before = float(nn.MSELoss()(net(x), y).asnumpy())
    model.train(30, [(x, y)])
    assert type(model.train_network).__name__ == "TrainOneStepWithLossScaleCell"
    assert manager.get_loss_scale() < 2.0 ** 24  # overflowing steps lowered it
    assert float(nn.MSELoss()(net(x), y).asnumpy()) < 0.1 * before
