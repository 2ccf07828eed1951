"""Layers (`mindspore.nn.layer`)."""
from .activation import GELU, LeakyReLU, LogSoftmax, ReLU, ReLU6, Sigmoid, SiLU, Softmax, Tanh, get_activation
from .activation import CELU, ELU, HSigmoid, HSwish, Hardtanh, LogSigmoid, Mish, SeLU, Softmin, Softsign, Tanhshrink
from .basic import Dense, Dropout, Flatten, Identity
from .container import CellDict, CellList, SequentialCell
from .conv import Conv1d, Conv1dTranspose, Conv2d, Conv2dTranspose, Conv3d
from .embedding import Embedding
from .normalization import BatchNorm1d, BatchNorm2d, GroupNorm, LayerNorm
from .pooling import AdaptiveAvgPool2d, AvgPool2d, MaxPool2d
from .rnn_cells import GRUCell, LSTMCell, RNNCell
from .rnns import GRU, LSTM, RNN

__all__ = ["GELU", "LeakyReLU", "LogSoftmax", "ReLU", "ReLU6", "Sigmoid", "SiLU", "Softmax", "Tanh",
           "get_activation", "Dense", "Dropout", "Flatten", "Identity", "CellDict", "CellList", "SequentialCell",
           "Conv1d", "Conv1dTranspose", "Conv2d", "Conv2dTranspose", "Conv3d", "Embedding", "BatchNorm1d",
           "BatchNorm2d", "GroupNorm", "LayerNorm", "AdaptiveAvgPool2d", "AvgPool2d", "MaxPool2d"]
__all__ += ["RNNCell", "LSTMCell", "GRUCell", "RNN", "LSTM", "GRU"]
__all__ += ["ELU", "CELU", "SeLU", "Softsign", "Tanhshrink", "LogSigmoid", "Softmin", "Hardtanh", "Mish",
            "HSigmoid", "HSwish"]
