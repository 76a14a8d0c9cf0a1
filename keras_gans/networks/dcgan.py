"""DCGAN generator and discriminator (Radford et al.), for 8x8 up to 64x64 images."""

import keras

from keras_gans.errors import ArgumentError
from keras_gans.networks.layers import MinibatchStdDev
from keras_gans.networks.live_taps import LiveTapsConv2D
from keras_gans.networks.normalization import check_normalization, normalization_layer
from keras_gans.networks.validation import check_image_shape, check_latent_dim


def num_upsamples(height, width, max_upsamples=4, min_start=4):
    """How many stride-2 layers a DCGAN generator uses for an image size.

    The largest ``k <= max_upsamples`` such that both sides divide by ``2**k``
    and the start grid is at least ``min_start`` pixels: 16 -> 2 (from 4x4),
    28 -> 2 (from 7x7), 32 -> 3 (4x4), 64 -> 4 (4x4).
    """
    for k in range(max_upsamples, 0, -1):
        f = 2**k
        if height % f == 0 and width % f == 0 and min(height, width) // f >= min_start:
            return k
    raise ArgumentError(
        f"DCGAN networks need an image height and width that are even and at least 8, "
        f"got {height}x{width}."
    )


def dcgan_generator(latent_dim, image_shape, filters=64, name="generator"):
    """DCGAN generator: Dense -> reshape -> 5x5 stride-2 transposed convolutions.

    Each hidden block is Conv2DTranspose(5, stride 2) -> BatchNorm -> ReLU, the
    filters halving from ``filters * 2**(k-1)`` to ``filters``; the last layer
    maps to ``channels`` with tanh.

    Args:
        latent_dim: size of the noise vector z.
        image_shape: ``(height, width, channels)``; sides even and >= 8
            (16, 28, 32 and 64 are the usual ones).
        filters: width of the last hidden block.
        name: model name.

    Returns:
        A ``keras.Model`` mapping ``[batch, latent_dim]`` to images in [-1, 1].

    Example:
    >>> g = keras_gans.networks.dcgan_generator(16, (28, 28, 1), filters=8)
    >>> g.output_shape
    (None, 28, 28, 1)

    Reference:
        Radford et al., Unsupervised Representation Learning with Deep
        Convolutional GANs (2015), https://arxiv.org/abs/1511.06434
    """
    latent_dim = check_latent_dim(latent_dim)
    z = keras.Input((latent_dim,), name="z")
    return keras.Model(z, dcgan_generator_body(z, image_shape, filters), name=name)


def dcgan_generator_body(x, image_shape, filters=64):
    """The DCGAN generator's layers applied to a flat tensor ``x`` (z, or z + label)."""
    h, w, c = check_image_shape(image_shape)
    k = num_upsamples(h, w)
    start_h, start_w = h // 2**k, w // 2**k
    width = filters * 2 ** (k - 1)
    x = keras.layers.Dense(start_h * start_w * width, use_bias=False)(x)
    x = keras.layers.BatchNormalization()(x)
    x = keras.layers.ReLU()(x)
    x = keras.layers.Reshape((start_h, start_w, width))(x)
    for _ in range(k - 1):
        width //= 2
        x = keras.layers.Conv2DTranspose(width, 5, strides=2, padding="same", use_bias=False)(x)
        x = keras.layers.BatchNormalization()(x)
        x = keras.layers.ReLU()(x)
    x = keras.layers.Conv2DTranspose(c, 5, strides=2, padding="same")(x)
    return keras.layers.Activation("tanh", dtype="float32", name="images")(x)


DISCRIMINATOR_NORMALIZATIONS = ("batch", "layer", "none")


def dcgan_discriminator(
    image_shape,
    filters=64,
    num_layers=4,
    normalization="batch",
    minibatch_std=0,
    spectral_norm=False,
    name="discriminator",
):
    """DCGAN discriminator: strided 5x5 convolutions, LeakyReLU(0.2), one logit.

    Normalisation follows every convolution except the first (on the input):
    batch norm by default; ``"layer"`` or ``"none"`` for critics that a gradient
    penalty constrains per example (WGAN-GP).

    Args:
        image_shape: ``(height, width, channels)`` of the input images.
        filters: filters of the first convolution, doubling each layer.
        num_layers: number of stride-2 convolutions (4 in the paper).
        normalization: ``"batch"``, ``"layer"`` or ``"none"`` (None: the same).
        minibatch_std: group size of a ``MinibatchStdDev`` layer before the output
            (0: none). The batch must be divisible by it.
        spectral_norm: wrap every convolution and the output layer in
            ``keras.layers.SpectralNormalization`` (Miyato et al. 2018): each training
            call divides the kernel by its largest singular value (one power
            iteration), keeping the discriminator about 1-Lipschitz.
        name: model name.

    Returns:
        A ``keras.Model`` mapping images to float32 logits ``[batch, 1]``.

    Example:
    >>> d = keras_gans.networks.dcgan_discriminator((16, 16, 3), filters=8)
    >>> d.output_shape
    (None, 1)

    Reference:
        Radford et al., Unsupervised Representation Learning with Deep
        Convolutional GANs (2015), https://arxiv.org/abs/1511.06434
    """
    image_shape = check_image_shape(image_shape)
    images = keras.Input(image_shape, name="images")
    logits = dcgan_discriminator_body(
        images, filters, num_layers, normalization, minibatch_std, spectral_norm
    )
    return keras.Model(images, logits, name=name)


def _spectral(layer, wrap, **kwargs):
    return keras.layers.SpectralNormalization(layer, **kwargs) if wrap else layer


def dcgan_discriminator_body(
    x, filters=64, num_layers=4, normalization="batch", minibatch_std=0, spectral_norm=False
):
    """The DCGAN discriminator's layers applied to an image tensor ``x``; returns logits."""
    x = dcgan_discriminator_features(
        x, filters, num_layers, normalization, minibatch_std, spectral_norm
    )
    if spectral_norm:  # the wrapper computes in float32 too, so the logits stay float32
        dense = keras.layers.Dense(1, dtype="float32")
        return keras.layers.SpectralNormalization(dense, dtype="float32", name="logits")(x)
    return keras.layers.Dense(1, dtype="float32", name="logits")(x)


def dcgan_discriminator_features(
    x, filters=64, num_layers=4, normalization="batch", minibatch_std=0, spectral_norm=False
):
    """The DCGAN discriminator's convolutions on an image tensor ``x``; returns its
    flattened features (the input of the output layer), named ``features``."""
    normalization = check_normalization(normalization, DISCRIMINATOR_NORMALIZATIONS)
    for i in range(num_layers):
        normalized = i > 0 and normalization != "none"
        # Spectral normalisation divides by the whole stored kernel's norm, taps that
        # only see padding included, so the kernel keeps them there.
        conv = LiveTapsConv2D(
            filters * 2**i,
            5,
            strides=2,
            padding="same",
            use_bias=not normalized,
            store_live_taps=not spectral_norm,
        )
        x = _spectral(conv, spectral_norm)(x)
        if normalized:
            x = normalization_layer(normalization)(x)
        x = keras.layers.LeakyReLU(0.2)(x)
    if minibatch_std:
        x = MinibatchStdDev(minibatch_std, name="minibatch_std")(x)
    return keras.layers.Flatten(name="features")(x)
