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


def lazily_added_gradients(on, penalty, skipped, grads, variables):
    """``grads`` plus a penalty's gradients on the updates it applies to.

    ``tf.cond(on, ...)``: where ``on`` is true, runs ``penalty()``, which returns
    ``(loss, values)``, under a gradient tape, and adds the loss's gradients with respect
    to ``variables`` to ``grads``; elsewhere returns ``skipped()`` (values of the same
    structure) and ``grads`` as they are. Call it outside the tape that gave ``grads``:
    differentiating through a ``tf.cond`` whose branch takes a gradient makes
    TensorFlow trace the branches' forward and backward functions again, which cost
    more than the rest of a small model's first step (docs/architecture.md). The
    penalty reaches the variables that ``grads`` reaches (``None`` entries stay
    ``None``); sparse gradients (``tf.IndexedSlices``) come back dense. Lazy R1 and the
    lazy path-length penalty use it.

    Args:
        on: boolean scalar tensor: apply the penalty on this update.
        penalty: callable returning ``(loss, values)``, ``loss`` a scalar (already
            weighted and scaled as ``grads``' loss was).
        skipped: callable returning the ``values`` of the skipped updates.
        grads: the gradients of the main loss, one per variable (or ``None``).
        variables: the variables ``grads`` belong to.

    Returns:
        ``(values, grads)``.

    Example:
    >>> v = tf.Variable(3.0)
    >>> square = lambda: (v * v, v * v)
    >>> keep = lambda: tf.constant(0.0)
    >>> lazy = keras_gans.features.lazily_added_gradients
    >>> [float(x) for x in lazy(tf.constant(True), square, keep, [tf.constant(1.0)], [v])[1]]
    [7.0]
    >>> [float(x) for x in lazy(tf.constant(False), square, keep, [tf.constant(1.0)], [v])[1]]
    [1.0]
    """
    reached = [i for i, grad in enumerate(grads) if grad is not None]
    # Sparse gradients (an embedding's IndexedSlices) are made dense: both branches
    # must return the same kind, and the two gradients add up.
    dense = {i: tf.convert_to_tensor(grads[i]) for i in reached}

    def penalised():
        with tf.GradientTape() as tape:
            loss, values = penalty()
        extra = tape.gradient(loss, [variables[i] for i in reached])
        summed = [
            dense[i] if e is None else dense[i] + tf.convert_to_tensor(e)
            for i, e in zip(reached, extra, strict=True)
        ]
        return values, summed

    def unchanged():
        return skipped(), [tf.identity(dense[i]) for i in reached]

    values, summed = tf.cond(on, penalised, unchanged)
    grads = list(grads)
    for i, grad in zip(reached, summed, strict=True):
        grads[i] = grad
    return values, grads


class PathLength(NamedTuple):
    """A path-length penalty, the per-example lengths and the updated running mean."""

    penalty: Any
    lengths: Any
    pl_mean: Any


def path_length_penalty(synthesis, ws, pl_mean, decay=0.01, projection=None, rng=None):
    """StyleGAN2's path-length regulariser of a synthesis map ``ws -> images``.

    With ``y`` a random image (N(0, 1) pixels divided by ``sqrt(h * w)``), each
    example's length is ``sqrt(mean over the ws of |J^T y|^2)``, ``J`` the Jacobian of
    its image with respect to its ws. The running mean moves towards the batch mean
    (``pl_mean + decay * (mean(lengths) - pl_mean)``) and the penalty is
    ``mean((lengths - new pl_mean)^2)``. Call it inside the generator's tape: its
    gradient reaches the synthesis weights by double backprop.

    Args:
        synthesis: callable mapping ``ws`` ``[batch, num_ws, w_dim]`` to images.
        ws: the ws to evaluate at.
        pl_mean: the running mean of the lengths so far (scalar).
        decay: how far the mean moves per call.
        projection: the image ``y`` (broadcastable to the images, before the
            ``1 / sqrt(h * w)`` scale); default: N(0, 1) from ``rng``.
        rng: a ``tf.random.Generator`` for the projection (default: the global one).

    Returns:
        ``PathLength(penalty, lengths, pl_mean)``.

    Example:
    >>> a = tf.constant([[2.0], [0.0]])  # image = ws @ a: one 1x1 pixel, w_dim 2
    >>> synth = lambda ws: tf.reshape(tf.matmul(ws, a), [-1, 1, 1, 1])
    >>> out = keras_gans.features.path_length_penalty(
    ...     synth, tf.ones([3, 1, 2]), 0.0, decay=0.5, projection=tf.ones([1, 1, 1, 1]))
    >>> [round(float(v), 3) for v in (out.lengths[0], out.pl_mean, out.penalty)]
    [2.0, 1.0, 1.0]

    Reference:
        Karras et al., Analyzing and Improving the Image Quality of StyleGAN (2020),
        https://arxiv.org/abs/1912.04958
    """
    ws = tf.convert_to_tensor(ws)
    with tf.GradientTape() as tape:
        tape.watch(ws)
        images = tf.cast(synthesis(ws), tf.float32)
        if projection is None:
            shape = tf.shape(images)
            draw = rng.normal if rng is not None else tf.random.normal
            projection = draw(shape)
        scale = tf.math.rsqrt(tf.cast(tf.shape(images)[1] * tf.shape(images)[2], tf.float32))
        total = tf.reduce_sum(images * tf.cast(projection, tf.float32) * scale)
    grads = tf.cast(tape.gradient(total, ws), tf.float32)
    lengths = tf.sqrt(tf.reduce_mean(tf.reduce_sum(tf.square(grads), axis=2), axis=1))
    pl_mean = tf.cast(pl_mean, tf.float32)
    new_mean = pl_mean + decay * (tf.reduce_mean(lengths) - pl_mean)
    penalty = tf.reduce_mean(tf.square(lengths - tf.stop_gradient(new_mean)))
    return PathLength(penalty, lengths, new_mean)
