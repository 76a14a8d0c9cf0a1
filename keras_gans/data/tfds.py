"""TensorFlow Datasets loading, with one clear error when the data is not on disk."""

import tensorflow as tf

from keras_gans.errors import DataError


def _image_and_label_keys(builder):
    import tensorflow_datasets as tfds

    features = builder.info.features
    image_keys = [k for k, f in features.items() if isinstance(f, tfds.features.Image)]
    if not image_keys:
        raise DataError(f"TFDS dataset '{builder.name}' has no image feature.")
    label_keys = [k for k, f in features.items() if isinstance(f, tfds.features.ClassLabel)]
    return image_keys[0], (label_keys[0] if label_keys else None)


def tfds_builder(name, data_dir=None, download=False):
    """The TFDS builder for ``name``, prepared; DataError if it is unknown or absent.

    Nothing is downloaded unless ``download=True``; without the data on disk the
    error says how to get it.
    """
    import tensorflow_datasets as tfds

    try:
        builder = tfds.builder(name, data_dir=data_dir)
    except Exception as e:  # DatasetNotFoundError and friends list 1000+ names
        raise DataError(
            f"Unknown TFDS dataset '{name}' ({type(e).__name__}); names are listed at "
            f"https://www.tensorflow.org/datasets/catalog/overview"
        ) from None
    if builder.is_prepared():
        return builder
    how = (
        f"on a machine with network access run `tfds build {name}` (or "
        f"keras_gans.data.load('tfds:{name}', download=True)) and copy its "
        f"folder to {builder.data_dir}, or pass data_dir="
    )
    if not download:
        raise DataError(f"TFDS dataset '{name}' is not downloaded: {how}")
    try:
        builder.download_and_prepare()
    except Exception as e:
        reason = str(e).splitlines()[0][:200] if str(e) else type(e).__name__
        raise DataError(
            f"TFDS dataset '{name}' could not be downloaded ({reason}): {how}"
        ) from None
    return builder


def tfds_dataset(name, split, image_size, channels, with_labels, data_dir=None, download=False):
    """Unbatched ``tf.data.Dataset`` of float32 images in [-1, 1] (and int32 labels)."""
    builder = tfds_builder(name, data_dir=data_dir, download=download)
    image_key, label_key = _image_and_label_keys(builder)
    if with_labels and label_key is None:
        raise DataError(f"TFDS dataset '{name}' has no class labels.")
    try:
        ds = builder.as_dataset(split=split, shuffle_files=False)
    except (ValueError, KeyError):
        raise DataError(
            f"TFDS dataset '{name}' has no split '{split}'; choose from "
            f"{sorted(builder.info.splits)}"
        ) from None

    def convert(example):
        image = tf.cast(example[image_key], tf.float32)
        if image.shape[-1] == 3 and channels == 1:
            image = tf.image.rgb_to_grayscale(image)
        elif image.shape[-1] == 1 and channels == 3:
            image = tf.image.grayscale_to_rgb(image)
        image = tf.image.resize(image, (image_size, image_size), antialias=True)
        image = tf.clip_by_value(image / 127.5 - 1.0, -1.0, 1.0)
        if with_labels:
            return image, tf.cast(example[label_key], tf.int32)
        return image

    return ds.map(convert, num_parallel_calls=tf.data.AUTOTUNE)
