"""Callbacks that record training: sample grids (PNG, TensorBoard) and a metrics CSV."""

import csv
import os

import keras
import numpy as np
import tensorflow as tf

from keras_gans.utils.checks import check_int
from keras_gans.utils.images import make_grid, save_png


class ImageGrid(keras.callbacks.Callback):
    """Saves a grid of samples from fixed noise after every ``every`` epochs.

    The noise is the same at every epoch (``model.generate(n, seed=seed)``), so
    the grids show one set of latent points changing as the generator learns.
    Files are ``out_dir/epoch_001.png`` ... (1-based epochs); with
    ``tensorboard_dir`` the same grid is written as an image summary.

    Args:
        out_dir: folder of the PNG files (created if missing).
        n: images per grid.
        seed: seed of the fixed noise.
        every: save after every ``every`` epochs (and after the last one).
        tensorboard_dir: folder for a TensorBoard image summary, or None.
        scale: integer upscaling of each cell (default: cells >= 48 pixels).

    Example:
    >>> gan = keras_gans.models.DCGAN(image_shape=(8, 8, 1), latent_dim=4,
    ...     generator_filters=8, discriminator_filters=8)
    >>> gan.compile()
    >>> images = np.random.RandomState(0).uniform(-1, 1, (8, 8, 8, 1)).astype("float32")
    >>> cb = keras_gans.callbacks.ImageGrid("samples", n=16)
    >>> _ = gan.fit(images, batch_size=4, epochs=2, callbacks=[cb], verbose=0)
    >>> import os; sorted(os.listdir("samples"))
    ['epoch_001.png', 'epoch_002.png']

    Reference:
        Radford et al. (2015), https://arxiv.org/abs/1511.06434 (fixed-noise
        sample grids to follow training).
    """

    summary_name = "samples"  # the TensorBoard image tag

    def __init__(self, out_dir, n=64, seed=0, every=1, tensorboard_dir=None, scale=None):
        super().__init__()
        self.every = check_int(every, "every")
        self.n = check_int(n, "n")
        self.out_dir = os.fspath(out_dir)
        self.seed = seed
        self.tensorboard_dir = tensorboard_dir
        self.scale = scale
        self._writer = None
        self._epochs = None
        self.last_path = None

    def on_train_begin(self, logs=None):
        self._epochs = self.params.get("epochs") if self.params else None

    def grid(self):
        """The current grid as a uint8 ``[H, W, C]`` array."""
        images = self.model.generate(self.n, seed=self.seed)
        scale = self.scale or max(1, -(-48 // images.shape[2]))
        # Conditional models cycle through the labels: one column per class.
        return make_grid(images, cols=getattr(self.model, "num_classes", None), scale=scale)

    def on_epoch_end(self, epoch, logs=None):
        number = epoch + 1
        if number % self.every and number != self._epochs:
            return
        grid = self.grid()
        self.last_path = save_png(grid, os.path.join(self.out_dir, f"epoch_{number:03d}.png"))
        if self.tensorboard_dir:
            if self._writer is None:
                self._writer = tf.summary.create_file_writer(self.tensorboard_dir)
            with self._writer.as_default():
                tf.summary.image(self.summary_name, np.asarray(grid)[None], step=number)
            self._writer.flush()

    def on_train_end(self, logs=None):
        if self._writer is not None:
            self._writer.close()
            self._writer = None


class MetricsCSV(keras.callbacks.Callback):
    """Appends one row per finished epoch to a CSV file: ``epoch`` (1-based), then the logs.

    Unlike ``keras.callbacks.CSVLogger`` it adds no empty ``val_*`` columns,
    it keeps the header of an existing file, so a resumed run appends to it,
    and it widens the header when new log keys appear (values that
    ``Evaluate`` adds every N epochs; other rows stay blank there).

    Args:
        path: the CSV file (created with its header on the first epoch).

    Example:
    >>> gan = keras_gans.models.DCGAN(image_shape=(8, 8, 1), latent_dim=4,
    ...     generator_filters=8, discriminator_filters=8)
    >>> gan.compile()
    >>> images = np.random.RandomState(0).uniform(-1, 1, (8, 8, 8, 1)).astype("float32")
    >>> cb = keras_gans.callbacks.MetricsCSV("run/metrics.csv")
    >>> _ = gan.fit(images, batch_size=4, epochs=2, callbacks=[cb], verbose=0)
    >>> open("run/metrics.csv").read().splitlines()[0]
    'epoch,d_loss,g_loss,loss'
    >>> len(open("run/metrics.csv").read().splitlines())  # the header, then one row an epoch
    3

    Reference:
        https://keras.io/api/callbacks/csv_logger/ (the Keras logger it replaces).
    """

    def __init__(self, path):
        super().__init__()
        self.path = os.fspath(path)

    def _read(self):
        if not (os.path.isfile(self.path) and os.path.getsize(self.path)):
            return None, []
        with open(self.path, newline="") as f:
            rows = list(csv.reader(f))
        return rows[0], rows[1:]

    def on_epoch_end(self, epoch, logs=None):
        logs = {k: float(np.asarray(v)) for k, v in (logs or {}).items()}
        header, rows = self._read()
        os.makedirs(os.path.dirname(os.path.abspath(self.path)), exist_ok=True)
        if header is None or not set(logs) <= set(header[1:]):
            # First row, or new columns (e.g. metrics that Evaluate adds every N
            # epochs): rewrite the file with the wider header, old rows blank there.
            old = header or ["epoch"]
            header = old + sorted(set(logs) - set(old[1:]))
            rows = [r + [""] * (len(header) - len(r)) for r in rows]
            rows.append(self._row(epoch, header, logs))
            tmp = self.path + ".tmp"
            with open(tmp, "w", newline="") as f:
                csv.writer(f).writerows([header, *rows])
            os.replace(tmp, self.path)
            return
        with open(self.path, "a", newline="") as f:
            csv.writer(f).writerow(self._row(epoch, header, logs))

    @staticmethod
    def _row(epoch, header, logs):
        return [epoch + 1] + [logs.get(k, "") for k in header[1:]]
