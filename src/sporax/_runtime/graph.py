"""GRAPH_MODE and `sporax.jit`: trace a function once per input signature and run it as one
jax.jit-compiled program.

Every Parameter the program touches is an input and an output of the compiled function
(found by a first, shape-only trace), bound in a StateFrame while tracing; so reads, writes,
prints and float-status updates happen in program order, and the final Parameter values
are written back after the call. Results equal PYNATIVE_MODE's.

Arguments and results are JAX pytrees (a Tensor flattens to its array): array leaves are
the program's inputs and outputs; every other leaf (a Parameter, a Python number, a Cell)
is static, part of the signature going in and returned as it is coming out.
"""
from __future__ import annotations

import os
import traceback

import jax
import numpy as np

from . import control_flow, float_status, random_keys, state_frame

_GRAPH_SEED = 0x6A1
_NO_KEY = np.zeros(2, np.uint32)  # graphs without random ops take no fresh key


def _is_array(leaf) -> bool:
    return isinstance(leaf, (jax.Array, jax.core.Tracer))


def _static_key(value):
    try:
        hash(value)
        return (type(value), value)
    except TypeError:
        return ("id", id(value))


class _Signature:
    """The flattened call: its array leaves are dynamic, the rest is the static signature."""

    def __init__(self, args, kwargs):
        self.leaves, self.treedef = jax.tree_util.tree_flatten((args, kwargs))
        self.positions = tuple(i for i, leaf in enumerate(self.leaves) if _is_array(leaf))
        self.dynamic = [self.leaves[i] for i in self.positions]
        self.key = (self.treedef, tuple(
            ("array", tuple(leaf.shape), str(leaf.dtype)) if _is_array(leaf) else _static_key(leaf)
            for leaf in self.leaves))

    def rebuild(self, dynamic):
        leaves = list(self.leaves)
        for i, value in zip(self.positions, dynamic):
            leaves[i] = value
        return jax.tree_util.tree_unflatten(self.treedef, leaves)


class _Graph:
    """One compiled program for one input signature."""

    def __init__(self, fn, signature: _Signature, armed: bool):
        self.fn, self.signature = fn, signature
        self.armed_in = armed
        self.params = self._discover(signature.dynamic)
        self.param_signature = self._param_signature()
        self.out_treedef = self.out_static = None
        self.armed_out = armed
        self.has_io = False
        self.jitted = jax.jit(self._pure)
        self.executable = None  # set by `compile`: the program compiled ahead of the first call
        self.placed = False  # `_place` has run
        self.device = None  # the one device the program runs on (None: several, a mesh)
        self.status_out = None  # the float status this program returned last (on its devices)

    def _call_fn(self, dynamic):
        args, kwargs = self.signature.rebuild(dynamic)
        return self.fn(*args, **kwargs)

    def _discover(self, dynamic):
        frame = state_frame.StateFrame("discover", status=float_status.Register(self.armed_in, None),
                                       rng_key=random_keys.next_key(_GRAPH_SEED, 0))

        def trace(arrays):
            with frame:
                return [leaf for leaf in jax.tree_util.tree_leaves(self._call_fn(arrays)) if _is_array(leaf)]

        jax.eval_shape(trace, dynamic)
        self.uses_random = frame.rng_count > 0
        return list(frame.params)

    def _param_signature(self):
        return tuple((value.shape, value.dtype) for value in (p._stored_value() for p in self.params))

    def _pure(self, param_values, status, rng_key, dynamic):
        register = float_status.Register(self.armed_in, status)
        frame = state_frame.StateFrame("run", self.params, param_values, status=register, rng_key=rng_key)
        with frame:
            leaves, self.out_treedef = jax.tree_util.tree_flatten(self._call_fn(dynamic))
            self.out_static = [None if _is_array(leaf) else leaf for leaf in leaves]
            self.armed_out = register.armed
            self.has_io = frame.has_io
            return [leaf for leaf in leaves if _is_array(leaf)], frame.final_values(), register.current()

    def trace(self, dynamic) -> None:
        """Trace the program for these inputs now (the call then reuses the trace): its
        Python code runs here, not in the call."""
        values = tuple(p._stored_value() for p in self.params)
        self.jitted.trace(values, np.asarray(float_status.eager().current()), _NO_KEY, dynamic)

    def _place(self) -> None:
        """Once, before the program first runs: the one device it runs on, if it runs on one."""
        self.placed = True
        arrays = [v for v in (p._stored_value() for p in self.params) if isinstance(v, jax.Array)]
        devices = {d for v in arrays if v.committed for d in v.devices()} or {
            d for v in arrays[:1] for d in v.devices()}
        if len(devices) == 1 and all(len(v.devices()) == 1 for v in arrays):
            self.device = next(iter(devices))  # else: laid out over several, the compiler places

    def _values_in(self):
        """The Parameters' values as the program takes them. On one device, each is committed
        to it, as the program's results (which replace them) are: a value made from a Python
        number, NumPy or a checkpoint is not committed, and jax.jit compiles another executable
        when an input changes from uncommitted to committed (without this, a program compiled
        twice, on its first call and its second). The values are unchanged."""
        values = tuple(p._stored_value() for p in self.params)
        if self.device is None or all(getattr(v, "committed", False) for v in values):
            return values
        for param, value in zip(self.params, values):
            if not getattr(value, "committed", False):
                param._store(jax.device_put(value, self.device))
        return tuple(p._stored_value() for p in self.params)

    def _status_in(self, status):
        """The float status as the program takes it: on the program's device (the one it
        returned is there already), or as host data when the program runs on several devices,
        where the status may sit on one while the Parameters are laid out over a mesh. Host
        data is read back, which waits for the computation that made the status: a host sync
        per call, so a call could not be queued before the previous one is done."""
        if self.device is None:
            return np.asarray(status)
        return status if status is self.status_out else jax.device_put(status, self.device)

    def __call__(self, dynamic):
        if not self.placed:
            self._place()
        eager = float_status.eager()
        values = self._values_in()
        key = random_keys.next_key(_GRAPH_SEED, 1) if self.uses_random else _NO_KEY
        run = self.executable if self.executable is not None else self.jitted
        arrays, new_values, new_status = run(values, self._status_in(eager.current()), key, dynamic)
        self.status_out = new_status
        for param, value in zip(self.params, new_values):
            param._store(value)
        eager.assign(float_status.Register(self.armed_out, new_status))
        if self.has_io:
            jax.effects_barrier()  # prints are done when the call returns, as in MindSpore
        arrays = iter(arrays)
        leaves = [next(arrays) if leaf is None else leaf for leaf in self.out_static]
        return jax.tree_util.tree_unflatten(self.out_treedef, leaves)


def _graph_for(fn, args, kwargs, cache: dict, static_key):
    signature = _Signature(args, kwargs)
    armed = float_status.eager().armed
    key = (static_key, signature.key, armed)
    graph = cache.get(key)
    if graph is not None and graph._param_signature() != graph.param_signature:
        graph = None  # a Parameter changed shape or dtype: recompile
    if graph is None:
        graph = cache[key] = _Graph(fn, signature, armed)
    return graph, signature


def call(fn, args, kwargs, cache: dict, static_key=()):
    """Run `fn(*args, **kwargs)` as a compiled graph, compiling on a new input signature.
    Its `if`/`while`/`for` on Tensor values compile to lax constructs (control_flow)."""
    fn = control_flow.transformed(fn)
    if state_frame.active() is not None:  # already inside a graph: trace inline
        return fn(*args, **kwargs)
    graph, signature = _graph_for(fn, args, kwargs, cache, static_key)
    return graph(signature.dynamic)


def compile(fn, args, kwargs, cache: dict, static_key=()) -> None:
    """Compile the program `call` would run for these inputs, without running it."""
    fn = control_flow.transformed(fn)
    graph, signature = _graph_for(fn, args, kwargs, cache, static_key)
    if graph.executable is None:
        if not graph.placed:
            graph._place()
        values = graph._values_in()
        key = random_keys.next_key(_GRAPH_SEED, 1) if graph.uses_random else _NO_KEY
        graph.executable = graph.jitted.lower(values, graph._status_in(float_status.eager().current()), key,
                                              signature.dynamic).compile()


def lowered_text(fn, args, kwargs, cache: dict, static_key=()) -> str:
    """The jaxpr of the compiled program `call` would run (for inspection and tests)."""
    fn = control_flow.transformed(fn)
    graph, signature = _graph_for(fn, args, kwargs, cache, static_key)
    values = tuple(p._stored_value() for p in graph.params)
    return str(jax.make_jaxpr(graph._pure)(values, float_status.eager().current(),
                                           random_keys.next_key(_GRAPH_SEED, 1), signature.dynamic))


def user_frame_description() -> str:
    """'file:line: code' of the innermost frame outside sporax and JAX (where the user wrote it)."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for frame in reversed(traceback.extract_stack()):
        path = os.path.abspath(frame.filename)
        if not path.startswith(package) and f"{os.sep}jax{os.sep}" not in path and "jax/_src" not in path:
            return f"{frame.filename}:{frame.lineno}: {(frame.line or '').strip()}"
    return "<unknown>"
