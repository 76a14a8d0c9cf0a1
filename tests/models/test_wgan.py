import keras
import numpy as np
import pytest

import keras_gans
from tests.helpers import standard_model_checks

DATA = np.random.RandomState(0).uniform(-1, 1, (16, 16, 16, 1)).astype("float32")


def tiny(cls, **kwargs):
    return cls(
        image_shape=(16, 16, 1),
        latent_dim=4,
        generator_filters=4,
        discriminator_filters=4,
        seed=1,
        **kwargs,
    )


def test_wgan_standard_checks(tmp_path):
    # clip_value 0.01 on a 4-filter critic leaves some generator weights unmoved after
    # two steps: a wider box lets two steps move every weight.
    standard_model_checks(
        lambda: tiny(keras_gans.models.WGAN, clip_value=0.5),
        DATA,
        tmp_path,
        constant_weights=("logits/bias",),
    )


# Slow: the fast subset trains WGAN-GP 20 steps (tests/runs/test_precision.py) and checks
# its penalty by hand (tests/test_losses.py); GAN, DCGAN, WGAN and cgan pass
# the standard checks there.
@pytest.mark.slow
def test_wgangp_standard_checks(tmp_path):
    standard_model_checks(
        lambda: tiny(keras_gans.models.WGANGP),
        DATA,
        tmp_path,
        extra_logs=("gp", "wasserstein"),
        constant_weights=("logits/bias",),
    )


def test_wgan_defaults_and_clipping_after_every_critic_step():
    wgan = tiny(keras_gans.models.WGAN, clip_value=0.005)
    wgan.compile()
    assert wgan.d_steps == 5
    assert isinstance(wgan.d_optimizer, keras.optimizers.RMSprop)
    assert float(wgan.d_optimizer.learning_rate) == pytest.approx(5e-5)
    # a huge learning rate pushes weights far outside the box before clipping
    wgan.compile(d_optimizer=keras.optimizers.SGD(10.0))
    wgan.fit(DATA, batch_size=8, epochs=1, steps_per_epoch=2, verbose=0)
    weights = np.concatenate([w.numpy().ravel() for w in wgan.discriminator.trainable_weights])
    assert np.abs(weights).max() <= 0.005 + 1e-7
    assert np.isclose(np.abs(weights).max(), 0.005)
    assert int(wgan.d_optimizer.iterations) == 5 * int(wgan.g_optimizer.iterations) == 10


def test_wgan_default_critic_has_no_normalization_so_the_generator_learns():
    # With batch norm, the clipped scales (0.01) made the critic's output ~1e-6 and the
    # generator's gradients ~1e-12, below RMSprop's epsilon: it moved by ~1e-11.
    wgan = keras_gans.models.WGAN(image_shape=(16, 16, 1), latent_dim=8, seed=1)
    kinds = {type(layer).__name__ for layer in wgan.discriminator.layers}
    assert not kinds & {"BatchNormalization", "LayerNormalization"}
    assert wgan.get_config()["discriminator_normalization"] == "none"
    wgan.compile()
    before = [w.numpy() for w in wgan.generator.trainable_weights]
    wgan.fit(DATA, batch_size=8, epochs=1, steps_per_epoch=2, verbose=0)
    after = [w.numpy() for w in wgan.generator.trainable_weights]
    moved = max(np.abs(a - b).max() for a, b in zip(after, before, strict=True))
    assert moved > 1e-5  # two RMSprop(5e-5) steps move some weight by about 1e-4


def test_wgangp_defaults_critic_without_batch_norm():
    gan = tiny(keras_gans.models.WGANGP)
    gan.compile()
    assert gan.d_steps == 5 and gan.gp_weight == 10.0
    opt = gan.d_optimizer
    assert isinstance(opt, keras.optimizers.Adam) and float(opt.learning_rate) == pytest.approx(
        1e-4
    )
    assert float(opt.beta_1) == 0.0 and float(opt.beta_2) == pytest.approx(0.9)
    kinds = {type(layer).__name__ for layer in gan.discriminator.layers}
    assert "BatchNormalization" not in kinds and "LayerNormalization" in kinds
    assert [m.name for m in gan.metrics] == ["d_loss", "g_loss", "gp", "wasserstein", "loss"]


def test_wgangp_d_loss_is_wasserstein_plus_weighted_penalty():
    gan = tiny(keras_gans.models.WGANGP, gp_weight=3.0)
    real = DATA[:4]
    fake = gan.generate(4, seed=0)
    result = gan.discriminator_objective(real, fake)
    extras = result.extras
    assert float(result.loss) == pytest.approx(
        float(-extras["wasserstein"] + 3.0 * extras["gp"]), rel=1e-5
    )
    assert float(extras["gp"]) > 0


def test_bad_arguments():
    with pytest.raises(ValueError, match="clip_value must be > 0"):
        tiny(keras_gans.models.WGAN, clip_value=0)
    with pytest.raises(ValueError, match="gp_weight must be >= 0"):
        tiny(keras_gans.models.WGANGP, gp_weight=-1)
    with pytest.raises(ValueError, match="Unknown normalization 'group'"):
        keras_gans.networks.dcgan_discriminator((16, 16, 1), normalization="group")


@pytest.mark.parametrize("cls", [keras_gans.models.WGAN, keras_gans.models.WGANGP])
def test_an_argument_the_family_cannot_honour_raises_instead_of_being_dropped(cls):
    name = cls.__name__
    with pytest.raises(keras_gans.errors.ArgumentError, match=f"^{name} trains with the Wasserstein loss only; loss='hinge' cannot apply"):  # fmt: skip
        tiny(cls, loss="hinge")
    with pytest.raises(keras_gans.errors.ArgumentError, match="generator_loss='minimax' cannot apply"):  # fmt: skip
        tiny(cls, generator_loss="minimax")
    assert tiny(cls, loss="wasserstein").loss_name == "wasserstein"  # its own loss: accepted
