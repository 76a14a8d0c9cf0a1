"""Datasets as ``tf.data.Dataset`` of float32 images in [-1, 1]."""

from keras_gans.utils.lazy import attach

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

__getattr__, __dir__ = attach(
    __name__,
    {
        "BUILTIN": "keras_gans.data.names:BUILTIN",
        "PHOTO_NAMES": "keras_gans.data.photos:NAMES",
        "default_image_size": "keras_gans.data.names:default_image_size",
        "mnist_arrays": "keras_gans.data.mnist:mnist_arrays",
        "digits_arrays": "keras_gans.data.digits:digits_arrays",
        "folder_arrays": "keras_gans.data.folder:folder_arrays",
        "list_images": "keras_gans.data.folder:list_images",
        "load": "keras_gans.data.loaders:load",
        "load_arrays": "keras_gans.data.loaders:load_arrays",
        "load_pairs": "keras_gans.data.pairs:load_pairs",
        "num_classes": "keras_gans.data.loaders:num_classes",
        "pair_arrays": "keras_gans.data.pairs:pair_arrays",
        "pair_stream": "keras_gans.data.pairs:pair_stream",
        "photo_pair_arrays": "keras_gans.data.photos:photo_pair_arrays",
        "resumable_stream": "keras_gans.data.stream:resumable_stream",
        "tfds_builder": "keras_gans.data.tfds:tfds_builder",
    },
)
