"""Argument checks of the optimizers, with MindSpore 2.10's messages (ported `except` clauses
and logs match): `For 'RMSProp', the type of 'decay' should be 'float', but got type 'int'.`"""
from __future__ import annotations


def of_type(owner, name, value, kind):
    """`value` is a `kind` ('float' or 'bool'); bool is never a float."""
    expected = {"float": float, "bool": bool}[kind]
    if type(value) is bool and kind == "float" or not isinstance(value, expected):
        raise TypeError(f"For '{owner}', the type of '{name}' should be '{kind}', but got type "
                        f"'{type(value).__name__}'.")
    return value


def non_negative_float(owner, name, value):
    of_type(owner, name, value, "float")
    if not value >= 0:
        raise ValueError(f"For '{owner}', the '{name}' must be float and must >= 0, but got '{value}' with type "
                         "'float'.")
    return value


def positive_float(owner, name, value):
    of_type(owner, name, value, "float")
    if not value > 0:
        raise ValueError(f"For '{owner}', the '{name}' must be float and must > 0, but got '{value}' with type "
                         "'float'.")
    return value


def float_in_range(owner, name, value, low, high, closed):
    """low < value < high (closed=False), low <= value <= high (True), low <= value < high ('left')."""
    of_type(owner, name, value, "float")
    if closed == "left":
        inside, interval = low <= value < high, f"[{low}, {high})"
    elif closed:
        inside, interval = low <= value <= high, f"[{low}, {high}]"
    else:
        inside, interval = low < value < high, f"({low}, {high})"
    if not inside:
        raise ValueError(f"For '{owner}', the '{name}' must be in range of {interval}, but got {value} with type "
                         "'float'.")
    return value


def betas(owner, beta1, beta2, eps):
    float_in_range(owner, "beta1", beta1, 0.0, 1.0, closed=False)
    float_in_range(owner, "beta2", beta2, 0.0, 1.0, closed=False)
    positive_float(owner, "eps", eps)
