"""Network builders returning ``keras.Model``s."""

from keras_gans.networks.conditional import (
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
from keras_gans.networks.mlp import mlp_discriminator, mlp_generator
from keras_gans.networks.translation import (
    ReflectionPadding2D,
    patchgan_discriminator,
    receptive_field,
    resnet_generator,
    unet_generator,
)

__all__ = [
    "LabelChannels",
    "ReflectionPadding2D",
    "OneHot",
    "conditional_discriminator",
    "conditional_generator",
    "dcgan_discriminator",
    "dcgan_generator",
    "mlp_discriminator",
    "mlp_generator",
    "num_upsamples",
    "patchgan_discriminator",
    "receptive_field",
    "resnet_generator",
    "unet_generator",
]
