"""Two logical CPU replicas, in a subprocess (the device split must precede any TF op)."""

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
