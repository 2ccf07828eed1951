"""MindSpore's `mindspore.dataset.core` package: the config module lives here."""
from . import config
