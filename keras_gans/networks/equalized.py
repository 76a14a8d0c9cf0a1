"""Layers with an equalised learning rate (Karras et al. 2018): weights stored at unit
scale and scaled at run time, so every weight learns at the same pace under Adam."""

import math

import keras
from keras import ops

from keras_gans.errors import ArgumentError
from keras_gans.networks.validation import check_positive

ACTIVATIONS = (None, "lrelu")
LRELU_GAIN = math.sqrt(2.0)  # keeps the activations' variance through leaky ReLU(0.2)


def activate(x, activation):
    """``x`` after ``activation``: None (linear) or ``"lrelu"`` (leaky ReLU 0.2, times sqrt 2)."""
    if activation == "lrelu":
        return ops.leaky_relu(x, 0.2) * ops.cast(LRELU_GAIN, x.dtype)
    return x


def check_activation(activation):
    """Returns ``activation`` if it is one of ``ACTIVATIONS``, else raises ArgumentError."""
    if activation not in ACTIVATIONS:
        raise ArgumentError(f"Unknown activation {activation!r}; choose from {list(ACTIVATIONS)}")
    return activation


@keras.saving.register_keras_serializable(package="keras_gans")
class EqualizedDense(keras.layers.Layer):
    """Dense layer with an equalised learning rate (Karras et al. 2018).

    The kernel is stored as N(0, 1 / lr_multiplier) and scaled at run time by
    ``lr_multiplier / sqrt(fan_in)``; the bias is stored as ``bias_init`` and used
    times ``lr_multiplier``. Every weight then learns at the same pace under Adam,
    and ``lr_multiplier`` slows a whole layer (0.01 in StyleGAN's mapping network).

    Args:
        units: output size.
        lr_multiplier: learning-rate multiplier of this layer.
        bias_init: initial stored bias.
        activation: None or ``"lrelu"``.
        use_bias: add a bias.
        **kwargs: passed to ``keras.layers.Layer``.

    Example:
    >>> layer = keras_gans.networks.EqualizedDense(3, lr_multiplier=0.01)
    >>> layer(np.ones((2, 4), "float32")).shape
    TensorShape([2, 3])

    Reference:
        Karras et al., Progressive Growing of GANs (2018), https://arxiv.org/abs/1710.10196
    """

    def __init__(
        self, units, lr_multiplier=1.0, bias_init=0.0, activation=None, use_bias=True, **kwargs
    ):
        super().__init__(**kwargs)
        self.units = check_positive(units, "units")
        if not float(lr_multiplier) > 0:
            raise ArgumentError(f"lr_multiplier must be > 0, got {lr_multiplier!r}.")
        self.lr_multiplier = float(lr_multiplier)
        self.bias_init = float(bias_init)
        self.activation = check_activation(activation)
        self.use_bias = bool(use_bias)

    def build(self, input_shape):
        fan_in = int(input_shape[-1])
        self.kernel = self.add_weight(
            shape=(fan_in, self.units),
            initializer=keras.initializers.RandomNormal(0.0, 1.0 / self.lr_multiplier),
            name="kernel",
        )
        if self.use_bias:
            self.bias = self.add_weight(
                shape=(self.units,),
                initializer=keras.initializers.Constant(self.bias_init),
                name="bias",
            )
        self.weight_gain = self.lr_multiplier / math.sqrt(fan_in)

    def call(self, x):
        y = ops.matmul(x, ops.cast(self.kernel, x.dtype) * self.weight_gain)
        if self.use_bias:
            y = y + ops.cast(self.bias, x.dtype) * self.lr_multiplier
        return activate(y, self.activation)

    def compute_output_shape(self, input_shape):
        return (*input_shape[:-1], self.units)

    def get_config(self):
        return {
            **super().get_config(),
            "units": self.units,
            "lr_multiplier": self.lr_multiplier,
            "bias_init": self.bias_init,
            "activation": self.activation,
            "use_bias": self.use_bias,
        }


@keras.saving.register_keras_serializable(package="keras_gans")
class EqualizedConv2D(keras.layers.Layer):
    """'same'-padded stride-1 convolution with an equalised learning rate.

    The kernel is stored as N(0, 1) and scaled by ``1 / sqrt(kh * kw * in)`` at run
    time (see ``EqualizedDense``).

    Args:
        filters: output channels.
        kernel_size: square kernel side.
        activation: None or ``"lrelu"``.
        use_bias: add a bias.
        **kwargs: passed to ``keras.layers.Layer``.

    Example:
    >>> layer = keras_gans.networks.EqualizedConv2D(4, 3, activation="lrelu")
    >>> layer(np.ones((1, 8, 8, 2), "float32")).shape
    TensorShape([1, 8, 8, 4])

    Reference:
        Karras et al., Progressive Growing of GANs (2018), https://arxiv.org/abs/1710.10196
    """

    def __init__(self, filters, kernel_size=3, activation=None, use_bias=True, **kwargs):
        super().__init__(**kwargs)
        self.filters = check_positive(filters, "filters")
        self.kernel_size = check_positive(kernel_size, "kernel_size")
        self.activation = check_activation(activation)
        self.use_bias = bool(use_bias)

    def build(self, input_shape):
        fan_in = int(input_shape[-1]) * self.kernel_size**2
        self.kernel = self.add_weight(
            shape=(self.kernel_size, self.kernel_size, int(input_shape[-1]), self.filters),
            initializer=keras.initializers.RandomNormal(0.0, 1.0),
            name="kernel",
        )
        if self.use_bias:
            self.bias = self.add_weight(shape=(self.filters,), initializer="zeros", name="bias")
        self.weight_gain = 1.0 / math.sqrt(fan_in)

    def call(self, x):
        y = ops.conv(x, ops.cast(self.kernel, x.dtype) * self.weight_gain, padding="same")
        if self.use_bias:
            y = y + ops.cast(self.bias, x.dtype)
        return activate(y, self.activation)

    def compute_output_shape(self, input_shape):
        return (*input_shape[:-1], self.filters)

    def get_config(self):
        return {
            **super().get_config(),
            "filters": self.filters,
            "kernel_size": self.kernel_size,
            "activation": self.activation,
            "use_bias": self.use_bias,
        }
