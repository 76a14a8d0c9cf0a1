"""Helpers every layer may use: argument checks, image arrays and files, latent noise."""

from typing import TYPE_CHECKING

from keras_gans.utils.lazy import attach

if TYPE_CHECKING:
    from keras_gans.utils.checks import check_int
    from keras_gans.utils.images import make_grid, save_gif, save_grid, save_png, to_uint8
    from keras_gans.utils.noise import (
        check_seed,
        make_noise_generator,
        noise_from_seeds,
        seeded_noise,
    )

__all__ = [
    "check_int",
    "check_seed",
    "make_grid",
    "make_noise_generator",
    "noise_from_seeds",
    "save_gif",
    "save_grid",
    "save_png",
    "seeded_noise",
    "to_uint8",
]

__getattr__, __dir__ = attach(__name__, __file__)
