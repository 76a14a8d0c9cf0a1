"""TensorFlow's thread pools for a run: ``keras-gans train --threads``."""

import os

import tensorflow as tf

from keras_gans.errors import ArgumentError

# TensorFlow's own pools: each op splits its work over every core.
DEFAULT = "default"
# One thread inside each op, as many ops at once as there are cores.
PARALLEL_OPS = "parallel-ops"
# parallel-ops on a machine without a GPU where the pools can still be set, else the
# pools already in effect.
AUTO = "auto"


def thread_counts(setting, cores=None, gpu=None):
    """``(intra_op, inter_op)`` for a ``--threads`` value; ``None`` (TensorFlow's own
    pools) for ``"default"`` or None. ``"parallel-ops"`` is ``(1, cores)`` (default:
    ``os.cpu_count()``); ``"auto"`` is the same where no GPU is visible (``gpu``:
    default, asks TensorFlow), else None; ``"INTRA:INTER"`` names both counts."""
    if setting is None or setting == DEFAULT:
        return None
    if setting == AUTO:
        if gpu is None:
            gpu = bool(tf.config.list_physical_devices("GPU"))
        return None if gpu else (1, cores or os.cpu_count() or 1)
    if setting == PARALLEL_OPS:
        return 1, cores or os.cpu_count() or 1
    parts = str(setting).split(":")
    if len(parts) != 2 or not all(p.isdigit() and int(p) > 0 for p in parts):
        raise ArgumentError(
            f"--threads must be 'default', 'parallel-ops', 'auto' or INTRA:INTER with two positive "
            f"counts (e.g. 1:2), got {setting!r}"
        )
    return int(parts[0]), int(parts[1])


def current_counts():
    """``(intra_op, inter_op)`` as ``tf.config.threading`` reports them (0: TensorFlow
    picks)."""
    return (
        tf.config.threading.get_intra_op_parallelism_threads(),
        tf.config.threading.get_inter_op_parallelism_threads(),
    )


def apply_threads(setting):
    """Sets TensorFlow's thread pools for a ``--threads`` value before its runtime
    starts; returns the ``(intra_op, inter_op)`` counts in effect (``(0, 0)``:
    TensorFlow's own).

    TensorFlow fixes its pools when it runs its first op. In a process where that has
    happened (the CLI starts each command in a fresh one; a notebook or a test may
    not), ``"auto"`` keeps the pools in effect, and any other setting than those is an
    error, since it could not take effect.
    """
    counts = thread_counts(setting)
    if counts is None or counts == current_counts():
        return current_counts()
    try:
        tf.config.threading.set_intra_op_parallelism_threads(counts[0])
        tf.config.threading.set_inter_op_parallelism_threads(counts[1])
    except RuntimeError:
        if setting == AUTO:
            return current_counts()
        raise ArgumentError(
            f"--threads {setting} cannot take effect: TensorFlow's thread pools already "
            f"run in this process ({current_counts()[0]}:{current_counts()[1]}, 0 meaning "
            "TensorFlow's own); start a fresh process or use --threads default"
        ) from None
    return current_counts()


def onednn_enabled():
    """Whether TensorFlow runs its oneDNN kernels in this process (``TF_ENABLE_ONEDNN_OPTS``
    or, where that is unset, TensorFlow's choice for the CPU); None where this
    TensorFlow does not say."""
    try:
        from tensorflow.python.util import _pywrap_util_port
    except ImportError:  # pragma: no cover - a TensorFlow without the module
        return None
    return bool(_pywrap_util_port.IsMklEnabled())
