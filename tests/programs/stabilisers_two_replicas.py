"""A DCGAN with every stabiliser (EMA, ADA, lazy R1) on two logical CPU replicas.

No params. Prints the logs, the step count, whether the EMA generator moved and how
far it is from the raw generator.
"""

import json

import numpy as np
import tensorflow as tf

cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
import keras_gans  # noqa: E402 (after the device split)

strategy = tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"])
with strategy.scope():
    gan = keras_gans.models.DCGAN(
        image_shape=(16, 16, 1), latent_dim=4, generator_filters=4, discriminator_filters=4,
        seed=0, ema_decay=0.9, augment="ada", r1_weight=1.0, r1_every=2,
    )  # fmt: skip
    gan.compile()
start = [w.numpy() for w in gan.ema_generator.weights]
x = np.random.RandomState(0).uniform(-1, 1, (32, 16, 16, 1)).astype("float32")
history = gan.fit(tf.data.Dataset.from_tensor_slices(x).batch(8, drop_remainder=True), epochs=1, verbose=0)  # fmt: skip
moved = any(not np.array_equal(a, w.numpy()) for a, w in zip(start, gan.ema_generator.weights, strict=True))  # fmt: skip
gap = max(
    float(np.abs(e.numpy() - w.numpy()).max())
    for e, w in zip(gan.ema_generator.weights, gan.generator.weights, strict=True)
)
print(json.dumps({"logs": history.history, "steps": int(gan.g_optimizer.iterations.numpy()),
                  "ema_moved": moved, "gap": gap, "replicas": strategy.num_replicas_in_sync}))  # fmt: skip
