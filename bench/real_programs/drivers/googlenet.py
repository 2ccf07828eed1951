"""research/cv/googlenet: GoogLeNet (Inception v1) on 2 random 224x224 images."""
import numpy as np
import mindspore as ms
from mindspore import nn
import synthetic

args = synthetic.arguments()
from src.googlenet import GoogleNet  # noqa: E402

net = GoogleNet(num_classes=10)
synthetic.set_weights(net)
x = ms.Tensor(np.random.default_rng(1).standard_normal((2, 3, 224, 224)).astype(np.float32))
y = ms.Tensor(np.array([3, 7], np.int32))
synthetic.save(args.out, synthetic.train(net, nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean"), [x], y, steps=2))
