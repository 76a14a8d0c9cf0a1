import numpy as np
import pytest

from keras_gans.errors import ArgumentError
from keras_gans.networks import MinibatchStdDev


def test_minibatch_std_on_a_hand_batch():
    # Groups of 2: image i joins group i % 2, so (0, 2) and (1, 3).
    x = np.array([[0, 0], [1, 2], [2, 4], [1, 6]], "float32").reshape(4, 1, 1, 2)
    out = np.asarray(MinibatchStdDev(group_size=2)(x))
    assert out.shape == (4, 1, 1, 3)
    np.testing.assert_array_equal(out[..., :2], x)  # the input channels pass through
    # group (0, 2): feature stds 1 and 2 -> 1.5; group (1, 3): 0 (sqrt of eps) and 2.
    expected = [1.5, (1e-4 + 2.0) / 2, 1.5, (1e-4 + 2.0) / 2]
    np.testing.assert_allclose(out[:, 0, 0, 2], expected, rtol=1e-5)


def test_minibatch_std_fills_every_pixel_and_shrinks_the_group_to_the_batch():
    rng = np.random.RandomState(0)
    x = rng.normal(size=(2, 3, 3, 4)).astype("float32")
    out = np.asarray(MinibatchStdDev(group_size=4)(x))  # one group of 2
    expected = np.sqrt(x.var(axis=0) + 1e-8).mean()
    np.testing.assert_allclose(out[..., 4], np.full((2, 3, 3), expected), rtol=1e-5)
    same = np.asarray(MinibatchStdDev()(np.repeat(x[:1], 4, axis=0)))
    np.testing.assert_allclose(same[..., 4], 1e-4, rtol=1e-3)  # identical images: ~0


def test_minibatch_std_bad_group_size_is_named():
    with pytest.raises(ArgumentError, match="group_size must be a positive int, got 0"):
        MinibatchStdDev(group_size=0)
