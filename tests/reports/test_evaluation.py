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


def test_mnist_protocol_uses_the_given_classifier_and_its_size(monkeypatch):
    given = metrics.MnistClassifier()  # the shipped weights, 28 pixels

    def no_default(data):
        raise AssertionError(f"the protocol's own {data} classifier was asked for")

    monkeypatch.setattr(metrics, "protocol_classifier", no_default)
    real = reference_images((16, 16, 1), "test", data="mnist")  # resized up to 28
    shuffled = np.random.RandomState(0).permutation(real.reshape(-1)).reshape(real.shape)
    same = evaluate_images_protocol(real, ("fid",), (16, 16, 1), given, data="mnist")
    other = evaluate_images_protocol(shuffled, ("fid",), (16, 16, 1), given, data="mnist")
    assert same["fid"] < other["fid"] / 10


# Slow: it trains three classifiers; tests/metrics/test_cas.py checks the scores' values
# (real-on-real >= 0.95 at the fixed classifier's 1000 steps), so these train 20.
@pytest.mark.slow
def test_cas_needs_a_conditional_model_and_reports_three_scores(monkeypatch):
    from keras_gans import models
    from keras_gans.reports.evaluation import evaluate_source

    with pytest.raises(KerasGansError, match="cas scores labelled images: it needs a conditional"):
        evaluate_source(models.DCGAN(image_shape=(8, 8, 1), latent_dim=4), ["cas"])
    with pytest.raises(KerasGansError, match=r"Unknown metric 'cass'; choose from \['fid'"):
        evaluate_source(models.DCGAN(image_shape=(8, 8, 1), latent_dim=4), ["cass"])

    calls, original = [], metrics.classification_accuracy_scores

    def scores(fake, labels, train, test, **kwargs):
        calls.append((fake.shape, labels.tolist(), train[0].shape, test[0].shape, kwargs))
        return original(fake, labels, train, test, steps=20, **kwargs)

    monkeypatch.setattr(metrics, "classification_accuracy_scores", scores)
    cgan = models.ConditionalGAN(image_shape=(8, 8, 1), latent_dim=4)
    result = evaluate_source(cgan, ["cas"], n=20, classifier=metrics.DigitsClassifier(epochs=1))
    assert result["cas_per_class"] == 2
    ((fake, labels, train, test, kwargs),) = calls
    assert fake == (20, 8, 8, 1) and labels == [c for c in range(10) for _ in range(2)]
    assert train[1:] == test[1:] == (8, 8, 1) and train[0] > test[0] > 0
    assert kwargs == {"num_classes": 10}
    for key in ("cas_gan_train", "cas_gan_test", "cas_real_on_real"):
        assert 0.0 <= result[key] <= 1.0
    assert "fid" not in result  # only what was asked
