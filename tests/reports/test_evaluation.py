import numpy as np
import pytest

from keras_gans import metrics
from keras_gans.errors import KerasGansError
from keras_gans.reports.evaluation import (
    check_protocol_data,
    evaluate_images_protocol,
    reference_images,
)


def test_the_protocol_names_the_datasets_it_covers():
    assert check_protocol_data("mnist") == "mnist"
    with pytest.raises(KerasGansError, match=r"covers \['digits', 'mnist'\], not 'faces'"):
        check_protocol_data("faces")
    with pytest.raises(KerasGansError, match="no classifier for .faces.; choose from"):
        metrics.protocol_classifier("faces")


def test_reference_images_per_dataset():
    assert reference_images((28, 28, 1), data="mnist").shape == (4000, 28, 28, 1)
    assert reference_images((16, 16, 1), "test", data="mnist").shape == (1000, 16, 16, 1)
    assert reference_images((16, 16, 1)).shape == (1438, 16, 16, 1)
    with pytest.raises(KerasGansError, match="mnist data \\(square, 1 channel\\)"):
        reference_images((28, 28, 3), data="mnist")


def test_mnist_protocol_uses_the_given_classifier_and_its_size():
    quick = metrics.MnistClassifier(epochs=1)  # cached per session; the default is 30
    real = reference_images((16, 16, 1), "test", data="mnist")  # resized up to 28
    shuffled = np.random.RandomState(0).permutation(real.reshape(-1)).reshape(real.shape)
    same = evaluate_images_protocol(real, ("fid",), (16, 16, 1), quick, data="mnist")
    other = evaluate_images_protocol(shuffled, ("fid",), (16, 16, 1), quick, data="mnist")
    assert same["fid"] < other["fid"] / 10
