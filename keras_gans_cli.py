"""Entry point of the ``keras-gans`` console script.

It imports TensorFlow with the process's stderr silenced, so TensorFlow's
native start-up log lines (which no environment variable turns off in TF 2.21)
never bury the one-line errors of the CLI, then runs ``keras_gans.cli.main``.
"""

import os
import sys


def _quiet_import_tensorflow():
    sys.stderr.flush()
    saved = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    try:
        import tensorflow as tf

        tf.config.list_physical_devices()
    finally:
        sys.stderr.flush()
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


def main():
    if not os.environ.get("KERAS_GANS_DEBUG"):
        # TensorFlow's C++ log lines from graph rewriting (grappler's "remapper failed"
        # and the like) would interleave with the CLI's own lines; level 3 keeps them out.
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
        _quiet_import_tensorflow()
    from keras_gans.cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
