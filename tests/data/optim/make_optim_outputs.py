"""Oracle fixture for the optimizers, learning-rate schedules, mindspore.experimental.optim and
its lr_scheduler (cases in optim_cases.py, shared with the tests).

Run by hand with real MindSpore 2.10:  /work/msvenv/bin/python tests/data/optim/make_optim_outputs.py
Writes tests/data/optim/mindspore_2_10_optim.npz.
"""
import pathlib
import sys

import numpy as np
import mindspore as ms
import mindspore.experimental.optim  # noqa: F401

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import optim_cases as cases  # noqa: E402

out, failed = {}, {}
for name in cases.nn_cases(ms):
    try:
        out[f"nn/{name}"] = cases.run_nn_case(ms, name)
    except Exception as error:  # noqa: BLE001 - recorded: the tests claim only what MindSpore ran
        failed[name] = str(error).splitlines()[0]


def record(key, run):
    try:
        out[key] = run()
    except Exception as error:  # noqa: BLE001
        failed[key] = str(error).strip().splitlines()[0]


for name in cases.schedule_cases(ms):
    record(f"schedule/{name}", lambda: cases.run_schedule(ms, name))
for name, make in cases.dynamic_lr_cases(ms).items():
    record(f"dynamic_lr/{name}", lambda: np.array(make(), np.float64))
for name in cases.experimental_cases(ms):
    record(f"experimental/{name}", lambda: cases.run_experimental_case(ms, name))
for name in cases.scheduler_cases(ms):
    record(f"scheduler/{name}", lambda: cases.run_scheduler_case(ms, name))
record("scheduler/ReduceLROnPlateau", lambda: cases.run_plateau(ms))
for name in cases.primitive_cases(ms):
    record(f"primitive/{name}", lambda: cases.run_primitive_case(ms, name))
for name, value in cases.run_pure_primitives(ms).items():
    out[f"primitive/{name}"] = value
np.savez_compressed(pathlib.Path(__file__).resolve().with_name("mindspore_2_10_optim.npz"), **out)
print(len(out), "arrays; failed:", failed)
