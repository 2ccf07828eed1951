"""By hand, with real MindSpore 2.10 (never in CI): MindSpore reads sporax's distributed checkpoints.

    XLA_FLAGS=--xla_force_host_platform_device_count=8 .venv/bin/python \
        tests/parallel/scripts/checkpoint_worker.py /tmp/ck
    /work/msvenv/bin/python tests/data/check_distributed_checkpoint_with_mindspore.py /tmp/ck

Checks: the integrated (whole) file and the `sporax ckpt merge` output load in MindSpore
with the exact values; MindSpore's build_searched_strategy reads sporax's strategy JSON; and
MindSpore's own merge_sliced_parameter rebuilds the tensor from sporax's per-rank slices.
"""
import sys

import mindspore as ms
import numpy as np

out = sys.argv[1]
reference = np.load(f"{out}/reference.npz")
for file in ("whole.ckpt", "merged.ckpt"):
    loaded = ms.load_checkpoint(f"{out}/{file}")
    for name in ("w1", "w2"):
        assert np.array_equal(loaded[name].asnumpy(), reference[name]), (file, name)
strategy = ms.build_searched_strategy(f"{out}/A.json")
assert list(strategy["w1"].dev_matrix[0].dim) == [2, 1, 4] and list(strategy["w1"].tensor_map[0].dim) == [1, 0]
for name in ("w1", "w2"):
    slices = [ms.load_checkpoint(f"{out}/A/rank_{r}/net{r}.ckpt")[name] for r in range(8)]
    assert np.array_equal(ms.merge_sliced_parameter(slices, strategy).asnumpy(), reference[name]), name
print("MindSpore 2.10 reads sporax's whole, merged and sliced checkpoints and its strategy file: OK")
