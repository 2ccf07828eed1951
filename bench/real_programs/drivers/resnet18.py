"""official/cv/ResNet: resnet18 (10 classes) on 2 random 64x64 images, 2 steps."""
import numpy as np
import mindspore as ms
from mindspore import nn
import synthetic

args = synthetic.arguments()
from src.resnet import resnet18  # noqa: E402

net = resnet18(class_num=10)
synthetic.set_weights(net)
x = ms.Tensor(np.random.default_rng(1).standard_normal((2, 3, 64, 64)).astype(np.float32))
y = ms.Tensor(np.array([3, 7], np.int32))
synthetic.save(args.out, synthetic.train(net, nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean"), [x], y, steps=2))
