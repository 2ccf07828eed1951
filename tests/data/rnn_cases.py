"""RNN configurations and inputs shared by make_rnn_outputs.py (MindSpore) and tests/nn/test_rnn_parity.py."""
import numpy as np

rng = np.random.default_rng(7)
T, N, I, H = 5, 3, 4, 3
X = rng.standard_normal((T, N, I)).astype(np.float32)
XB = np.ascontiguousarray(X.transpose(1, 0, 2))
SEQ = np.array([5, 2, 4], np.int32)
H0_1 = rng.standard_normal((1, N, H)).astype(np.float32)
H0_4 = rng.standard_normal((4, N, H)).astype(np.float32)
C0_4 = rng.standard_normal((4, N, H)).astype(np.float32)
XC = rng.standard_normal((N, I)).astype(np.float32)
HC = rng.standard_normal((N, H)).astype(np.float32)
CC = rng.standard_normal((N, H)).astype(np.float32)

# name: (class, kwargs, input, hx, seq_length) — hx a key tuple for LSTM
CASES = {
    "rnn_tanh": ("RNN", dict(input_size=I, hidden_size=H), X, None, None),
    "rnn_relu_h0": ("RNN", dict(input_size=I, hidden_size=H, nonlinearity="relu"), X, "H0_1", None),
    "rnn_bi2_seq": ("RNN", dict(input_size=I, hidden_size=H, num_layers=2, bidirectional=True), X, "H0_4", "SEQ"),
    "gru": ("GRU", dict(input_size=I, hidden_size=H), X, None, None),
    "gru_bi2_bf_seq": ("GRU", dict(input_size=I, hidden_size=H, num_layers=2, bidirectional=True, batch_first=True),
                       XB, "H0_4", "SEQ"),
    "gru_nobias": ("GRU", dict(input_size=I, hidden_size=H, has_bias=False), X, None, None),
    "lstm": ("LSTM", dict(input_size=I, hidden_size=H), X, None, None),
    "lstm_bi2_state": ("LSTM", dict(input_size=I, hidden_size=H, num_layers=2, bidirectional=True), X,
                       ("H0_4", "C0_4"), None),
    "lstm_bi2_bf_seq": ("LSTM", dict(input_size=I, hidden_size=H, num_layers=2, bidirectional=True, batch_first=True),
                        XB, ("H0_4", "C0_4"), "SEQ"),
    "rnncell": ("RNNCell", dict(input_size=I, hidden_size=H), XC, "HC", None),
    "rnncell_relu": ("RNNCell", dict(input_size=I, hidden_size=H, nonlinearity="relu"), XC, "HC", None),
    "lstmcell": ("LSTMCell", dict(input_size=I, hidden_size=H), XC, ("HC", "CC"), None),
    "grucell": ("GRUCell", dict(input_size=I, hidden_size=H), XC, "HC", None),
}
ARRAYS = {k: v for k, v in globals().items() if k.isupper() and isinstance(v, np.ndarray)}
