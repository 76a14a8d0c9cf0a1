import keras
import numpy as np
import pytest

import keras_gans
from tests.helpers import standard_model_checks


def tiny_dcgan(image_shape=(16, 16, 1), **kwargs):
    return keras_gans.models.DCGAN(
        image_shape=image_shape,
        latent_dim=4,
        generator_filters=4,
        discriminator_filters=4,
        seed=1,
        **kwargs,
    )


def test_dcgan_standard_checks(tmp_path):
    data = np.random.RandomState(0).uniform(-1, 1, (16, 16, 16, 1)).astype("float32")
    standard_model_checks(tiny_dcgan, data, tmp_path)


def test_dcgan_defaults_label_smoothing_and_one_d_step():
    gan = tiny_dcgan()
    gan.compile()
    assert gan.label_smoothing == 0.1 and gan.d_steps == 1
    assert isinstance(gan.g_optimizer, keras.optimizers.Adam)
    assert float(gan.g_optimizer.learning_rate) == pytest.approx(2e-4)
    assert float(gan.d_optimizer.beta_1) == pytest.approx(0.5)


def test_dcgan_discriminator_loss_uses_compiled_label_smoothing():
    gan = tiny_dcgan()
    gan.compile(label_smoothing=0.25)
    real, fake = np.array([[2.0]], np.float32), np.array([[-1.0]], np.float32)
    expected = keras_gans.losses.bce_discriminator_loss(real, fake, 0.25)
    assert float(gan.discriminator_loss(real, fake)) == pytest.approx(float(expected))


@pytest.mark.parametrize("size", [16, 28, 32, 64])
@pytest.mark.parametrize("channels", [1, 3])
def test_dcgan_image_sizes(size, channels):
    gan = tiny_dcgan(image_shape=(size, size, channels))
    images = gan.generate(2, seed=0)
    assert images.shape == (2, size, size, channels)
    assert images.min() >= -1.0 and images.max() <= 1.0
    assert gan.discriminator(images).shape == (2, 1)


def test_dcgan_accepts_custom_networks():
    g = keras.Sequential(
        [keras.Input((3,)), keras.layers.Dense(8 * 8), keras.layers.Reshape((8, 8, 1))]
    )
    d = keras.Sequential([keras.Input((8, 8, 1)), keras.layers.Flatten(), keras.layers.Dense(1)])
    gan = keras_gans.models.DCGAN(generator=g, discriminator=d)
    assert gan.generator is g and gan.discriminator is d
    assert gan.latent_dim == 3 and gan.image_shape == (8, 8, 1)
    gan.compile()
    history = gan.fit(np.zeros((8, 8, 8, 1), "float32"), batch_size=4, epochs=1, verbose=0)
    assert np.isfinite(history.history["d_loss"][0])


def test_spectral_norm_and_minibatch_std_are_saved_and_need_the_default_discriminator():
    gan = keras_gans.models.DCGAN(
        image_shape=(16, 16, 1), latent_dim=4, generator_filters=8, discriminator_filters=8,
        spectral_norm=True, minibatch_std=2,
    )  # fmt: skip
    config = gan.get_config()
    assert config["spectral_norm"] is True and config["minibatch_std"] == 2
    wrapped = [
        x for x in gan.discriminator.layers if isinstance(x, keras.layers.SpectralNormalization)
    ]
    assert len(wrapped) >= 2
    again = keras_gans.models.DCGAN.from_config(config)
    assert again.discriminator.get_layer("minibatch_std").group_size == 2
    d = keras_gans.networks.dcgan_discriminator((16, 16, 1), filters=8)
    with pytest.raises(
        keras_gans.errors.ArgumentError,
        match="spectral_norm shape the default discriminator, and the given discriminator has no such layer",
    ):
        keras_gans.models.DCGAN(latent_dim=4, image_shape=(16, 16, 1), discriminator=d,
                                spectral_norm=True)  # fmt: skip
