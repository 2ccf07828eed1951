"""Small folders in the documented layouts of MindSpore's image datasets, written alike by
tests/data/make_vision_dataset_fixtures.py (for the oracle) and by the tests. Images are
PNGs (lossless, so decoded pixels are exact) or JPEGs, a few pixels each."""
import io
import json
import os

import numpy as np


def _image_bytes(seed, size=(4, 5), fmt="PNG", mode="RGB"):
    from PIL import Image
    rng = np.random.default_rng(seed)
    channels = {"RGB": 3, "L": 1}[mode]
    array = rng.integers(0, 256, (size[0], size[1], channels), dtype=np.uint8)
    image = Image.fromarray(array[:, :, 0] if mode == "L" else array, mode)
    buffer = io.BytesIO()
    image.save(buffer, format=fmt)
    return buffer.getvalue()


def write_image(path, seed, size=(4, 5), fmt="PNG", mode="RGB"):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(_image_bytes(seed, size, fmt, mode))


def write_text(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)


def write_usps(root):
    write_text(os.path.join(root, "usps"), "".join(
        f"{label} " + " ".join(f"{i + 1}:{v:.6f}" for i, v in enumerate(np.linspace(-1, 1, 256) * sign)) + " \n"
        for label, sign in ((1, 1.0), (10, -1.0), (5, 0.5))))
    write_text(os.path.join(root, "usps.t"), "3 " + " ".join(f"{i + 1}:{-1 + (i % 7) / 3:.6f}" for i in range(256))
               + " \n")
    return root


def write_food101(root):
    for k, name in enumerate(["apple_pie/100", "apple_pie/101", "baby_back_ribs/200", "apple_pie/102"]):
        write_image(os.path.join(root, "images", name + ".jpg"), k, fmt="PNG")
    write_text(os.path.join(root, "meta", "train.txt"), "apple_pie/101\nbaby_back_ribs/200\n")
    write_text(os.path.join(root, "meta", "test.txt"), "apple_pie/100\napple_pie/102\n")
    return root


def write_sun397(root):
    write_text(os.path.join(root, "ClassName.txt"), "/a/abbey\n/b/balcony/exterior\n/a/airport_terminal\n")
    write_image(os.path.join(root, "a", "abbey", "sun_b.jpg"), 1)
    write_image(os.path.join(root, "a", "abbey", "sun_a.jpg"), 2)
    write_image(os.path.join(root, "b", "balcony", "exterior", "sun_c.jpg"), 3)
    write_image(os.path.join(root, "a", "airport_terminal", "sun_d.jpg"), 4)
    return root


def write_omniglot(root):
    for k, (part, alphabet, character, name) in enumerate([
            ("images_background", "Latin", "character01", "0101_01.png"),
            ("images_background", "Latin", "character02", "0102_01.png"),
            ("images_background", "Greek", "character01", "0201_01.png"),
            ("images_evaluation", "Kannada", "character01", "0301_01.png")]):
        write_image(os.path.join(root, part, alphabet, character, name), k, mode="L")
    return root


def write_manifest(root):
    write_image(os.path.join(root, "train", "1.png"), 1)
    write_image(os.path.join(root, "train", "2.png"), 2)
    write_image(os.path.join(root, "eval", "3.png"), 3)
    lines = [{"source": os.path.join(root, "train", "1.png"), "usage": "TRAIN",
              "annotation": [{"type": "modelarts/image_classification", "name": "dog"}]},
             {"source": os.path.join(root, "train", "2.png"), "usage": "TRAIN",
              "annotation": [{"type": "modelarts/image_classification", "name": "cat"}]},
             {"source": os.path.join(root, "eval", "3.png"), "usage": "EVAL",
              "annotation": [{"type": "modelarts/image_classification", "name": "dog"}]}]
    write_text(os.path.join(root, "manifest.json"), "".join(json.dumps(line) + "\n" for line in lines))
    return os.path.join(root, "manifest.json")


def write_places365(root):
    write_text(os.path.join(root, "categories_places365.txt"), "/a/airfield 0\n/b/bakery/shop 1\n")
    write_text(os.path.join(root, "places365_train_standard.txt"), "/a/airfield/00000001.jpg 0\n"
                                                                  "/b/bakery/shop/00000002.jpg 1\n")
    write_text(os.path.join(root, "places365_val.txt"), "Places365_val_00000001.jpg 1\n")
    write_image(os.path.join(root, "data_256_standard", "a", "airfield", "00000001.jpg"), 1)
    write_image(os.path.join(root, "data_256_standard", "b", "bakery", "shop", "00000002.jpg"), 2)
    write_image(os.path.join(root, "val_256", "Places365_val_00000001.jpg"), 3)
    return root


def write_lfw(root):
    for k, (person, number) in enumerate([("Aaron_Eckhart", 1), ("Abel_Pacheco", 1), ("Abel_Pacheco", 2)]):
        write_image(os.path.join(root, "lfw_funneled", person, f"{person}_{number:04d}.jpg"), k)
    write_text(os.path.join(root, "lfw-names.txt"), "Aaron_Eckhart\t1\nAbel_Pacheco\t2\n")
    write_text(os.path.join(root, "peopleDevTrain.txt"), "1\nAbel_Pacheco\t2\n")
    write_text(os.path.join(root, "peopleDevTest.txt"), "1\nAaron_Eckhart\t1\n")
    write_text(os.path.join(root, "pairsDevTrain.txt"), "1\nAbel_Pacheco\t1\t2\nAaron_Eckhart\t1\tAbel_Pacheco\t1\n")
    write_text(os.path.join(root, "pairsDevTest.txt"), "1\nAbel_Pacheco\t2\t1\nAbel_Pacheco\t2\tAaron_Eckhart\t1\n")
    return root


def write_flickr(root):
    write_image(os.path.join(root, "images", "1000_a.jpg"), 1)
    write_image(os.path.join(root, "images", "1001_b.jpg"), 2)
    write_text(os.path.join(root, "token.txt"), "".join(
        f"{name}#{i}\t{name[:4]} caption {i}\n" for name in ("1000_a.jpg", "1001_b.jpg") for i in range(5)))
    return os.path.join(root, "images"), os.path.join(root, "token.txt")


def write_div2k(root):
    for k, name in enumerate(["0001", "0002"]):
        write_image(os.path.join(root, "DIV2K_train_HR", f"{name}.png"), k, size=(8, 6))
        write_image(os.path.join(root, "DIV2K_train_LR_bicubic", "X2", f"{name}x2.png"), 10 + k, size=(4, 3))
    write_image(os.path.join(root, "DIV2K_valid_HR", "0801.png"), 5, size=(8, 6))
    write_image(os.path.join(root, "DIV2K_valid_LR_bicubic", "X2", "0801x2.png"), 6, size=(4, 3))
    return root


WRITERS = {"USPSDataset": write_usps, "Food101Dataset": write_food101, "SUN397Dataset": write_sun397,
           "OmniglotDataset": write_omniglot, "ManifestDataset": write_manifest, "Places365Dataset": write_places365,
           "LFWDataset": write_lfw, "FlickrDataset": write_flickr, "DIV2KDataset": write_div2k}

# (dataset, keyword arguments): each read with shuffle=False, by MindSpore for the fixture and by sporax in the test.
CASES = [("USPSDataset", {}), ("USPSDataset", {"usage": "test"}),
         ("Food101Dataset", {}), ("Food101Dataset", {"usage": "train"}), ("Food101Dataset", {"decode": True}),
         ("SUN397Dataset", {}), ("OmniglotDataset", {}), ("OmniglotDataset", {"background": False}),
         ("OmniglotDataset", {"decode": True}),
         ("ManifestDataset", {}), ("ManifestDataset", {"usage": "eval"}),
         ("Places365Dataset", {"usage": "train-standard"}), ("Places365Dataset", {"usage": "val"}),
         ("LFWDataset", {}), ("LFWDataset", {"usage": "test"}), ("LFWDataset", {"task": "pairs"}),
         ("LFWDataset", {"task": "pairs", "usage": "test", "decode": True}),
         ("FlickrDataset", {}), ("DIV2KDataset", {}), ("DIV2KDataset", {"usage": "all", "decode": True})]


def case_key(name, kwargs):
    return name + "(" + ",".join(f"{k}={v}" for k, v in sorted(kwargs.items())) + ")"


def build(module, root, name, kwargs):
    """The dataset `name` of `module` (mindspore.dataset or sporax.dataset) over the folder at `root`."""
    written = WRITERS[name](root)
    arguments = written if isinstance(written, tuple) else (written,)
    return getattr(module, name)(*arguments, shuffle=False, **kwargs)
