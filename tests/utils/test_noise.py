"""Seeded latent noise: the same vectors eagerly (traced), inside a graph and per seed."""

import numpy as np
import tensorflow as tf

from keras_gans.utils.noise import noise_from_seeds, seeded_noise


def one_by_one(seeds, latent_dim):
    """Each seed's vector by hand: stateless normal on the seed pair ``(s, 0)``."""
    return np.stack([tf.random.stateless_normal([latent_dim], seed=[s, 0]).numpy() for s in seeds])


def test_eager_and_graph_calls_give_each_seeds_own_vector():
    seeds = np.array([0, 7, 3, 12345678901], np.int64)
    expected = one_by_one(seeds, 5)
    eager = noise_from_seeds(seeds, 5).numpy()
    graph = tf.function(lambda s: noise_from_seeds(s, 5))(tf.constant(seeds)).numpy()
    assert eager.shape == (4, 5) and eager.dtype == np.float32
    np.testing.assert_array_equal(eager, expected)
    np.testing.assert_array_equal(graph, expected)


def test_other_sizes_and_latent_dims_after_the_first_trace():
    for n, latent_dim in ((3, 4), (64, 4), (2, 9)):
        z = seeded_noise(n, latent_dim, seed=10).numpy()
        np.testing.assert_array_equal(z, one_by_one(range(10, 10 + n), latent_dim))
