"""Semi-auto parallel: 8 virtual devices in one process, and 2 processes over loopback."""
import json

import numpy as np
import pytest

import sporax as ms
from sporax import nn, ops
from sporax.common import initializer as init
from sporax.parallel import Layout
from sporax._parallel.strategy import tensor_layout
from tests.parallel import _jobs


@pytest.fixture(scope="module")
def eight_devices(tmp_path_factory):
    out = tmp_path_factory.mktemp("semi_auto")
    result = _jobs.run_python("semi_auto_worker.py", out,
                              env_extra={"XLA_FLAGS": "--xla_force_host_platform_device_count=8"})
    assert result.returncode == 0, result.stdout[-3000:]
    return dict(np.load(out / "semi_auto.npz")), json.loads((out / "semi_auto.json").read_text())


@pytest.mark.parametrize("mode", ["graph", "pynative"])
def test_sharded_block_step_equals_single_device_step(eight_devices, mode):
    values, facts = eight_devices
    sharded, reference = facts[f"{mode}/losses"]
    np.testing.assert_allclose(sharded, reference, rtol=0, atol=1e-5)
    names = [k.split("/", 2)[2] for k in values if k.startswith(f"{mode}/reference/")]
    assert sorted(names) == ["b1", "norm.beta", "norm.gamma", "w1", "w2"]
    for name in names:
        np.testing.assert_allclose(values[f"{mode}/sharded/{name}"], values[f"{mode}/reference/{name}"],
                                   rtol=0, atol=1e-5, err_msg=name)


@pytest.mark.parametrize("mode", ["graph", "pynative"])
def test_parameter_layouts_follow_the_consuming_operators(eight_devices, mode):
    _, facts = eight_devices
    assert facts[f"{mode}/layouts"] == {
        "w1": [[2, 1, 4], [1, 0], [16, 8], 0, True, ""],   # MatMul ((2, 1), (1, 4)): weight columns in 4
        "b1": [[2, 4], [0], [8], 0, True, ""],              # Add ((2, 4), (4,))
        "w2": [[2, 4, 1], [1, 0], [8, 16], 0, True, ""],   # MatMul ((2, 4), (4, 1)): weight rows in 4
    }


@pytest.mark.parametrize("mode", ["graph", "pynative"])
def test_each_device_holds_only_its_shards_including_optimizer_state(eight_devices, mode):
    _, facts = eight_devices
    held = facts[f"{mode}/bytes"]
    for name in ("w1", "b1", "w2", "moments.w1", "moments.b1", "moments.w2"):
        assert held[name]["sliced"] is True
        assert held[name]["per_device"] == [held[name]["total"] // 4] * 8, name  # split in 4, repeated twice
    assert held["norm.gamma"]["per_device"] == [64] * 8 and held["norm.gamma"]["sliced"] is False


@pytest.mark.parametrize("mode", ["graph", "pynative"])
def test_optimizer_parallel_splits_the_copies_of_weights_and_state_and_trains_alike(eight_devices, mode):
    values, facts = eight_devices
    np.testing.assert_allclose(facts[f"optimizer_parallel/{mode}/losses"], facts[f"{mode}/losses"][1], rtol=0,
                               atol=1e-5)
    for name in ("w1", "b1", "w2", "norm.gamma", "norm.beta"):
        np.testing.assert_allclose(values[f"optimizer_parallel/{mode}/{name}"], values[f"{mode}/reference/{name}"],
                                   rtol=0, atol=1e-5, err_msg=name)
    held = facts[f"optimizer_parallel/{mode}/bytes"]
    # w1 (16, 32): split in 4 by MatMul, its 2 copies split again along axis 0: 1/8 on each device,
    # and the same for its Momentum state; LayerNorm's (16,) weights, held whole before, too.
    whole = {"w1": 16 * 32 * 4, "b1": 32 * 4, "w2": 32 * 16 * 4, "norm.gamma": 16 * 4, "norm.beta": 16 * 4}
    for name, size in whole.items():
        assert held[name] == [size // 8] and held[f"moments.{name}"] == [size // 8], name
    layouts = facts[f"optimizer_parallel/{mode}/layouts"]
    assert layouts["w1"] == [[2, 1, 4], [1, 0], [16, 8], 0, True, "2-optimizer_shard"]
    assert layouts["norm.gamma"] == [[8, 1], [0], [16], 0, True, "8-optimizer_shard"]


def test_lazy_shards_are_the_single_process_slices_for_every_initializer_and_generator(eight_devices):
    _, facts = eight_devices
    lazy = facts["lazy"]
    assert len(lazy) == 3 * 15
    for key, found in lazy.items():
        assert found == {"bit_identical": True, "blocks": 8, "init_data_agrees": True}, key


def test_auto_parallel_propagates_user_strategies_and_refuses_other_search_modes(eight_devices):
    _, facts = eight_devices
    assert facts["auto/losses"] == facts["graph/losses"][0][:1]
    assert facts["auto/other_search_mode"] == (
        "AUTO_PARALLEL in sporax propagates the user's strategies (GSPMD): set search_mode='sharding_propagation', "
        "but got search_mode='dynamic_programming'.")


@pytest.mark.parametrize("mode", ["pynative", "graph"])
def test_shard_on_a_function_lays_out_its_inputs_and_output(eight_devices, mode):
    _, facts = eight_devices
    found = facts[f"function_shard/{mode}"]
    assert found["max_error"] < 1e-5
    # out_strategy (2, 4): 2 row blocks x 4 column blocks of the (8, 8) product, one per device
    assert found["block_shape"] == [[4, 2]]
    assert len(found["blocks"]) == 8
    assert facts["function_shard/stand_alone_is_plain"] == [8, 8]


def test_shard_on_a_cell_lays_out_its_planned_parameters(eight_devices):
    _, facts = eight_devices
    assert facts["cell_shard/max_error"] < 1e-5
    assert facts["cell_shard/w1_layout"] == [[1, 8], [1, 0], [16, 4], 0, True, ""]  # parameter_plan (1, 8)
    assert facts["cell_shard/w1_blocks"] == [[16, 4]]


def test_bad_strategies_name_the_operator_input_and_numbers(eight_devices):
    _, facts = eight_devices
    assert facts["errors"] == {
        "shape": "For 'MatMul', the strategy (1, 4) of input 1 splits axis 1 of size 6 into 4 parts, "
                 "which does not divide it (shape (16, 6)).",
        "devices": "For 'MatMul', the strategy (3, 1) of input 0 uses 3 devices, which does not divide device_num=8.",
        "rank": "For 'MatMul', the strategy (2, 1, 1) of input 0 has 3 dimensions, but the tensor has shape (8, 16).",
    }


class _Block(nn.Cell):
    def __init__(self):
        super().__init__()
        ms.set_seed(3)
        self.w1 = ms.Parameter(init.initializer("normal", (16, 32), ms.float32), name="w1")
        self.w2 = ms.Parameter(init.initializer("xavier_uniform", (32, 16), ms.float32), name="w2")
        self.mm1, self.relu, self.mm2 = ops.MatMul(), ops.ReLU(), ops.MatMul()

    def construct(self, x):
        return self.mm2(self.relu(self.mm1(x, self.w1)), self.w2)


def test_two_processes_hold_half_of_each_weight_and_train_like_one(tmp_path):
    result = _jobs.launch("semi_auto_processes.py", 2, tmp_path, tmp_path)
    assert result.returncode == 0, result.stdout[-3000:]
    ms.set_context(mode=ms.GRAPH_MODE)
    try:
        net = _Block()
        step = nn.TrainOneStepCell(nn.WithLossCell(net, nn.MSELoss()), nn.SGD(net.trainable_params(), 0.1))
        rng = np.random.default_rng(0)
        losses = []
        for _ in range(3):
            x, y = rng.standard_normal((8, 16)).astype(np.float32), rng.standard_normal((8, 16)).astype(np.float32)
            losses.append(float(step(ms.Tensor(x), ms.Tensor(y)).asnumpy()))
    finally:
        ms.set_context(mode=ms.PYNATIVE_MODE)
    for rank in range(2):
        found = np.load(tmp_path / f"rank_{rank}.npz")
        np.testing.assert_allclose(found["losses"], losses, rtol=0, atol=1e-5)
        for param in net.trainable_params():
            assert int(found[f"bytes/{param.name}"]) == param.asnumpy().nbytes // 2
            region = tuple(slice(a, b) for a, b in found[f"index/{param.name}"])
            np.testing.assert_allclose(found[f"shard/{param.name}"], param.asnumpy()[region], rtol=0, atol=1e-5)
    assert [list(r) for r in np.load(tmp_path / "rank_1.npz")["index/w1"]] == [[0, 16], [16, 32]]


# --- in-process: the strategy API ----------------------------------------------------------------
def test_layout_maps_aliases_to_matrix_axes_counted_from_the_right():
    layout = Layout((2, 2, 2), ("dp", "sp", "mp"))
    assert layout(("dp", "sp"), "mp").to_dict() == {
        "device_matrix": (2, 2, 2), "tensor_map": ((2, 1), 0), "interleaved_parallel": False,
        "alias_name": ("dp", "sp", "mp"), "rank_list": [0, 1, 2, 3, 4, 5, 6, 7]}
    assert layout("None", "mp").to_dict()["tensor_map"] == (-1, 0)
    assert repr(layout).startswith("<sporax.parallel.shard.Layout object at 0x")  # MindSpore: the default repr
    with pytest.raises(ValueError, match="The tensor_map of layout is None"):
        layout.to_dict()


def test_layout_keeps_rank_list_and_interleaved_parallel_as_mindspore_does():
    """Values observed on MindSpore 2.10."""
    interleaved = Layout((2, 2, 2), ("dp", "mp", "interleaved_parallel"))(("dp", "interleaved_parallel"), "mp")
    assert interleaved.to_dict() == {"device_matrix": (2, 2, 2), "tensor_map": ((2, 0), 1), "interleaved_parallel": True,
                                     "alias_name": ("dp", "mp", "interleaved_parallel"),
                                     "rank_list": [0, 1, 2, 3, 4, 5, 6, 7]}
    reversed_ranks = Layout((2, 4), ("dp", "mp"), rank_list=[7, 6, 5, 4, 3, 2, 1, 0])("dp", "mp")
    assert reversed_ranks.to_dict()["rank_list"] == [7, 6, 5, 4, 3, 2, 1, 0]
    # The virtual (interleaved) split moves nothing between devices: the layout over the 4
    # devices is the one without it.
    plain = Layout((2, 2), ("dp", "mp"))("dp", "mp")
    assert tensor_layout(interleaved, (8, 8), 4, "MatMul", "input 0") == tensor_layout(plain, (8, 8), 4, "MatMul",
                                                                                         "input 0")
    with pytest.raises(ValueError, match=r"For 'MatMul', a Layout's rank_list must be the ranks in order, "
                                         r"list\(range\(8\)\), on sporax's global mesh, but got \[7, 6,"):
        tensor_layout(reversed_ranks, (8, 8), 8, "MatMul", "input 0")


@pytest.mark.parametrize("build, error, message", [
    (lambda: Layout([2, 2], ("a", "b")), TypeError, "device_matrix must be tuple type, but got:<class 'list'>"),
    (lambda: Layout((2, 2), ["a", "b"]), TypeError, "alias_name must be tuple type, but got:<class 'list'>"),
    (lambda: Layout((2, 2), ("a", "a")), ValueError, "Each element of alias_name ('a', 'a') should be different"),
    (lambda: Layout((2, 2), ("a", "None")), ValueError,
     "The element of alias_name can not set 'None', because 'None' means no sharding."),
    (lambda: Layout((2, 2), ("a", "")), ValueError, "The element of alias_name can not be empty."),
    (lambda: Layout((2, 2), ("a", "b"), rank_list=[0, 1, 2]), ValueError,
     "The length of rank_list should be equal to the product of device_matrix, but got 3 and 4."),
    (lambda: Layout((2, 2), ("a", "b"), rank_list=(0, 1, 2, 3)), TypeError,
     "The rank_list should be a list, but got tuple."),
    (lambda: Layout((2, 2), ("a", "b"), rank_list=[0, 1, 2, "3"]), TypeError,
     "The element of rank_list should be int, but got str."),
    (lambda: Layout((2, 2.0), ("a", "b")), TypeError, "The element of device_matrix must be int type, but got:<class 'float'>"),
    (lambda: Layout((2, 2), ("a", 1)), TypeError, "The element of alias_name must be str type, but got:<class 'int'>"),
    (lambda: Layout((2,), ("a", "b")), ValueError, "device_matrix length should be equal to alias_name length"),
    (lambda: Layout((2, 2), ("interleaved_parallel", "b")), ValueError,
     "When alias_name ('interleaved_parallel', 'b') contains keyword 'interleaved_parallel', it should be at the "
     "last dim of alias_name, which means the virtual sharding."),
    (lambda: Layout((2, 2, 2), ("dp", "sp", "mp"))("xx"), ValueError, "The axis xx is not found in ('dp', 'sp', 'mp')"),
    (lambda: Layout((2, 2, 2), ("dp", "sp", "mp"))(("dp", "sp"), "sp"), ValueError,
     "The axis sp has been set more than one in ('dp', 'sp', 'mp')"),
])
def test_layout_refuses_what_mindspore_refuses_with_its_messages(build, error, message):
    with pytest.raises(error) as caught:
        build()
    assert str(caught.value) == message


def test_primitive_shard_sets_mindspores_attributes():
    prim = ops.MatMul().shard(((2, 1), (1, 4)), ((2, 4),))
    assert repr(prim) == ("Prim[MatMul]<transpose_a=False, transpose_b=False, in_strategy=((2, 1), (1, 4)), "
                          "out_strategy=((2, 4),)>")
    with pytest.raises(TypeError, match="in_strategy must be tuple type, but got:<class 'list'>"):
        ops.MatMul().shard([[2, 1], [1, 4]])
    with pytest.raises(ValueError, match="must be a tuple of positive ints or a Layout, but got \\(2, 0\\)"):
        ops.MatMul().shard(((2, 0), (1, 4)))


def test_tuple_strategy_layout_puts_the_repeat_axis_first():
    assert tensor_layout((1, 4), (16, 32), 8, "MatMul", "input 1") == ((2, 1, 4), (1, 0), (16, 8))
    assert tensor_layout((2, 4), (8, 8), 8, "MatMul", "input 0") == ((2, 4), (1, 0), (4, 2))
    layout = Layout((2, 4), ("dp", "mp"))("mp", "None")
    assert tensor_layout(layout, (8, 8), 8, "MatMul", "input 0") == ((2, 4), (0, -1), (2, 8))


def test_strategies_are_ignored_when_stand_alone():
    prim = ops.MatMul().shard(((3, 1), (1, 1)))  # would not divide 8 devices: never looked at
    out = prim(ms.Tensor(np.ones((3, 2), np.float32)), ms.Tensor(np.ones((2, 2), np.float32)))
    np.testing.assert_array_equal(out.asnumpy(), np.full((3, 2), 2.0, np.float32))
    assert _Block().parameter_layout_dict == {}


def test_cell_shard_checks_its_parameter_plan():
    block = _Block()
    with pytest.raises(ValueError, match="'parameter_plan' names 'nope', which is not a Parameter"):
        block.shard(((1, 1),), parameter_plan={"nope": (1, 1)})
    with pytest.raises(TypeError, match="'parameter_plan' must be a dict"):
        block.shard(((1, 1),), parameter_plan=[("w1", (1, 1))])
    assert ms.shard(block, ((2, 1),)) is block  # one device: fn itself, as MindSpore with a group of one
    assert block.shard(((2, 1),)) is None  # MindSpore's Cell.shard returns nothing
    with pytest.raises(TypeError, match="'fn' must be a function or a Cell, but got int"):
        ms.shard(3, ((1,),))
    with pytest.raises(TypeError, match="For 'Shard', the 'in_strategy' should be a tuple, but got list"):
        ms.shard(block, [(1,)])
    with pytest.raises(TypeError, match="'parameter_plan' is only for a Cell's Parameters"):
        ms.shard(lambda x: x, ((1,),), parameter_plan={"w": (1,)})
