"""StyleGAN2's layers, built from standard Keras ops: modulated convolution with weight
demodulation, noise inputs, the learned constant, the w average and the output clip."""

import math

import keras
from keras import ops

from keras_gans.networks.equalized import EqualizedDense, activate, check_activation
from keras_gans.networks.validation import check_positive


def modulated_weights(weight, styles, demodulate=True, epsilon=1e-8):
    """One convolution kernel per example: ``weight`` scaled by the example's styles.

    ``w'[b, kh, kw, i, o] = weight[kh, kw, i, o] * styles[b, i]``; with
    ``demodulate``, each output channel's kernel is then divided by its L2 norm
    (``sqrt(sum over kh, kw, i of w'^2 + epsilon)``), so it has unit norm.

    Args:
        weight: ``[kh, kw, in, out]`` kernel (already scaled for the equalised rate).
        styles: ``[batch, in]`` per-example scales of the input channels.
        demodulate: normalise each output channel's kernel.
        epsilon: added under the square root.

    Returns:
        ``[batch, kh, kw, in, out]`` kernels.

    Example:
    >>> w = np.ones((1, 1, 2, 1), "float32")
    >>> s = np.array([[3.0, 4.0]], "float32")
    >>> kernel = keras_gans.networks.modulated_weights(w, s)[0, 0, 0, :, 0].numpy()
    >>> round(float(kernel[0]), 3), round(float(kernel[1]), 3)
    (0.6, 0.8)

    Reference:
        Karras et al., Analyzing and Improving the Image Quality of StyleGAN (2020),
        https://arxiv.org/abs/1912.04958
    """
    weight, styles = ops.convert_to_tensor(weight), ops.convert_to_tensor(styles)
    w = weight[None] * ops.cast(styles, weight.dtype)[:, None, None, :, None]
    if demodulate:
        w = w * ops.rsqrt(ops.sum(ops.square(w), axis=(1, 2, 3), keepdims=True) + epsilon)
    return w


@keras.saving.register_keras_serializable(package="keras_gans")
class ModulatedConv2D(keras.layers.Layer):
    """StyleGAN2's modulated convolution, optionally after a 2x bilinear upsampling.

    Inputs ``[x, w]`` (``[x, w, noise]`` with ``use_noise``): an affine layer maps
    ``w`` to one style per input channel (bias initialised to 1); the convolution
    then acts as if its kernel were ``modulated_weights(kernel, styles)``, computed
    the cheap way: the input is scaled by the styles, convolved with the shared
    kernel, and each output channel scaled by its demodulation factor. With
    ``use_noise``, ``noise`` (``[batch, h, w, 1]``) times a learned strength
    (initialised to 0) is added; then the bias and the activation.

    Args:
        filters: output channels.
        kernel_size: square kernel side (3; 1 for toRGB).
        demodulate: weight demodulation (False for toRGB).
        upsample: double the input's size (bilinear) before the convolution. The
            paper uses a transposed convolution with a [1, 3, 3, 1] filter; bilinear
            upsampling is the standard-op equivalent of that low-pass step.
        use_noise: take a third input, the noise image.
        activation: None or ``"lrelu"``.
        **kwargs: passed to ``keras.layers.Layer``.

    Example:
    >>> layer = keras_gans.networks.ModulatedConv2D(4, upsample=True)
    >>> layer([np.ones((2, 4, 4, 3), "float32"), np.ones((2, 8), "float32")]).shape
    TensorShape([2, 8, 8, 4])

    Reference:
        Karras et al., Analyzing and Improving the Image Quality of StyleGAN (2020),
        https://arxiv.org/abs/1912.04958
    """

    def __init__(
        self,
        filters,
        kernel_size=3,
        demodulate=True,
        upsample=False,
        use_noise=False,
        activation="lrelu",
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.filters = check_positive(filters, "filters")
        self.kernel_size = check_positive(kernel_size, "kernel_size")
        self.demodulate = bool(demodulate)
        self.upsample = bool(upsample)
        self.use_noise = bool(use_noise)
        self.activation = check_activation(activation)

    def build(self, input_shape):
        x_shape, w_shape = input_shape[0], input_shape[1]
        channels = int(x_shape[-1])
        self.affine = EqualizedDense(channels, bias_init=1.0, name="affine")
        self.affine.build(w_shape)
        self.kernel = self.add_weight(
            shape=(self.kernel_size, self.kernel_size, channels, self.filters),
            initializer=keras.initializers.RandomNormal(0.0, 1.0),
            name="kernel",
        )
        self.bias = self.add_weight(shape=(self.filters,), initializer="zeros", name="bias")
        if self.use_noise:
            self.noise_strength = self.add_weight(
                shape=(), initializer="zeros", name="noise_strength"
            )
        self.weight_gain = 1.0 / math.sqrt(channels * self.kernel_size**2)
        # toRGB (no demodulation) scales its styles instead, as the paper's code does
        self.style_gain = 1.0 if self.demodulate else self.weight_gain

    def styles(self, w):
        """The per-example input-channel scales ``[batch, in]`` that ``w`` gives."""
        return self.affine(w) * self.style_gain

    def scaled_kernel(self, dtype="float32"):
        """The shared kernel as the convolution uses it (equalised-rate scale applied)."""
        gain = self.weight_gain if self.demodulate else 1.0
        return ops.cast(self.kernel, dtype) * gain

    def call(self, inputs):
        x, w = inputs[0], inputs[1]
        if self.upsample:
            shape = ops.shape(x)
            x = ops.image.resize(x, (shape[1] * 2, shape[2] * 2), interpolation="bilinear")
        styles = ops.cast(self.styles(ops.cast(w, x.dtype)), x.dtype)
        kernel = self.scaled_kernel(x.dtype)
        y = ops.conv(x * styles[:, None, None, :], kernel, padding="same")
        if self.demodulate:
            # sum over (kh, kw, in) of (kernel * style)^2, one per (example, output channel)
            energy = ops.matmul(ops.square(styles), ops.sum(ops.square(kernel), axis=(0, 1)))
            y = y * ops.rsqrt(energy + 1e-8)[:, None, None, :]
        if self.use_noise:
            y = y + ops.cast(inputs[2], y.dtype) * ops.cast(self.noise_strength, y.dtype)
        y = y + ops.cast(self.bias, y.dtype)
        return activate(y, self.activation)

    def compute_output_shape(self, input_shape):
        b, h, w, _ = input_shape[0]
        if self.upsample:
            h, w = (None if h is None else 2 * h), (None if w is None else 2 * w)
        return (b, h, w, self.filters)

    def get_config(self):
        return {
            **super().get_config(),
            "filters": self.filters,
            "kernel_size": self.kernel_size,
            "demodulate": self.demodulate,
            "upsample": self.upsample,
            "use_noise": self.use_noise,
            "activation": self.activation,
        }


@keras.saving.register_keras_serializable(package="keras_gans")
class ConstantInput(keras.layers.Layer):
    """The synthesis network's learned starting block ``[batch, size, size, channels]``.

    Its input only gives the batch size (any tensor with the batch first).

    Args:
        channels: channels of the block.
        size: its side (4 in the paper).
        **kwargs: passed to ``keras.layers.Layer``.
    """

    def __init__(self, channels, size=4, **kwargs):
        super().__init__(**kwargs)
        self.channels = check_positive(channels, "channels")
        self.size = check_positive(size, "size")

    def build(self, input_shape):
        self.const = self.add_weight(
            shape=(1, self.size, self.size, self.channels),
            initializer=keras.initializers.RandomNormal(0.0, 1.0),
            name="const",
        )

    def call(self, reference):
        batch = ops.shape(reference)[0]
        const = ops.cast(self.const, self.compute_dtype)
        return ops.broadcast_to(const, (batch, self.size, self.size, self.channels))

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.size, self.size, self.channels)

    def get_config(self):
        return {**super().get_config(), "channels": self.channels, "size": self.size}


@keras.saving.register_keras_serializable(package="keras_gans")
class ConstNoise(keras.layers.Layer):
    """A fixed noise image ``[batch, size, size, 1]`` (non-trainable), the same for every
    example: the noise inputs' ``"const"`` mode, which makes a generator deterministic.

    Args:
        size: side of the noise image.
        **kwargs: passed to ``keras.layers.Layer``.
    """

    def __init__(self, size, **kwargs):
        super().__init__(**kwargs)
        self.size = check_positive(size, "size")

    def build(self, input_shape):
        self.noise = self.add_weight(
            shape=(1, self.size, self.size, 1),
            initializer=keras.initializers.RandomNormal(0.0, 1.0),
            trainable=False,
            name="noise",
        )

    def call(self, reference):
        batch = ops.shape(reference)[0]
        noise = ops.cast(self.noise, self.compute_dtype)
        return ops.broadcast_to(noise, (batch, self.size, self.size, 1))

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.size, self.size, 1)

    def get_config(self):
        return {**super().get_config(), "size": self.size}


@keras.saving.register_keras_serializable(package="keras_gans")
class WAverage(keras.layers.Layer):
    """Passes ``w`` through unchanged and holds ``w_avg``, the running mean of w that
    truncation pulls towards (non-trainable; the model updates it in training).

    Args:
        **kwargs: passed to ``keras.layers.Layer``.
    """

    def build(self, input_shape):
        self.w_avg = self.add_weight(
            shape=(int(input_shape[-1]),), initializer="zeros", trainable=False, name="w_avg"
        )

    def call(self, w):
        return w

    def compute_output_shape(self, input_shape):
        return input_shape


@keras.saving.register_keras_serializable(package="keras_gans")
class ClipImages(keras.layers.Layer):
    """Clips images to [-1, 1] (the synthesis network's raw output is unbounded, as in
    the paper; samples and exports are clipped).

    Args:
        **kwargs: passed to ``keras.layers.Layer``.
    """

    def call(self, images):
        return ops.clip(images, -1.0, 1.0)

    def compute_output_shape(self, input_shape):
        return input_shape


@keras.saving.register_keras_serializable(package="keras_gans")
class PixelNorm(keras.layers.Layer):
    """Scales each vector to unit root-mean-square: ``z * rsqrt(mean(z^2) + eps)``.

    Args:
        epsilon: added under the square root.
        **kwargs: passed to ``keras.layers.Layer``.
    """

    def __init__(self, epsilon=1e-8, **kwargs):
        super().__init__(**kwargs)
        self.epsilon = float(epsilon)

    def call(self, z):
        return z * ops.rsqrt(ops.mean(ops.square(z), axis=-1, keepdims=True) + self.epsilon)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "epsilon": self.epsilon}
