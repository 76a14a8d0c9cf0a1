"""Every family at its CLI defaults against a plain reference: docs/performance.md.

    python -m benchmarks.families                     # in `make bench`
    python -m benchmarks.families --models gan,pix2pix --rounds 7
    python -m benchmarks.families --models dcgan@28 --update  # replace those rows only

Each model is what ``keras-gans train FAMILY`` builds before its first epoch
(``runs.fresh_run``: the CLI's networks, stabilisers, optimizers, learning rates and
training stream; float32, the CLI's default), and the same model under
``mixed_bfloat16`` (what ``--precision auto`` picks on a CPU with bfloat16 units). The
reference is a plain single-file GAN of the same networks (copies with the same
weights, in the layers a plain script writes: ``keras.layers.Conv2D`` where ours has
``networks.LiveTapsConv2D``; benchmarks/reference/plain_layers.py), optimizers and
number of optimizer updates, in the style of the Keras examples and the TensorFlow
tutorials (benchmarks/reference/). Both train on the same stream in interleaved
rounds, timed inside one ``fit`` call as benchmarks/throughput.py does. The CLI's
per-epoch callbacks (sample grids, checkpoints, TensorBoard) are not in the timing. Peak resident memory is measured in a process of its own per model and
side (``--memory``), training the same steps.

``SPEC`` is a family, or ``FAMILY@SIDE``: 28 trains on MNIST (``--data mnist``), any
other side on the family's own data at that ``--image-size``.
"""

import argparse
import json
import os
import subprocess
import sys

from benchmarks.machine import stamp
from benchmarks.threads import limit_threads
from benchmarks.throughput import (
    BF16,
    _with_policy,
    interleaved_rates,
    matmul_peak,
    parse_model,
    time_round,
)

HERE = os.path.dirname(os.path.abspath(__file__))
RESULTS = os.path.join(HERE, "families_results.json")
DEFAULT_MODELS = "gan,dcgan,wgan,wgan-gp,cgan,pix2pix,cyclegan,dcgan@28,wgan-gp@28,dcgan@64"
# Untimed steps at the start of each fit call (the CLI's steps_per_execution is 1).
WARM = 2
# Timed steps per round, about 1-5 s of training each on one core.
STEPS = {
    "gan": 96,
    "dcgan": 24,
    "wgan": 16,
    "wgan-gp": 8,
    "cgan": 8,
    "pix2pix": 32,
    "cyclegan": 16,
    "dcgan@28": 8,
    "wgan-gp@28": 8,
    "dcgan@64": 4,
}


# The dtype policy each side of ours computes in.
PRECISION = {"ours": "float32", "ours_bf16": BF16}


def computing_networks(policy, precision_networks):
    """Which networks of the CLI's model compute in ``policy``: all in float32, else
    those the family's ``precision_networks`` names (``--precision-networks``)."""
    return "all" if policy == "float32" else precision_networks


def spec_settings(spec):
    """The run settings ``keras-gans train`` uses for ``spec`` (seed 0)."""
    from keras_gans import runs

    name, size = parse_model(spec, default_size=None)  # None: the family's own size
    if size == 28:
        return runs.run_settings(name, data="mnist")
    return runs.run_settings(name, image_size=size)


def _optimizer_copy(optimizer):
    return type(optimizer).from_config(optimizer.get_config())


def reference_for(model, settings):
    """The plain reference of ``model``: copies of its networks (in plain Keras layers:
    ``plain_copy``) and optimizers."""
    from benchmarks.reference import plain_gans, plain_translation
    from benchmarks.reference.plain_layers import plain_copy

    family, latent = settings["model"], settings["latent_dim"]
    if family == "pix2pix":
        ref = plain_translation.PlainPix2Pix(
            plain_copy(model.generator), plain_copy(model.discriminator), model.l1_weight
        )
    elif family == "cyclegan":
        ref = plain_translation.PlainCycleGAN(
            plain_copy(model.generator_ab),
            plain_copy(model.generator_ba),
            plain_copy(model.discriminator_a),
            plain_copy(model.discriminator_b),
            model.cycle_weight,
            model.identity_weight,
        )
    else:
        g, d = plain_copy(model.generator), plain_copy(model.discriminator)
        if family == "wgan":
            ref = plain_gans.PlainWGAN(g, d, latent, model.d_steps, model.clip_value)
        elif family == "wgan-gp":
            ref = plain_gans.PlainWGANGP(g, d, latent, model.d_steps, model.gp_weight)
        elif family == "cgan":
            ref = plain_gans.PlainACWGANGP(
                g, d, latent, model.num_classes, model.d_steps, model.gp_weight,
                model.classifier_weight,
            )  # fmt: skip
        elif family in ("gan", "dcgan"):
            ref = plain_gans.PlainDCGAN(g, d, latent)
        else:
            raise ValueError(f"No reference for the family {family!r}.")
    ref.compile(
        d_optimizer=_optimizer_copy(model.d_optimizer),
        g_optimizer=_optimizer_copy(model.g_optimizer),
    )
    return ref


def forward_flops(network):
    """2 x multiply-accumulates of one example's forward pass through ``network``, read
    from its traced graph (convolutions, transposed convolutions and matmuls, nested
    layers included)."""
    import numpy as np
    import tensorflow as tf

    specs = [tf.TensorSpec((1, *x.shape[1:]), x.dtype) for x in network.inputs]
    fn = tf.function(lambda *xs: network(list(xs) if len(xs) > 1 else xs[0], training=False))
    graph = fn.get_concrete_function(*specs).graph
    total = 0
    for op in graph.get_operations():
        if op.type == "Conv2D":
            kernel = op.inputs[1].shape  # [k1, k2, in, out]
            total += 2 * np.prod(op.outputs[0].shape[1:3]) * np.prod(kernel)
        elif op.type == "Conv2DBackpropInput":  # a transposed convolution
            kernel = op.inputs[1].shape  # [k1, k2, out, in]
            total += 2 * np.prod(op.inputs[2].shape[1:3]) * np.prod(kernel)
        elif op.type in ("MatMul", "BatchMatMulV2"):
            a, b = op.inputs[0].shape, op.inputs[1].shape
            rows = (
                a[-1] if op.get_attr("transpose_a" if op.type == "MatMul" else "adj_x") else a[-2]
            )
            total += 2 * rows * np.prod(b)
    return int(total)


def step_flops(model, settings):
    """Estimated training FLOPs per example per step of the reference's scheme: forward
    passes counted from the networks, a backward pass as 2x its forward."""
    family = settings["model"]
    if family == "cyclegan":  # six generator passes, four discriminator passes
        fg = forward_flops(model.generator_ab) + forward_flops(model.generator_ba)
        fd = forward_flops(model.discriminator_a) + forward_flops(model.discriminator_b)
        return 3 * (3 * fg + 2 * fd)
    fg, fd = forward_flops(model.generator), forward_flops(model.discriminator)
    if family == "pix2pix":
        return 3 * (fg + 2 * fd)
    penalty = 2 if family in ("wgan-gp", "cgan") else 1  # the penalty's double backprop
    return model.d_steps * (fg + 3 * 2 * fd * penalty) + 3 * (fg + fd)


def build(spec, sides=("ours", "ours_bf16", "reference")):
    """``({side: model}, dataset, settings, flops)`` for ``spec``, every model starting
    from the same weights."""
    from keras_gans import runs

    settings = spec_settings(spec)
    start = runs.fresh_run(settings)
    models = {"ours": start.model}
    if "ours_bf16" in sides:
        bf16 = _with_policy(BF16, lambda: runs.fresh_run(settings).model)
        bf16.set_weights(start.model.get_weights())
        models["ours_bf16"] = bf16
    if "reference" in sides:
        models["reference"] = reference_for(start.model, settings)
    flops = step_flops(start.model, settings)
    return {k: v for k, v in models.items() if k in sides}, start.dataset, settings, flops


def measure(spec, rounds, steps):
    """Interleaved rounds of the three sides; one row for ours in float32 and one in
    bfloat16, each against the float32 reference."""
    models, dataset, settings, flops = build(spec)
    batch = settings["batch_size"]
    median, best = interleaved_rates(models, dataset, steps, batch, rounds, WARM)
    return [
        {
            "spec": spec,
            "model": settings["model"],
            "data": settings["data"],
            "size": settings["image_size"],
            "batch": batch,
            "steps": steps,
            "precision": PRECISION[side],
            "networks": computing_networks(PRECISION[side], settings["precision_networks"]),
            "ours": median[side],
            "reference": median["reference"],
            "ours_best": best[side],
            "reference_best": best["reference"],
            "ratio": median[side] / median["reference"],
            "flops_per_image": flops,
        }
        for side in ("ours", "ours_bf16")
    ]


def peak_memory(spec, side, steps):
    """``{"peak_rss_mib", "training_mib"}`` of a fresh process that builds ``side`` of
    ``spec`` (with the float32 model it copies) and trains it ``steps`` steps: the peak
    resident set, and how much training raised it above the peak after building."""
    command = [sys.executable, "-m", "benchmarks.families", "--memory", spec]
    command += ["--side", side, "--steps", str(steps)]
    out = subprocess.run(
        command, capture_output=True, text=True, check=True, cwd=os.path.dirname(HERE)
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def _add_memory(spec, rows, steps):
    """Adds the memory of each side to ``rows`` (ours in float32, then in bfloat16)."""
    memory = {s: peak_memory(spec, s, steps) for s in ("ours", "ours_bf16", "reference")}
    by_precision = {"float32": "ours", BF16: "ours_bf16"}
    for row in rows:
        side = by_precision[row["precision"]]
        row["peak_rss_mib"] = memory[side]["peak_rss_mib"]
        row["training_mib"] = memory[side]["training_mib"]
        row["reference_peak_rss_mib"] = memory["reference"]["peak_rss_mib"]
        row["reference_training_mib"] = memory["reference"]["training_mib"]


def _memory_child(spec, side, steps):
    models, dataset, _, _ = build(spec, sides=("ours", side))
    model = models[side]
    if side != "ours":
        del models["ours"]
    built = peak_rss_mib()
    time_round(model, dataset, steps, WARM)
    peak = peak_rss_mib()
    print(json.dumps({"peak_rss_mib": round(peak, 1), "training_mib": round(peak - built, 1)}))


def peak_rss_mib():
    """This process's peak resident set (``VmHWM``), in MiB. Not ``getrusage``'s
    ``ru_maxrss``: a process started by fork and exec reports its parent's peak there
    when that was higher."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    raise RuntimeError("/proc/self/status has no VmHWM line")


def merge_rows(saved, measured):
    """``saved`` with each row of ``measured`` in place of the saved row of the same spec
    and precision; measured rows with no saved twin go at the end."""
    key = lambda row: (row["spec"], row["precision"])  # noqa: E731
    new = {key(row): row for row in measured}
    merged = [new.pop(key(row), row) for row in saved]
    return merged + [row for row in measured if key(row) in new]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", default=DEFAULT_MODELS, help="SPECs, comma-separated")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--steps", type=int, default=None, help="timed steps (default: STEPS)")
    parser.add_argument("--memory", metavar="SPEC", help=argparse.SUPPRESS)
    parser.add_argument("--side", default="ours", help=argparse.SUPPRESS)
    parser.add_argument("--no-memory", action="store_true", help="skip the memory processes")
    parser.add_argument(
        "--update",
        action="store_true",
        help="replace only --models' rows in the last run's results (each keeps its date)",
    )
    parser.add_argument(
        "--memory-only",
        action="store_true",
        help="measure only the memory of --models and update the last run's results",
    )
    args = parser.parse_args(argv)
    threads = limit_threads()
    specs = [s.strip() for s in args.models.split(",") if s.strip()]
    if args.memory:
        _memory_child(args.memory, args.side, args.steps or STEPS[args.memory])
        return
    from benchmarks.throughput import rewrite_doc

    if args.memory_only:
        with open(RESULTS) as f:
            saved = json.load(f)
        for spec in specs:
            rows = [r for r in saved["rows"] if r["spec"] == spec]
            _add_memory(spec, rows, rows[0]["steps"])
        with open(RESULTS, "w") as f:
            json.dump(saved, f, indent=2)
        rewrite_doc()
        return
    peak, peak_bf16 = matmul_peak(), matmul_peak(dtype="bfloat16")
    rows = []
    for spec in specs:
        steps = args.steps or STEPS[spec]
        measured = measure(spec, args.rounds, steps)
        if not args.no_memory:
            _add_memory(spec, measured, steps)
        for row in measured:
            print(json.dumps(row))
        rows += measured
    run = {**stamp(), "rounds": args.rounds, "threads": threads or "all", "peak": peak,
           "peak_bf16": peak_bf16}  # fmt: skip
    if args.update:
        with open(RESULTS) as f:
            saved = json.load(f)
        for row in rows:  # this run's stamp, which the saved header does not hold
            row.update(run)
        saved["rows"] = merge_rows(saved["rows"], rows)
    else:
        saved = {**run, "warm": WARM, "rows": rows}
    with open(RESULTS, "w") as f:
        json.dump(saved, f, indent=2)
    rewrite_doc()
    print("wrote docs/performance.md")


if __name__ == "__main__":
    main()
