"""research/cv/Alexnet: AlexNet (ImageNet layout, NHWC input it transposes itself) on 2 random 224x224 images."""
import numpy as np
import mindspore as ms
from mindspore import nn
import synthetic

args = synthetic.arguments()
from src.alexnet import AlexNet  # noqa: E402

net = AlexNet(num_classes=10, phase="train")
synthetic.set_weights(net, scale=0.01)  # its 9216-wide fc1 would blow 0.05-scaled logits up
x = ms.Tensor((np.random.default_rng(1).random((2, 224, 224, 3)) * 255).astype(np.float32))
y = ms.Tensor(np.array([3, 7], np.int32))
synthetic.save(args.out, synthetic.train(net, nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean"), [x], y, steps=2))
