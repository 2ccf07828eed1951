"""Parallel training (`mindspore.parallel`): layouts and sharded Parameters."""
