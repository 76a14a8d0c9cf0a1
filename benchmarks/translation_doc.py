"""The "translation in bfloat16" section of docs/performance.md: the seed rows of
``python -m benchmarks.translation --seeds S --precision P`` (translation_results.json)."""

import json
import os
import statistics

HERE = os.path.dirname(os.path.abspath(__file__))
RESULTS = os.path.join(HERE, "translation_results.json")

# (key, column title, format); the held-out cycle L1 is the measure the verdict reads.
COLUMNS = (
    ("cycle_first_epoch", "cycle L1 after epoch 1", ".3f"),
    ("cycle_l1", "cycle L1 at the end", ".3f"),
    ("a2b_as_b", "a->b called b", ".3f"),
    ("b2a_as_a", "b->a called a", ".3f"),
    ("train_seconds", "train s", ".0f"),
)


def _load():
    if not os.path.isfile(RESULTS):
        return {}
    with open(RESULTS) as f:
        return json.load(f).get("seed_rows", {})


def spread(values):
    """``"median (low-high)"`` of ``values`` at 3 decimals."""
    return f"{statistics.median(values):.3f} ({min(values):.3f}-{max(values):.3f})"


def verdict(model, by_precision, key="cycle_l1"):
    """One sentence: where each other precision's median of ``key`` falls against
    float32's seed-to-seed range (the range of the same seeds' float32 runs)."""
    if "float32" not in by_precision:
        return f"{model}: no float32 rows to compare with."
    base = [row[key] for row in by_precision["float32"]]
    low, high = round(min(base), 3), round(max(base), 3)  # compared as printed
    parts = []
    for precision, rows in sorted(by_precision.items()):
        if precision == "float32":
            continue
        median = round(statistics.median(row[key] for row in rows), 3)
        where = "within" if low <= median <= high else ("below" if median < low else "above")
        parts.append(
            f"{model} in {precision}: median {key} {median:.3f}, {where} float32's seed "
            f"range {low:.3f}-{high:.3f} ({len(rows)} and {len(base)} seeds)."
        )
    return " ".join(parts)


def translation_precision_lines():
    """The section's lines, or [] when no seed rows have been written."""
    rows = _load()
    if not rows:
        return []
    by_model = {}
    for row in rows.values():
        by_model.setdefault(row["model"], {}).setdefault(row["precision"], []).append(row)
    dates = sorted({row["date"] for row in rows.values()})
    machines = sorted({row["machine"] for row in rows.values()})
    lines = [
        "## Translation quality in bfloat16",
        "",
        "From `python -m benchmarks.translation --models MODEL --seeds "
        f"{','.join(str(seed) for seed in sorted({row['seed'] for row in rows.values()}))} "
        "--precision P` "
        f"({', '.join(dates)}; {'; '.join(machines)}; the runs one after another): the "
        "CLI defaults but the precision, judged on the held-out photo strips as "
        "docs/results.md judges the default (the held-out cycle L1 of a->b->a plus "
        "b->a->b, lower is better, and how often the domain classifier calls the "
        "translations the other domain). A seed's two runs start from the same weights "
        "but round differently from the first step: two draws, not a pair. Train "
        "seconds are upper bounds (other work shared the 2 cores during some runs); "
        "the throughput tables are the speed comparison.",
        "",
        "| model | precision | seed | " + " | ".join(title for _, title, _ in COLUMNS) + " |",
        "|---|---|---|" + "---|" * len(COLUMNS),
    ]
    for model, by_precision in sorted(by_model.items()):
        for precision, group in sorted(by_precision.items()):
            group.sort(key=lambda row: row["seed"])
            for row in group:
                cells = [format(row[key], fmt) for key, _, fmt in COLUMNS]
                lines.append(f"| {model} | {precision} | {row['seed']} | " + " | ".join(cells) + " |")  # fmt: skip
            cells = [spread([row[key] for row in group]) for key, _, _ in COLUMNS[:-1]]
            lines.append(f"| {model} | {precision} | median (range) | " + " | ".join(cells) + " | |")  # fmt: skip
        lines += ["", verdict(model, by_precision)]
    return lines + [""]
