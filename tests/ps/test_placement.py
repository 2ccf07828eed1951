"""Spreading PS Parameters over servers by size."""
from hypothesis import given, strategies as st

from sporax._ps.placement import spread


def test_largest_first_to_the_least_loaded_server():
    sizes = {"table": 400, "fc1.weight": 300, "fc2.weight": 200, "fc1.bias": 10, "fc2.bias": 5}
    assert spread(sizes, 2) == {"table": 0, "fc1.weight": 1, "fc2.weight": 1, "fc1.bias": 0, "fc2.bias": 0}
    assert spread(sizes, 1) == dict.fromkeys(sizes, 0)


@given(st.dictionaries(st.text(min_size=1, max_size=5), st.integers(1, 10**6), min_size=1, max_size=30),
       st.integers(1, 6))
def test_every_parameter_placed_and_no_server_over_the_mean_plus_the_largest(sizes, server_num):
    placement = spread(sizes, server_num)
    assert set(placement) == set(sizes) and set(placement.values()) <= set(range(server_num))
    load = [sum(sizes[n] for n in sizes if placement[n] == r) for r in range(server_num)]
    assert max(load) <= sum(sizes.values()) / server_num + max(sizes.values())
    assert spread(dict(reversed(list(sizes.items()))), server_num) == placement  # order-free
