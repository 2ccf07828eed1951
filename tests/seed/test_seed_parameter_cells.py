"""The seed notebook's cells 3, 5, 7 and 9, run unmodified but for the import, print exactly what the notebook shows.

The stored notebook's outputs lost their runs of spaces (its text was extracted from a
rendered page), so lines are compared with whitespace runs collapsed; every character
else must match.
"""
import pytest

from tests.seed.notebook import printed, run_ported


def collapse(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines()]


@pytest.mark.parametrize("cell", [3, 5, 7, 9])
def test_cell_prints_the_notebook_output(cell, capsys):
    run_ported(cell)
    out = capsys.readouterr().out
    assert collapse(out) == collapse(printed(cell))
    assert len(out.splitlines()) == len(printed(cell).splitlines())


def test_cell_3_prints_exact_lines(capsys):
    run_ported(3)
    assert capsys.readouterr().out == (
        "Parameter (name=x, shape=(2, 3), dtype=Int64, requires_grad=True) \n\n"
        " Parameter (name=y, shape=(1, 2, 3), dtype=Float32, requires_grad=True) \n\n"
        " Parameter (name=z, shape=(), dtype=Float32, requires_grad=True)\n")
