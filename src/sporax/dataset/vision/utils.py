"""The enums of `mindspore.dataset.vision` and its image file helpers (Pillow-backed)."""
from __future__ import annotations

import enum
import io
import os

import numpy as np

from ..transforms.transforms import as_array


class Inter(enum.IntEnum):
    """Interpolation modes."""
    NEAREST = 0
    ANTIALIAS = 1
    BILINEAR = LINEAR = 2
    BICUBIC = CUBIC = 3
    AREA = 4
    PILCUBIC = 5


class Border(str, enum.Enum):
    """How padding fills the border."""
    CONSTANT = "constant"
    EDGE = "edge"
    REFLECT = "reflect"
    SYMMETRIC = "symmetric"


class ImageReadMode(enum.IntEnum):
    UNCHANGED = 0
    GRAYSCALE = 1
    COLOR = 2


class ImageBatchFormat(enum.IntEnum):
    NHWC = 0
    NCHW = 1


class SliceMode(enum.IntEnum):
    PAD = 0
    DROP = 1


class AutoAugmentPolicy(str, enum.Enum):
    IMAGENET = "imagenet"
    CIFAR10 = "cifar10"
    SVHN = "svhn"


class ConvertMode(enum.IntEnum):
    COLOR_BGR2BGRA = 0
    COLOR_RGB2RGBA = 0
    COLOR_BGRA2BGR = 1
    COLOR_RGBA2RGB = 1
    COLOR_BGR2RGBA = 2
    COLOR_RGB2BGRA = 2
    COLOR_RGBA2BGR = 3
    COLOR_BGRA2RGB = 3
    COLOR_BGR2RGB = 4
    COLOR_RGB2BGR = 4
    COLOR_BGRA2RGBA = 5
    COLOR_RGBA2BGRA = 5
    COLOR_BGR2GRAY = 6
    COLOR_RGB2GRAY = 7
    COLOR_GRAY2BGR = 8
    COLOR_GRAY2RGB = 8
    COLOR_GRAY2BGRA = 9
    COLOR_GRAY2RGBA = 9
    COLOR_BGRA2GRAY = 10
    COLOR_RGBA2GRAY = 11


def _image(image, name):
    array = as_array(image, name)
    if array.ndim not in (2, 3):
        raise ValueError(f"For '{name}', the image must be <H, W> or <H, W, C>, but got shape {list(array.shape)}.")
    return array


def get_image_num_channels(image):
    """The channel count of an <H, W> / <H, W, C> array or a PIL image."""
    if type(image).__module__.startswith("PIL."):
        return len(image.getbands())
    array = _image(image, "get_image_num_channels")
    return 1 if array.ndim == 2 else array.shape[2]


def get_image_size(image):
    """[height, width] of an image."""
    if type(image).__module__.startswith("PIL."):
        return [image.size[1], image.size[0]]
    array = _image(image, "get_image_size")
    return [array.shape[0], array.shape[1]]


def _check_path(filename, name):
    if not isinstance(filename, (str, os.PathLike)):
        raise TypeError(f"For '{name}', the 'filename' must be a str, but got {type(filename).__name__}.")
    return os.fspath(filename)


def read_file(filename):
    """The bytes of a file as a 1-D uint8 array."""
    filename = _check_path(filename, "read_file")
    if not os.path.isfile(filename):
        raise RuntimeError(f"read_file: the file {filename!r} does not exist or is not a file.")
    with open(filename, "rb") as handle:
        return np.frombuffer(handle.read(), np.uint8).copy()


def write_file(filename, data):
    """Write a 1-D uint8 array's bytes to a file."""
    filename = _check_path(filename, "write_file")
    if not isinstance(data, np.ndarray) or data.dtype != np.uint8 or data.ndim != 1:
        raise TypeError("For 'write_file', the 'data' must be a 1-D uint8 NumPy array.")
    with open(filename, "wb") as handle:
        handle.write(data.tobytes())


def decode_image_bytes(data: bytes, where: str, mode: ImageReadMode = ImageReadMode.COLOR):
    """Pillow decoding of encoded image bytes, with errors that name the source."""
    from PIL import Image, UnidentifiedImageError
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise RuntimeError(f"{where}: cannot decode the image (unknown format, corrupt or truncated): "
                           f"{error}") from None
    if mode == ImageReadMode.COLOR:
        return image.convert("RGB")
    if mode == ImageReadMode.GRAYSCALE:
        return image.convert("L")
    return image


def decode_jpeg_fast(data: np.ndarray):
    """A baseline/progressive YCbCr or greyscale JPEG decoded to RGB <H, W, 3> by libjpeg-turbo
    through simplejpeg (no Python per image, and the GIL released while it decodes), or None
    for anything else (other formats, CMYK/YCCK, files libjpeg-turbo rejects), which then take
    Pillow's path. Both run libjpeg-turbo with the same settings (accurate integer IDCT, fancy
    upsampling), so the pixels are the same as Pillow's, and as MindSpore's `Decode`."""
    if data.size < 4 or data[0] != 0xFF or data[1] != 0xD8:
        return None
    import simplejpeg
    try:
        _, _, colorspace, _ = simplejpeg.decode_jpeg_header(data)
        if colorspace not in ("YCbCr", "Gray"):
            return None
        return simplejpeg.decode_jpeg(data, colorspace="RGB")
    except ValueError:  # corrupt or unsupported: Pillow's path names the problem
        return None


def read_image(filename, mode=ImageReadMode.UNCHANGED):
    """A JPEG/PNG/BMP/... file decoded to <H, W, C> uint8."""
    filename = _check_path(filename, "read_image")
    if not isinstance(mode, ImageReadMode):
        raise TypeError(f"For 'read_image', the 'mode' must be an ImageReadMode, but got {mode!r}.")
    if not os.path.isfile(filename):
        raise RuntimeError(f"read_image: the file {filename!r} does not exist or is not a file.")
    with open(filename, "rb") as handle:
        image = decode_image_bytes(handle.read(), f"read_image({filename!r})", mode)
    array = np.asarray(image)
    return array[:, :, None] if array.ndim == 2 else array


def _encode(image, fmt, name, **options):
    from PIL import Image
    array = _image(image, name)
    if array.dtype != np.uint8:
        raise TypeError(f"For '{name}', the image must be uint8, but got {array.dtype}.")
    if array.ndim == 3 and array.shape[2] == 1:
        array = array[:, :, 0]
    if array.ndim == 3 and array.shape[2] != 3:
        raise ValueError(f"For '{name}', the image must have 1 or 3 channels, but got {array.shape[2]}.")
    buffer = io.BytesIO()
    Image.fromarray(array).save(buffer, format=fmt, **options)
    return np.frombuffer(buffer.getvalue(), np.uint8).copy()


def encode_jpeg(image, quality=75):
    if isinstance(quality, bool) or not isinstance(quality, int) or not 1 <= quality <= 100:
        raise ValueError(f"For 'encode_jpeg', the 'quality' must be an int in [1, 100], but got {quality!r}.")
    return _encode(image, "JPEG", "encode_jpeg", quality=quality)


def encode_png(image, compression_level=6):
    if isinstance(compression_level, bool) or not isinstance(compression_level, int) or \
            not 0 <= compression_level <= 9:
        raise ValueError(f"For 'encode_png', the 'compression_level' must be an int in [0, 9], but got "
                         f"{compression_level!r}.")
    return _encode(image, "PNG", "encode_png", compress_level=compression_level)


def write_jpeg(filename, image, quality=75):
    write_file(filename, encode_jpeg(image, quality))


def write_png(filename, image, compression_level=6):
    write_file(filename, encode_png(image, compression_level))
