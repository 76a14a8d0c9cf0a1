"""Argument checks shared across the package: one sentence naming the argument."""

from keras_gans.errors import ArgumentError


def check_int(value, name, minimum=1):
    """Returns ``value`` if it is an int (not a bool) >= ``minimum``; else ValueError."""
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ArgumentError(f"{name} must be an int >= {minimum}, got {value!r}.")
    return value
