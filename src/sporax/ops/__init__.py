"""Operators (`mindspore.ops`): primitive classes (`ops.Add()`) and functions (`ops.add`)."""
from . import composite, functional, operations
from . import _tensor_operators  # noqa: F401  (Tensor's operators and methods are these ops)
from .composite import GradOperation, grad, value_and_grad
from .functional import *  # noqa: F401,F403
from .operations import *  # noqa: F401,F403
from .primitive import Primitive, PrimitiveWithInfer, prim_attr_register

__all__ = ["Primitive", "PrimitiveWithInfer", "prim_attr_register", "operations", "functional", "composite",
           "GradOperation", "grad", "value_and_grad"]

# --- issue 10: MindSpore's operator surface ------------------------------------------------------
from . import function  # noqa: E402
from .multitype import HyperMap, Map, MultitypeFuncGraph, Partial, constexpr, partial  # noqa: E402

__all__ += ["function", "HyperMap", "Map", "MultitypeFuncGraph", "Partial", "constexpr", "partial"]

from ..common import _method_registry as _registry  # noqa: E402
from ..common.tensor import Tensor as _Tensor  # noqa: E402
from ._tensor_methods import METHODS as _METHODS  # noqa: E402

from . import _call_cache  # noqa: E402

_registry.install(_Tensor, _call_cache.cached_methods(_METHODS))

# --- opsarray: the sparse tensors' computations are ops too -------------------------------------
from ..common.sparse_tensor import COOTensor as _COO, CSRTensor as _CSR  # noqa: E402
from .function import sparse_func as _sparse  # noqa: E402


def _astype(cls, fields):
    def astype(self, dtype):
        parts = [getattr(self, f) for f in fields]
        return cls(*parts[:-2], functional.cast(parts[-2], dtype), parts[-1])
    return astype


def _csr_mm(self, matrix):
    return _sparse.csr_mm(self, matrix) if isinstance(matrix, _CSR) else _sparse.csr_mm_dense(self, matrix)


def _coo_add(self, other):
    if isinstance(other, _COO):
        return _sparse.coo_add(self, other, 0.0)
    return functional.add(_sparse.coo_to_dense(self), other)


def _csr_add(self, other):
    if isinstance(other, _CSR):
        return _sparse.csr_add(self, other, 1, 1)
    return functional.add(_sparse.csr_to_dense(self), other)


_registry.install(_COO, {
    "to_dense": _sparse.coo_to_dense, "to_csr": _sparse.coo_to_csr, "abs": _sparse.coo_abs,
    "coalesce": _sparse.coo_coalesce, "astype": _astype(_COO, ("indices", "values", "shape")),
    "__add__": _coo_add, "__neg__": _sparse.coo_neg,
})
_registry.install(_CSR, {
    "to_dense": _sparse.csr_to_dense, "to_coo": _sparse.csr_to_coo, "abs": _sparse.csr_abs,
    "astype": _astype(_CSR, ("indptr", "indices", "values", "shape")), "mv": _sparse.csr_mv, "mm": _csr_mm,
    "sum": _sparse.csr_reduce_sum, "__add__": _csr_add, "__mul__": _sparse.csr_mul, "__truediv__": _sparse.csr_div,
    "__neg__": _sparse.csr_neg,
})
def _to_coo(self):
    return _sparse.dense_to_sparse_coo(self)


def _to_csr(self):
    return _sparse.dense_to_sparse_csr(self)


_registry.install(_Tensor, {"to_coo": _to_coo, "to_csr": _to_csr})

# --- opsarray: function transformations at mindspore.ops ----------------------------------------
from .composite import hyper_add, jacfwd, jacrev, jvp, vjp, vmap  # noqa: E402

__all__ += ["vmap", "jvp", "vjp", "jacfwd", "jacrev", "hyper_add"]


# --- opsarray: Tensor's matrix-transpose and layout properties ----------------------------------
import numpy as _np  # noqa: E402

def _matrix_transpose(self):
    if self.ndim < 2:
        raise ValueError(f"For 'mT', the Tensor must have rank >= 2, but got {self.ndim}.")
    return functional.swapaxes(self, -2, -1)


def _adjoint(self):
    out = _matrix_transpose(self)
    return functional.conj(out) if self.dtype.kind == "complex" and hasattr(functional, "conj") else out


def _byte_strides(self):
    return [n * self.dtype.to_numpy().itemsize for n in function.array_func_more.element_strides(self)]


def _from_numpy(array):
    """A Tensor holding a NumPy array's values (MindSpore shares the memory; here it is copied)."""
    if not isinstance(array, _np.ndarray):
        raise TypeError(f"For 'Tensor.from_numpy', the 'array' must be a numpy.ndarray, but got "
                        f"{type(array).__name__}.")
    return _Tensor(array)


_registry.install(_Tensor, {"from_numpy": staticmethod(_from_numpy)})
_registry.install(_Tensor, {"mT": property(_matrix_transpose), "mH": property(_adjoint), "H": property(_adjoint),
                            "strides": property(_byte_strides)})

# --- prim3: the private decorator MindSpore exports at mindspore.ops -----------------------------
from .operations import _ms_pyfunc  # noqa: E402,F401
# --- toplevel (issue 10): ops' older names, graph-only helpers, composite engines -----------------
from .function import alias_func  # noqa: E402
from .function.alias_func import *  # noqa: E402,F401,F403
from .composite import (_Grad, _Vmap, _ones_like_for_grad, add_flags, augassign_add, augassign_div,  # noqa: E402,F401
                        augassign_floordiv, augassign_mod, augassign_mul, augassign_sub, get_grad, iter_converter, linearize,
                        ms_hasnext, ms_next, stop_gradient_, tail, zip_operation)
from .operations import array_ops, linalg_ops, other_ops  # noqa: E402,F401  (MindSpore leaks these modules into ops)
from .primitive import PrimitiveWithCheck  # noqa: E402,F401

__all__ += alias_func.__all__ + ["add_flags", "augassign_add", "augassign_div", "augassign_floordiv", "augassign_mod",
                                 "augassign_mul", "augassign_sub", "iter_converter", "ms_hasnext", "ms_next", "tail",
                                 "zip_operation", "linearize", "stop_gradient_", "PrimitiveWithCheck", "get_grad"]

# toplevel (issue 10): the process-group collectives MindSpore re-exports in ops (mint.distributed's API)
from ..communication import distributed as _distributed  # noqa: E402
from ..communication.distributed import *  # noqa: E402,F401,F403

__all__ += _distributed.__all__

# Eager calls of the public functions replay per argument signature (`_call_cache`).
# Only the operators: not the composite layer's transformations and decorators (grad, vmap,
# constexpr), which take functions. One cached form per function, under all its paths.
_call_cache.install(globals(), [_name for _name, _value in list(globals().items()) if not _name.startswith("_")
                                and getattr(_value, "__module__", "").startswith("sporax.ops.function")])
for _module in [functional, composite] + [_m for _n, _m in vars(function).items() if _n.endswith("_func")]:
    _call_cache.share(vars(_module))
