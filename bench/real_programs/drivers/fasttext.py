"""research/nlp/fasttext: FastText on 2 random sentences of 10 words."""
import numpy as np
import mindspore as ms
from mindspore import nn
import synthetic

args = synthetic.arguments()
from src.fasttext_model import FastText  # noqa: E402

net = FastText(vocab_size=50, embedding_dims=16, num_class=4)
synthetic.set_weights(net)
x = ms.Tensor(np.random.default_rng(1).integers(1, 50, (2, 10)).astype(np.int32))
length = ms.Tensor(np.array([[10], [7]], np.float32))
y = ms.Tensor(np.array([0, 3], np.int32))
synthetic.save(args.out, synthetic.train(net, nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean"), [x, length], y))
