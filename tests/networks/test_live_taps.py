import keras
import numpy as np
import pytest
import tensorflow as tf


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


def _op_types(layer, x):
    """The op types of ``layer``'s call on ``x`` traced as a ``tf.function``."""
    graph = tf.function(layer).get_concrete_function(x).graph
    return {op.type for op in graph.get_operations()}


@pytest.mark.parametrize(
    "shape,gathered",
    # 4x4 -> 2x2 and 3x3 -> 2x2: 4 output positions, one matmul of the gathered patches;
    # 2x4 -> 1x2 with a padding row's taps left out; 5x5 -> 3x3 (9 positions) and 8x8 ->
    # 4x4 convolve; 2x2 -> 1x1 is the one-position matmul
    [((4, 4), True), ((3, 3), True), ((2, 4), True), ((5, 5), False), ((8, 8), False)],
)
def test_few_output_positions_compute_as_one_matmul_of_gathered_patches(shape, gathered):
    x = tf.random.stateless_normal([3, *shape, 4], seed=[shape[0], shape[1]])
    plain, live = _same_weights(x, 6, 5, strides=2, padding="same")
    ops = _op_types(live, x)
    assert ("BatchMatMulV2" in ops) is gathered
    assert ("Conv2D" in ops) is not gathered
    results = [_outputs_and_gradients(layer, x) for layer in (plain, live)]
    for a, b in zip(*results, strict=True):
        np.testing.assert_allclose(a.numpy(), b.numpy(), atol=1e-5)


def _input_gradient_norm_gradients(layer, x):
    """The gradients, with respect to ``layer``'s weights, of the squared norm of the
    gradient of its outputs' sum with respect to ``x`` (R1's and WGAN-GP's double
    backprop)."""
    with tf.GradientTape() as outer:
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = tf.reduce_sum(tf.sin(layer(x)))
        penalty = tf.reduce_sum(tf.square(inner.gradient(y, x)))
    return [penalty, *outer.gradient(penalty, layer.trainable_weights)]


def test_the_gathered_matmul_double_backprop_matches_conv2d():
    x = tf.random.stateless_normal([3, 4, 4, 4], seed=[4, 4])
    plain, live = _same_weights(x, 6, 5, strides=2, padding="same")
    assert "BatchMatMulV2" in _op_types(live, x)
    expected, got = (_input_gradient_norm_gradients(layer, x) for layer in (plain, live))
    for a, b in zip(expected, got, strict=True):
        np.testing.assert_allclose(b.numpy(), a.numpy(), rtol=1e-5, atol=1e-5)


def test_the_gathered_matmul_in_bfloat16_computes_as_conv2d_in_bfloat16():
    from keras_gans.networks import LiveTapsConv2D

    x = tf.random.stateless_normal([8, 4, 4, 32], seed=[1, 6])
    plain = keras.layers.Conv2D(16, 5, strides=2, padding="same", dtype="mixed_bfloat16")
    live = LiveTapsConv2D(16, 5, strides=2, padding="same", dtype="mixed_bfloat16")
    plain.build(x.shape)
    live.build(x.shape)
    live.set_weights(plain.get_weights())
    y_plain, y_live = plain(x), live(x)
    assert y_live.dtype == tf.bfloat16
    # bfloat16 keeps 8 bits of mantissa: the two sums round differently, within a few
    # of the outputs' last places
    scale = float(tf.reduce_max(tf.abs(tf.cast(y_plain, "float32"))))
    np.testing.assert_allclose(
        tf.cast(y_live, "float32").numpy(), tf.cast(y_plain, "float32").numpy(), atol=scale / 32
    )


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


def _saved_and_loaded(tmp_path, layer, input_shape):
    """``(model, loaded, x)``: a model of ``layer`` on ``input_shape``, that model saved
    to a ``.keras`` file and loaded, and a batch of two inputs."""
    inputs = keras.Input(input_shape)
    model = keras.Model(inputs, layer(inputs))
    x = np.random.RandomState(0).normal(size=(2, *input_shape)).astype("float32")
    model.save(tmp_path / "m.keras")
    return model, keras.models.load_model(tmp_path / "m.keras"), x


def test_a_live_taps_conv_storing_its_live_taps_saves_and_loads(tmp_path):
    from keras_gans.networks import LiveTapsConv2D

    conv = LiveTapsConv2D(4, 5, strides=2, padding="same", store_live_taps=True)
    model, loaded, x = _saved_and_loaded(tmp_path, conv, (2, 2, 3))
    assert loaded.layers[-1].store_live_taps and loaded.layers[-1].kernel.shape == (2, 2, 3, 4)
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


@pytest.mark.parametrize(
    "size,kernel,stride,live_shape",
    [
        (1, 4, 2, (2, 2)),  # the U-Net's first decoder convolution
        (1, 5, 2, (2, 2)),
        (1, 4, 3, (3, 3)),
        (1, 3, 1, (1, 1)),
        (2, 5, 1, (3, 3)),
        (2, 7, 2, (6, 6)),
        (2, 4, 2, (4, 4)),  # every tap live: Conv2DTranspose's path
    ],
)
def test_a_live_taps_conv_transpose_computes_as_conv2d_transpose(size, kernel, stride, live_shape):
    from keras_gans.networks import LiveTapsConv2DTranspose, live_taps

    x = tf.random.stateless_normal([3, size, size, 4], seed=[size, kernel])
    kwargs = {"strides": stride, "padding": "same", "bias_initializer": "random_normal"}
    for store in (False, True):
        keras.utils.set_random_seed(7)
        layer = LiveTapsConv2DTranspose(6, kernel, **kwargs, store_live_taps=store)
        layer.build(x.shape)
        assert tuple(layer.kernel.shape) == ((*live_shape,) if store else (kernel, kernel)) + (6, 4)
        plain = keras.layers.Conv2DTranspose(6, kernel, **kwargs)
        plain.build(x.shape)
        plain.set_weights([layer.full_kernel(), layer.bias.numpy()])
        (y, dx, dk, db), (y_plain, dx_plain, dk_plain, db_plain) = (
            _outputs_and_gradients(each, x) for each in (layer, plain)
        )
        assert y.shape == (3, size * stride, size * stride, 6)
        for a, b in ((y, y_plain), (dx, dx_plain), (db, db_plain)):
            np.testing.assert_allclose(a.numpy(), b.numpy(), atol=1e-6)
        if store:  # the live taps' gradients are the full kernel's at their place
            first, end = live_taps(size * stride, kernel, stride)[:2]
            dk_plain = dk_plain[first:end, first:end]
        np.testing.assert_allclose(dk.numpy(), dk_plain.numpy(), atol=1e-6)


def test_a_live_taps_conv_transpose_saves_loads_and_keeps_its_input_size(tmp_path):
    from keras_gans.networks import LiveTapsConv2DTranspose

    layer = LiveTapsConv2DTranspose(4, 4, strides=2, padding="same", store_live_taps=True)
    model, loaded, x = _saved_and_loaded(tmp_path, layer, (1, 1, 3))
    inputs = model.inputs[0]
    assert loaded.layers[-1].kernel.shape == (2, 2, 4, 3)
    np.testing.assert_allclose(loaded(x).numpy(), model(x).numpy(), atol=1e-6)
    # a full kernel (the layer's without store_live_taps) loads as the live taps
    full_layer = LiveTapsConv2DTranspose(4, 4, strides=2, padding="same")
    full = keras.Model(inputs, full_layer(inputs))
    full.save_weights(tmp_path / "full.weights.h5")
    model.load_weights(tmp_path / "full.weights.h5")
    np.testing.assert_allclose(model(x).numpy(), full(x).numpy(), atol=1e-6)
    with pytest.raises(ValueError, match="expected axis 1 of input shape to have value 1"):
        layer(np.zeros((1, 2, 2, 3), "float32"))
