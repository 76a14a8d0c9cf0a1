import numpy as np
import tensorflow as tf

from keras_gans.features import clip_weights


def test_clip_weights_bounds_every_variable_and_keeps_inner_values():
    a = tf.Variable([[-0.5, 0.003], [0.02, -0.001]])
    b = tf.Variable([1.0, -2.0])
    clip_weights([a, b], 0.01)
    np.testing.assert_allclose(a.numpy(), [[-0.01, 0.003], [0.01, -0.001]], rtol=1e-6)
    np.testing.assert_allclose(b.numpy(), [0.01, -0.01], rtol=1e-6)


def test_clip_weights_runs_inside_a_tf_function():
    v = tf.Variable([3.0, -3.0])

    @tf.function
    def step():
        clip_weights([v], 0.5)

    step()
    np.testing.assert_allclose(v.numpy(), [0.5, -0.5])
