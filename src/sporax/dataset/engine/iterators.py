"""Iterators over a dataset: rows as lists of Tensors (or NumPy arrays), or as dicts.

One iterator runs `num_epochs` epochs (-1: as many as asked for). Each `for` loop over it
yields one epoch and stops; the next loop yields the next epoch, as in MindSpore, where
`Model.train` loops over one iterator once per epoch.

A random-access pipeline runs all its epochs through one Grain pipeline
(`EpochsMapDataset`), so worker processes (`python_multiprocessing=True`) or threads start
once, not once per epoch. A pipeline that is not random-access (iterable sources, filter)
is rebuilt each epoch.
"""
from __future__ import annotations

import functools
import warnings

import grain
import numpy as np

from ...common.tensor import Tensor
from ..core import config
from . import _grain_nodes
from .build import Build, read_options
from .columns import check_columns, missing_columns


def _walk(dataset):
    yield dataset
    for child in dataset.children:
        yield from _walk(child)


def _workers(dataset) -> tuple[int, bool]:
    """(the most workers any node asks for, whether any asks for processes)."""
    most, processes = 1, False
    for node in _walk(dataset):
        workers = node.num_parallel_workers
        if workers is None and type(node).__name__ in ("MapDataset", "BatchDataset", "FilterDataset"):
            workers = config.get_num_parallel_workers()
        workers = workers or 1
        most = max(most, workers)
        processes = processes or (node.python_multiprocessing and workers > 1)
    return most, processes


def _build_epoch(dataset, seed, threads, epoch, finish_in_consumer=False):
    return dataset._build(Build(seed, epoch, threads, dataset if finish_in_consumer else None))


def _to_output(array: np.ndarray, output_numpy: bool):
    if output_numpy or array.dtype.kind in "USO":  # strings stay NumPy: a Tensor holds numbers
        return array
    return Tensor(array)


class _Iterator:
    def __init__(self, dataset, num_epochs=-1, output_numpy=False, columns=None, use_workers=True):
        if isinstance(num_epochs, bool) or not isinstance(num_epochs, int):
            raise TypeError(f"num_epochs should be an int, but got {type(num_epochs).__name__}.")
        if num_epochs != -1 and num_epochs < 1:
            raise ValueError(f"num_epochs should be either -1 or a positive integer, but got {num_epochs}.")
        if not isinstance(output_numpy, bool):
            raise TypeError(f"output_numpy should be a bool, but got {type(output_numpy).__name__}.")
        self._dataset = dataset
        names = dataset._columns()
        if columns is not None:
            columns = check_columns(columns, "columns")
            missing_columns(columns, names, "create_tuple_iterator")
            self._positions = [names.index(c) for c in columns]
            self._names = columns
        else:
            self._positions = list(range(len(names)))
            self._names = names
        self._num_epochs = None if num_epochs == -1 else num_epochs
        self._output_numpy = output_numpy
        for number, node in enumerate(_walk(dataset)):
            node._node_number = number
        workers, processes = _workers(dataset) if use_workers else (1, False)
        self._seed = config._pipeline_seed()
        self._threads = workers if workers > 1 and not processes else 0
        self._processes = workers if processes else 0
        self._epoch = 0
        self._rows_left = None
        self._grain_iterator = None
        self._epoch_iterator = None
        self._random_access = dataset._is_random_access()

    def _build(self, epoch):
        return _build_epoch(self._dataset, self._seed, self._threads, epoch)

    def _start_all_epochs(self):
        first = self._build(0)
        self._epoch_length = len(first)
        if self._epoch_length == 0:
            return iter(())
        build = functools.partial(_build_epoch, self._dataset, self._seed, self._threads)
        pipeline = _grain_nodes.EpochsMapDataset(build, self._epoch_length, self._num_epochs)
        pipeline = pipeline.to_iter_dataset(read_options(self._threads))
        if self._processes:
            try:
                import cloudpickle
                from absl import flags
                cloudpickle.dumps(pipeline)
                finish = getattr(self._dataset, "_finish_in_consumer", None)
                if finish is not None:  # the workers' batches cross as they are before their cheap tail
                    build = functools.partial(_build_epoch, self._dataset, self._seed, self._threads,
                                              finish_in_consumer=True)
                    pipeline = _grain_nodes.EpochsMapDataset(build, self._epoch_length, self._num_epochs)
                    pipeline = pipeline.to_iter_dataset(read_options(self._threads))
                if not flags.FLAGS.is_parsed():  # Grain reads its absl flags in the worker start-up
                    flags.FLAGS.mark_as_parsed()
                # grain.multiprocessing is where every supported Grain (0.2.10 on) has the options.
                options = grain.multiprocessing.MultiprocessingOptions(num_workers=self._processes)
                pipeline = pipeline.mp_prefetch(options)
                if finish is not None:
                    pipeline = pipeline.map(finish)
            except Exception as error:  # a source or operation that cannot be sent to a process
                warnings.warn(f"python_multiprocessing: the pipeline cannot be pickled ({error}); running it in "
                              f"{self._processes} threads instead.", RuntimeWarning, stacklevel=3)
                build = functools.partial(_build_epoch, self._dataset, self._seed, self._processes)
                pipeline = _grain_nodes.EpochsMapDataset(build, self._epoch_length, self._num_epochs)
                pipeline = pipeline.to_iter_dataset(read_options(self._processes))
        return iter(pipeline)

    def _next_row(self):
        if self._num_epochs is not None and self._epoch >= self._num_epochs:
            raise StopIteration
        if self._random_access:
            if self._grain_iterator is None:
                self._grain_iterator = self._start_all_epochs()
            if self._rows_left is None:
                self._rows_left = self._epoch_length
            if self._rows_left == 0:
                self._end_epoch()
            self._rows_left -= 1
            return next(self._grain_iterator)
        if self._epoch_iterator is None:
            self._epoch_iterator = iter(Build(self._seed, self._epoch, self._threads).as_iter(self._build(self._epoch)))
        try:
            return next(self._epoch_iterator)
        except StopIteration:
            self._end_epoch()

    def _end_epoch(self):
        self._epoch += 1
        self._rows_left = None
        self._epoch_iterator = None
        raise StopIteration

    def __iter__(self):
        return self

    def __next__(self):
        row = self._next_row()
        return self._convert(row)

    def _convert(self, row):  # pragma: no cover - subclasses
        raise NotImplementedError

    def get_col_names(self):
        return list(self._names)

    def stop(self):
        """Stop the workers now (they also stop when the iterator is garbage-collected)."""
        close = getattr(self._grain_iterator, "close", None)
        if close is not None:
            close()
        self._grain_iterator = None

    def __del__(self):
        try:
            self.stop()
        except Exception:  # interpreter shutdown
            pass


class TupleIterator(_Iterator):
    """Rows as lists, one item per column."""

    def _convert(self, row):
        return [_to_output(row[i], self._output_numpy) for i in self._positions]


class DictIterator(_Iterator):
    """Rows as dicts keyed by column name."""

    def _convert(self, row):
        return {name: _to_output(row[i], self._output_numpy) for name, i in zip(self._names, self._positions)}


