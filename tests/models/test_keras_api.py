"""The GANs behave like any Keras model: evaluate/validation, predict, Keras' own callbacks
(ReduceLROnPlateau, LearningRateScheduler, TerminateOnNaN) and what fit refuses."""

import keras
import numpy as np
import pytest

import keras_gans
from keras_gans.errors import ArgumentError, DataError
from tests.helpers import weights_of
from tests.models.test_cgan import tiny_cgan
from tests.models.test_dcgan import tiny_dcgan
from tests.models.test_gan import tiny_gan
from tests.models.test_pix2pix import pairs, tiny_pix2pix


def images(n=16, size=8, seed=0):
    return np.random.RandomState(seed).uniform(-1, 1, (n, size, size, 1)).astype("float32")


def test_evaluate_reports_the_losses_on_held_out_images_and_changes_nothing():
    gan = tiny_gan()
    gan.compile()
    before = weights_of(gan.generator) + weights_of(gan.discriminator)
    result = gan.evaluate(images(), batch_size=8, verbose=0, return_dict=True)
    assert sorted(result) == ["d_loss", "g_loss", "loss"]
    assert result["loss"] == pytest.approx(result["d_loss"] + result["g_loss"], rel=1e-5)
    after = weights_of(gan.generator) + weights_of(gan.discriminator)
    assert all(np.array_equal(a, b) for a, b in zip(before, after, strict=True))
    assert gan.g_optimizer.iterations.numpy() == 0
    # deterministic: the fakes come from a fixed noise batch
    again = gan.evaluate(images(), batch_size=8, verbose=0, return_dict=True)
    assert again == pytest.approx(result, rel=1e-6)


def test_evaluate_d_loss_is_the_bce_of_the_logits_on_real_and_fixed_fakes():
    import tensorflow as tf

    gan = tiny_gan()
    gan.compile(label_smoothing=0.0)
    real = images(8)
    result = gan.evaluate(real, batch_size=8, verbose=0, return_dict=True)
    z = tf.random.stateless_normal([8, 4], seed=[0, 0])
    fake = gan.generate_images(z, training=False)
    real_logits = gan.discriminator(real, training=False)
    fake_logits = gan.discriminator(fake, training=False)
    expected_d = keras_gans.losses.bce_discriminator_loss(real_logits, fake_logits)
    expected_g = keras_gans.losses.non_saturating_generator_loss(fake_logits)
    assert result["d_loss"] == pytest.approx(float(expected_d), rel=1e-5)
    assert result["g_loss"] == pytest.approx(float(expected_g), rel=1e-5)


def test_fit_with_validation_data_and_validation_split_logs_val_losses():
    gan = tiny_gan()
    gan.compile()
    history = gan.fit(
        images(16), batch_size=8, epochs=1, verbose=0, validation_data=images(8, seed=1)
    )
    for key in ("d_loss", "g_loss", "loss", "val_d_loss", "val_g_loss", "val_loss"):
        assert np.isfinite(history.history[key][0]), key
    history = gan.fit(images(16), batch_size=4, epochs=1, verbose=0, validation_split=0.25)
    assert np.isfinite(history.history["val_loss"][0])


def test_conditional_evaluate_uses_the_labels():
    gan = tiny_cgan()
    gan.compile()
    x = images(10, 16)
    labels = np.arange(10, dtype="int32")
    result = gan.evaluate(x, labels, batch_size=10, verbose=0, return_dict=True)
    assert np.isfinite(result["loss"])
    with pytest.raises(DataError, match=r"Labels must lie in \[0, 9\]"):
        gan.evaluate(x, labels + 5, batch_size=10, verbose=0)


def test_predict_maps_noise_to_the_sampling_generators_images():
    gan = tiny_dcgan(ema_decay=0.9)
    gan.compile()
    gan.fit(images(8, 16), batch_size=4, epochs=1, verbose=0)
    z = np.random.RandomState(0).normal(size=(3, 4)).astype("float32")
    out = gan.predict(z, verbose=0)
    np.testing.assert_allclose(out, gan.ema_generator(z, training=False), atol=1e-6)
    with pytest.raises(DataError, match=r"maps noise z of shape \[n, 4\].*call generate\(n\)"):
        gan.predict(images(2, 16), verbose=0)


def test_conditional_predict_refuses_labels_outside_the_classes():
    gan = tiny_cgan()
    z = np.zeros((2, 4), "float32")
    assert gan.predict([z, np.array([1, 9])], verbose=0).shape == (2, 16, 16, 1)
    with pytest.raises(ArgumentError, match=r"labels must lie in \[0, 9\], got \[12\]"):
        gan.predict([z, 12], verbose=0)


def test_reduce_lr_on_plateau_and_scheduler_act_on_both_optimizers():
    gan = tiny_gan()
    gan.compile(g_optimizer=keras.optimizers.Adam(1e-3), d_optimizer=keras.optimizers.Adam(4e-3))
    plateau = keras.callbacks.ReduceLROnPlateau(monitor="loss", patience=0, factor=0.5, mode="max")
    # mode="max" with patience 0: any epoch that does not raise the loss reduces both
    history = gan.fit(images(), batch_size=8, epochs=3, verbose=0, callbacks=[plateau])
    assert history.history["learning_rate_g_optimizer"][0] == pytest.approx(1e-3)
    assert history.history["learning_rate_d_optimizer"][0] == pytest.approx(4e-3)
    g_lr = float(gan.g_optimizer.learning_rate)
    d_lr = float(gan.d_optimizer.learning_rate)
    assert g_lr < 1e-3 and d_lr == pytest.approx(4 * g_lr)

    schedule = keras.callbacks.LearningRateScheduler(lambda epoch, lr: 1e-4 * (epoch + 1))
    history = gan.fit(images(), batch_size=8, epochs=2, verbose=0, callbacks=[schedule])
    assert float(gan.g_optimizer.learning_rate) == pytest.approx(2e-4)
    assert float(gan.d_optimizer.learning_rate) == pytest.approx(2e-4)
    assert history.history["learning_rate_g_optimizer"] == pytest.approx([1e-4, 2e-4])


def test_translation_models_follow_the_lr_callbacks_too():
    model = tiny_pix2pix()
    model.compile()
    a, b = pairs(4)
    schedule = keras.callbacks.LearningRateScheduler(lambda epoch, lr: 3e-5)
    history = model.fit((a, b), batch_size=4, epochs=1, verbose=0, callbacks=[schedule])
    assert float(model.g_optimizer.learning_rate) == pytest.approx(3e-5)
    assert float(model.d_optimizer.learning_rate) == pytest.approx(3e-5)
    assert history.history["loss"][0] == pytest.approx(
        history.history["d_loss"][0] + history.history["g_loss"][0], rel=1e-5
    )


def test_terminate_on_nan_stops_a_diverged_gan():
    gan = tiny_gan()
    gan.compile()
    kernel = gan.generator.trainable_weights[0]
    kernel.assign(np.full(kernel.shape, np.nan, "float32"))
    history = gan.fit(
        images(32), batch_size=8, epochs=3, verbose=0, callbacks=[keras.callbacks.TerminateOnNaN()]
    )
    assert gan.stop_training
    assert int(gan.g_optimizer.iterations) == 1  # stopped after the first batch
    assert len(history.history["loss"]) == 1


def test_optimizer_use_ema_is_refused_with_the_model_ema_named():
    gan = tiny_gan()
    with pytest.raises(ArgumentError, match=r"g_optimizer has use_ema=True.*ema_decay="):
        gan.compile(g_optimizer=keras.optimizers.Adam(use_ema=True))
    with pytest.raises(ArgumentError, match=r"d_optimizer has use_ema=True"):
        gan.compile(d_optimizer=keras.optimizers.Adam(use_ema=True))


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"sample_weight": np.ones(16)}, "does not use sample_weight"),
        ({"class_weight": {0: 1.0}}, "does not use class_weight"),
        ({"y": np.zeros(16)}, "learns from images alone and does not use y"),
        ({"validation_data": (images(4), np.zeros(4))}, "give validation_data as images only"),
    ],
)
def test_fit_refuses_what_a_gan_would_ignore(kwargs, message):
    gan = tiny_gan()
    gan.compile()
    with pytest.raises(ArgumentError, match=message):
        gan.fit(images(), batch_size=8, epochs=1, verbose=0, **kwargs)


def test_python_generator_batches_are_checked_one_by_one():
    gan = tiny_gan()
    gan.compile()

    def batches():
        yield (images(8),)
        yield ((images(8, seed=1) * 127.5 + 127.5).astype("uint8"),)

    with pytest.raises(DataError, match=r"uint8 \(0\.\.255\)"):
        gan.fit(batches(), epochs=1, steps_per_epoch=2, verbose=0)
    good = ((images(8, seed=i),) for i in range(2))
    gan.fit(good, epochs=1, steps_per_epoch=2, verbose=0)
    assert int(gan.g_optimizer.iterations) == 2


class Batches(keras.utils.PyDataset):
    def __init__(self, scale):
        super().__init__()
        self.scale = scale

    def __len__(self):
        return 2

    def __getitem__(self, index):
        return images(8, seed=index) * (self.scale if index == 1 else 1.0)


def test_py_dataset_batches_are_checked_one_by_one():
    gan = tiny_gan()
    gan.compile()
    gan.fit(Batches(1.0), epochs=1, verbose=0)
    with pytest.raises(DataError, match=r"range over \[.*\] but GAN expects \[-1, 1\]"):
        gan.fit(Batches(255.0), epochs=1, verbose=0)


def test_early_stopping_and_model_checkpoint_monitor_the_logged_losses(tmp_path):
    gan = tiny_gan()
    gan.compile()
    # min_delta so large that no epoch after the first counts as an improvement
    stop = keras.callbacks.EarlyStopping(monitor="loss", patience=0, min_delta=1e9)
    best = str(tmp_path / "best.keras")
    checkpoint = keras.callbacks.ModelCheckpoint(
        best, monitor="g_loss", mode="min", save_best_only=True
    )
    history = gan.fit(images(), batch_size=8, epochs=5, verbose=0, callbacks=[stop, checkpoint])
    assert len(history.history["loss"]) == 2  # stopped after the first epoch without gain
    loaded = keras.models.load_model(best)
    assert type(loaded) is type(gan)


def test_tensorboard_histograms_are_grouped_by_network(tmp_path):
    import glob

    import tensorflow as tf

    gan = tiny_dcgan(ema_decay=0.9)
    gan.compile()
    board = keras.callbacks.TensorBoard(str(tmp_path / "logs"), histogram_freq=1)
    gan.fit(images(8, 16), batch_size=4, epochs=1, verbose=0, callbacks=[board])
    tags = set()
    for events in glob.glob(str(tmp_path / "logs" / "train" / "events*")):
        for record in tf.data.TFRecordDataset(events):
            event = tf.compat.v1.Event.FromString(record.numpy())
            tags |= {value.tag for value in event.summary.value}
    histograms = sorted(t for t in tags if t.endswith("/histogram"))
    assert {t.split("/")[0] for t in histograms} == {"generator", "discriminator", "ema_generator"}
    path = str(tmp_path / "gan.keras")
    gan.save(path)
    loaded = keras.models.load_model(path)
    assert all(w.path.startswith("generator/") for w in loaded.generator.weights)
    assert all(w.path.startswith("discriminator/") for w in loaded.discriminator.weights)
