"""LeNet-5 for 1×32×32 inputs, the network of MindSpore's model zoo (`lenet.py`).

One definition for `sporax demo`, the tests (with `batch_norm=True` and the default head
init, it is the LeNet-5 of ../shared/fixtures/mindspore-2.10/make_fixtures.py, so MindSpore's
checkpoints load into it) and the benchmarks. Parameters are created in the order
conv1, conv2, [bn], fc1, fc2, fc3, which is the order MindSpore draws their initial values.
"""
from __future__ import annotations

from .. import nn
from ..common.initializer import Normal

__all__ = ["LeNet5"]


class LeNet5(nn.Cell):
    """conv(1→6, 5) → relu → maxpool 2 → conv(6→16, 5) → [BatchNorm2d] → relu → maxpool 2 →
    dense(400→120) → relu → dense(120→84) → relu → dense(84→num_classes).

    fc1 starts from Normal(0.02); fc2 and fc3 from `head_init` (Dense's default when None).
    """

    def __init__(self, num_classes=10, batch_norm=False, head_init=None):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5, pad_mode="valid")
        self.conv2 = nn.Conv2d(6, 16, 5, pad_mode="valid")
        self.bn = nn.BatchNorm2d(16) if batch_norm else None
        self.fc1 = nn.Dense(16 * 5 * 5, 120, weight_init=Normal(0.02))
        self.fc2 = nn.Dense(120, 84, weight_init=head_init)
        self.fc3 = nn.Dense(84, num_classes, weight_init=head_init)
        self.relu = nn.ReLU()
        self.pool = nn.MaxPool2d(2, 2)
        self.flatten = nn.Flatten()

    def construct(self, x):
        x = self.pool(self.relu(self.conv1(x)))
        x = self.conv2(x)
        if self.bn is not None:
            x = self.bn(x)
        x = self.pool(self.relu(x))
        x = self.flatten(x)
        return self.fc3(self.relu(self.fc2(self.relu(self.fc1(x)))))
