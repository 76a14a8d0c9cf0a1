"""The "what the CLI's stabilisers cost" section of docs/performance.md, from
``python -m benchmarks.stabiliser_cost`` (stabiliser_cost_results.json)."""

import json
import os

from benchmarks.families_doc import TARGETS

HERE = os.path.dirname(os.path.abspath(__file__))
RESULTS = os.path.join(HERE, "stabiliser_cost_results.json")
# The row of each spec's CLI defaults, every stabiliser on.
CLI = "CLI defaults"


def _load():
    if not os.path.isfile(RESULTS):
        return None
    with open(RESULTS) as f:
        return json.load(f)


def stabiliser_cost_lines():
    """docs/performance.md's section, or [] before the first measurement."""
    saved = _load()
    if not saved:
        return []
    lines = [
        "## What the CLI's stabilisers cost",
        "",
        f"From `python -m benchmarks.stabiliser_cost` ({saved['date']}, {saved['machine']}, "
        f"{saved['rounds']} timed rounds after one warm-up round, TensorFlow at "
        f"`{saved['threads']}` threads as `--threads auto` sets them). Each family's CLI "
        "model in the CLI's precision here, at its defaults and with each stabiliser "
        "turned off, against the plain float32 reference of the families table (same "
        "networks, optimizers and update count, no stabiliser), interleaved in one "
        "process. The reference runs at the same threads here; where the thread-settings "
        "table above shows it faster under TensorFlow's default pools, a ratio against "
        "that faster reference would be lower. Share of the CLI step: the part of the CLI "
        "defaults' step time that the removed stabilisers take (1 - CLI images/s / "
        "variant images/s; from the median rounds, and in brackets from each model's "
        "fastest round). A share below zero is a variant that measured slower than the "
        "CLI defaults although it does less work: the rounds' noise on this machine, "
        "which bounds what a share here can show: the same model's ratio moves by a "
        "tenth from one run to the next, so a share under about 10% is not resolved.",
        "",
        "| family, size (data) | batch | computes in | variant | ours (img/s) | "
        "reference (img/s) | ours/reference (best rounds) | share of the CLI step (best "
        "rounds) | issue 19 target |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for row in saved["rows"]:
        share = "-"
        if row["share"] is not None:
            share = f"{100 * row['share']:.0f}% ({100 * row['share_best']:.0f}%)"
        target = TARGETS.get(row["spec"])
        lines.append(
            f"| {row['model']} {row['size']}x{row['size']} ({row['data']}) | {row['batch']} "
            f"| {row['precision']} | {row['variant']} | {row['ours']:.0f} "
            f"| {row['reference']:.0f} | {row['ratio']:.2f}x ({row['ratio_best']:.2f}x) | {share} "
            f"| {'-' if target is None else f'{target}x'} |"
        )
    lines += [""] + ["- " + verdict(spec, rows) for spec, rows in _by_spec(saved["rows"]).items()]
    return lines + [""]


def _by_spec(rows):
    by_spec = {}
    for row in rows:
        by_spec.setdefault(row["spec"], []).append(row)
    return by_spec


def verdict(spec, rows):
    """One sentence per spec: the CLI row's ratio, the fastest variant's, and whether
    even that reaches issue 19's target."""
    cli = next(r for r in rows if r["variant"] == CLI)
    best = max(rows, key=lambda r: r["ratio"])
    name = f"{cli['model']} {cli['size']}x{cli['size']}"
    text = f"{name}: {cli['ratio']:.2f}x at the CLI defaults"
    if best is not cli:
        text += f", {best['ratio']:.2f}x {best['variant']}"
    target = TARGETS.get(spec)
    if target is None:
        return text + "."
    reached = round(best["ratio"], 2) >= target
    return text + (
        f"; issue 19's {target}x is {'within' if reached else 'out of'} reach of the "
        f"training loop {'' if reached else 'even '}without the stabilisers' work."
    )
