"""``KerasApi``: what the noise models answer to Keras' own ``evaluate``, ``predict`` and
``export`` (docs/keras_api.md)."""

import tensorflow as tf

from keras_gans.models.keras_export import export_network
from keras_gans.models.validation import (
    check_fit_call,
    check_noise_shape,
    check_predict_inputs,
    unwrap_batch,
)


class KerasApi:
    """Mixin of ``AdversarialModel``: ``test_step``, ``predict_step``, ``predict``,
    ``evaluate`` and ``export``.

    Uses the model's ``unpack``, ``generate_images``, ``discriminate``, its two losses,
    the ``d_loss``/``g_loss``/``loss`` trackers, ``logs_of`` and the sampling generator
    (``inference_generator``).
    """

    def test_step(self, data):
        """``evaluate`` and ``fit(validation_data=...)``: the losses on held-out real images.

        Nothing is updated and nothing is augmented; both networks run in inference
        mode, the fakes come from the sampling generator (the EMA generator when
        ``ema_decay`` is set) on a fixed noise batch, so the figures are
        deterministic. Logs ``d_loss`` and ``g_loss`` (the adversarial terms alone,
        without gradient penalties or R1/R2) and ``loss`` (their sum).
        """
        real, condition = self.unpack(data)
        z = tf.random.stateless_normal([tf.shape(real)[0], self.latent_dim], seed=[0, 0])
        fake = self.generate_images(z, condition, training=False)
        real_logits = self.discriminate(real, condition, training=False)
        fake_logits = self.discriminate(fake, condition, training=False)
        d_loss = tf.cast(self.discriminator_loss(real_logits, fake_logits), tf.float32)
        g_loss = tf.cast(self.generator_loss(fake_logits), tf.float32)
        self.d_loss_tracker.update_state(d_loss)
        self.g_loss_tracker.update_state(g_loss)
        self.loss_tracker.update_state(d_loss + g_loss)
        return self.logs_of([self.d_loss_tracker, self.g_loss_tracker, self.loss_tracker])

    def predict_step(self, data):
        """``predict``: images from noise ``z`` (conditional models: ``[z, labels]``),
        drawn by the sampling generator (the EMA generator when ``ema_decay`` is set)."""
        data = unwrap_batch(data)
        z, labels = (data[0], data[1]) if self.conditional else (data, None)
        check_noise_shape(self, z)
        return self.generate_images(z, labels, training=False)

    def predict(self, x, *args, **kwargs):
        """``keras.Model.predict`` on noise: ``x`` is z ``[n, latent_dim]`` (conditional
        models: ``[z, labels]``); returns images. Labels outside the classes, or
        images instead of noise, raise one sentence naming the problem."""
        check_predict_inputs(self, x)
        return super().predict(x, *args, **kwargs)

    def evaluate(self, x=None, y=None, *args, **kwargs):
        """``keras.Model.evaluate`` on held-out real data (see ``test_step``), checked
        like ``fit``'s data."""
        x = check_fit_call(self, x, y, kwargs)
        return super().evaluate(x, y, *args, **kwargs)

    def export(
        self, filepath, format="tf_saved_model", verbose=None, input_signature=None, **kwargs
    ):
        """Keras' own export of the sampling generator (the EMA one when ``ema_decay`` is set).

        ``format``: ``"tf_saved_model"`` (endpoint ``serve``), ``"onnx"``, ``"litert"`` or
        ``"openvino"`` (its package must be installed). Inputs: float32 z
        ``[batch, latent_dim]``, and int32 labels ``[batch]`` for conditional models;
        output: images in [-1, 1]. For TF Serving's versioned folders, named
        signatures and warmup records use ``keras_gans.export.save_generator``.
        """
        return export_network(
            self, self.inference_generator, filepath, format, verbose, input_signature, **kwargs
        )
