import math

import numpy as np
import pytest

from keras_gans import losses


def softplus(x):
    return math.log1p(math.exp(x))


def test_bce_with_label_smoothing_matches_hand_computation():
    # real logit 2 with target 0.9: -(0.9 log s(2) + 0.1 log(1 - s(2)))
    s = 1 / (1 + math.exp(-2.0))
    real = -(0.9 * math.log(s) + 0.1 * math.log(1 - s))
    fake = -math.log(1 - 1 / (1 + math.exp(1.0)))  # fake logit -1, target 0
    assert real == pytest.approx(0.326928, abs=1e-6)
    assert fake == pytest.approx(0.313262, abs=1e-6)
    value = losses.bce_discriminator_loss([2.0], [-1.0], label_smoothing=0.1)
    assert float(value) == pytest.approx(real + fake, abs=1e-6)


def test_bce_without_smoothing_is_log2_twice_at_zero_logits():
    assert float(losses.bce_discriminator_loss([0.0, 0.0], [0.0, 0.0])) == pytest.approx(
        2 * math.log(2), abs=1e-6
    )


def test_smoothing_only_touches_the_real_side():
    fake = np.array([-3.0, 0.5], np.float32)
    real = np.array([1.0, 2.0], np.float32)
    d = float(losses.bce_discriminator_loss(real, fake, 0.2)) - float(
        losses.bce_discriminator_loss(real, fake, 0.0)
    )
    # CE(x, 0.8) - CE(x, 1) = 0.2 * x per element (on the real side only)
    assert d == pytest.approx(0.2 * real.mean(), abs=1e-6)


def test_non_saturating_and_minimax_generator_losses():
    logits = [1.0, -2.0]
    ns = (softplus(-1.0) + softplus(2.0)) / 2  # -log sigmoid(x)
    mm = -(softplus(1.0) + softplus(-2.0)) / 2  # log(1 - sigmoid(x))
    assert float(losses.non_saturating_generator_loss(logits)) == pytest.approx(ns, abs=1e-6)
    assert float(losses.minimax_generator_loss(logits)) == pytest.approx(mm, abs=1e-6)


def test_losses_accept_rank1_column_and_patch_shapes_alike():
    values = np.array([0.3, -1.2, 2.5, 0.0], np.float32)
    shapes = [(4,), (4, 1), (1, 2, 2, 1)]
    results = {s: float(losses.non_saturating_generator_loss(values.reshape(s))) for s in shapes}
    assert len({round(v, 6) for v in results.values()}) == 1


def test_losses_are_float32_for_float16_logits():
    value = losses.bce_discriminator_loss(np.float16([30.0]), np.float16([-30.0]))
    assert value.dtype.name == "float32" and np.isfinite(float(value))


def test_extreme_logits_stay_finite():
    big = np.array([1e4, -1e4], np.float32)
    for v in (
        losses.bce_discriminator_loss(big, big, 0.1),
        losses.non_saturating_generator_loss(big),
        losses.minimax_generator_loss(big),
    ):
        assert np.isfinite(float(v))


@pytest.mark.parametrize("smoothing", [-0.1, 1.0, 1.5])
def test_bad_label_smoothing(smoothing):
    with pytest.raises(ValueError, match=r"label_smoothing must be in \[0, 1\)"):
        losses.bce_discriminator_loss([0.0], [0.0], smoothing)


def test_registry_lookups_and_errors():
    assert losses.get_discriminator_loss("bce") is losses.bce_discriminator_loss
    assert losses.get_generator_loss("minimax") is losses.minimax_generator_loss
    assert losses.get("l1_loss") is losses.l1_loss
    assert "non_saturating_generator_loss" in losses.names()
    with pytest.raises(ValueError, match=r"Unknown loss 'hinge'; choose from \['bce'\]"):
        losses.get_discriminator_loss("hinge")
    with pytest.raises(ValueError, match=r"Unknown loss 'x'; choose from \["):
        losses.get("x")


def test_l1_loss():
    assert float(losses.l1_loss([[1.0, -1.0]], [[0.5, 0.5]])) == pytest.approx(1.0)
