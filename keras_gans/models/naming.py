"""Variables grouped by network: TensorBoard's histograms read ``generator/...``,
``discriminator/...`` rather than bare layer names."""

import keras


def in_name_scope(scope, build, /, *args, **kwargs):
    """``build(*args, **kwargs)`` with the variables it creates named ``scope/<layer>/...``."""
    with keras.name_scope(scope):
        return build(*args, **kwargs)
