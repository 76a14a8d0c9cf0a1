"""Exceptions and warnings raised by keras_gans.

Every error a user can cause by bad input is one of these, with a message of one
sentence that names the problem; the CLI prints that sentence and exits 2.
"""


class KerasGansError(ValueError):
    """Base class of the errors keras_gans raises for bad input."""


class ArgumentError(KerasGansError):
    """An argument of the wrong kind or outside its range (a model's, a builder's, ...)."""


class DataError(KerasGansError):
    """A dataset name, path or content that cannot be loaded."""


class ExportError(KerasGansError):
    """An export that cannot be written or a SavedModel that cannot be read."""


class RunError(KerasGansError):
    """A run folder that is missing, incomplete or inconsistent."""


class KerasGansWarning(UserWarning):
    """Warnings raised by keras_gans (errors in the test suite)."""
