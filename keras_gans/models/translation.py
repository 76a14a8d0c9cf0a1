"""``TranslationModel``: what Pix2Pix and CycleGAN share (pairs of images, translate, logs)."""

import keras
import numpy as np
import tensorflow as tf

from keras_gans.errors import ArgumentError, DataError
from keras_gans.models.base import replica_logs, scaled_replica_loss
from keras_gans.models.keras_export import export_network
from keras_gans.models.naming import in_name_scope
from keras_gans.models.two_optimizers import TwoOptimizers
from keras_gans.models.validation import check_fit_call, check_images, unwrap_batch

DIRECTIONS = ("a2b", "b2a")


def psnr(a, b):
    """Per-image peak signal-to-noise ratio in dB of images in [-1, 1] (peak-to-peak 2).

    ``10 * log10(4 / mean((a - b)^2))`` over each image's pixels; float32 ``[batch]``.
    Identical images give +inf.
    """
    a, b = tf.cast(a, tf.float32), tf.cast(b, tf.float32)
    mse = tf.reduce_mean(tf.square(a - b), axis=[1, 2, 3])
    return 10.0 * (tf.math.log(4.0 / mse) / tf.math.log(10.0))


class TranslationModel(TwoOptimizers, keras.Model):
    """Base of the image-to-image models: data are ``(a, b)`` batches of two image sets.

    Subclasses set ``domain_shapes`` (shapes of a and b), ``domain_names`` (how
    errors name them), the trackers, ``train_step``/``test_step`` and
    ``translators`` (direction -> generator).
    """

    translation = True
    conditional = False
    paired = True
    domain_names = ("inputs", "targets")
    default_d_steps = 1
    default_label_smoothing = 0.0

    def compile(self, g_optimizer=None, d_optimizer=None, d_steps=None, **kwargs):
        """Sets both optimizers (default Adam(2e-4, beta_1=0.5), the papers').

        Takes ``TwoOptimizers.compile``'s arguments; ``d_steps`` must be 1 (both
        papers update each network once per step).
        """
        if d_steps not in (None, 1):
            raise ArgumentError(
                f"{type(self).__name__} updates each network once per step; d_steps must be 1, "
                f"got {d_steps!r}."
            )
        super().compile(g_optimizer, d_optimizer, d_steps=1, **kwargs)

    def setup_trackers(self, train_names, eval_names):
        """Mean trackers of ``train_step``'s and ``test_step``'s logs.

        The evaluation trackers are named ``eval_<name>`` so that a train and an
        evaluation log of one name never share a tracker; their logs drop the prefix.
        """
        # "loss" (d_loss + g_loss) is what Keras' callbacks read (TerminateOnNaN,
        # the default monitor of ModelCheckpoint/EarlyStopping).
        train_names = (*train_names, "loss")
        self.train_trackers = [keras.metrics.Mean(name=n) for n in train_names]
        self.eval_trackers = [keras.metrics.Mean(name=f"eval_{n}") for n in eval_names]

    @property
    def metrics(self):
        return [*self.train_trackers, *self.eval_trackers]

    def record(self, trackers, values, batch_size=None):
        """Updates ``trackers`` from ``values`` (by log name); returns the logs.

        With ``batch_size`` each value counts for that many examples, so a last
        partial batch of held-out data weighs what its images weigh.
        """
        if "d_loss" in values and "loss" not in values:
            values = {**values, "loss": values["d_loss"] + values["g_loss"]}
        for tracker in trackers:
            value = values[tracker.name.removeprefix("eval_")]
            if batch_size is None:
                tracker.update_state(value)
            else:
                tracker.update_state(value, sample_weight=tf.cast(batch_size, value.dtype))
        logs = replica_logs(self, trackers)
        return {k.removeprefix("eval_"): v for k, v in logs.items()}

    def scaled_loss(self, loss, optimizer):
        return scaled_replica_loss(loss, optimizer)

    @property
    def image_shape(self):
        """Shape of the ``a`` images (the inputs of ``translate``)."""
        return self.domain_shapes[0]

    # -------------------------------------------------------------- training
    def fit(self, x=None, y=None, *args, **kwargs):
        """``keras.Model.fit`` after checking that the data are pairs of valid images."""
        x = check_fit_call(self, x, y, kwargs)
        return super().fit(x, y, *args, **kwargs)

    def evaluate(self, x=None, y=None, *args, **kwargs):
        """``keras.Model.evaluate`` on held-out pairs, checked like ``fit``'s data."""
        x = check_fit_call(self, x, y, kwargs)
        return super().evaluate(x, y, *args, **kwargs)

    def check_pair_arrays(self, a, b):
        """Raises DataError unless ``a`` and ``b`` are valid image sets for this model."""
        name = type(self).__name__
        if b is None:
            raise DataError(
                f"{name} trains on ({self.domain_names[0]}, {self.domain_names[1]}) batches "
                f"but got one set of images; give fit a dataset of pairs."
            )
        check_images(a, self, self.domain_shapes[0], self.domain_names[0])
        check_images(b, self, self.domain_shapes[1], self.domain_names[1])
        if self.paired and len(np.asarray(a)) != len(np.asarray(b)):
            raise DataError(
                f"{name} needs aligned pairs, but got {len(a)} {self.domain_names[0]} and "
                f"{len(b)} {self.domain_names[1]}; for unpaired sets use CycleGAN."
            )

    def unpack(self, data):
        """``(a, b)`` of a batch, checked for shape, as the compute dtype."""
        data = unwrap_batch(data)
        if not (isinstance(data, (tuple, list)) and len(data) >= 2):
            self.check_pair_arrays(data, None)
        out = []
        for images, shape, what in zip(
            data[:2], self.domain_shapes, self.domain_names, strict=True
        ):
            images = tf.convert_to_tensor(images)
            if tuple(images.shape[1:]) != tuple(shape) and None not in images.shape[1:]:
                raise DataError(
                    f"The data's {what} have shape {tuple(images.shape[1:])} per example but "
                    f"{type(self).__name__} expects {tuple(shape)}."
                )
            out.append(tf.cast(images, self.compute_dtype))
        return out

    def apply_loss(self, tape, loss, optimizer, variables):
        grads = tape.gradient(loss, variables)
        optimizer.apply_gradients(zip(grads, variables, strict=True))

    # ------------------------------------------------------------- inference
    def export(
        self,
        filepath,
        format="tf_saved_model",
        verbose=None,
        input_signature=None,
        direction="a2b",
        **kwargs,
    ):
        """Keras' own export of the translator for ``direction`` (``"a2b"``, CycleGAN also
        ``"b2a"``): float32 images in [-1, 1] ``[batch, h, w, c]`` to translated images.

        ``format``: ``"tf_saved_model"``, ``"onnx"``, ``"litert"`` or ``"openvino"``. For TF
        Serving's versioned folders use ``keras_gans.export.save_generator``.
        """
        return export_network(
            self, self.translator(direction), filepath, format, verbose, input_signature, **kwargs
        )

    def translate(self, images, direction="a2b", batch_size=64):
        """Translates float images in [-1, 1]; returns float32 numpy in [-1, 1].

        Args:
            images: ``[n, h, w, c]`` of the direction's source domain.
            direction: ``"a2b"`` or ``"b2a"`` (models with both directions).
            batch_size: images per generator call.
        """
        generator = self.translator(direction)
        source = self.domain_shapes[DIRECTIONS.index(direction)]
        what = self.domain_names[DIRECTIONS.index(direction)]
        images = np.asarray(images)
        if images.ndim == 3:
            raise ArgumentError(
                f"translate takes a batch [n, h, w, c]; got one image {images.shape} "
                f"(use images[None])."
            )
        check_images(images, self, source, what)
        images = images.astype(np.float32)
        return np.concatenate(
            [
                np.asarray(generator(images[i : i + batch_size], training=False), np.float32)
                for i in range(0, len(images), batch_size)
            ]
        )

    @property
    def directions(self):
        """The directions this model translates (``["a2b"]`` or ``["a2b", "b2a"]``)."""
        return sorted(self.translators())

    def translator(self, direction):
        """The generator of ``direction`` (ValueError naming the choices)."""
        translators = self.translators()
        if direction not in translators:
            raise ArgumentError(
                f"Unknown direction {direction!r} for {type(self).__name__}; "
                f"choose from {sorted(translators)}"
            )
        return translators[direction]

    def call(self, inputs, training=False):
        """Translates ``inputs`` a -> b."""
        return self.translator("a2b")(inputs, training=training)

    @staticmethod
    def deserialize_networks(config, keys):
        config = dict(config)
        for key in keys:
            if isinstance(config.get(key), dict):
                config[key] = in_name_scope(key, keras.saving.deserialize_keras_object, config[key])
        return config
