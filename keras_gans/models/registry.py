"""Model families by name: ``keras_gans.models.get("dcgan")``."""

from keras_gans.errors import ArgumentError
from keras_gans.models.cgan import ConditionalGAN
from keras_gans.models.cyclegan import CycleGAN
from keras_gans.models.dcgan import DCGAN
from keras_gans.models.gan import GAN
from keras_gans.models.pix2pix import Pix2Pix
from keras_gans.models.stylegan2 import StyleGAN2
from keras_gans.models.wgan import WGAN, WGANGP

_MODELS = {
    "cgan": ConditionalGAN,
    "cyclegan": CycleGAN,
    "dcgan": DCGAN,
    "gan": GAN,
    "pix2pix": Pix2Pix,
    "stylegan2": StyleGAN2,
    "wgan": WGAN,
    "wgan-gp": WGANGP,
}


def names():
    """Registered model names, sorted."""
    return sorted(_MODELS)


def get(name):
    """The model class registered as ``name`` (case-insensitive)."""
    key = str(name).lower()
    if key not in _MODELS:
        raise ArgumentError(f"Unknown model {name!r}; choose from {names()}")
    return _MODELS[key]
