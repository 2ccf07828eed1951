"""`sporax.dataset.vision` (MindSpore: `mindspore.dataset.vision`): image transforms."""
from . import transforms, utils
from .transforms import (Affine, BoundingBoxAugment, MixUp, RandomCropWithBBox, RandomHorizontalFlipWithBBox,
                         RandomResizeWithBBox, RandomResizedCropWithBBox, RandomVerticalFlipWithBBox, ResizeWithBBox, AdjustBrightness, AdjustContrast, AdjustGamma, AdjustHue, AdjustSaturation,
                         AdjustSharpness, AutoAugment, AutoContrast, CenterCrop, ConvertColor, Crop, CutMixBatch,
                         CutOut, Decode, Equalize, Erase, FiveCrop, GaussianBlur, Grayscale, HorizontalFlip,
                         HsvToRgb, HWC2CHW, Invert, LinearTransformation, MixUpBatch, Normalize, NormalizePad, Pad,
                         PadToSize, Perspective, Posterize, RandAugment, RandomAdjustSharpness, RandomAffine,
                         RandomAutoContrast, RandomColor, RandomColorAdjust, RandomCrop, RandomCropDecodeResize,
                         RandomEqualize, RandomErasing, RandomGrayscale, RandomHorizontalFlip, RandomInvert,
                         RandomLighting, RandomPerspective, RandomPosterize, RandomResize, RandomResizedCrop,
                         RandomRotation, RandomSelectSubpolicy, RandomSharpness, RandomSolarize, RandomVerticalFlip,
                         Rescale, Resize, ResizedCrop, RgbToHsv, Rotate, SlicePatches, Solarize, TenCrop, ToNumpy,
                         ToPIL, ToTensor, ToType, TrivialAugmentWide, UniformAugment, VerticalFlip)
from .utils import (AutoAugmentPolicy, Border, ConvertMode, ImageBatchFormat, ImageReadMode, Inter, SliceMode,
                    encode_jpeg, encode_png, get_image_num_channels, get_image_size, read_file, read_image,
                    write_file, write_jpeg, write_png)
from ..transforms.transforms import not_random
