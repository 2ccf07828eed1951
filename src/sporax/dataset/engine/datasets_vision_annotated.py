"""Image datasets with annotations beyond a class, in MindSpore's documented layouts.

Annotations are parsed when the dataset is built (a malformed file fails then, naming it);
images are read (and decoded with `decode=True`) per row. Per-object columns are
<objects, k> arrays.

- `CelebADataset`: images in `dataset_dir`, `list_attr_celeba.txt` (a count line, the
  attribute names, then `<file> ±1 ...`), `list_eval_partition.txt` (`<file> 0|1|2` for
  train/valid/test); [image, attr <40> uint32 with -1 -> 0].
- `KITTIDataset`: `data_object_image_2/{training,testing}/image_2/*.png` and
  `data_object_label_2/training/label_2/*.txt` (`type truncated occluded alpha x1 y1 x2 y2
  h w l x y z rotation_y` per object); train: [image, label, truncated, occluded, alpha, bbox,
  dimensions, location, rotation_y] (label uint32 = the type's rank among the sorted types of
  all label files, occluded uint32, the rest float32); test: [image].
- `VOCDataset`: `dataset_dir` is a VOC year folder: `ImageSets/{Main,Segmentation}/<usage>.txt`,
  `JPEGImages/*.jpg`, `Annotations/*.xml`, `SegmentationClass/*.png`; Detection: [image,
  bbox <n, 4> float32 (xmin, ymin, width, height), label, difficult, truncate <n, 1> uint32]
  with labels from `class_indexing` or the sorted object names; Segmentation: [image, target].
- `CocoDataset`: `annotation_file` (COCO JSON) over the images in `dataset_dir`, in the order of
  its `images`; Detection: [image, bbox <n, 4> float32, category_id, iscrowd <n, 1> uint32];
  Captioning: [image, captions <n, 1> string]; Keypoint: [image, keypoints <n, 51> float32,
  num_keypoints <n, 1> uint32]; Stuff: [image, segmentation <polygons, longest> float32 padded
  with -1, iscrowd]; Panoptic (`segments_info`): [image, bbox, category_id, iscrowd, area].
- `Flowers102Dataset`: `jpg/image_NNNNN.jpg`, `imagelabels.mat` (`labels`, 1..102), `setid.mat`
  (`trnid`, `valid`, `tstid`), `segmim/segmim_NNNNN.jpg`; [image, label uint32 = label - 1]
  or, for task 'Segmentation', [image, segmentation, label]. `all`: train, test, then valid.
- `Caltech101Dataset`: `101_ObjectCategories/<class>/image_NNNN.jpg` (classes sorted,
  BACKGROUND_Google left out) and `Annotations/<class>/annotation_NNNN.mat` (Faces ->
  Faces_2, Faces_easy -> Faces_3, Motorbikes -> Motorbikes_16, airplanes ->
  Airplanes_Side_2); [image, category int64] / [image, annotation] (obj_contour float64) /
  [image, category, annotation] for target_type 'category' / 'annotation' / 'all'.
"""
from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ElementTree

import numpy as np

from .datasets_text import check_files
from .datasets_vision import check_dir, check_usage
from .datasets_vision_folders import _ImageList, _check_bool, _lines, _read_image, _require


class CelebADataset(_ImageList):
    """CelebA faces and their 40 binary attributes (see the module docstring)."""

    _COLUMNS = ("image", "attr")

    def __init__(self, dataset_dir, num_parallel_workers=None, shuffle=None, usage="all", sampler=None, decode=False,
                 extensions=None, num_samples=None, num_shards=None, shard_id=None, cache=None, decrypt=None):
        dataset_dir = check_dir(dataset_dir)
        usage = check_usage(usage, ("all", "train", "valid", "test"))
        if extensions is not None and (not isinstance(extensions, list) or
                                       not all(isinstance(e, str) for e in extensions)):
            raise TypeError(f"extensions should be a list of str, but got {extensions!r}.")
        lines = _lines(os.path.join(dataset_dir, "list_attr_celeba.txt"), "CelebADataset")
        wanted = None
        if usage != "all":
            code = {"train": "0", "valid": "1", "test": "2"}[usage]
            wanted = {line.split()[0] for line in _lines(os.path.join(dataset_dir, "list_eval_partition.txt"),
                                                         "CelebADataset") if line.split()[1:2] == [code]}
        attributes = len(lines[1].split()) if len(lines) > 1 else 0
        samples = []
        for number, line in enumerate(lines[2:], 3):
            fields = line.split()
            if not fields:
                continue
            if len(fields) != attributes + 1 or any(f not in ("1", "-1") for f in fields[1:]):
                raise ValueError(f"CelebADataset: list_attr_celeba.txt, line {number} is not '<file>' and "
                                 f"{attributes} values of 1 or -1.")
            if wanted is not None and fields[0] not in wanted:
                continue
            if extensions is not None and not fields[0].lower().endswith(tuple(e.lower() for e in extensions)):
                continue
            samples.append((os.path.join(dataset_dir, fields[0]),
                            np.array([f == "1" for f in fields[1:]], np.uint32)))
        super().__init__(samples, decode, num_samples, num_parallel_workers, shuffle, sampler, num_shards, shard_id)


class KITTIDataset(_ImageList):
    """KITTI object detection (see the module docstring)."""

    def __init__(self, dataset_dir, usage=None, num_samples=None, num_parallel_workers=None, shuffle=None,
                 decode=False, sampler=None, num_shards=None, shard_id=None, cache=None):
        dataset_dir = check_dir(dataset_dir)
        usage = "train" if usage is None else check_usage(usage, ("train", "test"))
        part = "training" if usage == "train" else "testing"
        images = check_dir(os.path.join(dataset_dir, "data_object_image_2", part, "image_2"))
        names = sorted(os.path.splitext(f)[0] for f in os.listdir(images) if f.lower().endswith(".png"))
        if usage == "test":
            self._COLUMNS = ("image",)
            samples = [(os.path.join(images, f"{name}.png"),) for name in names]
        else:
            self._COLUMNS = ("image", "label", "truncated", "occluded", "alpha", "bbox", "dimensions", "location",
                             "rotation_y")
            labels = os.path.join(dataset_dir, "data_object_label_2", "training", "label_2")
            objects = {}
            for name in names:
                path = os.path.join(labels, f"{name}.txt")
                rows = []
                for number, line in enumerate(_lines(path, "KITTIDataset"), 1):
                    fields = line.split()
                    if not fields:
                        continue
                    if len(fields) != 15:
                        raise ValueError(f"KITTIDataset: {path}, line {number} has {len(fields)} fields, expected 15.")
                    try:
                        rows.append((fields[0], [float(f) for f in fields[1:]]))
                    except ValueError:
                        raise ValueError(f"KITTIDataset: {path}, line {number} holds a field that is not a "
                                         f"number.") from None
                objects[name] = rows
            types = {t: i for i, t in enumerate(sorted({t for rows in objects.values() for t, _ in rows}))}
            samples = []
            for name in names:
                values = np.array([v for _, v in objects[name]], np.float64).reshape(-1, 14)
                samples.append((os.path.join(images, f"{name}.png"),
                                np.array([[types[t]] for t, _ in objects[name]], np.uint32).reshape(-1, 1),
                                values[:, 0:1].astype(np.float32),
                                (values[:, 1:2].astype(np.int64) & 0xFFFFFFFF).astype(np.uint32),
                                values[:, 2:3].astype(np.float32), values[:, 3:7].astype(np.float32),
                                values[:, 7:10].astype(np.float32), values[:, 10:13].astype(np.float32),
                                values[:, 13:14].astype(np.float32)))
        super().__init__(samples, decode, num_samples, num_parallel_workers, shuffle, sampler, num_shards, shard_id)


def _xml_number(node, tag, path):
    found = node.find(tag)
    try:
        return float(found.text)
    except (AttributeError, TypeError, ValueError):
        raise ValueError(f"VOCDataset: {path}: an object lacks a numeric <{tag}>.") from None


class VOCDataset(_ImageList):
    """PASCAL VOC detection or segmentation (see the module docstring)."""

    def __init__(self, dataset_dir, task="Segmentation", usage="train", class_indexing=None, num_samples=None,
                 num_parallel_workers=None, shuffle=None, decode=False, sampler=None, num_shards=None, shard_id=None,
                 cache=None, extra_metadata=False, decrypt=None):
        dataset_dir = check_dir(dataset_dir)
        if task not in ("Segmentation", "Detection"):
            raise ValueError("Invalid task, it should be 'Segmentation' or 'Detection'.")
        if not isinstance(usage, str):
            raise TypeError(f"Argument usage with value {usage!r} is not of type [<class 'str'>].")
        if class_indexing is not None:
            if task != "Detection":
                raise ValueError("class_indexing is only supported for Detection task.")
            if not isinstance(class_indexing, dict) or not all(
                    isinstance(k, str) and isinstance(v, int) for k, v in class_indexing.items()):
                raise TypeError(f"class_indexing should be a dict of str to int, but got {class_indexing!r}.")
        _check_bool(extra_metadata, "extra_metadata")
        listing = os.path.join(dataset_dir, "ImageSets", "Main" if task == "Detection" else "Segmentation",
                               f"{usage}.txt")
        names = [line.strip() for line in _lines(listing, "VOCDataset") if line.strip()]
        samples = []
        if task == "Segmentation":
            self._COLUMNS, self._IMAGES = ("image", "target"), 2
            samples = [(os.path.join(dataset_dir, "JPEGImages", f"{n}.jpg"),
                        os.path.join(dataset_dir, "SegmentationClass", f"{n}.png")) for n in names]
        else:
            self._COLUMNS = ("image", "bbox", "label", "difficult", "truncate")
            parsed = []
            for name in names:
                path = _require(os.path.join(dataset_dir, "Annotations", f"{name}.xml"), "VOCDataset")
                try:
                    root = ElementTree.parse(path).getroot()
                except ElementTree.ParseError as error:
                    raise ValueError(f"VOCDataset: {path} is not well-formed XML: {error}") from None
                objects = []
                for item in root.iter("object"):
                    box = item.find("bndbox")
                    if box is None or item.findtext("name") is None:
                        raise ValueError(f"VOCDataset: {path}: an object lacks <name> or <bndbox>.")
                    xmin, ymin, xmax, ymax = (_xml_number(box, t, path) for t in ("xmin", "ymin", "xmax", "ymax"))
                    if xmin >= xmax or ymin >= ymax:
                        raise ValueError(f"VOCDataset: {path}: the box ({xmin}, {ymin}, {xmax}, {ymax}) of "
                                         f"'{item.findtext('name')}' is empty (xmin < xmax and ymin < ymax needed).")
                    objects.append((item.findtext("name").strip(), [xmin, ymin, xmax - xmin, ymax - ymin],
                                    int(float(item.findtext("difficult") or 0)),
                                    int(float(item.findtext("truncated") or 0))))
                parsed.append((name, objects))
            self.class_indexing = dict(class_indexing) if class_indexing is not None else {
                n: i for i, n in enumerate(sorted({o[0] for _, objects in parsed for o in objects}))}
            for name, objects in parsed:
                unknown = [o[0] for o in objects if o[0] not in self.class_indexing]
                if unknown:
                    raise ValueError(f"VOCDataset: Annotations/{name}.xml names {unknown}, not in class_indexing.")
                samples.append((os.path.join(dataset_dir, "JPEGImages", f"{name}.jpg"),
                                np.array([o[1] for o in objects], np.float32).reshape(-1, 4),
                                np.array([[self.class_indexing[o[0]]] for o in objects], np.uint32).reshape(-1, 1),
                                np.array([[o[2]] for o in objects], np.uint32).reshape(-1, 1),
                                np.array([[o[3]] for o in objects], np.uint32).reshape(-1, 1)))
        super().__init__(samples, decode, num_samples, num_parallel_workers, shuffle, sampler, num_shards, shard_id)

    def get_class_indexing(self):
        if "label" not in self._COLUMNS:
            raise RuntimeError("get_class_indexing is only supported for Detection task.")
        return dict(self.class_indexing)


_COCO_COLUMNS = {"Detection": ("image", "bbox", "category_id", "iscrowd"), "Captioning": ("image", "captions"),
                 "Keypoint": ("image", "keypoints", "num_keypoints"), "Stuff": ("image", "segmentation", "iscrowd"),
                 "Panoptic": ("image", "bbox", "category_id", "iscrowd", "area")}


def _coco_row(task, path, found):
    if task == "Detection":
        return (path, np.array([a["bbox"] for a in found], np.float32).reshape(-1, 4),
                np.array([[a["category_id"]] for a in found], np.uint32),
                np.array([[a.get("iscrowd", 0)] for a in found], np.uint32))
    if task == "Captioning":
        return path, np.array([[a["caption"]] for a in found])
    if task == "Keypoint":
        return (path, np.array([a["keypoints"] for a in found], np.float32).reshape(len(found), -1),
                np.array([[a["num_keypoints"]] for a in found], np.uint32))
    if task == "Stuff":
        polygons = [p for a in found for p in a["segmentation"]]
        width = max(len(p) for p in polygons)
        segmentation = np.full((len(polygons), width), -1, np.float32)
        for i, polygon in enumerate(polygons):
            segmentation[i, :len(polygon)] = polygon
        return path, segmentation, np.array([[a.get("iscrowd", 0)] for a in found], np.uint32)
    segments = [s for a in found for s in a["segments_info"]]
    return (path, np.array([s["bbox"] for s in segments], np.float32).reshape(-1, 4),
            np.array([[s["category_id"]] for s in segments], np.uint32),
            np.array([[s.get("iscrowd", 0)] for s in segments], np.uint32),
            np.array([[s["area"]] for s in segments], np.uint32))


class CocoDataset(_ImageList):
    """COCO annotations over a folder of images (see the module docstring)."""

    def __init__(self, dataset_dir, annotation_file, task="Detection", num_samples=None, num_parallel_workers=None,
                 shuffle=None, decode=False, sampler=None, num_shards=None, shard_id=None, cache=None,
                 extra_metadata=False, decrypt=None):
        dataset_dir = check_dir(dataset_dir)
        annotation_file = check_files(annotation_file, "annotation_file")[0]
        if task not in _COCO_COLUMNS:
            raise ValueError(f"Invalid task type: {task}, expected one of {list(_COCO_COLUMNS)}.")
        if _check_bool(extra_metadata, "extra_metadata"):
            # MindSpore adds a hidden `_meta-filename` column that only its own iterators know to drop.
            raise ValueError("CocoDataset: extra_metadata=True (the hidden '_meta-filename' column) is not "
                             "available in sporax; read the file names from the annotation file instead.")
        self._COLUMNS = _COCO_COLUMNS[task]
        try:
            with open(annotation_file, encoding="utf-8") as handle:
                content = json.load(handle)
            images = [(image["id"], image["file_name"]) for image in content["images"]]
            annotations = content["annotations"]
            by_image = {}
            for annotation in annotations:
                by_image.setdefault(annotation["image_id"], []).append(annotation)
            self.categories = {c["name"]: [c["id"], c.get("isthing", 0)] if task == "Panoptic" else [c["id"]]
                               for c in content.get("categories", [])}
            samples = []
            for image_id, file_name in images:
                found = by_image.get(image_id, [])
                if not found:
                    continue  # MindSpore leaves out images without annotations
                samples.append(_coco_row(task, os.path.join(dataset_dir, file_name), found))
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as error:
            raise ValueError(f"CocoDataset: {annotation_file} is not a COCO {task} annotation file: "
                             f"{type(error).__name__}: {error}") from None
        super().__init__(samples, decode, num_samples, num_parallel_workers, shuffle, sampler, num_shards, shard_id)

    def get_class_indexing(self):
        return dict(self.categories)


class Flowers102Dataset(_ImageList):
    """Oxford 102 Flowers (see the module docstring)."""

    def __init__(self, dataset_dir, task="Classification", usage="all", num_samples=None, num_parallel_workers=1,
                 shuffle=None, decode=False, sampler=None, num_shards=None, shard_id=None):
        import scipy.io
        dataset_dir = check_dir(dataset_dir)
        task = check_usage(task, ("Classification", "Segmentation"))
        usage = check_usage(usage, ("train", "valid", "test", "all"))
        try:
            labels = scipy.io.loadmat(_require(os.path.join(dataset_dir, "imagelabels.mat"),
                                               "Flowers102Dataset"))["labels"].reshape(-1)
            sets = scipy.io.loadmat(_require(os.path.join(dataset_dir, "setid.mat"), "Flowers102Dataset"))
            keys = {"train": "trnid", "valid": "valid", "test": "tstid"}
            ids = np.concatenate([sets[keys[p]].reshape(-1) for p in (("train", "test", "valid") if usage == "all"
                                                                      else (usage,))])
        except (KeyError, ValueError, TypeError) as error:
            raise ValueError(f"Flowers102Dataset: imagelabels.mat/setid.mat in {dataset_dir} lack 'labels' or "
                             f"'trnid'/'valid'/'tstid': {error}") from None
        samples = []
        for k in ids.astype(np.int64):
            if not 1 <= k <= len(labels):
                raise ValueError(f"Flowers102Dataset: setid.mat names image {k}, but imagelabels.mat has "
                                 f"{len(labels)} labels.")
            image = os.path.join(dataset_dir, "jpg", f"image_{k:05d}.jpg")
            label = np.uint32(int(labels[k - 1]) - 1)
            if task == "Segmentation":
                samples.append((image, os.path.join(dataset_dir, "segmim", f"segmim_{k:05d}.jpg"), label))
            else:
                samples.append((image, label))
        if task == "Segmentation":
            self._COLUMNS, self._IMAGES = ("image", "segmentation", "label"), 2
        super().__init__(samples, decode, num_samples, num_parallel_workers, shuffle, sampler, num_shards, shard_id)


_CALTECH101_ANNOTATIONS = {"Faces": "Faces_2", "Faces_easy": "Faces_3", "Motorbikes": "Motorbikes_16",
                           "airplanes": "Airplanes_Side_2"}


class Caltech101Dataset(_ImageList):
    """Caltech 101 (see the module docstring)."""

    def __init__(self, dataset_dir, target_type=None, num_samples=None, num_parallel_workers=1, shuffle=None,
                 decode=False, sampler=None, num_shards=None, shard_id=None):
        dataset_dir = check_dir(dataset_dir)
        self.target_type = "category" if target_type is None else check_usage(target_type,
                                                                                ("category", "annotation", "all"))
        self._COLUMNS = {"category": ("image", "category"), "annotation": ("image", "annotation"),
                         "all": ("image", "category", "annotation")}[self.target_type]
        images = check_dir(os.path.join(dataset_dir, "101_ObjectCategories"))
        classes = [c for c in sorted(os.listdir(images)) if c != "BACKGROUND_Google"]
        samples = []
        for label, name in enumerate(classes):
            folder = os.path.join(images, name)
            if not os.path.isdir(folder):
                continue
            for number in range(1, len(os.listdir(folder)) + 1):
                annotation = os.path.join(dataset_dir, "Annotations", _CALTECH101_ANNOTATIONS.get(name, name),
                                          f"annotation_{number:04d}.mat")
                if self.target_type != "category":
                    _require(annotation, "Caltech101Dataset")
                samples.append((os.path.join(folder, f"image_{number:04d}.jpg"), np.int64(label), annotation))
        super().__init__(samples, decode, num_samples, num_parallel_workers, shuffle, sampler, num_shards, shard_id)

    def _read(self, index):
        path, label, annotation = self._samples[index]
        image = _read_image(path, self.decode, "Caltech101Dataset")
        if self.target_type == "category":
            return image, label
        import scipy.io
        try:
            contour = scipy.io.loadmat(annotation)["obj_contour"]
        except (KeyError, ValueError, TypeError) as error:
            raise ValueError(f"Caltech101Dataset: {annotation} holds no 'obj_contour': {error}") from None
        return (image, contour) if self.target_type == "annotation" else (image, label, contour)

    def _labels(self):
        return np.asarray([int(s[1]) for s in self._samples], np.int64)

    def num_classes(self):
        return len({int(s[1]) for s in self._samples})


class SBDataset(_ImageList):
    """Semantic Boundaries Dataset: `img/<name>.jpg`, `cls/<name>.mat` (MATLAB struct `GTcls` with
    `Boundaries`, 20 sparse <H, W> class maps, and `Segmentation` <H, W>), `train.txt`,
    `val.txt`. [image, task]: task 'Boundaries' gives <20, H, W> uint8, 'Segmentation' <H, W>
    uint8. `all`: train, then val."""

    _COLUMNS = ("image", "task")

    def __init__(self, dataset_dir, task="Boundaries", usage="all", num_samples=None, num_parallel_workers=1,
                 shuffle=None, decode=None, sampler=None, num_shards=None, shard_id=None):
        dataset_dir = check_dir(dataset_dir)
        self.task = check_usage(task, ("Boundaries", "Segmentation"))
        usage = check_usage(usage, ("train", "val", "train_noval", "all"))
        names = []
        for part in (("train", "val") if usage == "all" else (usage,)):
            names += [line.strip() for line in _lines(os.path.join(dataset_dir, f"{part}.txt"), "SBDataset")
                      if line.strip()]
        samples = []
        for name in names:
            samples.append((os.path.join(dataset_dir, "img", f"{name}.jpg"),
                            _require(os.path.join(dataset_dir, "cls", f"{name}.mat"), "SBDataset")))
        super().__init__(samples, bool(decode), num_samples, num_parallel_workers, shuffle, sampler, num_shards,
                         shard_id)

    def _read(self, index):
        import scipy.io
        path, classes = self._samples[index]
        image = _read_image(path, self.decode, "SBDataset")
        try:
            field = scipy.io.loadmat(classes)["GTcls"][0][self.task][0]
            if self.task == "Boundaries":
                target = np.stack([np.asarray(field[i][0].toarray(), np.uint8) for i in range(20)])
            else:
                target = np.asarray(field, np.uint8)
        except (KeyError, IndexError, ValueError, TypeError, AttributeError) as error:
            raise ValueError(f"SBDataset: {classes} is not an SBD class file (GTcls.{self.task}): {error}") from None
        return image, target


_CITYSCAPES_TASKS = {"instance": "instanceIds.png", "semantic": "labelIds.png", "color": "color.png",
                     "polygon": "polygons.json"}


class CityscapesDataset(_ImageList):
    """Cityscapes: `leftImg8bit/<split>/<city>/<city>_<frame>_leftImg8bit.png` and, for
    `quality_mode` 'fine' ('coarse'), `gtFine` (`gtCoarse`)`/<split>/<city>/<city>_<frame>_<mode>_<kind>`
    with kind `instanceIds.png`, `labelIds.png`, `color.png` or `polygons.json` for task
    'instance', 'semantic', 'color' or 'polygon'. [image, task]: the task image (or, for
    'polygon', the JSON re-serialized compactly with sorted keys, as MindSpore's reader gives
    it); cities and frames in name order; `all`: train, test (train_extra), then val."""

    _COLUMNS = ("image", "task")

    def __init__(self, dataset_dir, usage="train", quality_mode="fine", task="instance", num_samples=None,
                 num_parallel_workers=None, shuffle=None, decode=None, sampler=None, num_shards=None, shard_id=None,
                 cache=None):
        dataset_dir = check_dir(dataset_dir)
        quality_mode = check_usage(quality_mode, ("fine", "coarse"))
        splits = ("train", "test", "val") if quality_mode == "fine" else ("train", "train_extra", "val")
        usage = check_usage(usage, splits + ("all",))
        self.task = check_usage(task, tuple(_CITYSCAPES_TASKS))
        mode = "gtFine" if quality_mode == "fine" else "gtCoarse"
        self._IMAGES = 1 if self.task == "polygon" else 2
        samples = []
        for split in (splits if usage == "all" else (usage,)):
            images = check_dir(os.path.join(dataset_dir, "leftImg8bit", split))
            for city in sorted(os.listdir(images)):
                folder = os.path.join(images, city)
                for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else ():
                    if not name.endswith("_leftImg8bit.png"):
                        continue
                    stem = name[:-len("_leftImg8bit.png")]
                    target = os.path.join(dataset_dir, mode, split, city, f"{stem}_{mode}_{_CITYSCAPES_TASKS[task]}")
                    samples.append((os.path.join(folder, name), _require(target, "CityscapesDataset")))
        super().__init__(samples, bool(decode), num_samples, num_parallel_workers, shuffle, sampler, num_shards,
                         shard_id)

    def _read(self, index):
        if self.task != "polygon":
            return super()._read(index)
        path, polygons = self._samples[index]
        try:
            with open(polygons, encoding="utf-8") as handle:
                text = json.dumps(json.load(handle), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        except json.JSONDecodeError as error:
            raise ValueError(f"CityscapesDataset: {polygons} is not JSON: {error}") from None
        return _read_image(path, self.decode, "CityscapesDataset"), np.asarray(text)
