"""What a bare ``keras-gans train MODEL`` uses for each family (no TensorFlow needed)."""

# A family's key ON_DATA maps a built-in dataset to the settings that replace the
# family's there (measured on that dataset); elsewhere the family's epochs are scaled
# to see as many images as on its own data (runs.resolve.scaled_epochs).
ON_DATA = "on_data"

# Settings a bare `keras-gans train MODEL` uses, chosen for the 2-core machine and
# the digits data (see docs/cli.md); every key is a Setting's name, or ON_DATA.
MODEL_DEFAULTS = {
    # The convolutional families sample from an EMA generator (decay 0.999); the MLP GAN
    # scored no better with it. docs/results.md has each family's figures with and
    # without it (the two generators of the same runs). The MLP GAN needs DiffAugment
    # (its discriminator memorises the 1,438 digits: FID 81 without, 43 with, at 150
    # epochs) and steps: batch 32 for 600 epochs, about 7 minutes here (seed median FID
    # 15.2, against 26.5 at 300 epochs; 60 epochs of batch 64 gave 74 on seed 0).
    "gan": {
        "epochs": 600,
        "batch_size": 32,
        "latent_dim": 64,
        "model_args": {"augment": "diffaugment"},
    },
    # A 64-filter discriminator with R1 (gamma 1, every 8th update), batch 64, an EMA
    # generator and 200 epochs (within the 10-minute budget). No augmentation: with R1 and
    # 200 epochs DiffAugment scored worse on every seed, and the samples are no copies
    # of the training digits (docs/results.md, docs/models.md, docs/evaluation.md). R1
    # every 8th update instead of every 4th: faster, and no worse over seeds 0-4
    # (docs/models.md). The discriminator in bfloat16 where the CPU has the units, the
    # generator in float32: its FID over seeds 0-4 lies within float32's range, where
    # both networks in bfloat16 scored above it (docs/performance.md).
    "dcgan": {
        "epochs": 200,
        "batch_size": 64,
        "latent_dim": 64,
        "precision": "auto",
        "precision_networks": "discriminator",
        "model_args": {
            "generator_filters": 64,
            "discriminator_filters": 64,
            "ema_decay": 0.999,
            "r1_weight": 1.0,
            "r1_every": 8,
        },
        # MNIST: a 32-filter discriminator, batch 32, both networks in bfloat16 where
        # the CPU has the units (--precision auto), R1 every 4th update (as measured
        # there) and 100 epochs, about as long as wgan-gp's MNIST run; the digits' 64
        # filters and batch 64 fit 40 epochs in that time and scored worse
        # (docs/models.md has the probes).
        ON_DATA: {
            "mnist": {
                "batch_size": 32,
                "precision": "auto",
                "precision_networks": "all",
                "epochs": 100,
                "model_args": {"discriminator_filters": 32, "r1_every": 4},
            }
        },
    },
    # The paper's settings, sized for 16x16, but a learning rate of 2e-4 for both
    # RMSprop optimizers (the paper's 5e-5 was not measured with the critic that learns:
    # WGAN's default critic has no normalization since 2026-12-03, docs/models.md), a
    # clip value of 0.02 instead of 0.01 and 120 epochs instead of 60 (about 5 minutes
    # here; the seed medians in docs/results.md).
    "wgan": {
        "epochs": 120,
        "latent_dim": 64,
        "learning_rate": 2e-4,
        "model_args": {
            "generator_filters": 64,
            "discriminator_filters": 32,
            "ema_decay": 0.999,
            "clip_value": 0.02,
        },
    },
    # Learning rate 2e-4 for both Adam optimizers (the paper's 1e-4 for 60 epochs: FID
    # 11.7 on seed 0; 2e-4: 7.0; 1e-4 for 120 epochs: 7.5 in twice the time).
    "wgan-gp": {
        "epochs": 60,
        "latent_dim": 64,
        "learning_rate": 2e-4,
        "model_args": {"generator_filters": 64, "discriminator_filters": 32, "ema_decay": 0.999},
        # MNIST: one critic update per generator update instead of 5 (the penalty on
        # every 5th, gp_every), the simultaneous update, batch 32, bfloat16 where the CPU
        # has the units (--precision auto) and 100 epochs: docs/models.md has the probes
        # and run time.
        ON_DATA: {
            "mnist": {
                "d_steps": 1,
                "update": "simultaneous",
                "batch_size": 32,
                "precision": "auto",
                "epochs": 100,
            }
        },
    },
    # The WGAN-GP objective (loss "wgan-gp": 5 critic updates, layer norm, gradient
    # penalty) with WGAN-GP's networks: on seed 0 FID 7.2 and recall 0.76, against 30.7
    # and 0.11 for the earlier BCE default (discriminator_filters 8, 100 epochs of batch
    # 32: with 16 filters the BCE discriminator won after ~70 epochs and collapsed).
    # The auxiliary classifier, weight 2, raised label accuracy from 0.968 (none) to 0.992
    # over seeds 0-4, and FID's median from 7.1 to 6.4 (weight 1: 0.989 and 6.6, with two
    # seeds at FID 11; 0.3, 0.6 and 0.8 were measured too: docs/results.md).
    "cgan": {
        "epochs": 60,
        "latent_dim": 64,
        "model_args": {
            "loss": "wgan-gp",
            "generator_filters": 64,
            "discriminator_filters": 32,
            "ema_decay": 0.999,
            "classifier_weight": 2.0,
        },
        # MNIST: DCGAN's MNIST recipe with the label: the BCE loss (label smoothing 0.1,
        # one discriminator update, the simultaneous update) with R1 (gamma 1, every 4th
        # update), batch 32, bfloat16 where the CPU has the units and 100 epochs. The
        # scaled 22 epochs of the WGAN-GP loss scored a seed-median FID 14.6x the floor,
        # these about 2.2x (docs/models.md).
        ON_DATA: {
            "mnist": {
                "batch_size": 32,
                "precision": "auto",
                "epochs": 100,
                "update": "simultaneous",
                "model_args": {"loss": "bce", "r1_weight": 1.0, "r1_every": 4},
            }
        },
    },
    # MNIST resized to 32x32 (StyleGAN2 needs a power of 2): 2 mapping layers (the ADA
    # paper's CIFAR-10 setting), R1 gamma 1 and ADA keep all ten classes; no style
    # mixing (a lower FID on every seed measured); both optimizers at 3e-3 (the
    # paper's 2.5e-3 scaled for lazy regularisation gave a higher FID on four seeds
    # of five); 72 epochs in bfloat16 where the CPU has the units (docs/models.md has
    # the runs behind each choice, and the run's minutes).
    "stylegan2": {
        "data": "mnist",
        "image_size": 32,
        "epochs": 72,
        "batch_size": 32,
        "learning_rate": 3e-3,
        "precision": "auto",
        "latent_dim": 64,
        "model_args": {
            "channel_base": 512,
            "channel_max": 64,
            "mapping_layers": 2,
            "r1_weight": 1.0,
            "augment": "ada",
            "style_mixing": 0.0,
        },
    },
    # Image-to-image: 32x32 patches of scikit-learn's two photos (docs/cli.md).
    # No normalization: batch norm's moving statistics made the held-out PSNR jump
    # between epochs; instance norm was slower on CPU (docs/cli.md). bfloat16 where the
    # CPU has the units (--precision auto): its held-out PSNR over seeds lies within
    # float32's (docs/performance.md).
    "pix2pix": {
        "data": "photos-paired",
        "image_size": 32,
        "epochs": 20,
        "decay_epochs": 10,
        "batch_size": 8,
        "precision": "auto",
        "model_args": {
            "generator_filters": 32,
            "discriminator_filters": 32,
            "normalization": "none",
        },
    },
    # One downsampling (a 16x16 bottleneck) at 32x32: the same arithmetic per residual
    # block as the paper's two, and a lower held-out cycle error (docs/cli.md). bfloat16
    # where the CPU has the units (--precision auto): its held-out cycle error over
    # seeds lies within float32's, and it trains faster (docs/performance.md).
    "cyclegan": {
        "data": "photos-unpaired",
        "image_size": 32,
        "epochs": 20,
        "batch_size": 4,
        "decay_epochs": 10,
        "precision": "auto",
        "model_args": {
            "generator_filters": 16,
            "discriminator_filters": 16,
            "num_downsamples": 1,
        },
    },
}
