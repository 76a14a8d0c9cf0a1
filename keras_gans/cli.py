"""The ``keras-gans`` command.

    keras-gans list
    keras-gans train dcgan --data digits --epochs 20 --out runs/dcgan
    keras-gans sample runs/dcgan --n 64 --out grid.png
    keras-gans export runs/dcgan --to export/models/dcgan

Every error a user can cause prints one line (``keras-gans: error: ...``) and
exits with status 2; set ``KERAS_GANS_DEBUG=1`` to see the traceback instead.
"""

import argparse
import json
import os
import sys


class CliError(Exception):
    """A user error found by the CLI itself."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        raise CliError(message)


def _model_arg(text):
    key, sep, value = text.partition("=")
    if not sep or not key.isidentifier():
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE, got {text!r}")
    try:
        return key, json.loads(value)
    except json.JSONDecodeError:
        return key, value


def build_parser():
    parser = _Parser(prog="keras-gans", description="Train, sample and export GANs.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    sub.add_parser("list", help="list the model families")

    train = sub.add_parser("train", help="train a model into a run folder (resumable)")
    train.add_argument("model", help="model family (see `keras-gans list`)")
    train.add_argument("--data", help="digits (default), tfds:<name> or an image folder")
    train.add_argument("--epochs", type=int)
    train.add_argument("--batch-size", type=int)
    train.add_argument("--image-size", type=int)
    train.add_argument("--latent-dim", type=int)
    train.add_argument("--seed", type=int)
    train.add_argument("--steps-per-epoch", type=int)
    train.add_argument("--out", help="run folder (default runs/MODEL)")
    train.add_argument(
        "--model-arg",
        type=_model_arg,
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="constructor argument of the model (JSON value), repeatable",
    )
    train.add_argument("--quiet", action="store_true", help="no per-epoch log lines")

    sample = sub.add_parser("sample", help="write a grid of samples from a run or an export")
    sample.add_argument("source", help="run folder, export base folder or version folder")
    sample.add_argument("--n", type=int, default=64)
    sample.add_argument("--seed", type=int, default=0)
    sample.add_argument("--out", default="samples.png")

    export = sub.add_parser("export", help="export a run's generator for TF Serving")
    export.add_argument("run", help="run folder")
    export.add_argument("--to", required=True, help="model base folder, e.g. export/models/dcgan")
    export.add_argument("--version", type=int)
    return parser


def _cmd_list(args):
    from keras_gans import models

    for name in models.names():
        doc = (models.get(name).__doc__ or "").strip().splitlines()[0]
        print(f"{name:10s} {doc}")
    return 0


def _positive(value, flag):
    if value is not None and value < 1:
        raise CliError(f"{flag} must be a positive integer, got {value}")


def _cmd_train(args):
    for flag in ("epochs", "batch_size", "image_size", "latent_dim", "steps_per_epoch"):
        _positive(getattr(args, flag), "--" + flag.replace("_", "-"))
    if args.data and args.data not in ("digits",) and not args.data.startswith("tfds:"):
        if not os.path.isdir(args.data):
            raise CliError(f"--data {args.data}: no such dataset or folder")
    from keras_gans import runs

    settings = runs.run_settings(
        args.model,
        data=args.data,
        epochs=args.epochs,
        batch_size=args.batch_size,
        image_size=args.image_size,
        latent_dim=args.latent_dim,
        seed=args.seed,
        steps_per_epoch=args.steps_per_epoch,
        model_args=dict(args.model_arg),
    )
    out = args.out or os.path.join("runs", settings["model"])
    runs.train(out, settings, verbose=0 if args.quiet else 2)
    print(f"run folder: {out} ({runs.finished_epochs(out)} epochs)")
    return 0


def _cmd_sample(args):
    if not os.path.exists(args.source):
        raise CliError(f"no such run or export: {args.source}")
    _positive(args.n, "--n")
    from keras_gans import runs
    from keras_gans.images import save_grid

    if os.path.isfile(os.path.join(args.source, runs.CONFIG)):
        images = runs.load_run_model(args.source).generate(args.n, seed=args.seed)
    else:
        import numpy as np
        import tensorflow as tf

        from keras_gans.export import resolve_saved_model

        loaded = tf.saved_model.load(resolve_saved_model(args.source))
        if "sample" not in loaded.signatures:
            raise CliError(f"{args.source} has no 'sample' signature")
        seeds = tf.range(args.seed, args.seed + args.n, dtype=tf.int64)
        uint8 = loaded.signatures["sample"](seed=seeds)["images_uint8"].numpy()
        images = uint8.astype(np.float32) / 127.5 - 1.0
    save_grid(images, args.out)
    print(f"wrote {args.out}")
    return 0


def _cmd_export(args):
    if not os.path.isdir(args.run):
        raise CliError(f"no such run folder: {args.run}")
    from keras_gans import runs
    from keras_gans.export import save_generator

    path = save_generator(runs.load_run_model(args.run), args.to, version=args.version)
    print(f"exported {path}")
    return 0


COMMANDS = {
    "list": _cmd_list,
    "train": _cmd_train,
    "sample": _cmd_sample,
    "export": _cmd_export,
}


def main(argv=None):
    """Entry point of the ``keras-gans`` console script; returns the exit status."""
    try:
        args = build_parser().parse_args(argv)
        return COMMANDS[args.command](args)
    except (CliError, ValueError, OSError) as e:
        if os.environ.get("KERAS_GANS_DEBUG"):
            raise
        message = " ".join(str(e).split()) or type(e).__name__
        print(f"keras-gans: error: {message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("keras-gans: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
