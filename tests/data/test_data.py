import numpy as np
import pytest
from PIL import Image

import keras_gans
from keras_gans import data
from keras_gans.data.names import TRAIN_IMAGES


def test_digits_split_is_deterministic_disjoint_and_complete():
    train, train_y = data.digits_arrays(8, "train")
    test, test_y = data.digits_arrays(8, "test")
    assert train.shape == (1438, 8, 8, 1) and test.shape == (359, 8, 8, 1)
    assert len(train) == TRAIN_IMAGES["digits"]
    again, _ = data.digits_arrays(8, "train")
    np.testing.assert_array_equal(train, again)
    assert set(np.unique(train_y)) == set(range(10)) == set(np.unique(test_y))
    everything = {a.tobytes() for a in data.digits_arrays(8, "all")[0]}
    assert {a.tobytes() for a in train} | {a.tobytes() for a in test} <= everything


def test_digits_are_scaled_to_minus_one_one_and_resized():
    images, _ = data.digits_arrays(16, "train", channels=3)
    assert images.shape == (1438, 16, 16, 3) and images.dtype == np.float32
    assert images.min() == pytest.approx(-1.0, abs=1e-3) and images.max() == pytest.approx(
        1.0, abs=1e-2
    )
    raw, _ = data.digits_arrays(8, "train")
    assert raw.min() == -1.0 and raw.max() == 1.0
    # 8x8 pixel values are k/16 scaled: -1 + k/8
    assert np.allclose((raw + 1) * 8, np.round((raw + 1) * 8))


def test_load_digits_batches_drop_the_remainder_and_carry_labels():
    ds = data.load("digits", image_size=16, batch_size=100, with_labels=True, split="test")
    batches = list(ds)
    assert len(batches) == 3  # 359 // 100
    images, labels = batches[0]
    assert images.shape == (100, 16, 16, 1) and labels.dtype.name == "int32"
    assert ds.element_spec[0].shape.as_list() == [100, 16, 16, 1]


def test_load_shuffles_each_epoch_with_a_seed():
    ds = data.load("digits", image_size=8, batch_size=32, seed=1)
    first, second = next(iter(ds)).numpy(), next(iter(ds)).numpy()
    assert not np.allclose(first, second)
    again = next(iter(data.load("digits", image_size=8, batch_size=32, seed=1))).numpy()
    np.testing.assert_array_equal(first, again)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"name": "nosuch"}, "Unknown dataset 'nosuch'"),
        ({"image_size": 0}, "image_size must be a positive int"),
        ({"batch_size": 5000}, "fewer than one batch of 5000"),
        ({"split": "valid"}, "Unknown split 'valid'"),
    ],
)
def test_load_errors_name_the_problem(kwargs, message):
    with pytest.raises(ValueError, match=message):
        data.load(**kwargs)


def _write_images(folder, n, size=12, mode="RGB"):
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.RandomState(0)
    for i in range(n):
        shape = (size, size, 3) if mode == "RGB" else (size, size)
        Image.fromarray(rng.randint(0, 256, shape).astype("uint8"), mode).save(folder / f"{i}.png")


def test_folder_loader_reads_scales_and_labels_by_subfolder(tmp_path):
    _write_images(tmp_path / "cats", 3)
    _write_images(tmp_path / "dogs", 5)
    images, labels, names = data.folder_arrays(str(tmp_path), 8, channels=3, with_labels=True)
    assert images.shape == (8, 8, 8, 3) and names == ["cats", "dogs"]
    assert labels.tolist() == [0, 0, 0, 1, 1, 1, 1, 1]
    assert images.min() >= -1 and images.max() <= 1
    ds = data.load(str(tmp_path), image_size=8, batch_size=4, channels=1)
    assert next(iter(ds)).shape == (4, 8, 8, 1)


def test_folder_loader_skips_corrupt_files_with_one_warning(tmp_path):
    _write_images(tmp_path, 4)
    (tmp_path / "broken.png").write_bytes(b"not a png")
    with pytest.warns(
        keras_gans.KerasGansWarning,
        match=r"Skipped 1 unreadable image file\(s\).*broken.png",
    ):
        images, _, _ = data.folder_arrays(str(tmp_path), 8)
    assert len(images) == 4


def test_folder_errors(tmp_path):
    with pytest.raises(keras_gans.DataError, match="No such folder"):
        data.load(str(tmp_path / "missing"))
    (tmp_path / "empty").mkdir()
    with pytest.raises(keras_gans.DataError, match=r"No images \(.png"):
        data.load(str(tmp_path / "empty"))
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "a.png").write_bytes(b"junk")
    with pytest.warns(keras_gans.KerasGansWarning):
        with pytest.raises(keras_gans.DataError, match="None of the 1 image files"):
            data.load(str(tmp_path / "bad"))


def test_tfds_offline_error_says_how_to_get_the_data(tmp_path):
    with pytest.raises(
        keras_gans.DataError,
        match=r"TFDS dataset 'mnist' is not downloaded: .*tfds build mnist",
    ):
        data.load("tfds:mnist", data_dir=str(tmp_path))
    with pytest.raises(keras_gans.DataError, match="Unknown TFDS dataset 'no_such_dataset'"):
        data.load("tfds:no_such_dataset", data_dir=str(tmp_path))


def test_tfds_loading_code_on_mocked_mnist(monkeypatch):
    import tensorflow_datasets as tfds

    monkeypatch.setattr(tfds.core.DatasetBuilder, "is_prepared", lambda self: True)
    with tfds.testing.mock_data(num_examples=12):
        ds = data.load("tfds:mnist", image_size=8, batch_size=4, with_labels=True, channels=3)
        images, labels = next(iter(ds))
    assert images.shape == (4, 8, 8, 3) and labels.dtype.name == "int32"
    assert -1.0 <= float(images.numpy().min()) <= float(images.numpy().max()) <= 1.0


def test_folder_loader_scales_16_bit_pngs_instead_of_clipping(tmp_path):
    folder = tmp_path / "deep"
    folder.mkdir()
    values = np.array([[0, 16384], [32768, 65535]], np.uint16).repeat(4, 0).repeat(4, 1)
    Image.fromarray(values).save(folder / "a.png")  # a 16-bit grayscale PNG
    assert Image.open(folder / "a.png").mode.startswith("I")
    images, _, _ = keras_gans.data.folder_arrays(str(folder), 8, channels=1)
    # 0..65535 -> 0..255 -> [-1, 1]; a plain convert("L") saturates everything above 255
    expected = np.round(values / 257.0) / 127.5 - 1.0
    np.testing.assert_allclose(images[0, ..., 0], expected, atol=1e-6)
