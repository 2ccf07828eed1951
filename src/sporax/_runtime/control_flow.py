"""Control flow over Tensor values in compiled graphs (MindSpore GRAPH_MODE's `if`/`while`/`for`).

`transformed(fn)` rewrites the source of `fn` (`inspect.getsource` + `ast`, as MindSpore's
parser does) so that every `if test:` / `while test:` / `for x in it:` first evaluates its
test (iterable) once, then asks at trace time whether it is a traced Tensor:

- a Python value runs the original statement, exactly as written (break, continue,
  return, else clauses and all);
- a traced Tensor runs the statement's bodies as functions of the variables they assign,
  under `lax.cond` / `lax.while_loop` / `lax.fori_loop`-style `while_loop` / `lax.scan`.

The carry of each lax construct is (the active StateFrame's Parameter values, its
float-status register, the assigned variables), so Parameter writes, prints and the
float status inside branches and loops happen in program order, as in PyNative.

`return` inside a tensor `if` is supported where every path through the `if` returns,
or the code after the `if` can move into the branch that does not return (the rewrite
does that, which is the same program in Python). A loop's own `break`/`continue` become
flags (`_lower_exits`): the statements after one run under `if proceed(flags):`, a tensor
`while` also tests `not broke`, and a `for` (a scan, or a Python loop whose break depends on
a Tensor) does nothing in the iterations after the break. The functions and methods
`construct` calls get the same rewrite when they are the user's code (`converted`), as
MindSpore parses every function a graph reaches. Where a construct cannot compile (an
`else` on a tensor loop, `return` inside one, branches giving a variable different shapes)
the error names file, line and the reason.
"""
from __future__ import annotations

import ast
import builtins
import copy
import inspect
import os
import sys
import sysconfig
import textwrap
import types

import jax
import jax.numpy as jnp
from ..errors import GraphModeError
from . import call_replay, state_frame

_HELPER = "__sporax_cf__"
_PREFIX = "__sporax_"


# --------------------------------------------------------------------------------------------
# runtime helpers (called by the transformed code)
# --------------------------------------------------------------------------------------------
class _Undefined:
    """A variable with no value yet (assigned only inside a branch or loop body)."""

    def __repr__(self):
        return "<undefined>"


UNDEFINED = _Undefined()


def _is_array(leaf) -> bool:
    return isinstance(leaf, (jax.Array, jax.core.Tracer))


_PLAIN = (bool, int, float, complex, str, bytes, list, tuple, dict, set, frozenset, range, type, types.FunctionType,
          types.MethodType)


def is_traced(value) -> bool:
    """Whether `value` is a Tensor (or array) whose value is only known when the graph runs."""
    if call_replay.traced(value):
        return True
    if value is None or isinstance(value, _PLAIN) or hasattr(value, "__next__"):
        return False  # Python values and iterators (zip, map, generators) are never traced
    leaves = jax.tree_util.tree_leaves(value)
    return len(leaves) == 1 and leaves[0] is not value and call_replay.traced(leaves[0])


def bound(namespace: dict, names) -> tuple:
    """The current values of `names` (UNDEFINED for one not bound yet)."""
    return tuple(namespace.get(name, UNDEFINED) for name in names)


class TracedRange:
    """`range(start, stop, step)` where a bound is a traced Tensor."""

    def __init__(self, args, tensor_def):
        if len(args) == 1:
            args = (0, args[0], 1)
        elif len(args) == 2:
            args = (args[0], args[1], 1)
        self.start, self.stop, self.step = (_scalar_array(a) for a in args)
        self.tensor_def = tensor_def


def _scalar_array(value):
    leaves = jax.tree_util.tree_leaves(value)
    array = leaves[0] if len(leaves) == 1 and _is_array(leaves[0]) else jnp.asarray(value, jnp.int64)
    return jnp.reshape(array, ()).astype(jnp.int64)


def range_(range_fn, *args):
    """`range(*args)`, or a TracedRange when a bound is traced (and `range` is the builtin)."""
    if range_fn is not builtins.range or not any(is_traced(a) for a in args):
        return range_fn(*args)
    traced = next(a for a in args if is_traced(a))
    return TracedRange(args, jax.tree_util.tree_structure(traced))


def is_traced_iterable(value) -> bool:
    return isinstance(value, TracedRange) or is_traced(value)


def flag(value: bool):
    """A loop's break/continue flag: a bool array, so that a branch setting it carries it."""
    return jnp.asarray(value)


def proceed(*flags):
    """Whether no flag is set: the guard of the statements after a lowered break/continue."""
    return jnp.logical_not(jnp.any(jnp.stack([jnp.reshape(f, ()) for f in flags])))


def stopped(broke) -> bool:
    """Whether a Python loop's lowered break was taken in Python (not under a Tensor `if`)."""
    return not is_traced(broke) and bool(broke)


def keep_looping(test, broke):
    """`test and not broke`: the condition of a tensor while loop whose body can break."""
    if not is_traced(test):
        return jnp.logical_and(jnp.asarray(bool(test)), jnp.logical_not(broke))
    leaf = jax.tree_util.tree_leaves(test)[0]
    both = jnp.logical_and(jnp.reshape(leaf, ()).astype(bool), jnp.logical_not(broke))
    return jax.tree_util.tree_unflatten(jax.tree_util.tree_structure(test), [both])


_LIBRARY_DIRS = tuple(sorted({os.path.realpath(p) + os.sep for key, p in sysconfig.get_paths().items()
                              if key in ("stdlib", "platstdlib", "purelib", "platlib")}))
_SPORAX_DIR = os.path.dirname(os.path.dirname(os.path.realpath(__file__))) + os.sep
_USER_CODE: dict = {}


def _is_user_code(func) -> bool:
    """A function of the user's program (not of sporax, the standard library or an installed
    package): the functions a graph calls that get the control-flow rewrite too."""
    code = func.__code__
    known = _USER_CODE.get(code)
    if known is None:
        filename = code.co_filename
        path = os.path.realpath(filename) if not filename.startswith("<") else filename
        known = _USER_CODE[code] = not path.startswith(_SPORAX_DIR) and not path.startswith(_LIBRARY_DIRS)
    return known


def converted(fn):
    """`fn` as a compiled graph runs it: a function or method of the user's program gets the
    same control-flow rewrite as `construct` (MindSpore parses every function a graph calls);
    anything else (Cells, primitives, library functions) is returned unchanged."""
    func = _function_of(fn)
    if isinstance(func, types.FunctionType) and _is_user_code(func):
        return transformed(fn)
    return fn


def unsupported(reason: str, filename: str, line: int):
    raise GraphModeError(f"{filename}:{line}: {reason} This construct cannot compile in GRAPH_MODE "
                         "(or sporax.jit); rewrite it or run it in PYNATIVE_MODE.")


class _Site:
    def __init__(self, kind, names, filename, line):
        self.kind, self.names, self.filename, self.line = kind, tuple(names), filename, line

    def error(self, message):
        return GraphModeError(f"{self.filename}:{self.line}: in this {self.kind}, {message}")


def _describe(value) -> str:
    leaves = jax.tree_util.tree_leaves(value)
    if len(leaves) == 1 and _is_array(leaves[0]) and leaves[0] is not value:
        return f"a Tensor of shape {tuple(leaves[0].shape)} and dtype {leaves[0].dtype}"
    if _is_array(value):
        return f"an array of shape {tuple(value.shape)} and dtype {value.dtype}"
    if value is UNDEFINED:
        return "not defined"
    return f"{type(value).__name__} {value!r}"


class _Flat:
    """A tuple of variable values as array leaves (the dynamic part) and the rest (static)."""

    def __init__(self, values):
        self.values = tuple(values)
        self.leaves, self.treedef = jax.tree_util.tree_flatten(self.values, is_leaf=lambda v: v is UNDEFINED)
        self.arrays = [leaf for leaf in self.leaves if _is_array(leaf)]

    def spec(self):
        return (self.treedef, tuple(("array", tuple(leaf.shape), jnp.dtype(leaf.dtype)) if _is_array(leaf)
                                    else ("static", _static_key(leaf)) for leaf in self.leaves))

    def rebuild(self, arrays):
        arrays = iter(arrays)
        return jax.tree_util.tree_unflatten(
            self.treedef, [next(arrays) if _is_array(leaf) else leaf for leaf in self.leaves])


def _static_key(value):
    try:
        hash(value)
        return (type(value), value)
    except TypeError:
        return ("id", id(value))


def _same(a, b) -> bool:
    return _Flat([a]).spec() == _Flat([b]).spec()


def _promote(value, tensor_def):
    """A Python number carried through a tensor loop or branch becomes a Tensor (int64 / float32)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or tensor_def is None:
        return value
    dtype = jnp.int64 if isinstance(value, int) else jnp.float32
    return jax.tree_util.tree_unflatten(tensor_def, [jnp.asarray(value, dtype)])


class _State:
    """The active frame's Parameter values and float status, as a carry of a lax construct."""

    def __init__(self):
        self.frame = state_frame.active()
        self.params = list(self.frame.params) if self.frame is not None else []
        self.register = self.frame.status if self.frame is not None else None

    def snapshot(self):
        frame = self.frame
        if frame is None:
            return None
        return (dict(frame.values), list(frame.params), dict(frame.written),
                self.register.value if self.register is not None else None,
                self.register.armed if self.register is not None else None)

    def restore(self, snap):
        if snap is None:
            return
        frame = self.frame
        values, params, written, status, armed = snap
        frame.values.clear()
        frame.values.update(values)
        frame.params[:] = params
        frame.written.clear()
        frame.written.update(written)
        if self.register is not None:
            self.register.value, self.register.armed = status, armed

    def carry(self):
        if self.frame is None:
            return ((), None)
        values = tuple(self.frame.values[id(p)] for p in self.params)
        status = self.register.current() if self.register is not None else None
        return (values, status)

    def install(self, carry):
        if self.frame is None:
            return
        values, status = carry
        for param, value in zip(self.params, values):
            self.frame.values[id(param)] = value
        if self.register is not None:
            self.register.value = status

    def probe(self, trace):
        """Trace `trace` shape-only and undo its effects, keeping the Parameters it reaches
        (bound with their values before it ran) and which of them it writes."""
        snap = self.snapshot()
        try:
            result = trace()
        finally:
            if snap is not None:
                new = self.frame.params[len(snap[1]):]
                written = {k: v for k, v in self.frame.written.items() if k not in snap[2]}
                self.restore(snap)
                for param in new:
                    self.frame.read(param)  # bind as before the construct ran
                self.frame.written.update(written)
        self.params = list(self.frame.params) if self.frame is not None else []
        return result

    def check_params(self, before, after, site):
        for param, a, b in zip(self.params, before[0], after[0]):
            if (tuple(a.shape), jnp.dtype(a.dtype)) != (tuple(b.shape), jnp.dtype(b.dtype)):
                raise site.error(f"Parameter '{param.name}' changes from shape {tuple(a.shape)} {a.dtype} to "
                                 f"{tuple(b.shape)} {b.dtype}.")


def _run_with(state, carry, fn, args):
    state.install(carry)
    out = fn(*args)
    return out, state.carry()


def cond(test, true_fn, false_fn, values, names, filename, line, returns=False):
    """`if test:` on a traced Tensor: both branches, as functions of the variables they
    assign, under lax.cond; returns the variables' values after the `if` (or, with
    `returns`, the value both branches return)."""
    site = _Site("'if' on a Tensor condition", names, filename, line)
    tensor_def = jax.tree_util.tree_structure(test)
    predicate = jnp.reshape(jax.tree_util.tree_leaves(test)[0], ())
    if predicate.size != 1:
        raise site.error(f"the condition must have one element, but it has shape {predicate.shape}.")
    predicate = predicate.astype(bool)
    state = _State()
    shapes = {}

    def shape_of(branch, key):
        def traced(carry):
            out, after = _run_with(state, carry, branch, values)
            shapes[key] = out  # its tracers only describe shapes and dtypes here
            return after

        def trace():
            carry = state.carry()
            return carry, jax.eval_shape(traced, carry)
        return state.probe(trace)

    shape_of(true_fn, True)
    shape_of(false_fn, False)
    before, after_true = shape_of(true_fn, True)  # both branches' Parameters are bound now
    _, after_false = shape_of(false_fn, False)
    state.check_params(before, after_true, site)
    state.check_params(before, after_false, site)
    out_true, out_false = shapes[True], shapes[False]
    if returns:
        out_true, out_false, names = (out_true,), (out_false,), ("the returned value",)
    merged = []
    for name, a, b in zip(names, out_true, out_false):
        if a is UNDEFINED or b is UNDEFINED:
            merged.append(UNDEFINED)
            continue
        if not _same(a, b):
            pa, pb = _promote(a, tensor_def), _promote(b, tensor_def)
            if not (isinstance(a, (int, float)) or isinstance(b, (int, float))) or not _same(
                    jax.eval_shape(lambda v: v, pa) if pa is not a else pa,
                    jax.eval_shape(lambda v: v, pb) if pb is not b else pb):
                raise site.error(f"variable '{name}' is {_describe(a)} in the true branch but {_describe(b)} "
                                 "in the false branch; both branches must give it the same type, shape and dtype.")
            merged.append("promote")
            continue
        merged.append(a)
    statics = {}

    def branch(fn, key):
        def run(operand):
            carry = operand
            out, new_carry = _run_with(state, carry, fn, values)
            out = (out,) if returns else tuple(out)
            out = tuple(_promote(v, tensor_def) if m == "promote" else (None if m is UNDEFINED else v)
                        for v, m in zip(out, merged))
            flat = _Flat(out)
            statics[key] = flat
            return new_carry, flat.arrays
        return run

    snap = state.snapshot()
    try:
        new_carry, arrays = jax.lax.cond(predicate, branch(true_fn, True), branch(false_fn, False), state.carry())
    finally:
        state.restore(snap)
    state.install(new_carry)
    result = statics[True].rebuild(arrays)
    result = tuple(UNDEFINED if m is UNDEFINED else v for v, m in zip(result, merged))
    return result[0] if returns else result


def _loop_carry(values, tensor_def):
    return tuple(_promote(v, tensor_def) for v in values)


def _check_invariant(site, values, out):
    for name, a, b in zip(site.names, values, out):
        if a is UNDEFINED:
            continue
        if not _same(a, b):
            raise site.error(f"variable '{name}' is {_describe(a)} before the loop but {_describe(b)} after one "
                             "iteration; a loop variable must keep its type, shape and dtype.")


def _loop(site, values, tensor_def, init_extra, step, keep_going):
    """Shared machinery of while/for: `step(extra, vars) -> (extra, vars)` under lax.while_loop
    while `keep_going(extra, vars)`; vars undefined before the loop stay local to its body."""
    state = _State()
    values = _loop_carry(values, tensor_def)
    carried = [v is not UNDEFINED for v in values]

    def full(partial_values):
        it = iter(partial_values)
        return tuple(next(it) if c else UNDEFINED for c in carried)

    def keep(values_):
        return tuple(v for v, c in zip(values_, carried) if c)

    init = _Flat(keep(values))
    carried_site = _Site(site.kind, keep(site.names), site.filename, site.line)

    def body(loop_carry):
        carry, extra, arrays = loop_carry
        state.install(carry)
        extra, out = step(extra, full(init.rebuild(arrays)))
        out = keep(out)
        _check_invariant(carried_site, keep(values), out)
        return state.carry(), extra, _Flat(out).arrays

    def test(loop_carry):
        carry, extra, arrays = loop_carry
        snap = state.snapshot()
        try:
            state.install(carry)
            flag = keep_going(extra, full(init.rebuild(arrays)))
        finally:
            state.restore(snap)
        return jnp.reshape(flag, ()).astype(bool)

    for _ in range(2):  # bind every Parameter the body reaches, then check the carry is invariant
        before = state.carry()
        after = state.probe(lambda: jax.eval_shape(body, (state.carry(), init_extra, init.arrays)))[0]
    state.check_params(before, after, site)
    snap = state.snapshot()
    try:
        carry, _, arrays = jax.lax.while_loop(test, body, (state.carry(), init_extra, init.arrays))
    finally:
        state.restore(snap)
    state.install(carry)
    return full(init.rebuild(arrays))


def while_loop(test_fn, body_fn, values, names, filename, line):
    """`while test:` on a traced Tensor condition, as lax.while_loop over the assigned variables."""
    site = _Site("'while' loop on a Tensor condition", names, filename, line)
    first = test_fn(*values)
    tensor_def = jax.tree_util.tree_structure(first)

    def keep_going(_, vars_):
        return jax.tree_util.tree_leaves(test_fn(*vars_))[0]

    return _loop(site, values, tensor_def, jnp.zeros((), jnp.int64), lambda e, v: (e, tuple(body_fn(*v))),
                 keep_going)


def for_loop(iterable, body_fn, values, names, filename, line):
    """`for x in it:` over a traced Tensor (its first axis) or a range with a traced bound."""
    site = _Site("'for' loop over a Tensor", names, filename, line)
    if isinstance(iterable, TracedRange):
        r = iterable
        tensor_def = r.tensor_def

        def step(i, vars_):
            return i + r.step, tuple(body_fn(jax.tree_util.tree_unflatten(tensor_def, [i]), *vars_))

        def keep_going(i, _):
            return jnp.where(r.step > 0, i < r.stop, i > r.stop)

        return _loop(site, values, tensor_def, r.start, step, keep_going)
    tensor_def = jax.tree_util.tree_structure(iterable)
    array = jax.tree_util.tree_leaves(iterable)[0]
    if array.ndim == 0:
        raise site.error("a 0-d Tensor cannot be iterated.")
    length = array.shape[0]

    def step(i, vars_):
        item = jax.tree_util.tree_unflatten(tensor_def, [jax.lax.dynamic_index_in_dim(array, i, keepdims=False)])
        return i + 1, tuple(body_fn(item, *vars_))

    return _loop(site, values, tensor_def, jnp.zeros((), jnp.int64), step, lambda i, _: i < length)


# --------------------------------------------------------------------------------------------
# the source transformation
# --------------------------------------------------------------------------------------------
_CACHE: dict = {}


def _assigned(stmts) -> list[str]:
    """Names a block binds (not counting nested function and class bodies), in order."""
    names: list[str] = []

    class Visitor(ast.NodeVisitor):
        def visit_Name(self, node):
            if isinstance(node.ctx, (ast.Store, ast.Del)) and node.id not in names and not node.id.startswith(_PREFIX):
                names.append(node.id)

        def visit_FunctionDef(self, node):
            if node.name not in names and not node.name.startswith(_PREFIX):
                names.append(node.name)

        visit_AsyncFunctionDef = visit_ClassDef = visit_FunctionDef

        def visit_Lambda(self, node):
            pass

        def visit_ListComp(self, node):
            pass

        visit_SetComp = visit_DictComp = visit_GeneratorExp = visit_ListComp

    for stmt in stmts:
        Visitor().visit(stmt)
    return names


def _contains(stmts, kinds, loops_too=True) -> bool:
    """Whether a block holds a statement of `kinds` outside nested functions (and, without
    `loops_too`, outside nested loops: a break there belongs to that loop)."""

    def walk(node):
        if isinstance(node, kinds):
            return True
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            return False
        if not loops_too and isinstance(node, (ast.For, ast.While)):
            return any(walk(child) for child in node.orelse)
        return any(walk(child) for child in ast.iter_child_nodes(node))

    return any(walk(stmt) for stmt in stmts)


def _always_returns(stmts) -> bool:
    if not stmts:
        return False
    last = stmts[-1]
    if isinstance(last, (ast.Return, ast.Raise)):
        return True
    if isinstance(last, ast.If):
        return _always_returns(last.body) and _always_returns(last.orelse)
    return False


_FLAG_PREFIX = "_sporax_"  # carried like user variables (`_assigned` skips only _PREFIX names)


def _lower_exits(stmts, broke, skipped, helper):
    """A tensor loop's body with its own `break`/`continue` replaced by setting the flags
    `broke`/`skipped`, and the statements after one that may set them guarded by
    `if proceed(broke, skipped):`: the same program, as straight-line code that lax can carry."""
    def set_flag(name, node):
        return ast.copy_location(ast.Assign(targets=[ast.Name(name, ast.Store())],
                                            value=ast.Call(func=helper("flag"), args=[ast.Constant(True)],
                                                           keywords=[])), node)

    out = []
    for i, stmt in enumerate(stmts):
        if isinstance(stmt, ast.Break):
            out.append(set_flag(broke, stmt))
            return out
        if isinstance(stmt, ast.Continue):
            out.append(set_flag(skipped, stmt))
            return out
        if (isinstance(stmt, (ast.For, ast.While, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                or not _contains([stmt], (ast.Break, ast.Continue), loops_too=False)):
            out.append(stmt)
            continue
        for field in ("body", "orelse", "finalbody"):
            if hasattr(stmt, field):
                setattr(stmt, field, _lower_exits(getattr(stmt, field), broke, skipped, helper))
        for handler in getattr(stmt, "handlers", ()):
            handler.body = _lower_exits(handler.body, broke, skipped, helper)
        out.append(stmt)
        rest = stmts[i + 1:]
        if rest:
            guard = ast.Call(func=helper("proceed"), args=[ast.Name(broke, ast.Load()), ast.Name(skipped, ast.Load())],
                             keywords=[])
            out.append(ast.copy_location(ast.If(test=guard, body=_lower_exits(rest, broke, skipped, helper),
                                                orelse=[]), rest[0]))
        return out
    return out


class _CallConverter(ast.NodeTransformer):
    """Routes `self.method(...)` and `function(...)` calls through `converted`, so that the
    functions `construct` calls compile their tensor control flow too. Nested functions are
    left alone: they are converted when they are called."""

    def __init__(self, self_name):
        self.self_name = self_name
        self.count = 0

    def visit_FunctionDef(self, node):
        return node

    visit_AsyncFunctionDef = visit_ClassDef = visit_Lambda = visit_FunctionDef

    def visit_Call(self, node):
        self.generic_visit(node)
        func = node.func
        on_self = (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
                   and func.value.id == self.self_name)
        plain = isinstance(func, ast.Name) and not hasattr(builtins, func.id) and not func.id.startswith(_PREFIX)
        if on_self or plain:
            node.func = ast.copy_location(ast.Call(
                func=ast.Attribute(value=ast.Name(_HELPER, ast.Load()), attr="converted", ctx=ast.Load()),
                args=[func], keywords=[]), func)
            self.count += 1
        return node


def _parse_expr(text):
    return ast.parse(text, mode="eval").body


class _Rewriter:
    def __init__(self, filename):
        self.filename = filename
        self.count = 0
        self.changed = False

    def fresh(self, kind):
        self.count += 1
        return f"{_PREFIX}{kind}_{self.count}"

    def helper(self, attr):
        return ast.Attribute(value=ast.Name(_HELPER, ast.Load()), attr=attr, ctx=ast.Load())

    def call(self, attr, *args):
        return ast.Call(func=self.helper(attr), args=list(args), keywords=[])

    def site_args(self, names, node):
        return [ast.Tuple([ast.Constant(n) for n in names], ast.Load()), ast.Constant(self.filename),
                ast.Constant(node.lineno)]

    def bound(self, names):
        locals_call = ast.Call(func=ast.Name("locals", ast.Load()), args=[], keywords=[])
        return self.call("bound", locals_call, ast.Tuple([ast.Constant(n) for n in names], ast.Load()))

    def function(self, name, params, body, returns_names):
        body = list(body) or [ast.Pass()]
        if returns_names is not None:
            # `bound`, not a tuple of names: a variable a nested construct left undefined (and
            # unbound) comes back as UNDEFINED instead of raising UnboundLocalError.
            body = body + [ast.Return(self.bound(returns_names))]
        return ast.FunctionDef(name=name, args=ast.arguments(
            posonlyargs=[], args=[ast.arg(p) for p in params], vararg=None, kwonlyargs=[], kw_defaults=[],
            kwarg=None, defaults=[]), body=body, decorator_list=[], returns=None, type_params=[])

    def unbind_undefined(self, names):
        return [ast.If(test=ast.Compare(ast.Name(n, ast.Load()), [ast.Is()], [self.helper("UNDEFINED")]),
                       body=[ast.Delete([ast.Name(n, ast.Del())])], orelse=[]) for n in names]

    def unsupported(self, reason, node):
        return [ast.Expr(self.call("unsupported", ast.Constant(reason), ast.Constant(self.filename),
                                   ast.Constant(node.lineno)))]

    def assign_names(self, names, value):
        return ast.Assign(targets=[ast.Tuple([ast.Name(n, ast.Store()) for n in names], ast.Store())], value=value)

    # --- blocks -----------------------------------------------------------------------------
    def block(self, stmts, tail):
        out = []
        stmts = list(stmts)
        i = 0
        while i < len(stmts):
            stmt = stmts[i]
            rest = stmts[i + 1:]
            if isinstance(stmt, ast.If):
                moved = False
                if _contains([stmt], ast.Return) and rest:
                    if _always_returns(stmt.body) and not _always_returns(stmt.orelse):
                        stmt.orelse = stmt.orelse + rest
                        moved = True
                    elif _always_returns(stmt.orelse) and not _always_returns(stmt.body):
                        stmt.body = stmt.body + rest
                        moved = True
                is_tail = tail and (moved or not rest)
                if is_tail and _contains([stmt], ast.Return):
                    for branch in (stmt.body, stmt.orelse):
                        if not _always_returns(branch):
                            branch.append(ast.copy_location(ast.Return(ast.Constant(None)), stmt))
                out.extend(self.if_(stmt, is_tail))
                if moved:
                    break
            elif isinstance(stmt, ast.While):
                out.extend(self.while_(stmt))
            elif isinstance(stmt, ast.For):
                out.extend(self.for_(stmt))
            elif isinstance(stmt, (ast.With, ast.Try)):
                for field in ("body", "orelse", "finalbody"):
                    if hasattr(stmt, field):
                        setattr(stmt, field, self.block(getattr(stmt, field), False))
                if isinstance(stmt, ast.Try):
                    for handler in stmt.handlers:
                        handler.body = self.block(handler.body, False)
                out.append(stmt)
            else:
                out.append(stmt)
            i += 1
        return out

    def located(self, stmts, node):
        for stmt in stmts:
            for child in ast.walk(stmt):
                if not hasattr(child, "lineno") or getattr(child, "lineno", None) is None:
                    ast.copy_location(child, node)
        return stmts

    def if_(self, node, tail):
        self.changed = True
        body, orelse = self.block(node.body, tail), self.block(node.orelse, tail)
        test_name = self.fresh("test")
        python = ast.If(test=ast.Name(test_name, ast.Load()), body=body, orelse=orelse)
        returns = tail and _always_returns(body) and _always_returns(orelse)
        if _contains(body + orelse, ast.Return) and not returns:
            tensor = self.unsupported("'return' inside an 'if' on a Tensor condition must end every path "
                                      "through the 'if' (or be followed only by code that can move into the "
                                      "other branch).", node)
        elif _contains(body + orelse, (ast.Yield, ast.YieldFrom, ast.Nonlocal, ast.Global)):
            tensor = self.unsupported("'yield', 'global' and 'nonlocal' are not supported inside an 'if' on a "
                                      "Tensor condition.", node)
        elif _contains(body + orelse, (ast.Break, ast.Continue), loops_too=False):
            tensor = self.unsupported("'break'/'continue' inside an 'if' on a Tensor condition is not supported.",
                                      node)
        else:
            names = _assigned(body + orelse)
            true_name, false_name = self.fresh("true"), self.fresh("false")
            result = None if returns else names
            defs = [self.function(true_name, names, body, result), self.function(false_name, names, orelse, result)]
            call = self.call("cond", ast.Name(test_name, ast.Load()), ast.Name(true_name, ast.Load()),
                             ast.Name(false_name, ast.Load()), self.bound(names), *self.site_args(names, node))
            if returns:
                call.keywords = [ast.keyword("returns", ast.Constant(True))]
                tensor = defs + [ast.Return(call)]
            elif names:
                tensor = defs + [self.assign_names(names, call)] + self.unbind_undefined(names)
            else:
                tensor = defs + [ast.Expr(call)]
        stmts = [ast.Assign(targets=[ast.Name(test_name, ast.Store())], value=node.test),
                 ast.If(test=self.call("is_traced", ast.Name(test_name, ast.Load())), body=tensor, orelse=[python])]
        return self.located(stmts, node)

    def loop_tensor_path(self, node, body, kind):
        if node.orelse:
            return self.unsupported(f"an 'else' clause on a '{kind}' loop over a Tensor is not supported.", node)
        if _contains(body, (ast.Break, ast.Continue), loops_too=False):
            return self.unsupported(f"'break'/'continue' in a '{kind}' loop over a Tensor is not supported.", node)
        if _contains(body, ast.Return):
            return self.unsupported(f"'return' inside a '{kind}' loop over a Tensor is not supported.", node)
        if _contains(body, (ast.Yield, ast.YieldFrom, ast.Nonlocal, ast.Global)):
            return self.unsupported(f"'yield', 'global' and 'nonlocal' are not supported in a '{kind}' loop over a "
                                    "Tensor.", node)
        return None

    def exit_flags(self, node):
        """(broke, skipped, lowered body) for a loop whose body has its own break/continue, else None."""
        if not _contains(node.body, (ast.Break, ast.Continue), loops_too=False):
            return None
        broke, skipped = self.fresh_flag("broke"), self.fresh_flag("skipped")
        return broke, skipped, _lower_exits(copy.deepcopy(node.body), broke, skipped, self.helper)

    def fresh_flag(self, kind):
        self.count += 1
        return f"{_FLAG_PREFIX}{kind}_{self.count}"

    def flag_assign(self, name, value):
        return ast.Assign(targets=[ast.Name(name, ast.Store())], value=self.call("flag", ast.Constant(value)),
                          lineno=0)

    def while_(self, node):
        self.changed = True
        exits = self.exit_flags(node)
        body = self.block(node.body, False)
        orelse = self.block(node.orelse, False)
        test_name, fresh_name = self.fresh("test"), self.fresh("first")
        python = [ast.Assign(targets=[ast.Name(fresh_name, ast.Store())], value=ast.List([ast.Constant(True)],
                                                                                         ast.Load())),
                  ast.While(test=ast.IfExp(
                      test=ast.BoolOp(ast.And(), [ast.Name(fresh_name, ast.Load()), ast.Call(
                          func=ast.Attribute(ast.Name(fresh_name, ast.Load()), "pop", ast.Load()), args=[],
                          keywords=[])]),
                      body=ast.Name(test_name, ast.Load()), orelse=node.test), body=body, orelse=orelse)]
        test, init, tensor_body = node.test, [], body
        if exits is not None:
            broke, skipped, lowered = exits
            test = self.call("keep_looping", copy.deepcopy(node.test), ast.Name(broke, ast.Load()))
            init = [self.flag_assign(broke, False), self.flag_assign(skipped, False)]
            tensor_body = self.block([self.flag_assign(skipped, False)] + lowered, False)
        tensor = self.loop_tensor_path(node, tensor_body, "while")
        if tensor is None:
            names = _assigned(tensor_body)
            test_fn, body_fn = self.fresh("cond"), self.fresh("body")
            defs = [self.function(test_fn, names, [ast.Return(test)], None),
                    self.function(body_fn, names, tensor_body, names)]
            call = self.call("while_loop", ast.Name(test_fn, ast.Load()), ast.Name(body_fn, ast.Load()),
                             self.bound(names), *self.site_args(names, node))
            tensor = init + defs + ([self.assign_names(names, call)] + self.unbind_undefined(names) if names
                                    else [ast.Expr(call)])
        stmts = [ast.Assign(targets=[ast.Name(test_name, ast.Store())], value=node.test),
                 ast.If(test=self.call("is_traced", ast.Name(test_name, ast.Load())), body=tensor, orelse=python)]
        return self.located(stmts, node)

    def for_(self, node):
        self.changed = True
        exits = self.exit_flags(node)
        body = self.block(node.body, False)
        orelse = self.block(node.orelse, False)
        iter_name = self.fresh("iter")
        iterable = node.iter
        if (isinstance(iterable, ast.Call) and isinstance(iterable.func, ast.Name) and iterable.func.id == "range"
                and not iterable.keywords and 1 <= len(iterable.args) <= 3):
            iterable = self.call("range_", iterable.func, *iterable.args)
        python = [ast.For(target=node.target, iter=ast.Name(iter_name, ast.Load()), body=body, orelse=orelse)]
        init, tensor_body = [], body
        if exits is not None:  # a scan runs every iteration: once broken, the rest do nothing
            broke, skipped, lowered = exits
            init = [self.flag_assign(broke, False), self.flag_assign(skipped, False)]
            guard = self.call("proceed", ast.Name(broke, ast.Load()))
            guarded = ast.copy_location(ast.If(test=guard, body=lowered, orelse=[]), node)
            python_guarded = copy.deepcopy(guarded)
            tensor_body = self.block([self.flag_assign(skipped, False), guarded], False)
            # A Python loop runs the same lowered body, so a break under a Tensor `if` works
            # (later iterations do nothing); a break decided in Python still stops the loop.
            stop = ast.If(test=self.call("stopped", ast.Name(broke, ast.Load())), body=[ast.Break()], orelse=[])
            python = init + [ast.For(target=node.target, iter=ast.Name(iter_name, ast.Load()),
                                     body=self.block([self.flag_assign(skipped, False), python_guarded],
                                                     False) + [stop], orelse=orelse)]
        tensor = self.loop_tensor_path(node, tensor_body, "for")
        if tensor is None and not isinstance(node.target, ast.Name):
            tensor = self.unsupported("the target of a 'for' loop over a Tensor must be one name.", node)
        if tensor is None:
            names = [n for n in _assigned(tensor_body) if n != node.target.id]
            body_fn = self.fresh("body")
            defs = [self.function(body_fn, [node.target.id] + names, tensor_body, names)]
            call = self.call("for_loop", ast.Name(iter_name, ast.Load()), ast.Name(body_fn, ast.Load()),
                             self.bound(names), *self.site_args(names, node))
            tensor = init + defs + ([self.assign_names(names, call)] + self.unbind_undefined(names) if names
                                    else [ast.Expr(call)])
        stmts = [ast.Assign(targets=[ast.Name(iter_name, ast.Store())], value=iterable),
                 ast.If(test=self.call("is_traced_iterable", ast.Name(iter_name, ast.Load())), body=tensor,
                        orelse=python)]
        return self.located(stmts, node)


def _explicit_super(node):
    """`super()` names its class and instance explicitly: inside a branch function the
    zero-argument form would take the branch's first argument as the instance."""
    positional = node.args.posonlyargs + node.args.args
    if not positional:
        return
    for call in ast.walk(node):
        if (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "super"
                and not call.args and not call.keywords):
            call.args = [ast.copy_location(ast.Name("__class__", ast.Load()), call),
                         ast.copy_location(ast.Name(positional[0].arg, ast.Load()), call)]


def _function_of(fn):
    return fn.__func__ if isinstance(fn, types.MethodType) else fn


def transformed(fn):
    """`fn` with tensor control flow compiled to lax constructs (cached per function object);
    `fn` itself when it has no control flow or its source is not available."""
    func = _function_of(fn)
    if not isinstance(func, types.FunctionType):
        return fn
    new = _CACHE.get(func)
    if new is None:
        new = _CACHE[func] = _transform(func) or func
    if new is func:
        return fn
    return types.MethodType(new, fn.__self__) if isinstance(fn, types.MethodType) else new


def _transform(func):
    try:
        source = textwrap.dedent(inspect.getsource(func))
        filename = inspect.getsourcefile(func) or func.__code__.co_filename
        tree = ast.parse(source)
    except (OSError, TypeError, SyntaxError, IndentationError):
        return None
    ast.increment_lineno(tree, func.__code__.co_firstlineno - 1)
    node = tree.body[0] if tree.body else None
    if not isinstance(node, ast.FunctionDef) or node.name != func.__name__:
        return None
    positional = node.args.posonlyargs + node.args.args
    converter = _CallConverter(positional[0].arg if positional else None)
    node.body = [converter.visit(stmt) for stmt in node.body]
    if not _contains(node.body, (ast.If, ast.While, ast.For)) and not converter.count:
        return None
    node.decorator_list = []
    node.returns = None
    args = node.args
    args.defaults = [ast.Constant(None) for _ in args.defaults]
    args.kw_defaults = [None if d is None else ast.Constant(None) for d in args.kw_defaults]
    for arg in args.posonlyargs + args.args + args.kwonlyargs + [args.vararg, args.kwarg]:
        if arg is not None:
            arg.annotation = None
    _explicit_super(node)
    rewriter = _Rewriter(filename)
    node.body = rewriter.block(node.body, True)
    freevars = list(func.__code__.co_freevars)
    factory_params = [_HELPER] + [v for v in freevars if v != _HELPER]
    factory = ast.FunctionDef(name=f"{_PREFIX}factory", args=ast.arguments(
        posonlyargs=[], args=[ast.arg(p) for p in factory_params], vararg=None, kwonlyargs=[], kw_defaults=[],
        kwarg=None, defaults=[]), body=[node, ast.Return(ast.Name(node.name, ast.Load()))], decorator_list=[],
        returns=None, type_params=[])
    module = ast.Module(body=[ast.copy_location(factory, node)], type_ignores=[])
    ast.fix_missing_locations(module)
    namespace: dict = {}
    exec(compile(module, filename, "exec"), func.__globals__, namespace)
    inner = namespace[f"{_PREFIX}factory"](*([None] * len(factory_params)))
    cells = dict(zip(freevars, func.__closure__ or ()))
    helper_cell = types.CellType(_this_module())
    closure = tuple(helper_cell if name == _HELPER else cells[name] for name in inner.__code__.co_freevars)
    new = types.FunctionType(inner.__code__, func.__globals__, func.__name__, func.__defaults__, closure)
    new.__kwdefaults__ = func.__kwdefaults__
    new.__dict__.update(func.__dict__)
    new.__qualname__ = func.__qualname__
    new.__wrapped__ = func
    return new


def _this_module():
    return sys.modules[__name__]
