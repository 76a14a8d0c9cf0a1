"""Datasets as ``tf.data.Dataset`` of float32 images in [-1, 1]."""

from typing import TYPE_CHECKING

from keras_gans.utils.lazy import attach

if TYPE_CHECKING:
    from keras_gans.data.digits import digits_arrays
    from keras_gans.data.folder import folder_arrays, list_images
    from keras_gans.data.loaders import load, load_arrays, num_classes
    from keras_gans.data.mnist import mnist_arrays
    from keras_gans.data.names import BUILTIN, default_image_size
    from keras_gans.data.pairs import load_pairs, pair_arrays, pair_stream
    from keras_gans.data.photos import NAMES as PHOTO_NAMES
    from keras_gans.data.photos import photo_pair_arrays
    from keras_gans.data.stream import resumable_stream
    from keras_gans.data.tfds import tfds_builder

__all__ = [
    "BUILTIN",
    "PHOTO_NAMES",
    "default_image_size",
    "mnist_arrays",
    "digits_arrays",
    "folder_arrays",
    "list_images",
    "load",
    "load_arrays",
    "load_pairs",
    "num_classes",
    "pair_arrays",
    "pair_stream",
    "photo_pair_arrays",
    "resumable_stream",
    "tfds_builder",
]

__getattr__, __dir__ = attach(__name__, __file__)
