import json

import keras
import numpy as np
import pytest
import tensorflow as tf

import keras_gans
from keras_gans.errors import DataError
from tests.helpers import run_program, standard_model_checks

RNG = np.random.RandomState(0)
IMAGES = RNG.uniform(-1, 1, (16, 16, 16, 1)).astype("float32")
LABELS = (np.arange(16) % 10).astype("int32")


def tiny_cgan(**kwargs):
    return keras_gans.models.ConditionalGAN(
        image_shape=(16, 16, 1),
        num_classes=10,
        latent_dim=4,
        generator_filters=4,
        discriminator_filters=4,
        seed=1,
        **kwargs,
    )


def test_cgan_standard_checks(tmp_path):
    standard_model_checks(lambda: tiny_cgan(), (IMAGES, LABELS), tmp_path)


@pytest.mark.slow
def test_cgan_hinge_standard_checks(tmp_path):
    # Under the hinge loss the output bias's gradient is exactly 0 while every logit is
    # inside the margin (-1 + 1), so whether it moves in 2 steps depends on the start.
    standard_model_checks(
        lambda: tiny_cgan(loss="hinge"),
        (IMAGES, LABELS),
        tmp_path,
        free_weights=("logits/bias",),
        export=False,  # test_cgan_standard_checks exports the conditional generator
    )


# The slowest standard check; the fast subset has cgan (bce) and WGAN-GP's own.
@pytest.mark.slow
def test_cgan_wgan_gp_standard_checks(tmp_path):
    standard_model_checks(
        lambda: tiny_cgan(loss="wgan-gp"),
        (IMAGES, LABELS),
        tmp_path,
        extra_logs=("gp", "wasserstein"),
        constant_weights=("logits/bias",),
        export=False,
    )


def test_loss_choice_sets_the_defaults():
    bce, hinge, wgp = tiny_cgan(), tiny_cgan(loss="hinge"), tiny_cgan(loss="wgan-gp")
    for m in (bce, hinge, wgp):
        m.compile()
    assert (bce.d_steps, bce.label_smoothing, bce.loss_name) == (1, 0.1, "bce")
    assert (hinge.d_steps, hinge.label_smoothing, hinge.loss_name) == (1, 0.0, "hinge")
    assert (wgp.d_steps, wgp.loss_name, wgp.gp_weight) == (5, "wasserstein", 10.0)
    assert float(wgp.d_optimizer.beta_2) == pytest.approx(0.9)
    assert float(wgp.d_optimizer.learning_rate) == pytest.approx(1e-4)
    layer_types = {type(layer).__name__ for layer in wgp.discriminator.layers}
    assert "LayerNormalization" in layer_types and "BatchNormalization" not in layer_types
    assert wgp.get_config()["loss"] == "wgan-gp"
    with pytest.raises(ValueError, match=r"Unknown loss 'wasserstein'; choose from"):
        tiny_cgan(loss="wasserstein")


def test_label_is_one_hot_in_z_and_constant_channels_on_the_image():
    layer = keras_gans.networks.LabelChannels(3)
    out = np.asarray(layer([np.zeros((2, 4, 4, 1), np.float32), np.array([2, 0])]))
    assert out.shape == (2, 4, 4, 4)
    np.testing.assert_array_equal(out[0, :, :, 3], np.ones((4, 4)))
    np.testing.assert_array_equal(out[0, :, :, 1:3], np.zeros((4, 4, 2)))
    np.testing.assert_array_equal(out[1, :, :, 1], np.ones((4, 4)))
    onehot = np.asarray(keras_gans.networks.OneHot(4)(np.array([3, 1])))
    np.testing.assert_array_equal(onehot, [[0, 0, 0, 1], [0, 1, 0, 0]])


def test_generate_follows_labels_and_seeds():
    cgan = tiny_cgan()
    a = cgan.generate(4, labels=[3, 3, 7, 7], seed=0)
    b = cgan.generate(4, labels=[3, 3, 7, 7], seed=0)
    np.testing.assert_array_equal(a, b)
    c = cgan.generate(4, labels=[3, 3, 3, 3], seed=0)
    np.testing.assert_array_equal(a[:2], c[:2])
    assert not np.allclose(a[2:], c[2:])  # same noise, other label, other image
    one = cgan.generate(4, labels=5, seed=0)
    np.testing.assert_array_equal(one, cgan.generate(4, labels=[5] * 4, seed=0))
    default = cgan.generate(12, seed=1)
    np.testing.assert_array_equal(default[10], cgan.generate(12, labels=[0] * 12, seed=1)[10])


@pytest.mark.parametrize(
    ("labels", "message"),
    [
        ([0, 10], r"labels must lie in \[0, 9\], got \[0, 10\]"),
        ([-1, 0], r"labels must lie in \[0, 9\]"),
        ([1, 2, 3], "labels must be 2 ints"),
        ([0.5, 1.0], "labels must be 2 ints"),
    ],
)
def test_bad_labels_are_named(labels, message):
    with pytest.raises(ValueError, match=message):
        tiny_cgan().generate(2, labels=labels)


def test_training_on_images_without_labels_says_what_is_missing():
    cgan = tiny_cgan()
    cgan.compile()
    with pytest.raises(DataError, match=r"\(images, labels\) batches but got images only"):
        cgan.fit(IMAGES, batch_size=8, epochs=1, steps_per_epoch=1, verbose=0)


def test_fakes_use_the_real_batch_labels():
    cgan = tiny_cgan()
    cgan.compile()
    seen = []
    original = cgan.generate_images

    def spy(z, condition=None, training=False):
        seen.append(condition)
        return original(z, condition, training)

    cgan.generate_images = spy
    cgan.compile(run_eagerly=True)
    labels = np.array([4, 4, 1, 1, 9, 9, 0, 0], np.int32)
    cgan.fit((IMAGES[:8], labels), batch_size=8, epochs=1, shuffle=False, verbose=0)
    assert len(seen) == 2
    for condition in seen:
        np.testing.assert_array_equal(np.asarray(condition), labels)


def test_conditional_export_signatures(tmp_path):
    cgan = tiny_cgan()
    cgan.compile()
    path = keras_gans.export.save_generator(cgan, str(tmp_path / "cgan"), allow_untrained=True)
    meta = keras_gans.export.load_metadata(path)
    assert meta["num_classes"] == 10 and meta["model"] == "ConditionalGAN"
    call = {
        "signature": "sample",
        "inputs": {"seed": [[3, 3], "int64"], "label": [[1, 8], "int64"]},
    }
    out = run_program("call_export", {"path": path, "calls": [call]})
    specs = {
        k: {n: [dtype, shape] for n, (dtype, shape) in v.items()} for k, v in out["specs"].items()
    }
    out = {"specs": specs, "a": out["results"][0]["images_uint8"]["values"]}
    assert out["specs"]["serving_default"] == {
        "z": ["float32", [None, 4]],
        "label": ["int64", [None]],
    }
    assert out["specs"]["sample"] == {"seed": ["int64", [None]], "label": ["int64", [None]]}
    a = np.array(out["a"])
    assert not np.array_equal(a[0], a[1])  # same seed, labels 1 and 8
    expected = keras_gans.utils.images.to_uint8(cgan.generate(1, labels=[8], seed=3))
    assert np.abs(a[1].astype(int) - expected[0].astype(int)).max() <= 1
    assert json.loads(json.dumps(meta))["signatures"] == ["sample", "serving_default"]


def test_cgan_is_in_the_registry():
    assert keras_gans.models.get("cgan") is keras_gans.models.ConditionalGAN
    assert isinstance(keras_gans.models.get("CGAN")(image_shape=(16, 16, 1)), keras.Model)


def test_arguments_the_chosen_loss_does_not_use_raise_instead_of_being_dropped():
    from keras_gans.errors import ArgumentError

    with pytest.raises(ArgumentError, match="generator loss follows loss='bce'; generator_loss='minimax' cannot apply"):  # fmt: skip
        tiny_cgan(generator_loss="minimax")
    with pytest.raises(ArgumentError, match="gp_weight=3.0 applies to loss='wgan-gp' only, not loss='hinge'"):  # fmt: skip
        tiny_cgan(loss="hinge", gp_weight=3.0)
    assert tiny_cgan(loss="wgan-gp", gp_weight=3.0).gp_weight == 3.0
    assert tiny_cgan().gp_weight == 10.0  # the default, kept in the config as before


@pytest.mark.slow
def test_cgan_projection_standard_checks(tmp_path):
    standard_model_checks(
        lambda: tiny_cgan(projection=True), (IMAGES, LABELS), tmp_path, export=False
    )


def test_cgan_projection_option_builds_and_saves_it(tmp_path):
    from tests.helpers import keras_round_trip

    cgan = tiny_cgan(projection=True)
    cgan.compile()
    assert cgan.discriminator.get_layer("projection").num_classes == 10
    cgan.fit(IMAGES, LABELS, batch_size=8, epochs=1, verbose=0)
    loaded = keras_round_trip(cgan, str(tmp_path / "m.keras"))
    assert loaded.projection and loaded.get_config()["projection"] is True


# ----------------------------------------------------------- auxiliary classifier
def test_classifier_losses_on_hand_outputs():
    # Outputs [logit, log p(label | image)]: the Wasserstein loss reads the first
    # column, the classifier's cross-entropy the second, times classifier_weight.
    cgan = tiny_cgan(loss="wgan-gp", classifier_weight=2.0)
    real = np.array([[1.0, np.log(0.5)], [3.0, np.log(0.25)]], "float32")
    fake = np.array([[0.5, np.log(0.8)], [-0.5, 0.0]], "float32")
    # (0 - 2) + 2 * (ln 2 + ln 4) / 2
    np.testing.assert_allclose(float(cgan.discriminator_loss(real, fake)), 0.0794415, atol=1e-6)
    # -0 + 2 * (-ln 0.8 - ln 1) / 2
    np.testing.assert_allclose(float(cgan.generator_loss(fake)), 0.2231436, atol=1e-6)
    np.testing.assert_array_equal(cgan.adversarial_logits(real), real[:, :1])
    # bce: the classifier adds exactly its weighted term to the plain loss of the logits
    bce, plain = tiny_cgan(classifier_weight=2.0), tiny_cgan()
    for m in (bce, plain):
        m.compile()
    with_term = float(bce.discriminator_loss(real, fake))
    np.testing.assert_allclose(
        with_term - float(plain.discriminator_loss(real[:, :1], fake[:, :1])), 2.0794415, atol=1e-5
    )


def test_the_classifier_head_gives_a_distribution_over_labels_and_no_label_to_the_logit():
    d = keras_gans.networks.conditional_discriminator((16, 16, 1), 10, filters=4, classifier=True)
    assert d.output_shape == (None, 2)
    images = np.repeat(IMAGES[:1], 10, axis=0)
    out = d.predict([images, np.arange(10)], verbose=0)
    np.testing.assert_allclose(out[:, 0], np.full(10, out[0, 0]), atol=1e-6)
    np.testing.assert_allclose(np.exp(out[:, 1]).sum(), 1.0, atol=1e-5)


def test_penalties_and_ada_read_the_logit_column_only():
    cgan = tiny_cgan(loss="wgan-gp", classifier_weight=1.0, r1_weight=1.0, augment="ada")
    cgan.compile()
    real, fake = tf.constant(IMAGES[:4]), tf.constant(IMAGES[4:8])
    labels = tf.constant(LABELS[:4])
    result = cgan.objective(real, fake, labels, critic_step=None)
    assert sorted(result.extras) == ["classifier", "gp", "r1", "wasserstein"]
    assert result.real_logits.shape == (4, 2)

    def critic(x):
        return cgan.discriminator([x, labels], training=True)[:, :1]

    r1 = keras_gans.features.zero_centred_penalty(critic, real).penalty
    np.testing.assert_allclose(float(result.extras["r1"]), float(r1), rtol=1e-5)
    np.testing.assert_allclose(
        float(result.extras["classifier"]), -float(np.mean(result.real_logits[:, 1])), rtol=1e-6
    )


def test_a_discriminator_without_the_classifier_column_is_refused():
    from keras_gans.errors import ArgumentError

    plain = keras_gans.networks.conditional_discriminator((16, 16, 1), 10, filters=4)
    with pytest.raises(ArgumentError, match=r"classifier_weight=1.0 ConditionalGAN's discriminator must output 2 column\(s\) per image \(\[logit, log p\(label \| image\)\]\), got output shape \(None, 1\)"):  # fmt: skip
        tiny_cgan(classifier_weight=1.0, discriminator=plain)
    with pytest.raises(ArgumentError, match="classifier_weight must be >= 0, got -1"):
        tiny_cgan(classifier_weight=-1)


@pytest.mark.slow
def test_cgan_classifier_standard_checks(tmp_path):
    standard_model_checks(
        lambda: tiny_cgan(loss="wgan-gp", classifier_weight=1.0),
        (IMAGES, LABELS),
        tmp_path,
        extra_logs=("gp", "wasserstein", "classifier"),
        constant_weights=("unconditional/bias",),  # the Wasserstein loss cancels it
        export=False,
    )
