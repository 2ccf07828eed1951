"""Functions of prim3's primitives (`mindspore.ops`): CTC greedy decoding, fractional max
pooling, scalar_to_array; each a primitive call with MindSpore's signature."""
from __future__ import annotations

from ...common import dtype as mstype
from ...common.tensor import Tensor
from ..operations import fractional_pool_ops as _fractional
from ..operations import nn_sequence_ops as _nn_sequence
from ..operations import sequence_loss_ops as _sequence_loss
from ..operations.array_ops import ExpandDims, Squeeze
from .random_func import rand
from ..operations.nn_control_ops import kernel, ms_kernel  # noqa: F401  (MindSpore exports them at ops too)

__all__ = ["ctc_greedy_decoder", "scalar_to_array", "kernel", "ms_kernel", "fractional_max_pool2d",
           "fractional_max_pool3d"]


def ctc_greedy_decoder(inputs, sequence_length, merge_repeated=True):
    """Greedy (best path) CTC decoding: see `CTCGreedyDecoder`."""
    return _sequence_loss.CTCGreedyDecoder(merge_repeated)(inputs, sequence_length)


def scalar_to_array(input_x):
    """A Python int or float as a 0-D Tensor: see `ScalarToArray`."""
    return _nn_sequence.ScalarToArray()(input_x)


def _fractional_max_pool(op, dims, input, kernel_size, output_size, output_ratio, return_indices,  # noqa: A002
                         random_samples):
    if not isinstance(input, Tensor):
        raise TypeError(f"For '{op}', the 'input' must be a Tensor, but got {type(input).__name__}.")
    if output_size is None and output_ratio is None:  # (both given: output_size wins, as in MindSpore)
        raise ValueError(f"For '{op}', the 'output_size' or the 'output_ratio' must be given, but both are None.")
    if not isinstance(return_indices, bool):
        raise TypeError(f"For '{op}', the 'return_indices' must be a bool, but got {type(return_indices).__name__}.")
    unbatched = input.ndim == dims + 1
    if unbatched:
        input = ExpandDims()(input, 0)  # noqa: A001
    if input.ndim != dims + 2:
        raise ValueError(f"For '{op}', the 'input' must be {dims + 1}-D or {dims + 2}-D, but got shape {input.shape}.")
    if random_samples is None:
        dtype = input.dtype if input.dtype in (mstype.float16, mstype.float32, mstype.float64) else mstype.float32
        random_samples = rand(input.shape[0], input.shape[1], dims, dtype=dtype)
    if output_size is None:
        ratios = (output_ratio,) * dims if isinstance(output_ratio, (int, float)) else tuple(output_ratio)
        if len(ratios) != dims or not all(isinstance(r, float) and 0.0 < r < 1.0 for r in ratios):
            raise ValueError(f"For '{op}', the 'output_ratio' must be a float or {dims} floats in (0, 1), but got "
                             f"{output_ratio!r}.")
        output_size = tuple(int(size * r) for size, r in zip(input.shape[2:], ratios))
    pool = (_fractional.FractionalMaxPoolWithFixedKsize if dims == 2 else
            _fractional.FractionalMaxPool3DWithFixedKsize)(kernel_size, output_size)
    out, indices = pool(input, random_samples)
    if unbatched:
        out, indices = Squeeze(0)(out), Squeeze(0)(indices)
    return (out, indices) if return_indices else out


def fractional_max_pool2d(input, kernel_size, output_size=None, output_ratio=None, return_indices=False,  # noqa: A002
                          _random_samples=None):
    """2-D fractional max pooling of (N, C, H, W) or (C, H, W) to `output_size` (or
    ⌊size·output_ratio⌋), windows placed by `_random_samples` (N, C, 2), uniform when None:
    see FractionalMaxPoolWithFixedKsize."""
    return _fractional_max_pool("fractional_max_pool2d", 2, input, kernel_size, output_size, output_ratio,
                                return_indices, _random_samples)


def fractional_max_pool3d(input, kernel_size, output_size=None, output_ratio=None, return_indices=False,  # noqa: A002
                          _random_samples=None):
    """3-D fractional max pooling of (N, C, D, H, W) or (C, D, H, W): see
    FractionalMaxPool3DWithFixedKsize."""
    return _fractional_max_pool("fractional_max_pool3d", 3, input, kernel_size, output_size, output_ratio,
                                return_indices, _random_samples)
