"""An exponential moving average of a network's weights (the EMA generator)."""

import keras
import tensorflow as tf

from keras_gans.errors import ArgumentError


def ramped_decay(decay, updates):
    """The decay of the ``updates``-th average step: ``min(decay, (1 + t) / (10 + t))``.

    The ramp-up (as in ``tf.train.ExponentialMovingAverage``'s ``num_updates``) lets
    the average follow the network closely at first, when its early weights are
    worth little, and approach ``decay`` as training goes on.

    Example:
    >>> [round(float(keras_gans.features.ramped_decay(0.999, t)), 4) for t in (1, 10, 10**5)]
    [0.1818, 0.55, 0.999]
    """
    t = tf.cast(updates, tf.float32)
    return tf.minimum(tf.cast(decay, tf.float32), (1.0 + t) / (10.0 + t))


def check_decay(decay):
    if decay is not None and not 0.0 < float(decay) < 1.0:
        raise ArgumentError(f"ema_decay must be in (0, 1) or None, got {decay!r}.")
    return None if decay is None else float(decay)


def averaged_copy(network):
    """A new network of ``network``'s architecture holding a copy of its weights."""
    copy = keras.models.clone_model(network)
    copy.set_weights(network.get_weights())
    copy.trainable = False
    return copy


def update_average(average, network, decay):
    """``average = decay * average + (1 - decay) * network`` for the trainable weights;
    the non-trainable ones (batch norm's moving statistics) are copied.

    Works in a replica context of any ``tf.distribute`` strategy: the assignments run
    in the strategy's cross-replica update (every replica holds the same weights).

    Args:
        average: the averaged network (``averaged_copy``).
        network: the network being trained.
        decay: float or scalar tensor in [0, 1).

    Example:
    >>> net = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1, use_bias=False)])
    >>> avg = keras_gans.features.averaged_copy(net)
    >>> net.set_weights([np.array([[1.0]])]); avg.set_weights([np.array([[0.0]])])
    >>> keras_gans.features.update_average(avg, net, 0.75)
    >>> avg.get_weights()[0].tolist()
    [[0.25]]
    """
    decay = tf.cast(decay, tf.float32)
    variables, values = [], []
    for a, w in zip(average.weights, network.weights, strict=True):
        # averaged_copy freezes the copy, so the network says which weights it trains
        value = decay * tf.cast(a, tf.float32) + (1.0 - decay) * tf.cast(w, tf.float32)
        variables.append(a)
        values.append(tf.cast(value if w.trainable else w, a.dtype))

    assign_across_replicas(variables, values)


def assign_across_replicas(variables, values, mean=False):
    """Assigns each of ``values`` to its variable in the strategy's cross-replica update,
    from a replica context of any ``tf.distribute`` strategy (the default one included).

    Args:
        variables: the variables (Keras variables or ``tf.Variable``s).
        values: one tensor per variable.
        mean: assign each value's mean over the replicas (statistics that every
            replica computed from its own batch); otherwise every replica must hold
            the same value.
    """
    targets = [v.value if isinstance(v, keras.Variable) else v for v in variables]

    def assign_all(strategy, values):
        for var, value in zip(targets, values, strict=True):
            if mean:
                value = strategy.reduce(tf.distribute.ReduceOp.MEAN, value, axis=None)
            strategy.extended.update(var, lambda v, x: v.assign(x), args=(value,))

    tf.distribute.get_replica_context().merge_call(assign_all, args=(list(values),))
