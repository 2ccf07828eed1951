"""More optimizer-update primitives (MindSpore's Apply*, Sparse*, Fused* kernels).

Each writes its Parameter inputs in place (through `Parameter._write`, as `optimizer_ops`
does, so a compiled graph threads the writes through its StateFrame in program order) and
returns what MindSpore's kernel returns. The sparse ones update only the rows that `indices`
names; a row named twice is updated once with the sum of its gradient rows (MindSpore's
Fused* kernels merge duplicates so; for the others MindSpore leaves duplicates undefined).
"""
from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from ...common.tensor import Tensor
from .._constants import constant, number
from .._promotion import cast
from ..primitive import _wrap
from .effect_ops import _check_variable, _MemoryEffect

__all__ = ["ApplyAdagradDA", "ApplyAdamWithAmsgrad", "ApplyAddSign", "ApplyKerasMomentum", "ApplyPowerSign",
           "ApplyProximalGradientDescent", "FusedAdaFactor", "FusedAdaFactorWithGlobalNorm",
           "FusedCastAdamWeightDecay", "FusedSparseAdam", "FusedSparseFtrl", "FusedSparseLazyAdam",
           "FusedSparseProximalAdagrad", "FusedWeightScaleApplyMomentum", "SparseApplyAdadelta",
           "SparseApplyAdagrad", "SparseApplyAdagradV2", "SparseApplyFtrl", "SparseApplyFtrlV2",
           "SparseApplyProximalAdagrad", "SparseApplyRMSProp"]

_FLOATS = ("Float16", "Float32", "Float64")


# --- argument checks (MindSpore's messages) ---------------------------------------------------------

def _bool(op, name, value):
    if not isinstance(value, bool):
        raise TypeError(f"For '{op}', the type of '{name}' must be 'bool', but got '{type(value).__name__}'.")
    return value


def _float(op, name, value):
    if isinstance(value, bool) or not isinstance(value, float):
        raise TypeError(f"For '{op}', the type of '{name}' must be 'float', but got '{type(value).__name__}'.")
    return value


def _ftrl_attrs(op, lr, l1, l2, lr_power):
    for name, value in (("lr", lr), ("l1", l1), ("l2", l2), ("lr_power", lr_power)):
        _float(op, name, value)
    if not lr > 0:
        raise ValueError(f"For '{op}', the 'lr' must be float and must > 0, but got '{lr}' with type 'float'.")
    for name, value in (("l1", l1), ("l2", l2)):
        if value < 0:
            raise ValueError(f"For '{op}', the '{name}' must be float and must >= 0, but got '{value}' with type "
                             "'float'.")
    if lr_power > 0:
        raise ValueError(f"For '{op}', the argument 'lr_power' must <= 0, but got {lr_power}.")


def _dtype_name(dtype):
    return str(dtype)


def _state(op, name, value, like=None, floats=_FLOATS):
    """A Parameter (or, as MindSpore 2.10's PyNative allows, a plain Tensor) to update in place: a
    float one, of the variable's shape and dtype when `like` is given."""
    _check_variable(op, value, name)
    if _dtype_name(value.dtype) not in floats:
        raise TypeError(f"For primitive[{op}], the input argument[{name}] must be a type of "
                        f"{{{', '.join('Tensor[' + f + ']' for f in floats)}}}, but got Tensor[{value.dtype}].")
    if like is not None:
        if tuple(value.shape) != tuple(like.shape):
            raise ValueError(f"For '{op}', the shape of '{name}' must be {tuple(like.shape)} (the var's), but got "
                             f"{tuple(value.shape)}.")
        if value.dtype != like.dtype:
            raise TypeError(f"For '{op}', the dtype of '{name}' must be {like.dtype} (the var's), but got "
                            f"{value.dtype}.")
    return value._value()


def _tensor(op, name, value, like, shape=None, floats=_FLOATS):
    """A gradient-like Tensor, taken in the variable's dtype; `shape` if given must match."""
    if not isinstance(value, Tensor):
        raise TypeError(f"For '{op}', the '{name}' must be a Tensor, but got {type(value).__name__}.")
    if _dtype_name(value.dtype) not in floats:
        raise TypeError(f"For primitive[{op}], the input argument[{name}] must be a type of "
                        f"{{{', '.join('Tensor[' + f + ']' for f in floats)}}}, but got Tensor[{value.dtype}].")
    if shape is not None and tuple(value.shape) != tuple(shape):
        raise ValueError(f"For '{op}', the '{name}' and 'var' must have the same shape. But got '{name}' shape: "
                         f"{tuple(value.shape)}, 'var' shape: {tuple(shape)}.")
    return cast(value._value(), like.dtype)


def _scalar(op, name, value, like, tensor_only=False, ints=False, in_kernel=False):
    """A 0-D (or 1-element) input: a number or a Tensor, taken in `like`'s dtype (ints: an integer).
    `in_kernel`: a Tensor's array comes as it is, for the kernel to take with `_in_dtype_of`
    (a cast or reshape done here is an eager JAX op, and keeps the call from being replayed)."""
    if isinstance(value, Tensor):
        if value.size != 1:
            raise ValueError(f"For primitive[{op}], the {name}_shape[0] must be equal to 1, but got "
                             f"{value.shape[0] if value.ndim else value.size}.")
        kind = value.dtype.kind
        if ints and kind not in ("int", "uint"):
            raise TypeError(f"For primitive[{op}], the input argument[{name}_type] must be a type of {{Int32, Int64, "
                            f"Tensor[Int32], Tensor[Int64]}}, but got {value.dtype}.")
        if not ints and kind != "float":
            raise TypeError(f"For primitive[{op}], the input argument[{name}_type] must be a type of {{Float16, "
                            f"Float32, Float64, Tensor[Float16], Tensor[Float32], Tensor[Float64]}}, but got "
                            f"Tensor[{value.dtype}].")
        array = value._value()
        if in_kernel:
            return array
        return cast(array if array.shape == () else array.reshape(()), like.dtype)
    if tensor_only and isinstance(value, (int, float)) and not isinstance(value, bool):
        raise TypeError(f"For Primitive[{op}], the type of input argument[{name}_type] must be Tensor but got "
                        f"{'Float32' if isinstance(value, float) else 'Int64'}.")
    if ints:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"For primitive[{op}], the input argument[{name}_type] must be a type of {{Int32, Int64, "
                            f"Tensor[Int32], Tensor[Int64]}}, but got {type(value).__name__}.")
        return number(value, like.dtype)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"For primitive[{op}], the input argument[{name}_type] must be a type of {{Float16, Float32, "
                        f"Float64, Tensor[Float16], Tensor[Float32], Tensor[Float64]}}, but got "
                        f"{type(value).__name__}.")
    return number(value, like.dtype)


def _in_dtype_of(scalar, like):
    """Inside a kernel: a `_scalar(..., in_kernel=True)` as a 0-D array of `like`'s dtype."""
    return scalar.reshape(()).astype(like.dtype)


def _indices(op, indices, grad, var, dtypes=("Int32", "Int64")):
    """The rows a sparse gradient updates: a 1-D int Tensor, one per gradient row."""
    if not isinstance(indices, Tensor) or str(indices.dtype) not in dtypes:
        got = f"Tensor[{indices.dtype}]" if isinstance(indices, Tensor) else type(indices).__name__
        raise TypeError(f"For primitive[{op}], the input argument[indices] must be a type of "
                        f"{{{', '.join('Tensor[' + d + ']' for d in dtypes)}}}, but got {got}.")
    if indices.ndim != 1:
        raise ValueError(f"For '{op}', the 'indices' must be a 1-D Tensor, but got rank {indices.ndim}.")
    if grad.ndim != var.ndim or tuple(grad.shape[1:]) != tuple(var.shape[1:]):
        raise ValueError(f"For primitive[{op}], the var_shape[1:] must be equal to grad_shape[1:], but got "
                         f"var shape {tuple(var.shape)} and grad shape {tuple(grad.shape)}.")
    if indices.shape[0] != grad.shape[0]:
        raise ValueError(f"For '{op}', the indices size must be equal to grad first dimension size. But got indices "
                         f"size: {indices.shape[0]}, grad first dimension size: {grad.shape[0]}.")
    return indices._value()


def _merged_rows(var, grad, indices):
    """(dense gradient with each named row's gradient rows summed, mask of the named rows)."""
    rows = var.shape[0]
    dense = jnp.zeros(var.shape, grad.dtype).at[indices].add(grad, mode="drop")
    named = jnp.zeros((rows,), bool).at[indices].set(True, mode="drop")
    return dense, named.reshape((rows,) + (1,) * (var.ndim - 1))


class _Update(_MemoryEffect):
    """Base: `_flag` False drops the side_effect_mem attribute where MindSpore's constructor does
    not set it (its repr shows none, though the kernel still writes the Parameters)."""

    _flag = True

    def __init__(self):
        super().__init__()
        if not self._flag:
            self.del_prim_attr("side_effect_mem")

    def _finish(self, params, outs, tuple_out=True):
        for p, new in zip(params, outs):
            p._write(new)
        results = tuple(_wrap(new) for new in outs)
        return results if tuple_out else results[0]


# --- dense updates ----------------------------------------------------------------------------------

class ApplyAdagradDA(_Update):
    """Adagrad dual averaging: ga += g; gsa += g²; tmp = sign(ga)·|ga − l1·step|;
    var = −lr·tmp / (l2·step·lr + √gsa). Returns var.

    tmp is what MindSpore 2.10's kernel computes (observed on CPU: g = 0.03, l1 = 0.1 gives
    tmp = 0.07, g = −0.2 gives −0.3); its documentation writes sign(ga)·max(|ga| − l1·step, 0).
    With l1 = 0 the two agree. Ported training follows MindSpore's numbers."""

    def __init__(self, use_locking=False):
        super().__init__()
        self.add_prim_attr("use_locking", _bool(self.name, "use_locking", use_locking))

    def __call__(self, var, gradient_accumulator, gradient_squared_accumulator, grad, lr, l1, l2, global_step):
        v = _state(self.name, "var", var, floats=("Float16", "Float32"))
        ga = _state(self.name, "gradient_accumulator", gradient_accumulator, var)
        gsa = _state(self.name, "gradient_squared_accumulator", gradient_squared_accumulator, var)
        g = _tensor(self.name, "grad", grad, v, var.shape)
        scalars = [_scalar(self.name, n, s, v, in_kernel=True) for n, s in (("lr", lr), ("l1", l1), ("l2", l2))]
        step = _scalar(self.name, "global_step", global_step, v, ints=True, in_kernel=True)
        outs = self._dispatch((v, ga, gsa, g, *scalars, step))
        return self._finish((var, gradient_accumulator, gradient_squared_accumulator), outs, tuple_out=False)

    def _compute(self, var, ga, gsa, grad, lr, l1, l2, step):
        lr, l1, l2, step = (_in_dtype_of(s, var) for s in (lr, l1, l2, step))
        ga = ga + grad
        gsa = gsa + grad * grad
        tmp = jnp.sign(ga) * jnp.abs(ga - l1 * step)
        return -lr * tmp / (l2 * step * lr + jnp.sqrt(gsa)), ga, gsa


class ApplyAdamWithAmsgrad(_Update):
    """lr_t = lr·√(1 − β2^t)/(1 − β1^t); m = β1·m + (1 − β1)·g; v = β2·v + (1 − β2)·g²;
    v̂ = max(v̂, v); var -= lr_t·m/(√v̂ + ε). β1, β2, ε are attributes; β1^t, β2^t and lr
    are 0-D Tensors (MindSpore refuses numbers there). Returns (var, m, v, v̂)."""

    def __init__(self, beta1=0.9, beta2=0.999, epsilon=1e-8, use_locking=False):
        super().__init__()
        for name, value in (("beta1", beta1), ("beta2", beta2), ("epsilon", epsilon)):
            self.add_prim_attr(name, _float(self.name, name, value))
        self.add_prim_attr("use_locking", _bool(self.name, "use_locking", use_locking))

    def __call__(self, var, m, v, vhat, beta1_power, beta2_power, lr, grad):
        w = _state(self.name, "var", var, floats=("Float16", "Float32"))
        states = [w] + [_state(self.name, n, p, var) for n, p in (("m", m), ("v", v), ("vhat", vhat))]
        scalars = [_scalar(self.name, n, s, w, tensor_only=True)
                   for n, s in (("beta1_power", beta1_power), ("beta2_power", beta2_power), ("lr", lr))]
        g = _tensor(self.name, "grad", grad, w, var.shape)
        return self._finish((var, m, v, vhat), self._dispatch((*states, *scalars, g)))

    def _compute(self, var, m, v, vhat, beta1_power, beta2_power, lr, grad):
        b1, b2, eps = (jnp.asarray(self.attrs[k], var.dtype) for k in ("beta1", "beta2", "epsilon"))
        m = b1 * m + (1 - b1) * grad
        v = b2 * v + (1 - b2) * grad * grad
        vhat = jnp.maximum(vhat, v)
        lr_t = lr * jnp.sqrt(1 - beta2_power) / (1 - beta1_power)
        return var - lr_t * m / (jnp.sqrt(vhat) + eps), m, v, vhat


class _SignUpdate(_Update):
    """m = β·m + (1 − β)·g; var -= lr·scale(sign(g)·sign(m))·g. Returns (var, m)."""

    _second = ""

    def __call__(self, var, m, lr, second, sign_decay, beta, grad):
        w = _state(self.name, "var", var)
        mm = _state(self.name, "m", m, var)
        g = _tensor(self.name, "grad", grad, w, var.shape)
        scalars = [_scalar(self.name, n, s, w) for n, s in (("lr", lr), (self._second, second),
                                                            ("sign_decay", sign_decay), ("beta", beta))]
        return self._finish((var, m), self._dispatch((w, mm, *scalars, g)))

    def _compute(self, var, m, lr, second, sign_decay, beta, grad):
        m = beta * m + (1 - beta) * grad
        agree = jnp.sign(grad) * jnp.sign(m)
        return var - lr * self._scale(second, sign_decay, agree) * grad, m


class ApplyAddSign(_SignUpdate):
    """AddSign: m = β·m + (1 − β)·g; var -= lr·(α + sign_decay·sign(g)·sign(m))·g."""

    _second = "alpha"

    def __call__(self, var, m, lr, alpha, sign_decay, beta, grad):
        return super().__call__(var, m, lr, alpha, sign_decay, beta, grad)

    @staticmethod
    def _scale(alpha, sign_decay, agree):
        return alpha + sign_decay * agree


class ApplyPowerSign(_SignUpdate):
    """PowerSign: m = β·m + (1 − β)·g; var -= lr·exp(logbase·sign_decay·sign(g)·sign(m))·g."""

    _second = "logbase"

    def __call__(self, var, m, lr, logbase, sign_decay, beta, grad):
        return super().__call__(var, m, lr, logbase, sign_decay, beta, grad)

    @staticmethod
    def _scale(logbase, sign_decay, agree):
        return jnp.exp(logbase * sign_decay * agree)


def _proximal(prox, rate_l1, rate_l2):
    """sign(prox)/(1 + rate_l2)·max(|prox| − rate_l1, 0): the l1/l2 proximal step."""
    return jnp.sign(prox) / (1 + rate_l2) * jnp.maximum(jnp.abs(prox) - rate_l1, 0)


class ApplyProximalGradientDescent(_Update):
    """FOBOS: prox = var − α·δ; var = sign(prox)/(1 + α·l2)·max(|prox| − α·l1, 0). Returns var."""

    def __call__(self, var, alpha, l1, l2, delta):
        w = _state(self.name, "var", var, floats=("Float16", "Float32"))
        scalars = [_scalar(self.name, n, s, w) for n, s in (("alpha", alpha), ("l1", l1), ("l2", l2))]
        d = _tensor(self.name, "delta", delta, w, var.shape)
        return self._finish((var,), (self._dispatch((w, *scalars, d)),), tuple_out=False)

    def _compute(self, var, alpha, l1, l2, delta):
        return _proximal(var - alpha * delta, alpha * l1, alpha * l2)


class ApplyKerasMomentum(_Update):
    """Keras momentum: accum = accum·momentum − g·lr; var += accum·momentum − g·lr (Nesterov)
    or var += accum. lr and momentum are 0-D Tensors. Returns (var, accum).
    (MindSpore 2.10 has this kernel on Ascend only; this follows its documented formula.)"""

    _flag = False

    def __init__(self, use_locking=False, use_nesterov=False):
        super().__init__()
        self.add_prim_attr("use_locking", _bool(self.name, "use_locking", use_locking))
        self.add_prim_attr("use_nesterov", _bool(self.name, "use_nesterov", use_nesterov))

    def __call__(self, var, accum, lr, grad, momentum):
        w = _state(self.name, "var", var, floats=("Float16", "Float32"))
        a = _state(self.name, "accum", accum, var)
        rate = _scalar(self.name, "lr", lr, w, tensor_only=True)
        g = _tensor(self.name, "grad", grad, w, var.shape)
        mom = _scalar(self.name, "momentum", momentum, w, tensor_only=True)
        return self._finish((var, accum), self._dispatch((w, a, rate, g, mom)))

    def _compute(self, var, accum, lr, grad, momentum):
        accum = accum * momentum - grad * lr
        step = accum * momentum - grad * lr if self.attrs["use_nesterov"] else accum
        return var + step, accum


class FusedWeightScaleApplyMomentum(_Update):
    """Momentum with weight decay and loss scale: g' = g/loss_scale + weight_decay·var;
    accum = momentum·accum + g'; var -= lr·accum. Returns var.
    (MindSpore 2.10 has this kernel on GPU only; this follows nn.Momentum's formula it refers to.)"""

    _flag = False

    def __call__(self, weight_decay, loss_scale, variable, accumulation, learning_rate, gradient, momentum):
        w = _state(self.name, "variable", variable)
        a = _state(self.name, "accumulation", accumulation, variable)
        g = _tensor(self.name, "gradient", gradient, w, variable.shape)
        scalars = [_scalar(self.name, n, s, w) for n, s in (("weight_decay", weight_decay),
                   ("loss_scale", loss_scale), ("learning_rate", learning_rate), ("momentum", momentum))]
        outs = self._dispatch((w, a, g, *scalars))
        return self._finish((variable, accumulation), outs, tuple_out=False)

    def _compute(self, var, accum, grad, weight_decay, loss_scale, lr, momentum):
        grad = grad / loss_scale + weight_decay * var
        accum = momentum * accum + grad
        return var - lr * accum, accum


class FusedCastAdamWeightDecay(_Update):
    """AdamWeightDecay on a float16 or float32 variable with float32 moments, the gradient
    divided by `global_norm` first: g = grad/global_norm (in float32); m = β1·m + (1 − β1)·g;
    v = β2·v + (1 − β2)·g²; u = m/(√v + ε) (+ decay·var where decay > 0);
    var = var − lr·u, computed in float32 and cast back. Returns (var, m, v)."""

    def __init__(self, use_locking=False):
        super().__init__()
        self.add_prim_attr("use_locking", _bool(self.name, "use_locking", use_locking))

    def __call__(self, var, m, v, lr, beta1, beta2, epsilon, decay, gradient, global_norm):
        w = _state(self.name, "var", var, floats=("Float16", "Float32"))
        mm = _state(self.name, "m", m, floats=("Float32",))
        vv = _state(self.name, "v", v, m)
        for name, p in (("m", m), ("gradient", gradient)):
            if isinstance(p, Tensor) and tuple(p.shape) != tuple(var.shape):
                raise ValueError(f"For '{self.name}', the shape of '{name}' must be {tuple(var.shape)} (var_shape), "
                                 f"but got {tuple(p.shape)}.")
        g = _tensor(self.name, "gradient", gradient, mm, var.shape, floats=("Float16", "Float32"))
        scalars = [_scalar(self.name, n, s, mm) for n, s in (("lr", lr), ("beta1", beta1), ("beta2", beta2),
                   ("epsilon", epsilon), ("decay", decay), ("global_norm", global_norm))]
        return self._finish((var, m, v), self._dispatch((w, mm, vv, g, *scalars)))

    def _compute(self, var, m, v, grad, lr, beta1, beta2, epsilon, decay, global_norm):
        w = var.astype(jnp.float32)
        grad = grad / global_norm
        m = beta1 * m + (1 - beta1) * grad
        v = beta2 * v + (1 - beta2) * grad * grad
        update = m / (jnp.sqrt(v) + epsilon)
        update = jnp.where(decay > 0, update + decay * w, update)
        return (w - lr * update).astype(var.dtype), m, v


class FusedAdaFactor(_Update):
    """One Adafactor step (MindSpore's `nn.AdaFactor` formula, the kernel's inputs):
    u = g² + ε₁; a factored (≥ 2-D) weight keeps row and column means:
    R = β₂R + (1 − β₂)·mean_last(u), C = β₂C + (1 − β₂)·mean_second_last(u),
    U = g·(R/mean(R))^(−½)·C^(−½); a vector keeps V = β₂V + (1 − β₂)u, U = g/√V.
    U /= max(1, RMS(U)/clip_threshold); U *= α where α = lr·max(ε₂, RMS(param)) with
    `enable_scale_parameter`, else lr. `enable_first_moment`: exp_avg = β₁·exp_avg + (1 − β₁)U,
    U = exp_avg. `enable_weight_decay`: param -= param·weight_decay·α. param -= U.
    Returns a zero Tensor of param's shape (MindSpore's dummy output), in a tuple."""

    def __init__(self, enable_scale_parameter=False, enable_first_moment=False, enable_weight_decay=False):
        super().__init__()
        for name, value in (("enable_scale_parameter", enable_scale_parameter),
                            ("enable_first_moment", enable_first_moment), ("enable_weight_decay", enable_weight_decay)):
            self.add_prim_attr(name, _bool(self.name, name, value))

    def __call__(self, epsilon, clip_threshold, beta1, beta2, weight_decay, learning_rate, gradient, param,
                 exp_avg, exp_avg_sq_row, exp_avg_sq_col, exp_avg_sq, *global_norm):
        return self._step(epsilon, clip_threshold, beta1, beta2, weight_decay, learning_rate, gradient, param,
                          exp_avg, exp_avg_sq_row, exp_avg_sq_col, exp_avg_sq, global_norm)

    def _step(self, epsilon, clip_threshold, beta1, beta2, weight_decay, learning_rate, gradient, param,
              exp_avg, exp_avg_sq_row, exp_avg_sq_col, exp_avg_sq, global_norm):
        p = _state(self.name, "param", param)
        g = _tensor(self.name, "gradient", gradient, p, param.shape)
        states = [_state(self.name, "exp_avg", exp_avg), _state(self.name, "exp_avg_sq_row", exp_avg_sq_row),
                  _state(self.name, "exp_avg_sq_col", exp_avg_sq_col), _state(self.name, "exp_avg_sq", exp_avg_sq)]
        # epsilon reaches the kernel as it comes (a Tensor's array, or the pair as one constant),
        # which takes it as 2 values of param's dtype: a conversion here would be an eager JAX op.
        if isinstance(epsilon, Tensor):
            if epsilon.size != 2:
                raise ValueError(f"For '{self.name}', the 'epsilon' must hold 2 values, but got {epsilon.size}.")
            eps = epsilon._value()
        elif isinstance(epsilon, (tuple, list)) and len(epsilon) == 2:
            pair = [_scalar(self.name, "epsilon", e, p) for e in epsilon]
            if any(isinstance(e, Tensor) for e in epsilon):
                eps = jnp.stack(pair)
            else:
                eps = constant(np.asarray(epsilon, p.dtype))._value()
        else:
            raise TypeError(f"For '{self.name}', the 'epsilon' must be a pair of numbers or a Tensor of 2, but got "
                            f"{epsilon!r}.")
        scalars = [_scalar(self.name, n, s, p) for n, s in (("clip_threshold", clip_threshold), ("beta1", beta1),
                   ("beta2", beta2), ("weight_decay", weight_decay), ("learning_rate", learning_rate))]
        norm = [_scalar(self.name, "global_norm", n, p) for n in global_norm]
        outs = self._dispatch((eps, *scalars, g, p, *states, *norm))
        self._finish((param, exp_avg, exp_avg_sq_row, exp_avg_sq_col, exp_avg_sq), outs[1:])
        return (_wrap(outs[0]),)

    def _compute(self, eps, clip, beta1, beta2, weight_decay, lr, grad, param, exp_avg, row, col, sq, *norm):
        a = self.attrs
        eps = eps.astype(param.dtype).reshape(-1)
        if norm:
            grad = grad / norm[0]

        def rms(x):
            return jnp.sqrt(jnp.mean(x * x))

        rate = lr * jnp.maximum(eps[1], rms(param)) if a["enable_scale_parameter"] else lr
        update = grad * grad + eps[0]
        if grad.ndim >= 2:
            row = row * beta2 + jnp.mean(update, -1) * (1 - beta2)
            col = col * beta2 + jnp.mean(update, -2) * (1 - beta2)
            r_factor = (1 / jnp.sqrt(row / jnp.mean(row, -1, keepdims=True)))[..., None]
            c_factor = 1 / jnp.sqrt(col[..., None, :])
            update = r_factor * c_factor * grad
        else:
            sq = sq * beta2 + update * (1 - beta2)
            update = grad / jnp.sqrt(sq)
        update = update / jnp.maximum(rms(update) / clip, 1.0) * rate
        if a["enable_first_moment"]:
            exp_avg = exp_avg * beta1 + update * (1 - beta1)
            update = exp_avg
        if a["enable_weight_decay"]:
            param = param + param * -weight_decay * rate
        return jnp.zeros_like(param), param - update, exp_avg, row, col, sq


class FusedAdaFactorWithGlobalNorm(FusedAdaFactor):
    """FusedAdaFactor with the gradient divided by `global_norm` first."""

    def __call__(self, epsilon, clip_threshold, beta1, beta2, weight_decay, learning_rate, gradient, param,
                 exp_avg, exp_avg_sq_row, exp_avg_sq_col, exp_avg_sq, global_norm):
        return self._step(epsilon, clip_threshold, beta1, beta2, weight_decay, learning_rate, gradient, param,
                          exp_avg, exp_avg_sq_row, exp_avg_sq_col, exp_avg_sq, (global_norm,))


# --- sparse updates: only the rows `indices` names ------------------------------------------------------

class _SparseUpdate(_Update):
    """`_states` Parameters (the variable first), `_scalars` 0-D inputs, then grad and indices
    (in MindSpore's input order `_order`). `_compute_rows` computes every row as if all were
    named; only the named rows keep the result (`_all_rows` states change everywhere)."""

    _states = ("var", "accum")
    _scalars = ()
    _order = None
    _index_dtypes = ("Int32", "Int64")
    _full_grad = False
    _tensor_scalars = False
    _var_floats = ("Float16", "Float32")
    _all_rows = ()

    def __call__(self, *args):
        order = self._order or self._states + self._scalars + ("grad", "indices")
        if len(args) != len(order):
            raise TypeError(f"For '{self.name}', expected {len(order)} inputs ({', '.join(order)}), but got "
                            f"{len(args)}.")
        named = dict(zip(order, args))
        var = named["var"]
        value = _state(self.name, "var", var, floats=self._var_floats)
        params = [var] + [named[n] for n in self._states[1:]]
        states = [value] + [_state(self.name, n, named[n], var) for n in self._states[1:]]
        scalars = [_scalar(self.name, n, named[n], value, tensor_only=self._tensor_scalars) for n in self._scalars]
        grad = named["grad"]
        g = _tensor(self.name, "grad", grad, value, var.shape if self._full_grad else None)
        idx = _indices(self.name, named["indices"], grad, var, self._index_dtypes)
        return self._finish(params, self._dispatch((*states, *scalars, g, idx)))

    def _compute(self, *args):
        n = len(self._states)
        states, scalars, (grad, indices) = args[:n], args[n:-2], args[-2:]
        dense, named = _merged_rows(states[0], grad, indices)
        new = self._compute_rows(*states, *scalars, dense)
        return tuple(out if name in self._all_rows else jnp.where(named, out, old)
                     for name, out, old in zip(self._states, new, states))


class SparseApplyAdagrad(_SparseUpdate):
    """Rows `indices`: accum += g² (with update_slots); var -= lr·g/√accum. Returns (var, accum)."""

    def __init__(self, lr, update_slots=True, use_locking=False):
        super().__init__()
        self.add_prim_attr("lr", _float(self.name, "lr", lr))
        self.add_prim_attr("update_slots", _bool(self.name, "update_slots", update_slots))
        self.add_prim_attr("use_locking", _bool(self.name, "use_locking", use_locking))

    def _compute_rows(self, var, accum, grad):
        if self.attrs["update_slots"]:
            accum = accum + grad * grad
        return var - self.attrs["lr"] * grad / jnp.sqrt(accum), accum


class SparseApplyAdagradV2(_SparseUpdate):
    """Rows `indices`: accum += g² (with update_slots); var -= lr·g/√(accum + ε).

    ε inside the root is what MindSpore 2.10's CPU kernel computes (observed: it matches to 3e-8
    over two steps, ε outside is off by 5e-6); its documentation writes √accum + ε.
    Returns (var, accum)."""

    def __init__(self, lr, epsilon, use_locking=False, update_slots=True):
        super().__init__()
        self.add_prim_attr("lr", _float(self.name, "lr", lr))
        self.add_prim_attr("epsilon", _float(self.name, "epsilon", epsilon))
        self.add_prim_attr("use_locking", _bool(self.name, "use_locking", use_locking))
        self.add_prim_attr("update_slots", _bool(self.name, "update_slots", update_slots))

    def _compute_rows(self, var, accum, grad):
        if self.attrs["update_slots"]:
            accum = accum + grad * grad
        return var - self.attrs["lr"] * grad / jnp.sqrt(accum + self.attrs["epsilon"]), accum


class _SparseProximalAdagrad(_SparseUpdate):
    """Rows `indices`: accum += g²; prox = var − lr·g/√accum;
    var = sign(prox)/(1 + lr·l2)·max(|prox| − lr·l1, 0). Returns (var, accum)."""

    _scalars = ("lr", "l1", "l2")

    def __init__(self, use_locking=False):
        super().__init__()
        self.add_prim_attr("use_locking", _bool(self.name, "use_locking", use_locking))

    def _compute_rows(self, var, accum, lr, l1, l2, grad):
        accum = accum + grad * grad
        return _proximal(var - lr * grad / jnp.sqrt(accum), lr * l1, lr * l2), accum


class SparseApplyProximalAdagrad(_SparseProximalAdagrad):
    __doc__ = _SparseProximalAdagrad.__doc__ + """
    (MindSpore 2.10 has no CPU kernel for it; this follows its documented formula.)"""


class FusedSparseProximalAdagrad(_SparseProximalAdagrad):
    """Rows `indices` (duplicates summed): accum += g²; η = lr/√accum; prox = var − η·g;
    var = sign(prox)/(1 + η·l2)·max(|prox| − η·l1, 0). Returns (var, accum).

    η scales l1 and l2 too: that is what MindSpore 2.10's CPU kernel computes (observed, as for
    ApplyProximalAdagrad); its documentation writes lr there."""

    _index_dtypes = ("Int32",)
    _var_floats = ("Float32",)

    def _compute_rows(self, var, accum, lr, l1, l2, grad):
        accum = accum + grad * grad
        rate = lr / jnp.sqrt(accum)
        return _proximal(var - rate * grad, rate * l1, rate * l2), accum


class _SparseFtrl(_SparseUpdate):
    """FTRL-proximal on rows `indices` (the same arithmetic as ApplyFtrl): accum' = accum + g²;
    linear += g − (accum'^(−p) − accum^(−p))/lr·var;
    var = (sign(linear)·l1 − linear)/(accum'^(−p)/lr + 2·l2)
    where |linear| > l1, else 0. Returns (var, accum, linear)."""

    _states = ("var", "accum", "linear")

    def __init__(self, lr, l1, l2, lr_power, use_locking=False):
        super().__init__()
        _ftrl_attrs(self.name, lr, l1, l2, lr_power)
        for name, value in (("lr", lr), ("l1", l1), ("l2", l2), ("lr_power", lr_power)):
            self.add_prim_attr(name, value)
        self.add_prim_attr("use_locking", _bool(self.name, "use_locking", use_locking))

    def _shrinkage(self):
        return 0.0

    def _compute_rows(self, var, accum, linear, grad):
        a = self.attrs
        lr, l1, l2, power = a["lr"], a["l1"], a["l2"], a["lr_power"]
        new_accum = accum + grad * grad
        if power == -0.5:
            old_pow, new_pow = jnp.sqrt(accum), jnp.sqrt(new_accum)
        else:
            old_pow, new_pow = jnp.power(accum, -power), jnp.power(new_accum, -power)
        shrunk = grad + 2 * self._shrinkage() * var
        linear = linear + shrunk - (new_pow - old_pow) / lr * var
        target = (jnp.sign(linear) * l1 - linear) / (new_pow / lr + 2 * l2)
        return jnp.where(jnp.abs(linear) > l1, target, jnp.zeros_like(var)), new_accum, linear


class SparseApplyFtrl(_SparseFtrl):
    __doc__ = _SparseFtrl.__doc__


class FusedSparseFtrl(_SparseFtrl):
    __doc__ = _SparseFtrl.__doc__
    _index_dtypes = ("Int32",)
    _var_floats = ("Float32",)


class SparseApplyFtrlV2(_SparseFtrl):
    """FTRL-proximal with L2 shrinkage on rows `indices`: as SparseApplyFtrl, with
    linear += (g + 2·l2_shrinkage·var) − (accum'^(−p) − accum^(−p))/lr·var (accum' still
    adds g²). (MindSpore 2.10 has no CPU kernel for it; this follows TensorFlow's
    SparseApplyFtrlV2, which it ports.)"""

    def __init__(self, lr, l1, l2, l2_shrinkage, lr_power, use_locking=False):
        super(_SparseFtrl, self).__init__()
        _ftrl_attrs(self.name, lr, l1, l2, lr_power)
        _float(self.name, "l2_shrinkage", l2_shrinkage)
        for name, value in (("lr", lr), ("l1", l1), ("l2", l2), ("l2_shrinkage", l2_shrinkage),
                            ("lr_power", lr_power)):
            self.add_prim_attr(name, value)
        self.add_prim_attr("use_locking", _bool(self.name, "use_locking", use_locking))

    def _shrinkage(self):
        return self.attrs["l2_shrinkage"]


class SparseApplyRMSProp(_SparseUpdate):
    """Rows `indices`: ms = ρ·ms + (1 − ρ)·g²; mom = momentum·mom + lr·g/√(ms + ε); var -= mom.
    MindSpore 2.10 requires one gradient row per variable row. Returns (var, ms, mom)."""

    _flag = False
    _states = ("var", "ms", "mom")
    _scalars = ("lr",)
    _full_grad = True

    def __init__(self, rho, momentum, epsilon, use_locking=False):
        super().__init__()
        for name, value in (("rho", rho), ("momentum", momentum), ("epsilon", epsilon)):
            _float(self.name, name, value)
        _bool(self.name, "use_locking", use_locking)
        if not epsilon > 0:
            raise ValueError(f"For '{self.name}', the argument 'epsilon' must > 0.0, but got {epsilon}.")
        if momentum < 0:
            raise ValueError(f"For '{self.name}', the argument 'momentum' must >= 0.0, but got {momentum}.")
        if not 0.0 <= rho <= 1.0:
            raise ValueError(f"For '{self.name}', the 'rho' must be in range of [0.0, 1.0], but got {rho} with type "
                             "'float'.")
        for name, value in (("rho", rho), ("momentum", momentum), ("epsilon", epsilon), ("use_locking", use_locking)):
            self.add_prim_attr(name, value)

    def _compute_rows(self, var, ms, mom, lr, grad):
        a = self.attrs
        ms = a["rho"] * ms + (1 - a["rho"]) * grad * grad
        mom = a["momentum"] * mom + lr * grad / jnp.sqrt(ms + a["epsilon"])
        return var - mom, ms, mom


class SparseApplyAdadelta(_SparseUpdate):
    """Rows `indices`: accum = ρ·accum + (1 − ρ)·g²; u = √(accum_update + ε)·g/√(accum + ε);
    var -= u·lr; accum_update = ρ·accum_update + (1 − ρ)·u². MindSpore 2.10 requires one
    gradient row per variable row. Returns (var, accum, accum_update).
    (MindSpore 2.10 has no CPU kernel for it; this follows its documented formula.)"""

    _flag = False
    _states = ("var", "accum", "accum_update")
    _scalars = ("lr", "rho")
    _full_grad = True

    def __init__(self, epsilon, use_locking=False):
        super().__init__()
        _float(self.name, "epsilon", epsilon)
        if epsilon < 0:
            raise ValueError(f"For '{self.name}', the argument 'epsilon' must >= 0.0, but got {epsilon}.")
        self.add_prim_attr("epsilon", epsilon)
        self.add_prim_attr("use_locking", _bool(self.name, "use_locking", use_locking))

    def _compute_rows(self, var, accum, accum_update, lr, rho, grad):
        eps = self.attrs["epsilon"]
        accum = rho * accum + (1 - rho) * grad * grad
        update = jnp.sqrt(accum_update + eps) * grad / jnp.sqrt(accum + eps)
        accum_update = rho * accum_update + (1 - rho) * update * update
        return var - update * lr, accum, accum_update


class _FusedSparseAdam(_SparseUpdate):
    _states = ("var", "m", "v")
    _scalars = ("beta1_power", "beta2_power", "lr", "beta1", "beta2", "epsilon")
    _index_dtypes = ("Int32",)
    _var_floats = ("Float16", "Float32")  # MindSpore 2.10 documents float32, and its CPU kernel takes float16 too

    def __init__(self, use_locking=False, use_nesterov=False):
        super().__init__()
        self.add_prim_attr("use_locking", _bool(self.name, "use_locking", use_locking))
        self.add_prim_attr("use_nesterov", _bool(self.name, "use_nesterov", use_nesterov))


class FusedSparseAdam(_FusedSparseAdam):
    """Adam with a sparse gradient (duplicate rows summed): m = β1·m + (1 − β1)·g and
    v = β2·v + (1 − β2)·g² on every row (g = 0 on rows not named);
    var -= lr·√(1 − β2^t)/(1 − β1^t)·m/(√v + ε) on every row
    (Nesterov: m replaced by β1·m + (1 − β1)·g). Returns (var, m, v)."""

    _all_rows = ("var", "m", "v")

    def _compute_rows(self, var, m, v, beta1_power, beta2_power, lr, beta1, beta2, epsilon, grad):
        m = beta1 * m + (1 - beta1) * grad
        v = beta2 * v + (1 - beta2) * grad * grad
        lr_t = lr * jnp.sqrt(1 - beta2_power) / (1 - beta1_power)
        numerator = beta1 * m + (1 - beta1) * grad if self.attrs["use_nesterov"] else m
        return var - lr_t * numerator / (jnp.sqrt(v) + epsilon), m, v


class FusedSparseLazyAdam(_FusedSparseAdam):
    """Lazy Adam: only the rows `indices` names (duplicates summed) change:
    m = β1·m + (1 − β1)·g; v = β2·v + (1 − β2)·g²;
    var -= lr·√(1 − β2^t)/(1 − β1^t)·m/(√v + ε) (Nesterov: β1·m + (1 − β1)·g for m).
    Returns (var, m, v)."""

    def _compute_rows(self, var, m, v, beta1_power, beta2_power, lr, beta1, beta2, epsilon, grad):
        return FusedSparseAdam._compute_rows(self, var, m, v, beta1_power, beta2_power, lr, beta1, beta2, epsilon,
                                             grad)
