"""``CycleGAN``: unpaired translation with two generators, two discriminators and cycle losses."""

import keras
import tensorflow as tf

from keras_gans import losses
from keras_gans.errors import ArgumentError
from keras_gans.features import query_image_pool
from keras_gans.models.naming import in_name_scope
from keras_gans.models.translation import TranslationModel
from keras_gans.networks import patchgan_discriminator, resnet_generator
from keras_gans.networks.validation import check_image_shape
from keras_gans.utils.noise import check_seed, make_noise_generator

# The least-squares generator loss in keras_gans.losses is 0.5 * mean((D - 1)^2); the
# paper's code uses the plain mean squared error, so CycleGAN doubles it.
_GENERATOR_LOSS_SCALE = {"least_squares": 2.0}
ADVERSARIAL_LOSSES = ("least_squares", "bce", "hinge")


@keras.saving.register_keras_serializable(package="keras_gans")
class CycleGAN(TranslationModel):
    """CycleGAN: learns a <-> b from two unpaired image sets.

    Generators ``generator_ab`` and ``generator_ba`` (ResNet, instance norm)
    and PatchGAN discriminators ``discriminator_a`` and ``discriminator_b``.
    Each step first updates both generators with one optimizer on
    ``adversarial(a->b) + adversarial(b->a) + cycle_weight * (|G_ba(G_ab(a)) - a| +
    |G_ab(G_ba(b)) - b|) + cycle_weight * identity_weight * (|G_ab(b) - b| +
    |G_ba(a) - a|)``, then both discriminators with the other optimizer on real
    images against fakes drawn from a history pool of the last ``pool_size``
    generated images (half the time a pooled one replaces the new one). The
    adversarial loss is least squares by default (the paper's). ``fit`` logs
    ``d_loss``, ``g_loss``, ``g_gan``, ``cycle`` and ``identity``; with
    ``validation_data`` of ``(a, b)`` batches also ``val_cycle`` and
    ``val_identity`` in inference mode. ``cycle`` and ``identity`` are sums over
    the two directions of the mean absolute error, as they enter the loss. Pair it with
    ``keras_gans.callbacks.LinearDecay`` for the paper's learning-rate schedule.

    Under a distribution strategy the pools keep the first replica's fakes.

    Args:
        image_shape: ``(height, width, channels)`` of the a images.
        image_shape_b: shape of the b images (default: the same).
        cycle_weight: weight of the cycle losses (the paper's lambda, 10).
        identity_weight: identity loss weight relative to ``cycle_weight``
            (0.5; 0 turns it off; needs a and b with the same shape).
        pool_size: generated images kept per domain (50; 0 turns the pool off).
        loss: adversarial loss: ``"least_squares"``, ``"bce"`` or ``"hinge"``.
        generator_ab, generator_ba, discriminator_a, discriminator_b: networks
            instead of the defaults (``discriminator_a`` judges a images).
        generator_filters: filters of the ResNet generators' first convolution.
        discriminator_filters: filters of the PatchGANs' first convolution.
        num_blocks: residual blocks (default: 6 below 256 pixels, 9 from 256).
        num_downsamples: stride-2 downsamplings of the generators (the paper's 2).
        normalization: of all four default networks: ``"instance"`` (the paper's),
            ``"batch"`` or ``"none"``. Instance norm removes each patch's mean
            colour from the features, which small patches of flat regions need back.
        input_skip: if True, the default generators concatenate their input image to
            their last features (``resnet_generator(input_skip=True)``; not in
            the paper): it gives flat patches their colour back under instance norm.
        discriminator_layers: stride-2 layers of the PatchGANs (3: 70x70).
        seed: int seed of the pool's random choices.
        **kwargs: passed to ``keras.Model``.

    Example:
    >>> import numpy as np
    >>> cyc = keras_gans.models.CycleGAN((32, 32, 3), generator_filters=8,
    ...     discriminator_filters=8, num_blocks=1)
    >>> cyc.compile()
    >>> cyc.translate(np.zeros((2, 32, 32, 3), "float32"), direction="b2a").shape
    (2, 32, 32, 3)

    Reference:
        Zhu et al., Unpaired Image-to-Image Translation using Cycle-Consistent
        Adversarial Networks (2017), https://arxiv.org/abs/1703.10593
    """

    paired = False
    domain_names = ("a images", "b images")
    _NETWORKS = ("generator_ab", "generator_ba", "discriminator_a", "discriminator_b")

    def __init__(
        self,
        image_shape=None,
        image_shape_b=None,
        cycle_weight=10.0,
        identity_weight=0.5,
        pool_size=50,
        loss="least_squares",
        generator_ab=None,
        generator_ba=None,
        discriminator_a=None,
        discriminator_b=None,
        generator_filters=64,
        discriminator_filters=64,
        num_blocks=None,
        num_downsamples=2,
        discriminator_layers=3,
        normalization="instance",
        input_skip=False,
        seed=None,
        **kwargs,
    ):
        super().__init__(**kwargs)
        if image_shape is None:
            if generator_ab is None:
                raise ArgumentError("CycleGAN needs image_shape (or generator_ab to read it from).")
            image_shape = generator_ab.input_shape[1:]
        shape_a = check_image_shape(image_shape)
        shape_b = check_image_shape(image_shape_b or shape_a)
        if loss not in ADVERSARIAL_LOSSES:
            raise ArgumentError(f"Unknown loss {loss!r}; choose from {sorted(ADVERSARIAL_LOSSES)}")
        for what, value in (("cycle_weight", cycle_weight), ("identity_weight", identity_weight)):
            if not float(value) >= 0:
                raise ArgumentError(f"{what} must be >= 0, got {value!r}.")
        if isinstance(pool_size, bool) or not isinstance(pool_size, int) or pool_size < 0:
            raise ArgumentError(f"pool_size must be an int >= 0, got {pool_size!r}.")
        if float(identity_weight) > 0 and shape_a != shape_b:
            raise ArgumentError(
                f"The identity loss needs a and b images of one shape, got {shape_a} and "
                f"{shape_b}; pass identity_weight=0."
            )
        check_seed(seed)
        blocks = num_blocks or (9 if min(shape_a[:2]) >= 256 else 6)
        self.generator_ab = generator_ab or in_name_scope(
            "generator_ab",
            resnet_generator,
            shape_a,
            shape_b[-1],
            generator_filters,
            blocks,
            num_downsamples,
            normalization=normalization,
            input_skip=input_skip,
            name="generator_ab",
        )
        self.generator_ba = generator_ba or in_name_scope(
            "generator_ba",
            resnet_generator,
            shape_b,
            shape_a[-1],
            generator_filters,
            blocks,
            num_downsamples,
            normalization=normalization,
            input_skip=input_skip,
            name="generator_ba",
        )
        self.discriminator_a = discriminator_a or in_name_scope(
            "discriminator_a",
            patchgan_discriminator,
            shape_a,
            None,
            discriminator_filters,
            discriminator_layers,
            normalization=normalization,
            name="discriminator_a",
        )
        self.discriminator_b = discriminator_b or in_name_scope(
            "discriminator_b",
            patchgan_discriminator,
            shape_b,
            None,
            discriminator_filters,
            discriminator_layers,
            normalization=normalization,
            name="discriminator_b",
        )
        self.domain_shapes = (shape_a, shape_b)
        self.cycle_weight = float(cycle_weight)
        self.identity_weight = float(identity_weight)
        self.pool_size = pool_size
        self.loss_name = loss
        self.generator_filters = generator_filters
        self.discriminator_filters = discriminator_filters
        self.num_blocks = num_blocks
        self.num_downsamples = num_downsamples
        self.normalization = normalization
        self.input_skip = bool(input_skip)
        self.discriminator_layers = discriminator_layers
        self.seed = seed
        self._d_loss_fn = losses.get_discriminator_loss(loss)
        self._g_loss_fn = losses.get_generator_loss(losses.MATCHING_GENERATOR_LOSS[loss])
        self._g_loss_scale = _GENERATOR_LOSS_SCALE.get(loss, 1.0)
        self.noise_generator = make_noise_generator(self.distribute_strategy, seed)
        # One spare row: the pool query writes the images it does not keep there.
        self.pool_a = self._pool_weight("pool_a", shape_a)
        self.pool_b = self._pool_weight("pool_b", shape_b)
        self.pool_count = self.add_weight(
            shape=(2,),
            initializer="zeros",
            dtype="int32",
            trainable=False,
            name="pool_count",
            aggregation="only_first_replica",
        )
        self.setup_trackers(
            ("d_loss", "g_loss", "g_gan", "cycle", "identity"), ("cycle", "identity")
        )
        self.g_optimizer = None
        self.d_optimizer = None
        self.built = True

    def _pool_weight(self, name, shape):
        return self.add_weight(
            shape=(self.pool_size + 1, *shape),
            initializer="zeros",
            dtype="float32",
            trainable=False,
            name=name,
            aggregation="only_first_replica",
        )

    # ---------------------------------------------------------------- access
    def translators(self):
        return {"a2b": self.generator_ab, "b2a": self.generator_ba}

    def generator_variables(self):
        return self.generator_ab.trainable_variables + self.generator_ba.trainable_variables

    def discriminator_variables(self):
        return self.discriminator_a.trainable_variables + self.discriminator_b.trainable_variables

    def compile(self, *args, label_smoothing=None, **kwargs):
        if label_smoothing:
            raise ArgumentError("CycleGAN takes no label_smoothing (its default loss is LSGAN).")
        super().compile(*args, **kwargs)

    # --------------------------------------------------------------- history
    def query_pool(self, pool, slot, images):
        """``keras_gans.features.query_image_pool`` on this model's pool ``slot``."""
        return query_image_pool(pool, self.pool_count, slot, images, self.noise_generator)

    # -------------------------------------------------------------- training
    def _adversarial(self, logits):
        return self._g_loss_scale * self._g_loss_fn(logits)

    def train_step(self, data):
        a, b = self.unpack(data)
        g_ab, g_ba = self.generator_ab, self.generator_ba
        d_a, d_b = self.discriminator_a, self.discriminator_b
        with tf.GradientTape() as tape:
            fake_b = g_ab(a, training=True)
            fake_a = g_ba(b, training=True)
            g_gan = self._adversarial(d_b(fake_b, training=True)) + self._adversarial(
                d_a(fake_a, training=True)
            )
            cycle = losses.l1_loss(g_ba(fake_b, training=True), a) + losses.l1_loss(
                g_ab(fake_a, training=True), b
            )
            if self.identity_weight > 0:
                identity = losses.l1_loss(g_ab(b, training=True), b) + losses.l1_loss(
                    g_ba(a, training=True), a
                )
            else:
                identity = tf.constant(0.0)
            g_loss = (
                g_gan
                + self.cycle_weight * cycle
                + self.cycle_weight * self.identity_weight * identity
            )
            g_scaled = self.scaled_loss(g_loss, self.g_optimizer)
        self.apply_loss(tape, g_scaled, self.g_optimizer, self.generator_variables())
        pooled_a = self.query_pool(self.pool_a, 0, tf.stop_gradient(fake_a))
        pooled_b = self.query_pool(self.pool_b, 1, tf.stop_gradient(fake_b))
        with tf.GradientTape() as tape:
            d_loss = self._d_loss_fn(
                d_a(a, training=True), d_a(pooled_a, training=True)
            ) + self._d_loss_fn(d_b(b, training=True), d_b(pooled_b, training=True))
            d_scaled = self.scaled_loss(d_loss, self.d_optimizer)
        self.apply_loss(tape, d_scaled, self.d_optimizer, self.discriminator_variables())
        values = {
            "d_loss": d_loss,
            "g_loss": g_loss,
            "g_gan": g_gan,
            "cycle": cycle,
            "identity": identity,
        }
        return self.record(self.train_trackers, values)

    def test_step(self, data):
        a, b = self.unpack(data)
        g_ab, g_ba = self.generator_ab, self.generator_ba
        cycle = losses.l1_loss(g_ba(g_ab(a, training=False), training=False), a) + losses.l1_loss(
            g_ab(g_ba(b, training=False), training=False), b
        )
        if self.identity_weight > 0:
            identity = losses.l1_loss(g_ab(b, training=False), b) + losses.l1_loss(
                g_ba(a, training=False), a
            )
        else:
            identity = tf.constant(0.0)
        values = {"cycle": cycle, "identity": identity}
        return self.record(self.eval_trackers, values, tf.shape(a)[0])

    # ---------------------------------------------------------------- export
    def export_networks(self):
        return {"generator_ab": self.generator_ab, "generator_ba": self.generator_ba}

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "image_shape": self.domain_shapes[0],
                "image_shape_b": self.domain_shapes[1],
                "cycle_weight": self.cycle_weight,
                "identity_weight": self.identity_weight,
                "pool_size": self.pool_size,
                "loss": self.loss_name,
                "generator_filters": self.generator_filters,
                "discriminator_filters": self.discriminator_filters,
                "num_blocks": self.num_blocks,
                "num_downsamples": self.num_downsamples,
                "normalization": self.normalization,
                "input_skip": self.input_skip,
                "discriminator_layers": self.discriminator_layers,
                "seed": self.seed,
                **{
                    k: keras.saving.serialize_keras_object(getattr(self, k)) for k in self._NETWORKS
                },
            }
        )
        return config

    @classmethod
    def from_config(cls, config):
        return cls(**cls.deserialize_networks(config, cls._NETWORKS))
