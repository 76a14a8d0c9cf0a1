"""The update schemes' names and the named record a discriminator objective returns
to them (no TensorFlow needed)."""

import dataclasses
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
