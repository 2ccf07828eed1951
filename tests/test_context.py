import warnings

import pytest

import sporax as ms


def test_modes_have_mindspore_values():
    assert (ms.GRAPH_MODE, ms.PYNATIVE_MODE) == (0, 1)
    assert ms.get_context("mode") == ms.PYNATIVE_MODE


def test_unknown_key_lists_valid_ones_and_changes_nothing():
    with pytest.raises(ValueError, match="'bogus' is not a known key; valid keys are"):
        ms.set_context(init_generator="threefry", bogus=1)
    assert ms.get_context("init_generator") == "mindspore"


@pytest.mark.parametrize("key, value", [("mode", 3), ("mode", True), ("device_target", "TPU"),
                                        ("init_generator", "x"), ("threefry_key", "path")])
def test_bad_values_are_value_errors(key, value):
    with pytest.raises(ValueError, match=f"argument '{key}'"):
        ms.set_context(**{key: value})


def test_ascend_is_accepted_with_one_warning():
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            ms.set_context(device_target="Ascend")
            ms.set_context(device_target="Ascend")
        assert len(caught) == 1 and "best JAX backend" in str(caught[0].message)
        assert ms.get_context("device_target") == "Ascend"
    finally:
        ms.set_context(device_target="CPU")
