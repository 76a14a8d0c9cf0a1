"""CycleGAN's ResNet generator, with reflection padding."""

import keras

from keras_gans.errors import ArgumentError
from keras_gans.networks.normalization import check_normalization, normalization_layer
from keras_gans.networks.validation import check_image_shape, check_positive


@keras.saving.register_keras_serializable(package="keras_gans")
class ReflectionPadding2D(keras.layers.Layer):
    """Pads height and width by mirroring the border (``keras.ops.pad(mode="reflect")``).

    Args:
        padding: pixels added on each side.
        **kwargs: passed to ``keras.layers.Layer``.
    """

    def __init__(self, padding=1, **kwargs):
        super().__init__(**kwargs)
        self.padding = int(padding)

    def call(self, x):
        p = self.padding
        return keras.ops.pad(x, [[0, 0], [p, p], [p, p], [0, 0]], mode="reflect")

    def compute_output_shape(self, input_shape):
        b, h, w, c = input_shape
        p = 2 * self.padding
        return (b, None if h is None else h + p, None if w is None else w + p, c)

    def get_config(self):
        return {**super().get_config(), "padding": self.padding}


def resnet_generator(
    image_shape,
    out_channels=None,
    filters=64,
    num_blocks=9,
    num_downsamples=2,
    normalization="instance",
    input_skip=False,
    name="resnet_generator",
):
    """CycleGAN's generator: 7x7 conv, stride-2 downsampling, residual blocks, upsampling.

    ``c7s1-f, d2f, d4f, R4f x num_blocks, u2f, uf, c7s1-out`` (Johnson et al.'s
    architecture as used by CycleGAN), every convolution padded by reflection
    and followed by instance normalisation (``GroupNormalization(groups=-1)``)
    and ReLU; the output is ``tanh``. The paper uses 6 blocks at 128x128 and 9 at
    256x256.

    Args:
        image_shape: input ``(height, width, channels)``; sides divisible by
            ``2**num_downsamples``.
        out_channels: output channels (default: the input's).
        filters: filters of the first convolution.
        num_blocks: residual blocks.
        num_downsamples: stride-2 downsamplings (and upsamplings).
        normalization: ``"instance"`` (the paper's), ``"batch"`` or ``"none"``.
        input_skip: concatenate the input image to the last features, so the
            output convolution sees the input's colours (not in the paper).
            Instance norm maps every flat patch to the same features whatever
            its colour; this skip carries the colour past it.
        name: model name.

    Returns:
        A ``keras.Model`` mapping ``[batch, h, w, c_in]`` to ``[batch, h, w, out_channels]``.

    Example:
    >>> g = keras_gans.networks.resnet_generator((32, 32, 3), filters=8, num_blocks=2)
    >>> g.output_shape
    (None, 32, 32, 3)

    Reference:
        Zhu et al., Unpaired Image-to-Image Translation using Cycle-Consistent
        Adversarial Networks (2017), https://arxiv.org/abs/1703.10593
    """
    h, w, c = check_image_shape(image_shape)
    normalization = check_normalization(normalization, ("batch", "instance", "none"))
    out_channels = check_positive(out_channels or c, "out_channels")
    check_positive(filters, "filters")
    check_positive(num_blocks, "num_blocks")
    f = 2**num_downsamples
    if h % f or w % f:
        raise ArgumentError(
            f"A ResNet generator with {num_downsamples} downsamplings needs height and width "
            f"divisible by {f}, got {h}x{w}."
        )
    init = keras.initializers.RandomNormal(0.0, 0.02)

    def conv_block(x, filters, kernel, stride, name, act=True):
        if stride == 1 and kernel > 1:
            x = ReflectionPadding2D(kernel // 2, name=f"{name}_pad")(x)
        padding = "valid" if stride == 1 else "same"
        x = keras.layers.Conv2D(
            filters, kernel, strides=stride, padding=padding, kernel_initializer=init, name=name
        )(x)
        norm = normalization_layer(normalization, f"{name}_norm")
        if norm is not None:
            x = norm(x)
        return keras.layers.ReLU(name=f"{name}_act")(x) if act else x

    inputs = keras.Input((h, w, c), name="image")
    x = conv_block(inputs, filters, 7, 1, "c7")
    for i in range(num_downsamples):
        x = conv_block(x, filters * 2 ** (i + 1), 3, 2, f"down{i}")
    width = filters * f
    for b in range(num_blocks):
        y = conv_block(x, width, 3, 1, f"res{b}_a")
        y = conv_block(y, width, 3, 1, f"res{b}_b", act=False)
        x = keras.layers.Add(name=f"res{b}_add")([x, y])
    for i in reversed(range(num_downsamples)):
        x = keras.layers.Conv2DTranspose(
            filters * 2**i, 3, strides=2, padding="same", kernel_initializer=init, name=f"up{i}"
        )(x)
        norm = normalization_layer(normalization, f"up{i}_norm")
        if norm is not None:
            x = norm(x)
        x = keras.layers.ReLU(name=f"up{i}_act")(x)
    if input_skip:
        x = keras.layers.Concatenate(name="input_skip")([x, inputs])
    x = ReflectionPadding2D(3, name="out_pad")(x)
    x = keras.layers.Conv2D(out_channels, 7, kernel_initializer=init, name="out_conv")(x)
    outputs = keras.layers.Activation("tanh", dtype="float32", name="out")(x)
    return keras.Model(inputs, outputs, name=name)
