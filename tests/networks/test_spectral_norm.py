"""``dcgan_discriminator(spectral_norm=True)``: Keras' SpectralNormalization on every layer
(and, in the standard checks, with ``minibatch_std`` too)."""

import keras
import numpy as np
import pytest

import keras_gans
from tests.helpers import standard_model_checks

DATA = np.random.RandomState(0).uniform(-1, 1, (64, 16, 16, 1)).astype("float32")


def spectral_dcgan():
    d = keras_gans.networks.dcgan_discriminator(
        (16, 16, 1), filters=8, num_layers=2, spectral_norm=True
    )
    g = keras_gans.networks.dcgan_generator(4, (16, 16, 1), filters=8)
    return keras_gans.models.DCGAN(generator=g, discriminator=d, seed=0)


def wrapped_kernels(discriminator):
    return [
        layer.layer.kernel.numpy()
        for layer in discriminator.layers
        if isinstance(layer, keras.layers.SpectralNormalization)
    ]


def largest_singular_value(kernel):
    return np.linalg.svd(kernel.reshape(-1, kernel.shape[-1]), compute_uv=False)[0]


def test_every_convolution_and_the_output_are_wrapped_and_logits_stay_float32():
    d = spectral_dcgan().discriminator
    assert len(wrapped_kernels(d)) == 3  # 2 convolutions + the output layer
    assert d.get_layer("logits").dtype_policy.name == "float32"
    plain = keras_gans.networks.dcgan_discriminator((16, 16, 1), filters=8, num_layers=2)
    assert wrapped_kernels(plain) == []


def test_after_training_steps_each_kernels_largest_singular_value_is_within_1_percent_of_1():
    keras.utils.set_random_seed(0)
    gan = spectral_dcgan()
    gan.compile()
    before = [largest_singular_value(k) for k in wrapped_kernels(gan.discriminator)]
    assert any(abs(s - 1) > 0.05 for s in before)  # the initial kernels are not normalised
    gan.fit(DATA, batch_size=8, epochs=2, verbose=0)  # 16 steps
    after = [largest_singular_value(k) for k in wrapped_kernels(gan.discriminator)]
    assert all(abs(s - 1) <= 0.01 for s in after), after


@pytest.mark.slow  # a full standard check; the fast subset has the plain DCGAN's
def test_a_dcgan_with_spectral_norm_and_minibatch_std_passes_the_standard_checks(tmp_path):
    def make():  # the constructor's options, so the .keras round trip carries them
        gan = keras_gans.models.DCGAN(
            image_shape=(16, 16, 1), latent_dim=4, generator_filters=8,
            discriminator_filters=8, spectral_norm=True, minibatch_std=4, seed=0,
        )  # fmt: skip
        assert gan.discriminator.get_layer("minibatch_std").group_size == 4
        return gan

    standard_model_checks(make, DATA[:16], tmp_path)
