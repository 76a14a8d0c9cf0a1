"""The ``keras-gans`` argument parser: every subcommand and its flags."""

import argparse

from keras_gans.runs.resolve import parse_key_value


class CliError(Exception):
    """A user error found by the CLI itself."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        raise CliError(message)


def _seed(text):
    """A ``--seed`` value: the same rule as ``train --seed`` (a non-negative integer)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid int value: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be a non-negative integer, got {value}")
    return value


class _HelpFormatter(argparse.HelpFormatter):
    """Shows each flag's default in its help (settings whose default is the model's say so)."""

    def _get_help_string(self, action):
        text = action.help or ""
        if "(default" in text or action.default in (None, False, argparse.SUPPRESS):
            return text
        return f"{text} (default: {action.default})"


def _key_value(text):
    try:
        return parse_key_value(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def _setting_help(setting):
    """The flag's help with its default: the common one, or where families differ,
    the family's (``keras-gans list`` and docs/cli.md give them)."""
    from keras_gans.runs.model_defaults import MODEL_DEFAULTS

    if setting.type is bool or setting.type == "key=value":
        return setting.help
    if any(setting.name in d for d in MODEL_DEFAULTS.values()):
        return f"{setting.help} (default: the model family's, see docs/cli.md)"
    if setting.default is None:
        return setting.help
    return f"{setting.help} (default: {setting.default})"


def add_setting_flags(parser, settings):
    """One flag per run ``Setting`` (``keras_gans.runs.settings.SETTINGS``); each
    defaults to None (not given), so the run's defaults stay in one place."""
    for setting in settings:
        kwargs = {"help": _setting_help(setting), "default": None, "dest": setting.name}
        if setting.type is bool:
            kwargs["action"] = "store_true"
        elif setting.type == "key=value":
            kwargs.update(type=_key_value, action="append")
        else:
            kwargs["type"] = setting.type
        if setting.choices is not None:
            kwargs["choices"] = setting.choices
        if setting.metavar:
            kwargs["metavar"] = setting.metavar
        parser.add_argument(setting.cli_flag, **kwargs)


def _with_formatter(add_parser):
    def add(*args, **kwargs):
        return add_parser(*args, formatter_class=_HelpFormatter, **kwargs)

    return add


def build_parser():
    from keras_gans.runs import settings

    parser = _Parser(prog="keras-gans", description="Train, sample and export GANs.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    sub.add_parser = _with_formatter(sub.add_parser)

    sub.add_parser("list", help="list the model families")

    train = sub.add_parser("train", help="train a model into a run folder (resumable)")
    train.add_argument("model", help="model family (see `keras-gans list`)")
    add_setting_flags(train, settings.SETTINGS)
    train.add_argument("--out", help="run folder (default runs/MODEL)")
    train.add_argument("--quiet", action="store_true", help="no per-epoch log lines")

    sample = sub.add_parser("sample", help="write a grid of samples from a run or an export")
    sample.add_argument("source", help="run folder, export base folder or version folder")
    sample.add_argument("--n", type=int, default=64, help="images in the grid (at most 1024)")
    sample.add_argument("--seed", type=_seed, default=0, help="seed of the first image")
    sample.add_argument("--out", default="samples.png", help="the grid's PNG file")
    sample.add_argument("--label", type=int, help="class to draw (conditional models)")
    sample.add_argument(
        "--truncation",
        type=float,
        default=1.0,
        help="stylegan2: truncation psi in [0, 1], pulling w towards its average "
        "(1: none; 0.5-0.7: more typical, less varied)",
    )

    export = sub.add_parser("export", help="export a run's generator for TF Serving")
    export.add_argument("run", nargs="?", help="run folder")
    export.add_argument(
        "--all", metavar="RUNS_DIR", help="export every run folder in RUNS_DIR, write models.config"
    )
    export.add_argument(
        "--to", required=True, help="model base folder (with --all: the models folder)"
    )
    export.add_argument("--version", type=int, help="version folder (default: the next one)")
    export.add_argument(
        "--format",
        choices=("saved_model", "onnx", "litert", "openvino"),
        default="saved_model",
        help="saved_model: TF Serving's versioned folder under --to; onnx, litert, openvino: "
        "Keras' export of the generator to the file --to",
    )
    export.add_argument(
        "--config-base",
        default="/models",
        help="with --all: the models folder as the server sees it (default /models)",
    )

    evaluate = sub.add_parser("evaluate", help="FID, KID, precision/recall, class coverage")
    evaluate.add_argument("source", help="run folder, export base folder or version folder")
    evaluate.add_argument(
        "--metrics",
        default="fid,kid,pr,coverage",
        help="comma-separated metric names: fid, kid, pr, coverage, and cas (conditional "
        "models: classification accuracy scores)",
    )
    evaluate.add_argument("--n", type=int, default=1000, help="generated images")
    evaluate.add_argument("--seed", type=_seed, default=0, help="seed of the first image")
    evaluate.add_argument(
        "--data",
        choices=("digits", "mnist"),
        help="the reference data and classifier (default: the run's --data, else digits)",
    )
    evaluate.add_argument("--json", help="result file (default: SOURCE/evaluation.json)")

    translate = sub.add_parser(
        "translate", help="translate a folder of images with a pix2pix or cyclegan run/export"
    )
    translate.add_argument("source", help="run folder, export base folder or version folder")
    translate.add_argument("--in", dest="in_dir", required=True, help="folder of input images")
    translate.add_argument("--out", required=True, help="folder for the translated PNGs")
    translate.add_argument(
        "--direction", choices=("a2b", "b2a"), default="a2b", help="cyclegan: which generator"
    )

    synth = sub.add_parser(
        "synthesize", help="write generated images as a labelled image folder (DIR/<class>/)"
    )
    synth.add_argument("source", help="run folder, export base folder or version folder")
    synth.add_argument(
        "--per-class", type=int, required=True, help="images per class (unconditional: in all)"
    )
    synth.add_argument("--out", required=True, help="the folder (new or empty, unless --append)")
    synth.add_argument("--seed", type=_seed, default=0, help="image k of a class uses seed + k")
    synth.add_argument(
        "--truncation",
        type=float,
        default=1.0,
        help="scale the noise towards its mean by this factor in (0, 1]; 1: none",
    )
    synth.add_argument(
        "--append", action="store_true", help="add images to a folder synthesize wrote"
    )
    synth.add_argument("--batch-size", type=int, default=256, help="images per generator call")

    walk = sub.add_parser("interpolate", help="latent walks between random points, as PNG/GIF")
    walk.add_argument("source", help="run folder, export base folder or version folder")
    walk.add_argument("--out", default="walk.png", help="the walks' PNG grid")
    walk.add_argument("--gif", help="also write an animated GIF of the walks")
    walk.add_argument("--rows", type=int, default=4, help="number of walks (at most 64)")
    walk.add_argument("--steps", type=int, default=8, help="images per walk (2 to 64)")
    walk.add_argument(
        "--method", choices=("slerp", "lerp"), default="slerp", help="path between end points"
    )
    walk.add_argument("--seed", type=_seed, default=0, help="seed of the walks' end points")
    walk.add_argument("--label", type=int, help="class of every image (conditional models)")
    return parser
