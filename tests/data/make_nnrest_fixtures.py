"""Writes tests/data/mindspore_2_10_nnrest.{npz,json}: outputs of real MindSpore 2.10 for the
`mindspore.nn` cells of issue 11 item 3 (SSIM, MSSSIM, IGamma, SparseToDense,
SparseTensorDenseMatmul).
MindSpore 2.10 on CPU has no kernel for nn.Unfold (ExtractImagePatches), nn.MatDet (DetTriangle)
or nn.MatInverse (CholeskyTrsm), so those have no fixture here.

Run by hand under the oracle, never in CI:
    /work/msvenv/bin/python tests/data/make_nnrest_fixtures.py

MindSpore 2.10's SSIM/MSSSIM fail in PyNative mode on CPU (`ScalarCast` rejects the float32
scalar it is given), so the outputs are taken in GRAPH_MODE, where the cells work.
"""
import json
import os
import re

import numpy as np
import mindspore as ms
from mindspore import COOTensor, Tensor, nn

ms.set_context(mode=ms.GRAPH_MODE)
HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(11)
arrays, reprs, errors = {}, {}, {}


def repr_without_window(cell):
    return re.sub(r"weight_init=\[.*?\]\]\]\]", "weight_init=<window>", repr(cell), flags=re.S)


def error_of(name, thunk):
    try:
        thunk()
    except Exception as exc:  # noqa: BLE001 - the class and first line are what is recorded
        errors[name] = [type(exc).__name__, str(exc).split("\n")[0]]
        return
    errors[name] = None


img1 = rng.random((2, 3, 16, 16)).astype(np.float32)
img2 = np.clip(img1 + 0.1 * rng.standard_normal(img1.shape).astype(np.float32), 0, 1).astype(np.float32)
arrays["img1"], arrays["img2"] = img1, img2
arrays["ssim_default"] = nn.SSIM()(Tensor(img1), Tensor(img2)).asnumpy()
arrays["ssim_255_k"] = nn.SSIM(max_val=255, filter_size=4, filter_sigma=0.8, k1=0.02, k2=0.05)(
    Tensor(img1 * 255), Tensor(img2 * 255)).asnumpy()
arrays["ssim_window_4"] = nn.SSIM(filter_size=4, filter_sigma=0.8).conv.weight.asnumpy()
big1 = rng.random((2, 2, 48, 48)).astype(np.float32)
big2 = np.clip(big1 + 0.2 * rng.standard_normal(big1.shape).astype(np.float32), 0, 1).astype(np.float32)
arrays["big1"], arrays["big2"] = big1, big2
arrays["msssim_3"] = nn.MSSSIM(power_factors=(0.2, 0.3, 0.5), filter_size=3)(Tensor(big1), Tensor(big2)).asnumpy()
arrays["msssim_default_f3"] = nn.MSSSIM(filter_size=3, filter_sigma=1.0)(Tensor(big1), Tensor(big2)).asnumpy()
u1, u2 = (big1 * 255).astype(np.uint8), (big2 * 255).astype(np.uint8)
arrays["u1"], arrays["u2"] = u1, u2
arrays["msssim_uint8"] = nn.MSSSIM(max_val=255, power_factors=[0.5, 0.5], filter_size=5)(
    Tensor(u1), Tensor(u2)).asnumpy()
reprs["SSIM"] = repr_without_window(nn.SSIM())
reprs["MSSSIM"] = repr_without_window(nn.MSSSIM(power_factors=(0.2, 0.3), filter_size=3))
reprs["SSIM_params"] = [[n, p.requires_grad, list(p.shape)] for n, p in nn.SSIM().parameters_and_names()]
reprs["MSSSIM_params"] = [[n, p.requires_grad, list(p.shape)]
                          for n, p in nn.MSSSIM(power_factors=(0.2, 0.3), filter_size=3).parameters_and_names()]

error_of("ssim_max_val_type", lambda: nn.SSIM(max_val="a"))
error_of("ssim_max_val_zero", lambda: nn.SSIM(max_val=0))
error_of("ssim_filter_size_zero", lambda: nn.SSIM(filter_size=0))
error_of("ssim_filter_size_float", lambda: nn.SSIM(filter_size=1.5))
error_of("ssim_filter_sigma_zero", lambda: nn.SSIM(filter_sigma=0.0))
error_of("ssim_filter_sigma_int", lambda: nn.SSIM(filter_sigma=1))
error_of("ssim_k1_int", lambda: nn.SSIM(k1=1))
error_of("ssim_k2_int", lambda: nn.SSIM(k2=1))
error_of("msssim_power_factors_int", lambda: nn.MSSSIM(power_factors=1))
error_of("ssim_img_int", lambda: nn.SSIM()(Tensor(img1.astype(np.int32)), Tensor(img2.astype(np.int32))))
error_of("ssim_img_small", lambda: nn.SSIM()(Tensor(img1[:, :, :8]), Tensor(img2[:, :, :8])))
error_of("ssim_img_3d", lambda: nn.SSIM()(Tensor(img1[0]), Tensor(img2[0])))
error_of("ssim_shape_mismatch", lambda: nn.SSIM()(Tensor(img1), Tensor(img2[:1])))
error_of("ssim_dtype_mismatch", lambda: nn.SSIM()(Tensor(img1), Tensor(img2.astype(np.float16))))
error_of("msssim_img_3d", lambda: nn.MSSSIM()(Tensor(img1[0]), Tensor(img2[0])))
error_of("msssim_img2_3d", lambda: nn.MSSSIM()(Tensor(img1), Tensor(img2[0])))
error_of("msssim_img_int", lambda: nn.MSSSIM()(Tensor(img1.astype(np.int32)), Tensor(img2.astype(np.int32))))

# IGamma
ig_a = rng.uniform(0.2, 6.0, (3, 4)).astype(np.float32)
ig_x = rng.uniform(0.0, 8.0, (3, 4)).astype(np.float32)
arrays["ig_a"], arrays["ig_x"] = ig_a, ig_x
arrays["igamma"] = nn.IGamma()(Tensor(ig_a), Tensor(ig_x)).asnumpy()
arrays["igamma_broadcast"] = nn.IGamma()(Tensor(ig_a), Tensor(ig_x[0])).asnumpy()
edge_a = np.array([0, 0, 0, 0, 1e-30, 3, -1, 1, 2.5], np.float32)
edge_x = np.array([0, 0.5, 2, np.inf, 1, np.inf, 1, -1, 0], np.float32)
arrays["ig_edge_a"], arrays["ig_edge_x"] = edge_a, edge_x
arrays["igamma_edges"] = nn.IGamma()(Tensor(edge_a), Tensor(edge_x)).asnumpy()
reprs["IGamma"] = repr(nn.IGamma())
error_of("igamma_int", lambda: nn.IGamma()(Tensor(np.array([1, 2], np.int32)), Tensor(np.array([1, 2], np.int32))))
error_of("igamma_dtype_mismatch", lambda: nn.IGamma()(Tensor(ig_a), Tensor(ig_x.astype(np.float16))))

# SparseToDense / SparseTensorDenseMatmul
sp_idx = np.array([[0, 1], [1, 2], [2, 0]], np.int32)
sp_val = np.array([1.5, -2.0, 3.0], np.float32)
arrays["sp_idx"], arrays["sp_val"] = sp_idx, sp_val
arrays["sparse_to_dense"] = nn.SparseToDense()(COOTensor(Tensor(sp_idx), Tensor(sp_val), (3, 4))).asnumpy()
reprs["SparseToDense"] = repr(nn.SparseToDense())
dense = rng.standard_normal((4, 2)).astype(np.float32)
arrays["dense"] = dense
arrays["stdm"] = nn.SparseTensorDenseMatmul()(Tensor(sp_idx), Tensor(sp_val), (3, 4), Tensor(dense)).asnumpy()
arrays["stdm_adj_st"] = nn.SparseTensorDenseMatmul(adjoint_st=True)(
    Tensor(sp_idx), Tensor(sp_val), (3, 4), Tensor(dense[:3])).asnumpy()
arrays["stdm_adj_both"] = nn.SparseTensorDenseMatmul(adjoint_st=True, adjoint_dt=True)(
    Tensor(sp_idx), Tensor(sp_val), (3, 4), Tensor(dense[:3].T.copy())).asnumpy()
reprs["SparseTensorDenseMatmul"] = repr(nn.SparseTensorDenseMatmul())
error_of("stdm_adjoint_type", lambda: nn.SparseTensorDenseMatmul(adjoint_st=1))
error_of("stdm_dense_shape", lambda: nn.SparseTensorDenseMatmul()(
    Tensor(sp_idx), Tensor(sp_val), (3, 4), Tensor(dense[:3])))
error_of("stdm_dtype", lambda: nn.SparseTensorDenseMatmul()(
    Tensor(sp_idx), Tensor(sp_val), (3, 4), Tensor(dense.astype(np.float16))))

# FractionalMaxPool2d / 3d with fixed window positions (_random_samples)
fx2 = rng.standard_normal((2, 2, 7, 8)).astype(np.float32)
fs2 = rng.random((2, 2, 2)).astype(np.float32)
fx3 = rng.standard_normal((1, 2, 5, 6, 7)).astype(np.float32)
fs3 = rng.random((1, 2, 3)).astype(np.float32)
arrays.update(fx2=fx2, fs2=fs2, fx3=fx3, fs3=fs3)
out, idx = nn.FractionalMaxPool2d(2, output_size=(3, 4), return_indices=True, _random_samples=Tensor(fs2))(Tensor(fx2))
arrays["fmp2_size"], arrays["fmp2_size_idx"] = out.asnumpy(), idx.asnumpy()
arrays["fmp2_ratio"] = nn.FractionalMaxPool2d((2, 3), output_ratio=(0.5, 0.5), _random_samples=Tensor(fs2))(
    Tensor(fx2)).asnumpy()
out, idx = nn.FractionalMaxPool3d(2, output_ratio=(0.5, 0.5, 0.5), return_indices=True,
                                  _random_samples=Tensor(fs3))(Tensor(fx3))
arrays["fmp3_ratio"], arrays["fmp3_ratio_idx"] = out.asnumpy(), idx.asnumpy()
arrays["fmp3_size"] = nn.FractionalMaxPool3d((1, 2, 2), output_size=(3, 3, 4), _random_samples=Tensor(fs3))(
    Tensor(fx3)).asnumpy()
reprs["FractionalMaxPool2d"] = repr(nn.FractionalMaxPool2d(2, output_size=3))
reprs["FractionalMaxPool3d"] = repr(nn.FractionalMaxPool3d(2, output_size=3))
error_of("fmp2_no_size", lambda: nn.FractionalMaxPool2d(2)(Tensor(fx2)))
error_of("fmp3_no_size", lambda: nn.FractionalMaxPool3d(2)(Tensor(fx3)))

# no_init_parameters: what MindSpore documents, observed
behaviour = {}
dense0 = nn.Dense(3, 2)
ms.save_checkpoint(dense0, "/tmp/nnrest-dense.ckpt")
with nn.no_init_parameters():
    behaviour["init_param_inside"] = ms.Parameter.init_param
    lazy = nn.Dense(3, 2)
    from_tensor = ms.Parameter(Tensor(np.ones(2, np.float32)), name="t")
behaviour["init_param_after"] = ms.Parameter.init_param
behaviour["has_init_after_block"] = lazy.weight.has_init
behaviour["tensor_param_has_init"] = from_tensor.has_init
ms.load_checkpoint("/tmp/nnrest-dense.ckpt", net=lazy)
behaviour["has_init_after_load"] = lazy.weight.has_init
behaviour["loaded_equals_saved"] = bool(np.array_equal(lazy.weight.asnumpy(), dense0.weight.asnumpy()))
with nn.no_init_parameters():
    lazy2 = nn.Dense(3, 2)
lazy2.init_parameters_data()
behaviour["has_init_after_init_parameters_data"] = lazy2.weight.has_init
reprs["no_init_parameters"] = behaviour

np.savez_compressed(os.path.join(HERE, "mindspore_2_10_nnrest.npz"), **arrays)
with open(os.path.join(HERE, "mindspore_2_10_nnrest.json"), "w") as fh:
    json.dump({"reprs": reprs, "errors": errors}, fh, indent=1, sort_keys=True)
print(json.dumps({"reprs": reprs, "errors": errors}, indent=1))
