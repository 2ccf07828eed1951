"""LLaMA-shaped networks built lazily: sporax Parameters with initializers (no data) next to
PyTorch's meta device and `jax.eval_shape`, in one process run; then one network
materialised for real, with wall time and peak RSS against the network's bytes.

    python bench/lazy_build.py [--materialise-layers auto|N]

Materialising goes through `Cell.init_parameters_data` (one Parameter at a time, each
written chunk by chunk into its own buffer). The whole 7B network is 28 GB in float32; where
that does not fit in half the memory available now (`auto`, the default), the largest
prefix of its layer list that does is materialised instead, and the output says so. Peak
RSS is checked against the materialised bytes plus one chunk per worker thread.
"""
from __future__ import annotations

import argparse
import os
import resource
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
           "70B": dict(dim=8192, layers=80, hidden=28672, vocab=32000, kv_dim=1024)}


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


def network_bytes(config) -> int:
    return sum(int(np.prod(s)) * 4 for _, s, _ in llama_shapes(**config))


def largest_prefix(budget: int) -> int:
    """Most decoder layers of the 7B network whose float32 bytes fit in `budget`."""
    fitting = [n for n in range(CONFIGS["7B"]["layers"] + 1) if network_bytes(dict(CONFIGS["7B"], layers=n)) <= budget]
    return max(fitting) if fitting else 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--materialise-layers", default="auto",
                        help="decoder layers of the 7B network to materialise, or 'auto': the most that fit")
    parser.add_argument("--configs", default="7B,70B")
    args = parser.parse_args()
    ms.set_context(progress_bar=False)
    print(f"{'network':8}{'params':>16}{'GB f32':>9}{'sporax s':>10}{'MiB':>8}{'torch meta s':>14}{'MiB':>8}"
          f"{'eval_shape s':>14}{'MiB':>8}")
    for label in args.configs.split(","):
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
    full = CONFIGS["7B"]["layers"]
    layers = largest_prefix(available // 2) if args.materialise_layers == "auto" else int(args.materialise_layers)
    config = dict(CONFIGS["7B"], layers=layers)
    if layers < full:
        print(f"the whole 7B network ({network_bytes(CONFIGS['7B']) / 2**30:.1f} GiB) does not fit in half the "
              f"{available / 2**30:.1f} GiB available now: materialising the prefix with {layers} of its "
              f"{full} decoder layers (embedding, those layers, final norm and head)")
    for init in (I.Normal(0.02), "ones"):  # load the kernels (numba, XLA) before measuring
        Parameter(I.initializer(init, (4, 1 << 20), ms.float32), name="warm").init_data()
    ms.set_seed(0)
    net = Network(sporax_lazy(config))
    nbytes = network_bytes(config)
    chunk_bytes = _lazy._CHUNK * 4 * (os.cpu_count() or 1)
    before = psutil.Process().memory_info().rss
    start = time.perf_counter()
    net.init_parameters_data()
    for p in net.weights:
        p._value().block_until_ready()
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    over = peak - before - nbytes
    print(f"materialised 7B shapes with {layers} layers by init_parameters_data: {nbytes / 2**30:.2f} GiB in "
          f"{elapsed:.1f} s ({nbytes / 1e9 / elapsed:.2f} GB/s, 'mindspore' generator); peak RSS "
          f"{peak / 2**30:.2f} GiB = RSS before {before / 2**30:.2f} GiB + network {nbytes / 2**30:.2f} GiB "
          f"{over / 2**20:+.0f} MiB; bound: one chunk per worker thread = {chunk_bytes / 2**20:.0f} MiB -> "
          f"{'within' if over <= chunk_bytes else 'OVER'}")


if __name__ == "__main__":
    main()
