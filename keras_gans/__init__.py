"""keras_gans: a GAN model zoo for Keras 3 / TensorFlow."""

from keras_gans import (
    callbacks,
    checkpoint,
    data,
    export,
    exported,
    images,
    latent,
    losses,
    metrics,
    models,
    networks,
    noise,
    serving,
    translation_report,
)
from keras_gans.errors import (
    DataError,
    ExportError,
    KerasGansError,
    KerasGansWarning,
    RunError,
)
from keras_gans.precision import enable_mixed_precision
from keras_gans.version import __version__

__all__ = [
    "DataError",
    "ExportError",
    "KerasGansError",
    "KerasGansWarning",
    "RunError",
    "__version__",
    "callbacks",
    "enable_mixed_precision",
    "checkpoint",
    "data",
    "export",
    "exported",
    "images",
    "latent",
    "losses",
    "metrics",
    "models",
    "networks",
    "noise",
    "serving",
    "translation_report",
]
