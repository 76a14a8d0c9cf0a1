"""Images from a folder: every readable image under it, optionally labelled by subfolder."""

import os
import warnings

import numpy as np
from PIL import Image, UnidentifiedImageError

from keras_gans.errors import DataError, KerasGansWarning
from keras_gans.utils.images import eight_bit

IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp")


def list_images(path):
    """Sorted image files under ``path`` (recursively), by extension."""
    if not os.path.exists(path):
        raise DataError(f"No such folder: {path}")
    if not os.path.isdir(path):
        raise DataError(f"Not a folder of images: {path}")
    files = []
    for root, dirs, names in os.walk(path):
        dirs.sort()
        files += [
            os.path.join(root, n) for n in sorted(names) if n.lower().endswith(IMAGE_EXTENSIONS)
        ]
    if not files:
        raise DataError(f"No images ({', '.join(IMAGE_EXTENSIONS)}) found in {path}")
    return files


def read_image(file, image_size, channels):
    """One image file as float32 ``[s, s, channels]`` in [-1, 1] (raises OSError/ValueError)."""
    with Image.open(file) as img:
        img = eight_bit(img).convert("L" if channels == 1 else "RGB")
        img = img.resize((image_size, image_size), Image.BILINEAR)
        array = np.asarray(img, np.float32)
    if channels == 1:
        array = array[..., None]
    return array / 127.5 - 1.0


def folder_arrays(path, image_size, channels=3, with_labels=False):
    """Loads every image under ``path`` into memory.

    Unreadable or corrupt files are skipped; one ``KerasGansWarning`` says how
    many and names the first. Labels (``with_labels=True``) are the index of
    each file's top-level subfolder in sorted order.

    Returns:
        ``(images, labels, class_names)``; labels is None without ``with_labels``.
    """
    files = list_images(path)
    images, kept, bad = [], [], []
    for f in files:
        try:
            images.append(read_image(f, image_size, channels))
            kept.append(f)
        except (
            OSError,
            ValueError,
            UnidentifiedImageError,
            Image.DecompressionBombError,
        ):
            bad.append(f)
    if bad:
        warnings.warn(
            f"Skipped {len(bad)} unreadable image file(s) in {path}, first: {bad[0]}",
            KerasGansWarning,
            stacklevel=3,
        )
    if not images:
        raise DataError(f"None of the {len(files)} image files in {path} could be read.")
    labels, class_names = None, None
    if with_labels:
        rel = [os.path.relpath(f, path).split(os.sep) for f in kept]
        if any(len(parts) < 2 for parts in rel):
            raise DataError(
                f"with_labels=True needs one subfolder per class in {path}; "
                f"found images directly in it."
            )
        class_names = sorted({parts[0] for parts in rel})
        labels = np.array([class_names.index(parts[0]) for parts in rel], np.int32)
    return np.stack(images), labels, class_names
