"""The "translation in bfloat16" section of docs/performance.md: the seed rows of
``python -m benchmarks.translation --seeds S --precision P`` (translation_results.json)."""

import json
import os
import statistics

HERE = os.path.dirname(os.path.abspath(__file__))
RESULTS = os.path.join(HERE, "translation_results.json")

# Per model: what its table shows ((key, column title, format), train seconds last),
# the key the verdict reads (compared in its column's format), and how docs/results.md
# judges it.
MODELS = {
    "cyclegan": {
        "columns": (
            ("cycle_first_epoch", "cycle L1 after epoch 1", ".3f"),
            ("cycle_l1", "cycle L1 at the end", ".3f"),
            ("a2b_as_b", "a->b called b", ".3f"),
            ("b2a_as_a", "b->a called a", ".3f"),
            ("train_seconds", "train s", ".0f"),
        ),
        "key": "cycle_l1",
        "measure": "the held-out cycle L1 of a->b->a plus b->a->b, lower is better, and "
        "how often the domain classifier calls the translations the other domain",
    },
    "pix2pix": {
        "columns": (
            ("psnr_model", "held-out PSNR (dB)", ".2f"),
            ("gain", "gain over the input (dB)", ".2f"),
            ("train_seconds", "train s", ".0f"),
        ),
        "key": "psnr_model",
        "measure": "the held-out PSNR of its colour output against the colour target, "
        "higher is better, and its gain over the PSNR of the grayscale input itself",
    },
}


def _load():
    if not os.path.isfile(RESULTS):
        return {}
    with open(RESULTS) as f:
        return json.load(f).get("seed_rows", {})


def spread(values, fmt=".3f"):
    """``"median (low-high)"`` of ``values`` in ``fmt``."""
    low, high = format(min(values), fmt), format(max(values), fmt)
    return f"{format(statistics.median(values), fmt)} ({low}-{high})"


def verdict(model, by_precision, key="cycle_l1", fmt=".3f"):
    """One sentence: where each other precision's median of ``key`` falls against
    float32's seed-to-seed range (the range of the same seeds' float32 runs), the
    values compared as printed in ``fmt``."""
    if "float32" not in by_precision:
        return f"{model}: no float32 rows to compare with."

    def printed(value):
        return float(format(value, fmt))

    base = [row[key] for row in by_precision["float32"]]
    low, high = printed(min(base)), printed(max(base))
    parts = []
    for precision, rows in sorted(by_precision.items()):
        if precision == "float32":
            continue
        median = printed(statistics.median(row[key] for row in rows))
        where = "within" if low <= median <= high else ("below" if median < low else "above")
        parts.append(
            f"{model} in {precision}: median {key} {median:{fmt}}, {where} float32's seed "
            f"range {low:{fmt}}-{high:{fmt}} ({len(rows)} and {len(base)} seeds)."
        )
    return " ".join(parts)


def _model_lines(model, by_precision):
    spec = MODELS[model]
    columns = spec["columns"]
    rows = [row for group in by_precision.values() for row in group]
    dates = sorted({row["date"] for row in rows})
    machines = sorted({row["machine"] for row in rows})
    seeds = ",".join(str(seed) for seed in sorted({row["seed"] for row in rows}))
    lines = [
        f"### {model}",
        "",
        f"From `python -m benchmarks.translation --models {model} --seeds {seeds} "
        f"--precision P` ({', '.join(dates)}; {'; '.join(machines)}; the runs one after "
        f"another), judged by {spec['measure']}.",
        "",
        "| model | precision | seed | " + " | ".join(title for _, title, _ in columns) + " |",
        "|---|---|---|" + "---|" * len(columns),
    ]
    for precision, group in sorted(by_precision.items()):
        group.sort(key=lambda row: row["seed"])
        for row in group:
            cells = [format(row[key], fmt) for key, _, fmt in columns]
            lines.append(f"| {model} | {precision} | {row['seed']} | " + " | ".join(cells) + " |")  # fmt: skip
        cells = [spread([row[key] for row in group], fmt) for key, _, fmt in columns[:-1]]
        lines.append(f"| {model} | {precision} | median (range) | " + " | ".join(cells) + " | |")  # fmt: skip
    key_fmt = next(fmt for key, _, fmt in columns if key == spec["key"])
    return lines + ["", verdict(model, by_precision, spec["key"], key_fmt), ""]


def translation_precision_lines():
    """The section's lines, or [] when no seed rows have been written."""
    rows = _load()
    if not rows:
        return []
    by_model = {}
    for row in rows.values():
        by_model.setdefault(row["model"], {}).setdefault(row["precision"], []).append(row)
    lines = [
        "## Translation quality in bfloat16",
        "",
        "Each model trained at its CLI defaults but the precision, over seeds, and judged "
        "on the held-out photo strips as docs/results.md judges the default. A seed's two "
        "runs start from the same weights but round differently from the first step: two "
        "draws, not a pair. Train seconds are upper bounds (other work shared the 2 cores "
        "during some runs); the throughput tables are the speed comparison.",
        "",
    ]
    for model, by_precision in sorted(by_model.items()):
        lines += _model_lines(model, by_precision)
    return lines
