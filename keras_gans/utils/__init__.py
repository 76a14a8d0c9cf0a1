"""Helpers every layer may use: argument checks, image arrays and files, latent noise."""

from keras_gans.utils.lazy import attach

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

__getattr__, __dir__ = attach(
    __name__,
    {
        "check_int": "keras_gans.utils.checks:check_int",
        "check_seed": "keras_gans.utils.noise:check_seed",
        "make_grid": "keras_gans.utils.images:make_grid",
        "make_noise_generator": "keras_gans.utils.noise:make_noise_generator",
        "noise_from_seeds": "keras_gans.utils.noise:noise_from_seeds",
        "save_gif": "keras_gans.utils.images:save_gif",
        "save_grid": "keras_gans.utils.images:save_grid",
        "save_png": "keras_gans.utils.images:save_png",
        "seeded_noise": "keras_gans.utils.noise:seeded_noise",
        "to_uint8": "keras_gans.utils.images:to_uint8",
    },
)
