"""One rank of the communication differential cases (`tests/data/differential_ranks_comm.py`).

Run by `msrun` under real MindSpore 2.10 (the fixture generator) or by `sporax launch` (the
test; `import mindspore` is then served by sporax). Writes OUT/rank_R.npz (arrays, keyed
`<case>/<name>`) and OUT/rank_R.json (per case: its non-array values, the dtype and shape of
each Tensor, or the error the case raised).

    python differential_ranks_worker.py OUT [CASE_ID ...]
"""
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                                "data"))
import mindspore as ms  # noqa: E402
from mindspore.communication import get_rank, init  # noqa: E402

from differential_ranks_comm import RUNNERS  # noqa: E402


def plain(value, arrays, key):
    """`value` as JSON; Tensors and arrays go to `arrays[key]` and are described by dtype and shape."""
    if hasattr(value, "asnumpy"):
        arrays[key] = value.asnumpy()
        return {"tensor": str(value.dtype), "shape": list(value.shape)}
    if isinstance(value, np.ndarray):
        arrays[key] = value
        return {"array": str(value.dtype), "shape": list(value.shape)}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        items = [plain(v, arrays, f"{key}/{i}") for i, v in enumerate(value)]
        return items if isinstance(value, list) else {"tuple": items}
    if isinstance(value, dict):
        return {"dict": [[plain(k, arrays, f"{key}/k{i}"), plain(v, arrays, f"{key}/{i}")]
                         for i, (k, v) in enumerate(value.items())]}
    return {"object": type(value).__name__}


def main():
    out_dir, chosen = sys.argv[1], sys.argv[2:]
    ms.set_context(mode=ms.PYNATIVE_MODE)
    init()
    rank = get_rank()
    arrays, record = {}, {}
    for case_id, run in RUNNERS.items():
        if chosen and case_id not in chosen:
            continue
        found = {}
        try:  # MindSpore runs kernels asynchronously: a kernel's error surfaces when its output is read
            record[case_id] = {name: plain(value, found, f"{case_id}/{name}") for name, value in run(ms, rank).items()}
        except Exception as error:  # recorded: the other side must fail alike
            record[case_id] = {"error": type(error).__name__, "message": str(error)[:400]}
            continue
        arrays.update(found)
    np.savez(os.path.join(out_dir, f"rank_{rank}.npz"), **arrays)
    with open(os.path.join(out_dir, f"rank_{rank}.json"), "w") as stream:
        json.dump(record, stream, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
