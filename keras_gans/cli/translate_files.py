"""``keras-gans translate``: translate every image of a folder, reporting the bad files by name."""

import os

import numpy as np
from PIL import Image, UnidentifiedImageError

from keras_gans.data.folder import IMAGE_EXTENSIONS
from keras_gans.errors import DataError
from keras_gans.utils.images import eight_bit, save_png, to_uint8


def _files(in_dir):
    if not os.path.isdir(in_dir):
        raise DataError(f"No such folder: {in_dir}")
    files = []
    for root, dirs, names in os.walk(in_dir):
        dirs.sort()
        files += [os.path.join(root, n) for n in sorted(names) if not n.startswith(".")]
    if not files:
        raise DataError(f"{in_dir} holds no files to translate.")
    return files


def read_for_model(file, shape):
    """One file as float32 ``shape`` in [-1, 1]; ValueError saying why it cannot be used."""
    h, w, c = shape
    if not file.lower().endswith(IMAGE_EXTENSIONS):
        raise ValueError(f"not an image file ({', '.join(IMAGE_EXTENSIONS)})")
    try:
        with Image.open(file) as img:
            img.load()
            if img.size != (w, h):
                raise ValueError(f"is {img.size[0]}x{img.size[1]}, the model takes {w}x{h}")
            array = np.asarray(eight_bit(img).convert("L" if c == 1 else "RGB"), np.float32)
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError):
        raise ValueError("cannot be read as an image (corrupt or truncated)") from None
    if c == 1:
        array = array[..., None]
    return array / 127.5 - 1.0


def translate_folder(model, in_dir, out_dir, direction="a2b", batch_size=32):
    """Translates every image under ``in_dir`` into a PNG of the same name under ``out_dir``.

    Files that are not images, cannot be decoded or have the wrong size are
    skipped and reported; the others are all written.

    Args:
        model: a translation model or ``ExportedTranslator``.
        in_dir: folder of input images (searched recursively).
        out_dir: output folder (created; the input's subfolders are kept).
        direction: ``"a2b"`` or ``"b2a"``.
        batch_size: images per generator call.

    Returns:
        ``(written, bad)``: output paths, and ``(file, reason)`` for each skipped file.
    """
    shape = model.domain_shapes[0 if direction == "a2b" else 1]
    good, images, bad = [], [], []
    for file in _files(in_dir):
        try:
            images.append(read_for_model(file, shape))
            good.append(file)
        except ValueError as e:
            bad.append((file, str(e)))
    written = []
    for i in range(0, len(good), batch_size):
        out = model.translate(np.stack(images[i : i + batch_size]), direction)
        for file, image in zip(good[i : i + batch_size], to_uint8(out), strict=True):
            rel = os.path.splitext(os.path.relpath(file, in_dir))[0] + ".png"
            written.append(save_png(image, os.path.join(out_dir, rel)))
    return written, bad
