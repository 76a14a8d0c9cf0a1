"""Every family under TensorFlow's default threads and under one thread per op.

    python -m benchmarks.thread_settings                   # in `make bench`
    python -m benchmarks.thread_settings --models wgan-gp@28 --settings default,1:2

The models are those of benchmarks/families.py (what ``keras-gans train FAMILY`` builds,
in float32 and in ``mixed_bfloat16``, and the plain reference of the same networks).
Each thread setting runs in a process of its own (benchmarks/workers.py), since
TensorFlow fixes its thread pools at start-up; the rounds interleave across models and
settings, one process running at a time. ``"1:N"`` is one thread inside each op
(intra-op) and N ops at a time (inter-op), N the core count: independent passes of one
step then run side by side instead of each splitting its small convolutions over the
cores. Each ratio is against the faster of the reference's settings, so that a setting
which only slows the reference down cannot make ours look faster.
"""

import argparse
import json
import os
import statistics

from benchmarks.families import DEFAULT_MODELS, PRECISION, STEPS, WARM, computing_networks
from benchmarks.machine import save_results
from benchmarks.thread_settings_doc import RESULTS
from benchmarks.workers import DEFAULT, Worker, parse_setting

SIDES = ("ours", "ours_bf16", "reference")


def default_settings():
    """TensorFlow's default pools, and one thread per op with one op per core."""
    return [DEFAULT, f"1:{os.cpu_count()}"]


def rows_from(spec, info, steps, medians, cores=None):
    """One row per setting and precision of ours, from the median images/s of each
    ``(setting, side)``; each ratio is against the faster reference setting. ``cli``
    marks the row of what ``keras-gans train`` runs: its precision here
    (``info["cli_policy"]``) under ``--threads auto`` (``1:cores`` on a CPU)."""
    settings = list(dict.fromkeys(setting for setting, _ in medians))
    cli_threads = f"1:{cores or os.cpu_count()}"
    references = {s: medians[(s, "reference")] for s in settings}
    best = max(references, key=references.get)
    return [
        {
            "spec": spec,
            "model": info["model"],
            "data": info["data"],
            "size": info["size"],
            "batch": info["batch"],
            "steps": steps,
            "threads": setting,
            "precision": PRECISION[side],
            "ours": medians[(setting, side)],
            "reference": references[setting],
            "best_reference": references[best],
            "best_reference_threads": best,
            "ratio": medians[(setting, side)] / references[best],
            "cli": setting == cli_threads and PRECISION[side] == info["cli_policy"],
            "networks": computing_networks(PRECISION[side], info.get("precision_networks", "all")),
        }
        for setting in settings
        for side in ("ours", "ours_bf16")
    ]


def measure(spec, workers, rounds, steps, warm=WARM):
    """Interleaved rounds of every side under every worker's setting; ``rows_from``."""
    infos = [worker.build(spec, SIDES) for worker in workers]
    times = {(w.setting, side): [] for w in workers for side in SIDES}
    for r in range(rounds + 1):
        for side in SIDES:
            for worker in workers:
                seconds = worker.time(side, steps, warm)
                if r:  # round 0 traces the functions
                    times[(worker.setting, side)].append(seconds)
    batch = infos[0]["batch"]
    medians = {k: steps * batch / statistics.median(v) for k, v in times.items()}
    return rows_from(spec, infos[0], steps, medians)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", default=DEFAULT_MODELS, help="SPECs, comma-separated")
    parser.add_argument(
        "--settings",
        default=",".join(default_settings()),
        help="thread settings, comma-separated: 'default' or 'INTRA:INTER'",
    )
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--steps", type=int, default=None, help="timed steps (default: STEPS)")
    parser.add_argument("--doc-only", action="store_true", help="rewrite the doc only")
    args = parser.parse_args(argv)
    from benchmarks.throughput import rewrite_doc

    if not args.doc_only:
        settings = [s.strip() for s in args.settings.split(",") if s.strip()]
        for setting in settings:
            parse_setting(setting)
        workers = [Worker(setting) for setting in settings]
        rows = []
        try:
            for spec in [s.strip() for s in args.models.split(",") if s.strip()]:
                measured = measure(spec, workers, args.rounds, args.steps or STEPS[spec])
                for row in measured:
                    print(json.dumps(row), flush=True)
                rows += measured
        finally:
            for worker in workers:
                worker.close()
        save_results(RESULTS, rounds=args.rounds, warm=WARM, settings=settings, rows=rows)
    rewrite_doc()
    print("wrote docs/performance.md")


if __name__ == "__main__":
    main()
