"""Keras callbacks for GAN training: sample grids, metrics CSV, evaluation, mode collapse."""

from keras_gans.callbacks.evaluate import Evaluate, ModeCollapseMonitor
from keras_gans.callbacks.logging import ImageGrid, MetricsCSV

__all__ = ["Evaluate", "ImageGrid", "MetricsCSV", "ModeCollapseMonitor"]
