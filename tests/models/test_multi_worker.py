"""Two worker processes on 127.0.0.1 (TF_CONFIG, free ports) under MultiWorkerMirroredStrategy."""

import json
import os
import socket
import subprocess
import tempfile

import numpy as np
import pytest

from keras_gans import runs
from tests.cli.common import CLI
from tests.helpers import ENV, PROGRAMS, PYTHON


def free_ports(n):
    """``n`` loopback ports that were free a moment ago (another process may take one
    before the workers bind it: ``run_workers`` then retries with new ones)."""
    sockets = [socket.socket() for _ in range(n)]
    for s in sockets:
        s.bind(("127.0.0.1", 0))
    ports = [s.getsockname()[1] for s in sockets]
    for s in sockets:
        s.close()
    return ports


PORT_TAKEN = "Could not start gRPC server"


def run_workers(command, cwd=None, choose_ports=free_ports, attempts=3):
    """Starts one process per worker with its TF_CONFIG; returns
    ``(results, attempts used)``, ``results`` as ``[(process, stdout, stderr)]``.

    A port taken between its choice and a worker's bind makes that worker fail to
    start its gRPC server, and the other then waits for a peer that never comes:
    every worker is stopped and the cluster starts again on new ports.
    """
    for attempt in range(1, attempts + 1):
        cluster = [f"127.0.0.1:{p}" for p in choose_ports(2)]
        with tempfile.TemporaryDirectory() as logs:
            procs = []
            for index in range(2):
                task = {"type": "worker", "index": index}
                env = {**ENV, "TF_CONFIG": json.dumps({"cluster": {"worker": cluster}, "task": task})}  # fmt: skip
                out = open(os.path.join(logs, f"{index}.out"), "w+")
                err = open(os.path.join(logs, f"{index}.err"), "w+")
                procs.append((subprocess.Popen(command, env=env, cwd=cwd, stdout=out, stderr=err), out, err))  # fmt: skip
            failed = False
            while not failed and any(p.poll() is None for p, _, _ in procs):
                running = next(p for p, _, _ in procs if p.poll() is None)
                try:
                    running.wait(timeout=1)
                except subprocess.TimeoutExpired:
                    pass
                failed = any(
                    p.poll() and PORT_TAKEN in open(err.name).read() for p, _, err in procs
                )
            results = []
            for proc, out, err in procs:
                if failed:
                    proc.kill()
                proc.wait(timeout=300)
                out.seek(0), err.seek(0)
                results.append((proc, out.read(), err.read()))
                out.close(), err.close()
        if not failed:
            return results, attempt
    raise AssertionError(f"the workers could not bind their ports in {attempts} attempts")


def weights_equal(a, b):
    return all(np.array_equal(np.array(x), np.array(y)) for x, y in zip(a, b, strict=True))


@pytest.mark.slow
def test_two_workers_fit_to_identical_weights():
    # DCGAN here; WGAN-GP (its penalty's interpolation draws per replica, 5 critic
    # updates) trains on two workers to identical weights through the CLI below.
    program = os.path.join(PROGRAMS, "multi_worker_fit.py")
    results, _ = run_workers([PYTHON, program, json.dumps({"cls": "DCGAN"})])
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
    results, _ = run_workers(command)
    for proc, _, stderr in results:
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


@pytest.mark.slow
def test_a_port_taken_before_the_workers_bind_is_retried_on_new_ports():
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    chosen = []

    def first_taken_then_free(n):
        ports = [taken.getsockname()[1], *free_ports(n - 1)] if not chosen else free_ports(n)
        chosen.append(ports)
        return ports

    program = os.path.join(PROGRAMS, "multi_worker_fit.py")
    try:
        results, attempts = run_workers(
            [PYTHON, program, json.dumps({})], choose_ports=first_taken_then_free
        )  # the workers only sum across the cluster: 1 + 2
    finally:
        taken.close()
    assert attempts == 2 and len(chosen) == 2
    for proc, stdout, stderr in results:
        assert proc.returncode == 0, stderr[-3000:]
        assert json.loads(stdout.strip().splitlines()[-1]) == {"sum": 3.0}
