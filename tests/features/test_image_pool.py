import numpy as np
import tensorflow as tf

from keras_gans.features import query_image_pool


def make_pool(pool_size, shape=(2, 2, 1), slots=1):
    pool = tf.Variable(tf.zeros([pool_size + 1, *shape]))
    counts = tf.Variable(tf.zeros([slots], tf.int32))
    return pool, counts


def test_pool_fills_with_the_new_images_first():
    pool, counts = make_pool(5)
    rng = tf.random.Generator.from_seed(0)
    first = tf.constant(np.arange(3, dtype="float32")[:, None, None, None] * np.ones((3, 2, 2, 1)))
    out = query_image_pool(pool, counts, 0, first, rng)
    np.testing.assert_array_equal(out, first)
    assert counts.numpy().tolist() == [3]
    np.testing.assert_array_equal(pool.numpy()[:3], first)
    # Two more fill the pool; the third of this batch finds it full and may swap.
    out = query_image_pool(pool, counts, 0, tf.fill([2, 2, 2, 1], 7.0), rng)
    np.testing.assert_array_equal(out, np.full((2, 2, 2, 1), 7.0))
    assert counts.numpy().tolist() == [5]


def test_full_pool_swaps_about_half_and_keeps_what_it_returns_out():
    pool, counts = make_pool(4, slots=2)
    rng = tf.random.Generator.from_seed(1)
    query_image_pool(pool, counts, 1, tf.constant(np.arange(4.0).reshape(4, 1, 1, 1) + np.zeros((4, 2, 2, 1)), tf.float32), rng)  # fmt: skip
    assert counts.numpy().tolist() == [0, 4]
    returned_old = 0
    for step in range(50):
        before = pool.numpy()[:4, 0, 0, 0].tolist()
        new = tf.fill([4, 2, 2, 1], 100.0 + step)
        values = query_image_pool(pool, counts, 1, new, rng).numpy()[:, 0, 0, 0]
        after = pool.numpy()[:4, 0, 0, 0].tolist()
        old = [v for v in values if v != 100.0 + step]
        returned_old += len(old)
        assert all(v in before for v in old)  # an old image came from the pool
        if old:  # a swap stores the new image (two picks of one row store it once)
            assert 100.0 + step in after
    assert counts.numpy().tolist() == [0, 4]
    assert 0.35 < returned_old / 200 < 0.65


def test_pool_of_size_zero_returns_its_input():
    pool, counts = make_pool(0)
    x = tf.ones([2, 2, 2, 1])
    assert query_image_pool(pool, counts, 0, x, tf.random.Generator.from_seed(0)) is x


def test_pool_returns_the_input_dtype():
    pool, counts = make_pool(2)
    x = tf.ones([1, 2, 2, 1], tf.bfloat16)
    out = query_image_pool(pool, counts, 0, x, tf.random.Generator.from_seed(0))
    assert out.dtype == tf.bfloat16 and pool.dtype == tf.float32
