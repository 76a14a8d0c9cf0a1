"""Training throughput of keras_gans against a plain reference, same machine, same run.

    python -m benchmarks.throughput            # `make bench`; writes docs/performance.md

For DCGAN and WGAN-GP on the digits (16x16, batch 64) it builds one pair of networks,
copies them into a keras_gans model (bare ``compile()``: the settings a user gets) and
into the reference of benchmarks/reference (the common single-file Keras style), and
times ``fit`` in interleaved rounds (ours, reference, ours, ...) after a warm-up round;
each round is one ``fit`` call whose steps after the first 8 are timed from batch-end
callbacks. Throughput = real images per second; the ratio ours/reference uses the
medians. The
FLOPs per image are counted from the layer shapes (forward pass: 2 x MACs; a training
step is estimated as the forward passes it runs x 3), and compared with this machine's
float32 matmul peak, measured here.
"""

import argparse
import datetime
import json
import os
import statistics
import time

from benchmarks.machine import UNRECORDED, describe
from benchmarks.performance_doc import write_doc

HERE = os.path.dirname(os.path.abspath(__file__))
RESULTS = os.path.join(HERE, "throughput_results.json")


def forward_flops(model):
    """2 x multiply-accumulates of the Dense/Conv layers of one example's forward pass."""
    import keras

    total = 0
    for layer in model.layers:
        if isinstance(layer, keras.layers.Dense):
            total += 2 * layer.kernel.shape[0] * layer.kernel.shape[1]
        elif isinstance(layer, keras.layers.Conv2DTranspose):
            h, w, c = layer.input.shape[1:]
            k1, k2, out_c, _ = layer.kernel.shape
            total += 2 * h * w * c * k1 * k2 * out_c
        elif isinstance(layer, keras.layers.Conv2D):
            h, w, out_c = layer.output.shape[1:]
            k1, k2, in_c, _ = layer.kernel.shape
            total += 2 * h * w * out_c * k1 * k2 * in_c
    return total


def step_flops(name, g, d, d_steps):
    """Estimated training FLOPs per real image per generator step."""
    fg, fd = forward_flops(g), forward_flops(d)
    # D step: G fwd + D fwd on real and fake, backward ~2x the D forwards.
    d_step = fg + 3 * 2 * fd
    if name == "wgan-gp":  # + D fwd/bwd on the interpolates, differentiated again
        d_step += 3 * 2 * fd
    # G step: G fwd + D fwd, backward through both.
    g_step = 3 * (fg + fd)
    return d_steps * d_step + g_step


def matmul_peak(n=2048, repeats=10, dtype="float32"):
    """``dtype`` matmul GFLOP/s on this machine (best of ``repeats``)."""
    import tensorflow as tf

    a = tf.cast(tf.random.normal([n, n]), dtype)
    b = tf.cast(tf.random.normal([n, n]), dtype)
    tf.matmul(a, b).numpy()
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        tf.matmul(a, b).numpy()
        best = min(best, time.perf_counter() - start)
    return 2 * n**3 / best / 1e9


# Timed steps per round, by family and image side (multiples of 8).
DEFAULT_STEPS = {("dcgan", 16): 96, ("wgan-gp", 16): 24, ("dcgan", 28): 48, ("wgan-gp", 28): 8}

BF16 = "mixed_bfloat16"
# Schemes measured for each model: (label, constructor kwargs, compile kwargs, dtype
# policy). The first is what a bare compile() gives; the others are the opt-in levers.
# The bfloat16 rows are what `keras-gans train --precision auto` uses on a CPU with
# bfloat16 units; "reference in mixed_bfloat16" is the reference under that policy.
SCHEMES = {
    "dcgan": [
        ('default (bare compile: update="simultaneous")', {}, {}, None),
        ('update="alternating" (the reference\'s scheme)', {}, {"update": "alternating"}, None),
        ('update="alternating_reuse"', {}, {"update": "alternating_reuse"}, None),
        ("steps_per_execution=8", {}, {"steps_per_execution": 8}, None),
        ("jit_compile=True", {}, {"jit_compile": True}, None),
        (BF16, {}, {}, BF16),
        (f"{BF16} + steps_per_execution=8", {}, {"steps_per_execution": 8}, BF16),
    ],
    "wgan-gp": [
        ('default (bare compile: gp_every=5, update="alternating")', {}, {}, None),
        ("gp_every=1 (the paper's penalty on every update)", {"gp_every": 1}, {}, None),
        ('update="alternating_reuse"', {}, {"update": "alternating_reuse"}, None),
        ("steps_per_execution=8", {}, {"steps_per_execution": 8}, None),
        ('update="simultaneous"', {}, {"update": "simultaneous"}, None),
        (BF16, {}, {}, BF16),
        (f"{BF16} + steps_per_execution=8", {}, {"steps_per_execution": 8}, BF16),
    ],
}
# Schemes measured at 28x28 (a round there costs 2-10x one at 16x16): the defaults and
# the two levers that the CLI can turn on.
KEPT_AT_28 = (0, 3, 5, 6)
REFERENCE_BF16 = f"reference in {BF16}"


def parse_model(spec, default_size=16):
    """``"dcgan"`` -> ("dcgan", default_size); ``"wgan-gp@28"`` -> ("wgan-gp", 28)."""
    name, _, size = spec.strip().partition("@")
    return name, int(size) if size else default_size


def _networks(name, size=16, latent_dim=64, policy=None):
    """The benchmark's generator and discriminator, built under dtype ``policy``."""
    import keras

    from keras_gans import networks

    norm = "layer" if name == "wgan-gp" else "batch"

    def make():
        keras.utils.set_random_seed(0)
        g = networks.dcgan_generator(latent_dim, (size, size, 1), 64)
        d = networks.dcgan_discriminator(
            (size, size, 1), 16 if name == "dcgan" else 32, normalization=norm
        )
        return g, d

    return _with_policy(policy, make)


def _copy(model):
    import keras

    clone = keras.models.clone_model(model)
    clone.set_weights(model.get_weights())
    return clone


def _pair(name, size, latent_dim, policy, g, d):
    """Copies of ``g`` and ``d`` (float32 originals) computing in ``policy``."""
    if policy is None:
        return _copy(g), _copy(d)
    g2, d2 = _networks(name, size, latent_dim, policy)
    g2.set_weights(g.get_weights())
    d2.set_weights(d.get_weights())
    return g2, d2


def _with_policy(policy, build_fn):
    """``build_fn()`` under Keras' global dtype ``policy`` (None: float32), then the
    caller's policy again."""
    from keras_gans.models.network_policy import under_policy

    return under_policy(policy or "float32", build_fn)


def build(name, size=16, latent_dim=64):
    """``(variants, references, flops)``: one model per scheme and the references
    (``{"reference": float32, REFERENCE_BF16: bfloat16}``), all starting from identical
    networks."""
    import keras

    from benchmarks.reference.plain_gans import PlainDCGAN, PlainWGANGP
    from benchmarks.reference.plain_layers import plain_copy
    from keras_gans import models

    g, d = _networks(name, size, latent_dim)
    cls = models.DCGAN if name == "dcgan" else models.WGANGP
    variants = []
    for i, (label, init, comp, policy) in enumerate(SCHEMES[name]):
        if size != 16 and i not in KEPT_AT_28:
            continue
        g2, d2 = _pair(name, size, latent_dim, policy, g, d)

        def make(g2=g2, d2=d2, init=init, comp=comp):
            model = cls(generator=g2, discriminator=d2, seed=0, **init)
            model.compile(**comp)
            return model

        variants.append((label, _with_policy(policy, make)))
    plain = PlainDCGAN if name == "dcgan" else PlainWGANGP
    if name == "dcgan":
        opt = dict(learning_rate=2e-4, beta_1=0.5)
    else:
        opt = dict(learning_rate=1e-4, beta_1=0.0, beta_2=0.9)
    references = {}
    for label, policy in (("reference", None), (REFERENCE_BF16, BF16)):
        g2, d2 = (plain_copy(n) for n in _pair(name, size, latent_dim, policy, g, d))

        def make(g2=g2, d2=d2):
            ref = plain(g2, d2, latent_dim)
            ref.compile(
                d_optimizer=keras.optimizers.Adam(**opt), g_optimizer=keras.optimizers.Adam(**opt)
            )
            return ref

        references[label] = _with_policy(policy, make)
    return variants, references, step_flops(name, g, d, variants[0][1].d_steps)


WARM_STEPS = 8


def time_round(model, data, steps, warm=WARM_STEPS):
    """Seconds ``fit`` takes for ``steps`` training steps, timed inside one ``fit`` call.

    The window runs from the end of the first ``warm`` steps to the end of
    the last, read from batch-end callbacks, so ``fit``'s own start and finish
    (about 0.3 s a call here) are not in it. ``steps`` and ``warm`` should be
    multiples of the model's ``steps_per_execution`` (8 reports every 8th step).
    """
    import keras

    marks = []

    class Marks(keras.callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None):
            marks.append((batch, time.perf_counter()))

    model.fit(
        data,
        epochs=1,
        steps_per_epoch=warm + steps,
        verbose=0,
        shuffle=False,
        callbacks=[Marks()],
    )
    first = next(m for m in marks if m[0] >= warm - 1)
    last = marks[-1]
    if last[0] - first[0] != steps:
        raise RuntimeError(f"timed {last[0] - first[0]} steps, not {steps}")
    return last[1] - first[1]


def interleaved_rates(models, data, steps, batch, rounds, warm=WARM_STEPS):
    """Images/s of each of ``models`` (``{label: model}``), timed by ``time_round`` in
    ``rounds`` rounds that interleave them, after one untimed round (it traces the
    functions). Returns ``(median, best)``: ``{label: images/s}`` of the median and
    of the fastest round."""
    times = {label: [] for label in models}
    for r in range(rounds + 1):
        for label, model in models.items():
            seconds = time_round(model, data, steps, warm)
            if r:  # round 0 traces the functions
                times[label].append(seconds)
    median = {k: steps * batch / statistics.median(v) for k, v in times.items()}
    best = {k: steps * batch / min(v) for k, v in times.items()}
    return median, best


def input_throughput(data, steps, batch):
    start = time.perf_counter()
    for _ in data.take(steps):
        pass
    return steps * batch / (time.perf_counter() - start)


def measure(name, rounds, steps, batch, size=16):
    """Interleaved rounds (the references, then every scheme); one row per scheme and
    one for the bfloat16 reference."""
    from keras_gans import data as data_lib

    images, _ = data_lib.load_arrays("digits" if size == 16 else "mnist", size)
    stream, _ = data_lib.resumable_stream(images, batch_size=batch, seed=0)
    variants, references, flops = build(name, size)
    median, best = interleaved_rates({**references, **dict(variants)}, stream, steps, batch, rounds)
    input_rate = input_throughput(stream, steps, batch)
    d_steps = variants[0][1].d_steps
    variants = [*variants, (REFERENCE_BF16, None)]
    return [
        {
            "model": name,
            "size": size,
            "scheme": label,
            "ours": median[label],
            "reference": median["reference"],
            "ours_best": best[label],
            "reference_best": best["reference"],
            "ratio": median[label] / median["reference"],
            "flops_per_image": flops,
            "input": input_rate,
            "d_steps": d_steps,
        }
        for label, _ in variants
    ]


def rewrite_doc():
    """docs/performance.md from the last run's throughput_results.json (and the other
    benchmarks' results) without measuring."""
    with open(RESULTS) as f:
        saved = json.load(f)
    args = argparse.Namespace(batch=saved["batch"], rounds=saved["rounds"])
    write_doc(
        saved["rows"],
        saved["peak"],
        args,
        saved.get("peak_bf16"),
        saved.get("date"),
        saved.get("machine", UNRECORDED),
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--models",
        default="dcgan,wgan-gp,dcgan@28,wgan-gp@28",
        help="families, each optionally @SIDE (16: digits, 28: MNIST)",
    )
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument(
        "--steps",
        type=int,
        default=None,
        help="timed steps per round, a multiple of 8 (default: 96 for dcgan, 24 for "
        "wgan-gp at 16x16; 48 and 8 at 28x28), after 8 untimed steps in the same fit call",
    )
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument(
        "--doc-only",
        action="store_true",
        help="rewrite docs/performance.md from the last run's throughput_results.json "
        "(and the current results.json) without measuring",
    )
    args = parser.parse_args(argv)
    if args.doc_only:
        rewrite_doc()
        print("wrote docs/performance.md")
        return
    machine = describe()
    peak = matmul_peak()
    peak_bf16 = matmul_peak(dtype="bfloat16")
    results = []
    for spec in args.models.split(","):
        name, size = parse_model(spec)
        steps = args.steps or DEFAULT_STEPS[(name, size)]
        for r in measure(name, args.rounds, steps, args.batch, size):
            r["steps"] = steps
            print(
                f"{r['model']} {size}px [{r['scheme']}]: ours {r['ours']:.0f} img/s, reference "
                f"{r['reference']:.0f} img/s, ratio {r['ratio']:.2f}x (best-of "
                f"{r['ours_best'] / r['reference_best']:.2f}x), input {r['input']:.0f} img/s"
            )
            results.append(r)
    with open(RESULTS, "w") as f:
        json.dump({"peak": peak, "peak_bf16": peak_bf16, "batch": args.batch,
                   "rounds": args.rounds, "rows": results, "machine": machine,
                   "date": datetime.date.today().isoformat()}, f, indent=2)  # fmt: skip
    write_doc(results, peak, args, peak_bf16, machine=machine)
    print(f"matmul peak {peak:.0f} (bfloat16 {peak_bf16:.0f}) GFLOP/s; wrote docs/performance.md")


if __name__ == "__main__":
    main()
