"""Reusable training pieces, each tested alone: image pool, weight clipping, penalties,
augmentation, weight averages."""

from keras_gans.features.augment import POLICY, AdaptiveAugment, diff_augment
from keras_gans.features.clipping import clip_weights
from keras_gans.features.ema import (
    assign_across_replicas,
    averaged_copy,
    ramped_decay,
    update_average,
)
from keras_gans.features.image_pool import query_image_pool
from keras_gans.features.penalties import (
    PathLength,
    PenaltyAndLogits,
    lazily_added_gradients,
    lazy_weight,
    path_length_penalty,
    zero_centred_penalty,
)

__all__ = [
    "POLICY",
    "AdaptiveAugment",
    "diff_augment",
    "PathLength",
    "PenaltyAndLogits",
    "assign_across_replicas",
    "averaged_copy",
    "clip_weights",
    "lazily_added_gradients",
    "lazy_weight",
    "path_length_penalty",
    "query_image_pool",
    "ramped_decay",
    "update_average",
    "zero_centred_penalty",
]
