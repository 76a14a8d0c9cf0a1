"""The normalisation layers the builders insert, by one name each."""

import keras

from keras_gans.errors import ArgumentError

# "none" is the one word for no normalisation; None means the same (older configs).
NORMALIZATIONS = ("batch", "instance", "layer", "none")


def check_normalization(kind, allowed):
    """Returns ``kind`` as one of ``allowed`` (None read as ``"none"``) or raises ValueError."""
    kind = "none" if kind is None else kind
    if kind not in allowed:
        raise ArgumentError(f"Unknown normalization {kind!r}; choose from {list(allowed)}")
    return kind


def normalization_layer(kind, name=None):
    """A fresh layer for ``kind``, or None for ``"none"``.

    ``"batch"``: ``BatchNormalization``; ``"instance"``: ``GroupNormalization``
    with one group per channel; ``"layer"``: ``LayerNormalization`` over height,
    width and channels.
    """
    kind = check_normalization(kind, NORMALIZATIONS)
    if kind == "batch":
        return keras.layers.BatchNormalization(name=name)
    if kind == "instance":
        return keras.layers.GroupNormalization(groups=-1, name=name)
    if kind == "layer":
        return keras.layers.LayerNormalization(axis=[1, 2, 3], name=name)
    return None
