"""The "every family" section of docs/performance.md, from benchmarks/families_results.json."""

import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
RESULTS = os.path.join(HERE, "families_results.json")
PLOT = os.path.join(os.path.dirname(HERE), "docs", "images", "performance", "families.png")
# Issue 19's targets for the CLI's settings, by spec: the least median ratio.
TARGETS = {"dcgan": 1.8, "dcgan@28": 2.0, "wgan-gp@28": 2.0, "pix2pix": 1.5, "cyclegan": 1.5}


# What the 2026-12-04 run showed (written after reading it; rerunning the benchmark
# rewrites the table, not this).
READING = [
    "Read on 2026-12-04 (one thread, the other core training a seed run): in float32, at "
    "the CLI's defaults, ours runs at 0.91-1.03x the plain reference for every family "
    "except WGAN-GP (1.46x at 16x16, where the lazy penalty skips four penalties in "
    "five). What our training loop saves (DCGAN's simultaneous update, for one) the "
    "stabilisers the CLI turns on spend again. `mixed_bfloat16` adds 7-25% at 16x16 and "
    "32x32 and 63% at 64x64: the larger the convolutions, the more the bfloat16 units "
    "pay. No CLI target of issue 19 is met: DCGAN 16x16 1.13x at best (target 1.8x), "
    "pix2pix 1.20x and CycleGAN 1.14x (1.5x). Memory: TensorFlow alone holds about 700 "
    "MiB after its import; a run of ours peaks lower than the reference for every family "
    "but DCGAN, whose EMA generator, R1 double backprop and augmentations take its "
    "training's share from 124 MiB to 329 MiB at 16x16 (292 to 793 MiB at 64x64).",
    "",
    "The 28x28 rows (marked *) were measured again on 2026-12-05 with `--update`, alone "
    "on the machine, at the families' MNIST defaults (batch 32; DCGAN a 32-filter "
    "discriminator with R1 every 4 updates and no DiffAugment, WGAN-GP one critic update "
    "per generator update; docs/cli.md); the rows they replace (2026-12-04) had measured "
    "the digits settings at batch 64. At the MNIST defaults DCGAN runs at 1.03x the "
    "reference in float32 and 1.32x in bfloat16 (the 2026-12-04 rows: 0.92x and 1.23x), "
    "WGAN-GP at 1.48x and 1.94x (1.52x and 1.93x): issue 19's 2.0x is missed by both, "
    "WGAN-GP by 0.06. Issue 19 states that target at batch 64; the CLI's MNIST batch is "
    "32 now, so these rows measure the CLI and not batch 64. The FLOP estimate counts "
    "WGAN-GP's penalty on every critic update and DCGAN's R1 on none, so neither row's "
    "fraction of a peak is exact.",
    "",
]


def _label(row):
    return f"{row['model']} {row['size']}x{row['size']} ({row['data']})"


def _fraction(flops_per_second, peak):
    return f"{flops_per_second / 1e9 / peak:.1%}" if peak else "-"


def _memory(row):
    if "peak_rss_mib" not in row:
        return "-"
    return (
        f"{row['peak_rss_mib']:.0f} / {row['reference_peak_rss_mib']:.0f} "
        f"(+{row['training_mib']:.0f} / +{row['reference_training_mib']:.0f})"
    )


def _target(row):
    target = TARGETS.get(row["spec"])
    if target is None:
        return "-"
    verdict = "met" if row["ratio"] >= target else "missed"
    return f"{target}x: {verdict}"


def plot(rows, path=None):
    """A bar per family and precision: the median ratio to the reference, the targets
    marked, saved to ``path`` (default: ``PLOT``, read at call time). Needs matplotlib
    (installed with mlxtend); returns the path or None."""
    path = PLOT if path is None else path
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return None
    specs = list(dict.fromkeys(r["spec"] for r in rows))
    by = {(r["spec"], r["precision"]): r for r in rows}
    fig, ax = plt.subplots(figsize=(10, 0.55 * len(specs) + 1.2))
    height = 0.38
    for i, precision in enumerate(("float32", "mixed_bfloat16")):
        ratios = [by[(s, precision)]["ratio"] if (s, precision) in by else 0 for s in specs]
        ys = [k + (i - 0.5) * height for k in range(len(specs))]
        ax.barh(ys, ratios, height, label=f"ours, {precision}")
    for k, spec in enumerate(specs):
        if spec in TARGETS:
            ax.plot([TARGETS[spec]] * 2, [k - 0.45, k + 0.45], "k--", lw=1)
    ax.axvline(1.0, color="grey", lw=1)
    ax.set_yticks(range(len(specs)))
    ax.set_yticklabels([_label(by[(s, "float32")]) for s in specs])
    ax.invert_yaxis()
    ax.set_xlabel("images/s, ours / plain reference (median of rounds); dashed: issue 19 target")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)
    fig.tight_layout()
    os.makedirs(os.path.dirname(path), exist_ok=True)
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def later_runs(rows):
    """A line per later run (``benchmarks.families --update``) whose rows are marked *:
    its date, rounds, threads and matmul peaks, against which those rows' fractions are."""
    runs = {}
    for r in rows:
        if "date" in r:
            run = (r["date"], r["rounds"], r["threads"], r["peak"], r["peak_bf16"])
            runs.setdefault(run, []).append(r["spec"])
    lines = []
    for (date, rounds, threads, peak, peak_bf16), specs in runs.items():
        names = ", ".join(dict.fromkeys(specs))
        lines.append(
            f"\\* Measured again on {date} (`--update`; {rounds} rounds, {threads} thread(s); "
            f"matmul peaks in that run: float32 {peak:.0f} GFLOP/s, bfloat16 {peak_bf16:.0f} "
            f"GFLOP/s, the fractions' base for these rows): {names}."
        )
    return ["", *lines] if lines else []


def families_lines():
    """The section's Markdown lines, or [] before benchmarks.families has run."""
    if not os.path.isfile(RESULTS):
        return []
    with open(RESULTS) as f:
        saved = json.load(f)
    rows, peak, peak_bf16 = saved["rows"], saved["peak"], saved["peak_bf16"]
    threads = saved.get("threads", "all")
    lines = [
        "## Every family at its CLI defaults",
        "",
        f"From `python -m benchmarks.families` ({saved['date']}, {saved['rounds']} timed rounds "
        f"after one warm-up round, TensorFlow limited to {threads} thread(s); matmul peaks in "
        f"the same run: float32 {peak:.0f} GFLOP/s, bfloat16 {peak_bf16:.0f} GFLOP/s). Ours is "
        "the model `keras-gans train FAMILY` builds (`runs.fresh_run`: the CLI's networks, "
        "stabilisers, optimizers, learning rates and training stream), in float32 (the CLI's "
        "default) and in `mixed_bfloat16` (`--precision auto` on this CPU) from the same "
        "weights. The reference (benchmarks/reference/) trains copies of the same networks "
        "with the same optimizers and number of optimizer updates, written plainly: the "
        "Keras examples' style for the noise-to-image families, the TensorFlow tutorials' for "
        "pix2pix and CycleGAN. All three train on the same stream, interleaved in each round, "
        "timed inside one `fit` call after 2 untimed steps; the ratio is of the median rounds "
        "against the float32 reference. The CLI's per-epoch callbacks (grids, checkpoints, "
        "TensorBoard) are outside the timing. Peak memory: the peak resident set of a fresh "
        "process that builds that one model (and the float32 model it copies) and trains the "
        "same steps, TensorFlow's own footprint and the data included; in brackets, how much "
        "the training steps raised it above its peak after building.",
        "",
        "| family, size (data) | batch | ours computes in | ours (img/s) | reference (img/s) "
        "| ours/reference | best of rounds | est. GFLOP per image-step "
        "| fraction of float32 peak | fraction of bfloat16 peak "
        "| peak RSS ours / reference, MiB (training's share) | issue 19 target |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        achieved = r["ours"] * r["flops_per_image"]
        lines.append(
            f"| {_label(r)}{'*' if 'date' in r else ''} | {r['batch']} | {r['precision']} "
            f"| {r['ours']:.0f} | {r['reference']:.0f} | {r['ratio']:.2f}x "
            f"| {r['ours_best'] / r['reference_best']:.2f}x "
            f"| {r['flops_per_image'] / 1e9:.4f} | {_fraction(achieved, r.get('peak', peak))} "
            f"| {_fraction(achieved, r.get('peak_bf16', peak_bf16))} | {_memory(r)} "
            f"| {_target(r)} |"
        )
    lines += later_runs(rows)
    picture = plot(rows)
    if picture:
        rel = os.path.relpath(picture, os.path.join(os.path.dirname(HERE), "docs"))
        lines += ["", f"![ours / reference by family]({rel})"]
    lines += [
        "",
        "What the CLI's defaults add to the reference's work, per family: DCGAN the R1 "
        "penalty (every 4th discriminator update), DiffAugment on every discriminator input "
        "(the DCGAN defaults these rows measured; the default has had no DiffAugment since "
        "the afternoon of 2026-12-04, which makes its step cheaper) "
        "and the EMA generator's update; WGAN, WGAN-GP and the conditional GAN the EMA update "
        "(WGAN-GP also computes its penalty on one critic update in 5, where the reference "
        "computes it on every one: less work; the conditional GAN on every one, as its "
        "reference); CycleGAN the image "
        "pools and a second discriminator pass on the pooled fakes (the tutorial reuses the "
        "generator step's). The MLP GAN adds DiffAugment. So a ratio below 1 is the price "
        "of those stabilisers, not of the training loop. The FLOP estimate counts WGAN-GP's "
        "penalty on every critic update, so its fractions overstate (past 100% at 28x28).",
        "",
    ]
    return lines + READING
