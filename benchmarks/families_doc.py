"""The "every family" section of docs/performance.md, from benchmarks/families_results.json."""

import json
import os

from benchmarks.machine import UNRECORDED, threads_text

HERE = os.path.dirname(os.path.abspath(__file__))
RESULTS = os.path.join(HERE, "families_results.json")
PLOT = os.path.join(os.path.dirname(HERE), "docs", "images", "performance", "families.png")
# Issue 19's targets for the CLI's settings, by spec: the least median ratio.
TARGETS = {"dcgan": 1.8, "dcgan@28": 2.0, "wgan-gp@28": 2.0, "pix2pix": 1.5, "cyclegan": 1.5}


# What the 2026-12-08 run showed, and the rows it replaced (written after reading them;
# rerunning the benchmark rewrites the table, not this).
READING = [
    "Read on 2026-12-08 (an AMD EPYC of the Zen 4 kind: AVX-512 with AVX512_BF16, no "
    "AMX; 2 cores, TensorFlow's default threads, nothing else running, 23:53-00:12 UTC "
    "from the evening of 2026-12-07), after `LiveTapsConv2D` began computing outputs of "
    '2 to 4 positions as one matmul ("Few output positions as one matmul" below). '
    "In float32 ours runs at 1.10-1.70x the plain reference for every family but the "
    "MLP GAN (0.91x: its DiffAugment) and CycleGAN (0.98x); its peak memory is 31-247 "
    "MiB below the reference's but for the MLP GAN and DCGAN 28x28 (the same, within 1 "
    "MiB) and DCGAN 64x64 (1,586 against 1,418 MiB). In bfloat16 it peaks 6-28 MiB above "
    "the reference at the MLP GAN and at 28x28, 133 MiB at DCGAN 64x64, below it for the "
    "rest. With these threads bfloat16 pays at every size but for the MLP GAN and "
    "CycleGAN (1.05x against 0.91x and 0.98x): DCGAN 16x16 2.05x against 1.59x in "
    "float32 (the discriminator alone in bfloat16, the CLI's choice), WGAN 1.53x against "
    "1.17x, WGAN-GP 2.11x against 1.70x, the conditional GAN 1.46x against 1.17x, "
    "pix2pix 1.43x against 1.34x; at 28x28 DCGAN 1.35x against 1.10x and WGAN-GP 2.07x "
    "against 1.55x; DCGAN 64x64 1.47x against 1.10x. The matmul peaks show why it pays "
    "less than on the Xeon below: bfloat16 is 2.0x float32 here (403 against 203 "
    "GFLOP/s), 3.4-5.1x there. Issue 19's targets are for the CLI's settings, which "
    "include `--threads auto` (one thread per op, two ops at a time): the next section's "
    "bold rows, not this table's.",
    "",
    "The run before (2026-12-07, 11:35-11:55 UTC, the same CPU and threads, with the "
    "convolution in place of the gathered matmul, its dcgan 16x16 and 64x64 rows rerun "
    "that night at the digits defaults of then) measured DCGAN 16x16 1.81x against 1.54x "
    "in float32, WGAN 1.38x against 1.20x, WGAN-GP 1.81x against 1.59x, pix2pix 1.63x "
    "against 1.55x, DCGAN 28x28 1.34x against 1.08x and WGAN-GP 28x28 1.89x against "
    "1.62x. Here pix2pix measured lower (1.43x against 1.63x) and DCGAN 28x28 about the "
    "same (1.35x against 1.34x), where interleaved comparisons in one process at these "
    "threads measured the gathered form +2% and +8%: with 8 timed steps per round at "
    "28x28 and for pix2pix, a row of this table moves by a tenth or more between runs.",
    "",
    "The rows the 2026-12-07 run replaced were measured on an Intel Xeon with AMX units "
    "(2026-12-05, both threads), before the live-taps layers and WGAN-GP's single "
    "critic backward pass (docs/models.md): there float32 ran at 0.88-1.05x the "
    "reference for every family but WGAN-GP (1.45x at 16x16, 1.30x at 28x28), and "
    "bfloat16 was slower than float32 at 16x16 (DCGAN 0.92x against 1.00x, WGAN 0.67x "
    "against 0.95x, WGAN-GP 1.01x against 1.45x, the conditional GAN 0.73x against "
    "0.93x, pix2pix 0.92x against 1.02x) and faster above (DCGAN 28x28 1.26x against "
    "0.99x, WGAN-GP 28x28 1.54x against 1.30x, DCGAN 64x64 1.47x against 1.05x, CycleGAN "
    "1.16x against 1.00x). That is why the CLI asks for bfloat16 (`--precision auto`) "
    "only at the MNIST defaults, for CycleGAN and for StyleGAN2. At one thread on that "
    "Xeon WGAN-GP 28x28 in bfloat16 measured 2.51x, and with TensorFlow's threads 1.54x, "
    "1.75x and 2.09x in three runs: a row of one run is one draw. Rows of different "
    "machines or threads are no measure of each other; each ratio is against the "
    "reference of its own run.",
    "",
]


def row_label(row):
    """A row's family, size and data as the tables name them."""
    return f"{row['model']} {row['size']}x{row['size']} ({row['data']})"


def computes_in(row):
    """A row's precision as the tables name it: the policy, and where only the
    discriminator computes in it (``--precision-networks discriminator``), that."""
    if row.get("networks") == "discriminator":
        return f"{row['precision']} (discriminator; generator float32)"
    return row["precision"]


def _fraction(flops_per_second, peak):
    return f"{flops_per_second / 1e9 / peak:.1%}" if peak else "-"


def _memory(row):
    if "peak_rss_mib" not in row:
        return "-"
    return (
        f"{row['peak_rss_mib']:.0f} / {row['reference_peak_rss_mib']:.0f} "
        f"(+{row['training_mib']:.0f} / +{row['reference_training_mib']:.0f})"
    )


def target_verdict(row):
    """Issue 19's target for the row's spec and whether its ratio meets it, or "-"."""
    target = TARGETS.get(row["spec"])
    if target is None:
        return "-"
    verdict = "met" if row["ratio"] >= target else "missed"
    return f"{target}x: {verdict}"


def ratio_bar_chart(rows, bars, bar_key, bar_label, xlabel, path, bar_height, row_height):
    """A horizontal bar per spec and per bar of ``bars`` (``bar_key(row)`` picks a row's
    bar, ``bar_label(bar)`` names it in the legend): the rows' ratios, issue 19's
    targets dashed, saved to ``path``. Needs matplotlib (installed with mlxtend);
    returns the path or None."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return None
    specs = list(dict.fromkeys(r["spec"] for r in rows))
    by = {(r["spec"], bar_key(r)): r for r in rows}
    fig, ax = plt.subplots(figsize=(10, row_height * len(specs) + 1.2))
    for i, bar in enumerate(bars):
        ratios = [by[(s, bar)]["ratio"] if (s, bar) in by else 0 for s in specs]
        ys = [k + (i - (len(bars) - 1) / 2) * bar_height for k in range(len(specs))]
        ax.barh(ys, ratios, bar_height, label=bar_label(bar))
    for k, spec in enumerate(specs):
        if spec in TARGETS:
            ax.plot([TARGETS[spec]] * 2, [k - 0.45, k + 0.45], "k--", lw=1)
    labels = {r["spec"]: row_label(r) for r in rows}
    ax.axvline(1.0, color="grey", lw=1)
    ax.set_yticks(range(len(specs)))
    ax.set_yticklabels([labels[s] for s in specs])
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)
    fig.tight_layout()
    os.makedirs(os.path.dirname(path), exist_ok=True)
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def plot(rows, path=None):
    """A bar per family and precision: the median ratio to the reference, the targets
    marked, saved to ``path`` (default: ``PLOT``, read at call time). Needs matplotlib
    (installed with mlxtend); returns the path or None."""
    return ratio_bar_chart(
        rows,
        bars=("float32", "mixed_bfloat16"),
        bar_key=lambda r: r["precision"],
        bar_label=lambda precision: f"ours, {precision}",
        xlabel="images/s, ours / plain reference (median of rounds); dashed: issue 19 target",
        path=PLOT if path is None else path,
        bar_height=0.38,
        row_height=0.55,
    )


def later_runs(rows):
    """A line per later run (``benchmarks.families --update``) whose rows are marked *:
    its date, rounds, threads and matmul peaks, against which those rows' fractions are."""
    runs = {}
    for r in rows:
        if "date" in r:
            machine = r.get("machine", UNRECORDED)
            run = (r["date"], machine, r["rounds"], r["threads"], r["peak"], r["peak_bf16"])
            runs.setdefault(run, []).append(r["spec"])
    lines = []
    for (date, machine, rounds, threads, peak, peak_bf16), specs in runs.items():
        names = ", ".join(dict.fromkeys(specs))
        lines.append(
            f"\\* Measured again on {date} on {machine} (`--update`; {rounds} rounds, "
            f"{threads_text(threads)}; "
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
        f"From `python -m benchmarks.families` ({saved['date']}, "
        f"{saved.get('machine', UNRECORDED)}, {saved['rounds']} timed rounds "
        f"after one warm-up round, {threads_text(threads)}; matmul peaks in "
        f"the same run: float32 {peak:.0f} GFLOP/s, bfloat16 {peak_bf16:.0f} GFLOP/s). Ours is "
        "the model `keras-gans train FAMILY` builds (`runs.fresh_run`: the CLI's networks, "
        "stabilisers, optimizers, learning rates and training stream), in float32 (the CLI's "
        "default) and in `mixed_bfloat16` (`--precision auto` on this CPU) from the same "
        "weights. The reference (benchmarks/reference/) trains copies of the same networks "
        "with the same optimizers and number of optimizer updates, written plainly: the "
        "Keras examples' style for the noise-to-image families, the TensorFlow tutorials' for "
        "pix2pix and CycleGAN; since 2026-12-07 in plain `keras.layers.Conv2D` where ours has "
        "`networks.LiveTapsConv2D` (benchmarks/reference/plain_layers.py; tables measured "
        "before that date ran the reference on our layers). All three train on the same stream, interleaved in each round, "
        "timed inside one `fit` call after 2 untimed steps; the ratio is of the median rounds "
        "against the float32 reference. The CLI's per-epoch callbacks (grids, checkpoints, "
        "TensorBoard) are outside the timing. Every model here runs on TensorFlow's "
        "default thread pools; the CLI's own setting (`--threads auto`: one thread per "
        "op, one op per core) is measured in the next section. Peak memory: the peak "
        "resident set of a fresh "
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
            f"| {row_label(r)}{'*' if 'date' in r else ''} | {r['batch']} | {computes_in(r)} "
            f"| {r['ours']:.0f} | {r['reference']:.0f} | {r['ratio']:.2f}x "
            f"| {r['ours_best'] / r['reference_best']:.2f}x "
            f"| {r['flops_per_image'] / 1e9:.4f} | {_fraction(achieved, r.get('peak', peak))} "
            f"| {_fraction(achieved, r.get('peak_bf16', peak_bf16))} | {_memory(r)} "
            f"| {target_verdict(r)} |"
        )
    lines += later_runs(rows)
    picture = plot(rows)
    if picture:
        rel = os.path.relpath(picture, os.path.join(os.path.dirname(HERE), "docs"))
        lines += ["", f"![ours / reference by family]({rel})"]
    lines += [
        "",
        "What the CLI's defaults add to the reference's work, per family: DCGAN the R1 "
        "penalty (every 4th discriminator update; every 8th on the digits since the "
        "evening of 2026-12-07, after this table) and the EMA generator's update (the "
        "rows before 2026-12-05 also measured DiffAugment on every discriminator input, "
        "which the default had until the afternoon of 2026-12-04); WGAN, WGAN-GP and the "
        "conditional GAN the EMA update "
        "(WGAN-GP also computes its penalty on one critic update in 5, where the reference "
        "computes it on every one: less work; the conditional GAN on every one, as its "
        "reference); CycleGAN the image "
        "pools and a second discriminator pass on the pooled fakes (the tutorial reuses the "
        "generator step's). The MLP GAN adds DiffAugment. So a ratio below 1 is the price "
        "of those stabilisers, not of the training loop. The FLOP estimate counts WGAN-GP's "
        "penalty on every critic update, so its fractions overstate.",
        "",
    ]
    return lines + READING
