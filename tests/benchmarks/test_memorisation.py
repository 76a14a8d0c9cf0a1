"""The memorisation check's arithmetic, on hand-made points."""

import numpy as np
import pytest

from benchmarks.memorisation import distance_summary, nearest_distances


def test_nearest_distances_is_the_distance_to_the_closest_reference():
    refs = np.array([[0.0, 0.0], [3.0, 4.0], [10.0, 0.0]])
    queries = np.array([[0.0, 1.0], [3.0, 4.0], [7.0, 0.0], [6.0, 8.0]])
    got = nearest_distances(queries, refs, batch_size=3)  # two batches
    np.testing.assert_allclose(got, [1.0, 0.0, 3.0, 5.0], atol=1e-12)


def test_nearest_distances_flattens_images():
    refs = np.zeros((2, 2, 2, 1))
    refs[1] = 1.0
    queries = np.full((1, 2, 2, 1), 0.5)
    np.testing.assert_allclose(nearest_distances(queries, refs), [1.0])  # sqrt(4 * 0.25)


def test_distance_summary_counts_generated_images_nearer_than_any_held_out_one():
    summary = distance_summary([0.1, 0.5, 2.0, 3.0], [1.0, 2.0, 4.0])
    assert summary["below_held_out_min"] == pytest.approx(0.5)
    assert summary["generated_median"] == pytest.approx(1.25)
    assert summary["held_out_median"] == pytest.approx(2.0)


def test_fid_at_n_is_the_whole_set_fid_at_its_size_and_larger_below_it():
    from benchmarks.memorisation import fid_at_n
    from keras_gans.metrics import fid_from_features

    rng = np.random.default_rng(0)
    reference = rng.normal(size=(5000, 4))
    features = rng.normal(size=(400, 4)) + np.array([1.0, 0.0, 0.0, 0.0])
    whole = fid_from_features(features, reference)
    assert fid_at_n(features, reference, 400, repeats=3) == pytest.approx(whole, abs=1e-9)
    # FID's small-sample bias: 40 of the same images score worse than all 400
    assert fid_at_n(features, reference, 40) > whole + 0.1
