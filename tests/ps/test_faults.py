"""Failures that need no running job: an unreachable scheduler, a PS optimizer inside
compiled code, bad launcher arguments."""
import socket

import numpy as np
import pytest

import sporax as ms
from sporax import Tensor, context, nn
from sporax._ps.launcher import launch_ps


def _closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def role(monkeypatch):
    def set_role(name):
        port = _closed_port()
        for variable, value in (("MS_ROLE", name), ("MS_SERVER_NUM", "1"), ("MS_WORKER_NUM", "1"),
                                ("MS_SCHED_HOST", "127.0.0.1"), ("MS_SCHED_PORT", str(port)),
                                ("SPORAX_PS_CONNECT_TIMEOUT", "1")):
            monkeypatch.setenv(variable, value)
        return port
    context.reset_ps_context()
    yield set_role
    context.reset_ps_context()


def _ps_train_step():
    net = nn.Dense(3, 2)
    net.set_param_ps()
    loss = nn.WithLossCell(net, nn.MSELoss())
    return nn.TrainOneStepCell(loss, nn.Momentum(net.trainable_params(), 0.1, 0.9))


def test_a_worker_names_the_scheduler_it_cannot_reach(role):
    port = role("MS_WORKER")
    ms.set_ps_context(enable_ps=True)
    step = _ps_train_step()
    with pytest.raises(RuntimeError, match=f"Cannot reach the parameter-server scheduler at 127.0.0.1:{port} "
                                           r"\(MS_SCHED_HOST:MS_SCHED_PORT\) within 1 s"):
        step(Tensor(np.ones((4, 3), np.float32)), Tensor(np.zeros((4, 2), np.float32)))


def test_a_server_names_the_scheduler_it_cannot_reach(role):
    port = role("MS_PSERVER")
    with pytest.raises(RuntimeError, match=f"Cannot reach the parameter-server scheduler at 127.0.0.1:{port}"):
        ms.set_ps_context(enable_ps=True)


def test_a_ps_optimizer_inside_compiled_code_is_a_clear_error(role):
    role("MS_WORKER")
    ms.set_ps_context(enable_ps=True)
    net = nn.Dense(3, 2)
    net.set_param_ps()
    optimizer = nn.Momentum(net.trainable_params(), 0.1, 0.9)

    class CompiledUpdate(nn.Cell):
        def __init__(self):
            super().__init__()
            self.optimizer = optimizer

        def construct(self, g_weight, g_bias):
            return self.optimizer((g_weight, g_bias))

    before = net.weight.asnumpy()
    ms.set_context(mode=ms.GRAPH_MODE)
    with pytest.raises(RuntimeError, match="cannot run inside compiled code"):
        CompiledUpdate()(Tensor(np.ones((2, 3), np.float32)), Tensor(np.ones(2, np.float32)))
    np.testing.assert_array_equal(net.weight.asnumpy(), before)


@pytest.mark.parametrize("kwargs, error, message", [
    ({"script": "/no/such/script.py"}, ValueError, "'script' must be an existing file"),
    ({"server_num": 0}, ValueError, "'server_num' must be an int >= 1, but got 0"),
    ({"worker_num": True}, ValueError, "'worker_num' must be an int >= 1, but got True"),
    ({"sched_port": 70000}, ValueError, "'sched_port' must be <= 65535"),
    ({"sched_host": ""}, ValueError, "'sched_host' must be a host name"),
    ({"timeout": 0}, ValueError, "'timeout' must be a number of seconds > 0"),
    ({"script_args": "x"}, TypeError, "'script_args' must be a sequence of str"),
])
def test_launch_ps_validates_its_arguments(tmp_path, kwargs, error, message):
    script = tmp_path / "job.py"
    script.write_text("")
    arguments = {"script": str(script), "script_args": [], "server_num": 1, "worker_num": 1,
                 "sched_host": "127.0.0.1", "sched_port": 6667, "log_dir": str(tmp_path), "timeout": 10, **kwargs}
    with pytest.raises(error, match=message):
        launch_ps(**arguments)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["job.py"]
