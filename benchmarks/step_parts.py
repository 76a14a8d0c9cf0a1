"""Where a DCGAN training step's time goes, and the speedup that sharing passes can reach.

    python -m benchmarks.step_parts      # a few minutes; then `throughput --doc-only`

Times the parts of a step on the networks of benchmarks/throughput.py (DCGAN, batch 64,
digits 16x16 and MNIST 28x28, each in float32 and in ``mixed_bfloat16``), each a
``tf.function`` timed on its own (median of repeats): generator
forward, generator forward+backward, discriminator forward, discriminator forward+backward,
and one Adam apply on each network's gradients. From them it estimates the step of the
reference scheme (a discriminator update on fresh fakes, then a generator update on new
fakes) and of ``update="simultaneous"`` (one generator pass and one discriminator pass on
the fakes serve both updates), and their ratio: the most that scheme can gain over the
reference with the same networks, optimizers and update count. Results go to
benchmarks/step_parts_results.json, which docs/performance.md shows.
"""

import json
import os
import statistics
import time

from benchmarks.machine import describe
from benchmarks.threads import limit_threads

HERE = os.path.dirname(os.path.abspath(__file__))
RESULTS = os.path.join(HERE, "step_parts_results.json")


def _ms(fn, repeats=50, warmup=5):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def _timed_parts(net, inputs, optimizer):
    """``(forward, forward_backward, apply)`` tf.functions of one network on ``inputs``."""
    import tensorflow as tf

    variables = net.trainable_variables
    zeros = [tf.zeros_like(v) for v in variables]

    @tf.function
    def forward():
        return net(inputs, training=True)

    @tf.function
    def forward_backward():
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(net(inputs, training=True))
        return tape.gradient(loss, variables)

    @tf.function
    def apply():
        optimizer.apply_gradients(zip(zeros, variables, strict=True))

    return forward, forward_backward, apply


# (image side, dtype policy) of each measured configuration; None: float32.
CONFIGS = ((16, None), (16, "mixed_bfloat16"), (28, None), (28, "mixed_bfloat16"))


def measure(batch=64, latent_dim=64, size=16, policy=None):
    """Milliseconds per part, and the two estimated steps, for DCGAN's networks at
    ``size`` built under dtype ``policy`` (None: float32)."""
    import keras
    import tensorflow as tf

    from benchmarks.throughput import _networks

    g, d = _networks("dcgan", size=size, latent_dim=latent_dim, policy=policy)
    z = tf.random.normal([batch, latent_dim])
    x = tf.random.uniform([batch, size, size, 1], -1.0, 1.0)
    g_opt = keras.optimizers.Adam(2e-4, beta_1=0.5)  # DCGAN's default and the reference's
    d_opt = keras.optimizers.Adam(2e-4, beta_1=0.5)
    g_opt.build(g.trainable_variables)
    d_opt.build(d.trainable_variables)
    # each layer computes in the policy it was built under
    return _measure_parts(g, d, z, x, g_opt, d_opt, batch, size, policy)


def _measure_parts(g, d, z, x, g_opt, d_opt, batch, size, policy):
    g_forward, g_forward_backward, g_apply = _timed_parts(g, z, g_opt)
    d_forward, d_forward_backward, d_apply = _timed_parts(d, x, d_opt)

    parts = {
        "g_forward": _ms(lambda: g_forward().numpy()),
        "g_forward_backward": _ms(lambda: [t.numpy() for t in g_forward_backward()]),
        "d_forward": _ms(lambda: d_forward().numpy()),
        "d_forward_backward": _ms(lambda: [t.numpy() for t in d_forward_backward()]),
        "g_adam": _ms(lambda: g_apply()),
        "d_adam": _ms(lambda: d_apply()),
    }
    p = parts
    d_backward = p["d_forward_backward"] - p["d_forward"]
    # Reference: D update = G fwd + D fwd/bwd on real and on fake + Adam;
    # G update = G fwd/bwd + D fwd/bwd (to the images; timed as to D's weights) + Adam.
    reference = (
        p["g_forward"]
        + 2 * p["d_forward_backward"]
        + p["d_adam"]
        + p["g_forward_backward"]
        + p["d_forward_backward"]
        + p["g_adam"]
    )
    # Simultaneous: G fwd/bwd once, D fwd/bwd on real, D fwd on fake with two backward
    # passes (to D's weights for its loss, to the images for G's), both Adams.
    simultaneous = (
        p["g_forward_backward"]
        + p["d_forward_backward"]
        + p["d_forward"]
        + 2 * d_backward
        + p["d_adam"]
        + p["g_adam"]
    )
    return {
        "batch": batch,
        "size": size,
        "precision": policy or "float32",
        "parts_ms": parts,
        "reference_step_ms": reference,
        "simultaneous_step_ms": simultaneous,
        "ceiling": reference / simultaneous,
    }


def main():
    import datetime

    threads = limit_threads()
    rows = []
    for size, policy in CONFIGS:
        result = measure(size=size, policy=policy)
        rows.append(result)
        print(f"dcgan {size}x{size} {result['precision']}:")
        for name, ms in result["parts_ms"].items():
            print(f"  {name}: {ms:.2f} ms")
        print(
            f"  estimated step: reference {result['reference_step_ms']:.1f} ms, simultaneous "
            f"{result['simultaneous_step_ms']:.1f} ms, ratio {result['ceiling']:.2f}x"
        )
    with open(RESULTS, "w") as f:
        json.dump({"date": datetime.date.today().isoformat(), "threads": threads or "all",
                   "machine": describe(), "rows": rows}, f, indent=2)  # fmt: skip


if __name__ == "__main__":
    main()
