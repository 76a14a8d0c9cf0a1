"""Datasets as ``tf.data.Dataset`` of float32 images in [-1, 1]."""

from keras_gans.data.digits import digits_arrays
from keras_gans.data.folder import folder_arrays, list_images
from keras_gans.data.loaders import load, load_arrays, num_classes
from keras_gans.data.stream import resumable_stream
from keras_gans.data.tfds import tfds_builder

__all__ = [
    "digits_arrays",
    "folder_arrays",
    "list_images",
    "load",
    "load_arrays",
    "num_classes",
    "resumable_stream",
    "tfds_builder",
]
