"""What the CLI's stabilisers cost: each family's CLI model with each one removed.

    python -m benchmarks.stabiliser_cost                  # in `make bench`
    python -m benchmarks.stabiliser_cost --models dcgan --rounds 7
    python -m benchmarks.stabiliser_cost --doc-only       # rewrite docs/performance.md

The plain references of benchmarks/families.py do the update count and networks of
``keras-gans train FAMILY`` but none of its stabilisers (the EMA generator, R1, the
image pool). This measures the CLI's model (its precision on this machine, as
``--precision auto`` resolves it) at its defaults and with each stabiliser turned off,
against the float32 reference, interleaved in one process under the CLI's threads
(``--threads auto``: one thread per op, one op per core). The row without any
stabiliser is the most that the training loop gives at these networks, precision and
update count: what issue 19's targets ask of the CLI's defaults, less the work the
stabilisers add.
"""

import argparse
import json
import os

from benchmarks.families import WARM, computing_networks, spec_settings
from benchmarks.machine import save_results
from benchmarks.stabiliser_cost_doc import CLI, RESULTS

# The stabilisers each spec's CLI defaults turn on, and the model_args that remove them.
ABLATIONS = {
    "dcgan": {
        "without the EMA generator": {"ema_decay": None},
        "without R1": {"r1_weight": 0.0},
        "without either": {"ema_decay": None, "r1_weight": 0.0},
    },
    "dcgan@28": {
        "without the EMA generator": {"ema_decay": None},
        "without R1": {"r1_weight": 0.0},
        "without either": {"ema_decay": None, "r1_weight": 0.0},
    },
    "wgan-gp@28": {"without the EMA generator": {"ema_decay": None}},
    "cyclegan": {"without the image pools": {"pool_size": 0}},
}


# Timed steps per round: about 2-4 s of training each, so that one round's stall on this
# machine moves a median less than in the families table's shorter rounds.
STEPS = {"dcgan": 32, "dcgan@28": 48, "wgan-gp@28": 48, "cyclegan": 32}


def variant_settings(spec, model_args):
    """The run settings of ``spec``'s CLI defaults with ``model_args`` on top."""
    settings = spec_settings(spec)
    return {**settings, "model_args": {**settings["model_args"], **model_args}}


def build(spec):
    """``({variant: model}, dataset, info)``: the CLI's model of ``spec`` in the CLI's
    precision, once per variant (CLI defaults first), and ``"reference"``, the plain
    float32 reference of the same networks."""
    from benchmarks.families import reference_for
    from benchmarks.throughput import _with_policy
    from keras_gans import runs
    from keras_gans.runs.precision import run_policy

    settings = spec_settings(spec)
    policy = run_policy(settings)
    start = runs.fresh_run(settings)
    models = {}
    for name, args in {CLI: {}, **ABLATIONS[spec]}.items():
        variant = variant_settings(spec, args)
        models[name] = _with_policy(policy, lambda v=variant: runs.fresh_run(v).model)
    models["reference"] = reference_for(start.model, settings)
    info = {
        "model": settings["model"],
        "data": settings["data"],
        "size": settings["image_size"],
        "batch": settings["batch_size"],
        "precision": policy or "float32",
        "networks": computing_networks(policy, settings["precision_networks"]),
    }
    return models, start.dataset, info


def rows_from(spec, info, steps, medians, bests=None):
    """One row per variant from the median images/s of each model (``medians``, the
    reference's included; ``bests``: the same from each model's fastest round): its
    ratio to the reference, and the share of the CLI step's time that the removed
    stabilisers take (``1 - cli / variant``; negative where the variant measured slower,
    which is the machine's noise)."""
    bests = bests or medians
    cli, reference = medians[CLI], medians["reference"]
    return [
        {
            "spec": spec,
            **info,
            "steps": steps,
            "variant": name,
            "ours": ours,
            "reference": reference,
            "ratio": ours / reference,
            "ratio_best": bests[name] / bests["reference"],
            "share": None if name == CLI else 1.0 - cli / ours,
            "share_best": None if name == CLI else 1.0 - bests[CLI] / bests[name],
        }
        for name, ours in medians.items()
        if name != "reference"
    ]


def measure(spec, rounds, steps, warm=WARM):
    """Interleaved rounds of every variant and the reference; ``rows_from``."""
    from benchmarks.throughput import interleaved_rates

    models, dataset, info = build(spec)
    medians, bests = interleaved_rates(models, dataset, steps, info["batch"], rounds, warm)
    return rows_from(spec, info, steps, medians, bests)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", default=",".join(ABLATIONS), help="SPECs, comma-separated")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--steps", type=int, default=None, help="timed steps (default: STEPS)")
    parser.add_argument("--doc-only", action="store_true", help="rewrite the doc only")
    args = parser.parse_args(argv)
    specs = [s.strip() for s in args.models.split(",") if s.strip()]
    for spec in specs:
        if spec not in ABLATIONS:
            parser.error(f"no ablations for {spec!r}; choose from {list(ABLATIONS)}")
    from benchmarks.throughput import rewrite_doc

    if not args.doc_only:
        from benchmarks.workers import apply_setting

        threads = f"1:{os.cpu_count()}"
        apply_setting(threads)  # before TensorFlow runs an op
        rows = []
        for spec in specs:
            measured = measure(spec, args.rounds, args.steps or STEPS[spec])
            for row in measured:
                print(json.dumps(row), flush=True)
            rows += measured
        save_results(RESULTS, rounds=args.rounds, warm=WARM, threads=threads, rows=rows)
    rewrite_doc()
    print("wrote docs/performance.md")


if __name__ == "__main__":
    main()
