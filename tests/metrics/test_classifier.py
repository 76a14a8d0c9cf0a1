import os

import numpy as np
import pytest

from keras_gans import data, metrics


def test_the_protocol_classifier_loads_the_shipped_weights_and_reaches_97_percent(
    digits_classifier,
):
    images, labels = data.load_arrays("digits", 16, "test", with_labels=True)
    accuracy = float((digits_classifier.predict(images) == labels).mean())
    assert accuracy >= 0.97
    assert digits_classifier.accuracy == pytest.approx(accuracy)
    assert digits_classifier.trained is False
    assert digits_classifier.fingerprint == "b66ff6e1fa17"  # docs/results.md's scale
    assert digits_classifier.path == os.path.join(
        metrics.classifier.SHIPPED_DIR, "digits_classifier_16px_e30_s0_v1.npz"
    )
    cached = os.listdir(os.environ["KERAS_GANS_CACHE"])
    assert not any(name.startswith("digits_classifier_16px_e30_s0_v1") for name in cached)


def test_damaged_shipped_weights_are_refused_naming_the_file(tmp_path, monkeypatch):
    name = "digits_classifier_16px_e30_s0_v1"
    weights = metrics.classifier.read_weights_npz(
        os.path.join(metrics.classifier.SHIPPED_DIR, name + ".npz")
    )
    weights[-1] = weights[-1] + 1e-6
    np.savez_compressed(tmp_path / (name + ".npz"), *weights)
    monkeypatch.setattr(metrics.classifier, "SHIPPED_DIR", str(tmp_path))
    monkeypatch.setattr(
        metrics.classifier,
        "shipped_weights",
        lambda: {name: {"accuracy": 0.98, "fingerprint": "b66ff6e1fa17"}},
    )
    with pytest.raises(RuntimeError, match=rf"{name}\.npz have fingerprint [0-9a-f]{{12}}, not"):
        metrics.DigitsClassifier(image_size=16)


def test_shipped_false_trains_caches_and_the_second_use_loads_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("KERAS_GANS_CACHE", str(tmp_path))
    first = metrics.DigitsClassifier(image_size=8, epochs=2, seed=1, shipped=False)
    assert first.trained is True and first.path.startswith(str(tmp_path))
    mtime = os.path.getmtime(first.path)
    again = metrics.DigitsClassifier(image_size=8, epochs=2, seed=1)  # nothing shipped: cache
    assert again.trained is False
    assert os.path.getmtime(again.path) == mtime
    assert again.accuracy == first.accuracy and again.fingerprint == first.fingerprint
    images, _ = data.load_arrays("digits", 8, "test")
    np.testing.assert_allclose(again.features(images[:32]), first.features(images[:32]), atol=1e-6)


def test_the_fingerprint_follows_the_weights(digits_classifier):
    again = metrics.DigitsClassifier(image_size=16)  # the shipped weights again
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


@pytest.mark.slow  # builds a wheel; the fast set loads the shipped files from the tree
def test_the_wheel_carries_the_shipped_weights(tmp_path):
    # setup.cfg's package_data: a wheel without them would train at the user's thread count.
    # Built from a copy of the sources, so the checkout gets no build/ folder.
    import shutil
    import subprocess
    import sys
    import zipfile

    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    src = tmp_path / "src"
    shutil.copytree(
        os.path.join(root, "keras_gans"),
        src / "keras_gans",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    for name in ("setup.cfg", "pyproject.toml", "README.md", "keras_gans_cli.py"):
        shutil.copy(os.path.join(root, name), src / name)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
         "-w", str(tmp_path / "dist"), str(src)],
        check=True, cwd=tmp_path,
    )  # fmt: skip
    (wheel,) = (tmp_path / "dist").glob("keras_gans-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in metrics.classifier.shipped_weights():
        assert f"keras_gans/metrics/weights/{name}.npz" in names
    assert "keras_gans/metrics/weights/shipped.json" in names
