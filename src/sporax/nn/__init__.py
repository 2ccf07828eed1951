"""Neural-network building blocks (`mindspore.nn`)."""
from . import dynamic_lr, learning_rate_schedule, metrics
from .cell import Cell
from .dynamic_lr import (cosine_decay_lr, exponential_decay_lr, inverse_decay_lr, natural_exp_decay_lr,
                         piecewise_constant_lr, polynomial_decay_lr, warmup_lr)
from .layer import *  # noqa: F401,F403
from .layer import __all__ as _layers
from .learning_rate_schedule import (CosineDecayLR, ExponentialDecayLR, InverseDecayLR, LearningRateSchedule,
                                     NaturalExpDecayLR, PolynomialDecayLR, WarmUpLR)
from .loss import *  # noqa: F401,F403
from .loss import __all__ as _losses
from .metrics import Accuracy, Loss, Metric
from .optim import *  # noqa: F401,F403
from .optim import __all__ as _optimizers
from .wrap import *  # noqa: F401,F403
from .wrap import __all__ as _wrappers

__all__ = (["Cell", "LearningRateSchedule", "ExponentialDecayLR", "CosineDecayLR", "WarmUpLR", "PolynomialDecayLR",
            "piecewise_constant_lr", "exponential_decay_lr", "cosine_decay_lr", "warmup_lr", "polynomial_decay_lr",
            "NaturalExpDecayLR", "InverseDecayLR", "natural_exp_decay_lr", "inverse_decay_lr",
            "Accuracy", "Loss", "Metric", "metrics", "dynamic_lr", "learning_rate_schedule"]
           + list(_layers) + list(_losses) + list(_optimizers) + list(_wrappers))
