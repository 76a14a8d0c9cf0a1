"""The update schemes' names and the named record a discriminator objective returns
to them (no TensorFlow needed)."""

import dataclasses
from collections.abc import Callable
from typing import Any

# The ``compile(update=...)`` schemes, implemented by ``models.updates.UpdateSteps``.
UPDATES = ("alternating", "alternating_reuse", "simultaneous")


@dataclasses.dataclass(frozen=True)
class DiscriminatorObjective:
    """What ``AdversarialModel.discriminator_objective`` returns.

    Attributes:
        loss: the scalar loss the discriminator's optimizer minimises.
        real_logits: the discriminator's logits on the real batch.
        fake_logits: its logits on the fake batch; the ``"simultaneous"`` and
            ``"alternating_reuse"`` schemes give them to ``generator_loss``.
        extras: the extra logged terms, ``{name: scalar}``, exactly one per name in
            the model's ``extra_log_names``.

    Example:
    >>> import tensorflow as tf
    >>> out = keras_gans.models.DiscriminatorObjective(
    ...     tf.constant(0.7), tf.ones([2, 1]), tf.zeros([2, 1]), {"r1": tf.constant(0.1)})
    >>> sorted(out.extras)
    ['r1']
    """

    loss: Any
    real_logits: Any
    fake_logits: Any
    extras: dict = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True)
class LazyPenalty:
    """A penalty of the discriminator's loss computed on some updates only.

    What ``AdversarialModel.lazy_penalties`` returns, one per penalty: the update adds
    ``weight * value()`` to the loss and its gradients where ``weight > 0``
    (``features.lazily_added_gradients``, outside the tape), and logs ``value()``
    under ``name`` (0 on the other updates).

    Attributes:
        name: the logged name; one of the model's ``extra_log_names`` or a stabiliser's.
        weight: scalar tensor: the penalty's weight on this update, 0 where skipped.
        value: callable returning the unweighted float32 penalty.

    Example:
    >>> import tensorflow as tf
    >>> lazy = keras_gans.models.LazyPenalty("gp", tf.constant(0.0), lambda: tf.constant(1.0))
    >>> lazy.name
    'gp'
    """

    name: str
    weight: Any
    value: Callable


def check_objective(model, result):
    """``result`` if it is a ``DiscriminatorObjective`` whose extras match the model's
    ``extra_log_names``; else a TypeError (a subclass bug) that names the difference."""
    name = type(model).__name__
    if not isinstance(result, DiscriminatorObjective):
        raise TypeError(
            f"{name}.discriminator_objective must return keras_gans.models."
            f"DiscriminatorObjective(loss, real_logits, fake_logits, extras), "
            f"got {type(result).__name__}."
        )
    expected, got = set(model.extra_log_names), set(result.extras)
    if expected != got:
        raise TypeError(
            f"{name}.discriminator_objective returned extras {sorted(got)} but "
            f"{name}.extra_log_names is {sorted(expected)}; they must name the same terms."
        )
    return result
