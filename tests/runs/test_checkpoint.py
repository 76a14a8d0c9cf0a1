"""Run checkpoints: how often ``RunCheckpoint`` saves (``checkpoint_seconds``)."""

import json
import os

import keras
import numpy as np
import pytest

from keras_gans import models, runs
from keras_gans.errors import RunError
from keras_gans.runs import checkpoint
from keras_gans.runs.resolve import check_value
from keras_gans.runs.settings import settings_by_name

DATA = np.random.RandomState(0).uniform(-1, 1, (8, 8, 8, 1)).astype("float32")


class Clock(keras.callbacks.Callback):
    """A fake clock that an epoch's end moves to ``seconds_per_epoch * epochs done``,
    as the epoch's training would (listed before the checkpoint)."""

    def __init__(self, seconds_per_epoch):
        super().__init__()
        self.seconds_per_epoch, self.now = seconds_per_epoch, 0.0

    def on_epoch_end(self, epoch, logs=None):
        self.now = self.seconds_per_epoch * (epoch + 1)


class SavedEpochs(keras.callbacks.Callback):
    """After the checkpoint: the epoch count in state.json (None before the first save)."""

    def __init__(self, run_dir):
        super().__init__()
        self.run_dir, self.seen = run_dir, []

    def on_epoch_end(self, epoch, logs=None):
        path = os.path.join(self.run_dir, checkpoint.STATE)
        self.seen.append(json.load(open(path))["epoch"] if os.path.isfile(path) else None)


def saved_epochs(tmp_path, every_seconds, epochs, seconds_per_epoch=4.0):
    gan = models.DCGAN(image_shape=(8, 8, 1), latent_dim=4, generator_filters=4,
                       discriminator_filters=4, seed=0)  # fmt: skip
    gan.compile()
    run_dir = str(tmp_path)
    os.makedirs(os.path.join(run_dir, "checkpoints"))
    clock, recorder = Clock(seconds_per_epoch), SavedEpochs(run_dir)
    saver = checkpoint.RunCheckpoint(run_dir, every_seconds=every_seconds, clock=lambda: clock.now)
    gan.fit(DATA, batch_size=8, epochs=epochs, verbose=0, callbacks=[clock, saver, recorder])
    return recorder.seen


def test_every_seconds_saves_the_first_epoch_to_end_that_long_after_the_last_and_the_last(tmp_path):
    # epochs end at 4, 8, 12, 16, 20 s: 12 s is the first 10 s after the start (0 s), then
    # 16 and 20 s are not 10 s after 12 s, but epoch 5 is the last
    assert saved_epochs(tmp_path, every_seconds=10, epochs=5) == [None, None, 3, 3, 5]


def test_zero_seconds_saves_every_epoch(tmp_path):
    assert saved_epochs(tmp_path, every_seconds=0, epochs=3) == [1, 2, 3]


def test_the_cli_default_is_60_seconds_recorded_and_a_resume_takes_the_new_value(tmp_path):
    def settings(epochs, **overrides):
        return runs.run_settings(
            "dcgan", epochs=epochs, batch_size=8, latent_dim=4, steps_per_epoch=1, image_size=8,
            model_args={"generator_filters": 4, "discriminator_filters": 4}, **overrides,
        )  # fmt: skip

    assert settings(1)["checkpoint_seconds"] == 60
    run_dir = str(tmp_path / "run")
    runs.train(run_dir, settings(1), verbose=0)
    config = json.load(open(os.path.join(run_dir, "config.json")))
    assert config["checkpoint_seconds"] == 60 and runs.finished_epochs(run_dir) == 1
    runs.train(run_dir, settings(2, checkpoint_seconds=0), verbose=0)
    config = json.load(open(os.path.join(run_dir, "config.json")))
    assert config["checkpoint_seconds"] == 0 and runs.finished_epochs(run_dir) == 2


def test_the_cli_refuses_a_negative_interval_in_one_sentence():
    setting = settings_by_name()["checkpoint_seconds"]
    with pytest.raises(RunError, match="^--checkpoint-seconds must be a non-negative integer, got -1$"):  # fmt: skip
        check_value(setting, -1)
    assert check_value(setting, 0) == 0
