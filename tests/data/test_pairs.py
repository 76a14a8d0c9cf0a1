import os

import numpy as np
import pytest
from PIL import Image

import keras_gans
from keras_gans.data import load_pairs, pair_arrays, pair_stream
from keras_gans.data.photos import HELD_OUT_FRACTION, grayscale, photo_patches
from keras_gans.errors import DataError


def test_photos_paired_is_grayscale_to_colour_of_the_same_patch():
    a, b, paired = pair_arrays("photos-paired", 32, "train")
    assert paired and a.shape == (1550, 32, 32, 1) and b.shape == (1550, 32, 32, 3)
    assert a.dtype == b.dtype == np.float32
    assert -1 <= a.min() and a.max() <= 1 and -1 <= b.min() and b.max() <= 1
    b_u8 = np.round((b + 1) * 127.5).astype(np.uint8)
    np.testing.assert_allclose(a, grayscale(b_u8) / 127.5 - 1, atol=1e-6)


def test_photos_held_out_region_never_overlaps_training_patches():
    from sklearn.datasets import load_sample_images

    photo = load_sample_images().images[0]
    cut = int(round(photo.shape[1] * (1 - HELD_OUT_FRACTION)))
    marked = photo.copy()
    marked[..., 0] = 0
    marked[:, cut:, 0] = 255  # held-out columns carry a marker
    train = photo_patches(marked, 32, "train")
    test = photo_patches(marked, 32, "test")
    assert (train[..., 0] == 0).all()
    assert (test[..., 0] == 255).all()
    a, b, _ = pair_arrays("photos-unpaired", 32, "test")
    assert a.shape == (52, 32, 32, 3) and b.shape == (52, 32, 32, 3)


def test_photos_unpaired_domains_come_from_different_photos():
    a, b, paired = pair_arrays("photos-unpaired", 16, "train")
    assert not paired and a.shape[1:] == (16, 16, 3)
    # china.jpg is bluer on average than flower.jpg's orange and teal.
    assert abs(a.mean(axis=(0, 1, 2)) - b.mean(axis=(0, 1, 2))).max() > 0.05


def test_pair_stream_is_resumable_and_keeps_pairs_together():
    a = np.arange(10, dtype="float32").reshape(10, 1, 1, 1) * np.ones((10, 4, 4, 1), "float32")
    b = -a
    ds, steps = pair_stream(a, b, batch_size=3, seed=5, augment=True)
    assert steps == 3
    batches = [(x.numpy(), y.numpy()) for x, y in ds.take(7)]
    for x, y in batches:
        np.testing.assert_array_equal(x, -y)  # same crop and flip for both images of a pair
    resumed, _ = pair_stream(a, b, batch_size=3, seed=5, augment=True, skip_batches=4)
    for (x, y), (rx, ry) in zip(batches[4:], resumed.take(3), strict=True):
        np.testing.assert_array_equal(x, rx.numpy())
        np.testing.assert_array_equal(y, ry.numpy())
    epoch1 = sorted(np.concatenate([x[:, 0, 0, 0] for x, _ in batches[:3]]).tolist())
    assert len(set(epoch1)) == 9  # one epoch: 9 different pairs, no repeats


def test_unpaired_stream_covers_the_larger_set():
    a = np.zeros((4, 2, 2, 1), "float32") + np.arange(4).reshape(4, 1, 1, 1)
    b = np.zeros((10, 2, 2, 1), "float32") + np.arange(10).reshape(10, 1, 1, 1)
    ds, steps = pair_stream(a, b, batch_size=2, seed=0, paired=False)
    assert steps == 5
    seen_b = np.concatenate([y.numpy()[:, 0, 0, 0] for _, y in ds.take(5)])
    assert sorted(seen_b.tolist()) == list(range(10))


def test_augmentation_jitters_and_mirrors():
    a, b, _ = pair_arrays("photos-paired", 32, "test")
    plain = list(load_pairs("photos-paired", 32, 8, split="test", shuffle=False).take(1))[0]
    ds, _ = pair_stream(a[:8], b[:8], batch_size=8, seed=1, augment=True)
    x, y = next(iter(ds))
    assert x.shape == (8, 32, 32, 1) and y.shape == (8, 32, 32, 3)
    assert not np.array_equal(np.sort(x.numpy().ravel()), np.sort(plain[0].numpy().ravel()))


def _side_by_side(path, left, right):
    Image.fromarray(np.concatenate([left, right], axis=1)).save(path)


def test_pix2pix_folder_layout(tmp_path):
    rng = np.random.RandomState(0)
    for split, n in (("train", 3), ("val", 2)):
        os.makedirs(tmp_path / split)
        for i in range(n):
            left = rng.randint(0, 255, (20, 20, 3), dtype=np.uint8)
            right = 255 - left
            _side_by_side(tmp_path / split / f"{i}.png", left, right)
    a, b, paired = pair_arrays(str(tmp_path), 20, "train")
    assert paired and a.shape == (3, 20, 20, 3)
    np.testing.assert_allclose(a, -b, atol=1e-6)  # right = 255 - left
    a, b, _ = pair_arrays(str(tmp_path), 20, "test")  # val/ counts as test
    assert a.shape == (2, 20, 20, 3)


def test_cyclegan_folder_layout_and_errors(tmp_path):
    for sub, n in (("trainA", 3), ("trainB", 5), ("testA", 1), ("testB", 1)):
        os.makedirs(tmp_path / sub)
        for i in range(n):
            Image.new("RGB", (12, 12), (i * 10, 0, 0)).save(tmp_path / sub / f"{i}.png")
    a, b, paired = pair_arrays(str(tmp_path), 8, "train")
    assert not paired and a.shape == (3, 8, 8, 3) and b.shape == (5, 8, 8, 3)
    os.rename(tmp_path / "testB", tmp_path / "elsewhere")
    with pytest.raises(DataError, match="has no testB/ folder"):
        pair_arrays(str(tmp_path), 8, "test")
    with pytest.raises(DataError, match="Unknown image-to-image dataset 'nope'"):
        pair_arrays("nope", 8)


def test_tfds_cycle_gan_offline_error():
    with pytest.raises(DataError, match="'cycle_gan/horse2zebra' is not downloaded"):
        load_pairs("tfds:cycle_gan/horse2zebra")


def test_load_pairs_example():
    ds = keras_gans.data.load_pairs("photos-paired", image_size=32, batch_size=4)
    assert [s.shape.as_list() for s in ds.element_spec] == [[4, 32, 32, 1], [4, 32, 32, 3]]
    assert int(ds.cardinality()) == 1550 // 4
