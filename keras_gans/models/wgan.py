"""Wasserstein GANs: ``WGAN`` (weight clipping) and ``WGANGP`` (gradient penalty).

Both are DCGANs (same default networks and constructor arguments) trained with the
Wasserstein loss and 5 critic updates per generator update.
"""

import functools

import keras
import tensorflow as tf

from keras_gans import losses
from keras_gans.errors import ArgumentError
from keras_gans.features import clip_weights, lazy_weight
from keras_gans.models.dcgan import DCGAN
from keras_gans.models.objectives import DiscriminatorObjective, LazyPenalty


def wasserstein_gradient_penalty(model, real, fake, condition):
    """``losses.gradient_penalty`` of ``model``'s critic
    (``adversarial_logits(discriminate(x, condition))``) between ``real`` and ``fake``,
    the interpolation weights from ``model.noise_generator``."""

    def critic(x):
        return model.adversarial_logits(model.discriminate(x, condition, training=True))

    return losses.gradient_penalty(critic, real, fake, rng=model.noise_generator)


def penalized_wasserstein_objective(model, real, fake, condition, gp_weight):
    """WGAN-GP critic objective of ``model``: Wasserstein loss + ``gp_weight`` x penalty.

    The critic is ``model.adversarial_logits(model.discriminate(x, condition))``; the
    loss is ``model.discriminator_loss`` of the discriminator's outputs (the
    Wasserstein loss, plus any term of another head); the penalty's interpolation
    weights come from ``model.noise_generator`` (per replica). ``gp_weight=0`` skips
    the penalty (lazy regularisation's other updates, and the updates whose weight
    is a tensor: ``WGANGP.lazy_penalties`` adds those outside the tape).

    Returns:
        A ``DiscriminatorObjective`` with the discriminator's outputs as logits and
        extras ``{"gp": penalty, "wasserstein": mean(real) - mean(fake)}`` (``gp`` is
        0 where the penalty was skipped).
    """

    real_out = model.discriminate(real, condition, training=True)
    fake_out = model.discriminate(fake, condition, training=True)
    real_scores, fake_scores = (
        model.adversarial_logits(real_out),
        model.adversarial_logits(fake_out),
    )
    loss = model.discriminator_loss(real_out, fake_out)
    extras = {"wasserstein": -losses.wasserstein_discriminator_loss(real_scores, fake_scores)}
    if not gp_weight:
        extras["gp"] = tf.constant(0.0)
    else:
        extras["gp"] = wasserstein_gradient_penalty(model, real, fake, condition)
        loss = loss + gp_weight * extras["gp"]
    return DiscriminatorObjective(loss, real_out, fake_out, extras)


class _WassersteinGAN(DCGAN):
    """A DCGAN with the Wasserstein loss on both sides (not registered: abstract)."""

    default_d_steps = 5
    default_label_smoothing = 0.0
    default_update = "alternating"  # the papers' scheme (simultaneous: not measured)

    def __init__(self, *args, loss="wasserstein", generator_loss=None, **kwargs):
        # The loss is what makes the family: only its own name is accepted (saved
        # configs carry it); any other raises rather than being ignored.
        for what, value in (("loss", loss), ("generator_loss", generator_loss)):
            if value not in (None, "wasserstein"):
                raise ArgumentError(
                    f"{type(self).__name__} trains with the Wasserstein loss only; "
                    f"{what}={value!r} cannot apply (DCGAN takes other losses)."
                )
        super().__init__(*args, loss="wasserstein", **kwargs)

    def generator_mirrors_critic(self):
        # It holds for the two losses this class keeps; a subclass that replaces either
        # gets the second backward pass unless it says otherwise.
        cls = type(self)
        return all(
            getattr(cls, name) is getattr(_WassersteinGAN, name)
            for name in ("generator_loss", "discriminator_loss")
        )


@keras.saving.register_keras_serializable(package="keras_gans")
class WGAN(_WassersteinGAN):
    """WGAN: a critic with a linear output, its weights clipped after every update.

    Defaults follow the paper: ``clip_value=0.01``, RMSprop(5e-5) for both
    networks, 5 critic updates per generator update (``compile(d_steps=...)``).
    The clipping runs in the training graph, on the device, after each critic
    update. The critic is called ``discriminator`` in the API.

    The default critic has no normalization layers (``discriminator_normalization
    ="none"``): clipping a batch norm's scale to ``clip_value`` shrinks each
    normalised layer's output 100-fold, and with the DCGAN critic's three the
    generator's gradients (about 1e-12) fell under RMSprop's epsilon, so it did not
    learn (docs/models.md).

    Args:
        image_shape: ``(height, width, channels)``; optional when both
            networks are given.
        latent_dim: size of z (default: the given generator's input size, or 100).
        generator: a ``keras.Model`` instead of the default DCGAN generator.
        discriminator: the critic, a ``keras.Model`` with an unbounded output
            (default: DCGAN discriminator).
        clip_value: critic weights are clipped to ``[-clip_value, clip_value]``.
        generator_filters: width of the default generator's last hidden block.
        discriminator_filters: filters of the default critic's first convolution.
        seed: int seed of the training noise.
        **kwargs: passed to ``keras.Model``.

    Example:
    >>> wgan = keras_gans.models.WGAN(image_shape=(16, 16, 1), latent_dim=8,
    ...     generator_filters=8, discriminator_filters=8)
    >>> wgan.compile()
    >>> wgan.d_steps
    5

    Reference:
        Arjovsky et al., Wasserstein GAN (2017), https://arxiv.org/abs/1701.07875
    """

    default_discriminator_normalization = "none"

    def __init__(self, *args, clip_value=0.01, **kwargs):
        if not float(clip_value) > 0:
            raise ArgumentError(f"clip_value must be > 0, got {clip_value!r}.")
        super().__init__(*args, **kwargs)
        self.clip_value = float(clip_value)

    def default_optimizers(self):
        return keras.optimizers.RMSprop(5e-5), keras.optimizers.RMSprop(5e-5)

    def after_discriminator_update(self):
        clip_weights(self.discriminator.trainable_variables, self.clip_value)

    def get_config(self):
        return {**super().get_config(), "clip_value": self.clip_value}


@keras.saving.register_keras_serializable(package="keras_gans")
class WGANGP(_WassersteinGAN):
    """WGAN-GP: Wasserstein loss plus a gradient penalty on the critic, no clipping.

    Defaults follow the paper — ``gp_weight=10``, Adam(1e-4, beta_1=0, beta_2=0.9)
    for both networks, 5 critic updates per generator update, a critic without
    batch normalisation (layer norm) — except that the penalty is computed on one
    critic update per step with 5x the weight (``gp_every=5``, lazy
    regularisation; ``gp_every=1`` is the paper's every-update penalty). Logs ``d_loss``, ``g_loss``,
    ``gp`` (the penalty, unweighted) and ``wasserstein`` (the critic's estimate
    ``mean(real) - mean(fake)``).

    Args:
        image_shape: ``(height, width, channels)``; optional when both
            networks are given.
        latent_dim: size of z (default: the given generator's input size, or 100).
        generator: a ``keras.Model`` instead of the default DCGAN generator.
        discriminator: the critic (avoid batch norm: the penalty is per example).
        gp_weight: weight of the gradient penalty.
        gp_every: lazy regularisation: the penalty on every ``gp_every``-th
            critic update only (counted over the whole training, so with
            ``d_steps=5`` it is the last update of each step, and with
            ``d_steps=1`` every 5th step), its weight scaled up so the average
            stays ``gp_weight``. The default 5 is faster with a better FID on
            the digits (figures in docs/performance.md); 1 penalises every
            update, as the paper.
        generator_filters: width of the default generator's last hidden block.
        discriminator_filters: filters of the default critic's first convolution.
        seed: int seed of the training noise and the interpolation weights.
        **kwargs: passed to ``keras.Model``.

    Example:
    >>> gan = keras_gans.models.WGANGP(image_shape=(16, 16, 1), latent_dim=8,
    ...     generator_filters=8, discriminator_filters=8)
    >>> gan.compile()
    >>> float(gan.g_optimizer.beta_2)
    0.9

    Reference:
        Gulrajani et al., Improved Training of Wasserstein GANs (2017),
        https://arxiv.org/abs/1704.00028
    """

    default_discriminator_normalization = "layer"
    extra_log_names = ("gp", "wasserstein")

    def __init__(self, *args, gp_weight=10.0, gp_every=5, **kwargs):
        if not float(gp_weight) >= 0:
            raise ArgumentError(f"gp_weight must be >= 0, got {gp_weight!r}.")
        if isinstance(gp_every, bool) or not isinstance(gp_every, int) or gp_every < 1:
            raise ArgumentError(f"gp_every must be an int >= 1, got {gp_every!r}.")
        super().__init__(*args, **kwargs)
        self.gp_weight = float(gp_weight)
        self.gp_every = gp_every

    def default_optimizers(self):
        return (
            keras.optimizers.Adam(1e-4, beta_1=0.0, beta_2=0.9),
            keras.optimizers.Adam(1e-4, beta_1=0.0, beta_2=0.9),
        )

    def penalty_weight(self, critic_step):
        """The gradient penalty's weight in critic update ``critic_step`` of a step.

        With ``critic_step=None`` (no critic update in progress) it is ``gp_weight``,
        the paper's objective. In a critic update the update's number is
        ``d_optimizer.iterations + 1`` (1-based, so the penalised updates are the
        ``gp_every``-th, ``2 * gp_every``-th, ... with ``gp_every`` times the weight:
        ``features.lazy_weight``); when ``d_steps`` is a multiple of ``gp_every`` its
        residue is known from ``critic_step`` alone and the weight is a number,
        otherwise a tensor read from the optimizer.
        """
        if critic_step is None:
            return self.gp_weight
        if self.d_steps % self.gp_every == 0:
            return lazy_weight(self.gp_weight, self.gp_every, critic_step + 1)
        number = tf.convert_to_tensor(self.d_optimizer.iterations) + 1
        return lazy_weight(self.gp_weight, self.gp_every, number)

    def discriminator_objective(self, real, fake, condition=None, critic_step=None):
        """Wasserstein loss + penalty, weighted by ``penalty_weight(critic_step)``.

        Where that weight is a tensor (a schedule read from the optimizer), the
        objective leaves the penalty out (``gp`` 0) and ``lazy_penalties`` adds it on
        the penalised updates, outside the tape.
        """
        weight = self.penalty_weight(critic_step)
        return penalized_wasserstein_objective(
            self, real, fake, condition, 0.0 if tf.is_tensor(weight) else weight
        )

    def lazy_penalties(self, real, fake, condition, critic_step):
        """The gradient penalty, where its weight is read from the optimizer."""
        weight = self.penalty_weight(critic_step)
        if not tf.is_tensor(weight):
            return []
        value = functools.partial(wasserstein_gradient_penalty, self, real, fake, condition)
        return [LazyPenalty("gp", weight, value)]

    def get_config(self):
        return {**super().get_config(), "gp_weight": self.gp_weight, "gp_every": self.gp_every}
