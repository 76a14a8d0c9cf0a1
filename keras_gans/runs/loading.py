"""One interface to what a command reads: a run folder's model or an export."""

import os

from keras_gans.errors import RunError
from keras_gans.export import (
    ExportedGenerator,
    ExportedTranslator,
    load_metadata,
    resolve_saved_model,
)
from keras_gans.runs.checkpoint import CONFIG, load_checkpoint


def load_run_model(run_dir):
    """The model of the run's last checkpoint (compiled, optimizer and noise state restored)."""
    return load_checkpoint(run_dir)[0]


def load_source(path):
    """A run folder's model (last checkpoint), or an export as ``ExportedGenerator``
    (noise models) or ``ExportedTranslator`` (Pix2Pix, CycleGAN)."""

    if not os.path.exists(path):
        raise RunError(f"No such run or export: {path}")
    if os.path.isfile(os.path.join(path, CONFIG)):
        return load_run_model(path)
    if load_metadata(resolve_saved_model(path)).get("translation"):
        return ExportedTranslator(path)
    return ExportedGenerator(path)
