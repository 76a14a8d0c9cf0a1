"""Bad inputs: each gives one sentence naming the problem, and nothing is lost."""

import os

import keras
import numpy as np
import pytest
import tensorflow as tf
from PIL import Image

import keras_gans
from keras_gans.errors import ArgumentError, DataError, ExportError
from tests.helpers import run_cli_cases
from tests.models.test_cgan import tiny_cgan
from tests.models.test_dcgan import tiny_dcgan
from tests.reliability.table import record

RNG = np.random.RandomState(0)
GOOD = RNG.uniform(-1, 1, (8, 16, 16, 1)).astype("float32")


@pytest.fixture(scope="module")
def dcgan():
    gan = tiny_dcgan()
    gan.compile()
    return gan


def weights(model):
    return [w.numpy().copy() for w in model.weights]


FIT_CASES = [
    ("uint8 images (0..255) fed directly", (GOOD * 127.5 + 127.5).astype(np.uint8),
     r"The images are uint8 \(0\.\.255\) but DCGAN expects float images in \[-1, 1\]"),
    ("float images in [0, 255]", (GOOD * 127.5 + 127.5).astype(np.float32),
     r"The images range over \[.*\] but DCGAN expects \[-1, 1\]"),
    ("images without a channel axis", GOOD[..., 0],
     r"have shape \(16, 16\) per example but DCGAN expects \(16, 16, 1\)"),
    ("3-channel images for a 1-channel model", np.repeat(GOOD, 3, axis=-1),
     r"have shape \(16, 16, 3\) per example but DCGAN expects \(16, 16, 1\)"),
    ("images of another size", GOOD[:, :8, :8],
     r"have shape \(8, 8, 1\) per example but DCGAN expects \(16, 16, 1\)"),
    ("an empty array", GOOD[:0], r"The data is empty: there are no images to train on"),
    ("an empty tf.data.Dataset", tf.data.Dataset.from_tensor_slices(GOOD[:0]).batch(4),
     r"The dataset is empty: it yielded no batch"),
    ("NaN in the images", np.where(GOOD > 0.9, np.nan, GOOD).astype(np.float32),
     r"The images contain NaN or infinite values"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "data", "message"), FIT_CASES, ids=[c[0] for c in FIT_CASES])
def test_fit_rejects_bad_images_before_training(dcgan, case, data, message):
    before = weights(dcgan)
    with pytest.raises(DataError, match=message) as info:
        dcgan.fit(data, batch_size=4, epochs=1, verbose=0)
    for a, b in zip(before, weights(dcgan), strict=True):
        np.testing.assert_array_equal(a, b)
    assert "\n" not in str(info.value)
    record("fit data", case, f"DataError before any step, weights unchanged: {info.value}")


def test_image_size_the_network_cannot_take():
    with pytest.raises(ArgumentError, match="even and at least 8, got 9x9") as info:
        tiny_dcgan(image_shape=(9, 9, 1))
    record("model", "DCGAN with 9x9 images", f"ArgumentError at construction: {info.value}")


LABEL_CASES = [
    ("cgan labels out of range (12 with 10 classes)", (GOOD, np.array([0, 1, 2, 3, 4, 5, 6, 12])),
     r"Labels must lie in \[0, 9\] for ConditionalGAN with num_classes=10; the data has "
     r"labels from 0 to 12"),
    ("cgan given images without labels", GOOD,
     r"ConditionalGAN trains on \(images, labels\) batches but got images only"),
    ("cgan given fewer labels than images", (GOOD, np.arange(4)),
     r"The data has 8 images but 4 labels"),
    ("cgan given float labels 0.5", (GOOD, np.full(8, 0.5)), r"Labels must be integer class ids"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "data", "message"), LABEL_CASES, ids=[c[0] for c in LABEL_CASES])
def test_conditional_fit_rejects_bad_labels(case, data, message):
    cgan = tiny_cgan()
    cgan.compile()
    with pytest.raises(DataError, match=message) as info:
        cgan.fit(data, batch_size=4, epochs=1, verbose=0)
    assert int(cgan.g_optimizer.iterations.numpy()) == 0
    record("fit data", case, f"DataError before any step: {info.value}")


def test_folder_with_corrupt_and_non_image_files(tmp_path):
    folder = tmp_path / "imgs"
    folder.mkdir()
    for i in range(3):
        Image.fromarray(RNG.randint(0, 255, (12, 12, 3), dtype=np.uint8)).save(folder / f"{i}.png")
    (folder / "broken.png").write_bytes(b"not a png at all")
    (folder / "notes.txt").write_text("hello")
    with pytest.warns(keras_gans.KerasGansWarning, match=r"Skipped 1 unreadable image file") as w:
        images, _, _ = keras_gans.data.folder_arrays(str(folder), 8)
    assert images.shape == (3, 8, 8, 3) and len(w) == 1
    record(
        "data",
        "a folder with 3 images, a corrupt .png and a .txt",
        "3 images loaded; one KerasGansWarning: Skipped 1 unreadable image file(s) "
        "(names the first); the .txt is not an image extension and is ignored",
    )
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.txt").write_text("hello")
    with pytest.raises(DataError) as info:
        keras_gans.data.load(str(empty))
    message = str(info.value).replace(str(empty), "DIR")
    record("data", "a folder with no image file", f"DataError: {message}")


def test_export_destinations_that_cannot_be_written(tmp_path, dcgan):
    (tmp_path / "file").write_text("x")
    with pytest.raises(ExportError, match="is a file, not a folder") as info:
        keras_gans.export.save_generator(dcgan, str(tmp_path / "file"), allow_untrained=True)
    record(
        "export",
        "export path that is a file",
        "ExportError: " + str(info.value).replace(str(tmp_path), "TMP"),
    )
    with pytest.raises(ExportError, match="Cannot create export folder") as info:
        keras_gans.export.save_generator(dcgan, str(tmp_path / "file" / "m"), allow_untrained=True)
    record(
        "export",
        "export path under a file",
        "ExportError: " + str(info.value).replace(str(tmp_path), "TMP"),
    )
    if os.geteuid() != 0:  # root may write anywhere
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        with pytest.raises(ExportError, match="is not writable"):
            keras_gans.export.save_generator(dcgan, str(locked), allow_untrained=True)


def test_export_of_an_untrained_model_and_a_path_that_is_no_saved_model(tmp_path, dcgan):
    with pytest.raises(ExportError, match="has not been trained") as info:
        keras_gans.export.save_generator(dcgan, str(tmp_path / "m"))
    record("export", "exporting a model with 0 generator updates", f"ExportError: {info.value}")
    unbuilt = keras_gans.models.AdversarialModel(
        keras.Sequential([keras.layers.Dense(64), keras.layers.Reshape((8, 8, 1))]),
        keras.Sequential([keras.layers.Flatten(), keras.layers.Dense(1)]),
        latent_dim=4,
    )
    with pytest.raises(ExportError, match="The generator is not built") as info:
        keras_gans.export.save_generator(unbuilt, str(tmp_path / "u"), allow_untrained=True)
    record(
        "export", "exporting a model whose generator was never built", f"ExportError: {info.value}"
    )
    with pytest.raises(ExportError, match="not a SavedModel nor a folder of numbered versions"):
        keras_gans.export.resolve_saved_model(str(tmp_path))
    record(
        "export",
        "loading a folder that is not a SavedModel",
        "ExportError: ... is not a SavedModel nor a folder of numbered versions.",
    )


CLI_CASES = [
    ("train with --data pointing to a missing folder", ["train", "dcgan", "--data", "/no/dir"]),
    ("train with --epochs 0", ["train", "dcgan", "--epochs", "0"]),
    ("train with --lr -1", ["train", "dcgan", "--lr", "-1"]),
    ("train dcgan with 9x9 images", ["train", "dcgan", "--image-size", "9", "--out", "run9"]),
    ("sample from a folder that is neither run nor export", ["sample", "/"]),
    ("evaluate with an unknown metric", ["evaluate", "/", "--metrics", "fid,inception"]),
    ("a model-arg the run sets itself", ["train", "dcgan", "--model-arg", "latent_dim=5"]),
    ("a model-arg image_shape", ["train", "dcgan", "--model-arg", "image_shape=[32,32,3]"]),
    ("a model-arg seed", ["train", "dcgan", "--model-arg", "seed=3"]),
    ("a model-arg the model does not take", ["train", "dcgan", "--model-arg", "filters=8"]),
    ("a model-arg string for an int", ["train", "dcgan", "--model-arg", 'generator_filters="8"']),
    ("a model-arg word for an int", ["train", "dcgan", "--model-arg", "generator_filters=eight"]),
    ("a model-arg float for an int", ["train", "dcgan", "--model-arg", "generator_filters=8.5"]),
    ("train with an empty --out", ["train", "dcgan", "--out", ""]),
    ("train with --seed -1", ["train", "dcgan", "--seed", "-1"]),
    ("sample with --seed -1", ["sample", "/", "--seed", "-1"]),
    ("sample with --n 100000", ["sample", "/", "--n", "100000"]),
    ("interpolate with --steps 2000", ["interpolate", "/", "--steps", "2000"]),
    ("translate into the input folder", ["translate", "/", "--in", ".", "--out", "."]),
    ("translate into a folder inside the input", ["translate", "/", "--in", ".", "--out", "out"]),
    ("synthesize with --per-class 0", ["synthesize", "/", "--per-class", "0", "--out", "s"]),
    ("synthesize into a folder with files", ["synthesize", "/", "--per-class", "1", "--out", "/"]),
    ("synthesize with --truncation 0", ["synthesize", "/", "--per-class", "1", "--out", "s", "--truncation", "0"]),
    ("synthesize from a folder that is neither run nor export", ["synthesize", "/", "--per-class", "1", "--out", "s"]),
    ("train with --precision and --mixed-precision", ["train", "dcgan", "--precision", "auto", "--mixed-precision"]),
]  # fmt: skip


@pytest.fixture(scope="module")
def cli_results(tmp_path_factory):
    """``{case: (folder, (exit status, stderr))}``: every case in one process (the
    console script itself is tested in tests/cli/test_errors.py), each in its own empty folder."""
    folders = [tmp_path_factory.mktemp("cli_case") for _ in CLI_CASES]
    results = run_cli_cases([args for _, args in CLI_CASES], folders)
    cases = [case for case, _ in CLI_CASES]
    return dict(zip(cases, zip(folders, results, strict=True), strict=True))


@pytest.mark.parametrize(("case", "args"), CLI_CASES, ids=[c[0] for c in CLI_CASES])
def test_cli_bad_input_is_one_line_without_traceback(case, args, cli_results):
    folder, (code, stderr) = cli_results[case]
    assert os.listdir(folder) == []  # nothing written (no half-made run folder)
    assert code == 2, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("keras-gans: error: "), stderr
    assert "Traceback" not in stderr
    record("CLI", f"`keras-gans {' '.join(args)}`", f"exit 2, one line: {lines[0]}")


PAIR_A = RNG.uniform(-1, 1, (8, 16, 16, 1)).astype("float32")
PAIR_B = RNG.uniform(-1, 1, (8, 16, 16, 3)).astype("float32")
PIX2PIX_CASES = [
    ("unpaired sets of different sizes", (PAIR_A, PAIR_B[:6]),
     r"Pix2Pix needs aligned pairs, but got 8 inputs and 6 targets; for unpaired sets use "
     r"CycleGAN"),
    ("one image set instead of pairs", (PAIR_A, None),
     r"Pix2Pix trains on \(inputs, targets\) batches but got one set of images"),
    ("targets with the wrong channel count", (PAIR_A, PAIR_A),
     r"The data's targets have shape \(16, 16, 1\) per example but Pix2Pix expects "
     r"\(16, 16, 3\)"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("case", "data", "message"), PIX2PIX_CASES, ids=[c[0] for c in PIX2PIX_CASES]
)
def test_pix2pix_refuses_unpaired_data(case, data, message):
    from tests.models.test_pix2pix import tiny_pix2pix

    model = tiny_pix2pix()
    model.compile()
    before = weights(model)
    a, b = data
    x = tf.data.Dataset.from_tensors((a, b)) if b is not None else a
    with pytest.raises(DataError, match=message) as info:
        model.fit(x, epochs=1, verbose=0)
    for w0, w1 in zip(before, weights(model), strict=True):
        np.testing.assert_array_equal(w0, w1)
    assert "\n" not in str(info.value)
    record("pix2pix data", case, f"DataError before any step, weights unchanged: {info.value}")


def test_translate_folder_skips_bad_files_and_writes_the_good_ones(tmp_path):
    from keras_gans.cli.translate_files import translate_folder
    from tests.models.test_pix2pix import tiny_pix2pix

    model = tiny_pix2pix()
    src = tmp_path / "in"
    os.makedirs(src)
    Image.fromarray(RNG.randint(0, 255, (16, 16), dtype=np.uint8)).save(src / "good.png")
    (src / "corrupt.jpg").write_bytes(b"\xff\xd8\xff\xe0 truncated jpeg")
    Image.new("L", (20, 16)).save(src / "wide.png")
    (src / "notes.txt").write_text("not an image")
    written, bad = translate_folder(model, str(src), str(tmp_path / "out"))
    assert [os.path.basename(p) for p in written] == ["good.png"]
    reasons = {os.path.basename(f): r for f, r in bad}
    assert reasons == {
        "corrupt.jpg": "cannot be read as an image (corrupt or truncated)",
        "wide.png": "is 20x16, the model takes 16x16",
        "notes.txt": "not an image file (.png, .jpg, .jpeg, .bmp, .gif, .webp)",
    }
    out = np.asarray(Image.open(written[0]))
    expected = keras_gans.utils.images.to_uint8(
        model.translate(
            np.asarray(Image.open(src / "good.png"), np.float32)[None, ..., None] / 127.5 - 1
        )
    )[0]
    assert np.abs(out.astype(int) - expected.astype(int)).max() <= 1
    for name, reason in sorted(reasons.items()):
        record(
            "translate",
            f"{name.split('.')[0]} file in the input folder",
            f"skipped and named with its reason ({reason}); the good image is written",
        )


@pytest.mark.slow
def test_cli_resume_refusals_and_damaged_run_folders(tmp_path):
    """What a resume cannot do is refused, naming the setting or the file; nothing is lost."""
    import csv
    import shutil

    from tests.cli.common import TINY

    run = str(tmp_path / "run")
    [(code, stderr)] = run_cli_cases(
        [["train", "gan", "--epochs", "2", "--out", run, *TINY]], tmp_path
    )
    assert code == 0, stderr
    broken = str(tmp_path / "broken")
    shutil.copytree(run, broken)
    with open(os.path.join(broken, "checkpoints", "state.json"), "r+") as f:
        f.truncate(10)
    cut = str(tmp_path / "cut")
    shutil.copytree(run, cut)
    with open(os.path.join(cut, "checkpoints", "last.keras"), "r+") as f:
        f.truncate(100)
    tiny8 = [a if a != "16" else "8" for a in TINY]  # --batch-size 8 instead of 16
    cases = [
        ("resume with fewer --epochs than trained", ["train", "gan", "--epochs", "1", "--out", run, *TINY],
         f"--epochs 1: {run} has already trained 2 epochs; give --epochs above 2"),
        ("resume with another --batch-size", ["train", "gan", "--epochs", "4", "--out", run, *tiny8],
         f"--batch-size 8: {run} was trained with 16, which a resumed run keeps"),
        ("resume with another --model-arg", ["train", "gan", "--out", run, *TINY, "--model-arg",
         "discriminator_hidden_units=[8]"], "--model-arg discriminator_hidden_units=[8]"),
        ("sample --out an existing folder", ["sample", run, "--out", str(tmp_path)],
         f"--out {tmp_path} is a folder; give a file name such as {tmp_path}/grid.png"),
        ("a run whose checkpoints/state.json was cut short", ["sample", broken, "--out", "b.png"],
         f"{broken}/checkpoints/state.json is not valid JSON"),
        ("a run whose checkpoints/last.keras was cut short", ["sample", cut, "--out", "c.png"],
         f"{cut}/checkpoints/last.keras exists but is not a readable .keras file"),
    ]  # fmt: skip
    results = run_cli_cases([args for _, args, _ in cases], tmp_path)
    for (case, _, message), (code, stderr) in zip(cases, results, strict=True):
        lines = stderr.strip().splitlines()
        assert code == 2 and len(lines) == 1 and message in lines[0], (case, stderr)
        shown = lines[0].replace(str(tmp_path), "TMP")
        record("CLI", case, f"exit 2, one line: {shown}")
    rows = list(csv.reader(open(os.path.join(run, "metrics.csv"))))
    assert [r[0] for r in rows[1:]] == ["1", "2"]  # the run itself is untouched
    assert not os.path.exists(tmp_path / "b.png") and not os.path.exists(tmp_path / "c.png")


PARSE_ONLY_CASES = [
    (["--help"], 0),
    (["train", "dcgan", "--epochs", "0"], 2),
    (["synthesize", "/", "--per-class", "0", "--out", "s"], 2),
]


@pytest.mark.parametrize(
    ("argv", "status"), PARSE_ONLY_CASES, ids=[" ".join(a) for a, _ in PARSE_ONLY_CASES]
)
def test_help_and_argument_errors_answer_before_tensorflow_is_imported(argv, status):
    from tests.helpers import run_program

    result = run_program("cli_parse_only", {"argv": argv}, fresh=True)
    assert result == {"status": status, "tensorflow": False}
    record(
        "CLI",
        f"`keras-gans {' '.join(argv)}` in a fresh process",
        f"exit {status} with TensorFlow not imported (the console script parses first)",
    )
