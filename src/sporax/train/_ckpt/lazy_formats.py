"""The format modules (`cipher`, `ckpt_file`, `safetensors_file`), executed when one of their
attributes is first read: protobuf and cryptography load with the first checkpoint, not with
`import sporax`. serialization and the distributed-checkpoint tools share the same modules."""
from __future__ import annotations

import importlib.util
import sys


def _on_first_use(name: str):
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


cipher, ckpt_file, safetensors_file = (_on_first_use(f"{__package__}.{m}")
                                       for m in ("cipher", "ckpt_file", "safetensors_file"))
