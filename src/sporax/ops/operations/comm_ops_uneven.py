"""The uneven gather and reduce-scatter primitives (`AllGatherV`, `ReduceScatterV`, in
`mindspore.ops.operations.comm_ops`), composed from the collectives of `comm_ops`.

AllGatherV sends this member's whole flat Tensor to every member (one uneven all-to-all);
ReduceScatterV reduces the whole flat Tensor over the group and keeps this member's segment.
"""
from __future__ import annotations

import numpy as np

from ...common.tensor import Tensor
from ...communication import _world
from ...communication.management import GlobalComm
from .array_ops import Concat
from .comm_ops import AllReduce, AlltoAllV, ReduceOp, _check_group, _check_op, _check_tensor, _Collective, _counts

__all__ = ["AllGatherV", "ReduceScatterV"]


class AllGatherV(_Collective):
    """Concatenate every member's flat Tensor (member j's has `output_split_sizes[j]` elements),
    in group-rank order. Nothing gathered gives a Tensor of shape () (no meaning), as in MindSpore."""

    def __init__(self, group=GlobalComm.WORLD_COMM_GROUP):
        super().__init__("AllGatherV")
        self.add_prim_attr("group", _check_group("AllGatherV", group))

    def __call__(self, input_x, output_split_sizes):
        _check_tensor("AllGatherV", "input_x", input_x)
        ranks = self._members()
        sizes = _counts("AllGatherV", "output_split_sizes", output_split_sizes, len(ranks))
        me = ranks.index(_world.state.rank)
        if input_x.ndim != 1 or input_x.shape[0] != sizes[me]:
            raise ValueError(f"For 'AllGatherV', the 'input_x' must be flat with output_split_sizes[{me}] = "
                             f"{sizes[me]} elements, but got shape {tuple(input_x.shape)}.")
        copies = Concat(0)([input_x] * len(ranks)) if len(ranks) > 1 else input_x
        return AlltoAllV(self.attrs["group"])(copies, [sizes[me]] * len(ranks), list(sizes))


class ReduceScatterV(_Collective):
    """Reduce (`op`: sum, max, min) the flat Tensor over the group; member j keeps its segment of
    `input_split_sizes[j]` elements. PROD is not supported, as in MindSpore."""

    def __init__(self, op=ReduceOp.SUM, group=GlobalComm.WORLD_COMM_GROUP):
        super().__init__("ReduceScatterV")
        if op == ReduceOp.PROD:
            raise ValueError("For 'ReduceScatterV', the 'op' PROD is not supported.")
        self.add_prim_attr("op", _check_op("ReduceScatterV", op))
        self.add_prim_attr("group", _check_group("ReduceScatterV", group))

    def __call__(self, input_x, input_split_sizes):
        _check_tensor("ReduceScatterV", "input_x", input_x)
        ranks = self._members()
        sizes = _counts("ReduceScatterV", "input_split_sizes", input_split_sizes, len(ranks))
        if input_x.ndim != 1 or input_x.shape[0] != sum(sizes):
            raise ValueError(f"For 'ReduceScatterV', the 'input_x' must be flat with sum(input_split_sizes) = "
                             f"{sum(sizes)} elements, but got shape {tuple(input_x.shape)}.")
        reduced = AllReduce(self.attrs["op"], self.attrs["group"])(input_x)
        me = ranks.index(_world.state.rank)
        start = sum(sizes[:me])
        if not sizes[me]:
            return Tensor(np.zeros((), input_x.dtype.to_numpy()))
        return reduced[start:start + sizes[me]]
