"""Faults injected into training and export: kills, divergence, interrupted writes."""

import csv
import json
import os
import signal
import subprocess

import keras
import numpy as np
import pytest

import keras_gans
from keras_gans import runs
from keras_gans.errors import ExportError
from keras_gans.runs import checkpoint
from tests.cli.common import cli
from tests.helpers import ENV, PROGRAMS, PYTHON
from tests.models.test_dcgan import tiny_dcgan
from tests.reliability.table import record

# Every epoch checkpointed (--checkpoint-seconds 0): the kill below comes after epoch 1's.
TRAIN = [
    "train", "dcgan", "--image-size", "16", "--batch-size", "8", "--latent-dim", "4",
    "--steps-per-epoch", "60", "--epochs", "3", "--quiet", "--checkpoint-seconds", "0",
    "--model-arg", "generator_filters=8", "--model-arg", "discriminator_filters=8",
]  # fmt: skip
DATA = np.random.RandomState(0).uniform(-1, 1, (32, 16, 16, 1)).astype("float32")


def epochs_in(run_dir):
    with open(os.path.join(run_dir, "metrics.csv")) as f:
        return [int(row["epoch"]) for row in csv.DictReader(f)]


@pytest.mark.slow
def test_sigkill_mid_epoch_then_rerun_matches_an_uninterrupted_run(tmp_path):
    full, killed = str(tmp_path / "full"), str(tmp_path / "killed")
    assert cli(*TRAIN, "--out", full).returncode == 0
    proc = subprocess.Popen(
        [PYTHON, os.path.join(PROGRAMS, "train_with_progress.py"), json.dumps({"argv": [*TRAIN, "--out", killed]})],
        env=ENV, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    for line in proc.stdout:  # kill on an observed point: step 20 of epoch 2
        if line.strip() == "step 2 20":
            break
    else:
        raise AssertionError(f"the run ended (status {proc.wait()}) before step 20 of epoch 2")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    at_kill = checkpoint.read_json(os.path.join(killed, checkpoint.STATE))["epoch"]
    assert at_kill == 1, "the kill came after epoch 1's checkpoint, inside epoch 2"
    result = cli(*TRAIN, "--out", killed)
    assert result.returncode == 0, result.stderr[-2000:]
    a, b = runs.load_run_model(full), runs.load_run_model(killed)
    assert int(a.g_optimizer.iterations.numpy()) == int(b.g_optimizer.iterations.numpy()) == 180
    assert int(b.d_optimizer.iterations.numpy()) == 180
    diff = np.abs(a.generate(16, seed=0) - b.generate(16, seed=0)).max()
    assert diff <= 1e-5
    for x, y in zip(a.get_weights(), b.get_weights(), strict=True):
        np.testing.assert_allclose(x, y, atol=1e-5)
    assert epochs_in(killed) == [1, 2, 3]
    record(
        "training",
        "SIGKILL mid-epoch (after epoch 1's checkpoint), then the same command again",
        "resumes at epoch 2 and finishes; 180 generator and 180 discriminator steps like the "
        "uninterrupted run; final weights and generator output (16 images) equal to it "
        "within 1e-5; metrics.csv epochs 1, 2, 3, none repeated",
    )


def test_guard_stops_on_nan_and_restores_the_last_good_weights():
    gan = tiny_dcgan()
    gan.compile()
    gan.fit(DATA, batch_size=8, epochs=1, verbose=0)
    good = [w.numpy().copy() for w in gan.weights]
    good_steps = int(gan.g_optimizer.iterations.numpy())
    guard = keras_gans.callbacks.DivergenceGuard(verbose=False)
    gan.g_optimizer.learning_rate = 1e12
    gan.d_optimizer.learning_rate = 1e12
    gan.fit(DATA, batch_size=8, epochs=3, initial_epoch=1, callbacks=[guard], verbose=0)
    assert guard.diverged is not None and guard.diverged["epoch"] == 2
    assert guard.diverged["message"].startswith("Training diverged at epoch 2, step ")
    assert "restored the weights of the end of epoch 1" in guard.diverged["message"]
    for a, b in zip(good, gan.weights, strict=True):
        np.testing.assert_array_equal(a, b.numpy())
    assert int(gan.g_optimizer.iterations.numpy()) == good_steps
    assert np.all(np.isfinite(gan.generate(4, seed=0)))
    record(
        "training",
        "learning rate 1e12 from epoch 2 (`fit` with DivergenceGuard)",
        "stopped at the first bad batch of epoch 2; every weight and optimizer slot equal to "
        "the end of epoch 1 (step counter included); samples finite. Message: "
        + guard.diverged["message"].split(", step", 1)[0]
        + ", step <k>: <loss> = <value> exceeds 1e+06 (or is not finite); stopped and "
        "restored the weights of the end of epoch 1.",
    )


@pytest.mark.slow
def test_guard_raises_when_asked():
    gan = tiny_dcgan()
    gan.compile(g_optimizer=keras.optimizers.SGD(1e15), d_optimizer=keras.optimizers.SGD(1e15))
    guard = keras_gans.callbacks.DivergenceGuard(raise_error=True, verbose=False)
    with pytest.raises(keras_gans.RunError, match="Training diverged at epoch 1"):
        gan.fit(DATA, batch_size=8, epochs=2, callbacks=[guard], verbose=0)


@pytest.mark.slow
def test_cli_divergence_exits_nonzero_and_keeps_the_last_good_checkpoint(tmp_path):
    run = str(tmp_path / "run")
    assert cli(*TRAIN, "--epochs", "1", "--out", run).returncode == 0
    result = cli(*TRAIN, "--epochs", "3", "--lr", "1e12", "--out", run)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Training diverged at epoch 2" in lines[0], result.stderr
    assert "keeps the checkpoint of epoch 1" in lines[0]
    model = runs.load_run_model(run)
    assert runs.finished_epochs(run) == 1 and int(model.g_optimizer.iterations.numpy()) == 60
    assert all(np.all(np.isfinite(w)) for w in model.get_weights())
    assert epochs_in(run) == [1]
    record(
        "training",
        "`keras-gans train ... --lr 1e12` resuming a 1-epoch run",
        "exit 2 with one line (Training diverged at epoch 2, step 1 ... keeps the checkpoint of "
        "epoch 1 ...); checkpoint still epoch 1, loadable, every weight finite; metrics.csv "
        "has no row for the bad epoch",
    )


def test_kill_between_checkpoint_and_state_write(tmp_path):
    gan = tiny_dcgan()
    gan.compile()
    gan.fit(DATA, batch_size=8, epochs=1, verbose=0)
    run = str(tmp_path)
    os.makedirs(os.path.join(run, "checkpoints"))
    saver = checkpoint.RunCheckpoint(run)
    saver.set_model(gan)
    saver.on_epoch_end(0)
    gan.fit(DATA, batch_size=8, epochs=1, verbose=0)
    # Epoch 2's write killed after the checkpoint rename, before the state rename:
    state = os.path.join(run, checkpoint.STATE)
    checkpoint.write_json(state + ".next", checkpoint.model_state(gan, 2))
    gan.save(os.path.join(run, checkpoint.CHECKPOINT))
    assert checkpoint.read_json(state)["epoch"] == 1
    model, adopted = checkpoint.load_checkpoint(run)
    assert adopted["epoch"] == 2 and not os.path.exists(state + ".next")
    assert checkpoint.read_json(state)["epoch"] == 2
    # A pending state that does not describe the checkpoint (killed before the rename)
    checkpoint.write_json(state + ".next", {**checkpoint.model_state(gan, 3), "g_iterations": 999})
    _, kept = checkpoint.load_checkpoint(run)
    assert kept["epoch"] == 2 and not os.path.exists(state + ".next")
    np.testing.assert_array_equal(
        model.noise_generator.state.numpy(), gan.noise_generator.state.numpy()
    )
    record(
        "training",
        "kill between writing the checkpoint and its state file",
        "the pending state (same step count as the checkpoint) is adopted: epoch 2; a pending "
        "state from before the checkpoint rename is discarded: epoch stays 2",
    )


@pytest.mark.slow
def test_sigkill_during_exports_leaves_no_partial_version(tmp_path):
    base = str(tmp_path / "m")
    proc = subprocess.Popen(
        [PYTHON, os.path.join(PROGRAMS, "export_loop.py"), json.dumps({"base": base})],
        env=ENV, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    for line in proc.stdout:  # the program stops inside its third export and says so
        if line.strip() == "inside export 3":
            break
    else:
        raise AssertionError(f"the export loop ended (status {proc.wait()}) before export 3")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    versions = keras_gans.export.list_versions(base)
    for v in versions:
        folder = os.path.join(base, str(v))
        assert os.path.isfile(os.path.join(folder, "saved_model.pb"))
        assert os.path.isfile(os.path.join(folder, "variables", "variables.index"))
        assert os.path.isfile(os.path.join(folder, "assets.extra", "keras_gans.json"))
    assert versions == [1, 2]
    leftovers = [n for n in os.listdir(base) if not n.isdigit()]
    assert len(leftovers) == 1 and leftovers[0].startswith(".tmp-3-"), leftovers
    gan = tiny_dcgan()
    gan.compile()
    gan.fit(DATA[:8], batch_size=8, epochs=1, verbose=0)
    after = keras_gans.export.save_generator(gan, base)
    assert after == os.path.join(base, str(versions[-1] + 1))
    record(
        "export",
        "SIGKILL while exporting in a loop",
        "every numeric version folder complete (saved_model.pb, variables, metadata); the "
        "interrupted one exists only as a hidden .tmp-* folder TF Serving ignores; the next "
        "export takes the next number",
    )


def test_an_existing_version_is_never_overwritten(tmp_path):
    gan = tiny_dcgan()
    gan.compile()
    gan.fit(DATA[:8], batch_size=8, epochs=1, verbose=0)
    path = keras_gans.export.save_generator(gan, str(tmp_path / "m"))
    stamp = os.path.getmtime(os.path.join(path, "saved_model.pb"))
    with pytest.raises(ExportError, match="already exists") as info:
        keras_gans.export.save_generator(gan, str(tmp_path / "m"), version=1)
    assert os.path.getmtime(os.path.join(path, "saved_model.pb")) == stamp
    record(
        "export",
        "exporting again as version 1",
        "ExportError: " + str(info.value).replace(str(tmp_path), "TMP") + " (files untouched)",
    )


def test_json_state_is_valid_after_every_epoch(tmp_path):
    gan = tiny_dcgan()
    gan.compile()
    saver = checkpoint.RunCheckpoint(str(tmp_path))
    os.makedirs(tmp_path / "checkpoints")
    gan.fit(DATA[:8], batch_size=8, epochs=2, callbacks=[saver], verbose=0)
    state = json.load(open(tmp_path / "checkpoints" / "state.json"))
    assert state["epoch"] == 2 and state["g_iterations"] == 2 and len(state["noise_state"]) == 3


@pytest.mark.slow
def test_fit_users_resume_exactly_with_run_checkpoint(tmp_path):
    """The recipe of docs/reliability.md for `fit` users: stop after 1 epoch, reload, go on."""
    from keras_gans.runs.checkpoint import RunCheckpoint, load_checkpoint, read_state

    def train(run_dir, epochs):
        os.makedirs(os.path.join(run_dir, "checkpoints"), exist_ok=True)
        done = read_state(run_dir)["epoch"]
        if done:
            model = load_checkpoint(run_dir)[0]
        else:
            keras.utils.set_random_seed(0)  # the initial weights
            model = tiny_dcgan()
            model.compile()
        stream, steps = keras_gans.data.resumable_stream(
            DATA, batch_size=8, seed=0, skip_batches=done * 4
        )
        model.fit(
            stream, epochs=epochs, initial_epoch=done, steps_per_epoch=steps,
            callbacks=[RunCheckpoint(run_dir)], verbose=0,
        )  # fmt: skip
        return model

    whole = train(str(tmp_path / "a"), 3)
    train(str(tmp_path / "b"), 1)  # "killed" after epoch 1
    resumed = train(str(tmp_path / "b"), 3)
    assert int(resumed.g_optimizer.iterations.numpy()) == 12
    np.testing.assert_allclose(resumed.generate(8, seed=0), whole.generate(8, seed=0), atol=1e-5)
    record(
        "training",
        "`fit` user stops after epoch 1 and reruns with RunCheckpoint + resumable_stream",
        "same step count (12) and generator output within 1e-5 of the uninterrupted fit",
    )
