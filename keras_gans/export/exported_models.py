"""Exported generators and translators, loaded from their SavedModels and used like the models."""

import numpy as np

from keras_gans.errors import ArgumentError, RunError
from keras_gans.models.sampling import Truncated, generate_in_batches
from keras_gans.models.validation import labels_for_generate


class ExportedGenerator:
    """A SavedModel written by ``keras_gans.export.save_generator``, used like a model.

    Has ``latent_dim``, ``image_shape``, ``conditional``, ``num_classes``,
    ``generate_images(z, labels)`` (the ``serving_default`` signature) and
    ``generate(n, seed=None, labels=None)``, which draws the same images as the
    trained model's ``generate`` with the same seed.

    Args:
        path: export base folder (newest version) or a version folder.
    """

    def __init__(self, path):
        import tensorflow as tf

        from keras_gans.export.saved_model import load_metadata, resolve_saved_model

        self.path = resolve_saved_model(path)
        self._loaded = tf.saved_model.load(self.path)
        if "serving_default" not in self._loaded.signatures:
            raise RunError(f"{self.path} has no serving_default signature.")
        self._serve = self._loaded.signatures["serving_default"]
        specs = self._serve.structured_input_signature[1]
        if "image" in specs:
            raise RunError(f"{self.path} is an image translator; load it with ExportedTranslator.")
        if "z" not in specs:
            raise RunError(f"{self.path} is not a generator export (no z input).")
        self.latent_dim = int(specs["z"].shape[-1])
        self.conditional = "label" in specs
        # StyleGAN2 exports take a truncation psi (1.0: none)
        self.truncatable = "truncation_psi" in specs
        meta = load_metadata(self.path)
        self.num_classes = meta.get("num_classes") or (10 if self.conditional else None)
        self.image_shape = tuple(meta.get("image_shape") or self._probe_shape())

    def _probe_shape(self):
        return self.generate_images(np.zeros((1, self.latent_dim), np.float32)).shape[1:]

    def check_labels(self, labels, n):
        return labels_for_generate(labels, n, self.num_classes)

    def generate_images(self, z, condition=None, training=False, truncation_psi=1.0):
        import tensorflow as tf

        z = tf.constant(np.asarray(z, np.float32))
        kwargs = {}
        if self.conditional:
            kwargs["label"] = tf.constant(self.check_labels(condition, int(z.shape[0])))
        if self.truncatable:
            kwargs["truncation_psi"] = tf.constant(float(truncation_psi), tf.float32)
        elif float(truncation_psi) != 1.0:
            raise ArgumentError(f"{self.path} takes no truncation_psi (not a StyleGAN2 export).")
        return self._serve(z=z, **kwargs)["images"].numpy()

    def generate(self, n, *, seed=None, labels=None, batch_size=256, truncation_psi=1.0):
        """``n`` images as the trained model's ``generate(n, seed=..., labels=...)`` draws them
        (StyleGAN2 exports: also ``truncation_psi``)."""
        if float(truncation_psi) == 1.0:
            return generate_in_batches(self, int(n), seed, batch_size, labels)
        return generate_in_batches(
            Truncated(self, truncation_psi), int(n), seed, batch_size, labels
        )


class ExportedTranslator:
    """A Pix2Pix or CycleGAN export, used like the model: ``translate(images, direction)``.

    Has ``translation`` (True), ``domain_shapes``, ``image_shape`` (of the a
    images) and ``translate``, which calls the ``serving_default`` (a2b) or
    ``b2a`` signature and returns what the trained model's ``translate`` does.

    Args:
        path: export base folder (newest version) or a version folder.
    """

    translation = True
    conditional = False

    def __init__(self, path):
        import tensorflow as tf

        from keras_gans.export.saved_model import resolve_saved_model

        self.path = resolve_saved_model(path)
        loaded = tf.saved_model.load(self.path)
        self._loaded = loaded
        self._functions = {"a2b": loaded.signatures["serving_default"]}
        if "b2a" in loaded.signatures:
            self._functions["b2a"] = loaded.signatures["b2a"]
        for fn in self._functions.values():
            if "image" not in fn.structured_input_signature[1]:
                raise RunError(f"{self.path} is not an image translator export (no image input).")
        self.domain_shapes = tuple(
            tuple(fn.structured_input_signature[1]["image"].shape[1:])
            for fn in self._functions.values()
        )
        self.image_shape = self.domain_shapes[0]

    @property
    def directions(self):
        """The directions this export translates (``["a2b"]`` or ``["a2b", "b2a"]``)."""
        return sorted(self._functions)

    def translate(self, images, direction="a2b", batch_size=64):
        import tensorflow as tf

        if direction not in self._functions:
            raise ArgumentError(
                f"Unknown direction {direction!r} for this export; choose from "
                f"{sorted(self._functions)}"
            )
        fn = self._functions[direction]
        images = np.asarray(images, np.float32)
        return np.concatenate(
            [
                fn(image=tf.constant(images[i : i + batch_size]))["images"].numpy()
                for i in range(0, len(images), batch_size)
            ]
        )
