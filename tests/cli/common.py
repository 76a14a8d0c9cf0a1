"""What the CLI tests share: the ``keras-gans`` program run in a new process."""

import os
import subprocess
import sys

from tests.helpers import ENV, ROOT
from tests.zygote import run_python

CLI = os.path.join(os.path.dirname(sys.executable), "keras-gans")
TINY = [
    "--image-size", "8", "--batch-size", "16", "--latent-dim", "4", "--steps-per-epoch", "2",
    "--model-arg", "generator_hidden_units=[16]", "--model-arg", "discriminator_hidden_units=[16]",
    "--quiet",
]  # fmt: skip


def cli(*args, cwd=None):
    """``keras-gans ARGS`` in a new process (forked from the tests' zygote: the console
    script's module run as ``__main__``); a ``CompletedProcess``."""
    script = os.path.join(ROOT, "keras_gans_cli.py")
    return run_python([script, *args], cwd or os.getcwd(), ENV, timeout=300)


def console_script(*args, env=ENV):
    """The installed ``keras-gans`` console script itself, in a process of its own."""
    return subprocess.run([CLI, *args], capture_output=True, text=True, env=env, timeout=600)
