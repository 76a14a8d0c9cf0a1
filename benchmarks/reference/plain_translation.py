"""The references for image-to-image models, in the style of the TensorFlow tutorials
(https://www.tensorflow.org/tutorials/generative/pix2pix and .../cyclegan): a
``train_step`` that records every network's losses under gradient tapes and applies
each optimizer once, nothing tuned. Used only by benchmarks/families.py, with the
networks, initial weights, optimizers and data of the keras_gans model it is timed
against.
"""

import keras
import tensorflow as tf

from benchmarks.reference.plain_gans import TwoOptimizerModel

bce = keras.losses.BinaryCrossentropy(from_logits=True)


class PlainPix2Pix(TwoOptimizerModel):
    """The tutorial's step: generator loss = BCE + ``l1_weight`` x L1, discriminator
    loss = BCE on real and generated pairs (the discriminator takes ``[input, image]``),
    two tapes, both optimizers applied once."""

    def __init__(self, generator, discriminator, l1_weight=100.0):
        super().__init__()
        self.generator = generator
        self.discriminator = discriminator
        self.l1_weight = l1_weight
        self.built = True

    def train_step(self, data):
        input_image, target = data
        with tf.GradientTape() as gen_tape, tf.GradientTape() as disc_tape:
            gen_output = self.generator(input_image, training=True)
            disc_real_output = self.discriminator([input_image, target], training=True)
            disc_generated_output = self.discriminator([input_image, gen_output], training=True)
            gan_loss = bce(tf.ones_like(disc_generated_output), disc_generated_output)
            l1_loss = tf.reduce_mean(tf.abs(target - gen_output))
            gen_total_loss = gan_loss + self.l1_weight * l1_loss
            disc_loss = bce(tf.ones_like(disc_real_output), disc_real_output) + bce(
                tf.zeros_like(disc_generated_output), disc_generated_output
            )
        generator_gradients = gen_tape.gradient(gen_total_loss, self.generator.trainable_variables)
        discriminator_gradients = disc_tape.gradient(
            disc_loss, self.discriminator.trainable_variables
        )
        self.g_optimizer.apply_gradients(
            zip(generator_gradients, self.generator.trainable_variables, strict=True)
        )
        self.d_optimizer.apply_gradients(
            zip(discriminator_gradients, self.discriminator.trainable_variables, strict=True)
        )
        return {"g_loss": gen_total_loss, "d_loss": disc_loss}


class PlainCycleGAN(TwoOptimizerModel):
    """The tutorial's step: one persistent tape over both generators and both
    discriminators (least-squares adversarial losses, cycle and identity L1), then one
    update of the generators and one of the discriminators (the tutorial's four Adam
    optimizers, as two over the same variables)."""

    def __init__(self, generator_g, generator_f, discriminator_x, discriminator_y,
                 cycle_weight=10.0, identity_weight=0.5):  # fmt: skip
        super().__init__()
        self.generator_g = generator_g
        self.generator_f = generator_f
        self.discriminator_x = discriminator_x
        self.discriminator_y = discriminator_y
        self.cycle_weight = cycle_weight
        self.identity_weight = identity_weight
        self.built = True

    def train_step(self, data):
        real_x, real_y = data
        with tf.GradientTape(persistent=True) as tape:
            fake_y = self.generator_g(real_x, training=True)
            cycled_x = self.generator_f(fake_y, training=True)
            fake_x = self.generator_f(real_y, training=True)
            cycled_y = self.generator_g(fake_x, training=True)
            same_x = self.generator_f(real_x, training=True)
            same_y = self.generator_g(real_y, training=True)
            disc_real_x = self.discriminator_x(real_x, training=True)
            disc_real_y = self.discriminator_y(real_y, training=True)
            disc_fake_x = self.discriminator_x(fake_x, training=True)
            disc_fake_y = self.discriminator_y(fake_y, training=True)
            gen_g_loss = tf.reduce_mean(tf.square(disc_fake_y - 1.0))
            gen_f_loss = tf.reduce_mean(tf.square(disc_fake_x - 1.0))
            total_cycle_loss = tf.reduce_mean(tf.abs(real_x - cycled_x)) + tf.reduce_mean(
                tf.abs(real_y - cycled_y)
            )
            identity_loss = tf.reduce_mean(tf.abs(real_y - same_y)) + tf.reduce_mean(
                tf.abs(real_x - same_x)
            )
            total_gen_loss = (
                gen_g_loss
                + gen_f_loss
                + self.cycle_weight * total_cycle_loss
                + self.cycle_weight * self.identity_weight * identity_loss
            )
            disc_loss = 0.5 * (
                tf.reduce_mean(tf.square(disc_real_x - 1.0))
                + tf.reduce_mean(tf.square(disc_fake_x))
                + tf.reduce_mean(tf.square(disc_real_y - 1.0))
                + tf.reduce_mean(tf.square(disc_fake_y))
            )
        g_vars = self.generator_g.trainable_variables + self.generator_f.trainable_variables
        d_vars = self.discriminator_x.trainable_variables + self.discriminator_y.trainable_variables
        g_grads = tape.gradient(total_gen_loss, g_vars)
        d_grads = tape.gradient(disc_loss, d_vars)
        self.g_optimizer.apply_gradients(zip(g_grads, g_vars, strict=True))
        self.d_optimizer.apply_gradients(zip(d_grads, d_vars, strict=True))
        return {"g_loss": total_gen_loss, "d_loss": disc_loss}
