"""How `Dataset.split` sizes its parts.

Fractions become sizes by rounding each `fraction * size`; what rounding leaves over (or
takes too much) is settled on the first part, as MindSpore does. Random-access sources
split at random (`MappableDataset._split_randomly`: one permutation from the config seed,
each part reading its rows through a SubsetRandomSampler); otherwise the parts are
consecutive (`skip`/`take`).
"""
from __future__ import annotations

import numbers


def split_sizes(sizes, total):
    if not isinstance(sizes, list) or not sizes:
        raise TypeError(f"sizes should be a non-empty list of ints or floats, but got {sizes!r}.")
    if all(isinstance(s, numbers.Integral) and not isinstance(s, bool) for s in sizes):
        if any(s <= 0 for s in sizes):
            raise ValueError(f"sizes: every size must be positive, but got {sizes}.")
        if sum(sizes) != total:
            raise ValueError(f"Sum of split sizes {sum(sizes)} is not equal to dataset size {total}.")
        return list(sizes)
    if all(isinstance(s, float) for s in sizes):
        if any(not 0 < s <= 1 for s in sizes):
            raise ValueError(f"sizes: every fraction must be in (0, 1], but got {sizes}.")
        if abs(sum(sizes) - 1) > 1e-6:
            raise ValueError(f"Sum of calculated split sizes {sum(sizes)} is not equal to 1.")
        rounded = [int(round(s * total)) for s in sizes]
        rounded[0] += total - sum(rounded)
        if any(r <= 0 for r in rounded):
            raise RuntimeError(f"split: the fractions {sizes} give an empty part for a dataset of {total} rows.")
        return rounded
    raise TypeError(f"sizes should be all ints or all floats, but got {sizes!r}.")
