"""Control, debug and graph primitives (issue 10, prim3): loops (ForiLoop, WhileLoop, Scan),
checks (Assert, CheckNumerics), state ordering (UpdateState), gradient hooks (HookBackward,
InsertGradientOf, Morph), Python callbacks (PyFunc, Custom with func_type='pyfunc'/'hybrid',
PyExecute), placement (MoveTo) and function marks (Reusing, identity).

Loops: in PYNATIVE_MODE, and inside a graph whenever the trip count is a Python value and
`unroll=True`, the loop runs in Python, as MindSpore's own `__call__` does (a graph sees it
unrolled). A loop whose bound or condition is a traced Tensor (or a ForiLoop with
unroll=False inside a graph) runs as one `lax.while_loop` through `_runtime.control_flow`,
which threads the active StateFrame's Parameters and float status through the loop, so
Parameter writes inside `loop_func` happen in order. Scan's `xs` is a Python sequence, so its
length is static and Scan always runs as written.

Callbacks (PyFunc, Custom 'pyfunc', hybrid kernels) run Python on NumPy arrays through
`jax.pure_callback`, so they also run inside compiled graphs.
"""
from __future__ import annotations

import functools
import inspect
import sys
import types
import typing

import jax
import jax.numpy as jnp
import numpy as np
from jax.experimental import io_callback

from ..._runtime import call_replay
from ..._runtime import control_flow, state_frame
from ...common import dtype as mstype
from ...common.tensor import Tensor
from ..multitype import Partial
from ..primitive import Primitive, _wrap
from .array_ops import Identity
from .control_ops import Depend

__all__ = ["ForiLoop", "WhileLoop", "Scan", "Assert", "CheckNumerics", "UpdateState", "HookBackward",
           "InsertGradientOf", "Morph", "PyFunc", "PyExecute", "MoveTo", "Reusing", "Partial", "Custom",
           "identity", "kernel", "ms_kernel"]

_FUNCTIONS = (types.FunctionType, types.MethodType, functools.partial)


def _function(op, arg, value):
    if not isinstance(value, _FUNCTIONS) and not (callable(value) and not isinstance(value, type)):
        raise TypeError(f"For '{op}', the '{arg}' must be a function, but got {type(value).__name__}.")
    return value


def _in_graph(*values) -> bool:
    """Whether we are tracing a graph (a frame is active, or a value is a tracer)."""
    if state_frame.active() is not None:
        return True
    return any(call_replay.traced(leaf) for v in values for leaf in jax.tree_util.tree_leaves(v))


def _invalid_loop_func(error):
    return ValueError(f"Invalid loop_func, please check input arguments and return value, error info: {error}")


def _site(fn):
    code = getattr(fn, "__code__", None)
    return (code.co_filename, code.co_firstlineno) if code is not None else ("<loop_func>", 0)


def _bound(op, arg, value):
    if isinstance(value, bool) or not isinstance(value, (int, Tensor)):
        raise TypeError(f"For '{op}', the type of '{arg}' should be one of '['int', 'Tensor']', but got type "
                        f"'{type(value).__name__}'.")
    return value


class ForiLoop(Primitive):
    """val = init_val; for i in range(lower, upper): val = loop_func(i, val); returns val."""

    def __init__(self):
        super().__init__("ForiLoop")

    def __call__(self, lower, upper, loop_func, init_val, unroll=True):
        _bound(self.name, "lower", lower)
        _bound(self.name, "upper", upper)
        _function(self.name, "loop_func", loop_func)
        if not isinstance(unroll, bool):
            raise TypeError(f"For '{self.name}', the 'unroll' must be a bool, but got {type(unroll).__name__}.")
        traced_bound = control_flow.is_traced(lower) or control_flow.is_traced(upper)
        if traced_bound or (not unroll and _in_graph(init_val)):
            return self._lax_loop(lower, upper, loop_func, init_val)
        start = int(lower.asnumpy()) if isinstance(lower, Tensor) else lower
        stop = int(upper.asnumpy()) if isinstance(upper, Tensor) else upper
        val = init_val
        try:
            for i in range(start, stop):
                val = loop_func(i, val)
        except (TypeError, ValueError) as error:
            raise _invalid_loop_func(error) from error
        return val

    @staticmethod
    def _lax_loop(lower, upper, loop_func, init_val):
        index = lower if isinstance(lower, Tensor) else Tensor(np.int64(lower))
        index = Tensor._wrap(index._value().astype(jnp.int64))
        stop = upper if isinstance(upper, Tensor) else Tensor(np.int64(upper))
        one = Tensor(np.int64(1))
        filename, line = _site(loop_func)

        def test(i, _):
            return i < stop

        def body(i, val):
            return i + one, loop_func(i, val)

        try:
            return control_flow.while_loop(test, body, (index, init_val), ("i", "init_val"), filename, line)[1]
        except (TypeError, ValueError) as error:
            raise _invalid_loop_func(error) from error


class WhileLoop(Primitive):
    """val = init_val; while cond_func(val): val = loop_func(val); returns val."""

    def __init__(self):
        super().__init__("WhileLoop")

    def __call__(self, cond_func, loop_func, init_val):
        _function(self.name, "cond_func", cond_func)
        _function(self.name, "loop_func", loop_func)
        val = init_val
        try:
            test = cond_func(val)
            if control_flow.is_traced(test):
                filename, line = _site(loop_func)
                return control_flow.while_loop(cond_func, lambda v: (loop_func(v),), (val,), ("init_val",),
                                               filename, line)[0]
            while test:
                val = loop_func(val)
                test = cond_func(val)
        except (TypeError, ValueError) as error:
            raise _invalid_loop_func(error) from error
        return val


class Scan(Primitive):
    """carry = init; for x in xs: carry, y = loop_func(carry, x); returns (carry, [y, ...]).
    With xs None, `length` steps see x = None."""

    def __init__(self):
        super().__init__("Scan")

    def __call__(self, loop_func, init, xs, length=None, unroll=True):
        _function(self.name, "loop_func", loop_func)
        if xs is not None and not isinstance(xs, (list, tuple)):
            raise TypeError(f"For '{self.name}', the 'xs' must be a tuple, a list or None, but got "
                            f"{type(xs).__name__}.")
        if length is not None and (isinstance(length, bool) or not isinstance(length, int)):
            raise TypeError(f"For '{self.name}', the 'length' must be an int or None, but got "
                            f"{type(length).__name__}.")
        if not isinstance(unroll, bool):
            raise TypeError(f"For '{self.name}', the 'unroll' must be a bool, but got {type(unroll).__name__}.")
        if xs is None:
            if length is None:
                raise TypeError(f"For '{self.name}', the 'length' must be an int when 'xs' is None, but got None.")
            xs = [None] * length
        carry, ys = init, []
        try:
            for x in xs:
                out = loop_func(carry, x)
                if not isinstance(out, tuple) or len(out) != 2:
                    raise ValueError(f"the loop_func must return a tuple (carry, y), but got {out!r}")
                carry, y = out
                ys.append(y)
        except (TypeError, ValueError) as error:
            raise _invalid_loop_func(error) from error
        return carry, ys


def _raise_in_graph(message_of, *arrays):
    """An ordered host callback that raises (RuntimeError) when the graph runs."""
    def check(*values):
        message = message_of(*values)
        if message:
            raise RuntimeError(message)

    jax.debug.callback(check, *arrays, ordered=True)


class Assert(Primitive):
    """Raises RuntimeError('assert failed') when `condition` (a bool or bool Tensor) is False,
    after printing "For 'Assert' condition is false." and the first `summarize` elements of
    each Tensor of `input_data`. Returns Tensor([0]) (Int32). In a graph the check runs when
    the graph runs, in program order."""

    def __init__(self, summarize=3):
        if isinstance(summarize, bool) or not isinstance(summarize, int):
            raise TypeError(f"For 'Assert', the 'summarize' must be an int, but got {type(summarize).__name__}.")
        super().__init__("Assert")
        self.add_prim_attr("summarize", summarize)
        self.add_prim_attr("side_effect_io", True)

    def __call__(self, condition, input_data):
        if isinstance(condition, Tensor):
            if condition.dtype != mstype.bool_:
                raise TypeError(f"For 'Assert', the type of 'condition' must be in [mindspore.bool], but got "
                                f"{condition.dtype}.")
            flag = condition._value()
        elif isinstance(condition, bool):
            flag = np.asarray(condition)
        else:
            raise TypeError(f"For 'Assert', the type of 'condition' must be in [mindspore.bool], but got "
                            f"{type(condition).__name__}.")
        if not isinstance(input_data, (tuple, list)):
            raise TypeError(f"For 'Assert', the 'input_data' must be a tuple or a list, but got "
                            f"{type(input_data).__name__}.")
        data = [d._value() if isinstance(d, Tensor) else np.asarray(d) for d in input_data]
        summarize = self.attrs["summarize"]

        def message(flag_value, *values):
            if bool(np.all(np.asarray(flag_value))):
                return None
            shown = "\n".join(f"input data: {np.asarray(v).reshape(-1)[:summarize]}" for v in values)
            sys.stdout.write(f"For 'Assert' condition is false.\n{shown}\n")
            sys.stdout.flush()
            return "assert failed"

        if _in_graph(flag, *data):
            _raise_in_graph(message, flag, *data)
        else:
            text = message(np.asarray(flag), *[np.asarray(v) for v in data])
            if text:
                raise RuntimeError(text)
        return Tensor(np.zeros(1, np.int32))


class CheckNumerics(Primitive):
    """`x` unchanged if every element is finite; RuntimeError naming NaN or Inf otherwise
    (when the graph runs, inside one)."""

    def __init__(self):
        super().__init__("CheckNumerics")

    def __call__(self, x):
        if not isinstance(x, Tensor):
            raise TypeError(f"For 'CheckNumerics', the 'x' must be a Tensor, but got {type(x).__name__}.")
        if x.dtype not in (mstype.float16, mstype.float32, mstype.float64):
            raise TypeError(f"For primitive[CheckNumerics], the input argument[x] must be a type of "
                            f"{{Tensor[Float16], Tensor[Float32], Tensor[Float64]}}, but got Tensor[{x.dtype}].")

        array = x._value()
        if call_replay.recording() is None and _in_graph(array):
            _raise_in_graph(_numerics_message, array)
        else:  # now, or on every replay of a recorded call
            call_replay.check_values(_check_numerics, (array,))
        return Identity()(x)


def _numerics_message(value):
    value = np.asarray(value)
    if np.isnan(value).any():
        return "For 'CheckNumerics': Tensor had NaN values"
    if np.isinf(value).any():
        return "For 'CheckNumerics': Tensor had Inf values"
    return None


def _check_numerics(value):
    message = _numerics_message(value)
    if message:
        raise RuntimeError(message)


class UpdateState(Depend):
    """update_state(value, expr) returns `value`, ordered after `expr` in a graph (the
    auto-monad's state update; Depend's barrier)."""

    def __init__(self):
        Primitive.__init__(self, "UpdateState")


def _gradient_hook(hook):
    """Identity on arrays whose backward pass calls hook(cotangent Tensor) -> new cotangent or None."""
    @jax.custom_vjp
    def identity(x):
        return x

    def forward(x):
        return x, None

    def backward(_, cotangent):
        new = hook(Tensor._wrap(cotangent))
        if isinstance(new, tuple) and len(new) == 1:
            new = new[0]
        if new is None:
            return (cotangent,)
        if not isinstance(new, Tensor) or tuple(new.shape) != tuple(cotangent.shape):
            raise ValueError(f"the gradient hook must return None or a Tensor of shape {tuple(cotangent.shape)}, "
                             f"but got {new!r}.")
        return (new._value().astype(cotangent.dtype),)

    identity.defvjp(forward, backward)
    return identity


class HookBackward(Primitive):
    """The input unchanged; in the backward pass `hook_fn(grad)` sees the gradient flowing into
    it, as a tuple of one Tensor, and may return a replacement (else the gradient passes)."""

    _jit = False

    def __init__(self, hook_fn, cell_id=""):
        _function("HookBackward", "hook_fn", hook_fn)
        if not isinstance(cell_id, str):
            raise TypeError(f"For 'HookBackward', the 'cell_id' must be a str, but got {type(cell_id).__name__}.")
        super().__init__("HookBackward")
        self.add_prim_attr("cell_id", cell_id)
        self._hook = hook_fn

    def _kernel_key(self):
        return (type(self), id(self))

    def __call__(self, *inputs):
        for value in inputs:
            if not isinstance(value, Tensor):
                raise TypeError(f"For 'HookBackward', the 'input' must be a Tensor, but got {type(value).__name__}.")
        if not inputs:
            raise TypeError("For 'HookBackward', the 'input' must be a Tensor, but got nothing.")
        out = super().__call__(*inputs)
        return out[0] if len(inputs) == 1 else out

    def _compute(self, *arrays):
        hook = _gradient_hook(lambda g: self._hook((g,)))
        return tuple(hook(a) for a in arrays)


class InsertGradientOf(Primitive):
    """The input unchanged; in the backward pass the gradient g flowing into it becomes f(g)."""

    _jit = False

    def __init__(self, f):
        _function("InsertGradientOf", "f", f)
        super().__init__("InsertGradientOf")
        self.add_prim_attr("f", f)
        self.add_prim_attr("side_effect_backprop", True)
        self.add_prim_attr("side_effect_backprop_mem", True)

    def _kernel_key(self):
        return (type(self), id(self))

    def __call__(self, input_x):
        if not isinstance(input_x, Tensor):
            raise TypeError(f"For 'InsertGradientOf', the 'input_x' must be a Tensor, but got "
                            f"{type(input_x).__name__}.")
        return super().__call__(input_x)

    def _compute(self, x):
        return _gradient_hook(self.attrs["f"])(x)


def _custom_gradient(fn, bprop):
    """fn over Tensors with gradient bprop(*inputs, out, dout) -> tuple of input gradients."""
    @jax.custom_vjp
    def run(*arrays):
        return _unwrap(fn(*[Tensor._wrap(a) for a in arrays]))

    def forward(*arrays):
        out = run(*arrays)
        return out, (arrays, out)

    def backward(saved, cotangent):
        arrays, out = saved
        grads = bprop(*[Tensor._wrap(a) for a in arrays], _rewrap(out), _rewrap(cotangent))
        grads = grads if isinstance(grads, tuple) else (grads,)
        if len(grads) != len(arrays):
            raise ValueError(f"the bprop must return {len(arrays)} gradients (one per input), but got {len(grads)}.")
        return tuple(g._value().astype(a.dtype) if isinstance(g, Tensor) else jnp.zeros_like(a)
                     for g, a in zip(grads, arrays))

    run.defvjp(forward, backward)
    return run


def _unwrap(value):
    return jax.tree_util.tree_map(lambda t: t._value() if isinstance(t, Tensor) else t, value,
                                  is_leaf=lambda t: isinstance(t, Tensor))


def _rewrap(value):
    return jax.tree_util.tree_map(lambda a: Tensor._wrap(a) if isinstance(a, (jax.Array, jax.core.Tracer)) else a,
                                  value)


class Morph(Primitive):
    """Runs the user function `fn` on its inputs as one operation; with `bprop_fn`, its gradient
    is bprop_fn(*inputs, out, dout) (a tuple, one gradient per input). `infer_shape` and
    `infer_dtype` describe the outputs for MindSpore's compiler; here the outputs are what
    `fn` returns. (MindSpore runs Morph only in GRAPH_MODE; sporax runs it in both.)"""

    _jit = False

    def __init__(self, fn, infer_shape, infer_dtype, bprop_fn=None):
        for arg, value in (("fn", fn), ("infer_shape", infer_shape), ("infer_dtype", infer_dtype)):
            _function("Morph", arg, value)
        if bprop_fn is not None:
            _function("Morph", "bprop_fn", bprop_fn)
        super().__init__("Morph")
        for name, value in (("fn", fn), ("infer_shape", infer_shape), ("infer_dtype", infer_dtype),
                            ("bprop_fn", bprop_fn)):
            self.add_prim_attr(name, value)
        self.add_prim_attr("side_effect_backprop", True)
        self.add_prim_attr("side_effect_mem", True)
        self.add_prim_attr("side_effect_io", True)
        self.add_prim_attr("__metamorphosis__", True)

    def __repr__(self):  # MindSpore lists the flags in the order they were added
        return "Prim[Morph]<" + ", ".join(f"{k}={v}" for k, v in self.attrs.items()) + ">"

    def __call__(self, *args):
        for i, value in enumerate(args):
            if not isinstance(value, Tensor):
                raise TypeError(f"For 'Morph', input {i} must be a Tensor, but got {type(value).__name__}.")
        fn, bprop = self.attrs["fn"], self.attrs["bprop_fn"]
        if bprop is None:
            return fn(*args)
        return _rewrap(_custom_gradient(fn, bprop)(*[a._value() for a in args]))


def _numpy_dtype(op, arg, value):
    if isinstance(value, mstype.Type):
        return value.to_numpy()
    raise TypeError(f"For '{op}', each '{arg}' must be a sporax dtype, but got {value!r}.")


def _host_call(fn, arrays, out_specs, stateful):
    """fn(*numpy arrays) on the host; out_specs: [(shape, numpy dtype)]; returns a tuple of arrays."""
    specs = tuple(jax.ShapeDtypeStruct(tuple(s), d) for s, d in out_specs)

    def host(*values):
        out = fn(*[np.asarray(v) for v in values])
        out = out if isinstance(out, (tuple, list)) else (out,)
        if len(out) != len(specs):
            raise ValueError(f"the function returned {len(out)} outputs, but {len(specs)} were declared.")
        return tuple(np.asarray(o, s.dtype).reshape(s.shape) for o, s in zip(out, specs))

    if stateful:
        return io_callback(host, specs, *arrays, ordered=True)
    return jax.pure_callback(host, specs, *arrays)


class PyFunc(Primitive):
    """Runs the Python function `fn` on the inputs as NumPy arrays (in_types/in_shapes
    describe them) and returns its outputs as a tuple of Tensors of `out_types`/`out_shapes`.
    `stateful` calls keep program order (an ordered host callback); otherwise the call may be
    reordered or deduplicated like a pure op."""

    _jit = False

    def __init__(self, fn, in_types, in_shapes, out_types, out_shapes, stateful=True):
        _function("PyFunc", "fn", fn)
        for arg, value in (("in_types", in_types), ("in_shapes", in_shapes), ("out_types", out_types),
                           ("out_shapes", out_shapes)):
            if not isinstance(value, (list, tuple)):
                raise TypeError(f"For 'PyFunc', the '{arg}' must be a list or tuple, but got {type(value).__name__}.")
        if len(out_types) != len(out_shapes) or len(in_types) != len(in_shapes):
            raise ValueError("For 'PyFunc', the types and shapes must have one entry per input/output.")
        if not isinstance(stateful, bool):
            raise TypeError(f"For 'PyFunc', the 'stateful' must be a bool, but got {type(stateful).__name__}.")
        super().__init__("PyFunc")
        self._fn = fn
        self._out = [(tuple(s), _numpy_dtype("PyFunc", "out_types", t)) for s, t in zip(out_shapes, out_types)]
        self._in = [(tuple(s), _numpy_dtype("PyFunc", "in_types", t)) for s, t in zip(in_shapes, in_types)]
        self._stateful = stateful
        for name, value in (("fn_id", id(fn)), ("in_types", list(in_types)), ("in_shapes", list(in_shapes)),
                            ("out_types", list(out_types)), ("out_shapes", list(out_shapes)),
                            ("side_effect_io", stateful), ("primitive_target", "CPU"), ("fake_output", False),
                            ("single_scalar_output", False)):
            self.add_prim_attr(name, value)

    def __repr__(self):
        return "Prim[PyFunc]<" + ", ".join(f"{k}={v}" for k, v in self.attrs.items()) + ">"

    def _kernel_key(self):
        return (type(self), id(self))

    def __call__(self, *args):
        if len(args) != len(self._in):
            raise ValueError(f"For 'PyFunc', expected {len(self._in)} inputs, but got {len(args)}.")
        for i, (value, (shape, dtype)) in enumerate(zip(args, self._in)):
            if not isinstance(value, Tensor):
                raise TypeError(f"For 'PyFunc', input {i} must be a Tensor, but got {type(value).__name__}.")
            if value.dtype.to_numpy() != dtype:
                raise TypeError(f"For 'PyFunc', input {i} must be {mstype.from_numpy(dtype)}, but got "
                                f"{value.dtype}.")
        return super().__call__(*args)

    def _compute(self, *arrays):
        return tuple(_host_call(self._fn, arrays, self._out, self._stateful))


class PyExecute(Primitive):
    """PyExecute()(script, keys, values): evaluates the Python expression `script` with each
    name of `keys` bound to the value at the same place of `values`, and returns the result
    (the JIT fallback MindSpore's graph compiler emits for Python it cannot compile)."""

    def __init__(self):
        super().__init__("PyExecute")
        self.add_prim_attr("side_effect_io", True)
        self.add_prim_attr("primitive_target", "CPU")

    def __repr__(self):
        return "Prim[PyExecute]<side_effect_io=True, primitive_target=CPU>"

    def __call__(self, script, keys=(), values=()):
        if not isinstance(script, str):
            raise TypeError(f"For 'PyExecute', the 'script' must be a str, but got {type(script).__name__}.")
        if not isinstance(keys, (tuple, list)) or not isinstance(values, (tuple, list)) or len(keys) != len(values):
            raise ValueError("For 'PyExecute', the 'keys' and 'values' must be tuples of one length.")
        for key in keys:
            if not isinstance(key, str) or not key.isidentifier():
                raise ValueError(f"For 'PyExecute', each key must be a Python name, but got {key!r}.")
        try:
            code = compile(script, "<PyExecute>", "eval")
        except SyntaxError as error:
            raise ValueError(f"For 'PyExecute', the 'script' must be a Python expression, but got {script!r}: "
                             f"{error.msg}.") from None
        return eval(code, {"__builtins__": __builtins__}, dict(zip(keys, values)))  # noqa: S307 - its purpose


class MoveTo(Primitive):
    """The Tensor placed on the device `to` ('CPU', or 'Ascend'/'GPU': the default accelerator
    JAX has, else CPU); with blocking=True the copy has finished on return."""

    def __init__(self):
        super().__init__("MoveTo")

    def __call__(self, x, to, blocking=True):
        if not isinstance(x, Tensor):
            raise TypeError(f"For 'MoveTo', the 'x' must be a Tensor, but got {type(x).__name__}.")
        if to not in ("CPU", "Ascend", "GPU"):
            raise ValueError(f"For 'MoveTo', the 'to' must be one of ['CPU', 'Ascend', 'GPU'], but got {to!r}.")
        if not isinstance(blocking, bool):
            raise TypeError(f"For 'MoveTo', the 'blocking' must be a bool, but got {type(blocking).__name__}.")
        array = x._value()
        if call_replay.traced(array):
            return Identity()(x)  # placement inside a compiled graph is the compiler's
        devices = jax.devices("cpu") if to == "CPU" else jax.devices()
        moved = jax.device_put(array, devices[0])
        if blocking:
            moved.block_until_ready()
        return Tensor._wrap(moved)


class Reusing(Primitive):
    """Reusing()(fn) marks `fn` as a graph that is compiled once and called, not inlined; it
    returns `fn` (marked `__ms_reusing__`); JAX keeps a jitted function's body as one call."""

    def __init__(self):
        super().__init__("Reusing")

    def __call__(self, x):
        _function("Reusing", "input_x", x)
        try:
            x.__ms_reusing__ = True
        except (AttributeError, TypeError):
            pass
        return x


class identity(Primitive):  # noqa: N801 - MindSpore's (deprecated) lower-case primitive class
    """identity()(x) returns `x` itself; its side effects propagate from the argument to the
    result (MindSpore deprecates it for nn.Identity)."""

    def __init__(self):
        super().__init__("identity")
        self.add_prim_attr("side_effect_propagate", 1)

    def __call__(self, x):
        return x


# --- Custom and hybrid kernels ----------------------------------------------------------------

_FUNC_TYPES = ("hybrid", "akg", "tbe", "aicpu", "aot", "pyfunc")


class _HybridIntrinsics:
    """The Hybrid DSL's names (output_tensor, allocate, ...), bound while a kernel runs in Python."""

    @staticmethod
    def names():
        def output_tensor(shape, dtype):
            return np.zeros(tuple(shape), np.dtype(dtype))

        def allocate(shape, dtype):
            return np.zeros(tuple(shape), np.dtype(dtype))

        return {"output_tensor": output_tensor, "allocate": allocate, "grid": np.ndindex,
                "serial": range, "vectorize": range, "parallel": range, "reduce": range,
                "rsqrt": lambda v: 1 / np.sqrt(v), "sqrt": np.sqrt, "exp": np.exp, "log": np.log,
                "sin": np.sin, "cos": np.cos, "tanh": np.tanh, "power": np.power, "float16": np.float16,
                "float32": np.float32, "float64": np.float64, "int32": np.int32, "int64": np.int64}


def _run_hybrid(fn, *arrays):
    """Run a Hybrid-DSL kernel as Python on NumPy arrays (its DSL names injected)."""
    scope = dict(fn.__globals__)
    scope.update(_HybridIntrinsics.names())
    plain = types.FunctionType(fn.__code__, scope, fn.__name__, fn.__defaults__, fn.__closure__)
    return plain(*arrays)


def kernel(fn=None, reg_info=None, compile_attrs=None):
    """Marks `fn` as a kernel in MindSpore's Hybrid DSL (`output_tensor`, `allocate`, loops over
    `range`/`grid`). Called directly with NumPy arrays it runs as Python; given to
    Custom(func_type='hybrid') it becomes an op. Returns the marked function."""
    if compile_attrs is not None and not isinstance(compile_attrs, dict):
        raise TypeError(f"For 'kernel', the 'compile_attrs' must be a dict, but got {type(compile_attrs).__name__}.")

    def mark(function):
        if not isinstance(function, types.FunctionType):
            raise TypeError(f"For 'kernel', the 'fn' must be a function, but got {type(function).__name__}.")

        @functools.wraps(function)
        def run(*args):
            return _run_hybrid(function, *[np.asarray(a.asnumpy() if isinstance(a, Tensor) else a) for a in args])

        run.ms_kernel_flag = True
        run.reg_info = reg_info
        run.compile_attrs = compile_attrs or {}
        run.__wrapped_kernel__ = function
        return run

    return mark if fn is None else mark(fn)


ms_kernel = kernel


def _output_specs(out_shape, out_dtype, arrays):
    shapes = [tuple(a.shape) for a in arrays]
    dtypes = [mstype.from_numpy(np.dtype(a.dtype)) for a in arrays]
    shape = out_shape(*shapes) if callable(out_shape) else out_shape
    dtype = out_dtype(*dtypes) if callable(out_dtype) else out_dtype
    multi = isinstance(dtype, (tuple, list))
    shape_list = list(shape) if multi else [shape]
    dtype_list = list(dtype) if multi else [dtype]
    specs = []
    for s, d in zip(shape_list, dtype_list):
        if not isinstance(d, mstype.Type):
            raise TypeError(f"For 'Custom', the 'out_dtype' must give sporax dtypes, but got {d!r}.")
        specs.append((tuple(int(v) for v in s), d.to_numpy()))
    return specs, multi


class Custom(Primitive):
    """A user-defined op. func_type='pyfunc': `func` is a Python function of NumPy arrays;
    'hybrid' (and 'akg'): `func` is a Hybrid-DSL kernel (`@kernel`), run as Python on NumPy
    arrays. `out_shape` and `out_dtype` (values, or functions of the input shapes / dtypes)
    declare the outputs; `bprop(*inputs, out, dout)` (Tensors) gives the gradient. The
    'tbe', 'aicpu' and 'aot' func types compile device code (Ascend kernels, C++ shared
    libraries) that JAX cannot run; they raise a ValueError naming the func_type."""

    _jit = False

    def __init__(self, func, out_shape=None, out_dtype=None, func_type="pyfunc", bprop=None, reg_info=None):
        if func_type not in _FUNC_TYPES:
            raise ValueError(f"For 'Custom', 'func_type': {func_type}, 'func': {func}, 'func_type' must be one of "
                             f"{list(_FUNC_TYPES)}, but got {func_type}")
        if func_type in ("tbe", "aicpu", "aot"):
            raise ValueError(f"For 'Custom', the func_type {func_type!r} compiles a device kernel (Ascend TBE/AICPU "
                             "or an AOT shared library), which sporax cannot run on JAX; use func_type='pyfunc' or "
                             "'hybrid'.")
        if not callable(func):
            raise TypeError(f"For 'Custom', 'func_type': {func_type}, 'func': {func}, 'func' must be a function, "
                            f"but got {type(func).__name__}")
        if func_type in ("hybrid", "akg") and not getattr(func, "ms_kernel_flag", False):
            raise TypeError(f"For 'Custom', 'func_type': {func_type}, the 'func' must be decorated with "
                            "ops.kernel (a Hybrid DSL function).")
        if out_shape is None or out_dtype is None:
            raise ValueError(f"For 'Custom', 'func_type': {func_type}, the 'out_shape' and 'out_dtype' must be "
                             "given (sporax does not infer them from the source).")
        if bprop is not None:
            _function("Custom", "bprop", bprop)
        super().__init__("Custom")
        self.func, self.func_type, self.out_shape, self.out_dtype, self.bprop = \
            func, func_type, out_shape, out_dtype, bprop
        name = getattr(func, "__name__", type(func).__name__)
        self.add_prim_attr("func_name", name)
        self.add_prim_attr("func_type", func_type)
        self.add_prim_attr("primitive_target", "CPU")
        self._host = func.__wrapped_kernel__ if func_type in ("hybrid", "akg") else func
        self._run_host = functools.partial(_run_hybrid, self._host) if func_type in ("hybrid", "akg") else func

    def _kernel_key(self):
        return (type(self), id(self))

    def __call__(self, *args):
        for i, value in enumerate(args):
            if not isinstance(value, Tensor):
                raise TypeError(f"For 'Custom', input {i} must be a Tensor, but got {type(value).__name__}.")
        if self.bprop is None:
            return super().__call__(*args)
        return _rewrap(_custom_gradient(lambda *tensors: super(Custom, self).__call__(*tensors),
                                        self.bprop)(*[a._value() for a in args]))

    def _compute(self, *arrays):
        specs, multi = _output_specs(self.out_shape, self.out_dtype, arrays)
        out = _host_call(self._run_host, arrays, specs, stateful=False)
        return tuple(out) if multi else out[0]



# --- _ms_pyfunc: a Python function of Tensors as a primitive -----------------------------------

_ANNOTATIONS = {Tensor: "tensor", int: "int", float: "float", bool: "bool"}


def _annotation_spec(annotation):
    if annotation in _ANNOTATIONS:
        return _ANNOTATIONS[annotation]
    origin, args = getattr(annotation, "__origin__", None), getattr(annotation, "__args__", ())
    if origin in (list, tuple) and args and args[0] in _ANNOTATIONS:
        return f"{origin.__name__}_{_ANNOTATIONS[args[0]]}"
    raise TypeError(f"Type annotation {annotation!r} is not supported by @ms_pyfunc")


class _PyCallback(Primitive):
    """A primitive from `_ms_pyfunc`: `fn` runs on the host with its Tensor arguments as
    Tensors; `infer_func`, given zero placeholder Tensors of the inputs' shapes and dtypes (and
    the other arguments as they are), returns a Tensor (or tuple) shaped like the output."""

    _jit = False

    def __init__(self, fn, infer_func):
        super().__init__(f"PyCallback_{fn.__name__}")
        self._fn, self._infer = fn, infer_func
        self.add_prim_attr("fn_id", id(fn))
        self.add_prim_attr("infer_func_id", id(infer_func))
        self.add_prim_attr("prim_py_func", True)

    def _kernel_key(self):
        return (type(self), id(self))

    def __call__(self, *args):
        tensor_positions = [i for i, a in enumerate(args) if isinstance(a, Tensor)]
        placeholders = [Tensor(np.zeros(a.shape, a.dtype.to_numpy())) if isinstance(a, Tensor) else a for a in args]
        declared = self._infer(*placeholders)
        multi = isinstance(declared, (tuple, list))
        outs = list(declared) if multi else [declared]
        for o in outs:
            if not isinstance(o, Tensor):
                raise TypeError(f"For '{self.name}', the infer_func must return Tensors describing the outputs, but "
                                f"got {type(o).__name__}.")
        specs = [(tuple(o.shape), o.dtype.to_numpy()) for o in outs]
        fn = self._fn

        def host(*arrays):
            full = list(args)
            for i, array in zip(tensor_positions, arrays):
                full[i] = Tensor(np.asarray(array))
            result = fn(*full)
            result = result if isinstance(result, (tuple, list)) else (result,)
            return tuple(r.asnumpy() if isinstance(r, Tensor) else np.asarray(r) for r in result)

        out = _wrap(self._dispatch((host, tuple(specs), *[args[i]._value() for i in tensor_positions])))
        return tuple(out) if multi else out[0]

    def _compute(self, host, specs, *arrays):
        return tuple(_host_call(host, arrays, specs, stateful=False))


def _ms_pyfunc(infer_func):
    """Decorator factory: `@_ms_pyfunc(infer_func)` turns a type-annotated Python function of
    Tensors (and int/float/bool or their lists/tuples) into a primitive instance
    (Prim[PyCallback_<name>]) that runs it on the host, in PYNATIVE_MODE and in graphs."""
    _function("_ms_pyfunc", "infer_func", infer_func)

    def decorator(pyfunc_fn):
        _function("_ms_pyfunc", "pyfunc_fn", pyfunc_fn)
        hints = typing.get_type_hints(pyfunc_fn)
        for name in inspect.signature(pyfunc_fn).parameters:
            _annotation_spec(hints.get(name, type(None)))
        if "return" in hints:
            _annotation_spec(hints["return"])
        return _PyCallback(pyfunc_fn, infer_func)

    return decorator
