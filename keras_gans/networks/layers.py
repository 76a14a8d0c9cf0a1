"""Layers the discriminator builders can insert."""

import keras
from keras import ops

from keras_gans.networks.validation import check_positive


@keras.saving.register_keras_serializable(package="keras_gans")
class MinibatchStdDev(keras.layers.Layer):
    """Appends one channel: how much the batch varies (ProGAN's minibatch std).

    The batch is split into groups of ``group_size`` images (image ``i`` joins group
    ``i % (batch / group_size)``, as in the paper's code); for each group, the standard
    deviation of every feature over the group's images is averaged over height, width
    and channels, and that number fills the new channel of each image in the group. A
    generator that collapses to a few outputs makes this channel small, which the
    discriminator can see. The batch must be divisible by ``min(group_size, batch)``.

    Args:
        group_size: images per group (4 in the paper).
        epsilon: added to the variance before the square root.

    Example:
    >>> x = np.zeros((4, 2, 2, 3), "float32")
    >>> keras_gans.networks.MinibatchStdDev(group_size=2)(x).shape
    TensorShape([4, 2, 2, 4])

    Reference:
        Karras et al., Progressive Growing of GANs (2018), https://arxiv.org/abs/1710.10196
    """

    def __init__(self, group_size=4, epsilon=1e-8, **kwargs):
        super().__init__(**kwargs)
        check_positive(group_size, "group_size")
        self.group_size = group_size
        self.epsilon = float(epsilon)

    def call(self, x):
        shape = ops.shape(x)
        batch, h, w, c = shape[0], shape[1], shape[2], shape[3]
        group = ops.minimum(self.group_size, batch)
        y = ops.reshape(x, (group, -1, h, w, c))  # [group, batch / group, h, w, c]
        y = ops.cast(y, "float32")
        std = ops.sqrt(ops.var(y, axis=0) + self.epsilon)  # [batch / group, h, w, c]
        per_group = ops.mean(std, axis=(1, 2, 3))  # [batch / group]
        per_image = ops.tile(per_group, (group,))  # image i gets group i % (batch / group)
        channel = ops.broadcast_to(ops.reshape(per_image, (-1, 1, 1, 1)), (batch, h, w, 1))
        return ops.concatenate([x, ops.cast(channel, x.dtype)], axis=-1)

    def compute_output_shape(self, input_shape):
        return (*input_shape[:-1], input_shape[-1] + 1)

    def get_config(self):
        return {**super().get_config(), "group_size": self.group_size, "epsilon": self.epsilon}
