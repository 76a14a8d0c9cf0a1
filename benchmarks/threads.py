"""The benchmarks' thread limit: ``KERAS_GANS_BENCH_THREADS``."""

import os

THREADS_ENV = "KERAS_GANS_BENCH_THREADS"


def limit_threads():
    """Limits TensorFlow's op threads to ``$KERAS_GANS_BENCH_THREADS`` when it is set
    (1 lets two benchmarks share the 2 cores); returns the value, or None."""
    threads = os.environ.get(THREADS_ENV)
    if threads:
        import tensorflow as tf

        tf.config.threading.set_intra_op_parallelism_threads(int(threads))
        tf.config.threading.set_inter_op_parallelism_threads(int(threads))
    return threads


def run_threads():
    """The ``threads`` run setting that keeps a run at ``$KERAS_GANS_BENCH_THREADS``
    (``"N:N"``, as ``limit_threads`` sets them), else the CLI's ``"auto"``: without it
    ``runs.train`` would widen a one-thread benchmark process to one op per core."""
    threads = os.environ.get(THREADS_ENV)
    return f"{int(threads)}:{int(threads)}" if threads else "auto"
