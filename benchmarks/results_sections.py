"""Sections of docs/results.md beside the per-seed tables: classification accuracy
scores of the conditional models, the synthetic-training-data tutorial's figures and
image-to-image translation."""

import os

from benchmarks.quality import ROOT, read_results

# CycleGAN's held-out cycle L1 at other seeds (metrics.csv of `keras-gans train cyclegan
# --seed S`, measured 2026-11-23): (seed, after epoch 1, after the last epoch).
CYCLEGAN_SEEDS = ((1, 0.6728, 0.3759), (2, 0.7808, 0.4040))
# Seed 0 after one epoch (`runs.train` with epochs=1): held-out cycle L1, and with each
# reconstruction given its patch's true mean colour (keras_gans.reports.cycle_l1).
EPOCH1_TRUE_MEAN_COLOUR = (0.7864, 0.3038)


def _spread(values):
    return f"{sum(values) / len(values):.3f} ({min(values):.3f}-{max(values):.3f})"


def cas_lines(results):
    """GAN-train / GAN-test rows of the conditional configs (``cas_*`` in their rows)."""
    groups = {}
    for r in results.get("seed_runs", []):
        if "cas_gan_train" in r and not r["config"].startswith("x-"):
            groups.setdefault((r["config"], r["data"]), []).append(r)
    if not groups:
        return []
    lines = [
        "",
        "## Classification accuracy scores (conditional models)",
        "",
        "`keras-gans evaluate --metrics cas` on each seed's final generator: 100 images per",
        "class; the fixed CAS classifier of [evaluation.md](evaluation.md) trained on them and",
        "tested on the real test split (GAN-train), trained on the real train split and",
        "tested on them (GAN-test), and trained and tested on real digits (the reference).",
        "Mean over the seeds (lowest-highest).",
        "",
        "| config | data | seeds | GAN-train | GAN-test | real on real |",
        "|---|---|---|---|---|---|",
    ]
    for (config, data), rows in sorted(groups.items()):
        rows = sorted(rows, key=lambda r: r["seed"])
        seeds = ",".join(str(r["seed"]) for r in rows)
        lines.append(
            f"| {config} | {data} | {seeds} | {_spread([r['cas_gan_train'] for r in rows])} "
            f"| {_spread([r['cas_gan_test'] for r in rows])} "
            f"| {_spread([r['cas_real_on_real'] for r in rows])} |"
        )
    return lines


AUGMENT_VARIANTS = (
    ("real", "the 10% subset alone"),
    ("real+shifted", "the subset and shifted copies of it (about as many as the synthetic)"),
    ("real+synthetic", "the subset and all the cGAN's synthetic images"),
    ("real+synthetic_1to1", "the subset and as many synthetic images as real ones"),
    ("synthetic", "the synthetic images alone (GAN-train on the subset's cGAN)"),
)


def augment_lines():
    """The section of docs/tutorials/augment.md's figures (benchmarks/augment.py)."""
    from benchmarks.augment import RESULTS

    figures = read_results(RESULTS)
    if figures is None:
        return []
    summary, rows = figures["summary"], figures["rows"]
    lines = [
        "",
        "## Synthetic training data (tutorials/augment.md)",
        "",
        f"[The tutorial](tutorials/augment.md) run at full size by `python -m "
        f"benchmarks.augment` on {figures['date']} ({figures['machine']}; "
        f"{figures['seconds']} s): the fixed CAS classifier trained on 10% of the digits "
        f"train split ({rows[0]['real_images']} images), with or without "
        f"{rows[0]['synthetic_images']} synthetic images from a conditional GAN trained on "
        f"the same subset, tested on the 359 held-out digits; seeds "
        f"{', '.join(str(s) for s in summary['seeds'])}. The whole train split gives "
        f"{summary['full_train_split']:.3f}.",
        "",
        "| trained on | held-out accuracy, mean +/- std | lowest - highest |",
        "|---|---|---|",
    ]
    for key, text in AUGMENT_VARIANTS:
        s = summary[key]
        lines.append(
            f"| {text} | {s['mean']:.3f} +/- {s['std']:.3f} | {s['min']:.3f} - {s['max']:.3f} |"
        )
    gain = summary["real+synthetic"]["mean"] - summary["real"]["mean"]
    shifted = summary["real+shifted"]["mean"] - summary["real"]["mean"]
    lines += [
        "",
        f"Synthetic images changed the mean held-out accuracy by {gain:+.3f} against the "
        f"subset alone; shifted copies of the subset changed it by {shifted:+.3f}.",
        "",
        "What the tutorial printed:",
        "",
        "```",
        *figures["printed"],
        "```",
        "",
        "Synthetic folder of seed 0 (`synthesize`, 10 images of each class, one row per class):",
        "",
        "![synthetic digits from a cGAN trained on 144 digits](images/results/augment-synthetic.png)",
    ]
    return lines


def translation_lines():
    """The image-to-image section, from benchmarks/translation_results.json if present."""
    results = read_results(os.path.join(ROOT, "benchmarks", "translation_results.json"))
    if results is None:
        return []
    rows = results["models"]
    # Rows from before each row carried its own stamp have the file's ("meta").
    stamped = {
        name: {**results.get("meta", {}), **{k: r[k] for k in ("date", "machine") if k in r}}
        for name, r in rows.items()
    }
    lines = [
        "",
        "## Image-to-image translation on the bundled photos",
        "",
        "Written by `python -m benchmarks.translation` (both models trained with their",
        "`keras-gans train MODEL` defaults; each model's machine and date beside it).",
        "Judged on the held-out right 20% of both photos (never trained on).",
    ]
    if "pix2pix" in rows:
        r, when = rows["pix2pix"], stamped["pix2pix"]
        lines += [
            "",
            f"**pix2pix** (`{r['data']}`: grayscale -> colour 32x32 patches, {r['epochs']} epochs"
            f" of batch {r['batch_size']}, {r['train_seconds']:.0f} s; {when['machine']}, "
            f"{when['date']}), {r['n']} held-out patches:",
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
        r, when = rows["cyclegan"], stamped["cyclegan"]
        late = r["val_cycle_per_epoch"][6:]
        mean_part = r["cycle_l1"] - r["cycle_l1_true_mean_colour"]
        mean_part_1 = EPOCH1_TRUE_MEAN_COLOUR[0] - EPOCH1_TRUE_MEAN_COLOUR[1]
        lines += [
            "",
            f"**CycleGAN** (`{r['data']}`: a = china.jpg patches, b = flower.jpg patches, "
            f"{r['epochs']} epochs of batch {r['batch_size']}, {r['train_seconds']:.0f} s; "
            f"{when['machine']}, {when['date']}), "
            f"{r['n_a']} + {r['n_b']} held-out patches, in "
            f"{r.get('precision') or 'float32'}"
            + (
                " (the CLI's CycleGAN asks for `--precision auto`, bfloat16 on a CPU with "
                "the units, since 2026-12-06; this row is from before: the bfloat16 runs "
                'over seeds are in performance.md, "Translation quality in bfloat16"):'
                if not r.get("precision")
                else ":"
            ),
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
