"""official/nlp/Transformer: TransformerModel (2+2 layers, width 32) training-mode logits."""
import numpy as np
import mindspore as ms
from mindspore import nn
import synthetic

args = synthetic.arguments()
from src.transformer_model import TransformerConfig, TransformerModel  # noqa: E402

config = TransformerConfig(batch_size=2, seq_length=8, vocab_size=40, hidden_size=32, num_hidden_layers=2,
                           num_attention_heads=4, intermediate_size=64, hidden_dropout_prob=0.0,
                           attention_probs_dropout_prob=0.0, max_position_embeddings=16)
net = TransformerModel(config, is_training=True)
synthetic.set_weights(net)
rng = np.random.default_rng(1)
src_ids = ms.Tensor(rng.integers(1, 40, (2, 8)).astype(np.int32))
mask = ms.Tensor(np.ones((2, 8), np.int32))
tgt_ids = ms.Tensor(rng.integers(1, 40, (2, 8)).astype(np.int32))
target = ms.Tensor(rng.standard_normal((16, 40)).astype(np.float32))
synthetic.save(args.out, synthetic.train(net, nn.MSELoss(), [src_ids, mask, tgt_ids, mask], target, steps=2))
