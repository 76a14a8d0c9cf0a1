"""The image history pool of CycleGAN (Shrivastava et al. 2017), as a function on variables.

The model that uses it owns the variables (so they save with it): ``pool`` holds
``pool_size + 1`` images (the last row is a spare that absorbs the writes a query
does not keep) and ``counts[slot]`` how many rows of ``pool`` are filled.
"""

import tensorflow as tf


def query_image_pool(pool, counts, slot, images, rng):
    """The images a discriminator sees: the new ``images``, or older ones from ``pool``.

    While the pool fills, every new image is stored and returned; once full, each
    image has a 1/2 chance to be swapped with a random stored one (the stored one
    is returned and the new one takes its row), as in the CycleGAN paper's code.

    Args:
        pool: float32 ``tf.Variable`` ``[pool_size + 1, h, w, c]``.
        counts: int32 ``tf.Variable`` of fill counts, one per pool.
        slot: index of this pool's count in ``counts``.
        images: ``[n, h, w, c]`` new images (any float dtype; returned in it).
        rng: ``tf.random.Generator`` for the swap decisions and the picks.

    Returns:
        ``[n, h, w, c]`` images in ``images``' dtype.

    Example:
    >>> pool = tf.Variable(tf.zeros([3, 2, 2, 1]))
    >>> counts = tf.Variable([0], dtype=tf.int32)
    >>> rng = tf.random.Generator.from_seed(0)
    >>> out = keras_gans.features.query_image_pool(pool, counts, 0, tf.ones([2, 2, 2, 1]), rng)
    >>> counts.numpy().tolist()
    [2]

    Reference:
        Shrivastava et al., Learning from Simulated and Unsupervised Images
        through Adversarial Training (2017), https://arxiv.org/abs/1612.07828
    """
    pool_size = pool.shape[0] - 1
    if pool_size == 0:
        return images
    n = tf.shape(images)[0]
    new = tf.cast(images, tf.float32)
    count = counts[slot]
    slots = count + tf.range(n, dtype=tf.int32)
    filling = slots < pool_size
    picks = rng.uniform([n], 0, pool_size, dtype=tf.int32)
    swap = tf.logical_and(tf.logical_not(filling), rng.uniform([n]) < 0.5)
    old = tf.gather(pool, picks)
    out = tf.where(swap[:, None, None, None], old, new)
    spare = tf.fill([n], pool_size)
    rows = tf.where(filling, slots, tf.where(swap, picks, spare))
    pool.assign(tf.tensor_scatter_nd_update(tf.convert_to_tensor(pool), rows[:, None], new))
    filled = tf.minimum(count + n, pool_size)
    counts.assign(tf.tensor_scatter_nd_update(counts, [[slot]], [filled]))
    return tf.cast(out, images.dtype)
