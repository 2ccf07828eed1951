"""LLaMA-shaped networks built lazily: sporax Parameters with initializers (no data) next to
PyTorch's meta device and `jax.eval_shape`, in one process run; then the 7B network
materialised for real, with wall time and peak RSS against the network's bytes, next to
PyTorch's meta device -> `to_empty` + `torch.nn.init`.

    python bench/lazy_build.py [--dtype float16] [--materialise-layers auto|N] [--no-progress]

Materialising goes through `Cell.init_parameters_data` (one Parameter at a time, each
written chunk by chunk into its own buffer, which JAX then adopts without a copy). Each peer
materialises in a child process of its own, so each peak RSS (`ru_maxrss`) is its own and
neither finds the other's freed memory. The 7B network is 13.5 GB in float16 (the default:
28 GB in float32 fits few machines); `auto` materialises every decoder layer that fits in the
memory available now (less 1 GiB of headroom), and the output says when it is a prefix.
float16 and bfloat16 are rounded from the float32 samples inside the generators' kernels
(no float32 temporary, no NumPy cast pass) and adopted by JAX without a copy. Peak RSS is
checked against RSS before + the network's bytes + one chunk per worker thread (the bound
on the generators' temporaries). The progress bar (on stderr) is off with `--no-progress`.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
import tracemalloc

import numpy as np
import psutil

import sporax as ms
from sporax import Parameter, ParameterTuple, nn
from sporax.common import _lazy
from sporax.common import initializer as I

try:
    import torch
except ImportError:  # optional peer
    torch = None

CONFIGS = {"7B": dict(dim=4096, layers=32, hidden=11008, vocab=32000, kv_dim=4096),
           "70B": dict(dim=8192, layers=80, hidden=28672, vocab=32000, kv_dim=1024),
           "tiny": dict(dim=256, layers=2, hidden=688, vocab=2048, kv_dim=256)}  # what the tests materialise


def llama_shapes(dim, layers, hidden, vocab, kv_dim):
    """(name, shape, initializer) of every weight, as MindSpore's LLaMA declares them."""
    yield "tok_embeddings.embedding_table", (vocab, dim), "normal"
    for i in range(layers):
        p = f"layers.{i}."
        for name, shape in (("attention.wq.weight", (dim, dim)), ("attention.wk.weight", (kv_dim, dim)),
                            ("attention.wv.weight", (kv_dim, dim)), ("attention.wo.weight", (dim, dim)),
                            ("feed_forward.w1.weight", (hidden, dim)), ("feed_forward.w2.weight", (dim, hidden)),
                            ("feed_forward.w3.weight", (hidden, dim))):
            yield p + name, shape, "normal"
        yield p + "attention_norm.weight", (dim,), "ones"
        yield p + "ffn_norm.weight", (dim,), "ones"
    yield "norm_out.weight", (dim,), "ones"
    yield "output.weight", (vocab, dim), "normal"


def measure(build):
    tracemalloc.start()
    start = time.perf_counter()
    result = build()
    elapsed = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return result, elapsed, peak


def sporax_lazy(config):
    return [Parameter(I.initializer(I.Normal(0.02) if init == "normal" else init, shape, ms.float32), name=name)
            for name, shape, init in llama_shapes(**config)]


def torch_meta(config):
    with torch.device("meta"):
        return [torch.nn.Parameter(torch.empty(shape)) for _, shape, _ in llama_shapes(**config)]


def jax_eval_shape(config):
    import jax
    import jax.numpy as jnp

    shapes = [shape for _, shape, _ in llama_shapes(**config)]
    return jax.eval_shape(lambda: [jnp.zeros(s, jnp.float32) for s in shapes])


class Network(nn.Cell):
    """The Parameters of `llama_shapes`, held by one Cell (as a model's Cells would hold them)."""

    def __init__(self, params):
        super().__init__()
        self.weights = ParameterTuple(params)


ITEMSIZE = {"float16": 2, "bfloat16": 2, "float32": 4}
HEADROOM = 1 << 30


def network_bytes(config, dtype: str = "float32") -> int:
    return sum(int(np.prod(s)) * ITEMSIZE[dtype] for _, s, _ in llama_shapes(**config))


def largest_prefix(budget: int, dtype: str = "float32", network: str = "7B") -> int:
    """Most decoder layers of `network` whose bytes in `dtype` fit in `budget`."""
    fitting = [n for n in range(CONFIGS[network]["layers"] + 1)
               if network_bytes(dict(CONFIGS[network], layers=n), dtype) <= budget]
    return max(fitting) if fitting else 0


def materialise_sporax(config, dtype: str, progress: bool) -> dict:
    ms.set_context(progress_bar=progress)
    target = getattr(ms, dtype)
    for init in (I.Normal(0.02), "ones"):  # load the kernels (numba, XLA) before measuring
        Parameter(I.initializer(init, (4, 1 << 20), target), name="warm").init_data()
    ms.set_seed(0)
    net = Network([Parameter(I.initializer(I.Normal(0.02) if init == "normal" else init, shape, target), name=name)
                   for name, shape, init in llama_shapes(**config)])
    before = psutil.Process().memory_info().rss
    start, cpu = time.perf_counter(), time.process_time()
    net.init_parameters_data()
    for p in net.weights:
        p._value().block_until_ready()
    return {"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu, "before": before,
            "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}


def materialise_torch(config, dtype: str, progress: bool) -> dict:
    target = getattr(torch, dtype)
    with torch.device("meta"):
        params = torch.nn.ParameterList([torch.nn.Parameter(torch.empty(shape, dtype=target), requires_grad=False)
                                         for _, shape, _ in llama_shapes(**config)])
    inits = [init for _, _, init in llama_shapes(**config)]
    torch.manual_seed(0)
    before = psutil.Process().memory_info().rss
    start, cpu = time.perf_counter(), time.process_time()
    params = params.to_empty(device="cpu")
    with torch.no_grad():
        for p, init in zip(params, inits):
            torch.nn.init.normal_(p, 0.0, 0.02) if init == "normal" else torch.nn.init.ones_(p)
    return {"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu, "before": before,
            "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}


def run_child(peer: str, network: str, layers: int, dtype: str, progress: bool) -> dict:
    """One peer's materialisation in a fresh process; its measurements as a dict."""
    command = [sys.executable, __file__, "--child", peer, "--network", network, "--materialise-layers", str(layers),
               "--dtype", dtype]
    done = subprocess.run(command + ([] if progress else ["--no-progress"]), stdout=subprocess.PIPE, text=True,
                          timeout=3600)
    if done.returncode != 0:
        raise SystemExit(f"{peer}: the materialising child failed (exit {done.returncode})")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--materialise-layers", default="auto",
                        help="decoder layers of the 7B network to materialise, or 'auto': the most that fit")
    parser.add_argument("--dtype", default="float16", choices=sorted(ITEMSIZE))
    parser.add_argument("--network", default="7B", choices=sorted(CONFIGS), help="the network to materialise")
    parser.add_argument("--configs", default="7B,70B")
    parser.add_argument("--peers", default="sporax,torch", help="materialising peers, in this order")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar while materialising")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    progress = not args.no_progress
    if args.child:
        config = dict(CONFIGS[args.network], layers=int(args.materialise_layers))
        run = materialise_sporax if args.child == "sporax" else materialise_torch
        print(json.dumps(run(config, args.dtype, progress)))
        return
    ms.set_context(progress_bar=False)
    print(f"load average {os.getloadavg()[0]:.2f} (1 min) on {os.cpu_count()} CPUs")
    print(f"{'network':8}{'params':>16}{'GB f32':>9}{'sporax s':>10}{'MiB':>8}{'torch meta s':>14}{'MiB':>8}"
          f"{'eval_shape s':>14}{'MiB':>8}")
    for label in filter(None, args.configs.split(",")):
        config = CONFIGS[label]
        count = sum(int(np.prod(s)) for _, s, _ in llama_shapes(**config))
        ms.set_seed(0)
        _, t_sp, m_sp = measure(lambda: sporax_lazy(config))
        t_tm = m_tm = float("nan")
        if torch is not None:
            _, t_tm, m_tm = measure(lambda: torch_meta(config))
        _, t_js, m_js = measure(lambda: jax_eval_shape(config))
        print(f"{label:8}{count:16,d}{count * 4 / 1e9:9.1f}{t_sp:10.3f}{m_sp / 2**20:8.1f}{t_tm:14.3f}"
              f"{m_tm / 2**20:8.1f}{t_js:14.3f}{m_js / 2**20:8.1f}")
    available = psutil.virtual_memory().available
    full = CONFIGS[args.network]["layers"]
    if args.materialise_layers == "auto":
        layers = largest_prefix(available - HEADROOM, args.dtype, args.network)
    else:
        layers = int(args.materialise_layers)
    config = dict(CONFIGS[args.network], layers=layers)
    nbytes = network_bytes(config, args.dtype)
    chunk_bytes = _lazy._CHUNK * 4 * (os.cpu_count() or 1)
    if layers < full:
        whole = network_bytes(CONFIGS[args.network], args.dtype)
        why = ("as asked" if args.materialise_layers != "auto" else
               f"it does not fit in the {available / 2**30:.1f} GiB available now, less {HEADROOM / 2**30:.0f} GiB")
        print(f"the whole {args.network} network is {whole / 2**30:.1f} GiB in {args.dtype}; {why}: materialising "
              f"the prefix with {layers} of its {full} decoder layers (embedding, those layers, final norm and head)")
    print(f"materialising {args.network} shapes, {layers} decoder layers, {args.dtype}: network {nbytes / 2**30:.2f} GiB "
          f"({nbytes / 1e9:.2f} GB); chunk {_lazy._CHUNK} elements, float32 temporaries "
          f"{_lazy._CHUNK * 4 / 2**20:.0f} MiB per worker thread x {os.cpu_count()} = {chunk_bytes / 2**20:.0f} MiB; "
          f"load average {os.getloadavg()[0]:.2f}")
    print(f"{'peer':28}{'seconds':>9}{'cpu s':>8}{'GB/s':>7}{'RSS before':>12}{'peak RSS':>10}{'- before - network':>20}{'bound':>8}")
    for peer in filter(None, args.peers.split(",")):
        if peer == "torch" and torch is None:
            continue
        row = run_child(peer, args.network, layers, args.dtype, progress)
        over = row["peak"] - row["before"] - nbytes
        label = ("sporax init_parameters_data" if peer == "sporax" else "torch meta->to_empty+init")
        verdict = ("within" if over <= chunk_bytes else "OVER") if peer == "sporax" else ""
        print(f"{label:28}{row['seconds']:9.1f}{row['cpu']:8.1f}{nbytes / 1e9 / row['seconds']:7.2f}{row['before'] / 2**30:10.2f}Gi"
              f"{row['peak'] / 2**30:8.2f}Gi{over / 2**20:+17.0f}MiB{verdict:>8}")
    print(f"load average after {os.getloadavg()[0]:.2f}; GiB = 2^30 bytes; the bound: the network's bytes + "
          f"{chunk_bytes / 2**20:.0f} MiB")


if __name__ == "__main__":
    main()
