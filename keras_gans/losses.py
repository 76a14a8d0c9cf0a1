"""GAN losses as pure functions of discriminator logits.

Every function takes logits (rank 1, ``[batch, 1]`` or patch-shaped
``[batch, h, w, 1]``), computes in float32 whatever the inputs' dtype (so mixed
precision never changes a loss), and returns the mean over every element as a
float32 scalar. Nothing here holds state.

Losses are registered by short name, by role:

>>> from keras_gans import losses
>>> losses.discriminator_loss_names()
['bce']
>>> losses.generator_loss_names()
['minimax', 'non_saturating']

Reference:
    Goodfellow et al., Generative Adversarial Networks (2014),
    https://arxiv.org/abs/1406.2661 ; Salimans et al., Improved Techniques for
    Training GANs (2016), https://arxiv.org/abs/1606.03498 (one-sided label
    smoothing).
"""

import tensorflow as tf


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
        raise ValueError(f"label_smoothing must be in [0, 1), got {label_smoothing!r}.")
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


def l1_loss(a, b):
    """Mean absolute difference, in float32."""
    return tf.reduce_mean(tf.abs(_f32(a) - _f32(b)))


_DISCRIMINATOR_LOSSES = {"bce": bce_discriminator_loss}
_GENERATOR_LOSSES = {
    "non_saturating": non_saturating_generator_loss,
    "minimax": minimax_generator_loss,
}
_ALL = {
    fn.__name__: fn
    for fn in (
        bce_discriminator_loss,
        non_saturating_generator_loss,
        minimax_generator_loss,
        l1_loss,
    )
}


def _lookup(registry, name):
    if not isinstance(name, str) or name not in registry:
        raise ValueError(f"Unknown loss {name!r}; choose from {sorted(registry)}")
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
