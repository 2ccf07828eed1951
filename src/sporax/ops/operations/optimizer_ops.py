"""Optimizer primitives (`side_effect_mem`): each updates its Parameters in place with
MindSpore's kernel formula, and returns the updated variable (Adam: var, m, v)."""
from __future__ import annotations

import jax.numpy as jnp

from ...common.tensor import Tensor
from ..primitive import _wrap
from .effect_ops import _check_variable, _MemoryEffect


def _array(op, name, value, like):
    if isinstance(value, Tensor):
        return value._value().astype(like.dtype)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"For '{op}', the '{name}' must be a Tensor or a number, but got {type(value).__name__}.")
    return jnp.asarray(value, like.dtype)


def _same_shape(op, name, value, variable):
    if value.shape != variable.shape:
        raise ValueError(f"For '{op}', the shape of '{name}' must be {variable.shape} (the variable's), but got "
                         f"{tuple(value.shape)}.")


class ApplyMomentum(_MemoryEffect):
    """accum = accum·momentum + gradient·gradient_scale; var -= lr·accum
    (Nesterov: var -= lr·(gradient + accum·momentum))."""

    def __init__(self, use_nesterov=False, use_locking=False, gradient_scale=1.0):
        super().__init__()
        for k, v in (("use_nesterov", use_nesterov), ("use_locking", use_locking), ("gradient_scale", gradient_scale)):
            self.add_prim_attr(k, v)

    def __call__(self, variable, accumulation, learning_rate, gradient, momentum):
        for name, p in (("variable", variable), ("accumulation", accumulation)):
            _check_variable(self.name, p)
        var = variable._value()
        grad = _array(self.name, "gradient", gradient, var)
        _same_shape(self.name, "gradient", grad, variable)
        args = (var, accumulation._value(), _array(self.name, "learning_rate", learning_rate, var), grad,
                _array(self.name, "momentum", momentum, var))
        new_var, new_accum = self._dispatch(args)
        accumulation._write(new_accum)
        return self._update(variable, new_var)

    def _compute(self, var, accum, lr, grad, momentum):
        grad = grad * self.attrs["gradient_scale"]
        accum = accum * momentum + grad
        step = grad + accum * momentum if self.attrs["use_nesterov"] else accum
        return var - lr * step, accum


class ApplyGradientDescent(_MemoryEffect):
    """var -= alpha·delta."""

    def __call__(self, var, alpha, delta):
        _check_variable(self.name, var)
        value = var._value()
        delta = _array(self.name, "delta", delta, value)
        _same_shape(self.name, "delta", delta, var)
        return self._update(var, self._dispatch((value, _array(self.name, "alpha", alpha, value), delta)))

    def _compute(self, var, alpha, delta):
        return var - alpha * delta


class Adam(_MemoryEffect):
    """m = β1·m + (1−β1)·g; v = β2·v + (1−β2)·g²; lr_t = lr·√(1−β2^t)/(1−β1^t);
    var -= lr_t·m/(√v + ε) (Nesterov: lr_t·(β1·m + (1−β1)·g)/(√v + ε)). β^t are given as
    beta1_power/beta2_power. Returns (var, m, v)."""

    def __init__(self, use_locking=False, use_nesterov=False):
        super().__init__()
        self.add_prim_attr("use_locking", use_locking)
        self.add_prim_attr("use_nesterov", use_nesterov)

    def __call__(self, var, m, v, beta1_power, beta2_power, lr, beta1, beta2, epsilon, grad):
        for p in (var, m, v):
            _check_variable(self.name, p)
        value = var._value()
        gradient = _array(self.name, "gradient", grad, value)
        _same_shape(self.name, "gradient", gradient, var)
        scalars = [_array(self.name, n, s, value) for n, s in (("beta1_power", beta1_power),
                   ("beta2_power", beta2_power), ("lr", lr), ("beta1", beta1), ("beta2", beta2), ("epsilon", epsilon))]
        new_var, new_m, new_v = self._dispatch((value, m._value(), v._value(), *scalars, gradient))
        m._write(new_m)
        v._write(new_v)
        return self._update(var, new_var), _wrap(new_m), _wrap(new_v)

    def _compute(self, var, m, v, beta1_power, beta2_power, lr, beta1, beta2, epsilon, grad):
        m = beta1 * m + (1 - beta1) * grad
        v = beta2 * v + (1 - beta2) * grad * grad
        lr_t = lr * jnp.sqrt(1 - beta2_power) / (1 - beta1_power)
        numerator = beta1 * m + (1 - beta1) * grad if self.attrs["use_nesterov"] else m
        return var - lr_t * numerator / (jnp.sqrt(v) + epsilon), m, v


class AdamWeightDecay(_MemoryEffect):
    """m = β1·m + (1−β1)·g; v = β2·v + (1−β2)·g²; var -= lr·(m/(√v + ε) + decay·var)
    (no bias correction, as MindSpore's kernel). Returns (var, m, v)."""

    def __init__(self, use_locking=False):
        super().__init__()
        self.add_prim_attr("use_locking", use_locking)

    def __call__(self, var, m, v, lr, beta1, beta2, epsilon, decay, gradient):
        for p in (var, m, v):
            _check_variable(self.name, p)
        value = var._value()
        grad = _array(self.name, "gradient", gradient, value)
        _same_shape(self.name, "gradient", grad, var)
        scalars = [_array(self.name, n, s, value) for n, s in (("lr", lr), ("beta1", beta1), ("beta2", beta2),
                                                               ("epsilon", epsilon), ("decay", decay))]
        new_var, new_m, new_v = self._dispatch((value, m._value(), v._value(), *scalars, grad))
        m._write(new_m)
        v._write(new_v)
        return self._update(var, new_var), _wrap(new_m), _wrap(new_v)

    def _compute(self, var, m, v, lr, beta1, beta2, epsilon, decay, grad):
        m = beta1 * m + (1 - beta1) * grad
        v = beta2 * v + (1 - beta2) * grad * grad
        return var - lr * (m / (jnp.sqrt(v) + epsilon) + decay * var), m, v


class SGD(_MemoryEffect):
    """MindSpore's SGD kernel: g += weight_decay·param; if momentum > 0:
    accum = g on the first step (stat > 0) else momentum·accum + (1 − dampening)·g,
    g = g + momentum·accum (Nesterov) or accum; stat = 0; param -= lr·g."""

    def __init__(self, dampening=0.0, weight_decay=0.0, nesterov=False):
        super().__init__()
        if nesterov and dampening != 0:
            raise ValueError(f"For 'SGD', the 'dampening' must be 0 when 'nesterov' is True, but got {dampening}.")
        for k, val in (("dampening", dampening), ("weight_decay", weight_decay), ("nesterov", nesterov)):
            self.add_prim_attr(k, val)

    def __call__(self, parameters, gradient, learning_rate, accum, momentum, stat):
        for p in (parameters, accum, stat):
            _check_variable(self.name, p)
        value = parameters._value()
        grad = _array(self.name, "gradient", gradient, value)
        _same_shape(self.name, "gradient", grad, parameters)
        new_param, new_accum, new_stat = self._dispatch((
            value, grad, _array(self.name, "learning_rate", learning_rate, value), accum._value(),
            _array(self.name, "momentum", momentum, value), stat._value()))
        accum._write(new_accum)
        stat._write(new_stat)
        return self._update(parameters, new_param)

    def _compute(self, param, grad, lr, accum, momentum, stat):
        a = self.attrs
        grad = grad + a["weight_decay"] * param
        first = stat > 0
        new_accum = jnp.where(first, grad, momentum * accum + (1 - a["dampening"]) * grad)
        new_accum = jnp.where(momentum > 0, new_accum, accum)
        step = jnp.where(momentum > 0, grad + momentum * new_accum if a["nesterov"] else new_accum, grad)
        return param - lr * step, new_accum, jnp.zeros_like(stat)


# --- issue 9 (nn half) ----------------------------------------------------------------------------

class _Lamb(_MemoryEffect):
    """One LAMB step (`nn.Lamb`; MindSpore's own LambApply* primitives are deprecated):
    m = β1·m + (1−β1)·g; v = β2·v + (1−β2)·g²; m̂ = m/(1−β1^t), v̂ = v/(1−β2^t);
    u = m̂/(√v̂ + ε) (+ wd·var with `decay`); ratio = ‖var‖/‖u‖ (1 when either norm is 0);
    var -= lr·ratio·u. `steps` is t. Returns (var, m, v)."""

    def __init__(self, beta1, beta2, epsilon):
        super().__init__()
        self.name = "Lamb"
        for k, value in (("beta1", beta1), ("beta2", beta2), ("epsilon", epsilon)):
            self.add_prim_attr(k, value)

    def __call__(self, var, m, v, lr, steps, weight_decay, decay, gradient):
        for p in (var, m, v):
            _check_variable(self.name, p)
        value = var._value()
        grad = _array(self.name, "gradient", gradient, value)
        _same_shape(self.name, "gradient", grad, var)
        lr = lr._value() if isinstance(lr, Tensor) else lr
        weight_decay = weight_decay._value() if isinstance(weight_decay, Tensor) else weight_decay
        new_var, new_m, new_v = self._dispatch((value, m._value(), v._value(), lr, steps._value(), weight_decay,
                                                bool(decay), grad))
        m._write(new_m)
        v._write(new_v)
        return self._update(var, new_var), _wrap(new_m), _wrap(new_v)

    def _compute(self, var, m, v, lr, steps, weight_decay, decay, grad):
        b1, b2 = jnp.float32(self.attrs["beta1"]), jnp.float32(self.attrs["beta2"])
        new_m = b1 * m + (1 - b1) * grad
        new_v = b2 * v + (1 - b2) * grad * grad
        update = (new_m / (1 - b1 ** steps)) / (jnp.sqrt(new_v / (1 - b2 ** steps)) + self.attrs["epsilon"])
        if decay:
            update = update + weight_decay * var
        w_norm, u_norm = jnp.linalg.norm(var), jnp.linalg.norm(update)
        ratio = jnp.where((w_norm > 0) & (u_norm > 0), w_norm / u_norm, 1.0)
        return (var - lr * ratio * update).astype(var.dtype), new_m, new_v


# --- FTRL (parameter-server helper's block) ---------------------------------------------------
class ApplyFtrl(_MemoryEffect):
    """FTRL-proximal as MindSpore 2.10's kernel computes it: accum' = accum + g²;
    linear += g − (accum'^(−p) − accum^(−p))/lr · var;
    var = (l1 − linear)/(accum'^(−p)/lr + 2·l2) where |linear| > l1, else 0;
    accum = accum'. p is `lr_power` (≤ 0; −0.5 takes square roots). Returns var.

    The l1 term is +l1 whatever the sign of `linear`: that is what MindSpore 2.10 outputs
    (its documentation writes sign(linear)·l1; with l1 = 0 the two agree), and ported
    training reproduces MindSpore's."""

    def __init__(self, use_locking=False):
        super().__init__()
        if not isinstance(use_locking, bool):
            raise TypeError(f"For 'ApplyFtrl', the 'use_locking' must be a bool, but got {use_locking!r}.")
        self.add_prim_attr("use_locking", use_locking)

    def __call__(self, var, accum, linear, grad, lr, l1, l2, lr_power):
        for p in (var, accum, linear):
            _check_variable(self.name, p)
        value = var._value()
        gradient = _array(self.name, "grad", grad, value)
        _same_shape(self.name, "grad", gradient, var)
        for name, p in (("accum", accum), ("linear", linear)):
            _same_shape(self.name, name, p._value(), var)
        scalars = [_array(self.name, n, s, value) for n, s in (("lr", lr), ("l1", l1), ("l2", l2),
                                                               ("lr_power", lr_power))]
        new_var, new_accum, new_linear = self._dispatch((value, accum._value(), linear._value(), gradient, *scalars))
        accum._write(new_accum)
        linear._write(new_linear)
        return self._update(var, new_var)

    def _compute(self, var, accum, linear, grad, lr, l1, l2, lr_power):
        new_accum = accum + grad * grad
        root = lr_power == -0.5
        old_pow = jnp.where(root, jnp.sqrt(accum), jnp.power(accum, -lr_power))
        new_pow = jnp.where(root, jnp.sqrt(new_accum), jnp.power(new_accum, -lr_power))
        linear = linear + grad - (new_pow - old_pow) / lr * var
        shrunk = (l1 - linear) / (new_pow / lr + 2 * l2)
        return jnp.where(jnp.abs(linear) > l1, shrunk, jnp.zeros_like(var)), new_accum, linear
