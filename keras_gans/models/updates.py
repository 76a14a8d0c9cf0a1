"""``UpdateSteps``: the update schemes of ``AdversarialModel.train_step``.

``compile(update=...)`` picks one; without it, the family's ``default_update``:
``"simultaneous"`` for ``DCGAN`` (faster and no worse FID, docs/performance.md),
``"alternating"`` for the others.

- ``"alternating"``: ``d_steps`` discriminator updates, then one generator
  update on fresh noise and new fakes (the papers' and the common Keras examples'
  scheme).
- ``"alternating_reuse"``: the same order, but the generator update backpropagates
  the last discriminator update's fakes through the updated discriminator: one
  generator forward pass per step fewer.
- ``"simultaneous"``: the last discriminator update and the generator update take
  their gradients from one generator pass and one discriminator pass on the fakes,
  before either network moves.
"""

import tensorflow as tf

from keras_gans.models.objectives import check_objective


class UpdateSteps:
    """Mixin of ``AdversarialModel``: one training step under each update scheme.

    Uses the model's ``sample_noise``, ``generate_images``, ``discriminate``,
    ``discriminator_objective``, ``generator_loss``, ``generator_mirrors_critic``,
    ``scaled_loss``, ``apply_loss`` and ``after_discriminator_update``.
    """

    def objective(self, real, fake, condition, critic_step):
        """``discriminator_objective``'s record, checked (``check_objective``), with the
        R1/R2 penalties of every update added (``Stabilisers.regularized``; the lazy ones
        join in ``Stabilisers.apply_discriminator_loss``)."""
        result = self.discriminator_objective(real, fake, condition, critic_step=critic_step)
        return self.regularized(check_objective(self, result), real, fake, condition)

    def discriminator_update(self, real, fake, condition, critic_step):
        """Critic update ``critic_step`` of the step, on ``real`` and the given ``fake``.

        Returns:
            The ``DiscriminatorObjective`` it minimised.
        """
        with tf.GradientTape() as tape:
            result = self.objective(real, fake, condition, critic_step)
            scaled = self.scaled_loss(result.loss, self.d_optimizer)
        grads = tape.gradient(scaled, self.discriminator.trainable_variables)
        result = self.apply_discriminator_loss(grads, result, real, fake, condition, critic_step)
        self.after_discriminator_update()
        return result

    def discriminator_step(self, real, condition, batch_size, critic_step):
        """One discriminator update on ``real`` and fresh fakes; its objective's record."""
        fake = self.generate_images(self.sample_noise(batch_size), condition, training=True)
        return self.discriminator_update(real, fake, condition, critic_step)

    def generator_step(self, condition, batch_size):
        """One generator update on fresh noise; returns its loss."""
        z = self.sample_noise(batch_size)
        with tf.GradientTape() as tape:
            fake = self.generate_images(z, condition, training=True)
            loss = self.generator_loss(self.discriminate(fake, condition))
            scaled = self.scaled_loss(loss, self.g_optimizer)
        self.apply_loss(tape, scaled, self.g_optimizer, self.generator.trainable_variables)
        return loss

    def reuse_step(self, real, condition, batch_size, critic_step):
        """The last discriminator update, then the generator update on the same fakes.

        The generator pass is recorded once; the discriminator updates on its
        (stopped) output, then the generator's loss is the updated
        discriminator's verdict on those fakes, differentiated through the
        recorded pass.

        Returns:
            ``(objective record, g_loss)``.
        """
        z = self.sample_noise(batch_size)
        with tf.GradientTape() as g_tape:
            fake = self.generate_images(z, condition, training=True)
            with g_tape.stop_recording():
                result = self.discriminator_update(
                    real, tf.stop_gradient(fake), condition, critic_step
                )
            g_loss = self.generator_loss(self.discriminate(fake, condition))
            g_scaled = self.scaled_loss(g_loss, self.g_optimizer)
        self.apply_loss(g_tape, g_scaled, self.g_optimizer, self.generator.trainable_variables)
        return result, g_loss

    def simultaneous_step(self, real, condition, batch_size, critic_step):
        """The last discriminator update and the generator update from one pass.

        One generator pass makes the fakes; the discriminator's logits on them
        (the record's ``fake_logits``) give both losses, and both gradients are
        taken before either network moves. Where ``generator_mirrors_critic()``, the
        generator's gradient at the fakes is read from the discriminator's backward
        pass (``mirrored_simultaneous_step``) instead of a second one.

        Returns:
            ``(objective record, g_loss)``.
        """
        z = self.sample_noise(batch_size)
        if self.generator_mirrors_critic():
            return self.mirrored_simultaneous_step(real, z, condition, critic_step)
        with tf.GradientTape() as g_tape, tf.GradientTape() as d_tape:
            fake = self.generate_images(z, condition, training=True)
            result = self.objective(real, fake, condition, critic_step)
            g_loss = self.generator_loss(result.fake_logits)
            d_scaled = self.scaled_loss(result.loss, self.d_optimizer)
            g_scaled = self.scaled_loss(g_loss, self.g_optimizer)
        g_grads = g_tape.gradient(g_scaled, self.generator.trainable_variables)
        d_grads = d_tape.gradient(d_scaled, self.discriminator.trainable_variables)
        return self.finish_simultaneous_step(
            d_grads, g_grads, result, g_loss, real, fake, condition, critic_step
        )

    def mirrored_simultaneous_step(self, real, z, condition, critic_step):
        """``simultaneous_step`` with one backward pass through the discriminator.

        The discriminator's gradient tape ends at its own handle on the fakes, so its
        backward pass gives the discriminator's gradients and the loss's gradient at
        the fakes. The generator's loss is minus the discriminator loss's fake term
        (``generator_mirrors_critic``), and a backward pass is linear in the gradient it
        starts from, so the generator's gradient at the fakes is that gradient negated
        (times the ratio of the two optimizers' loss scales): the same numbers the
        second pass would give, as negation rounds alike. Under ``mixed_float16`` that
        pass runs at the discriminator's loss scale, so an overflow there skips both
        networks' updates.
        """
        with tf.GradientTape() as g_tape:
            fake = self.generate_images(z, condition, training=True)
        seen = tf.identity(fake)
        with tf.GradientTape() as d_tape:
            d_tape.watch(seen)
            result = self.objective(real, seen, condition, critic_step)
            g_loss = self.generator_loss(result.fake_logits)
            d_scaled = self.scaled_loss(result.loss, self.d_optimizer)
        *d_grads, at_fakes = d_tape.gradient(
            d_scaled, [*self.discriminator.trainable_variables, seen]
        )
        one = tf.constant(1.0)
        ratio = self.scaled_loss(one, self.g_optimizer) / self.scaled_loss(one, self.d_optimizer)
        g_grads = g_tape.gradient(
            fake,
            self.generator.trainable_variables,
            output_gradients=-tf.cast(ratio, at_fakes.dtype) * at_fakes,
        )
        return self.finish_simultaneous_step(
            d_grads, g_grads, result, g_loss, real, fake, condition, critic_step
        )

    def finish_simultaneous_step(
        self, d_grads, g_grads, result, g_loss, real, fake, condition, critic_step
    ):
        """Applies a simultaneous step's gradients: the discriminator's (with its lazy
        penalties), then the generator's. Returns ``(objective record, g_loss)``."""
        result = self.apply_discriminator_loss(d_grads, result, real, fake, condition, critic_step)
        self.after_discriminator_update()
        self.g_optimizer.apply_gradients(
            zip(g_grads, self.generator.trainable_variables, strict=True)
        )
        return result, g_loss

    def train_step(self, data):
        real, condition = self.unpack(data)
        batch_size = tf.shape(real)[0]
        update = getattr(self, "update", None) or self.default_update
        last = self.d_steps - 1
        for step in range(self.d_steps if update == "alternating" else last):
            result = self.discriminator_step(real, condition, batch_size, step)
        if update == "alternating":
            g_loss = self.generator_step(condition, batch_size)
        elif update == "simultaneous":
            result, g_loss = self.simultaneous_step(real, condition, batch_size, last)
        else:
            result, g_loss = self.reuse_step(real, condition, batch_size, last)
        self.after_generator_update()
        self.after_discriminator_steps(result)
        self.d_loss_tracker.update_state(result.loss)
        self.g_loss_tracker.update_state(g_loss)
        self.loss_tracker.update_state(
            tf.cast(result.loss, tf.float32) + tf.cast(g_loss, tf.float32)
        )
        for tracker in self.extra_trackers:
            tracker.update_state(result.extras[tracker.name])
        self.update_stabiliser_trackers(result)
        return self._logs()
