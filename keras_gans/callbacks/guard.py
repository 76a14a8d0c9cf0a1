"""``DivergenceGuard``: stops training on NaN or exploding losses and restores the last good state."""

import math

import keras

from keras_gans.errors import ArgumentError


class DivergenceGuard(keras.callbacks.Callback):
    """Stops ``fit`` when a logged loss is NaN, infinite or beyond ``max_abs_loss``.

    After every batch it checks the logs; at the first bad value it restores
    the weights of both networks and both optimizers' state from the last
    epoch that ended with finite logs (or from the start of training), stops
    training, and records what happened in ``diverged`` (a one-line
    ``message``, the epoch, step and logs). Without ``raise_error`` the fit
    returns normally; ``keras-gans train`` turns it into a one-line error and
    keeps the run folder's last good checkpoint.

    Args:
        max_abs_loss: a loss whose absolute value exceeds this counts as exploded.
        monitor: the log keys to check (default: every key).
        raise_error: raise ``keras_gans.RunError`` from ``on_train_end``.
        verbose: print the message when it fires.

    Example:
    >>> gan = keras_gans.models.DCGAN(image_shape=(8, 8, 1), latent_dim=4,
    ...     generator_filters=8, discriminator_filters=8)
    >>> gan.compile()
    >>> images = np.random.RandomState(0).uniform(-1, 1, (8, 8, 8, 1)).astype("float32")
    >>> guard = keras_gans.callbacks.DivergenceGuard(max_abs_loss=1e4)
    >>> _ = gan.fit(images, batch_size=4, epochs=2, callbacks=[guard], verbose=0)
    >>> guard.diverged is None  # else a dict: message, epoch, step, logs
    True

    Reference:
        https://keras.io/api/callbacks/terminate_on_nan/ (Keras' TerminateOnNaN,
        which stops but keeps the NaN weights).
    """

    def __init__(self, max_abs_loss=1e6, monitor=None, raise_error=False, verbose=True):
        super().__init__()
        if not float(max_abs_loss) > 0:
            raise ArgumentError(f"max_abs_loss must be > 0, got {max_abs_loss!r}.")
        self.max_abs_loss = float(max_abs_loss)
        self.monitor = tuple(monitor) if monitor else None
        self.raise_error = raise_error
        self.verbose = verbose
        self.diverged = None
        self._snapshot = None
        self._snapshot_epoch = None
        self._epoch = 0

    def _variables(self):
        model = self.model
        out = list(model.weights)  # every network's (CycleGAN: four, and its pools)
        for optimizer in (model.g_optimizer, model.d_optimizer):
            out += list(optimizer.variables)
        return out

    def _take_snapshot(self, epoch):
        self._snapshot = [v.numpy() for v in self._variables()]
        self._snapshot_epoch = epoch

    def _bad(self, logs):
        for key, value in (logs or {}).items():
            if self.monitor and key not in self.monitor:
                continue
            value = float(value)
            if not math.isfinite(value) or abs(value) > self.max_abs_loss:
                return key, value
        return None

    def on_train_begin(self, logs=None):
        self.diverged = None
        self._take_snapshot(None)
        self._first_epoch = True

    def on_epoch_begin(self, epoch, logs=None):
        self._epoch = epoch
        if self._first_epoch:
            # A resumed fit (initial_epoch > 0) starts from the end of the epoch before.
            self._first_epoch = False
            self._snapshot_epoch = epoch - 1 if epoch > 0 else None

    def on_train_batch_end(self, batch, logs=None):
        if self.diverged is not None:
            return
        bad = self._bad(logs)
        if bad is None:
            return
        key, value = bad
        for variable, saved in zip(self._variables(), self._snapshot, strict=True):
            variable.assign(saved)
        where = (
            "the start of training"
            if self._snapshot_epoch is None
            else f"the end of epoch {self._snapshot_epoch + 1}"
        )
        what = "is not finite" if not math.isfinite(value) else f"exceeds {self.max_abs_loss:g}"
        self.diverged = {
            "epoch": self._epoch + 1,
            "step": batch + 1,
            "key": key,
            "value": value,
            "restored_from_epoch": None
            if self._snapshot_epoch is None
            else self._snapshot_epoch + 1,
            "message": (
                f"Training diverged at epoch {self._epoch + 1}, step {batch + 1}: {key} = "
                f"{value:g} {what}; stopped and restored the weights of {where}."
            ),
        }
        self.model.stop_training = True
        if self.verbose:
            print(self.diverged["message"])

    def on_epoch_end(self, epoch, logs=None):
        if self.diverged is None and self._bad(logs) is None:
            self._take_snapshot(epoch)

    def on_train_end(self, logs=None):
        if self.diverged is not None and self.raise_error:
            from keras_gans.errors import RunError

            raise RunError(self.diverged["message"])
