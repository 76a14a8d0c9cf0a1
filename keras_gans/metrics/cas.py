"""Classification accuracy scores (CAS): how well labelled generated images stand in
for real ones, judged by a fixed small classifier.

- ``gan_train``: the classifier trained on generated labelled images, tested on
  real held-out images (Ravuri & Vinyals' CAS; StudioGAN's "GAN-train").
- ``gan_test``: the classifier trained on real images, tested on generated ones
  (StudioGAN's "GAN-test").
- ``real_on_real``: trained on the real images, tested on the real held-out ones:
  the reference both are read against.

The classifier is fixed: ``build_digits_network`` (two conv blocks, a 128-unit
feature layer), Adam at 1e-3, batches of 32, ``CAS_STEPS`` steps whatever the
training set's size, seed 0; docs/evaluation.md.
"""

import dataclasses

import keras
import numpy as np
import tensorflow as tf

from keras_gans.errors import ArgumentError
from keras_gans.metrics.classifier import _as_images, build_digits_network

CAS_STEPS = 1000
CAS_BATCH_SIZE = 32


@dataclasses.dataclass(frozen=True)
class ClassificationScores:
    """What ``classification_accuracy_scores`` returns.

    Attributes:
        gan_train: held-out real accuracy of the classifier trained on generated images.
        gan_test: accuracy on the generated images of the classifier trained on real ones.
        real_on_real: held-out real accuracy of the classifier trained on real images.
    """

    gan_train: float
    gan_test: float
    real_on_real: float


def _labelled(images, labels, num_classes, what):
    images = np.asarray(images)
    labels = np.asarray(labels)
    if images.ndim != 4 or images.shape[-1] != 1 or images.shape[1] != images.shape[2]:
        raise ArgumentError(
            f"{what} images must be [n, size, size, 1], got shape {tuple(images.shape)}."
        )
    if labels.shape != (len(images),) or not np.issubdtype(labels.dtype, np.integer):
        raise ArgumentError(
            f"{what} labels must be {len(images)} integers (one per image), got "
            f"{labels.dtype} of shape {tuple(labels.shape)}."
        )
    if len(labels) and (labels.min() < 0 or labels.max() >= num_classes):
        raise ArgumentError(
            f"{what} labels must be in [0, {num_classes - 1}], got "
            f"{int(labels.min())}..{int(labels.max())}."
        )
    return _as_images(images, images.shape[1]), labels.astype(np.int32)


def train_classifier(images, labels, num_classes=10, steps=CAS_STEPS, seed=0):
    """The fixed CAS classifier trained on ``(images, labels)``; returns the Keras model.

    Args:
        images: ``[n, size, size, 1]`` float images in [-1, 1] (or uint8).
        labels: ``[n]`` integer classes in ``[0, num_classes)``.
        num_classes: the number of classes (the network has 10 logits; at most 10).
        steps: training steps (batches of 32), the same whatever ``n`` is.
        seed: initialisation, dropout and shuffling seed.

    Example:
    >>> from keras_gans.data import digits_arrays
    >>> x, y = digits_arrays(16, "train")
    >>> clf = keras_gans.metrics.train_classifier(x[:64], y[:64], steps=2)
    >>> clf.output_shape
    (None, 10)

    Reference:
        Ravuri & Vinyals, "Classification Accuracy Score for Conditional Generative
        Models", 2019, https://arxiv.org/abs/1905.10887
    """
    if not 2 <= num_classes <= 10:
        raise ArgumentError(f"num_classes must be in [2, 10], got {num_classes!r}.")
    x, y = _labelled(images, labels, num_classes, "Training")
    if len(x) == 0:
        raise ArgumentError("train_classifier needs at least one image.")
    keras.utils.set_random_seed(seed)
    model = build_digits_network(x.shape[1], seed, "cas_classifier")
    model.compile(
        optimizer=keras.optimizers.Adam(1e-3),
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    )
    data = (
        tf.data.Dataset.from_tensor_slices((x, y))
        .shuffle(len(x), seed=seed, reshuffle_each_iteration=True)
        .repeat()
        .batch(CAS_BATCH_SIZE)
        .take(steps)
    )
    model.fit(data, epochs=1, steps_per_epoch=steps, shuffle=False, verbose=0)
    return model


def accuracy(classifier, images, labels, num_classes=10):
    """The share of ``images`` that ``classifier`` assigns to their ``labels``."""
    x, y = _labelled(images, labels, num_classes, "Test")
    if len(x) == 0:
        raise ArgumentError("accuracy needs at least one image.")
    predictions = np.argmax(classifier.predict(x, batch_size=256, verbose=0), axis=1)
    return float(np.mean(predictions == y))


def classification_accuracy_scores(
    fake_images, fake_labels, real_train, real_test, num_classes=10, steps=CAS_STEPS, seed=0
):
    """GAN-train, GAN-test and the real-on-real reference (``ClassificationScores``).

    Args:
        fake_images, fake_labels: generated images and the classes they were drawn for.
        real_train: ``(images, labels)`` the real-trained classifier learns from.
        real_test: ``(images, labels)`` held out: what both classifiers are tested on.
        num_classes, steps, seed: as in ``train_classifier``.

    Example:
    >>> from keras_gans.data import digits_arrays
    >>> train, test = digits_arrays(16, "train"), digits_arrays(16, "test")
    >>> images, labels = train
    >>> scores = keras_gans.metrics.classification_accuracy_scores(
    ...     images[:64], labels[:64], train, test, steps=2)
    >>> sorted(vars(scores))
    ['gan_test', 'gan_train', 'real_on_real']

    Reference:
        Ravuri & Vinyals, "Classification Accuracy Score for Conditional Generative
        Models", 2019, https://arxiv.org/abs/1905.10887
    """
    on_fake = train_classifier(fake_images, fake_labels, num_classes, steps, seed)
    on_real = train_classifier(*real_train, num_classes, steps, seed)
    return ClassificationScores(
        gan_train=accuracy(on_fake, *real_test, num_classes),
        gan_test=accuracy(on_real, fake_images, fake_labels, num_classes),
        real_on_real=accuracy(on_real, *real_test, num_classes),
    )
