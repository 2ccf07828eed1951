"""Parallel training (`mindspore.parallel`): layouts and sharded Parameters. Strategies and
layouts are mapped onto one global JAX mesh (`NamedSharding`), with GSPMD inserting the
collectives; distributed checkpoints are merged and resharded by the same layouts."""
from . import checkpoint_transform
from .checkpoint_transform import (build_searched_strategy, load_distributed_checkpoint, merge_sliced_parameter,
                                   rank_list_for_transform, transform_checkpoint_by_rank, transform_checkpoints)
from .pipeline_strategy import merge_pipeline_strategys
from .shard import Layout, shard

__all__ = ["Layout", "shard", "build_searched_strategy", "load_distributed_checkpoint", "merge_sliced_parameter",
           "rank_list_for_transform", "transform_checkpoint_by_rank", "transform_checkpoints", "merge_pipeline_strategys"]
