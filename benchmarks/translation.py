"""Pix2Pix and CycleGAN trained with their CLI defaults on the bundled photos: docs/results.md.

    python -m benchmarks.translation            # both models (about 15 minutes here)
    python -m benchmarks.translation --models pix2pix
    python -m benchmarks.translation --models cyclegan --seeds 0,1,2 --precision mixed_bfloat16

Without ``--seeds`` each model is trained at its CLI defaults and its row (and
picture) replaces the model's row. With ``--seeds`` (and optionally
``--precision``) each seed's row goes to ``seed_rows`` under
``"MODEL/PRECISION/SEED"`` instead, no picture: the quality over seeds of a setting,
e.g. bfloat16 against float32 (docs/performance.md).

Each model is trained exactly as ``keras-gans train MODEL`` trains it, then
judged on the held-out photo strips (``keras_gans.reports.translation``):

- pix2pix (``photos-paired``, grayscale -> colour): PSNR of its output against
  the colour target, next to the PSNR of the grayscale input itself.
- cyclegan (``photos-unpaired``, china.jpg <-> flower.jpg): the held-out cycle
  reconstruction L1 after the first and the last epoch (from metrics.csv), and
  the share of translated a->b patches that a logistic regression on colour
  statistics, trained on the real training patches, calls b.

Figures go to benchmarks/translation_results.json, docs/results.md (through
``benchmarks.seeds_doc.write_seed_doc``) and pictures to docs/images/.
"""

import argparse
import csv
import json
import os
import shutil
import tempfile
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RESULTS_JSON = os.path.join(ROOT, "benchmarks", "translation_results.json")
IMAGES = os.path.join(ROOT, "docs", "images")


def _metrics(run_dir):
    with open(os.path.join(run_dir, "metrics.csv"), newline="") as f:
        return list(csv.DictReader(f))


def _picture(model, name, cycle):
    """Held-out examples: input | output (| back) | target, as docs/images/NAME.png."""
    from keras_gans.data import pair_arrays
    from keras_gans.utils.images import make_grid, save_png

    data = "photos-unpaired" if cycle else "photos-paired"
    a, b, _ = pair_arrays(data, model.image_shape[0], "test")
    picks = np.linspace(0, len(a) - 1, 6).astype(int)
    x = a[picks]
    out = model.translate(x, "a2b")
    columns = [x, out, model.translate(out, "b2a")] if cycle else [x, out, b[picks]]
    columns = [np.repeat(c, 3, axis=-1) if c.shape[-1] == 1 else c for c in columns]
    cells = np.stack(columns, axis=1).reshape(-1, *columns[0].shape[1:])
    path = os.path.join(IMAGES, f"{name}.png")
    save_png(make_grid(cells, cols=len(columns), scale=3), path)
    return os.path.relpath(path, os.path.join(ROOT, "docs"))


def run_one(name, work, seed=None, precision=None, picture=True):
    from keras_gans import runs
    from keras_gans.reports.translation import paired_report, unpaired_report

    run_dir = os.path.join(work, f"{name}_{precision}_{seed}")
    settings = runs.run_settings(name, seed=seed, precision=precision)
    start = time.time()
    model = runs.train(run_dir, settings, verbose=2)
    row = {
        "model": name,
        "data": settings["data"],
        "epochs": settings["epochs"],
        "batch_size": settings["batch_size"],
        "train_seconds": time.time() - start,
        "seed": settings["seed"],
        "precision": settings["precision"],
    }
    rows = _metrics(run_dir)
    if name == "pix2pix":
        row.update(paired_report(model, settings["data"], settings["image_size"]))
        row["val_psnr_per_epoch"] = [float(r["val_psnr"]) for r in rows]
        if picture:
            row["picture"] = _picture(model, "pix2pix_photos", cycle=False)
    else:
        row.update(unpaired_report(model, settings["data"], settings["image_size"]))
        row["val_cycle_per_epoch"] = [float(r["val_cycle"]) for r in rows]
        row["cycle_first_epoch"] = row["val_cycle_per_epoch"][0]
        row["cycle_ratio"] = row["cycle_l1"] / row["cycle_first_epoch"]
        if picture:
            row["picture"] = _picture(model, "cyclegan_photos", cycle=True)
    return row


def main(argv=None):
    from benchmarks.machine import stamp
    from benchmarks.seeds_doc import write_seed_doc

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", default="pix2pix,cyclegan")
    parser.add_argument("--seeds", default=None, help="seeds, comma-separated: rows per seed")
    parser.add_argument("--precision", default=None, help="the run setting (default: the CLI's)")
    args = parser.parse_args(argv)
    results = {"models": {}}
    if os.path.isfile(RESULTS_JSON):
        with open(RESULTS_JSON) as f:
            results = json.load(f)
    meta = stamp()
    work = tempfile.mkdtemp(prefix="keras_gans_translation_")
    try:
        names = [m.strip() for m in args.models.split(",") if m.strip()]
        seeds = [int(s) for s in args.seeds.split(",")] if args.seeds else [None]
        for name in names:
            for seed in seeds:
                row = run_one(name, work, seed, args.precision, picture=args.seeds is None)
                if args.seeds is None:
                    # Each row names its machine and date: one model may be rerun alone.
                    results["models"][name] = {**row, **meta}
                else:
                    key = f"{name}/{row['precision']}/{row['seed']}"
                    results.setdefault("seed_rows", {})[key] = {**row, **meta}
                print(json.dumps(row))
            with open(RESULTS_JSON, "w") as f:
                json.dump(results, f, indent=2, sort_keys=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.seeds is None:
        write_seed_doc()
        print("wrote docs/results.md")


if __name__ == "__main__":
    main()
