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
    config_path = os.path.join(run_dir, "config.json")
    model = runs.train(run_dir, settings(2, decay_epochs=2), verbose=0)
    # LinearDecay(2, 2): epoch 1 (0-based) at 1/3 of DCGAN's 2e-4
    np.testing.assert_allclose(rates(model), [2e-4 / 3] * 2, rtol=1e-6)
    config = json.load(open(config_path))
    assert config["decay_epochs"] == 2
    np.testing.assert_allclose(config["initial_learning_rates"], [2e-4, 2e-4], rtol=1e-6)

    # 2 more epochs, the last 2 decaying, each optimizer from its recorded rate (not
    # from the checkpoint's decayed one)
    config["initial_learning_rates"] = [1e-3, 5e-4]
    json.dump(config, open(config_path, "w"))
    model = runs.train(run_dir, settings(4, decay_epochs=2), verbose=0)
    np.testing.assert_allclose(rates(model), [1e-3 / 3, 5e-4 / 3], rtol=1e-6)
    assert int(model.g_optimizer.iterations.numpy()) == 8

    # a run folder from before the record: the family's default rates (LinearDecay(6, 3)
    # at epoch 5: 1/4)
    config = json.load(open(config_path))
    del config["initial_learning_rates"]
    json.dump(config, open(config_path, "w"))
    model = runs.train(run_dir, settings(6, decay_epochs=3), verbose=0)
    np.testing.assert_allclose(rates(model), [2e-4 / 4] * 2, rtol=1e-6)

    # --lr on a resume replaces the starting rates (LinearDecay(7, 1) at epoch 6: 1/2)
    model = runs.train(run_dir, settings(7, decay_epochs=1, learning_rate=5e-4), verbose=0)
    np.testing.assert_allclose(rates(model), [2.5e-4, 2.5e-4], rtol=1e-6)
    np.testing.assert_allclose(
        json.load(open(config_path))["initial_learning_rates"], [5e-4, 5e-4], rtol=1e-6
    )

    # --lr without decay: both optimizers train at exactly that rate
    model = runs.train(run_dir, settings(8, decay_epochs=0, learning_rate=1e-3), verbose=0)
    np.testing.assert_allclose(rates(model), [1e-3, 1e-3], rtol=1e-6)
