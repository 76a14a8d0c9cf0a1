"""The reference's copies of our networks, in the layers a plain script writes.

keras_gans' DCGAN-style discriminators and pix2pix's U-Net compute their
convolutions with ``networks.LiveTapsConv2D`` (the taps that only ever see padding skipped, and with
``store_live_taps`` not even stored). A plain single-file GAN writes
``keras.layers.Conv2D`` there; ``plain_copy`` gives the reference that network: the
same outputs and gradients from the same weights, without our layer's savings.
"""

import keras
import numpy as np


def _plain_layer(layer):
    from keras_gans.networks import LiveTapsConv2D

    config = layer.get_config()
    if isinstance(layer, LiveTapsConv2D):
        config.pop("store_live_taps", None)
        return keras.layers.Conv2D.from_config(config)
    return layer.__class__.from_config(config)


def _full_kernel(layer, kernel):
    """``kernel`` of ``layer`` (a ``LiveTapsConv2D`` that stores its live taps) at its
    place in the full kernel, zeros elsewhere (taps whose values never matter)."""
    r0, r1, c0, c1 = layer._stored_taps
    full = np.zeros((*layer.kernel_size, *kernel.shape[2:]), kernel.dtype)
    full[r0:r1, c0:c1] = kernel
    return full


def plain_copy(network):
    """A copy of the functional ``network`` with its weights, every ``LiveTapsConv2D``
    (nested models included) a ``keras.layers.Conv2D`` of the same arguments."""
    copy = keras.models.clone_model(network, clone_function=_plain_layer, recursive=True)
    pairs = zip(
        copy._flatten_layers(include_self=False, recursive=True),
        network._flatten_layers(include_self=False, recursive=True),
        strict=True,
    )
    for new, old in pairs:
        if isinstance(new, keras.Model) or not old.weights:
            continue
        weights = old.get_weights()
        if tuple(new.weights[0].shape) != weights[0].shape:
            weights[0] = _full_kernel(old, weights[0])
        new.set_weights(weights)
    return copy
