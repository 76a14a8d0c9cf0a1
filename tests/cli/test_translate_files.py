"""``keras-gans train pix2pix|cyclegan`` and ``keras-gans translate`` end to end."""

import os

import numpy as np
import pytest
from PIL import Image

from tests.cli.common import cli
from tests.helpers import run_cli_cases

TINY_P2P = [
    "--image-size", "16", "--batch-size", "8", "--steps-per-epoch", "2", "--quiet",
    "--model-arg", "generator_filters=4", "--model-arg", "discriminator_filters=4",
    "--model-arg", "discriminator_layers=2",
]  # fmt: skip


def _write_inputs(folder, size, channels):
    os.makedirs(folder / "sub")
    rng = np.random.RandomState(0)
    mode = "L" if channels == 1 else "RGB"
    shape = (size, size) if channels == 1 else (size, size, 3)
    Image.fromarray(rng.randint(0, 255, shape, dtype=np.uint8), mode).save(folder / "good1.png")
    Image.fromarray(rng.randint(0, 255, shape, dtype=np.uint8), mode).save(
        folder / "sub" / "good2.jpg"
    )
    (folder / "corrupt.png").write_bytes(b"\x89PNG\r\n\x1a\n this is not an image")
    Image.new(mode, (size + 3, size)).save(folder / "wrong_size.png")


@pytest.mark.slow
def test_pix2pix_train_export_translate_with_bad_files(tmp_path):
    run = str(tmp_path / "run")
    result = cli("train", "pix2pix", "--epochs", "2", "--out", run, *TINY_P2P)
    assert result.returncode == 0, result.stderr[-2000:]
    assert os.path.isfile(os.path.join(run, "samples", "epoch_002.png"))
    header = open(os.path.join(run, "metrics.csv")).readline()
    assert "val_psnr" in header and "l1" in header
    inputs = tmp_path / "in"
    _write_inputs(inputs, 16, 1)
    for source in (run, None):
        if source is None:  # the same through an export
            assert cli("export", run, "--to", str(tmp_path / "export")).returncode == 0
            source = str(tmp_path / "export")
        out = tmp_path / f"out_{os.path.basename(source)}"
        result = cli("translate", source, "--in", str(inputs), "--out", str(out))
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr
        assert "wrote 2 image(s)" in result.stdout
        assert f"skipped {inputs / 'corrupt.png'}: cannot be read as an image" in result.stderr
        assert f"skipped {inputs / 'wrong_size.png'}: is 19x16, the model takes 16x16" in (
            result.stderr
        )
        assert sorted(os.listdir(out)) == ["good1.png", "sub"]
        image = np.asarray(Image.open(out / "sub" / "good2.png"))
        assert image.shape == (16, 16, 3) and image.dtype == np.uint8
    first = np.asarray(Image.open(tmp_path / "out_run" / "good1.png"), int)
    second = np.asarray(Image.open(tmp_path / "out_export" / "good1.png"), int)
    assert np.abs(first - second).max() <= 1
    os.remove(inputs / "corrupt.png")
    os.remove(inputs / "wrong_size.png")
    result = cli("translate", run, "--in", str(inputs), "--out", str(tmp_path / "o2"))
    assert result.returncode == 0 and result.stderr == ""
    result = cli("translate", run, "--in", str(inputs), "--out", "x", "--direction", "b2a")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"keras-gans: error: {run} translates one way only; drop --direction b2a"
    )
    result = cli("sample", run)
    assert result.returncode == 2 and "translates images; use `keras-gans translate`" in (
        result.stderr
    )


@pytest.mark.slow
def test_cyclegan_trains_and_translates_both_ways(tmp_path):
    run = str(tmp_path / "run")
    result = cli(
        "train", "cyclegan", "--epochs", "2", "--decay-epochs", "1", "--out", run,
        "--image-size", "16", "--batch-size", "4", "--steps-per-epoch", "2", "--quiet",
        "--model-arg", "generator_filters=4", "--model-arg", "discriminator_filters=4",
        "--model-arg", "num_blocks=1", "--model-arg", "discriminator_layers=2",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    header = open(os.path.join(run, "metrics.csv")).readline()
    assert all(k in header for k in ("cycle", "identity", "val_cycle"))
    inputs = tmp_path / "in"
    _write_inputs(inputs, 16, 3)
    for direction in ("a2b", "b2a"):
        out = tmp_path / direction
        result = cli("translate", run, "--in", str(inputs), "--out", str(out),
                     "--direction", direction)  # fmt: skip
        assert result.returncode == 1 and "wrote 2 image(s)" in result.stdout
    a2b = np.asarray(Image.open(tmp_path / "a2b" / "good1.png"))
    b2a = np.asarray(Image.open(tmp_path / "b2a" / "good1.png"))
    assert a2b.shape == b2a.shape == (16, 16, 3) and not np.array_equal(a2b, b2a)


TRANSLATION_ERRORS = [
    (["train", "pix2pix", "--latent-dim", "8"], "pix2pix translates images; the setting "
     "latent_dim does not apply to it."),
    (["train", "dcgan", "--augment"], "dcgan generates from noise; the setting augment "
     "does not apply to it."),
    (["train", "pix2pix", "--data", "photos-unpaired", "--epochs", "1"],
     "pix2pix needs paired data; photos-unpaired holds unpaired sets (use cyclegan)."),
    (["translate", "/no/such/run", "--in", ".", "--out", "x"],
     "no such run or export: /no/such/run"),
]  # fmt: skip


def test_translation_cli_errors(tmp_path):
    results = run_cli_cases([args for args, _ in TRANSLATION_ERRORS], tmp_path)
    for (args, message), (code, stderr) in zip(TRANSLATION_ERRORS, results, strict=True):
        assert code == 2, (args, stderr)
        assert stderr.strip() == f"keras-gans: error: {message}"
    assert not os.path.exists(tmp_path / "runs")
