import json
import os

import keras
import numpy as np
import pytest
from PIL import Image

from keras_gans import models
from keras_gans.data import folder_arrays
from keras_gans.errors import ArgumentError, DataError
from keras_gans.reports import class_names, synthesize
from keras_gans.utils.images import to_uint8
from keras_gans.utils.noise import seeded_noise


@pytest.fixture(scope="module")
def cgan():
    return models.ConditionalGAN(image_shape=(8, 8, 1), latent_dim=4, seed=1)


def read(path):
    return np.asarray(Image.open(path))


def test_the_folder_has_one_subfolder_per_class_and_loads_with_keras(cgan, tmp_path):
    out = str(tmp_path / "synthetic")
    result = synthesize(cgan, out, per_class=3, seed=7, source={"path": "runs/cgan"})
    assert result.classes == tuple(str(c) for c in range(10))
    assert sorted(os.listdir(out)) == [*result.classes, "manifest.json"]
    assert sorted(os.listdir(os.path.join(out, "4"))) == ["000000.png", "000001.png", "000002.png"]
    data = keras.utils.image_dataset_from_directory(
        out, image_size=(8, 8), color_mode="grayscale", shuffle=False, batch_size=64
    )
    assert data.class_names == list(result.classes)
    labels = np.concatenate([y.numpy() for _, y in data])
    assert np.bincount(labels).tolist() == [3] * 10
    # the project's own folder loader reads the same classes
    _, own_labels, names = folder_arrays(out, 8, channels=1, with_labels=True)
    assert names == list(result.classes) and np.bincount(own_labels).tolist() == [3] * 10

    manifest = json.load(open(os.path.join(out, "manifest.json")))
    assert manifest["classes"] == list(result.classes) and manifest["labels"] == list(range(10))
    assert manifest["image_shape"] == [8, 8, 1] and manifest["per_class"] == 3
    assert manifest["source"] == {"path": "runs/cgan"} and manifest["model"] == "ConditionalGAN"
    (batch,) = manifest["batches"]
    assert (batch["seed"], batch["first_index"], batch["per_class"]) == (7, 0, 3)
    assert batch["date"].startswith("20")


def test_image_k_of_a_class_is_the_generator_on_seed_plus_k(cgan, tmp_path):
    out = str(tmp_path / "s")
    synthesize(cgan, out, per_class=2, seed=7, truncation=0.5, batch_size=1)
    z = np.asarray(seeded_noise(2, 4, 7)) * 0.5
    expected = to_uint8(np.asarray(cgan.generate_images(z, np.array([6, 6], np.int32))))
    for k in range(2):
        np.testing.assert_array_equal(
            read(os.path.join(out, "6", f"00000{k}.png")), expected[k, ..., 0]
        )


def test_it_never_overwrites_and_append_numbers_on(cgan, tmp_path):
    out = str(tmp_path / "s")
    synthesize(cgan, out, per_class=2)
    before = {f: read(os.path.join(out, "0", f)) for f in os.listdir(os.path.join(out, "0"))}
    with pytest.raises(DataError, match="is not empty; synthesize never overwrites"):
        synthesize(cgan, out, per_class=2, seed=99)
    for f, pixels in before.items():
        np.testing.assert_array_equal(read(os.path.join(out, "0", f)), pixels)

    result = synthesize(cgan, out, per_class=3, append=True)
    assert result.first_index == 2
    assert sorted(os.listdir(os.path.join(out, "0"))) == [f"00000{i}.png" for i in range(5)]
    manifest = json.load(open(os.path.join(out, "manifest.json")))
    assert manifest["per_class"] == 5
    assert [b["first_index"] for b in manifest["batches"]] == [0, 2]
    # appending with the same seed draws new noise: the folder equals one call of 5
    once = str(tmp_path / "once")
    synthesize(cgan, once, per_class=5)
    for i in range(5):
        np.testing.assert_array_equal(
            read(os.path.join(out, "9", f"00000{i}.png")),
            read(os.path.join(once, "9", f"00000{i}.png")),
        )


def test_append_refuses_another_kind_of_folder(cgan, tmp_path):
    stray = tmp_path / "stray"
    stray.mkdir()
    (stray / "notes.txt").write_text("mine")
    with pytest.raises(DataError, match="has no manifest.json: it was not written by synthesize"):
        synthesize(cgan, str(stray), per_class=1, append=True)
    out = str(tmp_path / "s")
    synthesize(cgan, out, per_class=1)
    other = models.ConditionalGAN(image_shape=(16, 16, 1), latent_dim=4)
    with pytest.raises(DataError, match=r"holds \[8, 8, 1\] images .* append to a folder of the"):
        synthesize(other, out, per_class=1, append=True)


def test_unconditional_models_write_one_unlabelled_folder(tmp_path):
    model = models.DCGAN(image_shape=(8, 8, 1), latent_dim=4)
    out = str(tmp_path / "u")
    result = synthesize(model, out, per_class=5)
    assert result.classes == ("unlabelled",)
    assert sorted(os.listdir(out)) == ["manifest.json", "unlabelled"]
    assert len(os.listdir(os.path.join(out, "unlabelled"))) == 5
    manifest = json.load(open(os.path.join(out, "manifest.json")))
    assert manifest["conditional"] is False and manifest["labels"] is None


def test_class_folder_names_sort_in_class_order():
    assert class_names(10) == tuple("0123456789")
    names = class_names(12)
    assert names[:3] == ("00", "01", "02") and names[-1] == "11"
    assert sorted(names) == list(names)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"per_class": 0}, "per_class must be a positive int, got 0"),
        ({"per_class": 1, "truncation": 0.0}, r"truncation must be in \(0, 1\]"),
        ({"per_class": 1, "seed": -1}, "seed must be a non-negative int, got -1"),
    ],
)
def test_bad_arguments_are_named(cgan, tmp_path, kwargs, message):
    with pytest.raises(ArgumentError, match=message):
        synthesize(cgan, str(tmp_path / "s"), **kwargs)
    assert not os.path.exists(tmp_path / "s")


def test_a_translation_model_is_refused(tmp_path):
    model = models.Pix2Pix(image_shape=(8, 8, 1), generator_filters=4, discriminator_filters=4)
    with pytest.raises(ArgumentError, match="synthesize draws from noise"):
        synthesize(model, str(tmp_path / "s"), per_class=1)
