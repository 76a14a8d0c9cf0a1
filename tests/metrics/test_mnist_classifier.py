import numpy as np
import pytest

from keras_gans import data, metrics
from keras_gans.reports.evaluation import evaluate_images_protocol, reference_images

pytestmark = pytest.mark.slow  # trains the default classifier (about 1.5 minutes)


@pytest.fixture(scope="module")
def mnist_classifier():
    return metrics.MnistClassifier()


def test_mnist_classifier_reaches_98_percent_on_the_held_out_split(mnist_classifier):
    images, labels = data.load_arrays("mnist", 28, "test", with_labels=True)
    accuracy = float((mnist_classifier.predict(images) == labels).mean())
    assert accuracy >= 0.98
    assert mnist_classifier.accuracy == pytest.approx(accuracy)
    assert mnist_classifier.path.endswith("mnist_classifier_28px_e10_s0_shift2_v1.keras")
    assert metrics.MnistClassifier().trained is False  # the second use loads the cache


def test_mnist_floor_is_far_below_noise(mnist_classifier):
    test = reference_images((28, 28, 1), split="test", data="mnist")
    floor = evaluate_images_protocol(test, ("fid", "coverage"), (28, 28, 1), data="mnist")
    noise = np.random.RandomState(0).uniform(-1, 1, (1000, 28, 28, 1)).astype("float32")
    ceiling = evaluate_images_protocol(noise, ("fid",), (28, 28, 1), data="mnist")
    assert floor["coverage"] == 1.0
    assert 0 < floor["fid"] < ceiling["fid"] / 20
