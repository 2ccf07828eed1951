"""A network's Parameters as a table, read from metadata only: nothing is materialised."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ParameterRow:
    name: str
    shape: tuple
    dtype: str
    initializer: str
    materialized: bool
    nbytes: int
    requires_grad: bool


def _initializer_name(param) -> str:
    if not param.has_init:
        return "-"
    init = param.init
    args = ", ".join(f"{k}={v!r}" for k, v in init._kwargs.items())
    return f"{type(init).__name__}({args})"


def _bytes(n: int) -> str:
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if n < 1024 or unit == "TiB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)


class ParameterReport(list):
    """Rows of `ParameterRow`; `str()` gives an aligned table with totals."""

    @classmethod
    def of(cls, cell) -> "ParameterReport":
        return cls(ParameterRow(p.name, p.shape, str(p.dtype), _initializer_name(p), not p.has_init, p.nbytes,
                                p.requires_grad) for _, p in cell.parameters_and_names())

    @property
    def total_bytes(self) -> int:
        return sum(r.nbytes for r in self)

    @property
    def materialized_bytes(self) -> int:
        return sum(r.nbytes for r in self if r.materialized)

    def __str__(self) -> str:
        header = ("name", "shape", "dtype", "initializer", "state", "bytes")
        rows = [(r.name, str(r.shape), r.dtype, r.initializer, "data" if r.materialized else "lazy", _bytes(r.nbytes))
                for r in self]
        widths = [max(len(h), *(len(row[i]) for row in rows)) if rows else len(h) for i, h in enumerate(header)]
        line = "  ".join("{:<" + str(w) + "}" for w in widths)
        out = [line.format(*header).rstrip(), line.format(*("-" * w for w in widths))]
        out += [line.format(*row).rstrip() for row in rows]
        out.append(f"{len(self)} parameters, {sum(_count(r.shape) for r in self):,} elements, "
                   f"{_bytes(self.total_bytes)} ({_bytes(self.materialized_bytes)} materialised)")
        return "\n".join(out)


def _count(shape) -> int:
    n = 1
    for d in shape:
        n *= d
    return n
