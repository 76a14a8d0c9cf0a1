import keras
import numpy as np
import pytest

from keras_gans.callbacks import LinearDecay
from tests.models.test_gan import tiny_gan


class RecordRates(keras.callbacks.Callback):
    def __init__(self):
        super().__init__()
        self.rates = []

    def on_epoch_begin(self, epoch, logs=None):
        self.rates.append(
            tuple(float(o.learning_rate) for o in (self.model.g_optimizer, self.model.d_optimizer))
        )


def test_linear_decay_schedule_matches_the_paper():
    cb = LinearDecay(epochs=200, decay_epochs=100, initial_learning_rate=2e-4)
    assert cb.factor(0) == 1.0 and cb.factor(99) == 1.0
    assert cb.factor(100) == pytest.approx(1 - 1 / 101)
    assert cb.factor(199) == pytest.approx(1 / 101)
    assert LinearDecay(4).decay_epochs == 2


def test_each_optimizer_decays_from_its_own_rate(tiny_images):
    gan = tiny_gan()
    gan.compile(g_optimizer=keras.optimizers.Adam(1e-3), d_optimizer=keras.optimizers.Adam(4e-3))
    record = RecordRates()
    gan.fit(tiny_images, batch_size=8, epochs=4, verbose=0, callbacks=[LinearDecay(4, 2), record])
    factors = np.array([1.0, 1.0, 2 / 3, 1 / 3])
    np.testing.assert_allclose([r[0] for r in record.rates], 1e-3 * factors, rtol=1e-6)
    np.testing.assert_allclose([r[1] for r in record.rates], 4e-3 * factors, rtol=1e-6)


def test_a_given_pair_or_number_sets_the_initial_rates(tiny_images):
    gan = tiny_gan()
    gan.compile()
    record = RecordRates()
    cb = LinearDecay(2, 2, initial_learning_rate=(1e-2, 2e-2))
    gan.fit(tiny_images, batch_size=8, epochs=2, verbose=0, callbacks=[cb, record])
    np.testing.assert_allclose(record.rates, [(1e-2 * 2 / 3, 2e-2 * 2 / 3), (1e-2 / 3, 2e-2 / 3)])
    assert LinearDecay(2, initial_learning_rate=5e-4).initial_learning_rate == (5e-4, 5e-4)


def test_bad_arguments_name_the_problem():
    with pytest.raises(ValueError, match=r"decay_epochs must be in \[0, 4\], got 5"):
        LinearDecay(4, 5)
    with pytest.raises(ValueError, match="a number or a \\(generator, discriminator\\) pair"):
        LinearDecay(4, 2, initial_learning_rate=(1e-3, 1e-3, 1e-3))
