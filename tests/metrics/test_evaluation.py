import numpy as np
import pytest

from keras_gans import data, metrics


def test_image_metrics_on_real_digits(digits_classifier):
    train, _ = data.load_arrays("digits", 16, "train")
    test, _ = data.load_arrays("digits", 16, "test")
    noise = np.random.RandomState(0).uniform(-1, 1, test.shape).astype(np.float32)
    floor = metrics.fid(train, test, digits_classifier)
    ceiling = metrics.fid(train, noise, digits_classifier)
    assert 0 <= floor < 0.1 * ceiling
    kid_real, _ = metrics.kid(train, test, digits_classifier, num_subsets=10)
    kid_noise, _ = metrics.kid(train, noise, digits_classifier, num_subsets=10)
    assert kid_real < 0.1 * kid_noise
    precision, recall = metrics.precision_recall(train, test, digits_classifier)
    assert precision > 0.7 and recall > 0.7
    noise_precision, _ = metrics.precision_recall(train, noise, digits_classifier)
    assert noise_precision < 0.1


def test_class_coverage_sees_a_collapsed_set(digits_classifier):
    images, labels = data.load_arrays("digits", 16, "test", with_labels=True)
    full = metrics.class_coverage(images, digits_classifier)
    assert full["coverage"] == 1.0 and full["kl"] < 0.05
    # a collapsed set: the ones the classifier reads as ones (which of the rest it misreads
    # depends on the machine it was trained on: one classifier here misread two ones as
    # two other classes, another one)
    ones = images[(labels == 1) & (digits_classifier.predict(images) == 1)]
    assert len(ones) >= 30
    collapsed = metrics.class_coverage(ones, digits_classifier)
    assert collapsed["coverage"] == pytest.approx(0.1)
    assert collapsed["kl"] == pytest.approx(np.log(10))


def test_an_extractor_with_the_wrong_output_is_named():
    with pytest.raises(ValueError, match="must return \\[n, d\\] features"):
        metrics.fid(np.zeros((4, 8, 8, 1)), np.zeros((4, 8, 8, 1)), lambda x: np.zeros(len(x)))


class _Echo:
    """A 'conditional model' that draws the digit it is asked for from the real test set."""

    num_classes = 10

    def __init__(self, wrong_class=None):
        self.images, self.labels = data.load_arrays("digits", 16, "test", with_labels=True)
        self.wrong_class = wrong_class

    def generate(self, n, labels, seed):
        k = int(labels[0])
        if k == self.wrong_class:
            k = (k + 1) % 10
        pool = self.images[self.labels == k]
        return pool[np.random.RandomState(seed).randint(len(pool), size=n)]


def test_conditional_accuracy_per_class(digits_classifier):
    good = metrics.conditional_accuracy(_Echo(), digits_classifier, n_per_class=20)
    assert len(good["per_class"]) == 10 and good["mean"] > 0.95
    bad = metrics.conditional_accuracy(_Echo(wrong_class=3), digits_classifier, n_per_class=20)
    assert bad["per_class"][3] < 0.1 and bad["min"] == bad["per_class"][3]
    with pytest.raises(ValueError, match="not a conditional model"):
        metrics.conditional_accuracy(object(), digits_classifier)
