"""The ``keras-gans`` command.

    keras-gans list
    keras-gans train dcgan --data digits --epochs 20 --out runs/dcgan
    keras-gans sample runs/dcgan --n 64 --out grid.png
    keras-gans export runs/dcgan --to export/models/dcgan
    keras-gans evaluate runs/dcgan --metrics fid,kid,pr,coverage --n 1000
    keras-gans interpolate runs/dcgan --out walk.png --gif walk.gif
    keras-gans train pix2pix --data photos-paired --out runs/pix2pix
    keras-gans translate runs/pix2pix --in photos/ --out translated/
    keras-gans synthesize runs/cgan --per-class 100 --out synthetic/

``translate`` exits 0 when every file was translated, 1 when some were skipped
(each named on stderr with the reason).

Every error a user can cause prints one line (``keras-gans: error: ...``) and
exits with status 2; set ``KERAS_GANS_DEBUG=1`` to see the traceback instead.
Any other exception is a bug: its traceback, a line saying so, exit status 1.
"""

import json
import os
import sys
import traceback

from keras_gans.cli.flag_checks import FLAG_CHECKS, non_empty_path
from keras_gans.cli.parser import CliError, build_parser
from keras_gans.errors import KerasGansError


def _cmd_list(args):
    from keras_gans import models

    for name in models.names():
        doc = (models.get(name).__doc__ or "").strip().splitlines()[0]
        print(f"{name:10s} {doc}")
    return 0


def _cmd_train(args):
    from keras_gans import runs
    from keras_gans.runs import resolve
    from keras_gans.runs import settings as run_settings

    overrides = {s.name: getattr(args, s.name) for s in run_settings.SETTINGS}
    overrides["model_args"] = dict(overrides["model_args"] or [])
    settings = resolve.run_settings(args.model, **overrides)
    out = non_empty_path(args.out, "--out") or os.path.join("runs", settings["model"])
    _check_resume(args, out)
    runs.train(out, settings, verbose=0 if args.quiet else 2)
    print(f"run folder: {out} ({runs.finished_epochs(out)} epochs)")
    return 0


def _check_resume(args, out):
    """A resumed run keeps its settings: a flag given with another value than the run's
    is refused (naming it), and so is --epochs below the epochs already trained."""
    from keras_gans import runs
    from keras_gans.runs import settings as run_settings
    from keras_gans.runs.checkpoint import read_json

    config_path = os.path.join(out, runs.CONFIG)
    if not os.path.isfile(config_path):
        return
    saved = read_json(config_path)
    for setting in run_settings.SETTINGS:
        given = getattr(args, setting.name)
        if given is None or given is False or setting.resumable:
            continue
        if setting.name == "model_args":
            given = dict(given)
            kept = saved.get("model_args", {})
            changed = {k: v for k, v in given.items() if kept.get(k) != v}
            if changed:
                key = sorted(changed)[0]
                raise CliError(
                    f"--model-arg {key}={json.dumps(changed[key])}: {out} was trained with "
                    f"{key}={json.dumps(kept.get(key))}, which a resumed run keeps; start a new "
                    f"run with another --out"
                )
        elif saved.get(setting.name) != given:
            raise CliError(
                f"{setting.cli_flag} {given}: {out} was trained with "
                f"{saved.get(setting.name)}, which a resumed run keeps; start a new run with "
                f"another --out"
            )
    done = runs.finished_epochs(out)
    if args.epochs is not None and args.epochs < done:
        raise CliError(
            f"--epochs {args.epochs}: {out} has already trained {done} epochs; give --epochs "
            f"above {done} to train more"
        )


def _source(path, translation=False):
    """The model or export at ``path``; CliError if it is not the kind the command needs."""
    if not os.path.exists(path):
        raise CliError(f"no such run or export: {path}")
    from keras_gans.runs import load_source

    model = load_source(path)
    if bool(getattr(model, "translation", False)) != translation:
        if translation:
            raise CliError(f"{path} generates from noise; translate needs a pix2pix or cyclegan")
        raise CliError(f"{path} translates images; use `keras-gans translate` with it")
    return model


def _cmd_translate(args):
    from keras_gans.cli.translate_files import translate_folder

    model = _source(args.source, translation=True)
    if args.direction not in model.directions:
        raise CliError(f"{args.source} translates one way only; drop --direction b2a")
    written, bad = translate_folder(model, args.in_dir, args.out, args.direction)
    print(f"wrote {len(written)} image(s) to {args.out}")
    for file, reason in bad:
        print(f"skipped {file}: {reason}", file=sys.stderr)
    if bad:
        print(f"keras-gans: {len(bad)} file(s) could not be translated", file=sys.stderr)
        return 1
    return 0


def _labels(model, label, n):
    """Labels for ``n`` images: ``label`` everywhere, or cycling; error if not conditional."""
    conditional = getattr(model, "conditional", False)
    if label is None:
        return None
    if not conditional:
        raise CliError("--label works only for conditional models (e.g. cgan)")
    if not 0 <= label < model.num_classes:
        raise CliError(f"--label must be in [0, {model.num_classes - 1}], got {label}")
    return [label] * n


def _cmd_sample(args):
    from keras_gans.utils.images import save_grid

    model = _source(args.source)
    labels = _labels(model, args.label, args.n)
    kwargs = {"labels": labels} if labels is not None else {}
    if args.truncation != 1.0:
        if not getattr(model, "truncatable", False):
            raise CliError(
                f"--truncation applies to stylegan2 runs and exports (w truncation); "
                f"{args.source} holds another model (synthesize --truncation scales z)"
            )
        kwargs["truncation_psi"] = args.truncation
    images = model.generate(args.n, seed=args.seed, **kwargs)
    save_grid(images, args.out)
    print(f"wrote {args.out}")
    return 0


def _cmd_export(args):
    if args.all:
        return _export_all(args)
    from keras_gans import runs
    from keras_gans.export import save_generator

    if args.format != "saved_model":
        runs.load_run_model(args.run).export(args.to, format=args.format, verbose=False)
        print(f"exported {args.to} ({args.format})")
        return 0
    path = save_generator(runs.load_run_model(args.run), args.to, version=args.version)
    print(f"exported {path}")
    return 0


def _export_all(args):
    from keras_gans import runs
    from keras_gans.export import save_generator, write_models_config

    names = sorted(
        name
        for name in os.listdir(args.all)
        if os.path.isfile(os.path.join(args.all, name, runs.CHECKPOINT))
    )
    if not names:
        raise CliError(f"{args.all} holds no run folder with a checkpoint")
    entries = []
    for name in names:
        path = save_generator(
            runs.load_run_model(os.path.join(args.all, name)), os.path.join(args.to, name)
        )
        print(f"exported {path}")
        entries.append({"name": name, "base_path": f"{args.config_base.rstrip('/')}/{name}"})
    print(f"wrote {write_models_config(entries, os.path.join(args.to, 'models.config'))}")
    return 0


def _cmd_evaluate(args):
    from keras_gans import runs
    from keras_gans.metrics import check_metric_names
    from keras_gans.reports.evaluation import (
        SOURCE_METRICS,
        check_protocol_data,
        evaluate_source,
        format_table,
    )

    names = check_metric_names(args.metrics, SOURCE_METRICS)
    is_run = os.path.isfile(os.path.join(args.source, runs.CONFIG))
    data = args.data
    if data is None:  # the run's training data, else the digits
        data = "digits"
        if is_run:
            with open(os.path.join(args.source, runs.CONFIG)) as f:
                data = json.load(f).get("data", "digits")
    check_protocol_data(data)
    model = _source(args.source)
    result = evaluate_source(model, names, n=args.n, seed=args.seed, data=data)
    path = args.json or os.path.join(args.source if is_run else ".", "evaluation.json")
    with open(path, "w") as f:
        json.dump(result, f, indent=2, sort_keys=True)
    print(format_table(result))
    print(f"wrote {path}")
    return 0


def _source_record(path, model):
    """The manifest's ``source``: the path, run or export, and the epochs or version."""
    from keras_gans import runs

    if os.path.isfile(os.path.join(path, runs.CONFIG)):
        return {"path": os.path.abspath(path), "kind": "run", "epochs": runs.finished_epochs(path)}
    version = os.path.basename(os.path.normpath(model.path))
    return {"path": os.path.abspath(path), "kind": "export", "version": int(version)}


def _cmd_synthesize(args):
    from keras_gans.reports.synthesis import synthesize

    model = _source(args.source)
    result = synthesize(
        model,
        args.out,
        args.per_class,
        seed=args.seed,
        truncation=args.truncation,
        append=args.append,
        batch_size=args.batch_size,
        source=_source_record(args.source, model),
        progress=sys.stdout.isatty(),
    )
    print(
        f"wrote {result.per_class * len(result.classes)} image(s) to {args.out} "
        f"({len(result.classes)} folder(s), "
        f"indices {result.first_index}..{result.first_index + result.per_class - 1})"
    )
    return 0


def _cmd_interpolate(args):
    import numpy as np

    from keras_gans.latent import interpolate
    from keras_gans.utils.images import make_grid, save_gif, save_png
    from keras_gans.utils.noise import seeded_noise

    model = _source(args.source)
    label = _labels(model, args.label, 1)
    ends = np.asarray(seeded_noise(2 * args.rows, model.latent_dim, args.seed))
    walks = np.stack(
        [
            interpolate(model, ends[2 * r], ends[2 * r + 1], args.steps, args.method, label)
            for r in range(args.rows)
        ]
    )  # [rows, steps, h, w, c]
    scale = max(1, -(-48 // walks.shape[3]))
    grid = make_grid(walks.reshape(-1, *walks.shape[2:]), cols=args.steps, scale=scale)
    print(f"wrote {save_png(grid, args.out)}")
    if args.gif:
        frames = [make_grid(walks[:, i], cols=args.rows, scale=scale) for i in range(args.steps)]
        print(f"wrote {save_gif(frames + frames[-2:0:-1], args.gif)}")  # there and back
    return 0


COMMANDS = {
    "list": _cmd_list,
    "train": _cmd_train,
    "sample": _cmd_sample,
    "export": _cmd_export,
    "evaluate": _cmd_evaluate,
    "interpolate": _cmd_interpolate,
    "translate": _cmd_translate,
    "synthesize": _cmd_synthesize,
}


def main(argv=None, after_parsing=None):
    """Entry point of the ``keras-gans`` console script; returns the exit status.

    A user error (``CliError`` or ``KerasGansError``) prints its one sentence and
    returns 2. Anything else is a bug in keras_gans: its traceback is printed, then a
    line saying so, and 1 is returned. ``after_parsing`` (no arguments) runs between
    parsing the arguments and running the command: ``keras_gans_cli`` imports
    TensorFlow there.
    """
    try:
        args = build_parser().parse_args(argv)
        if args.command in FLAG_CHECKS:
            FLAG_CHECKS[args.command](args)
        if after_parsing is not None:
            after_parsing()
        return COMMANDS[args.command](args)
    except (CliError, KerasGansError) as e:
        if os.environ.get("KERAS_GANS_DEBUG"):
            raise
        message = " ".join(str(e).split()) or type(e).__name__
        print(f"keras-gans: error: {message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("keras-gans: interrupted", file=sys.stderr)
        return 130
    except Exception as e:
        traceback.print_exc()
        print(
            f"keras-gans: internal error ({type(e).__name__}): this is a bug in keras_gans, "
            f"not in your input; please report it with the traceback above.",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
