"""More image datasets in MindSpore's documented layouts (rows as MindSpore 2.10 reads them).

Images are the files' encoded bytes (1-D uint8) unless `decode=True` (RGB <H, W, 3>); every
listed file is checked to exist when the dataset is built, so a missing file fails then,
naming it.

- `USPSDataset`: `usps` (train), `usps.t` (test), libsvm lines `label 1:v ... 256:v` with
  v in [-1, 1]; image <16, 16, 1> uint8 = trunc((v + 1) / 2 * 255), v read as float32 and computed in float64 (as MindSpore),
  label uint32 = label - 1.
  `usage='all'` reads usps, then usps.t (MindSpore interleaves the two files as its reader
  threads deliver lines; that order is not reproduced).
- `Food101Dataset`: `images/<class>/<id>.jpg`, `meta/{train,test}.txt` lines `<class>/<id>`;
  label the class name (string). `all`: train, then test.
- `SUN397Dataset`: `ClassName.txt` lines `/a/abbey`; images under each class folder, rows in
  path order; label uint32 = the class's line number.
- `OmniglotDataset`: `images_background/` (background=None or True) or `images_evaluation/`
  (False), `<alphabet>/<character>/*.png`; label int32 = the character's rank in path order.
- `Places365Dataset`: `categories_places365.txt`, `places365_train_{standard,challenge}.txt`
  (`/a/airfield/00000001.jpg 0`), `places365_val.txt`; images under
  `data_{256,large}_{standard,challenge}/` or `val_{256,large}/` (`small`); label uint32.
- `ManifestDataset`: a JSON-lines manifest (`source`, `usage`, `annotation[].name`); labels
  int32, the class names of the chosen usage sorted (or `class_indexing`).
- `LFWDataset`: `lfw{,_funneled,-deepfunneled}/<name>/<name>_<NNNN>.jpg` (`image_set`),
  `lfw-names.txt`, people files (`peopleDevTrain.txt`, `peopleDevTest.txt`, `people.txt`:
  a count line, then `name<TAB>images` lines) and pairs files (`pairsDevTrain.txt`,
  `pairsDevTest.txt`, `pairs.txt`: `name i j` = same person, `name1 i name2 j` = different).
  task 'people': [image, label uint32 = the name's line in lfw-names.txt]; 'pairs':
  [image1, image2, label uint32 1 same / 0 different]. `all`: train, then test.
- `FlickrDataset`: images in `dataset_dir`, `annotation_file` lines `<file>#<k><TAB><caption>`;
  [image, annotation <5> strings], images in their first appearance's order.
- `DIV2KDataset`: `DIV2K_{train,valid}_HR/<id>.png` and the low-resolution folder of
  `downgrade`/`scale`; [hr_image, lr_image].
"""
from __future__ import annotations

import json
import os

import numpy as np

from ..vision.utils import decode_image_bytes
from .datasets_text import _InMemoryTextDataset, check_files
from .datasets_vision import check_dir, check_usage
from .mappable import MappableDataset
from .samplers import Shuffle


def _check_bool(value, name):
    if not isinstance(value, bool):
        raise TypeError(f"Argument {name} with value {value!r} is not of type [<class 'bool'>], but got "
                        f"{type(value)}.")
    return value


def _require(path, dataset):
    if not os.path.isfile(path):
        raise ValueError(f"{dataset}: the file {path} does not exist (see the dataset's documented layout).")
    return path


def _lines(path, dataset):
    with open(_require(path, dataset), encoding="utf-8") as handle:
        return [line.rstrip("\r\n") for line in handle]


def _read_image(path, decode, dataset):
    with open(path, "rb") as handle:
        data = handle.read()
    if decode:
        return np.asarray(decode_image_bytes(data, f"{dataset}: file {path}"))
    return np.frombuffer(data, np.uint8).copy()


class _ImageList(MappableDataset):
    """Rows `(image file, *values)` held in `self._samples`; images read (and decoded) per row."""

    _COLUMNS = ("image", "label")
    _IMAGES = 1  # how many leading values of a sample are image files

    def __init__(self, samples, decode, num_samples, num_parallel_workers, shuffle, sampler, num_shards, shard_id):
        self.decode = _check_bool(decode, "decode")
        name = type(self).__name__
        if not samples:
            raise RuntimeError(f"{name}: no images found in the dataset's folders.")
        for sample in samples:
            for path in sample[:self._IMAGES]:
                _require(path, name)
        self._samples = samples
        super().__init__(num_parallel_workers, sampler, num_samples, shuffle, num_shards, shard_id)

    def _columns(self):
        return list(self._COLUMNS)

    def _source_size(self):
        return len(self._samples)

    def _read(self, index):
        sample = self._samples[index]
        read = tuple(_read_image(p, self.decode, type(self).__name__) for p in sample[:self._IMAGES])
        return read + tuple(sample[self._IMAGES:])

    def _labels(self):
        if "label" not in self._COLUMNS or not np.issubdtype(np.asarray(self._samples[0][-1]).dtype, np.integer):
            return None
        return np.asarray([int(sample[-1]) for sample in self._samples], np.int64)


class USPSDataset(_InMemoryTextDataset):
    """USPS digits (see the module docstring): [image <16, 16, 1> uint8, label uint32]."""

    def __init__(self, dataset_dir, usage=None, num_samples=None, num_parallel_workers=None, shuffle=Shuffle.GLOBAL,
                 num_shards=None, shard_id=None, cache=None):
        dataset_dir = check_dir(dataset_dir)
        usage = check_usage(usage, ("train", "test", "all"))
        names = {"train": ["usps"], "test": ["usps.t"], "all": ["usps", "usps.t"]}[usage]
        rows = []
        for name in names:
            path = os.path.join(dataset_dir, name)
            for number, line in enumerate(_lines(path, "USPSDataset"), 1):
                fields = line.split()
                if not fields:
                    continue
                if len(fields) != 257:
                    raise ValueError(f"USPSDataset: {path}, line {number} has {len(fields) - 1} pixel fields, "
                                     f"expected 256 ('index:value').")
                try:
                    label = int(fields[0])
                    values = np.array([float(f.split(":", 1)[1]) for f in fields[1:]], np.float32)
                except (ValueError, IndexError):
                    raise ValueError(f"USPSDataset: {path}, line {number} is not 'label 1:v ... 256:v'.") from None
                if not 1 <= label <= 10:
                    raise ValueError(f"USPSDataset: {path}, line {number}: label {label} is not in [1, 10].")
                image = ((values.astype(np.float64) + 1.0) / 2.0 * 255).astype(np.uint8).reshape(16, 16, 1)
                rows.append((image, np.uint32(label - 1)))
        super().__init__(rows, ["image", "label"], num_samples, num_parallel_workers, shuffle, num_shards, shard_id)


class Food101Dataset(_ImageList):
    """Food-101 (see the module docstring): [image, label string]."""

    def __init__(self, dataset_dir, usage=None, num_samples=None, num_parallel_workers=None, shuffle=None,
                 decode=False, sampler=None, num_shards=None, shard_id=None, cache=None):
        dataset_dir = check_dir(dataset_dir)
        usage = check_usage(usage, ("train", "test", "all"))
        samples = []
        for part in (("train", "test") if usage == "all" else (usage,)):
            for name in _lines(os.path.join(dataset_dir, "meta", f"{part}.txt"), "Food101Dataset"):
                if name.strip():
                    samples.append((os.path.join(dataset_dir, "images", name.strip() + ".jpg"),
                                    np.asarray(name.strip().split("/")[0])))
        super().__init__(samples, decode, num_samples, num_parallel_workers, shuffle, sampler, num_shards, shard_id)


class SUN397Dataset(_ImageList):
    """SUN397 (see the module docstring): [image, label uint32]."""

    def __init__(self, dataset_dir, num_samples=None, num_parallel_workers=None, shuffle=None, decode=False,
                 sampler=None, num_shards=None, shard_id=None, cache=None):
        dataset_dir = check_dir(dataset_dir)
        classes = [c.strip() for c in _lines(os.path.join(dataset_dir, "ClassName.txt"), "SUN397Dataset") if c.strip()]
        samples = []
        for label, name in enumerate(classes):
            folder = os.path.join(dataset_dir, name.lstrip("/"))
            if not os.path.isdir(folder):
                raise ValueError(f"SUN397Dataset: the class folder {folder} (ClassName.txt) does not exist.")
            samples += [(os.path.join(folder, f), np.uint32(label)) for f in os.listdir(folder)
                        if f.lower().endswith(".jpg") and os.path.isfile(os.path.join(folder, f))]
        samples.sort(key=lambda sample: sample[0])
        super().__init__(samples, decode, num_samples, num_parallel_workers, shuffle, sampler, num_shards, shard_id)


class OmniglotDataset(_ImageList):
    """Omniglot (see the module docstring): [image, label int32]."""

    def __init__(self, dataset_dir, background=None, num_samples=None, num_parallel_workers=None, shuffle=None,
                 decode=False, sampler=None, num_shards=None, shard_id=None, cache=None):
        dataset_dir = check_dir(dataset_dir)
        if background is not None:
            _check_bool(background, "background")
        root = os.path.join(dataset_dir, "images_evaluation" if background is False else "images_background")
        check_dir(root)
        samples, label = [], 0
        for alphabet in sorted(os.listdir(root)):
            if not os.path.isdir(os.path.join(root, alphabet)):
                continue
            for character in sorted(os.listdir(os.path.join(root, alphabet))):
                folder = os.path.join(root, alphabet, character)
                if not os.path.isdir(folder):
                    continue
                samples += [(os.path.join(folder, f), np.int32(label)) for f in sorted(os.listdir(folder))
                            if f.lower().endswith(".png")]
                label += 1
        super().__init__(samples, decode, num_samples, num_parallel_workers, shuffle, sampler, num_shards, shard_id)


class Places365Dataset(_ImageList):
    """Places365 (see the module docstring): [image, label uint32]."""

    def __init__(self, dataset_dir, usage=None, small=True, decode=False, num_samples=None, num_parallel_workers=None,
                 shuffle=None, sampler=None, num_shards=None, shard_id=None, cache=None):
        dataset_dir = check_dir(dataset_dir)
        usage = "train-standard" if usage is None else check_usage(usage, ("train-standard", "train-challenge",
                                                                          "val"))
        size = "256" if _check_bool(small, "small") else "large"
        _require(os.path.join(dataset_dir, "categories_places365.txt"), "Places365Dataset")
        if usage == "val":
            listing, folder = "places365_val.txt", f"val_{size}"
        else:
            kind = usage.split("-")[1]
            listing, folder = f"places365_train_{kind}.txt", f"data_{size}_{kind}"
        samples = []
        for number, line in enumerate(_lines(os.path.join(dataset_dir, listing), "Places365Dataset"), 1):
            if not line.strip():
                continue
            name, _, label = line.strip().rpartition(" ")
            if not name or not label.isdigit():
                raise ValueError(f"Places365Dataset: {listing}, line {number} is not '<image> <label>'.")
            samples.append((os.path.join(dataset_dir, folder, name.lstrip("/")), np.uint32(int(label))))
        super().__init__(samples, decode, num_samples, num_parallel_workers, shuffle, sampler, num_shards, shard_id)


class ManifestDataset(_ImageList):
    """A ModelArts manifest file (see the module docstring): [image, label int32]."""

    def __init__(self, dataset_file, usage="train", num_samples=None, num_parallel_workers=None, shuffle=None,
                 sampler=None, class_indexing=None, decode=False, num_shards=None, shard_id=None, cache=None):
        dataset_file = check_files(dataset_file, "dataset_file")[0]
        usage = check_usage(usage, ("train", "eval", "inference"))
        if class_indexing is not None and (not isinstance(class_indexing, dict) or not all(
                isinstance(k, str) and isinstance(v, int) for k, v in class_indexing.items())):
            raise TypeError(f"class_indexing should be a dict of str to int, but got {class_indexing!r}.")
        entries = []
        for number, line in enumerate(_lines(dataset_file, "ManifestDataset"), 1):
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
                source, names = entry["source"], [a["name"] for a in entry.get("annotation", [])]
            except (json.JSONDecodeError, KeyError, TypeError):
                raise ValueError(f"ManifestDataset: {dataset_file}, line {number} is not a manifest entry "
                                 f"(JSON with 'source' and 'annotation').") from None
            if str(entry.get("usage", "")).lower() == usage:
                entries.append((source, names))
        classes = sorted({n for _, names in entries for n in names})
        self.class_indexing = dict(class_indexing) if class_indexing is not None else \
            {name: i for i, name in enumerate(classes)}
        samples = []
        for source, names in entries:
            for name in names[:1]:
                if name not in self.class_indexing:
                    raise ValueError(f"ManifestDataset: class {name!r} of {source} is not in class_indexing.")
                samples.append((source, np.int32(self.class_indexing[name])))
        super().__init__(samples, decode, num_samples, num_parallel_workers, shuffle, sampler, num_shards, shard_id)

    def get_class_indexing(self):
        return dict(self.class_indexing)


class LFWDataset(_ImageList):
    """Labeled Faces in the Wild (see the module docstring)."""

    def __init__(self, dataset_dir, task=None, usage=None, image_set=None, num_samples=None, num_parallel_workers=None,
                 shuffle=None, decode=False, sampler=None, num_shards=None, shard_id=None, cache=None):
        dataset_dir = check_dir(dataset_dir)
        task = "people" if task is None else check_usage(task, ("people", "pairs"))
        usage = check_usage(usage, ("10fold", "train", "test", "all"))
        image_set = "funneled" if image_set is None else check_usage(image_set, ("original", "funneled",
                                                                                 "deepfunneled"))
        images = os.path.join(dataset_dir, {"original": "lfw", "funneled": "lfw_funneled",
                                            "deepfunneled": "lfw-deepfunneled"}[image_set])
        stem = "people" if task == "people" else "pairs"
        files = {"10fold": [f"{stem}.txt"], "train": [f"{stem}DevTrain.txt"], "test": [f"{stem}DevTest.txt"],
                 "all": [f"{stem}DevTrain.txt", f"{stem}DevTest.txt"]}[usage]

        def image(name, number):
            return os.path.join(images, name, f"{name}_{int(number):04d}.jpg")
        samples = []
        if task == "people":
            self._COLUMNS = ("image", "label")
            names = [line.split("\t")[0] for line in _lines(os.path.join(dataset_dir, "lfw-names.txt"), "LFWDataset")
                     if line.strip()]
            index = {name: i for i, name in enumerate(names)}
            for listing in files:
                for line in _lines(os.path.join(dataset_dir, listing), "LFWDataset")[1:]:
                    fields = line.split()
                    if len(fields) != 2 or fields[0] not in index:
                        continue
                    samples += [(image(fields[0], k), np.uint32(index[fields[0]]))
                                for k in range(1, int(fields[1]) + 1)]
        else:
            self._COLUMNS, self._IMAGES = ("image1", "image2", "label"), 2
            for listing in files:
                for line in _lines(os.path.join(dataset_dir, listing), "LFWDataset")[1:]:
                    fields = line.split()
                    if len(fields) == 3:
                        samples.append((image(fields[0], fields[1]), image(fields[0], fields[2]), np.uint32(1)))
                    elif len(fields) == 4:
                        samples.append((image(fields[0], fields[1]), image(fields[2], fields[3]), np.uint32(0)))
        super().__init__(samples, decode, num_samples, num_parallel_workers, shuffle, sampler, num_shards, shard_id)


class FlickrDataset(_ImageList):
    """Flickr8k / Flickr30k (see the module docstring): [image, annotation]."""

    _COLUMNS = ("image", "annotation")

    def __init__(self, dataset_dir, annotation_file, num_samples=None, num_parallel_workers=None, shuffle=None,
                 decode=None, sampler=None, num_shards=None, shard_id=None, cache=None):
        dataset_dir = check_dir(dataset_dir)
        annotation_file = check_files(annotation_file, "annotation_file")[0]
        captions: dict[str, list[str]] = {}
        for number, line in enumerate(_lines(annotation_file, "FlickrDataset"), 1):
            if not line.strip():
                continue
            key, tab, caption = line.partition("\t")
            if not tab or "#" not in key:
                raise ValueError(f"FlickrDataset: {annotation_file}, line {number} is not '<image>#<k>\\t<caption>'.")
            captions.setdefault(key.rsplit("#", 1)[0], []).append(caption)
        samples = [(os.path.join(dataset_dir, name), np.asarray(texts)) for name, texts in captions.items()]
        super().__init__(samples, bool(decode), num_samples, num_parallel_workers, shuffle, sampler, num_shards,
                         shard_id)


_DIV2K_SCALES = {"bicubic": (2, 3, 4, 8), "unknown": (2, 3, 4), "mild": (4,), "difficult": (4,), "wild": (4,)}


class DIV2KDataset(_ImageList):
    """DIV2K super-resolution pairs (see the module docstring): [hr_image, lr_image]."""

    _COLUMNS = ("hr_image", "lr_image")
    _IMAGES = 2

    def __init__(self, dataset_dir, usage="train", downgrade="bicubic", scale=2, num_samples=None,
                 num_parallel_workers=None, shuffle=None, decode=None, sampler=None, num_shards=None, shard_id=None,
                 cache=None):
        dataset_dir = check_dir(dataset_dir)
        usage = check_usage(usage, ("train", "valid", "all"))
        downgrade = check_usage(downgrade, tuple(_DIV2K_SCALES))
        if isinstance(scale, bool) or not isinstance(scale, int):
            raise TypeError(f"Argument scale with value {scale!r} is not of type [<class 'int'>].")
        if scale not in _DIV2K_SCALES[downgrade]:
            raise ValueError(f"DIV2KDataset: scale {scale} is not available for downgrade '{downgrade}'; "
                             f"expected one of {list(_DIV2K_SCALES[downgrade])}.")
        samples = []
        for part in (("train", "valid") if usage == "all" else (usage,)):
            high = check_dir(os.path.join(dataset_dir, f"DIV2K_{part}_HR"))
            if scale == 8:
                low, suffix = os.path.join(dataset_dir, f"DIV2K_{part}_LR_x8"), "x8"
            elif downgrade in ("bicubic", "unknown"):
                low, suffix = os.path.join(dataset_dir, f"DIV2K_{part}_LR_{downgrade}", f"X{scale}"), f"x{scale}"
            else:
                low, suffix = os.path.join(dataset_dir, f"DIV2K_{part}_LR_{downgrade}"), f"x4{downgrade[0]}"
            for name in sorted(os.listdir(high)):
                stem, extension = os.path.splitext(name)
                if extension.lower() == ".png":
                    samples.append((os.path.join(high, name), os.path.join(low, f"{stem}{suffix}{extension}")))
        super().__init__(samples, bool(decode), num_samples, num_parallel_workers, shuffle, sampler, num_shards,
                         shard_id)


_PHOTO_TOUR_NAMES = ("notredame", "yosemite", "liberty", "notredame_harris", "yosemite_harris", "liberty_harris")


class PhotoTourDataset(MappableDataset):
    """Photo Tourism patches, `<name>/patchesNNNN.bmp` (1024 x 1024 greyscale, 16 x 16 patches of
    64 x 64, read left to right, top to bottom), `info.txt` (one line per patch: 3D point id,
    unused) and `m50_100000_100000_0.txt` (`patch1 point1 _ patch2 point2 _ _`). train:
    [image <64, 64, 1> uint8] for every patch of info.txt; test: [image1, image2, matches
    uint32 = 1 when both patches show the same 3D point]."""

    def __init__(self, dataset_dir, name, usage=None, num_samples=None, num_parallel_workers=None, shuffle=None,
                 sampler=None, num_shards=None, shard_id=None, cache=None):
        dataset_dir = check_dir(dataset_dir)
        self.name = check_usage(name, _PHOTO_TOUR_NAMES)
        self.usage = "train" if usage is None else check_usage(usage, ("train", "test"))
        self._folder = check_dir(os.path.join(dataset_dir, self.name))
        count = len([line for line in _lines(os.path.join(self._folder, "info.txt"), "PhotoTourDataset")
                     if line.strip()])
        for sheet in range(-(-count // 256)):
            _require(os.path.join(self._folder, f"patches{sheet:04d}.bmp"), "PhotoTourDataset")
        self._count = count
        if self.usage == "test":
            self._pairs = []
            listing = os.path.join(self._folder, "m50_100000_100000_0.txt")
            for number, line in enumerate(_lines(listing, "PhotoTourDataset"), 1):
                fields = line.split()
                if not fields:
                    continue
                if len(fields) < 5 or not all(f.lstrip("-").isdigit() for f in fields[:5]):
                    raise ValueError(f"PhotoTourDataset: {listing}, line {number} is not 'patch1 point1 _ patch2 "
                                     f"point2 ...'.")
                first, second = int(fields[0]), int(fields[3])
                if not (0 <= first < count and 0 <= second < count):
                    raise ValueError(f"PhotoTourDataset: {listing}, line {number} names a patch outside "
                                     f"info.txt's {count}.")
                self._pairs.append((first, second, np.uint32(fields[1] == fields[4])))
        self._sheets = {}
        super().__init__(num_parallel_workers, sampler, num_samples, shuffle, num_shards, shard_id)

    def __getstate__(self):
        state = dict(self.__dict__)
        state["_sheets"] = {}
        return state

    def _patch(self, index):
        sheet = index // 256
        pixels = self._sheets.get(sheet)
        if pixels is None:
            from PIL import Image
            with Image.open(os.path.join(self._folder, f"patches{sheet:04d}.bmp")) as image:
                pixels = self._sheets[sheet] = np.asarray(image.convert("L"))
        row, column = divmod(index % 256, 16)
        return np.ascontiguousarray(pixels[row * 64:(row + 1) * 64, column * 64:(column + 1) * 64, None])

    def _columns(self):
        return ["image"] if self.usage == "train" else ["image1", "image2", "matches"]

    def _source_size(self):
        return self._count if self.usage == "train" else len(self._pairs)

    def _read(self, index):
        if self.usage == "train":
            return self._patch(index)
        first, second, matches = self._pairs[index]
        return self._patch(first), self._patch(second), matches


class RenderedSST2Dataset(_ImageList):
    """Rendered SST-2: `{train,valid,test}/{negative,positive}/*.png` (or .jpg); [image, label
    uint32 = the class folder's rank among the split's class folders]. Splits, classes and
    files are taken in name order (`all`: test, train, valid); MindSpore takes them in the
    directory listing's order, which is the same on a freshly written folder but not promised."""

    def __init__(self, dataset_dir, usage=None, num_samples=None, num_parallel_workers=None, shuffle=None,
                 decode=False, sampler=None, num_shards=None, shard_id=None, cache=None):
        dataset_dir = check_dir(dataset_dir)
        usage = check_usage(usage, ("train", "val", "test", "all"))
        splits = ("test", "train", "valid") if usage == "all" else ({"val": "valid"}.get(usage, usage),)
        samples = []
        for split in splits:
            root = check_dir(os.path.join(dataset_dir, split))
            classes = sorted(c for c in os.listdir(root) if os.path.isdir(os.path.join(root, c)))
            for label, name in enumerate(classes):
                folder = os.path.join(root, name)
                samples += [(os.path.join(folder, f), np.uint32(label)) for f in sorted(os.listdir(folder))
                            if f.lower().endswith((".png", ".jpg", ".jpeg"))]
        super().__init__(samples, decode, num_samples, num_parallel_workers, shuffle, sampler, num_shards, shard_id)
