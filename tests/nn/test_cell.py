"""Cell registration and naming (spec §7)."""
import numpy as np
import pytest

import sporax as ms
from sporax import Parameter, ParameterTuple, Tensor, nn


def ones(*shape):
    return Tensor(np.ones(shape, np.float32))


class Block(nn.Cell):
    def __init__(self):
        super().__init__()
        self.w = Parameter(ones(2))
        self.v = Parameter(ones(2), name="custom")
        self.frozen = Parameter(ones(1), requires_grad=False)

    def construct(self, x):
        return x * self.w


class Net(nn.Cell):
    def __init__(self):
        super().__init__()
        self.own = Parameter(ones(1))
        self.conv1 = nn.Conv2d(1, 2, 3)
        self.block = Block()
        self.dense = nn.Dense(2, 2)

    def construct(self, x):
        return self.dense(x)


def test_generated_name_takes_the_attribute_name_and_explicit_name_is_kept_at_top():
    block = Block()
    assert [p.name for p in block.get_parameters()] == ["w", "custom", "frozen"]


def test_nesting_prefixes_every_name_including_explicit_ones():
    net = Net()
    assert [(k, p.name) for k, p in net.parameters_and_names()] == [
        ("own", "own"), ("conv1.weight", "conv1.weight"), ("block.w", "block.w"), ("block.v", "block.v"),
        ("block.frozen", "block.frozen"), ("dense.weight", "dense.weight"), ("dense.bias", "dense.bias")]


def test_nesting_composes_and_reparenting_renames_again():
    class Outer(nn.Cell):
        def __init__(self):
            super().__init__()
            self.a = Net()

    outer = Outer()
    assert outer.a.block.w.name == "a.block.w" and outer.a.conv1.weight.name == "a.conv1.weight"
    inner = outer.a.block
    assert [(k, p.name) for k, p in inner.parameters_and_names()][0] == ("w", "a.block.w")


def test_auto_prefix_false_keeps_child_names():
    class Flat(nn.Cell):
        def __init__(self):
            super().__init__(auto_prefix=False)
            self.conv = nn.Conv2d(1, 2, 3)

    flat = Flat()
    assert [(k, p.name) for k, p in flat.parameters_and_names()] == [("conv.weight", "weight")]


def test_shared_child_gets_the_last_prefix_and_is_listed_once_under_the_first_path():
    class Twice(nn.Cell):
        def __init__(self):
            super().__init__()
            d = nn.Dense(2, 2, has_bias=False)
            self.a = d
            self.b = d

    twice = Twice()
    assert [(k, p.name) for k, p in twice.parameters_and_names()] == [("a.weight", "b.weight")]


def test_parameters_dict_is_keyed_by_name_and_filters():
    net = Net()
    assert list(net.parameters_dict()) == [p.name for p in net.get_parameters()]
    assert [p.name for p in net.untrainable_params()] == ["block.frozen"]
    assert len(net.trainable_params()) == 6
    assert [p.name for p in net.get_parameters(expand=False)] == ["own"]
    assert [k for k, _ in net.parameters_and_names(name_prefix="net")][:2] == ["net.own", "net.conv1.weight"]


def test_cells_and_names_order():
    assert [k for k, _ in Net().cells_and_names()] == ["", "conv1", "block", "dense"]
    assert list(Net().name_cells()) == ["conv1", "block", "dense"]


def test_parameter_tuple_attribute_registers_elements_under_their_names():
    class WithTuple(nn.Cell):
        def __init__(self):
            super().__init__()
            self.pt = ParameterTuple((Parameter(ones(1)), Parameter(ones(1)), Parameter(ones(1), name="named")))

    cell = WithTuple()
    assert [(k, p.name) for k, p in cell.parameters_and_names()] == [
        ("Parameter$1", "Parameter$1"), ("Parameter$2", "Parameter$2"), ("named", "named")]
    assert isinstance(cell.pt, ParameterTuple)

    class Outer(nn.Cell):
        def __init__(self):
            super().__init__()
            self.inner = WithTuple()

    assert [k for k, _ in Outer().parameters_and_names()][0] == "inner.Parameter$1"


def test_plain_list_of_parameters_is_not_registered():
    class WithList(nn.Cell):
        def __init__(self):
            super().__init__()
            self.plist = [Parameter(ones(1)), Parameter(ones(1))]

    cell = WithList()
    assert list(cell.parameters_and_names()) == [] and cell.trainable_params() == []
    assert cell.plist[0].name == "Parameter"


def test_plain_lists_refuse_two_parameters_of_one_name():
    class Clash(nn.Cell):
        def __init__(self):
            super().__init__()
            self.a = [Parameter(ones(1), name="x")]
            self.b = [Parameter(ones(1), name="x")]

    with pytest.raises(ValueError, match="its name 'x' already exists"):
        Clash()


def test_reassignment_rules():
    net = nn.Dense(2, 2)
    bias = net.bias
    net.bias = Tensor(np.full(2, 3.0, np.float32))  # a Tensor goes through set_data
    assert net.bias is bias and net.bias.asnumpy().tolist() == [3.0, 3.0]
    with pytest.raises(TypeError, match="Parameter 'bias' already exists in network, can not assign this type: "
                                        "'<class 'int'>' as a parameter."):
        net.bias = 1
    new = Parameter(ones(2), name="b2")
    net.bias = new
    assert net.bias is new
    net.bias = None
    assert [k for k, _ in net.parameters_and_names()] == ["weight"]


def test_parameter_over_a_cell_and_cell_over_a_parameter_are_key_errors():
    net = Net()
    with pytest.raises(KeyError, match="For 'insert_param_to_cell', the sub parameter already exists"):
        net.block = Parameter(ones(1))
    with pytest.raises(KeyError, match="For 'insert_child_to_cell', the own child cell already exists in the network"):
        net.own = nn.ReLU()


def test_assigning_before_init_is_attribute_error():
    class Early(nn.Cell):
        def __init__(self):
            self.w = Parameter(ones(1))
            super().__init__()

    with pytest.raises(AttributeError, match="For 'insert_param_to_cell', please call Cell.__init__\\(\\) firstly."):
        Early()


def test_missing_attribute_message():
    with pytest.raises(AttributeError, match="The 'Dense' object has no attribute 'nothing'."):
        nn.Dense(2, 2).nothing


def test_insert_param_to_cell_rules():
    cell = nn.Cell()
    with pytest.raises(KeyError, match="should not be None"):
        cell.insert_param_to_cell("", Parameter(ones(1)))
    with pytest.raises(KeyError, match="should not contain'.' "):
        cell.insert_param_to_cell("a.b", Parameter(ones(1)))
    with pytest.raises(KeyError, match="already exists in the network"):
        cell.insert_param_to_cell("training", Parameter(ones(1)))
    with pytest.raises(TypeError, match="the argument 'param' must be 'Parameter' if not None, but got "
                                        "<class 'sporax.common.tensor.Tensor'>."):
        cell.insert_param_to_cell("t", ones(1))
    p = Parameter(ones(1))
    cell.insert_param_to_cell("a.b", p, check_name_contain_dot=False)
    assert p.name == "a.b" and cell.parameters_dict()["a.b"] is p


def test_update_parameters_name():
    net = Net()
    net.update_parameters_name("m.")
    assert net.own.name == "m.own" and net.block.w.name == "m.block.w"
    net.update_parameters_name("")
    assert net.dense.weight.name == "dense.weight"
    with pytest.raises(ValueError, match="illegal"):
        net.update_parameters_name("a b")
    with pytest.raises(TypeError, match="must be str"):
        net.update_parameters_name(None)


def test_duplicate_explicit_names_only_fail_check_names():
    class Dup(nn.Cell):
        def __init__(self):
            super().__init__()
            self.p1 = Parameter(ones(1), name="same")
            self.p2 = Parameter(ones(1), name="same")

    dup = Dup()
    with pytest.raises(ValueError, match="The value of p2 is Parameter \\(name=same, .*its name 'same' already exists."):
        dup.check_names()


def test_set_train_is_recursive_and_returns_self():
    net = Net()
    assert net.training is False and net.set_train() is net
    assert all(c.training for _, c in net.cells_and_names())
    net.set_train(False)
    assert not net.block.training


def test_repr_nested():
    class Small(nn.Cell):
        def __init__(self):
            super().__init__()
            self.seq = nn.SequentialCell([nn.Dense(2, 2), nn.ReLU()])
            self.lst = nn.CellList([nn.ReLU(), nn.Tanh()])

    assert repr(Small()) == ("Small(\n  (seq): SequentialCell(\n    (0): Dense(input_channels=2, output_channels=2, "
                             "has_bias=True)\n    (1): ReLU()\n  )\n  (lst): CellList(\n    (0): ReLU()\n    "
                             "(1): Tanh()\n  )\n)")


def test_containers_name_their_children():
    seq = nn.SequentialCell([nn.Dense(2, 3), nn.ReLU(), nn.Dense(3, 1)])
    assert [p.name for p in seq.get_parameters()] == ["0.weight", "0.bias", "2.weight", "2.bias"]
    assert len(seq) == 3 and isinstance(seq[1], nn.ReLU) and len(seq[0:2]) == 2
    assert seq(ones(4, 2)).shape == (4, 1)
    cells = nn.CellDict({"a": nn.Dense(1, 1)})
    assert [p.name for p in cells.get_parameters()] == ["a.weight", "a.bias"] and "a" in cells


def test_construction_is_lazy_and_report_reads_metadata_only():
    class Huge(nn.Cell):
        def __init__(self):
            super().__init__()
            self.fc = nn.Dense(65536, 65536)

    net = Huge()
    report = net.parameter_report()
    assert [(r.name, r.shape, r.materialized, r.nbytes) for r in report] == [
        ("fc.weight", (65536, 65536), False, 65536 * 65536 * 4), ("fc.bias", (65536,), False, 65536 * 4)]
    assert report[0].initializer.startswith("HeUniform(negative_slope=2.23606")
    text = str(report)
    assert "fc.weight" in text and "16.0 GiB" in text and "lazy" in text
    assert all(p.has_init for p in net.get_parameters())


def test_init_parameters_data_materialises_everything():
    net = Net()
    done = net.init_parameters_data()
    assert not any(p.has_init for p in net.get_parameters())
    assert "conv1.weight" in done


def test_to_float_runs_in_float16():
    net = nn.Dense(3, 2).to_float(ms.float16)
    assert net(ones(1, 3)).dtype == ms.float16
