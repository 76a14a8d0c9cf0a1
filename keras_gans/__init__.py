"""keras_gans: a GAN model zoo for Keras 3 / TensorFlow."""

from keras_gans import (
    callbacks,
    data,
    export,
    features,
    latent,
    losses,
    metrics,
    models,
    networks,
    reports,
    runs,
    utils,
)
from keras_gans.errors import (
    DataError,
    ExportError,
    KerasGansError,
    KerasGansWarning,
    RunError,
)
from keras_gans.runs.precision import enable_mixed_precision
from keras_gans.version import __version__

__all__ = [
    "DataError",
    "ExportError",
    "KerasGansError",
    "KerasGansWarning",
    "RunError",
    "__version__",
    "callbacks",
    "data",
    "enable_mixed_precision",
    "export",
    "features",
    "latent",
    "losses",
    "metrics",
    "models",
    "networks",
    "reports",
    "runs",
    "utils",
]
