import numpy as np
import pytest

from keras_gans import data, metrics
from keras_gans.errors import ArgumentError
from keras_gans.metrics.classifier import shifted_copies

STEPS = 500  # the default is 1,000; these checks hold at half of it


@pytest.fixture(scope="module")
def digits():
    return (
        data.load_arrays("digits", 16, "train", with_labels=True),
        data.load_arrays("digits", 16, "test", with_labels=True),
    )


# slow; the shuffled-labels test below keeps CAS in the fast tests
@pytest.mark.slow
def test_cas_on_other_real_images_labelled_correctly_equals_real_on_real(digits):
    train, test = digits
    # Real images the real-trained classifier has not seen: the train split, each image
    # moved by up to 1 pixel (the originals dropped).
    moved, labels = shifted_copies(*train, copies=1, seed=1, max_shift=1)
    moved, labels = moved[len(train[0]) :], labels[len(train[0]) :]
    assert not np.allclose(moved, train[0])
    scores = metrics.classification_accuracy_scores(moved, labels, train, test, steps=STEPS)
    assert scores.real_on_real >= 0.95
    assert abs(scores.gan_train - scores.real_on_real) <= 0.03, scores
    assert scores.gan_test >= 0.9, scores  # 0.93: the moved images are off-centre


def test_cas_with_shuffled_labels_falls_to_chance(digits):
    train, test = digits
    shuffled = np.random.RandomState(0).permutation(train[1])
    assert (shuffled == train[1]).mean() < 0.2
    classifier = metrics.train_classifier(train[0], shuffled, steps=STEPS)
    # Chance is 0.10 on the 359 held-out images (binomial spread 0.016); a classifier fit
    # to shuffled labels puts more of its guesses on a few classes, which widens it: one
    # such classifier scored 0.047 with TensorFlow's oneDNN kernels. Real labels: >= 0.95.
    assert abs(metrics.accuracy(classifier, *test) - 0.10) <= 0.07


def test_accuracy_counts_the_share_the_classifier_assigns_to_the_labels(digits):
    class Fixed:
        def predict(self, x, batch_size, verbose):
            logits = np.zeros((len(x), 10), np.float32)
            logits[:, 3] = 1.0
            return logits

    images = digits[1][0][:8]
    labels = np.array([3, 3, 3, 0, 1, 2, 4, 5])
    assert metrics.accuracy(Fixed(), images, labels) == pytest.approx(3 / 8)


def test_bad_labels_and_images_are_named(digits):
    images = digits[1][0][:4]
    with pytest.raises(ArgumentError, match=r"Training labels must be in \[0, 9\], got 0..10"):
        metrics.train_classifier(images, np.array([0, 1, 2, 10]), steps=1)
    with pytest.raises(ArgumentError, match="Training labels must be 4 integers"):
        metrics.train_classifier(images, np.array([0.0, 1.0, 2.0, 3.0]), steps=1)
    with pytest.raises(ArgumentError, match=r"Test images must be \[n, size, size, 1\]"):
        metrics.accuracy(None, np.zeros((4, 16, 16, 3)), np.zeros(4, int))
    with pytest.raises(ArgumentError, match=r"num_classes must be in \[2, 10\], got 12"):
        metrics.train_classifier(images, np.zeros(4, int), num_classes=12)


def test_the_classifier_is_reproducible(digits):
    x, y = digits[0][0][:64], digits[0][1][:64]
    a = metrics.train_classifier(x, y, steps=3, seed=5)
    b = metrics.train_classifier(x, y, steps=3, seed=5)
    for wa, wb in zip(a.weights, b.weights, strict=True):
        np.testing.assert_array_equal(np.asarray(wa), np.asarray(wb))
