"""Sections of docs/results.md beside the per-seed tables: classification accuracy
scores of the conditional models and the synthetic-training-data tutorial's figures."""

from benchmarks.quality import read_results


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
