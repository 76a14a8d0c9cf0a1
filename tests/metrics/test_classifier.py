import os

import numpy as np
import pytest

from keras_gans import data, metrics


def test_digits_classifier_reaches_97_percent_on_the_held_out_split(digits_classifier):
    images, labels = data.load_arrays("digits", 16, "test", with_labels=True)
    accuracy = float((digits_classifier.predict(images) == labels).mean())
    assert accuracy >= 0.97
    assert digits_classifier.accuracy == pytest.approx(accuracy)
    assert digits_classifier.path.startswith(os.environ["KERAS_GANS_CACHE"])


def test_second_use_loads_the_cache_instead_of_training(digits_classifier):
    mtime = os.path.getmtime(digits_classifier.path)
    again = metrics.DigitsClassifier(image_size=16)
    assert again.trained is False
    assert os.path.getmtime(again.path) == mtime
    images, _ = data.load_arrays("digits", 16, "test")
    np.testing.assert_allclose(
        again.features(images[:32]), digits_classifier.features(images[:32]), atol=1e-6
    )


def test_the_fingerprint_follows_the_weights(digits_classifier):
    again = metrics.DigitsClassifier(image_size=16)  # the cached copy: the same weights
    assert again.fingerprint == digits_classifier.fingerprint
    assert len(again.fingerprint) == 12 and int(again.fingerprint, 16) >= 0
    weights = again.model.get_weights()
    weights[-1] = weights[-1] + 1e-6
    again.model.set_weights(weights)
    assert again.fingerprint != digits_classifier.fingerprint


def test_features_probabilities_and_resizing(digits_classifier):
    images, labels = data.load_arrays("digits", 16, "test", with_labels=True)
    feats = digits_classifier.features(images[:10])
    assert feats.shape == (10, 128) and feats.dtype == np.float64
    probs = digits_classifier.predict_proba(images[:10])
    np.testing.assert_allclose(probs.sum(axis=1), 1.0, atol=1e-9)
    # The same digits given at 32x32 are resized back to 16x16 and still recognised.
    big, big_labels = data.load_arrays("digits", 32, "test", with_labels=True)
    assert (digits_classifier.predict(big) == big_labels).mean() >= 0.95
    uint8 = np.round((images[:10] + 1) * 127.5).astype(np.uint8)
    assert (digits_classifier.predict(uint8) == labels[:10]).mean() >= 0.9


def test_classifier_rejects_colour_images_with_a_clear_error(digits_classifier):
    with pytest.raises(ValueError, match=r"Expected images of shape \[n, height, width, 1\]"):
        digits_classifier.features(np.zeros((2, 16, 16, 3), np.float32))


def test_cache_dir_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("KERAS_GANS_CACHE", str(tmp_path / "c"))
    assert metrics.cache_dir() == str(tmp_path / "c")
    monkeypatch.delenv("KERAS_GANS_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "x"))
    assert metrics.cache_dir() == str(tmp_path / "x" / "keras_gans")


def test_inception_features_without_weights_says_where_to_put_them(monkeypatch, tmp_path):
    monkeypatch.setenv("KERAS_GANS_CACHE", str(tmp_path))
    with pytest.raises(FileNotFoundError) as info:
        metrics.InceptionFeatures()
    message = str(info.value)
    assert "inception_v3_weights_tf_dim_ordering_tf_kernels_notop.h5" in message
    assert str(tmp_path) in message and "weights_path=" in message


@pytest.mark.slow
def test_inception_features_from_a_local_weights_file(tmp_path):
    import keras

    net = keras.applications.InceptionV3(
        include_top=False, weights=None, pooling="avg", input_shape=(299, 299, 3)
    )
    path = str(tmp_path / "inception.weights.h5")
    net.save_weights(path)
    feats = metrics.InceptionFeatures(weights_path=path, batch_size=2)
    images = np.random.RandomState(0).uniform(-1, 1, (3, 16, 16, 1)).astype(np.float32)
    out = feats(images)
    assert out.shape == (3, 2048)
    resized = np.repeat(
        keras.ops.convert_to_numpy(keras.ops.image.resize(images, (299, 299))), 3, axis=-1
    )
    np.testing.assert_allclose(out, net(resized), atol=1e-4)


def test_shifted_copies_move_each_image_within_two_pixels_and_keep_labels():
    images = -np.ones((3, 8, 8, 1), np.float32)
    images[:, 3:5, 3:5] = 1.0  # a bright 2x2 square in the middle
    labels = np.array([0, 1, 2])
    x, y = metrics.classifier.shifted_copies(images, labels, 2, seed=0)
    assert x.shape == (9, 8, 8, 1) and y.tolist() == [0, 1, 2] * 3
    np.testing.assert_array_equal(x[:3], images)
    for image in x[3:]:
        rows, cols = np.nonzero(image[..., 0] > 0)
        assert len(rows) == 4 and abs(rows.min() - 3) <= 2 and abs(cols.min() - 3) <= 2
        assert set(np.unique(image)) <= {-1.0, 1.0}  # filled with the background
    again, _ = metrics.classifier.shifted_copies(images, labels, 2, seed=0)
    np.testing.assert_array_equal(again, x)


def test_two_users_of_an_uncached_classifier_train_it_once(tmp_path, monkeypatch):
    # The second waits on the cache's lock while the first trains, then loads its file.
    import threading

    monkeypatch.setenv("KERAS_GANS_CACHE", str(tmp_path))
    made = []

    def use():
        made.append(metrics.DigitsClassifier(image_size=8, epochs=1))

    threads = [threading.Thread(target=use) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(c.trained for c in made) == [False, True]
    assert made[0].accuracy == made[1].accuracy
    assert os.path.isfile(os.path.join(tmp_path, os.path.basename(made[0].path) + ".lock"))
