"""Distribution strategies by name, for the CLI: ``none``, ``mirrored``, ``multi-worker``."""

import json
import os

import tensorflow as tf

from keras_gans.errors import RunError
from keras_gans.runs.resolve import check_tf_config
from keras_gans.runs.settings import STRATEGIES


def make_strategy(name):
    """The ``tf.distribute`` strategy called ``name``.

    ``"none"``: the default (one device); ``"mirrored"``: ``MirroredStrategy``
    over every local GPU (or the CPU); ``"multi-worker"``:
    ``MultiWorkerMirroredStrategy`` configured by the ``TF_CONFIG`` environment
    variable, which must be set on every worker. Create it before other
    TensorFlow work in the process.
    """
    name = name or "none"
    if name not in STRATEGIES:
        raise RunError(f"Unknown distribution {name!r}; choose from {list(STRATEGIES)}")
    if name == "mirrored":
        return tf.distribute.MirroredStrategy()
    if name == "multi-worker":
        check_tf_config(name)
        return tf.distribute.MultiWorkerMirroredStrategy()
    return tf.distribute.get_strategy()


def worker_index():
    """This process's worker index in ``TF_CONFIG`` (0, the chief, without one)."""
    config = json.loads(os.environ.get("TF_CONFIG") or "{}")
    return int(config.get("task", {}).get("index", 0))


def worker_run_dir(run_dir, strategy):
    """Where this worker writes: the run folder for the chief, ``RUN-worker-I`` for others.

    Every worker keeps a complete run folder of its own (their trainable weights are
    identical), so a resumed multi-worker run finds a checkpoint on every worker.
    """
    if isinstance(strategy, tf.distribute.MultiWorkerMirroredStrategy) and worker_index() > 0:
        return f"{run_dir.rstrip(os.sep)}-worker-{worker_index()}"
    return run_dir
