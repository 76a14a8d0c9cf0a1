"""``StyleGAN2``: mapping network, modulated convolutions, noise inputs, style mixing, lazy
R1 and path-length regularisation, EMA generator and truncation (Karras et al. 2020)."""

import keras
import numpy as np
import tensorflow as tf

from keras_gans.errors import ArgumentError
from keras_gans.features import (
    assign_across_replicas,
    lazily_added_gradients,
    lazy_weight,
    path_length_penalty,
)
from keras_gans.models.base import AdversarialModel
from keras_gans.models.gan import default_networks
from keras_gans.models.sampling import Truncated, generate_in_batches
from keras_gans.networks import (
    broadcast_w,
    mix_styles,
    noise_shapes,
    stylegan2_discriminator,
    stylegan2_generator,
    stylegan2_parts,
    synthesize_const,
    truncate,
)

DEFAULT_LATENT_DIM = 128
NOISE_MODES = ("const", "random")


def _check_fraction(value, what, low_open=False):
    value = float(value)
    if not (0.0 < value if low_open else 0.0 <= value) or value > 1.0:
        raise ArgumentError(f"{what} must be in {'(0' if low_open else '[0'}, 1], got {value!r}.")
    return value


@keras.saving.register_keras_serializable(package="keras_gans")
class StyleGAN2(AdversarialModel):
    """StyleGAN2: a style-based generator and a residual discriminator, trained by ``fit``.

    The generator (``networks.stylegan2_generator``) maps z through an 8-layer mapping
    network to w, and a synthesis network of modulated, demodulated 3x3 convolutions
    with noise inputs draws the image from a learned constant. Training uses the
    non-saturating logistic loss, lazy R1 (``r1_weight`` every ``r1_every``
    discriminator updates), lazy path-length regularisation (``pl_weight`` every
    ``pl_every`` generator updates), style mixing (probability ``style_mixing``) and
    random noise images; samples and exports come from the EMA generator with fixed
    noise. ``fit`` logs ``d_loss``, ``g_loss``, ``r1`` and ``pl`` (the unweighted
    penalties, 0 on the updates that skip them).

    Args:
        image_shape: ``(side, side, channels)``, side a power of 2 >= 8 (16, 32, 64).
        latent_dim: size of z (default 128, or the given generator's).
        generator: a generator from ``networks.stylegan2_generator`` (default: built).
        discriminator: a ``keras.Model`` mapping images to logits (default:
            ``networks.stylegan2_discriminator``).
        w_dim: size of w (default: ``latent_dim``).
        mapping_layers: dense layers of the mapping network (8).
        channel_base: channels at resolution r are ``min(channel_base // r, channel_max)``
            in both default networks.
        channel_max: the most channels of any block.
        minibatch_std: group size of the default discriminator's minibatch std layer.
        style_mixing: probability that a training batch mixes two ws at a random layer.
        pl_weight: weight of the path-length penalty (0: off).
        pl_every: apply it on every k-th generator update, k times weighted.
        pl_decay: how fast the path lengths' running mean moves.
        w_avg_decay: decay of the running mean of w that truncation uses.
        r1_weight: gamma of the R1 penalty (the paper's heuristic for 32x32 and batch
            32 gives about 0.01; see docs/models.md for this default).
        r1_every: apply R1 on every k-th discriminator update, k times weighted.
        ema_decay: decay of the EMA generator (None: sample from the raw one).
        seed: int seed of the training noise.
        **kwargs: ``loss``, ``augment``, ``ada_target``, ``r2_weight`` and
            ``keras.Model`` arguments, as ``AdversarialModel`` takes them.

    Example:
    >>> gan = keras_gans.models.StyleGAN2(image_shape=(16, 16, 1), latent_dim=8,
    ...     mapping_layers=2, channel_base=32, channel_max=8)
    >>> gan.compile()
    >>> gan.generate(2, seed=0, truncation_psi=0.7).shape
    (2, 16, 16, 1)

    Reference:
        Karras et al., Analyzing and Improving the Image Quality of StyleGAN (2020),
        https://arxiv.org/abs/1912.04958
    """

    # the StyleGAN2 export signatures (export.signatures.styled_signatures)
    styled = True
    # generate and generate_images take a truncation_psi (so do StyleGAN2 exports)
    truncatable = True

    def __init__(
        self,
        image_shape=None,
        latent_dim=None,
        generator=None,
        discriminator=None,
        w_dim=None,
        mapping_layers=8,
        channel_base=1024,
        channel_max=128,
        minibatch_std=4,
        style_mixing=0.9,
        pl_weight=2.0,
        pl_every=4,
        pl_decay=0.01,
        w_avg_decay=0.995,
        r1_weight=0.1,
        r1_every=16,
        ema_decay=0.999,
        seed=None,
        **kwargs,
    ):
        if latent_dim is None and generator is None:
            latent_dim = DEFAULT_LATENT_DIM
        image_shape, latent_dim, generator, discriminator = default_networks(
            image_shape,
            latent_dim,
            generator,
            discriminator,
            lambda n, s: stylegan2_generator(
                n, s, w_dim, mapping_layers, 0.01, channel_base, channel_max
            ),
            lambda s: stylegan2_discriminator(s, channel_base, channel_max, minibatch_std),
        )
        stylegan2_parts(generator)  # a clear error for a generator of another kind
        self.style_mixing = _check_fraction(style_mixing, "style_mixing")
        self.pl_decay = _check_fraction(pl_decay, "pl_decay", low_open=True)
        self.w_avg_decay = _check_fraction(w_avg_decay, "w_avg_decay")
        if not float(pl_weight) >= 0:
            raise ArgumentError(f"pl_weight must be >= 0, got {pl_weight!r}.")
        if isinstance(pl_every, bool) or not isinstance(pl_every, int) or pl_every < 1:
            raise ArgumentError(f"pl_every must be an int >= 1, got {pl_every!r}.")
        super().__init__(
            generator,
            discriminator,
            latent_dim=latent_dim,
            seed=seed,
            r1_weight=r1_weight,
            r1_every=r1_every,
            ema_decay=ema_decay,
            **kwargs,
        )
        self.w_dim = stylegan2_parts(generator).w_dim
        self.mapping_layers = int(mapping_layers)
        self.channel_base = int(channel_base)
        self.channel_max = int(channel_max)
        self.minibatch_std = int(minibatch_std)
        self.pl_weight = float(pl_weight)
        self.pl_every = pl_every
        self.pl_tracker = keras.metrics.Mean(name="pl")
        with self.distribute_strategy.scope():
            self.pl_mean = self.add_weight(
                shape=(), initializer="zeros", trainable=False, name="pl_mean"
            )

    # -------------------------------------------------------------- optimizers
    def default_optimizers(self):
        """Adam(0.0025, betas (0, 0.99)) for both, adjusted for the lazy regularisers as in
        the paper: learning rate and beta_2 exponent times ``k / (k + 1)``."""

        def adam(every):
            ratio = every / (every + 1)
            return keras.optimizers.Adam(
                0.0025 * ratio, beta_1=0.0, beta_2=0.99**ratio, epsilon=1e-8
            )

        return adam(self.pl_every if self.pl_weight else 1), adam(self.r1_every)

    # ----------------------------------------------------------------- parts
    def parts_of(self, training):
        """``networks.StyleGAN2Parts`` of the raw generator (training) or the sampling one."""
        return stylegan2_parts(self.generator_for(training))

    @property
    def num_ws(self):
        """How many w vectors the synthesis network takes (one per style input)."""
        return stylegan2_parts(self.generator).num_ws

    def noise_images(self, batch_size):
        """Random noise inputs of the synthesis network, from the training noise generator."""
        return [
            self.noise_generator.normal([batch_size, r, r, 1])
            for r in noise_shapes(self.image_shape)
        ]

    def training_ws(self, z):
        """Per-layer ws of a training batch: w of ``z``, and with probability
        ``style_mixing`` the layers from a random crossover on taken from a second z.

        Returns:
            ``(ws [batch, num_ws, w_dim], w [batch, w_dim])``.
        """
        parts = self.parts_of(True)
        w = parts.mapping(z, training=True)
        ws = broadcast_w(w, parts.num_ws)
        if self.style_mixing <= 0:
            return ws, w
        w2 = parts.mapping(self.sample_noise(tf.shape(z)[0]), training=True)
        crossover = self.noise_generator.uniform([], 1, parts.num_ws, dtype=tf.int32)
        mixing = self.noise_generator.uniform([]) < self.style_mixing
        crossover = tf.where(mixing, crossover, parts.num_ws)
        return mix_styles(ws, broadcast_w(w2, parts.num_ws), crossover), w

    def synthesize(self, ws, noise="const", training=False):
        """Images from per-layer ``ws`` (unclipped in training, clipped to [-1, 1] otherwise)."""
        if noise not in NOISE_MODES:
            raise ArgumentError(f"Unknown noise {noise!r}; choose from {list(NOISE_MODES)}")
        parts = self.parts_of(training)
        if noise == "const":
            images = synthesize_const(parts, ws, training)
        else:
            noises = self.noise_images(tf.shape(ws)[0])
            images = parts.synthesis([ws, *noises], training=training)
        return images if training else tf.clip_by_value(images, -1.0, 1.0)

    def generate_images(self, z, condition=None, training=False, truncation_psi=1.0):
        """Training: style-mixed ws and random noise through the raw generator; otherwise
        the sampling generator (EMA when set) with fixed noise, truncated by
        ``truncation_psi`` (1: none)."""
        if training:
            ws, _ = self.training_ws(z)
            return self.synthesize(ws, "random", training=True)
        if float(truncation_psi) == 1.0:
            return self.inference_generator(z, training=False)
        return self.synthesis(self.mapping(z, truncation_psi))

    # --------------------------------------------------------------- training
    @property
    def metrics(self):
        *front, loss = super().metrics
        return [*front, self.pl_tracker, loss]

    def path_length(self, batch_size):
        """``(penalty, new pl_mean)`` on a half batch of fresh ws (``features.path_length_penalty``)."""
        z = self.sample_noise(tf.maximum(batch_size // 2, 1))
        ws, _ = self.training_ws(z)
        noises = self.noise_images(tf.shape(ws)[0])
        synthesis = self.parts_of(True).synthesis
        out = path_length_penalty(
            lambda w: synthesis([w, *noises], training=True),
            ws,
            self.pl_mean,
            self.pl_decay,
            rng=self.noise_generator,
        )
        return out.penalty, out.pl_mean

    def generator_step(self, condition, batch_size):
        """One generator update with the path-length penalty, then the w average and
        ``pl_mean`` move. Returns the adversarial loss.

        With ``pl_every > 1`` the penalty and its gradients are computed on every
        ``pl_every``-th update only, outside the tape (``features.lazily_added_gradients``
        says why), ``pl_every`` times weighted; ``pl`` logs 0 on the other updates.
        """
        z = self.sample_noise(batch_size)
        variables = self.generator.trainable_variables
        penalty, pl_mean = tf.constant(0.0), tf.convert_to_tensor(self.pl_mean)
        every_update = self.pl_weight > 0 and self.pl_every == 1
        with tf.GradientTape() as tape:
            ws, w = self.training_ws(z)
            fake = self.synthesize(ws, "random", training=True)
            loss = self.generator_loss(self.discriminate(fake, condition))
            total = loss
            if every_update:
                penalty, pl_mean = self.path_length(batch_size)
                total = loss + tf.cast(self.pl_weight * penalty, loss.dtype)
            scaled = self.scaled_loss(total, self.g_optimizer)
        grads = tape.gradient(scaled, variables)
        if self.pl_weight > 0 and not every_update:
            step = tf.convert_to_tensor(self.g_optimizer.iterations)

            def lazy_penalty():
                value, new_mean = self.path_length(batch_size)
                weighted = tf.cast(self.pl_weight * self.pl_every * value, loss.dtype)
                return self.scaled_loss(weighted, self.g_optimizer), (value, new_mean)

            (penalty, pl_mean), grads = lazily_added_gradients(
                lazy_weight(1.0, self.pl_every, step) > 0,
                lazy_penalty,
                lambda: (tf.constant(0.0), tf.identity(self.pl_mean)),
                grads,
                variables,
            )
        self.g_optimizer.apply_gradients(zip(grads, variables, strict=True))
        if self.pl_weight > 0:
            assign_across_replicas([self.pl_mean], [pl_mean], mean=True)
        self.update_w_average(w)
        self.pl_tracker.update_state(penalty)
        return loss

    def update_w_average(self, w):
        """``w_avg = mean(w) + w_avg_decay * (w_avg - mean(w))`` over the whole batch."""
        var = self.parts_of(True).w_average.w_avg
        mean = tf.reduce_mean(tf.cast(w, tf.float32), axis=0)
        new = mean + self.w_avg_decay * (tf.convert_to_tensor(var) - mean)
        assign_across_replicas([var], [new], mean=True)

    # ------------------------------------------------------------- inference
    def mapping(self, z, truncation_psi=1.0):
        """w of ``z`` ``[n, latent_dim]`` from the sampling generator, truncated towards the
        w average by ``truncation_psi`` (1: none; 0: the average for every z)."""
        parts = self.parts_of(False)
        w = parts.mapping(tf.convert_to_tensor(np.asarray(z, np.float32)), training=False)
        # float32 w from a mixed-precision mapping network, as the API promises
        return truncate(tf.cast(w, tf.float32), parts.w_average.w_avg, truncation_psi)

    def synthesis(self, w, noise="const"):
        """Images in [-1, 1] from ``w``: ``[n, w_dim]`` (the same w for every layer) or
        per-layer ``[n, num_ws, w_dim]`` (``mix``); ``noise`` ``"const"`` (deterministic)
        or ``"random"``."""
        w = tf.cast(w, tf.float32)
        if w.shape.rank == 2:
            w = broadcast_w(w, self.num_ws)
        if w.shape.rank != 3 or w.shape[1] != self.num_ws or w.shape[2] != self.w_dim:
            raise ArgumentError(
                f"w must have shape [n, {self.w_dim}] or [n, {self.num_ws}, {self.w_dim}], "
                f"got {list(w.shape)}."
            )
        return self.synthesize(w, noise, training=False)

    def mix(self, w_a, w_b, crossover):
        """Per-layer ws ``[n, num_ws, w_dim]``: the first ``crossover`` layers' styles from
        ``w_a``, the rest from ``w_b`` (each ``[n, w_dim]``, e.g. from ``mapping``)."""
        if isinstance(crossover, bool) or not 0 <= int(crossover) <= self.num_ws:
            raise ArgumentError(
                f"crossover must be an int in [0, {self.num_ws}], got {crossover!r}."
            )
        a = broadcast_w(tf.cast(w_a, tf.float32), self.num_ws)
        b = broadcast_w(tf.cast(w_b, tf.float32), self.num_ws)
        return mix_styles(a, b, int(crossover))

    def generate(self, n, *, seed=None, labels=None, batch_size=256, truncation_psi=1.0):
        """``n`` images in [-1, 1] as ``AdversarialModel.generate``, truncated by
        ``truncation_psi`` (1: the generator as trained; 0.5-0.7: typical, less varied)."""
        self.check_generate_arguments(n, labels)
        source = self if float(truncation_psi) == 1.0 else Truncated(self, truncation_psi)
        return generate_in_batches(source, int(n), seed, batch_size, labels)

    # ---------------------------------------------------------- serialization
    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "image_shape": self.image_shape,
                "w_dim": self.w_dim,
                "mapping_layers": self.mapping_layers,
                "channel_base": self.channel_base,
                "channel_max": self.channel_max,
                "minibatch_std": self.minibatch_std,
                "style_mixing": self.style_mixing,
                "pl_weight": self.pl_weight,
                "pl_every": self.pl_every,
                "pl_decay": self.pl_decay,
                "w_avg_decay": self.w_avg_decay,
            }
        )
        return config
