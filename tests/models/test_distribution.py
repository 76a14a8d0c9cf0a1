"""Two logical CPU replicas, in a subprocess (the device split must precede any TF op)."""

import numpy as np
import pytest

from tests.helpers import run_program


def test_noise_differs_across_replicas_and_losses_are_scaled_to_the_global_batch():
    out = run_program("two_replicas")
    assert out["replicas"] == 2
    replica0, replica1 = out["noise"]
    assert len(replica0) == 2 and len(replica0[0]) == 4
    assert replica0 != replica1, "both replicas drew the same noise"
    # each replica's loss is divided by 2 so the summed gradients are the global mean's
    assert out["losses"] == [1.5, 1.5]
    assert out["g_steps"] == 2 and all(v == v for v in out["d_loss"])


@pytest.mark.slow
@pytest.mark.parametrize(
    "name, update",
    [
        ("dcgan", "alternating"),
        ("wgan-gp", "alternating"),
        ("dcgan", "alternating_reuse"),
        ("dcgan", "simultaneous"),
        ("wgan-gp", "simultaneous"),  # one backward pass through the critic
    ],
)
def test_one_and_two_replicas_take_the_same_steps_on_the_same_global_batch(name, update):
    # One process per run: two MirroredStrategies in one process share collective keys.
    one, two = (
        run_program("same_step", {"name": name, "replicas": n, "update": update}, timeout=300)
        for n in (1, 2)
    )
    assert one["g_steps"] == two["g_steps"] == 3
    diff = max(
        float(np.abs(np.array(a) - np.array(b)).max())
        for a, b in zip(one["weights"], two["weights"], strict=True)
    )
    assert diff <= 1e-5, diff
    # the logged loss is the mean over both replicas: the 1-replica loss
    assert abs(one["g_loss"] - two["g_loss"]) <= 1e-5


@pytest.mark.slow
@pytest.mark.parametrize("name", ["pix2pix", "cyclegan"])
def test_translation_models_train_on_two_replicas(name):
    out = run_program("translation_replicas", {"name": name}, timeout=300)
    assert out["g_steps"] == 4 and out["moved"]
    for key, values in out["logs"].items():
        assert np.all(np.isfinite(values)), (key, values)
    assert ("val_psnr" if name == "pix2pix" else "val_cycle") in out["logs"]
    if name == "cyclegan":  # the pool keeps the first replica's fakes (4 per step)
        assert out["pool_count"] == [4, 4] and out["pool_filled"]


@pytest.mark.slow
def test_every_stabiliser_trains_on_two_replicas():
    out = run_program("stabilisers_two_replicas", timeout=300)
    assert out["replicas"] == 2 and out["steps"] == 4 and out["ema_moved"]
    assert out["gap"] > 0  # the average lags the raw generator
    for key in ("d_loss", "g_loss", "r1", "augment_p"):
        assert np.all(np.isfinite(out["logs"][key])), key
