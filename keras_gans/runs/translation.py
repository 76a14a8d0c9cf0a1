"""The image-to-image side of run folders (pix2pix, cyclegan): model, data, callbacks.

Used by ``keras_gans.runs.train``; the settings are ``runs.run_settings``'.
"""

import os

from keras_gans import data as data_lib
from keras_gans import models
from keras_gans.callbacks import TranslationGrid
from keras_gans.errors import RunError
from keras_gans.runs.resolve import epoch_steps


def build_translation_model(settings, shapes):
    cls = models.get(settings["model"])
    shape_a, shape_b = shapes
    if cls is models.Pix2Pix:
        model = cls(image_shape=shape_a, target_channels=shape_b[-1], **settings["model_args"])
    else:
        model = cls(
            image_shape=shape_a,
            image_shape_b=shape_b,
            seed=settings["seed"],
            **settings["model_args"],
        )
    model.compile(steps_per_execution=settings.get("steps_per_execution") or 1)
    return model


def pair_dataset(settings, epochs_done):
    """``(dataset, steps_per_epoch, (test_a, test_b))`` of an image-to-image run."""
    name = settings["data"]
    if str(name).startswith("tfds:"):
        dataset = data_lib.load_pairs(
            name,
            settings["image_size"],
            settings["batch_size"],
            seed=settings["seed"],
            augment=settings["augment"],
        )
        test = data_lib.load_pairs(name, settings["image_size"], 16, "test", shuffle=False)
        a, b = next(iter(test.unbatch().batch(64)))
        return dataset, settings["steps_per_epoch"] or 500, (a.numpy(), b.numpy())
    a, b, paired = data_lib.pair_arrays(name, settings["image_size"], "train")
    if models.get(settings["model"]) is models.Pix2Pix and not paired:
        raise RunError(f"pix2pix needs paired data; {name} holds unpaired sets (use cyclegan).")
    steps = epoch_steps(settings, max(len(a), len(b)) // settings["batch_size"])
    dataset, _ = data_lib.pair_stream(
        a,
        b,
        settings["batch_size"],
        settings["seed"],
        skip_batches=epochs_done * steps,
        paired=paired,
        augment=settings["augment"],
    )
    test_a, test_b, _ = data_lib.pair_arrays(name, settings["image_size"], "test")
    return dataset, steps, (test_a, test_b)


def validation_data(held_out):
    import tensorflow as tf

    a, b = held_out
    n = min(len(a), len(b))
    return tf.data.Dataset.from_tensor_slices((a[:n], b[:n])).batch(32)


def translation_callbacks(model, held_out, run_dir, logs):
    """The example grid of 8 held-out inputs."""
    a, b = held_out
    paired = isinstance(model, models.Pix2Pix)
    picks = list(range(0, len(a), max(1, len(a) // 8)))[:8]
    callbacks = [
        TranslationGrid(
            os.path.join(run_dir, "samples"),
            a[picks],
            b[picks] if paired else None,
            cycle=not paired,
            tensorboard_dir=logs,
        )
    ]
    return callbacks
