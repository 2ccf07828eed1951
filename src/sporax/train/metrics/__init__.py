"""Metrics (`mindspore.train.metrics`): the metrics of `sporax.nn.metrics` (one implementation,
at both of MindSpore's paths)."""
from ...nn.metrics import *  # noqa: F401,F403
from ...nn.metrics import __all__  # noqa: F401
