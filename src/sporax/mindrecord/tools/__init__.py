"""Converters from other data set layouts to MindRecord (MindSpore: `mindspore.mindrecord.tools`).

Only converters whose output can be MindSpore's without its heavy dependencies are here:
`ImageNetToMR` stores the image files' bytes as they are. (Cifar10ToMR, Cifar100ToMR and
MnistToMR re-encode images with OpenCV, CsvToMR infers types through pandas and
TFRecordToMR reads through TensorFlow; they are absent.)
"""
from .imagenet_to_mr import ImageNetToMR

__all__ = ["ImageNetToMR"]
