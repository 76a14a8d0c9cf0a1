import keras
import numpy as np
import pytest

import keras_gans
from keras_gans import networks
from keras_gans.errors import ArgumentError

TINY = dict(mapping_layers=2, channel_base=32, channel_max=8)


def test_demodulated_weights_have_unit_norm_per_output_channel():
    rng = np.random.RandomState(0)
    weight = rng.normal(size=(3, 3, 5, 4)).astype("float32")
    styles = rng.uniform(0.1, 3.0, size=(2, 5)).astype("float32")
    w = networks.modulated_weights(weight, styles).numpy()
    assert w.shape == (2, 3, 3, 5, 4)
    norms = np.sqrt((w**2).sum(axis=(1, 2, 3)))  # [batch, out]
    np.testing.assert_allclose(norms, np.ones((2, 4)), atol=1e-5)
    raw = networks.modulated_weights(weight, styles, demodulate=False).numpy()
    np.testing.assert_allclose(raw[1, :, :, 2, 3], weight[:, :, 2, 3] * styles[1, 2], rtol=1e-6)


def test_modulated_conv_on_a_one_channel_3x3_example_equals_the_hand_result():
    layer = networks.ModulatedConv2D(1, 3, activation=None)
    x = np.arange(9, dtype="float32").reshape(1, 3, 3, 1)
    w = np.array([[1.0, 2.0]], "float32")
    layer.build([x.shape, w.shape])
    kernel = np.array([[1, 0, -1], [2, 1, 0], [0, 1, 1]], "float32")
    layer.kernel.assign(kernel.reshape(3, 3, 1, 1))
    layer.affine.kernel.assign(np.array([[0.5], [0.25]], "float32"))  # fan_in 2
    layer.affine.bias.assign(np.array([1.0], "float32"))
    layer.bias.assign(np.array([0.5], "float32"))
    # style = (1 * 0.5 + 2 * 0.25) / sqrt(2) + 1; kernel gain 1/3 (fan_in 9)
    style = (0.5 + 0.5) / np.sqrt(2.0) + 1.0
    k = kernel / 3.0 * style
    k = k / np.sqrt((k**2).sum() + 1e-8)  # demodulated: unit norm
    padded = np.pad(x[0, :, :, 0], 1)
    expected = np.array(
        [[(padded[i : i + 3, j : j + 3] * k).sum() for j in range(3)] for i in range(3)]
    )
    out = layer([x, w]).numpy()[0, :, :, 0]
    np.testing.assert_allclose(out, expected + 0.5, rtol=1e-5, atol=1e-5)
    # the per-example kernel path (modulated_weights) gives the same numbers
    per_example = networks.modulated_weights(layer.scaled_kernel(), layer.styles(w)).numpy()
    np.testing.assert_allclose(per_example[0, :, :, 0, 0], k, rtol=1e-5)


def test_modulated_conv_matches_a_per_example_convolution_with_several_channels():
    rng = np.random.RandomState(1)
    layer = networks.ModulatedConv2D(3, 3, activation=None, use_noise=True)
    x = rng.normal(size=(2, 4, 4, 2)).astype("float32")
    w = rng.normal(size=(2, 5)).astype("float32")
    noise = rng.normal(size=(2, 4, 4, 1)).astype("float32")
    layer.build([x.shape, w.shape, noise.shape])
    layer.noise_strength.assign(0.3)
    out = layer([x, w, noise]).numpy()
    kernels = networks.modulated_weights(layer.scaled_kernel(), layer.styles(w)).numpy()
    for b in range(2):
        conv = keras.ops.conv(x[b : b + 1], kernels[b], padding="same").numpy()
        np.testing.assert_allclose(out[b : b + 1], conv + 0.3 * noise[b : b + 1], atol=1e-5)


def test_minibatch_std_of_a_known_batch():
    # two groups of 2 (image i in group i % 2): groups {0, 2} and {1, 3}
    x = np.array([0.0, 1.0, 2.0, 5.0], "float32").reshape(4, 1, 1, 1)
    out = networks.MinibatchStdDev(group_size=2, epsilon=0.0)(x).numpy()[:, 0, 0, 1]
    np.testing.assert_allclose(out, [1.0, 2.0, 1.0, 2.0], rtol=1e-6)


def test_generator_pieces_shapes_and_names():
    g = networks.stylegan2_generator(8, (16, 16, 1), **TINY)
    parts = networks.stylegan2_parts(g)
    assert parts.num_ws == networks.num_ws((16, 16, 1)) == 6
    assert parts.w_dim == 8
    assert [layer.size for layer in parts.const_noise] == [4, 8, 8, 16, 16]
    assert networks.noise_shapes((32, 32, 3)) == [4, 8, 8, 16, 16, 32, 32]
    assert networks.num_ws((32, 32, 3)) == 8
    images = g(np.random.RandomState(0).normal(size=(3, 8)).astype("float32")).numpy()
    assert images.shape == (3, 16, 16, 1) and np.abs(images).max() <= 1.0
    assert networks.stylegan2_discriminator((32, 32, 3), 32, 8).output_shape == (None, 1)


def test_non_power_of_two_sizes_are_refused_with_the_fix():
    with pytest.raises(ArgumentError, match="power of 2.*--image-size 32"):
        networks.stylegan2_generator(8, (28, 28, 1))
    with pytest.raises(ArgumentError, match="not a StyleGAN2 generator"):
        networks.stylegan2_parts(networks.dcgan_generator(8, (16, 16, 1), filters=4))


def test_mix_styles_and_truncate():
    a = np.zeros((2, 5, 3), "float32")
    b = np.ones((2, 5, 3), "float32")
    mixed = networks.mix_styles(a, b, 2).numpy()
    assert mixed[:, :2].max() == 0.0 and mixed[:, 2:].min() == 1.0
    per_example = networks.mix_styles(a, b, np.array([0, 5])).numpy()
    assert per_example[0].min() == 1.0 and per_example[1].max() == 0.0
    t = networks.truncate(np.array([[3.0, 5.0]], "float32"), np.array([1.0, 1.0]), 0.25)
    np.testing.assert_allclose(t, [[1.5, 2.0]])


@pytest.mark.slow
def test_networks_build_under_mirrored_strategy_in_a_fresh_process():
    from tests.helpers import run_program

    out = run_program("stylegan2_mirrored")
    assert out["replicas"] == 2
    assert out["output_shape"] == [4, 16, 16, 1]
    assert out["finite"] and out["trained"]
    assert out["logs"] == ["d_loss", "g_loss", "loss", "pl", "r1"]
    # the running means are reduced over the replicas, so every copy holds one value
    assert out["mirrored_copies"] == 2 and out["w_avg_equal"] and out["pl_mean_equal"]
    assert out["pl_mean"] > 0


def test_layers_round_trip_through_keras_files(tmp_path):
    g = networks.stylegan2_generator(8, (16, 16, 1), **TINY)
    path = str(tmp_path / "g.keras")
    g.save(path)
    loaded = keras.models.load_model(path)
    z = np.random.RandomState(2).normal(size=(2, 8)).astype("float32")
    np.testing.assert_allclose(loaded(z), g(z), atol=1e-6)
    assert keras_gans.networks.stylegan2_parts(loaded).num_ws == 6
