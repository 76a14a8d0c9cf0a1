"""Offline image-to-image data cut from scikit-learn's two bundled photographs.

``sklearn.datasets.load_sample_images()`` holds two real 427x640 colour photos,
``china.jpg`` (a temple, trees, sky) and ``flower.jpg`` (a flower, leaves). The
rightmost ``HELD_OUT_FRACTION`` of each photo's width is held out: ``split="test"``
patches come only from there, ``"train"`` patches only from the rest, so no test
pixel is ever trained on.

- ``photos-paired``: grayscale patch -> colour patch of the same place, from both
  photos (colourisation; inputs have 1 channel, targets 3).
- ``photos-unpaired``: domain a = patches of china.jpg, domain b = patches of
  flower.jpg (3 channels each), not aligned.
"""

import numpy as np

from keras_gans.errors import DataError

HELD_OUT_FRACTION = 0.2
PHOTOS = ("china.jpg", "flower.jpg")
NAMES = ("photos-paired", "photos-unpaired")


def _photos():
    from sklearn.datasets import load_sample_images

    bunch = load_sample_images()
    by_name = {
        f.replace("\\", "/").rsplit("/", 1)[-1]: img
        for f, img in zip(bunch.filenames, bunch.images, strict=True)
    }
    return [by_name[name] for name in PHOTOS]


def photo_patches(photo, image_size, split="train", stride=None):
    """Square uint8 patches of one ``[h, w, 3]`` photo from the split's columns.

    Train patches overlap (stride ``image_size // 2`` by default); test patches
    tile the held-out strip without overlap.
    """
    if split not in ("train", "test"):
        raise DataError(f"Unknown split {split!r} for the photos; choose 'train' or 'test'.")
    h, w, _ = photo.shape
    cut = int(round(w * (1 - HELD_OUT_FRACTION)))
    x0, x1 = (0, cut) if split == "train" else (cut, w)
    stride = stride or (max(1, image_size // 2) if split == "train" else image_size)
    if image_size > min(h, x1 - x0):
        raise DataError(
            f"image_size {image_size} is larger than the photos' {split} region "
            f"({h}x{x1 - x0}); choose at most {min(h, x1 - x0)}."
        )
    patches = [
        photo[y : y + image_size, x : x + image_size]
        for y in range(0, h - image_size + 1, stride)
        for x in range(x0, x1 - image_size + 1, stride)
    ]
    return np.stack(patches)


def _to_float(patches):
    return patches.astype(np.float32) / 127.5 - 1.0


def grayscale(rgb_uint8):
    """ITU-R 601 luma of uint8 RGB images, as uint8 ``[..., 1]`` (PIL's "L" conversion)."""
    rgb = rgb_uint8.astype(np.float32)
    luma = rgb[..., 0] * 0.299 + rgb[..., 1] * 0.587 + rgb[..., 2] * 0.114
    return np.clip(np.round(luma), 0, 255).astype(np.uint8)[..., None]


def photo_pair_arrays(name, image_size=32, split="train"):
    """``(a, b)`` float32 arrays in [-1, 1] of ``photos-paired`` or ``photos-unpaired``.

    ``photos-paired``: a = grayscale ``[n, s, s, 1]``, b = colour ``[n, s, s, 3]``
    of the same patches (both photos). ``photos-unpaired``: a = china.jpg
    patches, b = flower.jpg patches, ``[n, s, s, 3]`` each.
    """
    if name not in NAMES:
        raise DataError(f"Unknown photo dataset {name!r}; choose from {list(NAMES)}")
    china, flower = _photos()
    if name == "photos-paired":
        colour = np.concatenate([photo_patches(p, image_size, split) for p in (china, flower)])
        return _to_float(grayscale(colour)), _to_float(colour)
    return (
        _to_float(photo_patches(china, image_size, split)),
        _to_float(photo_patches(flower, image_size, split)),
    )
