"""Callbacks for image-to-image models: fixed-example grids."""

import numpy as np

from keras_gans.callbacks.logging import ImageGrid
from keras_gans.utils.images import make_grid


def _as_rgb(images):
    images = np.asarray(images, np.float32)
    return np.repeat(images, 3, axis=-1) if images.shape[-1] == 1 else images


class TranslationGrid(ImageGrid):
    """Saves fixed examples and their translations after every ``every`` epochs.

    An ``ImageGrid`` whose grid is translations instead of samples.

    One row per example: the input, its translation, and the target (paired
    data) or the translation back (``cycle=True``, CycleGAN). Files are
    ``out_dir/epoch_001.png`` ...; with ``tensorboard_dir`` also an image summary.

    Args:
        out_dir: folder of the PNG files.
        inputs: float images in [-1, 1] to translate (held-out ones, ideally).
        targets: the matching targets, shown in a third column, or None.
        direction: ``"a2b"`` or ``"b2a"``.
        cycle: add the translation back (models with both directions).
        every: save after every ``every`` epochs (and after the last one).
        tensorboard_dir: folder for a TensorBoard image summary, or None.
        scale: integer upscaling of each cell (default: cells >= 64 pixels).

    Example:
    >>> a, b, _ = keras_gans.data.pair_arrays("photos-paired", 32, "test")
    >>> pix2pix = keras_gans.models.Pix2Pix(image_shape=(32, 32, 1), target_channels=3,
    ...     generator_filters=4, discriminator_filters=4, discriminator_layers=2)
    >>> pix2pix.compile()
    >>> cb = keras_gans.callbacks.TranslationGrid("grids", a[:4], b[:4])
    >>> _ = pix2pix.fit(a[:8], b[:8], batch_size=4, epochs=1, callbacks=[cb], verbose=0)
    >>> import os; os.listdir("grids")
    ['epoch_001.png']

    Reference:
        Isola et al. (2017), https://arxiv.org/abs/1611.07004 (input, output,
        ground truth figures).
    """

    summary_name = "translations"

    def __init__(
        self,
        out_dir,
        inputs,
        targets=None,
        direction="a2b",
        cycle=False,
        every=1,
        tensorboard_dir=None,
        scale=None,
    ):
        super().__init__(
            out_dir, n=len(inputs), every=every, tensorboard_dir=tensorboard_dir, scale=scale
        )
        self.inputs = np.asarray(inputs, np.float32)
        self.targets = None if targets is None else np.asarray(targets, np.float32)
        self.direction = direction
        self.cycle = cycle

    def grid(self):
        """The current grid as a uint8 ``[H, W, 3]`` array."""
        out = self.model.translate(self.inputs, self.direction)
        columns = [self.inputs, out]
        if self.cycle:
            back = "b2a" if self.direction == "a2b" else "a2b"
            columns.append(self.model.translate(out, back))
        if self.targets is not None:
            columns.append(self.targets)
        cells = np.stack([_as_rgb(c) for c in columns], axis=1)  # [n, cols, h, w, 3]
        scale = self.scale or max(1, -(-64 // cells.shape[3]))
        return make_grid(cells.reshape(-1, *cells.shape[2:]), cols=len(columns), scale=scale)
