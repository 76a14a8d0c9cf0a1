"""The checks of each command's flags that need no model and no TensorFlow.

``keras_gans.cli.main`` runs ``FLAG_CHECKS[command]`` right after parsing, before its
``after_parsing`` hook (the console script imports TensorFlow there), so these errors
answer at once.
"""

import os

from keras_gans.cli.parser import CliError

# A sample grid holds at most this many images (32x32 cells: about 1,600 pixels a side
# at 48 pixels a cell); a latent walk at most this many walks and images per walk.
MAX_GRID_IMAGES = 1024
MAX_WALK = 64


def _positive(value, flag, at_most=None):
    if value is not None and value < 1:
        raise CliError(f"{flag} must be a positive integer, got {value}")
    if at_most is not None and value is not None and value > at_most:
        raise CliError(f"{flag} is at most {at_most} (one picture), got {value}")


def non_empty_path(value, flag):
    """``value`` unless it is an empty path."""
    if value is not None and not value.strip():
        raise CliError(f"{flag} must not be empty")
    return value


def _inside(path, folder):
    """True when ``path`` is ``folder`` or lies inside it."""
    path, folder = os.path.realpath(path), os.path.realpath(folder)
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _check_train_flags(args):
    """The flags' values, checked before TensorFlow is imported: a dataset name or an
    existing folder, and each run setting's rule (``runs.resolve.check_value``)."""
    from keras_gans.data.names import BUILTIN
    from keras_gans.data.photos import NAMES as PHOTO_NAMES
    from keras_gans.runs import resolve
    from keras_gans.runs import settings as run_settings

    builtin = (*BUILTIN, *PHOTO_NAMES)
    if args.data and args.data not in builtin and not args.data.startswith("tfds:"):
        if not os.path.isdir(args.data):
            raise CliError(f"--data {args.data}: no such dataset or folder")
    for setting in run_settings.SETTINGS:
        resolve.check_value(setting, getattr(args, setting.name))
    if args.precision and args.mixed_precision:
        raise CliError("give --precision or --mixed-precision, not both")
    resolve.check_tf_config(args.distribute)


def _check_translate(args):
    non_empty_path(args.out, "--out")
    if not os.path.exists(args.source):
        raise CliError(f"no such run or export: {args.source}")
    if _inside(args.out, args.in_dir):
        raise CliError(
            f"--out {args.out} is --in's folder or inside it; the translations would be written "
            f"over or among the input images: choose another folder"
        )


def _check_sample(args):
    _positive(args.n, "--n", at_most=MAX_GRID_IMAGES)
    non_empty_path(args.out, "--out")
    if os.path.isdir(args.out):
        raise CliError(
            f"--out {args.out} is a folder; give a file name such as {args.out}/grid.png"
        )
    if not 0 <= args.truncation <= 1:
        raise CliError(f"--truncation must be in [0, 1] (1: none), got {args.truncation}")


def _check_export(args):
    non_empty_path(args.to, "--to")
    if args.all:
        if args.run or args.version is not None:
            raise CliError("--all exports every run to its next version; drop RUN and --version")
        if not os.path.isdir(args.all):
            raise CliError(f"no such folder: {args.all}")
        return
    if not args.run:
        raise CliError("give a run folder, or --all RUNS_DIR")
    if not os.path.isdir(args.run):
        raise CliError(f"no such run folder: {args.run}")
    if args.format != "saved_model":
        if args.version is not None:
            raise CliError(f"--version applies to saved_model exports, not {args.format}")
        if os.path.exists(args.to):
            raise CliError(f"--to {args.to} exists; an export never overwrites: choose a new path")


def _check_evaluate(args):
    if args.n < 10:
        raise CliError(f"--n must be at least 10, got {args.n}")


def _check_synthesize(args):
    _positive(args.per_class, "--per-class")
    _positive(args.batch_size, "--batch-size")
    non_empty_path(args.out, "--out")
    if not 0 < args.truncation <= 1:
        raise CliError(f"--truncation must be in (0, 1] (1: none), got {args.truncation}")
    if not os.path.exists(args.source):
        raise CliError(f"no such run or export: {args.source}")
    if os.path.isfile(args.out):
        raise CliError(f"--out {args.out} is a file; synthesize writes a folder")
    if os.path.isdir(args.out) and os.listdir(args.out) and not args.append:
        raise CliError(
            f"--out {args.out} is not empty; synthesize never overwrites: choose a new folder, "
            f"or --append to add images to a folder it wrote"
        )


def _check_interpolate(args):
    for flag in ("rows", "steps"):
        _positive(getattr(args, flag), "--" + flag, at_most=MAX_WALK)
    non_empty_path(args.out, "--out")
    if args.steps < 2:
        raise CliError(f"--steps must be at least 2, got {args.steps}")


FLAG_CHECKS = {
    "train": _check_train_flags,
    "sample": _check_sample,
    "export": _check_export,
    "evaluate": _check_evaluate,
    "interpolate": _check_interpolate,
    "translate": _check_translate,
    "synthesize": _check_synthesize,
}
