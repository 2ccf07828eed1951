"""Composite operations (`mindspore.ops.composite`): GradOperation and the grad functions."""
from __future__ import annotations

import numbers

from .._runtime import compiled_grad
from ..common.parameter import Parameter, ParameterTuple
from ..common.tensor import Tensor

__all__ = ["GradOperation", "grad", "value_and_grad"]


def _weights(function, weights):
    if weights is None:
        return []
    if isinstance(weights, Parameter):
        return [weights]
    if isinstance(weights, (ParameterTuple, list, tuple)) and all(isinstance(w, Parameter) for w in weights):
        return list(weights)
    raise TypeError(f"For '{function}', the 'weights' must be a Parameter, a ParameterTuple or a list of Parameters, "
                    f"but got {type(weights).__name__}.")


def _positions(function, grad_position, n_args):
    if grad_position is None:
        return ()
    single = isinstance(grad_position, numbers.Integral) and not isinstance(grad_position, bool)
    positions = (grad_position,) if single else grad_position
    if not isinstance(positions, tuple) or not positions or not all(
            isinstance(p, numbers.Integral) and not isinstance(p, bool) for p in positions):
        raise TypeError(f"For '{function}', the 'grad_position' must be an int, a non-empty tuple of ints or None, "
                        f"but got {grad_position!r}.")
    for p in positions:
        if not 0 <= p < n_args:
            raise ValueError(f"For '{function}', the 'grad_position' must be in [0, {n_args}), but got {p}.")
    return tuple(int(p) for p in positions)


_EAGER = compiled_grad.GradCache(enabled=False)


def _differentiate(fn, args, positions, params, sens=None, has_aux=False, cache=None):
    """autodiff's (output, input gradients, weight gradients), the weight gradients as Tensors;
    with a `cache` (a compiled_grad.GradCache), compiled once per input signature outside a graph."""
    cache = _EAGER if cache is None else cache
    out, input_grads, weight_grads = cache.value_and_grad(fn, args, positions, params, sens, has_aux)
    return out, input_grads, tuple(Tensor._wrap(g) for g in weight_grads)


_MAX_CACHED_FUNCTIONS = 16


def _cache_for(caches: dict, fn, params):
    """The GradCache of (fn, weights): one per function and weight list, so that a gradient
    function built in every step (`self.grad(self.network, self.weights)(...)`) reuses it.
    A bound method is keyed by its object and function (each access makes a new method)."""
    owner = (id(fn.__self__), fn.__func__) if hasattr(fn, "__self__") and hasattr(fn, "__func__") else (id(fn),)
    key = owner + tuple(id(p) for p in params)
    entry = caches.get(key)
    if entry is None:
        if len(caches) >= _MAX_CACHED_FUNCTIONS:  # new functions every call (closures): no caching
            return compiled_grad.GradCache(enabled=False)
        entry = caches[key] = (fn, tuple(params), compiled_grad.GradCache())  # refs keep the ids valid
    return entry[2]


def _check_tensor_args(function, args, positions):
    for p in positions:
        if not isinstance(args[p], Tensor):
            raise TypeError(f"For '{function}', the input at 'grad_position' {p} must be a Tensor, but got "
                            f"{type(args[p]).__name__}.")


class GradOperation:
    """A higher-order function: `GradOperation(...)(fn[, weights])` returns the gradient function.

    get_all: gradients of every input (a tuple) instead of the first input's only.
    get_by_list: gradients of the `weights` (a ParameterTuple); with get_all, returns
    ((input gradients), (weight gradients)).
    sens_param: the last argument of the gradient function is the output's cotangent
    (otherwise ones).
    """

    def __init__(self, get_all=False, get_by_list=False, sens_param=False):
        for name, value in (("get_all", get_all), ("get_by_list", get_by_list), ("sens_param", sens_param)):
            if not isinstance(value, bool):
                raise TypeError(f"For 'GradOperation', the '{name}' must be a bool, but got {type(value).__name__}.")
        self.get_all, self.get_by_list, self.sens_param = get_all, get_by_list, sens_param
        self._caches: dict = {}

    def __call__(self, fn, weights=None):
        if not callable(fn):
            raise TypeError(f"For 'GradOperation', the 'fn' must be callable, but got {type(fn).__name__}.")
        if self.get_by_list and weights is None:
            raise ValueError("For 'GradOperation', 'weights' must be given when 'get_by_list' is True.")
        params = _weights("GradOperation", weights) if self.get_by_list else []
        cache = _cache_for(self._caches, fn, params)

        def gradient(*args):
            sens = None
            if self.sens_param:
                if not args:
                    raise TypeError("For 'GradOperation', 'sens_param' is True, so the last input must be the sens.")
                args, sens = args[:-1], args[-1]
            positions = tuple(i for i, a in enumerate(args) if isinstance(a, Tensor)) if self.get_all else \
                ((0,) if args and isinstance(args[0], Tensor) else ())
            _, input_grads, weight_grads = _differentiate(fn, args, positions, params, sens, cache=cache)
            if self.get_all and self.get_by_list:
                return input_grads, weight_grads
            if self.get_by_list:
                return weight_grads
            if self.get_all:
                return input_grads
            return input_grads[0] if input_grads else ()

        gradient.__sporax_grad_cache__ = cache
        return gradient


def _gradients(position_grads, weight_grads, grad_position, weights, return_ids=False, params=()):
    if return_ids:  # each gradient paired with what it is of: its input position or its Parameter's name
        positions = (grad_position,) if isinstance(grad_position, numbers.Integral) else (grad_position or ())
        position_grads = tuple(zip(positions, position_grads))
        weight_grads = tuple((p.name, g) for p, g in zip(params, weight_grads))
        if isinstance(weights, Parameter):
            weight_grads = weight_grads[0]
    if grad_position is None:
        return weight_grads
    single = isinstance(grad_position, numbers.Integral)
    positions = position_grads[0] if single else position_grads
    return (positions, weight_grads) if weights is not None else positions


def value_and_grad(fn, grad_position=0, weights=None, has_aux=False, return_ids=False):
    """A function returning `(fn's output, gradients)`; see `grad` for the gradients' form."""
    if not callable(fn):
        raise TypeError(f"For 'value_and_grad', the 'fn' must be callable, but got {type(fn).__name__}.")
    if grad_position is None and weights is None:
        raise ValueError("For 'value_and_grad', 'grad_position' and 'weights' can not both be None.")
    if not isinstance(has_aux, bool):
        raise TypeError(f"For 'value_and_grad', the 'has_aux' must be a bool, but got {type(has_aux).__name__}.")
    if not isinstance(return_ids, bool):
        raise TypeError(f"For 'value_and_grad', the 'return_ids' must be a bool, but got {type(return_ids).__name__}.")
    params = _weights("value_and_grad", weights)
    cache = compiled_grad.GradCache()

    def run(*args):
        positions = _positions("value_and_grad", grad_position, len(args))
        _check_tensor_args("value_and_grad", args, positions)
        out, position_grads, weight_grads = _differentiate(fn, args, positions, params, has_aux=has_aux,
                                                           cache=cache)
        return out, _gradients(position_grads, weight_grads, grad_position, weights, return_ids, params)

    run.__sporax_grad_cache__ = cache
    return run


def grad(fn, grad_position=0, weights=None, has_aux=False, return_ids=False):
    """A function returning the gradients of `fn`'s output (its first output with `has_aux`,
    then `(gradients, aux)` with the other outputs) with respect to the inputs at
    `grad_position` (an int: one Tensor; a tuple: a tuple) and to `weights` (then
    `(input gradients, weight gradients)`, or only the weight gradients when
    `grad_position` is None)."""
    with_value = value_and_grad(fn, grad_position, weights, has_aux, return_ids)

    def run(*args):
        out, gradients = with_value(*args)
        if has_aux:
            aux = tuple(out[1:]) if isinstance(out, (tuple, list)) else ()
            return gradients, aux
        return gradients

    run.__sporax_grad_cache__ = with_value.__sporax_grad_cache__
    return run


# --- issue 10: the higher-order composites -------------------------------------------------------
from .multitype import HyperMap, Map, MultitypeFuncGraph  # noqa: E402

__all__ += ["HyperMap", "Map", "MultitypeFuncGraph"]

# --- opsarray ---
from . import functional as _F  # noqa: E402
from .functional import (count_nonzero, cummin, matmul, repeat_elements, repeat_interleave,  # noqa: E402,F401
                         sequence_mask)


def zeros_like(x):
    """A Tensor of zeros with x's shape and dtype."""
    return _F.zeros_like(x)


def ones_like(*args):
    """A Tensor of ones with the shape and dtype of the (single) argument; for a tuple or list,
    the same structure of ones Tensors."""
    if len(args) != 1:
        raise TypeError(f"For 'ones_like', exactly one argument is expected, but got {len(args)}.")
    value = args[0]
    if isinstance(value, (tuple, list)):
        return type(value)(ones_like(v) for v in value)
    return _F.ones_like(value)


__all__ += ["count_nonzero", "cummin", "matmul", "repeat_elements", "repeat_interleave", "sequence_mask",
            "zeros_like", "ones_like"]


# --- opsarray: function transformations (mindspore.ops.vmap, jvp, vjp, jacfwd, jacrev) -------------
import jax as _jax  # noqa: E402


def _callable(function, fn):
    if not callable(fn):
        raise TypeError(f"For '{function}', the 'fn' must be callable, but got {type(fn).__name__}.")


def _as_tuple(value):
    return value if isinstance(value, tuple) else (value,)


def _check_tensors(function, arg, values):
    for v in values:
        if not isinstance(v, Tensor):
            raise TypeError(f"For '{function}', the '{arg}' must be a Tensor or a tuple of Tensors, but got "
                            f"{type(v).__name__}.")


def _transform_error(function, error):
    return ValueError(f"For '{function}', the inputs do not fit the transformation: {str(error).splitlines()[0]}")


def vmap(fn, in_axes=0, out_axes=0):
    """`fn` vectorised over an axis of its inputs: in_axes/out_axes say which axis (an int,
    None for an argument not batched, or a tuple/nested structure per argument/output)."""
    _callable("vmap", fn)
    for name, axes in (("in_axes", in_axes), ("out_axes", out_axes)):
        leaves = _jax.tree_util.tree_leaves(axes)
        if not all(isinstance(a, int) and not isinstance(a, bool) for a in leaves):
            raise TypeError(f"For 'vmap', the '{name}' must be an int, None, or a tuple/list of them, "
                            f"but got {axes!r}.")

    def batched(*args):
        try:
            return _jax.vmap(fn, in_axes=tuple(in_axes) if isinstance(in_axes, list) else in_axes,
                             out_axes=out_axes)(*args)
        except ValueError as e:
            raise _transform_error("vmap", e) from None

    return batched


def jvp(fn, inputs, v, has_aux=False):
    """(fn(inputs), the directional derivative of fn at inputs along v); with has_aux, fn returns
    (output, aux...) and the result is (output, derivative, aux)."""
    _callable("jvp", fn)
    inputs, v = _as_tuple(inputs), _as_tuple(v)
    _check_tensors("jvp", "inputs", inputs)
    _check_tensors("jvp", "v", v)
    if len(inputs) != len(v) or any(a.shape != b.shape for a, b in zip(inputs, v)):
        raise ValueError(f"For 'jvp', the 'v' must match the 'inputs' in number and shape, but got "
                         f"{[t.shape for t in v]} for {[t.shape for t in inputs]}.")
    if has_aux:
        def primal(*args):
            out = fn(*args)
            return out[0], tuple(out[1:])
        out, derivative, aux = _jax.jvp(primal, inputs, v, has_aux=True)
        return out, derivative, aux[0] if len(aux) == 1 else aux
    return _jax.jvp(fn, inputs, v)


def vjp(fn, inputs, weights=None, has_aux=False):
    """(fn(inputs), vjp_fn): vjp_fn(v) is the gradient of <fn(inputs), v> with respect to the
    inputs (a tuple, one per input), and to `weights` too when given ((inputs', weights'))."""
    _callable("vjp", fn)
    single = not isinstance(inputs, tuple)
    inputs = _as_tuple(inputs)
    _check_tensors("vjp", "inputs", inputs)
    params = _weights("vjp", weights)
    positions = tuple(range(len(inputs)))
    full = fn(*inputs)
    output = full[0] if has_aux else full

    def vjp_fn(*v):
        sens = v[0] if len(v) == 1 else v
        _, input_grads, weight_grads = _differentiate(fn, inputs, positions, params, sens, has_aux)
        grads = input_grads if not single or len(input_grads) != 1 else input_grads
        return (grads, weight_grads) if weights is not None else grads

    if has_aux:
        aux = tuple(full[1:])
        return output, vjp_fn, aux[0] if len(aux) == 1 else aux
    return output, vjp_fn


def _jacobian(function, transform, fn, grad_position, has_aux):
    _callable(function, fn)
    single = isinstance(grad_position, int) and not isinstance(grad_position, bool)
    positions = (grad_position,) if single else grad_position
    if not isinstance(positions, tuple) or not positions or not all(
            isinstance(p, int) and not isinstance(p, bool) for p in positions):
        raise TypeError(f"For '{function}', the 'grad_position' must be an int or a tuple of ints, but got "
                        f"{grad_position!r}.")

    def jacobian(*args):
        for p in positions:
            if not 0 <= p < len(args):
                raise ValueError(f"For '{function}', the 'grad_position' must be in [0, {len(args)}), but got {p}.")
        _check_tensors(function, "inputs", [args[p] for p in positions])

        def primal(*arrays):
            call = list(args)
            for p, a in zip(positions, arrays):
                call[p] = Tensor._wrap(a)
            out = fn(*call)
            if has_aux:
                return _arrays_of(out[0]), tuple(out[1:])
            return _arrays_of(out)

        argnums = 0 if single else tuple(range(len(positions)))
        result = transform(primal, argnums=argnums, has_aux=has_aux)(*[args[p]._value() for p in positions])
        if has_aux:
            jac, aux = result
            return _tensors_of(jac), aux[0] if len(aux) == 1 else aux
        return _tensors_of(result)

    return jacobian


def _arrays_of(value):
    return _jax.tree_util.tree_map(lambda v: v._value() if isinstance(v, Tensor) else v, value,
                                   is_leaf=lambda v: isinstance(v, Tensor))


def _tensors_of(value):
    return _jax.tree_util.tree_map(lambda v: Tensor._wrap(v) if isinstance(v, (_jax.Array, _jax.core.Tracer)) else v,
                                   value)


def jacfwd(fn, grad_position=0, has_aux=False):
    """The Jacobian of `fn` with respect to the inputs at `grad_position`, by forward mode."""
    return _jacobian("jacfwd", _jax.jacfwd, fn, grad_position, has_aux)


def jacrev(fn, grad_position=0, has_aux=False):
    """The Jacobian of `fn` with respect to the inputs at `grad_position`, by reverse mode."""
    return _jacobian("jacrev", _jax.jacrev, fn, grad_position, has_aux)


__all__ += ["vmap", "jvp", "vjp", "jacfwd", "jacrev"]


# --- opsarray: hyper_add (MindSpore's HyperMap of add over nested sequences) -----------------------
def _hyper_add_leaf(x, y):
    return _F.add(x, y)


_add_graph = MultitypeFuncGraph("hyper_add")
_add_graph.register("Tensor", "Tensor")(_hyper_add_leaf)
_add_graph.register("Number", "Number")(lambda x, y: x + y)
_add_graph.register("Tensor", "Number")(_hyper_add_leaf)
_add_graph.register("Number", "Tensor")(_hyper_add_leaf)
hyper_add = HyperMap(_add_graph)

__all__ += ["hyper_add"]



# --- opsarray: augmented assignment (x += y in graph syntax) and add_flags ------------------------
def _augassign(name, tensor_op, python_op, divides=False):
    def augassign(*args):
        if len(args) != 2:
            raise TypeError(f"For '{name}', 2 inputs are expected, but got {len(args)}.")
        x, y = args
        # MindSpore's x /= y and x //= y refuse a zero number divisor with a ValueError (not
        # Python's ZeroDivisionError), whatever x is
        if divides and isinstance(y, (int, float)) and y == 0:
            raise ValueError(f"For '{name}', division by zero: the 'y' is {y!r}.")
        if isinstance(x, Tensor) or isinstance(y, Tensor):
            return tensor_op(x, y)
        return python_op(x, y)
    augassign.__name__ = augassign.__qualname__ = name
    augassign.__doc__ = f"x {python_op.__name__} y: the ops function on Tensors, Python's operator on numbers."
    return augassign


import operator as _operator  # noqa: E402

augassign_add = _augassign("augassign_add", _F.add, _operator.add)
augassign_sub = _augassign("augassign_sub", _F.sub, _operator.sub)
augassign_mul = _augassign("augassign_mul", _F.mul, _operator.mul)
augassign_div = _augassign("augassign_div", _F.div, _operator.truediv, divides=True)
augassign_floordiv = _augassign("augassign_floordiv", _F.floor_divide, _operator.floordiv, divides=True)
augassign_mod = _augassign("augassign_mod", _F.floor_mod, _operator.mod)


def add_flags(fn=None, **flags):
    """Sets `flags` as attributes of `fn` (a function or Cell) and returns it; without fn, a
    decorator doing so."""
    def apply(target):
        for name, value in flags.items():
            if not isinstance(value, bool):
                raise TypeError(f"For 'add_flags', each flag must be a bool, but got {name}={value!r}.")
        existing = dict(getattr(target, "_func_graph_flags", {}))
        existing.update(flags)
        target._func_graph_flags = existing
        return target
    return apply if fn is None else apply(fn)


__all__ += ["augassign_add", "augassign_sub", "augassign_mul", "augassign_div", "augassign_floordiv",
            "augassign_mod", "add_flags"]


# --- toplevel (issue 10): the rest of mindspore.ops.composite -------------------------------------
# The random and linear-algebra functions are the same objects as in mindspore.ops.
from .function.linalg_func import batch_dot, dot, mm, tensor_dot, vecdot  # noqa: E402,F401
from .function.random_func import gamma, laplace, multinomial, normal, poisson, uniform  # noqa: E402,F401


def _check_flag(function, name, value):
    if not isinstance(value, bool):
        raise TypeError(f"For '{function}', the '{name}' must be a bool, but got {type(value).__name__}.")


class _Grad:
    """The gradient engine behind `grad`/`value_and_grad`: `_Grad(flags...)(fn, weights=None,
    grad_position=0)` returns the gradient function.

    get_all: gradients of every Tensor input; get_by_position: of the inputs at `grad_position`
    (a tuple of ints; one position gives one Tensor); get_by_list: of `weights` too, then
    ((input gradients), (weight gradients)) or, with neither get_all nor get_by_position, the
    weight gradients alone. sens_param: the last argument is the output's cotangent.
    has_aux: `fn` returns (output, aux...) and the result is (gradients, (aux...)).
    get_value: the result is (fn's whole output, gradients), the aux outputs inside the output.
    """

    def __init__(self, get_all=False, get_by_list=False, sens_param=False, get_by_position=False, has_aux=False,
                 get_value=False, return_ids=False, merge_forward=False):
        flags = dict(get_all=get_all, get_by_list=get_by_list, sens_param=sens_param,
                     get_by_position=get_by_position, has_aux=has_aux, get_value=get_value, return_ids=return_ids,
                     merge_forward=merge_forward)
        for name, value in flags.items():
            _check_flag("_Grad", name, value)
        self.__dict__.update(flags)

    def _positions(self, args, grad_position):
        if self.get_by_position:
            if not isinstance(grad_position, tuple):
                raise TypeError(f"For '_Grad', the 'grad_position' must be a tuple when 'get_by_position' is True, "
                                f"but got {type(grad_position).__name__}.")
            positions = _positions("_Grad", grad_position, len(args))
            _check_tensor_args("_Grad", args, positions)
            return positions
        if self.get_all:
            return tuple(i for i, a in enumerate(args) if isinstance(a, Tensor))
        return (0,) if args and isinstance(args[0], Tensor) else ()

    def __call__(self, fn, weights=None, grad_position=0):
        if not callable(fn):
            raise TypeError(f"For '_Grad', the 'fn' must be callable, but got {type(fn).__name__}.")
        if self.get_by_list and weights is None:
            raise ValueError("For '_Grad', 'weights' must be given when 'get_by_list' is True.")
        params = _weights("_Grad", weights) if self.get_by_list else []

        def gradient(*args):
            sens = None
            if self.sens_param:
                if not args:
                    raise TypeError("For '_Grad', 'sens_param' is True, so the last input must be the sens.")
                args, sens = args[:-1], args[-1]
            positions = self._positions(args, grad_position)
            out, input_grads, weight_grads = _differentiate(fn, args, positions, params, sens, self.has_aux)
            if self.get_by_position:
                inputs = input_grads[0] if len(input_grads) == 1 else input_grads
            elif self.get_all:
                inputs = input_grads
            else:
                inputs = input_grads[0] if input_grads else ()
            if self.get_by_list:
                grads = (inputs, weight_grads) if (self.get_all or self.get_by_position) else weight_grads
            else:
                grads = inputs
            if self.get_value:  # the aux outputs are in the value then, as in MindSpore
                return out, grads
            if self.has_aux:
                grads = (grads, tuple(out[1:]) if isinstance(out, (tuple, list)) else ())
            return grads

        return gradient


class _Vmap:
    """The vectorising-map engine behind `vmap`: `_Vmap()(fn, in_axes=0, out_axes=0)`."""

    def __call__(self, fn, in_axes=0, out_axes=0):
        return vmap(fn, in_axes, out_axes)


def _ones_like_for_grad(*args):
    """The default output cotangent: a ones Tensor like each Tensor of the (nested) arguments,
    1 for a Python number."""
    def ones(value):
        if isinstance(value, (tuple, list)):
            return type(value)(ones(v) for v in value)
        if isinstance(value, Tensor):
            return _F.ones_like(value)
        if isinstance(value, numbers.Number) and not isinstance(value, bool):
            return type(value)(1)
        raise TypeError(f"For '_ones_like_for_grad', each input must be a Tensor, a number or a tuple/list of them, "
                        f"but got {type(value).__name__}.")
    if len(args) == 1:
        return ones(args[0])
    return tuple(ones(a) for a in args)


def _check_sequence(function, value, kinds=(tuple, list)):
    if not isinstance(value, kinds):
        raise TypeError(f"For '{function}', the input must be a tuple or list, but got {type(value).__name__}.")


def tail(*args):
    """The elements of a tuple or list after its first (an empty one stays empty).

    MindSpore runs this only inside a graph (in PyNative it returns None); sporax gives the
    graph's result in both modes."""
    if len(args) != 1:
        raise TypeError(f"For 'tail', exactly one input is expected, but got {len(args)}.")
    _check_sequence("tail", args[0])
    return args[0][1:]


def zip_operation(*args):
    """A tuple of tuples: the i-th holds the i-th element of every input sequence, as many as the
    shortest input has (Python's zip, materialised). Graph-mode semantics in both modes."""
    if not args:
        raise ValueError("For 'zip_operation', at least 1 argument is expected, but got 0.")
    for value in args:
        _check_sequence("zip_operation", value)
    return tuple(zip(*args))


def _iterable(function, value):
    if isinstance(value, dict):
        return tuple(value)
    if isinstance(value, (tuple, list, str, Tensor)):
        return value
    raise TypeError(f"For '{function}', the input must be a tuple, list, dict, str or Tensor, but got "
                    f"{type(value).__name__}.")


def iter_converter(*args):
    """What a graph's `for` loop iterates: a tuple, list, str or Tensor as it is; a dict as the
    tuple of its keys."""
    if len(args) != 1:
        raise TypeError(f"For 'iter_converter', exactly one input is expected, but got {len(args)}.")
    return _iterable("iter_converter", args[0])


def ms_hasnext(*args):
    """Whether the iterable (see iter_converter) has an element left."""
    if len(args) != 1:
        raise TypeError(f"For 'ms_hasnext', exactly one input is expected, but got {len(args)}.")
    value = _iterable("ms_hasnext", args[0])
    return (value.shape[0] if value.ndim else 0) > 0 if isinstance(value, Tensor) else len(value) > 0


def ms_next(*args):
    """(first element, the rest) of the iterable: a graph's `for` loop step."""
    if len(args) != 1:
        raise TypeError(f"For 'ms_next', exactly one input is expected, but got {len(args)}.")
    value = _iterable("ms_next", args[0])
    if not ms_hasnext(value):
        raise ValueError(f"For 'ms_next', the input must not be empty, but got {value!r}.")
    return value[0], value[1:]


__all__ += ["batch_dot", "dot", "mm", "tensor_dot", "vecdot", "gamma", "laplace", "multinomial", "normal", "poisson",
            "uniform", "tail", "zip_operation", "iter_converter", "ms_hasnext", "ms_next"]


def linearize(fn, inputs):
    """(fn(*inputs), jvp_fn): jvp_fn(v) is the directional derivative of fn at `inputs` along `v`
    (a Tensor or a tuple matching `inputs`), from one linearisation (jax.linearize) reused for
    every v."""
    _callable("linearize", fn)
    if not isinstance(inputs, (Tensor, tuple, list)):
        raise TypeError(f"For 'linearize', the 'inputs' must be a Tensor or a tuple/list of Tensors, but got "
                        f"{type(inputs).__name__}.")
    inputs = _as_tuple(inputs)
    _check_tensors("linearize", "inputs", inputs)
    out, linear = _jax.linearize(fn, *inputs)

    def jvp_fn(v):
        v = _as_tuple(tuple(v) if isinstance(v, list) else v)
        _check_tensors("linearize", "v", v)
        if len(v) != len(inputs) or any(a.shape != b.shape for a, b in zip(inputs, v)):
            raise ValueError(f"For 'linearize', the 'v' must match the 'inputs' in number and shape, but got "
                             f"{[t.shape for t in v]} for {[t.shape for t in inputs]}.")
        return linear(*v)

    return out, jvp_fn


def stop_gradient_(input):  # noqa: A002 - MindSpore's name
    """Stop the gradient through `input` in place: later uses of this Tensor see a constant."""
    if not isinstance(input, Tensor):
        raise TypeError(f"For 'stop_gradient_', the 'input' must be a Tensor, but got {type(input).__name__}.")
    input._write(_F.stop_gradient(input)._value())


__all__ += ["linearize", "stop_gradient_"]


class GradientNotFound(RuntimeError, ValueError):
    """get_grad found no gradient for the identifier (MindSpore: RuntimeError)."""


def get_grad(gradients, identifier):
    """The gradient for `identifier` (an input position, or a Parameter: matched by name) in the
    result of `grad`/`value_and_grad` with `return_ids=True`."""
    if isinstance(identifier, bool) or not isinstance(identifier, (int, Parameter)):
        raise TypeError(f"For `get_grad`, the `x` should be an integer or a Parameter, but got {identifier}")
    key = identifier.name if isinstance(identifier, Parameter) else identifier

    def find(value):
        if isinstance(value, tuple):
            if len(value) == 2 and isinstance(value[0], (int, str)) and not isinstance(value[0], bool) \
                    and isinstance(value[1], Tensor):
                return value[1] if value[0] == key and type(value[0]) is type(key) else None
            for item in value:
                found = find(item)
                if found is not None:
                    return found
        return None
    found = find(gradients)
    if found is None:
        raise GradientNotFound(f"Can not find the gradient for position or Parameter {identifier}")
    return found


__all__ += ["get_grad"]
