"""Sample quality of every model trained with its CLI defaults on the digits: docs/results.md.

    python -m benchmarks.quality                 # every model (about 20 minutes on 2 cores)
    python -m benchmarks.quality --models cgan   # refresh some rows, keep the others

Each model trains with exactly what `keras-gans train MODEL` uses (capped at
--budget-minutes), then is evaluated with the protocol of docs/evaluation.md.
Two reference rows frame the numbers: the floor (held-out real digits against
the train digits) and the ceiling (an untrained DCGAN generator). Results
accumulate in benchmarks/results.json; docs/results.md is written from it.
"""

import argparse
import datetime
import json
import os
import platform
import shutil
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
RESULTS_JSON = os.path.join(HERE, "results.json")
RESULTS_MD = os.path.join(ROOT, "docs", "results.md")
METRICS = ("fid", "kid", "pr", "coverage")
# CycleGAN's held-out cycle L1 at other seeds (metrics.csv of `keras-gans train cyclegan
# --seed S`, measured 2026-11-23): (seed, after epoch 1, after the last epoch).
CYCLEGAN_SEEDS = ((1, 0.6728, 0.3759), (2, 0.7808, 0.4040))
# Seed 0 after one epoch (`runs.train` with epochs=1): held-out cycle L1, and with each
# reconstruction given its patch's true mean colour (keras_gans.reports.cycle_l1).
EPOCH1_TRUE_MEAN_COLOUR = (0.7864, 0.3038)


class Budget:
    """A Keras callback factory that stops training once ``minutes`` have passed."""

    def __init__(self, minutes):
        import keras

        class _Stop(keras.callbacks.Callback):
            def on_train_begin(self, logs=None):
                self.start = time.perf_counter()
                self.stopped_at = None

            def on_epoch_end(self, epoch, logs=None):
                if time.perf_counter() - self.start > minutes * 60:
                    self.model.stop_training = True
                    self.stopped_at = epoch + 1

        self.callback = _Stop()


# Opt-in training schemes, trained at the family's CLI defaults otherwise:
# name -> (family, run_settings overrides). `--models dcgan+simultaneous` trains one.
VARIANTS = {
    # DCGAN's default is simultaneous; this row is the papers' alternating scheme.
    "dcgan+alternating": ("dcgan", {"update": "alternating"}),
    # The generator update backpropagates the discriminator update's fakes (one
    # generator pass per step; the default draws fresh noise for it).
    "dcgan+alternating_reuse": ("dcgan", {"update": "alternating_reuse"}),
    "wgan-gp+alternating_reuse": ("wgan-gp", {"update": "alternating_reuse"}),
    # The paper's penalty on every critic update (the default is gp_every=5).
    "wgan-gp+gp_every1": ("wgan-gp", {"model_args": {"gp_every": 1}}),
}


def train_one(model_name, budget_minutes, n, work_dir):
    import keras

    from keras_gans import runs
    from keras_gans.reports.evaluation import evaluate_source

    family, overrides = VARIANTS.get(model_name, (model_name, {}))
    settings = runs.run_settings(family, **overrides)
    run_dir = os.path.join(work_dir, model_name)
    shutil.rmtree(run_dir, ignore_errors=True)
    budget = Budget(budget_minutes).callback
    original_fit = keras.Model.fit

    def fit_with_budget(self, *args, callbacks=None, **kwargs):
        return original_fit(self, *args, callbacks=[*(callbacks or []), budget], **kwargs)

    keras.Model.fit = fit_with_budget
    try:
        start = time.perf_counter()
        model = runs.train(run_dir, settings, verbose=0)
        seconds = time.perf_counter() - start
    finally:
        keras.Model.fit = original_fit
    epochs = runs.finished_epochs(run_dir)
    result = evaluate_source(model, METRICS, n=n, seed=0)
    result.update(
        model=model_name,
        epochs=epochs,
        planned_epochs=settings["epochs"],
        batch_size=settings["batch_size"],
        train_seconds=round(seconds, 1),
        date=datetime.date.today().isoformat(),
    )
    return result


def reference_rows(n):
    import keras

    from keras_gans import models
    from keras_gans.reports.evaluation import evaluate_images_protocol, reference_images

    test = reference_images((16, 16, 1), split="test")
    floor = evaluate_images_protocol(test, METRICS, (16, 16, 1))
    floor.update(model="floor: held-out real digits", n=len(test))
    keras.utils.set_random_seed(0)  # the same untrained generator every time
    untrained = models.DCGAN(
        image_shape=(16, 16, 1), latent_dim=64, generator_filters=64, discriminator_filters=16
    )
    ceiling = evaluate_images_protocol(untrained.generate(n, seed=0), METRICS, (16, 16, 1))
    ceiling.update(model="ceiling: untrained DCGAN generator", n=n)
    return [floor, ceiling]


# What the numbers of each model mean, for readers of docs/results.md (no figures here:
# they would go stale when the table is regenerated).
NOTES = {
    "cgan": "draws the class it is asked for; low recall: within a class the samples vary "
    "little (the generator leans on the label more than on z).",
    "dcgan": "every class appears (the demo's grid in the README), mixed with blurry "
    "strokes that no real digit is near (precision well below the floor).",
    "gan": "MLP networks: every class is predicted, but few samples are near a real "
    "digit and they vary little (low precision and recall).",
    "wgan": "with the paper's settings (RMSprop 5e-5, clip 0.01) the generator barely "
    "leaves its initial weights in the default 60 epochs (1,320 generator steps; the "
    "paper trains for about 100,000): two runs with different data orders scored the "
    "same FID to 4 digits. No sample is near a real digit. Prefer wgan-gp here.",
    "wgan-gp": "the best FID and recall of the unconditional models: varied digits of every "
    "class. Trained with the lazy penalty (gp_every=5, the default); the paper's "
    "every-update penalty is the wgan-gp+gp_every1 row.",
    "dcgan+alternating": "update='alternating' at DCGAN's CLI defaults (fresh noise and a "
    "second generator pass for the generator update; the default is 'simultaneous').",
    "dcgan+alternating_reuse": "update='alternating_reuse' at DCGAN's CLI defaults: the "
    "generator update backpropagates the discriminator update's fakes instead of new ones; "
    "a worse FID than alternating (and than the simultaneous default) at seeds 0 and 1 "
    "(opt-in only).",
    "wgan-gp+alternating_reuse": "update='alternating_reuse' at WGAN-GP's CLI defaults "
    "(opt-in; the generator pass it saves is one in six of a step's).",
}


def _cell(row, key, fmt="{:.3f}"):
    return fmt.format(row[key]) if key in row else "-"


def write_markdown(results, path=RESULTS_MD):
    meta = results["meta"]
    lines = [
        "# Sample quality on the digits",
        "",
        "Written by `make bench-quality` (`python -m benchmarks.quality`); do not edit by hand.",
        f"Machine: {meta['machine']}. Date: {meta['date']}. keras_gans {meta['version']}.",
        "",
        "Every model trained with its `keras-gans train MODEL` defaults (16x16 digits, seed 0),",
        f"capped at {meta['budget_minutes']} minutes, then evaluated with the protocol of",
        "[evaluation.md](evaluation.md): generated images from seeds 0..n-1 against the 1,438",
        "train digits, features and classes from the 16x16 `DigitsClassifier`.",
        "",
        "| model | epochs | train time | n | FID | KID | precision | recall "
        "| class coverage | class KL | label accuracy (worst class) | trained on |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    rows = results["reference"] + [results["models"][k] for k in sorted(results["models"])]
    for row in rows:
        epochs = str(row.get("epochs", "-"))
        train = f"{row['train_seconds']:.0f} s" if "train_seconds" in row else "-"
        acc = "-"
        if "accuracy" in row:
            acc = f"{row['accuracy']:.3f} ({row['accuracy_min']:.2f})"
        lines.append(
            f"| {row['model']} | {epochs} | {train} | {row['n']} | {_cell(row, 'fid', '{:.2f}')} "
            f"| {_cell(row, 'kid', '{:.2f}')} | {_cell(row, 'precision')} "
            f"| {_cell(row, 'recall')} | {_cell(row, 'coverage', '{:.1f}')} "
            f"| {_cell(row, 'coverage_kl')} | {acc} | {row.get('date', '-')} |"
        )
    per_class = {k: v for k, v in results["models"].items() if "accuracy_per_class" in v}
    if per_class:
        lines += [
            "",
            "## Conditional models: label accuracy per class",
            "",
            "Share of `generate(100, labels=k)` images the classifier assigns to class k.",
            "",
            "| model | " + " | ".join(str(k) for k in range(10)) + " | mean |",
            "|---|" + "---|" * 11,
        ]
        for name, row in sorted(per_class.items()):
            cells = " | ".join(f"{a:.2f}" for a in row["accuracy_per_class"])
            lines.append(f"| {name} | {cells} | {row['accuracy']:.3f} |")
    notes = [f"- `{k}`: {NOTES[k]}" for k in sorted(results["models"]) if k in NOTES]
    if notes:
        lines += ["", "## What the samples look like", "", *notes]
    lines += [
        "",
        "Reading the table: FID and KID fall towards the floor as samples approach the real",
        "digits; precision is the share of samples that look like some real digit, recall the",
        "share of real digits the samples come near (low recall = low variety); class",
        "coverage is the share of the 10 classes among confident predictions and class KL",
        "how unevenly the samples spread over them (0 = evenly). The floor's n is the 359",
        "held-out digits: FID is biased upwards at small n, so the floor is if anything",
        "pessimistic next to rows with n = 1000. Rows trained on different days are not",
        "comparable in train time (this shared machine's speed varies from day to day), and",
        "the same seed gives a different FID from one session to the next (DCGAN at seed 0:",
        "32.32 on 2026-11-22, 35.40 on 2026-11-23): compare FIDs across many seeds, not",
        "one run.",
    ]
    lines += _translation_lines() + [""]
    with open(path, "w") as f:
        f.write("\n".join(lines))


def _translation_lines():
    """The image-to-image section, from benchmarks/translation_results.json if present."""
    path = os.path.join(ROOT, "benchmarks", "translation_results.json")
    if not os.path.isfile(path):
        return []
    with open(path) as f:
        results = json.load(f)
    meta, rows = results["meta"], results["models"]
    lines = [
        "",
        "## Image-to-image translation on the bundled photos",
        "",
        "Written by `python -m benchmarks.translation` (both models trained with their",
        f"`keras-gans train MODEL` defaults). Machine: {meta['machine']}. Date: {meta['date']}.",
        "Judged on the held-out right 20% of both photos (never trained on).",
    ]
    if "pix2pix" in rows:
        r = rows["pix2pix"]
        lines += [
            "",
            f"**pix2pix** (`{r['data']}`: grayscale -> colour 32x32 patches, {r['epochs']} epochs"
            f" of batch {r['batch_size']}, {r['train_seconds']:.0f} s), {r['n']} held-out patches:",
            "",
            "| output | PSNR to the colour target |",
            "|---|---|",
            f"| the grayscale input itself (baseline) | {r['psnr_input']:.2f} dB |",
            f"| pix2pix | {r['psnr_model']:.2f} dB (+{r['gain']:.2f} dB) |",
            "",
            "Held-out PSNR after each epoch: "
            + ", ".join(f"{v:.1f}" for v in r["val_psnr_per_epoch"])
            + ".",
            "",
            f"![pix2pix: input, output, target]({r['picture']})",
            "",
            "Columns: grayscale input, pix2pix output, colour target.",
        ]
    if "cyclegan" in rows:
        r = rows["cyclegan"]
        late = r["val_cycle_per_epoch"][6:]
        mean_part = r["cycle_l1"] - r["cycle_l1_true_mean_colour"]
        mean_part_1 = EPOCH1_TRUE_MEAN_COLOUR[0] - EPOCH1_TRUE_MEAN_COLOUR[1]
        lines += [
            "",
            f"**CycleGAN** (`{r['data']}`: a = china.jpg patches, b = flower.jpg patches, "
            f"{r['epochs']} epochs of batch {r['batch_size']}, {r['train_seconds']:.0f} s), "
            f"{r['n_a']} + {r['n_b']} held-out patches:",
            "",
            "| measure | value |",
            "|---|---|",
            f"| held-out cycle L1 (a->b->a plus b->a->b) after epoch 1 | "
            f"{r['cycle_first_epoch']:.4f} |",
            f"| held-out cycle L1 at the end | {r['cycle_l1']:.4f} "
            f"({r['cycle_ratio']:.3f} of epoch 1) |",
            "| the same, each reconstruction given its patch's true mean colour | "
            f"{r['cycle_l1_true_mean_colour']:.4f} |",
            f"| domain classifier accuracy on real held-out a and b | "
            f"{r['classifier_accuracy']:.3f} |",
            f"| untranslated held-out a called b | {r['a_as_b']:.3f} |",
            f"| translated a->b called b | {r['a2b_as_b']:.3f} |",
            f"| translated b->a called a | {r['b2a_as_a']:.3f} |",
            "",
            "Held-out cycle L1 after each epoch: "
            + ", ".join(f"{v:.3f}" for v in r["val_cycle_per_epoch"])
            + ".",
            "",
            f"![CycleGAN: a, a->b, back to a]({r['picture']})",
            "",
            "Columns: held-out china.jpg patch, its translation to the flower photo's",
            "colours, and the translation back. The domain classifier is a logistic",
            "regression on per-channel colour means and standard deviations.",
            "",
            "The issue 6 target for CycleGAN's cycle error is a fall to at most half of its",
            "first-epoch value; this default reaches "
            f"{r['cycle_ratio']:.3f} of it, so the target is not met. The",
            f"error stops falling from epoch 7 on ({min(late):.2f}-{max(late):.2f} since), and",
            f"{1 - r['cycle_l1_true_mean_colour'] / r['cycle_l1']:.0%} of what is left",
            "is the patches' mean colour: the paper's generator is exactly blind to a",
            "per-channel offset of its input (the first convolution turns it into a",
            "constant per feature map and the instance norm after it subtracts that;",
            "tests/networks/test_translation.py), so a->b->a can only guess a patch's mean",
            "colour from its texture, and many held-out patches differ mainly in it (flat",
            "sky, leaves). The",
            "row above gives each reconstruction its patch's true mean colour; after epoch 1",
            f"(a 1-epoch run of the same seed, {EPOCH1_TRUE_MEAN_COLOUR[0]:.4f} in all) it was",
            f"{EPOCH1_TRUE_MEAN_COLOUR[1]:.4f}: both parts fall",
            f"(the mean-colour part to {mean_part / mean_part_1:.2f} of its epoch-1 value, the"
            f" rest to {r['cycle_l1_true_mean_colour'] / EPOCH1_TRUE_MEAN_COLOUR[1]:.2f}).",
            "Other seeds",
            "(same defaults, `--seed S`, measured 2026-11-23): "
            + "; ".join(
                f"seed {seed}: {first:.3f} after epoch 1, {end:.3f} at the end "
                f"(ratio {end / first:.3f})"
                for seed, first, end in CYCLEGAN_SEEDS
            )
            + ". Without normalisation",
            "(`--model-arg normalization='\"none\"'`, measured once, 2026-11-23, 303 s) the",
            "end value is 0.167 — less than half of this default's — but it is already",
            "0.246 after epoch 1 (0.68 of it), and b->a patches are called a only 52% of",
            "the time (a->b: 98%). With `--model-arg input_skip=true` (the generators",
            "concatenate their input image to their last features, which gives flat patches",
            f"their colour back; measured once, 2026-11-23, 294 s) the end value is 0.224 — "
            f"{1 - 0.224 / r['cycle_l1']:.0%}",
            "below this default's — but epoch 1 is already 0.298 (ratio 0.752), and b->a",
            "patches are called a only 60% of the time (a->b: 100%), so it is not the default.",
        ]
    return lines


def main(argv=None):
    from keras_gans import models
    from keras_gans.version import __version__

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    noise_models = [m for m in models.names() if not getattr(models.get(m), "translation", False)]
    parser.add_argument("--models", default=",".join(noise_models))
    parser.add_argument("--budget-minutes", type=float, default=12.0)
    parser.add_argument("--n", type=int, default=1000)
    args = parser.parse_args(argv)
    names = [m.strip() for m in args.models.split(",") if m.strip()]
    for name in names:
        models.get(VARIANTS.get(name, (name,))[0])
    results = {"models": {}}
    if os.path.isfile(RESULTS_JSON):
        with open(RESULTS_JSON) as f:
            results = json.load(f)
    results["meta"] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} CPU cores, no GPU",
        "date": datetime.date.today().isoformat(),
        "version": __version__,
        "budget_minutes": args.budget_minutes,
    }
    results["reference"] = reference_rows(args.n)
    work = tempfile.mkdtemp(prefix="keras_gans_quality_")
    try:
        for name in names:
            row = train_one(name, args.budget_minutes, args.n, work)
            results["models"][name] = row
            print(json.dumps({k: v for k, v in row.items() if k != "accuracy_per_class"}))
            with open(RESULTS_JSON, "w") as f:
                json.dump(results, f, indent=2, sort_keys=True)
            write_markdown(results)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    write_markdown(results)
    print(f"wrote {RESULTS_MD}")


if __name__ == "__main__":
    main()
