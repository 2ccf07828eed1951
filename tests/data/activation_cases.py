"""Activation configurations shared by make_activation_outputs.py (MindSpore) and tests/nn/test_layers_more.py."""
import numpy as np

X = (np.random.default_rng(3).standard_normal((3, 7)) * 3).astype(np.float32)
CASES = {
    "elu": ("ELU", {}), "celu": ("CELU", dict(alpha=2.0)), "selu": ("SeLU", {}),
    "softsign": ("Softsign", {}), "tanhshrink": ("Tanhshrink", {}), "logsigmoid": ("LogSigmoid", {}),
    "softmin": ("Softmin", dict(axis=0)), "hardtanh": ("Hardtanh", dict(min_val=-2.0, max_val=1.5)),
    "mish": ("Mish", {}), "hsigmoid": ("HSigmoid", {}), "hswish": ("HSwish", {}),
}
