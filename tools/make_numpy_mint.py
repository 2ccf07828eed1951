"""Writes sporax.numpy and sporax.mint from the tables below: one line per function,
`MindSpore signature | the ops call it is`. Both sit on sporax.ops' functions (the same
primitives), never on a second implementation. Run by hand after editing a table:

    python tools/make_numpy_mint.py
"""
import pathlib
import re

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
# --- opsmath ---
average(x, axis=None, weights=None, returned=False) | _nm.average(x, axis, weights, returned)
bartlett(M) | _nm.bartlett(M)
bincount(x, weights=None, minlength=0, length=None) | _nm.bincount(x, weights, minlength, length)
blackman(M) | _nm.blackman(M)
cbrt(x, dtype=None) | _nm.cbrt(x, dtype)
convolve(a, v, mode='full') | _nm.convolve(a, v, mode)
corrcoef(x, y=None, rowvar=True, dtype=None) | _nm.corrcoef(x, y, rowvar, dtype)
correlate(a, v, mode='valid') | _nm.correlate(a, v, mode)
cov(m, y=None, rowvar=True, bias=False, ddof=None, fweights=None, aweights=None, dtype=None) | _nm.cov(m, y, rowvar, bias, ddof, fweights, aweights, dtype)
cross(a, b, axisa=-1, axisb=-1, axisc=-1, axis=None) | _nm.cross(a, b, axisa, axisb, axisc, axis)
diff(a, n=1, axis=-1, prepend=None, append=None) | _nm.diff(a, n, axis, prepend, append)
divmod(x1, x2, dtype=None) | _nm.divmod(x1, x2, dtype)
dot(a, b) | _nm.dot(a, b)
ediff1d(ary, to_end=None, to_begin=None) | _nm.ediff1d(ary, to_end, to_begin)
fix(x) | _nm.fix(x)
gradient(f, *varargs, axis=None, edge_order=1) | _nm.gradient(f, *varargs, axis=axis, edge_order=edge_order)
hamming(M) | _nm.hamming(M)
hanning(M) | _nm.hanning(M)
histogram(a, bins=10, range=None, weights=None, density=False) | _nm.histogram(a, bins, range, weights, density)
histogram_bin_edges(a, bins=10, range=None, weights=None) | _nm.histogram_bin_edges(a, bins, range, weights)
inner(a, b) | _nm.inner(a, b)
interp(x, xp, fp, left=None, right=None) | _nm.interp(x, xp, fp, left, right)
kron(a, b) | _nm.kron(a, b)
matmul(x1, x2, dtype=None) | _cast(F.matmul(x1, x2), dtype)
multi_dot(arrays) | _nm.multi_dot(arrays)
nancumsum(a, axis=None, dtype=None) | _nm.nancumsum(a, axis, dtype)
nanmax(a, axis=None, dtype=None, keepdims=False) | _nm.nanmax(a, axis, dtype, keepdims)
nanmean(a, axis=None, dtype=None, keepdims=False) | _nm.nanmean(a, axis, dtype, keepdims)
nanmin(a, axis=None, dtype=None, keepdims=False) | _nm.nanmin(a, axis, dtype, keepdims)
nanstd(a, axis=None, dtype=None, ddof=0, keepdims=False) | _nm.nanstd(a, axis, dtype, ddof, keepdims)
nanvar(a, axis=None, dtype=None, ddof=0, keepdims=False) | _nm.nanvar(a, axis, dtype, ddof, keepdims)
norm(x, ord=None, axis=None, keepdims=False) | _nm.norm(x, ord, axis, keepdims)
outer(a, b) | _nm.outer(a, b)
polyadd(a1, a2) | _nm.polyadd(a1, a2)
polyder(p, m=1) | _nm.polyder(p, m)
polyint(p, m=1, k=None) | _nm.polyint(p, m, k)
polymul(a1, a2) | _nm.polymul(a1, a2)
polysub(a1, a2) | _nm.polysub(a1, a2)
polyval(p, x) | _nm.polyval(p, x)
ptp(x, axis=None, keepdims=False) | _nm.ptp(x, axis, keepdims)
rand(*shape, dtype=mstype.float32) | _nm.rand(*shape, dtype=dtype)
randint(minval, maxval=None, shape=None, dtype=mstype.int32) | _nm.randint(minval, maxval, shape, dtype)
randn(*shape, dtype=mstype.float32) | _nm.randn(*shape, dtype=dtype)
sum(a, axis=None, dtype=None, keepdims=False, initial=None) | _nm.sum(a, axis, dtype, keepdims, initial)
tensordot(a, b, axes=2) | _nm.tensordot(a, b, axes)
trace(a, offset=0, axis1=0, axis2=1, dtype=None) | _nm.trace(a, offset, axis1, axis2, dtype)
trapz(y, x=None, dx=1.0, axis=-1) | _nm.trapz(y, x, dx, axis)
unwrap(p, discont=3.141592653589793, axis=-1) | _nm.unwrap(p, discont, axis)
# --- end opsmath ---
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
# --- opsmath ---
add(*args, **kwargs) | _overloads.call("add", args, kwargs)
addbmm(input, batch1, batch2, *, beta=1, alpha=1) | F.addbmm(input, batch1, batch2, beta=beta, alpha=alpha)
addcdiv(*args, **kwargs) | _overloads.call("addcdiv", args, kwargs)
addmm(input, mat1, mat2, *, beta=1, alpha=1) | F.addmm(input, mat1, mat2, beta=beta, alpha=alpha)
addmv(input, mat, vec, *, beta=1, alpha=1) | F.addmv(input, mat, vec, beta=beta, alpha=alpha)
allclose(input, other, rtol=1e-05, atol=1e-08, equal_nan=False) | _special._allclose(input, other, rtol, atol, equal_nan)
any(*args, **kwargs) | _overloads.call("any", args, kwargs)
baddbmm(input, batch1, batch2, *, beta=1, alpha=1) | F.baddbmm(input, batch1, batch2, beta, alpha)
bernoulli(input, *, generator=None) | _random._bernoulli_of(input, generator)
bincount(input, weights=None, minlength=0) | _overloads.bincount(input, weights, minlength)
bitwise_not(*args, **kwargs) | _overloads.call("bitwise_not", args, kwargs)
bmm(input, mat2) | F.bmm(input, mat2)
cdist(x1, x2, p=2.0, compute_mode='use_mm_for_euclid_dist_if_necessary') | F.cdist(x1, x2, p)
count_nonzero(input, dim=None) | _special._count_nonzero(input, dim)
cross(input, other, dim=None) | F.cross(input, other, dim)
diff(input, n=1, dim=-1, prepend=None, append=None) | F.diff(input, n, dim, prepend, append)
div(*args, **kwargs) | _overloads.call("div", args, kwargs)
divide(input, other, *, rounding_mode=None) | F.divide(input, other, rounding_mode=rounding_mode)
dot(input, other) | _special._vdot(input, other)
einsum(equation, *operands) | F.einsum(equation, *operands)
eq(*args, **kwargs) | _overloads.call("eq", args, kwargs)
floor_divide(*args, **kwargs) | _overloads.call("floor_divide", args, kwargs)
fmod(*args, **kwargs) | _overloads.call("fmod", args, kwargs)
greater_equal(*args, **kwargs) | _overloads.call("greater_equal", args, kwargs)
histc(input, bins=100, min=0, max=0) | F.histc(input, bins, min, max)
imag(*args, **kwargs) | _overloads.call("imag", args, kwargs)
inverse(input) | F.inverse(input)
lerp(*args, **kwargs) | _overloads.call("lerp", args, kwargs)
less(*args, **kwargs) | _overloads.call("less", args, kwargs)
lt(*args, **kwargs) | _overloads.call("lt", args, kwargs)
matmul(input, other) | F.matmul(input, other)
max(*args, **kwargs) | _overloads.call("max", args, kwargs)
mean(input, dim=None, keepdim=False, *, dtype=None) | _special._mint_mean(input, dim, keepdim, dtype)
median(input, dim=None, keepdim=False) | _special._mint_median(input, dim, keepdim)
min(*args, **kwargs) | _overloads.call("min", args, kwargs)
mm(input, mat2) | F.mm(input, mat2)
mul(*args, **kwargs) | _overloads.call("mul", args, kwargs)
multinomial(input, num_samples, replacement=False, *, generator=None) | _random._multinomial_ext(input, num_samples, replacement, generator)
mv(input, vec) | F.mv(input, vec)
nan_to_num(input, nan=None, posinf=None, neginf=None) | F.nan_to_num(input, nan, posinf, neginf)
nansum(*args, **kwargs) | _overloads.call("nansum", args, kwargs)
norm(input, p='fro', dim=None, keepdim=False, *, dtype=None) | _special._mint_norm(input, p, dim, keepdim, dtype)
normal(mean=0.0, std=1.0, size=None, generator=None) | _random._normal_ext(mean, std, size, generator)
outer(input, vec2) | F.outer(input, vec2)
polar(abs, angle) | F.polar(abs, angle)
prod(input, dim=None, keepdim=False, *, dtype=None) | F.prod(input, dim, keepdim, dtype)
rand(*size, generator=None, dtype=None, device=None) | _random._rand_ext(*size, generator=generator, dtype=dtype, device=device)
rand_like(input, *, dtype=None, device=None) | _random._rand_like_ext(input, dtype, device)
randint(*args, generator=None, dtype=None, device=None) | _random._randint_ext(*args, generator=generator, dtype=dtype, device=device)
randint_like(*args, dtype=None, device=None) | _random._randint_like_ext(*args, dtype=dtype, device=device)
randn(*size, generator=None, dtype=None, device=None) | _random._randn_ext(*size, generator=generator, dtype=dtype, device=device)
randn_like(input, *, dtype=None, device=None) | _random._randn_like_ext(input, dtype, device)
randperm(n, *, generator=None, dtype=mstype.int64) | _random._randperm_ext(n, generator, dtype)
real(*args, **kwargs) | _overloads.call("real", args, kwargs)
remainder(*args, **kwargs) | _overloads.call("remainder", args, kwargs)
round(input, *, decimals=0) | F.round(input, decimals=decimals)
std(input, dim=None, *, correction=1, keepdim=False) | F.std(input, dim, correction, keepdim)
std_mean(input, dim=None, *, correction=1, keepdim=False) | F.std_mean(input, dim, correction, keepdim)
sub(*args, **kwargs) | _overloads.call("sub", args, kwargs)
sum(input, dim=None, keepdim=False, *, dtype=None) | _special._mint_sum(input, dim, keepdim, dtype)
trace(input) | F.trace(input)
triangular_solve(b, A, upper=True, transpose=False, unitriangular=False) | _linalg._triangular_solve(b, A, upper, transpose, unitriangular)
var(input, dim=None, *, correction=1, keepdim=False) | F.var(input, dim, correction, keepdim)
var_mean(input, dim=None, *, correction=1, keepdim=False) | F.var_mean(input, dim, correction, keepdim)
vdot(input, other) | _special._vdot(input, other)
xlogy(*args, **kwargs) | _overloads.call("xlogy", args, kwargs)
# --- end opsmath ---
# --- tensorsurf ---
addr_(input, vec1, vec2, beta=1, alpha=1) | _inplace.write_back("addr_", input, F.addr(input, vec1, vec2, beta=beta, alpha=alpha))
batch_norm_elemt(input, weight=None, bias=None, mean=None, invstd=None, eps=1e-05) | _sync_bn.batch_norm_elemt(input, weight, bias, mean, invstd, eps)
batch_norm_gather_stats_with_counts(input, mean, invstd, running_mean=None, running_var=None, momentum=0.1, eps=1e-05, counts=None) | _sync_bn.batch_norm_gather_stats_with_counts(input, mean, invstd, running_mean, running_var, momentum, eps, counts)
batch_norm_stats(input, eps) | _sync_bn.batch_norm_stats(input, eps)
clamp(*args, **kwargs) | _overloads.call("clamp", args, kwargs)
conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1) | _nnf.conv2d(input, weight, bias, stride, padding, dilation, groups)
conv_tbc(input, weight, bias, pad=0) | _sync_bn.conv_tbc(input, weight, bias, pad)
kthvalue(*args, **kwargs) | _overloads.call("kthvalue", args, kwargs)
sigmoid(input) | F.sigmoid(input)
softmax(input, dim, *, dtype=None) | F.softmax(input if dtype is None else F.cast(input, dtype), dim)
# --- end tensorsurf ---
"""


def render(doc, header, table, extra_names=(), dtype_argument=False):
    """`dtype_argument`: a function with a `dtype` parameter first converts it (`_as_dtype`)."""
    out = [f'"""{doc}"""\n', header]
    names = list(extra_names)
    for line in table.strip().splitlines():
        if line.startswith("#"):
            continue
        sig, body = [p.strip() for p in line.split(" | ", 1)]
        name = sig.split("(", 1)[0]
        convert = "    dtype = _as_dtype(dtype)\n" if dtype_argument and re.search(r"\bdtype\b", sig) else ""
        out.append(f"\n\ndef {sig}:  # noqa: A001,A002 - MindSpore's names\n{convert}    return {body}\n")
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
from ._helpers import _arange, _as_dtype, _cast, _diag, _eye, _linspace, _unique, _where
from ._array_helpers import (_append, _array, _array_equal, _array_equiv, _as_tensor, _broadcast_arrays,  # opsarray
                             _concatenate, _geomspace, _indices, _isin, _ix, _logspace, _meshgrid, _promote_types,
                             _ravel_multi_index, _rollaxis, _several, _split, _take_along_axis, _triangle_indices,
                             _unravel_index, _pad, _digitize, _select, _choose, _intersect1d, _setdiff1d, _Grid,
                             _result_type, _apply_along_axis, _apply_over_axes, _piecewise, _vander)

mgrid = _Grid(sparse=False)  # opsarray
ogrid = _Grid(sparse=True)  # opsarray
from ..ops.function import _numpy_math as _nm

range = builtins.range  # noqa: A001 - the builtin, for the bodies below
'''

MINT_HEADER = '''from __future__ import annotations

from ..ops import functional as F
from ._helpers import _int64, _int64_second
from ._array_helpers import (_empty, _empty_like, _flatten, _index_add, _repeat_interleave, _reshape,  # opsarray
                             _squeeze, _t, _where)
from ..common import dtype as mstype
from ..ops.function import linalg_func as _linalg, random_func as _random, special_func as _special
from . import _overloads
from . import _sync_batch_norm as _sync_bn  # tensorsurf
from .nn import functional as _nnf  # tensorsurf
from ..ops.function import inplace_func as _inplace  # tensorsurf
'''

if __name__ == "__main__":
    table = aliased(UNARY_NP, ["x"]) + "\n" + aliased(BINARY_NP, ["x1", "x2"]) + "\n" + NUMPY.strip()
    (ROOT / "numpy" / "_functions.py").write_text(render(
        "mindspore.numpy's functions, generated by tools/make_numpy_mint.py (edit the tables there).\n\n"
        "Each is an ops function (the same primitives) with NumPy's argument names; `dtype` casts the result.\n",
        NUMPY_HEADER, table, extra_names=("mgrid", "ogrid"), dtype_argument=True))
    (ROOT / "mint" / "_functions.py").write_text(render(
        "mindspore.mint's functions, generated by tools/make_numpy_mint.py (edit the tables there).\n\n"
        "Each is an ops function (the same primitives) with mint's torch-style argument names.\n",
        MINT_HEADER, MINT))
