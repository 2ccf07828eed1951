"""Metrics (`mindspore.nn.metrics`, and `mindspore.train.metrics` which re-exports them):
measures of a model on an evaluation dataset, computed on the host from the outputs.

`get_metric_fn(name)` builds one by name (`names()` lists them); `Model` takes a set of
names or a dict name → Metric. They live in the nn layer because `mindspore.nn` exports them
too (MindSpore's deprecated alias), and nn cannot import train.
"""
from .accuracy import Accuracy
from .auc import auc
from .bleu_score import BleuScore
from .confusion_matrix import ConfusionMatrix
from .confusion_matrix_metric import ConfusionMatrixMetric
from .cosine_similarity import CosineSimilarity
from .dice import Dice
from .error import MAE, MSE
from .fbeta import F1, Fbeta
from .loss import Loss
from .metric import Metric
from .occlusion_sensitivity import OcclusionSensitivity
from .perplexity import Perplexity
from .precision import Precision, Recall
from .rearrange import rearrange_inputs
from .registry import get_metric
from .roc import ROC
from .surface_distance import HausdorffDistance, MeanSurfaceDistance, RootMeanSquareDistance
from .topk import Top1CategoricalAccuracy, Top5CategoricalAccuracy, TopKCategoricalAccuracy

__all__ = ["get_metric", "names", "get_metric_fn", "get_metrics", "Accuracy", "Loss", "Metric", "MAE", "MSE",
           "rearrange_inputs", "Precision", "Recall", "Fbeta", "F1", "TopKCategoricalAccuracy", "Top1CategoricalAccuracy",
           "Top5CategoricalAccuracy", "Perplexity", "Dice", "CosineSimilarity", "auc", "ConfusionMatrix", "ROC",
           "BleuScore", "ConfusionMatrixMetric", "HausdorffDistance", "MeanSurfaceDistance", "RootMeanSquareDistance",
           "OcclusionSensitivity"]

# MindSpore's names for get_metric_fn; "loss" is MindSpore's too (Model's eval_loss).
_FACTORY = {
    "accuracy": Accuracy,
    "acc": Accuracy,
    "precision": Precision,
    "recall": Recall,
    "F1": F1,
    "dice": Dice,
    "mae": MAE,
    "mse": MSE,
    "top_1_accuracy": Top1CategoricalAccuracy,
    "top_5_accuracy": Top5CategoricalAccuracy,
    "topk": TopKCategoricalAccuracy,
    "perplexity": Perplexity,
    "cosine_similarity": CosineSimilarity,
    "auc": auc,
    "confusion_matrix": ConfusionMatrix,
    "roc": ROC,
    "loss": Loss,
    "bleu_score": BleuScore,
    "hausdorff_distance": HausdorffDistance,
    "mean_surface_distance": MeanSurfaceDistance,
    "root_mean_square_distance": RootMeanSquareDistance,
    "occlusion_sensitivity": OcclusionSensitivity,
    "confusion_matrix_metric": ConfusionMatrixMetric,
}


def names():
    """The names `get_metric_fn` knows, sorted."""
    return sorted(_FACTORY)


def get_metric_fn(name, *args, **kwargs):
    """A new metric of that name, built with `args` and `kwargs`."""
    if name not in _FACTORY:
        raise KeyError(f"For 'get_metric_fn', unsupported metric {name}, please refer to official website "
                       "for more details about supported metrics.")
    return _FACTORY[name](*args, **kwargs)


def get_metrics(metrics):
    """{name: Metric} from a set of names or a dict name → Metric (None stays None)."""
    if metrics is None:
        return metrics
    if isinstance(metrics, dict):
        for name, metric in metrics.items():
            if not isinstance(name, str) or not isinstance(metric, Metric):
                raise TypeError(f"For 'get_metrics', if 'metrics' is dict, the key in 'metrics' must be string and "
                                f"value in 'metrics' must be Metric, but got key:{type(name)}, value:{type(metric)}.")
        return metrics
    if isinstance(metrics, set):
        return {name: get_metric_fn(name) for name in metrics}
    raise TypeError(f"For 'get_metrics', the argument 'metrics' must be None, dict or set, but got {metrics}")
