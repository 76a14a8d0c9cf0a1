"""One worker of a MultiWorkerMirroredStrategy (its TF_CONFIG in the environment) fitting a GAN.

Params: ``cls`` (a keras_gans.models class name). Prints the logs, steps and weights;
without ``cls``, the workers only sum their task indices plus one across the cluster
(what a started cluster must be able to do) and print ``{"sum": ...}``.
"""

import json
import sys

import numpy as np
import tensorflow as tf

strategy = tf.distribute.MultiWorkerMirroredStrategy()
params = json.loads(sys.argv[1])
if params.get("cls") is None:
    one = strategy.run(
        lambda: tf.constant(1.0) + tf.cast(strategy.cluster_resolver.task_id, tf.float32)
    )
    print(json.dumps({"sum": float(strategy.reduce("SUM", one, axis=None))}))
    sys.exit(0)

import keras_gans  # noqa: E402 (after the strategy, which must come first)

with strategy.scope():
    gan = getattr(keras_gans.models, params["cls"])(
        image_shape=(16, 16, 1), latent_dim=4, generator_filters=4, discriminator_filters=4, seed=0
    )
    gan.compile()
x = np.random.RandomState(0).uniform(-1, 1, (32, 16, 16, 1)).astype("float32")
history = gan.fit(
    tf.data.Dataset.from_tensor_slices(x).batch(8, drop_remainder=True), epochs=1, verbose=0
)
print(
    json.dumps(
        {
            "logs": history.history,
            "steps": int(gan.g_optimizer.iterations.numpy()),
            "weights": [w.numpy().tolist() for w in gan.trainable_weights],
        }
    )
)
