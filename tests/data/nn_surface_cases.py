"""The nn-surface layer and loss cases shared by make_nn_surface_outputs.py (MindSpore 2.10) and
tests/nn/test_nn_surface_parity.py (sporax): (module, class, constructor kwargs, inputs, grad).

Inputs are NumPy arrays (float inputs are differentiated when `grad`) or ints/floats; the
module is 'nn' or 'mint.nn'. MindSpore initialises the weights (set_seed(1)); the generator
stores them by parameter name and sporax loads them, so only the computation is compared."""
import numpy as np

rng = np.random.default_rng(11)


def f32(*shape, low=None, high=None):
    if low is None:
        return rng.standard_normal(shape).astype(np.float32)
    return rng.uniform(low, high, shape).astype(np.float32)


X1 = f32(2, 4, 9)
X2 = f32(2, 4, 7, 9)
X3 = f32(2, 3, 5, 6, 7)
SEQ = f32(5, 2, 8)
MEM = f32(4, 2, 8)
P = f32(4, 5, low=0.05, high=0.95)
Y = (rng.random((4, 5)) > 0.5).astype(np.float32)
SIGN = np.where(rng.random((4, 5)) > 0.5, 1.0, -1.0).astype(np.float32)
A, B = f32(4, 5), f32(4, 5)
LOGP = np.log(np.exp(f32(4, 5)) / np.exp(f32(4, 5)).sum(-1, keepdims=True)).astype(np.float32)
CLS = np.array([0, 4, 2, 1], np.int32)
CTC_LP = np.log(np.exp(f32(6, 2, 5)) / np.exp(f32(6, 2, 5)).sum(-1, keepdims=True)).astype(np.float32)

# Not compared (differences that remain, said plainly):
# - Upsample(mode='bicubic') is MindSpore's ResizeBicubic (half_pixel_centers = not align_corners),
#   compared in differential_table_ops4.py.
# - CTCLoss gradient: sporax differentiates the forward algorithm; MindSpore's CTC gradient is the
#   form that assumes log_softmax inputs, so the two differ for unnormalised inputs (the loss matches).
CASES = {
    # convolution, pooling
    "conv3dT": ("nn", "Conv3dTranspose", dict(in_channels=3, out_channels=2, kernel_size=2, stride=2), [X3], True),
    "conv3dT_pad": ("nn", "Conv3dTranspose", dict(in_channels=3, out_channels=4, kernel_size=3, stride=2, pad_mode="pad",
                                                  padding=1, group=1, has_bias=True), [X3], True),
    "maxpool1d": ("nn", "MaxPool1d", dict(kernel_size=3, stride=2), [X1], True),
    "avgpool1d_pad": ("nn", "AvgPool1d", dict(kernel_size=3, stride=2, pad_mode="pad", padding=1), [X1], True),
    "maxpool3d": ("nn", "MaxPool3d", dict(kernel_size=2, stride=2), [X3], True),
    "maxpool3d_pad": ("nn", "MaxPool3d", dict(kernel_size=3, stride=2, pad_mode="pad", padding=1), [X3], True),
    "avgpool3d": ("nn", "AvgPool3d", dict(kernel_size=2, stride=(1, 2, 2)), [X3], True),
    "adaptive_avg1d": ("nn", "AdaptiveAvgPool1d", dict(output_size=3), [X1], True),
    "adaptive_avg3d": ("nn", "AdaptiveAvgPool3d", dict(output_size=(2, 3, 4)), [X3], True),
    "adaptive_max1d": ("nn", "AdaptiveMaxPool1d", dict(output_size=3), [X1], True),
    "adaptive_max2d": ("nn", "AdaptiveMaxPool2d", dict(output_size=(3, 4), return_indices=True), [X2], False),
    "lppool1d": ("nn", "LPPool1d", dict(norm_type=2, kernel_size=3, stride=2), [X1], True),
    "lppool2d": ("nn", "LPPool2d", dict(norm_type=3, kernel_size=2, stride=2), [np.abs(X2)], True),
    # normalisation
    "bn3d_eval": ("nn", "BatchNorm3d", dict(num_features=3), [X3], True),
    # basic, activations
    "linear": ("nn", "Linear", dict(in_features=9, out_features=3), [X2], True),
    "bidense": ("nn", "BiDense", dict(in1_channels=5, in2_channels=5, out_channels=3), [A, B], True),
    "prelu": ("nn", "PReLU", dict(channel=4, w=0.3), [X2], True),
    "glu": ("nn", "GLU", dict(axis=1), [X2], True),
    "hshrink": ("nn", "HShrink", dict(lambd=0.6), [X2], True),
    "softshrink": ("nn", "SoftShrink", dict(lambd=0.4), [X2], True),
    "threshold": ("nn", "Threshold", dict(threshold=0.2, value=-3.0), [X2], True),
    "fastgelu": ("nn", "FastGelu", dict(), [X2], True),
    "softmax2d": ("nn", "Softmax2d", dict(), [X2], True),
    "lrn": ("nn", "LRN", dict(depth_radius=1, bias=1.0, alpha=0.5, beta=0.75), [X2], True),
    # padding, resampling
    "reflect2d": ("nn", "ReflectionPad2d", dict(padding=(1, 2, 2, 0)), [X2], True),
    "replicate1d": ("nn", "ReplicationPad1d", dict(padding=(2, 1)), [X1], True),
    "constant3d": ("nn", "ConstantPad3d", dict(padding=1, value=0.5), [X3], True),
    "zeropad2d": ("nn", "ZeroPad2d", dict(padding=(1, -1, 0, 2)), [X2], True),
    "pad_reflect": ("nn", "Pad", dict(paddings=((0, 0), (0, 0), (1, 2), (2, 1)), mode="REFLECT"), [X2], True),
    "pad_symmetric": ("nn", "Pad", dict(paddings=((0, 0), (1, 1), (2, 1), (0, 2)), mode="SYMMETRIC"), [X2], True),
    "up_nearest": ("nn", "Upsample", dict(size=(14, 18), mode="nearest"), [X2], True),
    "up_nearest_size": ("nn", "Upsample", dict(size=(10, 5), mode="nearest"), [X2], True),
    "up_bilinear": ("nn", "Upsample", dict(size=(11, 5), mode="bilinear", align_corners=False), [X2], True),
    "up_bilinear_ac": ("nn", "Upsample", dict(size=(11, 5), mode="bilinear", align_corners=True), [X2], True),
    "up_trilinear": ("nn", "Upsample", dict(size=(4, 7, 5), mode="trilinear"), [X3], True),
    "pixelshuffle": ("nn", "PixelShuffle", dict(upscale_factor=2), [X2], True),
    "pixelunshuffle": ("nn", "PixelUnshuffle", dict(downscale_factor=2), [X2[:, :, :6, :8].copy()], True),
    "channelshuffle": ("nn", "ChannelShuffle", dict(groups=2), [X2], True),
    "centralcrop": ("nn", "CentralCrop", dict(central_fraction=0.6), [X2], True),
    "imagegrad": ("nn", "ImageGradients", dict(), [X2], False),
    # attention
    "mha": ("nn", "MultiheadAttention", dict(embed_dim=8, num_heads=2), [SEQ, SEQ, SEQ], False),
    "mha_kv": ("nn", "MultiheadAttention", dict(embed_dim=8, num_heads=4, kdim=6, vdim=6), [SEQ, SEQ[..., :6].copy(),
                                                                                         SEQ[..., 2:].copy()], False),
    "encoder_layer": ("nn", "TransformerEncoderLayer", dict(d_model=8, nhead=2, dim_feedforward=16, dropout=0.0),
                      [SEQ], True),
    "encoder_layer_nf": ("nn", "TransformerEncoderLayer", dict(d_model=8, nhead=2, dim_feedforward=16, dropout=0.0,
                                                               norm_first=True, activation="gelu"), [SEQ], True),
    "decoder_layer": ("nn", "TransformerDecoderLayer", dict(d_model=8, nhead=2, dim_feedforward=16, dropout=0.0),
                      [SEQ, MEM], True),
    # losses
    "bce": ("nn", "BCELoss", dict(reduction="mean"), [P, Y], True),
    "cosine_embedding": ("nn", "CosineEmbeddingLoss", dict(margin=0.1), [A, B, SIGN[:, 0].copy()], True),
    "ctc": ("nn", "CTCLoss", dict(), [CTC_LP, np.array([[1, 2, 2], [3, 4, 0]], np.int32), np.array([6, 5], np.int32),
                                      np.array([3, 2], np.int32)], False),  # see the note below
    "dice": ("nn", "DiceLoss", dict(), [P, Y], True),
    "focal": ("nn", "FocalLoss", dict(gamma=2.0), [A, CLS[:, None].copy()], True),
    "gaussian_nll": ("nn", "GaussianNLLLoss", dict(), [A, B, P], True),
    "kldiv_batchmean": ("nn", "KLDivLoss", dict(reduction="batchmean"), [LOGP, P], True),
    "kldiv_none": ("nn", "KLDivLoss", dict(reduction="none"), [LOGP, P], True),
    "margin_ranking": ("nn", "MarginRankingLoss", dict(margin=0.2), [A, B, SIGN], True),
    "multilabel_soft": ("nn", "MultiLabelSoftMarginLoss", dict(), [A, Y], True),
    "multi_margin": ("nn", "MultiMarginLoss", dict(p=1, margin=0.8), [A, CLS.astype(np.int64)], True),
    "nll": ("nn", "NLLLoss", dict(), [LOGP, CLS], True),
    "nll_weight_sum": ("nn", "NLLLoss", dict(reduction="sum"), [LOGP, CLS], True),
    "poisson_nll": ("nn", "PoissonNLLLoss", dict(), [A, np.abs(B)], True),
    "rmse": ("nn", "RMSELoss", dict(), [A, B], True),
    "mae": ("nn", "MAELoss", dict(), [A, B], True),
    # mint.nn
    "mint_linear": ("mint.nn", "Linear", dict(in_features=9, out_features=2), [X2], True),
    "mint_groupnorm": ("mint.nn", "GroupNorm", dict(num_groups=2, num_channels=4), [X2], True),
    "mint_softmax": ("mint.nn", "Softmax", dict(dim=1), [X2], True),
    "mint_smoothl1": ("mint.nn", "SmoothL1Loss", dict(beta=0.5), [A, B], True),
    "mint_bcelogits": ("mint.nn", "BCEWithLogitsLoss", dict(), [A, Y], True),
}
