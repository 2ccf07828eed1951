"""The communication names against real MindSpore 2.10, on a 2-process world over loopback.

One `sporax launch` job runs every case of `tests/data/differential_ranks_comm.py` that
MindSpore 2.10 ran on CPU (`make_differential_ranks_outputs.py`, by hand, under `msrun`), and
the examples of MindSpore's docstrings for the names it has no CPU kernel for; each rank's
inputs and outputs are compared with MindSpore's: integers and bools exactly,
float32 to 1e-6 relative, float16 to 1e-3; other values (ranks, group names, objects sent
between ranks, handles) equal; where MindSpore raised, sporax raises the same class.
"""
import json
import pathlib
import sys

import numpy as np
import pytest

from tests.parallel import _jobs

DATA = pathlib.Path(__file__).resolve().parents[1] / "data"
sys.path.insert(0, str(DATA))
import differential_ranks_comm as table  # noqa: E402

MINDSPORE = json.loads((DATA / "mindspore_2_10_differential_ranks_comm.json").read_text())
MINDSPORE_ARRAYS = np.load(DATA / "mindspore_2_10_differential_ranks_comm.npz")
TOLERANCE = {"float32": 1e-6, "float16": 1e-3}


@pytest.fixture(scope="module")
def sporax_ranks(tmp_path_factory):
    out = tmp_path_factory.mktemp("differential_comm")
    result = _jobs.launch("differential_ranks_worker.py", table.RANKS, out, out, *[c.id for c in table.CASES],
                          timeout=400)
    assert result.returncode == 0, result.stdout[-3000:]
    return [(json.loads((out / f"rank_{r}.json").read_text()), dict(np.load(out / f"rank_{r}.npz")))
            for r in range(table.RANKS)]


def compare(expected, found, expected_arrays, found_arrays, where):
    """`found` (the worker's record form, arrays keyed by `where`) equals `expected`."""
    if isinstance(expected, dict) and ("tensor" in expected or "array" in expected):
        assert found == expected, f"{where}: {found} != MindSpore's {expected}"
        want, got = expected_arrays[where], found_arrays[where]
        assert got.dtype == want.dtype and got.shape == want.shape, where
        tolerance = TOLERANCE.get(str(want.dtype))
        if tolerance is None:
            np.testing.assert_array_equal(got, want, err_msg=where)
        else:
            np.testing.assert_allclose(got.astype(np.float64), want.astype(np.float64), rtol=tolerance, atol=0,
                                       err_msg=where)
        return
    items = expected.get("tuple") if isinstance(expected, dict) else expected if isinstance(expected, list) else None
    if items is None:  # a plain value, or an object's {"dict": ...} form
        assert found == expected, f"{where}: {found!r} != MindSpore's {expected!r}"
        return
    found_items = found.get("tuple") if isinstance(found, dict) else found
    assert isinstance(found_items, list) and type(found) is type(expected) and len(found_items) == len(items), \
        f"{where}: {found} != MindSpore's {expected}"
    for i, (e, f) in enumerate(zip(items, found_items)):
        compare(e, f, expected_arrays, found_arrays, f"{where}/{i}")


def expectations(case_id, rank):
    """[(source, record, arrays)]: MindSpore's CPU run of the case on `rank`, and/or its documented output."""
    found = []
    if case_id in MINDSPORE["observed"][str(rank)]:
        prefix = f"r{rank}/"
        arrays = {key[len(prefix):]: MINDSPORE_ARRAYS[key] for key in MINDSPORE_ARRAYS.files
                  if key.startswith(f"{prefix}{case_id}/")}
        found.append(("MindSpore CPU", MINDSPORE["observed"][str(rank)][case_id], arrays))
    if case_id in table.DOCUMENTED:
        arrays = {}
        record = {name: table.documented_json(value, arrays, f"{case_id}/{name}")
                  for name, value in table.DOCUMENTED[case_id][rank].items()}
        found.append(("MindSpore's docstring", record, arrays))
    return found


@pytest.mark.parametrize("case", table.CASES, ids=[c.id for c in table.CASES])
def test_matches_mindspore(sporax_ranks, case):
    for rank, (records, arrays) in enumerate(sporax_ranks):
        found = records[case.id]
        for source, expected, expected_arrays in expectations(case.id, rank):
            where = f"rank {rank}, against {source}"
            if case.id in table.PROFILE_DIFFERENCES:
                why, sporaxs = table.PROFILE_DIFFERENCES[case.id]
                assert "error" in expected and found == sporaxs, f"{where}: {found} ({why})"
                continue
            if "error" in expected:
                assert found.get("error") == expected["error"], f"{where}: {found} (MindSpore: {expected})"
                continue
            assert "error" not in found, f"{where}: {found}"
            if source == "MindSpore's docstring":  # the docstring prints the outputs, not the inputs
                found = {name: found[name] for name in expected if name in found}
            assert found.keys() == expected.keys(), f"{where}: {sorted(found)} != {sorted(expected)}"
            for name in expected:
                compare(expected[name], found[name], expected_arrays, arrays, f"{case.id}/{name}")


def test_the_cases_are_mindsporess_observations():
    """CASES: every case MindSpore CPU ran, and the documented examples; the rest are kept with its error."""
    observed = set(MINDSPORE["observed"]["0"])
    assert observed == set(MINDSPORE["observed"]["1"])
    assert {c.id for c in table.CASES} == observed | set(table.DOCUMENTED)
    assert set(table.RUNNERS) == observed | set(MINDSPORE["could_not_run"])
