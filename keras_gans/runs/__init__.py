"""Run folders: settings, training and resuming, checkpoints, distribution, precision.

``keras-gans train`` writes one; ``load_source`` reads a run folder or an export.
"""

from keras_gans.utils.lazy import attach

__all__ = [
    "CHECKPOINT",
    "CONFIG",
    "MODEL_DEFAULTS",
    "DTYPE_POLICIES",
    "SETTINGS",
    "STATE",
    "STRATEGIES",
    "RunCheckpoint",
    "Setting",
    "checkpoint",
    "enable_mixed_precision",
    "finished_epochs",
    "load_checkpoint",
    "load_run_model",
    "load_source",
    "make_strategy",
    "run_settings",
    "train",
]

__getattr__, __dir__ = attach(
    __name__,
    {
        "CHECKPOINT": "keras_gans.runs.checkpoint:CHECKPOINT",
        "CONFIG": "keras_gans.runs.checkpoint:CONFIG",
        "MODEL_DEFAULTS": "keras_gans.runs.settings:MODEL_DEFAULTS",
        "DTYPE_POLICIES": "keras_gans.runs.precision:DTYPE_POLICIES",
        "SETTINGS": "keras_gans.runs.settings:SETTINGS",
        "STATE": "keras_gans.runs.checkpoint:STATE",
        "STRATEGIES": "keras_gans.runs.settings:STRATEGIES",
        "RunCheckpoint": "keras_gans.runs.checkpoint:RunCheckpoint",
        "Setting": "keras_gans.runs.settings:Setting",
        "checkpoint": "keras_gans.runs.checkpoint",
        "enable_mixed_precision": "keras_gans.runs.precision:enable_mixed_precision",
        "finished_epochs": "keras_gans.runs.training:finished_epochs",
        "load_checkpoint": "keras_gans.runs.checkpoint:load_checkpoint",
        "load_run_model": "keras_gans.runs.loading:load_run_model",
        "load_source": "keras_gans.runs.loading:load_source",
        "make_strategy": "keras_gans.runs.distribute:make_strategy",
        "run_settings": "keras_gans.runs.settings:run_settings",
        "train": "keras_gans.runs.training:train",
    },
)
