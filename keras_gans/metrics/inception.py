"""``InceptionFeatures``: InceptionV3 pool features from a local weights file (no download)."""

import os

import numpy as np
import tensorflow as tf

from keras_gans.errors import ArgumentError
from keras_gans.metrics.classifier import cache_dir

WEIGHTS_FILE = "inception_v3_weights_tf_dim_ordering_tf_kernels_notop.h5"


def default_weights_path():
    """Where ``InceptionFeatures`` looks when no ``weights_path`` is given."""
    return os.path.join(cache_dir(), WEIGHTS_FILE)


class InceptionFeatures:
    """2048-d InceptionV3 average-pool features at 299x299, for FID/KID on real datasets.

    This machine-independent package never downloads: the ImageNet weights
    (Keras' ``inception_v3_weights_tf_dim_ordering_tf_kernels_notop.h5``) must
    be a local file, given as ``weights_path`` or placed at
    ``default_weights_path()``. Images in [-1, 1] (or uint8) are resized
    bilinearly to 299x299; grayscale is repeated to 3 channels.

    Args:
        weights_path: the ``.h5`` (or ``.weights.h5``) weights of
            ``keras.applications.InceptionV3(include_top=False)``.
        batch_size: images per forward pass.

    Example:
    >>> feats = keras_gans.metrics.InceptionFeatures("/path/to/inception_notop.h5")  # doctest: +SKIP
    >>> feats(images).shape  # doctest: +SKIP
    (n, 2048)

    Reference:
        Szegedy et al., Rethinking the Inception Architecture (2015),
        https://arxiv.org/abs/1512.00567; Heusel et al. (2017),
        https://arxiv.org/abs/1706.08500
    """

    image_size = 299

    def __init__(self, weights_path=None, batch_size=64):
        path = os.fspath(weights_path) if weights_path is not None else default_weights_path()
        if not os.path.isfile(path):
            raise FileNotFoundError(
                f"InceptionFeatures needs the InceptionV3 no-top ImageNet weights and "
                f"{path} does not exist; download {WEIGHTS_FILE} on a connected machine "
                f"and pass weights_path= or put it at {default_weights_path()}."
            )
        import keras

        self.weights_path = path
        self.batch_size = int(batch_size)
        self.model = keras.applications.InceptionV3(
            include_top=False, weights=None, pooling="avg", input_shape=(299, 299, 3)
        )
        self.model.load_weights(path)

    def __call__(self, images):
        images = np.asarray(images)
        if images.dtype == np.uint8:
            images = images.astype(np.float32) / 127.5 - 1.0
        if images.ndim != 4 or images.shape[-1] not in (1, 3):
            raise ArgumentError(f"Expected images [n, h, w, 1|3], got shape {images.shape}.")
        out = []
        for i in range(0, len(images), self.batch_size):
            batch = tf.image.resize(
                tf.cast(images[i : i + self.batch_size], tf.float32), (299, 299)
            )
            if batch.shape[-1] == 1:
                batch = tf.repeat(batch, 3, axis=-1)
            out.append(np.asarray(self.model(batch, training=False), np.float64))
        return np.concatenate(out)

    features = __call__
