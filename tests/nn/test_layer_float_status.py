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
    "Range": "no Tensor input: its values come from its constructor's numbers",
}

# Activations that map inf to a finite value: for them only NaN must reach the register
# (the register watches each primitive's result).
SATURATE_INF = {"Sigmoid", "Tanh", "ReLU6", "HSigmoid"}


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
    # issue 11 (rnn helper): recurrent layers, more activations and losses
    "RNN": lambda bad: (nn.RNN(2, 3), (_x((4, 2, 2), bad),)),
    "GRU": lambda bad: (nn.GRU(2, 3), (_x((4, 2, 2), bad),)),
    "LSTM": lambda bad: (nn.LSTM(2, 3), (_x((4, 2, 2), bad),)),
    "RNNCell": lambda bad: (nn.RNNCell(2, 3), (_x((2, 2), bad), _x((2, 3), 0.0))),
    "GRUCell": lambda bad: (nn.GRUCell(2, 3), (_x((2, 2), bad), _x((2, 3), 0.0))),
    "LSTMCell": lambda bad: (nn.LSTMCell(2, 3), (_x((2, 2), bad), (_x((2, 3), 0.0), _x((2, 3), 0.0)))),
    **{name: (lambda name: lambda bad: (getattr(nn, name)(), (_x((2, 3), bad),)))(name)
       for name in ("ELU", "CELU", "SeLU", "Softsign", "Tanhshrink", "LogSigmoid", "Softmin", "Hardtanh", "Mish",
                    "HSigmoid", "HSwish")},
    "SmoothL1Loss": lambda bad: (nn.SmoothL1Loss(), (_x((2, 3), bad), _x((2, 3), 0.0))),
    "HuberLoss": lambda bad: (nn.HuberLoss(), (_x((2, 3), bad), _x((2, 3), 0.0))),
}


# --- issue 11 (nn surface): the rest of mindspore.nn's layers and losses -------------------------
def _pair(shape, labels=None):
    return lambda cell: lambda bad: (cell, (_x(shape, bad), labels if labels is not None else _x(shape, 0.0)))


def _unpool(cls, rank):
    def make(bad):
        x = _x((1, 1) + (2,) * rank, bad)
        return cls(2), (x, Tensor(np.arange(2 ** rank, dtype=np.int64).reshape((1, 1) + (2,) * rank)))
    return make


def _full(shape, bad):
    """All elements `bad` (finite: 0.75): whichever elements dropout keeps carry it."""
    return Tensor(np.full(shape, bad, np.float32))


def _lookup(bad):
    cell = nn.EmbeddingLookup(5, 3)
    table = np.ones((5, 3), np.float32)
    table[0, 1] = bad
    cell.embedding_table.set_data(Tensor(table))
    return cell


def _train(cell):
    cell.set_train(True)
    return cell


_X2 = (1, 2, 4, 4)
CASES.update({
    "Conv3dTranspose": lambda bad: (nn.Conv3dTranspose(2, 3, 2), (_x((1, 2, 2, 2, 2), bad),)),
    "MaxPool1d": lambda bad: (nn.MaxPool1d(2, 2), (_x((1, 2, 6), bad),)),
    "AvgPool1d": lambda bad: (nn.AvgPool1d(2, 2), (_x((1, 2, 6), bad),)),
    "MaxPool3d": lambda bad: (nn.MaxPool3d(2, 2), (_x((1, 2, 4, 4, 4), bad),)),
    "AvgPool3d": lambda bad: (nn.AvgPool3d(2, 2), (_x((1, 2, 4, 4, 4), bad),)),
    "AdaptiveAvgPool1d": lambda bad: (nn.AdaptiveAvgPool1d(2), (_x((1, 2, 6), bad),)),
    "AdaptiveAvgPool3d": lambda bad: (nn.AdaptiveAvgPool3d(2), (_x((1, 2, 4, 4, 4), bad),)),
    "AdaptiveMaxPool1d": lambda bad: (nn.AdaptiveMaxPool1d(2), (_x((1, 2, 6), bad),)),
    "AdaptiveMaxPool2d": lambda bad: (nn.AdaptiveMaxPool2d(2), (_x(_X2, bad),)),
    "AdaptiveMaxPool3d": lambda bad: (nn.AdaptiveMaxPool3d(2), (_x((1, 2, 4, 4, 4), bad),)),
    "LPPool1d": lambda bad: (nn.LPPool1d(2, 2), (_x((1, 2, 6), bad),)),
    "LPPool2d": lambda bad: (nn.LPPool2d(2, 2), (_x(_X2, bad),)),
    "MaxUnpool1d": lambda bad: (nn.MaxUnpool1d(2), (_x((1, 1, 2), bad), Tensor(np.int64([[[0, 3]]])))),
    "MaxUnpool2d": _unpool(nn.MaxUnpool2d, 2),
    "MaxUnpool3d": _unpool(nn.MaxUnpool3d, 3),
    "AvgPool1dExt": lambda bad: (nn.AvgPool1dExt(2), (_x((1, 2, 6), bad),)),
    "AvgPool2dExt": lambda bad: (nn.AvgPool2dExt(2), (_x(_X2, bad),)),
    "AvgPool3dExt": lambda bad: (nn.AvgPool3dExt(2), (_x((1, 2, 4, 4, 4), bad),)),
    "MaxPool2dExt": lambda bad: (nn.MaxPool2dExt(2), (_x(_X2, bad),)),
    "BatchNorm3d": lambda bad: (nn.BatchNorm3d(2), (_x((1, 2, 2, 2, 2), bad),)),
    "SyncBatchNorm": lambda bad: (nn.SyncBatchNorm(2), (_x(_X2, bad),)),
    "InstanceNorm1d": lambda bad: (nn.InstanceNorm1d(2), (_x((2, 2, 4), bad),)),
    "InstanceNorm2d": lambda bad: (nn.InstanceNorm2d(2), (_x(_X2, bad),)),
    "InstanceNorm3d": lambda bad: (nn.InstanceNorm3d(2), (_x((1, 2, 2, 2, 2), bad),)),
    "LayerNormExt": lambda bad: (nn.LayerNormExt(4), (_x((3, 4), bad),)),
    "Linear": lambda bad: (nn.Linear(4, 3), (_x((2, 4), bad),)),
    "BiDense": lambda bad: (nn.BiDense(3, 4, 2), (_x((2, 3), bad), _x((2, 4), 0.0))),
    "Dropout1d": lambda bad: (_train(nn.Dropout1d(0.25)), (_full((4, 4, 4), bad),)),
    "Dropout2d": lambda bad: (_train(nn.Dropout2d(0.25)), (_full((4, 4, 2, 2), bad),)),
    "Dropout3d": lambda bad: (_train(nn.Dropout3d(0.25)), (_full((4, 4, 2, 2, 2), bad),)),
    "DropoutExt": lambda bad: (_train(nn.DropoutExt(0.25)), (_full((4, 4), bad),)),
    "Dropout2dExt": lambda bad: (_train(nn.Dropout2dExt(0.25)), (_full((4, 4, 2, 2), bad),)),
    "LRN": lambda bad: (nn.LRN(1), (_x(_X2, bad),)),
    "L1Regularizer": lambda bad: (nn.L1Regularizer(0.5), (_x((2, 3), bad),)),
    "ClipByNorm": lambda bad: (nn.ClipByNorm(), (_x((2, 3), bad), Tensor(1.0, ms.float32))),
    "Upsample": lambda bad: (nn.Upsample(scale_factor=2.0), (_x(_X2, bad),)),
    "PixelShuffle": lambda bad: (nn.PixelShuffle(2), (_x((1, 4, 2, 2), bad),)),
    "PixelUnshuffle": lambda bad: (nn.PixelUnshuffle(2), (_x(_X2, bad),)),
    "ChannelShuffle": lambda bad: (nn.ChannelShuffle(2), (_x(_X2, bad),)),
    "Unflatten": lambda bad: (nn.Unflatten(1, (2, 2)), (_x((2, 4), bad),)),
    "PReLU": lambda bad: (nn.PReLU(), (_x((2, 3), bad),)),
    "PReLUExt": lambda bad: (nn.PReLUExt(), (_x((2, 3), bad),)),
    "GLU": lambda bad: (nn.GLU(), (_x((2, 4), bad),)),
    "HShrink": lambda bad: (nn.HShrink(), (_x((2, 3), bad),)),
    "SoftShrink": lambda bad: (nn.SoftShrink(), (_x((2, 3), bad),)),
    "Threshold": lambda bad: (nn.Threshold(0.1, 2.0), (_x((2, 3), bad),)),
    "FastGelu": lambda bad: (nn.FastGelu(), (_x((2, 3), bad),)),
    "RReLU": lambda bad: (nn.RReLU(), (_x((2, 3), bad),)),
    "Softmax2d": lambda bad: (nn.Softmax2d(), (_x((2, 3, 2), bad),)),
    "LogSoftmaxExt": lambda bad: (nn.LogSoftmaxExt(1), (_x((2, 3), bad),)),
    **{name: (lambda name: lambda bad: (getattr(nn, name)(1), (_x((1, 2, 4), bad),)))(name)
       for name in ("ReflectionPad1d", "ReplicationPad1d")},
    **{name: (lambda name: lambda bad: (getattr(nn, name)(1), (_x(_X2, bad),)))(name)
       for name in ("ReflectionPad2d", "ReplicationPad2d", "ZeroPad2d")},
    **{name: (lambda name: lambda bad: (getattr(nn, name)(1), (_x((1, 2, 2, 2, 2), bad),)))(name)
       for name in ("ReflectionPad3d", "ReplicationPad3d")},
    "ConstantPad1d": lambda bad: (nn.ConstantPad1d(1, 0.5), (_x((1, 2, 4), bad),)),
    "ConstantPad2d": lambda bad: (nn.ConstantPad2d(1, 0.5), (_x(_X2, bad),)),
    "ConstantPad3d": lambda bad: (nn.ConstantPad3d(1, 0.5), (_x((1, 2, 2, 2, 2), bad),)),
    "Pad": lambda bad: (nn.Pad(((0, 0), (1, 1))), (_x((2, 3), bad),)),
    "MultiheadAttention": lambda bad: (nn.MultiheadAttention(4, 2), (_x((3, 1, 4), bad),) * 3),
    "TransformerEncoderLayer": lambda bad: (nn.TransformerEncoderLayer(4, 2, 8, dropout=0.0), (_x((3, 1, 4), bad),)),
    "TransformerDecoderLayer": lambda bad: (nn.TransformerDecoderLayer(4, 2, 8, dropout=0.0),
                                            (_x((3, 1, 4), bad), _x((3, 1, 4), 0.0))),
    "TransformerEncoder": lambda bad: (nn.TransformerEncoder(nn.TransformerEncoderLayer(4, 2, 8, dropout=0.0), 1),
                                       (_x((3, 1, 4), bad),)),
    "TransformerDecoder": lambda bad: (nn.TransformerDecoder(nn.TransformerDecoderLayer(4, 2, 8, dropout=0.0), 1),
                                       (_x((3, 1, 4), bad), _x((3, 1, 4), 0.0))),
    "Transformer": lambda bad: (nn.Transformer(4, 2, 1, 1, 8, dropout=0.0), (_x((3, 1, 4), bad), _x((3, 1, 4), 0.0))),
    # losses
    "BCELoss": lambda bad: (nn.BCELoss(), (_x((2, 3), bad) * 0.5, _x((2, 3), 0.0) * 0.5)),
    "CosineEmbeddingLoss": lambda bad: (nn.CosineEmbeddingLoss(), (_x((2, 3), bad), _x((2, 3), 0.0),
                                                                   Tensor(np.float32([1, -1])))),
    "CTCLoss": lambda bad: (nn.CTCLoss(), (_x((4, 1, 3), bad), Tensor(np.int32([[1, 2]])), Tensor(np.int32([4])),
                                           Tensor(np.int32([2])))),
    "DiceLoss": _pair((2, 3))(nn.DiceLoss()),
    "FocalLoss": lambda bad: (nn.FocalLoss(), (_x((2, 3), bad), _labels((2,), 3))),
    "GaussianNLLLoss": lambda bad: (nn.GaussianNLLLoss(), (_x((2, 3), bad), _x((2, 3), 0.0), _x((2, 3), 0.5))),
    "HingeEmbeddingLoss": lambda bad: (nn.HingeEmbeddingLoss(), (_x((2, 3), bad), Tensor(np.ones((2, 3), np.float32)))),
    "KLDivLoss": _pair((2, 3))(nn.KLDivLoss()),
    "L1LossExt": _pair((2, 3))(nn.L1LossExt()),
    "MAELoss": _pair((2, 3))(nn.MAELoss()),
    "MarginRankingLoss": lambda bad: (nn.MarginRankingLoss(), (_x((2, 3), bad), _x((2, 3), 0.0),
                                                               Tensor(np.ones((2, 3), np.float32)))),
    "MultiLabelSoftMarginLoss": _pair((2, 3))(nn.MultiLabelSoftMarginLoss()),
    "MultiMarginLoss": lambda bad: (nn.MultiMarginLoss(), (_x((2, 3), bad), _labels((2,), 3))),
    "MultilabelMarginLoss": lambda bad: (nn.MultilabelMarginLoss(), (_x((2, 3), bad),
                                                                     Tensor(np.int32([[0, -1, 0], [1, 2, -1]])))),
    "NLLLoss": lambda bad: (nn.NLLLoss(), (_x((2, 3), bad), Tensor(np.int32([1, 0])))),
    "PoissonNLLLoss": _pair((2, 3))(nn.PoissonNLLLoss()),
    "RMSELoss": _pair((2, 3))(nn.RMSELoss()),
    "SoftMarginLoss": _pair((2, 3))(nn.SoftMarginLoss()),
    "TripletMarginLoss": lambda bad: (nn.TripletMarginLoss(), (_x((2, 3), bad), _x((2, 3), 0.0), _x((2, 3), 0.2))),
    # math, image, combined and embedding cells
    "Roll": lambda bad: (nn.Roll(1, 0), (_x((2, 3), bad),)),
    "Tril": lambda bad: (nn.Tril(), (_x((3, 1), bad),)),
    "Triu": lambda bad: (nn.Triu(), (_x((3, 3), bad),)),
    "OneHot": lambda bad: (nn.OneHot(depth=3, on_value=bad), (Tensor(np.int32([0, 2])),)),
    "Norm": lambda bad: (nn.Norm(), (_x((2, 3), bad),)),
    "Moments": lambda bad: (nn.Moments(1), (_x((2, 3), bad),)),
    "ReduceLogSumExp": lambda bad: (nn.ReduceLogSumExp(1), (_x((2, 3), bad),)),
    "MatMul": lambda bad: (nn.MatMul(), (_x((2, 3), bad), _x((3, 2), 0.0))),
    "DiGamma": lambda bad: (nn.DiGamma(), (_x((2, 3), bad),)),
    "LGamma": lambda bad: (nn.LGamma(), (_x((2, 3), bad),)),
    "LBeta": lambda bad: (nn.LBeta(), (_x((2, 3), bad), _x((2, 3), 0.5))),
    "MatrixDiag": lambda bad: (nn.MatrixDiag(), (_x((2, 3), bad),)),
    "MatrixDiagPart": lambda bad: (nn.MatrixDiagPart(), (_x((2, 2), bad),)),
    "MatrixSetDiag": lambda bad: (nn.MatrixSetDiag(), (_x((2, 3), bad), _x((2,), 0.0))),
    "ImageGradients": lambda bad: (nn.ImageGradients(), (_x(_X2, bad),)),
    "PSNR": lambda bad: (nn.PSNR(), (_x(_X2, bad), _x(_X2, 0.0))),
    "CentralCrop": lambda bad: (nn.CentralCrop(0.5), (_full(_X2, bad),)),
    "Conv2dBnAct": lambda bad: (nn.Conv2dBnAct(2, 3, 3, has_bn=True, activation="relu"), (_x(_X2, bad),)),
    "DenseBnAct": lambda bad: (nn.DenseBnAct(4, 3, has_bn=True), (_x((2, 4), bad),)),
    "EmbeddingExt": lambda bad: (nn.EmbeddingExt(5, 3, _weight=_x((5, 3), bad)), (Tensor(np.int32([0, 1])),)),
    "EmbeddingLookup": lambda bad: (_lookup(bad), (Tensor(np.int32([0, 1])),)),
    "MultiClassDiceLoss": lambda bad: (nn.MultiClassDiceLoss(), (_x((2, 3), bad), _x((2, 3), 0.0))),
    "TripletMarginWithDistanceLoss": lambda bad: (nn.TripletMarginWithDistanceLoss(),
                                                  (_x((2, 3), bad), _x((2, 3), 0.0), _x((2, 3), 0.2))),
})
SATURATE_INF |= {"MarginRankingLoss"}

def _spd(bad):
    a = np.array([[4.0, 1.0], [1.0, 3.0]], np.float32)
    a[0, 1] = a[0, 1] if bad == 0.75 else bad
    return Tensor(a)


# --- issue 11 item 3 (nnrest) ---------------------------------------------------------------------
CASES.update({
    "SSIM": lambda bad: (nn.SSIM(filter_size=3), (_x((1, 2, 4, 4), bad), _x((1, 2, 4, 4), 0.5))),
    "MSSSIM": lambda bad: (nn.MSSSIM(power_factors=(0.5, 0.5), filter_size=3),
                           (_x((1, 1, 8, 8), bad), _x((1, 1, 8, 8), 0.5))),
    "IGamma": lambda bad: (nn.IGamma(), (_x((2, 3), bad), _x((2, 3), 0.5))),
    "MatDet": lambda bad: (nn.MatDet(), (_spd(bad),)),
    "MatInverse": lambda bad: (nn.MatInverse(), (_spd(bad),)),
    "FractionalMaxPool2d": lambda bad: (nn.FractionalMaxPool2d(2, output_size=(2, 2), _random_samples=Tensor(
        np.full((1, 2, 2), 0.5, np.float32))), (_x((1, 2, 4, 4), bad),)),
    "FractionalMaxPool3d": lambda bad: (nn.FractionalMaxPool3d(2, output_size=(2, 2, 2), _random_samples=Tensor(
        np.full((1, 2, 3), 0.5, np.float32))), (_x((1, 2, 4, 4, 4), bad),)),
    "SparseToDense": lambda bad: (nn.SparseToDense(), (ms.COOTensor(Tensor(np.int32([[0, 1], [1, 0]])),
                                                                     _x((2,), bad), (2, 2)),)),
    "SparseTensorDenseMatmul": lambda bad: (nn.SparseTensorDenseMatmul(), (Tensor(np.int32([[0, 1], [1, 0]])),
                                                                           _x((2,), bad), (2, 2), _x((2, 3), 0.5))),
})


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


