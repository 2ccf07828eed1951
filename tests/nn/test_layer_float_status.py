"""Every nn layer and loss computes through primitives, so an inf/NaN input reaches the
float-status register (NPUAllocFloatStatus / NPUGetFloatStatus) in both modes.

The layers are enumerated from `sporax.nn`: a new layer or loss without a case here fails
`test_every_layer_and_loss_has_a_case`.
"""
import inspect

import numpy as np
import pytest

import sporax as ms
from sporax import Tensor, nn, ops

# Cells in nn.layer / nn.loss that compute nothing themselves, with the reason.
NO_COMPUTATION = {
    "Identity": "returns its input object; no operation runs",
    "SequentialCell": "a container: its cells compute",
    "CellList": "a container: its cells compute",
    "CellDict": "a container: its cells compute",
    "LossBase": "the base class: no construct of its own",
}

# Activations that map inf to a finite value: for them only NaN must reach the register
# (the register watches each primitive's result).
SATURATE_INF = {"Sigmoid", "Tanh", "ReLU6"}


def _x(shape, bad):
    x = np.linspace(0.5, 1.5, int(np.prod(shape)), dtype=np.float32).reshape(shape)
    x.flat[1] = bad
    return Tensor(x)


def _labels(shape, classes):
    return Tensor(np.arange(int(np.prod(shape)), dtype=np.int32).reshape(shape) % classes)


def _embedding(bad):
    table = np.ones((5, 3), np.float32)
    table[2, 1] = bad
    return nn.Embedding(5, 3, embedding_table=Tensor(table)), (Tensor(np.int32([[2, 0], [1, 2]])),)


def _dropout(bad):
    cell = nn.Dropout(p=0.25)
    cell.set_train(True)
    x = np.full((4, 4), bad, np.float32)
    return cell, (Tensor(x),)


# name -> bad value -> (cell, inputs)
CASES = {
    "AdaptiveAvgPool2d": lambda bad: (nn.AdaptiveAvgPool2d(2), (_x((1, 2, 4, 4), bad),)),
    "AvgPool2d": lambda bad: (nn.AvgPool2d(2, 2), (_x((1, 2, 4, 4), bad),)),
    "MaxPool2d": lambda bad: (nn.MaxPool2d(2, 2), (_x((1, 2, 4, 4), bad),)),
    "BatchNorm1d": lambda bad: (nn.BatchNorm1d(2), (_x((3, 2), bad),)),
    "BatchNorm2d": lambda bad: (nn.BatchNorm2d(2), (_x((2, 2, 3, 3), bad),)),
    "GroupNorm": lambda bad: (nn.GroupNorm(2, 4), (_x((2, 4, 3, 3), bad),)),
    "LayerNorm": lambda bad: (nn.LayerNorm((4,)), (_x((3, 4), bad),)),
    "Conv1d": lambda bad: (nn.Conv1d(2, 3, 3), (_x((1, 2, 6), bad),)),
    "Conv1dTranspose": lambda bad: (nn.Conv1dTranspose(2, 3, 3), (_x((1, 2, 6), bad),)),
    "Conv2d": lambda bad: (nn.Conv2d(2, 3, 3), (_x((1, 2, 5, 5), bad),)),
    "Conv2dTranspose": lambda bad: (nn.Conv2dTranspose(2, 3, 3), (_x((1, 2, 5, 5), bad),)),
    "Conv3d": lambda bad: (nn.Conv3d(2, 3, 2), (_x((1, 2, 3, 3, 3), bad),)),
    "Dense": lambda bad: (nn.Dense(4, 3), (_x((2, 4), bad),)),
    "Flatten": lambda bad: (nn.Flatten(), (_x((2, 3, 2), bad),)),
    "Dropout": _dropout,
    "Embedding": _embedding,
    "ReLU": lambda bad: (nn.ReLU(), (_x((2, 3), bad),)),
    "ReLU6": lambda bad: (nn.ReLU6(), (_x((2, 3), bad),)),
    "LeakyReLU": lambda bad: (nn.LeakyReLU(), (_x((2, 3), bad),)),
    "GELU": lambda bad: (nn.GELU(), (_x((2, 3), bad),)),
    "SiLU": lambda bad: (nn.SiLU(), (_x((2, 3), bad),)),
    "Sigmoid": lambda bad: (nn.Sigmoid(), (_x((2, 3), bad),)),
    "Tanh": lambda bad: (nn.Tanh(), (_x((2, 3), bad),)),
    "Softmax": lambda bad: (nn.Softmax(), (_x((2, 3), bad),)),
    "LogSoftmax": lambda bad: (nn.LogSoftmax(), (_x((2, 3), bad),)),
    "MSELoss": lambda bad: (nn.MSELoss(), (_x((2, 3), bad), _x((2, 3), 0.0))),
    "L1Loss": lambda bad: (nn.L1Loss(), (_x((2, 3), bad), _x((2, 3), 0.0))),
    "BCEWithLogitsLoss": lambda bad: (nn.BCEWithLogitsLoss(), (_x((2, 3), bad), Tensor(np.ones((2, 3), np.float32)))),
    "SoftmaxCrossEntropyWithLogits": lambda bad: (nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean"),
                                                  (_x((2, 3), bad), _labels((2,), 3))),
    "CrossEntropyLoss": lambda bad: (nn.CrossEntropyLoss(), (_x((2, 3), bad), _labels((2,), 3))),
}


def _layers_and_losses():
    names = set()
    for name, obj in vars(nn).items():
        if inspect.isclass(obj) and issubclass(obj, nn.Cell) and obj.__module__.startswith(
                ("sporax.nn.layer", "sporax.nn.loss")):
            names.add(name)
    return names


class _Probe(nn.Cell):
    """Arms and clears the register, runs the layer, returns the register."""

    def __init__(self, layer):
        super().__init__()
        self.layer = layer
        self.alloc, self.get, self.clear = ops.NPUAllocFloatStatus(), ops.NPUGetFloatStatus(), ops.NPUClearFloatStatus()

    def construct(self, *inputs):
        init = self.alloc()
        self.clear(init)
        out = self.layer(*inputs)
        return self.get(ops.depend(init, out))


def test_every_layer_and_loss_has_a_case():
    found = _layers_and_losses()
    assert found, "no layers found in sporax.nn"
    assert found - set(NO_COMPUTATION) == set(CASES), (
        f"without a case: {sorted(found - set(NO_COMPUTATION) - set(CASES))}; "
        f"stale: {sorted(set(CASES) - found)}")


@pytest.mark.parametrize("mode", [ms.PYNATIVE_MODE, ms.GRAPH_MODE], ids=["pynative", "graph"])
@pytest.mark.parametrize("bad", [np.nan, np.inf], ids=["nan", "inf"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_non_finite_input_sets_the_float_status(name, bad, mode):
    if np.isinf(bad) and name in SATURATE_INF:
        pytest.skip(f"{name} maps inf to a finite value")
    ms.set_context(mode=mode)
    layer, inputs = CASES[name](bad)
    assert _Probe(layer)(*inputs).asnumpy().all(), f"{name} with {bad} left the status clear"


@pytest.mark.parametrize("mode", [ms.PYNATIVE_MODE, ms.GRAPH_MODE], ids=["pynative", "graph"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_finite_input_leaves_the_float_status_clear(name, mode):
    ms.set_context(mode=mode)
    layer, inputs = CASES[name](0.75)
    assert not _Probe(layer)(*inputs).asnumpy().any(), f"{name} set the status on finite input"
