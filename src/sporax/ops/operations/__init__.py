"""Primitive classes (`mindspore.ops.operations`)."""
from .array_ops import (Cast, Concat, ExpandDims, Fill, Gather, OneHot, Ones, OnesLike, Reshape, Select,
                        Shape, Split, Squeeze, Stack, Transpose, Zeros, ZerosLike)
from .array_ops import Identity
from .math_ops import (Abs, Add, Argmax, Argmin, BatchMatMul, Div, Equal, Exp, Greater, GreaterEqual, IsFinite,
                       Less, LessEqual, Log, MatMul, Maximum, Minimum, Mul, Neg, NotEqual, Pow, RealDiv,
                       Reciprocal, ReduceMax, ReduceMean, ReduceMin, ReduceProd, ReduceSum, Rsqrt, Sqrt,
                       Square, Sub)
from .math_ops import Ceil, Cos, Erf, Floor, LogicalAnd, LogicalNot, LogicalOr, ReduceAll
from .control_ops import Depend, FloatStatus, NPUAllocFloatStatus, NPUClearFloatStatus, NPUGetFloatStatus
from .debug_ops import HistogramSummary, ImageSummary, Print, ScalarSummary, TensorSummary
from .effect_ops import (Assign, AssignAdd, AssignSub, ScatterAdd, ScatterNdAdd, ScatterNdSub, ScatterNdUpdate,
                         ScatterSub, ScatterUpdate)
from .optimizer_ops import SGD, Adam, AdamWeightDecay, ApplyFtrl, ApplyGradientDescent, ApplyMomentum
from .optimizer_ops import ApplyAdagrad  # issue 11 (amp helper)
from .optimizer_ops import (AdamNoUpdateParam, ApplyAdadelta, ApplyAdagradV2, ApplyAdaMax,  # issue 11 (train3)
                            ApplyAdamWithAmsgradV2, ApplyCenteredRMSProp, ApplyProximalAdagrad, ApplyRMSProp,
                            LARSUpdate, SquareSumAll)
from .nn_ops import (AvgPool, BatchNorm, BiasAdd, Conv2D, Conv2DBackpropInput, Conv2DTranspose, Conv3D,
                     Dropout, GeLU, LayerNorm, LogSoftmax, MaxPool, ReLU, ReLU6, Sigmoid, Softmax, Tanh)
from .nn_ops import (AdaptiveAvgPool2D, AvgPool3D, BCEWithLogitsLoss, MaxPoolWithArgmaxV2,
                     SoftmaxCrossEntropyWithLogits)
from .comm_ops import (AllGather, AllReduce, AlltoAll, AlltoAllV, AlltoAllVC, Barrier, BatchISendIRecv, Broadcast,
                       Receive, ReduceOp, ReduceScatter, Send)

__all__ = [name for name in dir() if name[0].isupper()]

# --- issue 10: MindSpore's operator surface ------------------------------------------------------
from .array_ops_ext import *  # noqa: E402,F401,F403
from .math_ops_ext import *  # noqa: E402,F401,F403
from .other_ops import *  # noqa: E402,F401,F403

__all__ = [name for name in dir() if name[0].isupper()]

# --- opsarray ---
from .array_ops_more import *  # noqa: E402,F401,F403

__all__ = [name for name in dir() if name[0].isupper()]
from .sparse_ops import *  # noqa: E402,F401,F403
# --- opsmath ---
from .linalg_ops import *  # noqa: E402,F401,F403
from .math_ops_more import *  # noqa: E402,F401,F403
from .random_ops import *  # noqa: E402,F401,F403
# --- issue 10/11 (nn surface): more nn primitives ---------------------------------------------------
from .nn_ops_ext import *  # noqa: E402,F401,F403

__all__ = [name for name in dir() if name[0].isupper()]
# --- prim2: linalg / spectral / selection / sampling primitives -----------------------------------
from .linalg_random_ops import *  # noqa: E402,F401,F403
from .sampling_ops import *  # noqa: E402,F401,F403
# --- prim1: optimizer updates, image and detection primitives -----------------------------------
from .optimizer_ops_more import *  # noqa: E402,F401,F403
from .image_ops import *  # noqa: E402,F401,F403
from .image_ops_more import *  # noqa: E402,F401,F403
# --- prim3: nn / sequence / recurrent / control / debug primitives -------------------------------
from .nn_sequence_ops import *  # noqa: E402,F401,F403
from .sequence_loss_ops import *  # noqa: E402,F401,F403
from .recurrent_ops import *  # noqa: E402,F401,F403
from .nn_control_ops import *  # noqa: E402,F401,F403
from .fractional_pool_ops import *  # noqa: E402,F401,F403
from .nn_control_ops import _ms_pyfunc, identity, kernel, ms_kernel  # noqa: E402,F401
# --- toplevel (issue 10): the uneven collectives ------------------------------------------------------
from .comm_ops_uneven import AllGatherV, ReduceScatterV  # noqa: E402,F401

__all__ = [name for name in dir() if name[0].isupper()]
