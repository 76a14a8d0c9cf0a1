"""Mixed precision: the right Keras dtype policy for the device."""

import keras
import tensorflow as tf

from keras_gans.errors import ArgumentError

DTYPE_POLICIES = ("mixed_float16", "mixed_bfloat16", "float32")


def enable_mixed_precision(policy=None):
    """Sets Keras' global dtype policy for mixed-precision training; returns its name.

    Default: ``"mixed_float16"`` where a GPU is visible (tensor cores; models
    compiled afterwards wrap both optimizers in ``keras.optimizers.LossScaleOptimizer``),
    else ``"mixed_bfloat16"`` (CPU and TPU: bfloat16 has float32's range and needs no
    loss scaling). Networks built afterwards compute in the low precision; their
    output layers (images, logits), the losses and the gradient penalty stay float32,
    and exported generators take and return float32. Call it before building models;
    ``enable_mixed_precision("float32")`` turns it off.

    Example:
    >>> policy = keras_gans.enable_mixed_precision()  # "mixed_bfloat16" on a CPU
    >>> keras_gans.enable_mixed_precision("float32")
    'float32'

    Reference:
        Micikevicius et al., Mixed Precision Training (2018),
        https://arxiv.org/abs/1710.03740
    """
    if policy is None:
        policy = "mixed_float16" if tf.config.list_physical_devices("GPU") else "mixed_bfloat16"
    if policy not in DTYPE_POLICIES:
        raise ArgumentError(f"Unknown policy {policy!r}; choose from {list(DTYPE_POLICIES)}")
    keras.mixed_precision.set_global_policy(policy)
    return policy
