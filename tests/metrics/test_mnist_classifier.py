import numpy as np
import pytest

from keras_gans import data, metrics
from keras_gans.reports.evaluation import evaluate_images_protocol, reference_images


@pytest.fixture(scope="module")
def mnist_classifier():
    return metrics.MnistClassifier()


def test_the_shipped_mnist_classifier_reaches_98_percent_on_the_held_out_split(mnist_classifier):
    images, labels = data.load_arrays("mnist", 28, "test", with_labels=True)
    accuracy = float((mnist_classifier.predict(images) == labels).mean())
    assert accuracy >= 0.98
    assert mnist_classifier.accuracy == pytest.approx(accuracy)
    assert mnist_classifier.path.endswith("mnist_classifier_28px_e10_s0_shift2_v1.npz")
    assert mnist_classifier.trained is False
    assert mnist_classifier.fingerprint == "785498c59ea8"  # docs/results.md's scale


@pytest.mark.slow  # the fast set trains a DigitsClassifier (test_classifier.py)
def test_training_one_epoch_on_the_shifted_copies_reaches_90_percent(tmp_path, monkeypatch):
    # The shipped weights are the 10-epoch training of this recipe at one thread
    # (benchmarks/classifier_weights.py retrains and compares them).
    monkeypatch.setenv("KERAS_GANS_CACHE", str(tmp_path))
    clf = metrics.MnistClassifier(epochs=1, shipped=False)
    assert clf.trained is True and clf.path.startswith(str(tmp_path))
    images, labels = data.load_arrays("mnist", 28, "test", with_labels=True)
    assert (clf.predict(images) == labels).mean() >= 0.9


def test_mnist_floor_is_far_below_noise(mnist_classifier):
    test = reference_images((28, 28, 1), split="test", data="mnist")
    floor = evaluate_images_protocol(test, ("fid", "coverage"), (28, 28, 1), data="mnist")
    noise = np.random.RandomState(0).uniform(-1, 1, (1000, 28, 28, 1)).astype("float32")
    ceiling = evaluate_images_protocol(noise, ("fid",), (28, 28, 1), data="mnist")
    assert floor["coverage"] == 1.0
    assert 0 < floor["fid"] < ceiling["fid"] / 20
