"""``TwoOptimizers``: ``compile`` with one optimizer per network, built in the strategy scope."""

import keras

from keras_gans.errors import ArgumentError
from keras_gans.models.objectives import UPDATES


class NamedOptimizer:
    """One of a model's two optimizers as ``model.optimizer.optimizers`` lists it: its
    role as ``name`` (``"g_optimizer"``, ``"d_optimizer"``), its ``learning_rate``
    read and set on the optimizer itself; every other attribute is the optimizer's."""

    def __init__(self, name, optimizer):
        self.__dict__["name"] = name
        self.__dict__["optimizer"] = optimizer

    def __getattr__(self, attr):
        return getattr(self.__dict__["optimizer"], attr)

    def __setattr__(self, attr, value):
        setattr(self.__dict__["optimizer"], attr, value)


class OptimizerPair:
    """``model.optimizer`` of a two-optimizer model, as Keras' callbacks use it.

    Keras' ``ReduceLROnPlateau``, ``LearningRateScheduler`` and ``TensorBoard`` act on
    every optimizer in ``model.optimizer.optimizers`` (logging
    ``learning_rate_g_optimizer`` and ``learning_rate_d_optimizer``), so both
    optimizers follow them. ``iterations`` counts the generator's updates (one per
    training step). It is no ``keras.optimizers.Optimizer``: Keras builds, saves and
    finalizes nothing through it (``get_compile_config`` saves both optimizers).
    """

    def __init__(self, g_optimizer, d_optimizer):
        self.optimizers = [
            NamedOptimizer("g_optimizer", g_optimizer),
            NamedOptimizer("d_optimizer", d_optimizer),
        ]

    @property
    def built(self):
        return all(o.built for o in self.optimizers)

    def build(self, variables):
        """Nothing to do: ``compile`` builds both optimizers on their own networks."""

    @property
    def iterations(self):
        return self.optimizers[0].iterations


def check_no_optimizer_ema(role, optimizer):
    """Refuses an optimizer with ``use_ema=True``: Keras writes its averaged weights
    into the model only for ``model.optimizer``, so the generator would never get them."""
    inner = getattr(optimizer, "inner_optimizer", optimizer)
    if getattr(inner, "use_ema", False):
        raise ArgumentError(
            f"{role} has use_ema=True, but Keras copies an optimizer's averaged weights "
            f"into the model only for a single model.optimizer, so they would never reach "
            f"the networks; pass ema_decay= to the model instead (an EMA generator used by "
            f"generate, exports and evaluation)."
        )


class TwoOptimizers:
    """Mixin of ``AdversarialModel``: the generator's and the discriminator's optimizers.

    ``compile(g_optimizer, d_optimizer, d_steps, label_smoothing, ...)`` stores
    both, wraps them for loss scaling under mixed_float16, builds them inside
    the model's distribution strategy scope (MirroredStrategy needs this before
    the first step), and ``get_compile_config``/``compile_from_config`` carry
    them through ``.keras`` files. Families with more networks override
    ``generator_variables``/``discriminator_variables``.
    """

    # The update scheme of a bare compile() (DCGAN overrides it; see models/updates.py).
    default_update = "alternating"

    def default_optimizers(self):
        """The (generator, discriminator) optimizers a bare ``compile()`` uses."""
        return (
            keras.optimizers.Adam(2e-4, beta_1=0.5),
            keras.optimizers.Adam(2e-4, beta_1=0.5),
        )

    def compile(
        self,
        g_optimizer=None,
        d_optimizer=None,
        d_steps=None,
        label_smoothing=None,
        jit_compile=False,
        steps_per_execution=1,
        update=None,
        **kwargs,
    ):
        """Sets the optimizers and the update schedule.

        Args:
            g_optimizer: generator optimizer (instance, name or config; default
                Adam(2e-4, beta_1=0.5), or the family's default).
            d_optimizer: discriminator optimizer (same forms).
            d_steps: discriminator updates per generator update.
            label_smoothing: one-sided smoothing of the real targets (BCE).
            jit_compile: passed to Keras (default False: XLA gave no speedup
                on CPU; measure before turning it on).
            steps_per_execution: passed to Keras.
            update: default: the family's ``default_update`` (``"simultaneous"``
                for DCGAN, ``"alternating"`` for the others). ``"alternating"``: the
                discriminator updates, then the generator on fresh noise and new
                fakes; ``"alternating_reuse"``
                (the generator backpropagates the discriminator update's fakes
                through the updated discriminator: one generator pass per step) or
                ``"simultaneous"`` (both gradients from one generator pass and one
                discriminator pass, taken before either network moves).
                docs/performance.md has their speed and sample quality.
            **kwargs: other ``keras.Model.compile`` arguments (``run_eagerly``).
        """
        for key in ("optimizer", "loss", "metrics"):
            if key in kwargs:
                raise ArgumentError(
                    f"{type(self).__name__}.compile() takes g_optimizer/d_optimizer and "
                    f"computes its own losses; '{key}' is not accepted."
                )
        default_g, default_d = self.default_optimizers()
        g_optimizer = keras.optimizers.get(g_optimizer) if g_optimizer is not None else default_g
        d_optimizer = keras.optimizers.get(d_optimizer) if d_optimizer is not None else default_d
        if g_optimizer is d_optimizer:
            raise ArgumentError("g_optimizer and d_optimizer must be two different optimizers.")
        check_no_optimizer_ema("g_optimizer", g_optimizer)
        check_no_optimizer_ema("d_optimizer", d_optimizer)
        if needs_loss_scaling(self):  # mixed_float16: dynamic loss scaling for both networks
            g_optimizer, d_optimizer = loss_scaled(g_optimizer), loss_scaled(d_optimizer)
        update = self.default_update if update is None else update
        if update not in UPDATES:
            raise ArgumentError(f"Unknown update {update!r}; choose from {list(UPDATES)}")
        d_steps = self.default_d_steps if d_steps is None else d_steps
        if isinstance(d_steps, bool) or not isinstance(d_steps, int) or d_steps < 1:
            raise ArgumentError(f"d_steps must be an int >= 1, got {d_steps!r}.")
        if label_smoothing is None:
            label_smoothing = self.default_label_smoothing
        if not 0.0 <= float(label_smoothing) < 1.0:
            raise ArgumentError(f"label_smoothing must be in [0, 1), got {label_smoothing!r}.")
        super().compile(
            optimizer=None,
            jit_compile=jit_compile,
            steps_per_execution=steps_per_execution,
            **kwargs,
        )
        self.g_optimizer = g_optimizer
        self.d_optimizer = d_optimizer
        self.optimizer = OptimizerPair(g_optimizer, d_optimizer)
        self.d_steps = d_steps
        self.update = update
        self.label_smoothing = float(label_smoothing)
        self._build_optimizers()

    def generator_variables(self):
        """The variables ``g_optimizer`` updates (CycleGAN: both generators')."""
        return self.generator.trainable_variables

    def discriminator_variables(self):
        """The variables ``d_optimizer`` updates (CycleGAN: both discriminators')."""
        return self.discriminator.trainable_variables

    def _build_optimizers(self):
        with self.distribute_strategy.scope():
            for optimizer, variables in (
                (self.g_optimizer, self.generator_variables()),
                (self.d_optimizer, self.discriminator_variables()),
            ):
                if not optimizer.built:
                    optimizer.build(variables)

    def get_compile_config(self):
        if not self.compiled:
            return None
        return {
            "g_optimizer": keras.saving.serialize_keras_object(self.g_optimizer),
            "d_optimizer": keras.saving.serialize_keras_object(self.d_optimizer),
            "d_steps": self.d_steps,
            "label_smoothing": self.label_smoothing,
            "jit_compile": bool(self.jit_compile),
            "steps_per_execution": self.steps_per_execution,
            "update": self.update,
            "run_eagerly": bool(self.run_eagerly),
        }

    def compile_from_config(self, config):
        config = dict(config)
        for key in ("g_optimizer", "d_optimizer"):
            config[key] = keras.saving.deserialize_keras_object(config[key])
        self.compile(**config)


def needs_loss_scaling(model):
    """True when ``model`` computes in float16 (its optimizers need loss scaling)."""
    return model.dtype_policy.compute_dtype == "float16"


def loss_scaled(optimizer):
    """``optimizer`` wrapped in a ``LossScaleOptimizer`` unless it already is one."""
    if isinstance(optimizer, keras.optimizers.LossScaleOptimizer):
        return optimizer
    return keras.optimizers.LossScaleOptimizer(optimizer)
