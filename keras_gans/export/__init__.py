"""Export: versioned SavedModels for TF Serving, their signatures, and reading them back.

``save_generator`` writes ``base/<version>/``; ``ExportedGenerator`` and
``ExportedTranslator`` load one and behave like the trained model;
``keras_gans.export.serving`` writes TF Serving's ``models.config`` and builds
REST/gRPC requests.
"""

from keras_gans.export import serving
from keras_gans.export.exported_models import ExportedGenerator, ExportedTranslator
from keras_gans.export.saved_model import (
    METADATA_FILE,
    WARMUP_FILE,
    list_versions,
    load_metadata,
    resolve_saved_model,
    save_generator,
    write_warmup_requests,
)
from keras_gans.export.serving import read_models_config, write_models_config
from keras_gans.export.signatures import signatures_for

__all__ = [
    "METADATA_FILE",
    "WARMUP_FILE",
    "ExportedGenerator",
    "ExportedTranslator",
    "list_versions",
    "load_metadata",
    "read_models_config",
    "resolve_saved_model",
    "save_generator",
    "serving",
    "signatures_for",
    "write_models_config",
    "write_warmup_requests",
]
