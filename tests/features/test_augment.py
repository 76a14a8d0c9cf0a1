import keras
import numpy as np
import pytest
import tensorflow as tf

from keras_gans.errors import ArgumentError
from keras_gans.features import AdaptiveAugment, diff_augment

X = tf.constant(np.random.RandomState(0).uniform(-1, 1, (8, 16, 16, 3)), tf.float32)


def rng(seed=0):
    return tf.random.Generator.from_seed(seed)


def test_p_zero_is_the_identity_for_every_op():
    for policy in (("color",), ("translation",), ("cutout",), ("color", "translation", "cutout")):
        np.testing.assert_array_equal(diff_augment(X, rng(), policy, p=0.0), X)


def test_p_one_changes_every_image_and_keeps_shape_and_dtype():
    out = diff_augment(X, rng())
    assert out.shape == X.shape and out.dtype == X.dtype
    changed = np.abs(np.asarray(out) - np.asarray(X)).reshape(8, -1).max(axis=1)
    assert (changed > 0).all()
    low = diff_augment(tf.cast(X, tf.bfloat16), rng())
    assert low.dtype == tf.bfloat16


def test_translation_shifts_by_whole_pixels_with_zeros():
    x = tf.reshape(tf.range(1.0, 17.0), [1, 4, 4, 1])
    for seed in range(6):
        out = np.asarray(diff_augment(x, rng(seed), ("translation",)))[0, :, :, 0]
        # a 4x4 image moves by at most 1 pixel (1/8 of 4, rounded): each row of the
        # output is a shifted row of the input or zeros
        values = set(out.ravel()) - {0.0}
        assert values <= set(np.arange(1.0, 17.0)) and len(values) >= 9


def test_cutout_zeroes_one_square_of_half_the_side():
    x = tf.ones([4, 8, 8, 1])
    out = np.asarray(diff_augment(x, rng(3), ("cutout",)))
    for image in out[..., 0]:
        holes = image == 0
        rows, cols = np.flatnonzero(holes.any(axis=1)), np.flatnonzero(holes.any(axis=0))
        assert len(rows) <= 4 and len(cols) <= 4 and holes.sum() == len(rows) * len(cols)


def test_gradients_reach_the_generator_through_the_augmentation():
    generator = keras.Sequential([keras.Input((4,)), keras.layers.Dense(16 * 16 * 3), keras.layers.Reshape((16, 16, 3))])  # fmt: skip
    critic = keras.Sequential([keras.Input((16, 16, 3)), keras.layers.Flatten(), keras.layers.Dense(1)])  # fmt: skip
    with tf.GradientTape() as tape:
        fake = generator(tf.ones([8, 4]))
        loss = tf.reduce_mean(critic(diff_augment(fake, rng())))
    grads = tape.gradient(loss, generator.trainable_variables)
    assert all(g is not None and float(tf.reduce_sum(tf.abs(g))) > 0 for g in grads)


def test_ada_p_rises_above_target_falls_below_and_stays_in_0_1():
    ada = AdaptiveAugment(target=0.6, interval=2, speed=100)
    confident = tf.constant([[3.0]] * 9 + [[-1.0]])  # sign mean 0.8 > 0.6
    for _ in range(4):
        ada.update(confident)
    assert float(ada.p) == pytest.approx(2 * 20 / 100)  # two adjustments of 20 images each
    unsure = tf.constant([[1.0]] * 5 + [[-1.0]] * 5)  # sign mean 0 < 0.6
    for _ in range(10):
        ada.update(unsure)
    assert float(ada.p) == 0.0  # fell, clipped at 0
    for _ in range(40):
        ada.update(confident)
    assert float(ada.p) == 1.0  # rose, clipped at 1


def test_ada_adjusts_only_every_interval_calls_and_inside_a_tf_function():
    ada = AdaptiveAugment(interval=3, speed=30)
    step = tf.function(ada.update)
    for _ in range(2):
        step(tf.ones([10, 1]))
    assert float(ada.p) == 0.0
    step(tf.ones([10, 1]))
    assert float(ada.p) == pytest.approx(1.0)  # 30 images seen, speed 30
    assert float(ada.count) == 0.0 and int(ada.calls) == 3


def test_ada_state_saves_with_a_model_and_is_restored(tmp_path):
    ada = AdaptiveAugment(interval=1, speed=40, name="ada")
    ada.update(tf.ones([10, 1]))
    holder = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    holder.ada = ada
    path = str(tmp_path / "w.weights.h5")
    holder.save_weights(path)
    again = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    again.ada = AdaptiveAugment(interval=1, speed=40, name="ada")
    again.load_weights(path)
    assert float(again.ada.p) == pytest.approx(0.25)
    config = AdaptiveAugment.from_config(ada.get_config()).get_config()
    assert config["target"] == 0.6 and config["speed"] == 40


def test_bad_arguments_name_the_problem():
    with pytest.raises(ArgumentError, match="Unknown augmentation 'flip'"):
        diff_augment(X, rng(), ("flip",))
    with pytest.raises(ArgumentError, match=r"target must be in \(0, 1\), got 1.5"):
        AdaptiveAugment(target=1.5)
