"""Two logical CPU replicas, in a subprocess (the device split must precede any TF op)."""

import numpy as np
import pytest

from tests.helpers import run_python

TWO_REPLICAS = """
import json
import numpy as np
import tensorflow as tf
cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
import keras_gans

strategy = tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"])
with strategy.scope():
    gan = keras_gans.models.GAN(image_shape=(8, 8, 1), latent_dim=4, seed=3,
        generator_hidden_units=(8,), discriminator_hidden_units=(8,))
    gan.compile()

@tf.function
def draw():
    return strategy.run(lambda: gan.sample_noise(2))

@tf.function
def scaled():
    return strategy.run(lambda: gan.scaled_loss(tf.constant(3.0), gan.d_optimizer))

noise = [v.numpy().tolist() for v in strategy.experimental_local_results(draw())]
losses = [float(v) for v in strategy.experimental_local_results(scaled())]
x = np.random.RandomState(0).uniform(-1, 1, (16, 8, 8, 1)).astype("float32")
ds = tf.data.Dataset.from_tensor_slices(x).batch(8, drop_remainder=True)
history = gan.fit(ds, epochs=1, verbose=0)
print(json.dumps({"noise": noise, "losses": losses, "replicas": strategy.num_replicas_in_sync,
    "d_loss": history.history["d_loss"], "g_steps": int(gan.g_optimizer.iterations.numpy())}))
"""


def test_noise_differs_across_replicas_and_losses_are_scaled_to_the_global_batch():
    out = run_python(TWO_REPLICAS)
    assert out["replicas"] == 2
    replica0, replica1 = out["noise"]
    assert len(replica0) == 2 and len(replica0[0]) == 4
    assert replica0 != replica1, "both replicas drew the same noise"
    # each replica's loss is divided by 2 so the summed gradients are the global mean's
    assert out["losses"] == [1.5, 1.5]
    assert out["g_steps"] == 2 and all(v == v for v in out["d_loss"])


SAME_STEP = """
import json
import numpy as np
import tensorflow as tf
cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
import keras
import keras_gans

GLOBAL = 8


def replica_slice(values):
    ctx = tf.distribute.get_replica_context()
    n = tf.distribute.get_strategy().num_replicas_in_sync
    per = GLOBAL // n
    return values[ctx.replica_id_in_sync_group * per:(ctx.replica_id_in_sync_group + 1) * per]


class FixedRng:
    # Test hook: the draws of a whole global batch, each replica taking its rows.
    def __init__(self, model):
        self.model = model

    def key(self, salt):
        steps = self.model.d_optimizer.iterations + self.model.g_optimizer.iterations
        return tf.stack([tf.cast(steps, tf.int64), tf.constant(salt, tf.int64)])

    def uniform(self, shape, minval, maxval, dtype):
        return replica_slice(tf.random.stateless_uniform([GLOBAL], self.key(1), minval, maxval, dtype))


def fixed_noise(cls):
    class Fixed(cls):
        def sample_noise(self, batch_size):
            key = FixedRng(self).key(0)
            return replica_slice(tf.random.stateless_normal([GLOBAL, self.latent_dim], key))
    return Fixed


def networks():
    g = keras.Sequential([keras.Input((4,)), keras.layers.Dense(4 * 4 * 8, activation="relu"),
        keras.layers.Reshape((4, 4, 8)),
        keras.layers.Conv2DTranspose(8, 3, strides=2, padding="same", activation="relu"),
        keras.layers.Conv2DTranspose(1, 3, strides=2, padding="same", activation="tanh")])
    d = keras_gans.networks.dcgan_discriminator((16, 16, 1), filters=4, num_layers=2,
                                                normalization="none")
    return g, d


def train(cls, devices, update):
    strategy = tf.distribute.MirroredStrategy(devices)
    keras.utils.set_random_seed(0)
    with strategy.scope():
        g, d = networks()
        model = fixed_noise(cls)(generator=g, discriminator=d, seed=0)
        model.noise_generator = FixedRng(model)
        model.compile(update=update)
    x = np.random.RandomState(0).uniform(-1, 1, (24, 16, 16, 1)).astype("float32")
    ds = tf.data.Dataset.from_tensor_slices(x).batch(GLOBAL, drop_remainder=True)
    history = model.fit(ds, epochs=1, verbose=0)
    return model, history.history


CLASSES = {{"dcgan": keras_gans.models.DCGAN, "wgan-gp": keras_gans.models.WGANGP}}
model, history = train(CLASSES[{name!r}], ["/cpu:0", "/cpu:1"][:{replicas}], {update!r})
print(json.dumps({{"weights": [w.tolist() for w in model.get_weights()],
    "g_loss": history["g_loss"][0], "g_steps": int(model.g_optimizer.iterations.numpy())}}))
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    "name, update",
    [
        ("dcgan", "alternating"),
        ("wgan-gp", "alternating"),
        ("dcgan", "alternating_reuse"),
        ("dcgan", "simultaneous"),
    ],
)
def test_one_and_two_replicas_take_the_same_steps_on_the_same_global_batch(name, update):
    # One process per run: two MirroredStrategies in one process share collective keys.
    code = SAME_STEP.format(name=name, replicas=1, update=update)
    one = run_python(code, timeout=300)
    two = run_python(SAME_STEP.format(name=name, replicas=2, update=update), timeout=300)
    assert one["g_steps"] == two["g_steps"] == 3
    diff = max(
        float(np.abs(np.array(a) - np.array(b)).max())
        for a, b in zip(one["weights"], two["weights"], strict=True)
    )
    assert diff <= 1e-5, diff
    # the logged loss is the mean over both replicas: the 1-replica loss
    assert abs(one["g_loss"] - two["g_loss"]) <= 1e-5


TRANSLATION_REPLICAS = """
import json
import numpy as np
import tensorflow as tf
cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
import keras
import keras_gans

strategy = tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"])
rng = np.random.RandomState(0)
out = {{}}
with strategy.scope():
    if "{name}" == "pix2pix":
        model = keras_gans.models.Pix2Pix((16, 16, 1), target_channels=3, generator_filters=4,
            discriminator_filters=4, discriminator_layers=2, normalization="none")
        a = rng.uniform(-1, 1, (16, 16, 16, 1)).astype("float32")
        b = rng.uniform(-1, 1, (16, 16, 16, 3)).astype("float32")
    else:
        model = keras_gans.models.CycleGAN((16, 16, 3), generator_filters=4,
            discriminator_filters=4, num_blocks=1, discriminator_layers=2, pool_size=4, seed=0)
        a = rng.uniform(-1, 0, (16, 16, 16, 3)).astype("float32")
        b = rng.uniform(0, 1, (16, 16, 16, 3)).astype("float32")
    model.compile()
before = [w.numpy() for w in model.trainable_weights]
ds = tf.data.Dataset.from_tensor_slices((a, b)).batch(8, drop_remainder=True)
history = model.fit(ds, epochs=2, validation_data=ds, verbose=0)
after = [w.numpy() for w in model.trainable_weights]
out["logs"] = {{k: v for k, v in history.history.items()}}
out["moved"] = all(not np.array_equal(x, y) for x, y in zip(before, after))
out["g_steps"] = int(model.g_optimizer.iterations.numpy())
if "{name}" == "cyclegan":
    out["pool_count"] = model.pool_count.numpy().tolist()
    out["pool_filled"] = bool(np.abs(model.pool_a.numpy()[:4]).sum() > 0)
print(json.dumps(out))
"""


@pytest.mark.slow
@pytest.mark.parametrize("name", ["pix2pix", "cyclegan"])
def test_translation_models_train_on_two_replicas(name):
    out = run_python(TRANSLATION_REPLICAS.format(name=name), timeout=300)
    assert out["g_steps"] == 4 and out["moved"]
    for key, values in out["logs"].items():
        assert np.all(np.isfinite(values)), (key, values)
    assert ("val_psnr" if name == "pix2pix" else "val_cycle") in out["logs"]
    if name == "cyclegan":  # the pool keeps the first replica's fakes (4 per step)
        assert out["pool_count"] == [4, 4] and out["pool_filled"]
