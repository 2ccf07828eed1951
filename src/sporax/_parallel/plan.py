"""Laying out a network's Parameters before its first sharded run.

`plan(cell, args)` traces the network once with shape-only Parameter values (nothing is
materialised): every sharded primitive that consumes a Parameter gives it its layout, the
first consumer winning; `Cell.shard(parameter_plan=...)` layouts come first. Optimizer
state (`moments.w`, ...) follows its Parameter's layout. Parameters with data are then
placed as shards; lazy ones materialise as shards when first used.
"""
from __future__ import annotations

import jax
from jax.sharding import NamedSharding, PartitionSpec

import numpy as np

from .. import context
from .._runtime import float_status, state_frame
from ..common.tensor import Tensor
from ..ops.primitive import Primitive
from . import mesh as _mesh, sharding as _sharding, strategy_file as _strategy_file
from .strategy import check_strategy


class _Pinned(Primitive):
    """Identity whose input is pinned to `in_strategy` (a Cell's shard() on its inputs/outputs)."""

    def __init__(self, strategy):
        super().__init__("Identity")
        self.add_prim_attr("in_strategy", (strategy,))

    def __call__(self, x):
        return Tensor._wrap(self._dispatch((x._value(),)))

    def _compute(self, x):
        return x


def engaged() -> bool:
    return _sharding.active()


def cell_shard(cell, in_strategy, out_strategy=None, parameter_plan=None):
    """`Cell.shard`: record the strategies of the cell's inputs, outputs and named Parameters."""
    name = type(cell).__name__
    check_strategy(name, "in_strategy", in_strategy)
    check_strategy(name, "out_strategy", out_strategy)
    if parameter_plan is not None:
        if not isinstance(parameter_plan, dict):
            raise TypeError(f"For '{name}.shard', the 'parameter_plan' must be a dict, but got "
                            f"{type(parameter_plan).__name__}.")
        names = cell.parameters_dict()
        for key, strategy in parameter_plan.items():
            if key not in names:
                raise ValueError(f"For '{name}.shard', the 'parameter_plan' names '{key}', which is not a Parameter "
                                 f"of the cell (its Parameters: {sorted(names)[:8]}...).")
            check_strategy(name, "parameter_plan", (strategy,))
    object.__setattr__(cell, "_shard_spec", (in_strategy, out_strategy, dict(parameter_plan or {})))
    return None  # MindSpore's Cell.shard returns nothing


def _pin(values, strategies):
    if strategies is None:
        return values
    pinned = list(values)
    tensors = [i for i, v in enumerate(values) if isinstance(v, Tensor)]
    if len(strategies) != len(tensors):
        raise ValueError(f"For 'Cell.shard', the strategy has {len(strategies)} entries, but the cell has "
                         f"{len(tensors)} tensor values.")
    for i, strategy in zip(tensors, strategies):
        if strategy is not None:
            pinned[i] = _Pinned(strategy)(values[i])
    return pinned


def _place_by_strategy(values, strategies, what):
    """Top-level Tensors on one device placed as global arrays by their strategies (a sharded
    function's inputs), so that one program runs over the whole mesh."""
    placed = list(values)
    tensors = [i for i, v in enumerate(values) if isinstance(v, Tensor)]
    for i, strategy in zip(tensors, strategies):
        value = values[i]._value()
        if strategy is None or isinstance(value, jax.core.Tracer) or not value.is_fully_addressable:
            continue
        sharding = _sharding.layout_of(strategy, value.shape, what, f"input {i}")[3]
        host = np.asarray(value) if jax.process_count() > 1 else None
        placed[i] = Tensor._wrap(jax.device_put(value, sharding) if host is None else
                                 jax.make_array_from_callback(host.shape, sharding, lambda index, h=host: h[index]))
    return placed


def function_shard(fn, in_strategy, out_strategy):
    """`ms.shard` on a function: a function running `fn` with its Tensor inputs laid out and
    pinned by `in_strategy` and its outputs pinned by `out_strategy` (under SEMI_AUTO_PARALLEL,
    or AUTO_PARALLEL propagating them; otherwise it is `fn`'s call)."""
    what = getattr(fn, "__name__", type(fn).__name__)
    check_strategy(what, "in_strategy", in_strategy)
    check_strategy(what, "out_strategy", out_strategy)

    def shard_fn(*args):
        if engaged():
            args = _pin(_place_by_strategy(args, in_strategy, what) if state_frame.active() is None else args,
                        in_strategy)
        out = fn(*args)
        if engaged() and out_strategy is not None:
            outs = _pin(out if isinstance(out, tuple) else (out,), out_strategy)
            out = tuple(outs) if isinstance(out, tuple) else outs[0]
        return out

    shard_fn.__name__ = f"shard_{what}"
    shard_fn.__wrapped__ = fn
    return shard_fn


def _place_inputs(args):
    """Top-level inputs as global arrays by the dataset strategy: split along axis 0 over every
    device ('data_parallel'), replicated ('full_batch'), or by the given tuple of strategies."""
    strategy = context.get_auto_parallel_context("dataset_strategy")
    tensors = [i for i, a in enumerate(args) if isinstance(a, Tensor) and a.ndim > 0]
    if isinstance(strategy, tuple) and len(strategy) != len(tensors):
        raise ValueError(f"The 'dataset_strategy' has {len(strategy)} strategies, but the network got "
                         f"{len(tensors)} tensor inputs.")
    placed = list(args)
    count = _mesh.device_num()
    for k, i in enumerate(tensors):
        value = args[i]._value()
        if isinstance(value, jax.core.Tracer) or not value.is_fully_addressable:
            continue
        if isinstance(strategy, tuple):
            item = strategy[k]
        elif strategy == "full_batch":
            item = (1,) * value.ndim
        else:
            rows = value.shape[0] * jax.process_count()
            if rows % count:
                continue  # a batch that does not split over the devices stays as it is
            item = (count,) + (1,) * (value.ndim - 1)
        placed[i] = Tensor._wrap(_global_input(value, item, strategy, k))
    return placed


def _global_input(value, item, strategy, k):
    """One process's input as a global array. With 'data_parallel' each process holds its own
    rows of the batch (the global batch is their concatenation, in rank order); otherwise every
    process holds the whole batch."""
    if strategy == "data_parallel" and jax.process_count() > 1:
        shape = (value.shape[0] * jax.process_count(),) + tuple(value.shape[1:])
        sharding = _sharding.layout_of(item, shape, "dataset_strategy", f"input {k}")[3]
        return jax.make_array_from_process_local_data(sharding, np.asarray(value), shape)
    sharding = _sharding.layout_of(item, value.shape, "dataset_strategy", f"input {k}")[3]
    if jax.process_count() == 1:
        return jax.device_put(value, sharding)
    host = np.asarray(value)
    return jax.make_array_from_callback(host.shape, sharding, lambda index: host[index])


def plan(cell, args, kwargs) -> None:
    """Give every Parameter of `cell` its layout (shape-only trace), then place the data."""
    params = list(cell.get_parameters())
    for key, strategy in cell.__dict__.get("_shard_spec", (None, None, {}))[2].items():
        param = cell.parameters_dict()[key]
        _sharding.assign_layout(param, _sharding.layout_of(strategy, param.shape, type(cell).__name__,
                                                           f"Parameter '{key}'"))
    tensor_args = [(i, a) for i, a in enumerate(args) if isinstance(a, Tensor)]

    def trace(values, arrays):
        frame = state_frame.StateFrame("run", params, values, status=float_status.Register(False, None),
                                       rng_key=np.zeros(2, np.uint32))
        call_args = list(args)
        for (i, _), array in zip(tensor_args, arrays):
            call_args[i] = Tensor._wrap(array)
        with frame:
            cell._run(tuple(call_args), kwargs)
        return 0

    shapes = [jax.ShapeDtypeStruct(p.shape, p.dtype.to_numpy()) for p in params]
    arrays = [jax.ShapeDtypeStruct(a.shape, a.dtype.to_numpy()) for _, a in tensor_args]
    _sharding.planning[0] = True
    try:
        jax.eval_shape(trace, shapes, arrays)
    finally:
        _sharding.planning[0] = False
    optimizer_parallel = context.get_auto_parallel_context("enable_parallel_optimizer")
    if optimizer_parallel:  # every trainable Parameter is laid out, so its copies can be split
        for param in params:
            if param.requires_grad and "_parallel_layout" not in param.__dict__ and param.ndim:
                object.__setattr__(param, "_parallel_layout", _sharding.layout_of(
                    (1,) * param.ndim, param.shape, type(cell).__name__, f"Parameter '{param.name}'"))
    laid_out = {p.name: p for p in params if "_parallel_layout" in p.__dict__}
    for param in params:
        layout = param.__dict__.get("_parallel_layout")
        if layout is None:  # optimizer state follows its Parameter: '<state>.<name>'
            owner = next((laid_out[n] for n in laid_out if param.name.endswith("." + n)), None)
            if owner is None or owner.shape != param.shape:
                _replicate(param)  # one program over the mesh: every input lives on its devices
                continue
            layout = owner._parallel_layout
        if "_sharding" not in param.__dict__:
            if optimizer_parallel:
                layout = _split_copies(layout, param.shape)
            _sharding.assign_layout(param, layout)
    object.__setattr__(cell, "_parallel_planned", True)
    save_file = context.get_auto_parallel_context("strategy_ckpt_config")["save_file"]
    if save_file and jax.process_index() == 0:
        _strategy_file.write(save_file, {p.name: p._parallel_layout for p in params
                                         if "_sharding" in p.__dict__})


def _split_copies(layout, shape):
    """Optimizer parallel (`enable_parallel_optimizer=True`): a Parameter (and its optimizer
    state) whose layout leaves copies on several devices — device-matrix axes its tensor map
    does not use — is split further along axis 0 over those devices, so each holds 1/copies
    of its slice. GSPMD then gathers the weight where an operator needs its own layout and
    reduce-scatters the gradient into the split, which is MindSpore's parallel optimizer;
    the update itself is elementwise on each part, so the values do not change. An axis 0
    that does not divide stays as it was (MindSpore also leaves such a Parameter whole)."""
    device_matrix, tensor_map, slice_shape, sharding = layout[:4]
    used = {k for entry in tensor_map for k in (entry if isinstance(entry, tuple) else (entry,)) if k != -1}
    copies = [len(device_matrix) - 1 - m for m in range(len(device_matrix))
              if len(device_matrix) - 1 - m not in used and device_matrix[m] > 1]
    count = 1
    for k in copies:
        count *= device_matrix[len(device_matrix) - 1 - k]
    if not copies or not slice_shape or slice_shape[0] % count:
        return layout
    first = tensor_map[0] if isinstance(tensor_map[0], tuple) else (tensor_map[0],)
    first = tuple(k for k in first if k != -1) + tuple(sorted(copies, reverse=True))
    split_map = ((first if len(first) > 1 else first[0]),) + tuple(tensor_map[1:])
    split = _mesh.named_sharding(device_matrix, split_map, "enable_parallel_optimizer")
    split_shape = (slice_shape[0] // count,) + tuple(slice_shape[1:])
    return (device_matrix, tensor_map, slice_shape, split, split_shape, count)


def _replicate(param) -> None:
    """A Parameter no strategy splits (a step counter, a scalar) held whole on every device."""
    data = param._stored_value()  # it is about to be used: materialising now costs nothing extra
    if data.is_fully_addressable:
        host = np.asarray(data)
        sharding = NamedSharding(_mesh.mesh(), PartitionSpec())
        param._store(jax.make_array_from_callback(host.shape, sharding, lambda index: host[index]))


def _restore_shards(cell) -> None:
    """A laid-out Parameter whose value was replaced by a whole array (set_data, a checkpoint
    load) is split back into its shards before the run."""
    laid_out = cell.__dict__.get("_laid_out")
    if laid_out is None:
        laid_out = [p for p in cell.get_parameters() if "_sharding" in p.__dict__]
        object.__setattr__(cell, "_laid_out", laid_out)
    for param in laid_out:
        data = param.__dict__["_data"]
        if isinstance(data, jax.Array) and data.sharding != param._sharding:
            _sharding.assign_layout(param, param._parallel_layout)


def call(cell, args, kwargs, run):
    """Run `cell` under the parallel context: plan once at the top level, pin shard() strategies."""
    top_level = state_frame.active() is None
    if top_level:
        args = tuple(_place_inputs(args))
        if not cell.__dict__.get("_parallel_planned"):
            plan(cell, args, kwargs)
        _restore_shards(cell)
    spec = cell.__dict__.get("_shard_spec")
    if spec is not None:
        args = tuple(_pin(args, spec[0]))
    out = run(args, kwargs)
    if spec is not None and spec[1] is not None:
        outs = _pin(out if isinstance(out, tuple) else (out,), spec[1])
        out = tuple(outs) if isinstance(out, tuple) else outs[0]
    return out


def layout_dict(cell) -> dict:
    """`Cell.parameter_layout_dict`: {name: [device_matrix, tensor_map, slice_shape, field_size,
    uniform_split, opt_shard_group]} for every laid-out Parameter."""
    result = {}
    for param in cell.get_parameters():
        layout = param.__dict__.get("_parallel_layout")
        if layout is not None and "_sharding" in param.__dict__:
            device_matrix, tensor_map, slice_shape = layout[:3]
            group = f"{layout[5]}-optimizer_shard" if len(layout) > 5 else ""  # the copies that split it
            result[param.name] = [list(device_matrix), list(tensor_map), list(slice_shape), 0, True, group]
    return result
