import keras
import numpy as np
import pytest
import tensorflow as tf

import keras_gans
from tests.helpers import check_translation_model


def tiny_cyclegan(**kwargs):
    kwargs.setdefault("pool_size", 3)
    return keras_gans.models.CycleGAN(
        (16, 16, 3),
        generator_filters=4,
        discriminator_filters=4,
        num_blocks=1,
        discriminator_layers=2,
        seed=0,
        **kwargs,
    )


def unpaired(n=8, seed=0):
    rng = np.random.RandomState(seed)
    a = rng.uniform(-1, 0, (n, 16, 16, 3)).astype("float32")
    b = rng.uniform(0, 1, (n, 16, 16, 3)).astype("float32")
    return a, b


# Slow: the fast subset runs Pix2Pix's standard checks for the translation models.
@pytest.mark.slow
def test_cyclegan_standard_checks(tmp_path):
    model = check_translation_model(
        tiny_cyclegan, unpaired(), tmp_path, logs=("g_gan", "cycle", "identity")
    )
    assert model.directions == ["a2b", "b2a"]


def test_cyclegan_generator_loss_equals_the_hand_formula():
    gens = {
        k: keras_gans.networks.resnet_generator((16, 16, 3), filters=4, num_blocks=1, name=k)
        for k in ("generator_ab", "generator_ba")
    }
    model = tiny_cyclegan(cycle_weight=3.0, identity_weight=0.25, **gens)
    model.compile(g_optimizer=keras.optimizers.SGD(0.0), d_optimizer=keras.optimizers.SGD(0.0))
    a, b = unpaired(4)
    logs = model.train_step((tf.constant(a), tf.constant(b)))
    g_ab = lambda x: np.asarray(model.generator_ab(x, training=True), np.float64)  # noqa: E731
    g_ba = lambda x: np.asarray(model.generator_ba(x, training=True), np.float64)  # noqa: E731
    d_a = lambda x: np.asarray(model.discriminator_a(x, training=True), np.float64)  # noqa: E731
    d_b = lambda x: np.asarray(model.discriminator_b(x, training=True), np.float64)  # noqa: E731
    fake_b, fake_a = g_ab(a), g_ba(b)
    # LSGAN as in the paper's code: mean((D(G(x)) - 1)^2) for each generator.
    g_gan = np.mean((d_b(fake_b) - 1) ** 2) + np.mean((d_a(fake_a) - 1) ** 2)
    cycle = np.mean(np.abs(g_ba(fake_b) - a)) + np.mean(np.abs(g_ab(fake_a) - b))
    identity = np.mean(np.abs(g_ab(b) - b)) + np.mean(np.abs(g_ba(a) - a))
    assert float(logs["g_gan"]) == pytest.approx(g_gan, rel=1e-4)
    assert float(logs["cycle"]) == pytest.approx(cycle, rel=1e-4)
    assert float(logs["identity"]) == pytest.approx(identity, rel=1e-4)
    total = g_gan + 3.0 * cycle + 3.0 * 0.25 * identity
    assert float(logs["g_loss"]) == pytest.approx(total, rel=1e-4)
    # The pool was empty: the discriminators saw this step's fakes.
    d_loss = sum(
        0.5 * np.mean((d(real) - 1) ** 2) + 0.5 * np.mean(d(fake) ** 2)
        for d, real, fake in ((d_a, a, fake_a), (d_b, b, fake_b))
    )
    assert float(logs["d_loss"]) == pytest.approx(d_loss, rel=1e-4)


def test_image_pool_fills_then_swaps_half_the_time():
    model = tiny_cyclegan(pool_size=4)
    first = tf.constant(
        np.arange(4, dtype="float32")[:, None, None, None] * np.ones((4, 16, 16, 3))
    )
    out = model.query_pool(model.pool_a, 0, tf.cast(first, "float32"))
    np.testing.assert_array_equal(out, first)  # filling: the new images come back
    assert model.pool_count.numpy().tolist() == [4, 0]
    np.testing.assert_array_equal(model.pool_a.numpy()[:4], first)
    returned_old = 0
    for step in range(50):
        before = model.pool_a.numpy()[:4, 0, 0, 0].tolist()
        new = tf.fill([4, 16, 16, 3], 100.0 + step)
        values = model.query_pool(model.pool_a, 0, new).numpy()[:, 0, 0, 0]
        after = model.pool_a.numpy()[:4, 0, 0, 0].tolist()
        old = [v for v in values if v != 100.0 + step]
        returned_old += len(old)
        # Every returned old image was in the pool; a swap stores the new image.
        assert all(v in before for v in old)
        if old:
            assert 100.0 + step in after
    assert model.pool_count.numpy().tolist() == [4, 0]
    assert 0.35 < returned_old / 200 < 0.65


def test_pool_off_returns_the_new_images():
    model = tiny_cyclegan(pool_size=0)
    x = tf.ones([2, 16, 16, 3])
    assert model.query_pool(model.pool_a, 0, x) is x


@pytest.mark.slow
def test_validation_cycle_error_is_the_summed_reconstruction_l1():
    model = tiny_cyclegan()
    model.compile()
    a, b = unpaired(8)
    history = model.fit(a, b, batch_size=4, epochs=1, validation_data=(a, b), verbose=0)
    rec_a = model.translate(model.translate(a, "a2b"), "b2a")
    rec_b = model.translate(model.translate(b, "b2a"), "a2b")
    expected = np.mean(np.abs(rec_a - a)) + np.mean(np.abs(rec_b - b))
    assert history.history["val_cycle"][0] == pytest.approx(expected, rel=1e-4)


def test_cyclegan_argument_errors():
    with pytest.raises(ValueError, match="identity loss needs a and b images of one shape"):
        keras_gans.models.CycleGAN((16, 16, 3), (16, 16, 1))
    with pytest.raises(ValueError, match="Unknown loss 'l2'"):
        keras_gans.models.CycleGAN((16, 16, 3), loss="l2")
    with pytest.raises(ValueError, match="pool_size must be an int >= 0"):
        keras_gans.models.CycleGAN((16, 16, 3), pool_size=-1)
    model = keras_gans.models.CycleGAN(
        (16, 16, 3),
        (16, 16, 1),
        identity_weight=0,
        generator_filters=4,
        discriminator_filters=4,
        num_blocks=1,
        discriminator_layers=2,
    )
    assert model.translate(np.zeros((1, 16, 16, 3), "float32")).shape == (1, 16, 16, 1)
    assert model.translate(np.zeros((1, 16, 16, 1), "float32"), "b2a").shape == (1, 16, 16, 3)
