"""Drawing images from any generator source: a model, or an exported generator."""

import numpy as np
import tensorflow as tf

from keras_gans.utils.noise import seeded_noise


def generate_in_batches(model, n, seed=None, batch_size=256, labels=None):
    """``n`` float32 images from ``model.generate_images``, ``batch_size`` at a time.

    Shared by every model and by exported generators: z is ``seeded_noise`` for an
    int ``seed`` (image i uses seed ``seed + i``, like the exported ``sample``
    signature) or random; conditional models' labels go through
    ``model.check_labels``.
    """
    if seed is None:
        z = tf.random.normal([n, model.latent_dim])
    else:
        z = seeded_noise(n, model.latent_dim, seed)
    if model.conditional:
        labels = tf.constant(model.check_labels(labels, n))
    return np.concatenate(
        [
            np.asarray(
                model.generate_images(
                    z[i : i + batch_size], None if labels is None else labels[i : i + batch_size]
                ),
                np.float32,
            )
            for i in range(0, n, batch_size)
        ]
    )


class Truncated:
    """A generator source for ``generate_in_batches`` that truncates by a fixed psi.

    Wraps anything whose ``generate_images(z, condition, training, truncation_psi)``
    takes a truncation (``StyleGAN2``, a StyleGAN2 ``ExportedGenerator``); every other
    attribute is the wrapped source's.
    """

    def __init__(self, source, truncation_psi):
        self.source, self.truncation_psi = source, float(truncation_psi)

    def __getattr__(self, name):
        return getattr(self.__dict__["source"], name)

    def generate_images(self, z, condition=None, training=False):
        return self.source.generate_images(z, condition, training, self.truncation_psi)
