"""Run folders: the learning-rate decay of ``--decay-epochs`` on a noise model."""

import json
import os

import numpy as np
import pytest

from keras_gans import runs


def settings(epochs, **overrides):
    return runs.run_settings(
        "dcgan", epochs=epochs, batch_size=8, latent_dim=4, steps_per_epoch=2, image_size=8,
        model_args={"generator_filters": 4, "discriminator_filters": 4}, **overrides,
    )  # fmt: skip


def rates(model):
    return [float(o.learning_rate) for o in (model.g_optimizer, model.d_optimizer)]


@pytest.mark.slow
def test_a_resumed_run_decays_from_the_rates_it_started_with(tmp_path):
    run_dir = str(tmp_path / "run")
    model = runs.train(run_dir, settings(2, decay_epochs=2), verbose=0)
    # LinearDecay(2, 2): epoch 1 (0-based) at 1/3 of DCGAN's 2e-4
    np.testing.assert_allclose(rates(model), [2e-4 / 3] * 2, rtol=1e-6)
    config = json.load(open(os.path.join(run_dir, "config.json")))
    assert config["decay_epochs"] == 2
    np.testing.assert_allclose(config["initial_learning_rates"], [2e-4, 2e-4], rtol=1e-6)
    # 2 more epochs, the last 2 decaying: from the recorded 2e-4, not the checkpoint's rate
    model = runs.train(run_dir, settings(4, decay_epochs=2), verbose=0)
    np.testing.assert_allclose(rates(model), [2e-4 / 3] * 2, rtol=1e-6)
    assert int(model.g_optimizer.iterations.numpy()) == 8
    # a run folder from before the record: the family's default rates
    del config["initial_learning_rates"]
    config["epochs"] = 4
    json.dump(config, open(os.path.join(run_dir, "config.json"), "w"))
    model = runs.train(run_dir, settings(6, decay_epochs=3), verbose=0)
    np.testing.assert_allclose(rates(model), [2e-4 / 4] * 2, rtol=1e-6)


@pytest.mark.slow
def test_lr_overrides_the_recorded_rate_and_no_decay_keeps_it(tmp_path):
    model = runs.train(str(tmp_path / "a"), settings(1, learning_rate=1e-3), verbose=0)
    np.testing.assert_allclose(rates(model), [1e-3, 1e-3], rtol=1e-6)
    run_dir = str(tmp_path / "b")
    runs.train(run_dir, settings(1), verbose=0)
    model = runs.train(run_dir, settings(2, decay_epochs=1, learning_rate=5e-4), verbose=0)
    np.testing.assert_allclose(rates(model), [2.5e-4, 2.5e-4], rtol=1e-6)
