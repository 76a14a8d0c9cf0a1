import numpy as np
import pytest

from keras_gans import metrics


def gaussian(n, mean, std, seed):
    return np.random.RandomState(seed).normal(size=(n, len(mean))) * std + mean


def test_fid_is_zero_for_identical_features():
    x = gaussian(300, [0.0, 1.0, 2.0, 3.0], [1.0, 2.0, 0.5, 3.0], 0)
    assert metrics.fid_from_features(x, x) == pytest.approx(0.0, abs=1e-6)


def test_frechet_distance_matches_the_closed_form_exactly():
    mu1, mu2 = np.array([0.0, 1.0, -1.0]), np.array([1.0, 1.0, 2.0])
    v1, v2 = np.array([1.0, 4.0, 0.25]), np.array([4.0, 1.0, 1.0])
    expected = np.sum((mu1 - mu2) ** 2) + np.sum(v1 + v2 - 2 * np.sqrt(v1 * v2))
    # 1 + 9 + (1 + 4 - 4) + (4 + 1 - 4) + (0.25 + 1 - 1) = 12.25
    assert expected == 12.25
    got = metrics.frechet_distance(mu1, np.diag(v1), mu2, np.diag(v2))
    assert got == pytest.approx(12.25, abs=1e-9)


def test_fid_of_gaussian_samples_is_within_one_percent_of_the_closed_form():
    mu1, mu2 = np.array([0.0, 1.0, -1.0]), np.array([1.0, 1.0, 2.0])
    s1, s2 = np.array([1.0, 2.0, 0.5]), np.array([2.0, 1.0, 1.0])
    expected = np.sum((mu1 - mu2) ** 2) + np.sum(s1**2 + s2**2 - 2 * s1 * s2)
    got = metrics.fid_from_features(gaussian(200_000, mu1, s1, 1), gaussian(200_000, mu2, s2, 2))
    assert got == pytest.approx(expected, rel=0.01)


def test_fid_is_finite_for_rank_deficient_covariances():
    rng = np.random.RandomState(0)
    low = rng.normal(size=(20, 2)) @ rng.normal(size=(2, 50))  # rank 2 in 50 dimensions
    other = rng.normal(size=(20, 2)) @ rng.normal(size=(2, 50)) + 1.0
    value = metrics.fid_from_features(low, other)
    assert np.isfinite(value) and value > 0
    assert metrics.fid_from_features(low, low) == pytest.approx(0.0, abs=1e-6)
    constant = np.ones((10, 5))
    assert metrics.fid_from_features(constant, constant + 2.0) == pytest.approx(20.0, abs=1e-9)


def test_kid_is_near_zero_for_one_distribution_and_positive_when_shifted():
    a = gaussian(1000, np.zeros(8), np.ones(8), 0)
    b = gaussian(1000, np.zeros(8), np.ones(8), 1)
    shifted = gaussian(1000, np.full(8, 0.5), np.ones(8), 2)
    same_mean, same_std = metrics.kid_from_features(a, b, num_subsets=20, subset_size=500)
    shift_mean, shift_std = metrics.kid_from_features(a, shifted, num_subsets=20, subset_size=500)
    assert abs(same_mean) < 0.01
    assert shift_mean > 0.1 > 10 * abs(same_mean)
    assert same_std > 0 and shift_std > 0


def test_kid_unbiased_estimate_matches_a_hand_computed_pair():
    # d = 1, kernel (xy + 1)^3. x = [0, 1], y = [1, 2]:
    # k(x,x) off-diagonal = (0*1+1)^3 = 1; k(y,y) off-diagonal = (2+1)^3 = 27;
    # k(x,y) = [(1)^3, (1)^3, (2)^3, (3)^3] -> mean 37/4. MMD^2 = 1 + 27 - 2*9.25 = 9.5.
    x, y = np.array([[0.0], [1.0]]), np.array([[1.0], [2.0]])
    mean, std = metrics.kid_from_features(x, y, num_subsets=3)
    assert mean == pytest.approx(9.5) and std == pytest.approx(0.0)


def test_precision_recall_is_one_for_identical_sets():
    x = gaussian(200, np.zeros(4), np.ones(4), 0)
    assert metrics.precision_recall_from_features(x, x, k=3) == (1.0, 1.0)


def test_dropping_one_mode_of_two_keeps_precision_and_halves_recall():
    mode_a = gaussian(200, np.zeros(4), np.ones(4), 0)
    mode_b = gaussian(200, np.full(4, 20.0), np.ones(4), 1)
    real = np.concatenate([mode_a, mode_b])
    fake = gaussian(400, np.zeros(4), np.ones(4), 2)  # only mode a
    precision, recall = metrics.precision_recall_from_features(real, fake, k=3)
    assert precision > 0.9
    assert 0.35 < recall < 0.55


@pytest.mark.parametrize(
    ("a", "b", "message"),
    [
        (np.zeros((1, 3)), np.zeros((5, 3)), "n >= 2"),
        (np.zeros((5, 3)), np.zeros((5, 4)), "Feature sizes differ: 3 vs 4"),
        (np.full((5, 3), np.nan), np.zeros((5, 3)), "NaN"),
        (np.zeros(5), np.zeros((5, 3)), "feature array"),
    ],
)
def test_bad_feature_arrays_name_the_problem(a, b, message):
    with pytest.raises(ValueError, match=message):
        metrics.fid_from_features(a, b)


def test_precision_recall_rejects_a_k_larger_than_the_sets():
    x = np.zeros((4, 2))
    with pytest.raises(ValueError, match=r"k must be an int in \[1, 3\]"):
        metrics.precision_recall_from_features(x, x, k=4)


def test_coverage_and_kl_of_hand_made_probabilities():
    probs = np.eye(4)[[0, 0, 1, 1]] * 0.9 + 0.025
    out = metrics.coverage_from_probabilities(probs, threshold=0.5)
    assert out["coverage"] == 0.5
    assert out["kl"] == pytest.approx(np.log(2.0))  # two of four classes, equally often
    assert out["confident"] == 1.0
    collapsed = metrics.coverage_from_probabilities(np.eye(4)[[2] * 6])
    assert collapsed["coverage"] == 0.25 and collapsed["kl"] == pytest.approx(np.log(4.0))
    uniform = metrics.coverage_from_probabilities(np.eye(4)[[0, 1, 2, 3]])
    assert uniform["coverage"] == 1.0 and uniform["kl"] == pytest.approx(0.0)
    unsure = metrics.coverage_from_probabilities(np.full((3, 4), 0.25))
    assert unsure["coverage"] == 0.0 and unsure["confident"] == 0.0
