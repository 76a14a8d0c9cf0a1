"""``DCGAN``: deep convolutional GAN with one-sided label smoothing."""

import keras

from keras_gans.errors import ArgumentError
from keras_gans.models.base import AdversarialModel
from keras_gans.models.gan import default_networks
from keras_gans.networks import dcgan_discriminator, dcgan_generator


def _check_given_discriminator(discriminator, spectral_norm, minibatch_std):
    """A given discriminator must already have the spectral norm / minibatch std asked for
    (a saved model's config carries both the network and the options that built it)."""
    from keras_gans.networks import MinibatchStdDev

    layers = discriminator._flatten_layers(include_self=False)
    kinds = {type(layer) for layer in layers}
    missing = []
    if spectral_norm and keras.layers.SpectralNormalization not in kinds:
        missing.append("spectral_norm")
    if minibatch_std and MinibatchStdDev not in kinds:
        missing.append("minibatch_std")
    if missing:
        raise ArgumentError(
            f"{' and '.join(missing)} shape the default discriminator, and the given "
            f"discriminator has no such layer; build it with them "
            f"(networks.dcgan_discriminator) or leave discriminator= out."
        )


@keras.saving.register_keras_serializable(package="keras_gans")
class DCGAN(AdversarialModel):
    """DCGAN: transposed-convolution generator, strided-convolution discriminator.

    Trained with BCE and one-sided label smoothing (``compile(label_smoothing=...)``,
    default 0.1) and ``d_steps`` discriminator updates per generator update
    (default 1). A bare ``compile()`` uses ``update="simultaneous"``: one
    generator pass and one discriminator pass on the fakes give both gradients
    (faster, and no worse FID than ``"alternating"`` here; see docs/models.md).
    Works for 16x16, 28x28, 32x32 and 64x64 images (any even size >= 8) with 1 or
    3 channels.

    Args:
        image_shape: ``(height, width, channels)``; optional when both
            networks are given.
        latent_dim: size of z (default: the given generator's input size, or 100).
        generator: a ``keras.Model`` to use instead of the default DCGAN generator.
        discriminator: a ``keras.Model`` to use instead of the default one.
        generator_filters: width of the generator's last hidden block.
        discriminator_filters: filters of the discriminator's first convolution.
        spectral_norm: wrap the default discriminator's convolutions and logit
            layer in ``keras.layers.SpectralNormalization`` (Miyato et al. 2018).
        minibatch_std: group size of a ``networks.MinibatchStdDev`` layer before
            the default discriminator's logit (0: none).
        discriminator_normalization: ``"batch"``, ``"layer"`` or ``"none"`` after the
            default discriminator's convolutions (default: the family's,
            ``"batch"`` for DCGAN, ``"layer"`` for WGAN-GP).
        loss: ``"bce"`` (default), ``"hinge"`` or ``"least_squares"``.
        generator_loss: default: the one matching ``loss`` (``"non_saturating"``
            for bce; ``"minimax"`` is available).
        seed: int seed of the training noise.
        **kwargs: passed to ``keras.Model``.

    Example:
    >>> gan = keras_gans.models.DCGAN(image_shape=(16, 16, 1), latent_dim=8,
    ...     generator_filters=8, discriminator_filters=8)
    >>> gan.compile(label_smoothing=0.1, d_steps=1)
    >>> gan.generate(4, seed=0).shape
    (4, 16, 16, 1)

    Reference:
        Radford et al., Unsupervised Representation Learning with Deep
        Convolutional GANs (2015), https://arxiv.org/abs/1511.06434
    """

    default_label_smoothing = 0.1
    # One generator pass and one discriminator pass on the fakes serve both updates:
    # faster than the alternating scheme with no worse FID (docs/performance.md).
    default_update = "simultaneous"
    # Normalisation of the default discriminator ("batch", "layer" or "none").
    default_discriminator_normalization = "batch"

    def __init__(
        self,
        image_shape=None,
        latent_dim=None,
        generator=None,
        discriminator=None,
        generator_filters=64,
        discriminator_filters=64,
        loss="bce",
        generator_loss=None,
        seed=None,
        spectral_norm=False,
        minibatch_std=0,
        discriminator_normalization=None,
        **kwargs,
    ):
        if discriminator_normalization is None:
            discriminator_normalization = type(self).default_discriminator_normalization
        if discriminator is not None:
            _check_given_discriminator(discriminator, spectral_norm, minibatch_std)
        image_shape, latent_dim, generator, discriminator = default_networks(
            image_shape,
            latent_dim,
            generator,
            discriminator,
            lambda n, s: dcgan_generator(n, s, generator_filters),
            lambda s: dcgan_discriminator(
                s,
                discriminator_filters,
                normalization=discriminator_normalization,
                minibatch_std=minibatch_std,
                spectral_norm=spectral_norm,
            ),
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
        self.generator_filters = generator_filters
        self.discriminator_filters = discriminator_filters
        self.spectral_norm = bool(spectral_norm)
        self.minibatch_std = int(minibatch_std)
        self.discriminator_normalization = discriminator_normalization

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "image_shape": self.image_shape,
                "generator_filters": self.generator_filters,
                "discriminator_filters": self.discriminator_filters,
                "spectral_norm": self.spectral_norm,
                "minibatch_std": self.minibatch_std,
                "discriminator_normalization": self.discriminator_normalization,
            }
        )
        return config
