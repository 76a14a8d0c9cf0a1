"""``--steps-per-execution``: epochs rounded to a multiple of it, so resume stays exact."""

import csv
import json
import os

import numpy as np
import pytest

from keras_gans import runs
from keras_gans.runs.resolve import epoch_steps


def test_epoch_steps_round_up_to_a_multiple_of_steps_per_execution():
    assert epoch_steps({"steps_per_epoch": 22, "steps_per_execution": 8}, 44) == 24
    assert epoch_steps({"steps_per_epoch": None, "steps_per_execution": 8}, 44) == 48
    assert epoch_steps({"steps_per_epoch": 16, "steps_per_execution": 8}, 44) == 16
    assert epoch_steps({"steps_per_epoch": 22}, 44) == 22  # the default: 1


def settings(epochs):
    return runs.run_settings(
        "dcgan", epochs=epochs, batch_size=8, latent_dim=4, steps_per_epoch=3,
        steps_per_execution=2, image_size=8,
        model_args={"generator_filters": 4, "discriminator_filters": 4},
    )  # fmt: skip


@pytest.mark.slow
def test_a_stopped_run_with_steps_per_execution_resumes_to_the_same_weights(tmp_path):
    full = runs.train(str(tmp_path / "full"), settings(3), verbose=0)
    # 3 steps per epoch rounded up to 4: 12 generator updates (DCGAN: one per step)
    assert int(full.g_optimizer.iterations.numpy()) == 12
    assert full.steps_per_execution == 2
    part_dir = str(tmp_path / "part")
    runs.train(part_dir, settings(1), verbose=0)
    part = runs.train(part_dir, settings(3), verbose=0)
    assert int(part.g_optimizer.iterations.numpy()) == 12 and part.steps_per_execution == 2
    for a, b in zip(full.weights, part.weights, strict=True):
        np.testing.assert_allclose(a.numpy(), b.numpy(), atol=1e-5, err_msg=a.path)
    # the callbacks saw every epoch's end: one metrics row and one grid per epoch
    rows = list(csv.reader(open(os.path.join(part_dir, "metrics.csv"))))
    assert [r[0] for r in rows[1:]] == ["1", "2", "3"]
    assert sorted(os.listdir(os.path.join(part_dir, "samples")))[-1] == "epoch_003.png"
    config = json.load(open(os.path.join(part_dir, "config.json")))
    assert config["steps_per_execution"] == 2
