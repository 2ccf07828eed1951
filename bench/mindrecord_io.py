"""MindRecord write and read speed: sporax against MindSpore 2.10, same rows, same machine.

    .venv/bin/python bench/mindrecord_io.py [--rows 20000] [--mindspore /work/msvenv/bin/python]

Writes `rows` rows (a 3 KB image, an int32 label, a file name, a 32-float vector) in calls of
256 into one shard, then reads them back with FileReader and with MindDataset
(shuffle=False, output_numpy); each side runs in its own process (MindSpore in its own
virtualenv, when given) and the table prints rows/s and the ratio sporax / MindSpore.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

_SIDE = r'''
import json, os, sys, time
import numpy as np
side, rows, folder = sys.argv[1], int(sys.argv[2]), sys.argv[3]
if side == "sporax":
    import sporax.dataset as ds
    from sporax.mindrecord import FileReader, FileWriter
else:
    import mindspore.dataset as ds
    from mindspore.mindrecord import FileReader, FileWriter
rng = np.random.default_rng(0)
images = [rng.integers(0, 256, 3072, dtype=np.uint8).tobytes() for _ in range(64)]
path = os.path.join(folder, side + ".mindrecord")
start = time.perf_counter()
writer = FileWriter(path, overwrite=True)
writer.add_schema({"image": {"type": "bytes"}, "label": {"type": "int32"}, "file_name": {"type": "string"},
                   "embedding": {"type": "float32", "shape": [32]}})
for first in range(0, rows, 256):
    writer.write_raw_data([{"image": images[i % 64], "label": i % 10, "file_name": f"{i}.jpg",
                            "embedding": np.full(32, i, np.float32)} for i in range(first, min(rows, first + 256))])
writer.commit()
write = time.perf_counter() - start
start = time.perf_counter()
reader = FileReader(path)
count = sum(1 for _ in reader.get_next())
reader.close()
read = time.perf_counter() - start
assert count == rows
start = time.perf_counter()
dataset = ds.MindDataset(path, shuffle=False)
count = sum(1 for _ in dataset.create_tuple_iterator(output_numpy=True, num_epochs=1))
pipeline = time.perf_counter() - start
assert count == rows
print(json.dumps({"write": rows / write, "FileReader": rows / read, "MindDataset": rows / pipeline}))
'''


def _run(python, side, rows, folder):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    out = subprocess.run([python, "-c", _SIDE, side, str(rows), folder], capture_output=True, text=True, env=env,
                         timeout=1800, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20000)
    parser.add_argument("--mindspore", default="/work/msvenv/bin/python")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="mindrecord-bench-") as folder:
        ours = _run(sys.executable, "sporax", args.rows, folder)
        theirs = _run(args.mindspore, "mindspore", args.rows, folder) if os.path.exists(args.mindspore) else None
    print(f"rows: {args.rows} (3 KB image + label + name + 32 floats), rows/s")
    print(f"{'step':<12} {'sporax':>10} {'MindSpore':>10} {'ratio':>7}")
    for step, value in ours.items():
        other = theirs[step] if theirs else float("nan")
        print(f"{step:<12} {value:>10.0f} {other:>10.0f} {value / other:>6.2f}x")


if __name__ == "__main__":
    main()
