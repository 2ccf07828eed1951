"""Parallel training (`mindspore.parallel`): layouts and sharded Parameters. Strategies and
layouts are mapped onto one global JAX mesh (`NamedSharding`), with GSPMD inserting the
collectives."""
from .shard import Layout, shard

__all__ = ["Layout", "shard"]
