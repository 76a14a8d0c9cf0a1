import subprocess
import sys
import textwrap

import keras
import numpy as np
import tensorflow as tf

import keras_gans


def test_assign_across_replicas_sets_keras_and_tf_variables_outside_a_strategy():
    kv, tv = keras.Variable(np.zeros(2, "float32")), tf.Variable(np.zeros(3, "float32"))
    keras_gans.features.assign_across_replicas([kv, tv], [tf.ones(2), tf.fill([3], 2.0)])
    assert kv.numpy().tolist() == [1.0, 1.0] and tv.numpy().tolist() == [2.0, 2.0, 2.0]


PROGRAM = textwrap.dedent(
    """
    import numpy as np, tensorflow as tf, keras
    cpu = tf.config.list_physical_devices("CPU")[0]
    tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
    import keras_gans
    strategy = tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"])
    with strategy.scope():
        mean_var, same_var = keras.Variable(np.zeros(2, "float32")), keras.Variable(0.0)

    @tf.function
    def step():
        r = tf.cast(tf.distribute.get_replica_context().replica_id_in_sync_group, tf.float32)
        keras_gans.features.assign_across_replicas([mean_var], [tf.stack([r, 10 * r])], mean=True)
        keras_gans.features.assign_across_replicas([same_var], [tf.constant(7.0)])

    strategy.run(step)
    print(mean_var.numpy().tolist(), float(same_var.numpy()))
    """
)


def test_assign_across_replicas_takes_the_replicas_mean_under_mirrored_strategy():
    out = subprocess.run(
        [sys.executable, "-c", PROGRAM], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.strip().splitlines()[-1] == "[0.5, 5.0] 7.0"
