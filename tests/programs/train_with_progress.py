"""``keras-gans ARGS`` in this process, printing ``step EPOCH BATCH`` after every batch.

Params: ``argv`` (the CLI's arguments). A test reads the lines to act at an observed
point of the run (a kill in the middle of an epoch) instead of after a guessed delay.
"""

import json
import sys

import keras_gans_cli

keras_gans_cli._quiet_import_tensorflow()
from keras_gans.callbacks import DivergenceGuard  # noqa: E402
from keras_gans.cli import main  # noqa: E402

checked = DivergenceGuard.on_train_batch_end


def on_train_batch_end(self, batch, logs=None):
    checked(self, batch, logs)
    print(f"step {self._epoch + 1} {batch + 1}", flush=True)


DivergenceGuard.on_train_batch_end = on_train_batch_end
sys.exit(main(json.loads(sys.argv[1])["argv"]))
