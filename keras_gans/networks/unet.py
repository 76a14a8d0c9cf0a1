"""pix2pix's U-Net generator: an encoder-decoder with skip connections."""

import math

import keras

from keras_gans.errors import ArgumentError
from keras_gans.networks.live_taps import LiveTapsConv2D, LiveTapsConv2DTranspose
from keras_gans.networks.normalization import check_normalization, normalization_layer
from keras_gans.networks.validation import check_image_shape, check_positive


def unet_depth(height, width):
    """Downsamplings of the default U-Net: down to 1x1 (256 -> 8, 32 -> 5), at most 8."""
    if height != width or height < 4 or height & (height - 1):
        raise ArgumentError(
            f"The default U-Net needs a square image whose side is a power of two >= 4, "
            f"got {height}x{width}; pass depth= for other sizes (sides divisible by 2**depth)."
        )
    return min(8, int(math.log2(height)))


def unet_generator(
    image_shape,
    out_channels=None,
    filters=64,
    depth=None,
    max_filters=512,
    dropout_blocks=3,
    dropout=0.5,
    normalization="batch",
    name="unet_generator",
):
    """pix2pix's U-Net: stride-2 4x4 convolutions down, transposed ones up, skips between.

    Encoder blocks ``Conv(4, stride 2) -> norm -> LeakyReLU(0.2)`` double the
    filters from ``filters`` up to ``max_filters`` (no norm on the first and the
    innermost block); decoder blocks ``ConvTranspose(4, stride 2) -> norm ->
    (Dropout) -> ReLU`` are concatenated with the encoder output of the same
    size; the first ``dropout_blocks`` decoder blocks use dropout. The output is
    ``tanh``, in [-1, 1]. The encoder's convolutions are ``LiveTapsConv2D`` storing
    only the taps that reach their input, and the decoder's ``LiveTapsConv2DTranspose``
    storing only those that reach their output: the innermost of each, from 2x2 to 1x1
    and back, keeps 4 of its 16 (the same outputs as ``Conv2D`` and
    ``Conv2DTranspose`` with full kernels).

    Args:
        image_shape: input ``(height, width, channels)``.
        out_channels: output channels (default: the input's).
        filters: filters of the first encoder block.
        depth: number of stride-2 downsamplings (default: down to 1x1 for square
            power-of-two sides, at most 8: 256 -> 8, 32 -> 5); height and width
            must divide by ``2**depth``.
        max_filters: cap on the filters of any block.
        dropout_blocks: decoder blocks (from the innermost) with dropout.
        dropout: dropout rate.
        normalization: ``"batch"`` (the paper's), ``"instance"`` or ``"none"``.
        name: model name.

    Returns:
        A ``keras.Model`` mapping ``[batch, h, w, c_in]`` to ``[batch, h, w, out_channels]``.

    Example:
    >>> g = keras_gans.networks.unet_generator((32, 32, 1), out_channels=3, filters=8)
    >>> g.output_shape
    (None, 32, 32, 3)

    Reference:
        Isola et al., Image-to-Image Translation with Conditional Adversarial
        Networks (2017), https://arxiv.org/abs/1611.07004
    """
    h, w, c = check_image_shape(image_shape)
    normalization = check_normalization(normalization, ("batch", "instance", "none"))
    out_channels = check_positive(out_channels or c, "out_channels")
    check_positive(filters, "filters")
    depth = unet_depth(h, w) if depth is None else check_positive(depth, "depth")
    if h % 2**depth or w % 2**depth:
        raise ArgumentError(
            f"A U-Net of depth {depth} needs height and width divisible by {2**depth}, got {h}x{w}."
        )
    init = keras.initializers.RandomNormal(0.0, 0.02)
    stride_2 = {
        "strides": 2,
        "padding": "same",
        "kernel_initializer": init,
        "store_live_taps": True,
    }
    inputs = keras.Input((h, w, c), name="image")
    x = inputs
    skips = []
    for i in range(depth):
        f = min(filters * 2**i, max_filters)
        # The innermost convolution maps 2x2 to 1x1: 12 of its 16 taps see only padding.
        x = LiveTapsConv2D(f, 4, name=f"down{i}_conv", **stride_2)(x)
        innermost = i == depth - 1
        norm = None if i == 0 or innermost else normalization_layer(normalization, f"down{i}_norm")
        if norm is not None:
            x = norm(x)
        x = keras.layers.LeakyReLU(0.2, name=f"down{i}_act")(x)
        skips.append(x)
    for j, i in enumerate(reversed(range(depth - 1))):
        f = min(filters * 2**i, max_filters)
        # The innermost maps 1x1 to 2x2: 12 of its 16 taps land only outside the output.
        x = LiveTapsConv2DTranspose(f, 4, name=f"up{i}_conv", **stride_2)(x)
        norm = normalization_layer(normalization, f"up{i}_norm")
        if norm is not None:
            x = norm(x)
        if j < dropout_blocks and dropout > 0:
            x = keras.layers.Dropout(dropout, name=f"up{i}_dropout")(x)
        x = keras.layers.ReLU(name=f"up{i}_act")(x)
        x = keras.layers.Concatenate(name=f"up{i}_skip")([x, skips[i]])
    x = keras.layers.Conv2DTranspose(
        out_channels, 4, strides=2, padding="same", kernel_initializer=init, name="out_conv"
    )(x)
    outputs = keras.layers.Activation("tanh", dtype="float32", name="out")(x)
    return keras.Model(inputs, outputs, name=name)
