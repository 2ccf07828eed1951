"""`if`/`while`/`for` on Tensor values in GRAPH_MODE and sporax.jit compile to lax constructs,
with Parameter writes, prints and values in program order: graph == PyNative exactly."""
import contextlib
import io
import linecache
import textwrap

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sporax as ms
from sporax import Parameter, Tensor, nn, ops
from sporax.errors import GraphModeError

N_PARAMS = 2


def f32(*values):
    return Tensor(np.array(values, np.float32))


@pytest.fixture(autouse=True)
def pynative_after():
    yield
    ms.set_context(mode=ms.PYNATIVE_MODE)


# --- generated programs ------------------------------------------------------------------------
def simple_statement():
    k = st.integers(0, N_PARAMS - 1)
    c = st.integers(-2, 2)
    return st.one_of(
        st.builds(lambda k, c: f"ops.assign_add(self.p{k}, Tensor(np.full(2, {c}, np.float32)))", k, c),
        st.builds(lambda k: f"ops.assign(self.p{k}, y)", k),
        st.builds(lambda k: f"y = y + self.p{k}", k),
        st.builds(lambda k: f"y = y - self.p{k} * 1", k),
        st.builds(lambda c: f"y = y + {c}", c),
        st.just("self.print('y', y)"),
        st.builds(lambda k: f"self.print('p', self.p{k})", k),
    )


def block(depth):
    if depth == 0:
        return st.lists(simple_statement(), min_size=1, max_size=3)
    inner = block(depth - 1)
    c = st.integers(-4, 4)
    compound = st.one_of(
        st.builds(lambda c, a, b: [f"if y.sum() > {c}:"] + indent(a) + ["else:"] + indent(b), c, inner, inner),
        st.builds(lambda a: ["if self.flag:"] + indent(a), inner),
        st.builds(lambda a: [f"i{depth} = 0", f"while i{depth} < n:"] + indent(a + [f"i{depth} = i{depth} + 1"]),
                  inner),
        st.builds(lambda a: [f"for k{depth} in range(n):"] + indent(a), inner),
        st.builds(lambda a: [f"for row{depth} in x:"] + indent(a + [f"y = y + row{depth}"]), inner),
        # break/continue under a Tensor condition, in tensor loops and in Python loops
        st.builds(lambda a, c, exit_: [f"i{depth} = 0", f"while i{depth} < n:"]
                  + indent([f"i{depth} = i{depth} + 1", f"if y.sum() > {c}:", f"    {exit_}"] + a),
                  inner, c, st.sampled_from(["break", "continue"])),
        st.builds(lambda a, c, exit_, loop: [loop] + indent(a + [f"if y.sum() > {c}:", f"    {exit_}", "y = y * 2"]),
                  inner, c, st.sampled_from(["break", "continue"]),
                  st.sampled_from([f"for k{depth} in range(n):", f"for row{depth} in x:", f"for k{depth} in range(2):"])),
    )
    return st.lists(st.one_of(simple_statement().map(lambda s: [s]), compound), min_size=1, max_size=3).map(
        lambda parts: [line for part in parts for line in part])


def indent(lines):
    return ["    " + line for line in lines]


_generated = [0]


def program_class(body_lines):
    """A Cell whose construct is `body_lines`, with its source registered for inspect (as if
    it lived in a file)."""
    _generated[0] += 1
    filename = f"<control-flow-program-{_generated[0]}>"
    source = "\n".join(["class Program(nn.Cell):",
                        "    def __init__(self, flag):",
                        "        super().__init__()",
                        *[f"        self.p{k} = Parameter(Tensor(np.full(2, {k + 1}, np.float32)), name='p{k}')"
                          for k in range(N_PARAMS)],
                        "        self.print = ops.Print()",
                        "        self.flag = flag",
                        "    def construct(self, x, n):",
                        "        y = x * 1",
                        *["        " + line for line in body_lines],
                        "        return y"]) + "\n"
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    namespace = {"nn": nn, "ops": ops, "np": np, "Tensor": Tensor, "Parameter": Parameter}
    exec(compile(source, filename, "exec"), namespace)
    return namespace["Program"]


def run(mode, cls, flag, n):
    ms.set_context(mode=mode)
    net = cls(flag)
    transcript = io.StringIO()
    results = []
    with contextlib.redirect_stdout(transcript):
        for step in range(2):
            out = net(f32(step, 1 - step), Tensor(np.array(n, np.int64)))
            results.append(out.asnumpy().tolist())
    return results, [getattr(net, f"p{k}").asnumpy().tolist() for k in range(N_PARAMS)], transcript.getvalue()


@settings(max_examples=100, deadline=None)
@given(body=block(2), flag=st.booleans(), n=st.integers(0, 2))
def test_generated_control_flow_programs_give_the_same_results_in_graph_and_pynative(body, flag, n):
    cls = program_class(body)
    assert run(ms.GRAPH_MODE, cls, flag, n) == run(ms.PYNATIVE_MODE, cls, flag, n)


# --- zoo-style constructs ------------------------------------------------------------------------
class ZooNet(nn.Cell):
    def __init__(self):
        super().__init__()
        self.dense = nn.Dense(2, 2, weight_init="ones", bias_init="zeros")
        self.steps = Parameter(Tensor(np.zeros((), np.float32)), name="steps")

    def construct(self, x, n):
        if x.sum() > 0:
            x = self.dense(x)
        else:
            x = -x
        i = 0
        while i < n:
            x = x * 0.5
            ops.assign_add(self.steps, Tensor(1.0, ms.float32))
            i += 1
        return x


@pytest.mark.parametrize("mode", [ms.PYNATIVE_MODE, ms.GRAPH_MODE])
def test_zoo_style_if_on_a_sum_and_while_loop_compile(mode):
    ms.set_context(mode=mode)
    net = ZooNet()
    out = net(f32(1.0, 2.0), Tensor(np.array(2, np.int64)))
    assert out.asnumpy().tolist() == [0.75, 0.75]
    assert net.steps.asnumpy().tolist() == 2.0
    out = net(f32(-1.0, -2.0), Tensor(np.array(3, np.int64)))
    assert out.asnumpy().tolist() == [0.125, 0.25]
    assert net.steps.asnumpy().tolist() == 5.0


def test_tensor_conditions_compile_to_lax_constructs_in_the_program():
    ms.set_context(mode=ms.GRAPH_MODE)
    text = ZooNet().compiled_program(f32(1.0, 2.0), Tensor(np.array(2, np.int64)))
    assert "cond[" in text and "while[" in text


class PythonFlag(nn.Cell):
    def __init__(self, flag):
        super().__init__()
        self.flag = flag

    def construct(self, x):
        if self.flag:
            x = x + 1
        for _ in range(3):
            x = x * 2
        k = 0
        while k < 2:
            k += 1
        return x + k


def test_python_valued_conditions_stay_python():
    ms.set_context(mode=ms.GRAPH_MODE)
    net = PythonFlag(True)
    text = net.compiled_program(f32(1.0))
    assert "cond" not in text and "while" not in text
    assert net(f32(1.0)).asnumpy().tolist() == [18.0]
    assert PythonFlag(False)(f32(1.0)).asnumpy().tolist() == [10.0]


class EarlyReturn(nn.Cell):
    def construct(self, x):
        if x.sum() > 0:
            if x.max() > 5:
                return x * 0
            return x * 2
        y = x - 1
        return y * 3


@pytest.mark.parametrize("value,expected", [(1.0, 2.0), (6.0, 0.0), (-1.0, -6.0)])
def test_return_inside_a_tensor_if_branch(value, expected):
    ms.set_context(mode=ms.GRAPH_MODE)
    assert EarlyReturn()(f32(value)).asnumpy().tolist() == [expected]


def test_jit_function_with_for_over_a_tensor_range_and_rows():
    @ms.jit
    def total(x, n):
        s = x[0] * 0
        for k in range(n):
            s = s + k
        for row in x:
            s = s + row
        return s

    assert total(f32(1.0, 2.0), Tensor(np.array(4, np.int64))).asnumpy().tolist() == 9.0


def test_branches_that_disagree_on_a_shape_name_file_line_and_variable():
    class Bad(nn.Cell):
        def construct(self, x):
            if x.sum() > 0:
                y = x
            else:
                y = ops.concat((x, x))
            return y

    ms.set_context(mode=ms.GRAPH_MODE)
    with pytest.raises(GraphModeError, match=r"test_control_flow.py:\d+: in this 'if' on a Tensor condition, "
                                             r"variable 'y' is a Tensor of shape \(2,\)"):
        Bad()(f32(1.0, 2.0))


def test_break_and_continue_under_tensor_conditions_compile():
    class Exits(nn.Cell):
        def __init__(self):
            super().__init__()
            self.count = Parameter(Tensor(np.zeros(1, np.float32)), name="count")

        def construct(self, x, rows):
            while x.sum() < 10:
                x = x + 1
                ops.assign_add(self.count, f32(1.0))
                if x.sum() > 3:
                    break
                x = x * 1
            total = rows[0] * 0
            for row in rows:
                if row.sum() < 2:
                    continue
                total = total + row
            for k in range(3):  # a Python loop whose break is decided by a Tensor
                if total.sum() > 40:
                    break
                total = total * 2
            return x, total

    rows = Tensor(np.array([[1, 0], [3, 4], [0, 1], [5, 5]], np.float32))
    results = []
    for mode in (ms.PYNATIVE_MODE, ms.GRAPH_MODE):
        ms.set_context(mode=mode)
        net = Exits()
        x, total = net(f32(1.0), rows)
        results.append((x.asnumpy().tolist(), total.asnumpy().tolist(), net.count.asnumpy().tolist()))
    assert results[0] == results[1] == ([4.0], [32.0, 36.0], [3.0])


def test_break_in_a_tensor_loops_else_clause_names_file_line_and_reason():
    class Bad(nn.Cell):
        def construct(self, x):
            while x.sum() < 10:
                x = x + 1
            else:
                x = x * 2
            return x

    ms.set_context(mode=ms.GRAPH_MODE)
    with pytest.raises(GraphModeError, match=r"test_control_flow.py:\d+: an 'else' clause on a 'while' loop"):
        Bad()(f32(1.0))


def helper_function_with_a_loop(x):
    out = x
    for _ in range(3):
        if out.sum() > 100:
            break
        out = out * 3
    return out


class CallsHelpers(nn.Cell):
    def construct(self, x):
        return self.pick(x) + helper_function_with_a_loop(x)

    def pick(self, x):
        if x.sum() > 0:
            return x * 2
        return x * -1


@pytest.mark.parametrize("value, expected", [((1.0, 2.0), [29.0, 58.0]), ((-1.0, -2.0), [-26.0, -52.0]),
                                             ((40.0, 30.0), [200.0, 150.0])])
def test_methods_and_functions_called_from_construct_compile_their_control_flow(value, expected):
    ms.set_context(mode=ms.GRAPH_MODE)
    assert CallsHelpers()(f32(*value)).asnumpy().tolist() == expected


def test_loop_variable_changing_shape_names_the_variable():
    class Bad(nn.Cell):
        def construct(self, x, n):
            i = 0
            while i < n:
                x = ops.concat((x, x))
                i = i + 1
            return x

    ms.set_context(mode=ms.GRAPH_MODE)
    with pytest.raises(GraphModeError, match=r"variable 'x' is a Tensor of shape \(1,\) and dtype float32 before "
                                             r"the loop but a Tensor of shape \(2,\)"):
        Bad()(f32(1.0), Tensor(np.array(2, np.int64)))


def test_transformed_code_keeps_line_numbers_of_the_source():
    class Net(nn.Cell):
        def construct(self, x):
            if x.sum() > 0:
                x = x + undefined_name  # noqa: F821 -- the traceback must point here
            return x

    ms.set_context(mode=ms.GRAPH_MODE)
    with pytest.raises(NameError) as info:
        Net()(f32(1.0))
    assert info.traceback[-1].statement.lines[0].strip().startswith("x = x + undefined_name")


# --- Cell.compile, set_jit_config, add_flags ---------------------------------------------------
def test_compile_compiles_without_running_and_the_call_then_runs_it():
    class Count(nn.Cell):
        def __init__(self):
            super().__init__()
            self.calls = Parameter(Tensor(np.zeros((), np.float32)), name="calls")

        def construct(self, x):
            ops.assign_add(self.calls, Tensor(1.0, ms.float32))
            return x * 2

    net = Count()
    net.compile(f32(1.0, 2.0))
    assert net.calls.asnumpy().tolist() == 0.0
    graphs = list(net._graph_cache.values())
    assert len(graphs) == 1 and graphs[0].executable is not None
    ms.set_context(mode=ms.GRAPH_MODE)
    assert net(f32(3.0, 4.0)).asnumpy().tolist() == [6.0, 8.0]
    assert net.calls.asnumpy().tolist() == 1.0 and len(net._graph_cache) == 1


def test_set_jit_config_keeps_the_first_config_and_validates():
    net = nn.Cell()
    net.set_jit_config(ms.JitConfig(jit_level="O1", jit_syntax_level="STRICT"))
    assert net._jit_config_dict["jit_syntax_level"] == "STRICT"
    with pytest.warns(UserWarning, match="jit config can only be set once"):
        net.set_jit_config(ms.JitConfig(jit_level="O2"))
    assert net._jit_config_dict["jit_level"] == "O1"
    with pytest.raises(TypeError, match="For 'set_jit_config', the 'jit_config' must be JitConfig, but got int"):
        nn.Cell().set_jit_config(3)
    assert (ms.STRICT, ms.COMPATIBLE, ms.LAX) == (0, 1, 2)


def test_add_flags_sets_attributes_and_add_flags_recursive_reaches_sub_cells():
    outer = nn.SequentialCell([nn.ReLU(), nn.ReLU()])
    assert outer.add_flags_recursive(sink_mode=True) is outer
    assert [cell.sink_mode for _, cell in outer.cells_and_names()] == [True, True, True]
    assert outer.get_flags() == {"sink_mode": True}
    flagged = nn.Cell(flags={"x": 1}).add_flags(y=2)
    assert (flagged.x, flagged.y, flagged.get_flags()) == (1, 2, {"x": 1, "y": 2})
    with pytest.raises(TypeError):
        flagged.add_flags(3)


def _closure_net():
    offset = f32(1.0)

    class Base(nn.Cell):
        def construct(self, x):
            return x + 100

    class Net(Base):
        def __init__(self):
            super().__init__()
            self.layers = [nn.ReLU(), nn.ReLU()]

        def construct(self, x):
            for layer in self.layers:  # a Python list: stays a Python loop
                x = layer(x)
            if x.sum() > 0:
                x = x * 3 + offset
            else:
                x = super().construct(x)
            return x

    return Net


@pytest.mark.parametrize("value,expected", [(1.0, 4.0), (-1.0, 100.0)])
def test_transformed_construct_keeps_closures_globals_and_zero_argument_super(value, expected):
    ms.set_context(mode=ms.GRAPH_MODE)
    assert _closure_net()()(f32(value)).asnumpy().tolist() == [expected]
