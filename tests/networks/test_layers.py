import keras
import numpy as np
import pytest
import tensorflow as tf

from keras_gans.errors import ArgumentError
from keras_gans.networks import MinibatchStdDev


def test_minibatch_std_on_a_hand_batch():
    # Groups of 2: image i joins group i % 2, so (0, 2) and (1, 3).
    x = np.array([[0, 0], [1, 2], [2, 4], [1, 6]], "float32").reshape(4, 1, 1, 2)
    out = np.asarray(MinibatchStdDev(group_size=2)(x))
    assert out.shape == (4, 1, 1, 3)
    np.testing.assert_array_equal(out[..., :2], x)  # the input channels pass through
    # group (0, 2): feature stds 1 and 2 -> 1.5; group (1, 3): 0 (sqrt of eps) and 2.
    expected = [1.5, (1e-4 + 2.0) / 2, 1.5, (1e-4 + 2.0) / 2]
    np.testing.assert_allclose(out[:, 0, 0, 2], expected, rtol=1e-5)


def test_minibatch_std_fills_every_pixel_and_shrinks_the_group_to_the_batch():
    rng = np.random.RandomState(0)
    x = rng.normal(size=(2, 3, 3, 4)).astype("float32")
    out = np.asarray(MinibatchStdDev(group_size=4)(x))  # one group of 2
    expected = np.sqrt(x.var(axis=0) + 1e-8).mean()
    np.testing.assert_allclose(out[..., 4], np.full((2, 3, 3), expected), rtol=1e-5)
    same = np.asarray(MinibatchStdDev()(np.repeat(x[:1], 4, axis=0)))
    np.testing.assert_allclose(same[..., 4], 1e-4, rtol=1e-3)  # identical images: ~0


def test_minibatch_std_bad_group_size_is_named():
    with pytest.raises(ArgumentError, match="group_size must be a positive int, got 0"):
        MinibatchStdDev(group_size=0)


def test_live_taps_on_hand_shapes():
    from keras_gans.networks import live_taps

    # 2 -> 1 with a 5-tap kernel, stride 2: SAME pads 1 before and 2 after; taps 1 and 2
    # reach the input, unpadded
    assert live_taps(2, 5, 2) == (1, 3, 0, 0)
    # 4 -> 2 with 5 taps, stride 2: every tap reaches the input; TensorFlow's padding
    assert live_taps(4, 5, 2) == (0, 5, 1, 2)
    # 1 -> 1 with 3 taps, stride 1: only the centre tap
    assert live_taps(1, 3, 1) == (1, 2, 0, 0)


def _same_weights(x, *args, **kwargs):
    """A ``Conv2D`` and a ``LiveTapsConv2D`` of the same arguments and weights, built
    for ``x``."""
    from keras_gans.networks import LiveTapsConv2D

    plain, live = keras.layers.Conv2D(*args, **kwargs), LiveTapsConv2D(*args, **kwargs)
    plain.build(x.shape)
    live.build(x.shape)
    live.set_weights(plain.get_weights())
    return plain, live


def _outputs_and_gradients(layer, x):
    """``(y, dloss/dx, dloss/dkernel, dloss/dbias)`` of ``layer`` on ``x``, for a loss
    that weighs every output differently (the sum of their sines)."""
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = layer(x)
        loss = tf.reduce_sum(tf.sin(y))
    return (y, *tape.gradient(loss, [x, *layer.trainable_weights]))


@pytest.mark.parametrize(
    "size,kernel,stride",
    [(2, 5, 2), (4, 5, 2), (8, 5, 2), (3, 5, 2), (1, 3, 1), (2, 4, 2), (5, 7, 3), (2, 1, 2)],
)
def test_live_taps_conv_matches_conv2d_and_its_gradients(size, kernel, stride):
    x = tf.random.stateless_normal([3, size, size + 1, 4], seed=[size, kernel])
    plain, live = _same_weights(x, 6, kernel, strides=stride, padding="same")
    results = [_outputs_and_gradients(layer, x) for layer in (plain, live)]
    for a, b in zip(*results, strict=True):
        assert a.shape == b.shape
        np.testing.assert_allclose(a.numpy(), b.numpy(), atol=1e-5)
    # the kernel rows that only ever see padding get no gradient (2 rows -> 1: all but
    # rows 1-2; the 3 columns reach every tap)
    if (size, kernel, stride) == (2, 5, 2):
        kernel_grad = results[1][2].numpy()
        assert np.abs(kernel_grad[1:3]).sum() > 0
        kernel_grad[1:3] = 0
        assert not kernel_grad.any()


def test_a_grouped_live_taps_conv_computes_as_conv2d():
    x = tf.random.stateless_normal([2, 2, 2, 4], seed=[1, 2])
    plain, live = _same_weights(x, 6, 5, strides=2, padding="same", groups=2)
    np.testing.assert_allclose(live(x).numpy(), plain(x).numpy(), atol=1e-5)


def test_a_live_taps_conv_saves_and_loads_into_a_model(tmp_path):
    from keras_gans.networks import LiveTapsConv2D

    inputs = keras.Input((2, 2, 3))
    model = keras.Model(inputs, LiveTapsConv2D(4, 5, strides=2, padding="same")(inputs))
    x = np.random.RandomState(0).normal(size=(2, 2, 2, 3)).astype("float32")
    model.save(tmp_path / "m.keras")
    loaded = keras.models.load_model(tmp_path / "m.keras")
    assert isinstance(loaded.layers[-1], LiveTapsConv2D)
    assert loaded.layers[-1].kernel.shape == (5, 5, 3, 4)
    np.testing.assert_allclose(loaded(x).numpy(), model(x).numpy(), atol=1e-6)


@pytest.mark.parametrize(
    "size,kernel,stride,live_shape",
    [(2, 5, 2, (2, 2)), (3, 5, 2, (5, 5)), (1, 3, 1, (1, 1)), (2, 4, 2, (2, 2)), (1, 5, 1, (1, 1))],
)
def test_a_live_taps_conv_storing_only_its_live_taps_computes_as_the_full_one(
    size, kernel, stride, live_shape
):
    from keras_gans.networks import LiveTapsConv2D, live_taps

    x = tf.random.stateless_normal([3, size, size, 4], seed=[size, kernel])
    kwargs = {"strides": stride, "padding": "same", "kernel_initializer": "glorot_uniform"}
    layers = []
    for store in (False, True):
        keras.utils.set_random_seed(7)  # the same initial draw for both
        layer = LiveTapsConv2D(6, kernel, **kwargs, store_live_taps=store)
        layer.build(x.shape)
        layers.append(layer)
    full, live = layers
    first, end = live_taps(size, kernel, stride)[:2]
    assert tuple(live.kernel.shape) == (*live_shape, 4, 6)
    # its initial values are the full kernel's live taps
    np.testing.assert_array_equal(live.kernel.numpy(), full.kernel.numpy()[first:end, first:end])
    results = [_outputs_and_gradients(layer, x) for layer in (full, live)]
    (y_full, dx_full, dk_full, db_full), (y_live, dx_live, dk_live, db_live) = results
    for a, b in ((y_full, y_live), (dx_full, dx_live), (db_full, db_live)):
        np.testing.assert_allclose(a.numpy(), b.numpy(), atol=1e-6)
    np.testing.assert_allclose(dk_live.numpy(), dk_full.numpy()[first:end, first:end], atol=1e-6)
    # full_kernel(): the live taps at their place, zeros at the others; a Conv2D of the
    # same arguments computes with it what the live layer computes
    expanded = live.full_kernel()
    live_mask = np.zeros((kernel, kernel), bool)
    live_mask[first:end, first:end] = True
    np.testing.assert_array_equal(expanded[live_mask], full.kernel.numpy()[live_mask])
    assert expanded.shape == tuple(full.kernel.shape) and not expanded[~live_mask].any()
    np.testing.assert_array_equal(full.full_kernel(), full.kernel.numpy())
    conv = keras.layers.Conv2D(6, kernel, **kwargs)
    conv.build(x.shape)
    conv.set_weights([expanded, live.bias.numpy()])
    np.testing.assert_allclose(conv(x).numpy(), y_live.numpy(), atol=1e-6)


def test_a_live_taps_conv_storing_its_live_taps_saves_and_loads(tmp_path):
    from keras_gans.networks import LiveTapsConv2D

    inputs = keras.Input((2, 2, 3))
    conv = LiveTapsConv2D(4, 5, strides=2, padding="same", store_live_taps=True)
    model = keras.Model(inputs, conv(inputs))
    x = np.random.RandomState(0).normal(size=(2, 2, 2, 3)).astype("float32")
    model.save(tmp_path / "m.keras")
    loaded = keras.models.load_model(tmp_path / "m.keras").layers[-1]
    assert loaded.store_live_taps and loaded.kernel.shape == (2, 2, 3, 4)
    np.testing.assert_allclose(loaded(x).numpy(), model(x).numpy(), atol=1e-6)
    # a layer saved before the argument existed has none in its config: the full kernel
    config = {k: v for k, v in conv.get_config().items() if k != "store_live_taps"}
    assert LiveTapsConv2D.from_config(config).store_live_taps is False


def test_a_full_kernel_saved_before_store_live_taps_loads_as_the_live_taps(tmp_path):
    from keras_gans.networks import LiveTapsConv2D

    def model(store):
        inputs = keras.Input((2, 2, 3))
        conv = LiveTapsConv2D(4, 5, strides=2, padding="same", store_live_taps=store)
        return keras.Model(inputs, conv(inputs))

    full, live = model(False), model(True)
    full.save_weights(tmp_path / "full.weights.h5")
    live.load_weights(tmp_path / "full.weights.h5")
    np.testing.assert_array_equal(live.layers[-1].kernel.numpy(), full.layers[-1].kernel[1:3, 1:3])
    np.testing.assert_array_equal(live.layers[-1].bias.numpy(), full.layers[-1].bias.numpy())
    x = np.random.RandomState(1).normal(size=(2, 2, 2, 3)).astype("float32")
    np.testing.assert_allclose(live(x).numpy(), full(x).numpy(), atol=1e-6)
    # a full layer does not take a live kernel: Keras names the mismatch
    live.save_weights(tmp_path / "live.weights.h5")
    with pytest.raises(ValueError, match="shape"):
        full.load_weights(tmp_path / "live.weights.h5")


def test_a_live_taps_conv_storing_its_live_taps_refuses_another_input_size():
    from keras_gans.networks import LiveTapsConv2D

    layer = LiveTapsConv2D(4, 5, strides=2, padding="same", store_live_taps=True)
    layer(np.zeros((1, 2, 2, 3), "float32"))
    with pytest.raises(ValueError, match="expected axis 1 of input shape to have value 2"):
        layer(np.zeros((1, 4, 4, 3), "float32"))
