"""research/cv/squeezenet: SqueezeNet and SqueezeNet_Residual on 2 random 224x224 images."""
import numpy as np
import mindspore as ms
from mindspore import nn
import synthetic

args = synthetic.arguments()
from src.squeezenet import SqueezeNet, SqueezeNet_Residual  # noqa: E402

x = ms.Tensor(np.random.default_rng(1).standard_normal((2, 3, 224, 224)).astype(np.float32))
y = ms.Tensor(np.array([3, 7], np.int32))
record = {}
for name, cls in (("plain", SqueezeNet), ("residual", SqueezeNet_Residual)):
    net = cls(num_classes=10)
    synthetic.set_weights(net)
    result = synthetic.train(net, nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean"), [x], y, steps=2)
    record.update({f"{name}_{k}": v for k, v in result.items()})
record["losses"] = np.concatenate([record["plain_losses"], record["residual_losses"]])
synthetic.save(args.out, record)
