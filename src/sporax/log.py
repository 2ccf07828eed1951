"""sporax's logger and MindSpore's view of it (`mindspore.log`: `get_level`, `get_log_config`).

sporax logs through the standard `logging` logger named 'sporax'. Its level follows
MindSpore's `GLOG_v` environment variable when the logger is first used ('0' DEBUG, '1' INFO,
'2' WARNING (default), '3' ERROR, '4' CRITICAL), and it writes to stderr. `get_level()`
reports the logger's effective level in GLOG_v's numbering, so a level set with `logging`
shows too. (MindSpore's log files, `GLOG_logtostderr=0` with `GLOG_log_dir`, are not
written: sporax logs to stderr only, and `get_log_config` says so.)
"""
from __future__ import annotations

import logging
import os

__all__ = ["get_level", "get_log_config", "logger"]

_GLOG_TO_LEVEL = {"0": logging.DEBUG, "1": logging.INFO, "2": logging.WARNING, "3": logging.ERROR,
                  "4": logging.CRITICAL}
_LEVEL_TO_GLOG = {level: glog for glog, level in _GLOG_TO_LEVEL.items()}

logger = logging.getLogger("sporax")


def _configure():
    if getattr(logger, "_sporax_configured", False):
        return
    glog = os.environ.get("GLOG_v", "2")
    if glog not in _GLOG_TO_LEVEL:
        raise ValueError(f"Incorrect log level, please check the configuration of 'GLOG_v', desired log level: "
                         f"{sorted(_GLOG_TO_LEVEL)}, but got '{glog}'.")
    logger.setLevel(_GLOG_TO_LEVEL[glog])
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("[%(levelname)s] sporax(%(process)d): %(message)s"))
        logger.addHandler(handler)
    logger._sporax_configured = True


def get_level():
    """The logger's level in GLOG_v's numbering ('0' DEBUG ... '4' CRITICAL)."""
    _configure()
    level = logger.getEffectiveLevel()
    return _LEVEL_TO_GLOG.get(level, _LEVEL_TO_GLOG[max(v for v in _LEVEL_TO_GLOG if v <= max(level, 10))])


def get_log_config():
    """{'GLOG_v': level, 'GLOG_logtostderr': '1'}: the level, and that logs go to stderr."""
    return {"GLOG_v": get_level(), "GLOG_logtostderr": "1"}
