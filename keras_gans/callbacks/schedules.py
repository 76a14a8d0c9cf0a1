"""Learning-rate schedules of both optimizers of a two-network model."""

import keras

from keras_gans.errors import ArgumentError
from keras_gans.utils.checks import check_int


def learning_rates(optimizers):
    """The current learning rate of each optimizer in ``optimizers``, as floats."""
    return tuple(float(keras.ops.convert_to_numpy(o.learning_rate)) for o in optimizers)


class LinearDecay(keras.callbacks.Callback):
    """Constant learning rates, then a linear decay towards 0 (CycleGAN's schedule).

    At (0-based) epoch ``e`` each optimizer's rate is its initial rate times
    ``1 - max(0, e + 1 - (epochs - decay_epochs)) / (decay_epochs + 1)``: the first
    ``epochs - decay_epochs`` epochs at the initial rate, the last ``decay_epochs``
    falling linearly (CycleGAN: 100 + 100 epochs; ``decay_epochs=epochs`` decays over
    the whole run, as WGAN-GP's CIFAR-10 code does).

    Args:
        epochs: total epochs of the run.
        decay_epochs: epochs of decay at the end (default: half of ``epochs``).
        initial_learning_rate: the rate before decay: a number for both optimizers,
            a pair ``(generator, discriminator)``, or None for each optimizer's own
            rate at the start of ``fit``. Give it when resuming, because a checkpoint
            holds the decayed rates.

    Example:
    >>> cb = keras_gans.callbacks.LinearDecay(epochs=200, initial_learning_rate=2e-4)
    >>> cb.factor(99), round(cb.factor(199), 6)
    (1.0, 0.009901)

    Reference:
        Zhu et al. (2017), https://arxiv.org/abs/1703.10593 (section 7.1)
    """

    def __init__(self, epochs, decay_epochs=None, initial_learning_rate=None):
        super().__init__()
        self.epochs = check_int(epochs, "epochs")
        self.decay_epochs = self.epochs // 2 if decay_epochs is None else decay_epochs
        if not 0 <= self.decay_epochs <= self.epochs:
            raise ArgumentError(
                f"decay_epochs must be in [0, {self.epochs}], got {decay_epochs!r}."
            )
        if isinstance(initial_learning_rate, (tuple, list)):
            if len(initial_learning_rate) != 2:
                raise ArgumentError(
                    "initial_learning_rate must be a number or a (generator, "
                    f"discriminator) pair, got {initial_learning_rate!r}."
                )
            initial_learning_rate = tuple(float(r) for r in initial_learning_rate)
        elif initial_learning_rate is not None:
            initial_learning_rate = (float(initial_learning_rate),) * 2
        self.initial_learning_rate = initial_learning_rate

    def factor(self, epoch):
        """The learning-rate multiplier of 0-based ``epoch``."""
        start = self.epochs - self.decay_epochs
        return 1.0 - max(0, epoch + 1 - start) / float(self.decay_epochs + 1)

    def _optimizers(self):
        return self.model.g_optimizer, self.model.d_optimizer

    def on_train_begin(self, logs=None):
        if self.initial_learning_rate is None:
            self.initial_learning_rate = learning_rates(self._optimizers())

    def on_epoch_begin(self, epoch, logs=None):
        for optimizer, rate in zip(self._optimizers(), self.initial_learning_rate, strict=True):
            optimizer.learning_rate = rate * self.factor(epoch)
