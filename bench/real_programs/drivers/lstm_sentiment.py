"""official/nlp/LSTM: SentimentNet (bidirectional 2-layer LSTM) on 2 random sentences of 500 words (its construct slices step 499)."""
import numpy as np
import mindspore as ms
from mindspore import nn
import synthetic

args = synthetic.arguments()
from src.lstm import SentimentNet  # noqa: E402

weight = ms.Tensor(np.random.default_rng(2).standard_normal((50, 16)).astype(np.float32))
net = SentimentNet(vocab_size=50, embed_size=16, num_hiddens=8, num_layers=2, bidirectional=True,
                   num_classes=2, weight=weight, batch_size=2)
synthetic.set_weights(net)
x = ms.Tensor(np.random.default_rng(1).integers(0, 50, (2, 500)).astype(np.int32))
y = ms.Tensor(np.array([0, 1], np.int32))
synthetic.save(args.out, synthetic.train(net, nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean"), [x], y))
