"""Latent noise: seeded (reproducible, also inside exported SavedModels) and random.

``noise_from_seeds(seeds, latent_dim)`` gives one latent vector per integer seed,
the same in every process, on every device and in the exported ``sample``
signature, so ``model.generate(1, seed=s)`` and ``sample(seed=[s])`` draw the
same image.
"""

import tensorflow as tf

from keras_gans.errors import ArgumentError


def noise_from_seeds(seeds, latent_dim):
    """One standard-normal latent vector per int64 seed, shape ``[len(seeds), latent_dim]``.

    Called eagerly, it runs as a traced function (one trace per ``latent_dim``), since an
    eager ``tf.map_fn`` steps through the seeds one op at a time. Inside a traced
    function (the exported signatures) it is part of that graph. The values are the
    same either way.
    """
    seeds = tf.cast(tf.reshape(seeds, [-1]), tf.int64)
    if tf.executing_eagerly():
        return _traced_noise(seeds, int(latent_dim))
    return _noise(seeds, latent_dim)


def _noise(seeds, latent_dim):
    def one(seed):
        pair = tf.stack([seed, tf.zeros_like(seed)])
        return tf.random.stateless_normal([latent_dim], seed=pair, dtype=tf.float32)

    return tf.map_fn(one, seeds, fn_output_signature=tf.TensorSpec([latent_dim], tf.float32))


_traced_noise = tf.function(_noise, reduce_retracing=True)


def seeded_noise(n, latent_dim, seed):
    """``n`` latent vectors for the integer ``seed``: row i is ``noise_from_seeds([seed + i])``."""
    seeds = tf.range(n, dtype=tf.int64) + tf.constant(int(seed), tf.int64)
    return noise_from_seeds(seeds, latent_dim)


def check_seed(seed):
    """Returns ``seed`` if it is an int or None, else raises ValueError."""
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
        raise ArgumentError(f"seed must be an int or None, got {seed!r}.")
    return seed


def make_noise_generator(strategy, seed):
    """A ``tf.random.Generator`` made in ``strategy``'s scope (one stream per replica).

    Seeded with ``seed``, or non-deterministic for None.
    """
    with strategy.scope():
        if seed is None:
            return tf.random.Generator.from_non_deterministic_state()
        return tf.random.Generator.from_seed(seed)
