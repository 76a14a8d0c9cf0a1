"""A resumable input stream: the batch order depends only on (seed, position), not on history."""

import tensorflow as tf

from keras_gans.errors import DataError


def resumable_stream(images, labels=None, batch_size=64, seed=0, skip_batches=0):
    """An endless ``tf.data.Dataset`` of batches whose order is a pure function of ``seed``.

    Epoch ``e`` (one pass over the ``len(images) // batch_size`` full batches)
    is ordered by ``stateless_shuffle`` with seed ``(seed, e)``, so a run that
    is stopped and restarted with ``skip_batches`` = batches already consumed
    sees exactly the batches an uninterrupted run would have seen next.

    Args:
        images: numpy images ``[n, h, w, c]``.
        labels: optional int labels ``[n]`` (the stream then yields pairs).
        batch_size: examples per batch (the last partial batch of each epoch is dropped).
        seed: int seed of the order.
        skip_batches: batches to skip from the start of the stream.

    Returns:
        ``(dataset, batches_per_epoch)``.
    """
    n = len(images)
    steps = n // batch_size
    if steps < 1:
        raise DataError(f"The data has {n} images, fewer than one batch of {batch_size}.")
    images = tf.constant(images)
    labels = None if labels is None else tf.constant(labels)
    seed = int(seed)

    def epoch(e):
        order = tf.random.experimental.stateless_shuffle(
            tf.range(n, dtype=tf.int64), seed=tf.stack([tf.constant(seed, tf.int64), e])
        )
        return tf.data.Dataset.from_tensor_slices(order[: steps * batch_size])

    first_epoch, skip_in_epoch = divmod(int(skip_batches), steps)
    ds = tf.data.Dataset.range(first_epoch, 2**62).flat_map(epoch)
    ds = ds.batch(batch_size, drop_remainder=True).skip(skip_in_epoch)
    if labels is None:
        ds = ds.map(lambda i: tf.gather(images, i))
    else:
        ds = ds.map(lambda i: (tf.gather(images, i), tf.gather(labels, i)))
    return ds.prefetch(tf.data.AUTOTUNE), steps
