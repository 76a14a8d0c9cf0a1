"""Differentiable augmentation of the discriminator's inputs: DiffAugment and ADA.

``diff_augment`` applies colour, translation and cutout to a batch with
differentiable ops, so the generator's gradient flows through it (Zhao et al. 2020).
``AdaptiveAugment`` holds the probability ``p`` with which each image is augmented and
moves it from the sign of the discriminator's real logits towards a target (Karras et
al. 2020, ADA): an overfitting discriminator (confident on the reals) gets more
augmentation.
"""

import keras
import tensorflow as tf

from keras_gans.errors import ArgumentError
from keras_gans.utils.checks import check_int

POLICY = ("color", "translation", "cutout")


def _per_example(shape, rng):
    return rng.uniform([shape[0], 1, 1, 1], dtype=tf.float32)


def _color(x, rng):
    shape = tf.shape(x)
    x = x + (_per_example(shape, rng) - 0.5)  # brightness
    mean = tf.reduce_mean(x, axis=3, keepdims=True)
    x = (x - mean) * (_per_example(shape, rng) * 2.0) + mean  # saturation
    mean = tf.reduce_mean(x, axis=[1, 2, 3], keepdims=True)
    return (x - mean) * (_per_example(shape, rng) + 0.5) + mean  # contrast


def _translation(x, rng, ratio=0.125):
    """Shifts each image by up to ``ratio`` of its size, filling with zeros."""
    b, h, w = tf.shape(x)[0], x.shape[1], x.shape[2]
    sh, sw = int(h * ratio + 0.5), int(w * ratio + 0.5)
    dy = rng.uniform([b], -sh, sh + 1, dtype=tf.int32)
    dx = rng.uniform([b], -sw, sw + 1, dtype=tf.int32)
    padded = tf.pad(x, [[0, 0], [sh, sh], [sw, sw], [0, 0]])
    rows = tf.range(h)[None, :] + sh + dy[:, None]
    cols = tf.range(w)[None, :] + sw + dx[:, None]
    out = tf.gather(padded, rows, axis=1, batch_dims=1)
    return tf.gather(out, cols, axis=2, batch_dims=1)


def _cutout(x, rng, ratio=0.5):
    """Zeroes one square of ``ratio`` of the image's side per image, at a random place."""
    b, h, w = tf.shape(x)[0], x.shape[1], x.shape[2]
    ch, cw = int(h * ratio + 0.5), int(w * ratio + 0.5)
    cy = rng.uniform([b], 0, h + (1 - ch % 2), dtype=tf.int32)
    cx = rng.uniform([b], 0, w + (1 - cw % 2), dtype=tf.int32)
    inside_y = tf.abs(tf.range(h)[None, :] - cy[:, None]) < (ch + 1) // 2
    inside_x = tf.abs(tf.range(w)[None, :] - cx[:, None]) < (cw + 1) // 2
    hole = tf.logical_and(inside_y[:, :, None], inside_x[:, None, :])
    return x * tf.cast(tf.logical_not(hole), x.dtype)[..., None]


OPS = {"color": _color, "translation": _translation, "cutout": _cutout}


def check_policy(policy):
    """``policy`` as a tuple of known op names; an ArgumentError naming an unknown one."""
    policy = tuple(policy)
    for name in policy:
        if name not in OPS:
            raise ArgumentError(f"Unknown augmentation {name!r}; choose from {list(OPS)}")
    return policy


def diff_augment(images, rng, policy=POLICY, p=1.0):
    """The batch with each op of ``policy`` applied to each image with probability ``p``.

    Args:
        images: ``[n, h, w, c]`` floats (any float dtype; computed in float32).
        rng: ``tf.random.Generator`` of the random choices.
        policy: op names among ``"color"``, ``"translation"``, ``"cutout"``.
        p: probability (float or scalar tensor) that an image gets each op; 1 is
            DiffAugment, ADA adapts it. ``p = 0`` returns the images unchanged.

    Returns:
        The augmented images, in ``images``' dtype.

    Example:
    >>> rng = tf.random.Generator.from_seed(0)
    >>> x = tf.ones([4, 8, 8, 1])
    >>> keras_gans.features.diff_augment(x, rng).shape
    TensorShape([4, 8, 8, 1])
    >>> bool(tf.reduce_all(keras_gans.features.diff_augment(x, rng, p=0.0) == x))
    True

    Reference:
        Zhao et al., Differentiable Augmentation for Data-Efficient GAN Training
        (2020), https://arxiv.org/abs/2006.10738
    """
    dtype = images.dtype
    x = tf.cast(images, tf.float32)
    p = tf.cast(p, tf.float32)
    for name in check_policy(policy):
        chosen = rng.uniform([tf.shape(x)[0], 1, 1, 1]) < p
        x = tf.where(chosen, OPS[name](x, rng), x)
    return tf.cast(x, dtype)


@keras.saving.register_keras_serializable(package="keras_gans")
class AdaptiveAugment(keras.layers.Layer):
    """ADA's controller: the augmentation probability ``p``, adjusted from real logits.

    ``update(real_logits)`` accumulates ``sign(real_logits)``; every ``interval``
    calls, ``r_t`` (their mean) is compared with ``target`` and ``p`` moves by
    ``sign(r_t - target) * images_seen / speed`` (so it can go from 0 to 1 in ``speed``
    images), clipped to [0, 1]. Its state is four non-trainable weights, so a model
    that holds it saves ``p`` in its ``.keras`` file and checkpoints.

    Args:
        target: the ``r_t`` to steer to (0.6 in the paper).
        interval: updates between adjustments (4 in the paper).
        speed: images for ``p`` to move by 1 (500,000 in the paper; smaller for the
            small datasets here).
        initial_p: ``p`` before training.
        **kwargs: passed to ``keras.layers.Layer``.

    Example:
    >>> ada = keras_gans.features.AdaptiveAugment(interval=1, speed=8)
    >>> ada.update(tf.ones([4, 1]))  # confident on every real: r_t = 1 > 0.6
    >>> float(ada.p)
    0.5

    Reference:
        Karras et al., Training Generative Adversarial Networks with Limited Data
        (2020), https://arxiv.org/abs/2006.06676
    """

    def __init__(self, target=0.6, interval=4, speed=20_000, initial_p=0.0, **kwargs):
        super().__init__(**kwargs)
        if not 0.0 < float(target) < 1.0:
            raise ArgumentError(f"target must be in (0, 1), got {target!r}.")
        check_int(interval, "interval")
        check_int(speed, "speed")
        if not 0.0 <= float(initial_p) <= 1.0:
            raise ArgumentError(f"initial_p must be in [0, 1], got {initial_p!r}.")
        self.target = float(target)
        self.interval = interval
        self.speed = speed
        self.initial_p = float(initial_p)

        def state(name, value, dtype="float32"):
            return self.add_weight(
                shape=(), initializer=keras.initializers.Constant(value), dtype=dtype,
                trainable=False, name=name,
            )  # fmt: skip

        self.p = state("p", self.initial_p)
        self.sign_sum = state("sign_sum", 0.0)
        self.count = state("count", 0.0)
        self.calls = state("calls", 0, "int32")
        self.built = True

    def update(self, real_logits):
        """Adds one batch of real logits; every ``interval`` calls, adjusts ``p``."""
        logits = tf.reshape(tf.cast(real_logits, tf.float32), [-1])
        self.sign_sum.assign_add(tf.reduce_sum(tf.sign(logits)))
        self.count.assign_add(tf.cast(tf.size(logits), tf.float32))
        self.calls.assign_add(1)
        tf.cond(tf.equal(self.calls % self.interval, 0), self._adjust, lambda: None)

    def _adjust(self):
        r_t = self.sign_sum / tf.maximum(self.count, 1.0)
        step = tf.sign(r_t - self.target) * self.count / self.speed
        self.p.assign(tf.clip_by_value(self.p + step, 0.0, 1.0))
        self.sign_sum.assign(0.0)
        self.count.assign(0.0)

    def call(self, images, rng=None, policy=POLICY):
        """``diff_augment(images, rng, policy, p)`` with this controller's ``p``."""
        return diff_augment(images, rng, policy, self.p)

    def get_config(self):
        return {
            **super().get_config(),
            "target": self.target,
            "interval": self.interval,
            "speed": self.speed,
            "initial_p": self.initial_p,
        }
