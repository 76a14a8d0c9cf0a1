import keras
import numpy as np
import pytest
import tensorflow as tf

import keras_gans
from keras_gans.models import AdversarialModel
from tests.models.test_gan import tiny_gan


def nets(latent=4, shape=(8, 8, 1)):
    g = keras_gans.networks.mlp_generator(latent, shape, hidden_units=(8,))
    d = keras_gans.networks.mlp_discriminator(shape, hidden_units=(8,))
    return g, d


def test_model_is_built_and_call_runs_the_generator():
    g, d = nets()
    model = AdversarialModel(g, d)
    assert model.built
    z = np.zeros((2, 4), "float32")
    np.testing.assert_allclose(model(z), g(z, training=False), atol=1e-7)


def test_metrics_are_the_two_loss_trackers():
    model = AdversarialModel(*nets())
    assert [m.name for m in model.metrics] == ["d_loss", "g_loss", "loss"]


def test_optimizers_built_at_compile_with_their_own_network_variables():
    g, d = nets()
    model = AdversarialModel(g, d)
    model.compile()
    assert model.g_optimizer.built and model.d_optimizer.built
    # Adam keeps two slots per variable, plus iterations and learning rate.
    assert len(model.g_optimizer.variables) == 2 * len(g.trainable_variables) + 2
    assert len(model.d_optimizer.variables) == 2 * len(d.trainable_variables) + 2
    # Keras' callbacks see both optimizers through model.optimizer.optimizers
    assert [o.optimizer for o in model.optimizer.optimizers] == [
        model.g_optimizer,
        model.d_optimizer,
    ]


def test_compile_forwards_jit_compile_and_steps_per_execution():
    model = AdversarialModel(*nets())
    model.compile(steps_per_execution=4, jit_compile=True)
    assert model.steps_per_execution == 4 and model.jit_compile is True
    model.compile()
    assert model.steps_per_execution == 1 and model.jit_compile is False


def test_jit_compiled_fit_trains(tiny_images):
    model = AdversarialModel(*nets(), seed=0)
    model.compile(jit_compile=True, steps_per_execution=2)
    history = model.fit(tiny_images, batch_size=8, epochs=1, verbose=0)
    assert np.isfinite(history.history["g_loss"][0])
    assert int(model.g_optimizer.iterations) == 2


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"d_steps": 0}, "d_steps must be an int >= 1"),
        ({"label_smoothing": 1.0}, r"label_smoothing must be in \[0, 1\)"),
        ({"loss": "mse"}, "'loss' is not accepted"),
    ],
)
def test_compile_rejects_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        AdversarialModel(*nets()).compile(**kwargs)


def test_same_optimizer_twice_is_refused():
    opt = keras.optimizers.Adam()
    with pytest.raises(ValueError, match="two different optimizers"):
        AdversarialModel(*nets()).compile(g_optimizer=opt, d_optimizer=opt)


def test_networks_that_do_not_fit_are_refused():
    g, _ = nets(shape=(8, 8, 1))
    _, d = nets(shape=(16, 16, 1))
    with pytest.raises(ValueError, match=r"generator makes images of shape \(8, 8, 1\)"):
        AdversarialModel(g, d)


def test_latent_dim_must_match_generator():
    with pytest.raises(ValueError, match="does not match the generator's input size 4"):
        AdversarialModel(*nets(), latent_dim=5)


def test_data_of_the_wrong_shape_is_named(tiny_images):
    model = tiny_gan()
    model.compile()
    wrong = np.zeros((8, 16, 16, 1), "float32")
    with pytest.raises(
        keras_gans.DataError,
        match=r"shape \(16, 16, 1\) per example but GAN expects \(8, 8, 1\)",
    ):
        model.fit(wrong, batch_size=4, epochs=1, verbose=0)


def test_generate_is_seeded_and_in_range():
    model = tiny_gan()
    a, b = model.generate(5, seed=7), model.generate(5, seed=7)
    np.testing.assert_array_equal(a, b)
    assert a.dtype == np.float32 and a.shape == (5, 8, 8, 1)
    assert a.min() >= -1 and a.max() <= 1
    assert not np.allclose(model.generate(5, seed=8), a)
    # image i of seed s is image 0 of seed s + i (what the exported `sample` draws)
    np.testing.assert_allclose(model.generate(1, seed=9)[0], a[2], atol=1e-6)
    with pytest.raises(ValueError, match="n must be a positive int"):
        model.generate(0)
    with pytest.raises(ValueError, match="GAN is not conditional; it takes no labels"):
        model.generate(2, labels=[1, 2])


def test_training_noise_is_seeded():
    a, b = tiny_gan(), tiny_gan()
    np.testing.assert_array_equal(a.sample_noise(3), b.sample_noise(3))
    assert not np.allclose(a.sample_noise(3), a.sample_noise(3))


def test_fit_runs_d_steps_per_generator_step_every_epoch(tiny_images):
    model = tiny_gan()
    model.compile(d_steps=2)
    history = model.fit(tiny_images, batch_size=8, epochs=2, verbose=0)
    assert len(history.history["d_loss"]) == 2
    assert int(model.g_optimizer.iterations) == 4
    assert int(model.d_optimizer.iterations) == 8


def test_train_step_wrapped_in_tf_function_converts_without_autograph_warnings(caplog):
    # A custom loop that wraps train_step in tf.function (AutoGraph on) converts every
    # hook it calls; a hook whose body is only a docstring made AutoGraph log "could not
    # transform" and run it unconverted.
    gan = keras_gans.models.DCGAN(
        image_shape=(8, 8, 1), latent_dim=4, generator_filters=4, discriminator_filters=4
    )
    gan.compile()
    images = tf.zeros((4, 8, 8, 1))
    with caplog.at_level("WARNING", logger="tensorflow"):
        logs = tf.function(gan.train_step)(images)
    assert np.isfinite(float(logs["d_loss"]))
    assert not [r.getMessage() for r in caplog.records if "AutoGraph" in r.getMessage()]
