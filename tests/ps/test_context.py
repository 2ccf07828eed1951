"""set_ps_context / get_ps_context: MindSpore 2.10's keys and defaults, and the role
variables (MS_ROLE & co.) validated before any work."""
import pytest

import sporax as ms
from sporax import Parameter, Tensor, context, nn

ROLE_VARIABLES = ("MS_ROLE", "MS_SERVER_NUM", "MS_WORKER_NUM", "MS_SCHED_HOST", "MS_SCHED_PORT")
WORKER = {"MS_ROLE": "MS_WORKER", "MS_SERVER_NUM": "2", "MS_WORKER_NUM": "3", "MS_SCHED_HOST": "127.0.0.1",
          "MS_SCHED_PORT": "7777"}


@pytest.fixture(autouse=True)
def _clean_ps(monkeypatch):
    for variable in ROLE_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    context.reset_ps_context()
    yield
    context.reset_ps_context()


def test_defaults_are_mindspore_2_10s():
    expected = {"enable_ps": False, "server_mode": "", "ms_role": "MS_NOT_PS", "worker_num": 0, "server_num": 0,
                "scheduler_ip": "127.0.0.1", "scheduler_port": 6667, "enable_ssl": False, "config_file_path": ""}
    assert {key: ms.get_ps_context(key) for key in expected} == expected


def test_enable_ps_reads_the_role_from_the_environment(monkeypatch):
    for variable, value in WORKER.items():
        monkeypatch.setenv(variable, value)
    ms.set_ps_context(enable_ps=True)
    assert [ms.get_ps_context(k) for k in ("enable_ps", "server_mode", "ms_role", "worker_num", "server_num",
                                           "scheduler_ip", "scheduler_port")] == \
        [True, "PARAMETER_SERVER", "MS_WORKER", 3, 2, "127.0.0.1", 7777]
    ms.set_ps_context(enable_ps=False)
    assert ms.get_ps_context("ms_role") == "MS_NOT_PS" and ms.get_ps_context("server_mode") == ""


def test_ms_server_is_mindspores_other_name_for_a_server(monkeypatch):
    for variable, value in {**WORKER, "MS_ROLE": "MS_SERVER"}.items():
        monkeypatch.setenv(variable, value)
    monkeypatch.setattr(context, "ps_enable_hooks", [])  # no serving here
    ms.set_ps_context(enable_ps=True)
    assert ms.get_ps_context("ms_role") == "MS_PSERVER"


def test_without_ms_role_enable_ps_is_not_a_role_and_set_param_ps_says_what_is_missing():
    ms.set_ps_context(enable_ps=True)
    assert ms.get_ps_context("ms_role") == "MS_NOT_PS"
    p = Parameter(Tensor(1.0), name="p")
    with pytest.raises(RuntimeError, match="export MS_ROLE"):
        p.set_param_ps()
    assert p.is_param_ps is False


@pytest.mark.parametrize("variable, value, message", [
    ("MS_ROLE", "MS_BOSS", "'MS_ROLE' must be one of"),
    ("MS_SERVER_NUM", None, "'MS_SERVER_NUM' must be set"),
    ("MS_WORKER_NUM", "0", "'MS_WORKER_NUM' must be an int >= 1, but got '0'"),
    ("MS_WORKER_NUM", "two", "'MS_WORKER_NUM' must be an int >= 1, but got 'two'"),
    ("MS_SCHED_PORT", "70000", "'MS_SCHED_PORT' must be an int in \\[1, 65535\\]"),
    ("MS_SCHED_HOST", None, "'MS_SCHED_HOST' must be set"),
])
def test_bad_role_variables_are_clear_errors_before_any_work(monkeypatch, variable, value, message):
    for name, setting in WORKER.items():
        monkeypatch.setenv(name, setting)
    if value is None:
        monkeypatch.delenv(variable)
    else:
        monkeypatch.setenv(variable, value)
    called = []
    monkeypatch.setattr(context, "ps_enable_hooks", [called.append])
    with pytest.raises(ValueError, match=message):
        ms.set_ps_context(enable_ps=True)
    assert ms.get_ps_context("enable_ps") is False and ms.get_ps_context("ms_role") == "MS_NOT_PS"
    assert called == []


@pytest.mark.parametrize("kwargs, error, message", [
    ({"enable_ps": 1}, TypeError, "The parameter 'enable_ps' must be <class 'bool'>, but got <class 'int'>"),
    ({"bogus": True}, ValueError, "Set PS context keyword bogus is not recognized!"),
    ({"server_num": "1"}, TypeError, "'server_num' must be <class 'int'>"),
    ({"worker_num": -1}, ValueError, "'worker_num' must be >= 0"),
    ({"ms_role": "MS_X"}, ValueError, "'ms_role' must be one of"),
    ({"enable_ssl": True}, ValueError, "'enable_ssl=True' is not supported"),
    ({"config_file_path": "/tmp/recovery.json"}, ValueError, "'config_file_path'"),
    ({"client_password": 3}, TypeError, "'client_password' must be <class 'str'>"),
])
def test_bad_keys_and_values_change_nothing(kwargs, error, message):
    with pytest.raises(error, match=message):
        ms.set_ps_context(scheduler_port=1234, **kwargs)
    assert ms.get_ps_context("scheduler_port") == 6667


def test_get_of_an_unknown_or_write_only_key_is_mindspores_error():
    for key in ("bogus", "client_password"):
        with pytest.raises(ValueError, match=f"Get PS context keyword {key} is not recognized!"):
            ms.get_ps_context(key)


def test_cell_set_param_ps_marks_every_trainable_parameter(monkeypatch):
    for variable, value in WORKER.items():
        monkeypatch.setenv(variable, value)
    ms.set_ps_context(enable_ps=True)
    net = nn.SequentialCell([nn.Dense(2, 3), nn.BatchNorm1d(3)])
    net.set_param_ps(init_in_server=True)
    marks = {p.name: (p.is_param_ps, p.init_in_server) for p in net.get_parameters()}
    trainable = {p.name for p in net.trainable_params()}
    assert marks == {name: ((True, True) if name in trainable else (False, False)) for name in marks}
    with pytest.raises(TypeError, match="'init_in_server' must be a bool, but got 1"):
        net.set_param_ps(init_in_server=1)
    with pytest.raises(TypeError, match="'recurse' must be a bool"):
        net.set_param_ps(recurse="yes")
