"""Two worker processes on 127.0.0.1 (TF_CONFIG, free ports) under MultiWorkerMirroredStrategy."""

import json
import os
import socket
import subprocess
import textwrap

import numpy as np
import pytest

from keras_gans import runs
from tests.cli.test_commands import CLI
from tests.helpers import ENV, PYTHON

WORKER = """
import json
import numpy as np
import tensorflow as tf
strategy = tf.distribute.MultiWorkerMirroredStrategy()
import keras_gans
with strategy.scope():
    gan = keras_gans.models.{cls}(image_shape=(16, 16, 1), latent_dim=4, generator_filters=4,
                                  discriminator_filters=4, seed=0)
    gan.compile()
x = np.random.RandomState(0).uniform(-1, 1, (32, 16, 16, 1)).astype("float32")
history = gan.fit(tf.data.Dataset.from_tensor_slices(x).batch(8, drop_remainder=True),
                  epochs=1, verbose=0)
print(json.dumps({{"logs": history.history, "steps": int(gan.g_optimizer.iterations.numpy()),
                  "weights": [w.numpy().tolist() for w in gan.trainable_weights]}}))
"""


def free_ports(n):
    sockets = [socket.socket() for _ in range(n)]
    for s in sockets:
        s.bind(("127.0.0.1", 0))
    ports = [s.getsockname()[1] for s in sockets]
    for s in sockets:
        s.close()
    return ports


def run_workers(command, cwd=None):
    """Starts one process per worker with its TF_CONFIG; returns their CompletedProcess-likes."""
    cluster = [f"127.0.0.1:{p}" for p in free_ports(2)]
    procs = []
    for index in range(2):
        config = {"cluster": {"worker": cluster}, "task": {"type": "worker", "index": index}}
        env = {**ENV, "TF_CONFIG": json.dumps(config)}
        procs.append(
            subprocess.Popen(
                command, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
            )  # fmt: skip
        )
    return [(p, *p.communicate(timeout=300)) for p in procs]


def weights_equal(a, b):
    return all(np.array_equal(np.array(x), np.array(y)) for x, y in zip(a, b, strict=True))


@pytest.mark.slow
@pytest.mark.parametrize("cls", ["DCGAN", "WGANGP"])
def test_two_workers_fit_to_identical_weights(cls):
    code = textwrap.dedent(WORKER.format(cls=cls))
    results = run_workers([PYTHON, "-c", code])
    outs = []
    for proc, stdout, stderr in results:
        assert proc.returncode == 0, stderr[-3000:]
        outs.append(json.loads(stdout.strip().splitlines()[-1]))
    a, b = outs
    assert a["steps"] == b["steps"] == 4
    assert weights_equal(a["weights"], b["weights"]), "the workers' weights differ"
    for key in ("d_loss", "g_loss"):
        assert np.isfinite(a["logs"][key]).all() and a["logs"][key] == b["logs"][key]


@pytest.mark.slow
def test_cli_multi_worker_training(tmp_path):
    out = str(tmp_path / "run")
    command = [
        CLI, "train", "wgan-gp", "--distribute", "multi-worker", "--out", out,
        "--image-size", "16", "--batch-size", "8", "--latent-dim", "4", "--steps-per-epoch", "2",
        "--epochs", "1", "--quiet",
        "--model-arg", "generator_filters=4", "--model-arg", "discriminator_filters=4",
    ]  # fmt: skip
    for proc, _, stderr in run_workers(command):
        assert proc.returncode == 0, stderr[-3000:]
    chief, worker = runs.load_run_model(out), runs.load_run_model(out + "-worker-1")
    assert int(chief.g_optimizer.iterations.numpy()) == 2
    assert weights_equal(
        [w.numpy() for w in chief.trainable_weights], [w.numpy() for w in worker.trainable_weights]
    )
    rows = open(os.path.join(out, "metrics.csv")).read().splitlines()
    assert rows[0].startswith("epoch,d_loss,g_loss") and len(rows) == 2


def test_multi_worker_without_tf_config_is_one_clear_error(tmp_path):
    env = {k: v for k, v in ENV.items() if k != "TF_CONFIG"}
    result = subprocess.run(
        [CLI, "train", "dcgan", "--distribute", "multi-worker", "--out", str(tmp_path / "r")],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.strip().startswith(
        "keras-gans: error: --distribute multi-worker needs TF_CONFIG on every worker"
    )
    assert not os.path.exists(tmp_path / "r")
