import csv
import json
import os

import numpy as np
import pytest
from PIL import Image

from tests.cli.common import TINY, cli, console_script
from tests.helpers import ENV, run_cli_cases


def test_list_names_every_model():
    result = cli("list")
    assert result.returncode == 0
    names = [line.split()[0] for line in result.stdout.splitlines()]
    assert names == ["cgan", "cyclegan", "dcgan", "gan", "pix2pix", "stylegan2", "wgan", "wgan-gp"]


@pytest.mark.slow
def test_train_resume_sample_and_export(tmp_path):
    run = str(tmp_path / "run")
    first = cli("train", "gan", "--epochs", "2", "--out", run, *TINY)
    assert first.returncode == 0, first.stderr[-2000:]
    for path in [
        "config.json",
        "checkpoints/last.keras",
        "samples/epoch_001.png",
        "samples/epoch_002.png",
    ]:
        assert os.path.isfile(os.path.join(run, path)), path
    assert any(f.startswith("events.out") for f in os.listdir(os.path.join(run, "logs")))
    config = json.load(open(os.path.join(run, "config.json")))
    assert config["model"] == "gan" and config["image_size"] == 8 and config["latent_dim"] == 4

    # the same command with more epochs continues where the run stopped
    second = cli("train", "gan", "--epochs", "3", "--out", run, *TINY)
    assert second.returncode == 0, second.stderr[-2000:]
    rows = list(csv.reader(open(os.path.join(run, "metrics.csv"))))
    assert rows[0] == ["epoch", "d_loss", "g_loss", "loss"]
    assert [r[0] for r in rows[1:]] == ["1", "2", "3"]
    assert "(3 epochs)" in second.stdout

    # Keras' own formats: the generator to one file, never over an existing one
    onnx = str(tmp_path / "g.onnx")
    export_onnx = ["export", run, "--to", onnx, "--format", "onnx"]
    (first_code, _), (again_code, again) = run_cli_cases([export_onnx, export_onnx], tmp_path)
    assert first_code == 0 and os.path.getsize(onnx) > 0
    assert again_code == 2 and "exists; an export never overwrites" in again

    grid = str(tmp_path / "grid.png")
    result = cli("sample", run, "--n", "4", "--out", grid)
    assert result.returncode == 0, result.stderr[-2000:]
    from_run = np.asarray(Image.open(grid))

    base = str(tmp_path / "export" / "gan")
    result = cli("export", run, "--to", base)
    assert result.returncode == 0, result.stderr[-2000:]
    assert os.path.isfile(os.path.join(base, "1", "saved_model.pb"))
    assert cli("export", run, "--to", base, "--version", "1").returncode == 2

    result = cli("sample", base, "--n", "4", "--out", str(tmp_path / "grid2.png"))
    assert result.returncode == 0, result.stderr[-2000:]
    from_export = np.asarray(Image.open(tmp_path / "grid2.png"))
    # same seeds through the run's model and through the exported `sample` signature
    assert from_run.shape == from_export.shape
    assert np.abs(from_run.astype(int) - from_export.astype(int)).max() <= 2


@pytest.mark.slow
def test_stylegan2_trains_samples_with_truncation_and_exports(tmp_path):
    run = str(tmp_path / "run")
    tiny = [
        "--data", "digits", "--image-size", "8", "--batch-size", "8", "--latent-dim", "8",
        "--steps-per-epoch", "2", "--quiet", "--model-arg", "mapping_layers=2",
        "--model-arg", "channel_base=32", "--model-arg", "channel_max=8",
        # float32, as the export computes (the default auto trains in bfloat16 on a CPU
        # with the units, and a float32 export of that differs by more than 2/255)
        "--precision", "float32",
    ]  # fmt: skip
    result = cli("train", "stylegan2", "--epochs", "1", "--out", run, *tiny)
    assert result.returncode == 0, result.stderr[-2000:]
    config = json.load(open(os.path.join(run, "config.json")))
    assert config["model"] == "stylegan2" and config["model_args"]["mapping_layers"] == 2
    # the CLI's rate for both optimizers, recorded for resume (the class: 2e-3, 2.35e-3)
    assert [round(r, 9) for r in config["initial_learning_rates"]] == [3e-3, 3e-3]
    header = next(csv.reader(open(os.path.join(run, "metrics.csv"))))
    assert {"r1", "pl"} <= set(header)
    from benchmarks.stylegan2_grids import write_grids  # the tutorial's pictures

    pictures = write_grids(run, str(tmp_path / "pictures"))
    assert [os.path.basename(p) for p in pictures] == [
        "psi0.5.png", "psi0.7.png", "psi1.0.png", "mixing.png",
    ]  # fmt: skip
    mixing = np.asarray(Image.open(pictures[-1]))
    assert mixing.shape[0] < mixing.shape[1]  # 4 rows of 8
    base = str(tmp_path / "export" / "sg")
    grids = {psi: str(tmp_path / f"grid{psi}.png") for psi in ("0", "0.7")}
    cases = [
        ["sample", run, "--n", "4", "--truncation", "0", "--out", grids["0"]],
        ["sample", run, "--n", "4", "--truncation", "0.7", "--out", grids["0.7"]],
        ["export", run, "--to", base],
        ["sample", base, "--n", "4", "--truncation", "0.7", "--out", str(tmp_path / "e.png")],
        ["sample", run, "--truncation", "1.5", "--out", str(tmp_path / "x.png")],
    ]
    codes = run_cli_cases(cases, tmp_path)
    assert [c for c, _ in codes] == [0, 0, 0, 0, 2], codes
    assert "--truncation must be in [0, 1]" in codes[4][1]
    # the export draws what the run draws, truncated alike
    from_run = np.asarray(Image.open(grids["0.7"])).astype(int)
    assert np.asarray(Image.open(grids["0"])).shape == from_run.shape
    from_export = np.asarray(Image.open(tmp_path / "e.png")).astype(int)
    assert np.abs(from_run - from_export).max() <= 2
    tiny_gan = ["train", "gan", "--out", str(tmp_path / "gan"), *TINY, "--epochs", "1"]
    (code, _), (refused, message) = run_cli_cases(
        [tiny_gan, ["sample", str(tmp_path / "gan"), "--truncation", "0.5", "--out", "g.png"]],
        tmp_path,
    )
    assert code == 0 and refused == 2 and "--truncation applies to stylegan2" in message


def test_train_into_a_foreign_folder_is_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    result = cli("train", "gan", "--out", str(tmp_path), *TINY)
    assert result.returncode == 2
    assert "is not a keras-gans run folder" in result.stderr


@pytest.mark.parametrize("model", ["dcgan", pytest.param("wgan-gp", marks=pytest.mark.slow)])
def test_every_family_trains_one_step_from_the_cli(model, tmp_path):
    run = str(tmp_path / model)
    result = cli(
        "train", model, "--out", run, "--image-size", "16", "--batch-size", "8",
        "--latent-dim", "4", "--steps-per-epoch", "1", "--epochs", "1", "--quiet",
        "--model-arg", "generator_filters=4", "--model-arg", "discriminator_filters=4",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    header = open(os.path.join(run, "metrics.csv")).readline().strip().split(",")
    assert header[:3] == ["epoch", "d_loss", "g_loss"]
    assert json.load(open(os.path.join(run, "config.json")))["model"] == model


# One critic update per step: these tests check what the commands do with a conditional
# run, not the family's 5 critic updates (tests/models/test_cgan.py trains those), whose
# graph costs about four times as long to trace.
CGAN = [
    "--image-size", "16", "--batch-size", "10", "--latent-dim", "4", "--steps-per-epoch", "2",
    "--d-steps", "1",
    "--model-arg", "generator_filters=4", "--model-arg", "discriminator_filters=4", "--quiet",
]  # fmt: skip


@pytest.mark.slow
def test_conditional_run_sample_label_evaluate_interpolate(tmp_path):
    run = str(tmp_path / "cgan")
    result = cli("train", "cgan", "--epochs", "1", "--out", run, *CGAN)
    assert result.returncode == 0, result.stderr[-2000:]
    # the sample grid has one column per class: 80 images in 8 rows of 10 cells of 48 px
    grid = np.asarray(Image.open(os.path.join(run, "samples", "epoch_001.png")))
    assert grid.shape[:2] == (8 * 49 + 1, 10 * 49 + 1)

    base = str(tmp_path / "export" / "cgan")
    assert cli("export", run, "--to", base).returncode == 0
    a, b = str(tmp_path / "a.png"), str(tmp_path / "b.png")
    assert cli("sample", run, "--n", "4", "--label", "3", "--out", a).returncode == 0
    assert cli("sample", base, "--n", "4", "--label", "3", "--out", b).returncode == 0
    diff = np.asarray(Image.open(a)).astype(int) - np.asarray(Image.open(b)).astype(int)
    assert np.abs(diff).max() <= 2  # run and export draw the same images

    bad = cli("sample", run, "--label", "10")
    assert bad.returncode == 2 and "--label must be in [0, 9], got 10" in bad.stderr

    out = str(tmp_path / "eval.json")
    result = cli("evaluate", base, "--n", "50", "--json", out)
    assert result.returncode == 0, result.stderr[-2000:]
    for name in ("FID", "KID", "precision", "recall", "class coverage", "label accuracy"):
        assert name in result.stdout
    values = json.load(open(out))
    assert values["n"] == 50 and len(values["accuracy_per_class"]) == 10
    assert all(np.isfinite(values[k]) for k in ("fid", "kid", "precision", "recall", "coverage"))

    png, gif = str(tmp_path / "walk.png"), str(tmp_path / "walk.gif")
    result = cli("interpolate", run, "--rows", "2", "--steps", "5", "--label", "7",
                 "--out", png, "--gif", gif)  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    assert np.asarray(Image.open(png)).shape[:2] == (2 * 49 + 1, 5 * 49 + 1)
    frames = Image.open(gif)
    assert frames.n_frames == 2 * 5 - 2  # there and back


@pytest.mark.slow
def test_synthesize_from_a_run_and_an_export_then_score_it(tmp_path):
    run = str(tmp_path / "cgan")
    assert cli("train", "cgan", "--epochs", "1", "--out", run, *CGAN).returncode == 0
    base = str(tmp_path / "export")
    assert cli("export", run, "--to", base).returncode == 0
    out = str(tmp_path / "synthetic")
    result = cli("synthesize", run, "--per-class", "3", "--out", out, "--seed", "5")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "wrote 30 image(s) to" in result.stdout and "indices 0..2" in result.stdout
    manifest = json.load(open(os.path.join(out, "manifest.json")))
    assert manifest["source"] == {"path": os.path.abspath(run), "kind": "run", "epochs": 1}

    before = open(os.path.join(out, "3", "000000.png"), "rb").read()
    refused = cli("synthesize", run, "--per-class", "3", "--out", out)
    assert refused.returncode == 2 and "is not empty; synthesize never overwrites" in refused.stderr
    assert open(os.path.join(out, "3", "000000.png"), "rb").read() == before

    # an export appends: same seeds, numbering on, the manifest names the version
    result = cli("synthesize", base, "--per-class", "2", "--out", out, "--seed", "5", "--append")
    assert result.returncode == 0, result.stderr[-2000:]
    assert sorted(os.listdir(os.path.join(out, "3"))) == [f"00000{i}.png" for i in range(5)]
    manifest = json.load(open(os.path.join(out, "manifest.json")))
    assert manifest["per_class"] == 5 and manifest["batches"][1]["source"]["version"] == 1
    # the run and its export draw the same image for the same index
    again = str(tmp_path / "again")
    assert (
        cli("synthesize", base, "--per-class", "1", "--out", again, "--seed", "5").returncode == 0
    )
    a = np.asarray(Image.open(os.path.join(out, "3", "000000.png"))).astype(int)
    b = np.asarray(Image.open(os.path.join(again, "3", "000000.png"))).astype(int)
    assert np.abs(a - b).max() <= 2

    scores = str(tmp_path / "cas.json")
    result = cli("evaluate", run, "--metrics", "cas", "--n", "20", "--json", scores)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "CAS GAN-train" in result.stdout and "CAS real" in result.stdout
    values = json.load(open(scores))
    assert values["cas_real_on_real"] >= 0.95 and 0 <= values["cas_gan_train"] <= 1


@pytest.mark.slow
def test_evaluate_a_run_and_label_on_an_unconditional_model(tmp_path):
    run = str(tmp_path / "dcgan")
    result = cli(
        "train", "dcgan", "--out", run, "--image-size", "16", "--batch-size", "8",
        "--latent-dim", "4", "--steps-per-epoch", "1", "--epochs", "1", "--quiet",
        "--model-arg", "generator_filters=4", "--model-arg", "discriminator_filters=4",
        "--evaluate-every", "1",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    rows = list(csv.DictReader(open(os.path.join(run, "metrics.csv"))))
    assert len(rows) == 1 and float(rows[0]["fid"]) > 0 and 0 <= float(rows[0]["recall"]) <= 1
    result = cli("evaluate", run, "--n", "20", "--metrics", "fid,coverage")
    assert result.returncode == 0, result.stderr[-2000:]
    values = json.load(open(os.path.join(run, "evaluation.json")))
    assert set(values) >= {"fid", "coverage", "coverage_kl"} and "kid" not in values
    assert values["data"] == "digits" and values["reference"] == "digits train split (1438 images)"
    bad = cli("sample", run, "--label", "3")
    assert bad.returncode == 2
    assert bad.stderr.strip() == (
        "keras-gans: error: --label works only for conditional models (e.g. cgan)"
    )


def test_the_console_script_silences_tensorflow_log_lines_during_training(tmp_path):
    """TensorFlow's C++ log lines (``I0000 ... file.cc:31] ...``, grappler's "remapper
    failed" among them) stay out of a pix2pix run's output, with no log level set; and
    with no ``TF_ENABLE_ONEDNN_OPTS`` set, the run trains on TensorFlow's oneDNN kernels
    whatever the CPU (its config.json says so)."""
    import re

    unset = ("TF_CPP_MIN_LOG_LEVEL", "KERAS_GANS_DEBUG", "TF_ENABLE_ONEDNN_OPTS")
    env = {k: v for k, v in ENV.items() if k not in unset}
    result = console_script(
        "train", "pix2pix", "--image-size", "16", "--epochs", "1", "--steps-per-epoch", "2",
        "--out", str(tmp_path / "run"), "--quiet", env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    assert [line for line in result.stderr.splitlines() if re.search(r"\.cc:\d+\]", line)] == []
    assert json.load(open(tmp_path / "run" / "config.json"))["onednn"] is True


def test_the_cli_turns_onednn_on_unless_the_environment_says_otherwise():
    import keras_gans_cli

    environ = {}
    keras_gans_cli.environment_defaults(environ)
    assert environ == {"TF_ENABLE_ONEDNN_OPTS": "1"}
    environ = {"TF_ENABLE_ONEDNN_OPTS": "0"}
    keras_gans_cli.environment_defaults(environ)
    assert environ == {"TF_ENABLE_ONEDNN_OPTS": "0"}
