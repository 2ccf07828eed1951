"""Which server holds which Parameter: spread by size.

Largest first, each to the server holding the fewest bytes so far (ties: the lowest rank).
A pure function of the Parameters' names and sizes, so every worker computes the same map.
"""
from __future__ import annotations


def spread(sizes: dict[str, int], server_num: int) -> dict[str, int]:
    """name -> server rank, for `sizes` (name -> bytes) over `server_num` servers."""
    load = [0] * server_num
    placement = {}
    for name in sorted(sizes, key=lambda n: (-sizes[n], n)):
        rank = min(range(server_num), key=lambda r: (load[r], r))
        placement[name] = rank
        load[rank] += sizes[name]
    return placement
