"""Parallel training (`mindspore.parallel`): strategies and layouts mapped onto one global
JAX mesh (`NamedSharding`), with GSPMD inserting the collectives."""
from .shard import Layout, shard

__all__ = ["Layout", "shard"]
