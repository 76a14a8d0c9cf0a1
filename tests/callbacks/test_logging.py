import os

import numpy as np
import pytest
from PIL import Image

import keras_gans
from tests.models.test_gan import tiny_gan


def test_image_grid_writes_one_png_per_epoch_with_fixed_noise(tmp_path, tiny_images):
    gan = tiny_gan()
    gan.compile()
    grid = keras_gans.callbacks.ImageGrid(
        tmp_path / "samples", n=6, tensorboard_dir=str(tmp_path / "tb")
    )
    gan.fit(tiny_images, batch_size=8, epochs=2, callbacks=[grid], verbose=0)
    files = sorted(os.listdir(tmp_path / "samples"))
    assert files == ["epoch_001.png", "epoch_002.png"]
    png = np.asarray(Image.open(tmp_path / "samples" / "epoch_002.png"))
    # 3x2 grid of 8x8 images upscaled 6x (48 px cells) with 1 px borders
    assert png.shape == (2 * 49 + 1, 3 * 49 + 1)
    # same noise every epoch: with an unchanged generator the grid is identical
    np.testing.assert_array_equal(grid.grid(), grid.grid())
    assert any(f.startswith("events.out.tfevents") for f in os.listdir(tmp_path / "tb"))


def test_image_grid_every_n_epochs_and_the_last(tmp_path, tiny_images):
    gan = tiny_gan()
    gan.compile()
    grid = keras_gans.callbacks.ImageGrid(tmp_path, n=4, every=2)
    gan.fit(tiny_images, batch_size=8, epochs=3, callbacks=[grid], verbose=0)
    assert sorted(os.listdir(tmp_path)) == ["epoch_002.png", "epoch_003.png"]


def test_image_grid_rejects_bad_every():
    with pytest.raises(ValueError, match="every must be an int >= 1"):
        keras_gans.callbacks.ImageGrid("x", every=0)


def test_metrics_csv_appends_rows_without_val_columns(tmp_path, tiny_images):
    gan = tiny_gan()
    gan.compile()
    path = tmp_path / "metrics.csv"
    gan.fit(
        tiny_images,
        batch_size=8,
        epochs=2,
        callbacks=[keras_gans.callbacks.MetricsCSV(path)],
        verbose=0,
    )
    gan.fit(
        tiny_images,
        batch_size=8,
        epochs=3,
        initial_epoch=2,
        callbacks=[keras_gans.callbacks.MetricsCSV(path)],
        verbose=0,
    )
    lines = path.read_text().splitlines()
    assert lines[0] == "epoch,d_loss,g_loss,loss"
    assert [line.split(",")[0] for line in lines[1:]] == ["1", "2", "3"]
    assert all(np.isfinite(float(v)) for line in lines[1:] for v in line.split(",")[1:])


def test_grid_helpers():
    images = np.linspace(-1, 1, 2 * 4 * 4 * 1).reshape(2, 4, 4, 1)
    grid = keras_gans.utils.images.make_grid(images, cols=2, scale=2, pad=1)
    assert grid.shape == (1 + 8 + 1, 1 + 2 * 9, 1) and grid.dtype == np.uint8
    assert keras_gans.utils.images.to_uint8([-1.0, 0.0, 1.0, 2.0]).tolist() == [
        0,
        128,
        255,
        255,
    ]


def test_metrics_csv_widens_its_header_when_new_keys_appear(tmp_path):
    path = tmp_path / "m.csv"
    cb = keras_gans.callbacks.MetricsCSV(path)
    cb.on_epoch_end(0, {"d_loss": 1.0, "g_loss": 2.0})
    cb.on_epoch_end(1, {"d_loss": 1.5, "g_loss": 2.5, "fid": 7.0})
    cb.on_epoch_end(2, {"d_loss": 0.5, "g_loss": 3.0})
    assert path.read_text().splitlines() == [
        "epoch,d_loss,g_loss,fid",
        "1,1.0,2.0,",
        "2,1.5,2.5,7.0",
        "3,0.5,3.0,",
    ]
