"""Convolutions that skip the kernel taps which only ever meet padding."""

import keras
import numpy as np
from keras import ops


def live_taps(size, kernel, stride):
    """Along one spatial axis of a ``padding="same"`` convolution of an input ``size``
    long: ``(first, end, before, after)``, the kernel taps ``first..end-1`` that ever
    reach the input (the others only ever multiply padding zeros) and the zero padding
    before and after the input that a ``"valid"`` convolution with those taps needs to
    give the same outputs (TensorFlow's placement: the odd padding after)."""
    out = -(-size // stride)
    total = max((out - 1) * stride + kernel - size, 0)
    pad_before = total // 2
    first = max(0, pad_before - (out - 1) * stride)
    end = min(kernel, pad_before + size)
    before = pad_before - first
    # Below zero where the strides step past the input's end: "valid" drops those rows.
    after = max((out - 1) * stride + (end - first) - size - before, 0)
    return first, end, before, after


# Most output positions of a convolution that computes as one matmul of its gathered
# patches (``_gathered_matmul``) instead of TensorFlow's convolution kernels.
GATHERED_OUTPUTS = 4


def _selection(spatial, kernel, strides, rows, cols):
    """The 0/1 matrix ``[outputs * taps, inputs]`` that picks each output position's
    patch (taps in the kernel's row-major order) from the flattened input positions of a
    ``"valid"`` convolution over the input zero-padded by ``rows`` and ``cols``
    (``(before, after)``): a tap on the padding picks nothing."""
    (h, w), (kh, kw), (sh, sw) = spatial, kernel, strides
    oh = (h + sum(rows) - kh) // sh + 1
    ow = (w + sum(cols) - kw) // sw + 1
    r = np.arange(oh)[:, None, None, None] * sh + np.arange(kh)[None, None, :, None] - rows[0]
    c = np.arange(ow)[None, :, None, None] * sw + np.arange(kw)[None, None, None, :] - cols[0]
    r, c = np.broadcast_arrays(r, c)
    inside = ((r >= 0) & (r < h) & (c >= 0) & (c < w)).reshape(-1)
    select = np.zeros((inside.size, h * w), "float32")
    select[np.flatnonzero(inside), (r * w + c).reshape(-1)[inside]] = 1.0
    return select, (oh, ow)


def _gathered_matmul(inputs, kernel, strides, rows, cols):
    """The ``"valid"`` convolution over ``inputs`` zero-padded by ``rows`` and ``cols``,
    as a constant 0/1 matrix that gathers the patches from the input's positions and one
    matmul of the patches with the kernel: the outputs of ``ops.conv``; for a few output
    positions the CPU computes it and its gradients faster than the convolution's
    kernels."""
    h, w, c = inputs.shape[1:]
    kh, kw, _, filters = kernel.shape
    select, (oh, ow) = _selection((h, w), (kh, kw), strides, rows, cols)
    # One batched matmul, the 0/1 matrix broadcast over the images, gathers every
    # image's patches (an einsum in its place did not load in LiteRT).
    patches = ops.matmul(ops.cast(select[None], inputs.dtype), ops.reshape(inputs, (-1, h * w, c)))
    patches = ops.reshape(patches, (-1, kh * kw * c))
    outputs = ops.matmul(patches, ops.reshape(kernel, (kh * kw * c, filters)))
    return ops.reshape(outputs, (-1, oh, ow, filters))


class _LiveTaps:
    """What both live-taps layers share: the argument, the stored taps' place in the
    full kernel, building such a kernel, reading it back full, loading a full one."""

    def __init__(self, *args, store_live_taps=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.store_live_taps = bool(store_live_taps)
        # (first row, end row, first column, end column) of the stored taps in the
        # full kernel, where the layer stores only its live taps.
        self._stored_taps = None

    def _taps(self, spatial, every=False):
        """``(rows, cols)`` of ``live_taps`` for the forward convolution over an image of
        ``spatial`` size (the input of a ``Conv2D``, the output of a
        ``Conv2DTranspose``), or None where the layer computes as Keras' layer does or
        every tap is live (unless ``every``)."""
        if (
            self.padding != "same"
            or self.data_format != "channels_last"
            or tuple(self.dilation_rate) != (1, 1)
            or getattr(self, "groups", 1) != 1
            or getattr(self, "output_padding", None) is not None
            or None in spatial
        ):
            return None
        rows, cols = (
            live_taps(n, k, s)
            for n, k, s in zip(spatial, self.kernel_size, self.strides, strict=True)
        )
        if not every and self._every_tap_live((rows, cols)):
            return None
        return rows, cols

    def _every_tap_live(self, taps):
        """Whether ``taps`` (``_taps``' rows and columns) span the whole kernel."""
        rows, cols = taps
        return rows[:2] == (0, self.kernel_size[0]) and cols[:2] == (0, self.kernel_size[1])

    def _live_kernel_weight(self, taps, full_shape, input_shape):
        """Adds the kernel of the live ``taps`` (drawn as the centre of the full
        kernel's initial values) and the bias; fixes the input size."""
        (r0, r1, *_), (c0, c1, *_) = taps
        self._stored_taps = (r0, r1, c0, c1)
        draw = keras.initializers.get(self.kernel_initializer)

        def centre(shape, dtype=None):
            return draw(full_shape, dtype=dtype)[r0:r1, c0:c1]

        # The stored taps are those of this input size: Keras refuses another one.
        self.input_spec = keras.layers.InputSpec(
            ndim=4, axes={1: input_shape[1], 2: input_shape[2], -1: input_shape[-1]}
        )
        kernel = self.add_weight(
            name="kernel",
            shape=(r1 - r0, c1 - c0, *full_shape[2:]),
            initializer=centre,
            regularizer=self.kernel_regularizer,
            constraint=self.kernel_constraint,
            trainable=True,
            dtype=self.dtype,
        )
        self.bias = None
        if self.use_bias:
            self.bias = self.add_weight(
                name="bias",
                shape=(self.filters,),
                initializer=self.bias_initializer,
                regularizer=self.bias_regularizer,
                constraint=self.bias_constraint,
                trainable=True,
                dtype=self.dtype,
            )
        self.built = True
        return kernel

    def _live_kernel(self, kernel, taps):
        """``kernel``'s live taps: itself where the layer stores only those."""
        rows, cols = taps
        if not self._every_tap_live(taps) and tuple(kernel.shape[:2]) == tuple(self.kernel_size):
            return kernel[rows[0] : rows[1], cols[0] : cols[1]]
        return kernel

    def full_kernel(self):
        """The kernel as Keras' layer of the same arguments holds it, as a NumPy array:
        where the layer stores its live taps, those at their place in a
        ``kernel_size`` kernel and zeros at the taps that never reach the input (their
        values never change an output or a gradient); otherwise the kernel itself."""
        kernel = keras.ops.convert_to_numpy(self.kernel)
        if self._stored_taps is None:
            return kernel
        r0, r1, c0, c1 = self._stored_taps
        full = np.zeros((*self.kernel_size, *kernel.shape[2:]), kernel.dtype)
        full[r0:r1, c0:c1] = kernel
        return full

    def load_own_variables(self, store):
        """Loads the layer's saved weights; where it stores its live taps, a saved full
        kernel (a weights file from before ``store_live_taps``, or Keras' layer's)
        loads as those taps."""
        taps = self._stored_taps
        if taps is not None and tuple(store["0"].shape[:2]) == tuple(self.kernel_size):
            r0, r1, c0, c1 = taps
            store = {key: store[key] for key in store.keys()}
            store["0"] = np.asarray(store["0"])[r0:r1, c0:c1]
        super().load_own_variables(store)

    def get_config(self):
        return {**super().get_config(), "store_live_taps": self.store_live_taps}


@keras.saving.register_keras_serializable(package="keras_gans")
class LiveTapsConv2D(_LiveTaps, keras.layers.Conv2D):
    """``keras.layers.Conv2D`` that skips the kernel taps which only ever see padding.

    With ``padding="same"`` on an input smaller than the kernel's reach (DCGAN's last
    discriminator convolution maps 2x2 to 1x1 with a 5x5 kernel: 21 of its 25 taps only
    ever multiply padding), the layer convolves the input, zero-padded only as far as
    needed, with the taps that reach it. The outputs are those of ``Conv2D``, and so are
    the gradients: a tap that never reaches the input gets a zero gradient either way.
    Where the output has at most four positions (DCGAN's discriminator maps 4x4 to 2x2
    at 16x16 and 28x28), the layer gathers each position's patch with a constant 0/1
    matrix and computes one matmul of the patches with the kernel, which the CPU runs,
    forward and backward, faster than TensorFlow's convolution kernels; the outputs and
    gradients are again ``Conv2D``'s. Other paddings, dilations, groups,
    ``channels_first`` and inputs of unknown size compute as ``Conv2D`` does.

    By default the kernel keeps its full shape, so weights load into and from
    ``Conv2D``. With ``store_live_taps=True`` it holds only the taps that reach the
    input (built for a known input size, and then only for that size), drawn as the
    centre of the full kernel's initial values: the same outputs, gradients and
    training, without the unused taps' memory, their optimizer slots and the full-size
    gradient each step. ``full_kernel()`` gives the kernel a ``Conv2D`` would hold.

    Args:
        filters, kernel_size, strides, padding, **kwargs: as ``keras.layers.Conv2D``.
        store_live_taps: keep only the taps that reach the input as the kernel.

    Example:
    >>> layer = keras_gans.networks.LiveTapsConv2D(8, 5, strides=2, padding="same")
    >>> layer(np.zeros((1, 2, 2, 4), "float32")).shape
    TensorShape([1, 1, 1, 8])
    >>> layer.kernel.shape
    TensorShape([5, 5, 4, 8])
    >>> live = keras_gans.networks.LiveTapsConv2D(
    ...     8, 5, strides=2, padding="same", store_live_taps=True
    ... )
    >>> live(np.zeros((1, 2, 2, 4), "float32")).shape, live.kernel.shape
    (TensorShape([1, 1, 1, 8]), TensorShape([2, 2, 4, 8]))

    Reference:
        Radford et al., DCGAN (2016), https://arxiv.org/abs/1511.06434 (the 5x5,
        stride-2 discriminator convolutions this serves)
    """

    def build(self, input_shape):
        taps = self._taps(tuple(input_shape[1:3])) if self.store_live_taps else None
        if taps is None:
            return super().build(input_shape)
        full_shape = (*self.kernel_size, input_shape[-1], self.filters)
        self._kernel = self._live_kernel_weight(taps, full_shape, input_shape)

    def convolution_op(self, inputs, kernel):
        spatial = tuple(inputs.shape[1:3])
        taps = self._taps(spatial, every=True)
        if taps is None:
            return super().convolution_op(inputs, kernel)
        rows, cols = taps
        positions = np.prod([-(-n // s) for n, s in zip(spatial, self.strides, strict=True)])
        if self._every_tap_live(taps) and positions > GATHERED_OUTPUTS:
            return super().convolution_op(inputs, kernel)
        kernel = self._live_kernel(kernel, taps)
        if 1 < positions <= GATHERED_OUTPUTS:
            # A few output positions: one matmul of the gathered patches, which the CPU
            # computes, forward and backward, faster than the convolution's kernels.
            return _gathered_matmul(inputs, kernel, self.strides, rows[2:], cols[2:])
        pads = [[0, 0], list(rows[2:]), list(cols[2:]), [0, 0]]
        if any(p for pair in pads for p in pair):
            inputs = ops.pad(inputs, pads)
        if tuple(inputs.shape[1:3]) == tuple(kernel.shape[:2]):
            # One output position that the whole kernel covers: a matmul, which the
            # CPU computes faster than the convolution's backward kernels do.
            flat = ops.reshape(
                inputs, (-1, 1, 1, kernel.shape[0] * kernel.shape[1] * kernel.shape[2])
            )
            return ops.matmul(flat, ops.reshape(kernel, (-1, kernel.shape[3])))
        return ops.conv(inputs, kernel, strides=list(self.strides), padding="valid")


@keras.saving.register_keras_serializable(package="keras_gans")
class LiveTapsConv2DTranspose(_LiveTaps, keras.layers.Conv2DTranspose):
    """``keras.layers.Conv2DTranspose`` that skips the kernel taps which never reach an
    output.

    A ``padding="same"`` transposed convolution is the adjoint of the convolution from
    its output's size to its input's; where that convolution has taps that only ever
    see padding (a U-Net's first decoder convolution maps 1x1 to 2x2 with a 4x4
    kernel: 12 of its 16 taps land only on the cropped border), the layer computes with
    the taps that reach the output, a ``"valid"`` transposed convolution cropped to the
    output. The outputs are those of ``Conv2DTranspose``, and so are the gradients.
    Other paddings, dilations, an ``output_padding``, ``channels_first`` and inputs of
    unknown size compute as ``Conv2DTranspose`` does. ``store_live_taps`` and
    ``full_kernel()`` as in ``LiveTapsConv2D``.

    Args:
        filters, kernel_size, strides, padding, **kwargs: as
            ``keras.layers.Conv2DTranspose``.
        store_live_taps: keep only the taps that reach the output as the kernel.

    Example:
    >>> live = keras_gans.networks.LiveTapsConv2DTranspose(
    ...     8, 4, strides=2, padding="same", store_live_taps=True
    ... )
    >>> live(np.zeros((1, 1, 1, 4), "float32")).shape, live.kernel.shape
    (TensorShape([1, 2, 2, 8]), TensorShape([2, 2, 8, 4]))

    Reference:
        Isola et al., Image-to-Image Translation with Conditional Adversarial
        Networks (2017), https://arxiv.org/abs/1611.07004 (the U-Net decoder this
        serves)
    """

    def _output_size(self, spatial):
        if None in spatial:
            return spatial
        return tuple(n * s for n, s in zip(spatial, self.strides, strict=True))

    def build(self, input_shape):
        size = self._output_size(tuple(input_shape[1:3]))
        taps = self._taps(size) if self.store_live_taps else None
        if taps is None:
            return super().build(input_shape)
        full_shape = (*self.kernel_size, self.filters, input_shape[-1])
        self.kernel = self._live_kernel_weight(taps, full_shape, input_shape)

    def call(self, inputs):
        size = self._output_size(tuple(inputs.shape[1:3]))
        taps = self._taps(size)
        if taps is None:
            return super().call(inputs)
        kernel = self._live_kernel(self.kernel, taps)
        outputs = ops.conv_transpose(inputs, kernel, strides=list(self.strides), padding="valid")
        # The "valid" result starts at the first padding row of the forward
        # convolution's input: drop the rows before the output, add the zero rows of the
        # padding past its reach, and keep the output's size.
        (_, _, top, _), (_, _, left, _) = taps
        reach = tuple(outputs.shape[1:3])
        missing = [max(t + n - m, 0) for t, n, m in zip((top, left), size, reach, strict=True)]
        if any(missing):
            outputs = ops.pad(outputs, [[0, 0], [0, missing[0]], [0, missing[1]], [0, 0]])
        outputs = outputs[:, top : top + size[0], left : left + size[1]]
        if self.use_bias:
            outputs = ops.add(outputs, ops.reshape(self.bias, (1, 1, 1, self.filters)))
        if self.activation is not None:
            return self.activation(outputs)
        return outputs
