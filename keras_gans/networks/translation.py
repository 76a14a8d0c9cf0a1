"""Image-to-image networks: pix2pix's U-Net and PatchGAN, CycleGAN's ResNet generator."""

import math

import keras

from keras_gans.networks.validation import check_image_shape


def _check_positive(value, what):
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{what} must be a positive int, got {value!r}.")
    return value


def _norm(kind, name):
    """``"batch"``, ``"instance"`` (GroupNormalization with one group per channel) or None."""
    if kind == "batch":
        return keras.layers.BatchNormalization(name=name)
    if kind == "instance":
        return keras.layers.GroupNormalization(groups=-1, name=name)
    if kind is None or kind == "none":
        return None
    raise ValueError(f"Unknown normalization {kind!r}; choose from ['batch', 'instance', 'none']")


def unet_depth(height, width):
    """Downsamplings of the default U-Net: down to 1x1 (256 -> 8, 32 -> 5), at most 8."""
    if height != width or height < 4 or height & (height - 1):
        raise ValueError(
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
    ``tanh``, in [-1, 1].

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
    out_channels = _check_positive(out_channels or c, "out_channels")
    _check_positive(filters, "filters")
    depth = unet_depth(h, w) if depth is None else _check_positive(depth, "depth")
    if h % 2**depth or w % 2**depth:
        raise ValueError(
            f"A U-Net of depth {depth} needs height and width divisible by {2**depth}, got {h}x{w}."
        )
    init = keras.initializers.RandomNormal(0.0, 0.02)
    inputs = keras.Input((h, w, c), name="image")
    x = inputs
    skips = []
    for i in range(depth):
        f = min(filters * 2**i, max_filters)
        x = keras.layers.Conv2D(
            f, 4, strides=2, padding="same", kernel_initializer=init, name=f"down{i}_conv"
        )(x)
        innermost = i == depth - 1
        norm = None if i == 0 or innermost else _norm(normalization, f"down{i}_norm")
        if norm is not None:
            x = norm(x)
        x = keras.layers.LeakyReLU(0.2, name=f"down{i}_act")(x)
        skips.append(x)
    for j, i in enumerate(reversed(range(depth - 1))):
        f = min(filters * 2**i, max_filters)
        x = keras.layers.Conv2DTranspose(
            f, 4, strides=2, padding="same", kernel_initializer=init, name=f"up{i}_conv"
        )(x)
        norm = _norm(normalization, f"up{i}_norm")
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


def patchgan_discriminator(
    image_shape,
    condition_shape=None,
    filters=64,
    num_layers=3,
    max_filters=512,
    normalization="batch",
    name="patchgan_discriminator",
):
    """PatchGAN: a grid of real/fake logits, each seeing one patch of the image.

    ``Conv(4, stride 2)`` blocks with ``LeakyReLU(0.2)`` (no norm on the first),
    ``num_layers`` of them at stride 2, one at stride 1, then a 1-filter
    4x4 convolution. With ``num_layers=3`` each logit sees 70x70 pixels (the
    paper's 70x70 PatchGAN); 2 gives 34, 1 gives 16 (see ``receptive_field``).

    Args:
        image_shape: ``(height, width, channels)`` of the judged image.
        condition_shape: pix2pix: shape of the input image the judged image
            was made from; the model then takes ``[condition, image]`` and
            judges them concatenated. None (CycleGAN): the image alone.
        filters: filters of the first convolution (doubling per layer).
        num_layers: stride-2 convolutions.
        max_filters: cap on the filters.
        normalization: ``"batch"`` (pix2pix), ``"instance"`` (CycleGAN) or ``"none"``.
        name: model name.

    Returns:
        A ``keras.Model`` returning float32 logits ``[batch, h', w', 1]``.

    Example:
    >>> d = keras_gans.networks.patchgan_discriminator((32, 32, 3), (32, 32, 1), filters=8)
    >>> d.output_shape
    (None, 4, 4, 1)

    Reference:
        Isola et al. (2017), https://arxiv.org/abs/1611.07004 (section 3.2.2)
    """
    h, w, c = check_image_shape(image_shape)
    _check_positive(num_layers, "num_layers")
    _check_positive(filters, "filters")
    if h % 2**num_layers or w % 2**num_layers:
        raise ValueError(
            f"A PatchGAN with {num_layers} stride-2 layers needs height and width "
            f"divisible by {2**num_layers}, got {h}x{w}."
        )
    init = keras.initializers.RandomNormal(0.0, 0.02)
    image = keras.Input((h, w, c), name="image")
    if condition_shape is not None:
        ch, cw, cc = check_image_shape(condition_shape)
        if (ch, cw) != (h, w):
            raise ValueError(
                f"The condition ({ch}x{cw}) and the image ({h}x{w}) must have the same size."
            )
        condition = keras.Input((ch, cw, cc), name="condition")
        inputs = [condition, image]
        x = keras.layers.Concatenate(name="pair")([condition, image])
    else:
        inputs = image
        x = image
    for i in range(num_layers + 1):
        f = min(filters * 2**i, max_filters)
        stride = 2 if i < num_layers else 1
        x = keras.layers.Conv2D(
            f, 4, strides=stride, padding="same", kernel_initializer=init, name=f"conv{i}"
        )(x)
        norm = None if i == 0 else _norm(normalization, f"norm{i}")
        if norm is not None:
            x = norm(x)
        x = keras.layers.LeakyReLU(0.2, name=f"act{i}")(x)
    x = keras.layers.Conv2D(1, 4, padding="same", kernel_initializer=init, name="logits")(x)
    outputs = keras.layers.Activation("linear", dtype="float32", name="out")(x)
    return keras.Model(inputs, outputs, name=name)


def receptive_field(model):
    """Pixels of the input seen by one output element, from the model's conv layers.

    ``1 + sum((kernel - 1) * dilation * product of the earlier strides)`` over
    the ``Conv2D`` layers in order (the PatchGAN is a chain of them).
    """
    field, jump = 1, 1
    for layer in model.layers:
        if isinstance(layer, keras.layers.Conv2D):
            k = layer.kernel_size[0]
            field += (k - 1) * layer.dilation_rate[0] * jump
            jump *= layer.strides[0]
    return field


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
    out_channels = _check_positive(out_channels or c, "out_channels")
    _check_positive(filters, "filters")
    _check_positive(num_blocks, "num_blocks")
    f = 2**num_downsamples
    if h % f or w % f:
        raise ValueError(
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
        norm = _norm(normalization, f"{name}_norm")
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
        norm = _norm(normalization, f"up{i}_norm")
        if norm is not None:
            x = norm(x)
        x = keras.layers.ReLU(name=f"up{i}_act")(x)
    if input_skip:
        x = keras.layers.Concatenate(name="input_skip")([x, inputs])
    x = ReflectionPadding2D(3, name="out_pad")(x)
    x = keras.layers.Conv2D(out_channels, 7, kernel_initializer=init, name="out_conv")(x)
    outputs = keras.layers.Activation("tanh", dtype="float32", name="out")(x)
    return keras.Model(inputs, outputs, name=name)
