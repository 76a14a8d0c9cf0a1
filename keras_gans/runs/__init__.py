"""Run folders: settings, training and resuming, checkpoints, distribution, precision.

``keras-gans train`` writes one; ``load_source`` reads a run folder or an export.
"""

from typing import TYPE_CHECKING

from keras_gans.utils.lazy import attach

if TYPE_CHECKING:
    from keras_gans.runs import checkpoint
    from keras_gans.runs.checkpoint import CHECKPOINT, CONFIG, STATE, RunCheckpoint, load_checkpoint
    from keras_gans.runs.distribute import make_strategy
    from keras_gans.runs.loading import load_run_model, load_source
    from keras_gans.runs.model_defaults import MODEL_DEFAULTS
    from keras_gans.runs.precision import DTYPE_POLICIES, enable_mixed_precision
    from keras_gans.runs.resolve import run_settings
    from keras_gans.runs.settings import SETTINGS, STRATEGIES, Setting
    from keras_gans.runs.training import RunStart, finished_epochs, fresh_run, train

__all__ = [
    "CHECKPOINT",
    "CONFIG",
    "MODEL_DEFAULTS",
    "DTYPE_POLICIES",
    "SETTINGS",
    "STATE",
    "STRATEGIES",
    "RunCheckpoint",
    "RunStart",
    "Setting",
    "checkpoint",
    "enable_mixed_precision",
    "finished_epochs",
    "fresh_run",
    "load_checkpoint",
    "load_run_model",
    "load_source",
    "make_strategy",
    "run_settings",
    "train",
]

__getattr__, __dir__ = attach(__name__, __file__)
