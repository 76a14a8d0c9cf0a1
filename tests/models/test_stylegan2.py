import functools
import json

import keras
import numpy as np
import pytest
import tensorflow as tf

import keras_gans
from keras_gans.errors import ArgumentError
from keras_gans.export import ExportedGenerator, save_generator
from tests.helpers import check_fit_and_weights, check_save_load, keras_round_trip, run_program

DATA = np.random.RandomState(0).uniform(-1, 1, (16, 8, 8, 1)).astype("float32")


def tiny(**kwargs):
    args = dict(
        image_shape=(8, 8, 1),
        latent_dim=8,
        mapping_layers=2,
        channel_base=32,
        channel_max=8,
        seed=1,
    )
    return keras_gans.models.StyleGAN2(**{**args, **kwargs})


@functools.cache
def trained():
    """One tiny StyleGAN2 fitted 2 steps, shared by the tests that only read from it."""
    gan = tiny()
    gan.compile()
    gan.fit(DATA, batch_size=8, epochs=1, verbose=0)
    return gan


@pytest.mark.slow
def test_stylegan2_standard_checks_and_every_export_signature(tmp_path):
    # every network changes, the mapping network's layers included (their rate is x0.01)
    model = check_fit_and_weights(
        lambda: tiny(r1_every=2, pl_every=2), DATA, extra_logs=("r1", "pl")
    )
    mapping = model.generator.get_layer("mapping")
    generator_paths = {w.path for w in model.generator.trainable_weights}
    assert (
        mapping.trainable_weights and {w.path for w in mapping.trainable_weights} <= generator_paths
    )
    loaded = keras_round_trip(model, str(tmp_path / "first.keras"))  # before any more training
    assert float(loaded.pl_mean) == pytest.approx(float(model.pl_mean))
    np.testing.assert_array_equal(
        loaded.parts_of(False).w_average.w_avg.numpy(),
        model.parts_of(False).w_average.w_avg.numpy(),
    )
    check_save_load(model, DATA, str(tmp_path / "model.keras"))
    path = save_generator(model, str(tmp_path / "export" / "sg"))
    z = np.random.RandomState(1).normal(size=(3, 8)).astype("float32")
    ws = np.asarray(model.mix(model.mapping(z[:2]), model.mapping(z[1:]), 3))
    f32 = "float32"
    calls = [
        {
            "signature": "serving_default",
            "inputs": {"z": [z.tolist(), f32], "truncation_psi": [0.7, f32]},
        },  # fmt: skip
        {
            "signature": "sample",
            "inputs": {"seed": [[5, 6], "int64"], "truncation_psi": [1.0, f32]},
        },  # fmt: skip
        {"signature": "mapping", "inputs": {"z": [z.tolist(), f32]}},
        {"signature": "synthesis", "inputs": {"ws": [ws.tolist(), f32]}},
    ]
    out = run_program("call_export", {"path": path, "calls": calls})["results"]
    images = np.array(out[0]["images"]["values"])
    np.testing.assert_allclose(images, model.synthesis(model.mapping(z, 0.7)), atol=1e-5)
    u8 = np.array(out[1]["images_uint8"]["values"])
    expected = keras_gans.utils.to_uint8(model.generate(2, seed=5)).astype(int)
    assert out[1]["images_uint8"]["dtype"] == "uint8" and np.abs(u8 - expected).max() <= 1
    np.testing.assert_allclose(out[2]["w"]["values"], model.mapping(z), atol=1e-5)
    assert out[2]["ws"]["shape"] == [3, model.num_ws, model.w_dim]
    np.testing.assert_allclose(out[3]["images"]["values"], model.synthesis(ws), atol=1e-5)
    exported = ExportedGenerator(path)
    np.testing.assert_allclose(
        exported.generate(2, seed=4, truncation_psi=0.5),
        model.generate(2, seed=4, truncation_psi=0.5),
        atol=1e-5,
    )


def test_config_keeps_every_argument_and_the_defaults_follow_the_paper():
    gan = tiny(style_mixing=0.5, pl_weight=1.5, pl_every=3, pl_decay=0.02, w_avg_decay=0.9)
    config = gan.get_config()
    for key, value in (("style_mixing", 0.5), ("pl_weight", 1.5), ("pl_every", 3),
                       ("pl_decay", 0.02), ("w_avg_decay", 0.9), ("r1_every", 16),
                       ("mapping_layers", 2), ("channel_base", 32), ("channel_max", 8)):  # fmt: skip
        assert config[key] == value, key
    gan.compile()
    g_opt, d_opt = gan.g_optimizer, gan.d_optimizer
    assert float(g_opt.learning_rate) == pytest.approx(0.0025 * 3 / 4)
    assert float(d_opt.learning_rate) == pytest.approx(0.0025 * 16 / 17)
    assert float(d_opt.beta_2) == pytest.approx(0.99 ** (16 / 17))
    assert float(d_opt.beta_1) == 0.0
    assert [m.name for m in gan.metrics] == ["d_loss", "g_loss", "r1", "pl", "loss"]
    assert keras_gans.models.get("stylegan2") is keras_gans.models.StyleGAN2


# slow; the bfloat16 test below generates with truncation in the fast tests
@pytest.mark.slow
def test_truncation_zero_gives_the_average_image_and_one_the_generator():
    gan = trained()
    at_zero = gan.generate(4, seed=0, truncation_psi=0.0)
    np.testing.assert_allclose(at_zero, np.repeat(at_zero[:1], 4, axis=0), atol=1e-6)
    w_avg = gan.parts_of(False).w_average.w_avg.numpy()
    assert np.abs(w_avg).max() > 0  # training moved the average
    # the same batch of 4 as generate's (a batch of 1 rounds differently: 1.2e-6 seen)
    average = gan.synthesis(np.repeat(w_avg[None], 4, axis=0))
    np.testing.assert_allclose(at_zero, average, atol=1e-6)
    np.testing.assert_allclose(
        gan.generate(4, seed=0, truncation_psi=1.0), gan.generate(4, seed=0), atol=1e-6
    )
    z = keras_gans.utils.seeded_noise(4, 8, 0)
    np.testing.assert_allclose(gan.generate(4, seed=0), gan.inference_generator(z), atol=1e-6)
    half = gan.mapping(z, 0.5).numpy()
    np.testing.assert_allclose(half, w_avg + 0.5 * (gan.mapping(z).numpy() - w_avg), atol=1e-6)


def test_style_mixing_takes_the_first_k_layers_from_a_and_the_rest_from_b():
    gan = trained()
    z = np.random.RandomState(3).normal(size=(2, 8)).astype("float32")
    w_a, w_b = gan.mapping(z[:1]), gan.mapping(z[1:])
    k = 2
    ws = gan.mix(w_a, w_b, k).numpy()
    np.testing.assert_array_equal(ws[0, :k], np.repeat(w_a.numpy(), k, axis=0))
    np.testing.assert_array_equal(ws[0, k:], np.repeat(w_b.numpy(), gan.num_ws - k, axis=0))
    swapped = gan.mix(w_b, w_a, gan.num_ws - k).numpy()
    np.testing.assert_array_equal(swapped[0, : gan.num_ws - k], ws[0, k:])
    np.testing.assert_allclose(gan.synthesis(gan.mix(w_a, w_b, gan.num_ws)), gan.synthesis(w_a), atol=1e-6)  # fmt: skip
    np.testing.assert_allclose(gan.synthesis(gan.mix(w_a, w_b, 0)), gan.synthesis(w_b), atol=1e-6)  # fmt: skip
    mixed = gan.synthesis(ws)
    assert not np.allclose(mixed, gan.synthesis(w_a)) and not np.allclose(mixed, gan.synthesis(w_b))
    with pytest.raises(ArgumentError, match=r"crossover must be an int in \[0, 4\], got 5"):
        gan.mix(w_a, w_b, 5)


@pytest.mark.slow
def test_noise_modes_const_is_deterministic_and_random_is_not():
    gan = trained()
    w = gan.mapping(np.ones((2, 8), "float32"))
    np.testing.assert_array_equal(gan.synthesis(w), gan.synthesis(w, noise="const"))
    # training gave the noise inputs a strength, so random noise changes the image
    assert not np.allclose(gan.synthesis(w, noise="random"), gan.synthesis(w, noise="random"))
    with pytest.raises(ArgumentError, match=r"Unknown noise 'none'; choose from \['const', 'random'\]"):  # fmt: skip
        gan.synthesis(w, noise="none")
    with pytest.raises(ArgumentError, match=r"w must have shape \[n, 8\] or \[n, 4, 8\]"):
        gan.synthesis(np.ones((2, 3, 8), "float32"))


def test_lazy_path_length_runs_every_kth_generator_update_with_k_times_the_weight():
    gan = tiny(pl_every=3, r1_weight=0.0)
    gan.compile()

    class Record(keras.callbacks.Callback):
        values = []

        def on_train_batch_end(self, batch, logs=None):
            self.values.append(float(self.model.pl_tracker.result()) * (batch + 1))

    record = Record()
    gan.fit(DATA, batch_size=4, epochs=1, callbacks=[record], verbose=0)  # 4 steps
    per_step = np.diff([0.0, *record.values])
    assert per_step[0] > 0 and per_step[3] > 0  # steps 0 and 3
    np.testing.assert_allclose(per_step[1:3], 0.0, atol=1e-6)
    assert keras_gans.features.lazy_weight(2.0, 3, 3) == 6.0


def test_path_length_penalty_on_a_linear_synthesis_map_equals_its_closed_form():
    rng = np.random.RandomState(0)
    a = rng.normal(size=(3, 4)).astype("float32")  # w_dim 3 -> a 2x2 image
    ws = rng.normal(size=(5, 2, 3)).astype("float32")  # 2 layers share the map
    y = rng.normal(size=(1, 2, 2, 1)).astype("float32")

    def synthesis(w):
        return tf.reshape(tf.reduce_sum(w, axis=1) @ a, [-1, 2, 2, 1])

    out = keras_gans.features.path_length_penalty(synthesis, ws, 1.5, 0.1, projection=y)
    # d <image * y / sqrt(4)> / d w_layer = a @ y.flat / 2, the same for each layer and example
    g = a @ y.reshape(4) / 2.0
    length = np.sqrt((g**2).sum())
    np.testing.assert_allclose(out.lengths, np.full(5, length), rtol=1e-5)
    new_mean = 1.5 + 0.1 * (length - 1.5)
    assert float(out.pl_mean) == pytest.approx(new_mean, rel=1e-5)
    assert float(out.penalty) == pytest.approx((length - new_mean) ** 2, rel=1e-4)


def test_r1_on_a_linear_discriminator_is_the_weight_norm_squared_times_gamma_over_two():
    gan = tiny(r1_weight=4.0, r1_every=1)
    gan.compile()
    w = np.random.RandomState(5).normal(size=(64, 1)).astype("float32")

    class Linear(keras.Model):
        def call(self, x):
            return tf.reshape(x, [-1, 64]) @ w

    real = DATA[:4]
    gan.discriminate = lambda images, condition=None, training=True: Linear()(images)
    base = keras_gans.models.base.AdversarialModel.discriminator_objective(gan, real, real)
    result = gan.regularized(base, real, real, None)
    assert float(result.extras["r1"]) == pytest.approx(float((w**2).sum()), rel=1e-5)
    assert float(result.loss - base.loss) == pytest.approx(4.0 / 2 * float((w**2).sum()), rel=1e-5)


def test_w_average_follows_the_hand_formula():
    gan = tiny(w_avg_decay=0.5)
    gan.compile()
    var = gan.parts_of(True).w_average.w_avg
    var.assign(np.ones(8, "float32"))
    w = np.arange(16, dtype="float32").reshape(2, 8)
    gan.update_w_average(tf.constant(w))
    np.testing.assert_allclose(var.numpy(), w.mean(0) + 0.5 * (1.0 - w.mean(0)), rtol=1e-6)


def test_bad_arguments_are_one_sentence():
    with pytest.raises(ArgumentError, match=r"style_mixing must be in \[0, 1\], got 1.5"):
        tiny(style_mixing=1.5)
    with pytest.raises(ArgumentError, match="pl_every must be an int >= 1, got 0"):
        tiny(pl_every=0)
    with pytest.raises(ArgumentError, match="pl_weight must be >= 0"):
        tiny(pl_weight=-1.0)
    with pytest.raises(ArgumentError, match="power of 2"):
        tiny(image_shape=(28, 28, 1))
    with pytest.raises(ArgumentError, match="takes no labels"):
        tiny().generate(2, labels=[1, 2], truncation_psi=0.5)


@pytest.mark.slow
def test_a_stopped_run_resumes_to_the_same_weights_ema_and_w_average(tmp_path):
    from keras_gans import runs

    def settings(epochs):
        return runs.run_settings(
            "stylegan2", data="digits", image_size=8, epochs=epochs, batch_size=8,
            latent_dim=8, steps_per_epoch=3,
            model_args={"mapping_layers": 2, "channel_base": 32, "channel_max": 8,
                        "r1_every": 2, "pl_every": 2},
        )  # fmt: skip

    full = runs.train(str(tmp_path / "full"), settings(2), verbose=0)
    runs.train(str(tmp_path / "part"), settings(1), verbose=0)
    resumed = runs.train(str(tmp_path / "part"), settings(2), verbose=0)
    assert int(resumed.g_optimizer.iterations) == int(full.g_optimizer.iterations) == 6
    for a, b in zip(full.get_weights(), resumed.get_weights(), strict=True):
        np.testing.assert_allclose(a, b, atol=1e-5)
    for a, b in zip(full.ema_generator.weights, resumed.ema_generator.weights, strict=True):
        np.testing.assert_allclose(a.numpy(), b.numpy(), atol=1e-5)
    for model in (full, resumed):
        assert np.abs(model.parts_of(False).w_average.w_avg.numpy()).max() > 0
    np.testing.assert_allclose(
        full.parts_of(True).w_average.w_avg.numpy(),
        resumed.parts_of(True).w_average.w_avg.numpy(),
        atol=1e-5,
    )
    assert float(full.pl_mean) == pytest.approx(float(resumed.pl_mean), abs=1e-5)
    config = json.load(open(tmp_path / "part" / "config.json"))
    assert config["model"] == "stylegan2" and config["model_args"]["pl_every"] == 2


def test_a_bfloat16_stylegan2_maps_to_float32_w_and_generates_with_truncation():
    import keras

    keras.mixed_precision.set_global_policy("mixed_bfloat16")
    try:
        gan = tiny()
        z = np.random.RandomState(0).normal(size=(3, 8)).astype("float32")
        w = gan.mapping(z, truncation_psi=0.7)
        assert w.dtype == "float32" and gan.mapping(z).dtype == "float32"
        images = np.asarray(gan.generate(3, seed=0, truncation_psi=0.7))
        mixed = np.asarray(gan.synthesis(gan.mix(w, gan.mapping(z[::-1]), 1)))
    finally:
        keras.mixed_precision.set_global_policy("float32")
    assert gan.compute_dtype == "bfloat16"
    assert images.shape == mixed.shape == (3, 8, 8, 1)
    assert np.all(np.isfinite(images)) and np.abs(images).max() <= 1.0
