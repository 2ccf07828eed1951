"""sporax._runtime.import_gc: the collector held off for a block, its state put back exactly."""
import gc
import subprocess
import sys

import pytest

from sporax._runtime import import_gc


@pytest.fixture
def collector_state():
    state = gc.isenabled(), gc.get_threshold()
    yield
    gc.set_threshold(*state[1])
    (gc.enable if state[0] else gc.disable)()


@pytest.mark.parametrize("enabled", [True, False])
def test_paused_disables_the_collector_inside_and_restores_it(collector_state, enabled):
    (gc.enable if enabled else gc.disable)()
    gc.set_threshold(321, 7, 9)
    with import_gc.paused():
        assert not gc.isenabled()
    assert gc.isenabled() is enabled
    assert gc.get_threshold() == (321, 7, 9)
    assert gc.get_freeze_count() == 0


def test_paused_restores_the_collector_when_the_block_raises(collector_state):
    gc.enable()
    with pytest.raises(ImportError, match="boom"):
        with import_gc.paused():
            raise ImportError("boom")
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_cycles_made_inside_the_block_are_still_collected(collector_state):
    class Node:
        pass

    with import_gc.paused():
        node = Node()
        node.self = node
    assert gc.is_tracked(node)
    del node
    gc.collect()
    assert not [o for o in gc.get_objects() if type(o) is Node]


def test_paused_moves_what_it_made_to_the_oldest_generation_without_a_collection(collector_state):
    collections = []
    callback = lambda phase, info: phase == "stop" and collections.append(info["generation"])  # noqa: E731
    gc.callbacks.append(callback)
    try:
        with import_gc.paused():
            made = [[i] for i in range(50_000)]
    finally:
        gc.callbacks.remove(callback)
    assert collections == []
    oldest = {id(o) for o in gc.get_objects(generation=2)}
    assert all(id(o) in oldest for o in made[::997])


def test_paused_leaves_a_users_frozen_objects_frozen():
    probe = ("import gc\n"
             "from sporax._runtime import import_gc\n"
             "kept = [[i] for i in range(1000)]\n"
             "gc.freeze()\n"
             "frozen = gc.get_freeze_count()\n"
             "with import_gc.paused():\n"
             "    more = [[i] for i in range(1000)]\n"
             "print(frozen > 1000, gc.get_freeze_count() == frozen, gc.isenabled())")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    assert result.stdout.split() == ["True", "True", "True"]
