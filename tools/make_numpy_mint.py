"""Writes sporax.numpy and sporax.mint from the tables below: one line per function,
`MindSpore signature | the ops call it is`. Both sit on sporax.ops' functions (the same
primitives), never on a second implementation. Run by hand after editing a table:

    python tools/make_numpy_mint.py
"""
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[1] / "src" / "sporax"

UNARY_NP = ("abs absolute arccos:acos arccosh:acosh arcsin:asin arcsinh:asinh arctan:atan arctanh:atanh ceil cos "
            "cosh deg2rad exp exp2 expm1 fabs:absolute floor invert isfinite isinf isnan log log10 log1p log2 "
            "negative positive rad2deg radians:deg2rad reciprocal rint:round sign signbit sin sinh sqrt square tan "
            "tanh trunc bitwise_not:invert").split()
BINARY_NP = ("add arctan2:atan2 bitwise_and bitwise_or bitwise_xor copysign divide:div equal float_power:pow "
             "floor_divide fmod gcd greater greater_equal heaviside hypot lcm less less_equal logaddexp logaddexp2 "
             "logical_and logical_or logical_xor maximum minimum mod:remainder multiply:mul not_equal power:pow "
             "remainder subtract:sub true_divide:div").split()

NUMPY = """
logical_not(a, dtype=None) | _cast(F.logical_not(a), dtype)
amax(a, axis=None, keepdims=False, initial=None, where=True) | F.amax(a, axis, keepdims, initial, None if where is True else where)
amin(a, axis=None, keepdims=False, initial=None, where=True) | F.amin(a, axis, keepdims, initial, None if where is True else where)
max(a, axis=None, keepdims=False, initial=None, where=True) | F.amax(a, axis, keepdims, initial, None if where is True else where)
min(a, axis=None, keepdims=False, initial=None, where=True) | F.amin(a, axis, keepdims, initial, None if where is True else where)
argmax(a, axis=None) | F.argmax(a, axis)
argmin(a, axis=None) | F.argmin(a, axis)
argwhere(a) | F.argwhere(a)
clip(x, xmin, xmax, dtype=None) | _cast(F.clamp(x, xmin, xmax), dtype)
count_nonzero(x, axis=None, keepdims=False) | F.count_nonzero(x, () if axis is None else axis, keepdims, mstype.int32)
cumprod(a, axis=None, dtype=None) | F.cumprod(a.reshape(-1) if axis is None else a, 0 if axis is None else axis, dtype)
cumsum(a, axis=None, dtype=None) | F.cumsum(a.reshape(-1) if axis is None else a, 0 if axis is None else axis, dtype)
diag(v, k=0) | _diag(v, k)
expand_dims(a, axis) | F.expand_dims(a, axis)
flip(m, axis=None) | F.flip(m, tuple(range(m.ndim)) if axis is None else axis)
fliplr(m) | F.fliplr(m)
flipud(m) | F.flipud(m)
isclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False) | F.isclose(a, b, rtol, atol, equal_nan)
isneginf(x) | F.isneginf(x)
isposinf(x) | F.isposinf(x)
mean(a, axis=None, keepdims=False, dtype=None) | _cast(F.mean(a, axis, keepdims), dtype)
moveaxis(a, source, destination) | F.movedim(a, source, destination)
nansum(a, axis=None, dtype=None, keepdims=False) | F.nansum(a, axis, keepdims, dtype)
ravel(x) | F.ravel(x)
reshape(x, new_shape) | F.reshape(x, new_shape)
roll(a, shift, axis=None) | F.roll(a, shift, axis)
sometrue(a, axis=None, keepdims=False) | F.any(a, axis, keepdims)
squeeze(a, axis=None) | F.squeeze(a, axis)
std(x, axis=None, ddof=0, keepdims=False) | F.std(x, axis, ddof, keepdims)
var(x, axis=None, ddof=0, keepdims=False) | F.var(x, axis, ddof, keepdims)
swapaxes(x, axis1, axis2) | F.swapaxes(x, axis1, axis2)
tile(a, reps) | F.tile(a, (reps,) if isinstance(reps, int) else reps)
transpose(a, axes=None) | F.transpose(a, tuple(range(a.ndim))[::-1] if axes is None else axes)
tril(m, k=0) | F.tril(m, k)
triu(m, k=0) | F.triu(m, k)
unique(x, return_inverse=False) | _unique(x, return_inverse)
where(condition, x=None, y=None) | _where(condition, x, y)
zeros(shape, dtype=mstype.float32) | F.zeros(shape, dtype)
ones(shape, dtype=mstype.float32) | F.ones(shape, dtype)
full(shape, fill_value, dtype=None) | F.full(shape, fill_value, dtype=dtype)
zeros_like(a, dtype=None, shape=None) | F.zeros(a.shape if shape is None else shape, a.dtype if dtype is None else dtype)
ones_like(a, dtype=None, shape=None) | F.ones(a.shape if shape is None else shape, a.dtype if dtype is None else dtype)
full_like(a, fill_value, dtype=None, shape=None) | F.full(a.shape if shape is None else shape, fill_value, dtype=a.dtype if dtype is None else dtype)
eye(N, M=None, k=0, dtype=mstype.float32) | _eye(N, M, k, dtype)
identity(n, dtype=mstype.float32) | F.eye(n, n, dtype)
arange(start, stop=None, step=None, dtype=None) | _arange(start, stop, step, dtype)
linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0) | _linspace(start, stop, num, endpoint, retstep, dtype, axis)
size(a, axis=None) | F.size(a) if axis is None else a.shape[axis]
# --- opsarray ---
array(obj, dtype=None, copy=True, ndmin=0) | _array(obj, dtype, copy, ndmin)
asarray(a, dtype=None) | _as_tensor(a, dtype)
asfarray(a, dtype=mstype.float32) | _as_tensor(a, dtype if dtype.kind == "float" else mstype.float32)
array_split(x, indices_or_sections, axis=0) | list(F.tensor_split(x, indices_or_sections, axis))
split(x, indices_or_sections, axis=0) | list(_split(x, indices_or_sections, axis, "split"))
hsplit(x, indices_or_sections) | list(F.hsplit(x, indices_or_sections))
vsplit(x, indices_or_sections) | list(F.vsplit(x, indices_or_sections))
dsplit(x, indices_or_sections) | list(F.dsplit(x, indices_or_sections))
atleast_1d(*arys) | _several(F.atleast_1d, arys)
atleast_2d(*arys) | _several(F.atleast_2d, arys)
atleast_3d(*arys) | _several(F.atleast_3d, arys)
broadcast_arrays(*args) | _broadcast_arrays(args)
broadcast_to(array, shape) | F.broadcast_to(array, shape)
concatenate(arrays, axis=0) | _concatenate(arrays, axis)
stack(arrays, axis=0) | F.stack(list(arrays), axis)
hstack(tup) | F.hstack(list(tup))
vstack(tup) | F.vstack(list(tup))
dstack(tup) | F.dstack(list(tup))
column_stack(tup) | F.column_stack(list(tup))
append(arr, values, axis=None) | _append(arr, values, axis)
diag_indices(n, ndim=2) | tuple(F.arange(0, n, 1, dtype=mstype.int32) for _ in range(ndim))
diagflat(v, k=0) | F.diagflat(v, k)
diagonal(a, offset=0, axis1=0, axis2=1) | F.diagonal(a, offset, axis1, axis2)
empty(shape, dtype=mstype.float32) | F.zeros(shape, dtype)
empty_like(prototype, dtype=None, shape=None) | F.zeros(prototype.shape if shape is None else shape, prototype.dtype if dtype is None else dtype)
indices(dimensions, dtype=mstype.int32, sparse=False) | _indices(dimensions, dtype, sparse)
logspace(start, stop, num=50, endpoint=True, base=10.0, dtype=None, axis=0) | _logspace(start, stop, num, endpoint, base, dtype, axis)
geomspace(start, stop, num=50, endpoint=True, dtype=None, axis=0) | _geomspace(start, stop, num, endpoint, dtype, axis)
meshgrid(*xi, sparse=False, indexing="xy") | _meshgrid(xi, sparse, indexing)
ix_(*args) | _ix(args)
ravel_multi_index(multi_index, dims, mode="clip", order="C") | _ravel_multi_index(multi_index, dims, mode, order)
unravel_index(indices, shape, order="C") | _unravel_index(indices, shape, order)
repeat(a, repeats, axis=None) | F.repeat_interleave(a, repeats, axis)
rollaxis(x, axis, start=0) | _rollaxis(x, axis, start)
rot90(a, k=1, axes=(0, 1)) | F.rot90(a, k, axes)
searchsorted(a, v, side="left", sorter=None) | F.searchsorted(a, v, True, side=side, sorter=sorter)
take(a, indices, axis=None, mode="clip") | a.take(indices, axis, mode)
take_along_axis(arr, indices, axis) | _take_along_axis(arr, indices, axis)
tri(N, M=None, k=0, dtype=mstype.float32) | F.tril(F.ones((N, N if M is None else M), dtype), k)
tril_indices(n, k=0, m=None) | _triangle_indices(True, n, k, m)
triu_indices(n, k=0, m=None) | _triangle_indices(False, n, k, m)
tril_indices_from(arr, k=0) | _triangle_indices(True, arr.shape[-2], k, arr.shape[-1])
triu_indices_from(arr, k=0) | _triangle_indices(False, arr.shape[-2], k, arr.shape[-1])
promote_types(type1, type2) | _promote_types(type1, type2)
array_equal(a1, a2, equal_nan=False) | _array_equal(a1, a2, equal_nan)
array_equiv(a1, a2) | _array_equiv(a1, a2)
isin(element, test_elements, invert=False) | _isin(element, test_elements, invert)
in1d(ar1, ar2, invert=False) | _isin(F.ravel(_as_tensor(ar1)), ar2, invert)
isscalar(element) | isinstance(element, (int, float, bool, complex, str))
pad(arr, pad_width, mode="constant", stat_length=None, constant_values=0, end_values=0, reflect_type="even", **kwargs) | _pad(arr, pad_width, mode, stat_length, constant_values, end_values, reflect_type)
digitize(x, bins, right=False) | _digitize(x, bins, right)
select(condlist, choicelist, default=0) | _select(condlist, choicelist, default)
choose(a, choices, mode="clip") | _choose(a, choices, mode)
intersect1d(ar1, ar2, assume_unique=False, return_indices=False) | _intersect1d(ar1, ar2, assume_unique, return_indices)
setdiff1d(ar1, ar2, assume_unique=False) | _setdiff1d(ar1, ar2, assume_unique)
result_type(*arrays_and_dtypes) | _result_type(arrays_and_dtypes)
apply_along_axis(func1d, axis, arr, *args, **kwargs) | _apply_along_axis(func1d, axis, arr, args, kwargs)
apply_over_axes(func, a, axes) | _apply_over_axes(func, a, axes)
piecewise(x, condlist, funclist, *args, **kw) | _piecewise(x, condlist, funclist, args, kw)
array_str(a) | str(a.asnumpy())
vander(x, N=None, increasing=False) | _vander(x, N, increasing)
# --- end opsarray ---
"""

MINT = """
abs(input) | F.absolute(input)
acos(input) | F.acos(input)
acosh(input) | F.acosh(input)
arccos(input) | F.acos(input)
arccosh(input) | F.acosh(input)
arcsin(x) | F.asin(x)
arcsinh(input) | F.asinh(input)
arctan(input) | F.atan(input)
arctan2(input, other) | F.atan2(input, other)
arctanh(input) | F.atanh(input)
asin(input) | F.asin(input)
asinh(input) | F.asinh(input)
atan(input) | F.atan(input)
atan2(input, other) | F.atan2(input, other)
atanh(input) | F.atanh(input)
all(input, dim=None, keepdim=False) | F.all(input, dim, keepdim)
amax(input, dim=(), keepdim=False) | F.amax(input, dim, keepdim)
amin(input, dim=(), keepdim=False) | F.amin(input, dim, keepdim)
argmax(input, dim=None, keepdim=False) | F.argmax(input, dim, keepdim)
argmin(input, dim=None, keepdim=False) | _int64(F.argmin(input, dim, keepdim))
argsort(input, dim=-1, descending=False, stable=False) | _int64(F.argsort(input, dim, descending))
bitwise_and(input, other) | F.bitwise_and(input, other)
bitwise_or(input, other) | F.bitwise_or(input, other)
bitwise_xor(input, other) | F.bitwise_xor(input, other)
broadcast_to(input, shape) | F.broadcast_to(input, shape)
cat(tensors, dim=0) | F.concat(tensors, dim)
concat(tensors, dim=0) | F.concat(tensors, dim)
ceil(input) | F.ceil(input)
chunk(input, chunks, dim=0) | F.chunk(input, chunks, dim)
cos(input) | F.cos(input)
cosh(input) | F.cosh(input)
cummax(input, dim) | F.cummax(input, dim)
cummin(input, dim) | _int64_second(F.cummin(input, dim))
cumprod(input, dim, dtype=None) | F.cumprod(input, dim, dtype)
cumsum(input, dim, dtype=None) | F.cumsum(input, dim, dtype)
erf(input) | F.erf(input)
erfc(input) | F.erfc(input)
erfinv(input) | F.erfinv(input)
exp(input) | F.exp(input)
exp2(input) | F.exp2(input)
expm1(input) | F.expm1(input)
eye(n, m=None, dtype=None) | F.eye(n, m, dtype)
flip(input, dims) | F.flip(input, dims)
float_power(input, exponent) | F.float_power(input, exponent)
floor(input) | F.floor(input)
frac(input) | F.frac(input)
gather(input, dim, index) | F.gather_elements(input, dim, index)
gcd(input, other) | F.gcd(input, other)
greater(input, other) | F.greater(input, other)
gt(input, other) | F.greater(input, other)
isclose(input, other, rtol=1e-05, atol=1e-08, equal_nan=False) | F.isclose(input, other, rtol, atol, equal_nan)
isfinite(input) | F.isfinite(input)
isinf(input) | F.isinf(input)
isnan(tensor) | F.isnan(tensor)
isneginf(input) | F.isneginf(input)
le(input, other) | F.less_equal(input, other)
less_equal(input, other) | F.less_equal(input, other)
log(input) | F.log(input)
log10(input) | F.log10(input)
log1p(input) | F.log1p(input)
log2(input) | F.log2(input)
logaddexp(input, other) | F.logaddexp(input, other)
logaddexp2(input, other) | F.logaddexp2(input, other)
logical_and(input, other) | F.logical_and(input, other)
logical_not(input) | F.logical_not(input)
logical_or(input, other) | F.logical_or(input, other)
logical_xor(input, other) | F.logical_xor(input, other)
logsumexp(input, dim, keepdim=False) | F.logsumexp(input, dim, keepdim)
masked_select(input, mask) | F.masked_select(input, mask)
maximum(input, other) | F.maximum(input, other)
minimum(input, other) | F.minimum(input, other)
narrow(input, dim, start, length) | F.narrow(input, dim, start, length)
ne(input, other) | F.not_equal(input, other)
neg(input) | F.neg(input)
negative(input) | F.negative(input)
not_equal(input, other) | F.not_equal(input, other)
permute(input, dims) | F.permute(input, dims)
pow(input, exponent) | F.pow(input, exponent)
ravel(input) | F.ravel(input)
reciprocal(input) | F.reciprocal(input)
roll(input, shifts, dims=None) | F.roll(input, shifts, dims)
rsqrt(input) | F.rsqrt(input)
sign(input) | F.sign(input)
sin(input) | F.sin(input)
sinc(input) | F.sinc(input)
sinh(input) | F.sinh(input)
sqrt(input) | F.sqrt(input)
square(input) | F.square(input)
stack(tensors, dim=0) | F.stack(tensors, dim)
swapaxes(input, axis0, axis1) | F.swapaxes(input, axis0, axis1)
tan(input) | F.tan(input)
tanh(input) | F.tanh(input)
tile(input, dims) | F.tile(input, dims)
topk(input, k, dim=-1, largest=True, sorted=True) | _int64_second(F.topk(input, k, dim, largest, sorted))
tril(input, diagonal=0) | F.tril(input, diagonal)
triu(input, diagonal=0) | F.triu(input, diagonal)
unbind(input, dim=0) | F.unbind(input, dim)
unsqueeze(input, dim) | F.unsqueeze(input, dim)
# --- opsarray ---
arange(start=0, end=None, step=1, dtype=None) | F.arange(start, end, step, dtype=dtype)
diag(input, diagonal=0) | F.diag_embed(input, diagonal) if input.ndim == 1 else F.diagonal(input, diagonal)
hstack(tensors) | F.hstack(tensors)
dstack(tensors) | F.dstack(tensors)
empty(*args, **kwargs) | _empty(*args, **kwargs)
empty_like(*args, **kwargs) | _empty_like(*args, **kwargs)
flatten(*args, **kwargs) | _flatten(*args, **kwargs)
full(size, fill_value, dtype=None) | F.full(size, fill_value, dtype=dtype)
full_like(input, fill_value, dtype=None) | F.full_like(input, fill_value, dtype=dtype)
zeros(size, dtype=None) | F.zeros(size, dtype)
zeros_like(input, dtype=None) | F.zeros_like(input, dtype=dtype)
ones_like(input, dtype=None) | F.ones_like(input, dtype=dtype)
index_select(input, dim, index) | F.index_select(input, dim, index)
index_add(*args, **kwargs) | _index_add(*args, **kwargs)
meshgrid(*tensors, indexing=None) | F.meshgrid(*tensors, indexing="ij" if indexing is None else indexing)
nonzero(input, as_tuple=False) | F.nonzero(input, as_tuple)
repeat_interleave(*args, **kwargs) | _repeat_interleave(*args, **kwargs)
reshape(*args, **kwargs) | _reshape(*args, **kwargs)
squeeze(*args, **kwargs) | _squeeze(*args, **kwargs)
where(*args, **kwargs) | _where(*args, **kwargs)
t(*args, **kwargs) | _t(*args, **kwargs)
scatter(input, dim, index, src) | F.scatter(input, dim, index, src)
scatter_add(input, dim, index, src) | F.tensor_scatter_elements(input, index, src, dim, "add")
searchsorted(sorted_sequence, values, out_int32=False, right=False, side=None, sorter=None) | F.searchsorted(sorted_sequence, values, out_int32, right, side, sorter)
select(input, dim, index) | input.select(dim, index)
sort(input, dim=-1, descending=False, stable=False) | _int64_second(F.sort(input, dim, descending))
split(tensor, split_size_or_sections, dim=0) | F.split(tensor, split_size_or_sections, dim)
take(input, index) | F.take(input, index)
transpose(input, dim0, dim1) | F.swapaxes(input, dim0, dim1)
unique_consecutive(input, return_inverse=False, return_counts=False, dim=None) | F.unique_consecutive(input, return_inverse, return_counts, dim)
clone(input) | F.identity(input)
# --- end opsarray ---
"""


def render(doc, header, table, extra_names=()):
    out = [f'"""{doc}"""\n', header]
    names = list(extra_names)
    for line in table.strip().splitlines():
        if line.startswith("#"):
            continue
        sig, body = [p.strip() for p in line.split(" | ", 1)]
        name = sig.split("(", 1)[0]
        out.append(f"\n\ndef {sig}:  # noqa: A001,A002 - MindSpore's names\n    return {body}\n")
        names.append(name)
    out.append(f"\n\n__all__ = {sorted(set(names))!r}\n")
    return "".join(out)


def aliased(spec, params, dtype=True):
    lines = []
    for item in spec:
        name, _, target = item.partition(":")
        target = target or name
        call = f"F.{target}({', '.join(params)})"
        body = f"_cast({call}, dtype)" if dtype else call
        lines.append(f"{name}({', '.join(params)}{', dtype=None' if dtype else ''}) | {body}")
    return "\n".join(lines)


NUMPY_HEADER = '''from __future__ import annotations

import builtins

from ..common import dtype as mstype
from ..ops import functional as F
from ._helpers import _arange, _cast, _diag, _eye, _linspace, _unique, _where
from ._array_helpers import (_append, _array, _array_equal, _array_equiv, _as_tensor, _broadcast_arrays,  # opsarray
                             _concatenate, _geomspace, _indices, _isin, _ix, _logspace, _meshgrid, _promote_types,
                             _ravel_multi_index, _rollaxis, _several, _split, _take_along_axis, _triangle_indices,
                             _unravel_index, _pad, _digitize, _select, _choose, _intersect1d, _setdiff1d, _Grid,
                             _result_type, _apply_along_axis, _apply_over_axes, _piecewise, _vander)

mgrid = _Grid(sparse=False)  # opsarray
ogrid = _Grid(sparse=True)  # opsarray

range = builtins.range  # noqa: A001 - the builtin, for the bodies below
'''

MINT_HEADER = '''from __future__ import annotations

from ..ops import functional as F
from ._helpers import _int64, _int64_second
from ._array_helpers import (_empty, _empty_like, _flatten, _index_add, _repeat_interleave, _reshape,  # opsarray
                             _squeeze, _t, _where)
'''

if __name__ == "__main__":
    table = aliased(UNARY_NP, ["x"]) + "\n" + aliased(BINARY_NP, ["x1", "x2"]) + "\n" + NUMPY.strip()
    (ROOT / "numpy" / "_functions.py").write_text(render(
        "mindspore.numpy's functions, generated by tools/make_numpy_mint.py (edit the tables there).\n\n"
        "Each is an ops function (the same primitives) with NumPy's argument names; `dtype` casts the result.\n",
        NUMPY_HEADER, table, extra_names=("mgrid", "ogrid")))
    (ROOT / "mint" / "_functions.py").write_text(render(
        "mindspore.mint's functions, generated by tools/make_numpy_mint.py (edit the tables there).\n\n"
        "Each is an ops function (the same primitives) with mint's torch-style argument names.\n",
        MINT_HEADER, MINT))
