"""What a random initializer asks a generator for: one elementwise distribution.

Initializers reduce to one of these (a fan-based bound or standard deviation is just a
parameter), so every generator needs only three samplers. Parameters are kept in Python
double; each generator rounds them as its reference implementation does.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Normal:
    """N(mean, sigma²)."""
    mean: float
    sigma: float


@dataclass(frozen=True)
class Uniform:
    """U(low, high)."""
    low: float
    high: float


@dataclass(frozen=True)
class TruncatedNormal:
    """N(mean, sigma²) conditioned on [a, b]; a and b are absolute bounds, as in MindSpore 2.10."""
    mean: float
    sigma: float
    a: float
    b: float


Distribution = Normal | Uniform | TruncatedNormal
