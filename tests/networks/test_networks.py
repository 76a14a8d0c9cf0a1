import keras
import numpy as np
import pytest

from keras_gans import networks


@pytest.mark.parametrize("size, k", [(8, 1), (16, 2), (28, 2), (32, 3), (64, 4)])
def test_num_upsamples(size, k):
    assert networks.num_upsamples(size, size) == k


@pytest.mark.parametrize("size", [7, 6, 15])
def test_sizes_a_dcgan_cannot_make_are_named(size):
    with pytest.raises(ValueError, match=f"even and at least 8, got {size}x{size}"):
        networks.dcgan_generator(8, (size, size, 1))


def test_dcgan_generator_structure():
    g = networks.dcgan_generator(8, (32, 32, 3), filters=4)
    convs = [layer for layer in g.layers if type(layer).__name__ == "Conv2DTranspose"]
    assert [c.strides for c in convs] == [(2, 2)] * 3
    assert all(c.kernel_size == (5, 5) for c in convs)
    assert [c.filters for c in convs] == [8, 4, 3]
    assert g.layers[-1].activation.__name__ == "tanh"
    assert g.output_shape == (None, 32, 32, 3)


def test_dcgan_discriminator_structure():
    d = networks.dcgan_discriminator((28, 28, 1), filters=4)
    names = [type(layer).__name__ for layer in d.layers]
    # Conv2D that skips the taps which only see padding (the last maps 2x2 to 1x1)
    convs = [layer for layer in d.layers if type(layer).__name__ == "LiveTapsConv2D"]
    assert len(convs) == 4 and all(c.strides == (2, 2) and c.kernel_size == (5, 5) for c in convs)
    assert all(isinstance(c, keras.layers.Conv2D) and c.padding == "same" for c in convs)
    assert names.count("BatchNormalization") == 3
    # no batch norm right after the first convolution
    assert names[names.index("LiveTapsConv2D") + 1] == "LeakyReLU"
    assert all(
        layer.negative_slope == pytest.approx(0.2)
        for layer in d.layers
        if type(layer).__name__ == "LeakyReLU"
    )
    assert d.output_shape == (None, 1)


def test_mlp_networks():
    g = networks.mlp_generator(4, (8, 8, 3), hidden_units=(16, 32))
    d = networks.mlp_discriminator((8, 8, 3), hidden_units=(16,))
    assert g.output_shape == (None, 8, 8, 3) and d.output_shape == (None, 1)


@pytest.mark.parametrize("shape", [(8, 8), (8, 8, 0), "abc"])
def test_bad_image_shape(shape):
    with pytest.raises(ValueError, match="image_shape must be"):
        networks.mlp_discriminator(shape)


def test_bad_latent_dim():
    with pytest.raises(ValueError, match="latent_dim must be a positive int"):
        networks.mlp_generator(0, (8, 8, 1))


def test_class_projection_on_hand_values():
    layer = networks.ClassProjection(3)
    features = np.array([[1.0, 2.0], [3.0, -1.0]], "float32")
    layer.build([(None, 2), (None,)])
    layer.embeddings.assign([[1.0, 0.0], [0.0, 1.0], [2.0, 3.0]])
    out = np.asarray(layer([features, np.array([2, 1])]))
    np.testing.assert_allclose(out, [[1 * 2 + 2 * 3], [-1.0]])  # <e_2, h_0>, <e_1, h_1>


def test_projection_discriminator_is_dense_plus_the_class_term():
    import keras

    d = networks.conditional_discriminator((16, 16, 1), 3, filters=4, num_layers=2, projection=True)
    images = np.random.RandomState(0).uniform(-1, 1, (3, 16, 16, 1)).astype("float32")
    labels = np.array([0, 1, 2])
    h = keras.Model(d.inputs, d.get_layer("features").output)([images, labels])
    dense = d.get_layer("unconditional")
    emb = d.get_layer("projection").embeddings.numpy()
    expected = np.asarray(h) @ dense.kernel.numpy() + dense.bias.numpy()
    expected = expected + np.sum(emb[labels] * np.asarray(h), axis=1, keepdims=True)
    np.testing.assert_allclose(d([images, labels]), expected, rtol=1e-5, atol=1e-6)
    assert d.output.dtype == "float32"
    assert "LabelChannels" not in {type(layer).__name__ for layer in d.layers}


def test_a_dcgan_discriminator_trains_as_with_full_kernels_and_stores_only_live_taps(monkeypatch):
    """The 16x16 discriminator's last convolution (2x2 -> 1x1, 5x5 kernel) keeps only
    the 2x2 taps that reach its input; from the same seed it starts and trains as the
    discriminator that stores full kernels. With spectral normalisation, which divides
    by the whole kernel's norm, every kernel stays full."""
    from keras_gans.networks import dcgan as dcgan_module
    from tests.networks.live_taps import live_and_full

    def kernels(d):  # the convolutions'
        return [w for w in d.weights if w.path.endswith("kernel") and len(w.shape) == 4]

    x = np.random.RandomState(0).uniform(-1, 1, (8, 16, 16, 1)).astype("float32")
    labels = np.arange(8, dtype="float32").reshape(8, 1) % 2
    trained = []
    for d in live_and_full(
        monkeypatch, dcgan_module, 3, lambda: networks.dcgan_discriminator((16, 16, 1), filters=4)
    ):
        d.compile(keras.optimizers.Adam(1e-2), keras.losses.BinaryCrossentropy(from_logits=True))
        before = [k.numpy() for k in kernels(d)]
        d.fit(x, labels, batch_size=4, epochs=2, shuffle=False, verbose=0)
        trained.append((d, before, [k.numpy() for k in kernels(d)], d(x).numpy()))
    (live, live_before, live_after, live_out), (full, full_before, full_after, full_out) = trained
    assert [k.shape for k in live_before][-1] == (2, 2, 16, 32)
    assert [k.shape for k in full_before][-1] == (5, 5, 16, 32)
    assert sum(k.size for k in live_before) < sum(k.size for k in full_before)
    for a, b in zip(live_before, full_before, strict=True):
        np.testing.assert_array_equal(a, b[1:3, 1:3] if a.shape != b.shape else b)
    assert not np.allclose(live_after[-1], live_before[-1])  # the live taps trained
    for a, b, b0 in zip(live_after, full_after, full_before, strict=True):
        if a.shape != b.shape:  # the full kernel's other taps never moved
            dead = np.ones(b.shape[:2], bool)
            dead[1:3, 1:3] = False
            np.testing.assert_array_equal(b[dead], b0[dead])
            b = b[1:3, 1:3]
        np.testing.assert_allclose(a, b, atol=1e-5)
    np.testing.assert_allclose(live_out, full_out, atol=1e-5)
    normed = networks.dcgan_discriminator((16, 16, 1), filters=4, spectral_norm=True)
    assert kernels(normed)[-1].shape == (5, 5, 16, 32)
