"""research/cv/lenet: LeNet5 on 2 random 32x32 images, 3 Momentum steps."""
import numpy as np
import mindspore as ms
from mindspore import nn
import synthetic

args = synthetic.arguments()
from src.lenet import LeNet5  # noqa: E402  (upstream, unchanged)

net = LeNet5(num_class=10)
synthetic.set_weights(net)
x = ms.Tensor(np.random.default_rng(1).standard_normal((2, 1, 32, 32)).astype(np.float32))
y = ms.Tensor(np.array([3, 7], np.int32))
synthetic.save(args.out, synthetic.train(net, nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean"), [x], y))
