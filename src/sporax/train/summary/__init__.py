"""Summaries (`mindspore.train.summary`): TensorBoard event files of scalars, tensors, images
and histograms."""
from .summary_record import SummaryRecord

__all__ = ["SummaryRecord"]
