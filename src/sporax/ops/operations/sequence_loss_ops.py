"""Sequence losses and decoding (issue 10, prim3): CTCLoss (TensorFlow's form: logits and
sparse labels), CTCLossV2 (PyTorch's form: log-probabilities and padded targets),
CTCGreedyDecoder and RNNTLoss.

CTC sums over every alignment path π of the label sequence l with blanks inserted,
l' = (b, l₁, b, l₂, …, b): p(l|x) = Σ_π Π_t y_t(π_t), computed by the forward variable
α_t(u) = y_t(l'_u)·(α_{t−1}(u) + α_{t−1}(u−1) + [l'_u ≠ b ∧ l'_u ≠ l'_{u−2}]·α_{t−1}(u−2)),
in log space. The loss is −log p(l|x) = −logΣ(α_{T−1}(|l'|−1), α_{T−1}(|l'|−2)).
RNN-T (Graves 2012) runs α over the (t, u) lattice: α(t, u) = logΣ(α(t−1, u) + blank(t−1, u),
α(t, u−1) + y(t, u−1)), loss −(α(T−1, U−1) + blank(T−1, U−1)).

The gradients these primitives return are d loss / d input, from JAX's autodiff of the
same forward computation.
"""
from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from ..._runtime import call_replay
from ...common import dtype as mstype
from ...common.tensor import Tensor
from ...errors import ValueShapedOpInGraphError
from ..primitive import Primitive, _wrap, prim_attr_register
from . import _arg_checks as check

__all__ = ["CTCLoss", "CTCLossV2", "CTCGreedyDecoder", "RNNTLoss"]


def _bool(op, arg, value):
    if not isinstance(value, bool):
        raise TypeError(f"For '{op}', the '{arg}' must be a bool, but got {type(value).__name__}.")
    return value


def _float_tensor(op, arg, value, allowed=(mstype.float16, mstype.float32, mstype.float64)):
    check.tensor(op, arg, value)
    if value.dtype not in allowed:
        names = ", ".join(str(d).lower() for d in allowed)
        raise TypeError(f"For '{op}', the '{arg}' must be a Tensor of {names}, but got {value.dtype}.")
    return value


def _int_tensor(op, arg, value, allowed=(mstype.int32, mstype.int64)):
    check.tensor(op, arg, value)
    if value.dtype not in allowed:
        names = " or ".join(str(d).lower() for d in allowed)
        raise TypeError(f"For '{op}', the '{arg}' must be a Tensor of {names}, but got {value.dtype}.")
    return value


def _concrete(op, value):
    array = value._value()
    if call_replay.traced(array):
        raise ValueShapedOpInGraphError(f"For '{op}', the output shape depends on the input values, which a compiled "
                                        "graph (GRAPH_MODE or sporax.jit) does not know; run it in PYNATIVE_MODE.")
    return np.asarray(array)


def _logaddexp(a, b):
    """log(eᵃ + eᵇ) whose gradient stays finite (zero) where both are −inf (jnp.logaddexp's is NaN)."""
    m = jnp.maximum(a, b)
    unreachable = jnp.isneginf(m)
    shift = jnp.where(unreachable, 0, m)
    total = jnp.exp(a - shift) + jnp.exp(b - shift)
    return jnp.where(unreachable, -jnp.inf, shift + jnp.log(jnp.where(unreachable, 1, total)))


def ctc_alpha(log_probs, ext, ext_lengths, input_lengths, blank, merge_repeated=True):
    """Log forward variables of CTC: log_probs (T, N, C); ext (N, L') the blank-extended labels;
    ext_lengths (N,) the used part of each row. Returns (alphas (T, N, L'), log p(l|x) (N,)).
    Steps t ≥ input_length keep α unchanged; with merge_repeated=False a label position
    cannot repeat itself (only blanks loop)."""
    t_max, n, _ = log_probs.shape
    width = ext.shape[1]
    neg_inf = jnp.asarray(-jnp.inf, log_probs.dtype)
    emit = jnp.take_along_axis(jnp.transpose(log_probs, (1, 0, 2)),
                               jnp.broadcast_to(ext[:, None, :], (n, t_max, width)), axis=2)  # N, T, L'
    is_blank = ext == blank
    skip_ok = jnp.concatenate([jnp.zeros((n, 2), bool), (~is_blank[:, 2:]) & (ext[:, 2:] != ext[:, :-2])], axis=1)
    stay_ok = jnp.ones_like(is_blank) if merge_repeated else is_blank
    if not merge_repeated:  # unmerged repeats are distinct emissions: the skip over a blank is allowed too
        skip_ok = jnp.concatenate([jnp.zeros((n, 2), bool), ~is_blank[:, 2:]], axis=1)
    positions = jnp.arange(width)
    valid = positions[None, :] < ext_lengths[:, None]
    init = jnp.where((positions[None, :] < 2) & valid, emit[:, 0], neg_inf)
    init = jnp.where((input_lengths > 0)[:, None], init, neg_inf)

    def step(alpha, t):
        stay = jnp.where(stay_ok, alpha, neg_inf)
        a1 = jnp.concatenate([jnp.full((n, 1), neg_inf), alpha[:, :-1]], axis=1)
        a2 = jnp.where(skip_ok, jnp.concatenate([jnp.full((n, 2), neg_inf), alpha[:, :-2]], axis=1), neg_inf)
        new = jnp.where(valid, _logaddexp(_logaddexp(stay, a1), a2) + emit[:, t], neg_inf)
        new = jnp.where((t < input_lengths)[:, None], new, alpha)
        return new, new

    last, rest = jax.lax.scan(step, init, jnp.arange(1, t_max))
    alphas = jnp.concatenate([init[None], rest], axis=0)
    end = ext_lengths.astype(jnp.int32) - 1
    final = _logaddexp(jnp.take_along_axis(last, jnp.maximum(end, 0)[:, None], axis=1)[:, 0],
                          jnp.where(end > 0, jnp.take_along_axis(last, jnp.maximum(end - 1, 0)[:, None],
                                                                 axis=1)[:, 0], neg_inf))
    return alphas, final


def _extend(labels, blank):
    """(N, S) labels -> (N, 2S + 1) with blanks between and around."""
    n, s = labels.shape
    return jnp.full((n, 2 * s + 1), blank, jnp.int32).at[:, 1::2].set(labels.astype(jnp.int32))


class CTCLoss(Primitive):
    """TensorFlow's CTC loss of logits `x` (max_time, batch, num_classes), blank = num_classes − 1,
    with the labels as a sparse tensor (`labels_indices` (N, 2) Int64 of (batch, position),
    `labels_values` (N,) Int32). Returns (loss (batch,), gradient d loss/d x). The logits are
    softmax-normalised over the classes first. `preprocess_collapse_repeated` merges repeated
    labels before the loss; `ctc_merge_repeated=False` counts repeated path labels as distinct
    emissions; `ignore_longer_outputs_than_inputs` gives loss 0 (and gradient 0) to a sample whose
    label is longer than its sequence, which is otherwise refused."""

    @prim_attr_register
    def __init__(self, preprocess_collapse_repeated=False, ctc_merge_repeated=True,
                 ignore_longer_outputs_than_inputs=False):
        for arg in ("preprocess_collapse_repeated", "ctc_merge_repeated", "ignore_longer_outputs_than_inputs"):
            _bool("CTCLoss", arg, self.attrs[arg])

    def __call__(self, x, labels_indices, labels_values, sequence_length):
        _float_tensor(self.name, "x", x)
        _int_tensor(self.name, "labels_indices", labels_indices, (mstype.int64,))
        _int_tensor(self.name, "labels_values", labels_values, (mstype.int32,))
        _int_tensor(self.name, "sequence_length", sequence_length, (mstype.int32,))
        if x.ndim != 3:
            raise ValueError(f"For '{self.name}', the 'x' must be 3-D (max_time, batch, num_classes), but got "
                             f"shape {x.shape}.")
        if labels_indices.ndim != 2 or labels_indices.shape[1] != 2:
            raise ValueError(f"For '{self.name}', the 'labels_indices' must have shape (N, 2), but got "
                             f"{labels_indices.shape}.")
        if labels_values.shape != (labels_indices.shape[0],):
            raise ValueError(f"For '{self.name}', the 'labels_values' must have shape ({labels_indices.shape[0]},), "
                             f"but got {labels_values.shape}.")
        if sequence_length.shape != (x.shape[1],):
            raise ValueError(f"For '{self.name}', the 'sequence_length' must have shape ({x.shape[1]},), but got "
                             f"{sequence_length.shape}.")
        t_max, batch, classes = x.shape
        indices = _concrete(self.name, labels_indices)
        values = _concrete(self.name, labels_values)
        lengths = _concrete(self.name, sequence_length)
        if np.any(lengths > t_max) or np.any(lengths < 0):
            raise ValueError(f"For '{self.name}', each 'sequence_length' must be in [0, {t_max}], but got "
                             f"{lengths.tolist()}.")
        if values.size and (values.min() < 0 or values.max() >= classes - 1):
            raise ValueError(f"For '{self.name}', the 'labels_values' must be in [0, {classes - 1}) (the blank is "
                             f"{classes - 1}), but got {values.tolist()}.")
        rows = [[] for _ in range(batch)]
        for (b, _), v in sorted(zip(map(tuple, indices.tolist()), values.tolist()), key=lambda pair: pair[0]):
            if not 0 <= b < batch:
                raise ValueError(f"For '{self.name}', the batch index {b} in 'labels_indices' is outside "
                                 f"[0, {batch}).")
            rows[b].append(v)
        if self.attrs["preprocess_collapse_repeated"]:
            rows = [[v for i, v in enumerate(r) if i == 0 or v != r[i - 1]] for r in rows]
        skip = np.zeros(batch, bool)
        for b, r in enumerate(rows):
            needed = len(r) + (sum(1 for i in range(1, len(r)) if r[i] == r[i - 1])
                               if self.attrs["ctc_merge_repeated"] else 0)
            if needed > lengths[b]:
                if not self.attrs["ignore_longer_outputs_than_inputs"]:
                    raise ValueError(f"For '{self.name}', the label of sample {b} needs {needed} steps but its "
                                     f"'sequence_length' is {lengths[b]}; set ignore_longer_outputs_than_inputs=True "
                                     "to give it loss 0.")
                skip[b] = True
        width = max([len(r) for r in rows] + [0])
        labels = np.zeros((batch, width), np.int32)
        for b, r in enumerate(rows):
            labels[b, :len(r)] = r
        label_lengths = np.asarray([len(r) for r in rows], np.int32)
        return _wrap(self._dispatch((x._value(), jnp.asarray(labels), jnp.asarray(label_lengths),
                                     sequence_length._value(), jnp.asarray(skip))))

    def _compute(self, x, labels, label_lengths, lengths, skip):
        blank = x.shape[2] - 1
        merge = self.attrs["ctc_merge_repeated"]

        def loss_of(logits):
            log_probs = jax.nn.log_softmax(logits.astype(jnp.float64 if logits.dtype == jnp.float64
                                                         else jnp.float32), axis=2)
            _, log_p = ctc_alpha(log_probs, _extend(labels, blank), 2 * label_lengths + 1, lengths, blank, merge)
            return jnp.where(skip, 0.0, -log_p)

        loss, vjp = jax.vjp(loss_of, x)
        (gradient,) = vjp(jnp.ones_like(loss))
        return loss.astype(x.dtype), gradient.astype(x.dtype)


class CTCLossV2(Primitive):
    """PyTorch's CTC loss: log_probs (T, N, C), targets (N, S) padded, input_lengths (N,),
    target_lengths (N,). Returns (neg_log_likelihood (N,), log_alpha (N, T, 2S + 1)):
    the per-sample −log p(l|x)  and the forward variables
    (−inf where unreachable). `zero_infinity` turns infinite losses into 0."""

    @prim_attr_register
    def __init__(self, blank=0, reduction="none", zero_infinity=False):
        check.int_value("CTCLossV2", "blank", blank, minimum=0)
        if reduction != "none":  # MindSpore 2.10's primitive takes only 'none' (ops.ctc_loss reduces)
            raise ValueError(f"For 'CTCLossV2', the 'reduction' must be str and must be in '['none']', but got "
                             f"{reduction!r}.")
        _bool("CTCLossV2", "zero_infinity", zero_infinity)

    def __call__(self, log_probs, targets, input_lengths, target_lengths):
        _float_tensor(self.name, "log_probs", log_probs, (mstype.float32, mstype.float64))
        for arg, value in (("targets", targets), ("input_lengths", input_lengths),
                           ("target_lengths", target_lengths)):
            _int_tensor(self.name, arg, value)
        if log_probs.ndim != 3 or targets.ndim != 2 or targets.shape[0] != log_probs.shape[1]:
            raise ValueError(f"For '{self.name}', the 'log_probs' must be (T, N, C) and 'targets' (N, S), but got "
                             f"{log_probs.shape} and {targets.shape}.")
        if self.attrs["blank"] >= log_probs.shape[2]:
            raise ValueError(f"For '{self.name}', the 'blank' must be in [0, {log_probs.shape[2]}), but got "
                             f"{self.attrs['blank']}.")
        return super().__call__(log_probs, targets, input_lengths, target_lengths)

    def _compute(self, log_probs, targets, input_lengths, target_lengths):
        blank = self.attrs["blank"]
        alphas, log_p = ctc_alpha(log_probs, _extend(targets, blank), 2 * target_lengths.astype(jnp.int32) + 1,
                                  input_lengths, blank)
        loss = -log_p
        if self.attrs["zero_infinity"]:
            loss = jnp.where(jnp.isinf(loss), 0, loss)
        # α after a sample's last step is not defined by the recursion: MindSpore leaves −inf there.
        steps = jnp.arange(log_probs.shape[0])
        alphas = jnp.where((steps[:, None] < input_lengths[None, :])[..., None], alphas, -jnp.inf)
        return loss, jnp.transpose(alphas, (1, 0, 2))


class CTCGreedyDecoder(Primitive):
    """Best path decoding of inputs (max_time, batch, num_classes): at each step t <
    sequence_length the most likely class; repeats merged (`merge_repeated`), then blanks
    (num_classes − 1) removed. Returns the decoded labels as a sparse tensor (indices (N, 2)
    Int64, values (N,) Int64, dense shape (batch, longest) Int64) and log_probability
    (batch, 1) = −Σ_t max_c inputs[t, b, c]."""

    _jit = False

    @prim_attr_register
    def __init__(self, merge_repeated=True):
        _bool("CTCGreedyDecoder", "merge_repeated", merge_repeated)

    def __call__(self, inputs, sequence_length):
        _float_tensor(self.name, "inputs", inputs, (mstype.float32, mstype.float64))
        _int_tensor(self.name, "sequence_length", sequence_length, (mstype.int32,))
        if inputs.ndim != 3:
            raise ValueError(f"For '{self.name}', the 'inputs' must be 3-D (max_time, batch, num_classes), but "
                             f"got shape {inputs.shape}.")
        if sequence_length.shape != (inputs.shape[1],):
            raise ValueError(f"For '{self.name}', the 'sequence_length' must have shape ({inputs.shape[1]},), but "
                             f"got {sequence_length.shape}.")
        _concrete(self.name, inputs)
        lengths = _concrete(self.name, sequence_length)
        if np.any(lengths > inputs.shape[0]) or np.any(lengths < 0):
            raise ValueError(f"For '{self.name}', each 'sequence_length' must be in [0, {inputs.shape[0]}], but "
                             f"got {lengths.tolist()}.")
        return super().__call__(inputs, sequence_length)

    def _compute(self, inputs, sequence_length):
        t_max, batch, classes = inputs.shape
        live = jnp.arange(t_max)[:, None] < sequence_length[None, :]
        best = jnp.argmax(inputs, axis=2)
        log_probability = -jnp.sum(jnp.where(live, jnp.max(inputs, axis=2), 0), axis=0)[:, None]
        best_np, live_np = np.asarray(best), np.asarray(live)
        indices, values, longest = [], [], 0
        for b in range(batch):
            previous, count = -1, 0
            for t in range(t_max):
                if not live_np[t, b]:
                    break
                c = int(best_np[t, b])
                if c != classes - 1 and not (self.attrs["merge_repeated"] and c == previous):
                    indices.append((b, count))
                    values.append(c)
                    count += 1
                previous = c
            longest = max(longest, count)
        return (jnp.asarray(np.asarray(indices, np.int64).reshape(-1, 2)), jnp.asarray(np.asarray(values, np.int64)),
                jnp.asarray(np.asarray([batch, longest], np.int64)), log_probability.astype(inputs.dtype))


class RNNTLoss(Primitive):
    """RNN-Transducer loss of acts (B, T, U, V) logits (log-softmax over V inside), labels
    (B, U − 1) Int32, input_lengths (B,), label_lengths (B,) Int32. Returns (costs (B,),
    grads d cost/d acts (B, T, U, V)); `blank_label` is the blank's class."""

    @prim_attr_register
    def __init__(self, blank_label=0):
        check.int_value("RNNTLoss", "blank_label", blank_label, minimum=0)

    def __call__(self, acts, labels, input_lengths, label_lengths):
        _float_tensor(self.name, "acts", acts, (mstype.float16, mstype.float32))
        for arg, value in (("labels", labels), ("input_lengths", input_lengths), ("label_lengths", label_lengths)):
            _int_tensor(self.name, arg, value, (mstype.int32,))
        if acts.ndim != 4:
            raise ValueError(f"For '{self.name}', the 'acts' must be 4-D (B, T, U, V), but got shape {acts.shape}.")
        b, _, u, v = acts.shape
        if labels.shape != (b, u - 1):
            raise ValueError(f"For '{self.name}', the 'labels' must have shape {(b, u - 1)}, but got {labels.shape}.")
        for arg, value in (("input_lengths", input_lengths), ("label_lengths", label_lengths)):
            if value.shape != (b,):
                raise ValueError(f"For '{self.name}', the '{arg}' must have shape ({b},), but got {value.shape}.")
        if self.attrs["blank_label"] >= v:
            raise ValueError(f"For '{self.name}', the 'blank_label' must be in [0, {v}), but got "
                             f"{self.attrs['blank_label']}.")
        return super().__call__(acts, labels, input_lengths, label_lengths)

    def _compute(self, acts, labels, input_lengths, label_lengths):
        blank = self.attrs["blank_label"]

        def costs_of(logits):
            lp = jax.nn.log_softmax(logits.astype(jnp.float32), axis=3)  # B, T, U, V
            _, t_max, u_max, _ = lp.shape
            blank_lp = lp[..., blank]                                      # B, T, U
            label_lp = jnp.take_along_axis(lp[:, :, :-1, :], labels[:, None, :, None].astype(jnp.int32),
                                           axis=3)[..., 0]                 # B, T, U-1
            neg_inf = jnp.asarray(-jnp.inf, jnp.float32)

            def row(prev, t):  # α(t, ·) from α(t − 1, ·)
                from_time = jnp.where(t > 0, prev + blank_lp[:, jnp.maximum(t - 1, 0)], neg_inf)
                from_time = jnp.where(t == 0, jnp.full_like(prev, neg_inf).at[:, 0].set(0.0), from_time)

                def col(carry, u):
                    left = jnp.where(u > 0, carry + label_lp[:, t, jnp.maximum(u - 1, 0)], neg_inf)
                    value = jnp.where((t == 0) & (u == 0), 0.0, _logaddexp(from_time[:, u], left))
                    return value, value

                _, values = jax.lax.scan(col, jnp.full((lp.shape[0],), neg_inf), jnp.arange(u_max))
                return values.T, values.T

            _, alphas = jax.lax.scan(row, jnp.full((lp.shape[0], u_max), neg_inf), jnp.arange(t_max))
            alphas = jnp.transpose(alphas, (1, 0, 2))                      # B, T, U
            rows = jnp.arange(lp.shape[0])
            t_end, u_end = input_lengths - 1, label_lengths
            return -(alphas[rows, t_end, u_end] + blank_lp[rows, t_end, u_end])

        costs, vjp = jax.vjp(costs_of, acts)
        (grads,) = vjp(jnp.ones_like(costs))
        return costs.astype(acts.dtype), grads.astype(acts.dtype)
