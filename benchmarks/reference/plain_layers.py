"""The reference's copies of our networks, in the layers a plain script writes.

keras_gans' DCGAN-style discriminators and pix2pix's U-Net compute some of their
convolutions with ``networks.LiveTapsConv2D`` and ``networks.LiveTapsConv2DTranspose``
(the taps that only ever meet padding skipped, and with ``store_live_taps`` not even
stored). A plain single-file GAN writes ``keras.layers.Conv2D`` and
``keras.layers.Conv2DTranspose`` there; ``plain_copy`` gives the reference that
network: the same outputs and gradients from the same weights, without our layers'
savings.
"""

import keras


def _plain_classes():
    """``{our layer class: the Keras layer a plain script writes}``."""
    from keras_gans.networks import LiveTapsConv2D, LiveTapsConv2DTranspose

    return {
        LiveTapsConv2D: keras.layers.Conv2D,
        LiveTapsConv2DTranspose: keras.layers.Conv2DTranspose,
    }


def _plain_layer(layer):
    config = layer.get_config()
    plain = _plain_classes().get(type(layer))
    if plain is not None:
        config.pop("store_live_taps", None)
        return plain.from_config(config)
    return layer.__class__.from_config(config)


def _layers(model):
    """Every layer of ``model``, the layers of nested models after the model itself."""
    for layer in model.layers:
        yield layer
        if isinstance(layer, keras.Model):
            yield from _layers(layer)


def plain_copy(network):
    """A copy of the functional ``network`` with its weights, every ``LiveTapsConv2D``
    and ``LiveTapsConv2DTranspose`` (nested models included) Keras' layer of the same
    arguments, holding the full kernel."""
    ours = tuple(_plain_classes())
    copy = keras.models.clone_model(network, clone_function=_plain_layer, recursive=True)
    for new, old in zip(_layers(copy), _layers(network), strict=True):
        if isinstance(new, keras.Model) or not old.weights:
            continue
        weights = old.get_weights()
        if isinstance(old, ours):
            weights[0] = old.full_kernel()
        new.set_weights(weights)
    return copy
