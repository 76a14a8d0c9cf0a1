"""``GAN``: the original GAN with MLP networks, BCE and a choice of generator loss."""

import keras

from keras_gans.errors import ArgumentError
from keras_gans.models.base import AdversarialModel
from keras_gans.models.naming import in_name_scope
from keras_gans.models.network_policy import build_generator_network
from keras_gans.networks import mlp_discriminator, mlp_generator
from keras_gans.networks.validation import check_image_shape

DEFAULT_LATENT_DIM = 100


def default_networks(
    image_shape,
    latent_dim,
    generator,
    discriminator,
    build_generator,
    build_discriminator,
):
    """Builds whichever of the two networks was not given.

    ``build_generator(latent_dim, image_shape)`` and
    ``build_discriminator(image_shape)`` make the defaults; ``image_shape``
    defaults to the given generator's output and ``latent_dim`` to its input
    (100 for a default generator). The generator is built under
    ``generator_policy``'s dtype policy where one is set.

    Returns:
        ``(image_shape, latent_dim, generator, discriminator)``.
    """
    if image_shape is None:
        if generator is None:
            raise ArgumentError("Give image_shape, or a generator and a discriminator.")
        image_shape = tuple(generator.output_shape[1:])
    image_shape = check_image_shape(image_shape)
    if generator is None:
        latent_dim = DEFAULT_LATENT_DIM if latent_dim is None else latent_dim
        generator = in_name_scope(
            "generator", build_generator_network, build_generator, latent_dim, image_shape
        )
    if discriminator is None:
        discriminator = in_name_scope("discriminator", build_discriminator, image_shape)
    return image_shape, latent_dim, generator, discriminator


@keras.saving.register_keras_serializable(package="keras_gans")
class GAN(AdversarialModel):
    """The original GAN: MLP generator and discriminator, binary cross-entropy.

    Args:
        image_shape: ``(height, width, channels)``; optional when both
            networks are given.
        latent_dim: size of z (default: the given generator's input size, or 100).
        generator: a ``keras.Model`` to use instead of the default MLP.
        discriminator: a ``keras.Model`` to use instead of the default MLP.
        generator_hidden_units: widths of the default generator's layers.
        discriminator_hidden_units: widths of the default discriminator's layers.
        loss: ``"bce"`` (default), ``"hinge"`` or ``"least_squares"``.
        generator_loss: default: the one matching ``loss`` (``"non_saturating"``
            for bce; ``"minimax"`` is available).
        seed: int seed of the training noise.
        **kwargs: passed to ``keras.Model``.

    Example:
    >>> gan = keras_gans.models.GAN(image_shape=(8, 8, 1), latent_dim=8,
    ...     generator_hidden_units=(16,), discriminator_hidden_units=(16,))
    >>> gan.compile()
    >>> gan.generate(4, seed=0).shape
    (4, 8, 8, 1)

    Reference:
        Goodfellow et al., Generative Adversarial Networks (2014),
        https://arxiv.org/abs/1406.2661
    """

    def __init__(
        self,
        image_shape=None,
        latent_dim=None,
        generator=None,
        discriminator=None,
        generator_hidden_units=(256, 512, 1024),
        discriminator_hidden_units=(512, 256),
        loss="bce",
        generator_loss=None,
        seed=None,
        **kwargs,
    ):
        image_shape, latent_dim, generator, discriminator = default_networks(
            image_shape,
            latent_dim,
            generator,
            discriminator,
            lambda n, s: mlp_generator(n, s, tuple(generator_hidden_units)),
            lambda s: mlp_discriminator(s, tuple(discriminator_hidden_units)),
        )
        super().__init__(
            generator,
            discriminator,
            latent_dim=latent_dim,
            loss=loss,
            generator_loss=generator_loss,
            seed=seed,
            **kwargs,
        )
        self.generator_hidden_units = tuple(generator_hidden_units)
        self.discriminator_hidden_units = tuple(discriminator_hidden_units)

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "image_shape": self.image_shape,
                "generator_hidden_units": list(self.generator_hidden_units),
                "discriminator_hidden_units": list(self.discriminator_hidden_units),
            }
        )
        return config
