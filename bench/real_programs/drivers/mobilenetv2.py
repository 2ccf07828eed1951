"""official/cv/MobileNet/mobilenetv2: width 0.35 backbone + head on 2 random 64x64 images."""
import numpy as np
import mindspore as ms
from mindspore import nn
import synthetic

args = synthetic.arguments()
from src.mobilenetV2 import MobileNetV2Backbone, MobileNetV2Head, mobilenet_v2  # noqa: E402

backbone = MobileNetV2Backbone(width_mult=0.35)
net = mobilenet_v2(backbone, MobileNetV2Head(input_channel=backbone.out_channels, num_classes=10))
synthetic.set_weights(net)
x = ms.Tensor(np.random.default_rng(1).standard_normal((2, 3, 64, 64)).astype(np.float32))
y = ms.Tensor(np.array([3, 7], np.int32))
synthetic.save(args.out, synthetic.train(net, nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean"), [x], y, steps=2))
