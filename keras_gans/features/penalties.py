"""Zero-centred gradient penalties (R1 on real images, R2 on fakes) and lazy schedules."""

from typing import Any, NamedTuple

import tensorflow as tf


class PenaltyAndLogits(NamedTuple):
    """A gradient penalty and the critic's logits it was computed from."""

    penalty: Any
    logits: Any


def zero_centred_penalty(critic, images):
    """``mean over the batch of |d critic(x) / dx|^2``: R1 on real images, R2 on fakes.

    Call it inside the discriminator's gradient tape: the penalty's own gradient
    (double backprop) then reaches the critic's weights. The gradient is that of the
    sum of the logits, which is each example's own gradient for a critic that treats
    examples independently (no batch normalisation, as the penalties assume). The logits come back too, so
    the loss does not run the critic on the same images again.

    Args:
        critic: callable mapping images to logits (rank-1 or patch-shaped).
        images: ``[n, h, w, c]`` images.

    Returns:
        ``PenaltyAndLogits(penalty, logits)``; ``penalty`` is a float32 scalar.

    Example:
    >>> w = tf.constant([[3.0], [4.0]])
    >>> critic = lambda x: tf.reshape(x, [-1, 2]) @ w
    >>> out = keras_gans.features.zero_centred_penalty(critic, tf.ones([5, 1, 1, 2]))
    >>> float(out.penalty)  # |w|^2 for a linear critic
    25.0

    Reference:
        Mescheder et al., Which Training Methods for GANs do actually Converge? (2018),
        https://arxiv.org/abs/1801.04406
    """
    images = tf.convert_to_tensor(images)
    with tf.GradientTape() as tape:
        tape.watch(images)
        logits = critic(images)
        total = tf.reduce_sum(tf.cast(logits, tf.float32))
    grads = tf.cast(tape.gradient(total, images), tf.float32)
    per_example = tf.reduce_sum(tf.square(grads), axis=tf.range(1, tf.rank(grads)))
    return PenaltyAndLogits(tf.reduce_mean(per_example), logits)


def lazy_weight(weight, every, step):
    """The weight of a penalty applied on every ``every``-th step only.

    Lazy regularisation (Karras et al. 2020): on steps ``0, every, 2 * every, ...``
    the weight is ``weight * every``, so the average weight per step stays ``weight``;
    on the other steps it is 0 (skip the penalty's computation there). ``step`` may
    be an int or a tensor (in a training graph, e.g. ``d_optimizer.iterations``).

    Example:
    >>> [keras_gans.features.lazy_weight(10.0, 4, s) for s in range(5)]
    [40.0, 0.0, 0.0, 0.0, 40.0]

    Reference:
        Karras et al., Analyzing and Improving the Image Quality of StyleGAN (2020),
        https://arxiv.org/abs/1912.04958
    """
    if isinstance(step, int):
        return float(weight) * every if step % every == 0 else 0.0
    on = tf.cast(tf.equal(tf.math.floormod(step, every), 0), tf.float32)
    return on * (float(weight) * every)  # a tensor step (an optimizer's iterations)
