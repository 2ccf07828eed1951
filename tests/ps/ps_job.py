"""A parameter-server job for the tests: run once per role (MS_ROLE & co. in the environment).

    python ps_job.py OUT single   one worker: Momentum, Adam and FTRL (in GRAPH_MODE) through the
                                  servers and locally, a checkpoint round trip, a 2 GiB
                                  init_in_server table
    python ps_job.py OUT sync2    two workers, every Parameter on the servers, against one
                                  process on the concatenated batch; with KILL_WORKER=1 set,
                                  worker 1 then dies mid-training

The scheduler and server roles never get past set_ps_context: they serve there and exit.
Worker results go to OUT/worker_<rank>.npz.
"""
import os
import signal
import sys
import time

import numpy as np

import sporax as ms
from sporax import Tensor, nn

ms.set_ps_context(enable_ps=True)

OUT, MODE = sys.argv[1], sys.argv[2]
RANK = int(os.environ.get("RANK_ID", "0"))
STEPS = 10


class Net(nn.Cell):
    """An MLP over the mean of an embedding lookup."""

    def __init__(self, vocab=40, dim=6):
        super().__init__()
        self.embedding = nn.Embedding(vocab, dim)
        self.fc1 = nn.Dense(dim, 12)
        self.relu = nn.ReLU()
        self.fc2 = nn.Dense(12, 4)

    def construct(self, ids):
        return self.fc2(self.relu(self.fc1(self.embedding(ids).mean(axis=1))))


def batch(step, rows, seed=0):
    rng = np.random.default_rng(1000 * seed + step)
    ids = rng.integers(0, 40, size=(rows, 3)).astype(np.int32)
    labels = rng.integers(0, 4, size=(rows,)).astype(np.int32)
    return ids, labels


OPTIMIZERS = {
    "Momentum": lambda params: nn.Momentum(params, learning_rate=0.1, momentum=0.9),
    "Adam": lambda params: nn.Adam(params, learning_rate=0.01),
    "FTRL": lambda params: nn.FTRL(params, learning_rate=0.1, l1=0.001, l2=0.001),
}


def trainer(opt_name, ps):
    ms.set_seed(5)
    net = Net()
    if ps == "all":
        net.set_param_ps()
    elif ps == "some":  # the embedding (made on the server) and fc1 on the servers, fc2 local
        net.embedding.set_param_ps(init_in_server=True)
        net.fc1.set_param_ps()
    loss = nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean")
    return net, nn.TrainOneStepCell(nn.WithLossCell(net, loss), OPTIMIZERS[opt_name](net.trainable_params()))


def values(net):
    return {p.name: p.asnumpy() for p in net.trainable_params()}


def rss():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def stamp(what):
    print(f"[{time.strftime('%H:%M:%S')}] {what}", file=sys.stderr, flush=True)


def single():
    results = {}
    for opt_name in OPTIMIZERS:
        stamp(opt_name)
        (ps_net, ps_step), (local_net, local_step) = trainer(opt_name, "some"), trainer(opt_name, None)
        for step in range(STEPS):
            ids, labels = batch(step, 8)
            # FTRL's PS model runs in GRAPH_MODE: a PS step is eager in either mode.
            ms.set_context(mode=ms.GRAPH_MODE if opt_name == "FTRL" else ms.PYNATIVE_MODE)
            results[f"{opt_name}/ps_loss/{step}"] = ps_step(Tensor(ids), Tensor(labels)).asnumpy()
            ms.set_context(mode=ms.PYNATIVE_MODE)
            results[f"{opt_name}/local_loss/{step}"] = local_step(Tensor(ids), Tensor(labels)).asnumpy()
        for tag, net in (("ps", ps_net), ("local", local_net)):
            for name, value in values(net).items():
                results[f"{opt_name}/{tag}/{name}"] = value
        if opt_name == "Momentum":  # checkpoint: save pulls the job's values, loading pushes them back
            path = os.path.join(OUT, "ps.ckpt")
            ms.save_checkpoint(ps_net, path)
            saved = ms.load_checkpoint(path)
            results["ckpt_equal"] = np.array(all(np.array_equal(saved[n].asnumpy(), v)
                                                 for n, v in values(local_net).items()))
            for net in (ps_net, local_net):
                ms.load_param_into_net(net, {n: ms.Parameter(Tensor(v * 0.5), name=n)
                                             for n, v in values(local_net).items()})
            ids, labels = batch(99, 8)
            ps_step(Tensor(ids), Tensor(labels))
            local_step(Tensor(ids), Tensor(labels))
            for tag, net in (("ps_loaded", ps_net), ("local_loaded", local_net)):
                for name, value in values(net).items():
                    results[f"{tag}/{name}"] = value
    stamp("big table")
    # init_in_server: a 2 GiB table is made on the server; the worker never holds it.
    from sporax._ps import worker as ps_worker
    before = rss()
    ms.set_seed(7)
    table = nn.Embedding(2**21, 256, embedding_table="ones")  # a random 2 GiB takes minutes on 2 cores
    table.set_param_ps(init_in_server=True)
    optimizer = nn.Adam(table.trainable_params(), learning_rate=0.01)
    server = ps_worker.STRATEGY.servers[0]
    import ray
    server_before = ray.get(server.rss.remote())
    attached = ps_worker.STRATEGY.attach(optimizer)
    results["big_worker_rss_growth"] = np.array(rss() - before)
    results["big_server_rss_growth"] = np.array(ray.get(server.rss.remote()) - server_before)
    results["big_still_lazy"] = np.array(table.embedding_table.has_init)
    stamp("big table made")
    results["big_row_sum"] = np.array(ray.get(server.pull.remote(attached.group))[table.embedding_table.name][123].sum())
    return results


def sync2():
    results = {}
    net, step_cell = trainer("Momentum", "all")
    if RANK == 0:
        whole_net, whole_step = trainer("Momentum", None)
    for step in range(STEPS):
        ids, labels = batch(step, 16)
        half = slice(8 * RANK, 8 * RANK + 8)
        step_cell(Tensor(ids[half]), Tensor(labels[half]))
        if RANK == 0:
            whole_step(Tensor(ids), Tensor(labels))
    for name, value in values(net).items():
        results[f"ps/{name}"] = value
    if RANK == 0:
        for name, value in values(whole_net).items():
            results[f"whole/{name}"] = value
    np.savez(os.path.join(OUT, f"worker_{RANK}.npz"), **results)
    if os.environ.get("KILL_WORKER") == "1":
        for step in range(STEPS, 2 * STEPS):
            if RANK == 1 and step == STEPS + 2:
                with open(os.path.join(OUT, "killed_at"), "w") as stamp_file:
                    stamp_file.write(repr(time.time()))
                os.kill(os.getpid(), signal.SIGKILL)
            ids, labels = batch(step, 16)
            step_cell(Tensor(ids[:8]), Tensor(labels[:8]))
    return None


if __name__ == "__main__":
    out = single() if MODE == "single" else sync2()
    if out is not None:
        np.savez(os.path.join(OUT, f"worker_{RANK}.npz"), **out)
