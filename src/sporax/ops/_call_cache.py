"""Eager calls of public ops replayed from a recording: the Python code runs once per
argument signature, not on every call.

`cached(fn)` wraps a public op (a function, a Tensor method, a primitive's `__call__`). A
call's *signature* is what its Python code can see without reading values: each Tensor's and
Parameter's shape and dtype (its JAX abstract value), and every other argument's type and
value (numbers, strings, None, dtypes, and tuples and lists of them). The first
`EAGER_CALLS` calls of a signature run `fn` as it is; after the last of them it is traced
twice under `_runtime.call_replay.Recorder` (Tensors hold tracers, every primitive run is
logged); if both recordings agree and nothing in the call refused (see `call_replay`), later
calls of that signature replay the logged primitives on the new arrays through the executor:
the same kernels on the same arguments, so the result is the eager one bit for bit, and the
executor still does everything it does for an eager op (float status, launch blocking,
errors in MindSpore's words). A Parameter argument's value is read when a replay starts, and
what the call wrote to it is stored when the replay ends, as the eager call would have.
Anything else (a lazy Parameter or a NumPy array as an argument, a graph being traced, float
status armed, `_no_grad`) runs `fn` as it is.

Two recordings are compared so that a value the call makes from state the recording
cannot see (a host random generator, a counter) shows up as a difference, and the call
stays eager.

A call that reads a small Tensor argument's value on the host (paddings, a size: what a
shape or a static attribute is made of) is recorded with that value, and its replays first
compare their argument's value with it (`call_replay.read_argument`). A call whose value
differs runs eagerly, and so do its signature's later calls: values that change from call to
call would make a replay serve rarely.
"""
from __future__ import annotations

import functools
import operator
import types
import warnings

import jax
import numpy as np

from .._runtime import call_replay, executor, float_status, state_frame
from ..common import dtype as mstype
from ..common.parameter import Parameter
from ..common.tensor import Tensor

_new_object = object.__new__
_SCALARS = frozenset({int, bool, str, type(None), complex})
_EAGER = "eager"  # a signature whose calls cannot be replayed
_NOT_REPLAYED = object()  # what a replay returns for a call it cannot stand for
_VALUES_CHANGED = object()  # ... because an argument it read on the host has another value now
# Calls of a signature run eagerly before it is recorded: a signature called only a few times
# (a script's setup, a test) never pays for the two traces; a training loop's are replayed.
EAGER_CALLS = 4
_SIGNATURES_KEPT = 512  # per op; a program's signatures repeat, so this bounds a pathological caller
replays = 0  # calls replayed so far (tests and benchmarks read it)
# Concrete array classes seen (isinstance against the jax.Array ABC is slow on every call).
_ARRAY_TYPES: set = set()


class _Uncacheable(Exception):
    """An argument the signature cannot describe: the call runs as it is."""


def _signature_of(value, tensors: list):
    """A hashable description of `value` as the op's Python code sees it; Tensors are
    appended to `tensors` (their arrays are the replay's inputs)."""
    cls = value.__class__
    if cls is Tensor:
        data = value._data
        if data.__class__ not in _ARRAY_TYPES:
            _concrete_array(data)
        tensors.append(value)
        # The abstract value: the shape and dtype the op's code sees, and what else JAX keeps
        # there (weak type, sharding), which can only split a signature, never merge two. JAX
        # 0.10 interns it, so a key hashes and compares it by identity, not by a tuple and a
        # NumPy dtype; an older JAX hashes it by value, as right and slower.
        return data.aval
    if cls is Parameter:  # an input whose value a replay reads, and writes back if the call wrote it
        data = value.__dict__["_data"]
        if data.__class__ not in _ARRAY_TYPES:  # lazy (reading it would materialise it), or not yet seen
            _concrete_array(data)
        # Which arguments are one Parameter is part of the signature: the recording of p * p
        # reads p once, and must not serve p * q.
        for position, earlier in enumerate(tensors):
            if earlier is value:
                tensors.append(value)
                return Parameter, "again", position
        tensors.append(value)
        return Parameter, data.aval
    if cls in _SCALARS:
        return cls, value
    if cls is float:
        return float, _float_key(value)
    if cls is tuple or cls is list:
        # Ints (shapes, axes) and floats, most tuples' items, are described in line: a call per
        # item cost ~0.6 us, the larger part of a strided or configured op's signature.
        return cls, tuple([v if v.__class__ is int else (float, _float_key(v)) if v.__class__ is float
                           else _signature_of(v, tensors) for v in value])
    if isinstance(value, mstype.Type):
        return cls, value
    if cls is slice:  # an index; its bounds must be static (a Tensor inside is not substituted)
        bounds = (value.start, value.stop, value.step)
        if not all(b is None or b.__class__ is int for b in bounds):
            raise _Uncacheable
        return slice, bounds
    if value is Ellipsis:
        return Ellipsis
    raise _Uncacheable


def _float_key(value: float):
    """`value`, except where float equality is not identity: -0.0 must not meet 0.0, and NaN
    must meet itself (its hex form tells them apart)."""
    return value if value and value == value else value.hex()


def _concrete_array(data) -> None:
    """Remembers the class of `data`, a concrete jax.Array; anything else (a lazy value, a
    tracer) is _Uncacheable."""
    if not isinstance(data, jax.Array) or isinstance(data, jax.core.Tracer):
        raise _Uncacheable
    _ARRAY_TYPES.add(data.__class__)


def _signature(args, kwargs, tensors):
    key = tuple([_signature_of(a, tensors) for a in args])
    if kwargs:
        key += tuple([(k, _signature_of(v, tensors)) for k, v in kwargs.items()])
    return key


def _bypassed() -> bool:
    """Whether calls run as they are now: inside a trace or a recording, with float status
    armed or under `_no_grad` (each changes what a call's primitives do)."""
    return bool(state_frame._active or float_status._eager.armed or executor._no_grad_depth
                or call_replay.active is not None)


def cached(fn, per_instance: bool = False):
    """`fn`, replayed per signature (see the module). With `per_instance`, `fn` is a
    primitive's `__call__`, and each primitive keeps its own signatures (in `_replays`,
    which changing an attribute forgets): what a primitive computes can depend on more
    than its class and attributes (a Python function it holds)."""
    shared: dict = {}

    @functools.wraps(fn)
    def call(*args, **kwargs):
        if _bypassed():
            return fn(*args, **kwargs)
        tensors: list = []
        try:
            if per_instance:
                # One table per method: a subclass's __call__ and the super().__call__ it
                # makes see different calls of the same primitive.
                tables = args[0].__dict__.get("_replays")
                if tables is None:
                    tables = args[0].__dict__["_replays"] = {}
                table = tables.get(call)
                if table is None:
                    table = tables[call] = {}
                key = _signature(args[1:], kwargs, tensors)
            else:
                table, key = shared, _signature(args, kwargs, tensors)
            entry = table.get(key)
        except (_Uncacheable, TypeError):  # TypeError: an unhashable value (a dtype's)
            return fn(*args, **kwargs)
        if entry.__class__ is _Replay:
            result = entry.run(tensors)
            if result is _VALUES_CHANGED:  # values that change from call to call: a replay would rarely serve
                table[key] = _EAGER
            elif result is not _NOT_REPLAYED:
                return result
            return fn(*args, **kwargs)
        if entry is None:
            if len(table) >= _SIGNATURES_KEPT:
                table.clear()
            table[key] = 1
            return fn(*args, **kwargs)
        if entry is _EAGER:
            return fn(*args, **kwargs)
        result = fn(*args, **kwargs)
        if entry < EAGER_CALLS - 1:
            table[key] = entry + 1
        else:  # the last eager call of the signature: now recorded
            table[key] = _recorded(fn, args, kwargs, tensors)
        return result

    call.__wrapped__ = fn
    call._signatures = shared  # what each signature is now (tests and benchmarks read it)
    return call


# The cached form of each function installed, so that a function reachable under several
# paths (`ops.add is ops.functional.add`) stays one object.
_cached_forms: dict = {}


def install(namespace: dict, names) -> None:
    """Replace each public function `namespace[name]` by its `cached` form."""
    for name in names:
        value = namespace.get(name)
        if isinstance(value, types.FunctionType) and not hasattr(value, "_signatures"):
            form = _cached_forms.get(value)
            if form is None:
                form = _cached_forms[value] = cached(value)
            namespace[name] = form


def share(namespace: dict) -> None:
    """Replace, in `namespace`, every function already installed elsewhere by the same cached form."""
    for name, value in list(namespace.items()):
        if isinstance(value, types.FunctionType) and value in _cached_forms:
            namespace[name] = _cached_forms[value]


def cached_methods(methods: dict) -> dict:
    """`methods` ({name: function(self, ...)}) with each plain function `cached`."""
    return {name: cached(f) if isinstance(f, types.FunctionType) else f for name, f in methods.items()}


def _recorded(fn, args, kwargs, tensors):
    """A `_Replay` of `fn(*args, **kwargs)`, or `_EAGER` when the call cannot be replayed."""
    try:
        first, second = _record(fn, args, kwargs, tensors), _record(fn, args, kwargs, tensors)
    except Exception:  # noqa: BLE001 - whatever stops a trace (a value read, a refusal) keeps the call eager
        return _EAGER
    return first if first.same_as(second) else _EAGER


def _record(fn, args, kwargs, tensors):
    arrays = [t._data for t in tensors]
    outcome = []

    def traced_call(*inputs):
        # A Tensor is replaced by a Tensor of its tracer; a Parameter stays itself (the op's code
        # may ask for a Parameter), and the Recorder serves its tracer to every read of it.
        recorder = call_replay.Recorder()
        wrappers = []
        for tensor, x in zip(tensors, inputs):
            if tensor.__class__ is Parameter:
                recorder.bind(tensor, x)
                wrappers.append(tensor)
            else:
                wrappers.append(Tensor._wrap(x))
                recorder.arguments.add(id(wrappers[-1]))
                recorder.concrete[id(x)] = tensor._data
        parameters = [(p, dict(p.__dict__)) for p in wrappers if p.__class__ is Parameter]
        substitutes = iter(wrappers)
        call_args = [_substituted(a, substitutes) for a in args]
        call_kwargs = {k: _substituted(v, substitutes) for k, v in kwargs.items()}
        call_replay.active = recorder
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                result = fn(*call_args, **call_kwargs)
        finally:
            call_replay.active = None
            changed = [(p, before) for p, before in parameters if _attributes_changed(p, before)]
            for p, before in changed:  # the eager call already made the change; the recording must not again
                p.__dict__.clear()
                p.__dict__.update(before)
        if caught:
            raise call_replay.NotReplayable("warns")  # a replay would not warn again
        if changed:
            raise call_replay.NotReplayable("changes a Parameter's attributes")
        written = recorder.final_writes()
        if len(set(map(id, tensors))) != len(tensors) and any(
                w.__class__ is Tensor and w._data is not x for w, x in zip(wrappers, inputs)):
            raise call_replay.NotReplayable("writes a Tensor it was given twice")
        for wrapper, x in zip(wrappers, inputs):
            if wrapper.__class__ is Tensor:
                if len(wrapper.__dict__) != 1:
                    raise call_replay.NotReplayable("sets an attribute of an argument")
                if wrapper._data is not x:  # written in place: a replay writes the caller's Tensor
                    written.append((wrapper, wrapper._data))
        outcome.append(_Replay.of(inputs, wrappers, recorder.steps, result, written, recorder.guards))
        return ()

    jax.make_jaxpr(traced_call)(*arrays)
    return outcome[0]


def _attributes_changed(parameter, before: dict) -> bool:
    now = parameter.__dict__
    return len(now) != len(before) or any(now.get(k, before) is not v for k, v in before.items())


def _substituted(value, wrappers):
    """`value` with each Tensor replaced by the next tracing wrapper, in signature order (a
    Parameter's wrapper is itself)."""
    if value.__class__ is Tensor or value.__class__ is Parameter:
        return next(wrappers)
    if value.__class__ is tuple or value.__class__ is list:
        return value.__class__([_substituted(v, wrappers) for v in value])
    return value


# What a recorded step's result can be that a later step refers to (a key draw's is NumPy).
_RESULT_ARRAYS = (jax.Array, jax.core.Tracer, np.ndarray)
# What an argument of a replayed primitive, or a leaf of the result, is.
_REF, _CONSTANT = "ref", "constant"


class _Replay:
    """A recorded call: primitives run in order, each argument either a reference into
    `values` (the call's input arrays, then every primitive's result leaves in order) or a
    constant; then each argument the call wrote in place (a Parameter, or a Tensor) written
    (`writes`: its input position and the value's reference), and the result rebuilt from
    `values`. `guards`: (input position, bytes) per argument the call read on the host; the
    recording stands only for calls whose arguments there have those values."""

    __slots__ = ("steps", "output", "writes", "writes_tensors", "kernels", "build", "gathers", "guards")

    def __init__(self, steps, output, writes=(), writes_tensors=False, guards=()):
        self.steps, self.output, self.writes, self.guards = steps, output, writes, guards
        self.build = _builder(output)
        # Per step, (the primitive's kernel key, executor.kernel_of's runner) once it has run:
        # a step's argument kinds are fixed by the recording, so only the key can change it.
        self.kernels = [None] * len(steps)
        self.gathers = [_gather_of(template, refs) for _, template, refs, _ in steps]
        # A Tensor written in place and passed twice would be two values to the recording but
        # one to the eager call: such a call is not replayed (the signature does not tell).
        self.writes_tensors = writes_tensors

    @classmethod
    def of(cls, inputs, wrappers, logged, result, written=(), read=()):
        index = {id(x): i for i, x in enumerate(inputs)}
        guards = tuple(sorted({(index[id(x)], value.tobytes()) for x, value in read}))
        # A Parameter's stored array reaching a primitive as a constant was read around the
        # Recorder: a replay would keep that old value.
        storage = {id(w.__dict__["_data"]) for w in wrappers if w.__class__ is Parameter}
        count = len(inputs)  # where the next result leaf will be in a replay's `values`
        steps = []
        for prim, call_args, step_result in logged:
            template, refs = [], []
            for position, arg in enumerate(call_args):
                where = index.get(id(arg))
                if where is not None:
                    refs.append((position, where))
                    template.append(None)
                else:
                    _check_constant(arg, storage)
                    template.append(arg)
            leaves, unpack = _leaves_of(step_result)
            for leaf in leaves:
                if isinstance(leaf, _RESULT_ARRAYS):  # not ints: small ones share an id
                    index[id(leaf)] = count
                count += 1
            steps.append((prim, tuple(template), tuple(refs), unpack))
        positions = {}
        for i, w in enumerate(wrappers):
            positions.setdefault(id(w), i)
        writes = []
        for holder, value in written:
            where = index.get(id(value))
            if where is None:
                raise call_replay.NotReplayable("writes an argument a value made outside its primitives")
            writes.append((positions[id(holder)], where))
        return cls(tuple(steps), _output_spec(result, index, positions), tuple(writes),
                   any(holder.__class__ is Tensor for holder, _ in written), guards)

    def run(self, tensors):
        """The call's result, or _NOT_REPLAYED for a call this recording cannot stand for."""
        global replays
        if self.writes_tensors and len(set(map(id, tensors))) != len(tensors):
            return _NOT_REPLAYED
        for position, recorded in self.guards:
            if np.asarray(tensors[position]._data).tobytes() != recorded:
                return _VALUES_CHANGED
        replays += 1
        values = [t._data for t in tensors]
        kernels, gathers = self.kernels, self.gathers
        for step, (prim, template, refs, unpack) in enumerate(self.steps):
            if prim.__class__ is call_replay.KeyDraw:  # a random op's key: drawn afresh, not dispatched
                values.append(prim.draw(*prim.args))
                continue
            gather = gathers[step]
            if gather is not None:
                call_args = gather(values)
            else:
                call_args = list(template)
                for position, where in refs:
                    call_args[position] = values[where]
                call_args = tuple(call_args)
            if prim.__class__ is call_replay.ValueCheck:  # raises as the eager call would; no result
                prim.run(call_args)
                continue
            # No recording is active here (_bypassed), so executor.run would launch as this does.
            if prim._jit:
                kept, key = kernels[step], prim._kernel_key()
                if kept is None or kept[0] != key:
                    kept = kernels[step] = (key, executor.kernel_of(prim, call_args))
                result = executor.launch(prim, call_args, kept[1])
            else:
                result = executor.launch(prim, call_args, executor._run)
            if unpack is None:
                values.append(result)
            elif unpack is tuple:
                values.extend(result)
            else:
                values.extend(jax.tree_util.tree_leaves(result))
        for position, where in self.writes:
            holder = tensors[position]
            if holder.__class__ is Parameter:  # no frame or recording is active: _write would store
                holder._store(values[where])
            else:
                holder._write(values[where])
        return self.build(values, tensors)

    def same_as(self, other) -> bool:
        """Whether two recordings of one signature are the same program."""
        if len(self.steps) != len(other.steps) or self.output != other.output or self.writes != other.writes \
                or self.guards != other.guards:
            return False
        for (p, template, refs, unpack), (q, template2, refs2, unpack2) in zip(self.steps, other.steps):
            if refs != refs2 or unpack is not unpack2 or _prim_key(p) != _prim_key(q):
                return False
            if len(template) != len(template2) or not all(map(_same_constant, template, template2)):
                return False
        return True


def _gather_of(template, refs):
    """For a step whose every argument is a reference, in order (most steps), what picks them
    out of `values` as a tuple in one C call; else None (constants are filled in by a loop)."""
    if len(refs) < 2 or len(refs) != len(template) or any(p != i for i, (p, _) in enumerate(refs)):
        return None
    return operator.itemgetter(*[where for _, where in refs])


def _prim_key(prim):
    key = getattr(prim, "_kernel_key", None)
    return key() if key is not None else (type(prim), id(prim))


def _leaves_of(result):
    """A primitive result's array leaves, and how a replay finds them again: None for a
    single array, `tuple` for a flat tuple of arrays, else a general pytree."""
    if isinstance(result, _RESULT_ARRAYS):
        return [result], None
    if result.__class__ is tuple and all(isinstance(r, (jax.Array, jax.core.Tracer)) for r in result):
        return list(result), tuple
    return jax.tree_util.tree_leaves(result), "tree"


def _check_constant(arg, storage):
    """A primitive argument that is not a reference must not carry a traced value: one made
    outside the primitives (by jnp directly) would be lost in a replay; nor a Parameter's
    stored array (`storage`: their ids)."""
    for leaf in jax.tree_util.tree_leaves(arg):
        if isinstance(leaf, jax.core.Tracer):
            raise call_replay.NotReplayable("computes outside its primitives")
        if id(leaf) in storage:
            raise call_replay.NotReplayable("reads a Parameter around the Recorder")


def _same_constant(a, b) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, (jax.Array, np.ndarray, np.generic)):
        a, b = np.asarray(a), np.asarray(b)
        return a.dtype == b.dtype and a.shape == b.shape and a.tobytes() == b.tobytes()
    leaves_a, tree_a = jax.tree_util.tree_flatten(a)
    leaves_b, tree_b = jax.tree_util.tree_flatten(b)
    if tree_a != tree_b:
        return False
    if leaves_a == [a]:  # a leaf that is not an array: compare as Python values
        try:
            return bool(a == b) and repr(a) == repr(b)
        except Exception:  # noqa: BLE001 - values that cannot be compared are not the same
            return False
    return all(map(_same_constant, leaves_a, leaves_b))


def _output_spec(value, index, wrapper_positions):
    """How to rebuild the call's result: ("input", i) the caller's own Tensor i, ("tensor", k)
    a new Tensor of values[k], ("array", k) values[k], ("static", v) a Python value,
    (tuple or list, parts)."""
    cls = value.__class__
    if cls is Parameter and id(value) in wrapper_positions:  # the caller's own Parameter
        return ("input", wrapper_positions[id(value)])
    if cls is Tensor:
        if id(value) in wrapper_positions:
            return ("input", wrapper_positions[id(value)])
        where = index.get(id(value._data))
        if where is None or len(value.__dict__) != 1:
            raise call_replay.NotReplayable("returns a Tensor made outside its primitives")
        return ("tensor", where)
    if cls is tuple or cls is list:
        return (cls, tuple(_output_spec(v, index, wrapper_positions) for v in value))
    if cls in _SCALARS or cls is float or isinstance(value, mstype.Type):
        return ("static", value)
    if isinstance(value, (jax.Array, jax.core.Tracer)) and id(value) in index:
        return ("array", index[id(value)])
    raise call_replay.NotReplayable(f"returns a {cls.__name__}")


def _builder(spec):
    """A function (values, tensors) -> the result `spec` describes: one new Tensor and a tuple
    of new Tensors, the results of most ops, are built without walking the spec."""
    kind, what = spec
    if kind == "tensor":
        return lambda values, tensors: _tensor_of(values[what])
    if kind is tuple and all(part[0] == "tensor" for part in what):
        where = [part[1] for part in what]
        return lambda values, tensors: tuple([_tensor_of(values[k]) for k in where])
    return functools.partial(_built, spec)


def _tensor_of(array):
    tensor = _new_object(Tensor)
    tensor._data = array
    return tensor


def _built(spec, values, tensors):
    kind, what = spec
    if kind == "tensor":
        return _tensor_of(values[what])
    if kind == "static":
        return what
    if kind == "input":
        return tensors[what]
    if kind == "array":
        return values[what]
    return kind([_built(part, values, tensors) for part in what])
