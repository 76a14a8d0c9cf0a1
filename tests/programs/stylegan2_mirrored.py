"""A tiny StyleGAN2 built and trained 2 steps on two logical CPU replicas.

No params. Prints the replica count, the sample shape, whether every log is finite,
whether the generator trained, and whether w_avg and pl_mean are the same on both
replicas.
"""

import json

import numpy as np
import tensorflow as tf

cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
import keras_gans  # noqa: E402 (after the device split)

strategy = tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"])
with strategy.scope():
    gan = keras_gans.models.StyleGAN2(
        image_shape=(16, 16, 1), latent_dim=8, mapping_layers=2, channel_base=32,
        channel_max=8, seed=0, pl_every=1, r1_every=1,
    )  # fmt: skip
    gan.compile()
x = np.random.RandomState(0).uniform(-1, 1, (16, 16, 16, 1)).astype("float32")
data = tf.data.Dataset.from_tensor_slices(x).batch(8, drop_remainder=True)
history = gan.fit(data, epochs=1, verbose=0)
w_avg = gan.parts_of(True).w_average.w_avg
copies = [v.numpy() for v in w_avg.value.values] if hasattr(w_avg.value, "values") else []
pl = [v.numpy() for v in gan.pl_mean.value.values] if hasattr(gan.pl_mean.value, "values") else []
print(json.dumps({
    "replicas": strategy.num_replicas_in_sync,
    "output_shape": list(gan.generate(4, seed=0).shape),
    "finite": bool(all(np.isfinite(v).all() for v in history.history.values())),
    "trained": int(gan.g_optimizer.iterations.numpy()) == 2,
    "logs": sorted(history.history),
    "mirrored_copies": len(copies),
    "w_avg_equal": bool(len(copies) == 2 and np.array_equal(copies[0], copies[1])),
    "pl_mean_equal": bool(len(pl) == 2 and np.array_equal(pl[0], pl[1])),
    "pl_mean": float(gan.pl_mean.numpy()),
}))  # fmt: skip
