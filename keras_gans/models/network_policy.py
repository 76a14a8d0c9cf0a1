"""The dtype policy that models build their default generator under."""

import contextlib
import contextvars

import keras

_GENERATOR_POLICY = contextvars.ContextVar("keras_gans_generator_policy", default=None)


@contextlib.contextmanager
def generator_policy(policy):
    """Inside it, the noise models build their default generator under the dtype
    ``policy`` ("float32", "mixed_bfloat16", ...), and their default discriminator under
    Keras' global policy as before; ``None`` changes nothing.

    So under a global ``mixed_bfloat16`` policy, ``generator_policy("float32")`` trains
    the discriminator in bfloat16 and the generator (its EMA copy, samples and exports)
    in float32: what ``keras-gans train --precision-networks discriminator`` does. The
    layers keep their policies in their configs, so a saved model loads as it trained.

    Args:
        policy: a Keras dtype policy name, or None.

    Example:
    >>> keras.mixed_precision.set_global_policy("mixed_bfloat16")
    >>> with keras_gans.models.generator_policy("float32"):
    ...     gan = keras_gans.models.DCGAN(image_shape=(16, 16, 1), latent_dim=8,
    ...         generator_filters=8, discriminator_filters=8)
    >>> keras.mixed_precision.set_global_policy("float32")
    >>> gan.generator.layers[1].compute_dtype, gan.discriminator.layers[1].compute_dtype
    ('float32', 'bfloat16')

    Reference:
        Micikevicius et al., Mixed Precision Training (2018),
        https://arxiv.org/abs/1710.03740
    """
    token = _GENERATOR_POLICY.set(policy)
    try:
        yield
    finally:
        _GENERATOR_POLICY.reset(token)


def build_generator_network(build, *args):
    """``build(*args)`` under ``generator_policy``'s policy where one is set."""
    policy = _GENERATOR_POLICY.get()
    return build(*args) if policy is None else under_policy(policy, build, *args)


def under_policy(policy, build, *args):
    """``build(*args)`` with Keras' global dtype policy set to ``policy``, then the
    caller's policy again."""
    previous = keras.mixed_precision.global_policy()
    keras.mixed_precision.set_global_policy(policy)
    try:
        return build(*args)
    finally:
        keras.mixed_precision.set_global_policy(previous)
