import numpy as np
import pytest

from keras_gans.reports.translation import (
    colour_statistics,
    cycle_l1,
    domain_classifier,
    mean_psnr,
    paired_report,
)


def test_mean_psnr_hand_values():
    a = np.zeros((2, 4, 4, 3))
    b = a.copy()
    b[0] += 0.2  # 20 dB
    b[1] += 0.02  # 40 dB
    assert mean_psnr(a, b) == pytest.approx(30.0)


def test_colour_statistics_are_channel_means_and_stds():
    x = np.zeros((1, 2, 2, 3))
    x[0, 0, 0] = [1.0, -1.0, 0.5]
    stats = colour_statistics(x)[0]
    np.testing.assert_allclose(stats[:3], [0.25, -0.25, 0.125])
    np.testing.assert_allclose(stats[3:], np.std([1, 0, 0, 0]) * np.array([1, 1, 0.5]))


def test_domain_classifier_separates_colour_casts():
    rng = np.random.RandomState(0)
    reds = rng.uniform(-1, 1, (40, 4, 4, 3)) * [0.2, 0.2, 0.2] + [0.5, -0.5, -0.5]
    blues = rng.uniform(-1, 1, (40, 4, 4, 3)) * [0.2, 0.2, 0.2] + [-0.5, -0.5, 0.5]
    clf = domain_classifier(reds, blues)
    assert clf.predict(colour_statistics(blues)).mean() == 1.0
    assert clf.predict(colour_statistics(reds)).mean() == 0.0


class Identity:
    def translate(self, images, direction="a2b"):
        return np.asarray(images, np.float32)


class Gray:
    """Outputs the input's luminance on three channels (what the baseline does)."""

    def translate(self, images, direction="a2b"):
        return np.repeat(np.asarray(images, np.float32), 3, axis=-1)


def test_cycle_l1_of_the_identity_is_zero():
    a = np.random.RandomState(0).uniform(-1, 1, (3, 4, 4, 3)).astype("float32")
    assert cycle_l1(Identity(), a, -a) == 0.0


class ColourBlind:
    """a->b removes each patch's per-channel mean (as instance norm does); b->a is exact."""

    def translate(self, images, direction="a2b"):
        images = np.asarray(images, np.float32)
        if direction == "a2b":
            return images - images.mean(axis=(1, 2), keepdims=True)
        return images


class HalfContrast:
    """a->b halves each patch's contrast about its mean colour; b->a is exact."""

    def translate(self, images, direction="a2b"):
        images = np.asarray(images, np.float64)
        if direction == "a2b":
            mean = images.mean(axis=(1, 2), keepdims=True)
            return mean + 0.5 * (images - mean)
        return images


def test_cycle_l1_with_the_true_mean_colour_leaves_only_the_rest():
    rng = np.random.RandomState(0)
    texture = rng.uniform(-0.3, 0.3, (2, 4, 4, 3))
    texture -= texture.mean(axis=(1, 2), keepdims=True)
    means_a = np.array([[0.1, -0.2, 0.3], [0.4, 0.0, -0.5]])
    means_b = np.array([[-0.3, 0.3, 0.0], [0.2, 0.2, 0.2]])
    a = texture + means_a[:, None, None, :]
    b = texture[::-1] + means_b[:, None, None, :]
    # Each cycle loses exactly its patch's mean colour: 0.25 (a) + 0.2 (b).
    assert cycle_l1(ColourBlind(), a, b) == pytest.approx(0.45, abs=1e-6)
    assert cycle_l1(ColourBlind(), a, b, true_mean_colour=True) == pytest.approx(0.0, abs=1e-6)
    # An error in the texture stays: halving the contrast costs half of |texture|.
    half = np.abs(texture).mean()
    assert cycle_l1(HalfContrast(), a, b) == pytest.approx(half, abs=1e-6)
    assert cycle_l1(HalfContrast(), a, b, true_mean_colour=True) == pytest.approx(half, abs=1e-6)


def test_a_translator_that_returns_the_input_has_no_gain():
    report = paired_report(Gray(), "photos-paired", image_size=32)
    assert report["n"] == 104
    assert report["gain"] == pytest.approx(0.0, abs=1e-9)
    assert 20 < report["psnr_input"] < 35
