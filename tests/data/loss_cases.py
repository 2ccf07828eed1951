"""Loss configurations shared by make_loss_outputs.py (MindSpore) and tests/nn/test_losses_more.py."""
import numpy as np

rng = np.random.default_rng(5)
A = (rng.standard_normal((4, 5)) * 2).astype(np.float32)
B = (rng.standard_normal((4, 5)) * 2).astype(np.float32)
SIGN = np.sign(rng.standard_normal((4, 5))).astype(np.float32)
CASES = {
    "smoothl1": ("SmoothL1Loss", {}, "B"), "smoothl1_b_mean": ("SmoothL1Loss", dict(beta=0.5, reduction="mean"), "B"),
    "huber": ("HuberLoss", {}, "B"), "huber_d_sum": ("HuberLoss", dict(delta=1.5, reduction="sum"), "B"),
}
