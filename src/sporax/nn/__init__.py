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

# --- issue 11 (train3): mindspore.nn's metric names (MindSpore's alias of mindspore.train's) ---
from .metrics import (F1, MAE, MSE, ROC, BleuScore, ConfusionMatrix, ConfusionMatrixMetric,  # noqa: E402
                      CosineSimilarity, Dice, Fbeta, HausdorffDistance, MeanSurfaceDistance, OcclusionSensitivity,
                      Perplexity, Precision, Recall, RootMeanSquareDistance, Top1CategoricalAccuracy,
                      Top5CategoricalAccuracy, TopKCategoricalAccuracy, auc, get_metric_fn, get_metrics, names,
                      rearrange_inputs)

__all__ += ["F1", "MAE", "MSE", "ROC", "BleuScore", "ConfusionMatrix", "ConfusionMatrixMetric", "CosineSimilarity",
            "Dice", "Fbeta", "HausdorffDistance", "MeanSurfaceDistance", "OcclusionSensitivity", "Perplexity",
            "Precision", "Recall", "RootMeanSquareDistance", "Top1CategoricalAccuracy", "Top5CategoricalAccuracy",
            "TopKCategoricalAccuracy", "auc", "get_metric_fn", "get_metrics", "names", "rearrange_inputs"]

from .grad import Jvp, Vjp  # noqa: E402

__all__ += ["Jvp", "Vjp"]

# --- issue 11 item 3 (nnrest) ---------------------------------------------------------------------
from . import utils  # noqa: E402
from .utils import no_init_parameters  # noqa: E402

__all__ += ["no_init_parameters"]
