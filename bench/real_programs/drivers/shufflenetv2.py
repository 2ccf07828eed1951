"""official/cv/ShuffleNet/shufflenetv2: 0.5x on 2 random 224x224 images (its head pools 7x7)."""
import numpy as np
import mindspore as ms
from mindspore import nn
import synthetic

args = synthetic.arguments()
from src.shufflenetv2 import ShuffleNetV2  # noqa: E402

net = ShuffleNetV2(input_size=224, n_class=10, model_size="0.5x")
synthetic.set_weights(net)
x = ms.Tensor(np.random.default_rng(1).standard_normal((2, 3, 224, 224)).astype(np.float32))
y = ms.Tensor(np.array([3, 7], np.int32))
synthetic.save(args.out, synthetic.train(net, nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean"), [x], y, steps=2))
