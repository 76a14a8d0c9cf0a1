"""Checks of the data given to ``fit``: one clear sentence for each way it can be wrong."""

import types

import keras
import numpy as np
import tensorflow as tf

from keras_gans.errors import ArgumentError, DataError

MISSING_LABELS = (
    "{} trains on (images, labels) batches but got images only; "
    "load the data with with_labels=True."
)


def unwrap_batch(data):
    """A batch without Keras' 1-tuple wrapping: ``fit(x=(images, labels))`` gives
    ``((images, labels),)``, ``fit(x=images, y=labels)`` gives ``(images, labels)``."""
    while isinstance(data, (tuple, list)) and len(data) == 1:
        data = data[0]
    return data


def _first_batch(dataset):
    for batch in dataset.take(1):
        return batch
    raise DataError("The dataset is empty: it yielded no batch to train on.")


def _split(batch, y):
    batch = unwrap_batch(batch)
    if isinstance(batch, (tuple, list)):
        return batch[0], (batch[1] if len(batch) > 1 else y)
    if isinstance(batch, dict):
        raise DataError("Give fit images (and labels) as arrays or tuples, not a dict.")
    return batch, y


def check_images(images, model, expected=None, what="images"):
    """Raises DataError unless ``images`` are finite floats in [-1, 1] of the model's shape.

    ``expected`` overrides ``model.image_shape``; ``what`` names the images in
    the message (translation models check inputs and targets).
    """
    name = type(model).__name__
    images = np.asarray(images)
    if images.size == 0:
        raise DataError("The data is empty: there are no images to train on.")
    if images.dtype == np.uint8:
        raise DataError(
            f"The {what} are uint8 (0..255) but {name} expects float images in [-1, 1]; "
            f"convert them with images / 127.5 - 1."
        )
    if not np.issubdtype(images.dtype, np.floating):
        raise DataError(f"The {what} have dtype {images.dtype}; {name} expects floats in [-1, 1].")
    expected = tuple(model.image_shape if expected is None else expected)
    if images.ndim != len(expected) + 1 or tuple(images.shape[1:]) != expected:
        raise DataError(
            f"The data's {what} have shape {tuple(images.shape[1:])} per example but "
            f"{name} expects {expected}."
        )
    if not np.all(np.isfinite(images)):
        raise DataError(f"The {what} contain NaN or infinite values.")
    low, high = float(images.min()), float(images.max())
    if low < -1.001 or high > 1.001:
        raise DataError(
            f"The {what} range over [{low:.4g}, {high:.4g}] but {name} expects [-1, 1] "
            f"(its generator ends in tanh); rescale them, e.g. images / 127.5 - 1 for 0..255 data."
        )


def check_labels(labels, model, n):
    """Raises DataError unless a conditional model got ``n`` int labels in range."""
    name = type(model).__name__
    if labels is None:
        raise DataError(MISSING_LABELS.format(name))
    labels = np.asarray(labels).reshape(-1)
    if len(labels) != n:
        raise DataError(f"The data has {n} images but {len(labels)} labels.")
    if not np.issubdtype(labels.dtype, np.integer):
        if not np.issubdtype(labels.dtype, np.floating) or np.any(labels != np.round(labels)):
            raise DataError(f"Labels must be integer class ids, got dtype {labels.dtype}.")
    if labels.min() < 0 or labels.max() >= model.num_classes:
        raise DataError(
            f"Labels must lie in [0, {model.num_classes - 1}] for {name} with "
            f"num_classes={model.num_classes}; the data has labels from "
            f"{int(labels.min())} to {int(labels.max())}."
        )


def check_batch(model, batch, y=None):
    """Checks one batch (or all the arrays) of training data; returns ``batch``."""
    images, labels = _split(batch, y)
    if getattr(model, "translation", False):
        model.check_pair_arrays(images, labels)
        return batch
    check_images(images, model)
    if getattr(model, "conditional", False):
        check_labels(labels, model, len(np.asarray(images)))
    return batch


def _is_py_dataset(x):
    return isinstance(x, keras.utils.PyDataset)


def check_fit_data(model, x, y=None):
    """Checks the arrays given to ``fit``/``evaluate`` (a dataset: its first batch;
    Python generators and PyDatasets are checked batch by batch by ``checked_batches``)."""
    if x is None:
        raise DataError("fit() got no data (x is None).")
    if isinstance(x, types.GeneratorType) or _is_py_dataset(x):
        return
    if isinstance(x, tf.data.Dataset):
        x = _first_batch(x)
    check_batch(model, x, y)


class CheckedPyDataset(keras.utils.PyDataset):
    """A ``PyDataset`` whose batches are checked (``check_batch``) as Keras reads them.

    With ``use_multiprocessing`` the batches are read in other processes, which do
    not get the model: then only the first batch is checked, here.
    """

    def __init__(self, model, dataset):
        super().__init__(
            workers=dataset.workers,
            use_multiprocessing=dataset.use_multiprocessing,
            max_queue_size=dataset.max_queue_size,
        )
        self.dataset = dataset
        self._model = None if dataset.use_multiprocessing else model
        if dataset.use_multiprocessing:
            check_batch(model, dataset[0])

    def __len__(self):
        return len(self.dataset)

    @property
    def num_batches(self):
        return self.dataset.num_batches

    def __getitem__(self, index):
        batch = self.dataset[index]
        return batch if self._model is None else check_batch(self._model, batch)

    def on_epoch_end(self):
        self.dataset.on_epoch_end()


def checked_batches(model, x):
    """``x`` with every batch checked when it is a Python generator or a ``PyDataset``
    (``fit`` sees no batch of those before training); other data is returned as is."""
    if isinstance(x, types.GeneratorType):
        return (check_batch(model, batch) for batch in x)
    if _is_py_dataset(x) and not isinstance(x, CheckedPyDataset):
        return CheckedPyDataset(model, x)
    return x


def check_fit_call(model, x, y, kwargs):
    """Checks everything given to ``fit``/``evaluate``; returns ``x`` ready for Keras.

    Refuses what the GANs would ignore (``sample_weight``, ``class_weight``, ``y``
    for models that learn from images alone) and checks ``validation_data`` like
    ``x``.
    """
    name = type(model).__name__
    for key in ("sample_weight", "class_weight"):
        if kwargs.get(key) is not None:
            raise ArgumentError(
                f"{name} weighs every example alike and does not use {key}; leave it out."
            )
    takes_y = getattr(model, "conditional", False) or getattr(model, "translation", False)
    if y is not None and not takes_y:
        raise ArgumentError(
            f"{name} learns from images alone and does not use y; pass the images as x only."
        )
    check_fit_data(model, x, y)
    validation = kwargs.get("validation_data")
    if validation is not None:
        if isinstance(validation, (tuple, list)) and len(validation) > 1:
            if not takes_y:
                raise ArgumentError(
                    f"{name} learns from images alone; give validation_data as images only."
                )
            check_fit_data(model, validation[0], validation[1])
        else:
            check_fit_data(model, unwrap_batch(validation))
        kwargs["validation_data"] = checked_batches(model, validation)
    return checked_batches(model, x)


def labels_for_generate(labels, n, num_classes):
    """``labels`` for ``generate(n, labels=...)`` as an int64 array ``[n]``.

    None cycles 0, 1, ..., one int is repeated ``n`` times; anything else must be
    ``n`` ints in ``[0, num_classes)`` (ValueError naming the problem).
    """
    if labels is None:
        return np.arange(n, dtype=np.int64) % num_classes
    labels = np.asarray(labels).reshape(-1)
    if labels.size == 1 and n > 1:
        labels = np.repeat(labels, n)
    if labels.shape != (n,) or not np.issubdtype(labels.dtype, np.integer):
        raise ArgumentError(f"labels must be {n} ints (one per image), got {labels.tolist()}.")
    if labels.min() < 0 or labels.max() >= num_classes:
        raise ArgumentError(
            f"labels must lie in [0, {num_classes - 1}], got {sorted(set(labels.tolist()))}."
        )
    return labels.astype(np.int64)


def check_noise_shape(model, z):
    """Raises DataError unless ``z`` (a tensor in ``predict``) is noise ``[batch, latent_dim]``."""
    shape = tuple(z.shape)
    if len(shape) != 2 or shape[-1] not in (None, model.latent_dim):
        raise DataError(
            f"{type(model).__name__}.predict() maps noise z of shape [n, {model.latent_dim}] "
            f"to images, got inputs of shape {shape}; to sample images call generate(n), "
            f"to score real images call evaluate(images)."
        )


def check_predict_inputs(model, x):
    """Checks in-memory ``predict`` inputs: noise of the right size, and for conditional
    models ``[z, labels]`` with labels inside the classes."""
    if isinstance(x, tf.data.Dataset) or isinstance(x, types.GeneratorType) or _is_py_dataset(x):
        return
    if not getattr(model, "conditional", False):
        check_noise_shape(model, np.asarray(x))
        return
    if not (isinstance(x, (tuple, list)) and len(x) == 2):
        raise DataError(
            f"{type(model).__name__}.predict() takes [z, labels] (noise and one class per row)."
        )
    z = np.asarray(x[0])
    check_noise_shape(model, z)
    labels_for_generate(x[1], len(z), model.num_classes)
