import keras
import numpy as np
import pytest

import keras_gans
from keras_gans.networks import (
    ReflectionPadding2D,
    patchgan_discriminator,
    receptive_field,
    resnet_generator,
    unet_generator,
)


@pytest.mark.parametrize("size", [32, 64, 128])
def test_unet_output_shape_for_several_sizes(size):
    g = unet_generator((size, size, 1), out_channels=3, filters=4, max_filters=16)
    assert g.output_shape == (None, size, size, 3)
    # Down to 1x1: log2(size) downsamplings.
    downs = [layer for layer in g.layers if layer.name.endswith("_conv") and "down" in layer.name]
    assert len(downs) == int(np.log2(size))
    out = g(np.zeros((2, size, size, 1), "float32"))
    assert out.shape == (2, size, size, 3)


def test_unet_256_matches_the_paper_size():
    # pix2pix's 256x256 U-Net (8 downsamplings, 64..512 filters) has 54,429,315
    # parameters; its innermost convolution (2x2 -> 1x1, 4x4 taps, 512 -> 512 channels)
    # stores only the 4 taps that reach its input, and the first decoder convolution
    # (1x1 -> 2x2) the 4 that reach its output: 2 x 12 x 512 x 512 fewer.
    g = unet_generator((256, 256, 3))
    assert g.count_params() == 54_429_315 - 2 * 12 * 512 * 512
    assert g.get_layer("down7_conv").kernel.shape == (2, 2, 512, 512)
    assert g.get_layer("up6_conv").kernel.shape == (2, 2, 512, 512)


def test_unet_with_live_taps_starts_as_with_full_kernels(monkeypatch):
    """From one seed the U-Net whose innermost convolutions store their live taps has
    the full kernels' centre and computes the same images."""
    from keras_gans.networks import unet as unet_module
    from tests.networks.live_taps import live_and_full

    built = live_and_full(
        monkeypatch,
        unet_module,
        5,
        lambda: unet_generator((16, 16, 1), out_channels=3, filters=4, max_filters=8),
    )
    live, full = built
    for name in ("down3_conv", "up2_conv"):  # 2x2 -> 1x1 and 1x1 -> 2x2
        live_kernel, full_kernel = (g.get_layer(name).kernel.numpy() for g in built)
        assert live_kernel.shape == (2, 2, 8, 8) and full_kernel.shape == (4, 4, 8, 8)
        np.testing.assert_array_equal(live_kernel, full_kernel[1:3, 1:3])
    x = np.random.RandomState(0).uniform(-1, 1, (2, 16, 16, 1)).astype("float32")
    np.testing.assert_allclose(live(x, training=False), full(x, training=False), atol=1e-5)


def test_unet_depth_argument_and_errors():
    g = unet_generator((48, 48, 3), filters=4, depth=4)
    assert g.output_shape == (None, 48, 48, 3)
    with pytest.raises(ValueError, match="power of two"):
        unet_generator((48, 48, 3))
    with pytest.raises(ValueError, match="divisible by 32"):
        unet_generator((48, 48, 3), depth=5)


def test_unet_dropout_only_in_the_first_decoder_blocks():
    g = unet_generator((32, 32, 1), filters=4, dropout_blocks=2)
    dropouts = [layer.name for layer in g.layers if isinstance(layer, keras.layers.Dropout)]
    assert dropouts == ["up3_dropout", "up2_dropout"]


def test_patchgan_receptive_field_is_70_by_default():
    d = patchgan_discriminator((256, 256, 3), (256, 256, 3))
    assert receptive_field(d) == 70
    assert d.output_shape == (None, 32, 32, 1)
    assert receptive_field(patchgan_discriminator((32, 32, 3), num_layers=2, filters=4)) == 34
    assert receptive_field(patchgan_discriminator((32, 32, 3), num_layers=1, filters=4)) == 16


def test_receptive_field_matches_the_gradient_footprint():
    # Measured: the input pixels that change one output logit.
    d = patchgan_discriminator((64, 64, 1), num_layers=2, filters=2, normalization="none")
    x = keras.ops.convert_to_tensor(np.random.RandomState(0).normal(size=(1, 64, 64, 1)))
    import tensorflow as tf

    x = tf.Variable(tf.cast(x, tf.float32))
    with tf.GradientTape() as tape:
        logit = d(x)[0, 8, 8, 0]
    grad = tape.gradient(logit, x).numpy()[0, :, :, 0]
    rows = np.nonzero(np.abs(grad).sum(axis=1))[0]
    assert rows.max() - rows.min() + 1 == receptive_field(d) == 34


@pytest.mark.parametrize("size,layers,grid", [(32, 3, 4), (16, 2, 4), (64, 3, 8)])
def test_patchgan_pair_input_and_grid(size, layers, grid):
    d = patchgan_discriminator((size, size, 3), (size, size, 1), filters=4, num_layers=layers)
    out = d([np.zeros((2, size, size, 1), "float32"), np.zeros((2, size, size, 3), "float32")])
    assert out.shape == (2, grid, grid, 1)
    assert out.dtype == "float32"


def test_patchgan_rejects_mismatched_condition():
    with pytest.raises(ValueError, match="same size"):
        patchgan_discriminator((32, 32, 3), (16, 16, 1))


@pytest.mark.parametrize("size", [32, 64])
def test_resnet_generator_shapes_and_instance_norm(size):
    g = resnet_generator((size, size, 3), out_channels=1, filters=4, num_blocks=2)
    assert g.output_shape == (None, size, size, 1)
    norms = [layer for layer in g.layers if isinstance(layer, keras.layers.GroupNormalization)]
    # groups=-1 becomes one group per channel (instance normalisation).
    assert norms and all(layer.groups == layer.input.shape[-1] for layer in norms)
    pads = [layer for layer in g.layers if isinstance(layer, ReflectionPadding2D)]
    assert len(pads) == 2 + 2 * 2  # c7, two per residual block, output


def test_resnet_generator_9_blocks_matches_the_paper_size():
    # CycleGAN's 256x256 generator (9 blocks) has 11,378,179 parameters in the paper's
    # code, whose instance norm has no scale and offset; GroupNormalization adds two
    # per channel.
    g = resnet_generator((256, 256, 3))
    norm_params = sum(
        layer.count_params()
        for layer in g.layers
        if isinstance(layer, keras.layers.GroupNormalization)
    )
    assert g.count_params() - norm_params == 11_378_179


def test_input_skip_gives_flat_patches_their_colour_back():
    # Under instance norm every flat patch becomes the same (zero) features, so the
    # paper's generator maps a flat red and a flat blue patch to the same output.
    red = np.tile(np.array([0.8, -0.5, -0.5], "float32"), (1, 8, 8, 1))
    blue = np.tile(np.array([-0.5, -0.5, 0.8], "float32"), (1, 8, 8, 1))
    outs = {}
    for skip in (False, True):
        keras.utils.set_random_seed(0)
        g = resnet_generator((8, 8, 3), filters=4, num_blocks=1, input_skip=skip)
        outs[skip] = [np.asarray(g(x)) for x in (red, blue)]
    # (not exactly equal: rounding in the norm's mean, divided by sqrt(epsilon))
    assert np.abs(outs[False][0] - outs[False][1]).max() < 1e-3
    assert np.abs(outs[True][0] - outs[True][1]).max() > 0.1
    skip_layer = g.get_layer("input_skip")
    assert skip_layer.output.shape[-1] == 4 + 3  # the last features and the image


def test_instance_norm_generator_is_blind_to_any_patch_mean_colour():
    # Not only flat patches: the first convolution maps a per-channel offset of the
    # input to a constant per feature map (reflection padding keeps it constant),
    # and the instance norm after it subtracts that constant. So a->b->a can only
    # guess a patch's mean colour from its texture (the CycleGAN plateau of
    # docs/results.md).
    rng = np.random.default_rng(0)
    x = rng.uniform(-0.5, 0.5, (2, 16, 16, 3)).astype("float32")
    offset = np.array([0.3, -0.2, 0.1], "float32")
    keras.utils.set_random_seed(0)
    g = resnet_generator((16, 16, 3), filters=4, num_blocks=1, num_downsamples=1)
    out = np.asarray(g(x))
    assert np.abs(np.asarray(g(x + offset)) - out).max() < 1e-5
    skip = resnet_generator((16, 16, 3), filters=4, num_blocks=1, input_skip=True)
    assert np.abs(np.asarray(skip(x + offset)) - np.asarray(skip(x))).max() > 1e-2


def test_reflection_padding_mirrors_the_border():
    x = np.arange(9, dtype="float32").reshape(1, 3, 3, 1)
    out = np.asarray(ReflectionPadding2D(1)(x))[0, :, :, 0]
    np.testing.assert_array_equal(out[0], [4, 3, 4, 5, 4])
    np.testing.assert_array_equal(out[:, 0], [4, 1, 4, 7, 4])


def test_networks_are_exported_publicly():
    for name, module in (
        ("unet_generator", "unet"),
        ("patchgan_discriminator", "patchgan"),
        ("resnet_generator", "resnet"),
    ):
        assert getattr(keras_gans.networks, name).__module__ == f"keras_gans.networks.{module}"
