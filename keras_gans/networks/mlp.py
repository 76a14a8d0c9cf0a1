"""Fully connected generator and discriminator of the classic MNIST GAN."""

import math

import keras

from keras_gans.networks.validation import check_image_shape, check_latent_dim


def mlp_generator(latent_dim, image_shape, hidden_units=(256, 512, 1024), name="generator"):
    """MLP generator: Dense -> LeakyReLU(0.2) -> BatchNorm blocks, tanh output.

    Args:
        latent_dim: size of the noise vector z.
        image_shape: ``(height, width, channels)`` of the generated images.
        hidden_units: widths of the hidden Dense layers.
        name: model name.

    Returns:
        A ``keras.Model`` mapping ``[batch, latent_dim]`` to images in [-1, 1].

    Example:
    >>> g = keras_gans.networks.mlp_generator(8, (8, 8, 1), hidden_units=(16,))
    >>> g.output_shape
    (None, 8, 8, 1)

    Reference:
        Goodfellow et al., Generative Adversarial Networks (2014),
        https://arxiv.org/abs/1406.2661
    """
    latent_dim = check_latent_dim(latent_dim)
    image_shape = check_image_shape(image_shape)
    z = keras.Input((latent_dim,), name="z")
    x = z
    for units in hidden_units:
        x = keras.layers.Dense(units)(x)
        x = keras.layers.LeakyReLU(0.2)(x)
        x = keras.layers.BatchNormalization(momentum=0.8)(x)
    x = keras.layers.Dense(math.prod(image_shape))(x)
    x = keras.layers.Activation("tanh", dtype="float32")(x)
    images = keras.layers.Reshape(image_shape, dtype="float32")(x)
    return keras.Model(z, images, name=name)


def mlp_discriminator(image_shape, hidden_units=(512, 256), name="discriminator"):
    """MLP discriminator: Flatten -> Dense/LeakyReLU(0.2) blocks -> one logit.

    Args:
        image_shape: ``(height, width, channels)`` of the input images.
        hidden_units: widths of the hidden Dense layers.
        name: model name.

    Returns:
        A ``keras.Model`` mapping images to float32 logits of shape ``[batch, 1]``.

    Example:
    >>> d = keras_gans.networks.mlp_discriminator((8, 8, 1), hidden_units=(16,))
    >>> d.output_shape
    (None, 1)

    Reference:
        Goodfellow et al., Generative Adversarial Networks (2014),
        https://arxiv.org/abs/1406.2661
    """
    image_shape = check_image_shape(image_shape)
    images = keras.Input(image_shape, name="images")
    x = keras.layers.Flatten()(images)
    for units in hidden_units:
        x = keras.layers.Dense(units)(x)
        x = keras.layers.LeakyReLU(0.2)(x)
    logits = keras.layers.Dense(1, dtype="float32", name="logits")(x)
    return keras.Model(images, logits, name=name)
