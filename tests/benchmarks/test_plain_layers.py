"""The reference's plain copies of our networks compute as ours."""

import keras
import numpy as np
import tensorflow as tf

from benchmarks.reference.plain_layers import plain_copy
from keras_gans import networks


def _convolutions(network):
    return [layer for layer in network.layers if isinstance(layer, keras.layers.Conv2D)]


def _assert_same_outputs_and_gradients(ours, plain, x, training):
    """A loss of both networks' outputs, its gradients at ``x`` and at the first
    weight, equal to 1e-5."""
    results = []
    for network in (ours, plain):
        with tf.GradientTape() as tape:
            tape.watch(x)
            loss = tf.reduce_sum(tf.sin(network(x, training=training)))
        results.append((loss, *tape.gradient(loss, [x, network.trainable_weights[0]])))
    for a, b in zip(*results, strict=True):
        np.testing.assert_allclose(a.numpy(), b.numpy(), atol=1e-5)


def test_a_plain_copy_has_conv2d_where_ours_has_live_taps_and_the_same_outputs_and_gradients():
    ours = networks.dcgan_discriminator((16, 16, 1), filters=4)
    plain = plain_copy(ours)
    kinds = [type(layer).__name__ for layer in plain.layers]
    assert "LiveTapsConv2D" not in kinds and kinds.count("Conv2D") == 4
    # the last convolution holds its full 5x5 kernel, the live taps at the centre
    live, full = (_convolutions(network)[-1].kernel.numpy() for network in (ours, plain))
    assert live.shape == (2, 2, 16, 32) and full.shape == (5, 5, 16, 32)
    np.testing.assert_array_equal(full[1:3, 1:3], live)
    x = tf.random.stateless_uniform([4, 16, 16, 1], seed=[1, 2], minval=-1, maxval=1)
    _assert_same_outputs_and_gradients(ours, plain, x, training=True)
    # the copy is separate: training it leaves ours alone
    before = ours.get_weights()
    first = _convolutions(plain)[0].kernel
    first.assign_add(tf.ones_like(first))
    for a, b in zip(before, ours.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)


def test_a_plain_copy_reaches_into_nested_networks():
    inputs = keras.Input((16, 16, 1))
    inner = networks.dcgan_discriminator((16, 16, 1), filters=4)
    outer = keras.Model(inputs, inner(inputs))
    plain = plain_copy(outer)
    kinds = [type(layer).__name__ for layer in plain._flatten_layers(include_self=False)]
    assert "LiveTapsConv2D" not in kinds and kinds.count("Conv2D") == 4
    x = np.random.RandomState(0).uniform(-1, 1, (4, 16, 16, 1)).astype("float32")
    np.testing.assert_allclose(plain(x).numpy(), outer(x).numpy(), atol=1e-5)


def test_a_plain_unet_has_keras_layers_and_full_kernels_at_both_innermost_convolutions():
    ours = networks.unet_generator((16, 16, 1), filters=4, max_filters=8)
    plain = plain_copy(ours)
    kinds = {type(layer).__name__ for layer in plain.layers}
    assert not {"LiveTapsConv2D", "LiveTapsConv2DTranspose"} & kinds
    assert {"Conv2D", "Conv2DTranspose"} <= kinds
    for name in ("down3_conv", "up2_conv"):  # 2x2 -> 1x1 and 1x1 -> 2x2
        live, full = (network.get_layer(name).kernel.numpy() for network in (ours, plain))
        assert live.shape == (2, 2, 8, 8) and full.shape == (4, 4, 8, 8)
        np.testing.assert_array_equal(full[1:3, 1:3], live)
    x = tf.random.stateless_uniform([2, 16, 16, 1], seed=[3, 4], minval=-1, maxval=1)
    _assert_same_outputs_and_gradients(ours, plain, x, training=False)
