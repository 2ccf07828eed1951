"""By hand, with real MindSpore 2.10 (never in CI): which source ranks MindSpore's
rank_list_for_transform names for each destination rank, between sporax-written strategy files.

    /work/msvenv/bin/python tests/data/make_rank_list_for_transform.py

Writes tests/data/mindspore_2_10_rank_list_for_transform.json: {"layouts": {...}, "cases":
[[src, dst, rank, ranks], ...]}; the strategy files are written in sporax's form (the same JSON
as sporax.parallel writes), so MindSpore reads exactly what sporax would.
"""
import json
import math
import os
import sys
import tempfile

import mindspore as ms

HERE = os.path.dirname(os.path.abspath(__file__))
LAYOUTS = {  # {name: [dev_matrix, tensor_map]} per strategy file
    "A": {"w1": [[2, 1, 4], [1, 0]], "w2": [[2, 4, 1], [1, 0]]},   # 8 ranks, repeated twice
    "B": {"w1": [[4, 1, 2], [1, 0]], "w2": [[4, 2, 1], [1, 0]]},   # 8 ranks, other split
    "C": {"w1": [[2], [-1, 0]], "w2": [[2], [0, -1]]},            # 2 ranks
    "D": {"w1": [[2, 2], [1, 0]], "w2": [[4], [-1, -1]]},         # 4 ranks, w2 whole on each
}


def write(path, layouts):
    items = {name: {"dev_matrix": dev, "tensor_map": tmap, "param_split_shape": [], "indices_offset": [],
                    "field": 0, "opt_weight_shard_step": 0, "opt_weight_shard_size": 0}
             for name, (dev, tmap) in layouts.items()}
    with open(path, "w") as f:
        json.dump({"current_stage": 1, "parallel_strategy_item": {}, "parallel_layout_item": items}, f)


with tempfile.TemporaryDirectory() as directory:
    files = {}
    for key, layouts in LAYOUTS.items():
        files[key] = os.path.join(directory, f"{key}.json")
        write(files[key], layouts)
    files[None] = None
    cases = []
    for src, dst in (("A", "B"), ("B", "A"), ("A", "C"), ("C", "A"), ("A", None), ("A", "D"), ("D", "C"),
                     (None, "C")):
        count = 1 if dst is None else math.prod(LAYOUTS[dst]["w1"][0])
        for rank in range(count):
            cases.append([src, dst, rank, [int(r) for r in ms.rank_list_for_transform(rank, files[src], files[dst])]])
json.dump({"layouts": LAYOUTS, "cases": cases},
          open(os.path.join(HERE, "mindspore_2_10_rank_list_for_transform.json"), "w"))
print(len(cases), "cases", file=sys.stderr)
