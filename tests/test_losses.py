import math

import numpy as np
import pytest

from keras_gans import losses


def softplus(x):
    return math.log1p(math.exp(x))


def test_bce_with_label_smoothing_matches_hand_computation():
    # real logit 2 with target 0.9: -(0.9 log s(2) + 0.1 log(1 - s(2)))
    s = 1 / (1 + math.exp(-2.0))
    real = -(0.9 * math.log(s) + 0.1 * math.log(1 - s))
    fake = -math.log(1 - 1 / (1 + math.exp(1.0)))  # fake logit -1, target 0
    assert real == pytest.approx(0.326928, abs=1e-6)
    assert fake == pytest.approx(0.313262, abs=1e-6)
    value = losses.bce_discriminator_loss([2.0], [-1.0], label_smoothing=0.1)
    assert float(value) == pytest.approx(real + fake, abs=1e-6)


def test_bce_without_smoothing_is_log2_twice_at_zero_logits():
    assert float(losses.bce_discriminator_loss([0.0, 0.0], [0.0, 0.0])) == pytest.approx(
        2 * math.log(2), abs=1e-6
    )


def test_smoothing_only_touches_the_real_side():
    fake = np.array([-3.0, 0.5], np.float32)
    real = np.array([1.0, 2.0], np.float32)
    d = float(losses.bce_discriminator_loss(real, fake, 0.2)) - float(
        losses.bce_discriminator_loss(real, fake, 0.0)
    )
    # CE(x, 0.8) - CE(x, 1) = 0.2 * x per element (on the real side only)
    assert d == pytest.approx(0.2 * real.mean(), abs=1e-6)


def test_non_saturating_and_minimax_generator_losses():
    logits = [1.0, -2.0]
    ns = (softplus(-1.0) + softplus(2.0)) / 2  # -log sigmoid(x)
    mm = -(softplus(1.0) + softplus(-2.0)) / 2  # log(1 - sigmoid(x))
    assert float(losses.non_saturating_generator_loss(logits)) == pytest.approx(ns, abs=1e-6)
    assert float(losses.minimax_generator_loss(logits)) == pytest.approx(mm, abs=1e-6)


def test_losses_accept_rank1_column_and_patch_shapes_alike():
    values = np.array([0.3, -1.2, 2.5, 0.0], np.float32)
    shapes = [(4,), (4, 1), (1, 2, 2, 1)]
    results = {s: float(losses.non_saturating_generator_loss(values.reshape(s))) for s in shapes}
    assert len({round(v, 6) for v in results.values()}) == 1


def test_losses_are_float32_for_float16_logits():
    value = losses.bce_discriminator_loss(np.float16([30.0]), np.float16([-30.0]))
    assert value.dtype.name == "float32" and np.isfinite(float(value))


def test_extreme_logits_stay_finite():
    big = np.array([1e4, -1e4], np.float32)
    for v in (
        losses.bce_discriminator_loss(big, big, 0.1),
        losses.non_saturating_generator_loss(big),
        losses.minimax_generator_loss(big),
    ):
        assert np.isfinite(float(v))


@pytest.mark.parametrize("smoothing", [-0.1, 1.0, 1.5])
def test_bad_label_smoothing(smoothing):
    with pytest.raises(ValueError, match=r"label_smoothing must be in \[0, 1\)"):
        losses.bce_discriminator_loss([0.0], [0.0], smoothing)


def test_registry_lookups_and_errors():
    assert losses.get_discriminator_loss("bce") is losses.bce_discriminator_loss
    assert losses.get_generator_loss("minimax") is losses.minimax_generator_loss
    assert losses.get("l1_loss") is losses.l1_loss
    assert "non_saturating_generator_loss" in losses.names()
    with pytest.raises(
        ValueError,
        match=r"Unknown loss 'gp'; choose from \['bce', 'hinge', 'least_squares', 'wasserstein'\]",
    ):
        losses.get_discriminator_loss("gp")
    with pytest.raises(ValueError, match=r"Unknown loss 'x'; choose from \["):
        losses.get("x")


def test_l1_loss():
    assert float(losses.l1_loss([[1.0, -1.0]], [[0.5, 0.5]])) == pytest.approx(1.0)


def test_wasserstein_hinge_and_least_squares_values():
    real, fake = [2.0, 0.0], [0.5, -3.0]
    assert float(losses.wasserstein_discriminator_loss(real, fake)) == pytest.approx(-1.25 - 1.0)
    assert float(losses.wasserstein_generator_loss(fake)) == pytest.approx(1.25)
    # relu(1 - 2) = 0, relu(1 - 0) = 1 -> 0.5; relu(1 + 0.5) = 1.5, relu(1 - 3) = 0 -> 0.75
    assert float(losses.hinge_discriminator_loss(real, fake)) == pytest.approx(1.25)
    assert float(losses.hinge_generator_loss(fake)) == pytest.approx(1.25)
    # 0.5 * mean((1, 1)) + 0.5 * mean((0.25, 9))
    assert float(losses.least_squares_discriminator_loss(real, fake)) == pytest.approx(0.5 + 2.3125)
    assert float(losses.least_squares_generator_loss(fake)) == pytest.approx(0.5 * (0.25 + 16) / 2)


@pytest.mark.parametrize("name", losses.discriminator_loss_names())
def test_every_discriminator_loss_takes_patch_shaped_outputs(name):
    fn = losses.get_discriminator_loss(name)
    real = np.random.RandomState(0).normal(size=(2, 3, 3, 1)).astype("float32")
    fake = np.random.RandomState(1).normal(size=(2, 3, 3, 1)).astype("float32")
    flat = float(fn(real.reshape(-1), fake.reshape(-1)))
    assert float(fn(real, fake)) == pytest.approx(flat, abs=1e-6)


def _linear_critic(w):
    import tensorflow as tf

    w = tf.constant(w, tf.float32)
    return lambda x: tf.reduce_sum(tf.reshape(x, [tf.shape(x)[0], -1]) * w, axis=1)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_gradient_penalty_of_a_linear_critic_is_norm_minus_one_squared(seed):
    rng = np.random.RandomState(seed)
    w = rng.normal(size=(4 * 4,)).astype("float32") * rng.uniform(0.1, 2)
    real = rng.uniform(-1, 1, (5, 4, 4, 1)).astype("float32")
    fake = rng.uniform(-1, 1, (5, 4, 4, 1)).astype("float32")
    expected = (np.linalg.norm(w) - 1.0) ** 2
    value = float(losses.gradient_penalty(_linear_critic(w), real, fake, epsilon=0.0))
    assert value == pytest.approx(expected, rel=1e-5)
    assert float(losses.gradient_penalty(_linear_critic(w), real, fake, target=0.0)) == (
        pytest.approx(np.linalg.norm(w) ** 2, rel=1e-5)
    )


def test_gradient_penalty_gradient_is_finite_when_real_equals_fake():
    import keras
    import tensorflow as tf

    critic = keras.Sequential(
        [keras.Input((2, 2, 1)), keras.layers.Flatten(), keras.layers.Dense(1)]
    )
    critic.layers[-1].kernel.assign(tf.zeros((4, 1)))  # gradient norm 0 everywhere
    x = np.ones((3, 2, 2, 1), np.float32)
    with tf.GradientTape() as tape:
        penalty = losses.gradient_penalty(critic, x, x)
    kernel_grad, bias_grad = tape.gradient(penalty, critic.trainable_variables)
    assert float(penalty) == pytest.approx(1.0, abs=1e-4)
    # sqrt(sum(g^2) + eps): without eps this gradient is 0/0 = NaN
    assert np.all(np.isfinite(kernel_grad.numpy()))
    assert bias_grad is None  # the bias does not change the critic's input gradient
    with tf.GradientTape() as tape:
        no_eps = losses.gradient_penalty(critic, x, x, epsilon=0.0)
    assert np.isnan(tape.gradient(no_eps, critic.trainable_variables[0]).numpy()).any()


def test_gradient_penalty_is_differentiated_inside_the_critic_tape():
    import tensorflow as tf

    w = tf.Variable(np.full((4,), 2.0, np.float32))
    critic = lambda x: tf.reduce_sum(tf.reshape(x, [-1, 4]) * w, axis=1)  # noqa: E731
    x = np.zeros((2, 2, 2, 1), np.float32)
    with tf.GradientTape() as tape:
        penalty = losses.gradient_penalty(critic, x, x + 1, epsilon=0.0)
    (grad,) = tape.gradient(penalty, [w])
    # d/dw (||w|| - 1)^2 = 2 (||w|| - 1) w / ||w||, with ||w|| = 4
    np.testing.assert_allclose(grad.numpy(), 2 * 3 * np.full(4, 2.0) / 4, rtol=1e-5)


def test_gradient_penalty_takes_its_points_as_given():
    import tensorflow as tf

    # a critic whose input gradient depends on the input: the penalty varies with x_hat
    critic = lambda x: tf.reduce_sum(tf.reshape(x, [-1, 4]) ** 2, axis=1)  # noqa: E731
    real = tf.constant(np.full((2, 2, 2, 1), 0.5, np.float32))
    fake = tf.constant(np.full((2, 2, 2, 1), 2.0, np.float32))
    with tf.GradientTape() as tape:
        tape.watch([real, fake])
        penalty = losses.gradient_penalty(critic, real, fake)
    assert float(penalty) > 0
    # no gradient reaches the images (the simultaneous update of the Wasserstein
    # families reads the generator's gradient off the critic's backward pass)
    assert tape.gradient(penalty, [real, fake]) == [None, None]


def test_interpolation_weights_are_uniform_on_0_1():
    import tensorflow as tf
    from scipy import stats

    draws = losses.interpolation_weights(20000, tf.random.Generator.from_seed(0)).numpy()
    assert draws.shape == (20000,) and draws.min() >= 0.0 and draws.max() < 1.0
    assert stats.kstest(draws, "uniform").pvalue > 0.01
    assert abs(draws.mean() - 0.5) < 0.01
