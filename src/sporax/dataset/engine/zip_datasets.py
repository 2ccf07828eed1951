"""`mindspore.dataset.zip` (a module of its own: the name would shadow the builtin in datasets.py)."""
from .datasets import ZipDataset


def zip(datasets):  # noqa: A001 - MindSpore's name
    """`mindspore.dataset.zip`: the datasets' rows side by side."""
    if not isinstance(datasets, tuple):
        raise TypeError(f"The zip function 'datasets' must be a tuple of Datasets, but got {type(datasets).__name__}.")
    if len(datasets) <= 1:
        raise ValueError("Can't zip empty or just one dataset!")
    return ZipDataset(datasets)

