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


@pytest.mark.parametrize("generator_loss", ["non_saturating", "minimax"])
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
        ValueError,
        match=r"Unknown loss 'wgan'; choose from \['minimax', 'non_saturating'\]",
    ):
        tiny_gan(generator_loss="wgan")


def test_gan_default_networks_are_mlps():
    gan = tiny_gan()
    types = {type(layer).__name__ for layer in gan.generator.layers}
    assert "Dense" in types and "LeakyReLU" in types and "Conv2D" not in types
    assert gan.generator.layers[-2].activation.__name__ == "tanh"
    assert gan.discriminator.output_shape == (None, 1)
    assert gan.label_smoothing == 0.0
