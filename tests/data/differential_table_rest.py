"""Differential cases (issue 10) for the last implemented names: the graph-level helpers MindSpore
runs only inside a graph (bool_*, scalar_ne, make_dict, dict_setitem, tail, zip_operation, the
`for`-loop protocol iter_converter/ms_hasnext/ms_next, the sparse constructors and RowTensor
getters, PyExecute), the summary operators with what a SummaryRecord collects from them, the
Hybrid-DSL marks kernel/ms_kernel, DLPack, and the modules MindSpore leaks into `ops`
(`P`, `array_ops`, `linalg_ops`, `other_ops`), each called through. Outputs from MindSpore 2.10
CPU via `make_differential_outputs.py _rest`.

Names MindSpore refuses in PyNative ("has no attr: __infer__", "Invalid primitive") run inside
`jit` on both sides (the `in_graph` / `primitive_in_graph` drivers of differential_functions.py).
Each name has cases that tell it from its neighbours (bool_and from bool_or: (True, False)).
Where MindSpore CPU cannot run a name at all, MINDSPORE_CPU_EQUIVALENT says what MindSpore CPU
computes instead, or MINDSPORE_CPU_WRONG gives a float64 reference.
"""
from __future__ import annotations

import numpy as np

from differential_cases import CSR, D, P, Rows, T, call, error

TAG = "rest"
X = T((2, 3))
CSR_A = CSR("float32", dense=(3, 4), nnz=5)
CSR_B = CSR("float32", dense=(4, 2), nnz=4)
ROWS = Rows("float32", dense=(4, 3), nnz=2)
Y = T((2, 3), "float32", "positive")


def case(target, *args, **kwargs):
    return call(target, *args, tag=TAG, **kwargs)


def driven(target, driver, *args, **kwargs):
    return call(target, *args, tag=TAG, init_kwargs={"driver": driver}, **kwargs)


def graph(target, *args):
    return driven(target, "in_graph", *args)


def refused(target, *args, **kwargs):
    return error(target, *args, **kwargs)


# (use_nesterov, gradient_scale) that MindSpore's CPU kernel ignores
_MOMENTUM_SETTINGS = [(True, 1.0), (False, 0.5), (True, 0.25)]
MOMENTUM_OPTIONS = [call("ops.ApplyMomentum", P((2, 3)), P((2, 3)), 0.1, T((2, 3)), 0.9, init=(),
                         init_kwargs={"use_nesterov": nesterov, "gradient_scale": scale},
                         tag=f"{TAG}:use_nesterov={nesterov},gradient_scale={scale}")
                    for nesterov, scale in _MOMENTUM_SETTINGS]

CASES = [
    # --- Python-value helpers (MindSpore: only inside a graph) ------------------------------------
    graph("ops.bool_and", True, False),
    graph("ops.bool_and", True, True),
    graph("ops.bool_or", True, False),
    graph("ops.bool_or", False, False),
    graph("ops.bool_eq", True, False),
    graph("ops.bool_eq", False, False),
    graph("ops.scalar_ne", 1, 2),
    graph("ops.scalar_ne", 3, 3),
    graph("ops.scalar_ne", 2, 2.0),
    graph("ops.scalar_ne", 2.5, 1.5),
    graph("ops.make_dict", ("a", "b"), (X, Y)),
    graph("ops.make_dict", ("k",), (7,)),
    graph("ops.dict_setitem", {"a": X}, "b", Y),
    graph("ops.dict_setitem", {"a": 1, "b": 2}, "a", 5),
    graph("ops.tail", (X, Y, 3)),
    graph("ops.tail", ()),
    graph("ops.composite.tail", (1, 2, 3)),
    graph("ops.zip_operation", (X, 1), (Y, 2, 3)),
    graph("ops.composite.zip_operation", (1, 2, 3), (4, 5, 6), (7, 8)),
    graph("ops.iter_converter", (X, Y)),
    graph("ops.iter_converter", {"a": 1, "b": 2}),
    graph("ops.composite.iter_converter", [1, 2]),
    graph("ops.ms_hasnext", (X, Y)),
    graph("ops.ms_hasnext", ()),
    graph("ops.composite.ms_hasnext", (1,)),
    graph("ops.ms_next", (X, Y, 3)),
    graph("ops.ms_next", [X, 1, 2]),
    graph("ops.composite.ms_next", (4, 5)),
    case("ops.SliceGetItem", slice(1, 5, 2), "start"),
    case("ops.SliceGetItem", slice(1, 5, 2), "stop"),
    case("ops.SliceGetItem", slice(1, 5, 2), "step"),
    refused("ops.SliceGetItem", (1, 2), "start"),
    # --- deprecated ScalarToArray (MindSpore: no infer in either mode; see MINDSPORE_CPU_EQUIVALENT)
    case("ops.scalar_to_array", 2.5),
    case("ops.scalar_to_array", 3),
    case("ops.ScalarToArray", -1.25, init=()),
    # --- PyExecute: a Python expression over named values, inside a graph
    driven("ops.PyExecute", "primitive_in_graph", "x + 1", ("x",), (X,)),
    driven("ops.PyExecute", "primitive_in_graph", "x * y", ("x", "y"), (X, Y)),
    # --- sparse constructors (graph) and RowTensor getters
    graph("ops.make_coo_tensor", T((2, 2), "int32", "index:3"), T((2,)), (3, 4)),
    graph("ops.make_sparse_tensor", T((3, 2), "int32", "index:2"), T((3,)), (2, 2)),
    graph("ops.make_csr_tensor", T((3,), "int32", "arange"), T((2,), "int32", "index:3"), T((2,)), (2, 3)),
    # (a graph returns a RowTensor to MindSpore's Python as the tuple of its parts: its parts are read)
    driven("ops.make_row_tensor", "row_tensor_made", T((2,), "int32", "index:4"), T((2, 3)), (4, 3)),
    driven("ops.make_row_tensor_inner", "row_tensor_made", T((1,), "int32", "index:2"), T((1, 3)), (2, 3)),
    driven("ops.row_tensor_get_values", "row_tensor_part", T((2,), "int32", "index:4"), T((2, 3)), (4, 3)),
    driven("ops.row_tensor_get_indices", "row_tensor_part", T((2,), "int32", "index:4"), T((2, 3)), (4, 3)),
    driven("ops.row_tensor_get_dense_shape", "row_tensor_part", T((2,), "int32", "index:4"), T((2, 3)), (4, 3)),
    case("ops.csr_mm", CSR_A, CSR_B),
    case("ops.row_tensor_add", ROWS, T((2, 3))),
    # --- summary operators: they return None and hand (tag, value) to the open SummaryRecord
    driven("ops.ScalarSummary", "summary_recorded", "loss", T(())),
    driven("ops.TensorSummary", "summary_recorded", "weights", X),
    driven("ops.HistogramSummary", "summary_recorded", "spread", T((4, 5))),
    driven("ops.ImageSummary", "summary_recorded", "picture", T((1, 3, 4, 4), "float32", "prob")),
    # --- Hybrid-DSL kernels called as Python
    driven("ops.kernel", "hybrid_kernel", X, Y),
    driven("ops.ms_kernel", "hybrid_kernel", X, Y),
    driven("ops.operations.kernel", "hybrid_kernel", X, Y),
    driven("ops.operations.ms_kernel", "hybrid_kernel", X, Y),
    # --- DLPack
    driven("Tensor.to_dlpack", "dlpack_round_trip", X),
    driven("Tensor.from_dlpack", "dlpack_round_trip", T((3, 2), "int64", "int")),
    # --- the modules MindSpore leaks into ops, called through
    case("ops.P.Add", X, Y, init=()),
    case("ops.P.MatMul", T((2, 3)), T((3, 4)), init=(False, False)),
    case("ops.array_ops.Transpose", T((2, 3, 4)), (2, 0, 1), init=()),
    case("ops.linalg_ops.Svd", T((3, 3)), init=(False, False)),
    case("ops.other_ops.IOU", T((3, 4), "float32", "boxes:8"), T((2, 4), "float32", "boxes:8"), init=()),
    driven("ops.P", "through_module", "Sub", (), X, Y),
    driven("ops.array_ops", "through_module", "Concat", (1,), (X, Y)),
    driven("ops.linalg_ops", "through_module", "Svd", (True, False), T((3, 2))),
    # --- BatchNorm in training writes its moving statistics in place (MindSpore CPU's batch_mean and
    # batch_variance outputs are reused memory: tests/ops/test_batch_norm_training.py checks sporax's)
    driven("ops.BatchNorm", "batch_norm_training_in_graph", T((4, 3, 2, 2)), P((3,)), P((3,)), P((3,)),
           P((3,), "float32", "positive")),
    driven("ops.BatchNorm", "batch_norm_training_in_graph", T((5, 2)), P((2,)), P((2,)), P((2,)),
           P((2,), "float32", "positive")),
    driven("ops.BatchNorm", "batch_norm_training_eager", T((4, 3, 2, 2)), P((3,)), P((3,)), P((3,)),
           P((3,), "float32", "positive")),
    driven("nn.BatchNorm2d", "train_layer_twice", T((4, 3, 2, 2)), T((4, 3, 2, 2))),
    driven("nn.BatchNorm1d", "train_layer_twice", T((6, 2)), T((6, 2))),
    driven("nn.BatchNorm2d", "batch_statistics_in_eval", T((4, 3, 2, 2))),
    # --- ApplyMomentum's use_nesterov and gradient_scale (MindSpore CPU ignores both: MINDSPORE_CPU_WRONG)
    case("ops.ApplyMomentum", P((2, 3)), P((2, 3)), 0.1, T((2, 3)), 0.9, init=()),
    *MOMENTUM_OPTIONS,
    # --- parameter names and keyword arguments of MindSpore 2.10 (api_coverage --mismatch)
    case("ops.div", T((2, 3)), T((2, 3), "float32", "nonzero"), rounding_mode="floor"),
    case("ops.div", T((2, 3)), T((2, 3), "float32", "nonzero"), rounding_mode="trunc"),
    case("ops.div", T((2, 3), "int32", "int"), T((2, 3), "int32", "nonzero"), rounding_mode="trunc"),
    case("ops.div", T((2, 3), "int32", "int"), T((2, 3), "int32", "nonzero"), rounding_mode="floor"),
    refused("ops.div", T((2, 3)), T((2, 3)), rounding_mode="round"),
    case("ops.softmax", T((2, 3)), 1, dtype=D("float16")),
    case("ops.sum", T((2, 3), "int32", "int"), 1, dtype=D("float32")),
    case("ops.mean", x=T((2, 3)), axis=1),
    case("ops.transpose", T((2, 3, 4)), dims=(2, 0, 1)),
    case("ops.scatter_nd_add", P((3, 2)), T((2, 1), "int32", "index:3"), T((2, 2)), True),
    case("numpy.arccos", input=T((2, 3), "float32", "unit")),
    case("numpy.negative", a=T((2, 3))),
    case("numpy.positive", a=T((2, 3))),
    driven("ops.other_ops", "through_module", "BoundingBoxEncode", (), T((3, 4), "float32", "boxes:8"),
           T((3, 4), "float32", "boxes:8")),
]


def _csr_product(ms, a_values, b_values):
    """MindSpore CPU's dense product of the two CSR matrices, back to CSR (to_csr keeps the nonzeros:
    with these values no product cancels, so they are the structural entries)."""
    a = CSR_A.build(ms, ms.Tensor(a_values)).to_dense()
    b = CSR_B.build(ms, ms.Tensor(b_values)).to_dense()
    return ms.ops.matmul(a, b).to_csr()


def _row_tensor_plus(ms, values, x):
    """RowTensorAdd (add_impl.py: 'Adds RowTensor and Tensor', a RowTensor of x's dtype): x added to
    the values, the rows and dense shape kept."""
    rows = ROWS.build(ms, ms.Tensor(values))
    return ms.RowTensor(rows.indices, ms.ops.add(rows.values, ms.Tensor(x)), rows.dense_shape)


def _r1_scalar_to_array(value):
    """MindSpore r1.x's ScalarToArray.infer_value (the last MindSpore that ran it): np.int32 for an
    int, np.float32 for a float, as a 0-D Tensor."""
    return lambda ms: ms.Tensor(np.array(value, np.int32 if isinstance(value, int) else np.float32))


# MindSpore 2.10 CPU cannot run these calls: what computes the same on MindSpore CPU, on the same inputs.
MINDSPORE_CPU_EQUIVALENT = {
    # csr_mm's CSR x CSR (SparseMatrixSparseMatMul) is GPU-only (its docstring: Supported Platforms GPU)
    CASES[[c.target for c in CASES].index("ops.csr_mm")].id: (
        "MindSpore CPU's dense matmul of the two CSR matrices' to_dense(), then Tensor.to_csr()", _csr_product),
    # RowTensorAdd has no kernel ("Unsupported op [RowTensorAdd] on CPU"; PyNative refuses a RowTensor input)
    CASES[[c.target for c in CASES].index("ops.row_tensor_add")].id: (
        "MindSpore's RowTensor(indices, values + x, dense_shape)", _row_tensor_plus),
}
# ScalarToArray: MindSpore 2.10 has no infer for it in PyNative ("has no attr:__infer__") or in a graph
# ("Operator 'ScalarToArray' is invalid"); the expected value is r1.x's infer_value on MindSpore 2.10's Tensor.
for _case in CASES:
    if _case.target in ("ops.scalar_to_array", "ops.ScalarToArray"):
        MINDSPORE_CPU_EQUIVALENT[_case.id] = (
            "MindSpore r1.x ScalarToArray.infer_value (int -> Int32, float -> Float32) built as a MindSpore Tensor",
            (lambda f: lambda ms: f(ms))(_r1_scalar_to_array(_case.args[0])))


def _momentum_reference(nesterov, scale):
    """The documented update (nn.Momentum's formula; gradient_scale as the Ascend AKG kernel applies
    it, the GPU kernel honours use_nesterov alike): g = gradient·gradient_scale, accum = accum·u + g,
    var -= lr·(g + accum·u) with Nesterov, else lr·accum. Returns (output = new var, (var, accum))."""
    def reference(var, accum, gradient):
        g = gradient * scale
        accum = accum * 0.9 + g
        var = var - 0.1 * (g + accum * 0.9 if nesterov else accum)
        return var, (var, accum)
    return reference


# MindSpore 2.10's CPU ApplyMomentum ignores use_nesterov and gradient_scale (it always runs the plain
# update): the float64 reference of the documented math instead (the test checks MindSpore still differs).
MINDSPORE_CPU_WRONG = {
    c.id: (f"MindSpore CPU's ApplyMomentum ignores use_nesterov={n} and gradient_scale={g}", _momentum_reference(n, g))
    for c, (n, g) in zip(MOMENTUM_OPTIONS, _MOMENTUM_SETTINGS)}
