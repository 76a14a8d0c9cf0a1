"""The reference: GANs written the way the common single-file Keras examples write them.

A ``train_step`` that samples fresh noise and regenerates the fakes for every update,
takes optimizers in ``compile``, no extra tuning (only ``self.built = True``, without
which Keras 3's ``fit`` calls ``call()`` on the data). Used only by
benchmarks/throughput.py, with the same networks, batch and data as keras_gans.
"""

import keras
import tensorflow as tf


class TwoOptimizerModel(keras.Model):
    """What every reference shares: ``compile`` takes the two optimizers."""

    def compile(self, d_optimizer, g_optimizer):
        super().compile()
        self.d_optimizer = d_optimizer
        self.g_optimizer = g_optimizer


def gradient_penalty(critic, real_images, fake_images):
    """WGAN-GP's penalty: the mean of (||grad critic(x)|| - 1)^2 at random points ``x``
    between real and fake images; ``critic`` maps images to one score each."""
    batch_size = tf.shape(real_images)[0]
    alpha = tf.random.uniform([batch_size, 1, 1, 1], 0.0, 1.0)
    interpolated = real_images + alpha * (fake_images - real_images)
    with tf.GradientTape() as tape:
        tape.watch(interpolated)
        scores = critic(interpolated)
    grads = tape.gradient(scores, [interpolated])[0]
    norm = tf.sqrt(tf.reduce_sum(tf.square(grads), axis=[1, 2, 3]) + 1e-10)
    return tf.reduce_mean((norm - 1.0) ** 2)


class PlainDCGAN(TwoOptimizerModel):
    """Alternating BCE updates, one discriminator and one generator step per batch."""

    def __init__(self, generator, discriminator, latent_dim):
        super().__init__()
        self.generator = generator
        self.discriminator = discriminator
        self.latent_dim = latent_dim
        self.seed_generator = keras.random.SeedGenerator(1337)
        self.d_loss_metric = keras.metrics.Mean(name="d_loss")
        self.g_loss_metric = keras.metrics.Mean(name="g_loss")
        self.built = True  # Keras 3 would otherwise call call() on the data

    def compile(self, d_optimizer, g_optimizer):
        super().compile(d_optimizer, g_optimizer)
        self.loss_fn = keras.losses.BinaryCrossentropy(from_logits=True)

    @property
    def metrics(self):
        return [self.d_loss_metric, self.g_loss_metric]

    def train_step(self, real_images):
        batch_size = tf.shape(real_images)[0]
        noise = keras.random.normal((batch_size, self.latent_dim), seed=self.seed_generator)
        fake_images = self.generator(noise, training=True)
        with tf.GradientTape() as tape:
            real_logits = self.discriminator(real_images, training=True)
            fake_logits = self.discriminator(fake_images, training=True)
            d_loss = self.loss_fn(tf.ones_like(real_logits) * 0.9, real_logits) + self.loss_fn(
                tf.zeros_like(fake_logits), fake_logits
            )
        grads = tape.gradient(d_loss, self.discriminator.trainable_weights)
        self.d_optimizer.apply_gradients(
            zip(grads, self.discriminator.trainable_weights, strict=True)
        )

        noise = keras.random.normal((batch_size, self.latent_dim), seed=self.seed_generator)
        with tf.GradientTape() as tape:
            fake_logits = self.discriminator(self.generator(noise, training=True), training=True)
            g_loss = self.loss_fn(tf.ones_like(fake_logits), fake_logits)
        grads = tape.gradient(g_loss, self.generator.trainable_weights)
        self.g_optimizer.apply_gradients(zip(grads, self.generator.trainable_weights, strict=True))
        self.d_loss_metric.update_state(d_loss)
        self.g_loss_metric.update_state(g_loss)
        return {m.name: m.result() for m in self.metrics}


class PlainWGANGP(TwoOptimizerModel):
    """``d_steps`` critic updates with a gradient penalty, then one generator update."""

    def __init__(self, generator, discriminator, latent_dim, d_steps=5, gp_weight=10.0):
        super().__init__()
        self.generator = generator
        self.discriminator = discriminator
        self.latent_dim = latent_dim
        self.d_steps = d_steps
        self.gp_weight = gp_weight
        self.built = True

    def gradient_penalty(self, real_images, fake_images):
        def critic(images):
            return self.discriminator(images, training=True)

        return gradient_penalty(critic, real_images, fake_images)

    def train_step(self, real_images):
        batch_size = tf.shape(real_images)[0]
        for _ in range(self.d_steps):
            noise = tf.random.normal([batch_size, self.latent_dim])
            with tf.GradientTape() as tape:
                fake_images = self.generator(noise, training=True)
                fake_scores = self.discriminator(fake_images, training=True)
                real_scores = self.discriminator(real_images, training=True)
                d_cost = tf.reduce_mean(fake_scores) - tf.reduce_mean(real_scores)
                d_loss = d_cost + self.gp_weight * self.gradient_penalty(real_images, fake_images)
            grads = tape.gradient(d_loss, self.discriminator.trainable_variables)
            self.d_optimizer.apply_gradients(
                zip(grads, self.discriminator.trainable_variables, strict=True)
            )
        noise = tf.random.normal([batch_size, self.latent_dim])
        with tf.GradientTape() as tape:
            fake_scores = self.discriminator(self.generator(noise, training=True), training=True)
            g_loss = -tf.reduce_mean(fake_scores)
        grads = tape.gradient(g_loss, self.generator.trainable_variables)
        self.g_optimizer.apply_gradients(
            zip(grads, self.generator.trainable_variables, strict=True)
        )
        return {"d_loss": d_loss, "g_loss": g_loss}


class PlainWGAN(TwoOptimizerModel):
    """WGAN as the paper's pseudo-code writes it: ``d_steps`` critic updates, each
    followed by clipping the critic's weights, then one generator update."""

    def __init__(self, generator, discriminator, latent_dim, d_steps=5, clip_value=0.01):
        super().__init__()
        self.generator = generator
        self.discriminator = discriminator
        self.latent_dim = latent_dim
        self.d_steps = d_steps
        self.clip_value = clip_value
        self.built = True

    def train_step(self, real_images):
        batch_size = tf.shape(real_images)[0]
        for _ in range(self.d_steps):
            noise = tf.random.normal([batch_size, self.latent_dim])
            with tf.GradientTape() as tape:
                fake_scores = self.discriminator(
                    self.generator(noise, training=True), training=True
                )
                real_scores = self.discriminator(real_images, training=True)
                d_loss = tf.reduce_mean(fake_scores) - tf.reduce_mean(real_scores)
            grads = tape.gradient(d_loss, self.discriminator.trainable_variables)
            self.d_optimizer.apply_gradients(
                zip(grads, self.discriminator.trainable_variables, strict=True)
            )
            for w in self.discriminator.trainable_variables:
                w.assign(tf.clip_by_value(w, -self.clip_value, self.clip_value))
        noise = tf.random.normal([batch_size, self.latent_dim])
        with tf.GradientTape() as tape:
            g_loss = -tf.reduce_mean(
                self.discriminator(self.generator(noise, training=True), training=True)
            )
        grads = tape.gradient(g_loss, self.generator.trainable_variables)
        self.g_optimizer.apply_gradients(
            zip(grads, self.generator.trainable_variables, strict=True)
        )
        return {"d_loss": d_loss, "g_loss": g_loss}


class PlainACWGANGP(TwoOptimizerModel):
    """A conditional WGAN-GP with an auxiliary classifier, written plainly: the critic
    takes ``[images, labels]`` and returns ``[logit, log p(label | image)]``; ``d_steps``
    critic updates (Wasserstein loss, gradient penalty on the logit, the classifier's
    cross-entropy on the real batch), then one generator update (its cross-entropy on
    the fakes added)."""

    def __init__(self, generator, discriminator, latent_dim, num_classes, d_steps=5,
                 gp_weight=10.0, classifier_weight=1.0):  # fmt: skip
        super().__init__()
        self.generator = generator
        self.discriminator = discriminator
        self.latent_dim = latent_dim
        self.num_classes = num_classes
        self.d_steps = d_steps
        self.gp_weight = gp_weight
        self.classifier_weight = classifier_weight
        self.built = True

    def gradient_penalty(self, real_images, fake_images, labels):
        def critic(images):  # the logit column only
            return self.discriminator([images, labels], training=True)[:, 0]

        return gradient_penalty(critic, real_images, fake_images)

    def train_step(self, data):
        real_images, labels = data
        batch_size = tf.shape(real_images)[0]
        for _ in range(self.d_steps):
            noise = tf.random.normal([batch_size, self.latent_dim])
            with tf.GradientTape() as tape:
                fake_images = self.generator([noise, labels], training=True)
                fake_out = self.discriminator([fake_images, labels], training=True)
                real_out = self.discriminator([real_images, labels], training=True)
                d_loss = (
                    tf.reduce_mean(fake_out[:, 0])
                    - tf.reduce_mean(real_out[:, 0])
                    + self.gp_weight * self.gradient_penalty(real_images, fake_images, labels)
                    - self.classifier_weight * tf.reduce_mean(real_out[:, 1])
                )
            grads = tape.gradient(d_loss, self.discriminator.trainable_variables)
            self.d_optimizer.apply_gradients(
                zip(grads, self.discriminator.trainable_variables, strict=True)
            )
        noise = tf.random.normal([batch_size, self.latent_dim])
        with tf.GradientTape() as tape:
            fake_out = self.discriminator(
                [self.generator([noise, labels], training=True), labels], training=True
            )
            g_loss = -tf.reduce_mean(fake_out[:, 0]) - self.classifier_weight * tf.reduce_mean(
                fake_out[:, 1]
            )
        grads = tape.gradient(g_loss, self.generator.trainable_variables)
        self.g_optimizer.apply_gradients(
            zip(grads, self.generator.trainable_variables, strict=True)
        )
        return {"d_loss": d_loss, "g_loss": g_loss}
