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
import json
import os
import statistics
import time

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


def matmul_peak(n=2048, repeats=10):
    """float32 matmul GFLOP/s on this machine (best of ``repeats``)."""
    import tensorflow as tf

    a = tf.random.normal([n, n])
    b = tf.random.normal([n, n])
    tf.matmul(a, b).numpy()
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        tf.matmul(a, b).numpy()
        best = min(best, time.perf_counter() - start)
    return 2 * n**3 / best / 1e9


DEFAULT_STEPS = {"dcgan": 96, "wgan-gp": 24}

# Schemes measured for each model: (label, constructor kwargs, compile kwargs). The
# first is what a bare compile() gives; the others are the opt-in speed levers.
SCHEMES = {
    "dcgan": [
        ('default (bare compile: update="simultaneous")', {}, {}),
        ('update="alternating" (the reference\'s scheme)', {}, {"update": "alternating"}),
        ('update="alternating_reuse"', {}, {"update": "alternating_reuse"}),
        ("steps_per_execution=8", {}, {"steps_per_execution": 8}),
        ("jit_compile=True", {}, {"jit_compile": True}),
    ],
    "wgan-gp": [
        ('default (bare compile: gp_every=5, update="alternating")', {}, {}),
        ("gp_every=1 (the paper's penalty on every update)", {"gp_every": 1}, {}),
        ('update="alternating_reuse"', {}, {"update": "alternating_reuse"}),
        ("steps_per_execution=8", {}, {"steps_per_execution": 8}),
        ('update="simultaneous"', {}, {"update": "simultaneous"}),
    ],
}


def _networks(name, latent_dim=64):
    import keras

    from keras_gans import networks

    norm = "layer" if name == "wgan-gp" else "batch"
    keras.utils.set_random_seed(0)
    g = networks.dcgan_generator(latent_dim, (16, 16, 1), 64)
    d = networks.dcgan_discriminator((16, 16, 1), 16 if name == "dcgan" else 32, normalization=norm)
    return g, d


def _copy(model):
    import keras

    clone = keras.models.clone_model(model)
    clone.set_weights(model.get_weights())
    return clone


def build(name, latent_dim=64):
    """``(variants, reference, flops)``: one model per scheme and the reference, all
    starting from identical networks."""
    import keras

    from benchmarks.reference.plain_gans import PlainDCGAN, PlainWGANGP
    from keras_gans import models

    g, d = _networks(name, latent_dim)
    cls = models.DCGAN if name == "dcgan" else models.WGANGP
    variants = []
    for label, init, comp in SCHEMES[name]:
        model = cls(generator=_copy(g), discriminator=_copy(d), seed=0, **init)
        model.compile(**comp)
        variants.append((label, model))
    if name == "dcgan":
        ref = PlainDCGAN(_copy(g), _copy(d), latent_dim)
        opt = dict(learning_rate=2e-4, beta_1=0.5)
    else:
        ref = PlainWGANGP(_copy(g), _copy(d), latent_dim)
        opt = dict(learning_rate=1e-4, beta_1=0.0, beta_2=0.9)
    ref.compile(d_optimizer=keras.optimizers.Adam(**opt), g_optimizer=keras.optimizers.Adam(**opt))
    return variants, ref, step_flops(name, g, d, variants[0][1].d_steps)


WARM_STEPS = 8


def time_round(model, data, steps):
    """Seconds ``fit`` takes for ``steps`` training steps, timed inside one ``fit`` call.

    The window runs from the end of the first ``WARM_STEPS`` steps to the end of
    the last, read from batch-end callbacks, so ``fit``'s own start and finish
    (about 0.3 s a call here) are not in it. ``steps`` should be a multiple of 8
    (``steps_per_execution=8`` reports every 8th step).
    """
    import keras

    marks = []

    class Marks(keras.callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None):
            marks.append((batch, time.perf_counter()))

    model.fit(
        data,
        epochs=1,
        steps_per_epoch=WARM_STEPS + steps,
        verbose=0,
        shuffle=False,
        callbacks=[Marks()],
    )
    first = next(m for m in marks if m[0] >= WARM_STEPS - 1)
    last = marks[-1]
    if last[0] - first[0] != steps:
        raise RuntimeError(f"timed {last[0] - first[0]} steps, not {steps}")
    return last[1] - first[1]


def input_throughput(data, steps, batch):
    start = time.perf_counter()
    for _ in data.take(steps):
        pass
    return steps * batch / (time.perf_counter() - start)


def measure(name, rounds, steps, batch):
    """Interleaved rounds (reference, then every scheme); one result row per scheme."""
    from keras_gans import data as data_lib

    images, _ = data_lib.load_arrays("digits", 16)
    stream, _ = data_lib.resumable_stream(images, batch_size=batch, seed=0)
    variants, ref, flops = build(name)
    times = {"reference": []} | {label: [] for label, _ in variants}
    for r in range(rounds + 1):
        for label, model in [("reference", ref), *variants]:
            seconds = time_round(model, stream, steps)
            if r:  # round 0 traces the functions
                times[label].append(seconds)
    median = {k: steps * batch / statistics.median(v) for k, v in times.items()}
    best = {k: steps * batch / min(v) for k, v in times.items()}
    input_rate = input_throughput(stream, steps, batch)
    return [
        {
            "model": name,
            "scheme": label,
            "ours": median[label],
            "reference": median["reference"],
            "ours_best": best[label],
            "reference_best": best["reference"],
            "ratio": median[label] / median["reference"],
            "flops_per_image": flops,
            "input": input_rate,
            "d_steps": model.d_steps,
        }
        for label, model in variants
    ]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", default="dcgan,wgan-gp")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument(
        "--steps",
        type=int,
        default=None,
        help="timed steps per round, a multiple of 8 (default: 96 for dcgan, 24 for "
        "wgan-gp), after 8 untimed steps in the same fit call",
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
        with open(RESULTS) as f:
            saved = json.load(f)
        args.batch, args.rounds = saved["batch"], saved["rounds"]
        write_doc(saved["rows"], saved["peak"], args)
        print("wrote docs/performance.md")
        return
    peak = matmul_peak()
    results = []
    for name in args.models.split(","):
        steps = args.steps or DEFAULT_STEPS[name.strip()]
        for r in measure(name.strip(), args.rounds, steps, args.batch):
            r["steps"] = steps
            print(
                f"{r['model']} [{r['scheme']}]: ours {r['ours']:.0f} img/s, reference "
                f"{r['reference']:.0f} img/s, ratio {r['ratio']:.2f}x (best-of "
                f"{r['ours_best'] / r['reference_best']:.2f}x), input {r['input']:.0f} img/s"
            )
            results.append(r)
    with open(RESULTS, "w") as f:
        json.dump({"peak": peak, "batch": args.batch, "rounds": args.rounds, "rows": results},
                  f, indent=2)  # fmt: skip
    write_doc(results, peak, args)
    print(f"matmul peak {peak:.0f} GFLOP/s; wrote docs/performance.md")


if __name__ == "__main__":
    main()
