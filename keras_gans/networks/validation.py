"""Argument checks shared by the network builders."""

from keras_gans.errors import ArgumentError


def check_image_shape(image_shape):
    """Returns ``image_shape`` as a tuple of 3 positive ints or raises ValueError."""
    try:
        shape = tuple(int(s) for s in image_shape)
    except (TypeError, ValueError):
        shape = ()
    if len(shape) != 3 or min(shape) < 1:
        raise ArgumentError(
            f"image_shape must be (height, width, channels) of positive ints, got {image_shape!r}."
        )
    return shape


def check_latent_dim(latent_dim):
    """Returns ``latent_dim`` as a positive int or raises ValueError."""
    if isinstance(latent_dim, bool) or not isinstance(latent_dim, int) or latent_dim < 1:
        raise ArgumentError(f"latent_dim must be a positive int, got {latent_dim!r}.")
    return latent_dim


def check_positive(value, what):
    """Returns ``value`` if it is a positive int (not a bool), else raises ValueError."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ArgumentError(f"{what} must be a positive int, got {value!r}.")
    return value
