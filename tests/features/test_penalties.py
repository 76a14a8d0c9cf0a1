import numpy as np
import pytest
import tensorflow as tf

from keras_gans.features import lazily_added_gradients, lazy_weight, zero_centred_penalty


def test_r1_of_a_linear_critic_is_its_weight_norm_squared():
    w = np.array([[0.5], [-2.0], [1.0], [3.0]], "float32")  # |w|^2 = 14.25
    critic = lambda x: tf.reshape(x, [-1, 4]) @ w  # noqa: E731
    images = tf.constant(np.random.RandomState(0).normal(size=(6, 2, 2, 1)), tf.float32)
    out = zero_centred_penalty(critic, images)
    assert float(out.penalty) == pytest.approx(14.25, rel=1e-6)
    gamma = 10.0
    assert float(gamma / 2 * out.penalty) == pytest.approx(71.25, rel=1e-6)  # the R1 term
    np.testing.assert_allclose(out.logits, critic(images), rtol=1e-6)


def test_patch_logits_sum_their_gradients_per_example():
    a = np.arange(1, 5, dtype="float32").reshape(1, 2, 2, 1)  # logit map = a * x
    out = zero_centred_penalty(lambda x: x * a, tf.ones([3, 2, 2, 1]))
    assert float(out.penalty) == pytest.approx(1 + 4 + 9 + 16, rel=1e-6)
    assert out.logits.shape == (3, 2, 2, 1)


def test_the_penalty_differentiates_back_to_the_critic_weights():
    w = tf.Variable([[1.0], [2.0]])
    with tf.GradientTape() as tape:
        out = zero_centred_penalty(lambda x: tf.reshape(x, [-1, 2]) @ w, tf.ones([4, 1, 1, 2]))
    np.testing.assert_allclose(tape.gradient(out.penalty, w), 2 * w.numpy(), rtol=1e-6)


def test_lazy_weight_applies_every_kth_step_with_k_times_the_weight():
    weights = [lazy_weight(2.5, 4, step) for step in range(12)]
    assert weights == [10.0, 0, 0, 0] * 3
    assert np.mean(weights) == 2.5  # the average weight per step is kept
    in_graph = tf.function(lambda s: lazy_weight(2.5, 4, s))
    assert [float(in_graph(tf.constant(s, tf.int64))) for s in range(5)] == [10, 0, 0, 0, 10]
    assert [lazy_weight(1.0, 1, s) for s in range(3)] == [1.0, 1.0, 1.0]


def test_lazily_added_gradients_add_the_penalty_on_its_updates_only_in_a_graph():
    w, unused = tf.Variable([1.0, -2.0]), tf.Variable(5.0)

    @tf.function
    def step(on):
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum(3.0 * w)
        grads = tape.gradient(loss, [w, unused])  # [3, 3] and None
        penalty = lambda: (tf.reduce_sum(w * w) + unused, {"pen": tf.reduce_sum(w * w)})  # noqa: E731
        return lazily_added_gradients(on, penalty, lambda: {"pen": tf.constant(0.0)}, grads, [w, unused])  # fmt: skip

    values, (grad_w, grad_unused) = step(tf.constant(True))
    assert float(values["pen"]) == 5.0 and grad_unused is None  # the loss does not reach it
    np.testing.assert_array_equal(grad_w, [3.0 + 2.0, 3.0 - 4.0])
    values, (grad_w, grad_unused) = step(tf.constant(False))
    assert float(values["pen"]) == 0.0 and grad_unused is None
    np.testing.assert_array_equal(grad_w, [3.0, 3.0])


def test_lazily_added_gradients_make_an_embeddings_sparse_gradients_dense_and_add_them():
    import keras

    embedding = keras.layers.Embedding(4, 2, embeddings_initializer="ones")
    embedding.build((None,))
    table = embedding.embeddings
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(embedding(tf.constant([1, 1, 2])))
    grads = tape.gradient(loss, [table])  # IndexedSlices: rows 1, 1, 2
    penalty = lambda: (tf.reduce_sum(embedding(tf.constant([0, 1]))), tf.constant(1.0))  # noqa: E731
    skipped = lambda: tf.constant(0.0)  # noqa: E731
    _, (on,) = lazily_added_gradients(tf.constant(True), penalty, skipped, grads, [table])
    np.testing.assert_array_equal(on, [[1, 1], [3, 3], [1, 1], [0, 0]])
    _, (off,) = lazily_added_gradients(tf.constant(False), penalty, skipped, grads, [table])
    np.testing.assert_array_equal(off, [[0, 0], [2, 2], [1, 1], [0, 0]])
