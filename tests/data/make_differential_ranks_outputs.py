"""Record real MindSpore 2.10's results for the 2-rank communication cases (run by hand, never in CI).

    /work/msvenv/bin/python tests/data/make_differential_ranks_outputs.py _comm

Launches `tests/parallel/scripts/differential_ranks_worker.py` on 2 CPU ranks with `msrun`
(127.0.0.1, a free port, a time limit) over every case of `differential_ranks<suffix>.py`.
A collective that fails on MindSpore CPU (many kernels are not registered for CPU) can leave
the ranks out of step for the cases after it: a case that failed for another reason than a
refusal before communicating is run again alone, in a fresh job; then the cases that ran on
both ranks are run once more together, in a fresh job; their inputs and outputs are stored:
`mindspore_2_10_differential_ranks<suffix>.npz` (`r<rank>/<case>/<name>`) and `.json`
(`observed`: per rank, per case, its values and Tensor descriptions; `could_not_run`: per case,
per rank, the error MindSpore raised in the first job).
"""
import importlib
import json
import os
import pathlib
import socket
import subprocess
import sys
import tempfile

import numpy as np

DATA = pathlib.Path(__file__).resolve().parent
WORKER = DATA.parent / "parallel" / "scripts" / "differential_ranks_worker.py"
RANKS = 2


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def job(case_ids):
    """Each rank's (json record, npz arrays) for `case_ids` (all when empty)."""
    out = tempfile.mkdtemp(prefix="comm-msrun-")
    env = dict(os.environ, PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"])
    command = ["msrun", f"--worker_num={RANKS}", f"--local_worker_num={RANKS}", "--master_addr=127.0.0.1",
               f"--master_port={free_port()}", "--join=True", f"--log_dir={out}/log", str(WORKER), out, *case_ids]
    subprocess.run(command, env=env, timeout=900, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return [(json.loads(pathlib.Path(out, f"rank_{r}.json").read_text()), dict(np.load(f"{out}/rank_{r}.npz")))
            for r in range(RANKS)]


# MindSpore's errors that come before any communication (no CPU kernel, a C++-side group lookup):
# a case that failed otherwise is run again alone, in a fresh job
REFUSALS = ("Kernel select failed", "unregistered", "only support reduce sum", "does not exist")


def refused(outcomes, case):
    return all(any(marker in records[case].get("message", "") for marker in REFUSALS) for records, _ in outcomes)


def main():
    suffix = sys.argv[1] if len(sys.argv) > 1 else "_comm"
    sys.path.insert(0, str(DATA))
    expected_errors = importlib.import_module(f"differential_ranks{suffix}").EXPECTED_ERRORS
    first = job([])
    ran = [case for case in first[0][0] if case in expected_errors
           or all("error" not in records[case] for records, _ in first)]
    for case in [case for case in first[0][0] if case not in ran and not refused(first, case)]:
        if all("error" not in records[case] for records, _ in job([case])):  # failed only after another's failure
            ran.append(case)
    could_not = {case: {str(r): first[r][0][case] for r in range(RANKS)} for case in first[0][0] if case not in ran}
    second = job(ran)
    arrays = {f"r{r}/{key}": value for r, (_, found) in enumerate(second) for key, value in found.items()}
    np.savez_compressed(DATA / f"mindspore_2_10_differential_ranks{suffix}.npz", **arrays)
    record = {"observed": {str(r): records for r, (records, _) in enumerate(second)}, "could_not_run": could_not}
    (DATA / f"mindspore_2_10_differential_ranks{suffix}.json").write_text(json.dumps(record, indent=1, sort_keys=True))
    print(f"{len(ran)} cases observed, {len(could_not)} could not run on MindSpore CPU")


if __name__ == "__main__":
    main()
