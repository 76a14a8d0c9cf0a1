"""Keras callbacks for GAN training: sample grids, metrics CSV, evaluation, divergence."""

from keras_gans.callbacks.evaluate import Evaluate, ModeCollapseMonitor
from keras_gans.callbacks.guard import DivergenceGuard
from keras_gans.callbacks.logging import ImageGrid, MetricsCSV
from keras_gans.callbacks.schedules import LinearDecay
from keras_gans.callbacks.translation import TranslationGrid

__all__ = [
    "DivergenceGuard",
    "Evaluate",
    "ImageGrid",
    "LinearDecay",
    "MetricsCSV",
    "ModeCollapseMonitor",
    "TranslationGrid",
]
