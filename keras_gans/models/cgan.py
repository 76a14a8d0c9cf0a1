"""``ConditionalGAN``: a DCGAN that draws the class it is asked for."""

import dataclasses

import keras
import numpy as np
import tensorflow as tf

from keras_gans.errors import ArgumentError, DataError
from keras_gans.models.base import AdversarialModel
from keras_gans.models.gan import default_networks
from keras_gans.models.validation import MISSING_LABELS, labels_for_generate, unwrap_batch
from keras_gans.models.wgan import penalized_wasserstein_objective
from keras_gans.networks import conditional_discriminator, conditional_generator

DEFAULT_GP_WEIGHT = 10.0
# loss choice -> (discriminator loss in keras_gans.losses, d_steps, label smoothing,
# normalization of the default discriminator)
LOSSES = {
    "bce": ("bce", 1, 0.1, "batch"),
    "hinge": ("hinge", 1, 0.0, "batch"),
    "wgan-gp": ("wasserstein", 5, 0.0, "layer"),
}


@keras.saving.register_keras_serializable(package="keras_gans")
class ConditionalGAN(AdversarialModel):
    """Class-conditional DCGAN: ``generate(n, labels=[3] * n)`` draws threes.

    The generator sees ``concat(z, one_hot(label))``; the discriminator sees
    the image with the label's one-hot code as extra constant channels. Data
    are ``(images, labels)`` batches (``keras_gans.data.load(...,
    with_labels=True)``); the fakes of each step use the real batch's labels.

    ``loss`` picks the objective and its defaults: ``"bce"`` (label smoothing
    0.1, 1 discriminator step, Adam 2e-4/0.5, batch norm), ``"hinge"`` (same,
    no smoothing) or ``"wgan-gp"`` (Wasserstein + gradient penalty
    ``gp_weight``, 5 critic steps, Adam 1e-4 with betas 0/0.9, layer norm;
    logs ``gp`` and ``wasserstein``).

    ``classifier_weight > 0`` adds an auxiliary classifier (AC-GAN): the default
    discriminator sees the image alone and has a second head classifying it; its
    outputs are ``[logit, log p(label | image)]``. The discriminator's loss adds
    ``classifier_weight`` x the classifier's cross-entropy on the real batch (logged
    as ``classifier``), the generator's loss the same weight x its cross-entropy on
    the fakes with the labels they were drawn for. Penalties and ADA read the logit
    column only. The classifier learns from real images alone, so it cannot be
    satisfied by fakes it was taught to accept.

    Args:
        image_shape: ``(height, width, channels)``; optional when both
            networks are given.
        num_classes: number of labels.
        latent_dim: size of z (default: the given generator's, or 100).
        loss: ``"bce"``, ``"hinge"`` or ``"wgan-gp"``.
        generator: a ``keras.Model`` taking ``[z, label]``, instead of the default.
        discriminator: a ``keras.Model`` taking ``[images, label]``.
        generator_filters: width of the default generator's last hidden block.
        discriminator_filters: filters of the default discriminator's first convolution.
        gp_weight: gradient-penalty weight (``loss="wgan-gp"`` only; default 10).
        projection: the default discriminator is a projection discriminator
            (``conditional_discriminator(projection=True)``) instead of label channels.
        classifier_weight: weight of the auxiliary classifier's cross-entropy (0, the
            default: no classifier). A given discriminator must then output
            ``[b, 2]`` as ``conditional_discriminator(classifier=True)`` does.
        seed: int seed of the training noise.
        **kwargs: passed to ``keras.Model``.

    Example:
    >>> cgan = keras_gans.models.ConditionalGAN(image_shape=(16, 16, 1), num_classes=10,
    ...     latent_dim=8, generator_filters=8, discriminator_filters=8)
    >>> cgan.compile()
    >>> cgan.generate(4, labels=[3, 3, 7, 7], seed=0).shape
    (4, 16, 16, 1)

    Reference:
        Mirza and Osindero, Conditional Generative Adversarial Nets (2014),
        https://arxiv.org/abs/1411.1784; Odena, Olah and Shlens, Conditional Image
        Synthesis with Auxiliary Classifier GANs (2017), https://arxiv.org/abs/1610.09585
    """

    conditional = True

    def __init__(
        self,
        image_shape=None,
        num_classes=10,
        latent_dim=None,
        loss="bce",
        generator=None,
        discriminator=None,
        generator_filters=64,
        discriminator_filters=64,
        gp_weight=None,
        projection=False,
        classifier_weight=0.0,
        seed=None,
        **kwargs,
    ):
        if loss not in LOSSES:
            raise ArgumentError(f"Unknown loss {loss!r}; choose from {sorted(LOSSES)}")
        generator_loss = kwargs.pop("generator_loss", None)
        if generator_loss is not None:
            raise ArgumentError(
                f"ConditionalGAN's generator loss follows loss={loss!r}; "
                f"generator_loss={generator_loss!r} cannot apply."
            )
        if loss != "wgan-gp" and gp_weight is not None and float(gp_weight) != DEFAULT_GP_WEIGHT:
            raise ArgumentError(
                f"gp_weight={gp_weight!r} applies to loss='wgan-gp' only, not loss={loss!r}."
            )
        gp_weight = DEFAULT_GP_WEIGHT if gp_weight is None else gp_weight
        if isinstance(classifier_weight, bool) or not float(classifier_weight) >= 0:
            raise ArgumentError(f"classifier_weight must be >= 0, got {classifier_weight!r}.")
        self.classifier_weight = float(classifier_weight)
        base_loss, d_steps, smoothing, normalization = LOSSES[loss]
        self.conditional_loss = loss
        self.default_d_steps = d_steps
        self.default_label_smoothing = smoothing
        self.extra_log_names = ("gp", "wasserstein") if loss == "wgan-gp" else ()
        if self.classifier_weight:
            self.extra_log_names += ("classifier",)
        image_shape, latent_dim, generator, discriminator = default_networks(
            image_shape,
            latent_dim,
            generator,
            discriminator,
            lambda n, s: conditional_generator(n, num_classes, s, generator_filters),
            lambda s: conditional_discriminator(
                s,
                num_classes,
                discriminator_filters,
                normalization=normalization,
                projection=projection,
                classifier=self.classifier_weight > 0,
            ),
        )
        self.num_classes = int(num_classes)
        super().__init__(
            generator, discriminator, latent_dim=latent_dim, loss=base_loss, seed=seed, **kwargs
        )
        if not float(gp_weight) >= 0:
            raise ArgumentError(f"gp_weight must be >= 0, got {gp_weight!r}.")
        self.gp_weight = float(gp_weight)
        self.projection = bool(projection)
        self.generator_filters = generator_filters
        self.discriminator_filters = discriminator_filters

    @staticmethod
    def _latent_size_of(generator):
        return generator.input_shape[0][-1]

    def _check_networks_fit(self):
        for role, net in (("generator", self.generator), ("discriminator", self.discriminator)):
            if net.built and not (isinstance(net.input_shape, list) and len(net.input_shape) == 2):
                raise ArgumentError(
                    f"ConditionalGAN's {role} must take two inputs ([z or images, label]), "
                    f"got input shape {net.input_shape}."
                )
        outputs = self.discriminator.output_shape[-1] if self.discriminator.built else None
        expected = 2 if self.classifier_weight else 1
        if outputs is not None and outputs != expected:
            raise ArgumentError(
                f"With classifier_weight={self.classifier_weight!r} ConditionalGAN's "
                f"discriminator must output {expected} column(s) per image "
                f"({'[logit, log p(label | image)]' if expected == 2 else '[logit]'}), "
                f"got output shape {self.discriminator.output_shape}."
            )

    def default_optimizers(self):
        if self.conditional_loss == "wgan-gp":
            return (
                keras.optimizers.Adam(1e-4, beta_1=0.0, beta_2=0.9),
                keras.optimizers.Adam(1e-4, beta_1=0.0, beta_2=0.9),
            )
        return super().default_optimizers()

    # -------------------------------------------------------------- training
    def unpack(self, data):
        data = unwrap_batch(data)
        if not (isinstance(data, (tuple, list)) and len(data) >= 2):
            raise DataError(MISSING_LABELS.format(type(self).__name__))
        images, _ = super().unpack(data)
        labels = tf.reshape(tf.cast(data[1], tf.int32), [-1])
        return images, labels

    def generate_images(self, z, condition=None, training=False):
        z = tf.convert_to_tensor(z)
        generator = self.generator_for(training)
        return generator([z, tf.cast(condition, tf.int32)], training=training)

    def discriminate(self, images, condition=None, training=True):
        images = self.augment_images(tf.convert_to_tensor(images), training)
        return self.discriminator([images, tf.cast(condition, tf.int32)], training=training)

    def adversarial_logits(self, outputs):
        """The logit column of the discriminator's outputs (all of them without the
        classifier)."""
        return outputs[:, :1] if self.classifier_weight else outputs

    def classifier_loss(self, outputs):
        """The classifier's cross-entropy: ``-mean(log p(label | image))``, the
        outputs' second column (0 without the classifier)."""
        if not self.classifier_weight:
            return tf.constant(0.0)
        return -tf.reduce_mean(tf.cast(outputs[:, 1], tf.float32))

    def discriminator_loss(self, real_logits, fake_logits):
        """The chosen loss on the logit column, plus ``classifier_weight`` x the
        classifier's cross-entropy on the real images."""
        adversarial = super().discriminator_loss(
            self.adversarial_logits(real_logits), self.adversarial_logits(fake_logits)
        )
        if not self.classifier_weight:
            return adversarial
        return adversarial + self.classifier_weight * self.classifier_loss(real_logits)

    def generator_loss(self, fake_logits):
        """The chosen generator loss on the logit column, plus ``classifier_weight`` x
        the classifier's cross-entropy on the fakes (their drawn labels)."""
        adversarial = super().generator_loss(self.adversarial_logits(fake_logits))
        if not self.classifier_weight:
            return adversarial
        return adversarial + self.classifier_weight * self.classifier_loss(fake_logits)

    def discriminator_objective(self, real, fake, condition=None, critic_step=None):
        if self.conditional_loss == "wgan-gp":  # the penalty on every critic update
            result = penalized_wasserstein_objective(self, real, fake, condition, self.gp_weight)
        else:
            result = super().discriminator_objective(real, fake, condition, critic_step)
        if self.classifier_weight:
            extras = {**result.extras, "classifier": self.classifier_loss(result.real_logits)}
            result = dataclasses.replace(result, extras=extras)
        return result

    def call(self, inputs, training=False):
        """Runs the generator on ``[z, labels]``."""
        return self.generator(inputs, training=training)

    # ------------------------------------------------------------- inference
    def check_labels(self, labels, n):
        """``labels`` as int32 ``[n]`` (default: 0, 1, ..., cycling); raises on bad ones."""
        return labels_for_generate(labels, n, self.num_classes).astype(np.int32)

    def get_config(self):
        config = super().get_config()
        config.pop("generator_loss")
        config.update(
            {
                "image_shape": self.image_shape,
                "num_classes": self.num_classes,
                "loss": self.conditional_loss,
                "generator_filters": self.generator_filters,
                "discriminator_filters": self.discriminator_filters,
                "gp_weight": self.gp_weight,
                "projection": self.projection,
                "classifier_weight": self.classifier_weight,
            }
        )
        return config
