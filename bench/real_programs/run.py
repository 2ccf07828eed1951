"""Run every program of manifest.json under real MindSpore and under sporax; print the table.

    python bench/real_programs/run.py --checkout mindspore-ai/models=/path/to/extracted/tree \
        [--mindspore-python /work/msvenv/bin/python] [--sporax-python .venv/bin/python]

A checkout is a local tree of the upstream repository at the manifest's commit (nothing is
downloaded here). Each side writes outputs/<name>.<side>.npz; they match when output and
losses agree to 1e-4 (relative and absolute).
"""
import argparse
import json
import pathlib
import subprocess
import sys

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent


def first_error(stderr):
    lines = [line for line in stderr.strip().splitlines() if line.strip()]
    for line in reversed(lines):
        if "Error" in line.split(":")[0] or "Exception" in line.split(":")[0]:
            return line.strip()[:200]
    return (lines[-1] if lines else "no output")[:200]


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--checkout", action="append", default=[], help="REPO=DIR")
    parser.add_argument("--mindspore-python", default="/work/msvenv/bin/python")
    parser.add_argument("--sporax-python", default=sys.executable)
    parser.add_argument("--timeout", type=int, default=600)
    parser.add_argument("--only", default="", help="comma-separated program names (default: all)")
    args = parser.parse_args(argv)
    checkouts = dict(item.split("=", 1) for item in args.checkout)
    programs = json.loads((HERE / "manifest.json").read_text())["programs"]
    if args.only:
        wanted = set(args.only.split(","))
        unknown = wanted - {p["name"] for p in programs}
        if unknown:
            raise SystemExit(f"run.py: --only names no program {sorted(unknown)}")
        programs = [p for p in programs if p["name"] in wanted]
    for program in programs:
        folder = checkouts.get(program["repository"])
        if folder is None or not (pathlib.Path(folder) / program["path"]).is_dir():
            raise SystemExit(f"run.py: no checkout of {program['repository']} containing {program['path']} "
                             f"(pass --checkout {program['repository']}=DIR, the tree at commit {program['commit']})")
    out = HERE / "outputs"
    out.mkdir(exist_ok=True)
    sides = {"mindspore": [args.mindspore_python], "sporax": [args.sporax_python, "-m", "sporax", "run"]}
    print("| program | MindSpore | sporax | match 1e-4 | first error |\n|---|---|---|---|---|")
    for program in programs:
        program_dir = str(pathlib.Path(checkouts[program["repository"]]) / program["path"])
        result, errors = {}, []
        for side, command in sides.items():
            npz = out / f"{program['name']}.{side}.npz"
            npz.unlink(missing_ok=True)
            try:
                done = subprocess.run(command + [str(HERE / program["driver"]), "--program-dir", program_dir,
                                                 "--out", str(npz)], capture_output=True, text=True,
                                      timeout=args.timeout, cwd=program_dir)
                ok = done.returncode == 0 and npz.exists()
                error = "" if ok else first_error(done.stderr)
            except subprocess.TimeoutExpired:
                ok, error = False, f"timeout after {args.timeout} s"
            result[side] = dict(np.load(npz)) if ok else None
            if error:
                errors.append(f"{side}: {error}")
        match = "-"
        if result["mindspore"] is not None and result["sporax"] is not None:
            match = "yes" if all(np.allclose(result["mindspore"][k], result["sporax"][k], rtol=1e-4, atol=1e-4)
                                 for k in result["mindspore"]) else "NO"
        cells = ["ok" if result[s] is not None else "FAIL" for s in sides]
        print(f"| {program['name']} | {cells[0]} | {cells[1]} | {match} | {'; '.join(errors).replace('|', '/')} |",
              flush=True)


if __name__ == "__main__":
    main()
