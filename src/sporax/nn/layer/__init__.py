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

# --- issue 11 (nn surface): the rest of mindspore.nn's layers -------------------------------------
from . import activation_more, basic_more, image, padding, pooling_nd, transformer  # noqa: E402
from .activation_more import *  # noqa: E402,F401,F403
from .basic_more import *  # noqa: E402,F401,F403
from .conv import Conv3dTranspose  # noqa: E402
from .image import *  # noqa: E402,F401,F403
from .normalization import (BatchNorm3d, InstanceNorm1d, InstanceNorm2d, InstanceNorm3d, LayerNormExt,  # noqa: E402
                            SyncBatchNorm)
from .padding import *  # noqa: E402,F401,F403
from .pooling_nd import *  # noqa: E402,F401,F403
from .transformer import *  # noqa: E402,F401,F403

__all__ += (activation_more.__all__ + basic_more.__all__ + image.__all__ + padding.__all__ + pooling_nd.__all__
            + transformer.__all__ + ["Conv3dTranspose", "BatchNorm3d", "InstanceNorm1d", "InstanceNorm2d",
                                     "InstanceNorm3d", "LayerNormExt", "SyncBatchNorm"])
from . import combined, math_cells  # noqa: E402
from .combined import *  # noqa: E402,F401,F403
from .math_cells import *  # noqa: E402,F401,F403

__all__ += combined.__all__ + math_cells.__all__
# --- issue 11 item 3 (nnrest): the remaining mindspore.nn cells ---------------------------------
from . import image_quality  # noqa: E402
from .image_quality import *  # noqa: E402,F401,F403

__all__ += image_quality.__all__
from . import gamma_cells  # noqa: E402
from .gamma_cells import *  # noqa: E402,F401,F403

__all__ += gamma_cells.__all__
from . import sparse_cells  # noqa: E402
from .sparse_cells import *  # noqa: E402,F401,F403

__all__ += sparse_cells.__all__
from . import fractional_pooling  # noqa: E402
from .fractional_pooling import *  # noqa: E402,F401,F403

__all__ += fractional_pooling.__all__
from . import cholesky_cells  # noqa: E402
from .cholesky_cells import *  # noqa: E402,F401,F403

__all__ += cholesky_cells.__all__
