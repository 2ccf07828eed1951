"""The dataset graph: `Dataset` and its operations (`batch`, `map`, `shuffle`, ...).

A `Dataset` is a node in a tree. It knows its columns and, when it reads a random-access
source, its size, without reading any data. Iterating builds, for each epoch, a Grain
pipeline from the tree: `grain.MapDataset` wherever rows stay addressable by index
(sources with samplers, map, batch, take/skip as slices, concat, zip, project, rename),
`grain.IterDataset` after the first node that is not (iterable sources, filter). Every
row is a tuple of NumPy arrays, one per column.

Randomness comes from one pipeline seed (`dataset.config`): samplers and shuffles draw
from `(seed, epoch)`, random transforms from `(seed, epoch, map node, row index)`
(`_random`), so the rows do not depend on the worker count.
"""
from __future__ import annotations

import inspect
import itertools

import grain
import numpy as np

from ...nn.cell import Cell
from ...ops.primitive import Primitive
from .. import _random
from .._construction import RecordsConstruction
from ..callback import DSCallback, run_callbacks
from ..core import config
from . import _grain_nodes, _row_threads
from .build import Build
from .columns import check_columns, check_count, check_num_parallel_workers, check_type, missing_columns
from .iterators import DictIterator, TupleIterator
from .split import split_sizes

_INT32_MAX = 2**31 - 1


# ----------------------------------------------------------------------------- rows

def to_array(value, column: str, where: str) -> np.ndarray:
    """One column's value as a NumPy array (PIL images, scalars and lists included)."""
    if isinstance(value, np.ndarray):
        return value
    if hasattr(value, "asnumpy"):  # a sporax/MindSpore Tensor coming back from a source
        return value.asnumpy()
    try:
        array = np.asarray(value)
    except ValueError as error:
        raise TypeError(f"{where}: the value of column {column!r} cannot be converted to a NumPy array "
                        f"(ragged nested lists?): {error}") from None
    if array.dtype == object:
        raise TypeError(f"{where}: the value of column {column!r} has an unsupported type "
                        f"{type(value).__name__}; expected a NumPy array, a number, a str or bytes, "
                        f"or a (nested) list of them.")
    return array


def to_row(value, columns, where: str) -> tuple:
    """A source's item as a row: one array per column."""
    if len(columns) == 1 and not isinstance(value, tuple):
        value = (value,)
    if isinstance(value, list) and len(columns) > 1:
        value = tuple(value)
    if not isinstance(value, tuple):
        raise TypeError(f"{where}: each row should be a tuple of {len(columns)} values for the columns "
                        f"{list(columns)}, but got {type(value).__name__}.")
    if len(value) != len(columns):
        raise ValueError(f"{where}: the number of columns returned ({len(value)}) does not match the "
                         f"column_names {list(columns)} ({len(columns)}).")
    return tuple(to_array(v, c, where) for v, c in zip(value, columns))


def _as_tuple(value):
    return value if isinstance(value, tuple) else (value,)


def _call_operation(operation, values, input_columns, where):
    """Run one map operation, naming it and its columns if it fails."""
    try:
        return _as_tuple(operation(*values))
    except (TypeError, ValueError, RuntimeError, IndexError, KeyError) as error:
        name = getattr(operation, "__name__", type(operation).__name__)
        message = f"{where}: operation {name} failed on column(s) {list(input_columns)}: {error}"
        try:
            raised = type(error)(message)
        except Exception:  # an exception class with an unusual constructor
            raised = RuntimeError(message)
        raise raised from error


def place_outputs(columns, input_columns, output_columns):
    """MindSpore's column layout after an operation maps `input_columns` to `output_columns`:
    with as many outputs as inputs each output takes its input's place; otherwise the
    outputs come first, then the untouched columns in their order."""
    if len(input_columns) == len(output_columns):
        renamed = dict(zip(input_columns, output_columns))
        return [renamed.get(c, c) for c in columns]
    return list(output_columns) + [c for c in columns if c not in input_columns]


def _layout(columns, input_columns, output_columns):
    """(output column names, function building the new row from a row and the outputs)."""
    new_columns = place_outputs(columns, input_columns, output_columns)
    positions = {c: i for i, c in enumerate(columns)}
    if len(input_columns) == len(output_columns):
        slot = {positions[c]: k for k, c in enumerate(input_columns)}

        def assemble(row, outputs):
            return tuple(outputs[slot[i]] if i in slot else row[i] for i in range(len(row)))
    else:
        kept = [positions[c] for c in columns if c not in input_columns]

        def assemble(row, outputs):
            return tuple(outputs) + tuple(row[i] for i in kept)
    return new_columns, assemble


def stack_column(arrays, column: str, where: str) -> np.ndarray:
    first = arrays[0].shape
    for array in arrays:
        if array.shape != first:
            raise ValueError(f"{where}: inconsistent batch shapes in column {column!r}: batch expects the same "
                             f"shape for every row, expected {list(first)}, but got {list(array.shape)}. "
                             f"Use padded_batch (pad_info) or a map to make the shapes equal.")
    try:
        return np.stack(arrays)
    except (TypeError, ValueError) as error:
        raise ValueError(f"{where}: cannot stack column {column!r}: {error}") from None


def _pad_to(array, shape, value, column):
    target = [array.shape[i] if dim is None else dim for i, dim in enumerate(shape)]
    if len(target) != array.ndim:
        raise ValueError(f"padded_batch: pad_info shape {list(shape)} for column {column!r} has {len(shape)} "
                         f"dimensions, but the column's rows have {array.ndim}.")
    if any(t < s for t, s in zip(target, array.shape)):
        raise ValueError(f"padded_batch: column {column!r} row of shape {list(array.shape)} is larger than "
                         f"the pad shape {target}.")
    return np.pad(array, [(0, t - s) for t, s in zip(target, array.shape)], constant_values=value)


class BatchInfo:
    """What `per_batch_map` and a callable `batch_size` see: the batch and epoch numbers."""

    def __init__(self, batch_num: int, epoch_num: int):
        self._batch_num, self._epoch_num = batch_num, epoch_num

    def get_batch_num(self):
        return self._batch_num

    def get_epoch_num(self):
        return self._epoch_num


# ----------------------------------------------------------------------------- Dataset

class Dataset(RecordsConstruction):
    """A node of a data pipeline: its children, columns and how to build it on Grain."""

    def __init__(self, children=None, num_parallel_workers=None):
        self.children = list(children or [])
        self.num_parallel_workers = check_num_parallel_workers(num_parallel_workers)
        self.python_multiprocessing = False
        self._node_number = 0
        self._counted_size = None

    # --- what subclasses give -------------------------------------------------------------
    def _columns(self) -> list[str]:
        return self.children[0]._columns()

    def _is_random_access(self) -> bool:
        return all(child._is_random_access() for child in self.children)

    def _build(self, build: Build):  # pragma: no cover - every subclass defines it
        raise NotImplementedError

    def _static_size(self):
        """The row count when it is known without reading data, else None."""
        return None

    # --- metadata -------------------------------------------------------------------------
    def get_col_names(self):
        return list(self._columns())

    def get_dataset_size(self):
        size = self._static_size()
        if size is not None:
            return size
        if self._counted_size is None:
            self._counted_size = sum(1 for _ in self._rows_of_one_epoch())
        return self._counted_size

    def get_batch_size(self):
        return self.children[0].get_batch_size() if self.children else 1

    def get_repeat_count(self):
        return self.children[0].get_repeat_count() if self.children else 1

    def num_classes(self):
        return self.children[0].num_classes() if self.children else None

    def get_class_indexing(self):
        if self.children:
            return self.children[0].get_class_indexing()
        raise TypeError(f"{type(self).__name__} has no class indexing.")

    def _first_row(self):
        for row in self._rows_of_one_epoch():
            return row
        raise RuntimeError(f"{type(self).__name__}: the pipeline yields no rows, so it has no output shapes "
                           f"or types.")

    def output_shapes(self, estimate=False):
        return [list(array.shape) for array in self._first_row()]

    def output_types(self):
        return [array.dtype for array in self._first_row()]

    def is_shuffled(self):
        return any(child.is_shuffled() for child in self.children)

    def is_sharded(self):
        return any(child.is_sharded() for child in self.children)

    def _rows_of_one_epoch(self):
        return iter(TupleIterator(self, num_epochs=1, output_numpy=True, use_workers=False))

    # --- operations -----------------------------------------------------------------------
    def batch(self, batch_size, drop_remainder=False, num_parallel_workers=None, **kwargs):
        unknown = set(kwargs) - {"per_batch_map", "input_columns", "output_columns", "python_multiprocessing",
                                 "max_rowsize", "pad_info"}
        if unknown:
            raise TypeError(f"batch() got an unexpected keyword argument {sorted(unknown)[0]!r}")
        return BatchDataset(self, batch_size, drop_remainder, num_parallel_workers, **kwargs)

    def padded_batch(self, batch_size, drop_remainder=False, num_parallel_workers=None, pad_info=None):
        if pad_info is not None and not isinstance(pad_info, dict):
            raise TypeError(f"Argument pad_info with value {pad_info!r} is not of type [<class 'dict'>], "
                            f"but got {type(pad_info)}.")
        return BatchDataset(self, batch_size, drop_remainder, num_parallel_workers, pad_info=pad_info or {},
                            padded=True)

    def map(self, operations, input_columns=None, output_columns=None, num_parallel_workers=None, **kwargs):
        unknown = set(kwargs) - {"python_multiprocessing", "max_rowsize", "cache", "callbacks", "offload"}
        if unknown:
            raise TypeError(f"map() got an unexpected keyword argument {sorted(unknown)[0]!r}")
        return MapDataset(self, operations, input_columns, output_columns, num_parallel_workers,
                          kwargs.get("python_multiprocessing", False), kwargs.get("callbacks"))

    def shuffle(self, buffer_size):
        return ShuffleDataset(self, buffer_size)

    def repeat(self, count=None):
        return RepeatDataset(self, count)

    def take(self, count=-1):
        return TakeDataset(self, count)

    def skip(self, count):
        return SkipDataset(self, count)

    def zip(self, datasets):
        if isinstance(datasets, Dataset):
            datasets = (datasets,)
        if not isinstance(datasets, tuple):
            raise TypeError(f"datasets should be a Dataset or a tuple of Datasets, but got {type(datasets).__name__}.")
        return ZipDataset((self,) + datasets)

    def concat(self, datasets):
        if isinstance(datasets, Dataset):
            datasets = [datasets]
        if not isinstance(datasets, list):
            raise TypeError(f"datasets should be a Dataset or a list of Datasets, but got {type(datasets).__name__}.")
        return ConcatDataset([self] + datasets)

    def __add__(self, other):
        return self.concat(other)

    def project(self, columns):
        return ProjectDataset(self, columns)

    def rename(self, input_columns, output_columns):
        return RenameDataset(self, input_columns, output_columns)

    def filter(self, predicate, input_columns=None, num_parallel_workers=None):
        return FilterDataset(self, predicate, input_columns, num_parallel_workers)

    def apply(self, apply_func):
        if not callable(apply_func):
            raise TypeError(f"apply_func should be a function, but got {type(apply_func).__name__}.")
        result = apply_func(self)
        if not isinstance(result, Dataset):
            raise TypeError("apply_func must return a dataset.")
        return result

    def split(self, sizes, randomize=True):
        """Disjoint parts of `sizes` rows (ints) or fractions (floats; see `split.split_sizes`).
        `randomize=True` assigns rows at random (random-access sources only), else in order."""
        if not isinstance(randomize, bool):
            raise TypeError(f"Argument randomize with value {randomize!r} is not of type [<class 'bool'>].")
        parts = split_sizes(sizes, self.get_dataset_size())
        if randomize:
            return self._split_randomly(parts)
        result, start = [], 0
        for size in parts:
            result.append(self.skip(start).take(size))
            start += size
        return result

    def _split_randomly(self, parts):
        raise RuntimeError("split: randomize=True needs a random-access source dataset (no operations before "
                           "split); use randomize=False.")

    # --- iteration ------------------------------------------------------------------------
    def create_tuple_iterator(self, columns=None, num_epochs=-1, output_numpy=False, do_copy=False):
        return TupleIterator(self, columns=columns, num_epochs=num_epochs, output_numpy=output_numpy)

    def create_dict_iterator(self, num_epochs=-1, output_numpy=False, do_copy=False):
        return DictIterator(self, num_epochs=num_epochs, output_numpy=output_numpy)

    def __iter__(self):
        return iter(self.create_tuple_iterator())


class SourceDataset(Dataset):
    """A leaf: rows come from a source, not from child datasets."""

    def get_batch_size(self):
        return 1

    def get_repeat_count(self):
        return 1

    def is_shuffled(self):
        return False

    def is_sharded(self):
        return False


class UnionBaseDataset(Dataset):
    """MindSpore's base of the datasets that operations return."""


# ----------------------------------------------------------------------------- operations

class _PreparedRows:
    """What `MapDataset._prepare_rows` made of a chunk of a batch's rows."""

    def __init__(self):
        self.rows, self.values, self.draws = [], [], []
        self.plan = None
        self.read_error = None


class MapDataset(UnionBaseDataset):
    """`operations` applied in order to `input_columns`, their results in `output_columns`."""

    def __init__(self, input_dataset, operations, input_columns=None, output_columns=None, num_parallel_workers=None,
                 python_multiprocessing=False, callbacks=None):
        super().__init__([input_dataset], num_parallel_workers)
        if callbacks is not None:
            callbacks = list(callbacks) if isinstance(callbacks, (list, tuple)) else [callbacks]
            for callback in callbacks:
                if not isinstance(callback, DSCallback):
                    raise TypeError(f"Argument callbacks with value {callback!r} is not of type "
                                    f"[<class 'DSCallback'>], but got {type(callback)}.")
        self.callbacks = callbacks or []
        self._callback_state = {"begun": False, "steps": 0}
        operations = list(operations) if isinstance(operations, (list, tuple)) else [operations]
        if not operations:
            raise ValueError("Input operations should not be empty.")
        for operation in operations:
            if not callable(operation):
                raise TypeError(f"map: every operation must be callable, but got {type(operation).__name__} "
                                f"({operation!r}).")
            if _is_network_operation(operation):
                raise ValueError(f"Input operations should not contain network computing operator like in "
                                 f"mindspore.nn or mindspore.ops, got operation: {operation}")
        check_type(python_multiprocessing, (bool,), "python_multiprocessing")
        columns = input_dataset._columns()
        self.input_columns = check_columns(input_columns, "input_columns") if input_columns is not None \
            else columns[:1]
        missing_columns(self.input_columns, columns, "map")
        self.output_columns = check_columns(output_columns, "output_columns") if output_columns is not None \
            else list(self.input_columns)
        self.operations = operations
        self.python_multiprocessing = python_multiprocessing
        self._new_columns, self._assemble = _layout(columns, self.input_columns, self.output_columns)
        self._input_positions = [columns.index(c) for c in self.input_columns]

    def _columns(self):
        return list(self._new_columns)

    def _static_size(self):
        return self.children[0]._static_size()

    def _apply(self, seed, epoch, index, row):
        where = "map"
        previous = _random.enter_row((seed, epoch, self._node_number, index))
        try:
            values = tuple(row[i] for i in self._input_positions)
            for operation in self.operations:
                values = _call_operation(operation, values, self.input_columns, where)
        finally:
            _random.leave_row(previous)
        if len(values) != len(self.output_columns):
            raise ValueError(f"map: the operations return {len(values)} column(s), but output_columns "
                             f"{self.output_columns} names {len(self.output_columns)}.")
        outputs = tuple(to_array(v, c, where) for v, c in zip(values, self.output_columns))
        return self._assemble(row, outputs)

    def _batched_from(self):
        """Where the operations that can run on a whole batch begin: the suffix of operations
        with a batched path (`_batch_plan` / `_apply_batch`, and `_draw` when random)."""
        start = len(self.operations)
        while start > 0 and hasattr(self.operations[start - 1], "_apply_batch"):
            start -= 1
        return start

    def _apply_rows(self, seed, epoch, first_index, rows):
        """`_apply` of rows `first_index, first_index + 1, ...`, the same values, but the
        batched suffix of the operations runs once on the stacked rows (NumPy over the batch
        instead of Python per row). Each row still draws its random parameters from its own
        key, in its own operation order, so the result equals `_apply` row by row; rows that
        the batched path cannot take (one input column, equal shapes and dtypes, <H, W, C>)
        run row by row."""
        return self._apply_rows_stacked(seed, epoch, first_index, rows)[0]

    def _batched_operations(self):
        """The operations of the batched path, in the order it runs them."""
        return _reordered_for_batches(self.operations[self._batched_from():])

    def _apply_rows_stacked(self, seed, epoch, first_index, rows, threads=1, leave_tail=False):
        """(`_apply_rows`, the output column of those rows stacked as one C-ordered array
        when the batched path made it, else None, the number of operations left undone):
        a batch that follows takes that column as it is instead of stacking its rows again.
        `rows[j]` (which may read it) is row `first_index + j`; with `threads` > 1 and
        operations before the batched suffix that are safe to share (`_row_threads`),
        contiguous chunks of rows are read and prepared on that many threads. With
        `leave_tail`, the last batched operations that are cheap and draw nothing
        (`_leaves_tail`) are left undone when the column is narrower before them (uint8
        before Normalize): the column and the rows then hold it as it was before them."""
        start = self._batched_from()
        if start == len(self.operations) or len(self._input_positions) != 1 or len(self.output_columns) != 1 \
                or len(rows) < 2:
            rows = [rows[j] for j in range(len(rows))]
            return [self._apply(seed, epoch, first_index + j, row) for j, row in enumerate(rows)], None, 0
        prefix, batched = self.operations[:start], _reordered_for_batches(self.operations[start:])
        if not all(type(operation).__dict__.get("_shares_threads", False) for operation in prefix):
            threads = 1
        chunks = _row_threads.map_chunks(
            lambda part: self._prepare_rows(seed, epoch, first_index, rows, part, prefix, batched), len(rows), threads)
        for chunk in chunks:  # every row is read before any operation runs, as row by row
            if chunk.read_error is not None:
                raise chunk.read_error
        read = [row for chunk in chunks for row in chunk.rows]
        if any(chunk.plan is None or chunk.plan != chunks[0].plan for chunk in chunks):
            return [self._apply(seed, epoch, first_index + j, row) for j, row in enumerate(read)], None, 0
        draws = [draw for chunk in chunks for draw in chunk.draws]
        done = _leaves_tail(batched, chunks[0].plan) if leave_tail else len(batched)
        # A new array: the batched operations may work in place on it and on what they return.
        batch = np.stack([value for chunk in chunks for value in chunk.values])
        for k, operation in enumerate(batched[:done]):
            batch = operation._apply_batch(batch, [d[k] for d in draws])
        batch = np.ascontiguousarray(batch)
        return [self._assemble(row, (out,)) for row, out in zip(read, batch)], batch, len(batched) - done

    def _prepare_rows(self, seed, epoch, first_index, rows, part, prefix, batched):
        """Rows `part` of a batch read, then taken through the operations before the batched
        suffix, each drawing the batched operations' random parameters from its own key.
        The chunk's `plan` is None when a row cannot join the batch (or an operation failed:
        the row-by-row path then raises its error in row order)."""
        chunk = _PreparedRows()
        try:
            chunk.rows = [rows[j] for j in part]
        except Exception as error:  # raised in row order by the caller
            chunk.read_error = error
            return chunk
        column, drawers = self.input_columns, [getattr(operation, "_draw", None) for operation in batched]
        plan = None
        for j, row in zip(part, chunk.rows):
            previous = _random.enter_row((seed, epoch, self._node_number, first_index + j))
            try:
                value = (row[self._input_positions[0]],)
                for operation in prefix:
                    value = _call_operation(operation, value, column, "map")
                if len(value) != 1 or not isinstance(value[0], np.ndarray) or value[0].ndim != 3:
                    return chunk
                value = value[0]
                if plan is None:
                    plan = self._batch_plans(batched, value.shape, value.dtype)
                    if plan is None:
                        return chunk
                elif value.shape != plan[0][0] or value.dtype != plan[0][1]:
                    return chunk
                chunk.draws.append([None if draw is None else draw(shape) for draw, (shape, _) in zip(drawers, plan)])
                chunk.values.append(value)
            except Exception:  # the row-by-row path raises it
                return chunk
            finally:
                _random.leave_row(previous)
        chunk.plan = plan
        return chunk

    @staticmethod
    def _batch_plans(operations, shape, dtype):
        """[(input shape, dtype) of each operation], or None when one cannot take the batch."""
        plans = []
        for operation in operations:
            plans.append((tuple(shape), np.dtype(dtype)))
            planned = operation._batch_plan(tuple(shape), np.dtype(dtype))
            if planned is None:
                return None
            shape, dtype = planned
        return plans

    def _is_random_access(self):
        # Callbacks see rows in order, one epoch after another: the map becomes a stream.
        return self.children[0]._is_random_access() and not self.callbacks

    def _build(self, build):
        parent = self.children[0]._build(build)
        seed, epoch = build.seed, build.epoch
        mapped = parent.map_with_index(lambda index, row: self._apply(seed, epoch, index, row))
        if not self.callbacks:
            return mapped
        rows = build.as_iter(mapped)
        return _grain_nodes.PythonIterDataset(
            lambda: run_callbacks(self.callbacks, iter(rows), epoch, self._callback_state))


class _RowsOf:
    """Rows `start, ..., stop - 1` of a Grain MapDataset, each read when it is indexed."""

    def __init__(self, source, start, stop):
        self._source, self._start, self._stop = source, start, stop

    def __len__(self):
        return self._stop - self._start

    def __getitem__(self, j):
        return self._source[self._start + j]


def _reading_threads(source) -> int:
    """MindSpore reads a source's rows on the source's own `num_parallel_workers` threads,
    beside the map's workers; here each of Grain's reading threads that builds a batch
    reads and prepares its rows on that many threads (`_row_threads`). Worker processes
    do not: measured on the CIFAR bench, the helpers cost CPU there (+6%) and bought no
    rate, where in threads they bought 1.18x."""
    workers = source.num_parallel_workers
    return workers if workers is not None else config.get_num_parallel_workers()


def _leaves_tail(operations, plan):
    """How many of the batched `operations` (their input (shape, dtype)s `plan`) to run before
    the rest is left to the consumer of a worker process: the rest is a suffix of
    operations that draw nothing and are cheap on a whole batch (`_cheap_on_batches`), cut
    where the batch has the fewest bytes per value when that is fewer than at the end (the
    earliest such place: the consumer then runs HWC2CHW and Normalize as one pass). A
    worker then sends a uint8 batch,
    not a float32 one four times its size, and the values are those the worker would have
    computed: the same operations on the same array."""
    start = len(operations)
    while start > 0 and type(operations[start - 1]).__dict__.get("_cheap_on_batches", False) \
            and not hasattr(operations[start - 1], "_draw"):
        start -= 1
    if start == len(operations):
        return start
    last_shape, last_dtype = plan[-1]
    output = operations[-1]._batch_plan(last_shape, last_dtype)[1]
    sizes = [np.dtype(dtype).itemsize for _, dtype in plan[start:]] + [np.dtype(output).itemsize]
    cut = sizes.index(min(sizes))
    return len(operations) if sizes[cut] == sizes[-1] else start + cut


def _reordered_for_batches(operations):
    """The batched operations, with each `Normalize(is_hwc=True), HWC2CHW` pair swapped to
    `HWC2CHW, Normalize(is_hwc=False)`: the same values (Normalize is the same float32
    operation on every value, whatever the layout), but the transpose is then a view of the
    uint8 batch and Normalize's conversion to float32 writes the <N, C, H, W> batch directly,
    one float32 batch fewer to allocate and copy."""
    operations = list(operations)
    for k in range(len(operations) - 1):
        as_chw = getattr(operations[k], "_as_chw", None)
        if as_chw is not None and type(operations[k + 1]).__name__ == "HWC2CHW":
            swapped = as_chw()
            if swapped is not None:
                operations[k], operations[k + 1] = operations[k + 1], swapped
    return operations


def _is_network_operation(operation) -> bool:
    # MindSpore refuses nn.Cell and ops.Primitive in a data pipeline: they run on the
    # network's device path, not on NumPy rows.
    return isinstance(operation, (Cell, Primitive))


class BatchDataset(UnionBaseDataset):
    """Consecutive rows stacked along a new first axis, column by column."""

    def __init__(self, input_dataset, batch_size, drop_remainder=False, num_parallel_workers=None, per_batch_map=None,
                 input_columns=None, output_columns=None, python_multiprocessing=False, max_rowsize=None,
                 pad_info=None, padded=False):
        super().__init__([input_dataset], num_parallel_workers)
        if isinstance(batch_size, bool) or not (isinstance(batch_size, int) or callable(batch_size)):
            raise TypeError("batch_size should either be an int or a callable.")
        if callable(batch_size):
            if len(inspect.signature(batch_size).parameters) != 1:
                raise ValueError("callable batch_size should take one parameter (BatchInfo).")
        elif not 1 <= batch_size <= _INT32_MAX:
            raise ValueError(f"Input batch_size is not within the required interval of [1, {_INT32_MAX}].")
        check_type(drop_remainder, (bool,), "drop_remainder")
        if input_columns is not None and per_batch_map is None:
            raise ValueError("input_columns can be specified only when per_batch_map is set.")
        if per_batch_map is not None and not callable(per_batch_map):
            raise TypeError(f"per_batch_map should be callable, but got {type(per_batch_map).__name__}.")
        check_type(python_multiprocessing, (bool,), "python_multiprocessing")
        columns = input_dataset._columns()
        self.batch_size, self.drop_remainder = batch_size, drop_remainder
        self.per_batch_map = per_batch_map
        self.python_multiprocessing = python_multiprocessing
        self.input_columns = check_columns(input_columns, "input_columns") if input_columns is not None \
            else list(columns)
        missing_columns(self.input_columns, columns, "batch")
        if per_batch_map is not None and input_columns is not None:
            if len(self.input_columns) != len(inspect.signature(per_batch_map).parameters) - 1:
                raise ValueError("The signature of per_batch_map should match with input columns.")
        self.output_columns = check_columns(output_columns, "output_columns") if output_columns is not None \
            else list(self.input_columns)
        self.pad_info = self._check_pad_info(pad_info or {}, columns)
        self.padded = padded
        self._new_columns, self._assemble = _layout(columns, self.input_columns, self.output_columns)
        self._input_positions = [columns.index(c) for c in self.input_columns]
        self._where = "padded_batch" if padded else "batch"

    @staticmethod
    def _check_pad_info(pad_info, columns):
        for column, spec in pad_info.items():
            if not isinstance(column, str):
                raise TypeError(f"pad_info keys must be column names (str), but got {column!r}.")
            if column not in columns:
                raise ValueError(f"padded_batch: pad_info column {column!r} does not exist in the dataset columns "
                                 f"{list(columns)}.")
            if not isinstance(spec, tuple) or len(spec) != 2:
                raise TypeError(f"pad_info[{column!r}] must be a tuple (pad_shape, pad_value), but got {spec!r}.")
            shape, _ = spec
            if shape is not None and (not isinstance(shape, (list, tuple)) or
                                      any(d is not None and (not isinstance(d, int) or d <= 0) for d in shape)):
                raise ValueError(f"pad_info[{column!r}] pad_shape must be a list of positive ints or None, "
                                 f"but got {shape!r}.")
        return dict(pad_info)

    def _columns(self):
        return list(self._new_columns)

    def get_batch_size(self):
        return self.batch_size if isinstance(self.batch_size, int) else -1

    def _static_size(self):
        size = self.children[0]._static_size()
        if size is None or callable(self.batch_size):
            return None
        return size // self.batch_size if self.drop_remainder else -(-size // self.batch_size)

    def _is_random_access(self):
        return self.children[0]._is_random_access() and not callable(self.batch_size)

    def _collate(self, rows, batch_number, epoch, stacked=None):
        """The batch of `rows`; `stacked` ({column position: array}) holds columns already
        stacked (by a batched map), taken as they are when nothing else touches them."""
        columns = self.children[0]._columns()
        if stacked and self.per_batch_map is None and not self.pad_info:
            return tuple(stacked[i] if i in stacked else stack_column([row[i] for row in rows], columns[i],
                                                                        self._where)
                         for i in range(len(columns)))
        padded_rows = rows
        if self.pad_info:
            padded_rows = []
            for row in rows:
                padded_rows.append(tuple(
                    _pad_to(array, self._pad_shape(columns[i], rows), self.pad_info[columns[i]][1] or 0, columns[i])
                    if columns[i] in self.pad_info else array for i, array in enumerate(row)))
        if self.per_batch_map is None:
            return tuple(stack_column([row[i] for row in padded_rows], columns[i], self._where)
                         for i in range(len(columns)))
        lists = [[row[i] for row in padded_rows] for i in self._input_positions]
        outputs = _call_operation(self.per_batch_map, lists + [BatchInfo(batch_number, epoch)], self.input_columns,
                                  "batch (per_batch_map)")
        if len(outputs) != len(self.output_columns):
            raise ValueError(f"batch: per_batch_map returns {len(outputs)} column(s), but output_columns "
                             f"{self.output_columns} names {len(self.output_columns)}.")
        stacked = []
        for value, column in zip(outputs, self.output_columns):
            if isinstance(value, np.ndarray):
                stacked.append(value)
            else:
                stacked.append(stack_column([to_array(v, column, "batch") for v in value], column, "batch"))
        kept = tuple(stack_column([row[i] for row in padded_rows], columns[i], self._where)
                     if i not in self._input_positions else None for i in range(len(columns)))
        return self._assemble(kept, tuple(stacked))

    def _pad_shape(self, column, rows):
        shape, _ = self.pad_info[column]
        index = self.children[0]._columns().index(column)
        largest = np.max([row[index].shape for row in rows], axis=0) if rows[0][index].ndim else []
        if shape is None:
            return [int(d) for d in largest]
        return [int(largest[i]) if d is None else d for i, d in enumerate(shape)]

    def _build(self, build):
        parent = self.children[0]._build(build)
        epoch = build.epoch
        child = self.children[0]
        if isinstance(child, MapDataset) and child._is_random_access() and not callable(self.batch_size):
            # map then batch: the map runs on each batch's rows together (MapDataset._apply_rows).
            source = child.children[0]._build(build)
            if isinstance(source, grain.MapDataset):
                size, seed, length = self.batch_size, build.seed, len(source)
                batches = length // size if self.drop_remainder else -(-length // size)
                position = child._input_positions[0]
                threads = _reading_threads(child.children[0]) if build.threads > 0 else 1
                shared_reads = getattr(child.children[0], "_reads_in_threads", lambda: False)()

                leave_tail = build.finishing is self and self.per_batch_map is None and not self.pad_info

                def collate(index):
                    rows = _RowsOf(source, index * size, min((index + 1) * size, length))
                    if not shared_reads:
                        rows = [rows[j] for j in range(len(rows))]
                    rows, column, left = child._apply_rows_stacked(seed, epoch, index * size, rows, threads,
                                                                   leave_tail)
                    batch = self._collate(rows, index, epoch, None if column is None else {position: column})
                    return (left, batch) if build.finishing is self else batch
                return grain.MapDataset.range(batches).map(collate)
        built = self._build_rows(build, parent, epoch)
        return built.map(lambda batch: (0, batch)) if build.finishing is self else built

    def _build_rows(self, build, parent, epoch):
        if isinstance(parent, grain.MapDataset) and not callable(self.batch_size):
            grouped = parent.batch(self.batch_size, drop_remainder=self.drop_remainder, batch_fn=list)
            return grouped.map_with_index(lambda index, rows: self._collate(rows, index, epoch))
        return _grain_nodes.PythonIterDataset(lambda: self._iterate(build.as_iter(parent), epoch), [])

    def _finish_in_consumer(self, element):
        """A batch from a worker process built with `Build.finishing` (this node): (number of
        operations its map left undone, the batch), finished here by those last operations
        of the map's batched path (`_leaves_tail`)."""
        left, batch = element
        if not left:
            return batch
        child = self.children[0]
        position = child._input_positions[0]
        column = batch[position]
        for operation in child._batched_operations()[-left:]:
            column = operation._apply_batch(column, [None] * len(column))
        return batch[:position] + (np.ascontiguousarray(column),) + batch[position + 1:]

    def _iterate(self, parent, epoch):
        iterator = iter(parent)
        for batch_number in itertools.count():
            size = self.batch_size(BatchInfo(batch_number, epoch)) if callable(self.batch_size) else self.batch_size
            if isinstance(size, bool) or not isinstance(size, int) or size < 1:
                raise ValueError(f"batch: the callable batch_size returned {size!r}; expected a positive int.")
            rows = list(itertools.islice(iterator, size))
            if not rows or (self.drop_remainder and len(rows) < size):
                return
            yield self._collate(rows, batch_number, epoch)


class ShuffleDataset(UnionBaseDataset):
    """Rows in a random order, drawn through a buffer of `buffer_size` rows; reshuffled each epoch.

    A buffer at least as large as the dataset is a uniform permutation (Grain's
    `shuffle`); a smaller one shuffles within windows of `buffer_size` rows (Grain's window
    shuffle): both keep rows near their place the way a buffer does, but the order is not
    MindSpore's (its C++ buffer draws from std::mt19937)."""

    def __init__(self, input_dataset, buffer_size):
        super().__init__([input_dataset])
        check_type(buffer_size, (int,), "buffer_size")
        if not 2 <= buffer_size <= _INT32_MAX:
            raise ValueError(f"Input buffer_size is not within the required interval of [2, {_INT32_MAX}].")
        self.buffer_size = buffer_size

    def _static_size(self):
        return self.children[0]._static_size()

    def is_shuffled(self):
        return True

    def _build(self, build):
        parent = self.children[0]._build(build)
        seed = build.stream_seed(self._node_number)
        if isinstance(parent, grain.MapDataset):
            if self.buffer_size >= len(parent):
                return parent.shuffle(seed=seed)
            return grain.experimental.WindowShuffleMapDataset(parent, window_size=self.buffer_size, seed=seed)
        return grain.experimental.WindowShuffleIterDataset(parent, window_size=self.buffer_size, seed=seed)


class RepeatDataset(UnionBaseDataset):
    """The child's epochs one after another, `count` times (None or -1: forever); each
    repetition is a new epoch of the child (reshuffled, fresh random transforms)."""

    def __init__(self, input_dataset, count=None):
        super().__init__([input_dataset])
        if count is None:
            count = -1
        check_type(count, (int,), "count")
        if count != -1 and not 1 <= count <= _INT32_MAX:
            raise ValueError(f"count should be either -1 or positive integer, range[1, INT32_MAX].")
        self.count = count

    def get_repeat_count(self):
        return self.count

    def _static_size(self):
        size = self.children[0]._static_size()
        if size is None:
            return None
        return size if self.count == -1 else size * self.count

    def _build(self, build):
        child = self.children[0]
        if self.count == -1:
            if child._is_random_access():
                first = child._build(build.at_epoch(0))
                if len(first) == 0:
                    return first
                return _grain_nodes.EpochsMapDataset(lambda e: child._build(build.at_epoch(e)), len(first), None)
            return _grain_nodes.PythonIterDataset(lambda: self._chain(build, itertools.count()))
        epochs = [child._build(build.at_epoch(build.epoch * self.count + r)) for r in range(self.count)]
        if all(isinstance(e, grain.MapDataset) for e in epochs):
            return grain.MapDataset.concatenate(epochs) if len(epochs) > 1 else epochs[0]
        return _grain_nodes.PythonIterDataset(lambda: itertools.chain.from_iterable(build.as_iter(e) for e in epochs))

    def _chain(self, build, repetitions):
        for r in repetitions:
            yield from build.as_iter(self.children[0]._build(build.at_epoch(r)))


class TakeDataset(UnionBaseDataset):
    """The first `count` rows (-1: all)."""

    def __init__(self, input_dataset, count=-1):
        super().__init__([input_dataset])
        self.count = check_count(count, "count", True, 1)

    def _static_size(self):
        size = self.children[0]._static_size()
        if size is None:
            return None
        return size if self.count == -1 else min(size, self.count)

    def _build(self, build):
        parent = self.children[0]._build(build)
        if self.count == -1:
            return parent
        if isinstance(parent, grain.MapDataset):
            return parent[: self.count]
        return grain.experimental.LimitIterDataset(parent, self.count)


class SkipDataset(UnionBaseDataset):
    """All rows after the first `count`."""

    def __init__(self, input_dataset, count):
        super().__init__([input_dataset])
        self.count = check_count(count, "count", False, 0)

    def _static_size(self):
        size = self.children[0]._static_size()
        return None if size is None else max(size - self.count, 0)

    def _build(self, build):
        parent = self.children[0]._build(build)
        if isinstance(parent, grain.MapDataset):
            return parent[self.count:]
        return _grain_nodes.PythonIterDataset(lambda: itertools.islice(iter(parent), self.count, None))


class ZipDataset(UnionBaseDataset):
    """Rows of several datasets side by side (columns concatenated), as long as the shortest."""

    def __init__(self, datasets):
        for dataset in datasets:
            if not isinstance(dataset, Dataset):
                raise TypeError(f"Invalid dataset, expected Dataset object but got {type(dataset).__name__}.")
        super().__init__(list(datasets))
        names = [c for d in datasets for c in d._columns()]
        duplicates = sorted({c for c in names if names.count(c) > 1})
        if duplicates:
            raise ValueError(f"zip: the datasets share the column name(s) {duplicates}; rename them first "
                             f"(dataset.rename).")

    def _columns(self):
        return [c for d in self.children for c in d._columns()]

    def _static_size(self):
        sizes = [c._static_size() for c in self.children]
        return None if any(s is None for s in sizes) else min(sizes)

    def get_batch_size(self):
        return self.children[0].get_batch_size()

    def _build(self, build):
        parents = [c._build(build) for c in self.children]
        if all(isinstance(p, grain.MapDataset) for p in parents):
            length = min(len(p) for p in parents)
            zipped = grain.experimental.ZipMapDataset([p[:length] for p in parents])
        else:
            zipped = grain.experimental.ZipIterDataset([build.as_iter(p) for p in parents], strict=False)
        return zipped.map(lambda rows: tuple(a for row in rows for a in row))


class ConcatDataset(UnionBaseDataset):
    """The rows of each dataset in turn (`a + b`)."""

    def __init__(self, datasets):
        for dataset in datasets:
            if not isinstance(dataset, Dataset):
                raise TypeError(f"Invalid dataset, expected Dataset object but got {type(dataset).__name__}.")
        super().__init__(list(datasets))
        first = datasets[0]._columns()
        for dataset in datasets[1:]:
            if dataset._columns() != first:
                raise ValueError(f"concat: every dataset must have the same columns, but got {first} and "
                                 f"{dataset._columns()}.")

    def _static_size(self):
        sizes = [c._static_size() for c in self.children]
        return None if any(s is None for s in sizes) else sum(sizes)

    def _build(self, build):
        parents = [c._build(build) for c in self.children]
        if all(isinstance(p, grain.MapDataset) for p in parents):
            return grain.MapDataset.concatenate(parents)
        return _grain_nodes.PythonIterDataset(
            lambda: itertools.chain.from_iterable(build.as_iter(p) for p in parents))


class ProjectDataset(UnionBaseDataset):
    """Only `columns`, in that order."""

    def __init__(self, input_dataset, columns):
        super().__init__([input_dataset])
        self.columns = check_columns(columns, "columns")
        missing_columns(self.columns, input_dataset._columns(), "project")
        self._positions = [input_dataset._columns().index(c) for c in self.columns]

    def _columns(self):
        return list(self.columns)

    def _static_size(self):
        return self.children[0]._static_size()

    def _build(self, build):
        positions = self._positions
        return self.children[0]._build(build).map(lambda row: tuple(row[i] for i in positions))


class RenameDataset(UnionBaseDataset):
    """The same rows, columns renamed."""

    def __init__(self, input_dataset, input_columns, output_columns):
        super().__init__([input_dataset])
        input_columns = check_columns(input_columns, "input_columns")
        output_columns = check_columns(output_columns, "output_columns")
        if len(input_columns) != len(output_columns):
            raise ValueError("Number of column in input_columns and output_columns is not equal.")
        missing_columns(input_columns, input_dataset._columns(), "rename")
        mapping = dict(zip(input_columns, output_columns))
        renamed = [mapping.get(c, c) for c in input_dataset._columns()]
        duplicates = sorted({c for c in renamed if renamed.count(c) > 1})
        if duplicates:
            raise ValueError(f"rename: the result would have duplicate column names {duplicates}.")
        self._renamed = renamed

    def _columns(self):
        return list(self._renamed)

    def _static_size(self):
        return self.children[0]._static_size()

    def _build(self, build):
        return self.children[0]._build(build)


class FilterDataset(UnionBaseDataset):
    """Only the rows for which `predicate(*input_columns)` is true."""

    def __init__(self, input_dataset, predicate, input_columns=None, num_parallel_workers=None):
        super().__init__([input_dataset], num_parallel_workers)
        if not callable(predicate):
            raise TypeError(f"predicate should be callable, but got {type(predicate).__name__}.")
        columns = input_dataset._columns()
        self.input_columns = check_columns(input_columns, "input_columns") if input_columns is not None \
            else list(columns)
        missing_columns(self.input_columns, columns, "filter")
        self.predicate = predicate
        self._positions = [columns.index(c) for c in self.input_columns]

    def _is_random_access(self):
        return False

    def _keep(self, row) -> bool:
        values = [row[i] for i in self._positions]
        try:
            verdict = self.predicate(*values)
        except (TypeError, ValueError, IndexError, KeyError) as error:
            raise type(error)(f"filter: predicate failed on column(s) {self.input_columns}: {error}") from error
        return bool(np.asarray(verdict).item()) if not isinstance(verdict, bool) else verdict

    def _build(self, build):
        parent = build.as_iter(self.children[0]._build(build))
        keep = self._keep
        return _grain_nodes.PythonIterDataset(lambda: (row for row in parent if keep(row)))
