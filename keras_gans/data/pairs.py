"""Two-domain data for Pix2Pix and CycleGAN: ``load_pairs``, ``pair_arrays``, ``pair_stream``.

Sources: ``photos-paired`` / ``photos-unpaired`` (offline, see
``keras_gans.data.photos``), folders in the papers' layouts, and
``tfds:cycle_gan/<name>``.

Folder layouts:

- pix2pix (paired): each image holds the input on the left half and the
  target on the right (``A|B``), in ``DIR/train/`` and ``DIR/test/`` (``val/``
  also counts as test), or directly in ``DIR`` for every split.
- CycleGAN (unpaired): ``DIR/trainA/``, ``DIR/trainB/``, ``DIR/testA/``, ``DIR/testB/``.
"""

import os

import numpy as np
import tensorflow as tf

from keras_gans.data.folder import folder_arrays, list_images
from keras_gans.data.photos import NAMES as PHOTO_NAMES
from keras_gans.data.photos import photo_pair_arrays
from keras_gans.errors import DataError


def is_unpaired_folder(path):
    """True for a CycleGAN layout (``trainA/`` and ``trainB/`` subfolders)."""
    return all(os.path.isdir(os.path.join(path, d)) for d in ("trainA", "trainB"))


def unpaired_folder_arrays(path, image_size, split="train", channels=3):
    """``(a, b)`` of a CycleGAN folder: ``{split}A/`` and ``{split}B/``."""
    out = []
    for domain in ("A", "B"):
        sub = os.path.join(path, f"{split}{domain}")
        if not os.path.isdir(sub):
            raise DataError(
                f"{path} has no {split}{domain}/ folder; unpaired data needs "
                f"trainA/, trainB/ (and testA/, testB/) of images."
            )
        out.append(folder_arrays(sub, image_size, channels)[0])
    return tuple(out)


def paired_folder_arrays(path, image_size, split="train", channels=3, reverse=False):
    """``(inputs, targets)`` from side-by-side ``A|B`` images (pix2pix's layout).

    Reads ``DIR/<split>/`` (for ``"test"``: ``test/`` or ``val/``), or ``DIR``
    itself when it has no such subfolder. Each half is resized to ``image_size``;
    ``reverse=True`` makes the right half the input.
    """
    candidates = [split] + (["val"] if split == "test" else [])
    sub = next(
        (os.path.join(path, c) for c in candidates if os.path.isdir(os.path.join(path, c))), path
    )
    files = list_images(sub)
    inputs, targets, bad = [], [], []
    for f in files:
        try:
            a, b = split_side_by_side(f, image_size, channels)
        except (OSError, ValueError):
            bad.append(f)
            continue
        inputs.append(a)
        targets.append(b)
    if not inputs:
        raise DataError(
            f"None of the {len(files)} image files in {sub} could be read as A|B pairs."
        )
    if bad:
        import warnings

        from keras_gans.errors import KerasGansWarning

        warnings.warn(
            f"Skipped {len(bad)} unreadable image file(s) in {sub}, first: {bad[0]}",
            KerasGansWarning,
            stacklevel=2,
        )
    inputs, targets = np.stack(inputs), np.stack(targets)
    return (targets, inputs) if reverse else (inputs, targets)


def split_side_by_side(file, image_size, channels):
    """The left and right halves of one ``A|B`` image, each ``[s, s, channels]`` in [-1, 1]."""
    from PIL import Image

    with Image.open(file) as img:
        w, h = img.size
        if w < 2:
            raise ValueError("too narrow")
        halves = [img.crop((0, 0, w // 2, h)), img.crop((w // 2, 0, 2 * (w // 2), h))]
        return tuple(_as_array(half, image_size, channels) for half in halves)


def _as_array(img, image_size, channels):
    from PIL import Image

    img = img.convert("L" if channels == 1 else "RGB").resize(
        (image_size, image_size), Image.BILINEAR
    )
    array = np.asarray(img, np.float32)
    return (array[..., None] if channels == 1 else array) / 127.5 - 1.0


def pair_arrays(name, image_size=32, split="train"):
    """In-memory two-domain data: ``(a, b, paired)`` with float32 arrays in [-1, 1].

    ``name``: ``"photos-paired"``, ``"photos-unpaired"`` or a folder (CycleGAN
    layout if it has ``trainA/`` and ``trainB/``, else pix2pix side-by-side).
    """
    name = str(name)
    if name in PHOTO_NAMES:
        a, b = photo_pair_arrays(name, image_size, split)
        return a, b, name == "photos-paired"
    if name.startswith("tfds:"):
        raise DataError(f"{name} is streamed; use keras_gans.data.load_pairs for TFDS data.")
    if not os.path.isdir(name):
        raise DataError(
            f"Unknown image-to-image dataset {name!r}; use one of {list(PHOTO_NAMES)}, "
            f"'tfds:cycle_gan/<name>' or a folder (trainA/ trainB/, or A|B images)."
        )
    if is_unpaired_folder(name):
        a, b = unpaired_folder_arrays(name, image_size, split)
        return a, b, False
    a, b = paired_folder_arrays(name, image_size, split)
    return a, b, True


def augment_pair(a, b, seed, paired, jitter=1.125):
    """The papers' augmentation of a batch: random jitter (upscale, random crop) and mirroring.

    ``seed`` is a stateless seed ``[2]``; paired batches get the same crop and
    flip for both images of a pair, unpaired ones independent ones.
    """
    size = tf.shape(a)[1:3]
    big = tf.cast(tf.round(tf.cast(size, tf.float32) * jitter), tf.int32)

    def one(images, s):
        images = tf.image.resize(images, big, method="nearest")
        n, c = tf.shape(images)[0], tf.shape(images)[3]
        images = tf.image.stateless_random_crop(images, tf.stack([n, size[0], size[1], c]), s)
        flip = tf.random.stateless_uniform([n, 1, 1, 1], s + 1) < 0.5
        return tf.where(flip, tf.reverse(images, [2]), images)

    if paired:
        both = tf.concat([a, b], axis=-1)
        both = one(both, seed)
        return both[..., : a.shape[-1]], both[..., a.shape[-1] :]
    return one(a, seed), one(b, seed + 7)


def pair_stream(a, b, batch_size=1, seed=0, skip_batches=0, paired=True, augment=False):
    """An endless, resumable ``tf.data.Dataset`` of ``(a, b)`` batches.

    Paired data keep each pair together; unpaired data shuffle the two sets
    independently, an epoch being ``max(len(a), len(b)) // batch_size`` batches
    (the smaller set repeats). Epoch ``e`` is ordered by ``stateless_shuffle``
    with seed ``(seed, e)`` and augmentation is seeded by the batch's position,
    so a resumed run (``skip_batches`` = batches already consumed) sees exactly
    what an uninterrupted one would.

    Returns:
        ``(dataset, batches_per_epoch)``.
    """
    na, nb = len(a), len(b)
    if paired and na != nb:
        raise DataError(f"Paired data needs as many inputs as targets, got {na} and {nb}.")
    n = max(na, nb)
    steps = n // batch_size
    if steps < 1:
        raise DataError(f"The data has {n} images, fewer than one batch of {batch_size}.")
    a, b = tf.constant(a), tf.constant(b)
    seed = int(seed)

    def shuffled(size, e, salt):
        return tf.random.experimental.stateless_shuffle(
            tf.range(size, dtype=tf.int64), seed=tf.stack([tf.constant(seed + salt, tf.int64), e])
        )

    def epoch(e):
        i = tf.range(steps * batch_size, dtype=tf.int64)
        ia = tf.gather(shuffled(na, e, 0), i % na)
        ib = ia if paired else tf.gather(shuffled(nb, e, 1), i % nb)
        return tf.data.Dataset.from_tensor_slices((ia, ib))

    first_epoch, skip_in_epoch = divmod(int(skip_batches), steps)
    ds = tf.data.Dataset.range(first_epoch, 2**62).flat_map(epoch)
    ds = ds.batch(batch_size, drop_remainder=True).skip(skip_in_epoch)
    ds = ds.enumerate(start=int(skip_batches))

    def gather(position, indices):
        xa, xb = tf.gather(a, indices[0]), tf.gather(b, indices[1])
        if augment:
            s = tf.stack([tf.constant(seed, tf.int64), position])
            xa, xb = augment_pair(xa, xb, s, paired)
        return xa, xb

    return ds.map(gather).prefetch(tf.data.AUTOTUNE), steps


def load_pairs(
    name,
    image_size=32,
    batch_size=1,
    split="train",
    shuffle=True,
    seed=0,
    augment=False,
    data_dir=None,
    download=False,
):
    """Two-domain data as a batched ``tf.data.Dataset`` of ``(a, b)`` float32 images in [-1, 1].

    Args:
        name: ``"photos-paired"`` (grayscale -> colour patches of the bundled
            photos), ``"photos-unpaired"`` (china.jpg patches vs flower.jpg
            patches), a folder (pix2pix ``A|B`` images or CycleGAN
            ``trainA/ trainB/``) or ``"tfds:cycle_gan/<name>"``.
        image_size: side of the square images.
        batch_size: pairs per batch (the papers use 1).
        split: ``"train"`` or ``"test"``.
        shuffle: in-memory data: one epoch of shuffled batches, repeated by
            ``fit`` each epoch; off: the fixed order, one pass (for evaluation).
        seed: shuffle and augmentation seed.
        augment: random jitter and mirroring (the papers' augmentation).
        data_dir, download: for TFDS (see ``keras_gans.data.load``).

    Example:
    >>> ds = keras_gans.data.load_pairs("photos-paired", image_size=32, batch_size=4)
    >>> tuple(s.shape[-1] for s in ds.element_spec)  # grayscale in, colour out
    (1, 3)
    """
    name = str(name)
    if name.startswith("tfds:"):
        from keras_gans.data.tfds import tfds_dataset

        tfds_name = name[len("tfds:") :]
        splits = [f"{split}A", f"{split}B"]
        a, b = (
            tfds_dataset(tfds_name, s, image_size, 3, False, data_dir=data_dir, download=download)
            for s in splits
        )
        if shuffle:
            a, b = a.shuffle(1000, seed=seed), b.shuffle(1000, seed=seed + 1)
        ds = (
            tf.data.Dataset.zip((a.repeat(), b.repeat()))
            if shuffle
            else tf.data.Dataset.zip((a, b))
        )
        ds = ds.batch(batch_size, drop_remainder=True)
        if augment:
            ds = ds.enumerate().map(
                lambda i, ab: augment_pair(*ab, tf.stack([tf.constant(seed, tf.int64), i]), False)
            )
        return ds.prefetch(tf.data.AUTOTUNE)
    a, b, paired = pair_arrays(name, image_size, split)
    n = max(len(a), len(b))
    if n < batch_size:
        raise DataError(f"Dataset {name!r} ({split}) has {n} images, fewer than one batch.")
    if paired:
        ds = tf.data.Dataset.from_tensor_slices((a, b))
        if shuffle:
            ds = ds.shuffle(n, seed=seed, reshuffle_each_iteration=True)
    else:
        sets = [tf.data.Dataset.from_tensor_slices(x) for x in (a, b)]
        if shuffle:
            sets = [
                d.shuffle(len(x), seed=seed + i)
                for i, (d, x) in enumerate(zip(sets, (a, b), strict=True))
            ]
        ds = tf.data.Dataset.zip(tuple(d.repeat() for d in sets)).take(n)
    ds = ds.batch(batch_size, drop_remainder=shuffle)
    if augment:
        ds = ds.map(
            lambda xa, xb: augment_pair(
                xa, xb, tf.random.uniform([2], 0, 2**31 - 1, tf.int64, seed=seed), paired
            )
        )
    return ds.prefetch(tf.data.AUTOTUNE)
