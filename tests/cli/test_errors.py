"""Bad input is one line and exit code 2; a bug shows its traceback; help and argument
errors never import TensorFlow."""

import json
import os

import pytest

from tests.cli.common import cli, console_script
from tests.helpers import run_cli_cases

BAD_INPUT = [
    (
        ["train", "nosuchgan"],
        "Unknown model 'nosuchgan'; choose from ['cgan', 'cyclegan', 'dcgan', 'gan', 'pix2pix', 'stylegan2', 'wgan', 'wgan-gp']",
    ),
    (["sample", "/no/such/path"], "no such run or export: /no/such/path"),
    (["export", "/no/such/run", "--to", "x"], "no such run folder: /no/such/run"),
    (
        ["train", "gan", "--epochs", "0"],
        "--epochs must be a positive integer, got 0",
    ),
    (
        ["train", "gan", "--data", "/no/such/dir"],
        "--data /no/such/dir: no such dataset or folder",
    ),
    (
        ["train", "gan", "--epochs", "many"],
        "argument --epochs: invalid int value: 'many'",
    ),
    (["frobnicate"], "argument command: invalid choice: 'frobnicate'"),
    (["evaluate", "/no/such/run"], "no such run or export: /no/such/run"),
    (["evaluate", "x", "--metrics", "fid,is"], "Unknown metric 'is'; choose from ['fid'"),
    (["evaluate", "x", "--n", "3"], "--n must be at least 10, got 3"),
    (["interpolate", "x", "--steps", "1"], "--steps must be at least 2, got 1"),
    (["interpolate", "x", "--method", "cubic"], "argument --method: invalid choice"),
    (["interpolate", "/no/such/run"], "no such run or export: /no/such/run"),
    (
        ["synthesize", "x", "--per-class", "0", "--out", "o"],
        "--per-class must be a positive integer, got 0",
    ),
    (
        ["synthesize", "/no/such/run", "--per-class", "1", "--out", "o"],
        "no such run or export: /no/such/run",
    ),
    (
        ["synthesize", "x", "--per-class", "1", "--out", "o", "--truncation", "1.5"],
        "--truncation must be in (0, 1] (1: none), got 1.5",
    ),
    (["synthesize", "x", "--out", "o"], "the following arguments are required: --per-class"),
    (["train", "dcgan", "--precision", "fp8"], "argument --precision: invalid choice: 'fp8'"),
    (
        ["train", "dcgan", "--precision", "auto", "--mixed-precision"],
        "give --precision or --mixed-precision, not both",
    ),
]


@pytest.fixture(scope="module")
def bad_input_results(tmp_path_factory):
    # One process for every case (the console script's own start-up is tested below).
    return run_cli_cases([args for args, _ in BAD_INPUT], tmp_path_factory.mktemp("cli"))


@pytest.mark.parametrize("case", range(len(BAD_INPUT)), ids=[" ".join(a) for a, _ in BAD_INPUT])
def test_bad_input_prints_one_line_and_exits_2(case, bad_input_results):
    message = BAD_INPUT[case][1]
    code, stderr = bad_input_results[case]
    assert code == 2, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("keras-gans: error: ") and message in lines[0]
    assert "Traceback" not in stderr


def test_the_console_script_reports_bad_input_in_one_line():
    result = console_script("train", "nosuchgan")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        "keras-gans: error: Unknown model 'nosuchgan'; choose from ['cgan', 'cyclegan', "
        "'dcgan', 'gan', 'pix2pix', 'stylegan2', 'wgan', 'wgan-gp']"
    ]


def test_evaluate_a_run_of_data_the_protocol_does_not_cover_is_one_line(tmp_path):
    run = tmp_path / "folder-run"
    run.mkdir()
    (run / "config.json").write_text(json.dumps({"model": "dcgan", "data": "my_faces/"}))
    bad = cli("evaluate", str(run))
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert "evaluation protocol covers ['digits', 'mnist'], not 'my_faces/'" in bad.stderr


def test_a_planted_internal_error_shows_its_traceback_and_exits_1(monkeypatch, capsys):
    from keras_gans import cli as cli_lib

    def broken(args):
        return {}["no such key"]  # a bug, not a user error

    monkeypatch.setitem(cli_lib.COMMANDS, "list", broken)
    assert cli_lib.main(["list"]) == 1
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err and "KeyError: 'no such key'" in err
    assert (
        err.strip()
        .splitlines()[-1]
        .startswith("keras-gans: internal error (KeyError): this is a bug in keras_gans")
    )


def test_a_user_error_raised_anywhere_is_one_line_and_exit_2(monkeypatch, capsys):
    import keras_gans
    from keras_gans import cli as cli_lib

    def bad_input(args):
        raise keras_gans.errors.ArgumentError("latent_dim must be a positive int, got 0.")

    monkeypatch.setitem(cli_lib.COMMANDS, "list", bad_input)
    assert cli_lib.main(["list"]) == 2
    err = capsys.readouterr().err
    assert err == "keras-gans: error: latent_dim must be a positive int, got 0.\n"


def test_every_bare_value_error_of_the_package_is_a_keras_gans_error():
    import ast

    from tests.helpers import ROOT

    # Internal control flow that is caught where it is raised may stay a ValueError.
    caught_here = {"cli/translate_files.py", "data/pairs.py"}
    bare = []
    for folder, _, files in os.walk(os.path.join(ROOT, "keras_gans")):
        for name in files:
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, os.path.join(ROOT, "keras_gans"))
            if not name.endswith(".py") or rel in caught_here:
                continue
            for node in ast.walk(ast.parse(open(path).read())):
                if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
                    if getattr(node.exc.func, "id", None) == "ValueError":
                        bare.append(f"{rel}:{node.lineno}")
    assert bare == []


def test_subcommand_help_shows_the_defaults(capsys):
    from keras_gans.cli.parser import build_parser

    for command, expected in [
        ("sample", ["images in the grid (at most 1024) (default: 64)", "(default: samples.png)"]),
        ("train", ["images per step (default: the model family's, see docs/cli.md)"]),
        ("interpolate", ["(default: slerp)", "images per walk (2 to 64) (default: 8)"]),
    ]:
        with pytest.raises(SystemExit) as exit_info:
            build_parser().parse_args([command, "--help"])
        assert exit_info.value.code == 0
        text = " ".join(capsys.readouterr().out.split())
        for phrase in expected:
            assert phrase in text, (command, phrase)


@pytest.mark.parametrize(
    "argv, status, tensorflow",
    [
        (["--help"], 0, False),
        (["train", "--help"], 0, False),
        (["frobnicate"], 2, False),
        (["train", "gan", "--epochs", "0"], 2, False),
        (["sample", "x", "--n", "0"], 2, False),
        (["export", "x", "--to", ""], 2, False),
        (["evaluate", "x", "--n", "3"], 2, False),
        (["interpolate", "x", "--steps", "1"], 2, False),
        (["translate", "x", "--in", "a", "--out", "a/b"], 2, False),
        (["synthesize", "x", "--per-class", "0", "--out", "o"], 2, False),
        (["train", "dcgan", "--distribute", "multi-worker"], 2, False),  # no TF_CONFIG
        (["list"], 0, True),  # a command that runs needs TensorFlow: the probe sees it
    ],
)
def test_help_and_argument_errors_do_not_import_tensorflow(argv, status, tensorflow):
    from tests.helpers import run_program

    assert run_program("cli_parse_only", {"argv": argv}, fresh=True) == {
        "status": status,
        "tensorflow": tensorflow,
    }
