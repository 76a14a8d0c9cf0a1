"""The reference's copies of our networks, in the layers a plain script writes.

keras_gans' DCGAN-style discriminators and pix2pix's U-Net compute their
convolutions with ``networks.LiveTapsConv2D`` (the taps that only ever see padding skipped, and with
``store_live_taps`` not even stored). A plain single-file GAN writes
``keras.layers.Conv2D`` there; ``plain_copy`` gives the reference that network: the
same outputs and gradients from the same weights, without our layer's savings.
"""

import keras


def _plain_layer(layer):
    from keras_gans.networks import LiveTapsConv2D

    config = layer.get_config()
    if isinstance(layer, LiveTapsConv2D):
        config.pop("store_live_taps", None)
        return keras.layers.Conv2D.from_config(config)
    return layer.__class__.from_config(config)


def _layers(model):
    """Every layer of ``model``, the layers of nested models after the model itself."""
    for layer in model.layers:
        yield layer
        if isinstance(layer, keras.Model):
            yield from _layers(layer)


def plain_copy(network):
    """A copy of the functional ``network`` with its weights, every ``LiveTapsConv2D``
    (nested models included) a ``keras.layers.Conv2D`` of the same arguments."""
    from keras_gans.networks import LiveTapsConv2D

    copy = keras.models.clone_model(network, clone_function=_plain_layer, recursive=True)
    for new, old in zip(_layers(copy), _layers(network), strict=True):
        if isinstance(new, keras.Model) or not old.weights:
            continue
        weights = old.get_weights()
        if isinstance(old, LiveTapsConv2D):
            weights[0] = old.full_kernel()
        new.set_weights(weights)
    return copy
