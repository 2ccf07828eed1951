"""One rank of the ops-level process-group collectives test (mindspore.ops.all_reduce & co.,
MindSpore's mint.distributed API): results written into the arguments; writes OUT/rank_R.npz."""
import sys

import numpy as np

import mindspore as ms  # served by sporax (the launcher runs scripts through `sporax run`)
from mindspore import ops

out_dir = sys.argv[1]
r = {"available": ops.is_available(), "inited_before": ops.is_initialized()}
ops.init_process_group()
rank, world = ops.get_rank(), ops.get_world_size()
r.update(rank=rank, world=world, inited=ops.is_initialized(), backend=ops.get_backend())


def x():
    return ms.Tensor(np.arange(4, dtype=np.float32) + 10 * rank)


t = x()
r["all_reduce_handle"] = repr(ops.all_reduce(t))
r["all_reduce"] = t.asnumpy()
t = x()
ops.all_reduce(t, op="avg")
r["all_reduce_avg"] = t.asnumpy()
t = x()
handle = ops.all_reduce(t, op="max", async_op=True)
handle.wait()
r["all_reduce_max"] = t.asnumpy()
gathered = ms.Tensor(np.zeros(8, np.float32))
ops.all_gather_into_tensor(gathered, x())
r["all_gather_into_tensor"] = gathered.asnumpy()
pieces = [ms.Tensor(np.zeros(4, np.float32)) for _ in range(world)]
ops.all_gather(pieces, x())
r["all_gather"] = np.stack([p.asnumpy() for p in pieces])
out = ms.Tensor(np.zeros(2, np.float32))
ops.reduce_scatter_tensor(out, x())
r["reduce_scatter_tensor"] = out.asnumpy()
out = ms.Tensor(np.zeros(2, np.float32))
ops.reduce_scatter(out, [x()[:2], x()[2:]])
r["reduce_scatter"] = out.asnumpy()
t = x()
ops.broadcast(t, 1)
r["broadcast"] = t.asnumpy()
t = x()
ops.reduce(t, 0)
r["reduce"] = t.asnumpy()
out = ms.Tensor(np.zeros(8, np.float32))
ops.gather_into_tensor(out, x(), dst=1)
r["gather_into_tensor"] = out.asnumpy()
out = ms.Tensor(np.zeros(2, np.float32))
ops.scatter_tensor(out, x(), src=1)
r["scatter_tensor"] = out.asnumpy()
outs = [ms.Tensor(np.zeros(2, np.float32)) for _ in range(world)]
ops.all_to_all(outs, [x()[:2], x()[2:]])
r["all_to_all"] = np.stack([o.asnumpy() for o in outs])
out = ms.Tensor(np.zeros(4, np.float32))
ops.all_to_all_single(out, x())
r["all_to_all_single"] = out.asnumpy()
if rank == 0:
    ops.send(x() * 3, 1)
    ops.isend(x() * 5, 1).wait()
else:
    t = ms.Tensor(np.zeros(4, np.float32))
    r["recv_returns"] = ops.recv(t, 0)
    r["recv"] = t.asnumpy()
    t = ms.Tensor(np.zeros(4, np.float32))
    ops.irecv(t, 0).wait()
    r["irecv"] = t.asnumpy()
peer = 1 - rank
received = ms.Tensor(np.zeros(4, np.float32))
handles = ops.batch_isend_irecv([ops.P2POp("isend", x() + 100, peer), ops.P2POp("irecv", received, peer)])
r["batch_handles"] = len(handles)
r["batch"] = received.asnumpy()
ops.barrier()
objects = [None] * world
ops.all_gather_object(objects, {"rank": rank, "name": f"r{rank}"})
r["all_gather_object"] = repr(objects)
shared = [f"from {rank}", rank * 7]
ops.broadcast_object_list(shared, src=1)
r["broadcast_object_list"] = repr(shared)
gathered_objects = [None] * world if rank == 0 else None
ops.gather_object(("g", rank), gathered_objects, dst=0)
r["gather_object"] = repr(gathered_objects)
mine = [None]
ops.scatter_object_list(mine, [["a"], ["b"]] if rank == 0 else None, src=0)
r["scatter_object_list"] = repr(mine)
if rank == 0:
    ops.send_object_list([{"k": 1}, "two"], 1)
else:
    got = [None, None]
    ops.recv_object_list(got, 0)
    r["recv_object_list"] = repr(got)
uneven = x()[:1] if rank == 0 else x()[1:]
r["all_gather_v"] = ops.AllGatherV()(uneven, [1, 3]).asnumpy()
r["reduce_scatter_v"] = ops.ReduceScatterV()(x(), [1, 3]).asnumpy()
r["reduce_scatter_v_max"] = ops.ReduceScatterV("max")(x(), (3, 1)).asnumpy()
try:
    ops.AllGatherV()(x(), [1, 3])
except ValueError as error:
    r["bad_v"] = str(error)
pair = ops.new_group([1, 0])
r["group"] = repr([pair, ops.get_world_size(pair), ops.get_group_rank(pair, 1), ops.get_global_rank(pair, 0),
              ops.get_process_group_ranks(pair), ops.get_backend(pair), ops.new_group() == ops.new_group(None)])
try:
    ops.all_reduce(x(), op="mean")
except TypeError as error:
    r["bad_op"] = str(error)
try:
    ops.all_gather_into_tensor(ms.Tensor(np.zeros(3, np.float32)), x())
except ValueError as error:
    r["bad_output"] = str(error)
ops.destroy_process_group()
r["inited_after"] = ops.is_initialized()
np.savez(f"{out_dir}/rank_{rank}.npz", **{k: np.asarray(v) for k, v in r.items()})
