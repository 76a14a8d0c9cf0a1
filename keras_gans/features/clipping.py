"""Weight clipping of WGAN's critic (Arjovsky et al. 2017)."""

import tensorflow as tf


def clip_weights(variables, clip_value):
    """Clips every variable in ``variables`` to ``[-clip_value, clip_value]`` in place.

    Runs in the training graph (an ``assign`` per variable), after each critic update.

    Args:
        variables: the critic's trainable variables.
        clip_value: positive float.

    Example:
    >>> v = tf.Variable([-1.0, 0.005, 2.0])
    >>> keras_gans.features.clip_weights([v], 0.01)
    >>> v.numpy().tolist()
    [-0.009999999776482582, 0.004999999888241291, 0.009999999776482582]

    Reference:
        Arjovsky et al., Wasserstein GAN (2017), https://arxiv.org/abs/1701.07875
    """
    for variable in variables:
        variable.assign(tf.clip_by_value(variable, -clip_value, clip_value))
