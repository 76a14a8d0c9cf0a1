"""GAN model families as ``keras.Model`` subclasses, and their registry."""

from keras_gans.models.base import AdversarialModel
from keras_gans.models.dcgan import DCGAN
from keras_gans.models.gan import GAN
from keras_gans.models.registry import get, names

__all__ = ["DCGAN", "GAN", "AdversarialModel", "get", "names"]
