"""The embedded default data: scikit-learn's bundled 1,797 real 8x8 digits."""

import numpy as np
import tensorflow as tf

from keras_gans.errors import ArgumentError

TEST_FRACTION = 0.2
SPLIT_SEED = 0


def _split_indices(num, split):
    order = np.random.RandomState(SPLIT_SEED).permutation(num)
    num_test = int(round(num * TEST_FRACTION))
    if split == "train":
        return np.sort(order[num_test:])
    if split == "test":
        return np.sort(order[:num_test])
    if split == "all":
        return np.arange(num)
    raise ArgumentError(f"Unknown split {split!r}; choose from ['all', 'test', 'train']")


def resize_images(images, image_size):
    """Bilinear (antialiased) resize of ``[n, h, w, c]`` images to a square size."""
    images = np.asarray(images, np.float32)
    if images.shape[1:3] == (image_size, image_size):
        return images
    out = tf.image.resize(images, (image_size, image_size), method="bilinear", antialias=True)
    return np.clip(out.numpy(), -1.0, 1.0)


def digits_arrays(image_size=16, split="train", channels=1):
    """The digits as numpy arrays: images ``[n, s, s, channels]`` in [-1, 1], labels int32.

    The split is deterministic: a fixed permutation (seed 0) holds out 20%
    (359 images) as ``"test"``; ``"train"`` has the other 1,438; ``"all"`` has 1,797.

    Args:
        image_size: side of the square output images (the source is 8x8).
        split: ``"train"``, ``"test"`` or ``"all"``.
        channels: 1 (grayscale) or 3 (the gray value repeated).
    """
    from sklearn.datasets import load_digits

    if isinstance(image_size, bool) or not isinstance(image_size, int) or image_size < 1:
        raise ArgumentError(f"image_size must be a positive int, got {image_size!r}.")
    if channels not in (1, 3):
        raise ArgumentError(f"channels must be 1 or 3, got {channels!r}.")
    bunch = load_digits()
    idx = _split_indices(len(bunch.images), split)
    images = bunch.images[idx].astype(np.float32)[..., None] / 16.0 * 2.0 - 1.0
    images = resize_images(images, image_size)
    if channels == 3:
        images = np.repeat(images, 3, axis=-1)
    return images, bunch.target[idx].astype(np.int32)
