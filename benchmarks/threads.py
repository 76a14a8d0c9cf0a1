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
