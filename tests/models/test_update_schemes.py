"""The update schemes of ``AdversarialModel`` and WGAN-GP's lazy gradient penalty."""

import keras
import numpy as np
import pytest
import tensorflow as tf

import keras_gans
from keras_gans.features import lazy_weight


def small_networks():
    keras.utils.set_random_seed(0)
    g = keras.Sequential(
        [keras.Input((4,)), keras.layers.Dense(8, activation="tanh"),
         keras.layers.Dense(16, activation="tanh"), keras.layers.Reshape((4, 4, 1))]
    )  # fmt: skip
    d = keras.Sequential(
        [keras.Input((4, 4, 1)), keras.layers.Flatten(), keras.layers.Dense(8, activation="tanh"),
         keras.layers.Dense(1)]
    )  # fmt: skip
    return g, d


def sgd_model(update):
    """A tiny model with SGD(0.1) for both networks, fixed noise ``z`` and data ``real``."""
    g, d = small_networks()
    model = keras_gans.models.AdversarialModel(g, d, seed=0)
    sgd = keras.optimizers.SGD
    model.compile(g_optimizer=sgd(0.1), d_optimizer=sgd(0.1), update=update)
    z = np.random.RandomState(1).normal(size=(8, 4)).astype("float32")
    model.draws = []  # test hook: fixed noise, each draw's batch size recorded
    model.sample_noise = lambda n: model.draws.append(n) or tf.constant(z)
    real = np.random.RandomState(2).uniform(-1, 1, (8, 4, 4, 1)).astype("float32")
    return g, d, model, z, real


def test_simultaneous_update_takes_both_gradients_before_either_network_moves():
    g, d, model, z, real = sgd_model("simultaneous")
    g0 = [w.numpy() for w in g.trainable_weights]
    d0 = [w.numpy() for w in d.trainable_weights]
    with tf.GradientTape(persistent=True) as tape:
        fake = g(z)
        fake_logits = d(fake)
        d_loss = keras_gans.losses.bce_discriminator_loss(d(real), fake_logits)
        g_loss = keras_gans.losses.non_saturating_generator_loss(fake_logits)
    d_grads = tape.gradient(d_loss, d.trainable_weights)
    g_grads = tape.gradient(g_loss, g.trainable_weights)
    history = model.fit(real, batch_size=8, epochs=1, verbose=0)
    assert history.history["g_loss"][0] == pytest.approx(float(g_loss), rel=1e-5)
    for w, w0, grad in zip(d.trainable_weights, d0, d_grads, strict=True):
        np.testing.assert_allclose(w.numpy(), w0 - 0.1 * grad.numpy(), atol=1e-6)
    for w, w0, grad in zip(g.trainable_weights, g0, g_grads, strict=True):
        np.testing.assert_allclose(w.numpy(), w0 - 0.1 * grad.numpy(), atol=1e-6)
    assert int(model.g_optimizer.iterations) == int(model.d_optimizer.iterations) == 1


def test_alternating_reuse_backpropagates_the_discriminator_updates_fakes():
    g, d, model, z, real = sgd_model("alternating_reuse")
    g0 = [w.numpy() for w in g.trainable_weights]
    d0 = [w.numpy() for w in d.trainable_weights]
    # By hand: D steps on (real, g(z)); G then steps through the updated D on the same g(z).
    with tf.GradientTape() as tape:
        d_loss = keras_gans.losses.bce_discriminator_loss(d(real), d(g(z)))
    d_grads = tape.gradient(d_loss, d.trainable_weights)
    d1 = [w - 0.1 * grad.numpy() for w, grad in zip(d0, d_grads, strict=True)]
    updated_d = keras.models.clone_model(d)
    updated_d.set_weights(d1)
    with tf.GradientTape() as tape:
        g_loss = keras_gans.losses.non_saturating_generator_loss(updated_d(g(z)))
    g_grads = tape.gradient(g_loss, g.trainable_weights)
    history = model.fit(real, batch_size=8, epochs=1, verbose=0)
    assert len(model.draws) == 1  # one noise draw, one generator pass per step
    assert history.history["d_loss"][0] == pytest.approx(float(d_loss), rel=1e-5)
    assert history.history["g_loss"][0] == pytest.approx(float(g_loss), rel=1e-5)
    for w, expected in zip(d.trainable_weights, d1, strict=True):
        np.testing.assert_allclose(w.numpy(), expected, atol=1e-6)
    for w, w0, grad in zip(g.trainable_weights, g0, g_grads, strict=True):
        np.testing.assert_allclose(w.numpy(), w0 - 0.1 * grad.numpy(), atol=1e-6)


def test_the_three_update_schemes_move_the_generator_differently():
    out = {}
    for update in ("alternating", "alternating_reuse", "simultaneous"):
        g, d = small_networks()
        model = keras_gans.models.AdversarialModel(g, d, seed=0)
        model.compile(g_optimizer=keras.optimizers.SGD(0.1),
                      d_optimizer=keras.optimizers.SGD(0.1), update=update)  # fmt: skip
        calls = iter(range(100))
        model.sample_noise = lambda n, calls=calls: tf.fill([n, 4], 1.0 + next(calls))
        model.fit(np.zeros((8, 4, 4, 1), "float32"), batch_size=8, epochs=1, verbose=0)
        out[update] = g.get_weights()[0]
    # alternating's generator sees noise 2 (its own draw), the others noise 1;
    # simultaneous's sees the discriminator before its update.
    assert not np.allclose(out["alternating_reuse"], out["alternating"])
    assert not np.allclose(out["alternating_reuse"], out["simultaneous"])
    assert not np.allclose(out["alternating"], out["simultaneous"])


def test_update_scheme_is_saved_and_checked(tmp_path):
    g, d = small_networks()
    model = keras_gans.models.AdversarialModel(g, d, seed=0)
    model.compile()
    assert model.update == "alternating"  # the bare compile's scheme
    with pytest.raises(ValueError, match="Unknown update 'both'; choose from"):
        model.compile(update="both")
    with pytest.raises(ValueError, match="'alternating', 'alternating_reuse', 'simultaneous'"):
        model.compile(update="reuse")
    model.compile(update="simultaneous")
    model.fit(np.zeros((8, 4, 4, 1), "float32"), batch_size=8, epochs=1, verbose=0)
    model.save(tmp_path / "m.keras")
    assert keras.models.load_model(tmp_path / "m.keras").update == "simultaneous"


def test_each_family_has_its_measured_default_update():
    defaults = {}
    for name in ("gan", "dcgan", "cgan", "wgan", "wgan-gp"):
        cls = keras_gans.models.get(name)
        kwargs = {"num_classes": 10} if name == "cgan" else {}
        model = cls(image_shape=(8, 8, 1), latent_dim=4, **kwargs)
        model.compile()
        defaults[name] = model.update
        model.compile(update="alternating")  # an explicit choice wins
        assert model.update == "alternating"
    assert defaults == {"gan": "alternating", "dcgan": "simultaneous", "cgan": "alternating",
                        "wgan": "alternating", "wgan-gp": "alternating"}  # fmt: skip


def test_lazy_penalty_weights_keep_the_average():
    assert [lazy_weight(10.0, 1, n) for n in range(1, 6)] == [10.0] * 5
    assert [lazy_weight(10.0, 5, n) for n in range(1, 11)] == [0, 0, 0, 0, 50.0] * 2
    weights = [lazy_weight(10.0, 2, n) for n in range(1, 11)]
    assert weights[0::2] == [0.0] * 5 and sum(weights) == pytest.approx(100.0)


def test_lazy_penalty_counts_critic_updates_across_steps():
    # One critic update per step, gp_every=3: the penalty on updates 3, 6, ... with 3x
    # the weight, read from d_optimizer.iterations (not silently every update).
    gan = keras_gans.models.WGANGP(image_shape=(8, 8, 1), latent_dim=4, generator_filters=4,
                                   discriminator_filters=4, gp_weight=2.0, gp_every=3, seed=0)  # fmt: skip
    gan.compile(d_steps=1)
    rng = np.random.RandomState(0)
    real, fake = (rng.uniform(-1, 1, (4, 8, 8, 1)).astype("float32") for _ in range(2))
    for iterations, weight in ((0, 0.0), (1, 0.0), (2, 6.0), (4, 0.0), (5, 6.0)):
        gan.d_optimizer.iterations.assign(iterations)
        # the objective leaves the scheduled penalty out; the update adds it
        assert float(gan.discriminator_objective(real, fake, critic_step=0).extras["gp"]) == 0
        result = gan.discriminator_update(real, fake, None, 0)
        gp, wasserstein = float(result.extras["gp"]), float(result.extras["wasserstein"])
        assert (gp > 0) == (weight > 0), iterations
        assert float(result.loss) == pytest.approx(-wasserstein + weight * gp, rel=1e-5, abs=1e-6)
        assert int(gan.d_optimizer.iterations) == iterations + 1
    gan.compile(d_steps=1, update="simultaneous")
    history = gan.fit(real, batch_size=2, epochs=3, verbose=0)  # updates 1-2, 3-4, 5-6
    assert int(gan.d_optimizer.iterations) == 6 and np.all(np.isfinite(history.history["gp"]))
    assert [v > 0 for v in history.history["gp"]] == [False, True, True]


@pytest.mark.slow
def test_wgan_gp_with_lazy_penalty_and_simultaneous_update_trains():
    gan = keras_gans.models.WGANGP(image_shape=(8, 8, 1), latent_dim=4, generator_filters=4,
                                   discriminator_filters=4, gp_every=5, seed=0)  # fmt: skip
    gan.compile(update="simultaneous")
    x = np.random.RandomState(0).uniform(-1, 1, (16, 8, 8, 1)).astype("float32")
    history = gan.fit(x, batch_size=8, epochs=1, verbose=0)
    assert history.history["gp"][0] > 0 and np.isfinite(history.history["d_loss"][0])
    assert int(gan.d_optimizer.iterations) == 10 and int(gan.g_optimizer.iterations) == 2
    assert gan.get_config()["gp_every"] == 5
    with pytest.raises(ValueError, match="gp_every must be an int >= 1"):
        keras_gans.models.WGANGP(image_shape=(8, 8, 1), gp_every=0)


def _trained_pair(make, compile_args, steps=3):
    """Weights of two models from ``make()`` trained ``steps`` simultaneous steps on one
    batch: with ``generator_mirrors_critic`` as the family says, and with it False.
    (Each case adds 100-700 MB to a test process: a case with DiffAugment, R1 and two
    critic updates, and one in ``mixed_bfloat16``, passed and were left out.)"""
    x = np.random.RandomState(3).uniform(-1, 1, (8, 8, 8, 1)).astype("float32")
    weights = []
    for mirrored in (True, False):
        keras.utils.set_random_seed(0)
        model = make()
        model.compile(update="simultaneous", **compile_args)
        if not mirrored:
            model.generator_mirrors_critic = lambda: False
        networks = (model.generator, model.discriminator)
        initial = [[w.numpy() for w in net.trainable_weights] for net in networks]
        model.fit(x, batch_size=8, epochs=steps, verbose=0)
        weights.append([[w.numpy() for w in net.trainable_weights] for net in networks])
    return initial, *weights


@pytest.mark.parametrize(
    "family,kwargs,compile_args",
    [
        ("wgan-gp", {"gp_every": 1}, {"d_steps": 1}),  # the penalty inside the tape
        ("wgan-gp", {"gp_every": 2}, {"d_steps": 1}),  # lazy: added outside the tape
        ("wgan", {}, {"d_steps": 1}),  # clipping after the critic's update
    ],
)
def test_a_wasserstein_simultaneous_step_reads_the_generator_gradient_off_the_critics_pass(
    family, kwargs, compile_args
):
    def make():
        return keras_gans.models.get(family)(
            image_shape=(8, 8, 1), latent_dim=4, generator_filters=4,
            discriminator_filters=4, seed=0, **kwargs,
        )  # fmt: skip

    assert make().generator_mirrors_critic()
    initial, mirrored, second_pass = _trained_pair(make, compile_args)
    for start, net_a, net_b in zip(initial, mirrored, second_pass, strict=True):
        for a, b in zip(net_a, net_b, strict=True):
            np.testing.assert_allclose(a, b, rtol=0, atol=1e-6)
        # the network trained
        assert any(not np.array_equal(a, s) for a, s in zip(net_a, start, strict=True))


def test_only_the_wasserstein_families_mirror_the_critic():
    shape = {"image_shape": (8, 8, 1), "latent_dim": 4}
    assert not keras_gans.models.DCGAN(**shape, loss="wasserstein").generator_mirrors_critic()
    assert not keras_gans.models.DCGAN(**shape).generator_mirrors_critic()
    assert not keras_gans.models.ConditionalGAN(**shape, num_classes=2).generator_mirrors_critic()
    assert keras_gans.models.WGAN(**shape).generator_mirrors_critic()

    class OwnGeneratorLoss(keras_gans.models.WGANGP):
        def generator_loss(self, fake_logits):
            return super().generator_loss(fake_logits) + 0.1 * tf.reduce_mean(fake_logits**2)

    # a subclass that changes a loss gets the second backward pass
    assert not OwnGeneratorLoss(**shape).generator_mirrors_critic()
