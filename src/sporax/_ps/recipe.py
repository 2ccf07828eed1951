"""Rebuilding an optimizer over a subset of its Parameters.

A parameter server runs, for the Parameters it holds, the very optimizer the worker built —
same class, same arguments — so each update is the one local training makes, bit for bit.
The worker keeps another such optimizer for the Parameters that stay local. Both come from
the constructor arguments every Optimizer records (`_construction`): the `params` argument
(a list of Parameters, or of group dicts) is rewritten with `swap(param)`, which returns the
Parameter to use or None to leave it out; groups left empty are dropped.
"""
from __future__ import annotations

from ..common.parameter import Parameter


class Recipe:
    """An optimizer's class and constructor arguments with its Parameters replaced by keys."""

    def __init__(self, optimizer, key):
        args, kwargs = optimizer._construction
        self.cls = type(optimizer)
        self.in_kwargs = "params" in kwargs
        params = kwargs["params"] if self.in_kwargs else args[0]
        self.params = _rewrite(params, key)
        self.args = tuple(args[1:]) if not self.in_kwargs else tuple(args)
        self.kwargs = {k: v for k, v in kwargs.items() if k != "params"}

    def build(self, resolve):
        """The optimizer over the Parameters `resolve(key)` gives (None: left out), or None if
        no Parameter is left."""
        params = _rewrite(self.params, resolve, keys=True)
        if not params:
            return None
        if self.in_kwargs:
            return self.cls(*self.args, params=params, **self.kwargs)
        return self.cls(params, *self.args, **self.kwargs)


def _rewrite(params, swap, keys=False):
    is_item = (lambda x: not isinstance(x, (dict, list, tuple))) if keys else (lambda x: isinstance(x, Parameter))

    def items(seq):
        out = [swap(p) for p in seq if is_item(p)]
        return [p for p in out if p is not None]

    params = list(params)
    if not params or not isinstance(params[0], dict):
        return items(params)
    groups = []
    for group in params:
        group = dict(group)
        if "order_params" in group:
            group["order_params"] = items(group["order_params"])
            if keys and not group["order_params"]:
                continue
        else:
            group["params"] = items(group["params"])
            if keys and not group["params"]:
                continue
        groups.append(group)
    if keys and all("order_params" in g for g in groups):
        return []
    return groups
