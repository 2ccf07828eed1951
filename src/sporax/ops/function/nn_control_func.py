"""Functions of prim3's primitives (`mindspore.ops`): CTC greedy decoding, fractional max
pooling, scalar_to_array; each a primitive call with MindSpore's signature."""
from __future__ import annotations

from ..operations import sequence_loss_ops as _sequence_loss
from ..operations import nn_sequence_ops as _nn_sequence
from ..operations.nn_control_ops import kernel, ms_kernel  # noqa: F401  (MindSpore exports them at ops too)

__all__ = ["ctc_greedy_decoder", "scalar_to_array", "kernel", "ms_kernel"]


def ctc_greedy_decoder(inputs, sequence_length, merge_repeated=True):
    """Greedy (best path) CTC decoding: see `CTCGreedyDecoder`."""
    return _sequence_loss.CTCGreedyDecoder(merge_repeated)(inputs, sequence_length)


def scalar_to_array(input_x):
    """A Python int or float as a 0-D Tensor: see `ScalarToArray`."""
    return _nn_sequence.ScalarToArray()(input_x)
