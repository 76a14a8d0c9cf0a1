"""The model hooks' contract: a named record from ``discriminator_objective``."""

import os

import numpy as np
import pytest
import tensorflow as tf

import keras_gans
from keras_gans.models.objectives import UPDATES
from tests.helpers import ROOT
from tests.test_docs import BLOCK

TUTORIAL = os.path.join(ROOT, "docs", "tutorials", "custom_gan.md")


def tutorial_namespace():
    """The custom-GAN tutorial's first two code blocks (imports and the R1GAN class)."""
    blocks = BLOCK.findall(open(TUTORIAL).read())
    namespace = {}
    exec(compile("\n".join(blocks[:2]), TUTORIAL, "exec"), namespace)
    return namespace


def tiny_networks():
    g = keras_gans.networks.dcgan_generator(8, (8, 8, 1), filters=8)
    d = keras_gans.networks.dcgan_discriminator((8, 8, 1), filters=8, num_layers=2)
    return g, d


DATA = np.random.RandomState(0).uniform(-1, 1, (8, 8, 8, 1)).astype("float32")


@pytest.mark.parametrize("update", UPDATES)
def test_the_tutorials_r1_gan_trains_under_every_update_scheme(update):
    R1GAN = tutorial_namespace()["R1GAN"]
    gan = R1GAN(*tiny_networks(), r1_weight=1.0, seed=0)
    gan.compile(update=update)
    d_before = [w.numpy() for w in gan.discriminator.trainable_weights]
    history = gan.fit(DATA, batch_size=4, epochs=1, verbose=0)
    assert sorted(history.history) == ["d_loss", "g_loss", "loss", "r1"]
    assert history.history["r1"][0] > 0 and np.isfinite(history.history["d_loss"][0])
    assert int(gan.g_optimizer.iterations) == 2 and int(gan.d_optimizer.iterations) == 2
    moved = [not np.array_equal(a, w.numpy()) for a, w in zip(d_before, gan.discriminator.trainable_weights, strict=True)]  # fmt: skip
    assert any(moved)


class TupleGAN(keras_gans.models.AdversarialModel):
    """Returns the old (loss, dict) pair instead of the record."""

    def discriminator_objective(self, real, fake, condition=None, critic_step=None):
        result = super().discriminator_objective(real, fake, condition, critic_step)
        return result.loss, {}


class WrongExtrasGAN(keras_gans.models.AdversarialModel):
    extra_log_names = ("r1",)

    def discriminator_objective(self, real, fake, condition=None, critic_step=None):
        result = super().discriminator_objective(real, fake, condition, critic_step)
        return keras_gans.models.DiscriminatorObjective(
            result.loss, result.real_logits, result.fake_logits, {"penalty": result.loss}
        )


def test_a_hook_that_returns_something_else_is_named_as_the_bug():
    gan = TupleGAN(*tiny_networks())
    gan.compile()
    with pytest.raises(TypeError, match="TupleGAN.discriminator_objective must return .*DiscriminatorObjective.*got tuple"):  # fmt: skip
        gan.fit(DATA, batch_size=4, epochs=1, verbose=0)


def test_extras_must_match_the_logged_names():
    gan = WrongExtrasGAN(*tiny_networks())
    gan.compile()
    with pytest.raises(TypeError, match=r"returned extras \['penalty'\] but .*extra_log_names is \['r1'\]"):  # fmt: skip
        gan.fit(DATA, batch_size=4, epochs=1, verbose=0)


class StepRecorder(keras_gans.models.AdversarialModel):
    """Records each critic_step the schemes pass (eagerly)."""

    def discriminator_objective(self, real, fake, condition=None, critic_step=None):
        self.steps_seen.append(critic_step)
        return super().discriminator_objective(real, fake, condition, critic_step)


@pytest.mark.parametrize("update", UPDATES)
def test_critic_step_counts_the_critic_updates_of_a_step(update):
    gan = StepRecorder(*tiny_networks())
    gan.steps_seen = []
    gan.compile(d_steps=3, update=update, run_eagerly=True)
    gan.fit(DATA[:4], batch_size=4, epochs=1, verbose=0)
    assert gan.steps_seen == [0, 1, 2]
    assert gan.discriminator_objective(DATA[:2], DATA[2:4]).loss.shape == ()
    assert gan.steps_seen[-1] is None  # outside train_step


def test_wgangp_penalty_weight_follows_critic_step():
    g, d = tiny_networks()
    gan = keras_gans.models.WGANGP(generator=g, discriminator=d, gp_weight=2.0, gp_every=5)
    gan.compile(d_steps=5)
    real, fake = tf.constant(DATA[:4]), tf.constant(DATA[4:])
    full = gan.discriminator_objective(real, fake)  # critic_step None: the paper's objective
    skipped = gan.discriminator_objective(real, fake, critic_step=0)
    lazy = gan.discriminator_objective(real, fake, critic_step=4)
    w = float(-full.extras["wasserstein"])
    assert float(skipped.loss) == pytest.approx(w, rel=1e-5) and float(skipped.extras["gp"]) == 0
    assert float(full.loss) == pytest.approx(w + 2.0 * float(full.extras["gp"]), rel=1e-5)
    assert float(lazy.loss) == pytest.approx(w + 10.0 * float(lazy.extras["gp"]), rel=1e-5)
