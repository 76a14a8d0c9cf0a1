import numpy as np
import pytest
import tensorflow as tf

import keras_gans
from keras_gans.errors import DataError
from tests.helpers import check_translation_model


def tiny_pix2pix(**kwargs):
    return keras_gans.models.Pix2Pix(
        (16, 16, 1),
        target_channels=3,
        generator_filters=4,
        discriminator_filters=4,
        discriminator_layers=2,
        **kwargs,
    )


def pairs(n=8, seed=0):
    rng = np.random.RandomState(seed)
    a = rng.uniform(-1, 1, (n, 16, 16, 1)).astype("float32")
    b = np.tanh(np.concatenate([a, -a, 0.5 * a], axis=-1)).astype("float32")
    return a, b


def test_pix2pix_standard_checks(tmp_path):
    check_translation_model(tiny_pix2pix, pairs(), tmp_path, logs=("g_gan", "l1"))


def test_pix2pix_loss_terms_without_dropout_are_exact():
    import keras

    g = keras_gans.networks.unet_generator((16, 16, 1), 3, filters=4, dropout=0.0)
    model = keras_gans.models.Pix2Pix(
        (16, 16, 1), generator=g, l1_weight=3.0, discriminator_filters=4, discriminator_layers=2
    )
    model.compile(g_optimizer=keras.optimizers.SGD(0.0), d_optimizer=keras.optimizers.SGD(0.0))
    a, b = pairs(4)
    logs = model.train_step((tf.constant(a), tf.constant(b)))
    fake = np.asarray(model.generator(a, training=True))
    real_logits = np.asarray(model.discriminator([a, b], training=True), np.float64)
    fake_logits = np.asarray(model.discriminator([a, fake], training=True), np.float64)
    softplus = lambda x: np.log1p(np.exp(x))  # noqa: E731
    d_loss = 0.5 * (np.mean(softplus(-real_logits)) + np.mean(softplus(fake_logits)))
    g_gan = np.mean(softplus(-fake_logits))
    l1 = np.mean(np.abs(b - fake))
    assert float(logs["d_loss"]) == pytest.approx(d_loss, rel=1e-5)
    assert float(logs["g_gan"]) == pytest.approx(g_gan, rel=1e-5)
    assert float(logs["l1"]) == pytest.approx(l1, rel=1e-5)
    assert float(logs["g_loss"]) == pytest.approx(g_gan + 3.0 * l1, rel=1e-5)


def test_pix2pix_validation_logs_l1_and_psnr():
    model = tiny_pix2pix()
    model.compile()
    a, b = pairs(10)  # held-out batches of 4, 4 and 2: weighted by their images
    history = model.fit(
        a, b, batch_size=4, epochs=1, validation_data=(a, b), validation_batch_size=4, verbose=0
    )
    out = model.translate(a)
    assert history.history["val_l1"][0] == pytest.approx(np.mean(np.abs(out - b)), rel=1e-4)
    mse = np.mean((out - b) ** 2, axis=(1, 2, 3))
    psnr = np.mean(10 * np.log10(4 / mse))
    assert history.history["val_psnr"][0] == pytest.approx(psnr, rel=1e-4)


def test_psnr_hand_values():
    x = np.zeros((2, 2, 2, 1), np.float32)
    y = x.copy()
    y[0] += 0.2  # mse 0.04 -> 10 log10(4 / 0.04) = 20 dB
    y[1] += 2.0  # mse 4 -> 0 dB
    np.testing.assert_allclose(keras_gans.models.psnr(x, y).numpy(), [20.0, 0.0], atol=1e-5)


def test_pix2pix_translate_is_deterministic_and_checks_input():
    model = tiny_pix2pix()
    a, _ = pairs(3)
    np.testing.assert_array_equal(model.translate(a), model.translate(a))
    with pytest.raises(DataError, match=r"shape \(16, 16, 3\) per example but Pix2Pix expects"):
        model.translate(np.zeros((2, 16, 16, 3), "float32"))
    with pytest.raises(ValueError, match="one image"):
        model.translate(a[0])
    with pytest.raises(ValueError, match="Unknown direction 'b2a'"):
        model.translate(a, "b2a")


def test_pix2pix_refuses_unpaired_and_unmatched_data():
    model = tiny_pix2pix()
    model.compile()
    a, b = pairs(8)
    with pytest.raises(DataError, match="needs aligned pairs, but got 8 inputs and 6 targets"):
        model.fit(tf.data.Dataset.from_tensors((a, b[:6])), verbose=0)
    with pytest.raises(DataError, match=r"trains on \(inputs, targets\) batches but got one set"):
        model.fit(a, batch_size=4, verbose=0)
    with pytest.raises(DataError, match="targets have shape"):
        model.fit(a, a, batch_size=4, verbose=0)
    with pytest.raises(ValueError, match="d_steps must be 1"):
        model.compile(d_steps=2)
