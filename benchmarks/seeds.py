"""Each family's CLI defaults (and stabiliser ablations) over seeds: docs/results.md.

    python -m benchmarks.seeds --configs dcgan,wgan-gp --seeds 0-4
    python -m benchmarks.seeds --configs dcgan --data mnist --seeds 0-2
    python -m benchmarks.seeds --configs dcgan-no-ema --seeds 0-4 --jobs 2

A config is a family at its `keras-gans train FAMILY` defaults, or one of ABLATIONS
(the family with one setting changed). Each (config, data, seed) trains
`runs.train` with those settings and `--seed S`, then is scored with the protocol of
docs/evaluation.md (1,000 samples against the dataset's train split, the dataset's
classifier). Rows accumulate in benchmarks/results.json under "seed_runs" (one per
config, data and seed; a rerun replaces its row); docs/results.md is rewritten from
them. `--jobs 2` trains two seeds at once, each process limited to one CPU thread, so
its train time is that of one core (an upper bound for a 2-core run).

A long run can be stopped and resumed: with `KERAS_GANS_BENCH_KEEP=DIR` and
`KERAS_GANS_BENCH_RESUME=1`, a run folder in DIR that holds a run is resumed (from its
last finished epoch, as `keras-gans train` resumes) instead of started again. Its
`train_seconds` is then the sum of its segments, each counted to the last epoch it
finished (`DIR/NAME-DATA-SEED.segments.json`), and the row says how many segments.
"""

import argparse
import datetime
import fcntl
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

from benchmarks.quality import RESULTS_JSON
from benchmarks.threads import limit_threads, run_threads

# Ablations: name -> (family, run_settings overrides). Each changes one thing of the
# family's defaults, so its row shows what that one thing does.
ABLATIONS = {
    "dcgan-no-ema": ("dcgan", {"model_args": {"ema_decay": None}}),
    "dcgan+diffaugment": ("dcgan", {"model_args": {"augment": "diffaugment"}}),
    "dcgan+ada": ("dcgan", {"model_args": {"augment": "ada"}}),
    "dcgan-no-r1": ("dcgan", {"model_args": {"r1_weight": 0.0}}),
    "dcgan+spectral-norm": ("dcgan", {"model_args": {"spectral_norm": True}}),
    "dcgan+minibatch-std": ("dcgan", {"model_args": {"minibatch_std": 4}}),
    "dcgan-bare": ("dcgan", {"model_args": {"ema_decay": None, "r1_weight": 0.0}}),
    "cgan+projection": ("cgan", {"model_args": {"projection": True}}),
}
METRICS = ("fid", "kid", "pr", "coverage")
# The figures a row also holds for a run's other generator (``KEY_raw``, ``KEY_ema``).
RAW_FIGURES = ("fid", "precision", "recall", "coverage", "accuracy", "accuracy_min",
               "fid_at_floor_n")  # fmt: skip


def parse_seeds(text):
    """``"0-4"`` -> [0, 1, 2, 3, 4]; ``"0,2"`` -> [0, 2]."""
    if "-" in text:
        lo, hi = text.split("-")
        return list(range(int(lo), int(hi) + 1))
    return [int(s) for s in text.split(",")]


def config_settings(config, data, seed, extra=None):
    from keras_gans import runs

    family, overrides = ABLATIONS.get(config, (config, {}))
    overrides = {k: (dict(v) if isinstance(v, dict) else v) for k, v in overrides.items()}
    for key, value in (extra or {}).items():
        if key == "model_args":
            overrides["model_args"] = {**overrides.get("model_args", {}), **value}
        else:
            overrides[key] = value
    return runs.run_settings(family, data=data, seed=seed, **overrides)


def segments_path(run_dir):
    """The file beside ``run_dir`` that times a resumable run's segments (a run folder
    holds only the run's own files)."""
    return run_dir + ".segments.json"


def open_segment(run_dir, now=None):
    """Starts a timed segment of a resumable run; returns the segments so far.

    The segment before it, if any, was stopped: it counts up to the moment the run's
    ``checkpoints/state.json`` was last written (the last epoch it finished, where the
    run resumes from), or not at all if it finished none.
    """
    from keras_gans.runs import STATE
    from keras_gans.runs.checkpoint import read_json, write_json

    path = segments_path(run_dir)
    segments = read_json(path) if os.path.isfile(path) else []
    if segments and "end" not in segments[-1]:
        state = os.path.join(run_dir, STATE)
        written = os.path.getmtime(state) if os.path.isfile(state) else 0.0
        segments[-1]["end"] = max(written, segments[-1]["start"])
    segments.append({"start": time.time() if now is None else now})
    write_json(path, segments)
    return segments


def close_segments(run_dir, now=None):
    """Ends the open segment; returns ``(seconds of all segments, segment count)``."""
    from keras_gans.runs.checkpoint import read_json, write_json

    path = segments_path(run_dir)
    segments = read_json(path)
    segments[-1]["end"] = time.time() if now is None else now
    write_json(path, segments)
    return sum(s["end"] - s["start"] for s in segments), len(segments)


def run_one(config, data, seed, work, extra=None, name=None):
    """Trains and scores one (config, data, seed); returns its row.

    ``name`` (an exploration row's name) names its run folder and kept grid.
    """
    label = name or config
    import keras

    from keras_gans import runs
    from keras_gans.metrics import protocol_classifier
    from keras_gans.reports.evaluation import evaluate_source

    settings = {**config_settings(config, data, seed, extra), "threads": run_threads()}
    run_dir = os.path.join(work, f"{label}-{data}-{seed}")
    resumable = bool(os.environ.get("KERAS_GANS_BENCH_RESUME"))
    if not (resumable and os.path.isfile(os.path.join(run_dir, runs.CONFIG))):
        shutil.rmtree(run_dir, ignore_errors=True)
        if os.path.exists(segments_path(run_dir)):
            os.remove(segments_path(run_dir))
    if resumable:
        open_segment(run_dir)
    start = time.perf_counter()
    model = runs.train(run_dir, settings, verbose=0)
    seconds = time.perf_counter() - start
    segments = 1
    if resumable:
        seconds, segments = close_segments(run_dir)
    r = evaluate_source(model, METRICS, n=1000, seed=0, data=data)
    row = {
        "config": config,
        "family": settings["model"],
        "data": data,
        "seed": seed,
        "epochs": settings["epochs"],
        "image_size": settings["image_size"],
        "train_seconds": round(seconds, 1),
        "date": datetime.date.today().isoformat(),
        "threads": os.environ.get("KERAS_GANS_BENCH_THREADS", "all"),
        # what --precision resolved to (rows without it: float32, before auto was default)
        "compute_dtype": model.compute_dtype,
        # the protocol classifier's weights (rows without it: before 2026-12-04)
        "classifier": protocol_classifier(data).fingerprint,
    }
    if segments > 1:  # stopped and resumed: train_seconds sums the segments
        row["segments"] = segments
    for key in ("fid", "kid", "precision", "recall", "coverage", "coverage_kl"):
        row[key] = round(float(r[key]), 4)
    # FID at the floor's sample size where the floor has fewer than 1,000 images
    # (digits: 359), the fair comparison with it: docs/evaluation.md
    at_floor_n = _fid_at_floor_n_scorer(model.image_shape, data)
    row.update(at_floor_n(model))
    for key in ("accuracy", "accuracy_min"):
        if key in r:
            row[key] = round(float(r[key]), 4)
    if "accuracy_per_class" in r:
        row["accuracy_per_class"] = [round(float(a), 4) for a in r["accuracy_per_class"]]
    if getattr(model, "conditional", False):
        # Classification accuracy scores (docs/evaluation.md): 100 images per class.
        from keras_gans.reports.evaluation import cas_report

        for key, value in cas_report(model, n=1000, seed=0, data=data).items():
            if key != "cas_per_class":
                row[key] = round(float(value), 4)
    if getattr(model, "ema_generator", None) is not None:
        # The EMA does not change training, so the raw generator of the same run is the
        # "without EMA" ablation: its figures go in the row as *_raw.
        ema, model.ema_generator = model.ema_generator, None
        try:
            raw = evaluate_source(model, METRICS, n=1000, seed=0, data=data)
            raw.update(at_floor_n(model))
        finally:
            model.ema_generator = ema
        for key in RAW_FIGURES:
            if key in raw:
                row[key + "_raw"] = round(float(raw[key]), 4)
    grid = os.path.join(run_dir, "samples")
    pictures = (
        sorted(p for p in os.listdir(grid) if p.endswith(".png")) if os.path.isdir(grid) else []
    )
    if pictures:  # the final grid, kept for docs/results.md
        from benchmarks.seeds_doc import GRIDS

        grids = os.environ.get("KERAS_GANS_BENCH_GRIDS", GRIDS)
        os.makedirs(grids, exist_ok=True)
        shutil.copy(
            os.path.join(grid, pictures[-1]), os.path.join(grids, f"{label}-{data}-{seed}.png")
        )
    keras.backend.clear_session()
    if not os.environ.get("KERAS_GANS_BENCH_KEEP"):
        shutil.rmtree(run_dir, ignore_errors=True)
    return row


def _fid_at_floor_n_scorer(image_shape, data):
    """A function ``model -> {"fid_at_floor_n": FID}``: the protocol's 1,000 generated
    images scored at the size of ``data``'s held-out split (the floor's n), or ``{}``
    when that split has 1,000 images or more. The classifier and the train split's
    features are made once, for both generators of a run."""
    import numpy as np

    from benchmarks.memorisation import protocol_fid_at_n
    from keras_gans.metrics import protocol_classifier
    from keras_gans.reports.evaluation import reference_images

    n = len(reference_images(image_shape, "test", data))
    if n >= 1000:
        return lambda model: {}
    classifier = protocol_classifier(data)
    train = np.asarray(classifier(reference_images(image_shape, data=data)), np.float64)

    def score(model):
        fid = protocol_fid_at_n(model.generate(1000, seed=0), train, classifier, n)
        return {"fid_at_floor_n": round(fid, 4)}

    return score


def floors(datasets):
    """The floor of each dataset: its held-out test split against its train split."""
    import platform

    from keras_gans.metrics import protocol_classifier
    from keras_gans.reports.evaluation import evaluate_images_protocol, reference_images

    out = {}
    for name in datasets:  # "digits", "mnist" or "mnist-32" (a size other than the default)
        data, _, size = name.partition("-")
        size = int(size) if size else {"digits": 16, "mnist": 28}[data]
        test = reference_images((size, size, 1), split="test", data=data)
        r = evaluate_images_protocol(test, METRICS, (size, size, 1), data=data)
        out[name] = {k: round(float(r[k]), 4) for k in ("fid", "precision", "recall", "coverage")}
        out[name].update(
            n=len(test),
            machine=f"{platform.machine()}, {os.cpu_count()} CPU cores, no GPU",
            date=datetime.date.today().isoformat(),
            classifier=protocol_classifier(data).fingerprint,
        )
    return out


def save_row(row, path=RESULTS_JSON):
    """Adds ``row`` to ``path``'s seed runs (replacing one of the same config, data and
    seed). Several ``benchmarks.seeds`` runs may finish at once: an exclusive lock on
    ``path + ".lock"`` makes each read-modify-write whole, and each writes its own
    temporary file before the atomic rename."""
    with open(path + ".lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        results = {}
        if os.path.isfile(path):
            with open(path) as f:
                results = json.load(f)
        rows = results.setdefault("seed_runs", [])
        key = (row["config"], row["data"], row["seed"])
        rows[:] = [r for r in rows if (r["config"], r["data"], r["seed"]) != key]
        rows.append(row)
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(os.path.abspath(path)), suffix=".tmp")
        with os.fdopen(fd, "w") as f:
            json.dump(results, f, indent=2, sort_keys=True)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)


def _child(args):
    """One (config, data, seed) in this process; prints its row as JSON."""
    limit_threads()
    # KERAS_GANS_BENCH_KEEP=DIR keeps the run folders there (for pictures); else a temp dir
    keep = os.environ.get("KERAS_GANS_BENCH_KEEP")
    work = keep or tempfile.mkdtemp(prefix="keras_gans_seeds_")
    try:
        row = run_one(
            args.configs, args.data, int(args.seeds), work, json.loads(args.extra), args.name
        )
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
    print("ROW " + json.dumps(row), flush=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--configs", default="dcgan")
    parser.add_argument("--data", default="digits")
    parser.add_argument("--seeds", default="0-4")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--extra", default="{}", help="JSON run_settings overrides (exploring)")
    parser.add_argument("--name", default=None, help="row name when --extra is given")
    parser.add_argument("--floors", action="store_true", help="compute the floors only")
    parser.add_argument(
        "--floor-data", default="digits,mnist,mnist-32", help="with --floors: which floors"
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if os.environ.get("KERAS_GANS_BENCH_RESUME") and not os.environ.get("KERAS_GANS_BENCH_KEEP"):
        parser.error("KERAS_GANS_BENCH_RESUME=1 needs KERAS_GANS_BENCH_KEEP=DIR, the folder the runs resume from")  # fmt: skip
    if args.child:
        return _child(args)
    if args.floors:
        # the seed runs' thread count (1), so a classifier trained here is theirs
        os.environ.setdefault("KERAS_GANS_BENCH_THREADS", "1")
        limit_threads()
        with open(RESULTS_JSON) as f:
            results = json.load(f)
        results["floors"] = {**results.get("floors", {}), **floors(args.floor_data.split(","))}
        print(json.dumps(results["floors"]))
        with open(RESULTS_JSON, "w") as f:
            json.dump(results, f, indent=2, sort_keys=True)
        return None
    jobs = []
    for config in args.configs.split(","):
        for seed in parse_seeds(args.seeds):
            jobs.append((config, seed))
    env = dict(os.environ)
    if args.jobs > 1:
        env["KERAS_GANS_BENCH_THREADS"] = "1"
    running = []
    while jobs or running:
        while jobs and len(running) < args.jobs:
            config, seed = jobs.pop(0)
            cmd = [sys.executable, "-m", "benchmarks.seeds", "--child", "--configs", config]
            cmd += ["--data", args.data, "--seeds", str(seed), "--extra", args.extra]
            cmd += ["--name", args.name] if args.name else []
            out = tempfile.TemporaryFile("w+")
            proc = subprocess.Popen(cmd, env=env, stdout=out, text=True)
            running.append((config, seed, proc, out))
        finished = [job for job in running if job[2].poll() is not None]
        if not finished:
            time.sleep(2)  # polling children; a row is written as soon as one ends
            continue
        for job in finished:
            running.remove(job)
            config, seed, proc, out = job
            out.seek(0)
            text = out.read()
            if proc.returncode != 0 or "ROW " not in text:
                print(f"{config} seed {seed} failed (exit {proc.returncode})", flush=True)
                continue
            row = json.loads(text.split("ROW ", 1)[1])
            if args.name:
                row["config"] = args.name
                row["extra"] = json.loads(args.extra)
            print(json.dumps(row), flush=True)
            save_row(row)
    from benchmarks.seeds_doc import write_seed_doc

    write_seed_doc()


if __name__ == "__main__":
    main()
