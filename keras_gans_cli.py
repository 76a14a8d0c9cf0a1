"""Entry point of the ``keras-gans`` console script.

It parses the command line before importing TensorFlow, so ``--help`` and
argument errors answer at once; then it imports TensorFlow with the process's
stderr silenced, so TensorFlow's native start-up log lines (which no environment
variable turns off in TF 2.21) never bury the one-line errors of the CLI, and
runs the command.
"""

import importlib
import os
import sys

_PARSING = "_KERAS_GANS_CLI_PARSING"


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


def _import_everything():
    """After parsing: TensorFlow (quietly), then the whole of keras_gans."""
    os.environ.pop(_PARSING, None)
    if not os.environ.get("KERAS_GANS_DEBUG"):
        _quiet_import_tensorflow()
    importlib.reload(sys.modules["keras_gans"])


def environment_defaults(environ=None):
    """Sets what the CLI's process needs before TensorFlow loads, where the user's
    environment does not say otherwise: TensorFlow's oneDNN kernels on
    (``TF_ENABLE_ONEDNN_OPTS=1``). TensorFlow turns them on by itself only on CPUs with
    AVX-512 VNNI, AVX-512 BF16 or AMX; elsewhere (AVX2-only CPUs) its Eigen kernels
    train the CLI's models 1.3-8x slower (docs/cli.md)."""
    environ = os.environ if environ is None else environ
    environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "1")


def main():
    environment_defaults()
    if not os.environ.get("KERAS_GANS_DEBUG"):
        # TensorFlow's C++ log lines from graph rewriting (grappler's "remapper failed"
        # and the like) would interleave with the CLI's own lines; level 3 keeps them out.
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ[_PARSING] = "1"
    try:
        from keras_gans.cli import main as cli_main
    finally:
        os.environ.pop(_PARSING, None)
    return cli_main(after_parsing=_import_everything)


if __name__ == "__main__":
    sys.exit(main())
