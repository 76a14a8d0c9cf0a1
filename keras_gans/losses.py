"""GAN losses as pure functions of discriminator logits.

Every function takes logits (rank 1, ``[batch, 1]`` or patch-shaped
``[batch, h, w, 1]``), computes in float32 whatever the inputs' dtype (so mixed
precision never changes a loss), and returns the mean over every element as a
float32 scalar. Nothing here holds state.

Losses are registered by short name, by role:

>>> from keras_gans import losses
>>> losses.discriminator_loss_names()
['bce', 'hinge', 'least_squares', 'wasserstein']
>>> losses.generator_loss_names()
['hinge', 'least_squares', 'minimax', 'non_saturating', 'wasserstein']

Reference:
    Goodfellow et al., Generative Adversarial Networks (2014),
    https://arxiv.org/abs/1406.2661 ; Salimans et al., Improved Techniques for
    Training GANs (2016), https://arxiv.org/abs/1606.03498 (one-sided label
    smoothing).
"""

import tensorflow as tf

from keras_gans.errors import ArgumentError


def _f32(x):
    return tf.cast(tf.convert_to_tensor(x), tf.float32)


def _sigmoid_ce(logits, target):
    logits = _f32(logits)
    labels = tf.fill(tf.shape(logits), tf.constant(target, tf.float32))
    return tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=labels, logits=logits))


def bce_discriminator_loss(real_logits, fake_logits, label_smoothing=0.0):
    """Binary cross-entropy of the discriminator, with one-sided label smoothing.

    ``mean(CE(real, 1 - label_smoothing)) + mean(CE(fake, 0))``: the targets of
    real examples are lowered to ``1 - label_smoothing``; fake targets stay 0.

    Args:
        real_logits: Discriminator logits on real examples.
        fake_logits: Discriminator logits on generated examples.
        label_smoothing: float in [0, 1): how far real targets move from 1.

    Returns:
        float32 scalar.
    """
    if not 0.0 <= float(label_smoothing) < 1.0:
        raise ArgumentError(f"label_smoothing must be in [0, 1), got {label_smoothing!r}.")
    return _sigmoid_ce(real_logits, 1.0 - float(label_smoothing)) + _sigmoid_ce(fake_logits, 0.0)


def non_saturating_generator_loss(fake_logits):
    """Non-saturating generator loss: ``mean(-log(sigmoid(fake_logits)))``.

    Args:
        fake_logits: Discriminator logits on generated examples.

    Returns:
        float32 scalar.
    """
    return tf.reduce_mean(tf.nn.softplus(-_f32(fake_logits)))


def minimax_generator_loss(fake_logits):
    """Saturating (minimax) generator loss: ``mean(log(1 - sigmoid(fake_logits)))``.

    This is the generator's side of the original minimax game; its gradient
    vanishes when the discriminator confidently rejects fakes.

    Args:
        fake_logits: Discriminator logits on generated examples.

    Returns:
        float32 scalar.
    """
    return -tf.reduce_mean(tf.nn.softplus(_f32(fake_logits)))


def wasserstein_discriminator_loss(real_scores, fake_scores):
    """Critic loss of WGAN: ``mean(fake) - mean(real)`` (the negated Wasserstein estimate).

    Args:
        real_scores: critic outputs (unbounded) on real examples.
        fake_scores: critic outputs on generated examples.

    Returns:
        float32 scalar.
    """
    return tf.reduce_mean(_f32(fake_scores)) - tf.reduce_mean(_f32(real_scores))


def wasserstein_generator_loss(fake_scores):
    """Generator loss of WGAN: ``-mean(fake)``."""
    return -tf.reduce_mean(_f32(fake_scores))


def hinge_discriminator_loss(real_logits, fake_logits):
    """Hinge loss: ``mean(relu(1 - real)) + mean(relu(1 + fake))`` (Lim & Ye, 2017)."""
    return tf.reduce_mean(tf.nn.relu(1.0 - _f32(real_logits))) + tf.reduce_mean(
        tf.nn.relu(1.0 + _f32(fake_logits))
    )


def hinge_generator_loss(fake_logits):
    """Generator side of the hinge loss: ``-mean(fake)``."""
    return -tf.reduce_mean(_f32(fake_logits))


def least_squares_discriminator_loss(real_logits, fake_logits):
    """LSGAN: ``0.5 * mean((real - 1)^2) + 0.5 * mean(fake^2)`` (Mao et al., 2017)."""
    return 0.5 * tf.reduce_mean(tf.square(_f32(real_logits) - 1.0)) + 0.5 * tf.reduce_mean(
        tf.square(_f32(fake_logits))
    )


def least_squares_generator_loss(fake_logits):
    """LSGAN generator loss: ``0.5 * mean((fake - 1)^2)``."""
    return 0.5 * tf.reduce_mean(tf.square(_f32(fake_logits) - 1.0))


def interpolation_weights(batch_size, rng=None):
    """One U(0, 1) weight per example, float32 ``[batch_size]``.

    Args:
        batch_size: number of examples.
        rng: a ``tf.random.Generator`` (per-replica streams under a strategy);
            None uses ``tf.random.uniform``.
    """
    if rng is not None:
        return rng.uniform([batch_size], 0.0, 1.0, dtype=tf.float32)
    return tf.random.uniform([batch_size], 0.0, 1.0, dtype=tf.float32)


def gradient_penalty(critic, real, fake, *, target=1.0, epsilon=1e-10, rng=None):
    """WGAN-GP penalty ``mean((||grad critic(x_hat)|| - target)^2)``, in float32.

    ``x_hat = real + alpha * (fake - real)`` with one ``alpha ~ U(0, 1)`` per
    example, taken as given points: the penalty has no gradient with respect to
    ``real`` or ``fake``. The norm is ``sqrt(sum(g^2) + epsilon)``, so the penalty's own
    gradient is finite where the critic's gradient is 0. Call it inside the
    critic's ``GradientTape``: the inner tape here is differentiated again by
    the outer one (double backprop).

    Args:
        critic: callable mapping images to scores.
        real: real images ``[batch, ...]``.
        fake: generated images, same shape.
        target: the norm the gradient is pulled towards (1 in the paper).
        epsilon: added under the square root.
        rng: optional ``tf.random.Generator`` for the interpolation weights.

    Returns:
        float32 scalar.

    Reference:
        Gulrajani et al., Improved Training of Wasserstein GANs (2017),
        https://arxiv.org/abs/1704.00028
    """
    real, fake = _f32(real), _f32(fake)
    alpha = interpolation_weights(tf.shape(real)[0], rng)
    alpha = tf.reshape(alpha, [-1] + [1] * (len(real.shape) - 1))
    # A penalty of the critic at given points: no gradient flows back into them.
    x_hat = tf.stop_gradient(real + alpha * (fake - real))
    with tf.GradientTape() as tape:
        tape.watch(x_hat)
        scores = _f32(critic(x_hat))
    grads = tape.gradient(scores, x_hat)
    norm = tf.sqrt(tf.reduce_sum(tf.square(grads), axis=list(range(1, len(real.shape)))) + epsilon)
    return tf.reduce_mean(tf.square(norm - target))


def l1_loss(a, b):
    """Mean absolute difference, in float32."""
    return tf.reduce_mean(tf.abs(_f32(a) - _f32(b)))


_DISCRIMINATOR_LOSSES = {
    "bce": bce_discriminator_loss,
    "wasserstein": wasserstein_discriminator_loss,
    "hinge": hinge_discriminator_loss,
    "least_squares": least_squares_discriminator_loss,
}
_GENERATOR_LOSSES = {
    "non_saturating": non_saturating_generator_loss,
    "minimax": minimax_generator_loss,
    "wasserstein": wasserstein_generator_loss,
    "hinge": hinge_generator_loss,
    "least_squares": least_squares_generator_loss,
}
# The generator loss that goes with each discriminator loss by default.
MATCHING_GENERATOR_LOSS = {
    "bce": "non_saturating",
    "wasserstein": "wasserstein",
    "hinge": "hinge",
    "least_squares": "least_squares",
}
_ALL = {
    fn.__name__: fn
    for fn in (
        *_DISCRIMINATOR_LOSSES.values(),
        *_GENERATOR_LOSSES.values(),
        gradient_penalty,
        l1_loss,
    )
}


def _lookup(registry, name):
    if not isinstance(name, str) or name not in registry:
        raise ArgumentError(f"Unknown loss {name!r}; choose from {sorted(registry)}")
    return registry[name]


def discriminator_loss_names():
    """Short names accepted by ``get_discriminator_loss``."""
    return sorted(_DISCRIMINATOR_LOSSES)


def generator_loss_names():
    """Short names accepted by ``get_generator_loss``."""
    return sorted(_GENERATOR_LOSSES)


def get_discriminator_loss(name):
    """Returns the discriminator loss registered as ``name`` (e.g. ``"bce"``)."""
    return _lookup(_DISCRIMINATOR_LOSSES, name)


def get_generator_loss(name):
    """Returns the generator loss registered as ``name`` (e.g. ``"minimax"``)."""
    return _lookup(_GENERATOR_LOSSES, name)


def names():
    """Every loss function's name, as accepted by ``get``."""
    return sorted(_ALL)


def get(name):
    """Returns the loss function called ``name`` (e.g. ``"l1_loss"``)."""
    return _lookup(_ALL, name)
