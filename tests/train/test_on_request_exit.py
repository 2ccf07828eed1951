"""OnRequestExit: a signal during training saves the network at the end; the next run resumes
from that checkpoint."""
import os
import signal

import numpy as np
import pytest

import sporax as ms
from sporax import nn, train


class SendSignal(train.Callback):
    def __init__(self, at_step):
        self.at_step = at_step

    def on_train_step_end(self, run_context):
        if run_context.original_args().cur_step_num == self.at_step:
            os.kill(os.getpid(), signal.SIGUSR1)


def _model():
    net = nn.Dense(3, 1, weight_init="zeros", bias_init="zeros")
    return net, train.Model(net, nn.MSELoss(), nn.SGD(net.trainable_params(), 0.1))


DATA = [(np.ones((2, 3), np.float32), np.ones((2, 1), np.float32))] * 3


def test_signal_saves_the_trained_network_and_the_next_run_loads_it(tmp_path):
    net, model = _model()
    callback = train.OnRequestExit(save_mindir=False, directory=str(tmp_path), sig=signal.SIGUSR1)
    before = signal.getsignal(signal.SIGUSR1)
    model.train(1, DATA, callbacks=[callback, SendSignal(1)])
    saved = tmp_path / "rank_0" / "Net_train.ckpt"
    assert callback.exit and saved.is_file() and signal.getsignal(signal.SIGUSR1) is before
    loaded = ms.load_checkpoint(str(saved))
    np.testing.assert_array_equal(loaded["weight"].asnumpy(), net.weight.asnumpy())
    resumed, resumed_model = _model()
    resumed_model.train(1, DATA[:1], callbacks=[train.OnRequestExit(save_mindir=False, directory=str(tmp_path),
                                                                    sig=signal.SIGUSR1)])
    reference, reference_model = _model()  # the saved weights, then the same one step
    ms.load_param_into_net(reference, loaded)
    reference_model.train(1, DATA[:1])
    np.testing.assert_array_equal(resumed.weight.asnumpy(), reference.weight.asnumpy())
    assert not np.array_equal(resumed.weight.asnumpy(), net.weight.asnumpy())


def test_no_signal_saves_nothing(tmp_path):
    _, model = _model()
    model.train(1, DATA, callbacks=[train.OnRequestExit(save_mindir=False, directory=str(tmp_path))])
    assert not (tmp_path / "rank_0" / "Net_train.ckpt").exists()


def test_arguments_are_checked_and_mindir_is_said_to_be_unavailable(tmp_path):
    with pytest.raises(ValueError, match="Not support send exit request by signal SIGKILL."):
        train.OnRequestExit(directory=str(tmp_path), sig=signal.SIGKILL)
    with pytest.raises(TypeError, match="For 'OnRequestExit', the 'save_ckpt' must be bool, but got int."):
        train.OnRequestExit(save_ckpt=1, directory=str(tmp_path))
    with pytest.warns(UserWarning, match="sporax cannot write MindIR files; only the checkpoint is saved"):
        train.OnRequestExit(directory=str(tmp_path))
