"""Differential cases of the communication names, run on a 2-process world (ranks 0 and 1).

The ordinary tables (`differential_table*.py`) call one op in one process; a collective
needs every rank of its group to call it at once, so these cases are functions of
`(ms, rank)`, run by `tests/parallel/scripts/differential_ranks_worker.py` under
real MindSpore 2.10 (`msrun`, by `make_differential_ranks_outputs.py`, by hand) and under
sporax (`sporax launch`, by `tests/communication/test_differential_comm.py`), with the
framework's module passed in as `ms`. Each function returns its per-rank inputs and outputs
(`{"name": value}`); the test compares sporax's with MindSpore's stored ones.

`CASES` names, for the coverage counters (`bench/differential_coverage.py`), the path each
case calls (`target`) and the other framework names it uses (`F` in `args`): only the cases
MindSpore ran (the fixture's `observed`). MindSpore 2.10 CPU has no kernel for many of these
collectives; the fixture's `could_not_run` keeps, per case, the error it raised.
This module imports neither framework.
"""
from __future__ import annotations

import json
import pathlib

import numpy as np

from differential_cases import Case, F

RANKS = 2
RUNNERS = {}
CASES = []
# MindSpore raises here by design (not for want of a CPU kernel): the error is the observation
EXPECTED_ERRORS = {"comm/init_process_group/default_backend_on_cpu", "comm/init_process_group/mccl_again"}
# Where sporax's behaviour profile (shared/DESIGN.md) departs from MindSpore CPU on purpose:
# case -> (why, sporax's record on every rank)
PROFILE_DIFFERENCES = {
    "comm/init_process_group/default_backend_on_cpu": (
        "MindSpore CPU refuses the default backend 'hccl' (RuntimeError: 'hccl' is Ascend's); sporax runs Ascend "
        "scripts unmodified on CPU, as it accepts device_target='Ascend'", {"again": None}),
}


def case(name, target, *also):
    """Register `fn(ms, rank) -> {name: value}` as case `comm/<name>` calling `target` (and `also`)."""
    def register(fn):
        RUNNERS[f"comm/{name}"] = fn
        CASES.append(Case(f"comm/{name}", target, tuple(F(path) for path in also)))
        return fn
    return register


def draw(rank, shape, dtype, seed):
    """Rank `rank`'s seeded input: small integers for int32, normal values (f16: quarter steps) otherwise."""
    rng = np.random.default_rng(1000 * seed + rank)
    if dtype == "int32":
        return rng.integers(-9, 10, size=shape).astype(np.int32)
    if dtype == "float16":
        return (np.round(rng.normal(size=shape) * 4) / 4).astype(np.float16)
    return rng.normal(size=shape).astype(dtype)


def tensor(ms, array):
    return ms.Tensor(array)


REDUCE_OPS = ("sum", "max", "min", "prod")
DTYPES = ("float32", "int32", "float16")


# ---------------------------------------------------------------- primitives (ops.X)

def _all_reduce_primitive(op, dtype, seed):
    def run(ms, rank):
        x = draw(rank, (2, 3), dtype, seed)
        reduce_op = getattr(ms.ops.ReduceOp, op.upper())
        return {"x": x, "out": ms.ops.AllReduce(reduce_op)(tensor(ms, x))}
    return run


for _seed, (_op, _dtype) in enumerate([(o, d) for o in REDUCE_OPS for d in DTYPES]):
    case(f"AllReduce/{_op}/{_dtype}", "ops.AllReduce", "ops.ReduceOp")(_all_reduce_primitive(_op, _dtype, _seed))


@case("ReduceOp/values", "ops.ReduceOp")
def _reduce_op_values(ms, rank):
    return {name: getattr(ms.ops.ReduceOp, name) for name in ("SUM", "MAX", "MIN", "PROD")}


def _all_gather_primitive(dtype, seed):
    def run(ms, rank):
        x = draw(rank, (2, 3), dtype, seed)
        return {"x": x, "out": ms.ops.AllGather()(tensor(ms, x))}
    return run


for _seed, _dtype in enumerate(DTYPES):
    case(f"AllGather/{_dtype}", "ops.AllGather")(_all_gather_primitive(_dtype, 20 + _seed))


@case("AllGatherV/float32", "ops.AllGatherV")
def _all_gather_v(ms, rank):
    x = draw(rank, (rank + 2,), "float32", 30)
    return {"x": x, "out": ms.ops.AllGatherV()(tensor(ms, x), [2, 3])}


def _reduce_scatter_primitive(op, dtype, seed):
    def run(ms, rank):
        x = draw(rank, (4, 3), dtype, seed)
        return {"x": x, "out": ms.ops.ReduceScatter(getattr(ms.ops.ReduceOp, op.upper()))(tensor(ms, x))}
    return run


for _seed, (_op, _dtype) in enumerate([(o, d) for o in REDUCE_OPS for d in ("float32", "int32")]):
    case(f"ReduceScatter/{_op}/{_dtype}", "ops.ReduceScatter", "ops.ReduceOp")(
        _reduce_scatter_primitive(_op, _dtype, 40 + _seed))


@case("ReduceScatterV/sum/float32", "ops.ReduceScatterV")
def _reduce_scatter_v(ms, rank):
    x = draw(rank, (5,), "float32", 50)
    return {"x": x, "out": ms.ops.ReduceScatterV()(tensor(ms, x), [2, 3])}


@case("ReduceScatterV/max/float32", "ops.ReduceScatterV")
def _reduce_scatter_v_max(ms, rank):
    x = draw(rank, (5,), "float32", 51)
    return {"x": x, "out": ms.ops.ReduceScatterV(ms.ops.ReduceOp.MAX)(tensor(ms, x), [3, 2])}


@case("Broadcast/float32", "ops.Broadcast")
def _broadcast_primitive(ms, rank):
    x = draw(rank, (2, 3), "float32", 60)
    y = draw(rank, (3,), "int32", 61)
    out = ms.ops.Broadcast(1)((tensor(ms, x), tensor(ms, y)))
    return {"x": x, "y": y, "out0": out[0], "out1": out[1]}


@case("AlltoAll/float32", "ops.AlltoAll")
def _all_to_all_primitive(ms, rank):
    x = draw(rank, (4, 2), "float32", 70)
    return {"x": x, "out": ms.ops.AlltoAll(2, 0, 1)(tensor(ms, x))}


@case("AlltoAll/int32", "ops.AlltoAll")
def _all_to_all_primitive_int(ms, rank):
    x = draw(rank, (2, 4), "int32", 71)
    return {"x": x, "out": ms.ops.AlltoAll(2, 1, 0)(tensor(ms, x))}


@case("AlltoAllV/float32", "ops.AlltoAllV")
def _all_to_all_v_primitive(ms, rank):
    # rank 0 sends 1 element to itself and 2 to rank 1; rank 1 sends 3 to rank 0 and 1 to itself
    send = [[1, 2], [3, 1]][rank]
    recv = [[1, 3], [2, 1]][rank]
    x = draw(rank, (sum(send),), "float32", 80)
    return {"x": x, "out": ms.ops.AlltoAllV()(tensor(ms, x), send, recv)}


@case("AlltoAllVC/float32", "ops.AlltoAllVC")
def _all_to_all_vc_primitive(ms, rank):
    # send_count_matrix[i][j]: how many elements rank i sends to rank j (flattened, the same on every rank)
    matrix = [1, 2, 3, 1]
    x = draw(rank, (sum(matrix[2 * rank:2 * rank + 2]),), "float32", 90)
    return {"x": x, "out": ms.ops.AlltoAllVC()(tensor(ms, x), matrix)}


@case("Barrier/world", "ops.Barrier")
def _barrier_primitive(ms, rank):
    out = ms.ops.Barrier()()
    return {"out": out}


@case("Send/Receive/float32", "ops.Send", "ops.Receive")
def _send_receive_primitive(ms, rank):
    x = draw(rank, (2, 3), "float32", 100)
    if rank == 0:
        return {"x": x, "sent": ms.ops.Send(0, 1)(tensor(ms, x))}
    return {"x": x, "out": ms.ops.Receive(0, 0, [2, 3], ms.float32)()}


@case("BatchISendIRecv/float32_int32", "ops.BatchISendIRecv")
def _batch_isend_irecv_primitive(ms, rank):
    peer = 1 - rank
    x = draw(rank, (3,), ["float32", "int32"][rank], 110)
    received = ["int32", "float32"][rank]  # each rank receives the other's dtype
    op = ms.ops.BatchISendIRecv(("isend", "irecv"), (peer, peer), ([3],), (getattr(ms, received),))
    out = op((tensor(ms, x),))
    return {"x": x, "out0": out[0], "out1": out[1]}


# ---------------------------------------------------------------- functions (ops.x)

def _all_reduce_function(op, dtype, seed):
    def run(ms, rank):
        x = draw(rank, (3,), dtype, seed)
        t = tensor(ms, x)
        handle = ms.ops.all_reduce(t, op)
        return {"x": x, "inplace": t, "handle": handle}
    return run


for _seed, (_op, _dtype) in enumerate([(o, d) for o in REDUCE_OPS for d in DTYPES]):
    case(f"all_reduce/{_op}/{_dtype}", "ops.all_reduce")(_all_reduce_function(_op, _dtype, 200 + _seed))


@case("all_reduce/async/float32", "ops.all_reduce")
def _all_reduce_async(ms, rank):
    x = draw(rank, (3,), "float32", 220)
    t = tensor(ms, x)
    handle = ms.ops.all_reduce(t, ms.ops.ReduceOp.SUM, async_op=True)
    handle.wait()
    return {"x": x, "inplace": t}


@case("all_reduce/group/float32", "ops.all_reduce", "ops.new_group")
def _all_reduce_group(ms, rank):
    group = ms.ops.new_group([0, 1])
    x = draw(rank, (3,), "float32", 221)
    t = tensor(ms, x)
    ms.ops.all_reduce(t, "max", group=group)
    return {"x": x, "inplace": t, "group_is_str": isinstance(group, str)}


def _all_gather_into_tensor(dtype, seed):
    def run(ms, rank):
        x = draw(rank, (2, 2), dtype, seed)
        out = tensor(ms, np.zeros((4, 2), x.dtype))
        handle = ms.ops.all_gather_into_tensor(out, tensor(ms, x))
        return {"x": x, "out": out, "handle": handle}
    return run


for _seed, _dtype in enumerate(DTYPES):
    case(f"all_gather_into_tensor/{_dtype}", "ops.all_gather_into_tensor")(_all_gather_into_tensor(_dtype, 230 + _seed))


@case("all_gather_into_tensor/async/float32", "ops.all_gather_into_tensor")
def _all_gather_into_tensor_async(ms, rank):
    x = draw(rank, (3,), "float32", 233)
    out = tensor(ms, np.zeros(6, np.float32))
    ms.ops.all_gather_into_tensor(out, tensor(ms, x), async_op=True).wait()
    return {"x": x, "out": out}


@case("all_gather/float32", "ops.all_gather")
def _all_gather_function(ms, rank):
    x = draw(rank, (2, 3), "float32", 240)
    outs = [tensor(ms, np.zeros((2, 3), np.float32)) for _ in range(2)]
    handle = ms.ops.all_gather(outs, tensor(ms, x))
    return {"x": x, "out0": outs[0], "out1": outs[1], "handle": handle}


@case("all_gather/int32", "ops.all_gather")
def _all_gather_function_int(ms, rank):
    x = draw(rank, (4,), "int32", 241)
    outs = [tensor(ms, np.zeros(4, np.int32)) for _ in range(2)]
    ms.ops.all_gather(outs, tensor(ms, x), async_op=True).wait()
    return {"x": x, "out0": outs[0], "out1": outs[1]}


def _reduce_scatter_tensor(op, dtype, seed):
    def run(ms, rank):
        x = draw(rank, (4, 2), dtype, seed)
        out = tensor(ms, np.zeros((2, 2), x.dtype))
        handle = ms.ops.reduce_scatter_tensor(out, tensor(ms, x), op)
        return {"x": x, "out": out, "handle": handle}
    return run


for _seed, (_op, _dtype) in enumerate([(o, d) for o in REDUCE_OPS for d in ("float32", "int32")]):
    case(f"reduce_scatter_tensor/{_op}/{_dtype}", "ops.reduce_scatter_tensor")(
        _reduce_scatter_tensor(_op, _dtype, 250 + _seed))


@case("reduce_scatter/float32", "ops.reduce_scatter")
def _reduce_scatter_function(ms, rank):
    parts = [draw(rank, (3,), "float32", 260 + i) for i in range(2)]
    out = tensor(ms, np.zeros(3, np.float32))
    handle = ms.ops.reduce_scatter(out, [tensor(ms, p) for p in parts])
    return {"x0": parts[0], "x1": parts[1], "out": out, "handle": handle}


@case("reduce_scatter/max/int32", "ops.reduce_scatter")
def _reduce_scatter_function_max(ms, rank):
    parts = [draw(rank, (2, 2), "int32", 262 + i) for i in range(2)]
    out = tensor(ms, np.zeros((2, 2), np.int32))
    ms.ops.reduce_scatter(out, [tensor(ms, p) for p in parts], op="max", async_op=True).wait()
    return {"x0": parts[0], "x1": parts[1], "out": out}


def _reduce_function(op, dst, seed):
    def run(ms, rank):
        x = draw(rank, (3,), "float32", seed)
        t = tensor(ms, x)
        handle = ms.ops.reduce(t, dst, op)
        return {"x": x, "inplace": t, "handle": handle}
    return run


for _seed, (_op, _dst) in enumerate([("sum", 0), ("max", 1), ("min", 0), ("prod", 1)]):
    case(f"reduce/{_op}/dst{_dst}", "ops.reduce")(_reduce_function(_op, _dst, 270 + _seed))


@case("broadcast/float32", "ops.broadcast")
def _broadcast_function(ms, rank):
    x = draw(rank, (2, 3), "float32", 280)
    t = tensor(ms, x)
    handle = ms.ops.broadcast(t, 1)
    return {"x": x, "inplace": t, "handle": handle}


@case("broadcast/async/int32", "ops.broadcast")
def _broadcast_function_async(ms, rank):
    x = draw(rank, (4,), "int32", 281)
    t = tensor(ms, x)
    ms.ops.broadcast(t, 0, async_op=True).wait()
    return {"x": x, "inplace": t}


@case("scatter_tensor/float32", "ops.scatter_tensor")
def _scatter_tensor(ms, rank):
    x = draw(rank, (4, 2), "float32", 290)
    out = tensor(ms, np.zeros((2, 2), np.float32))
    handle = ms.ops.scatter_tensor(out, tensor(ms, x), src=1)
    return {"x": x, "out": out, "handle": handle}


@case("gather_into_tensor/float32", "ops.gather_into_tensor")
def _gather_into_tensor(ms, rank):
    x = draw(rank, (2, 2), "float32", 300)
    out = tensor(ms, np.zeros((4, 2), np.float32))
    handle = ms.ops.gather_into_tensor(out, tensor(ms, x), dst=0)
    return {"x": x, "out": out, "handle": handle}


@case("all_to_all/float32", "ops.all_to_all")
def _all_to_all_function(ms, rank):
    inputs = [draw(rank, (rank + 1 + i,), "float32", 310 + i) for i in range(2)]
    # rank r receives from rank j a piece of j + 1 + r elements
    outs = [tensor(ms, np.zeros(j + 1 + rank, np.float32)) for j in range(2)]
    handle = ms.ops.all_to_all(outs, [tensor(ms, v) for v in inputs])
    return {"x0": inputs[0], "x1": inputs[1], "out0": outs[0], "out1": outs[1], "handle": handle}


@case("all_to_all_single/even/float32", "ops.all_to_all_single")
def _all_to_all_single_even(ms, rank):
    x = draw(rank, (4, 2), "float32", 320)
    out = tensor(ms, np.zeros((4, 2), np.float32))
    handle = ms.ops.all_to_all_single(out, tensor(ms, x))
    return {"x": x, "out": out, "handle": handle}


@case("all_to_all_single/uneven/int32", "ops.all_to_all_single")
def _all_to_all_single_uneven(ms, rank):
    send = [[1, 2], [2, 0]][rank]
    recv = [[1, 2], [2, 0]][rank]
    x = draw(rank, (sum(send), 2), "int32", 321)
    out = tensor(ms, np.zeros((sum(recv), 2), np.int32))
    ms.ops.all_to_all_single(out, tensor(ms, x), recv, send, async_op=True).wait()
    return {"x": x, "out": out}


@case("send/recv/float32", "ops.send", "ops.recv")
def _send_recv(ms, rank):
    x = draw(rank, (2, 3), "float32", 330)
    t = tensor(ms, x)
    if rank == 0:
        ms.ops.send(t, 1)
        return {"x": x}
    status = ms.ops.recv(t, 0)
    return {"x": x, "inplace": t, "status": status}


@case("isend/irecv/int32", "ops.isend", "ops.irecv")
def _isend_irecv(ms, rank):
    x = draw(rank, (4,), "int32", 340)
    t = tensor(ms, x)
    if rank == 1:
        ms.ops.isend(t, 0).wait()
        return {"x": x}
    ms.ops.irecv(t, 1).wait()
    return {"x": x, "inplace": t}


@case("batch_isend_irecv/float32", "ops.batch_isend_irecv", "ops.P2POp", "ops.isend", "ops.irecv")
def _batch_isend_irecv(ms, rank):
    peer = 1 - rank
    x = draw(rank, (3,), "float32", 350)
    into = tensor(ms, np.zeros(3, np.float32))
    ops = [ms.ops.P2POp("isend", tensor(ms, x), peer), ms.ops.P2POp("irecv", into, peer)]
    handles = ms.ops.batch_isend_irecv(ops)
    for handle in handles:
        handle.wait()
    return {"x": x, "into": into, "handles": len(handles)}


@case("P2POp/attributes", "ops.P2POp", "ops.isend")
def _p2p_op(ms, rank):
    t = tensor(ms, np.zeros(2, np.float32))
    by_name, by_function = ms.ops.P2POp("isend", t, 1 - rank, tag=0), ms.ops.P2POp(ms.ops.isend, t, 1 - rank)
    return {"peer": by_name.peer, "tag": by_name.tag, "op": str(by_name.op), "group": by_name.group,
            "op_by_function": getattr(by_function.op, "__name__", str(by_function.op))}


@case("barrier/world", "ops.barrier")
def _barrier(ms, rank):
    first = ms.ops.barrier()
    second = ms.ops.barrier(async_op=True)
    second.wait()
    return {"handle": first}


# ---------------------------------------------------------------- objects (pickled into tensors)

@case("all_gather_object/dict", "ops.all_gather_object")
def _all_gather_object(ms, rank):
    found = [None, None]
    ms.ops.all_gather_object(found, {"rank": rank, "text": "x" * (rank + 3)})
    return {"found": found}


@case("broadcast_object_list/list", "ops.broadcast_object_list")
def _broadcast_object_list(ms, rank):
    objects = [{"from": rank}, (rank, "a" * (4 + rank))] if rank == 1 else [None, None]
    ms.ops.broadcast_object_list(objects, src=1)
    return {"objects": objects}


@case("gather_object/dst0", "ops.gather_object")
def _gather_object(ms, rank):
    found = [None, None] if rank == 0 else None
    ms.ops.gather_object([rank, "r" * (rank + 1)], found, dst=0)
    return {"found": found}


@case("scatter_object_list/src0", "ops.scatter_object_list")
def _scatter_object_list(ms, rank):
    got = [None]
    ms.ops.scatter_object_list(got, [{"to": 0}, ["to", 1, 1.5]] if rank == 0 else None, src=0)
    return {"got": got}


@case("send_object_list/recv_object_list", "ops.send_object_list", "ops.recv_object_list")
def _send_recv_object_list(ms, rank):
    if rank == 0:
        ms.ops.send_object_list([{"a": 1}, "two", 3.0], dst=1)
        return {}
    objects = [None, None, None]
    ms.ops.recv_object_list(objects, src=0)
    return {"objects": objects}


# ---------------------------------------------------------------- the process group

@case("process_group/queries", "ops.get_rank", "ops.get_world_size", "ops.get_backend", "ops.is_available",
      "ops.is_initialized", "ops.get_process_group_ranks", "ops.get_global_rank", "ops.get_group_rank",
      "ops.new_group")
def _queries(ms, rank):
    pair = ms.ops.new_group([1, 0])
    return {"rank": ms.ops.get_rank(), "world": ms.ops.get_world_size(), "backend": ms.ops.get_backend(),
            "available": ms.ops.is_available(), "initialized": ms.ops.is_initialized(),
            "ranks": ms.ops.get_process_group_ranks(), "pair_ranks": ms.ops.get_process_group_ranks(pair),
            "pair_rank": ms.ops.get_rank(pair), "pair_size": ms.ops.get_world_size(pair),
            "global_of_pair_0": ms.ops.get_global_rank(pair, 0), "pair_of_global_0": ms.ops.get_group_rank(pair, 0)}


@case("init_process_group/mccl_again", "ops.init_process_group", "ops.is_initialized")
def _init_again(ms, rank):
    return {"again": ms.ops.init_process_group(backend="mccl"), "still_initialized": ms.ops.is_initialized()}


@case("init_process_group/default_backend_on_cpu", "ops.init_process_group")
def _init_default_backend(ms, rank):
    return {"again": ms.ops.init_process_group()}  # backend='hccl' on CPU: MindSpore refuses


@case("destroy_process_group/created_group", "ops.destroy_process_group", "ops.new_group")
def _destroy_group(ms, rank):
    group = ms.ops.new_group([0, 1])
    return {"destroyed": ms.ops.destroy_process_group(group), "still_initialized": ms.ops.is_initialized()}


@case("barrier/world_group", "ops.barrier")
def _barrier_named_group(ms, rank):
    return {"handle": ms.ops.barrier(group=ms.communication.GlobalComm.WORLD_COMM_GROUP)}


@case("Broadcast/one_tensor/float32", "ops.Broadcast")
def _broadcast_primitive_one(ms, rank):
    x = draw(rank, (2, 3), "float32", 62)
    return {"x": x, "out": ms.ops.Broadcast(1)((tensor(ms, x),))[0]}



# ---------------------------------------------------------------- MindSpore's documented examples
# For the names MindSpore 2.10 CPU cannot run (no CPU kernel), the nearest real observation is
# the example in MindSpore's docstring with the output it prints (for 2 ranks; run on Ascend):
# each case below is that example, `DOCUMENTED[id][rank]` the printed values, transcribed.
# A Tensor is (MindSpore dtype name, values).

DOCUMENTED = {}


def documented(name, target, *also, expect):
    """Like `case`; `expect[rank]` is MindSpore's documented output on that rank."""
    def register(fn):
        case(f"doc/{name}", target, *also)(fn)
        DOCUMENTED[f"comm/doc/{name}"] = expect
        return fn
    return register


def _same(value):
    return {0: value, 1: value}


ONES_2x8 = ("Float32", [[1.0] * 8] * 2)


@documented("AllGatherV", "ops.AllGatherV", expect=_same({"out": ("Int64", [0, 1, 2, 0, 1, 2, 3])}))
def _doc_all_gather_v(ms, rank):
    return {"out": ms.ops.AllGatherV()(ms.Tensor([i for i in range(rank + 3)]), [3, 4])}


@documented("AlltoAll", "ops.AlltoAll",  # the docstring's 8-rank example, on 2 ranks
            expect=_same({"out": ("Float32", [[[[0.0, 1.0]]]])}))
def _doc_all_to_all(ms, rank):
    x = ms.Tensor(np.ones([1, 1, 2, 1]) * rank, dtype=ms.float32)
    return {"out": ms.ops.AlltoAll(split_count=2, split_dim=-2, concat_dim=-1)(x)}


@documented("AlltoAllV", "ops.AlltoAllV",
            expect={0: {"out": ("Float32", [0.0, 3.0, 4.0])}, 1: {"out": ("Float32", [1.0, 2.0, 5.0])}})
def _doc_all_to_all_v(ms, rank):
    send, numels = [([0, 1, 2.], [1, 2]), ([3, 4, 5.], [2, 1])][rank]
    return {"out": ms.ops.AlltoAllV()(ms.Tensor(send), numels, numels)}


@documented("AlltoAllVC", "ops.AlltoAllVC",
            expect={0: {"out": ("Float32", [0.0, 1.0, 2.0])}, 1: {"out": ("Float32", [0.0, 0.0, 0.0])}})
def _doc_all_to_all_vc(ms, rank):
    return {"out": ms.ops.AlltoAllVC()(ms.Tensor([0, 1, 2.]) * rank, ms.Tensor([[0, 3], [3, 0]]))}


@documented("Barrier", "ops.Barrier", expect=_same({"out": None}))
def _doc_barrier_primitive(ms, rank):
    return {"out": ms.ops.Barrier()()}


@documented("BatchISendIRecv", "ops.BatchISendIRecv",
            expect={0: {"out": {"tuple": [("Float32", 0.0), ("Float32", 2.0)]}},
                    1: {"out": {"tuple": [("Float32", 0.0), ("Float32", 1.0)]}}})
def _doc_batch_isend_irecv_primitive(ms, rank):
    op = ms.ops.BatchISendIRecv(("isend", "irecv"), [1 - rank, 1 - rank], [()], (ms.float32,))
    return {"out": op((ms.Tensor(rank + 1).astype(ms.float32),))}


@documented("Broadcast", "ops.Broadcast", expect=_same({"out": {"tuple": [("Int32", [[1] * 4] * 2)]}}))
def _doc_broadcast_primitive(ms, rank):
    return {"out": ms.ops.Broadcast(1)((ms.Tensor(np.ones([2, 4]).astype(np.int32)),))}


@documented("Send/Receive", "ops.Send", "ops.Receive", expect={0: {}, 1: {"out": ONES_2x8}})
def _doc_send_receive(ms, rank):
    if rank == 0:
        ms.ops.Send(sr_tag=0, dest_rank=1)(ms.Tensor(np.ones([2, 8]).astype(np.float32)))
        return {}
    return {"out": ms.ops.Receive(sr_tag=0, src_rank=0, shape=[2, 8], dtype=ms.float32)()}


@documented("ReduceScatter", "ops.ReduceScatter", "ops.ReduceOp", expect=_same({"out": ("Float32", [[2.0] * 8] * 4)}))
def _doc_reduce_scatter_primitive(ms, rank):
    return {"out": ms.ops.ReduceScatter(ms.ops.ReduceOp.SUM)(ms.Tensor(np.ones([8, 8]).astype(np.float32)))}


@documented("ReduceScatterV", "ops.ReduceScatterV",
            expect={0: {"out": ("Float32", [0.0, 2.0])}, 1: {"out": ("Float32", [4.0])}})
def _doc_reduce_scatter_v(ms, rank):
    return {"out": ms.ops.ReduceScatterV(ms.ops.ReduceOp.SUM)(ms.Tensor([0, 1, 2.0]), [2, 1])}


@documented("all_gather", "ops.all_gather", expect=_same({"out": [ONES_2x8, ONES_2x8]}))
def _doc_all_gather(ms, rank):
    outs = [ms.Tensor(np.zeros([2, 8]).astype(np.float32)), ms.Tensor(np.zeros([2, 8]).astype(np.float32))]
    ms.ops.all_gather(outs, ms.Tensor(np.ones([2, 8]).astype(np.float32)))
    return {"out": outs}


@documented("all_gather_into_tensor", "ops.all_gather_into_tensor",
            expect=_same({"out": ("Float32", [[1.0] * 8] * 4)}))
def _doc_all_gather_into_tensor(ms, rank):
    out = ms.Tensor(np.zeros([4, 8]).astype(np.float32))
    ms.ops.all_gather_into_tensor(out, ms.Tensor(np.ones([2, 8]).astype(np.float32)))
    return {"out": out}


@documented("all_gather_object", "ops.all_gather_object", expect=_same({"out": ["test", {1: 2}]}))
def _doc_all_gather_object(ms, rank):
    gathered = [None, None]
    ms.ops.all_gather_object(gathered, ["test", {1: 2}][rank])
    return {"out": gathered}


@documented("all_to_all", "ops.all_to_all",
            expect={0: {"out": [("Float32", 1.0), ("Float32", [2.0, 2.0])]},
                    1: {"out": [("Float32", [[2.0, 3.0], [4.0, 5.0]]), ("Float32", [4.0, 5.0, 6.0, 7.0])]}})
def _doc_all_to_all(ms, rank):
    if rank == 0:
        send = [ms.Tensor(1.), ms.Tensor([[2, 3], [4, 5.]])]
        into = [ms.Tensor((0), dtype=ms.float32), ms.Tensor([0, 0.])]
    else:
        send = [ms.Tensor([2, 2.]), ms.Tensor([4, 5, 6, 7.])]
        into = [ms.Tensor([[0, 0.], [0, 0]]), ms.Tensor([0, 0, 0, 0.])]
    ms.ops.all_to_all(into, send)
    return {"out": into}


@documented("all_to_all_single", "ops.all_to_all_single",
            expect={0: {"out": ("Float32", [[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [9.0, 10.0, 11.0]])},
                    1: {"out": ("Float32", [[6.0, 7.0, 8.0], [12.0, 13.0, 14.0]])}})
def _doc_all_to_all_single(ms, rank):
    if rank == 0:
        out = ms.Tensor(np.zeros([3, 3]).astype(np.float32))
        ms.ops.all_to_all_single(out, ms.Tensor([[0, 1, 2.], [3, 4, 5], [6, 7, 8]]), [2, 1], [2, 1])
    else:
        out = ms.Tensor(np.zeros([2, 3]).astype(np.float32))
        ms.ops.all_to_all_single(out, ms.Tensor([[9, 10., 11], [12, 13, 14]]), [1, 1], [1, 1])
    return {"out": out}


@documented("barrier", "ops.barrier", expect=_same({"out": None}))
def _doc_barrier(ms, rank):
    return {"out": ms.ops.barrier()}


@documented("batch_isend_irecv", "ops.batch_isend_irecv", "ops.P2POp",
            expect={0: {"received": ("Float32", 2.0)}, 1: {"received": ("Float32", 1.0)}})
def _doc_batch_isend_irecv(ms, rank):
    world = ms.ops.get_world_size()
    send = ms.Tensor(rank + 1, dtype=ms.float32)
    received = ms.Tensor(0., dtype=ms.float32)
    ms.ops.batch_isend_irecv([ms.ops.P2POp('isend', send, (rank + 1) % world),
                              ms.ops.P2POp('irecv', received, (rank + world - 1) % world)])
    return {"received": received}


@documented("broadcast_object_list", "ops.broadcast_object_list", expect=_same({"out": ["test", 12, {1: 2}]}))
def _doc_broadcast_object_list(ms, rank):
    objects = ["test", 12, {1: 2}] if rank == 0 else [None, None, None]
    ms.ops.broadcast_object_list(objects)
    return {"out": objects}


@documented("gather_into_tensor", "ops.gather_into_tensor",
            expect={0: {"out": ("Float32", [[0.0, 1.0], [2.0, 3.0], [0.0, 1.0], [2.0, 3.0]])},
                    1: {"out": ("Float32", [[0.0, 0.0]] * 4)}})
def _doc_gather_into_tensor(ms, rank):
    out = ms.Tensor(np.zeros([4, 2]).astype(np.float32))
    ms.ops.gather_into_tensor(out, ms.Tensor(np.arange(4).reshape([2, 2]).astype(np.float32)), dst=0)
    return {"out": out}


@documented("gather_object", "ops.gather_object",
            expect={0: {"out": ["test", {1: 2}]}, 1: {"out": [None, None]}})
def _doc_gather_object(ms, rank):
    gathered = [None, None]
    ms.ops.gather_object(["test", {1: 2}][rank], gathered)
    return {"out": gathered}


@documented("isend/irecv", "ops.isend", "ops.irecv", expect={0: {}, 1: {"out": ONES_2x8}})
def _doc_isend_irecv(ms, rank):
    if rank == 0:
        ms.ops.isend(ms.Tensor(np.ones([2, 8]).astype(np.float32)), 1).wait()
        return {}
    x = ms.Tensor(np.zeros([2, 8]).astype(np.float32))
    ms.ops.irecv(x, src=0).wait()
    return {"out": x}


@documented("send/recv", "ops.send", "ops.recv", expect={0: {}, 1: {"out": ONES_2x8}})
def _doc_send_recv(ms, rank):
    if rank == 0:
        ms.ops.send(ms.Tensor(np.ones([2, 8]).astype(np.float32)), 1)
        return {}
    x = ms.Tensor(np.zeros([2, 8]).astype(np.float32))
    ms.ops.recv(x, src=0)
    return {"out": x}


@documented("reduce", "ops.reduce", expect={0: {"out": ONES_2x8}, 1: {"out": ("Float32", [[2.0] * 8] * 2)}})
def _doc_reduce(ms, rank):
    x = ms.Tensor(np.ones([2, 8]).astype(np.float32))
    ms.ops.reduce(x, 1)
    return {"out": x}


@documented("reduce_scatter", "ops.reduce_scatter", expect=_same({"out": ("Float32", [[2.0] * 8] * 4)}))
def _doc_reduce_scatter(ms, rank):
    out = ms.Tensor(np.zeros([4, 8]).astype(np.float32))
    ms.ops.reduce_scatter(out, [ms.Tensor(np.ones([4, 8]).astype(np.float32)) for _ in range(2)])
    return {"out": out}


@documented("reduce_scatter_tensor", "ops.reduce_scatter_tensor", expect=_same({"out": ("Float32", [[2.0] * 8] * 4)}))
def _doc_reduce_scatter_tensor(ms, rank):
    out = ms.Tensor(np.ones([4, 8]).astype(np.float32))
    ms.ops.reduce_scatter_tensor(out, ms.Tensor(np.ones([8, 8]).astype(np.float32)))
    return {"out": out}


@documented("scatter_object_list", "ops.scatter_object_list", expect={0: {"out": ["test"]}, 1: {"out": [{1: 2}]}})
def _doc_scatter_object_list(ms, rank):
    got = [None]
    ms.ops.scatter_object_list(got, ["test", {1: 2}])
    return {"out": got}


@documented("scatter_tensor", "ops.scatter_tensor",
            expect={0: {"out": ("Float32", [[0.0, 1.0], [2.0, 3.0]])},
                    1: {"out": ("Float32", [[4.0, 5.0], [6.0, 7.0]])}})
def _doc_scatter_tensor(ms, rank):
    out = ms.Tensor(np.zeros([2, 2]).astype(np.float32))
    ms.ops.scatter_tensor(out, ms.Tensor(np.arange(8).reshape([4, 2]).astype(np.float32)), src=0)
    return {"out": out}


@documented("send_object_list/recv_object_list", "ops.send_object_list", "ops.recv_object_list",
            expect={0: {}, 1: {"out": ["foo", 12, {1: 2}]}})
def _doc_send_recv_object_list(ms, rank):
    if rank == 0:
        ms.ops.send_object_list(["foo", 12, {1: 2}], dst=1)
        return {}
    objects = [None, None, None]
    ms.ops.recv_object_list(objects, src=0)
    return {"out": objects}


def documented_json(value, arrays, key):
    """A transcribed value in the worker's record form (`plain`): its JSON, its arrays into `arrays`."""
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], str) and value[0][:1].isupper():
        array = np.array(value[1], dtype=value[0].lower())
        arrays[key] = array
        return {"tensor": value[0], "shape": list(array.shape)}
    if isinstance(value, list):
        return [documented_json(v, arrays, f"{key}/{i}") for i, v in enumerate(value)]
    if isinstance(value, dict) and set(value) == {"tuple"}:
        return {"tuple": [documented_json(v, arrays, f"{key}/{i}") for i, v in enumerate(value["tuple"])]}
    if isinstance(value, dict):
        return {"dict": [[documented_json(k, arrays, f"{key}/k{i}"), documented_json(v, arrays, f"{key}/{i}")]
                         for i, (k, v) in enumerate(value.items())]}
    return value


def _observed():
    fixture = pathlib.Path(__file__).with_name("mindspore_2_10_differential_ranks_comm.json")
    return set(json.loads(fixture.read_text())["observed"]["0"]) if fixture.exists() else set(RUNNERS)


ALL_CASES = CASES  # every case the worker can run; CASES: those with a MindSpore observation
CASES = [c for c in ALL_CASES if c.id in _observed() or c.id in DOCUMENTED]
