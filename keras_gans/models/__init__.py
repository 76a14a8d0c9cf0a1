"""GAN model families as ``keras.Model`` subclasses, and their registry."""

from typing import TYPE_CHECKING

from keras_gans.utils.lazy import attach

if TYPE_CHECKING:
    from keras_gans.models.base import AdversarialModel
    from keras_gans.models.cgan import ConditionalGAN
    from keras_gans.models.cyclegan import CycleGAN
    from keras_gans.models.dcgan import DCGAN
    from keras_gans.models.gan import GAN
    from keras_gans.models.network_policy import generator_policy
    from keras_gans.models.objectives import DiscriminatorObjective, LazyPenalty
    from keras_gans.models.pix2pix import Pix2Pix
    from keras_gans.models.registry import get, names
    from keras_gans.models.stylegan2 import StyleGAN2
    from keras_gans.models.translation import TranslationModel, psnr
    from keras_gans.models.wgan import WGAN, WGANGP

__all__ = [
    "AdversarialModel",
    "ConditionalGAN",
    "CycleGAN",
    "DCGAN",
    "DiscriminatorObjective",
    "GAN",
    "LazyPenalty",
    "Pix2Pix",
    "StyleGAN2",
    "TranslationModel",
    "WGAN",
    "WGANGP",
    "generator_policy",
    "get",
    "names",
    "psnr",
]

__getattr__, __dir__ = attach(__name__, __file__)
