import numpy as np
import pytest

import keras_gans
from tests.helpers import standard_model_checks


def tiny_gan(**kwargs):
    return keras_gans.models.GAN(
        image_shape=(8, 8, 1),
        latent_dim=4,
        generator_hidden_units=(16,),
        discriminator_hidden_units=(16,),
        seed=1,
        **kwargs,
    )


# minimax differs only in the generator loss (tests/test_losses.py has its values): slow.
@pytest.mark.parametrize(
    "generator_loss", ["non_saturating", pytest.param("minimax", marks=pytest.mark.slow)]
)
def test_gan_standard_checks(generator_loss, tiny_images, tmp_path):
    standard_model_checks(lambda: tiny_gan(generator_loss=generator_loss), tiny_images, tmp_path)


def test_gan_generator_loss_is_the_named_one():
    logits = np.array([[0.5], [-2.0]], np.float32)
    assert float(tiny_gan().generator_loss(logits)) == pytest.approx(
        float(keras_gans.losses.non_saturating_generator_loss(logits))
    )
    assert float(tiny_gan(generator_loss="minimax").generator_loss(logits)) == pytest.approx(
        float(keras_gans.losses.minimax_generator_loss(logits))
    )


def test_gan_unknown_generator_loss_names_the_choices():
    with pytest.raises(
        ValueError, match=r"Unknown loss 'wgan'; choose from \['hinge', 'least_squares', 'minimax'"
    ):
        tiny_gan(generator_loss="wgan")
    with pytest.raises(ValueError, match=r"Unknown loss 'mse'; choose from \['bce', 'hinge'"):
        tiny_gan(loss="mse")


@pytest.mark.parametrize("loss", ["hinge", "least_squares"])
def test_gan_loss_choice_picks_both_losses_from_the_registry(loss, tiny_images):
    gan = tiny_gan(loss=loss)
    real, fake = np.array([[0.5], [2.0]], np.float32), np.array([[-0.3], [1.5]], np.float32)
    d_fn = keras_gans.losses.get_discriminator_loss(loss)
    g_fn = keras_gans.losses.get_generator_loss(loss)
    assert float(gan.discriminator_loss(real, fake)) == pytest.approx(float(d_fn(real, fake)))
    assert float(gan.generator_loss(fake)) == pytest.approx(float(g_fn(fake)))
    gan.compile()
    history = gan.fit(tiny_images, batch_size=8, epochs=1, verbose=0)
    assert np.isfinite(history.history["d_loss"][0])


def test_gan_default_networks_are_mlps():
    gan = tiny_gan()
    types = {type(layer).__name__ for layer in gan.generator.layers}
    assert "Dense" in types and "LeakyReLU" in types and "Conv2D" not in types
    assert gan.generator.layers[-2].activation.__name__ == "tanh"
    assert gan.discriminator.output_shape == (None, 1)
    assert gan.label_smoothing == 0.0
