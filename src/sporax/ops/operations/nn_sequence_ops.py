"""Sequence and nn primitives of `mindspore.ops.operations` (issue 10, prim3): accumulation,
splitting, layout maps, index writes, n-gram masking, RMS normalisation, the view ops, CTC
decoding and losses, recurrent cells (LSTM, DynamicRNN, DynamicGRUV2), dropout masks,
depthwise convolution and fractional pooling.

Several of these have no MindSpore CPU kernel (AccumulateNV2, SplitV, BatchToSpaceNDV2,
LerpScalar, LogSoftmaxExt, RmsNorm, DynamicRNN, DynamicGRUV2, RNNTLoss: Ascend only); their
math is the documented one, checked against float64 NumPy references in the tests.

JAX arrays never alias, so the "view" primitives (SelectView, TransposeView,
TransposeExtView, CopyWithSlice) return new arrays equal to what their non-view ops give.
"""
from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from ..._runtime import call_replay
from ...common import dtype as mstype
from ...common.tensor import Tensor
from ..primitive import Primitive, _wrap, prim_attr_register
from . import _arg_checks as check
from .array_ops_more import BatchToSpaceND

__all__ = ["AccumulateNV2", "SplitV", "BatchToSpaceNDV2", "LerpScalar", "LogSoftmaxExt", "RmsNorm",
           "DataFormatDimMap", "DataFormatVecPermute", "IndexPut", "NoRepeatNGram", "ScalarToArray",
           "SelectView", "TransposeView", "TransposeExtView", "CopyWithSlice"]

_FLOATS = (mstype.float16, mstype.bfloat16, mstype.float32, mstype.float64)


def _float_tensor(op, arg, value):
    check.tensor(op, arg, value)
    if value.dtype not in _FLOATS:
        raise TypeError(f"For '{op}', the '{arg}' must be a Tensor of float16, bfloat16, float32 or float64, "
                        f"but got {value.dtype}.")
    return value


def _concrete(op, arg, value):
    """The NumPy value of a Tensor argument that decides a shape (it must be a constant)."""
    if isinstance(value, Tensor):
        array = value._value()
        if call_replay.traced(array):
            raise TypeError(f"For '{op}', the '{arg}' decides the output shape and must be a constant, but got a "
                            "Tensor whose value is only known when the graph runs.")
        return np.asarray(array)
    return np.asarray(value)


class _NoAttrs(Primitive):
    def __init__(self):
        Primitive.__init__(self, type(self).__name__)


class AccumulateNV2(_NoAttrs):
    """The elementwise sum of a tuple or list of Tensors of one shape and dtype (AddN)."""

    def __call__(self, *inputs):
        values = inputs[0] if len(inputs) == 1 and isinstance(inputs[0], (tuple, list)) else inputs
        if not isinstance(values, (tuple, list)) or not values or \
                not all(isinstance(v, Tensor) for v in values):
            raise TypeError(f"For '{self.name}', the 'inputs' must be a non-empty tuple or list of Tensors, "
                            f"but got {values!r}.")
        first = values[0]
        for i, v in enumerate(values):
            if v.shape != first.shape or v.dtype != first.dtype:
                raise ValueError(f"For '{self.name}', every element of 'inputs' must have shape {first.shape} and "
                                 f"dtype {first.dtype}, but element {i} has {v.shape} and {v.dtype}.")
        return _wrap(self._dispatch((tuple(v._value() for v in values),)))

    def _compute(self, values):
        total = values[0]
        for v in values[1:]:
            total = total + v
        return total


class SplitV(Primitive):
    """`input_x` cut along `split_dim` into `num_split` pieces of `size_splits` (one entry may
    be −1: the remainder)."""

    @prim_attr_register
    def __init__(self, size_splits, split_dim, num_split):
        sizes = check.int_tuple("SplitV", "size_splits", size_splits, allow_int=False)
        check.int_value("SplitV", "split_dim", split_dim)
        check.int_value("SplitV", "num_split", num_split, minimum=1)
        if len(sizes) != num_split:
            raise ValueError(f"For 'SplitV', the length of 'size_splits' must equal 'num_split' {num_split}, "
                             f"but got {len(sizes)}.")
        if sum(1 for s in sizes if s == -1) > 1 or any(s < -1 for s in sizes):
            raise ValueError(f"For 'SplitV', the 'size_splits' may hold one -1 and otherwise values >= 0, "
                             f"but got {sizes}.")
        self.attrs["size_splits"] = sizes

    def __call__(self, input_x):
        check.tensor(self.name, "input_x", input_x)
        axis = check.axis(self.name, "split_dim", self.attrs["split_dim"], input_x.ndim)
        sizes = list(self.attrs["size_splits"])
        length = input_x.shape[axis]
        if -1 in sizes:
            rest = length - sum(s for s in sizes if s != -1)
            if rest < 0:
                raise ValueError(f"For '{self.name}', the 'size_splits' {tuple(sizes)} exceed the dimension "
                                 f"{length} of 'input_x' at 'split_dim'.")
            sizes[sizes.index(-1)] = rest
        if sum(sizes) != length:
            raise ValueError(f"For '{self.name}', the sum of 'size_splits' {tuple(sizes)} must equal the dimension "
                             f"{length} of 'input_x' at 'split_dim'.")
        return _wrap(self._dispatch((input_x._value(), axis, tuple(sizes))))

    def _compute(self, x, axis, sizes):
        cuts = np.cumsum(sizes)[:-1].tolist()
        return tuple(jnp.split(x, cuts, axis=axis))


class BatchToSpaceNDV2(_NoAttrs):
    """BatchToSpaceND with `block_shape` (M,) and `crops` (M, 2) given as constant Tensors."""

    def __init__(self):
        Primitive.__init__(self, "BatchToSpaceNDV2")
        self.add_prim_attr("origin_format", "NHWC")

    def __call__(self, input_x, block_shape, crops):
        check.tensor(self.name, "input_x", input_x)
        for arg, value in (("block_shape", block_shape), ("crops", crops)):
            if not isinstance(value, Tensor) or value.dtype not in (mstype.int32, mstype.int64):
                raise TypeError(f"For '{self.name}', the '{arg}' must be a Tensor of int32 or int64, but got "
                                f"{value!r}.")
        blocks = tuple(int(b) for b in _concrete(self.name, "block_shape", block_shape).reshape(-1))
        crop = _concrete(self.name, "crops", crops)
        if crop.shape != (len(blocks), 2):
            raise ValueError(f"For '{self.name}', the 'crops' must have shape ({len(blocks)}, 2), but got "
                             f"{crop.shape}.")
        return BatchToSpaceND(blocks, [[int(a), int(b)] for a, b in crop])(input_x)


class LerpScalar(_NoAttrs):
    """input + weight·(end − input) with a Python float `weight` (input and end broadcast, one
    floating dtype)."""

    def __call__(self, input, end, weight):  # noqa: A002 - MindSpore's argument names
        _float_tensor(self.name, "input", input)
        _float_tensor(self.name, "end", end)
        if isinstance(weight, bool) or not isinstance(weight, (int, float)):
            raise TypeError(f"For '{self.name}', the 'weight' must be a float, but got {type(weight).__name__}.")
        if input.dtype != end.dtype:
            raise TypeError(f"For '{self.name}', the 'input' and 'end' must have one dtype, but got {input.dtype} "
                            f"and {end.dtype}.")
        try:
            np.broadcast_shapes(input.shape, end.shape)
        except ValueError:
            raise ValueError(f"For '{self.name}', the shapes of 'input' {input.shape} and 'end' {end.shape} can not "
                             "broadcast.") from None
        return _wrap(self._dispatch((input._value(), end._value(), float(weight))))

    def _compute(self, start, end, weight):
        return start + jnp.asarray(weight, start.dtype) * (end - start)


class LogSoftmaxExt(_NoAttrs):
    """log(exp(xᵢ)/Σⱼ exp(xⱼ)) along `dim`, computed in `dtype` when given. `dim=None` picks
    0 for inputs of rank 0, 1 or 3 and 1 otherwise (torch's legacy rule, which MindSpore's
    log_softmax_ext follows)."""

    def __call__(self, input, dim=None, dtype=None):  # noqa: A002
        check.tensor(self.name, "input", input)
        if dim is None:
            dim = 0 if input.ndim in (0, 1, 3) else 1
        axis = check.axis(self.name, "dim", dim, input.ndim)
        if dtype is not None:
            if dtype not in _FLOATS:
                raise TypeError(f"For '{self.name}', the 'dtype' must be float16, bfloat16, float32 or float64, "
                                f"but got {dtype!r}.")
            input = Tensor._wrap(input._value().astype(dtype.to_numpy()))  # a dtype conversion, not math
        _float_tensor(self.name, "input", input)
        return _wrap(self._dispatch((input._value(), axis)))

    def _compute(self, x, axis):
        if x.ndim == 0:
            return jax.nn.log_softmax(x.reshape(1))[0]
        return jax.nn.log_softmax(x, axis=axis)


class RmsNorm(Primitive):
    """y = x / √(mean(x², over gamma's axes) + ε) · γ; also returns rstd = 1/√(mean + ε)
    (float32), with gamma's axes kept as size 1."""

    @prim_attr_register
    def __init__(self, epsilon=1e-6):
        if isinstance(epsilon, bool) or not isinstance(epsilon, (int, float)):
            raise TypeError(f"For 'RmsNorm', the 'epsilon' must be a float, but got {type(epsilon).__name__}.")
        if not 0 < epsilon <= 1:
            raise ValueError(f"For 'RmsNorm', the 'epsilon' must be in range (0, 1], but got {epsilon}.")
        self.attrs["epsilon"] = float(epsilon)

    def __call__(self, x, gamma):
        for arg, value in (("x", x), ("gamma", gamma)):
            _float_tensor(self.name, arg, value)
            if value.dtype == mstype.float64:
                raise TypeError(f"For '{self.name}', the '{arg}' must be a Tensor of float16, bfloat16 or float32, "
                                f"but got {value.dtype}.")
        if x.dtype != gamma.dtype:
            raise TypeError(f"For '{self.name}', the 'x' and 'gamma' must have one dtype, but got {x.dtype} and "
                            f"{gamma.dtype}.")
        if gamma.ndim == 0 or gamma.ndim > x.ndim or x.shape[x.ndim - gamma.ndim:] != gamma.shape:
            raise ValueError(f"For '{self.name}', the shape of 'gamma' must be a trailing part of the shape of 'x' "
                             f"{x.shape}, but got {gamma.shape}.")
        return super().__call__(x, gamma)

    def _compute(self, x, gamma):
        axes = tuple(range(x.ndim - gamma.ndim, x.ndim))
        x32 = x.astype(jnp.float32)
        rstd = jax.lax.rsqrt(jnp.mean(x32 * x32, axis=axes, keepdims=True) + self.attrs["epsilon"])
        return (x32 * rstd * gamma.astype(jnp.float32)).astype(x.dtype), rstd


_FORMATS = ("NHWC", "NCHW", "HWNC", "HWCN", "NDHWC", "NCDHW")


def _format_pair(op, src_format, dst_format):
    for arg, value in (("src_format", src_format), ("dst_format", dst_format)):
        if not isinstance(value, str):
            raise TypeError(f"For '{op}', the '{arg}' must be a str, but got {type(value).__name__}.")
        if value not in _FORMATS:
            raise ValueError(f"For '{op}', the '{arg}' must be one of {list(_FORMATS)}, but got {value!r}.")
    if sorted(src_format) != sorted(dst_format):
        raise ValueError(f"For '{op}', the 'src_format' and 'dst_format' must name the same axes, but got "
                         f"{src_format!r} and {dst_format!r}.")


def _int_tensor(op, arg, value):
    check.tensor(op, arg, value)
    if value.dtype not in (mstype.int32, mstype.int64):
        raise TypeError(f"For '{op}', the '{arg}' must be a Tensor of int32 or int64, but got {value.dtype}.")
    return value


class DataFormatDimMap(Primitive):
    """Each dimension index d (−4..3) maps to src_format.index(dst_format[d]) — MindSpore's (and
    TensorFlow's) table, e.g. NHWC -> NCHW maps [0, 1, 2, 3] to [0, 3, 1, 2]."""

    @prim_attr_register
    def __init__(self, src_format="NHWC", dst_format="NCHW"):
        _format_pair("DataFormatDimMap", src_format, dst_format)

    def __call__(self, input_x):
        _int_tensor(self.name, "input_x", input_x)
        return super().__call__(input_x)

    def _compute(self, x):
        src, dst = self.attrs["src_format"], self.attrs["dst_format"]
        table = jnp.asarray([src.index(c) for c in dst], x.dtype)
        return table[jnp.mod(x, len(src))]


class DataFormatVecPermute(Primitive):
    """A vector (4,) or matrix (4, 2) of per-axis values in `src_format` order, reordered to
    `dst_format`."""

    @prim_attr_register
    def __init__(self, src_format="NHWC", dst_format="NCHW"):
        for arg, value in (("src_format", src_format), ("dst_format", dst_format)):
            if value not in ("NHWC", "NCHW"):
                raise ValueError(f"For 'DataFormatVecPermute', the '{arg}' must be 'NHWC' or 'NCHW', but got "
                                 f"{value!r}.")

    def __call__(self, x):
        _int_tensor(self.name, "x", x)
        if x.shape not in ((4,), (4, 2)):
            raise ValueError(f"For '{self.name}', the 'x' must have shape (4,) or (4, 2), but got {x.shape}.")
        return super().__call__(x)

    def _compute(self, x):
        src, dst = self.attrs["src_format"], self.attrs["dst_format"]
        return x[jnp.asarray([src.index(c) for c in dst])]


class IndexPut(Primitive):
    """x1 with the positions named by the 1-D index Tensors `indices` (broadcast together;
    fewer than rank(x1) address whole trailing slices) set to `x2` (accumulate=0) or
    increased by it (accumulate=1); `x2` of size 1 is broadcast."""

    @prim_attr_register
    def __init__(self, accumulate=0):
        check.int_value("IndexPut", "accumulate", accumulate)
        if accumulate not in (0, 1):
            raise ValueError(f"For 'IndexPut', the 'accumulate' must be 0 or 1, but got {accumulate}.")

    def __call__(self, x1, x2, indices):
        check.tensor(self.name, "x1", x1)
        check.tensor(self.name, "x2", x2)
        if x1.dtype != x2.dtype:
            raise TypeError(f"For '{self.name}', the 'x2' must have the dtype of 'x1' {x1.dtype}, but got "
                            f"{x2.dtype}.")
        if not isinstance(indices, (tuple, list)) or not indices or not all(isinstance(i, Tensor) for i in indices):
            raise TypeError(f"For '{self.name}', the 'indices' must be a tuple or list of Tensors, but got "
                            f"{indices!r}.")
        for i in indices:
            _int_tensor(self.name, "indices", i)
            if i.ndim != 1:
                raise ValueError(f"For '{self.name}', each Tensor of 'indices' must be 1-D, but got shape {i.shape}.")
        if len({i.dtype for i in indices}) > 1:
            raise TypeError(f"For '{self.name}', the Tensors of 'indices' must share one dtype.")
        if x2.ndim != 1:
            raise ValueError(f"For '{self.name}', the 'x2' must be 1-D, but got rank {x2.ndim}.")
        if len(indices) > x1.ndim:
            raise ValueError(f"For '{self.name}', the size of 'indices' must be <= rank(x1) {x1.ndim}, but got "
                             f"{len(indices)}.")
        try:
            count = np.broadcast_shapes(*[i.shape for i in indices])[0]
        except ValueError:
            raise ValueError(f"For '{self.name}', the Tensors of 'indices' must broadcast, but got shapes "
                             f"{[i.shape for i in indices]}.") from None
        allowed = count if len(indices) == x1.ndim else x1.shape[-1]
        if x2.shape[0] not in (1, allowed):
            raise ValueError(f"For '{self.name}', the size of 'x2' must be 1 or {allowed}, but got {x2.shape[0]}.")
        return _wrap(self._dispatch((x1._value(), x2._value(), tuple(i._value() for i in indices))))

    def _compute(self, x1, x2, indices):
        count = max(i.shape[0] for i in indices)
        index = tuple(jnp.broadcast_to(i, (count,)) for i in indices)
        target_shape = (count,) + x1.shape[len(indices):]
        values = jnp.broadcast_to(x2, target_shape)
        ref = x1.at[index]
        return ref.add(values) if self.attrs["accumulate"] else ref.set(values)


class NoRepeatNGram(Primitive):
    """Beam search's n-gram blocking: where the last ngram_size − 1 words of `state_seq`
    (batch, beam, m) occurred earlier followed by word w, log_probs[..., w] becomes −FLOAT_MAX
    (of log_probs' dtype)."""

    @prim_attr_register
    def __init__(self, ngram_size=1):
        check.int_value("NoRepeatNGram", "ngram_size", ngram_size, minimum=1)

    def __call__(self, state_seq, log_probs):
        _int_tensor(self.name, "state_seq", state_seq)
        _float_tensor(self.name, "log_probs", log_probs)
        if state_seq.ndim != 3 or log_probs.ndim != 3:
            raise ValueError(f"For '{self.name}', the 'state_seq' and 'log_probs' must be 3-D, but got shapes "
                             f"{state_seq.shape} and {log_probs.shape}.")
        if state_seq.shape[:2] != log_probs.shape[:2]:
            raise ValueError(f"For '{self.name}', the 'state_seq' and 'log_probs' must share batch_size and "
                             f"beam_width, but got {state_seq.shape} and {log_probs.shape}.")
        if self.attrs["ngram_size"] > state_seq.shape[2]:
            raise ValueError(f"For '{self.name}', the 'ngram_size' must be <= m {state_seq.shape[2]}, but got "
                             f"{self.attrs['ngram_size']}.")
        return super().__call__(state_seq, log_probs)

    def _compute(self, seq, log_probs):
        n = self.attrs["ngram_size"]
        m = seq.shape[-1]
        vocab = log_probs.shape[-1]
        tail = seq[..., m - n + 1:]                       # the last n − 1 words
        blocked = jnp.zeros(log_probs.shape, bool)
        for start in range(m - n + 1):                    # each earlier n-gram seq[start : start+n]
            prefix = seq[..., start:start + n - 1]
            match = jnp.all(prefix == tail, axis=-1) if n > 1 else jnp.ones(seq.shape[:-1], bool)
            word = seq[..., start + n - 1]
            hit = match[..., None] & (jnp.arange(vocab) == word[..., None])
            blocked = blocked | hit
        lowest = jnp.asarray(-jnp.finfo(log_probs.dtype).max, log_probs.dtype)
        return jnp.where(blocked, lowest, log_probs)


class ScalarToArray(_NoAttrs):
    """A Python int or float as a 0-D Tensor: Int32 for an int, Float32 for a float (r1.x's
    infer_value, the last MindSpore that ran it: 2.10 deprecates it for `scalar_to_tensor` and has
    no infer for it in either mode)."""

    def __call__(self, input_x):
        if isinstance(input_x, bool) or not isinstance(input_x, (int, float)):
            raise TypeError(f"For '{self.name}', the 'input_x' must be an int or a float, but got "
                            f"{type(input_x).__name__}.")
        if isinstance(input_x, int) and not -2 ** 31 <= input_x < 2 ** 31:
            raise ValueError(f"For '{self.name}', the 'input_x' must fit in Int32, but got {input_x}.")
        dtype = np.int32 if isinstance(input_x, int) else np.float32
        return _wrap(self._dispatch((np.asarray(input_x, dtype),)))

    def _compute(self, value):
        return jnp.asarray(value)


class SelectView(_NoAttrs):
    """input[..., index, ...] at axis `dim` (the axis removed), as a new array: JAX has no
    aliasing, so this equals Gather/Select of the one index rather than sharing memory."""

    def __call__(self, input, index, dim):  # noqa: A002
        check.tensor(self.name, "input", input)
        axis = check.axis(self.name, "dim", dim, input.ndim)
        check.int_value(self.name, "index", index)
        size = input.shape[axis]
        if not -size <= index < size:
            raise ValueError(f"For '{self.name}', the 'index' must be in range [{-size}, {size}), but got {index}.")
        return _wrap(self._dispatch((input._value(), int(index) % size, axis)))

    def _compute(self, x, index, axis):
        return jax.lax.index_in_dim(x, index, axis, keepdims=False)


class TransposeView(_NoAttrs):
    """Transpose by `input_perm` (negative entries count from the end), as a new array: JAX
    has no aliasing, so the result equals Transpose's."""

    def __init__(self):
        Primitive.__init__(self, "TransposeView")
        self.add_prim_attr("side_effect_mem", True)

    def __call__(self, input, input_perm):  # noqa: A002
        check.tensor(self.name, "input", input)
        if not isinstance(input_perm, tuple):
            raise TypeError(f"For '{self.name}', the 'input_perm' must be a tuple, but got "
                            f"{type(input_perm).__name__}.")
        if len(input_perm) != input.ndim:
            raise ValueError(f"For '{self.name}', the length of 'input_perm' must equal the rank of 'input' "
                             f"{input.ndim}, but got {len(input_perm)}.")
        perm = tuple(check.axis(self.name, "input_perm", p, input.ndim) for p in input_perm)
        if len(set(perm)) != len(perm):
            raise ValueError(f"For '{self.name}', the 'input_perm' must not repeat an axis, but got {input_perm}.")
        return _wrap(self._dispatch((input._value(), perm)))

    def _compute(self, x, perm):
        return jnp.transpose(x, perm)


class TransposeExtView(_NoAttrs):
    """`input` with axes `dim0` and `dim1` swapped, as a new array (no aliasing in JAX)."""

    def __init__(self):
        Primitive.__init__(self, "TransposeExtView")
        self.add_prim_attr("side_effect_mem", True)

    def __call__(self, input, dim0, dim1):  # noqa: A002
        check.tensor(self.name, "input", input)
        a = check.axis(self.name, "dim0", dim0, input.ndim)
        b = check.axis(self.name, "dim1", dim1, input.ndim)
        return _wrap(self._dispatch((input._value(), a, b)))

    def _compute(self, x, a, b):
        return jnp.swapaxes(x, a, b) if x.ndim else x


class CopyWithSlice(_NoAttrs):
    """`src` copied into the (view) Tensor `self`: here the result is a new array equal to
    `src` broadcast to self's shape and cast to self's dtype, since JAX has no views to write
    through."""

    def __init__(self):
        Primitive.__init__(self, "CopyWithSlice")
        self.add_prim_attr("side_effect_mem", True)

    def __call__(self, x, src):
        check.tensor(self.name, "x", x)
        check.tensor(self.name, "src", src)
        try:
            if np.broadcast_shapes(x.shape, src.shape) != tuple(x.shape):
                raise ValueError
        except ValueError:
            raise ValueError(f"For '{self.name}', the 'src' of shape {src.shape} must broadcast to the shape of 'x' "
                             f"{x.shape}.") from None
        return super().__call__(x, src)

    def _compute(self, x, src):
        return jnp.broadcast_to(src, x.shape).astype(x.dtype)
