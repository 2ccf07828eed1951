"""Inputs and layer configurations shared by make_layer_outputs.py (MindSpore) and the parity test (sporax)."""
import numpy as np
rng = np.random.default_rng(0)
X4 = rng.standard_normal((2, 4, 7, 9)).astype(np.float32)
CASES = {
 "conv2dT_same_s2": ("Conv2dTranspose", dict(in_channels=4, out_channels=6, kernel_size=3, stride=2, pad_mode="same"), X4),
 "conv2dT_valid": ("Conv2dTranspose", dict(in_channels=4, out_channels=6, kernel_size=3, stride=2, pad_mode="valid"), X4),
 "conv2dT_pad": ("Conv2dTranspose", dict(in_channels=4, out_channels=6, kernel_size=3, stride=2, pad_mode="pad", padding=1), X4),
 "conv2d_pad_dil": ("Conv2d", dict(in_channels=4, out_channels=6, kernel_size=3, stride=2, pad_mode="pad", padding=(1,2,0,1), dilation=2, has_bias=True), X4),
 "avgpool_pad": ("AvgPool2d", dict(kernel_size=3, stride=2, pad_mode="pad", padding=1), X4),
 "avgpool_pad_noinc": ("AvgPool2d", dict(kernel_size=3, stride=2, pad_mode="pad", padding=1, count_include_pad=False), X4),
 "avgpool_ceil": ("AvgPool2d", dict(kernel_size=3, stride=2, pad_mode="pad", padding=1, ceil_mode=True), X4),
 "avgpool_same": ("AvgPool2d", dict(kernel_size=3, stride=2, pad_mode="same"), X4),
 "maxpool_pad_ceil": ("MaxPool2d", dict(kernel_size=3, stride=2, pad_mode="pad", padding=1, ceil_mode=True), X4),
 "maxpool_same": ("MaxPool2d", dict(kernel_size=3, stride=2, pad_mode="same"), X4),
 "adaptive": ("AdaptiveAvgPool2d", dict(output_size=(3, 4)), X4),
 "groupnorm": ("GroupNorm", dict(num_groups=2, num_channels=4), X4),
 "layernorm": ("LayerNorm", dict(normalized_shape=(9,)), X4),
 "gelu": ("GELU", dict(), X4),
 "gelu_exact": ("GELU", dict(approximate=False), X4),
 "leaky": ("LeakyReLU", dict(alpha=0.3), X4),
 "silu": ("SiLU", dict(), X4),
 "logsoftmax": ("LogSoftmax", dict(axis=1), X4),
 "bn_eval": ("BatchNorm2d", dict(num_features=4), X4),
 "conv1d": ("Conv1d", dict(in_channels=4, out_channels=3, kernel_size=3, has_bias=True), X4[:, :, 0, :]),
 "conv1dT": ("Conv1dTranspose", dict(in_channels=4, out_channels=3, kernel_size=3, stride=2), X4[:, :, 0, :]),
}
LOGITS = rng.standard_normal((6, 5)).astype(np.float32)
LABELS = np.array([0, 4, 2, 1, 3, 2], np.int32)
PROBS = rng.random((6, 5)).astype(np.float32)
W = (rng.random(5) + 0.5).astype(np.float32)
