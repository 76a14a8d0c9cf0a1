"""StyleGAN2 networks (Karras et al. 2020) for small images, from standard Keras ops.

``stylegan2_generator`` returns a functional ``z -> images`` model made of two named
sub-models, ``mapping`` (z -> w) and ``synthesis`` (``[ws, *noise images] -> images``),
with ``ConstNoise`` layers feeding the synthesis network fixed noise, a ``WAverage``
layer holding the w average, and a final ``ClipImages``. ``stylegan2_parts`` finds
those pieces again in a built (or cloned, or loaded) generator.
"""

import math
from typing import Any, NamedTuple

import keras

from keras_gans.errors import ArgumentError
from keras_gans.networks.equalized import EqualizedConv2D, EqualizedDense
from keras_gans.networks.layers import MinibatchStdDev
from keras_gans.networks.stylegan2_layers import (
    ClipImages,
    ConstantInput,
    ConstNoise,
    ModulatedConv2D,
    PixelNorm,
    WAverage,
)
from keras_gans.networks.validation import check_image_shape, check_latent_dim, check_positive


def stylegan2_resolutions(image_shape):
    """The synthesis blocks' sides for ``image_shape``: 4, 8, ..., its side (a power of 2)."""
    h, w, _ = check_image_shape(image_shape)
    if h != w or h < 8 or h & (h - 1):
        raise ArgumentError(
            f"StyleGAN2 networks need square images whose side is a power of 2 and at least 8 "
            f"(16, 32, 64), got {h}x{w}; pad or resize the data (MNIST: --image-size 32)."
        )
    return [2**k for k in range(2, int(math.log2(h)) + 1)]


def num_ws(image_shape):
    """How many w vectors the synthesis network takes: two per block after the first, and
    two for the 4x4 block (its convolution and its toRGB); 8 at 32x32."""
    return 2 * len(stylegan2_resolutions(image_shape))


def stylegan2_channels(resolution, channel_base, channel_max):
    """Channels at a resolution: ``min(channel_base // resolution, channel_max)``, at least 1."""
    return max(1, min(channel_base // resolution, channel_max))


def stylegan2_mapping(latent_dim, w_dim=None, num_layers=8, lr_multiplier=0.01, name="mapping"):
    """The mapping network: z normalised, then ``num_layers`` equalised dense layers.

    Its last layer is a ``WAverage`` (named ``w_avg``) holding the running mean of w.

    Args:
        latent_dim: size of z.
        w_dim: size of w (default: ``latent_dim``).
        num_layers: dense layers (8 in the paper).
        lr_multiplier: learning-rate multiplier of every layer (0.01 in the paper).
        name: model name.

    Example:
    >>> keras_gans.networks.stylegan2_mapping(8, num_layers=2).output_shape
    (None, 8)

    Reference:
        Karras et al., A Style-Based Generator Architecture for GANs (2019),
        https://arxiv.org/abs/1812.04948
    """
    latent_dim = check_latent_dim(latent_dim)
    w_dim = latent_dim if w_dim is None else check_positive(w_dim, "w_dim")
    check_positive(num_layers, "num_layers")
    z = keras.Input((latent_dim,), name="z")
    x = PixelNorm(name="normalize_z")(z)
    for i in range(num_layers):
        x = EqualizedDense(w_dim, lr_multiplier, activation="lrelu", name=f"dense_{i}")(x)
    return keras.Model(z, WAverage(name="w_avg")(x), name=name)


def stylegan2_synthesis(image_shape, w_dim, channel_base=1024, channel_max=128, name="synthesis"):
    """The synthesis network: ``[ws, *noise] -> images`` (unclipped), skip toRGB outputs.

    From a learned 4x4 constant, each block doubles the size (bilinear, in its first
    modulated convolution), runs two modulated 3x3 convolutions with noise inputs,
    and adds its toRGB output to the upsampled image so far.

    Args:
        image_shape: ``(side, side, channels)``, side a power of 2 >= 8.
        w_dim: size of each w.
        channel_base: channels at a resolution r are ``min(channel_base // r, channel_max)``.
        channel_max: the most channels of any block.
        name: model name.

    Returns:
        A ``keras.Model`` taking ``ws`` ``[batch, num_ws, w_dim]`` and one noise image
        ``[batch, r, r, 1]`` per modulated convolution (``noise_shapes``), in order.

    Example:
    >>> s = keras_gans.networks.stylegan2_synthesis((16, 16, 1), 8, 32, 8)
    >>> len(s.inputs), tuple(s.inputs[0].shape[1:]), tuple(s.inputs[-1].shape[1:])
    (6, (6, 8), (16, 16, 1))

    Reference:
        Karras et al., Analyzing and Improving the Image Quality of StyleGAN (2020),
        https://arxiv.org/abs/1912.04958
    """
    h, _, c = check_image_shape(image_shape)
    w_dim = check_positive(w_dim, "w_dim")
    resolutions = stylegan2_resolutions(image_shape)
    ws = keras.Input((num_ws(image_shape), w_dim), name="ws")
    noises = [
        keras.Input((r, r, 1), name=f"noise_{i}") for i, r in enumerate(noise_shapes(image_shape))
    ]
    w_at = [ws[:, i] for i in range(num_ws(image_shape))]
    channels = stylegan2_channels(4, channel_base, channel_max)
    x = ConstantInput(channels, name="const")(ws)
    x = ModulatedConv2D(channels, use_noise=True, name="b4_conv")([x, w_at[0], noises[0]])
    image = ModulatedConv2D(c, 1, demodulate=False, activation=None, name="b4_torgb")([x, w_at[1]])
    noise_index = 1
    for k, r in enumerate(resolutions[1:], start=1):
        channels = stylegan2_channels(r, channel_base, channel_max)
        x = ModulatedConv2D(channels, upsample=True, use_noise=True, name=f"b{r}_conv0")(
            [x, w_at[2 * k - 1], noises[noise_index]]
        )
        x = ModulatedConv2D(channels, use_noise=True, name=f"b{r}_conv1")(
            [x, w_at[2 * k], noises[noise_index + 1]]
        )
        noise_index += 2
        rgb = ModulatedConv2D(c, 1, demodulate=False, activation=None, name=f"b{r}_torgb")(
            [x, w_at[2 * k + 1]]
        )
        up = keras.layers.UpSampling2D(interpolation="bilinear", name=f"b{r}_upsample")(image)
        image = keras.layers.Add(name=f"b{r}_image")([up, rgb])
    image = keras.layers.Activation("linear", dtype="float32", name="images")(image)
    return keras.Model([ws, *noises], image, name=name)


def noise_shapes(image_shape):
    """The sides of the synthesis network's noise inputs, in order: 4, 8, 8, 16, 16, ..."""
    return [r for r in stylegan2_resolutions(image_shape) for _ in range(1 if r == 4 else 2)]


def stylegan2_generator(
    latent_dim,
    image_shape,
    w_dim=None,
    mapping_layers=8,
    mapping_lr_multiplier=0.01,
    channel_base=1024,
    channel_max=128,
    name="generator",
):
    """A StyleGAN2 generator ``z -> images`` in [-1, 1] (fixed noise, no truncation).

    The model wraps ``stylegan2_mapping`` and ``stylegan2_synthesis``; w is broadcast
    to every layer and each noise input gets a ``ConstNoise`` image. ``StyleGAN2``
    uses the parts (``stylegan2_parts``) for style mixing, random noise and truncation.

    Args:
        latent_dim: size of z.
        image_shape: ``(side, side, channels)``, side a power of 2 >= 8.
        w_dim: size of w (default: ``latent_dim``).
        mapping_layers: dense layers of the mapping network.
        mapping_lr_multiplier: their learning-rate multiplier.
        channel_base: see ``stylegan2_synthesis``.
        channel_max: see ``stylegan2_synthesis``.
        name: model name.

    Example:
    >>> g = keras_gans.networks.stylegan2_generator(8, (16, 16, 1), mapping_layers=2,
    ...                                               channel_base=32, channel_max=8)
    >>> g.output_shape
    (None, 16, 16, 1)

    Reference:
        Karras et al., Analyzing and Improving the Image Quality of StyleGAN (2020),
        https://arxiv.org/abs/1912.04958
    """
    latent_dim = check_latent_dim(latent_dim)
    w_dim = latent_dim if w_dim is None else check_positive(w_dim, "w_dim")
    mapping = stylegan2_mapping(latent_dim, w_dim, mapping_layers, mapping_lr_multiplier)
    synthesis = stylegan2_synthesis(image_shape, w_dim, channel_base, channel_max)
    z = keras.Input((latent_dim,), name="z")
    w = mapping(z)
    ws = keras.layers.RepeatVector(num_ws(image_shape), name="broadcast_w")(w)
    noises = [
        ConstNoise(r, name=f"const_noise_{i}")(z) for i, r in enumerate(noise_shapes(image_shape))
    ]
    images = ClipImages(dtype="float32", name="images")(synthesis([ws, *noises]))
    return keras.Model(z, images, name=name)


def truncate(w, w_avg, psi):
    """The truncation trick: ``w_avg + psi * (w - w_avg)`` (psi 1: w; psi 0: the average).

    Example:
    >>> float(keras_gans.networks.truncate(np.float32(3.0), np.float32(1.0), 0.5))
    2.0
    """
    w = keras.ops.convert_to_tensor(w)
    w_avg = keras.ops.cast(w_avg, w.dtype)
    return w_avg + keras.ops.cast(psi, w.dtype) * (w - w_avg)


def mix_styles(ws_a, ws_b, crossover):
    """Per-layer ws taking layers ``[0, crossover)`` from ``ws_a`` and the rest from ``ws_b``
    (both ``[batch, num_ws, w_dim]``; ``crossover`` an int or an int tensor, scalar or
    one per example).

    Example:
    >>> a, b = np.zeros((1, 4, 1), "float32"), np.ones((1, 4, 1), "float32")
    >>> keras_gans.networks.mix_styles(a, b, 1).numpy()[0, :, 0].tolist()
    [0.0, 1.0, 1.0, 1.0]
    """
    num = keras.ops.shape(ws_a)[1]
    crossover = keras.ops.reshape(keras.ops.cast(crossover, "int32"), (-1, 1, 1))
    layer = keras.ops.reshape(keras.ops.arange(num, dtype="int32"), (1, -1, 1))
    return keras.ops.where(layer < crossover, ws_a, ws_b)


def broadcast_w(w, count):
    """``w`` ``[batch, w_dim]`` repeated for every layer: ``[batch, count, w_dim]``."""
    return keras.ops.repeat(keras.ops.expand_dims(w, 1), count, axis=1)


def synthesize_const(parts, ws, training=False):
    """The synthesis network on per-layer ``ws`` with the generator's fixed noise images."""
    reference = keras.ops.zeros((keras.ops.shape(ws)[0], 1))
    noises = [layer(reference) for layer in parts.const_noise]
    return parts.synthesis([ws, *noises], training=training)


class StyleGAN2Parts(NamedTuple):
    """The pieces of a ``stylegan2_generator``."""

    mapping: Any  # z -> w
    synthesis: Any  # [ws, *noise] -> unclipped images
    w_average: Any  # the WAverage layer (its ``w_avg`` weight)
    const_noise: Any  # the ConstNoise layers, in the synthesis network's input order
    num_ws: int
    w_dim: int


def stylegan2_parts(generator):
    """The ``StyleGAN2Parts`` of a generator built by ``stylegan2_generator``.

    Raises:
        ArgumentError: when ``generator`` has no ``mapping`` and ``synthesis`` sub-models.
    """
    try:
        mapping = generator.get_layer("mapping")
        synthesis = generator.get_layer("synthesis")
    except ValueError:
        raise ArgumentError(
            f"{generator.name!r} is not a StyleGAN2 generator (no 'mapping' and 'synthesis' "
            f"sub-models); build it with networks.stylegan2_generator."
        ) from None
    const = sorted(
        (layer for layer in generator.layers if isinstance(layer, ConstNoise)),
        key=lambda layer: int(layer.name.rsplit("_", 1)[1]),
    )
    ws_shape = synthesis.inputs[0].shape
    return StyleGAN2Parts(
        mapping, synthesis, mapping.get_layer("w_avg"), const, int(ws_shape[1]), int(ws_shape[2])
    )


def stylegan2_discriminator(
    image_shape, channel_base=1024, channel_max=128, minibatch_std=4, name="discriminator"
):
    """StyleGAN2's residual discriminator: fromRGB, residual blocks, minibatch std, logit.

    Each block (from the image's side down to 8) runs two 3x3 convolutions and halves
    the size (2x2 average pooling); a 1x1 convolution of the pooled input is added,
    and the sum scaled by 1/sqrt(2). At 4x4: a ``MinibatchStdDev`` channel, a 3x3
    convolution, a dense layer and the logit. Every layer has an equalised rate.

    Args:
        image_shape: ``(side, side, channels)``, side a power of 2 >= 8.
        channel_base: channels at a resolution r are ``min(channel_base // r, channel_max)``.
        channel_max: the most channels of any block.
        minibatch_std: group size of the minibatch std layer (0: none).
        name: model name.

    Example:
    >>> d = keras_gans.networks.stylegan2_discriminator((16, 16, 1), 32, 8)
    >>> d.output_shape
    (None, 1)

    Reference:
        Karras et al., Analyzing and Improving the Image Quality of StyleGAN (2020),
        https://arxiv.org/abs/1912.04958
    """
    resolutions = stylegan2_resolutions(image_shape)
    images = keras.Input(check_image_shape(image_shape), name="images")
    top = resolutions[-1]
    x = EqualizedConv2D(
        stylegan2_channels(top, channel_base, channel_max), 1, activation="lrelu", name="fromrgb"
    )(images)
    for r in reversed(resolutions[1:]):
        channels = stylegan2_channels(r, channel_base, channel_max)
        out_channels = stylegan2_channels(r // 2, channel_base, channel_max)
        skip = keras.layers.AveragePooling2D(2, name=f"b{r}_skip_pool")(x)
        skip = EqualizedConv2D(out_channels, 1, use_bias=False, name=f"b{r}_skip")(skip)
        x = EqualizedConv2D(channels, 3, activation="lrelu", name=f"b{r}_conv0")(x)
        x = keras.layers.AveragePooling2D(2, name=f"b{r}_pool")(x)
        x = EqualizedConv2D(out_channels, 3, activation="lrelu", name=f"b{r}_conv1")(x)
        x = keras.layers.Add(name=f"b{r}_sum")([x, skip])
        x = keras.layers.Rescaling(1.0 / math.sqrt(2.0), name=f"b{r}_out")(x)
    if minibatch_std:
        x = MinibatchStdDev(group_size=minibatch_std, name="minibatch_std")(x)
    channels = stylegan2_channels(4, channel_base, channel_max)
    x = EqualizedConv2D(channels, 3, activation="lrelu", name="b4_conv")(x)
    x = keras.layers.Flatten(name="features")(x)
    x = EqualizedDense(channels, activation="lrelu", name="b4_dense")(x)
    logits = EqualizedDense(1, dtype="float32", name="logits")(x)
    return keras.Model(images, logits, name=name)
