"""pix2pix's PatchGAN discriminator: one logit per overlapping patch."""

import keras

from keras_gans.errors import ArgumentError
from keras_gans.networks.normalization import check_normalization, normalization_layer
from keras_gans.networks.validation import check_image_shape, check_positive


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
    normalization = check_normalization(normalization, ("batch", "instance", "none"))
    check_positive(num_layers, "num_layers")
    check_positive(filters, "filters")
    if h % 2**num_layers or w % 2**num_layers:
        raise ArgumentError(
            f"A PatchGAN with {num_layers} stride-2 layers needs height and width "
            f"divisible by {2**num_layers}, got {h}x{w}."
        )
    init = keras.initializers.RandomNormal(0.0, 0.02)
    image = keras.Input((h, w, c), name="image")
    if condition_shape is not None:
        ch, cw, cc = check_image_shape(condition_shape)
        if (ch, cw) != (h, w):
            raise ArgumentError(
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
        norm = None if i == 0 else normalization_layer(normalization, f"norm{i}")
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
