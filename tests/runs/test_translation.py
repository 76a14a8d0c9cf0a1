"""Image-to-image run folders: a stopped run resumes exactly (pools, noise, dropout state)."""

import json
import os

import numpy as np
import pytest

from keras_gans import runs

TINY = {
    "pix2pix": {"generator_filters": 4, "discriminator_filters": 4, "discriminator_layers": 2},
    "cyclegan": {
        "generator_filters": 4, "discriminator_filters": 4, "num_blocks": 1,
        "discriminator_layers": 2, "pool_size": 3,
    },
}  # fmt: skip


def settings(model, epochs):
    return runs.run_settings(
        model, epochs=epochs, image_size=16, batch_size=4, steps_per_epoch=3,
        decay_epochs=0, model_args=TINY[model],
    )  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("model", ["pix2pix", "cyclegan"])
def test_stopped_run_resumes_exactly(model, tmp_path):
    full = runs.train(str(tmp_path / "full"), settings(model, 2), verbose=0)
    part_dir = str(tmp_path / "part")
    runs.train(part_dir, settings(model, 1), verbose=0)
    state = json.load(open(os.path.join(part_dir, "checkpoints", "state.json")))
    if model == "pix2pix":  # dropout's random state is kept beside the .keras file
        assert state["seed_states"] and all(v[1] == 3 for v in state["seed_states"].values())
    else:  # the history pool's random choices
        assert "noise_state" in state
    part = runs.train(part_dir, settings(model, 2), verbose=0)
    assert len(full.weights) == len(part.weights)
    for a, b in zip(full.weights, part.weights, strict=True):
        np.testing.assert_allclose(a.numpy(), b.numpy(), atol=1e-6, err_msg=a.path)
    rows = open(os.path.join(part_dir, "metrics.csv")).read().splitlines()
    assert [r.split(",")[0] for r in rows[1:]] == ["1", "2"]
    assert "val_" in rows[0]
