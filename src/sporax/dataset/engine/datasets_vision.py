"""Image datasets in MindSpore's documented on-disk layouts.

Every file is checked when the dataset is built (exists, right header, right size), so a
missing folder, a missing or truncated file fails at construction, naming the file;
pixel data is read lazily (memory-mapped), row by row, so worker processes share the
page cache instead of copies.

- MNIST family (`MnistDataset`, `FashionMnistDataset`, `KMnistDataset`): `dataset_dir`
  holds `train-images-idx3-ubyte`, `train-labels-idx1-ubyte`, `t10k-images-idx3-ubyte`,
  `t10k-labels-idx1-ubyte` (IDX: big-endian magic `0x0000 08 dims`, then the sizes).
  Columns `image` <28, 28, 1> uint8, `label` uint32; `usage='all'` (default) reads the test
  files, then the train files, as MindSpore does.
- `EMnistDataset`: `emnist-{name}-{train,test}-{images-idx3,labels-idx1}-ubyte`.
- CIFAR-10 binary: `data_batch_*.bin` (train) and `test_batch.bin`, records of 1 label byte
  then 3072 bytes CHW. Columns `image` <32, 32, 3> uint8 (HWC), `label` uint32.
- CIFAR-100 binary: `train.bin`, `test.bin`, records of coarse and fine label bytes then
  3072 bytes. Columns `image`, `coarse_label`, `fine_label`.
- `ImageFolderDataset`: one sub-folder per class (classes sorted by name → 0, 1, ...),
  files sorted by name. Columns `image` (encoded bytes, or decoded RGB with `decode=True`)
  and `label` int32.
"""
from __future__ import annotations

import glob
import os

import numpy as np

from ..vision.utils import decode_image_bytes
from ._files import read_bytes
from .mappable import MappableDataset

_IDX_TYPES = {0x08: np.uint8, 0x09: np.int8, 0x0B: np.dtype(">i2"), 0x0C: np.dtype(">i4"), 0x0D: np.dtype(">f4"),
              0x0E: np.dtype(">f8")}


def check_dir(dataset_dir, name="dataset_dir"):
    if not isinstance(dataset_dir, (str, os.PathLike)):
        raise TypeError(f"Argument {name} with value {dataset_dir!r} is not of type [<class 'str'>], but got "
                        f"{type(dataset_dir)}.")
    dataset_dir = os.fspath(dataset_dir)
    if not os.path.isdir(dataset_dir):
        raise ValueError(f"The folder {dataset_dir} does not exist or is not a directory or permission denied!")
    return dataset_dir


def check_usage(usage, valid):
    if usage is None:
        return "all"
    if not isinstance(usage, str):
        raise TypeError(f"Argument usage with value {usage!r} is not of type [<class 'str'>], but got {type(usage)}.")
    if usage not in valid:
        raise ValueError(f"Input usage is not within the valid set of {list(valid)}.")
    return usage


class _IdxFile:
    """One IDX file: header parsed and size checked now, data memory-mapped on first use."""

    def __init__(self, path, expected_dims):
        self.path = path
        if not os.path.isfile(path):
            raise ValueError(f"Invalid file, {path} does not exist or is not a file (expected an IDX file of the "
                             f"MNIST layout).")
        with open(path, "rb") as handle:
            header = handle.read(4)
            if len(header) < 4 or header[0] != 0 or header[1] != 0 or header[2] not in _IDX_TYPES:
                raise ValueError(f"Invalid IDX file {path}: bad magic number {header.hex() or '(empty)'}.")
            dims = header[3]
            if dims != expected_dims:
                raise ValueError(f"Invalid IDX file {path}: {dims} dimensions, expected {expected_dims}.")
            sizes = np.frombuffer(handle.read(4 * dims), ">u4")
            if len(sizes) != dims:
                raise ValueError(f"Invalid IDX file {path}: truncated header.")
        self.dtype = np.dtype(_IDX_TYPES[header[2]])
        self.shape = tuple(int(s) for s in sizes)
        self.offset = 4 + 4 * dims
        expected = self.offset + int(np.prod(self.shape)) * self.dtype.itemsize
        actual = os.path.getsize(path)
        if actual != expected:
            raise ValueError(f"Invalid IDX file {path}: {actual} bytes, but its header {list(self.shape)} needs "
                             f"{expected} (truncated or corrupt).")
        self._data = None

    def __getstate__(self):
        state = dict(self.__dict__)
        state["_data"] = None
        return state

    @property
    def data(self):
        if self._data is None:
            self._data = np.memmap(self.path, dtype=self.dtype, mode="r", offset=self.offset, shape=self.shape)
        return self._data


class _MnistLayout(MappableDataset):
    _PREFIXES = {"train": "train", "test": "t10k"}

    def __init__(self, dataset_dir, usage, num_samples, num_parallel_workers, shuffle, sampler, num_shards, shard_id):
        self.dataset_dir = check_dir(dataset_dir)
        self.usage = check_usage(usage, ("train", "test", "all"))
        parts = ("test", "train") if self.usage == "all" else (self.usage,)
        self._files = []
        for part in parts:
            images = _IdxFile(os.path.join(self.dataset_dir, self._file_name(part, "images-idx3")), 3)
            labels = _IdxFile(os.path.join(self.dataset_dir, self._file_name(part, "labels-idx1")), 1)
            if images.shape[0] != labels.shape[0]:
                raise ValueError(f"Invalid MNIST files: {images.path} has {images.shape[0]} images but "
                                 f"{labels.path} has {labels.shape[0]} labels.")
            self._files.append((images, labels))
        self._starts = np.cumsum([0] + [img.shape[0] for img, _ in self._files])
        super().__init__(num_parallel_workers, sampler, num_samples, shuffle, num_shards, shard_id)

    def _file_name(self, part, kind):
        return f"{self._PREFIXES[part]}-{kind}-ubyte"

    def _columns(self):
        return ["image", "label"]

    def _source_size(self):
        return int(self._starts[-1])

    def _read(self, index):
        part = int(np.searchsorted(self._starts, index, side="right") - 1)
        images, labels = self._files[part]
        row = index - int(self._starts[part])
        return np.array(images.data[row])[:, :, None], np.uint32(labels.data[row])

    def _labels(self):
        return np.concatenate([np.asarray(labels.data) for _, labels in self._files]).astype(np.int64)

    def num_classes(self):
        return int(len(np.unique(self._labels())))


class MnistDataset(_MnistLayout):
    """The MNIST handwritten digits (IDX files; see the module docstring)."""

    def __init__(self, dataset_dir, usage=None, num_samples=None, num_parallel_workers=None, shuffle=None,
                 sampler=None, num_shards=None, shard_id=None, cache=None):
        super().__init__(dataset_dir, usage, num_samples, num_parallel_workers, shuffle, sampler, num_shards,
                         shard_id)


class FashionMnistDataset(MnistDataset):
    """Fashion-MNIST: the MNIST layout and file names, clothing images."""


class KMnistDataset(MnistDataset):
    """Kuzushiji-MNIST: the MNIST layout and file names, cursive Japanese characters."""


class EMnistDataset(_MnistLayout):
    """EMNIST: `emnist-{name}-{train,test}-...-ubyte` for name in byclass, bymerge, balanced,
    letters, digits, mnist."""

    _NAMES = ("byclass", "bymerge", "balanced", "letters", "digits", "mnist")

    def __init__(self, dataset_dir, name, usage=None, num_samples=None, num_parallel_workers=None, shuffle=None,
                 sampler=None, num_shards=None, shard_id=None, cache=None):
        if name not in self._NAMES:
            raise ValueError(f"Input name is not within the valid set of {list(self._NAMES)}.")
        self.name = name
        super().__init__(dataset_dir, usage, num_samples, num_parallel_workers, shuffle, sampler, num_shards,
                         shard_id)

    def _file_name(self, part, kind):
        return f"emnist-{self.name}-{part}-{kind}-ubyte"


class _CifarLayout(MappableDataset):
    _LABEL_BYTES = 1
    _LABEL_COLUMNS = ("label",)
    _NAME = "cifar10"

    def __init__(self, dataset_dir, usage, num_samples, num_parallel_workers, shuffle, sampler, num_shards, shard_id):
        self.dataset_dir = check_dir(dataset_dir)
        self.usage = check_usage(usage, ("train", "test", "all"))
        self._record = self._LABEL_BYTES + 3072
        self._files = []
        for path in self._paths():
            size = os.path.getsize(path)
            if size == 0 or size % self._record:
                raise ValueError(f"Invalid {self._NAME} file, {path} has {size} bytes, not a whole number of "
                                 f"{self._record}-byte records (truncated or not the binary version).")
            self._files.append((path, size // self._record))
        self._starts = np.cumsum([0] + [n for _, n in self._files])
        self._maps = None
        super().__init__(num_parallel_workers, sampler, num_samples, shuffle, num_shards, shard_id)

    def __getstate__(self):
        state = dict(self.__dict__)
        state["_maps"] = None
        return state

    def _patterns(self):  # pragma: no cover - subclasses
        raise NotImplementedError

    def _paths(self):
        train, test = self._patterns()
        patterns = {"train": [train], "test": [test], "all": [train, test]}[self.usage]
        paths = []
        for pattern in patterns:
            found = sorted(glob.glob(os.path.join(glob.escape(self.dataset_dir), pattern)))
            if not found:
                raise ValueError(f"Invalid {self._NAME} folder {self.dataset_dir}: no file matches {pattern!r} "
                                 f"(the {self._NAME.upper()} binary version is expected).")
            paths += found
        return paths

    def _columns(self):
        return ["image", *self._LABEL_COLUMNS]

    def _source_size(self):
        return int(self._starts[-1])

    def _read(self, index):
        if self._maps is None:
            self._maps = [np.memmap(path, np.uint8, mode="r", shape=(n, self._record)) for path, n in self._files]
        part = int(np.searchsorted(self._starts, index, side="right") - 1)
        record = np.asarray(self._maps[part][index - int(self._starts[part])])
        image = record[self._LABEL_BYTES:].reshape(3, 32, 32).transpose(1, 2, 0).copy()
        return (image, *(np.uint32(record[k]) for k in range(self._LABEL_BYTES)))

    def _labels(self):
        label = self._LABEL_BYTES - 1  # the fine label of CIFAR-100, the label of CIFAR-10
        return np.concatenate([np.memmap(path, np.uint8, mode="r", shape=(n, self._record))[:, label]
                               for path, n in self._files]).astype(np.int64)

    def num_classes(self):
        return int(len(np.unique(self._labels())))


class Cifar10Dataset(_CifarLayout):
    """CIFAR-10, binary version (see the module docstring)."""

    def __init__(self, dataset_dir, usage=None, num_samples=None, num_parallel_workers=None, shuffle=None,
                 sampler=None, num_shards=None, shard_id=None, cache=None):
        super().__init__(dataset_dir, usage, num_samples, num_parallel_workers, shuffle, sampler, num_shards,
                         shard_id)

    def _patterns(self):
        return "data_batch_*.bin", "test_batch.bin"


class Cifar100Dataset(_CifarLayout):
    """CIFAR-100, binary version: columns image, coarse_label, fine_label."""

    _LABEL_BYTES = 2
    _LABEL_COLUMNS = ("coarse_label", "fine_label")
    _NAME = "cifar100"

    def __init__(self, dataset_dir, usage=None, num_samples=None, num_parallel_workers=None, shuffle=None,
                 sampler=None, num_shards=None, shard_id=None, cache=None):
        super().__init__(dataset_dir, usage, num_samples, num_parallel_workers, shuffle, sampler, num_shards,
                         shard_id)

    def _patterns(self):
        return "train.bin", "test.bin"


_IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".gif", ".webp", ".ppm", ".pgm")


class ImageFolderDataset(MappableDataset):
    """Images in one sub-folder per class (see the module docstring)."""

    def __init__(self, dataset_dir, num_samples=None, num_parallel_workers=None, shuffle=None, sampler=None,
                 extensions=None, class_indexing=None, decode=False, num_shards=None, shard_id=None, cache=None,
                 decrypt=None):
        self.dataset_dir = check_dir(dataset_dir)
        if extensions is not None:
            if not isinstance(extensions, list) or not all(isinstance(e, str) for e in extensions):
                raise TypeError(f"extensions should be a list of str, but got {extensions!r}.")
            self.extensions = tuple(e.lower() for e in extensions)
        else:
            self.extensions = _IMAGE_EXTENSIONS
        if not isinstance(decode, bool):
            raise TypeError(f"Argument decode with value {decode!r} is not of type [<class 'bool'>].")
        if decrypt is not None and not callable(decrypt):
            raise TypeError(f"decrypt should be callable, but got {type(decrypt).__name__}.")
        self.decode, self.decrypt = decode, decrypt
        folders = sorted(e.name for e in os.scandir(self.dataset_dir) if e.is_dir())
        if class_indexing is not None:
            if not isinstance(class_indexing, dict) or not all(
                    isinstance(k, str) and isinstance(v, int) for k, v in class_indexing.items()):
                raise TypeError(f"class_indexing should be a dict of str to int, but got {class_indexing!r}.")
            missing = [k for k in class_indexing if k not in folders]
            if missing:
                raise ValueError(f"class_indexing names folder(s) {missing} that are not in {self.dataset_dir}.")
            self.class_indexing = dict(class_indexing)
        else:
            self.class_indexing = {name: i for i, name in enumerate(folders)}
        self._samples = []
        for name in sorted(self.class_indexing, key=lambda n: (self.class_indexing[n], n)):
            folder = os.path.join(self.dataset_dir, name)
            for file in sorted(os.listdir(folder)):
                if file.lower().endswith(self.extensions) and os.path.isfile(os.path.join(folder, file)):
                    self._samples.append((os.path.join(folder, file), self.class_indexing[name]))
        if not self._samples:
            raise RuntimeError(f"ImageFolderDataset: no image files with extensions {list(self.extensions)} in the "
                               f"class folders of {self.dataset_dir}.")
        super().__init__(num_parallel_workers, sampler, num_samples, shuffle, num_shards, shard_id)

    def _columns(self):
        return ["image", "label"]

    def _source_size(self):
        return len(self._samples)

    def _read(self, index):
        path, label = self._samples[index]
        data = read_bytes(path)
        if self.decrypt is not None:
            data = self.decrypt(data)
        if self.decode:
            return np.asarray(decode_image_bytes(data, f"ImageFolderDataset: file {path}")), np.int32(label)
        return np.frombuffer(data, np.uint8).copy(), np.int32(label)

    def _reads_in_threads(self):
        # Each read opens its own file; a user's decrypt function may keep state.
        return self.decrypt is None

    def _labels(self):
        return np.asarray([label for _, label in self._samples], np.int64)

    def get_class_indexing(self):
        return dict(self.class_indexing)

    def num_classes(self):
        return len(self.class_indexing)


class FakeImageDataset(MappableDataset):
    """Random images and labels, the same for a given `base_seed` (image k from seed base_seed + k)."""

    def __init__(self, num_images=1000, image_size=(224, 224, 3), num_classes=10, base_seed=0, num_samples=None,
                 num_parallel_workers=None, shuffle=None, sampler=None, num_shards=None, shard_id=None, cache=None):
        for name, value in (("num_images", num_images), ("num_classes", num_classes)):
            if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                raise ValueError(f"Input {name} is not within the required interval of [1, 2147483647].")
        if not (isinstance(image_size, (list, tuple)) and len(image_size) == 3 and
                all(isinstance(s, int) and s > 0 for s in image_size)):
            raise ValueError(f"image_size should be a sequence of three positive ints (H, W, C), but got "
                             f"{image_size!r}.")
        if isinstance(base_seed, bool) or not isinstance(base_seed, int) or base_seed < 0:
            raise ValueError(f"base_seed should be a non-negative int, but got {base_seed!r}.")
        self.num_images, self.image_size, self.num_classes_, self.base_seed = num_images, tuple(image_size), \
            num_classes, base_seed
        super().__init__(num_parallel_workers, sampler, num_samples, shuffle, num_shards, shard_id)

    def _columns(self):
        return ["image", "label"]

    def _source_size(self):
        return self.num_images

    def _read(self, index):
        rng = np.random.default_rng(self.base_seed + index)
        return rng.integers(0, 256, self.image_size, dtype=np.uint8), \
            np.uint32(rng.integers(0, self.num_classes_))

    def num_classes(self):
        return self.num_classes_




class QMnistDataset(_MnistLayout):
    """QMNIST: `qmnist-{train,test}-images-idx3-ubyte`, `qmnist-{train,test}-labels-idx2-int`
    (labels <N, 8> int32: class, NIST writer, ...), `xnist-*` for usage 'nist'. With
    `compat=True` the label is the class (uint32), otherwise the 8 label fields."""

    def __init__(self, dataset_dir, usage=None, compat=True, num_samples=None, num_parallel_workers=None,
                 shuffle=None, sampler=None, num_shards=None, shard_id=None, cache=None):
        if not isinstance(compat, bool):
            raise TypeError(f"Argument compat with value {compat!r} is not of type [<class 'bool'>].")
        self.compat = compat
        self.dataset_dir = check_dir(dataset_dir)
        usage = check_usage(usage, ("train", "test", "test10k", "test50k", "nist", "all"))
        self.usage = usage
        parts = {"train": ["qmnist-train"], "test": ["qmnist-test"], "test10k": ["qmnist-test"],
                 "test50k": ["qmnist-test"], "nist": ["xnist"], "all": ["qmnist-train", "qmnist-test"]}[usage]
        self._files = []
        for prefix in parts:
            images = _IdxFile(os.path.join(self.dataset_dir, f"{prefix}-images-idx3-ubyte"), 3)
            labels = _IdxFile(os.path.join(self.dataset_dir, f"{prefix}-labels-idx2-int"), 2)
            if images.shape[0] != labels.shape[0]:
                raise ValueError(f"Invalid QMNIST files: {images.path} has {images.shape[0]} images but "
                                 f"{labels.path} has {labels.shape[0]} labels.")
            self._files.append((images, labels))
        self._window = {"test10k": slice(0, 10000), "test50k": slice(10000, None)}.get(usage, slice(None))
        counts = [len(range(images.shape[0])[self._window]) for images, _ in self._files]
        self._starts = np.cumsum([0] + counts)
        MappableDataset.__init__(self, num_parallel_workers, sampler, num_samples, shuffle, num_shards, shard_id)

    def _read(self, index):
        part = int(np.searchsorted(self._starts, index, side="right") - 1)
        images, labels = self._files[part]
        row = range(images.shape[0])[self._window][index - int(self._starts[part])]
        label = np.asarray(labels.data[row]).astype(np.uint32)
        return np.array(images.data[row])[:, :, None], (label[0] if self.compat else label)

    def _labels(self):
        return np.concatenate([np.asarray(labels.data)[self._window, 0] for _, labels in self._files]).astype(np.int64)


class SemeionDataset(MappableDataset):
    """SEMEION handwritten digits: `semeion.data`, rows of 256 pixels (0/1) then a one-hot
    digit. Columns image <16, 16> uint8 (0 or 1), label uint32."""

    def __init__(self, dataset_dir, num_samples=None, num_parallel_workers=None, shuffle=None, sampler=None,
                 num_shards=None, shard_id=None, cache=None):
        self.dataset_dir = check_dir(dataset_dir)
        path = os.path.join(self.dataset_dir, "semeion.data")
        if not os.path.isfile(path):
            raise ValueError(f"Invalid file, {path} does not exist (expected semeion.data).")
        images, labels = [], []
        with open(path) as handle:
            for number, line in enumerate(handle, 1):
                fields = line.split()
                if not fields:
                    continue
                if len(fields) != 266:
                    raise ValueError(f"Invalid file {path}, line {number}: {len(fields)} values, expected 266 "
                                     f"(256 pixels and 10 one-hot digits).")
                try:
                    values = np.asarray([float(v) for v in fields])
                except ValueError:
                    raise ValueError(f"Invalid file {path}, line {number}: not all values are numbers.") from None
                images.append((values[:256] > 0.5).astype(np.uint8).reshape(16, 16))
                labels.append(np.uint32(np.argmax(values[256:])))
        self._images, self._label_values = images, labels
        super().__init__(num_parallel_workers, sampler, num_samples, shuffle, num_shards, shard_id)

    def _columns(self):
        return ["image", "label"]

    def _source_size(self):
        return len(self._images)

    def _read(self, index):
        return self._images[index], self._label_values[index]


class SVHNDataset(MappableDataset):
    """SVHN cropped digits: `{train,test,extra}_32x32.mat` (MATLAB: X <32, 32, 3, N>, y <N, 1>
    with 10 for the digit 0). Columns image <32, 32, 3> uint8, label uint32."""

    def __init__(self, dataset_dir, usage=None, num_samples=None, num_parallel_workers=1, shuffle=None, sampler=None,
                 num_shards=None, shard_id=None):
        import scipy.io
        self.dataset_dir = check_dir(dataset_dir)
        self.usage = check_usage(usage, ("train", "test", "extra", "all"))
        parts = ("train", "test", "extra") if self.usage == "all" else (self.usage,)
        images, labels = [], []
        for part in parts:
            path = os.path.join(self.dataset_dir, f"{part}_32x32.mat")
            if not os.path.isfile(path):
                raise ValueError(f"Invalid file, {path} does not exist (expected {part}_32x32.mat).")
            try:
                content = scipy.io.loadmat(path)
            except Exception as error:  # scipy raises several classes for a corrupt .mat
                raise ValueError(f"Invalid file {path}: cannot read it as a MATLAB file: {error}") from None
            if "X" not in content or "y" not in content or content["X"].shape[:3] != (32, 32, 3):
                raise ValueError(f"Invalid file {path}: expected X <32, 32, 3, N> and y <N, 1>.")
            images.append(np.moveaxis(content["X"], 3, 0).astype(np.uint8))
            labels.append((content["y"].reshape(-1) % 10).astype(np.uint32))
        self._images, self._label_values = np.concatenate(images), np.concatenate(labels)
        super().__init__(num_parallel_workers, sampler, num_samples, shuffle, num_shards, shard_id)

    def _columns(self):
        return ["image", "label"]

    def _source_size(self):
        return len(self._images)

    def _read(self, index):
        return self._images[index], self._label_values[index]


class STL10Dataset(MappableDataset):
    """STL-10 binary: `{train,test}_X.bin` (uint8, each image 3 x 96 x 96 column-major),
    `{train,test}_y.bin` (1..10), `unlabeled_X.bin`. Columns image <96, 96, 3> uint8 and
    label int32 (0-based; -1 for unlabeled images)."""

    def __init__(self, dataset_dir, usage=None, num_samples=None, num_parallel_workers=None, shuffle=None,
                 sampler=None, num_shards=None, shard_id=None, cache=None):
        self.dataset_dir = check_dir(dataset_dir)
        self.usage = check_usage(usage, ("train", "test", "unlabeled", "train+unlabeled", "all"))
        parts = {"train": ("train",), "test": ("test",), "unlabeled": ("unlabeled",),
                 "train+unlabeled": ("train", "unlabeled"), "all": ("train", "test", "unlabeled")}[self.usage]
        self._files = []
        for part in parts:
            images = os.path.join(self.dataset_dir, f"{part}_X.bin")
            if not os.path.isfile(images):
                raise ValueError(f"Invalid file, {images} does not exist.")
            size = os.path.getsize(images)
            if size % (3 * 96 * 96):
                raise ValueError(f"Invalid file {images}: {size} bytes is not a whole number of 96x96x3 images.")
            count = size // (3 * 96 * 96)
            labels = None
            if part != "unlabeled":
                label_path = os.path.join(self.dataset_dir, f"{part}_y.bin")
                if not os.path.isfile(label_path) or os.path.getsize(label_path) != count:
                    raise ValueError(f"Invalid file {label_path}: missing or not {count} labels for {images}.")
                labels = np.fromfile(label_path, np.uint8).astype(np.int32) - 1
            self._files.append((images, count, labels))
        self._starts = np.cumsum([0] + [count for _, count, _ in self._files])
        super().__init__(num_parallel_workers, sampler, num_samples, shuffle, num_shards, shard_id)

    def _columns(self):
        return ["image", "label"]

    def _source_size(self):
        return int(self._starts[-1])

    def _read(self, index):
        part = int(np.searchsorted(self._starts, index, side="right") - 1)
        path, count, labels = self._files[part]
        row = index - int(self._starts[part])
        image = np.memmap(path, np.uint8, mode="r", shape=(count, 3, 96, 96))[row]
        label = np.int32(-1) if labels is None else labels[row]
        return np.ascontiguousarray(np.asarray(image).transpose(2, 1, 0)), np.int32(label)


class Caltech256Dataset(ImageFolderDataset):
    """Caltech-256: one folder per class (`001.ak47`, `002.american-flag`, ...), labels in
    folder order from 0. Columns image (encoded, or decoded with `decode=True`), label int32."""

    def __init__(self, dataset_dir, num_samples=None, num_parallel_workers=None, shuffle=None, decode=False,
                 sampler=None, num_shards=None, shard_id=None, cache=None):
        super().__init__(dataset_dir, num_samples=num_samples, num_parallel_workers=num_parallel_workers,
                         shuffle=shuffle, sampler=sampler, decode=decode, num_shards=num_shards, shard_id=shard_id)
