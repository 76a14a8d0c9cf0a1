"""GAN model families as ``keras.Model`` subclasses, and their registry."""

from keras_gans.utils.lazy import attach

__all__ = [
    "AdversarialModel",
    "ConditionalGAN",
    "CycleGAN",
    "DCGAN",
    "DiscriminatorObjective",
    "GAN",
    "Pix2Pix",
    "TranslationModel",
    "WGAN",
    "WGANGP",
    "get",
    "names",
    "psnr",
]

__getattr__, __dir__ = attach(
    __name__,
    {
        "AdversarialModel": "keras_gans.models.base:AdversarialModel",
        "ConditionalGAN": "keras_gans.models.cgan:ConditionalGAN",
        "CycleGAN": "keras_gans.models.cyclegan:CycleGAN",
        "DCGAN": "keras_gans.models.dcgan:DCGAN",
        "DiscriminatorObjective": "keras_gans.models.objectives:DiscriminatorObjective",
        "GAN": "keras_gans.models.gan:GAN",
        "Pix2Pix": "keras_gans.models.pix2pix:Pix2Pix",
        "TranslationModel": "keras_gans.models.translation:TranslationModel",
        "WGAN": "keras_gans.models.wgan:WGAN",
        "WGANGP": "keras_gans.models.wgan:WGANGP",
        "get": "keras_gans.models.registry:get",
        "names": "keras_gans.models.registry:names",
        "psnr": "keras_gans.models.translation:psnr",
    },
)
