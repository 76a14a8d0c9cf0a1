"""Variables grouped by network: TensorBoard's histograms read ``generator/...``,
``discriminator/...`` rather than bare layer names."""

import keras


def in_name_scope(name, build, *args, **kwargs):
    """``build(*args, **kwargs)`` with the variables it creates named ``name/<layer>/...``."""
    with keras.name_scope(name):
        return build(*args, **kwargs)
