"""Rebuilding an optimizer over a subset of its Parameters (what servers and workers run)."""
import numpy as np

from sporax import Parameter, Tensor, nn
from sporax._ps.recipe import Recipe


def _params():
    return [Parameter(Tensor(np.full((2,), i, np.float32)), name=n) for i, n in enumerate(("a", "b", "gamma", "d"))]


def test_plain_list_keeps_class_and_arguments():
    params = _params()
    opt = nn.Adam(params, learning_rate=0.05, beta1=0.8, weight_decay=0.1)
    sub = Recipe(opt, key=lambda p: p if p.name in ("b", "gamma") else None).build(lambda p: p)
    assert type(sub) is nn.Adam and [p.name for p in sub.parameters] == ["b", "gamma"]
    assert (sub.beta1, sub.decay_flags) == (0.8, (True, False))
    assert float(sub.learning_rate.asnumpy()) == np.float32(0.05)


def test_groups_drop_what_is_left_out_and_empty_groups():
    a, b, gamma, d = _params()
    groups = [{"params": [a, b], "weight_decay": 0.01, "lr": 0.2}, {"params": [gamma]}, {"params": [d], "lr": 0.3},
              {"order_params": [d, gamma, b, a]}]
    opt = nn.Momentum(groups, learning_rate=0.1, momentum=0.9)
    keep = {"b", "d"}
    recipe = Recipe(opt, key=lambda p: p.name if p.name in keep else None)
    by_name = {p.name: p for p in (a, b, gamma, d)}
    sub = recipe.build(by_name.get)
    assert [p.name for p in sub.parameters] == ["d", "b"]  # order_params kept
    assert sub.decay_flags == (False, True)
    assert [float(sub._lr_value(lr).asnumpy()) for lr in sub._group_lr] == [np.float32(0.3), np.float32(0.2)]


def test_nothing_left_builds_nothing():
    params = _params()
    opt = nn.SGD(params, learning_rate=0.1)
    assert Recipe(opt, key=lambda p: None).build(lambda p: p) is None


def test_keyword_params_and_positional_arguments():
    params = _params()
    opt = nn.Momentum(params=params, learning_rate=0.1, momentum=0.5)
    sub = Recipe(opt, key=lambda p: p.name).build({p.name: p for p in params}.get)
    assert sub.momentum == 0.5 and len(sub.parameters) == 4
