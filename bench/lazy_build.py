"""LLaMA-shaped networks built lazily: sporax Parameters with initializers (no data) next to
PyTorch's meta device and `jax.eval_shape`, in one process run; then one network
materialised for real, with wall time and peak RSS against the network's bytes.

    python bench/lazy_build.py [--materialise-layers 2] [--dim 4096]

The 7B network (28 GB float32) does not fit this machine's RAM, so the materialised one is
the 7B layer shapes with `--materialise-layers` decoder layers (the embedding and head
included): peak RSS is checked against its own bytes plus one chunk per worker thread.
"""
from __future__ import annotations

import argparse
import resource
import time
import tracemalloc

import numpy as np

import sporax as ms
from sporax import Parameter
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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--materialise-layers", type=int, default=2)
    args = parser.parse_args()
    ms.set_context(progress_bar=False)
    print(f"{'network':8}{'params':>14}{'GB f32':>9}{'sporax s':>10}{'MiB':>8}{'torch meta s':>14}{'MiB':>8}"
          f"{'eval_shape s':>14}{'MiB':>8}")
    for label, config in CONFIGS.items():
        count = sum(int(np.prod(s)) for _, s, _ in llama_shapes(**config))
        ms.set_seed(0)
        _, t_sp, m_sp = measure(lambda: sporax_lazy(config))
        t_tm = m_tm = t_js = m_js = float("nan")
        if torch is not None:
            _, t_tm, m_tm = measure(lambda: torch_meta(config))
        _, t_js, m_js = measure(lambda: jax_eval_shape(config))
        print(f"{label:8}{count:14,d}{count * 4 / 1e9:9.1f}{t_sp:10.3f}{m_sp / 2**20:8.1f}{t_tm:14.3f}"
              f"{m_tm / 2**20:8.1f}{t_js:14.3f}{m_js / 2**20:8.1f}")
    config = dict(CONFIGS["7B"], layers=args.materialise_layers)
    ms.set_seed(0)
    params = sporax_lazy(config)
    nbytes = sum(int(np.prod(p.shape)) * 4 for p in params)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    start = time.perf_counter()
    for p in params:
        p.init_data()
        p._value().block_until_ready()
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(f"materialised 7B shapes with {args.materialise_layers} layers: {nbytes / 2**30:.2f} GiB in {elapsed:.1f} s "
          f"({nbytes / 1e9 / elapsed:.2f} GB/s, 'mindspore' generator); peak RSS {peak / 2**30:.2f} GiB, "
          f"{(peak - before - nbytes) / 2**20:+.0f} MiB over the network's bytes (RSS before: {before / 2**30:.2f} GiB)")


if __name__ == "__main__":
    main()
