"""keras_gans: a GAN model zoo for Keras 3 / TensorFlow.

``import keras_gans`` imports every room and registers the models, layers and
features with Keras, so that ``keras.models.load_model`` finds them. The
``keras-gans`` command parses its arguments first with only the rooms its parser
reaches (``_KERAS_GANS_CLI_PARSING=1``, set by ``keras_gans_cli`` while it
parses), so that ``--help`` and argument errors do not import TensorFlow.
"""

import os

from keras_gans.errors import (
    DataError,
    ExportError,
    KerasGansError,
    KerasGansWarning,
    RunError,
)
from keras_gans.version import __version__

if os.environ.get("_KERAS_GANS_CLI_PARSING") != "1":
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
    from keras_gans.models import registry  # noqa: F401 (registers the model classes)
    from keras_gans.runs.precision import enable_mixed_precision

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
