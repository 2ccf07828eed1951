"""official/nlp/Bert: BertModel, 2 layers of width 32, sequence 16; loss on the pooled output."""
import numpy as np
import mindspore as ms
from mindspore import nn
import synthetic

args = synthetic.arguments()
from src.bert_model import BertConfig, BertModel  # noqa: E402

config = BertConfig(seq_length=16, vocab_size=60, hidden_size=32, num_hidden_layers=2, num_attention_heads=4,
                    intermediate_size=64, hidden_dropout_prob=0.0, attention_probs_dropout_prob=0.0,
                    max_position_embeddings=32, type_vocab_size=2)


class Pooled(nn.Cell):
    def __init__(self):
        super().__init__()
        self.bert = BertModel(config, is_training=True)

    def construct(self, ids, types, mask):
        return self.bert(ids, types, mask)[1]


net = Pooled()
synthetic.set_weights(net)
rng = np.random.default_rng(1)
ids = ms.Tensor(rng.integers(0, 60, (2, 16)).astype(np.int32))
types = ms.Tensor(np.zeros((2, 16), np.int32))
mask = ms.Tensor(np.ones((2, 16), np.int32))
target = ms.Tensor(rng.standard_normal((2, 32)).astype(np.float32))
synthetic.save(args.out, synthetic.train(net, nn.MSELoss(), [ids, types, mask], target, steps=2))
