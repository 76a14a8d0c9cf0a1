"""``synthesize``: a generator's images written as a labelled image folder.

The layout is the one ``keras.utils.image_dataset_from_directory`` and
``keras_gans.data.folder_arrays`` read: ``DIR/<class>/<index>.png`` (class names
zero-padded so that they sort in class order: ``0``..``9``, or ``00``..``11``),
``DIR/unlabelled/<index>.png`` for unconditional models, and ``DIR/manifest.json``.

Image ``k`` of a class (numbered from 0 across appends) is drawn from the noise of
seed ``seed + k`` (``utils.noise.seeded_noise``), scaled by ``truncation``; a
conditional model draws it for its class. So a folder is reproducible from its
manifest, and an append draws new noise.
"""

import dataclasses
import datetime
import json
import os
import sys

import numpy as np

from keras_gans.errors import ArgumentError, DataError
from keras_gans.utils.images import save_png, to_uint8
from keras_gans.utils.noise import seeded_noise
from keras_gans.version import __version__

MANIFEST = "manifest.json"
UNLABELLED = "unlabelled"


@dataclasses.dataclass(frozen=True)
class SynthesisResult:
    """What ``synthesize`` returns.

    Attributes:
        out: the folder.
        classes: the class folder names, in class order.
        first_index: the index of this call's first image in each class folder.
        per_class: images this call wrote into each class folder.
        manifest: the manifest as written.
    """

    out: str
    classes: tuple
    first_index: int
    per_class: int
    manifest: dict


def class_names(num_classes):
    """Folder names of classes 0..num_classes-1, zero-padded to sort in class order."""
    width = len(str(num_classes - 1))
    return tuple(str(c).zfill(width) for c in range(num_classes))


def _check_arguments(model, per_class, seed, truncation, batch_size):
    for value, name in ((per_class, "per_class"), (batch_size, "batch_size")):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
            raise ArgumentError(f"{name} must be a positive int, got {value!r}.")
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ArgumentError(f"seed must be a non-negative int, got {seed!r}.")
    if not isinstance(truncation, (int, float)) or not 0 < truncation <= 1:
        raise ArgumentError(f"truncation must be in (0, 1] (1: none), got {truncation!r}.")
    if getattr(model, "translation", False):
        raise ArgumentError(
            "synthesize draws from noise; a pix2pix or cyclegan model translates images."
        )


def _existing_manifest(out, append, image_shape, classes):
    """``(manifest or None, first index)``; refuses to write over or beside other files."""
    path = os.path.join(out, MANIFEST)
    if not os.path.exists(out):
        return None, 0
    if not os.path.isdir(out):
        raise DataError(f"{out} is a file; synthesize writes a folder.")
    if not append:
        if os.listdir(out):
            raise DataError(
                f"{out} is not empty; synthesize never overwrites: choose a new folder, or "
                f"pass append=True (--append) to add images to a folder it wrote."
            )
        return None, 0
    if not os.path.isfile(path):
        if os.listdir(out):
            raise DataError(f"{out} has no {MANIFEST}: it was not written by synthesize.")
        return None, 0
    with open(path) as f:
        manifest = json.load(f)
    if tuple(manifest["image_shape"]) != tuple(image_shape) or tuple(manifest["classes"]) != tuple(
        classes
    ):
        raise DataError(
            f"{out} holds {manifest['image_shape']} images of classes {manifest['classes']}; "
            f"this model makes {list(image_shape)} images of classes {list(classes)}: "
            f"append to a folder of the same kind."
        )
    return manifest, manifest["per_class"]


def synthesize(
    model,
    out,
    per_class,
    *,
    seed=0,
    truncation=1.0,
    append=False,
    batch_size=256,
    source=None,
    progress=False,
):
    """Writes ``per_class`` generated images per class into the folder ``out``.

    Args:
        model: a noise model (``keras_gans.models``) or an ``ExportedGenerator``.
        out: the folder; it must not exist or be empty, unless ``append``.
        per_class: images per class (unconditional models: in all).
        seed: image ``k`` of a class uses the noise of seed ``seed + k``.
        truncation: the noise is scaled by this factor in (0, 1] towards its mean 0
            (the truncation trick on z; 1: none). Lower: more typical, less varied.
        append: add images to a folder ``synthesize`` wrote, numbering on.
        batch_size: images per generator call; each batch is written before the next.
        source: what to record as the source in the manifest (a run or export path).
        progress: show Keras' progress bar (on stdout).

    Returns:
        A ``SynthesisResult``.

    Example:
    >>> import os
    >>> model = keras_gans.models.ConditionalGAN(image_shape=(8, 8, 1), latent_dim=4)
    >>> result = keras_gans.reports.synthesize(model, "synthetic", per_class=2)
    >>> sorted(os.listdir("synthetic/3"))
    ['000000.png', '000001.png']
    """
    _check_arguments(model, per_class, seed, truncation, batch_size)
    conditional = bool(getattr(model, "conditional", False))
    classes = class_names(model.num_classes) if conditional else (UNLABELLED,)
    image_shape = [int(d) for d in model.image_shape]
    manifest, first = _existing_manifest(out, append, image_shape, classes)
    total = per_class * len(classes)
    bar = None
    if progress:
        import keras

        bar = keras.utils.Progbar(total, unit_name="image")
        sys.stdout.flush()
    done = 0
    for label, name in enumerate(classes):
        os.makedirs(os.path.join(out, name), exist_ok=True)
        for start in range(0, per_class, batch_size):
            count = min(batch_size, per_class - start)
            z = seeded_noise(count, model.latent_dim, seed + first + start) * float(truncation)
            condition = None
            if conditional:
                condition = np.asarray(model.check_labels([label] * count, count), np.int32)
            images = to_uint8(np.asarray(model.generate_images(z, condition), np.float32))
            for i, image in enumerate(images):
                save_png(image, os.path.join(out, name, f"{first + start + i:06d}.png"))
            done += count
            if bar is not None:
                bar.update(done)
    batch = {
        "seed": int(seed),
        "truncation": float(truncation),
        "first_index": int(first),
        "per_class": int(per_class),
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
    }
    if manifest is None:
        manifest = {
            "source": source,
            "model": type(model).__name__,
            "keras_gans_version": __version__,
            "conditional": conditional,
            "classes": list(classes),
            "labels": list(range(len(classes))) if conditional else None,
            "image_shape": image_shape,
            "latent_dim": int(model.latent_dim),
            "per_class": 0,
            "batches": [],
        }
    manifest["per_class"] = int(first + per_class)
    manifest["batches"].append({"source": source, **batch})
    tmp = os.path.join(out, MANIFEST + ".tmp")
    with open(tmp, "w") as f:
        json.dump(manifest, f, indent=2)
    os.replace(tmp, os.path.join(out, MANIFEST))
    return SynthesisResult(
        out=out,
        classes=classes,
        first_index=first,
        per_class=int(per_class),
        manifest=manifest,
    )
