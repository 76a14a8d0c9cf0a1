"""Reusable training pieces, each tested alone: image history pool, weight clipping."""

from keras_gans.features.clipping import clip_weights
from keras_gans.features.image_pool import query_image_pool

__all__ = ["clip_weights", "query_image_pool"]
