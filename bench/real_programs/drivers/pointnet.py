"""official/cv/PointNet: PointNetCls (input transform; its feature-transform branch multiplies by the wrong matrix upstream) on 4 random clouds of 100 points."""
import numpy as np
import mindspore as ms
from mindspore import nn
import synthetic

args = synthetic.arguments()
from src.network import PointNetCls  # noqa: E402

net = PointNetCls(k=5, feature_transform=False)
synthetic.set_weights(net)
x = ms.Tensor(np.random.default_rng(1).standard_normal((4, 3, 100)).astype(np.float32))
y = ms.Tensor(np.array([0, 3, 1, 4], np.int32))
synthetic.save(args.out, synthetic.train(net, nn.NLLLoss(reduction="mean"), [x], y, steps=2))
