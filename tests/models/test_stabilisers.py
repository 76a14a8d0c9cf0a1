"""The stabilisers every noise model takes: DiffAugment/ADA and lazy R1/R2 penalties."""

import json

import keras
import numpy as np
import pytest
import tensorflow as tf

import keras_gans
from keras_gans.errors import ArgumentError
from tests.helpers import keras_round_trip, standard_model_checks

IMAGES = np.random.RandomState(0).uniform(-1, 1, (16, 16, 16, 1)).astype("float32")
LABELS = (np.arange(16) % 10).astype("int32")
TINY = {"image_shape": (16, 16, 1), "latent_dim": 4, "generator_filters": 4, "discriminator_filters": 4}  # fmt: skip


def linear_gan(**kwargs):
    g = keras_gans.networks.dcgan_generator(4, (16, 16, 1), filters=4)
    d = keras.Sequential(
        [keras.Input((16, 16, 1)), keras.layers.Flatten(), keras.layers.Dense(1, use_bias=False)]
    )
    gan = keras_gans.models.DCGAN(generator=g, discriminator=d, seed=0, **kwargs)
    gan.compile()
    return gan


def test_r1_on_a_linear_critic_is_gamma_over_2_times_the_weight_norm_squared():
    gan = linear_gan(r1_weight=10.0)
    w = gan.discriminator.layers[-1].kernel.numpy()
    real, fake = tf.constant(IMAGES[:4]), tf.constant(IMAGES[4:8])
    plain = gan.discriminator_objective(real, fake)
    result = gan.objective(real, fake, None, 0)
    norm2 = float(np.sum(w**2))
    assert float(result.extras["r1"]) == pytest.approx(norm2, rel=1e-5)
    assert float(result.loss) == pytest.approx(float(plain.loss) + 5.0 * norm2, rel=1e-5)


def test_r2_penalises_the_fakes_and_both_add_up():
    gan = linear_gan(r1_weight=2.0, r2_weight=4.0)
    norm2 = float(np.sum(gan.discriminator.layers[-1].kernel.numpy() ** 2))
    real, fake = tf.constant(IMAGES[:4]), tf.constant(IMAGES[4:8])
    result = gan.objective(real, fake, None, 0)
    plain = gan.discriminator_objective(real, fake)
    assert float(result.extras["r2"]) == pytest.approx(norm2, rel=1e-5)
    assert float(result.loss) == pytest.approx(float(plain.loss) + 3.0 * norm2, rel=1e-5)


def test_the_lazy_schedule_applies_r1_every_kth_update_with_k_times_the_weight():
    gan = linear_gan(r1_weight=10.0, r1_every=3)
    gan.compile(d_optimizer=keras.optimizers.SGD(0.01))
    kernel = gan.discriminator.layers[-1].kernel
    real, fake = tf.constant(IMAGES[:4]), tf.constant(IMAGES[4:8])
    for step in range(6):
        w = kernel.numpy()
        with tf.GradientTape() as tape:
            plain = gan.discriminator_objective(real, fake).loss
        plain_grad = tape.gradient(plain, kernel.value).numpy()
        result = gan.discriminator_update(real, fake, None, 0)
        on = step % 3 == 0  # the penalty 3 * 10 / 2 * |w|^2 has the gradient 3 * 10 * w
        np.testing.assert_allclose(
            kernel.numpy(), w - 0.01 * (plain_grad + on * 30.0 * w), atol=1e-6
        )
        norm2 = float(np.sum(w**2))
        assert float(result.extras["r1"]) == pytest.approx(on * norm2, rel=1e-5)
        assert float(result.loss) == pytest.approx(float(plain) + on * 15.0 * norm2, rel=1e-5)
    assert int(gan.d_optimizer.iterations) == 6


def test_diffaugment_reaches_the_discriminator_in_training_only():
    gan = linear_gan(augment="diffaugment")
    x = tf.constant(IMAGES[:4])
    np.testing.assert_array_equal(gan.discriminate(x, training=False), gan.discriminator(x))
    assert not np.allclose(gan.discriminate(x, training=True), gan.discriminator(x))


FAMILIES = {
    "gan": lambda **kw: keras_gans.models.GAN(
        image_shape=(16, 16, 1), latent_dim=4, generator_hidden_units=(8,),
        discriminator_hidden_units=(8,), seed=0, **kw,
    ),
    "dcgan": lambda **kw: keras_gans.models.DCGAN(**TINY, seed=0, **kw),
    "wgan": lambda **kw: keras_gans.models.WGAN(**TINY, seed=0, **kw),
    "wgan-gp": lambda **kw: keras_gans.models.WGANGP(**TINY, seed=0, **kw),
    "cgan": lambda **kw: keras_gans.models.ConditionalGAN(**TINY, num_classes=10, seed=0, **kw),
}  # fmt: skip


# Training runs: in make test (the fast subset has the hand-value and EMA-formula tests).
@pytest.mark.slow
@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_every_stabiliser_composes_with_every_noise_family_and_saves(family, tmp_path):
    gan = FAMILIES[family](augment="ada", r1_weight=1.0, r2_weight=0.5, r1_every=2)
    gan.compile(d_steps=2)
    data = (IMAGES[:8], LABELS[:8]) if family == "cgan" else (IMAGES[:8],)
    history = gan.fit(*data, batch_size=8, epochs=1, verbose=0)  # one step, 2 critic updates
    for key in ("d_loss", "g_loss", "r1", "r2", "augment_p"):
        assert np.all(np.isfinite(history.history[key])), key
    gan.ada.p.assign(0.3)
    loaded = keras_round_trip(gan, str(tmp_path / "m.keras"))
    config = loaded.get_config()
    assert (config["augment"], config["r1_weight"], config["r2_weight"], config["r1_every"]) == ("ada", 1.0, 0.5, 2)  # fmt: skip
    assert float(loaded.ada.p) == pytest.approx(0.3)


@pytest.mark.slow
def test_a_diffaugment_r1_dcgan_passes_the_standard_checks(tmp_path):
    standard_model_checks(
        lambda: FAMILIES["dcgan"](augment="diffaugment", r1_weight=1.0), IMAGES, tmp_path,
        extra_logs=("r1",), export=False,  # the generator is the plain DCGAN's
    )  # fmt: skip


def test_bad_stabiliser_arguments_are_one_sentence():
    with pytest.raises(ArgumentError, match=r"Unknown augment 'mixup'; choose from \[None, 'diffaugment', 'ada'\]"):  # fmt: skip
        FAMILIES["dcgan"](augment="mixup")
    with pytest.raises(ArgumentError, match="r1_weight must be >= 0, got -1"):
        FAMILIES["dcgan"](r1_weight=-1)
    with pytest.raises(ArgumentError, match="r1_every must be an int >= 1, got 0"):
        FAMILIES["dcgan"](r1_every=0)
    with pytest.raises(ArgumentError, match="ada_target=0.5 applies to augment='ada' only"):
        FAMILIES["dcgan"](ada_target=0.5)


class RecordGenerator(keras.callbacks.Callback):
    """The raw generator's weights after every training step."""

    def __init__(self):
        super().__init__()
        self.after = []

    def on_train_batch_end(self, batch, logs=None):
        self.after.append([w.numpy() for w in self.model.generator.weights])


def test_ema_weights_after_k_steps_equal_the_hand_formula():
    gan = FAMILIES["dcgan"](ema_decay=0.9)
    gan.compile()
    start = [w.numpy() for w in gan.generator.weights]
    np.testing.assert_array_equal(gan.ema_generator.get_weights()[0], start[0])
    record = RecordGenerator()
    gan.fit(IMAGES, batch_size=4, epochs=1, callbacks=[record], verbose=0)  # 4 steps
    expected = start
    trainable = [w.trainable for w in gan.generator.weights]
    for t, raw in enumerate(record.after, start=1):
        d = min(0.9, (1 + t) / (10 + t))
        expected = [d * e + (1 - d) * r if tr else r for e, r, tr in zip(expected, raw, trainable, strict=True)]  # fmt: skip
    for e, got in zip(expected, gan.ema_generator.weights, strict=True):
        np.testing.assert_allclose(got.numpy(), e, atol=1e-6)
    assert not np.allclose(gan.ema_generator.weights[0].numpy(), gan.generator.weights[0].numpy())


@pytest.mark.slow
def test_the_ema_generator_draws_samples_and_exports_and_the_raw_one_trains(tmp_path):
    gan = FAMILIES["cgan"](ema_decay=0.99)
    gan.compile()
    gan.fit(IMAGES, LABELS, batch_size=8, epochs=1, verbose=0)
    z = np.random.RandomState(0).normal(size=(2, 4)).astype("float32")
    labels = np.array([1, 2])
    np.testing.assert_allclose(gan.generate_images(z, labels), gan.ema_generator([z, labels]), atol=1e-6)  # fmt: skip
    np.testing.assert_allclose(
        gan.generate_images(z, labels, training=True), gan.generator([z, labels], training=True),
        atol=1e-6,
    )  # fmt: skip
    assert gan.export_networks()["generator"] is gan.ema_generator
    assert not any(w is v for w in gan.trainable_weights for v in gan.ema_generator.weights)
    loaded = keras_round_trip(gan, str(tmp_path / "m.keras"))
    for a, b in zip(loaded.ema_generator.weights, gan.ema_generator.weights, strict=True):
        np.testing.assert_allclose(a.numpy(), b.numpy(), atol=1e-6)


@pytest.mark.slow
def test_an_ema_dcgan_passes_the_standard_checks(tmp_path):
    standard_model_checks(lambda: FAMILIES["dcgan"](ema_decay=0.99), IMAGES, tmp_path)


@pytest.mark.slow
def test_an_ada_ema_run_resumes_to_the_uninterrupted_runs_weights_average_and_p(tmp_path):
    """One run with ADA, lazy R1 and EMA (the stabilisers compose): a run stopped after
    epoch 1 and resumed ends where the uninterrupted run ends, ``p`` and the EMA
    generator included."""
    from keras_gans import runs

    def settings(epochs):
        return runs.run_settings(
            "dcgan", epochs=epochs, batch_size=8, latent_dim=4, steps_per_epoch=3,
            model_args={"generator_filters": 4, "discriminator_filters": 4, "augment": "ada",
                        "r1_weight": 1.0, "r1_every": 2, "ema_decay": 0.99},
        )  # fmt: skip

    full = runs.train(str(tmp_path / "full"), settings(2), verbose=0)
    runs.train(str(tmp_path / "part"), settings(1), verbose=0)
    resumed = runs.train(str(tmp_path / "part"), settings(2), verbose=0)
    assert int(resumed.g_optimizer.iterations) == int(full.g_optimizer.iterations) == 6
    assert float(resumed.ada.p) == pytest.approx(float(full.ada.p), abs=1e-7)
    assert int(resumed.ada.calls) == int(full.ada.calls) == 6
    for a, b in zip(full.get_weights(), resumed.get_weights(), strict=True):
        np.testing.assert_allclose(a, b, atol=1e-6)
    for a, b in zip(full.ema_generator.weights, resumed.ema_generator.weights, strict=True):
        np.testing.assert_allclose(a.numpy(), b.numpy(), atol=1e-6)
    assert not np.allclose(
        full.generate(4, seed=0), full.generator(keras_gans.utils.seeded_noise(4, 4, 0))
    )
    np.testing.assert_allclose(full.generate(4, seed=0), resumed.generate(4, seed=0), atol=1e-6)
    config = json.load(open(tmp_path / "part" / "config.json"))
    assert (config["model_args"]["augment"], config["model_args"]["ema_decay"]) == ("ada", 0.99)
