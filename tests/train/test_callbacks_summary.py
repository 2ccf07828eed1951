"""SummaryRecord / SummaryCollector / summary operators: TensorBoard event files, read back
through TensorBoard's own event reader."""
import os

import numpy as np
import pytest
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator
from tensorboard.util import tensor_util

import sporax as ms
from sporax import Tensor, nn, ops
from sporax.train import Model, SummaryCollector, SummaryRecord


@pytest.fixture(autouse=True)
def pynative_after():
    yield
    ms.set_context(mode=ms.PYNATIVE_MODE)


def read(directory):
    events = EventAccumulator(str(directory), size_guidance={"tensors": 0, "scalars": 0, "histograms": 0,
                                                              "images": 0})
    events.Reload()
    return events


def test_record_writes_every_plugin_as_tensorboard_reads_it(tmp_path):
    weights = np.arange(12, dtype=np.float32)
    with SummaryRecord(str(tmp_path)) as record:
        record.add_value("scalar", "loss", Tensor(np.float32(0.25)))
        record.add_value("histogram", "w", Tensor(weights))
        record.add_value("image", "im", Tensor(np.full((2, 3, 4, 5), 0.5, np.float32)))
        record.add_value("tensor", "t", Tensor(np.arange(6, dtype=np.float32).reshape(2, 3)))
        assert record.record(3)
        record.add_value("scalar", "loss", Tensor(np.float32(0.125)))
        record.record(4)
    (name,) = os.listdir(tmp_path)
    assert name.startswith("events.out.tfevents.") and name.endswith("_MS")
    events = read(tmp_path)
    assert [(e.step, e.value) for e in events.Scalars("loss")] == [(3, 0.25), (4, 0.125)]
    histogram = events.Histograms("w")[0].histogram_value
    assert (histogram.num, histogram.min, histogram.max, histogram.sum) == (12, 0.0, 11.0, 66.0)
    image = events.Images("im")[0]
    assert image.step == 3 and image.height == 4 and image.width > 5  # a grid of the batch
    np.testing.assert_array_equal(tensor_util.make_ndarray(events.Tensors("t")[0].tensor_proto),
                                  np.arange(6, dtype=np.float32).reshape(2, 3))


def test_record_validation_and_closed_writer(tmp_path):
    record = SummaryRecord(str(tmp_path), file_prefix="run", file_suffix="_x")
    assert os.path.basename(record.event_file).startswith("run.out.tfevents.")
    with pytest.raises(ValueError, match="no such 'plugin' of 'graph'"):
        record.add_value("graph", "g", Tensor(1.0))
    with pytest.raises(TypeError, match="expect to be Tensor, but got float"):
        record.add_value("scalar", "a", 1.0)
    with pytest.raises(ValueError, match="must have one element"):
        record.add_value("scalar", "a", Tensor(np.ones(3, np.float32)))
    with pytest.raises(TypeError, match="'step' must be int"):
        record.record(1.5)
    with pytest.raises(ValueError, match="'file_prefix' must match"):
        SummaryRecord(str(tmp_path), file_prefix="a b")
    record.close()
    with pytest.warns(UserWarning, match="The record writer is closed"):
        assert record.record(1) is False


def test_max_file_size_stops_writing_with_one_warning(tmp_path):
    with SummaryRecord(str(tmp_path), max_file_size=200) as record:
        with pytest.warns(UserWarning, match="reached 'max_file_size'"):
            for step in range(20):
                record.add_value("scalar", "loss", Tensor(np.float32(step)))
                record.record(step)
    steps = [e.step for e in read(tmp_path).Scalars("loss")]
    assert steps == list(range(len(steps))) and 0 < len(steps) < 20


class Recorded(nn.Cell):
    def __init__(self):
        super().__init__()
        self.dense = nn.Dense(3, 2)
        self.scalar, self.histogram = ops.ScalarSummary(), ops.HistogramSummary()

    def construct(self, x):
        y = self.dense(x)
        self.scalar("y_sum", y.sum())
        self.histogram("y", y)
        return y


@pytest.mark.parametrize("mode", [ms.PYNATIVE_MODE, ms.GRAPH_MODE])
def test_summary_operators_are_recorded_in_both_modes(tmp_path, mode):
    ms.set_context(mode=mode)
    net = Recorded()
    x = np.arange(6, dtype=np.float32).reshape(2, 3)
    with SummaryRecord(str(tmp_path)) as record:
        for step in (1, 2):
            y = net(Tensor(x * step)).asnumpy()
            record.record(step)
    events = read(tmp_path)
    assert [e.step for e in events.Scalars("y_sum")] == [1, 2]
    np.testing.assert_allclose(events.Scalars("y_sum")[1].value, y.sum(), rtol=1e-6)
    assert events.Histograms("y")[0].histogram_value.num == 4


def test_summary_operators_check_their_arguments():
    with pytest.raises(ValueError, match="must be a scalar"):
        ops.ScalarSummary()("x", Tensor(np.ones(3, np.float32)))
    with pytest.raises(ValueError, match="must be 4-D"):
        ops.ImageSummary()("x", Tensor(np.ones((3, 4), np.float32)))
    with pytest.raises(TypeError, match="'name' must be a non-empty str"):
        ops.TensorSummary()(1, Tensor(1.0))


def test_summary_collector_records_loss_and_histograms_every_collect_freq_steps(tmp_path):
    rng = np.random.default_rng(0)
    x = rng.standard_normal((16, 4)).astype(np.float32)
    y = rng.integers(0, 2, (16,)).astype(np.int32)
    data = [(x[i:i + 4], y[i:i + 4]) for i in range(0, 16, 4)]
    net = nn.Dense(4, 2)
    model = Model(net, nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean"),
                  nn.Momentum(net.trainable_params(), 0.01, 0.9))
    losses = []
    from sporax.train import LambdaCallback
    keep = LambdaCallback(on_train_step_end=lambda c: losses.append(float(c.original_args().net_outputs.asnumpy())))
    with SummaryCollector(str(tmp_path), collect_freq=5) as collector:
        model.train(3, data, callbacks=[keep, collector])
    events = read(tmp_path)
    assert [e.step for e in events.Scalars("loss/auto")] == [1, 5, 10]
    np.testing.assert_allclose([e.value for e in events.Scalars("loss/auto")], [losses[0], losses[4], losses[9]],
                               rtol=1e-6)
    assert sorted(events.Tags()["histograms"]) == ["bias/auto", "weight/auto"]


def test_summary_collector_checks_specified_data(tmp_path):
    with pytest.raises(ValueError, match="are unsupported"):
        SummaryCollector(str(tmp_path), collect_specified_data={"collect_nothing": True})
    with pytest.raises(TypeError, match="'collect_metric' must be a bool"):
        SummaryCollector(str(tmp_path), collect_specified_data={"collect_metric": 1})
    with pytest.raises(ValueError, match="'collect_freq' must be a positive int"):
        SummaryCollector(str(tmp_path), collect_freq=0)
