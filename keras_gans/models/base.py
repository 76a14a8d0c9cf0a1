"""``AdversarialModel``: the ``keras.Model`` every GAN in keras_gans builds on."""

import keras
import numpy as np
import tensorflow as tf

from keras_gans import losses
from keras_gans.errors import ArgumentError, DataError
from keras_gans.models.keras_api import KerasApi
from keras_gans.models.naming import in_name_scope
from keras_gans.models.objectives import DiscriminatorObjective
from keras_gans.models.sampling import generate_in_batches
from keras_gans.models.stabilisers import Stabilisers
from keras_gans.models.two_optimizers import TwoOptimizers
from keras_gans.models.updates import UpdateSteps
from keras_gans.models.validation import check_fit_call, unwrap_batch
from keras_gans.utils.noise import check_seed, make_noise_generator


def _num_replicas():
    return tf.distribute.get_strategy().num_replicas_in_sync


def scaled_replica_loss(loss, optimizer):
    """``loss`` as differentiated: divided by the replica count, then loss-scaled."""
    return optimizer.scale_loss(loss / tf.cast(_num_replicas(), loss.dtype))


def replica_logs(model, trackers):
    """``{name: result}`` of ``trackers`` as ``fit`` logs them under the model's strategy."""
    logs = {m.name: m.result() for m in trackers}
    if isinstance(model.distribute_strategy, tf.distribute.MultiWorkerMirroredStrategy):
        # Keras concatenates per-replica logs across workers, which fails on
        # scalars (keras-team/keras#20585): give each value one axis.
        logs = {k: tf.reshape(v, [1]) for k, v in logs.items()}
    return logs


@keras.saving.register_keras_serializable(package="keras_gans")
class AdversarialModel(Stabilisers, UpdateSteps, KerasApi, TwoOptimizers, keras.Model):
    """A generator and a discriminator trained against each other by ``fit``.

    ``train_step`` runs ``d_steps`` discriminator updates, then one generator
    update (``compile(update=...)`` picks how the fakes are shared; see
    ``keras_gans.models.updates``). Subclasses choose the losses by overriding
    ``discriminator_loss(real_logits, fake_logits)`` and
    ``generator_loss(fake_logits)``; this class uses the BCE discriminator loss
    (with ``label_smoothing``) and the generator loss named by
    ``generator_loss``.

    What it takes care of, so subclasses don't have to:
    - marked built, so ``fit`` never calls ``call()`` on the data;
    - both optimizers built inside the model's distribution strategy scope at
      ``compile`` time (MirroredStrategy needs this);
    - noise from a ``tf.random.Generator`` made in that scope, which draws
      different numbers on every replica;
    - each loss divided by the number of replicas before its gradient, so with
      equal per-replica batches the summed gradients equal the gradient of the
      mean over the global batch (1 replica and N replicas take the same step);
    - ``d_loss``/``g_loss`` trackers in ``metrics`` (reset every epoch; means
      over every replica);
    - ``get_config``/``get_compile_config`` with both sub-models and both
      optimizers, so ``model.save("m.keras")`` and
      ``keras.models.load_model`` round-trip with optimizer state.

    Args:
        generator: ``keras.Model`` mapping ``[batch, latent_dim]`` noise to images.
        discriminator: ``keras.Model`` mapping images to logits.
        latent_dim: size of z (default: the generator's input size).
        loss: discriminator loss by name: ``"bce"`` (default), ``"hinge"``,
            ``"least_squares"`` or ``"wasserstein"`` (see ``keras_gans.losses``).
        generator_loss: generator loss by name; default: the one matching
            ``loss`` (``"non_saturating"`` for bce; ``"minimax"`` is available).
        seed: int seed of the training noise (None: non-deterministic).
        augment: ``None``, ``"diffaugment"`` or ``"ada"``: augment every image the
            discriminator sees in training (``keras_gans.models.stabilisers``).
        ada_target: ADA's target for the sign of the real logits (``augment="ada"``).
        r1_weight: gamma of the R1 penalty on real images (0: off).
        r2_weight: gamma of the R2 penalty on generated images (0: off).
        r1_every: apply R1/R2 on every k-th discriminator update, k times weighted.
        ema_decay: keep an EMA of the generator's weights with this decay (ramped
            up) and draw samples and exports from it (None: off).
        **kwargs: passed to ``keras.Model`` (``name``, ...).

    Example:
    >>> g = keras_gans.networks.mlp_generator(8, (8, 8, 1), hidden_units=(16,))
    >>> d = keras_gans.networks.mlp_discriminator((8, 8, 1), hidden_units=(16,))
    >>> gan = keras_gans.models.AdversarialModel(g, d)
    >>> gan.compile()
    >>> gan.generate(2, seed=0).shape
    (2, 8, 8, 1)

    Reference:
        Goodfellow et al., Generative Adversarial Networks (2014),
        https://arxiv.org/abs/1406.2661
    """

    default_label_smoothing = 0.0
    default_d_steps = 1
    # Conditional models train on (images, labels) and take labels in generate().
    conditional = False
    # Names of the extra terms ``discriminator_objective`` returns (logged by fit).
    extra_log_names = ()

    def __init__(
        self,
        generator,
        discriminator,
        latent_dim=None,
        loss="bce",
        generator_loss=None,
        seed=None,
        augment=None,
        ada_target=0.6,
        r1_weight=0.0,
        r2_weight=0.0,
        r1_every=1,
        ema_decay=None,
        **kwargs,
    ):
        discriminator_loss_fn = losses.get_discriminator_loss(loss)
        if generator_loss is None:
            generator_loss = losses.MATCHING_GENERATOR_LOSS[loss]
        generator_loss_fn = losses.get_generator_loss(generator_loss)
        super().__init__(**kwargs)
        for role, net in (("generator", generator), ("discriminator", discriminator)):
            if not isinstance(net, keras.Model):
                raise ArgumentError(f"{role} must be a keras.Model, got {type(net).__name__}.")
        inferred = self._latent_size_of(generator) if generator.built else None
        if latent_dim is None:
            latent_dim = inferred
        if latent_dim is None or (inferred is not None and int(latent_dim) != inferred):
            raise ArgumentError(
                f"latent_dim={latent_dim!r} does not match the generator's input size {inferred!r}."
            )
        check_seed(seed)
        self.generator = generator
        self.discriminator = discriminator
        self.latent_dim = int(latent_dim)
        self.seed = seed
        self.loss_name = loss
        self.generator_loss_name = generator_loss
        self._discriminator_loss_fn = discriminator_loss_fn
        self._generator_loss_fn = generator_loss_fn
        self._check_networks_fit()
        self.noise_generator = make_noise_generator(self.distribute_strategy, seed)
        self.d_loss_tracker = keras.metrics.Mean(name="d_loss")
        self.g_loss_tracker = keras.metrics.Mean(name="g_loss")
        # d_loss + g_loss: the "loss" Keras' callbacks read (TerminateOnNaN, the
        # default monitor of ModelCheckpoint/EarlyStopping); finite iff both are.
        self.loss_tracker = keras.metrics.Mean(name="loss")
        self.extra_trackers = [keras.metrics.Mean(name=n) for n in self.extra_log_names]
        self.setup_stabilisers(augment, ada_target, r1_weight, r2_weight, r1_every, ema_decay)
        self.d_steps = self.default_d_steps
        self.label_smoothing = self.default_label_smoothing
        self.g_optimizer = None
        self.d_optimizer = None
        if generator.built and discriminator.built:
            self.built = True

    # ----------------------------------------------------------------- shapes
    @staticmethod
    def _latent_size_of(generator):
        """The size of z a built generator takes (conditional models override it)."""
        return generator.input_shape[-1]

    @property
    def image_shape(self):
        """``(height, width, channels)`` of the generated images."""
        return tuple(self.generator.output_shape[1:])

    def _check_networks_fit(self):
        if not (self.generator.built and self.discriminator.built):
            return
        out = tuple(self.generator.output_shape[1:])
        expected = tuple(self.discriminator.input_shape[1:])
        if len(out) != len(expected) or any(
            a is not None and b is not None and a != b for a, b in zip(out, expected, strict=True)
        ):
            raise ArgumentError(
                f"The generator makes images of shape {out} but the discriminator takes {expected}."
            )

    # ---------------------------------------------------------------- metrics
    @property
    def metrics(self):
        return [
            self.d_loss_tracker,
            self.g_loss_tracker,
            *self.extra_trackers,
            *self.stabiliser_trackers,
            self.loss_tracker,
        ]

    def _logs(self):
        return replica_logs(self, self.metrics)

    def logs_of(self, trackers):
        """``{name: result}`` of ``trackers`` as ``fit``/``evaluate`` log them."""
        return replica_logs(self, trackers)

    # ------------------------------------------------------------------ noise
    def sample_noise(self, batch_size):
        """Training noise ``[batch_size, latent_dim]``, different on every replica."""
        return self.noise_generator.normal([batch_size, self.latent_dim])

    # ----------------------------------------------------------------- losses
    def discriminator_loss(self, real_logits, fake_logits):
        """The named discriminator loss (BCE with ``label_smoothing`` on reals)."""
        if self.loss_name == "bce":
            return self._discriminator_loss_fn(real_logits, fake_logits, self.label_smoothing)
        return self._discriminator_loss_fn(real_logits, fake_logits)

    def generator_loss(self, fake_logits):
        return self._generator_loss_fn(fake_logits)

    def generator_mirrors_critic(self):
        """Whether the generator's loss is minus the discriminator objective's term in
        the fakes, which reach that objective through ``result.fake_logits`` only (the
        Wasserstein pair: ``-mean(fake)`` against ``mean(fake) - mean(real)``, the
        penalties taken at stopped images). Then the simultaneous update reads the
        generator's gradient at the fakes off the discriminator's backward pass
        (``UpdateSteps.mirrored_simultaneous_step``). False here; the Wasserstein
        families say True."""
        return False

    # -------------------------------------------------------------- training
    def fit(self, x=None, y=None, *args, **kwargs):
        """``keras.Model.fit`` after checking the data (a dataset: its first batch).

        Images must be floats in [-1, 1] of ``image_shape``; conditional models
        also need int labels in ``[0, num_classes)``. Each problem raises a
        ``DataError`` with one sentence naming it, before any training.
        """
        x = check_fit_call(self, x, y, kwargs)
        return super().fit(x, y, *args, **kwargs)

    def unpack(self, data):
        """``(real_images, condition)`` of a batch; unconditional models: condition None.

        The images are ``x`` or the first element of a tuple (labels ignored).
        """
        data = unwrap_batch(data)
        images = data[0] if isinstance(data, (tuple, list)) else data
        images = tf.convert_to_tensor(images)
        self._check_batch_shape(images, self.image_shape, "images")
        return tf.cast(images, self.compute_dtype), None

    def _check_batch_shape(self, images, expected, what):
        shape = tuple(images.shape)
        if len(shape) != len(expected) + 1 or any(
            s is not None and s != e for s, e in zip(shape[1:], expected, strict=True)
        ):
            raise DataError(
                f"The data's {what} have shape {shape[1:]} per example but "
                f"{type(self).__name__} expects {tuple(expected)}."
            )

    def generate_images(self, z, condition=None, training=False):
        """The generator on noise ``z`` (and ``condition``, for conditional models);
        outside training the EMA generator when ``ema_decay`` is set."""
        return self.generator_for(training)(z, training=training)

    def discriminate(self, images, condition=None, training=True):
        """The discriminator's logits for ``images`` (and ``condition``); in training
        the images are augmented first when ``augment`` is set."""
        return self.discriminator(self.augment_images(images, training), training=training)

    def adversarial_logits(self, outputs):
        """The real-vs-fake part of the discriminator's ``outputs``: all of them, except
        where the discriminator has another head (``ConditionalGAN``'s classifier).
        Penalties and ADA read this part only."""
        return outputs

    def scaled_loss(self, loss, optimizer):
        """``loss`` as differentiated: divided by the replica count, loss-scaled."""
        return scaled_replica_loss(loss, optimizer)

    def apply_loss(self, tape, loss, optimizer, variables):
        """Differentiates ``loss`` (already scaled inside ``tape``) and applies it."""
        grads = tape.gradient(loss, variables)
        optimizer.apply_gradients(zip(grads, variables, strict=True))

    def discriminator_objective(self, real, fake, condition=None, critic_step=None):
        """The discriminator's loss, its logits and the extra logged terms.

        Runs inside the discriminator's gradient tape; families with penalties
        (WGAN-GP) override it.

        Args:
            real: a batch of real images.
            fake: a batch of generated images.
            condition: the batch's labels (conditional models), else None.
            critic_step: index of this critic update within the training step
                (0 .. ``d_steps`` - 1), or None outside ``train_step``.

        Returns:
            A ``DiscriminatorObjective(loss, real_logits, fake_logits, extras)``;
            ``extras`` holds one term per name in ``extra_log_names``.
        """
        real_logits = self.discriminate(real, condition)
        fake_logits = self.discriminate(fake, condition)
        loss = self.discriminator_loss(real_logits, fake_logits)
        return DiscriminatorObjective(loss, real_logits, fake_logits)

    def lazy_penalties(self, real, fake, condition, critic_step):
        """The family's penalties that apply on some discriminator updates only.

        Returns a list of ``LazyPenalty(name, weight, value)`` records; the update adds
        each one's gradients outside its tape, on the updates where ``weight > 0``
        (``Stabilisers.apply_discriminator_loss``). None by default; WGAN-GP returns its
        gradient penalty when the lazy schedule is read from the optimizer.
        """
        return []

    def after_discriminator_update(self):
        """Hook run after every discriminator update (WGAN clips weights here)."""
        # a statement besides the docstring: AutoGraph cannot convert an empty body
        return None

    def call(self, inputs, training=False):
        """Runs the generator on noise ``inputs``."""
        return self.generator(inputs, training=training)

    # ------------------------------------------------------------- inference
    def generate(self, n, *, seed=None, labels=None, batch_size=256):
        """Generates ``n`` images as a float32 numpy array in [-1, 1].

        Args:
            n: number of images.
            seed: int for reproducible noise (image i uses the exported
                ``sample`` signature's noise for seed ``seed + i``), or None.
            labels: conditional models only: one class per image, or one class
                for all (default: 0, 1, 2, ... cycling through the classes).
            batch_size: images per generator call.

        Everything after ``n`` is keyword-only, in the same order as
        ``keras_gans.export.ExportedGenerator.generate``.
        """
        self.check_generate_arguments(n, labels)
        return generate_in_batches(self, int(n), seed, batch_size, labels)

    def check_generate_arguments(self, n, labels):
        """Raises ArgumentError for a bad ``n``, or for labels given to an unconditional model."""
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
            raise ArgumentError(f"n must be a positive int, got {n!r}.")
        if not self.conditional and labels is not None:
            raise ArgumentError(f"{type(self).__name__} is not conditional; it takes no labels.")

    def export_networks(self):
        """The networks an export holds (``{attribute name: keras.Model}``).

        ``keras_gans.export`` writes the serving signatures around them.
        """
        return {"generator": self.inference_generator}

    # ---------------------------------------------------------- serialization
    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "generator": keras.saving.serialize_keras_object(self.generator),
                "discriminator": keras.saving.serialize_keras_object(self.discriminator),
                "latent_dim": self.latent_dim,
                "loss": self.loss_name,
                "generator_loss": self.generator_loss_name,
                "seed": self.seed,
                **self.stabiliser_config(),
            }
        )
        return config

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        for key in ("generator", "discriminator"):
            if isinstance(config.get(key), dict):
                config[key] = in_name_scope(key, keras.saving.deserialize_keras_object, config[key])
        return cls(**config)
