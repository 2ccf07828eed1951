"""`mindspore.dataset.vision`: image transforms on NumPy <H, W, C> arrays and PIL images.

Deterministic transforms give MindSpore's CPU results: geometry and resizing follow its
OpenCV kernels (`_resize`), colour operations OpenCV's fixed-point formulas (grey
`(4899 R + 9617 G + 1868 B + 8192) >> 14`, `saturate_cast` rounding half to even).
Random transforms draw their parameters from `_random.generator()` (per row in a
pipeline, seeded by `dataset.config.set_seed`) and then run the deterministic kernel.
An image given as a PIL image comes back as a PIL image where MindSpore's Python
transforms do (ToPIL, Decode(to_pil=True) pipelines), otherwise as a NumPy array.
"""
from __future__ import annotations

import math
import numbers

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from .. import _random
from ..transforms.transforms import TensorOperation, as_array, check_range, check_type, to_numpy_dtype
from . import _resize
from .utils import (AutoAugmentPolicy, Border, ConvertMode, ImageBatchFormat, Inter, SliceMode, decode_image_bytes,
                    decode_jpeg_fast)

_MAX_SIZE = 16777216


def _is_pil(value):
    return type(value).__module__.startswith("PIL.")


def _image(value, name, allow_4d=False):
    """An image argument as <H, W, C> (a 2-D image gains C = 1); the flag says it was 2-D."""
    if isinstance(value, (str, bytes)) or not (isinstance(value, np.ndarray) or _is_pil(value)
                                               or hasattr(value, "asnumpy")):
        raise TypeError(f"For '{name}', the input should be a NumPy array or a PIL image, but got "
                        f"{type(value).__name__}.")
    array = as_array(value, name)
    if array.ndim == 2:
        return array[:, :, None], True
    if array.ndim != 3:
        raise ValueError(f"For '{name}', the image must be <H, W> or <H, W, C>, but got shape {list(array.shape)}.")
    if array.dtype.kind not in "uifb":
        raise TypeError(f"For '{name}', the image must hold numbers, but got dtype {array.dtype}.")
    return array, False


def _back(array, was_2d, like=None):
    out = array[:, :, 0] if was_2d and array.ndim == 3 else array
    if like is not None and _is_pil(like):
        from PIL import Image
        return Image.fromarray(out)
    return out


def _uint8(value, name):
    array, was_2d = _image(value, name)
    if array.dtype != np.uint8:
        raise TypeError(f"For '{name}', the image must be uint8, but got {array.dtype}.")
    return array, was_2d


def _check_size(size, name, allow_int=True):
    if isinstance(size, numbers.Integral) and not isinstance(size, bool) and allow_int:
        check_range(size, 1, _MAX_SIZE, "size", name)
        return (int(size),)
    if isinstance(size, (list, tuple)) and len(size) == 2 and all(
            isinstance(s, numbers.Integral) and not isinstance(s, bool) for s in size):
        for s in size:
            check_range(s, 1, _MAX_SIZE, "size", name)
        return (int(size[0]), int(size[1]))
    raise TypeError(f"For '{name}', the argument 'size' must be an int or a sequence of two ints (height, width), "
                    f"but got {size!r}.")


def _check_inter(interpolation, name, argument="interpolation"):
    if not isinstance(interpolation, Inter):
        raise TypeError(f"For '{name}', the argument '{argument}' must be of type Inter, but got {interpolation!r}.")
    return interpolation


def _check_prob(prob, name):
    check_type(prob, (int, float), "prob", name)
    return check_range(float(prob), 0.0, 1.0, "prob", name)


def _check_range_pair(value, name, argument, low, high, positive=False):
    if isinstance(value, numbers.Number) and not isinstance(value, bool):
        return value
    if not (isinstance(value, (list, tuple)) and len(value) == 2 and
            all(isinstance(v, numbers.Number) and not isinstance(v, bool) for v in value)):
        raise TypeError(f"For '{name}', the argument '{argument}' must be a number or a sequence (min, max), "
                        f"but got {value!r}.")
    if value[0] > value[1]:
        raise ValueError(f"For '{name}', the argument '{argument}' must be (min, max) with min <= max, but got "
                         f"{list(value)}.")
    for v in value:
        check_range(v, low, high, argument, name)
    return tuple(value)


def _check_fill(fill_value, name):
    if isinstance(fill_value, numbers.Integral) and not isinstance(fill_value, bool):
        check_range(fill_value, 0, 255, "fill_value", name)
        return (int(fill_value),) * 3
    if isinstance(fill_value, tuple) and len(fill_value) == 3 and all(
            isinstance(v, numbers.Integral) and 0 <= v <= 255 for v in fill_value):
        return tuple(int(v) for v in fill_value)
    raise TypeError(f"For '{name}', the argument 'fill_value' must be an int in [0, 255] or a 3-tuple of them, "
                    f"but got {fill_value!r}.")


def _fill_for(image, fill):
    channels = image.shape[2]
    return np.array(fill[:channels] if channels <= 3 else list(fill) + [0] * (channels - 3), dtype=image.dtype)


def _fill_pixels(out, pixel):
    """Every pixel of `out` (<..., C>) set to `pixel` (C values): with one value for every
    channel, a memset instead of NumPy's loop of C values per pixel (ten times faster)."""
    if pixel.size and (pixel == pixel[0]).all():
        out.fill(pixel[0])
    else:
        out[...] = pixel


def _round_half_even_uint8(values):
    return np.clip(np.rint(values), 0, 255).astype(np.uint8)


def _gray_fixed(image):
    """OpenCV's RGB -> grey for uint8, in fixed point."""
    r, g, b = (image[:, :, i].astype(np.int32) for i in range(3))
    return ((r * 4899 + g * 9617 + b * 1868 + 8192) >> 14).astype(np.uint8)


def _output_size(height, width, size):
    if len(size) == 2:
        return size
    short = size[0]
    if height <= width:
        return short, int(width * short / height)
    return int(height * short / width), short


def resize_image(image, height, width, interpolation):
    from PIL import Image
    if (height, width) == image.shape[:2]:
        return image.copy()
    if interpolation == Inter.NEAREST:
        return _resize.resize_nearest(image, height, width)
    if interpolation in (Inter.BILINEAR,):
        return _resize.resize_linear(image, height, width)
    if interpolation == Inter.BICUBIC:
        return _resize.resize_cubic(image, height, width)
    resample = {Inter.PILCUBIC: Image.BICUBIC, Inter.AREA: Image.BOX, Inter.ANTIALIAS: Image.LANCZOS}[interpolation]
    return _resize.resize_pillow(image, height, width, resample)


class ImageTensorOperation(TensorOperation):
    """Base of the vision transforms."""


PyTensorOperation = ImageTensorOperation


# ----------------------------------------------------------------------------- decoding and conversion

class Decode(ImageTensorOperation):
    """Encoded image bytes (a 1-D uint8 array) decoded to RGB <H, W, 3> (or a PIL image)."""

    # No state: rows of one batch may decode on several threads (`engine._row_threads`).
    _shares_threads = True

    def __init__(self, to_pil=False):
        check_type(to_pil, bool, "to_pil", "Decode")
        self.to_pil = to_pil

    def _apply(self, data):
        if isinstance(data, bytes):
            data = np.frombuffer(data, np.uint8)
        if not isinstance(data, np.ndarray):
            raise TypeError(f"For 'Decode', the input should be encoded image bytes as a NumPy array, but got "
                            f"{type(data).__name__}.")
        if data.ndim != 1:
            raise TypeError(f"The number of array dimensions of the encoded image should be 1, but got {data.ndim}.")
        if data.dtype != np.uint8:
            raise TypeError(f"The type of the encoded image should be uint8, but got {data.dtype}.")
        if not self.to_pil:
            decoded = decode_jpeg_fast(data)
            if decoded is not None:
                return decoded
        image = decode_image_bytes(data.tobytes(), "Decode")
        return image if self.to_pil else np.asarray(image)


class ToPIL(ImageTensorOperation):
    """A NumPy <H, W, C> uint8 image as a PIL image."""

    def _apply(self, image):
        from PIL import Image
        if _is_pil(image):
            return image
        array, was_2d = _image(image, "ToPIL")
        squeezed = array[:, :, 0] if array.shape[2] == 1 else array
        try:
            return Image.fromarray(squeezed)
        except TypeError as error:
            raise TypeError(f"For 'ToPIL', the image of dtype {array.dtype} and {array.shape[2]} channels cannot "
                            f"be a PIL image: {error}") from None


class ToNumpy(ImageTensorOperation):
    """A PIL image as a NumPy array."""

    def _apply(self, image):
        return np.asarray(image)


class ToTensor(ImageTensorOperation):
    """<H, W, C> image to <C, H, W> `output_type`, divided by 255."""

    def __init__(self, output_type=np.float32):
        self.output_type = output_type
        self._dtype = to_numpy_dtype(output_type, "ToTensor", "output_type")

    def _apply(self, image):
        array, _ = _image(image, "ToTensor")
        return (array.astype(np.float32) / 255.0).transpose(2, 0, 1).astype(self._dtype)


class ToType(ImageTensorOperation):
    """The image cast to `data_type`."""

    def __init__(self, data_type):
        self._dtype = to_numpy_dtype(data_type, "ToType")
        self.data_type = data_type

    def _apply(self, image):
        return as_array(image, "ToType").astype(self._dtype)


class HWC2CHW(ImageTensorOperation):
    """<H, W, C> to <C, H, W> (an <H, W> image becomes <1, H, W>)."""

    # One vectorised pass over a batch: a worker process may leave it to the consumer
    # (`engine.datasets._leaves_tail`).
    _cheap_on_batches = True

    def _apply(self, image):
        array, _ = _image(image, "HWC2CHW")
        return np.ascontiguousarray(array.transpose(2, 0, 1))

    # The batched path (see `sporax.dataset.engine.batched_map`).
    def _batch_plan(self, shape, dtype):
        return (shape[2], shape[0], shape[1]), dtype

    def _apply_batch(self, batch, draws):
        # A view: the batch is made C-ordered once, at the end of the batched operations.
        return batch.transpose(0, 3, 1, 2)


class Rescale(ImageTensorOperation):
    """`image * rescale + shift`, as float32."""

    # One vectorised pass over a batch: a worker process may leave it to the consumer
    # (`engine.datasets._leaves_tail`).
    _cheap_on_batches = True

    def __init__(self, rescale, shift):
        check_type(rescale, numbers.Number, "rescale", "Rescale")
        check_type(shift, numbers.Number, "shift", "Rescale")
        self.rescale, self.shift = float(rescale), float(shift)

    def _apply(self, image):
        array = as_array(image, "Rescale")
        return array.astype(np.float32) * np.float32(self.rescale) + np.float32(self.shift)

    def _batch_plan(self, shape, dtype):
        return (shape, np.dtype(np.float32)) if np.dtype(dtype).kind in "uifb" else None

    def _apply_batch(self, batch, draws):
        return batch.astype(np.float32) * np.float32(self.rescale) + np.float32(self.shift)


def _check_mean_std(mean, std, name):
    for argument, value in (("mean", mean), ("std", std)):
        if not isinstance(value, (list, tuple)) or not value or \
                not all(isinstance(v, numbers.Number) and not isinstance(v, bool) for v in value):
            raise TypeError(f"For '{name}', the argument '{argument}' must be a list or tuple of numbers, but got "
                            f"{value!r}.")
    if len(mean) != len(std):
        raise ValueError(f"For '{name}', mean and std must have the same length, but got {len(mean)} and "
                         f"{len(std)}.")
    for v in std:
        if not 0 < v <= 255:
            raise ValueError(f"For '{name}', every std must be in (0, 255], but got {list(std)}.")
    for v in mean:
        if not 0 <= v <= 255:
            raise ValueError(f"For '{name}', every mean must be in [0, 255], but got {list(mean)}.")


class Normalize(ImageTensorOperation):
    """`(image - mean) / std` per channel, float32 (`is_hwc=False`: the image is <C, H, W>)."""

    # One vectorised pass over a batch: a worker process may leave it to the consumer
    # (`engine.datasets._leaves_tail`).
    _cheap_on_batches = True

    def __init__(self, mean, std, is_hwc=True):
        _check_mean_std(mean, std, "Normalize")
        check_type(is_hwc, bool, "is_hwc", "Normalize")
        self.mean, self.std, self.is_hwc = list(mean), list(std), is_hwc
        shape = (1, 1, -1) if is_hwc else (-1, 1, 1)
        self._mean = np.asarray(self.mean, np.float32).reshape(shape)
        self._std = np.asarray(self.std, np.float32).reshape(shape)

    def _normalize(self, image, name):
        array = as_array(image, name)
        original_ndim = array.ndim
        if array.ndim == 2:
            array = array[:, :, None] if self.is_hwc else array[None]
        if array.ndim != 3:
            raise ValueError(f"For '{name}', the image must be <H, W> or <H, W, C>, but got shape "
                             f"{list(array.shape)}.")
        channels = array.shape[2] if self.is_hwc else array.shape[0]
        if len(self.mean) not in (1, channels):
            raise ValueError(f"For '{name}', {len(self.mean)} mean/std values for an image of {channels} channels.")
        out = self._normalize_in_place(np.array(array, dtype=np.float32, order="C"))
        return out if original_ndim == 3 else out.reshape(out.shape[:2] if self.is_hwc else out.shape[1:])

    def _apply(self, image):
        return self._normalize(image, "Normalize")

    def _batch_plan(self, shape, dtype):
        if type(self) is not Normalize or np.dtype(dtype).kind not in "uifb":
            return None
        channels = shape[2] if self.is_hwc else shape[0]
        return (shape, np.dtype(np.float32)) if len(self.mean) in (1, channels) else None

    def _apply_batch(self, batch, draws):
        if batch.dtype == np.float32:
            # The batch is the pipeline's own: a C-ordered one is normalised where it lies.
            return self._normalize_in_place(np.ascontiguousarray(batch))
        # Conversion, layout and subtraction in one pass (the values are cast to float32
        # before the float32 subtraction, as `astype` then `-` does), then the division.
        out = np.empty(batch.shape, np.float32)
        mean, std, source, target = self._mean, self._std, batch, out
        if self.is_hwc and len(self.mean) > 1 and batch.size and batch.flags.c_contiguous:
            width = batch.shape[-2]
            source, target = batch.reshape(-1, width * batch.shape[-1]), out.reshape(-1, width * batch.shape[-1])
            mean, std = np.tile(mean.reshape(-1), width), np.tile(std.reshape(-1), width)
        np.subtract(source, mean, out=target, dtype=np.float32)
        np.divide(target, std, out=target)
        return out

    def _as_chw(self):
        """This Normalize for the same images laid out <C, H, W>: Normalize then HWC2CHW
        equals HWC2CHW then this (the same float32 operation on every value), and on a
        batch the latter converts and transposes in one pass, into the array handed out."""
        if type(self) is not Normalize or not self.is_hwc:
            return None
        return Normalize(self.mean, self.std, is_hwc=False)

    def _normalize_in_place(self, out):
        """`(out - mean) / std` written into `out` (C-ordered float32, <..., H, W, C> or
        <..., C, H, W>): float32 subtract then divide, as `(image - mean) / std` rounds."""
        if self.is_hwc and len(self.mean) > 1 and out.size:
            # The channel is the fastest axis: broadcasting a C-vector makes NumPy run an
            # inner loop of C per pixel. Over rows of W * C values, with the mean and std
            # tiled W times, it runs over the whole row (five times faster, the same values).
            width = out.shape[-2]
            rows = out.reshape(-1, width * out.shape[-1])
            np.subtract(rows, np.tile(self._mean.reshape(-1), width), out=rows)
            np.divide(rows, np.tile(self._std.reshape(-1), width), out=rows)
            return out
        np.subtract(out, self._mean, out=out)
        return np.divide(out, self._std, out=out)


class NormalizePad(Normalize):
    """Normalize, then a fourth channel of zeros (HWC -> HWC4), as `dtype`."""

    def __init__(self, mean, std, dtype="float32", is_hwc=True):
        super().__init__(mean, std, is_hwc)
        if dtype not in ("float32", "float16"):
            raise ValueError(f"For 'NormalizePad', dtype must be 'float32' or 'float16', but got {dtype!r}.")
        self.dtype = dtype

    def _apply(self, image):
        out = self._normalize(image, "NormalizePad")
        if out.ndim == 2:
            out = out[:, :, None]
        axis = 2 if self.is_hwc else 0
        pad_shape = list(out.shape)
        pad_shape[axis] = 1
        return np.concatenate([out, np.zeros(pad_shape, np.float32)], axis=axis).astype(self.dtype)


# ----------------------------------------------------------------------------- geometry

class Resize(ImageTensorOperation):
    """Resize to (height, width), or the shorter side to `size` keeping the aspect ratio."""

    def __init__(self, size, interpolation=Inter.BILINEAR):
        self.size = _check_size(size, "Resize")
        self.interpolation = _check_inter(interpolation, "Resize")

    def _apply(self, image):
        array = as_array(image, "Resize") if not isinstance(image, (str, bytes)) else None
        if array is not None and array.ndim >= 4:  # a batch of images: MindSpore resizes each
            flat = array.reshape((-1,) + array.shape[-3:])
            return np.stack([self._apply(one) for one in flat]).reshape(
                array.shape[:-3] + self._apply(flat[0]).shape)
        if isinstance(image, (str, bytes)) or not (isinstance(image, np.ndarray) or _is_pil(image)):
            raise TypeError(f"Input should be NumPy or PIL image, got {type(image)}.")
        array, was_2d = _image(image, "Resize")
        height, width = _output_size(array.shape[0], array.shape[1], self.size)
        return _back(resize_image(array, height, width, self.interpolation), was_2d, image)


def _crop(array, top, left, height, width):
    return array[top:top + height, left:left + width]


class Crop(ImageTensorOperation):
    """The region at `coordinates` (top, left) of `size` (height, width)."""

    def __init__(self, coordinates, size):
        if not (isinstance(coordinates, (list, tuple)) and len(coordinates) == 2 and
                all(isinstance(c, int) and c >= 0 for c in coordinates)):
            raise TypeError(f"For 'Crop', coordinates must be (top, left) non-negative ints, but got "
                            f"{coordinates!r}.")
        self.coordinates = tuple(coordinates)
        self.size = _check_size(size, "Crop")

    def _apply(self, image):
        array, was_2d = _image(image, "Crop")
        height, width = self.size if len(self.size) == 2 else self.size * 2
        top, left = self.coordinates
        if top + height > array.shape[0] or left + width > array.shape[1]:
            raise ValueError(f"For 'Crop', the crop box (top={top}, left={left}, height={height}, width={width}) "
                             f"exceeds the image of size {list(array.shape[:2])}.")
        return _back(_crop(array, top, left, height, width), was_2d, image)


class CenterCrop(ImageTensorOperation):
    """The centred region of `size`; an image smaller than it is zero-padded first (centred)."""

    def __init__(self, size):
        self.size = _check_size(size, "CenterCrop")

    def _apply(self, image):
        array, was_2d = _image(image, "CenterCrop")
        height, width = self.size if len(self.size) == 2 else self.size * 2
        pad_h, pad_w = max(height - array.shape[0], 0), max(width - array.shape[1], 0)
        if pad_h or pad_w:
            array = np.pad(array, [(pad_h // 2, pad_h - pad_h // 2), (pad_w // 2, pad_w - pad_w // 2), (0, 0)])
        top, left = (array.shape[0] - height) // 2, (array.shape[1] - width) // 2
        return _back(_crop(array, top, left, height, width), was_2d, image)


def _check_padding(padding, name):
    if isinstance(padding, numbers.Integral) and not isinstance(padding, bool):
        values = (padding,) * 4
    elif isinstance(padding, (list, tuple)) and len(padding) in (2, 4) and all(
            isinstance(p, numbers.Integral) and not isinstance(p, bool) for p in padding):
        values = tuple(padding) * 2 if len(padding) == 2 else tuple(padding)
    else:
        raise TypeError(f"For '{name}', the argument 'padding' must be an int or a sequence of 2 or 4 ints, but got "
                        f"{padding!r}.")
    for p in values:
        check_range(p, 0, 2147483647, "padding", name)
    return tuple(int(p) for p in values)  # left, top, right, bottom


def _check_border(mode, name):
    if not isinstance(mode, Border):
        raise TypeError(f"For '{name}', the argument 'padding_mode' must be of type Border, but got {mode!r}.")
    return mode


def pad_image(array, left, top, right, bottom, fill, mode):
    widths = [(top, bottom), (left, right), (0, 0)]
    if mode == Border.CONSTANT:
        out = np.empty((array.shape[0] + top + bottom, array.shape[1] + left + right, array.shape[2]), array.dtype)
        _fill_pixels(out, _fill_for(array, fill))
        out[top:top + array.shape[0], left:left + array.shape[1]] = array
        return out
    return np.pad(array, widths, mode=mode.value)


class Pad(ImageTensorOperation):
    """Pad the borders: `padding` is all sides, (left/right, top/bottom) or (left, top, right, bottom)."""

    def __init__(self, padding, fill_value=0, padding_mode=Border.CONSTANT):
        self.padding = _check_padding(padding, "Pad")
        self.fill_value = _check_fill(fill_value, "Pad")
        self.padding_mode = _check_border(padding_mode, "Pad")

    def _apply(self, image):
        array, was_2d = _image(image, "Pad")
        left, top, right, bottom = self.padding
        return _back(pad_image(array, left, top, right, bottom, self.fill_value, self.padding_mode), was_2d, image)


class PadToSize(ImageTensorOperation):
    """Pad to `size` (height, width); `offset` (top, left) places the image (default: centred)."""

    def __init__(self, size, offset=None, fill_value=0, padding_mode=Border.CONSTANT):
        self.size = _check_size(size, "PadToSize")
        if offset is not None:
            if isinstance(offset, int) and not isinstance(offset, bool):
                offset = (offset, offset)
            if not (isinstance(offset, (list, tuple)) and len(offset) == 2 and
                    all(isinstance(o, int) and o >= 0 for o in offset)):
                raise TypeError(f"For 'PadToSize', offset must be None, an int or (top, left), but got {offset!r}.")
        self.offset = offset
        self.fill_value = _check_fill(fill_value, "PadToSize")
        self.padding_mode = _check_border(padding_mode, "PadToSize")

    def _apply(self, image):
        array, was_2d = _image(image, "PadToSize")
        height, width = self.size if len(self.size) == 2 else self.size * 2
        if height < array.shape[0] or width < array.shape[1]:
            raise ValueError(f"For 'PadToSize', the target size {[height, width]} is smaller than the image "
                             f"{list(array.shape[:2])}.")
        if self.offset is None:
            top, left = (height - array.shape[0]) // 2, (width - array.shape[1]) // 2
        else:
            top, left = self.offset
        bottom, right = height - array.shape[0] - top, width - array.shape[1] - left
        if bottom < 0 or right < 0:
            raise ValueError(f"For 'PadToSize', the offset {self.offset} puts the image outside the size "
                             f"{[height, width]}.")
        return _back(pad_image(array, left, top, right, bottom, self.fill_value, self.padding_mode), was_2d, image)


class RandomCrop(ImageTensorOperation):
    """A crop of `size` at a uniformly random place (after optional padding)."""

    random = True

    def __init__(self, size, padding=None, pad_if_needed=False, fill_value=0, padding_mode=Border.CONSTANT):
        self.size = _check_size(size, "RandomCrop")
        self.padding = _check_padding(padding, "RandomCrop") if padding is not None else (0, 0, 0, 0)
        check_type(pad_if_needed, bool, "pad_if_needed", "RandomCrop")
        self.pad_if_needed = pad_if_needed
        self.fill_value = _check_fill(fill_value, "RandomCrop")
        self.padding_mode = _check_border(padding_mode, "RandomCrop")

    def _apply(self, image):
        array, was_2d = _image(image, "RandomCrop")
        left, top, right, bottom = self.padding
        if any(self.padding):
            array = pad_image(array, left, top, right, bottom, self.fill_value, self.padding_mode)
        height, width = self.size if len(self.size) == 2 else self.size * 2
        if self.pad_if_needed:
            extra_h, extra_w = max(height - array.shape[0], 0), max(width - array.shape[1], 0)
            if extra_h or extra_w:
                array = pad_image(array, extra_w, extra_h, extra_w, extra_h, self.fill_value, self.padding_mode)
        if height > array.shape[0] or width > array.shape[1]:
            raise ValueError(f"For 'RandomCrop', the crop size {[height, width]} is bigger than the image "
                             f"{list(array.shape[:2])}; set pad_if_needed=True or give padding.")
        rng = _random.generator()
        top = int(rng.integers(0, array.shape[0] - height + 1))
        left = int(rng.integers(0, array.shape[1] - width + 1))
        return _back(_crop(array, top, left, height, width), was_2d, image)

    def _padded_shape(self, shape):
        left, top, right, bottom = self.padding
        height, width = self.size if len(self.size) == 2 else self.size * 2
        rows, columns = shape[0] + top + bottom, shape[1] + left + right
        if self.pad_if_needed:
            rows += 2 * max(height - rows, 0)
            columns += 2 * max(width - columns, 0)
        return rows, columns, height, width

    def _batch_plan(self, shape, dtype):
        rows, columns, height, width = self._padded_shape(shape)
        if height > rows or width > columns or np.dtype(dtype).kind not in "uifb":
            return None
        return (height, width, shape[2]), dtype

    def _draw(self, shape):
        rows, columns, height, width = self._padded_shape(shape)
        rng = _random.generator()
        return int(rng.integers(0, rows - height + 1)), int(rng.integers(0, columns - width + 1))

    def _apply_batch(self, batch, draws):
        left, top, right, bottom = self.padding
        height, width = self.size if len(self.size) == 2 else self.size * 2
        if any(self.padding):
            batch = _pad_batch(batch, left, top, right, bottom, self.fill_value, self.padding_mode)
        if self.pad_if_needed:
            extra_h, extra_w = max(height - batch.shape[1], 0), max(width - batch.shape[2], 0)
            if extra_h or extra_w:
                batch = _pad_batch(batch, extra_w, extra_h, extra_w, extra_h, self.fill_value, self.padding_mode)
        return _crop_batch(batch, draws, height, width)


def _crop_batch(batch, corners, height, width):
    """Image `i` of an <N, H, W, C> batch cropped to `height` x `width` at its corner
    `corners[i] = (top, left)`, as one new C-ordered array: one NumPy gather over the windows
    of the batch seen as <N, H, W * C> (a Python loop of N slice copies costs ten times more)."""
    count, rows, columns, channels = batch.shape
    if count == 0:
        return np.empty((0, height, width, channels), batch.dtype)
    flat = np.ascontiguousarray(batch).reshape(count, rows, columns * channels)
    windows = sliding_window_view(flat, (height, width * channels), axis=(1, 2))
    corners = np.asarray(corners, np.intp).reshape(count, 2)
    cropped = windows[np.arange(count), corners[:, 0], corners[:, 1] * channels]
    return cropped.reshape(count, height, width, channels)


def _pad_batch(batch, left, top, right, bottom, fill, mode):
    """`pad_image` of every image of an <N, H, W, C> batch (each padded as on its own)."""
    if mode == Border.CONSTANT:
        out = np.empty((batch.shape[0], batch.shape[1] + top + bottom, batch.shape[2] + left + right,
                        batch.shape[3]), batch.dtype)
        _fill_pixels(out, _fill_for(batch[0], fill))
        out[:, top:top + batch.shape[1], left:left + batch.shape[2]] = batch
        return out
    return np.pad(batch, [(0, 0), (top, bottom), (left, right), (0, 0)], mode=mode.value)


def _crop_box(height, width, scale, ratio, max_attempts, rng):
    """Torchvision/MindSpore's RandomResizedCrop box: area fraction ~ U(scale), log-ratio ~ U(log ratio)."""
    area = height * width
    log_ratio = (math.log(ratio[0]), math.log(ratio[1]))
    for _ in range(max_attempts):
        target = area * rng.uniform(scale[0], scale[1])
        aspect = math.exp(rng.uniform(*log_ratio))
        w = int(round(math.sqrt(target * aspect)))
        h = int(round(math.sqrt(target / aspect)))
        if 0 < w <= width and 0 < h <= height:
            return int(rng.integers(0, height - h + 1)), int(rng.integers(0, width - w + 1)), h, w
    in_ratio = width / height
    if in_ratio < ratio[0]:
        w, h = width, int(round(width / ratio[0]))
    elif in_ratio > ratio[1]:
        h, w = height, int(round(height * ratio[1]))
    else:
        w, h = width, height
    return (height - h) // 2, (width - w) // 2, h, w


def _check_scale_ratio(scale, ratio, name):
    for argument, value in (("scale", scale), ("ratio", ratio)):
        if not (isinstance(value, (list, tuple)) and len(value) == 2 and
                all(isinstance(v, numbers.Number) and not isinstance(v, bool) for v in value)):
            raise TypeError(f"For '{name}', the argument '{argument}' must be a sequence (min, max), but got "
                            f"{value!r}.")
        if value[0] > value[1]:
            raise ValueError(f"For '{name}', the argument '{argument}' must be (min, max) with min <= max, but got "
                             f"{list(value)}.")
    if scale[0] < 0:
        raise ValueError(f"For '{name}', scale must be non-negative, but got {list(scale)}.")
    if ratio[0] <= 0:
        raise ValueError(f"For '{name}', ratio must be positive, but got {list(ratio)}.")


class RandomResizedCrop(ImageTensorOperation):
    """A random box (area fraction in `scale`, aspect ratio in `ratio`) resized to `size`."""

    random = True

    def __init__(self, size, scale=(0.08, 1.0), ratio=(3. / 4., 4. / 3.), interpolation=Inter.BILINEAR,
                 max_attempts=10):
        self.size = _check_size(size, "RandomResizedCrop")
        _check_scale_ratio(scale, ratio, "RandomResizedCrop")
        self.scale, self.ratio = tuple(scale), tuple(ratio)
        self.interpolation = _check_inter(interpolation, "RandomResizedCrop")
        check_type(max_attempts, int, "max_attempts", "RandomResizedCrop")
        check_range(max_attempts, 1, 2147483647, "max_attempts", "RandomResizedCrop")
        self.max_attempts = max_attempts

    def _apply(self, image):
        array, was_2d = _image(image, "RandomResizedCrop")
        top, left, h, w = _crop_box(array.shape[0], array.shape[1], self.scale, self.ratio, self.max_attempts,
                                    _random.generator())
        height, width = self.size if len(self.size) == 2 else self.size * 2
        out = resize_image(_crop(array, top, left, h, w), height, width, self.interpolation)
        return _back(out, was_2d, image)


class RandomCropDecodeResize(RandomResizedCrop):
    """Decode, then RandomResizedCrop (MindSpore fuses them for speed)."""

    def _apply(self, data):
        return super()._apply(Decode()(data))


class ResizedCrop(ImageTensorOperation):
    """The box (top, left, height, width) resized to `size`."""

    def __init__(self, top, left, height, width, size, interpolation=Inter.BILINEAR):
        for name, value, low in (("top", top, 0), ("left", left, 0), ("height", height, 1), ("width", width, 1)):
            check_type(value, int, name, "ResizedCrop")
            check_range(value, low, 2147483647, name, "ResizedCrop")
        self.box = (top, left, height, width)
        self.size = _check_size(size, "ResizedCrop")
        self.interpolation = _check_inter(interpolation, "ResizedCrop")

    def _apply(self, image):
        array, was_2d = _image(image, "ResizedCrop")
        top, left, h, w = self.box
        if top + h > array.shape[0] or left + w > array.shape[1]:
            raise ValueError(f"For 'ResizedCrop', the box {list(self.box)} exceeds the image "
                             f"{list(array.shape[:2])}.")
        height, width = _output_size(h, w, self.size)
        return _back(resize_image(_crop(array, top, left, h, w), height, width, self.interpolation), was_2d, image)


class RandomResize(ImageTensorOperation):
    """Resize with an interpolation chosen at random (nearest, bilinear, bicubic, area)."""

    random = True

    def __init__(self, size):
        self.size = _check_size(size, "RandomResize")

    def _apply(self, image):
        modes = (Inter.NEAREST, Inter.BILINEAR, Inter.BICUBIC, Inter.AREA)
        return Resize(self.size, modes[int(_random.generator().integers(len(modes)))])(image)


class HorizontalFlip(ImageTensorOperation):
    """Mirror left-right."""

    def _apply(self, image):
        array, was_2d = _image(image, "HorizontalFlip")
        return _back(np.ascontiguousarray(array[:, ::-1]), was_2d, image)


class VerticalFlip(ImageTensorOperation):
    """Mirror top-bottom."""

    def _apply(self, image):
        array, was_2d = _image(image, "VerticalFlip")
        return _back(np.ascontiguousarray(array[::-1]), was_2d, image)


class RandomHorizontalFlip(ImageTensorOperation):
    """HorizontalFlip with probability `prob`."""

    random = True

    def __init__(self, prob=0.5):
        self.prob = _check_prob(prob, "RandomHorizontalFlip")

    def _apply(self, image):
        _image(image, "RandomHorizontalFlip")
        return HorizontalFlip()(image) if _random.generator().random() < self.prob else image

    def _batch_plan(self, shape, dtype):
        return shape, dtype

    def _draw(self, shape):
        return bool(_random.generator().random() < self.prob)

    def _apply_batch(self, batch, draws):
        # The batch is the pipeline's own (stacked for this call or made by the operation
        # before): flip in place; the right side is a copy, so no row reads what it overwrites.
        flipped = np.asarray(draws, bool)
        if flipped.any():
            pixels = _as_pixels(batch)
            pixels[flipped] = pixels[flipped][:, :, ::-1]
        return batch


def _as_pixels(batch):
    """An <N, H, W, C> batch as <N, H, W> of whole pixels (one C-byte void each) when its
    channels are contiguous: reversing a row then moves pixels, not C-long inner loops of
    single values (twice as fast); otherwise the batch itself."""
    if batch.ndim != 4 or batch.strides[3] != batch.itemsize or batch.strides[2] != batch.shape[3] * batch.itemsize:
        return batch
    return batch.view(np.dtype((np.void, batch.shape[3] * batch.itemsize)))[..., 0]


class RandomVerticalFlip(ImageTensorOperation):
    """VerticalFlip with probability `prob`."""

    random = True

    def __init__(self, prob=0.5):
        self.prob = _check_prob(prob, "RandomVerticalFlip")

    def _apply(self, image):
        _image(image, "RandomVerticalFlip")
        return VerticalFlip()(image) if _random.generator().random() < self.prob else image

    def _batch_plan(self, shape, dtype):
        return shape, dtype

    def _draw(self, shape):
        return bool(_random.generator().random() < self.prob)

    def _apply_batch(self, batch, draws):
        # The batch is the pipeline's own (stacked for this call or made by the operation
        # before): flip in place; the right side is a copy, so no row reads what it overwrites.
        flipped = np.asarray(draws, bool)
        if flipped.any():
            batch[flipped] = batch[flipped][:, ::-1]
        return batch


def _pil_resample(interpolation):
    from PIL import Image
    return {Inter.NEAREST: Image.NEAREST, Inter.BILINEAR: Image.BILINEAR, Inter.BICUBIC: Image.BICUBIC,
            Inter.AREA: Image.BOX, Inter.ANTIALIAS: Image.LANCZOS, Inter.PILCUBIC: Image.BICUBIC}[interpolation]


def _per_channel_pil(array, function):
    """Run a Pillow operation on each channel (works for any channel count)."""
    from PIL import Image
    if array.dtype != np.uint8:
        raise TypeError(f"the image must be uint8 for this transform, but got {array.dtype}.")
    if array.shape[2] == 3:
        return np.asarray(function(Image.fromarray(array)))
    return np.stack([np.asarray(function(Image.fromarray(array[:, :, c]))) for c in range(array.shape[2])], axis=2)


def _check_degrees(degrees, name, symmetric=True):
    if isinstance(degrees, numbers.Number) and not isinstance(degrees, bool):
        if symmetric:
            if degrees < 0:
                raise ValueError(f"For '{name}', a single 'degrees' must be non-negative, but got {degrees}.")
            return (-float(degrees), float(degrees))
        return float(degrees)
    if isinstance(degrees, (list, tuple)) and len(degrees) == 2 and all(
            isinstance(d, numbers.Number) for d in degrees):
        if degrees[0] > degrees[1]:
            raise ValueError(f"For '{name}', degrees must be (min, max) with min <= max, but got {list(degrees)}.")
        return (float(degrees[0]), float(degrees[1]))
    raise TypeError(f"For '{name}', the argument 'degrees' must be a number or (min, max), but got {degrees!r}.")


def _check_center(center, name):
    if center is None:
        return None
    if isinstance(center, (list, tuple)) and len(center) == 2 and all(isinstance(c, numbers.Number) for c in center):
        return tuple(center)
    raise TypeError(f"For '{name}', center must be None or (x, y), but got {center!r}.")


def rotate_image(array, degrees, resample, expand, center, fill):
    fill_pixel = tuple(int(v) for v in _fill_for(array, fill)) if array.shape[2] == 3 else int(fill[0])
    return _per_channel_pil(array, lambda im: im.rotate(degrees, resample=_pil_resample(resample), expand=expand,
                                                          center=center, fillcolor=fill_pixel))


class Rotate(ImageTensorOperation):
    """Rotate counter-clockwise by `degrees` (about `center`, default the image centre)."""

    def __init__(self, degrees, resample=Inter.NEAREST, expand=False, center=None, fill_value=0):
        check_type(degrees, numbers.Number, "degrees", "Rotate")
        self.degrees = float(degrees)
        self.resample = _check_inter(resample, "Rotate", "resample")
        check_type(expand, bool, "expand", "Rotate")
        self.expand, self.center = expand, _check_center(center, "Rotate")
        self.fill_value = _check_fill(fill_value, "Rotate")

    def _apply(self, image):
        array, was_2d = _uint8(image, "Rotate")
        return _back(rotate_image(array, self.degrees, self.resample, self.expand, self.center, self.fill_value),
                     was_2d, image)


class RandomRotation(ImageTensorOperation):
    """Rotate by an angle drawn uniformly from `degrees` ((-d, d) for a number)."""

    random = True

    def __init__(self, degrees, resample=Inter.NEAREST, expand=False, center=None, fill_value=0):
        self.degrees = _check_degrees(degrees, "RandomRotation")
        self.resample = _check_inter(resample, "RandomRotation", "resample")
        check_type(expand, bool, "expand", "RandomRotation")
        self.expand, self.center = expand, _check_center(center, "RandomRotation")
        self.fill_value = _check_fill(fill_value, "RandomRotation")

    def _apply(self, image):
        array, was_2d = _uint8(image, "RandomRotation")
        angle = float(_random.generator().uniform(*self.degrees))
        return _back(rotate_image(array, angle, self.resample, self.expand, self.center, self.fill_value),
                     was_2d, image)


def _affine_matrix(center, angle, translate, scale, shear):
    """The inverse affine map (output -> input) of torchvision's/MindSpore's Affine, for Pillow."""
    cx, cy = center
    tx, ty = translate
    rot = math.radians(angle)
    sx, sy = math.radians(shear[0]), math.radians(shear[1])
    a = math.cos(rot - sy) / math.cos(sy)
    b = -math.cos(rot - sy) * math.tan(sx) / math.cos(sy) - math.sin(rot)
    c = math.sin(rot - sy) / math.cos(sy)
    d = -math.sin(rot - sy) * math.tan(sx) / math.cos(sy) + math.cos(rot)
    matrix = [d, -b, 0.0, -c, a, 0.0]
    matrix = [x / scale for x in matrix]
    matrix[2] += matrix[0] * (-cx - tx) + matrix[1] * (-cy - ty)
    matrix[5] += matrix[3] * (-cx - tx) + matrix[4] * (-cy - ty)
    matrix[2] += cx
    matrix[5] += cy
    return matrix


def affine_image(array, angle, translate, scale, shear, resample, fill):
    from PIL import Image
    center = (array.shape[1] * 0.5, array.shape[0] * 0.5)
    matrix = _affine_matrix(center, -angle, translate, scale, shear)
    fill_pixel = tuple(int(v) for v in _fill_for(array, fill)) if array.shape[2] == 3 else int(fill[0])
    return _per_channel_pil(array, lambda im: im.transform(im.size, Image.AFFINE, matrix,
                                                             resample=_pil_resample(resample), fillcolor=fill_pixel))


def _check_shear(shear, name):
    if isinstance(shear, numbers.Number):
        return (float(shear), 0.0)
    if isinstance(shear, (list, tuple)) and len(shear) in (1, 2) and all(isinstance(s, numbers.Number) for s in shear):
        return (float(shear[0]), float(shear[1]) if len(shear) == 2 else 0.0)
    raise TypeError(f"For '{name}', shear must be a number or a sequence of 1 or 2 numbers, but got {shear!r}.")


class Affine(ImageTensorOperation):
    """Rotation by `degrees` clockwise, translation by `translate` (fractions of width and
    height), scale and shear (degrees) about the centre, as MindSpore's Affine."""

    def __init__(self, degrees, translate, scale, shear, resample=Inter.NEAREST, fill_value=0):
        check_type(degrees, numbers.Number, "degrees", "Affine")
        check_range(degrees, -180, 180, "degrees", "Affine")
        if not (isinstance(translate, (list, tuple)) and len(translate) == 2 and
                all(isinstance(t, numbers.Number) for t in translate)):
            raise TypeError(f"For 'Affine', translate must be (x, y), but got {translate!r}.")
        for k, t in enumerate(translate):
            check_range(t, -1.0, 1.0, f"translate[{k}]", "Affine")
        check_type(scale, numbers.Number, "scale", "Affine")
        if scale <= 0:
            raise ValueError(f"For 'Affine', scale must be positive, but got {scale}.")
        self.degrees, self.translate, self.scale = float(degrees), tuple(translate), float(scale)
        self.shear = _check_shear(shear, "Affine")
        self.resample = _check_inter(resample, "Affine", "resample")
        self.fill_value = _check_fill(fill_value, "Affine")

    def _apply(self, image):
        array, was_2d = _uint8(image, "Affine")
        shift = (self.translate[0] * array.shape[1], self.translate[1] * array.shape[0])
        out = affine_image(array, -self.degrees, shift, self.scale, self.shear, self.resample, self.fill_value)
        return _back(out, was_2d, image)


class RandomAffine(ImageTensorOperation):
    """Affine with parameters drawn uniformly: angle in `degrees`, translation as fractions of
    the size, scale in `scale`, shear in `shear`."""

    random = True

    def __init__(self, degrees, translate=None, scale=None, shear=None, resample=Inter.NEAREST, fill_value=0):
        self.degrees = _check_degrees(degrees, "RandomAffine")
        if translate is not None and not (isinstance(translate, (list, tuple)) and len(translate) in (2, 4) and
                                          all(-1 <= t <= 1 for t in translate)):
            raise ValueError(f"For 'RandomAffine', translate must be 2 or 4 fractions in [-1, 1], but got "
                             f"{translate!r}.")
        if scale is not None:
            _check_range_pair(scale, "RandomAffine", "scale", 0, 1e9)
            if isinstance(scale, numbers.Number) or scale[0] <= 0 and scale[1] <= 0:
                raise ValueError(f"For 'RandomAffine', scale must be (min, max) with positive values, but got "
                                 f"{scale!r}.")
        if shear is not None:
            if isinstance(shear, numbers.Number):
                shear = (-abs(shear), abs(shear))
            if not (isinstance(shear, (list, tuple)) and len(shear) in (2, 4)):
                raise TypeError(f"For 'RandomAffine', shear must be a number or 2 or 4 numbers, but got {shear!r}.")
        self.translate, self.scale, self.shear = translate, scale, shear
        self.resample = _check_inter(resample, "RandomAffine", "resample")
        self.fill_value = _check_fill(fill_value, "RandomAffine")

    def _apply(self, image):
        array, was_2d = _uint8(image, "RandomAffine")
        rng = _random.generator()
        angle = float(rng.uniform(*self.degrees))
        tx = ty = 0.0
        if self.translate is not None:
            x_range = self.translate[:2]
            y_range = self.translate[2:] if len(self.translate) == 4 else (0.0, 0.0)
            tx = round(float(rng.uniform(*sorted(x_range))) * array.shape[1])
            ty = round(float(rng.uniform(*sorted(y_range))) * array.shape[0])
        scale = float(rng.uniform(*self.scale)) if self.scale is not None else 1.0
        shear = (0.0, 0.0)
        if self.shear is not None:
            shear = (float(rng.uniform(*self.shear[:2])),
                     float(rng.uniform(*self.shear[2:])) if len(self.shear) == 4 else 0.0)
        out = affine_image(array, -angle, (tx, ty), scale, shear, self.resample, self.fill_value)
        return _back(out, was_2d, image)


def _perspective_coefficients(start_points, end_points):
    matrix, vector = [], []
    for (x, y), (u, v) in zip(end_points, start_points):
        matrix.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        matrix.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        vector += [u, v]
    return np.linalg.solve(np.asarray(matrix, np.float64), np.asarray(vector, np.float64)).tolist()


def _check_points(points, name, argument):
    if not (isinstance(points, (list, tuple)) and len(points) == 4 and all(
            isinstance(p, (list, tuple)) and len(p) == 2 for p in points)):
        raise TypeError(f"For '{name}', {argument} must be four (x, y) points, but got {points!r}.")
    return [tuple(p) for p in points]


def perspective_image(array, start_points, end_points, interpolation):
    from PIL import Image
    coefficients = _perspective_coefficients(start_points, end_points)
    return _per_channel_pil(array, lambda im: im.transform(im.size, Image.PERSPECTIVE, coefficients,
                                                             resample=_pil_resample(interpolation)))


class Perspective(ImageTensorOperation):
    """The perspective map taking `start_points` to `end_points` (four corners each)."""

    def __init__(self, start_points, end_points, interpolation=Inter.BILINEAR):
        self.start_points = _check_points(start_points, "Perspective", "start_points")
        self.end_points = _check_points(end_points, "Perspective", "end_points")
        self.interpolation = _check_inter(interpolation, "Perspective")

    def _apply(self, image):
        array, was_2d = _uint8(image, "Perspective")
        return _back(perspective_image(array, self.start_points, self.end_points, self.interpolation), was_2d,
                     image)


class RandomPerspective(ImageTensorOperation):
    """With probability `prob`, a perspective map moving each corner by up to `distortion_scale`/2."""

    random = True

    def __init__(self, distortion_scale=0.5, prob=0.5, interpolation=Inter.BICUBIC):
        check_type(distortion_scale, (int, float), "distortion_scale", "RandomPerspective")
        check_range(distortion_scale, 0.0, 1.0, "distortion_scale", "RandomPerspective")
        self.distortion_scale, self.prob = float(distortion_scale), _check_prob(prob, "RandomPerspective")
        self.interpolation = _check_inter(interpolation, "RandomPerspective")

    def _apply(self, image):
        array, was_2d = _uint8(image, "RandomPerspective")
        rng = _random.generator()
        if rng.random() >= self.prob:
            return image
        h, w = array.shape[:2]
        dh, dw = int(self.distortion_scale * h / 2), int(self.distortion_scale * w / 2)
        start = [(0, 0), (w - 1, 0), (w - 1, h - 1), (0, h - 1)]
        end = [(int(rng.integers(0, dw + 1)), int(rng.integers(0, dh + 1))),
               (w - 1 - int(rng.integers(0, dw + 1)), int(rng.integers(0, dh + 1))),
               (w - 1 - int(rng.integers(0, dw + 1)), h - 1 - int(rng.integers(0, dh + 1))),
               (int(rng.integers(0, dw + 1)), h - 1 - int(rng.integers(0, dh + 1)))]
        return _back(perspective_image(array, start, end, self.interpolation), was_2d, image)


def _five_crops(array, height, width):
    h, w = array.shape[:2]
    if height > h or width > w:
        raise ValueError(f"the crop size {[height, width]} is bigger than the image {[h, w]}.")
    center = CenterCrop((height, width))._apply(array)
    return (array[:height, :width], array[:height, w - width:], array[h - height:, :width],
            array[h - height:, w - width:], center)


class FiveCrop(ImageTensorOperation):
    """The four corner crops and the centre crop (top-left, top-right, bottom-left, bottom-right, centre)."""

    def __init__(self, size):
        self.size = _check_size(size, "FiveCrop")

    def _apply(self, image):
        array, was_2d = _image(image, "FiveCrop")
        height, width = self.size if len(self.size) == 2 else self.size * 2
        return tuple(_back(c, was_2d, image) for c in _five_crops(array, height, width))


class TenCrop(ImageTensorOperation):
    """FiveCrop of the image and of its mirror (vertical if `use_vertical_flip`)."""

    def __init__(self, size, use_vertical_flip=False):
        self.size = _check_size(size, "TenCrop")
        check_type(use_vertical_flip, bool, "use_vertical_flip", "TenCrop")
        self.use_vertical_flip = use_vertical_flip

    def _apply(self, image):
        array, was_2d = _image(image, "TenCrop")
        height, width = self.size if len(self.size) == 2 else self.size * 2
        mirrored = array[::-1] if self.use_vertical_flip else array[:, ::-1]
        crops = _five_crops(array, height, width) + _five_crops(np.ascontiguousarray(mirrored), height, width)
        return tuple(_back(c, was_2d, image) for c in crops)


class SlicePatches(ImageTensorOperation):
    """The image cut into `num_height` x `num_width` patches (PAD: pad to a multiple first)."""

    def __init__(self, num_height=1, num_width=1, slice_mode=SliceMode.PAD, fill_value=0):
        for name, value in (("num_height", num_height), ("num_width", num_width)):
            check_type(value, int, name, "SlicePatches")
            check_range(value, 1, 512, name, "SlicePatches")
        if not isinstance(slice_mode, SliceMode):
            raise TypeError(f"For 'SlicePatches', slice_mode must be a SliceMode, but got {slice_mode!r}.")
        check_type(fill_value, int, "fill_value", "SlicePatches")
        check_range(fill_value, 0, 255, "fill_value", "SlicePatches")
        self.num_height, self.num_width, self.slice_mode, self.fill_value = num_height, num_width, slice_mode, \
            fill_value

    def _apply(self, image):
        array, was_2d = _image(image, "SlicePatches")
        h, w = array.shape[:2]
        if self.slice_mode == SliceMode.PAD:
            ph, pw = -(-h // self.num_height), -(-w // self.num_width)
            array = pad_image(array, 0, 0, pw * self.num_width - w, ph * self.num_height - h,
                              (self.fill_value,) * 3, Border.CONSTANT)
        else:
            ph, pw = h // self.num_height, w // self.num_width
        return tuple(_back(array[i * ph:(i + 1) * ph, j * pw:(j + 1) * pw], was_2d)
                     for i in range(self.num_height) for j in range(self.num_width))


# ----------------------------------------------------------------------------- colour

def _rgb(value, name):
    array, was_2d = _uint8(value, name)
    if array.shape[2] != 3:
        raise ValueError(f"For '{name}', the image must have 3 channels (RGB), but got {array.shape[2]}.")
    return array, was_2d


def adjust_brightness(array, factor):
    return _round_half_even_uint8(array.astype(np.float32) * np.float32(factor))


def _add_weighted(first, alpha, second):
    """OpenCV's addWeighted for uint8 as its SIMD kernel computes it: float32 weights (the
    second `1 - alpha` in float32), `fma(second, beta, float32(first * alpha))`, then
    rounding half to even. (The product of a uint8 and a float32 is exact in float64, so
    the float64 sum rounded to float32 is the fused multiply-add.)"""
    alpha = np.float32(alpha)
    beta = np.float32(1.0) - alpha
    scaled = (first.astype(np.float32) * alpha).astype(np.float64)
    fused = (scaled + second.astype(np.float64) * np.float64(beta)).astype(np.float32)
    return _round_half_even_uint8(fused)


def adjust_contrast(array, factor):
    # MindSpore blends with a uint8 image filled with the grey mean (so the mean is rounded).
    mean = np.rint(_gray_fixed(array).mean())
    return _add_weighted(array, factor, np.full(array.shape, mean, np.float32))


def adjust_saturation(array, factor):
    return _add_weighted(array, factor, _gray_fixed(array)[:, :, None])


def _rgb_to_hsv(rgb):
    """Float RGB in [0, 1] to HSV in [0, 1] (hue as a fraction of the circle)."""
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    high, low = rgb.max(-1), rgb.min(-1)
    span = high - low
    v = high
    s = np.where(high > 0, span / np.where(high > 0, high, 1), 0)
    safe = np.where(span > 0, span, 1)
    h = np.where(high == r, (g - b) / safe, np.where(high == g, 2.0 + (b - r) / safe, 4.0 + (r - g) / safe))
    h = np.where(span > 0, (h / 6.0) % 1.0, 0.0)
    return np.stack([h, s, v], -1)


def _hsv_to_rgb(hsv):
    h, s, v = hsv[..., 0], hsv[..., 1], hsv[..., 2]
    i = np.floor(h * 6.0)
    f = h * 6.0 - i
    p, q, t = v * (1 - s), v * (1 - s * f), v * (1 - s * (1 - f))
    i = i.astype(np.int64) % 6
    choices = [np.stack(c, -1) for c in ((v, t, p), (q, v, p), (p, v, t), (p, q, v), (t, p, v), (v, p, q))]
    out = np.zeros(hsv.shape, np.float64)
    for k, choice in enumerate(choices):
        out = np.where((i == k)[..., None], choice, out)
    return out


def adjust_hue(array, factor):
    hsv = _rgb_to_hsv(array.astype(np.float64) / 255.0)
    hsv[..., 0] = (hsv[..., 0] + factor) % 1.0
    return _round_half_even_uint8(_hsv_to_rgb(hsv) * 255.0)


class AdjustBrightness(ImageTensorOperation):
    """Every pixel times `brightness_factor` (rounded, saturated)."""

    def __init__(self, brightness_factor):
        check_type(brightness_factor, (int, float), "brightness_factor", "AdjustBrightness")
        check_range(brightness_factor, 0, 16777216, "brightness_factor", "AdjustBrightness")
        self.brightness_factor = float(brightness_factor)

    def _apply(self, image):
        array, was_2d = _rgb(image, "AdjustBrightness")
        return _back(adjust_brightness(array, self.brightness_factor), was_2d, image)


class AdjustContrast(ImageTensorOperation):
    """Blend with the mean grey level: `f * x + (1 - f) * mean(grey)`."""

    def __init__(self, contrast_factor):
        check_type(contrast_factor, (int, float), "contrast_factor", "AdjustContrast")
        check_range(contrast_factor, 0, 16777216, "contrast_factor", "AdjustContrast")
        self.contrast_factor = float(contrast_factor)

    def _apply(self, image):
        array, was_2d = _rgb(image, "AdjustContrast")
        return _back(adjust_contrast(array, self.contrast_factor), was_2d, image)


class AdjustSaturation(ImageTensorOperation):
    """Blend with the grey image: `f * x + (1 - f) * grey`."""

    def __init__(self, saturation_factor):
        check_type(saturation_factor, (int, float), "saturation_factor", "AdjustSaturation")
        check_range(saturation_factor, 0, 16777216, "saturation_factor", "AdjustSaturation")
        self.saturation_factor = float(saturation_factor)

    def _apply(self, image):
        array, was_2d = _rgb(image, "AdjustSaturation")
        return _back(adjust_saturation(array, self.saturation_factor), was_2d, image)


class AdjustHue(ImageTensorOperation):
    """Shift the hue by `hue_factor` of a full turn (in [-0.5, 0.5])."""

    def __init__(self, hue_factor):
        check_type(hue_factor, (int, float), "hue_factor", "AdjustHue")
        check_range(hue_factor, -0.5, 0.5, "hue_factor", "AdjustHue")
        self.hue_factor = float(hue_factor)

    def _apply(self, image):
        array, was_2d = _rgb(image, "AdjustHue")
        return _back(adjust_hue(array, self.hue_factor), was_2d, image)


class AdjustGamma(ImageTensorOperation):
    """`255 * gain * (x / 255) ** gamma` (floats: `gain * x ** gamma`)."""

    def __init__(self, gamma, gain=1):
        check_type(gamma, (int, float), "gamma", "AdjustGamma")
        check_type(gain, (int, float), "gain", "AdjustGamma")
        if gamma < 0:
            raise ValueError(f"For 'AdjustGamma', gamma must be non-negative, but got {gamma}.")
        self.gamma, self.gain = float(gamma), float(gain)

    def _apply(self, image):
        array, was_2d = _image(image, "AdjustGamma")
        if array.dtype == np.uint8:
            table = _round_half_even_uint8(255.0 * self.gain * (np.arange(256) / 255.0) ** self.gamma)
            return _back(table[array], was_2d, image)
        return _back((self.gain * np.power(array.astype(np.float32), self.gamma)).astype(array.dtype), was_2d, image)


def adjust_sharpness(array, factor):
    from PIL import ImageEnhance
    return _per_channel_pil(array, lambda im: ImageEnhance.Sharpness(im).enhance(factor))


class AdjustSharpness(ImageTensorOperation):
    """Blend with a smoothed image: 0 blurs, 1 keeps, 2 sharpens."""

    def __init__(self, sharpness_factor):
        check_type(sharpness_factor, (int, float), "sharpness_factor", "AdjustSharpness")
        check_range(sharpness_factor, 0, 16777216, "sharpness_factor", "AdjustSharpness")
        self.sharpness_factor = float(sharpness_factor)

    def _apply(self, image):
        array, was_2d = _uint8(image, "AdjustSharpness")
        return _back(adjust_sharpness(array, self.sharpness_factor), was_2d, image)


def _factor_range(value, name, argument, center=1.0, low=0.0, high=16777216):
    if isinstance(value, numbers.Number) and not isinstance(value, bool):
        if value < 0:
            raise ValueError(f"For '{name}', '{argument}' must be non-negative, but got {value}.")
        return (max(center - value, low), center + value)
    return _check_range_pair(value, name, argument, low, high)


class RandomColorAdjust(ImageTensorOperation):
    """Brightness, contrast, saturation factors and hue shift drawn uniformly from their ranges,
    applied in a random order (a number v means (max(0, 1 - v), 1 + v); hue v means (-v, v))."""

    random = True

    def __init__(self, brightness=(1, 1), contrast=(1, 1), saturation=(1, 1), hue=(0, 0)):
        self.brightness = _factor_range(brightness, "RandomColorAdjust", "brightness")
        self.contrast = _factor_range(contrast, "RandomColorAdjust", "contrast")
        self.saturation = _factor_range(saturation, "RandomColorAdjust", "saturation")
        if isinstance(hue, numbers.Number) and not isinstance(hue, bool):
            check_range(hue, 0, 0.5, "hue", "RandomColorAdjust")
            hue = (-hue, hue)
        self.hue = _check_range_pair(hue, "RandomColorAdjust", "hue", -0.5, 0.5)

    def _apply(self, image):
        array, was_2d = _rgb(image, "RandomColorAdjust")
        rng = _random.generator()
        steps = [(adjust_brightness, self.brightness, (1, 1)), (adjust_contrast, self.contrast, (1, 1)),
                 (adjust_saturation, self.saturation, (1, 1)), (adjust_hue, self.hue, (0, 0))]
        for k in rng.permutation(4):
            function, bounds, identity = steps[k]
            if tuple(bounds) != identity:
                array = function(array, float(rng.uniform(*bounds)))
        return _back(array, was_2d, image)


class RandomColor(ImageTensorOperation):
    """AdjustSaturation by a factor drawn uniformly from `degrees`."""

    random = True

    def __init__(self, degrees=(0.1, 1.9)):
        self.degrees = _check_range_pair(degrees, "RandomColor", "degrees", 0, 16777216)

    def _apply(self, image):
        array, was_2d = _rgb(image, "RandomColor")
        return _back(adjust_saturation(array, float(_random.generator().uniform(*self.degrees))), was_2d, image)


class RandomSharpness(ImageTensorOperation):
    """AdjustSharpness by a factor drawn uniformly from `degrees`."""

    random = True

    def __init__(self, degrees=(0.1, 1.9)):
        self.degrees = _check_range_pair(degrees, "RandomSharpness", "degrees", 0, 16777216)

    def _apply(self, image):
        array, was_2d = _uint8(image, "RandomSharpness")
        return _back(adjust_sharpness(array, float(_random.generator().uniform(*self.degrees))), was_2d, image)


class RandomAdjustSharpness(ImageTensorOperation):
    """AdjustSharpness(degree) with probability `prob`."""

    random = True

    def __init__(self, degree, prob=0.5):
        check_type(degree, (int, float), "degree", "RandomAdjustSharpness")
        if degree < 0:
            raise ValueError(f"For 'RandomAdjustSharpness', degree must be non-negative, but got {degree}.")
        self.degree, self.prob = float(degree), _check_prob(prob, "RandomAdjustSharpness")

    def _apply(self, image):
        array, was_2d = _uint8(image, "RandomAdjustSharpness")
        if _random.generator().random() >= self.prob:
            return image
        return _back(adjust_sharpness(array, self.degree), was_2d, image)


class ConvertColor(ImageTensorOperation):
    """Change the colour space (channel order, alpha, grey) like OpenCV's cvtColor."""

    def __init__(self, convert_mode):
        if not isinstance(convert_mode, ConvertMode):
            raise TypeError(f"For 'ConvertColor', convert_mode must be a ConvertMode, but got {convert_mode!r}.")
        self.convert_mode = convert_mode

    def _apply(self, image):
        array, was_2d = _uint8(image, "ConvertColor")
        mode, channels = self.convert_mode, array.shape[2]
        need = {0: 3, 1: 4, 2: 3, 3: 4, 4: 3, 5: 4, 6: 3, 7: 3, 8: 1, 9: 1, 10: 4, 11: 4}[int(mode)]
        if channels != need:
            raise ValueError(f"For 'ConvertColor', {mode.name} needs an image of {need} channels, but got "
                             f"{channels}.")
        alpha = np.full(array.shape[:2] + (1,), 255, np.uint8)
        if mode == 0:
            out = np.concatenate([array, alpha], 2)
        elif mode == 1:
            out = array[:, :, :3]
        elif mode == 2:
            out = np.concatenate([array[:, :, ::-1], alpha], 2)
        elif mode == 3:
            out = array[:, :, 2::-1]
        elif mode == 4:
            out = array[:, :, ::-1]
        elif mode == 5:
            out = array[:, :, [2, 1, 0, 3]]
        elif mode == 6:
            out = _gray_fixed(array[:, :, ::-1])
        elif mode == 7:
            out = _gray_fixed(array)
        elif mode == 8:
            out = np.repeat(array, 3, 2)
        elif mode == 9:
            out = np.concatenate([np.repeat(array, 3, 2), alpha], 2)
        elif mode == 10:
            out = _gray_fixed(array[:, :, 2::-1])
        else:
            out = _gray_fixed(array[:, :, :3])
        return np.ascontiguousarray(out)


class Grayscale(ImageTensorOperation):
    """Grey (Pillow's 'L' weights), with 1 or 3 output channels."""

    def __init__(self, num_output_channels=1):
        if num_output_channels not in (1, 3):
            raise ValueError(f"For 'Grayscale', num_output_channels must be 1 or 3, but got {num_output_channels}.")
        self.num_output_channels = num_output_channels

    def _apply(self, image):
        from PIL import Image
        pil = image if _is_pil(image) else Image.fromarray(_rgb(image, "Grayscale")[0])
        gray = pil.convert("L")
        if self.num_output_channels == 3:
            gray = gray.convert("RGB")
        return gray if _is_pil(image) else np.asarray(gray)


class RandomGrayscale(ImageTensorOperation):
    """Grayscale (keeping the channel count) with probability `prob`."""

    random = True

    def __init__(self, prob=0.1):
        self.prob = _check_prob(prob, "RandomGrayscale")

    def _apply(self, image):
        if _random.generator().random() >= self.prob:
            return image
        channels = len(image.getbands()) if _is_pil(image) else _image(image, "RandomGrayscale")[0].shape[2]
        return Grayscale(3 if channels == 3 else 1)(image)


class Invert(ImageTensorOperation):
    """`255 - x`."""

    def _apply(self, image):
        array, was_2d = _uint8(image, "Invert")
        return _back(255 - array, was_2d, image)


class RandomInvert(ImageTensorOperation):
    random = True

    def __init__(self, prob=0.5):
        self.prob = _check_prob(prob, "RandomInvert")

    def _apply(self, image):
        _uint8(image, "RandomInvert")
        return Invert()(image) if _random.generator().random() < self.prob else image


class Posterize(ImageTensorOperation):
    """Keep the `bits` high bits of each channel."""

    def __init__(self, bits):
        check_type(bits, int, "bits", "Posterize")
        check_range(bits, 0, 8, "bits", "Posterize")
        self.bits = bits

    def _apply(self, image):
        array, was_2d = _uint8(image, "Posterize")
        mask = np.uint8((0xFF << (8 - self.bits)) & 0xFF)
        return _back(array & mask, was_2d, image)


class RandomPosterize(ImageTensorOperation):
    random = True

    def __init__(self, bits=(8, 8)):
        if isinstance(bits, int):
            bits = (bits, bits)
        self.bits = _check_range_pair(tuple(bits), "RandomPosterize", "bits", 1, 8)

    def _apply(self, image):
        return Posterize(int(_random.generator().integers(self.bits[0], self.bits[1] + 1)))(image)


class Solarize(ImageTensorOperation):
    """Invert the pixels within `threshold` (a number t means [t, 255])."""

    def __init__(self, threshold):
        if isinstance(threshold, numbers.Number) and not isinstance(threshold, bool):
            threshold = (threshold, 255)
        self.threshold = _check_range_pair(tuple(threshold), "Solarize", "threshold", 0, 255)

    def _apply(self, image):
        array, was_2d = _uint8(image, "Solarize")
        low, high = self.threshold
        inside = (array >= low) & (array <= high)
        return _back(np.where(inside, 255 - array, array).astype(np.uint8), was_2d, image)


class RandomSolarize(ImageTensorOperation):
    random = True

    def __init__(self, threshold=(0, 255)):
        self.threshold = _check_range_pair(tuple(threshold), "RandomSolarize", "threshold", 0, 255)

    def _apply(self, image):
        rng = _random.generator()
        low, high = sorted(int(rng.integers(self.threshold[0], self.threshold[1] + 1)) for _ in range(2))
        return Solarize((low, high))(image)


def equalize(array):
    out = np.empty_like(array)
    for c in range(array.shape[2]):
        channel = array[:, :, c]
        hist = np.bincount(channel.reshape(-1), minlength=256)
        first = int(np.flatnonzero(hist)[0])
        total = channel.size
        if hist[first] == total:
            out[:, :, c] = first
            continue
        scale = np.float32(255.0 / (total - hist[first]))
        lut = np.zeros(256, np.uint8)
        running = np.cumsum(hist[first + 1:]).astype(np.float32)
        lut[first + 1:] = _round_half_even_uint8(running * scale)
        out[:, :, c] = lut[channel]
    return out


class Equalize(ImageTensorOperation):
    """Histogram equalisation per channel (OpenCV's equalizeHist)."""

    def _apply(self, image):
        array, was_2d = _uint8(image, "Equalize")
        return _back(equalize(array), was_2d, image)


class RandomEqualize(ImageTensorOperation):
    random = True

    def __init__(self, prob=0.5):
        self.prob = _check_prob(prob, "RandomEqualize")

    def _apply(self, image):
        _uint8(image, "RandomEqualize")
        return Equalize()(image) if _random.generator().random() < self.prob else image


def auto_contrast(array, cutoff, ignore):
    out = np.empty_like(array)
    for c in range(array.shape[2]):
        channel = array[:, :, c]
        hist = np.bincount(channel.reshape(-1), minlength=256).astype(np.int64)
        if ignore is not None:
            hist[list(ignore)] = 0
        if cutoff:
            cut = int(hist.sum() * cutoff / 100)
            for direction in (range(256), range(255, -1, -1)):
                remaining = cut
                for i in direction:
                    take = min(remaining, hist[i])
                    hist[i] -= take
                    remaining -= take
                    if remaining <= 0:
                        break
        present = np.flatnonzero(hist)
        if present.size == 0 or present[0] >= present[-1]:
            out[:, :, c] = channel
            continue
        low, high = int(present[0]), int(present[-1])
        scale = 255.0 / (high - low)
        lut = np.clip(((np.arange(256) - low) * scale).astype(np.int64), 0, 255).astype(np.uint8)
        out[:, :, c] = lut[channel]
    return out


def _check_cutoff_ignore(cutoff, ignore, name):
    check_type(cutoff, (int, float), "cutoff", name)
    check_range(cutoff, 0, 50, "cutoff", name, high_open=True)
    if ignore is not None:
        if isinstance(ignore, int):
            ignore = [ignore]
        if not isinstance(ignore, (list, tuple)) or not all(isinstance(i, int) and 0 <= i <= 255 for i in ignore):
            raise TypeError(f"For '{name}', ignore must be an int or a list of ints in [0, 255], but got {ignore!r}.")
    return cutoff, ignore


class AutoContrast(ImageTensorOperation):
    """Stretch each channel so its darkest (after `cutoff` %) pixel is 0 and brightest 255."""

    def __init__(self, cutoff=0.0, ignore=None):
        self.cutoff, self.ignore = _check_cutoff_ignore(cutoff, ignore, "AutoContrast")

    def _apply(self, image):
        array, was_2d = _uint8(image, "AutoContrast")
        return _back(auto_contrast(array, self.cutoff, self.ignore), was_2d, image)


class RandomAutoContrast(ImageTensorOperation):
    random = True

    def __init__(self, cutoff=0.0, ignore=None, prob=0.5):
        self.cutoff, self.ignore = _check_cutoff_ignore(cutoff, ignore, "RandomAutoContrast")
        self.prob = _check_prob(prob, "RandomAutoContrast")

    def _apply(self, image):
        _uint8(image, "RandomAutoContrast")
        if _random.generator().random() >= self.prob:
            return image
        return AutoContrast(self.cutoff, self.ignore)(image)


class RgbToHsv(ImageTensorOperation):
    """RGB to HSV, all channels in [0, 1] for floats (`is_hwc=False`: <C, H, W>)."""

    def __init__(self, is_hwc=False):
        check_type(is_hwc, bool, "is_hwc", "RgbToHsv")
        self.is_hwc = is_hwc

    def _apply(self, image):
        array = as_array(image, "RgbToHsv")
        hwc = array if self.is_hwc else np.moveaxis(array, 0, -1)
        if hwc.shape[-1] != 3:
            raise ValueError(f"For 'RgbToHsv', the image must have 3 channels, but got shape {list(array.shape)}.")
        out = _rgb_to_hsv(hwc.astype(np.float64))
        return out if self.is_hwc else np.moveaxis(out, -1, 0)


class HsvToRgb(ImageTensorOperation):
    def __init__(self, is_hwc=False):
        check_type(is_hwc, bool, "is_hwc", "HsvToRgb")
        self.is_hwc = is_hwc

    def _apply(self, image):
        array = as_array(image, "HsvToRgb")
        hwc = array if self.is_hwc else np.moveaxis(array, 0, -1)
        if hwc.shape[-1] != 3:
            raise ValueError(f"For 'HsvToRgb', the image must have 3 channels, but got shape {list(array.shape)}.")
        out = _hsv_to_rgb(hwc.astype(np.float64))
        return out if self.is_hwc else np.moveaxis(out, -1, 0)


class GaussianBlur(ImageTensorOperation):
    """Blur with a Gaussian kernel of `kernel_size` (odd) and `sigma` (default from the size)."""

    def __init__(self, kernel_size, sigma=None):
        if isinstance(kernel_size, int):
            kernel_size = (kernel_size, kernel_size)
        if not (isinstance(kernel_size, (list, tuple)) and len(kernel_size) == 2 and
                all(isinstance(k, int) and k > 0 and k % 2 == 1 for k in kernel_size)):
            raise ValueError(f"For 'GaussianBlur', kernel_size must be positive odd ints, but got {kernel_size!r}.")
        if sigma is None:
            sigma = tuple(0.3 * ((k - 1) * 0.5 - 1) + 0.8 for k in kernel_size)
        elif isinstance(sigma, numbers.Number):
            sigma = (float(sigma), float(sigma))
        if not (isinstance(sigma, (list, tuple)) and len(sigma) == 2 and all(s > 0 for s in sigma)):
            raise ValueError(f"For 'GaussianBlur', sigma must be positive numbers, but got {sigma!r}.")
        self.kernel_size, self.sigma = tuple(kernel_size), tuple(float(s) for s in sigma)

    def _apply(self, image):
        array, was_2d = _image(image, "GaussianBlur")

        def kernel(size, sigma):
            x = np.arange(size) - (size - 1) / 2
            k = np.exp(-x ** 2 / (2 * sigma ** 2))
            return k / k.sum()
        kx, ky = kernel(self.kernel_size[0], self.sigma[0]), kernel(self.kernel_size[1], self.sigma[1])
        rx, ry = self.kernel_size[0] // 2, self.kernel_size[1] // 2
        work = np.pad(array.astype(np.float64), [(ry, ry), (rx, rx), (0, 0)], mode="reflect")
        work = sum(kx[i] * work[:, i:i + array.shape[1]] for i in range(len(kx)))
        work = sum(ky[i] * work[i:i + array.shape[0]] for i in range(len(ky)))
        out = _round_half_even_uint8(work) if array.dtype == np.uint8 else work.astype(array.dtype)
        return _back(out, was_2d, image)


class LinearTransformation(ImageTensorOperation):
    """`(x.flatten() - mean_vector) @ transformation_matrix`, reshaped back (a <C, H, W> array)."""

    def __init__(self, transformation_matrix, mean_vector):
        matrix, mean = np.asarray(transformation_matrix), np.asarray(mean_vector)
        if matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1] or mean.shape != (matrix.shape[0],):
            raise ValueError(f"For 'LinearTransformation', the matrix must be square D x D and mean_vector D, but "
                             f"got {matrix.shape} and {mean.shape}.")
        self.transformation_matrix, self.mean_vector = matrix, mean

    def _apply(self, image):
        array = as_array(image, "LinearTransformation")
        if array.size != self.mean_vector.size:
            raise ValueError(f"For 'LinearTransformation', the input has {array.size} elements but the matrix is "
                             f"{self.transformation_matrix.shape}.")
        flat = array.reshape(1, -1) - self.mean_vector
        return (flat @ self.transformation_matrix).reshape(array.shape)


class Erase(ImageTensorOperation):
    """Set the box (top, left, height, width) to `value`."""

    def __init__(self, top, left, height, width, value=0, inplace=False):
        for name, v, low in (("top", top, 0), ("left", left, 0), ("height", height, 1), ("width", width, 1)):
            check_type(v, int, name, "Erase")
            check_range(v, low, 2147483647, name, "Erase")
        if isinstance(value, (int, float)):
            value = (value,) * 3
        if not (isinstance(value, (list, tuple)) and len(value) == 3):
            raise TypeError(f"For 'Erase', value must be a number or 3 numbers, but got {value!r}.")
        check_type(inplace, bool, "inplace", "Erase")
        self.box, self.value, self.inplace = (top, left, height, width), tuple(value), inplace

    def _apply(self, image):
        array, was_2d = _image(image, "Erase")
        out = array if self.inplace and isinstance(image, np.ndarray) and not was_2d else array.copy()
        top, left, h, w = self.box
        out[top:top + h, left:left + w] = np.asarray(self.value[:out.shape[2]], np.float64).astype(out.dtype)
        return _back(out, was_2d, image)


class CutOut(ImageTensorOperation):
    """`num_patches` random `length` x `length` squares set to zero."""

    random = True

    def __init__(self, length, num_patches=1, is_hwc=True):
        check_type(length, int, "length", "CutOut")
        check_range(length, 1, 2147483647, "length", "CutOut")
        check_type(num_patches, int, "num_patches", "CutOut")
        check_range(num_patches, 1, 2147483647, "num_patches", "CutOut")
        check_type(is_hwc, bool, "is_hwc", "CutOut")
        self.length, self.num_patches, self.is_hwc = length, num_patches, is_hwc

    def _apply(self, image):
        array = as_array(image, "CutOut").copy()
        hwc = array if self.is_hwc else np.moveaxis(array, 0, -1)
        h, w = hwc.shape[:2]
        rng = _random.generator()
        for _ in range(self.num_patches):
            top = int(rng.integers(0, max(h - self.length, 0) + 1))
            left = int(rng.integers(0, max(w - self.length, 0) + 1))
            hwc[top:top + self.length, left:left + self.length] = 0
        return array


class RandomErasing(ImageTensorOperation):
    """With probability `prob`, erase a random box of a <C, H, W> image (area in `scale`, ratio in `ratio`)."""

    random = True

    def __init__(self, prob=0.5, scale=(0.02, 0.33), ratio=(0.3, 3.3), value=0, inplace=False, max_attempts=10):
        self.prob = _check_prob(prob, "RandomErasing")
        _check_scale_ratio(scale, ratio, "RandomErasing")
        self.scale, self.ratio, self.value, self.inplace, self.max_attempts = scale, ratio, value, inplace, \
            max_attempts

    def _apply(self, image):
        array = as_array(image, "RandomErasing")
        rng = _random.generator()
        if rng.random() >= self.prob:
            return array
        out = array if self.inplace else array.copy()
        c, h, w = out.shape
        for _ in range(self.max_attempts):
            area = h * w * rng.uniform(*self.scale)
            aspect = math.exp(rng.uniform(math.log(self.ratio[0]), math.log(self.ratio[1])))
            eh, ew = int(round(math.sqrt(area * aspect))), int(round(math.sqrt(area / aspect)))
            if eh < h and ew < w:
                top, left = int(rng.integers(0, h - eh + 1)), int(rng.integers(0, w - ew + 1))
                if self.value == "random":
                    out[:, top:top + eh, left:left + ew] = rng.standard_normal((c, eh, ew))
                else:
                    out[:, top:top + eh, left:left + ew] = np.asarray(self.value).reshape(-1, 1, 1) if \
                        isinstance(self.value, (list, tuple)) else self.value
                break
        return out


class RandomLighting(ImageTensorOperation):
    """AlexNet's PCA lighting noise: add `eigvec @ (alpha_i * eigval)` with alpha ~ N(0, `alpha`)."""

    random = True
    _EIGVAL = np.array([55.46, 4.794, 1.148])
    _EIGVEC = np.array([[-0.5836, -0.6948, 0.4203], [-0.5808, -0.0045, -0.8140], [-0.5675, 0.7192, 0.4009]])

    def __init__(self, alpha=0.05):
        check_type(alpha, (int, float), "alpha", "RandomLighting")
        if alpha < 0:
            raise ValueError(f"For 'RandomLighting', alpha must be non-negative, but got {alpha}.")
        self.alpha = float(alpha)

    def _apply(self, image):
        array, was_2d = _rgb(image, "RandomLighting")
        noise = self._EIGVEC @ (_random.generator().normal(0, self.alpha, 3) * self._EIGVAL)
        return _back(_round_half_even_uint8(array.astype(np.float64) + noise), was_2d, image)


# ----------------------------------------------------------------------------- batch mixing

class MixUpBatch(ImageTensorOperation):
    """Mix each image (and one-hot label) of a batch with the batch reversed-shuffled, lambda ~ Beta(alpha, alpha)."""

    random = True

    def __init__(self, alpha=1.0):
        check_type(alpha, (int, float), "alpha", "MixUpBatch")
        if alpha <= 0:
            raise ValueError(f"For 'MixUpBatch', alpha must be positive, but got {alpha}.")
        self.alpha = float(alpha)

    def __call__(self, images, labels):
        images, labels = as_array(images, "MixUpBatch"), as_array(labels, "MixUpBatch")
        if images.ndim != 4 or labels.ndim != 2:
            raise ValueError(f"For 'MixUpBatch', images must be a batch <N, H, W, C> or <N, C, H, W> and labels "
                             f"one-hot <N, classes>, but got {list(images.shape)} and {list(labels.shape)}.")
        rng = _random.generator()
        lam = float(rng.beta(self.alpha, self.alpha))
        order = rng.permutation(len(images))
        mixed = lam * images.astype(np.float32) + (1 - lam) * images[order].astype(np.float32)
        mixed_labels = lam * labels.astype(np.float32) + (1 - lam) * labels[order].astype(np.float32)
        return mixed.astype(images.dtype), mixed_labels


class CutMixBatch(ImageTensorOperation):
    """Paste a random box from another image of the batch; labels mixed by the box's area."""

    random = True

    def __init__(self, image_batch_format, alpha=1.0, prob=1.0):
        if not isinstance(image_batch_format, ImageBatchFormat):
            raise TypeError(f"For 'CutMixBatch', image_batch_format must be an ImageBatchFormat, but got "
                            f"{image_batch_format!r}.")
        check_type(alpha, (int, float), "alpha", "CutMixBatch")
        if alpha <= 0:
            raise ValueError(f"For 'CutMixBatch', alpha must be positive, but got {alpha}.")
        self.image_batch_format, self.alpha, self.prob = image_batch_format, float(alpha), \
            _check_prob(prob, "CutMixBatch")

    def __call__(self, images, labels):
        images, labels = as_array(images, "CutMixBatch").copy(), as_array(labels, "CutMixBatch").astype(np.float32)
        if images.ndim != 4 or labels.ndim != 2:
            raise ValueError(f"For 'CutMixBatch', images must be a batch of images and labels one-hot, but got "
                             f"{list(images.shape)} and {list(labels.shape)}.")
        nhwc = self.image_batch_format == ImageBatchFormat.NHWC
        h, w = (images.shape[1], images.shape[2]) if nhwc else (images.shape[2], images.shape[3])
        rng = _random.generator()
        order = rng.permutation(len(images))
        out_labels = labels.copy()
        for i in range(len(images)):
            if rng.random() >= self.prob:
                continue
            lam = float(rng.beta(self.alpha, self.alpha))
            cut_h, cut_w = int(h * math.sqrt(1 - lam)), int(w * math.sqrt(1 - lam))
            cy, cx = int(rng.integers(0, h)), int(rng.integers(0, w))
            y0, y1 = max(cy - cut_h // 2, 0), min(cy + cut_h // 2, h)
            x0, x1 = max(cx - cut_w // 2, 0), min(cx + cut_w // 2, w)
            if nhwc:
                images[i, y0:y1, x0:x1] = images[order[i], y0:y1, x0:x1]
            else:
                images[i, :, y0:y1, x0:x1] = images[order[i], :, y0:y1, x0:x1]
            kept = 1 - (y1 - y0) * (x1 - x0) / (h * w)
            out_labels[i] = kept * labels[i] + (1 - kept) * labels[order[i]]
        return images, out_labels


# ----------------------------------------------------------------------------- policies

def _check_transform_list(transforms, name):
    if not isinstance(transforms, list) or not transforms or not all(callable(t) for t in transforms):
        raise TypeError(f"For '{name}', transforms must be a non-empty list of transforms, but got {transforms!r}.")
    return transforms


class UniformAugment(ImageTensorOperation):
    """`num_ops` transforms drawn without replacement, each applied with probability 1/2."""

    random = True

    def __init__(self, transforms, num_ops=2):
        self.transforms = _check_transform_list(transforms, "UniformAugment")
        check_type(num_ops, int, "num_ops", "UniformAugment")
        check_range(num_ops, 1, len(transforms), "num_ops", "UniformAugment")
        self.num_ops = num_ops

    def _apply(self, image):
        rng = _random.generator()
        for k in rng.choice(len(self.transforms), self.num_ops, replace=False):
            if rng.random() < 0.5:
                image = self.transforms[int(k)](image)
        return image


class RandomSelectSubpolicy(ImageTensorOperation):
    """One sub-policy (a list of (transform, prob)) chosen uniformly, applied step by step."""

    random = True

    def __init__(self, policy):
        if not isinstance(policy, list) or not policy or not all(
                isinstance(sub, list) and sub and all(isinstance(step, tuple) and len(step) == 2 and callable(step[0])
                                                      and 0 <= step[1] <= 1 for step in sub) for sub in policy):
            raise TypeError("For 'RandomSelectSubpolicy', policy must be a list of sub-policies, each a list of "
                            "(transform, prob) tuples.")
        self.policy = policy

    def _apply(self, image):
        rng = _random.generator()
        for transform, prob in self.policy[int(rng.integers(len(self.policy)))]:
            if rng.random() < prob:
                image = transform(image)
        return image


def _augment_operations(bins, height, width):
    """Each augmentation's magnitudes over `bins` (as in torchvision's AutoAugment family)."""
    return {
        "ShearX": (np.linspace(0.0, 0.3, bins), True), "ShearY": (np.linspace(0.0, 0.3, bins), True),
        "TranslateX": (np.linspace(0.0, 150.0 / 331.0 * width, bins), True),
        "TranslateY": (np.linspace(0.0, 150.0 / 331.0 * height, bins), True),
        "Rotate": (np.linspace(0.0, 30.0, bins), True), "Brightness": (np.linspace(0.0, 0.9, bins), True),
        "Color": (np.linspace(0.0, 0.9, bins), True), "Contrast": (np.linspace(0.0, 0.9, bins), True),
        "Sharpness": (np.linspace(0.0, 0.9, bins), True),
        "Posterize": (8 - (np.arange(bins) / ((bins - 1) / 4)).round().astype(int), False),
        "Solarize": (np.linspace(255.0, 0.0, bins), False), "AutoContrast": (np.zeros(bins), False),
        "Equalize": (np.zeros(bins), False), "Invert": (np.zeros(bins), False), "Identity": (np.zeros(bins), False),
    }


def _apply_augment(array, name, magnitude, interpolation, fill):
    if name == "ShearX":
        return affine_image(array, 0.0, (0, 0), 1.0, (math.degrees(math.atan(magnitude)), 0.0), interpolation, fill)
    if name == "ShearY":
        return affine_image(array, 0.0, (0, 0), 1.0, (0.0, math.degrees(math.atan(magnitude))), interpolation, fill)
    if name == "TranslateX":
        return affine_image(array, 0.0, (int(magnitude), 0), 1.0, (0.0, 0.0), interpolation, fill)
    if name == "TranslateY":
        return affine_image(array, 0.0, (0, int(magnitude)), 1.0, (0.0, 0.0), interpolation, fill)
    if name == "Rotate":
        return rotate_image(array, magnitude, interpolation, False, None, fill)
    if name == "Brightness":
        return adjust_brightness(array, 1.0 + magnitude)
    if name == "Color":
        return adjust_saturation(array, 1.0 + magnitude)
    if name == "Contrast":
        return adjust_contrast(array, 1.0 + magnitude)
    if name == "Sharpness":
        return adjust_sharpness(array, 1.0 + magnitude)
    if name == "Posterize":
        return array & np.uint8((0xFF << (8 - int(magnitude))) & 0xFF)
    if name == "Solarize":
        return np.where(array >= magnitude, 255 - array, array).astype(np.uint8)
    if name == "AutoContrast":
        return auto_contrast(array, 0.0, None)
    if name == "Equalize":
        return equalize(array)
    if name == "Invert":
        return 255 - array
    return array


_POLICIES = {
    AutoAugmentPolicy.IMAGENET: [
        (("Posterize", 0.4, 8), ("Rotate", 0.6, 9)), (("Solarize", 0.6, 5), ("AutoContrast", 0.6, None)),
        (("Equalize", 0.8, None), ("Equalize", 0.6, None)), (("Posterize", 0.6, 7), ("Posterize", 0.6, 6)),
        (("Equalize", 0.4, None), ("Solarize", 0.2, 4)), (("Equalize", 0.4, None), ("Rotate", 0.8, 8)),
        (("Solarize", 0.6, 3), ("Equalize", 0.6, None)), (("Posterize", 0.8, 5), ("Equalize", 1.0, None)),
        (("Rotate", 0.2, 3), ("Solarize", 0.6, 8)), (("Equalize", 0.6, None), ("Posterize", 0.4, 6)),
        (("Rotate", 0.8, 8), ("Color", 0.4, 0)), (("Rotate", 0.4, 9), ("Equalize", 0.6, None)),
        (("Equalize", 0.0, None), ("Equalize", 0.8, None)), (("Invert", 0.6, None), ("Equalize", 1.0, None)),
        (("Color", 0.6, 4), ("Contrast", 1.0, 8)), (("Rotate", 0.8, 8), ("Color", 1.0, 2)),
        (("Color", 0.8, 8), ("Solarize", 0.8, 7)), (("Sharpness", 0.4, 7), ("Invert", 0.6, None)),
        (("ShearX", 0.6, 5), ("Equalize", 1.0, None)), (("Color", 0.4, 0), ("Equalize", 0.6, None)),
        (("Equalize", 0.4, None), ("Solarize", 0.2, 4)), (("Solarize", 0.6, 5), ("AutoContrast", 0.6, None)),
        (("Invert", 0.6, None), ("Equalize", 1.0, None)), (("Color", 0.6, 4), ("Contrast", 1.0, 8)),
        (("Equalize", 0.8, None), ("Equalize", 0.6, None))],
    AutoAugmentPolicy.CIFAR10: [
        (("Invert", 0.1, None), ("Contrast", 0.2, 6)), (("Rotate", 0.7, 2), ("TranslateX", 0.3, 9)),
        (("Sharpness", 0.8, 1), ("Sharpness", 0.9, 3)), (("ShearY", 0.5, 8), ("TranslateY", 0.7, 9)),
        (("AutoContrast", 0.5, None), ("Equalize", 0.9, None)), (("ShearY", 0.2, 7), ("Posterize", 0.3, 7)),
        (("Color", 0.4, 3), ("Brightness", 0.6, 7)), (("Sharpness", 0.3, 9), ("Brightness", 0.7, 9)),
        (("Equalize", 0.6, None), ("Equalize", 0.5, None)), (("Contrast", 0.6, 7), ("Sharpness", 0.6, 5)),
        (("Color", 0.7, 7), ("TranslateX", 0.5, 8)), (("Equalize", 0.3, None), ("AutoContrast", 0.4, None)),
        (("TranslateY", 0.4, 3), ("Sharpness", 0.2, 6)), (("Brightness", 0.9, 6), ("Color", 0.2, 8)),
        (("Solarize", 0.5, 2), ("Invert", 0.0, None)), (("Equalize", 0.2, None), ("AutoContrast", 0.6, None)),
        (("Equalize", 0.2, None), ("Equalize", 0.6, None)), (("Color", 0.9, 9), ("Equalize", 0.6, None)),
        (("AutoContrast", 0.8, None), ("Solarize", 0.2, 8)), (("Brightness", 0.1, 3), ("Color", 0.7, 0)),
        (("Solarize", 0.4, 5), ("AutoContrast", 0.9, None)), (("TranslateY", 0.9, 9), ("TranslateY", 0.7, 9)),
        (("AutoContrast", 0.9, None), ("Solarize", 0.8, 3)), (("Equalize", 0.8, None), ("Invert", 0.1, None)),
        (("TranslateY", 0.7, 9), ("AutoContrast", 0.9, None))],
    AutoAugmentPolicy.SVHN: [
        (("ShearX", 0.9, 4), ("Invert", 0.2, None)), (("ShearY", 0.9, 8), ("Invert", 0.7, None)),
        (("Equalize", 0.6, None), ("Solarize", 0.6, 6)), (("Invert", 0.9, None), ("Equalize", 0.6, None)),
        (("Equalize", 0.6, None), ("Rotate", 0.9, 3)), (("ShearX", 0.9, 4), ("AutoContrast", 0.8, None)),
        (("ShearY", 0.9, 8), ("Invert", 0.4, None)), (("ShearY", 0.9, 5), ("Solarize", 0.2, 6)),
        (("Invert", 0.9, None), ("AutoContrast", 0.8, None)), (("Equalize", 0.6, None), ("Rotate", 0.9, 3)),
        (("ShearX", 0.9, 4), ("Solarize", 0.3, 3)), (("ShearY", 0.8, 8), ("Invert", 0.7, None)),
        (("Equalize", 0.9, None), ("TranslateY", 0.6, 6)), (("Invert", 0.9, None), ("Equalize", 0.6, None)),
        (("Contrast", 0.3, 3), ("Rotate", 0.8, 4)), (("Invert", 0.8, None), ("TranslateY", 0.0, 2)),
        (("ShearY", 0.7, 6), ("Solarize", 0.4, 8)), (("Invert", 0.6, None), ("Rotate", 0.8, 4)),
        (("ShearY", 0.3, 7), ("TranslateX", 0.9, 3)), (("ShearX", 0.1, 6), ("Invert", 0.6, None)),
        (("Solarize", 0.7, 2), ("TranslateY", 0.6, 7)), (("ShearY", 0.8, 4), ("Invert", 0.8, None)),
        (("ShearX", 0.7, 9), ("TranslateY", 0.8, 3)), (("ShearY", 0.8, 5), ("AutoContrast", 0.7, None)),
        (("ShearX", 0.7, 2), ("Invert", 0.1, None))],
}


def _signed(magnitude, signed, rng):
    return -magnitude if signed and rng.random() < 0.5 else magnitude


class AutoAugment(ImageTensorOperation):
    """One of the learned AutoAugment sub-policies (ImageNet, CIFAR-10 or SVHN), at random."""

    random = True

    def __init__(self, policy=AutoAugmentPolicy.IMAGENET, interpolation=Inter.NEAREST, fill_value=0):
        if not isinstance(policy, AutoAugmentPolicy):
            raise TypeError(f"For 'AutoAugment', policy must be an AutoAugmentPolicy, but got {policy!r}.")
        self.policy, self.interpolation = policy, _check_inter(interpolation, "AutoAugment")
        self.fill_value = _check_fill(fill_value, "AutoAugment")

    def _apply(self, image):
        array, was_2d = _rgb(image, "AutoAugment")
        rng = _random.generator()
        table = _augment_operations(10, array.shape[0], array.shape[1])
        policy = _POLICIES[self.policy]
        for name, prob, level in policy[int(rng.integers(len(policy)))]:
            if rng.random() <= prob:
                magnitudes, signed = table[name]
                magnitude = float(magnitudes[level]) if level is not None else 0.0
                array = _apply_augment(array, name, _signed(magnitude, signed, rng), self.interpolation,
                                       self.fill_value)
        return _back(array, was_2d, image)


class RandAugment(ImageTensorOperation):
    """`num_ops` augmentations drawn uniformly, each at `magnitude` of `num_magnitude_bins`."""

    random = True

    def __init__(self, num_ops=2, magnitude=9, num_magnitude_bins=31, interpolation=Inter.NEAREST, fill_value=0):
        for name, value in (("num_ops", num_ops), ("magnitude", magnitude), ("num_magnitude_bins",
                                                                            num_magnitude_bins)):
            check_type(value, int, name, "RandAugment")
        if num_magnitude_bins < 2 or not 0 <= magnitude < num_magnitude_bins or num_ops < 0:
            raise ValueError(f"For 'RandAugment', need num_ops >= 0, num_magnitude_bins >= 2 and 0 <= magnitude < "
                             f"num_magnitude_bins, but got {num_ops}, {magnitude}, {num_magnitude_bins}.")
        self.num_ops, self.magnitude, self.num_magnitude_bins = num_ops, magnitude, num_magnitude_bins
        self.interpolation = _check_inter(interpolation, "RandAugment")
        self.fill_value = _check_fill(fill_value, "RandAugment")

    def _apply(self, image):
        array, was_2d = _rgb(image, "RandAugment")
        rng = _random.generator()
        table = _augment_operations(self.num_magnitude_bins, array.shape[0], array.shape[1])
        table.pop("Invert")
        names = list(table)
        for _ in range(self.num_ops):
            name = names[int(rng.integers(len(names)))]
            magnitudes, signed = table[name]
            array = _apply_augment(array, name, _signed(float(magnitudes[self.magnitude]), signed, rng),
                                   self.interpolation, self.fill_value)
        return _back(array, was_2d, image)


class TrivialAugmentWide(ImageTensorOperation):
    """One augmentation and one magnitude bin, both drawn uniformly (wide magnitude ranges)."""

    random = True

    def __init__(self, num_magnitude_bins=31, interpolation=Inter.NEAREST, fill_value=0):
        check_type(num_magnitude_bins, int, "num_magnitude_bins", "TrivialAugmentWide")
        if num_magnitude_bins < 2:
            raise ValueError(f"For 'TrivialAugmentWide', num_magnitude_bins must be >= 2, but got "
                             f"{num_magnitude_bins}.")
        self.num_magnitude_bins = num_magnitude_bins
        self.interpolation = _check_inter(interpolation, "TrivialAugmentWide")
        self.fill_value = _check_fill(fill_value, "TrivialAugmentWide")

    def _apply(self, image):
        array, was_2d = _rgb(image, "TrivialAugmentWide")
        rng = _random.generator()
        bins = self.num_magnitude_bins
        table = {
            "Identity": (np.zeros(bins), False), "ShearX": (np.linspace(0.0, 0.99, bins), True),
            "ShearY": (np.linspace(0.0, 0.99, bins), True), "TranslateX": (np.linspace(0.0, 32.0, bins), True),
            "TranslateY": (np.linspace(0.0, 32.0, bins), True), "Rotate": (np.linspace(0.0, 135.0, bins), True),
            "Brightness": (np.linspace(0.0, 0.99, bins), True), "Color": (np.linspace(0.0, 0.99, bins), True),
            "Contrast": (np.linspace(0.0, 0.99, bins), True), "Sharpness": (np.linspace(0.0, 0.99, bins), True),
            "Posterize": (8 - (np.arange(bins) / ((bins - 1) / 6)).round().astype(int), False),
            "Solarize": (np.linspace(255.0, 0.0, bins), False), "AutoContrast": (np.zeros(bins), False),
            "Equalize": (np.zeros(bins), False)}
        names = list(table)
        name = names[int(rng.integers(len(names)))]
        magnitudes, signed = table[name]
        magnitude = float(magnitudes[int(rng.integers(bins))])
        array = _apply_augment(array, name, _signed(magnitude, signed, rng), self.interpolation, self.fill_value)
        return _back(array, was_2d, image)


# ----------------------------------------------------------------------------- bounding boxes

def _boxes(bboxes, name):
    boxes = as_array(bboxes, name)
    if boxes.ndim != 2 or boxes.shape[1] < 4:
        raise ValueError(f"For '{name}', bboxes must be <N, 4+> rows of (x, y, width, height, ...), but got shape "
                         f"{list(boxes.shape)}.")
    return boxes.astype(np.float32)


def _clip_boxes(boxes, left, top, width, height):
    """Boxes moved into a crop at (left, top) of `width` x `height`, clipped; empty ones dropped."""
    x0 = np.clip(boxes[:, 0] - left, 0, width)
    y0 = np.clip(boxes[:, 1] - top, 0, height)
    x1 = np.clip(boxes[:, 0] + boxes[:, 2] - left, 0, width)
    y1 = np.clip(boxes[:, 1] + boxes[:, 3] - top, 0, height)
    out = boxes.copy()
    out[:, 0], out[:, 1], out[:, 2], out[:, 3] = x0, y0, x1 - x0, y1 - y0
    return out[(out[:, 2] > 0) & (out[:, 3] > 0)]


def _scale_boxes(boxes, sx, sy):
    out = boxes.copy()
    out[:, [0, 2]] *= sx
    out[:, [1, 3]] *= sy
    return out


class RandomHorizontalFlipWithBBox(ImageTensorOperation):
    """RandomHorizontalFlip of an image and its boxes (`x -> W - x - w`)."""

    random = True

    def __init__(self, prob=0.5):
        self.prob = _check_prob(prob, "RandomHorizontalFlipWithBBox")

    def __call__(self, image, bboxes):
        array, was_2d = _image(image, "RandomHorizontalFlipWithBBox")
        boxes = _boxes(bboxes, "RandomHorizontalFlipWithBBox")
        if _random.generator().random() >= self.prob:
            return image, boxes
        boxes = boxes.copy()
        boxes[:, 0] = array.shape[1] - boxes[:, 0] - boxes[:, 2]
        return _back(np.ascontiguousarray(array[:, ::-1]), was_2d), boxes


class RandomVerticalFlipWithBBox(ImageTensorOperation):
    """RandomVerticalFlip of an image and its boxes (`y -> H - y - h`)."""

    random = True

    def __init__(self, prob=0.5):
        self.prob = _check_prob(prob, "RandomVerticalFlipWithBBox")

    def __call__(self, image, bboxes):
        array, was_2d = _image(image, "RandomVerticalFlipWithBBox")
        boxes = _boxes(bboxes, "RandomVerticalFlipWithBBox")
        if _random.generator().random() >= self.prob:
            return image, boxes
        boxes = boxes.copy()
        boxes[:, 1] = array.shape[0] - boxes[:, 1] - boxes[:, 3]
        return _back(np.ascontiguousarray(array[::-1]), was_2d), boxes


class ResizeWithBBox(ImageTensorOperation):
    """Resize an image and scale its boxes alike."""

    def __init__(self, size, interpolation=Inter.BILINEAR):
        self.size = _check_size(size, "ResizeWithBBox")
        self.interpolation = _check_inter(interpolation, "ResizeWithBBox")

    def __call__(self, image, bboxes):
        array, was_2d = _image(image, "ResizeWithBBox")
        boxes = _boxes(bboxes, "ResizeWithBBox")
        height, width = _output_size(array.shape[0], array.shape[1], self.size)
        out = resize_image(array, height, width, self.interpolation)
        return _back(out, was_2d), _scale_boxes(boxes, width / array.shape[1], height / array.shape[0])


class RandomResizeWithBBox(ImageTensorOperation):
    """ResizeWithBBox with an interpolation chosen at random."""

    random = True

    def __init__(self, size):
        self.size = _check_size(size, "RandomResizeWithBBox")

    def __call__(self, image, bboxes):
        modes = (Inter.NEAREST, Inter.BILINEAR, Inter.BICUBIC, Inter.AREA)
        return ResizeWithBBox(self.size, modes[int(_random.generator().integers(len(modes)))])(image, bboxes)


class RandomCropWithBBox(RandomCrop):
    """RandomCrop of an image; its boxes moved into the crop and clipped (empty ones dropped)."""

    def __call__(self, image, bboxes):
        array, was_2d = _image(image, "RandomCropWithBBox")
        boxes = _boxes(bboxes, "RandomCropWithBBox")
        left, top, right, bottom = self.padding
        if any(self.padding):
            array = pad_image(array, left, top, right, bottom, self.fill_value, self.padding_mode)
            boxes = boxes.copy()
            boxes[:, 0] += left
            boxes[:, 1] += top
        height, width = self.size if len(self.size) == 2 else self.size * 2
        if self.pad_if_needed:
            extra_h, extra_w = max(height - array.shape[0], 0), max(width - array.shape[1], 0)
            if extra_h or extra_w:
                array = pad_image(array, extra_w, extra_h, extra_w, extra_h, self.fill_value, self.padding_mode)
                boxes = boxes.copy()
                boxes[:, 0] += extra_w
                boxes[:, 1] += extra_h
        if height > array.shape[0] or width > array.shape[1]:
            raise ValueError(f"For 'RandomCropWithBBox', the crop size {[height, width]} is bigger than the image "
                             f"{list(array.shape[:2])}.")
        rng = _random.generator()
        top = int(rng.integers(0, array.shape[0] - height + 1))
        left = int(rng.integers(0, array.shape[1] - width + 1))
        return _back(_crop(array, top, left, height, width), was_2d), _clip_boxes(boxes, left, top, width, height)


class RandomResizedCropWithBBox(RandomResizedCrop):
    """RandomResizedCrop of an image; its boxes cropped, clipped and scaled alike."""

    def __call__(self, image, bboxes):
        array, was_2d = _image(image, "RandomResizedCropWithBBox")
        boxes = _boxes(bboxes, "RandomResizedCropWithBBox")
        top, left, h, w = _crop_box(array.shape[0], array.shape[1], self.scale, self.ratio, self.max_attempts,
                                    _random.generator())
        height, width = self.size if len(self.size) == 2 else self.size * 2
        out = resize_image(_crop(array, top, left, h, w), height, width, self.interpolation)
        return _back(out, was_2d), _scale_boxes(_clip_boxes(boxes, left, top, w, h), width / w, height / h)


class BoundingBoxAugment(ImageTensorOperation):
    """`transform` applied to the regions of a random `ratio` of the boxes (pasted back in place)."""

    random = True

    def __init__(self, transform, ratio=0.3):
        if not callable(transform):
            raise TypeError(f"For 'BoundingBoxAugment', transform must be callable, but got {transform!r}.")
        check_type(ratio, (int, float), "ratio", "BoundingBoxAugment")
        check_range(ratio, 0.0, 1.0, "ratio", "BoundingBoxAugment")
        self.transform, self.ratio = transform, float(ratio)

    def __call__(self, image, bboxes):
        array, was_2d = _image(image, "BoundingBoxAugment")
        boxes = _boxes(bboxes, "BoundingBoxAugment")
        out = array.copy()
        chosen = _random.generator().permutation(len(boxes))[:int(len(boxes) * self.ratio)]
        for k in chosen:
            x, y, w, h = (int(v) for v in boxes[k, :4])
            region = out[y:y + h, x:x + w]
            if region.size == 0:
                continue
            changed = np.asarray(self.transform(_back(region, was_2d)))
            if changed.ndim == 2:
                changed = changed[:, :, None]
            if changed.shape != region.shape:
                raise ValueError(f"For 'BoundingBoxAugment', the transform must keep the region's shape "
                                 f"{list(region.shape)}, but returned {list(changed.shape)}.")
            out[y:y + h, x:x + w] = changed
        return _back(out, was_2d), boxes


class MixUp(ImageTensorOperation):
    """Mix a batch of images and one-hot labels with lambda ~ Beta(alpha, alpha): with the
    batch shuffled (`is_single=True`) or with the previous batch."""

    random = True

    def __init__(self, batch_size, alpha, is_single=True):
        check_type(batch_size, int, "batch_size", "MixUp")
        check_range(batch_size, 1, 2147483647, "batch_size", "MixUp")
        check_type(alpha, (int, float), "alpha", "MixUp")
        if alpha <= 0:
            raise ValueError(f"For 'MixUp', alpha must be positive, but got {alpha}.")
        check_type(is_single, bool, "is_single", "MixUp")
        self.batch_size, self.alpha, self.is_single = batch_size, float(alpha), is_single
        self._previous = None

    def __call__(self, images, labels):
        images, labels = as_array(images, "MixUp"), as_array(labels, "MixUp").astype(np.float32)
        if len(images) != len(labels):
            raise ValueError(f"For 'MixUp', {len(images)} images but {len(labels)} labels.")
        rng = _random.generator()
        lam = float(rng.beta(self.alpha, self.alpha))
        if self.is_single or self._previous is None or len(self._previous[0]) != len(images):
            order = rng.permutation(len(images))
            other_images, other_labels = images[order], labels[order]
        else:
            other_images, other_labels = self._previous
        self._previous = (images, labels)
        mixed = lam * images.astype(np.float32) + (1 - lam) * other_images.astype(np.float32)
        return mixed.astype(images.dtype), lam * labels + (1 - lam) * other_labels
