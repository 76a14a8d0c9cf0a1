"""Mixed precision: the right Keras dtype policy for the device."""

import os

import keras
import tensorflow as tf

from keras_gans.errors import ArgumentError

DTYPE_POLICIES = ("mixed_float16", "mixed_bfloat16", "float32")


def default_mixed_policy():
    """``"mixed_float16"`` where a GPU is visible, else ``"mixed_bfloat16"``: the policy
    ``enable_mixed_precision()`` and ``--mixed-precision`` use when none is named."""
    return "mixed_float16" if tf.config.list_physical_devices("GPU") else "mixed_bfloat16"


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
        policy = default_mixed_policy()
    if policy not in DTYPE_POLICIES:
        raise ArgumentError(f"Unknown policy {policy!r}; choose from {list(DTYPE_POLICIES)}")
    keras.mixed_precision.set_global_policy(policy)
    return policy


# Flags of /proc/cpuinfo that name bfloat16 arithmetic units (Intel AMX, AVX-512 BF16).
BFLOAT16_FLAGS = ("amx_bf16", "avx512_bf16")


def read_cpuinfo(cpuinfo="/proc/cpuinfo"):
    """The text of ``cpuinfo``: the file's contents where it names a file (None where
    that file cannot be read), else ``cpuinfo`` itself, taken as the text."""
    if os.path.sep in cpuinfo or os.path.isfile(cpuinfo):
        try:
            with open(cpuinfo) as f:
                return f.read()
        except OSError:
            return None
    return cpuinfo


def flags_in(text):
    """The flags of the ``flags`` lines of a cpuinfo ``text``, as a set."""
    flags = set()
    for line in text.splitlines():
        if line.startswith("flags"):
            flags |= set(line.split(":", 1)[-1].split())
    return flags


def cpu_flags(cpuinfo="/proc/cpuinfo"):
    """The flags of the ``flags`` lines of ``cpuinfo`` (the file or its text), as a set;
    None where the file cannot be read."""
    text = read_cpuinfo(cpuinfo)
    return None if text is None else flags_in(text)


def bfloat16_units(cpuinfo="/proc/cpuinfo"):
    """True when the CPU has bfloat16 arithmetic units (a flag of ``BFLOAT16_FLAGS`` in
    ``cpuinfo``, the file or its text); False where the file cannot be read. Without
    them TensorFlow emulates bfloat16 and it is slower than float32."""
    flags = cpu_flags(cpuinfo) or set()
    return any(flag in flags for flag in BFLOAT16_FLAGS)


def auto_policy(cpuinfo="/proc/cpuinfo"):
    """The policy ``--precision auto`` picks: ``"mixed_float16"`` where a GPU is visible,
    ``"mixed_bfloat16"`` on a CPU with bfloat16 units, else ``"float32"``."""
    if tf.config.list_physical_devices("GPU"):
        return "mixed_float16"
    return "mixed_bfloat16" if bfloat16_units(cpuinfo) else "float32"


def run_policy(settings):
    """The dtype policy of a run from its settings: ``precision`` (``"auto"`` resolved
    by ``auto_policy``), or the older switch ``mixed_precision`` (the
    ``enable_mixed_precision()`` default), else float32."""
    precision = settings.get("precision")
    if precision == "auto":
        return auto_policy()
    if precision:
        return precision
    if settings.get("mixed_precision"):
        return default_mixed_policy()
    return "float32"
