"""Network builders returning ``keras.Model``s."""

from keras_gans.networks.conditional import (
    ClassProjection,
    LabelChannels,
    OneHot,
    conditional_discriminator,
    conditional_generator,
)
from keras_gans.networks.dcgan import (
    dcgan_discriminator,
    dcgan_generator,
    num_upsamples,
)
from keras_gans.networks.layers import MinibatchStdDev
from keras_gans.networks.mlp import mlp_discriminator, mlp_generator
from keras_gans.networks.normalization import NORMALIZATIONS, normalization_layer
from keras_gans.networks.patchgan import patchgan_discriminator, receptive_field
from keras_gans.networks.resnet import ReflectionPadding2D, resnet_generator
from keras_gans.networks.unet import unet_depth, unet_generator

__all__ = [
    "ClassProjection",
    "LabelChannels",
    "MinibatchStdDev",
    "NORMALIZATIONS",
    "ReflectionPadding2D",
    "OneHot",
    "conditional_discriminator",
    "conditional_generator",
    "dcgan_discriminator",
    "dcgan_generator",
    "mlp_discriminator",
    "mlp_generator",
    "normalization_layer",
    "num_upsamples",
    "patchgan_discriminator",
    "receptive_field",
    "resnet_generator",
    "unet_depth",
    "unet_generator",
]
