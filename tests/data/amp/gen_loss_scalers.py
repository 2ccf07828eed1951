"""Oracle fixture: loss scalers and managers step by step under a fixed overflow pattern.

Run by hand with real MindSpore 2.10:  /work/msvenv/bin/python tests/data/amp/gen_loss_scalers.py
"""
import json
import pathlib

import numpy as np
import mindspore as ms
from mindspore import amp

FINITE = [True, True, False, True, True, True, False, False, True, True, True, True]


def scaler_trace(scaler):
    out = []
    for finite in FINITE:
        returned = scaler.adjust(ms.Tensor(finite))
        counter = int(scaler.counter.asnumpy()) if hasattr(scaler, "counter") else None
        out.append([float(scaler.scale_value.asnumpy()), counter, bool(returned)])
    return out


def manager_trace(manager):
    out = []
    for finite in FINITE:
        manager.update_loss_scale(not finite)
        out.append(float(manager.get_loss_scale()))
    return out


grads = (ms.Tensor(np.array([1.5, 1.0]), ms.float16), ms.Tensor(np.array([1.2]), ms.float32))
static = amp.StaticLossScaler(1024)
result = {
    "finite": FINITE,
    "dynamic_1024_2_3": scaler_trace(amp.DynamicLossScaler(1024, 2, 3)),
    "dynamic_4_4_1": scaler_trace(amp.DynamicLossScaler(4, 4, 1)),
    "dynamic_65504_2_2": scaler_trace(amp.DynamicLossScaler(2.0 ** 127, 2, 2)),
    "static_adjust": bool(static.adjust(ms.Tensor(True))),
    "static_unscale": [g.asnumpy().tolist() for g in static.unscale(grads)],
    "static_unscale_dtypes": [str(g.dtype) for g in static.unscale(grads)],
    "static_scale": static.scale(ms.Tensor([1.0], ms.float32)).asnumpy().tolist(),
    "manager_dynamic_1024_2_3": manager_trace(ms.DynamicLossScaleManager(1024, 2, 3)),
    "manager_fixed": manager_trace(ms.FixedLossScaleManager(64.0)),
}
path = pathlib.Path(__file__).resolve().with_name("loss_scalers.json")
path.write_text(json.dumps(result, indent=1))
print(json.dumps(result))
