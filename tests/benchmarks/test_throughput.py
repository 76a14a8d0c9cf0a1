"""The throughput benchmark's model set-up (the timing itself runs in `make bench`)."""

import keras
import numpy as np

from benchmarks import throughput


def test_parse_model_reads_family_and_side():
    assert throughput.parse_model("dcgan") == ("dcgan", 16)
    assert throughput.parse_model(" wgan-gp@28") == ("wgan-gp", 28)


def test_bfloat16_scheme_and_reference_start_from_the_float32_weights():
    variants, references, flops = throughput.build("dcgan", size=16)
    labels = [label for label, _ in variants]
    assert labels == [s[0] for s in throughput.SCHEMES["dcgan"]]
    assert list(references) == ["reference", throughput.REFERENCE_BF16]
    by_label = dict(variants)
    fp32, bf16 = by_label[labels[0]], by_label[throughput.BF16]
    assert fp32.generator.layers[1].compute_dtype == "float32"
    assert bf16.generator.layers[1].compute_dtype == "bfloat16"
    assert references[throughput.REFERENCE_BF16].generator.layers[1].compute_dtype == "bfloat16"
    for a, b in zip(fp32.generator.get_weights(), bf16.generator.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)
    # the reference's discriminator is in plain Conv2D layers: the last one holds the
    # full 5x5 kernel where ours stores the 2x2 taps that reach its 2x2 input
    reference_d = references[throughput.REFERENCE_BF16].discriminator
    assert "LiveTapsConv2D" not in [type(layer).__name__ for layer in reference_d.layers]
    for a, b in zip(fp32.discriminator.get_weights(), reference_d.get_weights(), strict=True):
        if a.shape == (2, 2, 64, 128):
            assert b.shape == (5, 5, 64, 128) and not np.delete(b, [1, 2], axis=0).any()
            b = b[1:3, 1:3]
        np.testing.assert_array_equal(a, b)
    assert flops > 0
    # building under a policy leaves the global policy as it was
    assert keras.mixed_precision.global_policy().name == "float32"


def test_28_pixel_rows_keep_only_the_levers_the_cli_can_turn_on():
    variants, _, _ = throughput.build("wgan-gp", size=28)
    kept = [throughput.SCHEMES["wgan-gp"][i][0] for i in throughput.KEPT_AT_28]
    assert [label for label, _ in variants] == kept
    assert variants[0][1].generator.output_shape == (None, 28, 28, 1)
