"""official/cv/VGG/vgg16: vgg16 with batch norm, 10 classes, on 2 random 32x32 images."""
import types
import numpy as np
import mindspore as ms
from mindspore import nn
import synthetic

args = synthetic.arguments()
from src.vgg import vgg16  # noqa: E402

config = types.SimpleNamespace(pad_mode="same", padding=0, has_bias=False, batch_norm=True,
                               initialize_mode="KaimingNormal", has_dropout=False, image_size=(32, 32))
net = vgg16(num_classes=10, args=config, phase="test")
synthetic.set_weights(net)
x = ms.Tensor(np.random.default_rng(1).standard_normal((2, 3, 32, 32)).astype(np.float32))
y = ms.Tensor(np.array([3, 7], np.int32))
synthetic.save(args.out, synthetic.train(net, nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean"), [x], y, steps=2))
