"""A GAN on two logical CPU replicas: the noise each replica draws, the scaled loss, a fit.

No params. The device split must precede any TensorFlow op, hence a process of its own.
"""

import json

import numpy as np
import tensorflow as tf

cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
import keras_gans  # noqa: E402 (after the device split)

strategy = tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"])
with strategy.scope():
    gan = keras_gans.models.GAN(
        image_shape=(8, 8, 1),
        latent_dim=4,
        seed=3,
        generator_hidden_units=(8,),
        discriminator_hidden_units=(8,),
    )
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
print(
    json.dumps(
        {
            "noise": noise,
            "losses": losses,
            "replicas": strategy.num_replicas_in_sync,
            "d_loss": history.history["d_loss"],
            "g_steps": int(gan.g_optimizer.iterations.numpy()),
        }
    )
)
