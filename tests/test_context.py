import json
import pathlib
import warnings

import pytest

import sporax as ms
from sporax import context

CASES = json.loads((pathlib.Path(__file__).parent / "data" / "mindspore_2_10_context.json").read_text())


@pytest.fixture(autouse=True)
def fresh_mindspore_keys():
    context._mindspore_context.clear()
    yield
    context._mindspore_context.clear()


def test_modes_have_mindspore_values():
    assert (ms.GRAPH_MODE, ms.PYNATIVE_MODE) == (0, 1)
    assert ms.get_context("mode") == ms.PYNATIVE_MODE


def test_unknown_key_is_mindspores_error_and_changes_nothing():
    with pytest.raises(ValueError, match="^For 'context.set_context', the keyword argument bogus is not recognized!"):
        ms.set_context(init_generator="threefry", bogus=1)
    assert ms.get_context("init_generator") == "mindspore"


def test_a_bad_value_anywhere_changes_nothing():
    with pytest.raises(ValueError, match="max_call_depth"):
        ms.set_context(save_graphs=True, jit_level="O1", max_call_depth=0)
    assert (ms.get_context("save_graphs"), ms.get_context("jit_level")) == (0, "")


def test_every_mindspore_key_reads_its_mindspore_default():
    for key, default in CASES["defaults"].items():
        if key in ("runtime_num_threads", "mode"):  # the oracle machine's core count; sporax's mode default
            continue
        assert ms.get_context(key) == default, key


def test_values_are_checked_and_stored_as_mindspore_does():
    """Each case of the oracle, in its order: the same exception class and message, or the same
    value read back (device-specific keys are ignored on CPU, with a warning, as MindSpore does)."""
    for case in CASES["cases"]:
        key, value = case["key"], case["value"]
        if (key, value) == ("device_id", 7):  # MindSpore: already in effect in that process
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                ms.set_context(**{key: value})
            except Exception as error:  # noqa: BLE001 (compared below)
                assert (type(error).__name__, str(error)) == (case.get("error"), case.get("message")), case
                continue
        assert "error" not in case, case
        stored = case["stored"]
        if isinstance(stored, dict) and "error" in stored:
            with pytest.raises(ValueError) as error:
                ms.get_context(key)
            assert str(error.value) == stored["message"]
        else:
            assert ms.get_context(key) == stored, case
    ms.set_context(mode=ms.PYNATIVE_MODE)


def test_jit_syntax_levels_are_top_level_names():
    assert (ms.STRICT, ms.COMPATIBLE, ms.LAX) == (CASES["names"]["STRICT"], CASES["names"]["COMPATIBLE"],
                                                  CASES["names"]["LAX"]) == (0, 1, 2)
    ms.set_context(jit_syntax_level=ms.STRICT)
    assert ms.get_context("jit_syntax_level") == ms.STRICT


def test_jit_config_also_sets_jit_level():
    ms.set_context(jit_config={"jit_level": "O1"})
    assert ms.get_context("jit_config") == {"jit_level": "O1"} and ms.get_context("jit_level") == "O1"


def test_cpp_checked_keys_wrong_type_is_type_and_runtime_error():
    with pytest.raises(TypeError, match="the argument 'enable_task_opt' must be bool, but got int") as error:
        ms.set_context(enable_task_opt=1)
    assert isinstance(error.value, RuntimeError)


def test_device_specific_key_is_ignored_on_cpu_with_a_warning_and_kept_on_gpu():
    with pytest.warns(UserWarning, match="'max_device_memory', the argument 'device_target' only supports"):
        ms.set_context(max_device_memory="3.5GB")
    assert ms.get_context("max_device_memory") == 1024.0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ms.set_context(device_target="GPU", max_device_memory="3.5GB")
    assert ms.get_context("max_device_memory") == 3.5
    with pytest.raises(ValueError, match="should not be \"0GB\""):
        ms.set_context(max_device_memory="0.0GB")
    with pytest.raises(ValueError, match="^The '3.5G' is illegal, it must be match regular"):
        ms.set_context(max_device_memory="3.5G")


@pytest.mark.parametrize("key, value", [("mode", 3), ("mode", True), ("device_target", "TPU"), ("device_id", -1),
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


def test_gpu_without_a_gpu_warns_once_as_ascend_does():
    if context._gpu_present():
        pytest.skip("a GPU is present")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ms.set_context(device_target="GPU")
        ms.set_context(device_target="GPU")
    assert len(caught) == 1 and str(caught[0].message) == (
        "device_target 'GPU' is not available: sporax runs on the best JAX backend (GPU if present, else CPU).")
    assert ms.get_context("device_target") == "GPU"


def test_jit_config_is_mindspores_dictionary_and_checks():
    assert ms.JitConfig().jit_config_dict == {"jit_level": "", "exc_mode": "auto", "jit_syntax_level": "",
                                              "debug_level": "RELEASE", "infer_boost": "off"}
    assert ms.JitConfig(jit_level="O2", foo=1).jit_config_dict == {
        "foo": 1, "jit_level": "O2", "exc_mode": "auto", "jit_syntax_level": "", "debug_level": "RELEASE",
        "infer_boost": "off", "backend": "GE"}
    assert ms.JitConfig(jit_level="O1", jit_syntax_level="STRICT").jit_config_dict["backend"] == "ms_backend"
    with pytest.raises(ValueError, match=r"^For 'jit_level' must be one of \['O0', 'O1', 'O2'\].$"):
        ms.JitConfig(jit_level="O3")
    with pytest.raises(ValueError, match=r"^For 'exc_mode' must be one of"):
        ms.JitConfig(exc_mode="x")
