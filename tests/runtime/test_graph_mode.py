"""GRAPH_MODE and sporax.jit: compiled once per signature, results equal PYNATIVE_MODE's."""
import numpy as np
import pytest

import sporax as ms
from sporax import Parameter, Tensor, nn, ops
from sporax.errors import GraphModeError


def f32(*values):
    return Tensor(np.array(values, np.float32))


class Sequence(nn.Cell):
    """Spec §9.2."""

    def __init__(self):
        super().__init__()
        self.p = Parameter(f32(1.0), name="p")
        self.assign, self.assign_add, self.print = ops.Assign(), ops.AssignAdd(), ops.Print()

    def construct(self, x):
        a = self.p * 1
        self.print(self.p)
        self.assign(self.p, x)
        b = self.p * 1
        self.print(self.p)
        self.assign_add(self.p, 5)
        c = self.p + 0
        self.print(self.p)
        return a, b, c, self.p


@pytest.mark.parametrize("mode", [ms.PYNATIVE_MODE, ms.GRAPH_MODE])
def test_spec_sequence_reads_1_5_10_in_both_modes(mode, capsys):
    ms.set_context(mode=mode)
    net = Sequence()
    a, b, c, p = net(f32(5.0))
    assert [a.asnumpy().tolist(), b.asnumpy().tolist(), c.asnumpy().tolist()] == [[1.0], [5.0], [10.0]]
    assert p is net.p and net.p.asnumpy().tolist() == [10.0]
    assert capsys.readouterr().out == ("Tensor(shape=[1], dtype=Float32, value= [ 1.00000000e+00])\n"
                                       "Tensor(shape=[1], dtype=Float32, value= [ 5.00000000e+00])\n"
                                       "Tensor(shape=[1], dtype=Float32, value= [ 1.00000000e+01])\n")


def test_assign_returns_the_value_and_depend_returns_its_first_argument():
    class Net(nn.Cell):
        def __init__(self):
            super().__init__()
            self.p = Parameter(f32(0.0), name="p")

        def construct(self, x):
            r = ops.assign(self.p, x * 2)
            return r, ops.depend(x + 1, r)

    for mode in (ms.PYNATIVE_MODE, ms.GRAPH_MODE):
        ms.set_context(mode=mode)
        r, y = Net()(f32(3.0))
        assert r.asnumpy().tolist() == [6.0] and y.asnumpy().tolist() == [4.0]


def test_depend_is_an_ordering_constraint_in_the_compiled_program():
    class Net(nn.Cell):
        def __init__(self):
            super().__init__()
            self.p = Parameter(f32(0.0), name="p")

        def construct(self, x):
            a = ops.assign(self.p, x)
            y = ops.depend(x * 3, a)
            return y

    program = Net().compiled_program(f32(1.0))
    assert "optimization_barrier" in program
    barrier = [line for line in program.splitlines() if "optimization_barrier" in line][0]
    # the barrier ties the consumer's input to the assigned value
    assert barrier.count(":f32[1]") >= 2


def test_compiled_once_per_signature_and_recompiled_on_new_shape():
    traces = []

    class Net(nn.Cell):
        def construct(self, x):
            traces.append(x.shape)
            return x * 2

    ms.set_context(mode=ms.GRAPH_MODE)
    net = Net()
    for _ in range(3):
        assert net(f32(1.0, 2.0)).asnumpy().tolist() == [2.0, 4.0]
    first = len(traces)
    net(f32(1.0, 2.0, 3.0))
    assert first == 2 and len(traces) == 4  # discovery + compile, once per shape


def test_python_truth_of_a_traced_tensor_names_the_line():
    class Net(nn.Cell):
        def construct(self, x):
            return x if x > 0 else -x  # the line the error must name (an if statement would compile)

    ms.set_context(mode=ms.GRAPH_MODE)
    with pytest.raises(GraphModeError, match=r"test_graph_mode.py:\d+: return x if x > 0 else -x.*ops.select"):
        Net()(f32(1.0))


def test_creating_a_parameter_inside_a_compiled_construct_raises():
    class Net(nn.Cell):
        def construct(self, x):
            return x * Parameter(f32(2.0), name="late")

    ms.set_context(mode=ms.GRAPH_MODE)
    with pytest.raises(ValueError, match="creating Parameter 'late' is not supported in 'construct'"):
        Net()(f32(1.0))


def test_jit_function_and_method_write_parameters_back():
    counter = Parameter(f32(0.0), name="counter")

    @ms.jit
    def step(x):
        ops.assign_add(counter, x)
        return counter * 2

    assert step(f32(2.0)).asnumpy().tolist() == [4.0]
    assert step(f32(3.0)).asnumpy().tolist() == [10.0] and counter.asnumpy().tolist() == [5.0]

    class Holder:
        def __init__(self):
            self.w = Parameter(f32(1.0), name="w")

        @ms.jit()
        def scale(self, x):
            return x * self.w

    assert Holder().scale(f32(3.0)).asnumpy().tolist() == [3.0]


def test_lazy_parameters_materialise_for_the_graph_and_plain_lists_are_reached():
    class Net(nn.Cell):
        def __init__(self):
            super().__init__()
            self.dense = nn.Dense(3, 2)
            self.extra = [Parameter(f32(1.0, 1.0))]

        def construct(self, x):
            return self.dense(x) + self.extra[0]

    ms.set_seed(1)
    eager = Net()
    x = Tensor(np.ones((4, 3), np.float32))
    expected = eager(x).asnumpy()
    ms.set_context(mode=ms.GRAPH_MODE)
    ms.set_seed(1)
    net = Net()
    np.testing.assert_allclose(net(x).asnumpy(), expected, rtol=1e-6)
    assert not net.dense.weight.has_init


def test_batchnorm_training_updates_moving_statistics_in_graph_mode():
    x = Tensor(np.arange(16, dtype=np.float32).reshape(2, 2, 2, 2))
    bn_eager = nn.BatchNorm2d(2).set_train(True)
    y_eager = bn_eager(x).asnumpy()
    ms.set_context(mode=ms.GRAPH_MODE)
    bn_graph = nn.BatchNorm2d(2).set_train(True)
    np.testing.assert_allclose(bn_graph(x).asnumpy(), y_eager, rtol=1e-6)
    np.testing.assert_allclose(bn_graph.moving_mean.asnumpy(), bn_eager.moving_mean.asnumpy(), rtol=1e-6)
    np.testing.assert_allclose(bn_graph.moving_variance.asnumpy(), bn_eager.moving_variance.asnumpy(), rtol=1e-6)


def test_dropout_draws_new_masks_on_every_graph_call():
    drop = nn.Dropout(p=0.5).set_train(True)
    ms.set_context(mode=ms.GRAPH_MODE)
    x = Tensor(np.ones(256, np.float32))
    assert not np.array_equal(drop(x).asnumpy(), drop(x).asnumpy())


def test_mode_values_and_validation():
    assert (ms.GRAPH_MODE, ms.PYNATIVE_MODE) == (0, 1)
    with pytest.raises(ValueError, match="argument 'mode'"):
        ms.set_context(mode=2)
