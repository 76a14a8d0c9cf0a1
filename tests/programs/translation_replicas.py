"""Pix2Pix or CycleGAN trained on two logical CPU replicas.

Params: ``name`` (pix2pix, cyclegan). Prints the logs, whether every weight moved, the
generator steps and (CycleGAN) the pool state.
"""

import json
import sys

import numpy as np
import tensorflow as tf

cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
import keras_gans  # noqa: E402 (after the device split)

NAME = json.loads(sys.argv[1])["name"]
strategy = tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"])
rng = np.random.RandomState(0)
out = {}
with strategy.scope():
    if NAME == "pix2pix":
        model = keras_gans.models.Pix2Pix(
            (16, 16, 1),
            target_channels=3,
            generator_filters=4,
            discriminator_filters=4,
            discriminator_layers=2,
            normalization="none",
        )
        a = rng.uniform(-1, 1, (16, 16, 16, 1)).astype("float32")
        b = rng.uniform(-1, 1, (16, 16, 16, 3)).astype("float32")
    else:
        model = keras_gans.models.CycleGAN(
            (16, 16, 3),
            generator_filters=4,
            discriminator_filters=4,
            num_blocks=1,
            discriminator_layers=2,
            pool_size=4,
            seed=0,
        )
        a = rng.uniform(-1, 0, (16, 16, 16, 3)).astype("float32")
        b = rng.uniform(0, 1, (16, 16, 16, 3)).astype("float32")
    model.compile()
before = [w.numpy() for w in model.trainable_weights]
ds = tf.data.Dataset.from_tensor_slices((a, b)).batch(8, drop_remainder=True)
history = model.fit(ds, epochs=2, validation_data=ds, verbose=0)
after = [w.numpy() for w in model.trainable_weights]
out["logs"] = {k: v for k, v in history.history.items()}
out["moved"] = all(not np.array_equal(x, y) for x, y in zip(before, after, strict=True))
out["g_steps"] = int(model.g_optimizer.iterations.numpy())
if NAME == "cyclegan":
    out["pool_count"] = model.pool_count.numpy().tolist()
    out["pool_filled"] = bool(np.abs(model.pool_a.numpy()[:4]).sum() > 0)
print(json.dumps(out))
