"""GRAPH_MODE and `sporax.jit`: trace a function once per input signature and run it as one
jax.jit-compiled program.

Every Parameter the program touches is an input and an output of the compiled function
(found by a first, shape-only trace), bound in a StateFrame while tracing; so reads, writes,
prints and float-status updates happen in program order, and the final Parameter values
are written back after the call. Results equal PYNATIVE_MODE's.
"""
from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from ..common.tensor import Tensor
from . import float_status, random_keys, state_frame

_GRAPH_SEED = 0x6A1
_PARAM, _ARRAY, _STATIC = "param", "array", "static"
_NO_KEY = np.zeros(2, np.uint32)  # graphs without random ops take no fresh key


class GraphModeError(RuntimeError):
    """Something a compiled graph cannot do (Python control flow on a tensor value, new Parameters)."""


def _static_key(value):
    try:
        hash(value)
        return (type(value), value)
    except TypeError:
        return ("id", id(value))


def _split_args(args, kwargs):
    """Tensors become dynamic arrays; everything else is static (part of the cache key)."""
    from ..common.parameter import Parameter

    dynamic, template, key = [], [], []
    for value in list(args) + [kwargs[k] for k in sorted(kwargs)]:
        if isinstance(value, Tensor) and not isinstance(value, Parameter):
            array = value._value()
            template.append((_ARRAY, len(dynamic)))
            key.append((_ARRAY, tuple(array.shape), str(array.dtype)))
            dynamic.append(array)
        else:
            template.append((_STATIC, value))
            key.append(_static_key(value))
    return dynamic, template, tuple(key), sorted(kwargs)


def _rebuild_args(template, dynamic, n_args, kwarg_names):
    values = [Tensor._wrap(dynamic[ref]) if kind == _ARRAY else ref for kind, ref in template]
    return values[:n_args], dict(zip(kwarg_names, values[n_args:]))


def _flatten(out, leaves):
    from ..common.parameter import Parameter

    if isinstance(out, Parameter):
        return (_PARAM, out)
    if isinstance(out, Tensor):
        leaves.append(out._value())
        return (_ARRAY, len(leaves) - 1)
    if isinstance(out, (tuple, list)):
        return (type(out), [_flatten(o, leaves) for o in out])
    if isinstance(out, dict):
        return (dict, {k: _flatten(v, leaves) for k, v in out.items()})
    return (_STATIC, out)


def _unflatten(structure, leaves):
    kind, ref = structure
    if kind == _PARAM or kind == _STATIC:
        return ref
    if kind == _ARRAY:
        return Tensor._wrap(leaves[ref])
    if kind is dict:
        return {k: _unflatten(v, leaves) for k, v in ref.items()}
    return kind(_unflatten(s, leaves) for s in ref)


class _Graph:
    """One compiled program for one input signature."""

    def __init__(self, fn, template, n_args, kwarg_names, dynamic, armed):
        self.fn, self.template, self.n_args, self.kwarg_names = fn, template, n_args, kwarg_names
        self.armed_in = armed
        self.params = self._discover(dynamic)
        self.signature = self._param_signature()
        self.structure = None
        self.armed_out = armed
        self.has_io = False
        self.jitted = jax.jit(self._pure)

    def _call_fn(self, dynamic):
        args, kwargs = _rebuild_args(self.template, dynamic, self.n_args, self.kwarg_names)
        return self.fn(*args, **kwargs)

    def _discover(self, dynamic):
        frame = state_frame.StateFrame("discover", status=jnp.zeros(float_status.SIZE, jnp.float32),
                                       status_armed=self.armed_in, rng_key=random_keys.next_key(_GRAPH_SEED, 0))

        def trace(arrays):
            with frame:
                leaves = []
                _flatten(self._call_fn(arrays), leaves)
                return leaves

        jax.eval_shape(trace, dynamic)
        self.uses_random = frame.rng_count > 0
        return list(frame.params)

    def _param_signature(self):
        return tuple((p._concrete_value().shape, p._concrete_value().dtype) for p in self.params)

    def _pure(self, param_values, status, rng_key, dynamic):
        frame = state_frame.StateFrame("run", self.params, param_values, status=status,
                                       status_armed=self.armed_in, rng_key=rng_key)
        with frame:
            leaves = []
            self.structure = _flatten(self._call_fn(dynamic), leaves)
            self.armed_out = frame.status_armed
            self.has_io = frame.has_io
            return leaves, frame.final_values(), frame.status

    def __call__(self, dynamic):
        armed, status = float_status.snapshot()
        values = tuple(p._concrete_value() for p in self.params)
        key = random_keys.next_key(_GRAPH_SEED, 1) if self.uses_random else _NO_KEY
        leaves, new_values, new_status = self.jitted(values, status, key, dynamic)
        for param, value in zip(self.params, new_values):
            param._store(value)
        float_status.restore(self.armed_out, new_status)
        if self.has_io:
            jax.effects_barrier()  # prints are done when the call returns, as in MindSpore
        return _unflatten(self.structure, leaves)


def call(fn, args, kwargs, cache: dict, static_key=()):
    """Run `fn(*args, **kwargs)` as a compiled graph, compiling on a new input signature."""
    if state_frame.active() is not None:  # already inside a graph: trace inline
        return fn(*args, **kwargs)
    dynamic, template, arg_key, kwarg_names = _split_args(args, kwargs)
    armed, _ = float_status.snapshot()
    key = (static_key, arg_key, armed)
    graph = cache.get(key)
    if graph is not None and graph._param_signature() != graph.signature:
        graph = None  # a Parameter changed shape or dtype: recompile
    if graph is None:
        graph = cache[key] = _Graph(fn, template, len(args), kwarg_names, dynamic, armed)
    return graph(dynamic)


def lowered_text(fn, args, kwargs, cache: dict, static_key=()) -> str:
    """The jaxpr of the compiled program `call` would run (for inspection and tests)."""
    dynamic, template, arg_key, kwarg_names = _split_args(args, kwargs)
    armed, status = float_status.snapshot()
    graph = cache.get((static_key, arg_key, armed)) or _Graph(fn, template, len(args), kwarg_names, dynamic, armed)
    values = tuple(p._concrete_value() for p in graph.params)
    return str(jax.make_jaxpr(graph._pure)(values, status, random_keys.next_key(_GRAPH_SEED, 1), dynamic))


def user_frame_description() -> str:
    """'file:line: code' of the innermost frame outside sporax and JAX (where the user wrote it)."""
    import os
    import traceback

    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for frame in reversed(traceback.extract_stack()):
        path = os.path.abspath(frame.filename)
        if not path.startswith(package) and f"{os.sep}jax{os.sep}" not in path and "jax/_src" not in path:
            return f"{frame.filename}:{frame.lineno}: {(frame.line or '').strip()}"
    return "<unknown>"
