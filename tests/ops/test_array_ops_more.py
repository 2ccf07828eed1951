"""The array primitives and functions added for issue 10 (opsarray): reprs as MindSpore 2.10
prints them, in-place writes to Parameters, graph == eager, and bad input refused with
MindSpore's error class and a message naming the op. Values are checked against MindSpore in
tests/data/differential_table_array.py."""
from __future__ import annotations

import numpy as np
import pytest

import sporax as ms
from sporax import Parameter, Tensor, ops


def f32(shape):
    return Tensor(np.arange(int(np.prod(shape)), dtype=np.float32).reshape(shape))


def i32(v):
    return Tensor(np.array(v, np.int32))


@pytest.mark.parametrize("prim, text", [
    (lambda: ops.IndexAdd(0), "Prim[IndexAdd]<axis=0, use_lock=True, check_index_bound=True, side_effect_mem=True>"),
    (lambda: ops.TensorScatterElements(0, "add"), "Prim[TensorScatterElements]<axis=0, reduce=1>"),
    (lambda: ops.SearchSorted(), "Prim[SearchSorted]<dtype=35, right=False>"),
    (lambda: ops.SearchSorted(ms.int32), "Prim[SearchSorted]<dtype=34, right=False>"),
    (lambda: ops.Bucketize([1.0, 2.0]), "Prim[Bucketize]<boundaries=[1.0, 2.0]>"),
    (lambda: ops.UniqueConsecutive(), "Prim[UniqueConsecutive]<return_inverse=False, return_counts=False, dim=None>"),
    (lambda: ops.TrilIndices(3, 3), "Prim[TrilIndices]<row=3, col=3, offset=0, dtype=Int32>"),
    (lambda: ops.LogSpace(), "Prim[LogSpace]<steps=10, base=10, dtype=Float32>"),
    (lambda: ops.ReverseSequence(1), "Prim[ReverseSequence]<seq_dim=1, batch_dim=0>"),
    (lambda: ops.InplaceUpdate((0,)), "Prim[InplaceUpdate]<indices=(0,)>"),
    (lambda: ops.SpaceToBatchND(2, [[0, 0], [0, 0]]), "Prim[SpaceToBatchND]<block_shape=(2, 2), paddings=[[0, 0], [0, 0]]>"),
    (lambda: ops.BatchToSpaceND(2, [[0, 0], [0, 0]]), "Prim[BatchToSpaceND]<block_shape=(2, 2)>"),
    (lambda: ops.DepthToSpace(2), "Prim[DepthToSpace]<block_size=2, data_format=NCHW>"),
    (lambda: ops.Pack(), "Prim[Pack]"),
    (lambda: ops.Unpack(), "Prim[Unpack]"),
    (lambda: ops.GatherV2(), "Prim[GatherV2]<batch_dims=0>"),
    (lambda: ops.ScatterNdMul(), "Prim[ScatterNdMul]<use_locking=False, side_effect_mem=True>"),
    (lambda: ops.ScatterMul(), "Prim[ScatterMul]<use_locking=False, side_effect_mem=True>"),
    (lambda: ops.InplaceIndexAdd(0), "Prim[InplaceIndexAdd]<axis=0, side_effect_mem=True>"),
    (lambda: ops.DynamicShape(), "Prim[DynamicShape]<is_dynamic_shape=True>"),
    (lambda: ops.FillDiagonal(1.0), "Prim[FillDiagonal]<fill_value=1.0, wrap=False>"),
    (lambda: ops.Expand(), "Prim[Expand]<max_length=1000000>"),
    (lambda: ops.Padding(), "Prim[Padding]<pad_dim_size=8>"),
    (lambda: ops.SparseTensorDenseMatmul(),
     "Prim[SparseTensorDenseMatmul]<adjoint_st=False, adjoint_dt=False, adjoint_a=False, adjoint_b=False>"),
])
def test_primitive_reprs_match_mindspore(prim, text):
    assert repr(prim()) == text


def test_scatter_reductions_write_the_parameter_in_place():
    p = Parameter(Tensor(np.full((3, 2), 2.0, np.float32)), name="p")
    out = ops.scatter_mul(p, i32([0, 2]), Tensor(np.full((2, 2), 3.0, np.float32)))
    np.testing.assert_array_equal(p.asnumpy(), [[6, 6], [2, 2], [6, 6]])
    np.testing.assert_array_equal(out.asnumpy(), p.asnumpy())
    ops.scatter_nd_max(p, i32([[1, 0]]), Tensor([9.0], ms.float32))
    assert p.asnumpy()[1, 0] == 9.0
    ops.ScatterDiv()(p, i32([0]), Tensor(np.full((1, 2), 2.0, np.float32)))
    np.testing.assert_array_equal(p.asnumpy()[0], [3, 3])


def test_index_add_writes_a_parameter_and_a_plain_tensor_in_place():
    """MindSpore 2.10 PyNative writes a plain Tensor x too (and returns a new Tensor)."""
    x = f32((3, 2))
    before = x.asnumpy().copy()
    out = ops.index_add(x, i32([0, 2]), Tensor(np.ones((2, 2), np.float32)), 0)
    np.testing.assert_array_equal(out.asnumpy(), before + [[1, 1], [0, 0], [1, 1]])
    np.testing.assert_array_equal(x.asnumpy(), out.asnumpy())
    p = Parameter(f32((3, 2)), name="p")
    ops.inplace_index_add(p, i32([1, 1]), Tensor(np.ones((2, 2), np.float32)), 0)
    np.testing.assert_array_equal(p.asnumpy(), before + [[0, 0], [2, 2], [0, 0]])


def test_refused_scatter_leaves_the_parameter_unchanged():
    p = Parameter(Tensor(np.ones((3, 2), np.float32)), name="p")
    with pytest.raises(ValueError, match="ScatterMul"):
        ops.scatter_mul(p, i32([0]), Tensor(np.ones((2, 2), np.float32)))
    np.testing.assert_array_equal(p.asnumpy(), np.ones((3, 2)))


def test_array_ops_in_a_compiled_graph_equal_eager():
    def program(x, index, lengths):
        a = ops.index_select(x, 1, index)
        b = ops.tensor_scatter_elements(x, ops.zeros_like(index).reshape(1, -1).astype(ms.int64),
                                        ops.ones((1, 2), ms.float32), 0, "add")
        c = ops.unsorted_segment_sum(x, lengths, 3)
        d = ops.reverse_sequence(x, lengths, 1)
        e = ops.diagonal(x, 1) + ops.rot90(x, 1, (0, 1)).sum()
        f = ops.searchsorted(ops.arange(0, 5, 1, dtype=ms.float32), x)
        return a, b, c, d, e, f, ops.repeat_interleave(x, 2, 1), ops.matrix_band_part(x, 1, 0)

    x, index, lengths = f32((3, 4)), i32([0, 2]), i32([1, 2, 0])
    eager = program(x, index, lengths)
    graph = ms.jit(program)(x, index, lengths)
    for e, g in zip(eager, graph):
        assert e.dtype == g.dtype
        np.testing.assert_array_equal(e.asnumpy(), g.asnumpy())


def test_value_dependent_shapes_refuse_inside_a_graph():
    with pytest.raises(TypeError, match="UniqueConsecutive.*PYNATIVE_MODE"):
        ms.jit(lambda x: ops.unique_consecutive(x))(i32([1, 1, 2]))


def test_gradients_flow_through_scatter_and_segment_ops():
    def loss(x):
        return ops.unsorted_segment_sum(ops.diag_embed(x), i32([0, 0]), 1).sum() * 2

    grad = ops.grad(loss)(Tensor(np.ones((2, 2), np.float32)))
    np.testing.assert_array_equal(grad.asnumpy(), np.full((2, 2), 2.0))


@pytest.mark.parametrize("call, error, words", [
    (lambda: ops.index_select(f32((3, 4)), 1, Tensor([[0, 1]], ms.int32)), ValueError, "index_select"),
    (lambda: ops.index_select(f32((3, 4)), 2, i32([0])), ValueError, "index_select"),
    (lambda: ops.index_select(f32((3, 4)), 1, Tensor([0.0])), TypeError, "index_select"),
    (lambda: ops.tensor_scatter_sub(f32((3, 4)), i32([[0]]), f32((2, 4))), ValueError, "TensorScatterSub"),
    (lambda: ops.tensor_scatter_elements(f32((3, 4)), Tensor([[5]], ms.int64), f32((1, 1))), ValueError,
     "TensorScatterElements"),
    (lambda: ops.TensorScatterElements(0, "mul"), ValueError, "TensorScatterElements"),
    (lambda: ops.unsorted_segment_sum(f32((3, 4)), i32([0, 1]), 2), ValueError, "UnsortedSegmentSum"),
    (lambda: ops.unsorted_segment_sum(f32((3, 4)), i32([0, 1, 1]), 0), ValueError, "UnsortedSegmentSum"),
    (lambda: ops.SegmentSum()(f32((3, 4)), i32([1, 0, 2])), ValueError, "SegmentSum"),
    (lambda: ops.searchsorted(f32((4,)), Tensor([1], ms.int32)), TypeError, "SearchSorted"),
    (lambda: ops.Bucketize([1, 2]), TypeError, "Bucketize"),
    (lambda: ops.tril_indices(-1, 3), ValueError, "TrilIndices"),
    (lambda: ops.rot90(f32((3, 4)), 1, (0, 0)), ValueError, "rot90"),
    (lambda: ops.repeat_interleave(f32((2, 3)), [1, 2, 3], 0), ValueError, "repeat_interleave"),
    (lambda: ops.diagonal(f32((3,))), ValueError, "diagonal"),
    (lambda: ops.select_scatter(f32((3, 4)), f32((3,)), 0, 1), ValueError, "select_scatter"),
    (lambda: ops.slice_scatter(f32((3, 4)), f32((3, 3)), 1, 0, 4, 2), ValueError, "slice_scatter"),
    (lambda: ops.hsplit(f32((3, 5)), 2), ValueError, "hsplit"),
    (lambda: ops.SpaceToDepth(2)(f32((1, 1, 3, 4))), ValueError, "SpaceToDepth"),
    (lambda: ops.BatchToSpaceND(2, [[0, 0], [0, 0]])(f32((3, 1, 2, 2))), ValueError, "BatchToSpaceND"),
    (lambda: ops.reverse_sequence(f32((3, 4)), i32([1, 2]), 1), ValueError, "ReverseSequence"),
    (lambda: ops.inplace_update(f32((3, 4)), f32((2, 4)), (1,)), ValueError, "InplaceUpdateV2"),
    (lambda: ops.inplace_add(f32((3, 4)), f32((1, 4)), (5,)), ValueError, "InplaceAdd"),
    (lambda: ops.expand(f32((2, 3)), Tensor([4, 4])), ValueError, "Expand"),
    (lambda: ops.scalar_cast(3.0, ms.int32), ValueError, "ScalarCast"),
    (lambda: ops.scalar_to_tensor("3"), TypeError, "ScalarToTensor"),
    (lambda: ops.UnravelIndex()(i32([12]), i32([3, 4])), ValueError, "UnravelIndex"),
    (lambda: ops.MaskedScatter()(f32((2, 2)), Tensor(np.ones((2, 2), bool)), f32((3,))), ValueError, "MaskedScatter"),
    (lambda: ops.take(f32((2, 2)), i32([4])), ValueError, "take"),
    (lambda: ops.is_nonzero(f32((2,))), RuntimeError, "is_nonzero"),
    (lambda: ops.LowerBound()(f32((4,)), f32((2,))), ValueError, "LowerBound"),
])
def test_bad_input_raises_mindspores_class_naming_the_op(call, error, words):
    with pytest.raises(error, match=words):
        call()


def test_value_shaped_ops_on_the_host_equal_numpy_and_keep_their_gradient():
    """NonZero and MaskedSelect size their output from the values, so they run in NumPy on the
    host; differentiated, the gather stays in JAX and routes the gradient to the kept places."""
    values = np.array([[0.0, 1.5, 0.0], [2.0, 0.0, -3.0]], np.float32)
    mask = np.array([True, False, True])
    np.testing.assert_array_equal(ops.nonzero(Tensor(values)).asnumpy(), np.argwhere(values))
    assert ops.nonzero(Tensor(values)).dtype == ms.int64
    np.testing.assert_array_equal(ops.masked_select(Tensor(values), Tensor(mask)).asnumpy(),
                                  np.broadcast_to(values, (2, 3))[np.broadcast_to(mask, (2, 3))])
    grad = ms.grad(lambda x: (ops.masked_select(x, Tensor(mask)) * 2).sum())(Tensor(values))
    np.testing.assert_array_equal(grad.asnumpy(), np.broadcast_to(mask * 2.0, (2, 3)))
    with pytest.raises(ValueError, match="For 'NonZero', the dimension of 'input' must be greater than or equal to 1"):
        ops.nonzero(Tensor(np.float32(3)))
