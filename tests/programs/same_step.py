"""One model trained on 1 or 2 logical CPU replicas with noise fixed per global batch.

Params: ``name`` (dcgan, wgan-gp), ``replicas`` (1 or 2), ``update``. Prints the weights,
the logged g_loss and the generator step count.
"""

import json
import sys

import numpy as np
import tensorflow as tf

cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
import keras  # noqa: E402

import keras_gans  # noqa: E402 (after the device split)

GLOBAL = 8


def replica_slice(values):
    ctx = tf.distribute.get_replica_context()
    n = tf.distribute.get_strategy().num_replicas_in_sync
    per = GLOBAL // n
    return values[ctx.replica_id_in_sync_group * per : (ctx.replica_id_in_sync_group + 1) * per]


class FixedRng:
    # Test hook: the draws of a whole global batch, each replica taking its rows.
    def __init__(self, model):
        self.model = model

    def key(self, salt):
        steps = self.model.d_optimizer.iterations + self.model.g_optimizer.iterations
        return tf.stack([tf.cast(steps, tf.int64), tf.constant(salt, tf.int64)])

    def uniform(self, shape, minval, maxval, dtype):
        return replica_slice(
            tf.random.stateless_uniform([GLOBAL], self.key(1), minval, maxval, dtype)
        )


def fixed_noise(cls):
    class Fixed(cls):
        def sample_noise(self, batch_size):
            key = FixedRng(self).key(0)
            return replica_slice(tf.random.stateless_normal([GLOBAL, self.latent_dim], key))

    return Fixed


def networks():
    g = keras.Sequential(
        [
            keras.Input((4,)),
            keras.layers.Dense(4 * 4 * 8, activation="relu"),
            keras.layers.Reshape((4, 4, 8)),
            keras.layers.Conv2DTranspose(8, 3, strides=2, padding="same", activation="relu"),
            keras.layers.Conv2DTranspose(1, 3, strides=2, padding="same", activation="tanh"),
        ]
    )
    d = keras_gans.networks.dcgan_discriminator(
        (16, 16, 1), filters=4, num_layers=2, normalization="none"
    )
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


CLASSES = {"dcgan": keras_gans.models.DCGAN, "wgan-gp": keras_gans.models.WGANGP}
params = json.loads(sys.argv[1])
model, history = train(
    CLASSES[params["name"]], ["/cpu:0", "/cpu:1"][: params["replicas"]], params["update"]
)
print(
    json.dumps(
        {
            "weights": [w.tolist() for w in model.get_weights()],
            "g_loss": history["g_loss"][0],
            "g_steps": int(model.g_optimizer.iterations.numpy()),
        }
    )
)
