"""Generate tests/data/dataset_transforms_mindspore.npz from real MindSpore 2.10 (by hand, never in CI):

    /work/msvenv/bin/python tests/data/make_dataset_fixtures.py

Inputs are built from a fixed NumPy seed, so sporax's tests rebuild them identically.
Each key is one deterministic transform applied eagerly (MindSpore's CPU kernels), plus
the batches of a GeneratorDataset -> map -> batch pipeline (unshuffled: MindSpore's
shuffle order comes from its C++ std::mt19937 buffer and is not reproduced).
"""
import io
import pathlib

import numpy as np
import mindspore as ms
import mindspore.dataset as ds
import mindspore.dataset.transforms as T
import mindspore.dataset.vision as V
from PIL import Image


def inputs():
    rng = np.random.RandomState(0)
    image = rng.randint(0, 256, size=(8, 10, 3)).astype(np.uint8)
    gray = rng.randint(0, 256, size=(7, 9, 1)).astype(np.uint8)
    floats = rng.rand(6, 5, 3).astype(np.float32)
    return image, gray, floats


def cases():
    image, gray, floats = inputs()
    png = io.BytesIO()
    Image.fromarray(image).save(png, format="PNG")
    png = np.frombuffer(png.getvalue(), np.uint8)
    vector = np.array([1, 5, 2, 5, 3, 0], np.int32)
    return {
        "TypeCast_float32": (T.TypeCast(ms.float32), vector),
        "OneHot_8": (T.OneHot(8), np.array(3, np.int32)),
        # A scalar label: on a 1-D label array MindSpore 2.10 smooths every row but puts the
        # hot value only in the last row (a bug sporax does not copy).
        "OneHot_5_smooth": (T.OneHot(5, 0.1), np.array(1, np.int64)),
        "Fill_7": (T.Fill(7), vector),
        "Concatenate": (T.Concatenate(0, np.array([9, 9], np.int32), np.array([8], np.int32)), vector),
        "Mask_GT_2": (T.Mask(T.Relational.GT, 2), vector),
        "PadEnd_8": (T.PadEnd([8], -1), vector),
        "Slice_1_4": (T.Slice(slice(1, 4)), vector),
        "Decode_png": (V.Decode(), png),
        "Resize_4x5": (V.Resize((4, 5)), image),
        "Resize_short_6": (V.Resize(6), image),
        "Resize_up_13x11": (V.Resize((13, 11)), image),
        "Resize_nearest": (V.Resize((5, 7), V.Inter.NEAREST), image),
        "Resize_float": (V.Resize((4, 3)), floats),
        "CenterCrop_5": (V.CenterCrop(5), image),
        "CenterCrop_3x4": (V.CenterCrop((3, 4)), image),
        "Crop": (V.Crop((1, 2), (3, 4)), image),
        "HorizontalFlip": (V.HorizontalFlip(), image),
        "VerticalFlip": (V.VerticalFlip(), image),
        "HWC2CHW": (V.HWC2CHW(), image),
        "Normalize": (V.Normalize([121.0, 115.0, 100.0], [70.0, 68.0, 71.0]), image),
        "Normalize_float": (V.Normalize([0.5, 0.4, 0.3], [0.2, 0.25, 0.3]), floats),
        "Rescale": (V.Rescale(1.0 / 255.0, -0.5), image),
        "ToTensor": (V.ToTensor(), image),
        "Pad_2": (V.Pad(2), image),
        "Pad_edge": (V.Pad([1, 2, 3, 1], padding_mode=V.Border.EDGE), image),
        "Pad_reflect": (V.Pad([2, 1], padding_mode=V.Border.REFLECT), image),
        "Pad_symmetric": (V.Pad(2, padding_mode=V.Border.SYMMETRIC), image),
        "Pad_fill": (V.Pad(1, fill_value=(10, 20, 30)), image),
        "Invert": (V.Invert(), image),
        "Grayscale": (V.Grayscale(), image),
        "Grayscale_3": (V.Grayscale(3), image),
        "ConvertColor_RGB2BGR": (V.ConvertColor(V.ConvertMode.COLOR_RGB2BGR), image),
        "ConvertColor_RGB2GRAY": (V.ConvertColor(V.ConvertMode.COLOR_RGB2GRAY), image),
        "Posterize_3": (V.Posterize(3), image),
        "Solarize_128": (V.Solarize(128), image),
        "PadToSize": (V.PadToSize((10, 12), (1, 2)), image),
        "ResizedCrop": (V.ResizedCrop(1, 2, 5, 6, (4, 4)), image),
        "Erase": (V.Erase(1, 2, 3, 4, 7), image),
        "Rotate_90_expand": (V.Rotate(90, expand=True), image),
        "AdjustBrightness": (V.AdjustBrightness(1.5), image),
        "AdjustContrast": (V.AdjustContrast(0.5), image),
        "AdjustSaturation": (V.AdjustSaturation(1.7), image),
        "Equalize": (V.Equalize(), image),
        "AutoContrast": (V.AutoContrast(), image),
        "Gray_HWC2CHW": (V.HWC2CHW(), gray),
        "AdjustContrast_2": (V.AdjustContrast(2.0), image),
        "AdjustSaturation_0": (V.AdjustSaturation(0.0), image),
        "AdjustGamma": (V.AdjustGamma(0.5, 1.0), image),
        "AdjustHue": (V.AdjustHue(0.2), image),
        "AdjustSharpness": (V.AdjustSharpness(2.0), image),
        "GaussianBlur": (V.GaussianBlur(3, 1.0), image),
        "RgbToHsv": (V.RgbToHsv(True), floats),
        "HsvToRgb": (V.HsvToRgb(True), floats),
        "Resize_bicubic": (V.Resize((5, 7), V.Inter.BICUBIC), image),
        "Resize_area": (V.Resize((4, 5), V.Inter.AREA), image),
        "Resize_bicubic_up": (V.Resize((13, 11), V.Inter.BICUBIC), image),
        "Resize_bicubic_float": (V.Resize((4, 3), V.Inter.BICUBIC), floats),
        "Rotate_45_bilinear": (V.Rotate(45, V.Inter.BILINEAR), image),
        "Perspective": (V.Perspective([[0, 0], [9, 0], [9, 7], [0, 7]], [[1, 0], [8, 1], [9, 7], [0, 6]]), image),
        "Rotate_30": (V.Rotate(30), image),
        "Affine": (V.Affine(10, (0.1, 0.2), 1.1, 5.0), image),
        "NormalizePad": (V.NormalizePad([121.0, 115.0, 100.0], [70.0, 68.0, 71.0]), image),
        "ConvertColor_RGB2RGBA": (V.ConvertColor(V.ConvertMode.COLOR_RGB2RGBA), image),
        "Unique_2d": (T.Unique(), np.array([[3, 1], [3, 2]], np.int64)),
    }


def pipeline():
    def source():
        for i in range(7):
            yield np.full((2, 3, 3), i * 30, np.uint8), np.array(i, np.int32)
    data = ds.GeneratorDataset(source, ["image", "label"], shuffle=False)
    data = data.map([V.Rescale(1.0 / 255.0, 0.0), V.Normalize([0.5] * 3, [0.25] * 3), V.HWC2CHW()], ["image"])
    data = data.map(T.TypeCast(ms.float32), ["label"])
    data = data.batch(3)
    out = {}
    for k, (image, label) in enumerate(data.create_tuple_iterator(output_numpy=True)):
        out[f"pipeline_image_{k}"], out[f"pipeline_label_{k}"] = image, label
    return out


def main():
    results = {}
    for name, (op, value) in cases().items():
        try:
            out = op(value)
        except Exception as error:  # recorded so the test knows MindSpore refuses it
            print("skip", name, type(error).__name__, error)
            continue
        if isinstance(out, tuple):  # several output columns: one key each
            for k, column in enumerate(out):
                results[f"{name}_{k}"] = np.asarray(column)
        else:
            results[name] = np.asarray(out)
    results.update(pipeline())
    target = pathlib.Path(__file__).with_name("dataset_transforms_mindspore.npz")
    np.savez_compressed(target, **results)
    print("wrote", target, len(results), "arrays")


if __name__ == "__main__":
    main()
