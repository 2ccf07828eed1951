"""`run_check` (`mindspore.run_check`): check that sporax is installed and computes."""
from __future__ import annotations

from importlib import metadata

import jax
import numpy as np

from .common.tensor import Tensor
from .ops import functional as F


def run_check():
    """Print sporax's version, multiply two small Tensors on the JAX backend and print whether
    the result is right (MindSpore's message, with sporax's name and the platform it ran on)."""
    print(f"sporax version:  {metadata.version('sporax')}")
    x = np.array([1.0, 2.0, 3.0], np.float32)
    y = np.array([4.0, 5.0, 6.0], np.float32)
    result = F.mul(Tensor(x), Tensor(y)).asnumpy()
    platform = jax.default_backend().upper()
    if np.array_equal(result, x * y):
        print(f"The result of multiplication calculation is correct, sporax has been installed on platform "
              f"[{platform}] successfully!")
    else:
        print(f"The result of multiplication calculation is wrong ({result} for {x * y}) on platform [{platform}]: "
              "please check the installation of sporax and jax.")
