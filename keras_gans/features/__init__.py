"""Reusable training pieces, each tested alone: image pool, weight clipping, penalties,
augmentation."""

from keras_gans.features.augment import POLICY, AdaptiveAugment, diff_augment
from keras_gans.features.clipping import clip_weights
from keras_gans.features.image_pool import query_image_pool
from keras_gans.features.penalties import PenaltyAndLogits, lazy_weight, zero_centred_penalty

__all__ = [
    "POLICY",
    "AdaptiveAugment",
    "diff_augment",
    "PenaltyAndLogits",
    "clip_weights",
    "lazy_weight",
    "query_image_pool",
    "zero_centred_penalty",
]
