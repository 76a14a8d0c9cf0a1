"""Image helpers: [-1, 1] floats to uint8, grids of samples, PNG files."""

import math
import os

import numpy as np
from PIL import Image

from keras_gans.errors import ArgumentError


def eight_bit(img):
    """A Pillow image with 8 bits per channel: 16-bit grayscale (modes ``I;16*`` and
    ``I``, as 16-bit PNGs open) is scaled from 0..65535 to 0..255 rather than clipped."""
    if img.mode.startswith("I;16") or img.mode == "I":
        values = np.asarray(img, np.float64) / 257.0
        return Image.fromarray(np.clip(np.round(values), 0, 255).astype(np.uint8), "L")
    return img


def to_uint8(images):
    """Maps float images in [-1, 1] to uint8 in [0, 255] (values outside are clipped)."""
    images = np.asarray(images, dtype=np.float32)
    return np.clip(np.round((images + 1.0) * 127.5), 0, 255).astype(np.uint8)


def make_grid(images, cols=None, scale=1, pad=1):
    """Tiles ``[n, h, w, c]`` images in [-1, 1] into one uint8 ``[H, W, c]`` grid.

    Args:
        images: array of shape ``[n, h, w, c]`` in [-1, 1].
        cols: images per row (default: ceil(sqrt(n))).
        scale: integer upscaling of each image (nearest neighbour), so small
            images stay visible.
        pad: pixels of black between cells.
    """
    images = to_uint8(images)
    if images.ndim != 4:
        raise ArgumentError(f"make_grid expects [n, h, w, c] images, got {images.shape}.")
    n, h, w, c = images.shape
    if scale > 1:
        images = images.repeat(scale, axis=1).repeat(scale, axis=2)
        h, w = h * scale, w * scale
    cols = cols or max(1, math.ceil(math.sqrt(n)))
    rows = max(1, math.ceil(n / cols))
    grid = np.zeros((rows * (h + pad) + pad, cols * (w + pad) + pad, c), np.uint8)
    for i in range(n):
        r, k = divmod(i, cols)
        y, x = pad + r * (h + pad), pad + k * (w + pad)
        grid[y : y + h, x : x + w] = images[i]
    return grid


def save_png(array, path):
    """Writes a uint8 ``[H, W, 1|3]`` array as a PNG, creating parent folders."""
    array = np.asarray(array)
    if array.ndim == 3 and array.shape[-1] == 1:
        array = array[..., 0]
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    Image.fromarray(array).save(path)
    return path


def save_grid(images, path, scale=None):
    """Saves ``[n, h, w, c]`` images in [-1, 1] as one PNG grid.

    By default small images are upscaled so each cell is at least 48 pixels wide.
    """
    if scale is None:
        scale = max(1, math.ceil(48 / np.shape(images)[2]))
    return save_png(make_grid(images, scale=scale), path)


def save_gif(frames, path, duration_ms=120):
    """Writes uint8 ``[H, W, 1|3]`` frames as a looping animated GIF."""
    pictures = [
        Image.fromarray(f[..., 0] if f.shape[-1] == 1 else f) for f in map(np.asarray, frames)
    ]
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    pictures[0].save(path, save_all=True, append_images=pictures[1:], duration=duration_ms, loop=0)
    return path
