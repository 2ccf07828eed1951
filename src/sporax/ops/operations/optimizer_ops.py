"""Optimizer primitives (`side_effect_mem`): each updates its Parameters in place with
MindSpore's kernel formula, and returns the updated variable (Adam: var, m, v)."""
from __future__ import annotations

import jax.numpy as jnp

from ...common import dtype as mstype
from ...common.tensor import Tensor
from .._constants import number
from .._promotion import cast
from ..primitive import Primitive, _wrap
from .effect_ops import _check_variable, _MemoryEffect


def _array(op, name, value, like):
    if isinstance(value, Tensor):
        return cast(value._value(), like.dtype)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"For '{op}', the '{name}' must be a Tensor or a number, but got {type(value).__name__}.")
    return number(value, like.dtype)


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
            _check_variable(self.name, p, name)
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
        _check_variable(self.name, var, "var")
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
        for name, p in (("var", var), ("m", m), ("v", v)):
            _check_variable(self.name, p, name)
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
        for name, p in (("var", var), ("m", m), ("v", v)):
            _check_variable(self.name, p, name)
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
        for name, p in (("parameters", parameters), ("accum", accum), ("stat", stat)):
            _check_variable(self.name, p, name)
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
        for name, p in (("var", var), ("m", m), ("v", v)):
            _check_variable(self.name, p, name)
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
        for name, p in (("var", var), ("accum", accum), ("linear", linear)):
            _check_variable(self.name, p, name)
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


# --- optimizers of issue 11 (amp helper) -------------------------------------------------------
class ApplyAdagrad(_MemoryEffect):
    """accum += grad²; var -= lr·grad/√accum. Returns (var, accum).

    `update_slots` is kept as an attribute, but MindSpore 2.10's kernel updates `accum` whatever
    its value (observed on CPU: `update_slots=False` gives the same var and accum), and so does
    this one, so ported training follows MindSpore's numbers."""

    def __init__(self, update_slots=True):
        super().__init__()
        if not isinstance(update_slots, bool):
            raise TypeError(f"For 'ApplyAdagrad', the 'update_slots' must be a bool, but got {update_slots!r}.")
        self.add_prim_attr("update_slots", update_slots)

    def __call__(self, var, accum, lr, grad):
        for name, p in (("var", var), ("accum", accum)):
            _check_variable(self.name, p, name)
        value = var._value()
        gradient = _array(self.name, "grad", grad, value)
        _same_shape(self.name, "grad", gradient, var)
        new_var, new_accum = self._dispatch((value, accum._value(), _array(self.name, "lr", lr, value), gradient))
        accum._write(new_accum)
        return self._update(var, new_var), _wrap(new_accum)

    def _compute(self, var, accum, lr, grad):
        accum = accum + grad * grad
        return var - lr * grad / jnp.sqrt(accum), accum


# --- optimizers of issue 11 (train3 helper) -----------------------------------------------------
class _StateUpdate(_MemoryEffect):
    """A kernel that updates Parameters in place: `_states` names them (the variable first),
    `_inputs` the other arguments (numbers or Tensors, taken in the variable's dtype; those in
    `_shaped` must have the variable's shape). Returns the updated states, the variable first."""

    _states = ("var",)
    _inputs = ()
    _shaped = ("grad",)
    _scalar_states = ()

    def __call__(self, *args):
        n = len(self._states)
        if len(args) != n + len(self._inputs):
            raise TypeError(f"For '{self.name}', expected {n + len(self._inputs)} inputs "
                            f"({', '.join(self._states + self._inputs)}), but got {len(args)}.")
        states, inputs = args[:n], args[n:]
        for name, p in zip(self._states, states):
            _check_variable(self.name, p, name)
        value = states[0]._value()
        for name, p in zip(self._states[1:], states[1:]):
            if name not in self._scalar_states:
                _same_shape(self.name, name, p._value(), states[0])
        arrays = []
        for name, x in zip(self._inputs, inputs):
            array = _array(self.name, name, x, value)
            if name in self._shaped:
                _same_shape(self.name, name, array, states[0])
            arrays.append(array)
        outs = self._dispatch((*(p._value() for p in states), *arrays))
        for p, new in zip(states[1:], outs[1:]):
            p._write(new)
        return (self._update(states[0], outs[0]),) + tuple(_wrap(new) for new in outs[1:])


def _use_locking(primitive, use_locking):
    if not isinstance(use_locking, bool):
        raise TypeError(f"For '{primitive.name}', the 'use_locking' must be a bool, but got {use_locking!r}.")
    primitive.add_prim_attr("use_locking", use_locking)


class _RMSPropUpdate(_StateUpdate):
    """MindSpore 2.10's RMSProp kernels return the variable only (one Tensor)."""

    def __call__(self, *args):
        return super().__call__(*args)[0]


class ApplyRMSProp(_RMSPropUpdate):
    """ms = decay·ms + (1 − decay)·g²; mom = momentum·mom + lr·g/√(ms + ε); var -= mom."""

    _states = ("var", "mean_square", "moment")
    _inputs = ("learning_rate", "grad", "decay", "momentum", "epsilon")

    def __init__(self, use_locking=False):
        super().__init__()
        _use_locking(self, use_locking)

    def _compute(self, var, ms, mom, lr, grad, decay, momentum, epsilon):
        ms = decay * ms + (1 - decay) * grad * grad
        mom = momentum * mom + lr * grad / jnp.sqrt(ms + epsilon)
        return var - mom, ms, mom


class ApplyCenteredRMSProp(_RMSPropUpdate):
    """mg = decay·mg + (1 − decay)·g; ms = decay·ms + (1 − decay)·g²;
    mom = momentum·mom + lr·g/√(ms − mg² + ε); var -= mom."""

    _states = ("var", "mean_gradient", "mean_square", "moment")
    _inputs = ("grad", "learning_rate", "decay", "momentum", "epsilon")

    def __init__(self, use_locking=False):
        super().__init__()
        _use_locking(self, use_locking)

    def _compute(self, var, mg, ms, mom, grad, lr, decay, momentum, epsilon):
        mg = decay * mg + (1 - decay) * grad
        ms = decay * ms + (1 - decay) * grad * grad
        mom = momentum * mom + lr * grad / jnp.sqrt(ms - mg * mg + epsilon)
        return var - mom, mg, ms, mom


class ApplyProximalAdagrad(_StateUpdate):
    """accum += g²; η = lr/√accum; prox = var − η·g;
    var = sign(prox)/(1 + η·l2) · max(|prox| − η·l1, 0).

    η (the per-element rate) scales l1 and l2 too: that is what MindSpore 2.10's kernel computes
    (observed; its documentation writes lr there)."""

    _states = ("var", "accum")
    _inputs = ("lr", "l1", "l2", "grad")

    def __init__(self, use_locking=False):
        super().__init__()
        _use_locking(self, use_locking)

    def _compute(self, var, accum, lr, l1, l2, grad):
        accum = accum + grad * grad
        rate = lr / jnp.sqrt(accum)
        prox = var - rate * grad
        return jnp.sign(prox) / (1 + rate * l2) * jnp.maximum(jnp.abs(prox) - rate * l1, 0), accum


class ApplyAdaMax(_StateUpdate):
    """m = β1·m + (1 − β1)·g; v = max(β2·v, |g|); var -= lr/(1 − β1^t) · m/(v + ε)
    (β1^t given as beta1_power)."""

    _states = ("var", "m", "v")
    _inputs = ("beta1_power", "lr", "beta1", "beta2", "epsilon", "grad")

    def _compute(self, var, m, v, beta1_power, lr, beta1, beta2, epsilon, grad):
        m = beta1 * m + (1 - beta1) * grad
        v = jnp.maximum(beta2 * v, jnp.abs(grad))
        return var - lr / (1 - beta1_power) * m / (v + epsilon), m, v


class ApplyAdadelta(_StateUpdate):
    """accum = ρ·accum + (1 − ρ)·g²; u = √(accum_update + ε)/√(accum + ε) · g;
    accum_update = ρ·accum_update + (1 − ρ)·u²; var -= lr·u."""

    _states = ("var", "accum", "accum_update")
    _inputs = ("lr", "rho", "epsilon", "grad")

    def __init__(self):  # MindSpore 2.10's takes no arguments (no use_locking)
        super().__init__()

    def _compute(self, var, accum, accum_update, lr, rho, epsilon, grad):
        accum = rho * accum + (1 - rho) * grad * grad
        update = jnp.sqrt(accum_update + epsilon) / jnp.sqrt(accum + epsilon) * grad
        accum_update = rho * accum_update + (1 - rho) * update * update
        return var - lr * update, accum, accum_update


class ApplyAdagradV2(_StateUpdate):
    """accum += g² (only with `update_slots`, as MindSpore 2.10 documents and its CPU kernel does);
    var -= lr·g/(√accum + ε)."""

    _states = ("var", "accum")
    _inputs = ("lr", "grad")

    def __init__(self, epsilon, update_slots=True):  # MindSpore 2.10's signature (no use_locking)
        super().__init__()
        if isinstance(epsilon, bool) or not isinstance(epsilon, float):
            raise TypeError(f"For 'ApplyAdagradV2', the 'epsilon' must be a float, but got {epsilon!r}.")
        if not isinstance(update_slots, bool):
            raise TypeError(f"For 'ApplyAdagradV2', the 'update_slots' must be a bool, but got {update_slots!r}.")
        self.add_prim_attr("epsilon", epsilon)
        self.add_prim_attr("update_slots", update_slots)

    def _compute(self, var, accum, lr, grad):
        if self.attrs["update_slots"]:
            accum = accum + grad * grad
        return var - lr * grad / (jnp.sqrt(accum) + self.attrs["epsilon"]), accum


class ApplyAdamWithAmsgradV2(_StateUpdate):
    """m, v as Adam; vhat = max(vhat, v); var -= lr·√(1 − β2^t)/(1 − β1^t) · m/(√vhat + ε)."""

    _states = ("var", "m", "v", "vhat")
    _inputs = ("beta1_power", "beta2_power", "lr", "beta1", "beta2", "epsilon", "grad")

    def __init__(self, use_locking=False):
        super().__init__()
        _use_locking(self, use_locking)

    def _compute(self, var, m, v, vhat, beta1_power, beta2_power, lr, beta1, beta2, epsilon, grad):
        m = beta1 * m + (1 - beta1) * grad
        v = beta2 * v + (1 - beta2) * grad * grad
        vhat = jnp.maximum(vhat, v)
        lr_t = lr * jnp.sqrt(1 - beta2_power) / (1 - beta1_power)
        return var - lr_t * m / (jnp.sqrt(vhat) + epsilon), m, v, vhat


class AdamNoUpdateParam(_StateUpdate):
    """Adam's moments updated in place, and the parameter's change returned (the caller adds it):
    m = β1·m + (1 − β1)·g; v = β2·v + (1 − β2)·g²; Δ = −lr·√(1 − β2^t)/(1 − β1^t) · m/(√v + ε)."""

    _states = ("m", "v")
    _inputs = ("beta1_power", "beta2_power", "lr", "beta1", "beta2", "epsilon", "grad")

    def __init__(self, use_locking=False, use_nesterov=False):
        super().__init__()
        _use_locking(self, use_locking)
        if not isinstance(use_nesterov, bool):
            raise TypeError(f"For 'AdamNoUpdateParam', the 'use_nesterov' must be a bool, but got {use_nesterov!r}.")
        self.add_prim_attr("use_nesterov", use_nesterov)

    def __call__(self, m, v, beta1_power, beta2_power, lr, beta1, beta2, epsilon, grad):
        for name, p in (("m", m), ("v", v)):
            _check_variable(self.name, p, name)
        for name, x in (("m", m), ("v", v), ("beta1_power", beta1_power), ("beta2_power", beta2_power), ("lr", lr),
                        ("beta1", beta1), ("beta2", beta2), ("epsilon", epsilon), ("grad", grad)):
            if isinstance(x, Tensor) and x.dtype != mstype.float32:  # MindSpore 2.10's kernel is float32 only
                raise TypeError(f"For primitive[{self.name}], the input argument[{name}] must be a type of "
                                f"{{Tensor[Float32]}}, but got Tensor[{x.dtype}].")
        value = m._value()
        _same_shape(self.name, "v", v._value(), m)
        scalars = [_array(self.name, n, s, value) for n, s in (
            ("beta1_power", beta1_power), ("beta2_power", beta2_power), ("lr", lr), ("beta1", beta1),
            ("beta2", beta2), ("epsilon", epsilon))]
        gradient = _array(self.name, "grad", grad, value)
        _same_shape(self.name, "grad", gradient, m)
        delta, new_m, new_v = self._dispatch((value, v._value(), *scalars, gradient))
        m._write(new_m)
        v._write(new_v)
        return _wrap(delta)

    def _compute(self, m, v, beta1_power, beta2_power, lr, beta1, beta2, epsilon, grad):
        m = beta1 * m + (1 - beta1) * grad
        v = beta2 * v + (1 - beta2) * grad * grad
        lr_t = lr * jnp.sqrt(1 - beta2_power) / (1 - beta1_power)
        numerator = beta1 * m + (1 - beta1) * grad if self.attrs["use_nesterov"] else m
        return -lr_t * numerator / (jnp.sqrt(v) + epsilon), m, v


class SquareSumAll(Primitive):
    """(Σx², Σy²): the two sums of squares, each a 0-D Tensor."""

    def __init__(self):
        super().__init__("SquareSumAll")

    def __call__(self, x, y):
        for name, value in (("x", x), ("y", y)):
            if not isinstance(value, Tensor):
                raise TypeError(f"For 'SquareSumAll', the '{name}' must be a Tensor, but got {type(value).__name__}.")
        if tuple(x.shape) != tuple(y.shape) or x.dtype != y.dtype:
            raise ValueError(f"For 'SquareSumAll', 'x' and 'y' must have the same shape and dtype, but got "
                             f"{x.shape}, {x.dtype} and {y.shape}, {y.dtype}.")
        a, b = self._dispatch((x._value(), y._value()))
        return _wrap(a), _wrap(b)

    def _compute(self, x, y):
        return jnp.sum(x * x), jnp.sum(y * y)


class LARSUpdate(Primitive):
    """Layer-wise adaptive rate scaling of a gradient:
    ‖w‖ = √norm_weight, ‖g‖ = √norm_gradient;
    trust = hyperpara·‖w‖/(‖g‖ + weight_decay·‖w‖ + ε) where both norms are > 0, else 1;
    with use_clip, trust = min(trust/learning_rate, 1); returns trust·(g + weight_decay·w).
    (MindSpore 2.10 has no CPU kernel for it; this follows its documented formula.)"""

    def __init__(self, epsilon=1e-05, hyperpara=0.001, use_clip=False):
        super().__init__("LARSUpdate")
        for name, value in (("epsilon", epsilon), ("hyperpara", hyperpara)):
            if isinstance(value, bool) or not isinstance(value, float):
                raise TypeError(f"For 'LARSUpdate', the '{name}' must be a float, but got {value!r}.")
        if not isinstance(use_clip, bool):
            raise TypeError(f"For 'LARSUpdate', the 'use_clip' must be a bool, but got {use_clip!r}.")
        for name, value in (("epsilon", epsilon), ("hyperpara", hyperpara), ("use_clip", use_clip)):
            self.add_prim_attr(name, value)

    def __call__(self, weight, gradient, norm_weight, norm_gradient, weight_decay, learning_rate):
        for name, value in (("weight", weight), ("gradient", gradient)):
            if not isinstance(value, Tensor):
                raise TypeError(f"For 'LARSUpdate', the '{name}' must be a Tensor, but got {type(value).__name__}.")
        w = weight._value()
        g = _array(self.name, "gradient", gradient, w)
        _same_shape(self.name, "gradient", g, weight)
        scalars = [_array(self.name, n, s, w) for n, s in (("norm_weight", norm_weight),
                   ("norm_gradient", norm_gradient), ("weight_decay", weight_decay), ("learning_rate", learning_rate))]
        return _wrap(self._dispatch((w, g, *scalars)))

    def _compute(self, w, g, norm_weight, norm_gradient, weight_decay, lr):
        a = self.attrs
        w_norm, g_norm = jnp.sqrt(norm_weight), jnp.sqrt(norm_gradient)
        positive = (w_norm > 0) & (g_norm > 0)
        trust = jnp.where(positive, a["hyperpara"] * w_norm / (g_norm + weight_decay * w_norm + a["epsilon"]), 1.0)
        if a["use_clip"]:
            trust = jnp.minimum(trust / lr, 1.0)
        return (trust * (g + weight_decay * w)).astype(w.dtype)


class _Rprop(_StateUpdate):
    """One Rprop step (`nn.Rprop`, `experimental.optim.Rprop`; MindSpore composes it of ops):
    on the first step (`step` = 1) the step size starts at lr; s = sign(g·prev) mapped
    +→η+, −→η−, 0→1; size = clip(size·s, min, max); g' = 0 where s = η−, else g;
    w -= sign(g')·size; prev = g'."""

    _states = ("var", "prev", "step_size")
    _inputs = ("lr", "step", "etaminus", "etaplus", "step_size_min", "step_size_max", "grad")

    def __init__(self):
        super().__init__()
        self.name = "Rprop"

    def _compute(self, var, prev, step_size, lr, step, etaminus, etaplus, size_min, size_max, grad):
        step_size = jnp.where(step == 1, jnp.ones_like(step_size) * lr, step_size)
        sign = jnp.sign(grad * prev)
        factor = jnp.where(sign > 0, etaplus, jnp.where(sign < 0, etaminus, jnp.ones_like(sign)))
        step_size = jnp.clip(step_size * factor, size_min, size_max)
        update = jnp.where(factor == etaminus, jnp.zeros_like(grad), grad)
        return var - jnp.sign(update) * step_size, update, step_size


class _ASGD(_StateUpdate):
    """One averaged-SGD step (`nn.ASGD`, `experimental.optim.ASGD`): on the first step η = lr;
    w = w·(1 − λ·η) − η·g; ax += (w − ax)·μ where μ ≠ 1, else ax = w;
    η = lr/(1 + λ·lr·t)^α; μ = 1/max(1, t − t0). η (`eta`) and μ (`mu`) are 0-D states."""

    _states = ("var", "ax", "eta", "mu")
    _scalar_states = ("eta", "mu")
    _inputs = ("lr", "step", "lambd", "alpha", "t0", "grad")

    def __init__(self):
        super().__init__()
        self.name = "ASGD"

    def _compute(self, var, ax, eta, mu, lr, step, lambd, alpha, t0, grad):
        eta = jnp.where(step == 1, lr, eta)
        var = var * (1.0 - lambd * eta) - eta * grad
        ax = jnp.where(mu != 1, ax + (var - ax) * mu, var)
        new_eta = lr / jnp.power(1.0 + lambd * lr * step, alpha)
        new_mu = 1.0 / jnp.maximum(1.0, step - t0)
        return var, ax, new_eta.astype(eta.dtype), new_mu.astype(mu.dtype)


class _NAdam(_StateUpdate):
    """One NAdam step (`experimental.optim.NAdam`): μ_t = β1(1 − ½·0.96^(tψ)),
    μ_{t+1} likewise; Π ← Π·μ_t; m, v as Adam; d = √(v/(1 − β2^t)) + ε;
    w -= lr(1 − μ_t)/(1 − Π)·g/d; w -= lr·μ_{t+1}/(1 − Π·μ_{t+1})·m/d. Π = `mu_product` (0-D)."""

    _states = ("var", "exp_avg", "exp_avg_sq", "mu_product")
    _scalar_states = ("mu_product",)
    _inputs = ("lr", "step", "beta1", "beta2", "momentum_decay", "eps", "grad")

    def __init__(self):
        super().__init__()
        self.name = "NAdam"

    def _compute(self, var, m, v, mu_product, lr, step, beta1, beta2, momentum_decay, eps, grad):
        bias_correction2 = 1 - beta2 ** step
        mu = beta1 * (1.0 - 0.5 * 0.96 ** (step * momentum_decay))
        mu_next = beta1 * (1.0 - 0.5 * 0.96 ** ((step + 1) * momentum_decay))
        mu_product = mu_product * mu
        m = m * beta1 + grad * (1 - beta1)
        v = v * beta2 + grad * grad * (1 - beta2)
        denom = jnp.sqrt(v / bias_correction2) + eps
        var = var - lr * (1.0 - mu) / (1.0 - mu_product) * grad / denom
        var = var - lr * mu_next / (1.0 - mu_product * mu_next) * m / denom
        return var, m, v, mu_product


class _RAdam(_StateUpdate):
    """One RAdam step (`experimental.optim.RAdam`): m, v as Adam; ρ∞ = 2/(1 − β2) − 1,
    ρ_t = ρ∞ − 2tβ2^t/(1 − β2^t); m̂ = m/(1 − β1^t); if ρ_t > 5:
    w -= m̂·lr·√(1 − β2^t)/(√v + ε)·√((ρ_t − 4)(ρ_t − 2)ρ∞/((ρ∞ − 4)(ρ∞ − 2)ρ_t)), else w -= m̂·lr."""

    _states = ("var", "exp_avg", "exp_avg_sq")
    _inputs = ("lr", "step", "beta1", "beta2", "eps", "grad")

    def __init__(self):
        super().__init__()
        self.name = "RAdam"

    def _compute(self, var, m, v, lr, step, beta1, beta2, eps, grad):
        m = m * beta1 + grad * (1 - beta1)
        v = v * beta2 + grad * grad * (1 - beta2)
        bias_correction1 = 1 - beta1 ** step
        bias_correction2 = 1 - beta2 ** step
        rho_inf = 2 / (1 - beta2) - 1
        rho_t = rho_inf - 2 * step * beta2 ** step / bias_correction2
        corrected = m / bias_correction1
        safe_rho = jnp.where(rho_t > 5.0, rho_t, 6.0)
        rect = jnp.sqrt((safe_rho - 4) * (safe_rho - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * safe_rho))
        adaptive = jnp.sqrt(bias_correction2) / (jnp.sqrt(v) + eps)
        var = jnp.where(rho_t > 5.0, var - corrected * lr * adaptive * rect, var - corrected * lr)
        return var, m, v


class _Adamax(_StateUpdate):
    """One Adamax step (`experimental.optim.Adamax`): m = β1·m + (1 − β1)·g;
    u = max(β2·u, |g| + ε); w -= lr/(1 − β1^t) · m/u."""

    _states = ("var", "exp_avg", "exp_inf")
    _inputs = ("lr", "step", "beta1", "beta2", "eps", "grad")

    def __init__(self):
        super().__init__()
        self.name = "Adamax"

    def _compute(self, var, m, u, lr, step, beta1, beta2, eps, grad):
        m = m * beta1 + grad * (1 - beta1)
        u = jnp.maximum(u * beta2, jnp.abs(grad) + eps)
        return var - lr / (1 - beta1 ** step) * m / u, m, u


class _AdamW(_StateUpdate):
    """One AdamW step (`experimental.optim.AdamW`): w' = w(1 − lr·λ); m, v as Adam;
    v̂ = max(v̂, v) with amsgrad; d = √v̂/√(1 − β2^t) + ε; w = w' − lr/(1 − β1^t)·m/d."""

    _states = ("var", "exp_avg", "exp_avg_sq", "max_exp_avg_sq")
    _inputs = ("lr", "step", "beta1", "beta2", "eps", "weight_decay", "grad")

    def __init__(self, amsgrad):
        super().__init__()
        self.name = "AdamW"
        self.add_prim_attr("amsgrad", bool(amsgrad))

    def _compute(self, var, m, v, vmax, lr, step, beta1, beta2, eps, weight_decay, grad):
        decayed = var * (1 - lr * weight_decay)
        m = m * beta1 + grad * (1 - beta1)
        v = v * beta2 + grad * grad * (1 - beta2)
        if self.attrs["amsgrad"]:
            vmax = jnp.maximum(vmax, v)
            second = vmax
        else:
            second = v
        denom = jnp.sqrt(second) / jnp.sqrt(1 - beta2 ** step) + eps
        return decayed - m / denom * (lr / (1 - beta1 ** step)), m, v, vmax


class _RMSprop(_StateUpdate):
    """One RMSprop step, torch's form (`experimental.optim.RMSprop`): s = α·s + (1 − α)·g²;
    centered: ḡ = α·ḡ + (1 − α)·g, d = √(s − ḡ²) + ε, else d = √s + ε;
    momentum > 0: b = momentum·b + g/d, w -= lr·b; else w -= lr·g/d."""

    _states = ("var", "mean_square", "mean_grad", "moment")
    _inputs = ("lr", "alpha", "eps", "momentum", "grad")

    def __init__(self, centered, with_momentum):
        super().__init__()
        self.name = "RMSprop"
        self.add_prim_attr("centered", bool(centered))
        self.add_prim_attr("with_momentum", bool(with_momentum))

    def _compute(self, var, ms, mg, mom, lr, alpha, eps, momentum, grad):
        ms = ms * alpha + grad * grad * (1 - alpha)
        if self.attrs["centered"]:
            mg = mg * alpha + grad * (1 - alpha)
            avg = jnp.sqrt(ms - mg * mg) + eps
        else:
            avg = jnp.sqrt(ms) + eps
        if self.attrs["with_momentum"]:
            mom = mom * momentum + grad / avg
            return var - mom * lr, ms, mg, mom
        return var - lr * grad / avg, ms, mg, mom
