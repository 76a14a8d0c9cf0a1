"""docs/results.md's sections after the per-seed tables: the exploration runs that
chose the defaults (DCGAN-era families and StyleGAN2) and every seed's own row."""


def accuracy_cell(row):
    """The label-accuracy cell of a row or a summary: mean (worst class), or "-"."""
    if "accuracy" not in row:
        return "-"
    return f"{row['accuracy']:.3f} ({row['accuracy_min']:.2f})"


def exploration_lines(results):
    """The exploration runs (configs named ``x-...``), one table per kind of model."""
    floors = results.get("floors", {})
    lines = []
    explored = [r for r in results.get("seed_runs", []) if r["config"].startswith("x-")]
    dcgan = [r for r in explored if r.get("family") != "stylegan2"]
    if dcgan:
        lines += [
            "",
            "## How the defaults were found (exploration runs)",
            "",
            "Before the tables above were measured, candidate settings were tried, each the",
            "family's defaults of that time with the changes shown. The DCGAN and WGAN-GP",
            "rows of 2026-12-02 ran mostly on seeds 2 and 3 (seed 2 had collapsed with the",
            "earlier defaults; DCGAN then had 16 discriminator filters and no stabiliser).",
            "The 2026-12-03 rows ran on seed 0 from the defaults of that morning: gan 60",
            "epochs of batch 64 without augmentation; wgan with batch norm in its critic",
            "(x-wgan-e20) until x-wgan-e20-lr2e-4-nonorm; wgan-gp and cgan as in",
            "[cli.md](cli.md) before that day (cgan: BCE, 8 discriminator filters, 100",
            "epochs of batch 32). The 2026-12-04 rows ran from that morning's defaults:",
            "dcgan 120 epochs (now x-dcgan-e120, with its R1 ablation x-dcgan-no-r1-e120),",
            "gan 300 epochs, wgan 60 epochs with clip_value 0.01. The chosen rows' runs are",
            "the tables' rows of the same seeds. `x-dcgan-onednn-livetaps` (2026-12-07) is",
            "the dcgan defaults again, on an AMD EPYC with AVX2 and no AVX-512, after the",
            "CLI turned on TensorFlow's oneDNN kernels there and the discriminator's",
            "`LiveTapsConv2D` (same outputs and gradients as Conv2D, docs/cli.md): median",
            "FID 4.03 (2.99-4.38) against the dcgan row's 3.52 (3.27-3.91), measured on an",
            "AVX-512 EPYC; its train times count only the part of the runs in that session",
            "(seeds 1-3 resumed at epoch 22-23), with other work sharing the machine.",
            "`x-dcgan-avx512bf16-epyc` (and `+bf16`, the same in bfloat16) is the dcgan",
            "defaults again later that day on an AMD EPYC with AVX512_BF16 (Zen 4), and",
            "`x-dcgan-r1every8-epyc` on that CPU that evening with R1 on every 8th",
            "discriminator update instead of every 4th: median FID 3.25 (3.03-3.68) against",
            "3.90 (2.89-4.57), lower on 4 seeds of 5, and faster (docs/performance.md). It is",
            "the digits dcgan default since; the dcgan row above ran R1 every 4th update.",
            "`x-dcgan-r1every8-epyc+dbf16` is the same with the discriminator in bfloat16",
            "(`--precision mixed_bfloat16 --precision-networks discriminator`), the",
            "default since that night: median FID 3.26, within the float32 row's range,",
            "but seeds 0 and 4 above its worst (docs/cli.md, docs/performance.md).",
            "`x-dcgan-gathered-epyc` (2026-12-08, the same CPU, two at once, nothing else",
            "running) is that default again after the discriminator's 4x4 to 2x2",
            "convolution began computing as one matmul of gathered patches (the same",
            "function summed in another order, so each seed's run is another draw;",
            "docs/models.md): median FID 3.33 (2.74-3.68), every seed within or below the",
            "float32 row's range (3.03-3.68), in 343-385 s of training against 401-587 s.",
            "",
            *exploration_table(dcgan),
        ]
    styled = [r for r in explored if r.get("family") == "stylegan2"]
    if styled:
        lines += [
            "",
            "## StyleGAN2 on MNIST 32x32 (exploration runs)",
            "",
            "Each run is `keras-gans train stylegan2` with the CLI defaults of its day and",
            "the changes shown, on the seeds shown: channel_base 512, channel_max 64, R1 every 16",
            "updates, path length 2 every 4, style mixing 0.9, EMA 0.999, batch 32; until",
            "2026-12-04 also 8 epochs, no augmentation and float32 (the rows' own changes",
            "say which mapping depth and R1 gamma each ran). The `x-sg-e64`/`e80`/`e90` rows",
            "of 2026-12-05 changed the defaults of that morning (ADA, 16 epochs, float32),",
            "which `x-sg-defaults-e16` is (trained alone on both cores); `x-sg-e80-bf16` is",
            "seed 0 of the 80-epoch bfloat16 defaults chosen next (`x-sg-defaults-e80`,",
            "seeds 0-2), and the `x-sg-ema`, `x-sg-e72-*` and `x-sg-e64-cmax128` rows change",
            "those (`learning_rate` sets both optimizers' rates; every row without it ran",
            "with the class's, 2e-3 for the generator and 2.35e-3 for the discriminator,",
            "which `learning_rate=None` also means). Those 80-epoch defaults at 72",
            "epochs, chosen to fit 15 minutes, are `x-sg-defaults-e72-mix0.9` (the whole run",
            "alone took 917.5 s); `x-sg-e72-f32` changes them to float32. The same 72",
            "epochs with no style mixing are `x-sg-defaults-e72-mix0` (seeds 0-4; the whole",
            "run alone took 880.3 s and 826.0 s: docs/models.md), and `x-sg-e76-mix0-nopl`",
            "and `x-sg-e62-cmax128` (128 channels at 4x4, 14% more a step, hence 62 epochs)",
            "change them. The stylegan2 rows above are those with both optimizers at 3e-3",
            "(the same steps and ops: only the rate differs). Each row",
            "below ran with style mixing 0.9 where it shows `style_mixing=0.9`, else without.",
            "Before all of them, the paper's 8 mapping layers with R1 gamma 0.1 drew the",
            "same digit in every cell by epoch 2 (the run was stopped), and so did R1 gamma",
            "5 with 8 mapping layers.",
            *(
                [
                    "",
                    f"Floor at 32x32 (held-out MNIST against the train split, the 32-pixel "
                    f"classifier): FID {floors['mnist-32']['fid']:.2f}; the target is 2.5x that.",
                ]
                if "mnist-32" in floors
                else []
            ),
            "",
            *exploration_table(styled, raw=True, data="mnist"),
        ]
    return lines


def every_seed_lines(results):
    """One row per seed of every CLI-default and ablation config."""
    lines = []
    per_seed = [r for r in results.get("seed_runs", []) if not r["config"].startswith("x-")]
    if per_seed:
        lines += [
            "",
            "## Every seed",
            "",
            "Computes in: the dtype the run trained in. The CLI trains in float32 unless "
            "asked, or unless a family's defaults say `--precision auto` (stylegan2, and "
            "dcgan, wgan-gp and cgan on MNIST: bfloat16 on this CPU; docs/cli.md). Rows named `+bf16` trained in bfloat16: "
            "x-wgan-gp-earlier-classifiers+bf16 (wgan-gp+bf16 until 2026-12-04) asked for it. "
            "The exploration rows x-wgan-e60-clip0.01-bf16 (seed 4, wgan's "
            "defaults of 2026-12-03) and x-cgan-no-classifier-bf16 ran on 2026-12-03 while "
            "the working tree briefly defaulted to `--precision auto` (bfloat16 on this "
            "CPU), since reverted, so they are not CLI-default rows.",
            "",
            "| config | data | seed | FID | precision | recall | class coverage | label accuracy "
            "(worst) | computes in | train time | date |",
            "|---|---|---|---|---|---|---|---|---|---|---|",
        ]
        for r in sorted(per_seed, key=lambda r: (r["data"], r["config"], r["seed"])):
            lines.append(
                f"| {r['config']} | {r['data']} | {r['seed']} | {r['fid']:.2f} "
                f"| {r['precision']:.3f} | {r['recall']:.3f} | {r['coverage']:.1f} "
                f"| {accuracy_cell(r)} "
                f"| {r.get('compute_dtype', 'float32')} | {r['train_seconds']:.0f} s "
                f"| {r['date']} |"
            )
    return lines


def exploration_table(rows, raw=False, data="digits"):
    """One line per run; with ``raw``, also the FID and coverage of its raw generator.
    A run on another dataset than ``data`` names its dataset among the changes."""
    extra_head = " FID, coverage (raw generator) |" if raw else ""
    lines = [
        "| run | changes | seed | FID | precision | recall | class coverage | label accuracy "
        "(worst) | train time |" + extra_head,
        "|---|---|---|---|---|---|---|---|---|" + ("---|" if raw else ""),
    ]
    for r in sorted(rows, key=lambda r: (r["date"], r["config"], r["seed"])):
        extra = dict(r.get("extra", {}))
        changes = [f"{k}={v}" for k, v in extra.pop("model_args", {}).items()]
        changes += [f"{k}={v}" for k, v in extra.items()]
        changes += [f"data={r['data']}"] if r["data"] != data else []
        lines.append(
            f"| {r['config']} | {', '.join(changes)} | {r['seed']} | {r['fid']:.2f} "
            f"| {r['precision']:.3f} | {r['recall']:.3f} | {r['coverage']:.1f} "
            f"| {accuracy_cell(r)} "
            f"| {r['train_seconds']:.0f} s (threads: {r.get('threads', 'all')}) |"
            + (f" {r['fid_raw']:.2f}, {r['coverage_raw']:.1f} |" if raw and "fid_raw" in r else "")
            + (" - |" if raw and "fid_raw" not in r else "")
        )
    return lines
