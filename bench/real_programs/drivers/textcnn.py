"""research/nlp/textcnn: TextCNN on 2 random sentences of 20 words."""
import numpy as np
import mindspore as ms
from mindspore import nn
import synthetic

args = synthetic.arguments()
from src.textcnn import TextCNN  # noqa: E402

net = TextCNN(vocab_len=50, word_len=20, num_classes=2, vec_length=16)
synthetic.set_weights(net)
x = ms.Tensor(np.random.default_rng(1).integers(0, 50, (2, 20)).astype(np.int32))
y = ms.Tensor(np.array([0, 1], np.int32))
synthetic.save(args.out, synthetic.train(net, nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean"), [x], y))
