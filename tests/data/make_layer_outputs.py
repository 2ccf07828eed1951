"""Writes the MindSpore 2.10 side of tests/data/mindspore_2_10_layer_outputs.npz.

Run under real MindSpore 2.10 in its own virtualenv (never in CI):
    pip install mindspore==2.10.0 'numpy<2'
    python tests/data/make_layer_outputs.py
It builds each layer of layer_cases.py, sets the weights stored in the file ("weight/<case>/<param>"),
runs it on the case's input and stores the result as "output/<case>"; likewise the losses.
"""
import pathlib
import sys

import numpy as np

import mindspore as ms
from mindspore import Tensor, nn

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from layer_cases import CASES, LABELS, LOGITS, PROBS, W  # noqa: E402

FILE = HERE / "mindspore_2_10_layer_outputs.npz"
stored = dict(np.load(FILE))
outputs = {}
for name, (cls, kwargs, x) in CASES.items():
    ms.set_seed(1)
    cell = getattr(nn, cls)(**kwargs)
    for param_name, param in cell.parameters_and_names():
        param.set_data(Tensor(stored[f"weight/{name}/{param_name}"]))
    outputs[name] = cell(Tensor(x)).asnumpy()
outputs["ce_idx"] = nn.CrossEntropyLoss(weight=Tensor(W))(Tensor(LOGITS), Tensor(LABELS)).asnumpy()
outputs["ce_prob"] = nn.CrossEntropyLoss()(Tensor(LOGITS), Tensor(PROBS)).asnumpy()
outputs["ce_smooth"] = nn.CrossEntropyLoss(label_smoothing=0.2)(Tensor(LOGITS), Tensor(LABELS)).asnumpy()
outputs["bce"] = nn.BCEWithLogitsLoss(weight=Tensor(W), pos_weight=Tensor(W[::-1].copy()))(
    Tensor(LOGITS), Tensor((PROBS > .5).astype(np.float32))).asnumpy()
outputs["sce"] = nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean")(Tensor(LOGITS), Tensor(LABELS)).asnumpy()
stored.update({f"output/{k}": v for k, v in outputs.items()})
np.savez_compressed(FILE, **stored)
