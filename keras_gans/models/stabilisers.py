"""``Stabilisers``: the training aids every noise model takes as constructor arguments.

- ``augment="diffaugment"``: every image the discriminator sees in training (real and
  fake, in the discriminator's and the generator's passes) goes through
  ``features.diff_augment`` with ``p = 1``; ``augment="ada"``: the same with ADA's
  adaptive ``p`` (``features.AdaptiveAugment``, ``ada_target``), updated from the real
  logits of each step's last discriminator update and logged as ``augment_p``.
- ``r1_weight`` / ``r2_weight``: zero-centred gradient penalties on the real / fake
  images (``features.zero_centred_penalty``), ``gamma / 2 * penalty`` added to the
  discriminator's loss; ``r1_every = k`` applies them on every k-th discriminator
  update only, with k times the weight (``features.lazy_weight``). Logged as ``r1``,
  ``r2`` (the unweighted penalty; 0 on the skipped updates).

- ``ema_decay``: an exponential moving average of the generator's weights
  (``features.update_average`` after every generator update, decay ramped up by
  ``features.ramped_decay``; batch norm's moving statistics copied from the raw
  generator) draws every sample: ``generate``, exports, evaluation and sample grids.
  The raw generator keeps training.

The penalties are added to whatever ``discriminator_objective`` returns, so they
compose with every family and with user subclasses.
"""

import dataclasses
import functools

import keras
import tensorflow as tf

from keras_gans.errors import ArgumentError
from keras_gans.features import (
    AdaptiveAugment,
    averaged_copy,
    diff_augment,
    lazily_added_gradients,
    lazy_weight,
    ramped_decay,
    update_average,
    zero_centred_penalty,
)
from keras_gans.features.ema import check_decay
from keras_gans.models.naming import in_name_scope
from keras_gans.models.objectives import LazyPenalty
from keras_gans.utils.checks import check_int

AUGMENTS = (None, "diffaugment", "ada")


class Stabilisers:
    """Mixin of ``AdversarialModel``: augmentation and R1/R2 penalties (see the module)."""

    def setup_stabilisers(self, augment, ada_target, r1_weight, r2_weight, r1_every, ema_decay):
        if augment not in AUGMENTS:
            raise ArgumentError(f"Unknown augment {augment!r}; choose from {list(AUGMENTS)}")
        for what, value in (("r1_weight", r1_weight), ("r2_weight", r2_weight)):
            if not float(value) >= 0:
                raise ArgumentError(f"{what} must be >= 0, got {value!r}.")
        check_int(r1_every, "r1_every")
        if augment != "ada" and float(ada_target) != 0.6:
            raise ArgumentError(f"ada_target={ada_target!r} applies to augment='ada' only.")
        self.ema_decay = check_decay(ema_decay)
        self.ema_generator = None
        if self.ema_decay is not None:
            with self.distribute_strategy.scope():
                self.ema_generator = in_name_scope("ema_generator", averaged_copy, self.generator)
        self.augment = augment
        self.ada_target = float(ada_target)
        self.r1_weight = float(r1_weight)
        self.r2_weight = float(r2_weight)
        self.r1_every = r1_every
        self.ada = AdaptiveAugment(target=self.ada_target, name="ada") if augment == "ada" else None
        names = [n for n, w in (("r1", self.r1_weight), ("r2", self.r2_weight)) if w > 0]
        self.penalty_names = tuple(names)
        if self.ada is not None:
            names.append("augment_p")  # the mean of p over the epoch
        self.stabiliser_trackers = [keras.metrics.Mean(name=n) for n in names]

    def stabiliser_config(self):
        return {
            "augment": self.augment,
            "ada_target": self.ada_target,
            "r1_weight": self.r1_weight,
            "r2_weight": self.r2_weight,
            "r1_every": self.r1_every,
            "ema_decay": self.ema_decay,
        }

    @property
    def inference_generator(self):
        """The generator that draws samples: the EMA generator when ``ema_decay`` is set."""
        return self.ema_generator if self.ema_generator is not None else self.generator

    def generator_for(self, training):
        """The raw generator in training, ``inference_generator`` otherwise."""
        return self.generator if training else self.inference_generator

    def after_generator_update(self):
        """EMA: the average moves towards the generator just updated."""
        if self.ema_generator is not None:
            decay = ramped_decay(self.ema_decay, self.g_optimizer.iterations)
            update_average(self.ema_generator, self.generator, decay)

    def augment_images(self, images, training):
        """``images`` as the discriminator sees them: augmented in training, if asked."""
        if not training or self.augment is None:
            return images
        p = 1.0 if self.augment == "diffaugment" else self.ada.p
        return diff_augment(images, self.noise_generator, p=p)

    def penalised_images(self, real, fake):
        """``(name, weight, images)`` of each penalty in use: R1 on ``real``, R2 on ``fake``."""
        terms = (("r1", self.r1_weight, real), ("r2", self.r2_weight, fake))
        return [term for term in terms if term[1] > 0]

    def penalty(self, images, condition):
        """``features.zero_centred_penalty`` of the critic at ``images`` (stopped)."""
        critic = lambda x: self.adversarial_logits(self.discriminate(x, condition))  # noqa: E731
        return zero_centred_penalty(critic, tf.stop_gradient(images)).penalty

    def regularized(self, result, real, fake, condition):
        """``result`` with the R1/R2 penalties added to its loss and to its extras when they
        apply on every update (``r1_every == 1``); lazy penalties are added by
        ``apply_discriminator_loss``."""
        if not self.penalty_names or self.r1_every > 1:
            return result
        loss, extras = result.loss, dict(result.extras)
        for name, weight, images in self.penalised_images(real, fake):
            extras[name] = self.penalty(images, condition)
            loss = loss + tf.cast(0.5 * weight * extras[name], loss.dtype)
        return dataclasses.replace(result, loss=loss, extras=extras)

    def all_lazy_penalties(self, real, fake, condition, critic_step):
        """Lazy R1/R2 (``r1_every > 1``, weight ``gamma / 2 * r1_every`` on every
        ``r1_every``-th update) and the family's ``lazy_penalties``, as ``LazyPenalty``
        records."""
        own = []
        if self.penalty_names and self.r1_every > 1:
            step = tf.convert_to_tensor(self.d_optimizer.iterations)
            for name, weight, images in self.penalised_images(real, fake):
                value = functools.partial(self.penalty, images, condition)
                own.append(LazyPenalty(name, lazy_weight(0.5 * weight, self.r1_every, step), value))
        return own + list(self.lazy_penalties(real, fake, condition, critic_step))

    def apply_discriminator_loss(self, grads, result, real, fake, condition, critic_step):
        """Applies ``grads`` (of ``result.loss``, scaled, with respect to the
        discriminator's trainable variables) with the lazy penalties
        (``all_lazy_penalties``) added on the updates they apply to. Returns
        ``result`` with the lazy penalties in its loss and extras.

        The lazy penalties and their gradients are computed outside the tape that gave
        ``grads`` (``features.lazily_added_gradients`` says why).
        """
        variables = self.discriminator.trainable_variables
        lazy = self.all_lazy_penalties(real, fake, condition, critic_step)
        if not lazy:
            self.d_optimizer.apply_gradients(zip(grads, variables, strict=True))
            return result
        loss, extras, dtype = result.loss, dict(result.extras), result.loss.dtype
        for term in lazy:

            def penalty(term=term):
                value = term.value()
                weighted = tf.cast(term.weight * value, dtype)
                return self.scaled_loss(weighted, self.d_optimizer), value

            value, grads = lazily_added_gradients(
                tf.convert_to_tensor(term.weight) > 0,
                penalty,
                lambda: tf.constant(0.0),
                grads,
                variables,
            )
            extras[term.name] = value
            loss = loss + tf.cast(term.weight * value, loss.dtype)
        self.d_optimizer.apply_gradients(zip(grads, variables, strict=True))
        return dataclasses.replace(result, loss=loss, extras=extras)

    def after_discriminator_steps(self, result):
        """ADA: the last discriminator update's real logits move ``p``."""
        if self.ada is not None:
            self.ada.update(self.adversarial_logits(result.real_logits))

    def update_stabiliser_trackers(self, result):
        """The penalties of ``result`` and ADA's ``p`` into their trackers."""
        for tracker in self.stabiliser_trackers:
            value = self.ada.p if tracker.name == "augment_p" else result.extras[tracker.name]
            tracker.update_state(value)
