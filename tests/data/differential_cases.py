"""The differential case table: which calls are compared between MindSpore 2.10 and sporax.

The helpers here build cases; `differential_table.py` lists them (`CASES`). Shared by the generator (`make_differential_outputs.py`, run by hand under MindSpore) and
the CI test (`tests/ops/test_differential_ops.py`, under sporax). It imports neither
framework: a case names its target by path and describes its arguments as specs that each
side turns into its own Tensors.

Adding an op is one line in `differential_table.CASES`, e.g.::

    *unary("ops.sin"),                           # shapes x dtypes x edge values, with gradient
    *binary("ops.floor_divide", dtypes=INTS + ("float32",), grad=False),
    call("ops.argmax", T((3, 4)), dim=1),        # one call
    call("ops.AddN", [T((2, 3)), T((2, 3))], init=()),  # a Primitive: built with init, then called
    error("ops.argmax", T((3,)), dim=2),         # MindSpore raises: sporax must raise the same class

Targets: `ops.x` / `ops.X` (a primitive when `init` is given), `Tensor.x` (a method of the
first argument), `numpy.x`, `mint.x`, `mint.nn.functional.x`, any dotted path under the
framework's top module.
"""
from __future__ import annotations

import dataclasses
import zlib

import numpy as np

FLOATS = ("float32", "float16", "bfloat16", "float64")
INTS = ("int32", "int64")
NUMERIC = FLOATS + INTS
ALL = NUMERIC + ("bool",)


@dataclasses.dataclass(frozen=True)
class T:
    """A Tensor argument: shape, dtype and how its values are drawn.

    values: 'normal' (standard normal), 'positive' (0.1..3), 'unit' (-0.9..0.9),
    'edge' (0, -0, ±1, ±inf, nan, large and tiny), 'int' (-5..5), 'nonzero' (ints without 0),
    'index:N' (0..N-1), 'bool', 'perm' (distinct values, for sorting), 'spd' (symmetric
    positive-definite matrices), 'prob' (0.05..0.95).
    """
    shape: tuple = (2, 3)
    dtype: str = "float32"
    values: str = "normal"


@dataclasses.dataclass(frozen=True)
class D:
    """A dtype argument (`mindspore.float32` / `sporax.float32`)."""
    name: str


@dataclasses.dataclass(frozen=True)
class F:
    """A framework object by path (`F("ops.add")`: `mindspore.ops.add` / `sporax.ops.add`)."""
    path: str


@dataclasses.dataclass(frozen=True)
class Case:
    id: str
    target: str
    args: tuple
    kwargs: tuple = ()          # sorted (name, value) pairs; values may be specs
    init: tuple | None = None   # constructor arguments when the target is a Primitive class
    init_kwargs: tuple = ()
    grad: bool = False          # also compare gradients w.r.t. floating Tensor arguments
    expect_error: bool = False  # MindSpore raises; sporax must raise the same class
    graph: bool = False         # also run the sporax side under sporax.jit, equal to eager
    facts: tuple | None = None  # (sampled) compare shape, dtype and these value-domain Facts, not values
    seed: int | None = None     # set_seed(seed) right before building `init` (layers with random weights)

    @property
    def kw(self) -> dict:
        return dict(self.kwargs)


def _freeze(value):
    if isinstance(value, list):
        return ("__list__",) + tuple(_freeze(v) for v in value)
    if isinstance(value, dict):
        return ("__dict__",) + tuple(sorted((k, _freeze(v)) for k, v in value.items()))
    return value


def thaw(value, convert):
    """Rebuild a frozen argument, turning specs into framework objects with `convert`."""
    if isinstance(value, tuple) and value[:1] == ("__list__",):
        return [thaw(v, convert) for v in value[1:]]
    if isinstance(value, tuple) and value[:1] == ("__dict__",):
        return {k: thaw(v, convert) for k, v in value[1:]}
    if isinstance(value, tuple):
        return tuple(thaw(v, convert) for v in value)
    if isinstance(value, (T, D, F)):
        return convert(value)
    return value


_IDS: dict = {}


def _describe(value) -> str:
    if isinstance(value, P):  # (state) before T, its base
        return "P:" + _describe(T(value.shape, value.dtype, value.values))
    if isinstance(value, _Sparse):  # (sparse) before T, its base
        return value.describe()
    if isinstance(value, T):
        return f"{value.dtype}{list(value.shape)}" + ("" if value.values == "normal" else f"~{value.values}")
    if isinstance(value, D):
        return value.name
    if isinstance(value, F):
        return value.path
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(_describe(v) for v in value) + "]"
    return repr(value)


def call(target, *args, init=None, grad=False, graph=False, tag="", init_kwargs=None, seed=None, **kwargs) -> Case:
    """One call of `target` (a Primitive built with `init` when given; both frameworks `set_seed(seed)`
    right before building it when `seed` is given: their initializers then draw the same weights)."""
    parts = [_describe(a) for a in args] + [f"{k}={_describe(v)}" for k, v in sorted(kwargs.items())]
    base = f"{target}({','.join(parts)})" + (f"@{tag}" if tag else "")
    if init is not None:
        base = f"{target}{tuple(init)}" + base[len(target):]
    n = _IDS.get(base, 0)
    _IDS[base] = n + 1
    case_id = base if n == 0 else f"{base}#{n}"
    return Case(case_id, target, tuple(_freeze(a) for a in args),
                tuple(sorted((k, _freeze(v)) for k, v in kwargs.items())),
                None if init is None else tuple(_freeze(a) for a in init),
                tuple(sorted((init_kwargs or {}).items())), grad, False, graph, seed=seed)


def error(target, *args, init=None, **kwargs) -> Case:
    """A call MindSpore refuses: sporax must raise the same exception class."""
    case = call(target, *args, init=init, tag="error", **kwargs)
    return dataclasses.replace(case, expect_error=True)


# --- random ops: shape, dtype and the value domain (cases_meta) ------------------------------------
@dataclasses.dataclass(frozen=True)
class Fact:
    """What any draw of a random op satisfies, checked on both frameworks' outputs (their values
    differ: each draws from its own generator). `output` indexes the flattened output Tensors,
    `arg` the case's Tensor arguments. Statistical facts allow 5 standard errors: a correct
    sampler fails one about once in 10**6 runs, a wrong distribution on a 4096-sample draw fails."""
    kind: str
    args: tuple = ()
    output: int = 0

    def __str__(self):
        return f"{self.kind}{self.args}@o{self.output}"


def within(low, high, output=0):
    """Every value in [low, high] (closed: write an integer range [a, b) as within(a, b - 1))."""
    return Fact("within", (low, high), output)


def integral(output=0):
    return Fact("integral", (), output)


def one_of(*values, output=0):
    return Fact("one_of", tuple(values), output)


def permutation(n, output=0):
    """The values are 0..n-1, each once."""
    return Fact("permutation", (n,), output)


def rows_of(arg=0, output=0):
    """The output's rows (axis 0) are the input's, reordered."""
    return Fact("rows_of", (arg,), output)


def values_of(arg=0, output=0):
    """Every output value occurs in the input."""
    return Fact("values_of", (arg,), output)


def sums_to(total, axis=-1, output=0):
    return Fact("sums_to", (total, axis), output)


def ascending(output=0):
    """Sorted, non-decreasing along the last axis."""
    return Fact("ascending", (), output)


def distinct(axis=-1, output=0):
    """No value repeats along `axis`."""
    return Fact("distinct", (axis,), output)


def moments(mean, var, output=0):
    """Sample mean within 5 standard errors of `mean` (sqrt(var/n)), sample variance within 5 of
    `var` (sqrt((m4 - s**4)/n), m4 the sample's fourth central moment)."""
    return Fact("moments", (mean, var), output)


def cdf(x, p, output=0):
    """The fraction of values <= x is p, within 5 standard errors sqrt(p(1-p)/n)."""
    return Fact("cdf", (x, p), output)


def dropout_of(p, arg=0, group_dims=0, output=0):
    """Each element is 0 or input/(1-p); with `group_dims`, whole slices over the last that many
    axes (a channel of dropout2d) are kept or zeroed together."""
    return Fact("dropout_of", (p, arg, group_dims), output)


def picks_positive(arg=0, output=0):
    """Sampled category indices (per row of the input's probabilities) have probability > 0."""
    return Fact("picks_positive", (arg,), output)


def rrelu_of(lower, upper, arg=0, output=0):
    """x where x >= 0, a*x with a in [lower, upper] where x < 0."""
    return Fact("rrelu_of", (lower, upper, arg), output)


def choice_of(count, arg=0):
    """choice_with_mask: (indices, mask); min(count, trues) valid entries, each a distinct True
    position of the input."""
    return Fact("choice_of", (count, arg), 0)


def bit_fraction(q, output=0):
    """The fraction of set bits of a uint8 mask is q, within 5 standard errors."""
    return Fact("bit_fraction", (q,), output)


def shaped(shape, dtype, output=0):
    """The documented shape and dtype; where MindSpore's CPU backend has no kernel for the op
    (Ascend has), they stand in for MindSpore's output (the case's `reference` says so)."""
    return Fact("shaped", (tuple(shape), dtype), output)


def fact_violation(fact: Fact, outputs: list, inputs: list):
    """None when `fact` holds for these output arrays (and the case's input arrays), else why not."""
    out = np.asarray(outputs[fact.output])
    kind, a = fact.kind, fact.args
    if kind == "shaped":
        got = (out.shape, str(out.dtype))
        return None if got == (a[0], a[1]) else f"shape and dtype {got}, documented {a}"
    if kind == "within":
        bad = out[(out < a[0]) | (out > a[1]) | np.isnan(out)] if out.dtype.kind == "f" else out[(out < a[0]) | (out > a[1])]
        return None if bad.size == 0 else f"values outside [{a[0]}, {a[1]}]: {bad[:5]}"
    if kind == "integral":
        return None if np.all(out == np.round(out)) else f"non-integer values {out[out != np.round(out)][:5]}"
    if kind == "one_of":
        bad = out[~np.isin(out, np.array(a, np.float64))]
        return None if bad.size == 0 else f"values not in {a}: {bad[:5]}"
    if kind == "permutation":
        return None if np.array_equal(np.sort(out.ravel()), np.arange(a[0])) else f"not a permutation of 0..{a[0] - 1}: {out}"
    if kind == "rows_of":
        src = np.asarray(inputs[a[0]])
        key = lambda m: sorted(map(lambda r: np.asarray(r).tobytes(), m))  # noqa: E731
        return None if out.shape == src.shape and key(out) == key(src.astype(out.dtype)) else "rows are not the input's"
    if kind == "values_of":
        src = np.asarray(inputs[a[0]])
        return None if np.all(np.isin(out, src)) else f"values not in the input: {out[~np.isin(out, src)][:5]}"
    if kind == "sums_to":
        sums = out.astype(np.float64).sum(axis=a[1])
        return None if np.allclose(sums, a[0], rtol=1e-5, atol=1e-5) else f"sums {sums}"
    if kind == "ascending":
        return None if np.all(np.diff(out, axis=-1) >= 0) else f"not ascending: {out}"
    if kind == "distinct":
        moved = np.moveaxis(out, a[0], -1).reshape(-1, out.shape[a[0]])
        return None if all(len(set(r.tolist())) == len(r) for r in moved) else f"repeated values: {out}"
    if kind == "moments":
        x = out.astype(np.float64).ravel()
        n, m, s2 = x.size, x.mean(), x.var()
        se_mean = np.sqrt(a[1] / n)
        se_var = np.sqrt(max(np.mean((x - m) ** 4) - s2 ** 2, 0.0) / n)
        if abs(m - a[0]) > 5 * se_mean or abs(s2 - a[1]) > 5 * se_var:
            return f"mean {m:.5g} (expected {a[0]} +- {5 * se_mean:.3g}), variance {s2:.5g} (expected {a[1]} +- {5 * se_var:.3g})"
        return None
    if kind == "cdf":
        x = out.astype(np.float64).ravel()
        fraction = float(np.mean(x <= a[0]))
        bound = 5 * np.sqrt(a[1] * (1 - a[1]) / x.size)
        return None if abs(fraction - a[1]) <= bound else f"P(x <= {a[0]}) = {fraction:.4f}, expected {a[1]} +- {bound:.3g}"
    if kind == "dropout_of":
        p, src, group = a[0], np.asarray(inputs[a[1]], np.float64), a[2]
        scaled = src / (1 - p) if p < 1 else np.zeros_like(src)
        value = out.astype(np.float64)
        tol = 1e-2 if out.dtype == np.float16 else 1e-5
        zero = value == 0
        kept = np.isclose(value, scaled, rtol=tol, atol=tol)
        if not np.all(zero | kept):
            return f"elements neither 0 nor input/(1-p): {value[~(zero | kept)][:5]}"
        if group:
            axes = tuple(range(out.ndim - group, out.ndim))
            whole = np.all(zero | (src == 0), axis=axes) | np.all(kept, axis=axes)
            return None if np.all(whole) else "a channel is partly zeroed"
        return None
    if kind == "picks_positive":
        probs = np.asarray(inputs[a[0]]).reshape(-1, np.asarray(inputs[a[0]]).shape[-1])
        picked = np.take_along_axis(probs, out.reshape(probs.shape[0], -1).astype(np.int64), axis=1)
        return None if np.all(picked > 0) else f"picked categories of probability 0: {out}"
    if kind == "rrelu_of":
        lower, upper, src = a[0], a[1], np.asarray(inputs[a[2]], np.float64)
        value = out.astype(np.float64)
        pos = src >= 0
        if not np.allclose(value[pos], src[pos], rtol=1e-5):
            return "changed non-negative inputs"
        slope = value[~pos] / src[~pos]
        return None if np.all((slope >= lower - 1e-5) & (slope <= upper + 1e-5)) else f"slopes {slope[:5]}"
    if kind == "choice_of":
        count, src = a[0], np.asarray(inputs[a[1]])
        indices, mask = np.asarray(outputs[0]), np.asarray(outputs[1]).astype(bool)
        if int(mask.sum()) != min(count, int(src.sum())):
            return f"{int(mask.sum())} valid entries, expected min({count}, {int(src.sum())})"
        picked = [tuple(i) for i in indices[mask].tolist()]
        if len(set(picked)) != len(picked) or not all(src[i] for i in picked):
            return f"valid indices are not distinct True positions: {picked}"
        return None
    if kind == "bit_fraction":
        bits = np.unpackbits(out.astype(np.uint8).ravel())
        bound = 5 * np.sqrt(a[0] * (1 - a[0]) / bits.size)
        return None if abs(bits.mean() - a[0]) <= bound else f"set-bit fraction {bits.mean():.4f}, expected {a[0]} +- {bound:.3g}"
    raise ValueError(f"unknown fact kind {kind!r}")


def summary_of(array) -> dict:
    """What the generator records of a drawn output: shape, range, and up to 16 distinct values."""
    array = np.asarray(array)
    info = {"shape": list(array.shape)}
    if array.size and array.dtype.kind in "biuf":
        numbers = array.astype(np.float64)
        info.update(min=float(np.nanmin(numbers)), max=float(np.nanmax(numbers)), mean=float(np.nanmean(numbers)))
        values = np.unique(numbers)
        if values.size <= 16:
            info["values"] = values.tolist()
    return info


def sampled(target, *args, facts=(), init=None, **kwargs) -> Case:
    """A call whose values each framework draws from its own generator: shapes, dtypes and
    `facts` are compared, not values."""
    case = call(target, *args, init=init, tag="meta", **kwargs)
    return dataclasses.replace(case, facts=tuple(facts))


UNARY_SHAPES = ((2, 3), (), (0, 3))
BINARY_SHAPES = (((2, 3), (2, 3)), ((2, 1, 3), (4, 3)), ((0, 3), (3,)), ((), (2, 2)))


def unary(target, dtypes=FLOATS, values="normal", grad=True, edge=True, init=None, graph=True, **kwargs):
    """Several shapes in float32 (with gradient), the other dtypes on one shape, and edge values."""
    first = dtypes[0]
    cases = [call(target, T(shape, first, values), init=init, grad=grad and first in FLOATS and shape != (0, 3),
                  graph=graph and shape == (2, 3), **kwargs) for shape in UNARY_SHAPES]
    cases += [call(target, T((2, 3), dtype, values), init=init, **kwargs) for dtype in dtypes[1:]]
    if edge and first in FLOATS:
        cases.append(call(target, T((3, 4), first, "edge"), init=init, **kwargs))
    return cases


def binary(target, dtypes=NUMERIC, values="normal", grad=True, edge=True, init=None, scalar=True, **kwargs):
    """Broadcasting and empty shapes in the first dtype, the other dtypes, a Python scalar operand."""
    first = dtypes[0]
    cases = [call(target, T(a, first, values), T(b, first, values), init=init,
                  grad=grad and first in FLOATS and 0 not in a, graph=a == (2, 3), **kwargs)
             for a, b in BINARY_SHAPES]
    cases += [call(target, T((2, 3), dtype, values), T((2, 3), dtype, values), init=init, **kwargs)
              for dtype in dtypes[1:]]
    if scalar and first in FLOATS:
        cases.append(call(target, T((2, 3), first, values), 2.0, init=init, **kwargs))
    if edge and first in FLOATS:
        cases.append(call(target, T((3, 4), first, "edge"), T((3, 4), first, "edge"), init=init, **kwargs))
    return cases


def seed_of(case_id: str, position: int) -> int:
    return zlib.crc32(f"{case_id}|{position}".encode())


_EDGE = np.array([0.0, -0.0, 1.0, -1.0, np.inf, -np.inf, np.nan, 1e30, -1e30, 1e-30, 0.5, -2.5], np.float64)


def make_array(spec: T, seed: int) -> np.ndarray:
    """The NumPy value of a Tensor spec; low-precision floats are rounded first, so both
    frameworks receive identical bits."""
    rng = np.random.default_rng(seed)
    shape, kind = spec.shape, spec.values
    if kind == "normal":
        data = rng.standard_normal(shape)
    elif kind == "positive":
        data = rng.uniform(0.1, 3.0, shape)
    elif kind == "unit":
        data = rng.uniform(-0.9, 0.9, shape)
    elif kind == "edge":
        data = np.resize(rng.permutation(_EDGE), shape)
    elif kind == "int":
        data = rng.integers(-5, 6, shape)
    elif kind == "nonzero":
        data = rng.choice(np.array([-4, -3, -2, -1, 1, 2, 3, 4]), shape)
    elif kind.startswith("index:"):
        data = rng.integers(0, int(kind.split(":")[1]), shape)
    elif kind == "bool":
        data = rng.random(shape) < 0.5
    elif kind == "perm":
        data = rng.permutation(int(np.prod(shape))).reshape(shape) - int(np.prod(shape)) // 2
    elif kind.startswith("const:"):
        data = np.full(shape, float(kind.split(":")[1]))
    elif kind == "arange":
        data = np.arange(int(np.prod(shape))).reshape(shape)
    elif kind == "small":
        data = rng.integers(0, 3, shape)
    elif kind == "spd":  # symmetric positive-definite matrices in the last two axes (opsmath)
        a = rng.standard_normal(shape)
        data = a @ np.swapaxes(a, -1, -2) + shape[-1] * np.eye(shape[-1])
    elif kind == "prob":  # probabilities away from 0 and 1 (opsmath)
        data = rng.uniform(0.05, 0.95, shape)
    elif kind.startswith("boxes"):  # (prim1) boxes x1, y1, x2, y2 inside a W-wide image; "boxes5" adds a score
        width = float(kind.split(":")[1])
        corner = rng.uniform(0, width / 2, shape[:-1] + (2,))
        size = rng.uniform(1, width / 2, shape[:-1] + (2,))
        data = np.concatenate([corner, corner + size], -1)
        if kind.startswith("boxes5"):
            data = np.concatenate([data, rng.permutation(shape[0])[:, None] / shape[0] + 0.05], -1)
    elif kind.startswith("rois"):  # (prim1) RoIs (image index in 0..1, x1, y1, x2, y2) inside a W-wide image
        width = float(kind.split(":")[1])
        corner = rng.uniform(0, width / 2, shape[:-1] + (2,))
        size = rng.uniform(0.5, width / 2, shape[:-1] + (2,))
        data = np.concatenate([rng.integers(0, 2, shape[:-1] + (1,)), corner, corner + size], -1)
    elif kind == "nboxes":  # (prim1) normalised y1, x1, y2, x2, some reaching outside [0, 1]
        corner = rng.uniform(-0.1, 0.6, shape[:-1] + (2,))
        data = np.concatenate([corner, corner + rng.uniform(0.2, 0.6, shape[:-1] + (2,))], -1)
    else:
        raise ValueError(f"unknown values kind {kind!r}")
    if spec.dtype == "bool":
        return np.asarray(data != 0 if data.dtype != np.bool_ else data)
    if spec.dtype == "bfloat16":
        return round_to_bfloat16(np.asarray(data, np.float32))
    if spec.dtype in ("int32", "int64", "int8", "int16", "uint8") and data.dtype.kind == "f":
        data = np.round(data * 3)
    with np.errstate(invalid="ignore", over="ignore"):
        return np.asarray(data).astype(spec.dtype)


def round_to_bfloat16(data: np.ndarray) -> np.ndarray:
    """Float32 values rounded (to nearest even) to the nearest bfloat16, kept as float32."""
    bits = np.asarray(data, np.float32).view(np.uint32).astype(np.uint64)
    rounded = (bits + 0x7FFF + ((bits >> 16) & 1)) & 0xFFFF0000
    out = rounded.astype(np.uint32).view(np.float32)
    return np.where(np.isnan(data), np.float32(np.nan), out)


def key_of(case_id: str) -> str:
    """The npz key prefix of a case (ids hold characters a zip name should not)."""
    return f"{zlib.crc32(case_id.encode()):08x}"


class Runner:
    """Runs cases on one framework (`mindspore` or `sporax`: the same public API)."""

    def __init__(self, framework):
        self.fw = framework

    def resolve(self, case: Case):
        if case.target.startswith("Tensor.") and "driver" not in dict(case.init_kwargs):
            method = case.target.split(".", 1)[1]

            def method_or_attribute(first, *rest, **kw):  # Tensor.shape is read, Tensor.sum called
                value = getattr(first, method)
                return value(*rest, **kw) if callable(value) or rest or kw else value
            return method_or_attribute
        obj = self.fw
        for part in case.target.split("."):
            obj = getattr(obj, part)
        driver = dict(case.init_kwargs).get("driver")  # (ops) a target that takes Python functions:
        if driver is not None:  # differential_functions.<driver>(framework, target) builds the call
            import differential_functions
            return getattr(differential_functions, driver)(self.fw, obj)
        if case.init is not None:
            if case.seed is not None:
                self.fw.set_seed(case.seed)
            obj = obj(*thaw(case.init, self.convert_plain), **dict(case.init_kwargs))
        return obj

    def convert_plain(self, spec):
        if isinstance(spec, D):
            return getattr(self.fw, spec.name)
        if isinstance(spec, F):
            obj = self.fw
            for part in spec.path.split("."):
                obj = getattr(obj, part)
            return obj
        raise TypeError("Tensor specs are not allowed in init arguments")

    def tensor(self, array: np.ndarray, dtype: str):
        if dtype == "bfloat16":
            return self.fw.Tensor(np.asarray(array, np.float32)).astype(self.fw.bfloat16)
        return self.fw.Tensor(array)

    def inputs(self, case: Case, arrays: dict):
        """The case's args and kwargs as framework objects; `arrays[position]` holds each T's value."""
        counter = iter(range(10 ** 6))

        def convert(spec):
            if isinstance(spec, D):
                return getattr(self.fw, spec.name)
            if isinstance(spec, F):
                obj = self.fw
                for part in spec.path.split("."):
                    obj = getattr(obj, part)
                return obj
            position = next(counter)
            if isinstance(spec, P):  # (state) a Parameter the call may write
                return self.fw.Parameter(self.tensor(arrays[position], spec.dtype), name=f"p{position}")
            if isinstance(spec, _Sparse):  # (sparse) its values drawn like a T, its pattern from the spec
                return spec.build(self.fw, self.tensor(arrays[position], spec.dtype))
            return self.tensor(arrays[position], spec.dtype)

        args = thaw(case.args, convert)
        kwargs = {k: thaw(v, convert) for k, v in case.kwargs}
        return list(args), kwargs

    def to_numpy(self, tensor) -> tuple[np.ndarray, str]:
        dtype = str(tensor.dtype).lower()
        if dtype == "bfloat16":
            return tensor.astype(self.fw.float32).asnumpy(), dtype
        return tensor.asnumpy(), dtype

    def flatten(self, value, store: list):
        """Tensors in `value` appended to `store` as (array, dtype); returns a JSON description."""
        if isinstance(value, self.fw.Tensor):
            store.append(self.to_numpy(value))
            return {"t": len(store) - 1}
        if isinstance(value, (tuple, list)):
            return {"seq": [self.flatten(v, store) for v in value], "type": type(value).__name__}
        if sparse_parts(self.fw, value) is not None:  # (sparse) its parts, compared like outputs, and its shape
            kind, parts, shape = sparse_parts(self.fw, value)
            return {"sparse": kind, "parts": [self.flatten(p, store) for p in parts], "shape": list(shape)}
        if isinstance(value, dict):  # (sparse) a dict of Python values or Tensors, keys in order
            return {"dict": [[repr(k), self.flatten(v, store)] for k, v in value.items()]}
        if isinstance(value, (bool, int, float, str)) or value is None:
            return {"v": value}
        if isinstance(value, np.ndarray):
            store.append((value, str(value.dtype)))
            return {"t": len(store) - 1, "numpy": True}
        return {"repr": str(value)}

    def float_positions(self, case: Case) -> list[int]:
        return [i for i, a in enumerate(case.args) if isinstance(a, T) and a.dtype in FLOATS]

    def gradient(self, case: Case, fn, args, kwargs, sens):
        positions = self.float_positions(case)

        def of_floats(*floats):
            full = list(args)
            for p, f in zip(positions, floats):
                full[p] = f
            return fn(*full, **kwargs)

        grad = self.fw.ops.GradOperation(get_all=True, sens_param=True)(of_floats)
        result = grad(*[args[p] for p in positions], sens)
        return result if isinstance(result, (tuple, list)) else (result,)


def sens_array(case_id: str, shape, dtype: str) -> np.ndarray:
    return make_array(T(tuple(shape), dtype, "normal"), seed_of(case_id, 999))


# --- (state) Parameter arguments: ops that write them in place --------------------------------------

@dataclasses.dataclass(frozen=True)
class P(T):
    """A Parameter argument, drawn like `T`: each side passes `Parameter(Tensor(value), name='p<i>')`
    (i: its position among the case's Tensor specs). The Parameters' values after the call are
    the case's state, stored and compared like its outputs."""


def parameters_of(framework, args, kwargs) -> list:
    """The Parameters among a case's built arguments, in argument order (kwargs by name)."""
    found = []

    def walk(value):
        if isinstance(value, framework.Parameter):
            found.append(value)
        elif isinstance(value, (tuple, list)):
            for v in value:
                walk(v)
        elif isinstance(value, dict):
            for _, v in sorted(value.items()):
                walk(v)

    walk(list(args))
    walk(kwargs)
    return found


def has_parameters(case: Case) -> bool:
    def walk(value):
        return isinstance(value, P) or (isinstance(value, tuple) and any(walk(v) for v in value))
    return walk(case.args) or any(walk(v) for _, v in case.kwargs)


# --- (sparse) COOTensor / CSRTensor / RowTensor arguments ------------------------------------------

def spread(size: int, count: int) -> np.ndarray:
    """`count` distinct positions of range(size), spread over it, ascending. Pure integer
    arithmetic (a stride coprime with size), so both sides compute the same pattern unstored."""
    if not 0 <= count <= size:
        raise ValueError(f"cannot place {count} entries in {size} positions")
    stride = next(m for m in range(max(1, int(size * 0.618)), 2 * size + 2) if np.gcd(m, size) == 1)
    return np.sort((np.arange(size, dtype=np.int64) * stride % size)[:count])


@dataclasses.dataclass(frozen=True)
class _Sparse(T):
    """A sparse argument: a `T` for its values (drawn and stored like any Tensor argument; `shape`
    is derived), and a pattern of `nnz` positions of the dense shape `dense` that both sides
    compute from the spec (`spread`, or the flat dense `positions` given, in stored order)."""
    dense: tuple = (3, 4)
    nnz: int = 4
    index_dtype: str = "int32"
    positions: tuple | None = None

    def __post_init__(self):
        object.__setattr__(self, "shape", (self.count,) + tuple(self.dense[self.pattern_rank:]))

    @property
    def count(self) -> int:
        return self.nnz if self.positions is None else len(self.positions)

    def flat_positions(self) -> np.ndarray:
        size = int(np.prod(self.dense[:self.pattern_rank]))
        return np.asarray(self.positions, np.int64) if self.positions is not None else spread(size, self.nnz)

    def describe(self) -> str:
        pattern = f"nnz={self.nnz}" if self.positions is None else f"at={list(self.positions)}"
        return (f"{type(self).__name__}:{self.dtype}{list(self.dense)}/{pattern}/{self.index_dtype}"
                + ("" if self.values == "normal" else f"~{self.values}"))


@dataclasses.dataclass(frozen=True)
class COO(_Sparse):
    """A COOTensor: indices (nnz, ndim) of `index_dtype`, values (nnz,)."""
    pattern_rank = property(lambda self: len(self.dense))

    def build(self, fw, values):
        indices = np.stack(np.unravel_index(self.flat_positions(), self.dense), 1).astype(self.index_dtype)
        return fw.COOTensor(fw.Tensor(indices.reshape(-1, len(self.dense))), values, tuple(self.dense))


@dataclasses.dataclass(frozen=True)
class CSR(_Sparse):
    """A CSRTensor of shape `dense` (M, N, ...): positions over (M, N), row-major; indptr (M+1,)
    and indices (nnz,) of `index_dtype`, values (nnz,) + dense[2:]."""
    pattern_rank = 2

    def build(self, fw, values):
        rows, cols = np.unravel_index(self.flat_positions(), self.dense[:2])
        indptr = np.searchsorted(rows, np.arange(self.dense[0] + 1)).astype(self.index_dtype)
        return fw.CSRTensor(fw.Tensor(indptr), fw.Tensor(cols.astype(self.index_dtype)), values, tuple(self.dense))


@dataclasses.dataclass(frozen=True)
class Rows(_Sparse):
    """A RowTensor: `nnz` rows (indices of `index_dtype`) of a dense Tensor of shape `dense`."""
    pattern_rank = 1

    def build(self, fw, values):
        indices = self.flat_positions().astype(self.index_dtype)
        return fw.RowTensor(fw.Tensor(indices), values, tuple(self.dense))


def sparse_parts(fw, value):
    """(kind, parts, dense shape) of a framework's COOTensor/CSRTensor/RowTensor, else None."""
    if isinstance(value, fw.COOTensor):
        return "COOTensor", (value.indices, value.values), value.shape
    if isinstance(value, fw.CSRTensor):
        return "CSRTensor", (value.indptr, value.indices, value.values), value.shape
    if isinstance(value, fw.RowTensor):
        return "RowTensor", (value.indices, value.values), value.dense_shape
    return None


def first_cases(data_dir, accept=lambda case, info: True) -> dict:
    """{op target: (npz, case, key)}: per op its first float32 case MindSpore answered (else
    its first answered), among the `accept`ed ones of every table under `data_dir`. The
    benchmarks and the replay test call each op this way, on the shapes the tests use."""
    import importlib
    import json

    chosen = {}
    for path in sorted(data_dir.glob("differential_table*.py")):
        suffix = path.stem[len("differential_table"):]
        module = importlib.import_module(path.stem)
        meta = json.loads((data_dir / f"mindspore_2_10_differential{suffix}.json").read_text())
        npz = np.load(data_dir / f"mindspore_2_10_differential{suffix}.npz")
        for case in module.CASES:
            info = meta.get(case.id)
            if info is None or "error" in info or info.get("empty") or case.expect_error or not accept(case, info):
                continue
            if case.target not in chosen or ("float32" in case.id and "float32" not in chosen[case.target][1].id):
                chosen[case.target] = (npz, case, info["key"])
    return chosen
