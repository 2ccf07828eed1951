"""Random programs over 1-3 Parameters: GRAPH_MODE equals PYNATIVE_MODE exactly — outputs,
final Parameter values and the printed transcript. Values stay small integers in float32,
so every result is exact and any difference is an ordering difference."""
import contextlib
import io

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import sporax as ms
from sporax import Parameter, Tensor, nn, ops

N_PARAMS = 3


def instruction():
    i = st.integers(0, N_PARAMS - 1)
    small = st.integers(-3, 3)
    return st.one_of(
        st.tuples(st.just("read"), i),
        st.tuples(st.just("bare"), i),
        st.tuples(st.just("assign"), i, small),
        st.tuples(st.just("assign_add"), i, small),
        st.tuples(st.just("assign_sub"), i, small),
        st.tuples(st.just("assign_from"), i, i),
        st.tuples(st.just("print"), i),
        st.tuples(st.just("depend"), i, i),
        st.tuples(st.just("arith"), i, i),
    )


class Program(nn.Cell):
    def __init__(self, n_params, code):
        super().__init__()
        self.params = [Parameter(Tensor(np.full(2, k + 1, np.float32)), name=f"p{k}") for k in range(n_params)]
        for k, p in enumerate(self.params):
            setattr(self, f"p{k}", p)
        self.code = code
        self.print = ops.Print()

    def construct(self, x):
        p = [getattr(self, f"p{k}") for k in range(len(self.params))]
        n = len(p)
        outputs, last = [], x
        for op, *args in self.code:
            a = p[args[0] % n]
            if op == "read":
                outputs.append(a * 1 + x)
            elif op == "bare":
                outputs.append(a)
            elif op == "assign":
                last = ops.assign(a, Tensor(np.full(2, args[1], np.float32)))
            elif op == "assign_add":
                last = ops.assign_add(a, Tensor(np.full(2, args[1], np.float32)))
            elif op == "assign_sub":
                last = ops.assign_sub(a, args[1])
            elif op == "assign_from":
                last = ops.assign(a, p[args[1] % n] + 1)
            elif op == "print":
                self.print("p", a)
            elif op == "depend":
                outputs.append(ops.depend(p[args[1] % n] * 2, last))
            elif op == "arith":
                outputs.append(a * p[args[1] % n] - x)
        return tuple(outputs)


def run(mode, n_params, code, calls=2):
    ms.set_context(mode=mode)
    try:
        net = Program(n_params, code)
        transcript = io.StringIO()
        results = []
        with contextlib.redirect_stdout(transcript):
            for step in range(calls):
                out = net(Tensor(np.full(2, step, np.float32)))
                results.append([o.asnumpy().tolist() for o in out])
        return results, [p.asnumpy().tolist() for p in net.params], transcript.getvalue()
    finally:
        ms.set_context(mode=ms.PYNATIVE_MODE)


@settings(max_examples=200, deadline=None)
@given(n_params=st.integers(1, N_PARAMS), code=st.lists(instruction(), min_size=1, max_size=10))
def test_graph_mode_equals_pynative(n_params, code):
    assert run(ms.GRAPH_MODE, n_params, code) == run(ms.PYNATIVE_MODE, n_params, code)
