"""The Python functions that differential cases hand to control-flow ops and transforms
(ForiLoop, Scan, grad, vmap, PyFunc, ...), one per use, each built from the framework module
it is given (`mindspore` or `sporax`).

A case names one of the drivers below with `init_kwargs={"driver": name}` (see
`differential_table_ops4.py`); `Runner.resolve` then calls `driver(framework, target)`, where
`target` is the case's target object (e.g. `mindspore.ops.grad`), and the driver returns the
callable that the case's Tensor arguments are passed to. The functions are defined on their
own lines (not as lambdas inside a call): MindSpore's graph parser reads their source.
"""
from __future__ import annotations

import numpy as np


# --- functions the drivers hand over --------------------------------------------------------------

def _sin_sum(fw):
    def sin_sum(x):
        return fw.ops.sin(x).sum()
    return sin_sum


def _sin_times(fw):
    def sin_times(x, y):
        return fw.ops.sin(x) * y
    return sin_times


def _row_sum(fw):
    def row_sum(x):
        return x.sum()
    return row_sum


# --- control flow ----------------------------------------------------------------------------------

def fori_loop(fw, target):
    def body(i, value):
        return value * 0.5 + fw.ops.sin(value)

    def run(x):
        return target()(0, 3, body, x)
    return run


def while_loop(fw, target):
    def cond(value):
        return value.sum() < 40.0

    def body(value):
        return value * 2.0 + 1.0

    def run(x):
        return target()(cond, body, x)
    return run


def scan(fw, target):
    def step(carry, item):
        return carry + item, carry * item

    def run(init, xs):
        carry, ys = target()(step, init, [xs[0], xs[1], xs[2]])
        return carry, fw.ops.stack(ys)
    return run


def partial_add(fw, target):
    def run(x, y):
        return target(fw.ops.add, x)(y)
    return run


def partial_primitive(fw, target):
    def run(x, y):
        return target()(fw.ops.mul, x)(y)
    return run


def multitype_func_graph(fw, target):
    add = target("add")

    @add.register("Tensor", "Tensor")
    def add_tensors(x, y):
        return fw.ops.add(x, y)

    @add.register("Number", "Tensor")
    def add_number(x, y):
        return fw.ops.mul(y, x)

    def run(x, y):
        return add(x, y), add(3.0, y)
    return run


def update_state(fw, target):
    def run(x, y):
        return target()(x, y)
    return run


def depend(fw, target):
    def run(x, y):
        return target(x, fw.ops.mul(y, 2.0))
    return run


# --- Python functions as ops ------------------------------------------------------------------------

def _double_plus_one(x):
    return x * 2.0 + 1.0


def py_func(fw, target):
    prim = target(_double_plus_one, [fw.float32], [(2, 3)], [fw.float32], [(2, 3)], stateful=False)

    def run(x):
        return prim(x)
    return run


def _same_shape(shape):
    return shape


def _same_dtype(dtype):
    return dtype


def custom_pyfunc(fw, target):
    prim = target(_double_plus_one, out_shape=_same_shape, out_dtype=_same_dtype, func_type="pyfunc")

    def run(x):
        return prim(x)
    return run


def _weighted(x, y):
    return x * y + x


def morph(fw, target):
    """Morph runs only in a graph (MindSpore: GRAPH_MODE), here a jit function."""
    prim = target(_weighted, _first_shape, _first_dtype)

    @fw.jit
    def run(x, y):
        return prim(x, y)
    return run


def reusing(fw, target):
    return target()(_row_sum(fw))


def _first_shape(*shapes):
    return shapes[0]


def _first_dtype(*dtypes):
    return dtypes[0]


# --- gradient hooks ----------------------------------------------------------------------------------

def hook_backward(fw, target):
    def triple(grad):
        return (grad[0] * 3.0,) if isinstance(grad, tuple) else grad * 3.0

    hook = target(triple)

    def forward(x):
        return (hook(x * 2.0) * x).sum()

    def run(x):
        return fw.ops.grad(forward)(x)
    return run


def insert_gradient_of(fw, target):
    def clip(grad):
        return fw.ops.clip_by_value(grad, -0.5, 0.5)

    insert = target(clip)

    def forward(x):
        return (insert(x * 2.0) * x).sum()

    def run(x):
        return fw.ops.grad(forward)(x)
    return run


def stop_gradient_in_place(fw, target):
    def forward(x):
        y = x * 1.0
        target(y)
        return (y * x).sum()

    def run(x):
        return fw.ops.grad(forward)(x)
    return run


# --- transforms ---------------------------------------------------------------------------------------

def grad_sin_sum(fw, target):
    return target(_sin_sum(fw))


def grad_two_positions(fw, target):
    return target(_sin_times(fw), grad_position=(0, 1))


def value_and_grad_sin_sum(fw, target):
    return target(_sin_sum(fw))


def get_grad_by_id(fw, target):
    def run(x, y):
        grads = fw.ops.grad(_sin_times(fw), grad_position=(0, 1), return_ids=True)(x, y)
        return target(grads, 1)
    return run


def vjp_sin(fw, target):
    def run(x, v):
        out, pullback = target(fw.ops.sin, x)
        return out, pullback(v)
    return run


def jvp_sin(fw, target):
    def run(x, v):
        return target(fw.ops.sin, x, v)
    return run


def linearize_sin(fw, target):
    def run(x, v):
        out, tangent_map = target(fw.ops.sin, x)
        return out, tangent_map(v)
    return run


def jacobian_sin(fw, target):
    return target(fw.ops.sin)


def vmap_row_sum(fw, target):
    return target(_row_sum(fw))


def vmap_in_axes(fw, target):
    return target(_sin_times(fw), in_axes=(1, None), out_axes=0)


def grad_operation_sin_sum(fw, target):
    return target()(_sin_sum(fw))


def grad_operation_all_sens(fw, target):
    op = target(get_all=True, sens_param=True)(_sin_times(fw))

    def run(x, y, sens):
        return op(x, y, sens)
    return run


def private_grad_by_position(fw, target):
    op = target(get_by_position=True)(_sin_times(fw), None, (1,))

    def run(x, y):
        return op(x, y)
    return run


def private_vmap(fw, target):
    return target()(_row_sum(fw))


# --- Primitive base classes and decorators ---------------------------------------------------------

def constexpr_shape_product(fw, target):
    @target
    def shape_product(shape):
        return int(np.prod(shape))

    def run(x):
        return fw.ops.mul(x, shape_product(x.shape))
    return run


# --- tuple-output primitives compared by their first output (MindSpore CPU has no kernel) -----------

def first_output(fw, target):
    prim = target()

    def run(*args):
        return prim(*args)[0]
    return run


# --- names that MindSpore runs only inside a graph ------------------------------------------------------

def in_graph(fw, target):
    def run(*args):
        @fw.jit
        def graph(*tensors):
            return target(*args)
        return graph()
    return run


# --- user primitives: the base classes and decorators a ported custom op is built from ---------------

def custom_primitives(fw, target):
    """Primitive, PrimitiveWithInfer and PrimitiveWithCheck subclasses whose attributes come from
    prim_attr_register (read back as instance attributes, as MindSpore sets them)."""
    ops = fw.ops

    class Scale(ops.PrimitiveWithInfer):
        @ops.prim_attr_register
        def __init__(self, factor=2.0):
            pass

        def infer_shape(self, shape):
            return shape

        def infer_dtype(self, dtype):
            return dtype

        def __call__(self, x):
            return ops.mul(x, self.factor)

    class Shift(ops.PrimitiveWithCheck):
        @ops.prim_attr_register
        def __init__(self, by=1.0):
            pass

        def check_shape(self, shape):
            return None

        def __call__(self, x):
            return ops.add(x, self.by)

    class Negate(ops.Primitive):
        @ops.prim_attr_register
        def __init__(self, k=3):
            pass

        def __call__(self, x):
            return ops.neg(x) * self.k

    def run(x):
        scale, shift, negate = Scale(3.0), Shift(by=0.5), Negate()
        return negate(shift(scale(x))), repr(scale), repr(shift), repr(negate), scale.factor, negate.k
    return run


def add_flags_function(fw, target):
    @target(test_flag=True)
    def double(x):
        return x * 2.0

    def run(x):
        return double(x), dict(double._func_graph_flags)
    return run


def _infer_same(*specs):
    return specs[0]


def ms_pyfunc(fw, target):
    Tensor = fw.Tensor

    def triple(x):
        return x * 3.0

    # (set here: this module's `from __future__ import annotations` would leave them as strings)
    triple.__annotations__ = {"x": Tensor, "return": Tensor}

    prim = target(_infer_same)(triple)

    def run(x):
        return prim(x)
    return run


def npu_float_status(fw, target):
    """Alloc, Clear, Get after finite ops, Get after an overflow (its sum > 0 as 1.0), Clear."""
    ops = fw.ops

    def run(x):
        status = ops.NPUAllocFloatStatus()()
        allocated = status * 1.0
        ops.NPUClearFloatStatus()(status)
        finite = ops.NPUGetFloatStatus()(status)
        ops.div(x, ops.zeros_like(x))
        overflow = ops.NPUGetFloatStatus()(status)
        cleared = ops.NPUClearFloatStatus()(status)
        flagged = ops.cast(overflow.sum() > 0, fw.float32).reshape((1,))
        return ops.concat([allocated, finite * 1.0, flagged, cleared * 1.0])
    return run


# --- (rest) graph-only helpers, summaries, Hybrid kernels, DLPack ---------------------------------------

def primitive_in_graph(fw, target):
    """A Primitive MindSpore runs only inside a graph (PyExecute: PyNative says 'Invalid primitive')."""
    def run(*args):
        @fw.jit
        def graph(*tensors):
            return target()(*args)
        return graph()
    return run


def row_tensor_part(fw, target):
    """A RowTensor built inside a graph (MindSpore's PyNative RowTensor is an 'External' to these
    getters), then read by `target`."""
    def run(indices, values, dense_shape):
        @fw.jit
        def graph(indices, values):
            return target(fw.ops.make_row_tensor(indices, values, dense_shape))
        return graph(indices, values)
    return run


def row_tensor_made(fw, target):
    """A RowTensor built by `target` inside a graph, returned as its parts."""
    def run(indices, values, dense_shape):
        @fw.jit
        def graph(indices, values):
            rows = target(indices, values, dense_shape)
            return rows.indices, rows.values, rows.dense_shape
        return graph(indices, values)
    return run


def summary_recorded(fw, target):
    """The summary operator's return value and what an open SummaryRecord collects from it for the
    next record(step): {tag: value}. Each framework keeps that in a private cache, read here."""
    import shutil
    import tempfile

    def collected():
        if fw.__name__ == "mindspore":
            from mindspore.ops.operations import debug_ops
            from mindspore.train.summary import summary_record
            summary_record._record_summary_tensor_data()
            data = summary_record._get_summary_tensor_data()
            debug_ops.SUMMARY_TENSOR_CACHE = []
            return dict(data)
        from sporax._runtime import summary_cache
        return {tag: fw.Tensor(value) for tag, _, value in summary_cache.take()}

    def run(name, value):
        directory = tempfile.mkdtemp(prefix="cases_rest-summary-")
        try:
            with fw.SummaryRecord(directory):
                collected()  # nothing left over from an earlier call
                out = target()(name, value)
                return out, collected()
        finally:
            shutil.rmtree(directory, ignore_errors=True)
    return run


def _mul_add_one(a, b):
    c = output_tensor(a.shape, a.dtype)  # noqa: F821 - the Hybrid DSL provides output_tensor
    for i0 in range(a.shape[0]):
        for i1 in range(a.shape[1]):
            c[i0, i1] = a[i0, i1] * b[i0, i1] + 1.0
    return c


def hybrid_kernel(fw, target):
    """A Hybrid-DSL function marked by kernel/ms_kernel, called directly on NumPy arrays (it runs
    as Python; MindSpore CPU cannot compile it into a Custom op without AKG)."""
    marked = target(_mul_add_one)

    def run(x, y):
        return marked(x.asnumpy(), y.asnumpy())
    return run


def dlpack_round_trip(fw, target):
    """`Tensor.to_dlpack` then `Tensor.from_dlpack`: the capsule carries the values, shape and dtype
    (a transposed view too)."""
    def run(x):
        return fw.Tensor.from_dlpack(x.to_dlpack()), fw.Tensor.from_dlpack(x.T.to_dlpack())
    return run


def through_module(fw, target):
    """`target` is a module MindSpore leaks into ops (ops.P, ops.array_ops, ...): the Primitive `name`
    read from it, built with `init`, called on the Tensors."""
    def run(name, init, *tensors):
        return getattr(target, name)(*init)(*tensors)
    return run


def batch_norm_training_in_graph(fw, target):
    """P.BatchNorm(is_training=True) in a Cell run in GRAPH_MODE, its statistics Parameters of the
    Cell: y, the reserve spaces and the Parameters after. (MindSpore CPU's batch_mean/batch_variance
    outputs hold whatever memory its kernel reuses, zeros or stale values, in either mode: sporax's
    documented batch statistics there are checked in tests/ops/test_batch_norm_training.py.)"""
    class Normalise(fw.nn.Cell):
        def __init__(self, scale, bias, mean, variance):
            super().__init__()
            self.norm = target(is_training=True, epsilon=1e-5, momentum=0.1)
            self.scale, self.bias, self.mean, self.variance = scale, bias, mean, variance

        def construct(self, x):
            return self.norm(x, self.scale, self.bias, self.mean, self.variance)

    def run(x, scale, bias, mean, variance):
        fw.set_context(mode=fw.GRAPH_MODE)
        try:
            y, _, _, saved_mean, saved_variance = Normalise(scale, bias, mean, variance)(x)
            return y, saved_mean, saved_variance
        finally:
            fw.set_context(mode=fw.PYNATIVE_MODE)
    return run


def batch_norm_training_eager(fw, target):
    """P.BatchNorm(is_training=True) in PyNative: y, the reserve spaces and the Parameters after
    (see batch_norm_training_in_graph for batch_mean/batch_variance)."""
    def run(x, scale, bias, mean, variance):
        y, _, _, saved_mean, saved_variance = target(is_training=True, momentum=0.2)(x, scale, bias, mean, variance)
        return y, saved_mean, saved_variance
    return run


def train_layer_twice(fw, target):
    """A BatchNorm layer in training, called twice: its outputs and moving statistics after each."""
    def run(x, y):
        layer = target(x.shape[1], momentum=0.8)
        layer.set_train()
        first = layer(x)
        after_first = (layer.moving_mean * 1, layer.moving_variance * 1)
        second = layer(y)
        return first, after_first, second, layer.moving_mean * 1, layer.moving_variance * 1
    return run


def batch_statistics_in_eval(fw, target):
    """use_batch_statistics=True in evaluation: batch statistics, and the moving ones still updated
    (MindSpore's layer calls its training primitive)."""
    def run(x):
        layer = target(x.shape[1], use_batch_statistics=True)
        layer.set_train(False)
        return layer(x), layer.moving_mean * 1, layer.moving_variance * 1
    return run
