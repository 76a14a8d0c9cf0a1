"""Measured notes of docs/performance.md that no benchmark run rewrites: levers tried
and dropped, what was not measured, and why, with their figures."""

# A lever measured and dropped (2026-11-23); kept in the document, not in the code.
FUSED_ADAM = [
    "## Measured and dropped: a fused Adam",
    "",
    "An Adam subclass whose per-variable update was TensorFlow's fused `ResourceApplyAdam` "
    "kernel (one op instead of about a dozen; Keras' Adam arithmetic except that the kernel "
    "forms `1 - beta_2` in float32: 0.00100005 for 0.999) was tried on 2026-11-23. In "
    "isolation it applied the DCGAN generator's gradients in 0.39 ms against Keras' "
    "0.68 ms, but end to end (DCGAN default scheme, the fused and the Keras optimizer "
    "interleaved in the same runs) it measured +16% (5 rounds), +8% and -3% (two "
    "`make bench` runs, 7 rounds) and -3% (8 rounds): no gain this machine can resolve; "
    "WGAN-GP 1.40x against 1.44x. At the DCGAN CLI defaults its runs scored a worse FID "
    "than Keras' Adam in 7 of 8 seed pairs (seeds 0, 1, 3, 4, both schemes; means 32.67 "
    "against 29.40 simultaneous, 35.96 against 31.10 alternating), with no mechanism "
    "known. Not kept. In those same runs the shipped default (Keras' Adam, "
    '`update="simultaneous"`) measured 1.18x, 1.28x, 1.21x and 1.30x the reference.',
]


# What TensorFlow's kernel choice costs on a CPU without AVX-512 (2026-12-07); the
# table is in docs/cli.md, where the CLI's setting is documented.
ONEDNN = [
    "## On a CPU without AVX-512: TensorFlow's oneDNN kernels",
    "",
    "The tables above were measured on CPUs where TensorFlow runs its oneDNN kernels by "
    "default (each names its machine: the Intel Xeon with AMX, or, for the throughput, "
    "families and thread-settings tables, an AMD EPYC with AVX512_BF16). On 2026-12-07 "
    "the task also ran on an AMD EPYC with AVX2 and no "
    "AVX-512 (2 cores), where TensorFlow's default is its Eigen kernels. There the CLI "
    "models in float32 (`--precision auto` resolves to float32 on that CPU) trained "
    "1.3-3.7x faster with `TF_ENABLE_ONEDNN_OPTS=1` (MLP GAN 1.30x, WGAN 3.69x, WGAN-GP "
    "3.47x, conditional GAN 3.40x, pix2pix 3.72x, CycleGAN 1.39x, DCGAN 2.25x and WGAN-GP "
    "2.23x at 28x28; 3 interleaved rounds, one worker process per setting, `1:2` threads) "
    "and DCGAN at 16x16 8.1x (39 against 316 images/s), so `keras-gans` sets it unless "
    "the environment says otherwise (docs/cli.md has the table and the setting). Emulated "
    "`mixed_bfloat16` there trained the MNIST CLI models of WGAN-GP and DCGAN at 35 and 33 "
    "images/s against 207 and 197 in float32 (Eigen kernels, 5 rounds): `--precision "
    "auto`'s fallback to float32 is worth a factor of six there.",
    "",
    "Against the plain float32 reference run with TensorFlow's defaults on that CPU (its "
    "Eigen kernels: what a plain script gets there), the CLI models would meet every "
    "throughput target of issue 19 (WGAN-GP 28x28 455 against 122 images/s, 3.7x; DCGAN "
    "28x28 446 against 177, 2.5x; pix2pix 160 against 42, 3.8x; CycleGAN 48 against 34, "
    "1.4x: the one short of 1.5x). That is TensorFlow's kernel choice, which a plain "
    "script gets with the same environment variable, not our training loop: on the same "
    "kernels the two stay at 0.9-1.6x, as on the Xeon. The targets are judged on the "
    "oneDNN tables above.",
    "",
    "The DCGAN-style discriminators' last convolution at 16x16 (2x2 to 1x1 with 5x5 taps, "
    "256 to 512 channels) stores only the 4 taps that reach its input since the same day "
    "(`LiveTapsConv2D(store_live_taps=True)`, docs/cli.md), where before it kept all 25 "
    "and sliced them each step. On that EPYC the digits DCGAN at the CLI's defaults "
    "(oneDNN, `1:2` threads, 10-epoch runs in fresh processes, the two kinds alternating, "
    "three pairs), an epoch's 22 steps took 2.15, 2.42 and 2.16 s (each run's median) "
    "against 2.54, 2.82 and 2.63 s with full kernels: 1.16-1.22x. The discriminator has 1,554,049 values instead of "
    "4,306,561, and the run's checkpoint is 24.3 MB instead of 57.3.",
    "",
    "From the same day the plain references train their copies of our networks in "
    "`keras.layers.Conv2D`, as a single-file script writes them, where ours has "
    "`LiveTapsConv2D` (benchmarks/reference/plain_layers.py: the same weights, outputs and "
    "gradients); before, they ran on our layers. What that changes, on that EPYC "
    "(`benchmarks.families`' models at the CLI's defaults in float32, which `--precision "
    "auto` picks there; oneDNN, `1:2` threads; 7 interleaved rounds, one process per "
    "family, 2026-12-07 06:33-06:42 UTC; printed by a script outside the repository, not "
    "in the tables above, which are the Xeon's):",
    "",
    "| family, size | ours (img/s) | plain reference (img/s) | ours / plain reference "
    "| reference on our layers (img/s) | ours / that reference |",
    "|---|---|---|---|---|---|",
    "| dcgan 16x16 | 685 | 328 | 2.09x | 622 | 1.10x |",
    "| wgan-gp 16x16 | 470 | 194 | 2.43x | 323 | 1.45x |",
    "| wgan 16x16 | 561 | 353 | 1.59x | 532 | 1.05x |",
    "| cgan 16x16 | 305 | 188 | 1.62x | 313 | 0.98x |",
    "| dcgan 28x28 (MNIST) | 472 | 414 | 1.14x | 406 | 1.16x |",
    "| wgan-gp 28x28 (MNIST) | 473 | 281 | 1.69x | 276 | 1.72x |",
    "| pix2pix 32x32 (photos) † | 180 | 146 | 1.23x | 172 | 1.05x |",
    "| pix2pix 32x32 (photos) ‡ | 225 | 155 | 1.45x | 189 | 1.19x |",
    "| cyclegan 32x32 (photos) † | 50.0 | 49.8 | 1.00x | 49.9 | 1.00x |",
    "",
    "† Measured later that day (08:38-08:42 UTC, the same script and settings), after "
    "pix2pix's U-Net took the layer (below); CycleGAN's networks have no "
    "`LiveTapsConv2D`, so its two references are one network. ‡ After the U-Net's "
    "decoder took `LiveTapsConv2DTranspose` (below; 09:50-09:52 UTC, 11 rounds): the "
    "reference on our layers is here our model with the full decoder kernel; a run of 9 "
    "rounds before it measured 1.49x and 1.19x.",
    "",
    "At 28x28 the discriminators' last convolution sees a 4x4 input, every tap live, so the "
    "two references are the same network (their rows differ by the rounds' noise, 2%). At "
    "16x16, the 5x5 convolution on a 2x2 input is where oneDNN on AVX2 is slow: ours "
    "skips it, a plain script does not. On that CPU issue 19's 1.8x for DCGAN 16x16 is "
    "met (2.09x), DCGAN and WGAN-GP at 28x28 miss 2.0x (1.14x, 1.69x; WGAN-GP 1.83x "
    "since the change below), pix2pix and CycleGAN miss 1.5x (1.45x and 1.49x in two "
    "runs since the change below, 1.00x). The Xeon's "
    "tables above "
    "predate the change; there the layer's forward and backward cost 52 against 58 ms "
    '("Measured and dropped"), so the ratios will move far less.',
    "",
    "pix2pix's U-Net stores only the live taps of its innermost convolution (2x2 to 1x1, "
    "4 of 16 taps) since the same day; its quality over seeds held (docs/cli.md). On that "
    "EPYC its CLI model's steps (fresh processes, 5 rounds of 30 steps, three pairs) took "
    "41-44 ms in all 15 rounds against 46-53 ms with the full kernel, which also stalled "
    "at 86 ms in 9 of 15 rounds (a model with the live taps stalled so in 4 of 15 rounds "
    "of another run: the machine's, not the layer's). Not in the tables above.",
    "",
    "Later that day the decoder's first transposed convolution, its mirror image (1x1 to "
    "2x2, 4 of 16 taps reaching the output), became `LiveTapsConv2DTranspose("
    "store_live_taps=True)` (docs/cli.md has the seeds: quality held). Against the same "
    "model with the full decoder kernel, in one process (the CLI's pix2pix, interleaved "
    "rounds of 32 steps, `1:2` threads): 1.19x in two runs (9 and 11 rounds); against "
    "the plain reference 1.49x and 1.45x (‡ in the table).",
    "",
    "WGAN and WGAN-GP's simultaneous update (the MNIST WGAN-GP's CLI default) runs one "
    "backward pass through the critic instead of two since the same day: the generator's "
    "gradient at the fakes is the critic loss's, negated (docs/models.md, \"Update "
    'schemes"; the same weights, bit for bit after 40 steps of the MNIST WGAN-GP, 8 of them with the penalty). On that EPYC '
    "(`benchmarks.families`' MNIST WGAN-GP at the CLI's defaults, float32, oneDNN, `1:2` "
    "threads, 9 interleaved rounds of 8 steps, 09:07-09:08 UTC): **512 images/s against "
    "472 with the second pass** (1.085x; two earlier runs of 7 and 9 rounds: 1.054x, "
    "1.082x) and 280 for the plain reference: **1.83x** (1.68x with the second pass), "
    "short of issue 19's 2.0x.",
    "",
    "Tried on that EPYC the same day and dropped (scripts outside the repository, the CLI "
    "models, `1:2` threads, medians of 5-7 interleaved rounds):",
    "",
    "- **One critic call on the real and fake images together** (MNIST WGAN-GP, whose "
    "critic normalises each image alone, so the same values): 0.81x. With two ops at a "
    "time the two calls run side by side; one call of twice the batch runs on one thread.",
    "- **The 4x4-to-2x2 critic convolution as four matmuls of its live taps** (MNIST "
    "WGAN-GP's last critic convolution multiplies padding with half its taps: 49 of its "
    "100 tap-output products reach the input): 0.80x. oneDNN's convolution beats four "
    "small matmuls and the kernel slices' gradients.",
    "- **CycleGAN's reflection padding without `MirrorPad`** (TensorFlow's `MirrorPad` "
    "and its gradient took 15% of the step's op time in the profiler): reversed slices "
    "and a concatenation 0.94x, two `gather`s 1.03x; within the rounds' noise.",
    '- **CycleGAN with batched calls** (as on the Xeon, "Measured and dropped" above): 1.07x.',
    "",
    "Tried on the AVX512_BF16 EPYC (Zen 4) later that day and dropped (a script outside "
    "the repository, CycleGAN's CLI model at `--precision auto`, `1:2` threads, "
    "interleaved rounds of 16 steps in one process):",
    "",
    "- **Instance norm without the group reshape**: Keras' `GroupNormalization(groups=-1)` "
    "reshapes each activation to rank 5 and reduces over three axes; a layer computing "
    "the same float32 moments over height and width of the rank-4 tensor gave identical "
    "outputs (difference 0) and 1.07x, then 0.99x, the Keras layer in two runs of 9 "
    "rounds: within the rounds' noise.",
]


# Why no table here has GPU rows (issue 19, point 5); kept in the document.
GPU_PROBE = [
    "## On a GPU: not measured",
    "",
    "On 2026-12-04 this task was lent a GPU machine (one NVIDIA H200, 16 CPU cores) for 15 "
    "minutes in all. A probe there (`nvidia-smi -L`, `python3 -c 'import tensorflow'`, "
    "`pip list`) found Python 3.12 with PyTorch and JAX but neither TensorFlow nor Keras, "
    "and CUDA 13 libraries only (`libcudart.so.13`, `nvidia-cudnn-cu13`); nothing can be "
    "installed there from the network. TensorFlow 2.21, which keras_gans needs, is a 546 "
    "MiB wheel for Python 3.12, and its GPU build loads the CUDA 12 libraries of its "
    "`and-cuda` extra (the current wheels of `nvidia-cudnn-cu12`, `nvidia-cublas-cu12`, "
    "`-cusparse`, `-nccl`, `-cusolver` and `-cufft` alone are 683, 554, 349, 335, 322 and "
    "192 MiB), while at most 64 MiB travels to that machine per call. So the `mixed_float16` and "
    "XLA rows issue 19 asks for on a GPU were not measured; nothing in the project needs "
    "a GPU, and `--precision auto` picks `mixed_float16` only where TensorFlow sees one.",
]


# The gathered-matmul form of LiveTapsConv2D (2026-12-07): /tmp scripts on the
# AVX512_BF16 EPYC, kept here with their figures.
GATHERED_MATMUL = [
    "## Few output positions as one matmul",
    "",
    "Since 2026-12-07 a `LiveTapsConv2D` whose output has 2 to 4 positions computes as one "
    "matmul: a constant 0/1 matrix gathers each position's patch from the input (one "
    "batched matmul, the matrix broadcast over the images; taps on the padding pick "
    "nothing) and the patches multiply the kernel "
    "(docs/models.md). That is the DCGAN discriminator's 4x4 to 2x2 convolution at 16x16 "
    "and 28x28 (every family on the DCGAN discriminator: dcgan, wgan, wgan-gp, cgan) and "
    "pix2pix's U-Net encoder's 4x4 to 2x2. A profile of the MNIST DCGAN's CLI step in "
    "bfloat16 (TensorFlow's profiler, op self-times) had that one convolution at about 30% "
    "of the op time, its filter gradient alone at about 17%. Measured on the AMD EPYC with "
    "AVX512_BF16 (2 cores, no AMX), /tmp scripts, medians of interleaved repeats.",
    "",
    "Forward and both gradients of one layer (batch 32, one thread, ms):",
    "",
    "| layer | Conv2D float32 | gathered float32 | Conv2D bfloat16 | gathered bfloat16 |",
    "|---|---|---|---|---|",
    "| 4x4x128 to 2x2x256 (MNIST DCGAN's last) | 8.40 | 8.16 | 7.68 | **4.83** |",
    "| 7x7x64 to 4x4x128 (16 positions) | 5.70 | 10.69 | 4.68 | 6.21 |",
    "| 14x14x32 to 7x7x64 (49 positions) | 5.36 | 19.63 | 3.74 | 10.57 |",
    "",
    "Bfloat16's convolution kernels gain little over float32's at 2x2 outputs (7.68 "
    "against 8.40 ms), where the gathered form's matmuls gain 1.7x (4.83 against 8.16 ms, "
    "about 130 GFLOP/s on one thread); from 16 positions up the "
    "gathered patches cost more than the convolution saves, hence the bound of 4 "
    "(`live_taps.GATHERED_OUTPUTS`). End to end, the CLI model of each spec with the "
    "gathered form against the same model with the convolution (one process, 7 "
    "interleaved rounds, `1:2` threads unless named, images/s):",
    "",
    "| spec, precision | gathered | convolution | gain | plain reference (float32) |",
    "|---|---|---|---|---|",
    "| dcgan 28x28 batch 32, bfloat16 | 976 | 836 | +17% | 524 |",
    "| dcgan 28x28 batch 64, bfloat16 | 1,039 | 956 | +9% | 575 |",
    "| dcgan 28x28 batch 32, bfloat16, TensorFlow's threads | 786 | 726 | +8% | 509 |",
    "| wgan-gp 28x28 batch 32, bfloat16 | 993 | 844 | +18% | 358 |",
    "| dcgan 16x16 batch 64, discriminator bfloat16 | 1,455 | 1,339 | +9% | 617 |",
    "| dcgan 16x16 batch 64, float32 | 1,086 | 1,071 | +1% | 607 |",
    "| wgan-gp 28x28 batch 32, float32 | 698 | 661 | +6% | 356 |",
    "| pix2pix batch 8, bfloat16 | 323 | 320 | +1% | 181 |",
    "| pix2pix batch 8, bfloat16, TensorFlow's threads | 305 | 298 | +2% | 194 |",
    "| bare `compile()` dcgan 16x16 batch 64, float32, TensorFlow's threads | 3,314 "
    "| 3,416 | -3% | 2,612 |",
    "| bare `compile()` dcgan 28x28 batch 64, float32, TensorFlow's threads | 1,371 "
    "| 1,422 | -4% | 1,096 |",
    "",
    "In bfloat16 every spec gained, 1-18%. In float32 the gathered form is about even: "
    "+1% and +6% at `1:2`, -3% and -4% for the bare `compile()` models of the "
    "throughput table at TensorFlow's threads (one run each, 2026-12-08 01:05-01:08 "
    "UTC, where the rounds move by a few percent). One rule for every precision was kept, "
    "so that every table of this page measures the shipped code; gating the form on "
    "bfloat16 would take those few percent back in float32 and needs the float32 rows "
    "measured again. The reference trains the same networks in plain "
    "`keras.layers.Conv2D`, as a single-file script writes them, so the gain shows in "
    "the ratios of the tables above (rerun the same day). Outputs, gradients and the "
    "double backprop of R1 and the gradient penalty match `Conv2D` "
    "(tests/networks/test_live_taps.py); the sample-quality tables were measured with "
    "the convolution (the same function, summed in another order) and were not rerun.",
    "",
    "The figures above were measured with an `einsum` doing the gathering. On 2026-12-08 "
    "it became the broadcast batched matmul (`BatchMatMulV2`), because LiteRT could not "
    "load a pix2pix generator exported with the einsum (`BytesRequired number of "
    "elements overflowed`, tests/models/test_keras_export.py); the batched matmul "
    "exports, and on the one layer (4x4x128 to 2x2x256, batch 32, one thread) it ran "
    "4.29 against the einsum's 4.69 ms in bfloat16 and 6.93 against 7.53 in float32 (the "
    "convolution 8.32 and 8.75 in that run; a `tf.gather` of the positions 4.78 and "
    "7.25). End to end with it (the MNIST DCGAN's CLI model in bfloat16, batch 32, `1:2`, "
    "7 interleaved rounds, 2026-12-08 01:27 UTC): 987 images/s against 859 with the "
    "convolution (+15%; the reference 541). The tables of the other sections were "
    "measured with the einsum.",
    "",
    "Tried the same day and dropped: that convolution as four matmuls, one per output "
    "position on its slice of the input (24.5 ms in bfloat16: the slices' gradients); the "
    "generator's 7x7 to 14x14 transposed convolution as four stride-1 convolutions, one "
    "per output phase, interleaved (27.4 against 12.1 ms in bfloat16; 14x14 to 28x28: "
    "25.1 against 3.1).",
]
