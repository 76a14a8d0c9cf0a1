"""``Pix2Pix``: paired image-to-image translation (U-Net generator, PatchGAN, GAN + L1 loss)."""

import keras
import tensorflow as tf

from keras_gans import losses
from keras_gans.errors import ArgumentError
from keras_gans.models.naming import in_name_scope
from keras_gans.models.translation import TranslationModel, psnr
from keras_gans.networks import patchgan_discriminator, unet_generator
from keras_gans.networks.validation import check_image_shape


@keras.saving.register_keras_serializable(package="keras_gans")
class Pix2Pix(TranslationModel):
    """pix2pix: learns ``input -> target`` from aligned pairs.

    Each step runs the U-Net once on the inputs; the PatchGAN judges
    ``(input, target)`` and ``(input, generated)`` pairs. The discriminator
    minimises half the BCE loss over every patch logit (the paper halves it to
    slow the discriminator down); the generator minimises the non-saturating
    GAN loss plus ``l1_weight`` times the L1 distance to the target. Both
    networks update in the same step from that one forward pass, as in the
    paper's code. ``fit`` logs ``d_loss``, ``g_loss`` (the total), ``g_gan`` and
    ``l1``; with ``validation_data`` also ``val_l1`` and ``val_psnr`` (dB).

    ``translate`` runs the generator in inference mode (dropout off, batch norm
    on its moving statistics), so the same input gives the same output; the
    paper keeps dropout on at test time as its noise source.

    Args:
        image_shape: input ``(height, width, channels)``.
        target_channels: channels of the targets (default: the input's).
        l1_weight: weight of the L1 term (the paper's lambda, 100).
        generator: a ``keras.Model`` from inputs to targets, instead of the U-Net.
        discriminator: a ``keras.Model`` taking ``[input, image]``, instead of the PatchGAN.
        generator_filters: filters of the U-Net's first block.
        discriminator_filters: filters of the PatchGAN's first convolution.
        discriminator_layers: stride-2 layers of the PatchGAN (3: 70x70 patches).
        depth: U-Net downsamplings (default: down to 1x1).
        normalization: of both default networks: ``"batch"`` (the paper's),
            ``"instance"`` (what batch norm at batch size 1 computes; the same
            in training and inference) or ``"none"``.
        **kwargs: passed to ``keras.Model``.

    Example:
    >>> import numpy as np
    >>> p2p = keras_gans.models.Pix2Pix((32, 32, 1), target_channels=3,
    ...     generator_filters=8, discriminator_filters=8)
    >>> p2p.compile()
    >>> p2p.translate(np.zeros((2, 32, 32, 1), "float32")).shape
    (2, 32, 32, 3)

    Reference:
        Isola et al., Image-to-Image Translation with Conditional Adversarial
        Networks (2017), https://arxiv.org/abs/1611.07004
    """

    def __init__(
        self,
        image_shape=None,
        target_channels=None,
        l1_weight=100.0,
        generator=None,
        discriminator=None,
        generator_filters=64,
        discriminator_filters=64,
        discriminator_layers=3,
        depth=None,
        normalization="batch",
        **kwargs,
    ):
        super().__init__(**kwargs)
        if image_shape is None:
            if generator is None:
                raise ArgumentError("Pix2Pix needs image_shape (or a generator to read it from).")
            image_shape = generator.input_shape[1:]
        image_shape = check_image_shape(image_shape)
        if generator is None:
            generator = in_name_scope(
                "generator",
                unet_generator,
                image_shape,
                target_channels,
                generator_filters,
                depth=depth,
                normalization=normalization,
                name="generator",
            )
        target_shape = tuple(generator.output_shape[1:])
        if target_channels is not None and target_shape[-1] != target_channels:
            raise ArgumentError(
                f"target_channels={target_channels} but the generator makes {target_shape[-1]}."
            )
        if discriminator is None:
            discriminator = in_name_scope(
                "discriminator",
                patchgan_discriminator,
                target_shape,
                image_shape,
                discriminator_filters,
                discriminator_layers,
                normalization=normalization,
                name="discriminator",
            )
        if not float(l1_weight) >= 0:
            raise ArgumentError(f"l1_weight must be >= 0, got {l1_weight!r}.")
        self.generator = generator
        self.discriminator = discriminator
        self.domain_shapes = (image_shape, target_shape)
        self.target_channels = target_shape[-1]
        self.l1_weight = float(l1_weight)
        self.generator_filters = generator_filters
        self.discriminator_filters = discriminator_filters
        self.discriminator_layers = discriminator_layers
        self.depth = depth
        self.normalization = normalization
        self.setup_trackers(("d_loss", "g_loss", "g_gan", "l1"), ("l1", "psnr"))
        self.g_optimizer = None
        self.d_optimizer = None
        self.built = True

    @property
    def target_shape(self):
        """Shape of the targets (and the generated images)."""
        return self.domain_shapes[1]

    def translators(self):
        return {"a2b": self.generator}

    def train_step(self, data):
        x, y = self.unpack(data)
        with tf.GradientTape() as g_tape, tf.GradientTape() as d_tape:
            fake = self.generator(x, training=True)
            real_logits = self.discriminator([x, y], training=True)
            fake_logits = self.discriminator([x, fake], training=True)
            d_loss = 0.5 * losses.bce_discriminator_loss(
                real_logits, fake_logits, self.label_smoothing
            )
            g_gan = losses.non_saturating_generator_loss(fake_logits)
            l1 = losses.l1_loss(y, fake)
            g_loss = g_gan + self.l1_weight * l1
            g_scaled = self.scaled_loss(g_loss, self.g_optimizer)
            d_scaled = self.scaled_loss(d_loss, self.d_optimizer)
        self.apply_loss(d_tape, d_scaled, self.d_optimizer, self.discriminator_variables())
        self.apply_loss(g_tape, g_scaled, self.g_optimizer, self.generator_variables())
        values = {"d_loss": d_loss, "g_loss": g_loss, "g_gan": g_gan, "l1": l1}
        return self.record(self.train_trackers, values)

    def test_step(self, data):
        x, y = self.unpack(data)
        fake = self.generator(x, training=False)
        values = {"l1": losses.l1_loss(y, fake), "psnr": tf.reduce_mean(psnr(y, fake))}
        return self.record(self.eval_trackers, values, tf.shape(x)[0])

    def export_networks(self):
        return {"generator": self.generator}

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "image_shape": self.image_shape,
                "target_channels": self.target_channels,
                "l1_weight": self.l1_weight,
                "generator": keras.saving.serialize_keras_object(self.generator),
                "discriminator": keras.saving.serialize_keras_object(self.discriminator),
                "generator_filters": self.generator_filters,
                "discriminator_filters": self.discriminator_filters,
                "discriminator_layers": self.discriminator_layers,
                "depth": self.depth,
                "normalization": self.normalization,
            }
        )
        return config

    @classmethod
    def from_config(cls, config):
        return cls(**cls.deserialize_networks(config, ("generator", "discriminator")))
