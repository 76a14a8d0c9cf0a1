"""benchmarks/classifier_weights.py: retrain, compare, and the shipped files it writes."""

import json
import os

import numpy as np
import pytest

from benchmarks import classifier_weights
from keras_gans import data, metrics


def test_written_weights_load_as_shipped_with_the_same_fingerprint_and_features(
    tmp_path, monkeypatch
):
    clf = classifier_weights.retrain(
        "DigitsClassifier", {"image_size": 8, "epochs": 1}, str(tmp_path / "cache")
    )
    assert clf.trained is True and clf.path.startswith(str(tmp_path / "cache"))
    assert os.environ["KERAS_GANS_CACHE"] != str(tmp_path / "cache")  # restored
    shipped_dir = tmp_path / "weights"
    shipped_dir.mkdir()
    classifier_weights.write(clf, str(shipped_dir))
    with open(shipped_dir / "shipped.json") as f:
        manifest = json.load(f)
    assert manifest == {clf.name: {"accuracy": clf.accuracy, "fingerprint": clf.fingerprint}}

    monkeypatch.setattr(metrics.classifier, "SHIPPED_DIR", str(shipped_dir))
    loaded = metrics.DigitsClassifier(image_size=8, epochs=1)
    assert loaded.path == os.path.join(str(shipped_dir), clf.name + ".npz")
    assert loaded.trained is False and loaded.accuracy == clf.accuracy
    assert loaded.fingerprint == clf.fingerprint
    images, _ = data.load_arrays("digits", 8, "test")
    np.testing.assert_allclose(loaded.features(images[:16]), clf.features(images[:16]), atol=1e-6)

    assert classifier_weights.compare([clf], manifest) == [
        (clf.name, clf.fingerprint, clf.fingerprint, True)
    ]
    other = {clf.name: {"accuracy": 0.5, "fingerprint": "0" * 12}}
    assert classifier_weights.compare([clf], other)[0][2:] == ("0" * 12, False)
    assert classifier_weights.compare([clf], {})[0][2:] == (None, False)


@pytest.mark.slow  # trains two; the test above keeps the round trip in the fast set
def test_writing_a_second_classifier_keeps_the_first_record(tmp_path):
    first = classifier_weights.retrain(
        "DigitsClassifier", {"image_size": 8, "epochs": 1}, str(tmp_path / "c")
    )
    second = classifier_weights.retrain(
        "DigitsClassifier", {"image_size": 8, "epochs": 1, "seed": 1}, str(tmp_path / "c")
    )
    classifier_weights.write(first, str(tmp_path))
    classifier_weights.write(second, str(tmp_path))
    with open(tmp_path / "shipped.json") as f:
        assert sorted(json.load(f)) == sorted([first.name, second.name])
    assert first.fingerprint != second.fingerprint


def test_the_shipped_manifest_names_the_protocol_classifiers_and_their_files():
    manifest = metrics.classifier.shipped_weights()
    assert sorted(manifest) == [
        "digits_classifier_16px_e30_s0_v1",
        "mnist_classifier_28px_e10_s0_shift2_v1",
    ]
    for name in manifest:
        assert os.path.isfile(os.path.join(metrics.classifier.SHIPPED_DIR, name + ".npz"))
    assert [metrics.DigitsClassifier, metrics.MnistClassifier] == [
        getattr(metrics, class_name) for class_name, _ in classifier_weights.SHIPPED
    ]
