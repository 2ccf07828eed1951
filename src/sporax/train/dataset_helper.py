"""`DatasetHelper`, `connect_network_with_dataset` and `data_sink` (`mindspore.train`):
feeding a network from a dataset, one batch per step or `sink_size` batches per call.

MindSpore's sink mode moves batches to a device queue that the compiled network reads
(`GetNext`). sporax has no such queue: a sink network pulls its batches from the dataset's
iterator itself, in the same order, so code written for sink mode (`for inputs in helper:
net(*inputs)` with empty `inputs`) runs, on any backend, with the same results as without
sink mode.
"""
from __future__ import annotations

import numbers

from ..nn.cell import Cell

__all__ = ["DatasetHelper", "connect_network_with_dataset", "data_sink"]


def _dataset_size(dataset):
    if hasattr(dataset, "get_dataset_size"):
        return dataset.get_dataset_size()
    return len(dataset)


def _tuple_iterator(dataset, num_epochs):
    if hasattr(dataset, "create_tuple_iterator"):
        return dataset.create_tuple_iterator(num_epochs=num_epochs)
    raise TypeError(f"For 'DatasetHelper', the 'dataset' must be a mindspore.dataset Dataset (with "
                    f"create_tuple_iterator), but got {type(dataset).__name__}.")


class DatasetHelper:
    """Iterates a dataset for a training loop. Without sink mode each item is one batch (a tuple
    of Tensors). In sink mode each item is `()` — `sink_size()` items per epoch (the dataset
    size with sink_size=-1) — and the network given to `connect_network_with_dataset` reads the
    batch itself."""

    def __init__(self, dataset, dataset_sink_mode=True, sink_size=-1, epoch_num=1):
        if not isinstance(dataset_sink_mode, bool):
            raise TypeError(f"For 'DatasetHelper', the 'dataset_sink_mode' must be bool, but got "
                            f"{type(dataset_sink_mode).__name__}.")
        if isinstance(sink_size, bool) or not isinstance(sink_size, int):
            raise TypeError(f"The argument 'sink_size' must be int, but got {type(sink_size).__name__}.")
        if sink_size < -1 or sink_size == 0:
            raise ValueError(f"The 'sink_size' must be -1 or positive, but got sink_size {sink_size}.")
        if isinstance(epoch_num, bool) or not isinstance(epoch_num, numbers.Integral):
            raise TypeError(f"For 'DatasetHelper', the 'epoch_num' must be int, but got {type(epoch_num).__name__}.")
        self.dataset = dataset
        self.dataset_sink_mode = dataset_sink_mode
        self._sink_size = _dataset_size(dataset) if sink_size == -1 else sink_size
        self._epoch_num = epoch_num
        self._batches = None
        self._network = None

    def _data(self):
        if self._batches is None:
            self._batches = iter(_tuple_iterator(self.dataset, self._epoch_num))
        return self._batches

    def __iter__(self):
        if not self.dataset_sink_mode:
            return iter(self._data())
        return iter(() for _ in range(self._sink_size))

    def next_batch(self):
        """The next batch (tuple of Tensors) of the dataset: what a sink network reads
        (epoch_num=-1: the dataset starts over when it ends)."""
        try:
            return tuple(next(self._data()))
        except StopIteration:
            if self._epoch_num != -1:
                raise
            self._batches = None
            return tuple(next(self._data()))

    def sink_size(self):
        """Steps per sink (per epoch): sink_size, or the dataset size when it was -1."""
        return self._sink_size

    def types_shapes(self):
        """([dtype per column], [shape per column]) of the dataset's batches."""
        if hasattr(self.dataset, "output_types") and hasattr(self.dataset, "output_shapes"):
            return self.dataset.output_types(), self.dataset.output_shapes()
        raise TypeError(f"For 'DatasetHelper.types_shapes', the dataset {type(self.dataset).__name__} does not "
                        "describe its columns.")

    def get_data_info(self):
        return self.types_shapes()

    def stop_send(self):
        """Nothing is sent ahead in sporax (batches are read on demand)."""

    def continue_send(self):
        """Nothing is sent ahead in sporax (batches are read on demand)."""

    def release(self):
        """Drop the dataset iterator: the next read starts a new one."""
        self._batches = None


class _SinkNetwork(Cell):
    """`network` fed from a DatasetHelper: each call reads the next batch and runs on it."""

    def __init__(self, network, dataset_helper):
        super().__init__(auto_prefix=False)
        self.network = network
        self._helper = dataset_helper

    def construct(self, *inputs):
        if inputs:
            return self.network(*inputs)
        return self.network(*self._helper.next_batch())


def connect_network_with_dataset(network, dataset_helper):
    """The network a sink-mode loop calls with no inputs: each call runs `network` on the
    dataset's next batch. One dataset feeds one network, as in MindSpore."""
    if not isinstance(network, Cell):
        raise TypeError(f"For 'connect_network_with_dataset', the 'network' must be a Cell, but got "
                        f"{type(network).__name__}.")
    if not isinstance(dataset_helper, DatasetHelper):
        raise TypeError(f"For 'connect_network_with_dataset', the 'dataset_helper' must be a DatasetHelper, but got "
                        f"{type(dataset_helper).__name__}.")
    if not dataset_helper.dataset_sink_mode:
        raise RuntimeError("The API 'connect_network_with_dataset' should be called in dataset sink mode.")
    if dataset_helper._network is None:
        dataset_helper._network = _SinkNetwork(network, dataset_helper)
    elif dataset_helper._network.network is not network:
        raise ValueError("The dataset has been connected to other network, please check the code.")
    return dataset_helper._network


def data_sink(fn, dataset, sink_size=1, jit_config=None, input_signature=None):
    """A function that, each time it is called, runs `fn` on the next `sink_size` batches of
    `dataset` (in order, across calls and epochs) and returns the last result. `jit_config`
    and `input_signature` are checked and accepted; `fn` decides its own compilation
    (wrap it with `jit` to compile it)."""
    if not callable(fn):
        raise TypeError(f"For 'data_sink', the 'fn' must be callable, but got {type(fn).__name__}.")
    if not hasattr(dataset, "create_tuple_iterator"):
        raise TypeError(f"For 'data_sink', the 'dataset' must be a mindspore.dataset Dataset, but got "
                        f"{type(dataset).__name__}.")
    if isinstance(sink_size, bool) or not isinstance(sink_size, int) or sink_size <= 0:
        raise ValueError(f"For 'data_sink', the 'sink_size' must be a positive int, but got {sink_size!r}.")
    helper = DatasetHelper(dataset, dataset_sink_mode=True, sink_size=sink_size, epoch_num=-1)

    def sunk(*args):
        if args:
            raise TypeError(f"For 'data_sink', the sink function takes no inputs (they come from the dataset), but "
                            f"got {len(args)}.")
        result = None
        for _ in range(sink_size):
            result = fn(*helper.next_batch())
        return result

    return sunk
