"""`JitConfig` (`mindspore.graph.jit_config.JitConfig`, top level `mindspore.JitConfig`).

The settings a Cell compiles with (`Cell.set_jit_config`). sporax compiles with `jax.jit`
whatever the level; the dictionary is kept as MindSpore builds it, so code that reads it
back sees MindSpore's values.
"""
from __future__ import annotations

import warnings

__all__ = ["JitConfig"]


class JitConfig:
    """Compile settings: `jit_level` ('', 'O0', 'O1', 'O2'), `exc_mode` ('auto', 'sink', 'no_sink'),
    `jit_syntax_level` ('', 'STRICT', 'COMPATIBLE', 'LAX'), `debug_level` ('RELEASE', 'DEBUG'),
    `infer_boost` ('on', 'off'; deprecated); extra keyword arguments are kept in `jit_config_dict`.
    A `jit_level` of 'O0' or 'O1' adds `backend='ms_backend'`, 'O2' `backend='GE'`, as MindSpore does."""

    def __init__(self, jit_level="", exc_mode="auto", jit_syntax_level="", debug_level="RELEASE",
                 infer_boost="off", **kwargs):
        suppress_infer_boost_warning = kwargs.pop("suppress_infer_boost_warning", False)
        if jit_level not in ("", "O0", "O1", "O2"):
            raise ValueError("For 'jit_level' must be one of ['O0', 'O1', 'O2'].")
        if exc_mode not in ("auto", "sink", "no_sink"):
            raise ValueError("For 'exc_mode' must be one of '['auto', 'sink', 'no_sink']'.")
        if jit_syntax_level not in ("", "STRICT", "COMPATIBLE", "LAX"):
            raise ValueError("For 'jit_syntax_level' must be one of '['STRICT', 'LAX']'.")
        if debug_level not in ("RELEASE", "DEBUG"):
            raise ValueError("For 'debug_level' must be one of '['RELEASE', 'DEBUG']'.")
        if infer_boost not in ("", "on", "off"):
            raise ValueError("For 'infer_boost' must be one of '['on', 'off']'.")
        if infer_boost == "on" and not suppress_infer_boost_warning:
            warnings.warn("The value 'on' of 'infer_boost' is deprecated from version 2.10.0 and will be removed "
                          "in a future version.", DeprecationWarning, stacklevel=2)
        self.jit_config_dict = kwargs
        self.jit_config_dict.update(jit_level=jit_level, exc_mode=exc_mode, jit_syntax_level=jit_syntax_level,
                                    debug_level=debug_level, infer_boost=infer_boost)
        if "backend" not in self.jit_config_dict and jit_level:
            self.jit_config_dict["backend"] = "GE" if jit_level == "O2" else "ms_backend"
