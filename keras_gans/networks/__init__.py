"""Network builders returning ``keras.Model``s."""

from keras_gans.networks.conditional import (
    ClassProjection,
    LabelChannels,
    LabelLogLikelihood,
    OneHot,
    conditional_discriminator,
    conditional_generator,
)
from keras_gans.networks.dcgan import (
    dcgan_discriminator,
    dcgan_generator,
    num_upsamples,
)
from keras_gans.networks.equalized import EqualizedConv2D, EqualizedDense
from keras_gans.networks.layers import MinibatchStdDev
from keras_gans.networks.live_taps import LiveTapsConv2D, LiveTapsConv2DTranspose, live_taps
from keras_gans.networks.mlp import mlp_discriminator, mlp_generator
from keras_gans.networks.normalization import NORMALIZATIONS, normalization_layer
from keras_gans.networks.patchgan import patchgan_discriminator, receptive_field
from keras_gans.networks.resnet import ReflectionPadding2D, resnet_generator
from keras_gans.networks.stylegan2 import (
    StyleGAN2Parts,
    broadcast_w,
    mix_styles,
    noise_shapes,
    num_ws,
    stylegan2_discriminator,
    stylegan2_generator,
    stylegan2_mapping,
    stylegan2_parts,
    stylegan2_synthesis,
    synthesize_const,
    truncate,
)
from keras_gans.networks.stylegan2_layers import (
    ClipImages,
    ConstantInput,
    ConstNoise,
    ModulatedConv2D,
    PixelNorm,
    WAverage,
    modulated_weights,
)
from keras_gans.networks.unet import unet_depth, unet_generator

__all__ = [
    "ClassProjection",
    "ClipImages",
    "ConstNoise",
    "ConstantInput",
    "EqualizedConv2D",
    "EqualizedDense",
    "ModulatedConv2D",
    "PixelNorm",
    "StyleGAN2Parts",
    "WAverage",
    "LabelChannels",
    "LiveTapsConv2D",
    "LiveTapsConv2DTranspose",
    "MinibatchStdDev",
    "NORMALIZATIONS",
    "ReflectionPadding2D",
    "LabelLogLikelihood",
    "OneHot",
    "broadcast_w",
    "conditional_discriminator",
    "conditional_generator",
    "dcgan_discriminator",
    "dcgan_generator",
    "live_taps",
    "mlp_discriminator",
    "mix_styles",
    "mlp_generator",
    "modulated_weights",
    "noise_shapes",
    "num_ws",
    "normalization_layer",
    "num_upsamples",
    "patchgan_discriminator",
    "receptive_field",
    "resnet_generator",
    "stylegan2_discriminator",
    "stylegan2_generator",
    "stylegan2_mapping",
    "stylegan2_parts",
    "stylegan2_synthesis",
    "synthesize_const",
    "truncate",
    "unet_depth",
    "unet_generator",
]
